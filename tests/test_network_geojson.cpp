// network.geojson: a valid FeatureCollection with one Point per node and one
// LineString per directed link, [lon, lat] coordinates and per-year properties
// that agree with elements.csv's step figures.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <cmath>
#include <string>

#include "corridor/io/network_geojson.hpp"
#include "corridor/sim/simulation.hpp"
#include "test_support.hpp"

namespace corridor::io {
namespace {

struct MiniRun {
  Scenario scenario;
  sim::SimulationResult result;
  nlohmann::json geojson;
};

const MiniRun& mini_run() {
  static const MiniRun run = [] {
    MiniRun r;
    r.scenario = tests::mini_scenario();
    r.result = sim::simulate(r.scenario);
    r.geojson = nlohmann::json::parse(network_geojson(r.scenario, r.result));
    return r;
  }();
  return run;
}

const nlohmann::json& feature(const nlohmann::json& collection, const std::string& id) {
  for (const nlohmann::json& f : collection["features"]) {
    if (f["id"] == id) return f;
  }
  throw std::runtime_error("no feature " + id);
}

TEST(NetworkGeojson, IsAFeatureCollectionOfNodesThenLinks) {
  const MiniRun& run = mini_run();
  ASSERT_EQ(run.geojson["type"], "FeatureCollection");
  EXPECT_EQ(run.geojson["name"], "mini");
  const nlohmann::json& features = run.geojson["features"];
  ASSERT_EQ(features.size(), 5U + 5U);  // mini: 5 nodes, 5 directed links
  for (std::size_t i = 0; i < features.size(); ++i) {
    EXPECT_EQ(features[i]["type"], "Feature");
    EXPECT_EQ(features[i]["geometry"]["type"], i < 5 ? "Point" : "LineString") << i;
    EXPECT_EQ(features[i]["properties"]["feature"], i < 5 ? "node" : "link") << i;
  }
}

TEST(NetworkGeojson, CoordinatesAreLonLat) {
  const MiniRun& run = mini_run();
  const nlohmann::json& aktau = feature(run.geojson, "aktau");  // lat 43.6, lon 51.2
  EXPECT_DOUBLE_EQ(aktau["geometry"]["coordinates"][0].get<double>(), 51.2);
  EXPECT_DOUBLE_EQ(aktau["geometry"]["coordinates"][1].get<double>(), 43.6);
  const nlohmann::json& ferry =
      feature(run.geojson, "aktau-alat");  // Aktau (51.2, 43.6) to Alat (49.4, 40.1)
  EXPECT_EQ(ferry["geometry"]["coordinates"],
            nlohmann::json::parse("[[51.2, 43.6], [49.4, 40.1]]"));
  EXPECT_EQ(ferry["properties"]["from"], "aktau");
  EXPECT_EQ(ferry["properties"]["to"], "alat");
  EXPECT_EQ(ferry["properties"]["direction"], "westbound");
  EXPECT_EQ(ferry["properties"]["leg"], "aktau~alat");
  EXPECT_EQ(ferry["properties"]["corridor"], true);
  EXPECT_EQ(feature(run.geojson, "cn-ru")["properties"]["corridor"], false);
}

TEST(NetworkGeojson, YearlyPropertiesSumTheSteps) {
  const MiniRun& run = mini_run();
  const Scenario& s = run.scenario;
  const sim::SimulationResult& r = run.result;
  const std::uint32_t e = s.network.node_count() + *s.network.find_link("aktau-alat");
  for (const int year : {2022, 2023, 2024}) {
    double flow = 0.0, capacity = 0.0;
    for (std::size_t t = 0; t < r.steps.size(); ++t) {
      if (r.steps[t].year != year) continue;
      flow += r.element_flow_t[t * r.element_count + e];
      capacity += r.element_capacity_t[t * r.element_count + e];
    }
    const nlohmann::json& p = feature(run.geojson, "aktau-alat")["properties"];
    const std::string y = std::to_string(year);
    EXPECT_NEAR(p["flow_t_" + y].get<double>(), flow, 1e-3) << y;
    EXPECT_NEAR(p["capacity_t_" + y].get<double>(), capacity, 1e-3) << y;
    EXPECT_NEAR(p["utilisation_" + y].get<double>(), flow / capacity, 1e-6) << y;
  }
  EXPECT_GT(feature(run.geojson, "aktau-alat")["properties"]["flow_t_2022"].get<double>(), 0.0);
}

TEST(NetworkGeojson, UnlimitedElementsHaveNullCapacityAndUtilisation) {
  const nlohmann::json& p = feature(mini_run().geojson, "cn-ru")["properties"];
  EXPECT_TRUE(p["capacity_t_2023"].is_null());
  EXPECT_TRUE(p["utilisation_2023"].is_null());
  EXPECT_TRUE(p["flow_t_2023"].is_number());
  const nlohmann::json& node = feature(mini_run().geojson, "cn")["properties"];
  EXPECT_EQ(node["kind"], "terminal");
  EXPECT_EQ(node["country"], "CN");
  EXPECT_TRUE(node["throughput_t_2022"].is_number());
  EXPECT_TRUE(node["capacity_t_2022"].is_null());
}

}  // namespace
}  // namespace corridor::io
