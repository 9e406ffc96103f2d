// TNTP network, trips and best-known-flow readers, and the conversion of a
// TNTP network into a one-class assignment problem.
#include "corridor/io/tntp.hpp"

#include <cmath>

#include "io/tntp_scan.hpp"

namespace corridor::io {
namespace {

using tntp_detail::Scanner;

// Ends a record: an optional ';' and nothing else on the line.
void end_record(Scanner& in) {
  if (in.peek() == ';') in.expect_char(';', "';'");
  if (!in.at_end()) in.fail("unexpected text after the record", "end of line");
}

double non_negative(Scanner& in, const char* what) {
  in.skip_space();
  const int column = in.column();
  const double v = in.number(what);
  if (v < 0.0) in.fail_at(column, std::string("negative ") + what, "a number >= 0");
  return v;
}

std::int64_t node_number(Scanner& in, const char* what, std::int64_t count) {
  in.skip_space();
  const int column = in.column();
  const std::int64_t v = in.integer(what);
  if (v < 1 || v > count) {
    in.fail_at(column, std::string(what) + " " + std::to_string(v) + " out of range",
               "a number from 1 to " + std::to_string(count));
  }
  return v;
}

TntpLink read_link(Scanner& in, std::int64_t nodes) {
  TntpLink l;
  l.init_node = node_number(in, "init node", nodes);
  l.term_node = node_number(in, "term node", nodes);
  in.skip_space();
  const int cap_column = in.column();
  l.capacity = in.number("capacity");
  if (!(l.capacity > 0.0)) in.fail_at(cap_column, "capacity must be positive", "a number > 0");
  l.length = non_negative(in, "length");
  l.free_flow_time = non_negative(in, "free flow time");
  l.b = non_negative(in, "b");
  l.power = non_negative(in, "power");
  l.speed = non_negative(in, "speed");
  l.toll = non_negative(in, "toll");
  l.link_type = static_cast<int>(in.integer("link type"));
  end_record(in);
  return l;
}

}  // namespace

TntpNetwork read_tntp_network(const std::string& path) {
  Scanner in(path);
  in.read_metadata();
  TntpNetwork net;
  net.zones = in.meta_int("NUMBER OF ZONES", true);
  net.nodes = in.meta_int("NUMBER OF NODES", true);
  net.first_thru_node = in.meta_int("FIRST THRU NODE", false, 1);
  const std::int64_t declared = in.meta_int("NUMBER OF LINKS", true);
  while (in.next_record()) net.links.push_back(read_link(in, net.nodes));
  if (static_cast<std::int64_t>(net.links.size()) != declared) {
    throw InputError({path, in.line_number(), 0},
                     "found " + std::to_string(net.links.size()) + " links",
                     std::to_string(declared) + " as declared in <NUMBER OF LINKS>");
  }
  return net;
}

TntpTrips read_tntp_trips(const std::string& path) {
  Scanner in(path);
  in.read_metadata();
  TntpTrips trips;
  trips.zones = in.meta_int("NUMBER OF ZONES", true);
  trips.total_flow = in.meta_double("TOTAL OD FLOW", false, 0.0);
  std::int64_t origin = 0;
  while (in.next_record()) {
    if (std::isalpha(static_cast<unsigned char>(in.peek())) != 0) {
      const int column = in.column();
      if (in.word() != "Origin") in.fail_at(column, "unknown keyword", "'Origin <zone>'");
      origin = node_number(in, "origin", trips.zones);
      end_record(in);
      continue;
    }
    if (origin == 0) in.fail("destination entry before any 'Origin' line", "'Origin <zone>'");
    while (!in.at_end()) {
      TntpOd od;
      od.origin = origin;
      od.destination = node_number(in, "destination", trips.zones);
      in.expect_char(':', "':' after the destination");
      od.flow = non_negative(in, "demand");
      in.expect_char(';', "';' after the demand");
      trips.demand.push_back(od);
    }
  }
  return trips;
}

std::vector<TntpFlow> read_tntp_flows(const std::string& path) {
  Scanner in(path);
  if (!in.next_record() || in.word() != "From") {
    in.fail("missing header", "'From To Volume Cost'");
  }
  std::vector<TntpFlow> flows;
  while (in.next_record()) {
    TntpFlow f;
    f.from = in.integer("from node");
    f.to = in.integer("to node");
    f.volume = in.number("volume");
    f.cost = in.number("cost");
    end_record(in);
    flows.push_back(f);
  }
  return flows;
}

assign::Problem make_assignment_problem(const TntpNetwork& net, const TntpTrips& trips,
                                        const TntpWeights& weights, const std::string& trips_path) {
  if (trips.zones > net.nodes) {
    throw InputError({trips_path, 0, 0}, "trips declare " + std::to_string(trips.zones) + " zones",
                     "at most the network's " + std::to_string(net.nodes) + " nodes");
  }
  assign::Problem p;
  assign::Network& g = p.network;
  g.node_count = static_cast<assign::Index>(net.nodes);
  g.first_thru_node =
      static_cast<assign::Index>(std::max<std::int64_t>(net.first_thru_node - 1, 0));
  g.node_id.resize(g.node_count);
  for (assign::Index v = 0; v < g.node_count; ++v) g.node_id[v] = std::int64_t{v} + 1;
  assign::TrafficClass& k = p.classes.emplace_back();
  k.name = "all";
  for (const TntpLink& l : net.links) {
    g.tail.push_back(static_cast<assign::Index>(l.init_node - 1));
    g.head.push_back(static_cast<assign::Index>(l.term_node - 1));
    // A zero b makes the power irrelevant; 1 keeps the BPR precondition (beta >= 1).
    const double power = l.b == 0.0 ? 1.0 : l.power;
    g.cost.push_back({assign::CostKind::bpr, l.free_flow_time, l.capacity, l.b, power});
    k.fixed_cost.push_back(weights.toll * l.toll + weights.distance * l.length);
  }
  for (const TntpOd& od : trips.demand) {
    if (od.flow > 0.0 && od.origin != od.destination) {
      k.demand.push_back({static_cast<assign::Index>(od.origin - 1),
                          static_cast<assign::Index>(od.destination - 1), od.flow});
    }
  }
  return p;
}

}  // namespace corridor::io
