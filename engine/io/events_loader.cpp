// Loads the dated parts of a scenario: horizon, projects, disruptions.
#include <algorithm>
#include <map>

#include "io/parse_value.hpp"
#include "io/scenario_parts.hpp"
#include "io/yaml_decode.hpp"

namespace corridor::io {
namespace {

bool enabled(const MapReader& m) {
  const YamlNode* e = m.optional("enabled");
  return e == nullptr || as_bool(*e, "enabled");
}

std::string item_name(std::string_view list, std::size_t i) {
  return std::string(list) + "[" + std::to_string(i) + "]";
}

Project read_project(const MapReader& m, const Network& network) {
  const YamlNode& node = m.node();
  const std::string& what = m.what();
  Project p;
  p.id = as_identifier(m.required("id"), "id");
  p.name = m.optional("name") ? as_text(*m.optional("name"), "name") : p.id;
  p.elements = resolve_elements(m.required("element"), network, "element");
  const YamlNode& attr = m.required("attribute");
  const auto attribute = parse_attribute(as_text(attr, "attribute"));
  if (!attribute) {
    fail(attr, "attribute '" + attr.scalar + "' is not recognised",
         "capacity_t_per_year, transit_days, dwell_days, tariff_usd_per_t, "
         "risk_premium_usd_per_t or handling_cost_usd_per_t");
  }
  p.attribute = *attribute;
  for (const ElementRef& e : p.elements) {
    const bool is_node = e.kind == ElementRef::Kind::node;
    const bool applies = is_node ? attribute_slot(NodeSpec{}, p.attribute) != nullptr
                                 : attribute_slot(LinkSpec{}, p.attribute) != nullptr;
    if (!applies) {
      const std::string id = is_node ? network.node(e.index).id : network.link(e.index).id;
      fail(attr,
           attr.scalar + " is not an attribute of " + (is_node ? "node '" : "link '") + id + "'",
           is_node
               ? "capacity_t_per_year, dwell_days or handling_cost_usd_per_t"
               : "capacity_t_per_year, transit_days, tariff_usd_per_t or risk_premium_usd_per_t");
    }
  }
  int changes = 0;
  const YamlNode* last_change = nullptr;
  for (const YamlEntry& e : node.entries) {
    if (e.key == "to" || e.key == "times" || e.key == "plus") last_change = &e.value;
  }
  const auto any = [](double) { return true; };
  if (const YamlNode* v = m.optional("to")) {
    p.change = Project::Change::set_to;
    p.value = as_number(*v, "to", any, "a number");
    ++changes;
  }
  if (const YamlNode* v = m.optional("times")) {
    p.change = Project::Change::multiply_by;
    p.value = as_number(
        *v, "times", [](double x) { return x > 0; }, "a factor > 0");
    ++changes;
  }
  if (const YamlNode* v = m.optional("plus")) {
    p.change = Project::Change::add;
    p.value = as_number(*v, "plus", any, "a number");
    ++changes;
  }
  if (changes != 1) {
    fail(last_change != nullptr ? *last_change : node,
         what + " gives " + std::to_string(changes) + " of to/times/plus",
         "exactly one of 'to', 'times' or 'plus'");
  }
  p.in_service = as_date(m.required("date"), "date");
  if (const YamlNode* r = m.optional("ramp_up_months")) {
    p.ramp_up_months = as_number(
        *r, "ramp_up_months", [](double x) { return x >= 0 && x <= 600; }, "months from 0 to 600");
  }
  p.source = as_text(m.required("source"), "source");
  return p;
}

// Applies the projects of each element attribute in date order and checks that
// every value on the way stays in the attribute's range.
void check_project_chain(const std::vector<Project>& projects,
                         const std::vector<const YamlNode*>& nodes, const Network& network) {
  std::vector<std::size_t> order(projects.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return std::chrono::sys_days(projects[a].in_service) <
           std::chrono::sys_days(projects[b].in_service);
  });
  std::map<std::tuple<int, std::uint32_t, int>, double> value;
  for (std::size_t i : order) {
    const Project& p = projects[i];
    for (const ElementRef& e : p.elements) {
      const auto key = std::tuple(static_cast<int>(e.kind), e.index, static_cast<int>(p.attribute));
      auto [it, fresh] = value.try_emplace(key, 0.0);
      if (fresh) it->second = attribute_value(network, e, p.attribute);
      const double after = p.applied_to(it->second);
      if (!attribute_in_range(p.attribute, after)) {
        fail(*nodes[i],
             "project '" + p.id + "' would set " + std::string(to_string(p.attribute)) + " to " +
                 format_number(after),
             std::string(attribute_range(p.attribute)));
      }
      it->second = after;
    }
  }
}

}  // namespace

ElementRef resolve_element(const YamlNode& node, const Network& network, std::string_view what) {
  const std::string id = as_identifier(node, what);
  if (const auto v = network.find_node(id)) return {ElementRef::Kind::node, *v};
  if (const auto a = network.find_link(id)) return {ElementRef::Kind::link, *a};
  std::vector<std::string_view> ids;
  for (const NodeSpec& n : network.nodes()) ids.push_back(n.id);
  for (const LinkSpec& l : network.links()) ids.push_back(l.id);
  fail(node, std::string(what) + " '" + id + "' is not a node or link" + did_you_mean(id, ids),
       "the id of a node or a link");
}

std::vector<ElementRef> resolve_elements(const YamlNode& node, const Network& network,
                                         std::string_view what) {
  if (!node.is_sequence()) return {resolve_element(node, network, what)};
  std::vector<ElementRef> elements;
  for (const YamlNode& item : node.items) {
    const ElementRef e = resolve_element(item, network, what);
    for (const ElementRef& seen : elements) {
      if (seen.kind == e.kind && seen.index == e.index)
        fail(item, std::string(what) + " '" + item.scalar + "' listed twice", "each element once");
    }
    elements.push_back(e);
  }
  if (elements.empty())
    fail(node, std::string(what) + " is an empty list", "an element id or a list of them");
  return elements;
}

Horizon load_horizon(const YamlNode& section) {
  const MapReader m(section, "horizon", {"start", "end", "step"});
  Horizon h;
  h.start = as_year_month(m.required("start"), "horizon.start");
  h.end = as_year_month(m.required("end"), "horizon.end");
  if (h.end < h.start)
    fail(m.required("end"), "horizon.end is before horizon.start", "an end on or after the start");
  if (const YamlNode* s = m.optional("step")) {
    const std::string step = as_choice(*s, "horizon.step", {"week", "month", "quarter"});
    h.step = step == "week"      ? StepLength::week
             : step == "quarter" ? StepLength::quarter
                                 : StepLength::month;
  }
  return h;
}

std::vector<Project> load_projects(const YamlNode& list, const Network& network) {
  std::vector<Project> projects;
  std::vector<const YamlNode*> nodes;
  std::map<std::string, const YamlNode*> ids;
  const auto& items = as_list(list, "projects");
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string what = item_name("projects", i);
    const MapReader m(items[i], what,
                      {"id", "name", "element", "attribute", "to", "times", "plus", "date",
                       "ramp_up_months", "enabled", "source"});
    if (!ids.emplace(as_identifier(m.required("id"), "id"), &items[i]).second) {
      fail(m.required("id"), "duplicate project id '" + m.required("id").scalar + "'",
           "unique project ids");
    }
    if (!enabled(m)) continue;
    projects.push_back(read_project(m, network));
    const char* key = projects.back().change == Project::Change::set_to        ? "to"
                      : projects.back().change == Project::Change::multiply_by ? "times"
                                                                               : "plus";
    nodes.push_back(items[i].find(key));  // range errors of the chain point at the change
  }
  check_project_chain(projects, nodes, network);
  return projects;
}

std::vector<Disruption> load_disruptions(const YamlNode& list, const Network& network) {
  std::vector<Disruption> result;
  std::map<std::string, int> ids;
  const auto& items = as_list(list, "disruptions");
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string what = item_name("disruptions", i);
    const MapReader m(
        items[i], what,
        {"id", "element", "months", "from", "to", "closed_fraction", "enabled", "source"});
    Disruption d;
    d.id = as_identifier(m.required("id"), "id");
    if (!ids.emplace(d.id, 0).second)
      fail(m.required("id"), "duplicate disruption id '" + d.id + "'", "unique disruption ids");
    if (!enabled(m)) continue;
    d.elements = resolve_elements(m.required("element"), network, "element");
    const YamlNode* months = m.optional("months");
    const YamlNode* from = m.optional("from");
    const YamlNode* to = m.optional("to");
    if ((months != nullptr) == (from != nullptr || to != nullptr)) {
      const YamlNode* at = from != nullptr ? from : (to != nullptr ? to : &items[i]);
      fail(*at, what + " needs either 'months' or 'from' and 'to'", "exactly one of the two forms");
    }
    if (months != nullptr) {
      for (const YamlNode& month : as_list(*months, "months")) {
        d.months.push_back(static_cast<unsigned>(as_integer(month, "month", 1, 12)));
      }
      if (d.months.empty()) fail(*months, "months is empty", "at least one month 1..12");
    } else {
      d.from = as_date(m.required("from"), "from");
      d.to = as_date(m.required("to"), "to");
      if (std::chrono::sys_days(*d.to) < std::chrono::sys_days(*d.from)) {
        fail(*to, "closure ends before it starts", "'to' on or after 'from'");
      }
    }
    d.closed_fraction = as_number(
        m.required("closed_fraction"), "closed_fraction", [](double x) { return x > 0 && x <= 1; },
        "a fraction > 0 and <= 1");
    d.source = as_text(m.required("source"), "source");
    result.push_back(std::move(d));
  }
  return result;
}

}  // namespace corridor::io
