#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "corridor/error.hpp"
#include "corridor/io/scenario_loader.hpp"
#include "test_support.hpp"

namespace corridor::io {
namespace {

const std::string kMini = tests::source_path("tests/data/mini/").string();

TEST(ScenarioLoader, LoadsTheMiniScenario) {
  const LoadedScenario loaded = load_scenario(kMini + "scenario.yaml");
  const Scenario& s = loaded.scenario;
  EXPECT_EQ(s.name, "mini");
  EXPECT_EQ(s.seed, 7u);
  EXPECT_EQ(s.network.node_count(), 5u);
  EXPECT_EQ(s.network.link_count(), 5u);
  const auto aktau = s.network.find_node("aktau");
  ASSERT_TRUE(aktau);
  EXPECT_DOUBLE_EQ(s.network.node(*aktau).capacity_t_per_year, 4e6);
  EXPECT_EQ(s.network.node(*s.network.find_node("cn")).capacity_t_per_year, kUnlimited);
  EXPECT_EQ(s.network.node(*s.network.find_node("eu")).name, "Duisburg, DE");
  const LinkSpec& ferry = s.network.link(*s.network.find_link("aktau-alat"));
  EXPECT_EQ(ferry.mode, Mode::ferry);
  EXPECT_EQ(ferry.gauge_mm, 0);
  EXPECT_EQ(s.network.link(*s.network.find_link("ru-eu")).risk_premium_usd_per_t, 40.0);
  ASSERT_EQ(s.demand.segments.size(), 2u);
  // Seasonality is normalised to mean 1: ten months of 1 and two of 2 → 12/14 and 24/14.
  EXPECT_NEAR(s.demand.segments[0].seasonality[0], 12.0 / 14.0, 1e-12);
  EXPECT_NEAR(s.demand.segments[0].seasonality[11], 24.0 / 14.0, 1e-12);
  EXPECT_DOUBLE_EQ(s.demand.total_base_t_per_year(), 3e6);
  EXPECT_EQ(s.demand.od[0].growth_path, 0);
  EXPECT_EQ(s.demand.od[1].growth_path, -1);
  ASSERT_EQ(s.projects.size(), 1u);
  EXPECT_EQ(s.projects[0].change, Project::Change::add);
  ASSERT_EQ(s.projects[0].elements.size(), 1u);
  EXPECT_EQ(s.projects[0].elements[0].kind, ElementRef::Kind::link);
  EXPECT_EQ(s.projects[0].ramp_up_months, 3.0);
  ASSERT_EQ(s.disruptions.size(), 1u);
  EXPECT_EQ(s.disruptions[0].months, (std::vector<unsigned>{12, 1}));
  EXPECT_EQ(s.horizon.step_count(), 36u);
  ASSERT_EQ(s.corridor.measures.size(), 1u);
  ASSERT_EQ(s.corridor.headline_measure().elements.size(), 1u);
  EXPECT_EQ(s.corridor.headline_measure().elements[0],
            s.network.node_count() + *s.network.find_link("aktau-alat"));
  EXPECT_EQ(loaded.files.size(), 4u);
}

TEST(ScenarioLoader, OverrideMergesByIdAndKeepsBaseTablePaths) {
  const LoadedScenario loaded = load_scenario(kMini + "override.yaml");
  const Scenario& s = loaded.scenario;
  EXPECT_EQ(s.name, "mini-override");
  ASSERT_EQ(s.projects.size(), 1u);  // ferry-fleet disabled, port-phase added
  EXPECT_EQ(s.projects[0].id, "port-phase");
  EXPECT_EQ(s.projects[0].change, Project::Change::multiply_by);
  EXPECT_EQ(s.network.link(*s.network.find_link("ru-eu")).risk_premium_usd_per_t, 0.0);
  EXPECT_EQ(s.demand.segments.size(), 2u);  // inherited
}

TEST(ScenarioLoader, OverrideInAnotherFolderFindsBaseTables) {
  const tests::TempDir dir;
  const std::filesystem::path variant =
      dir.write("variant.yaml", "extends: " + kMini + "scenario.yaml\nname: elsewhere\n");
  const LoadedScenario loaded = load_scenario(variant);
  EXPECT_EQ(loaded.scenario.name, "elsewhere");
  EXPECT_EQ(loaded.scenario.network.node_count(), 5u);
}

TEST(ScenarioLoader, ErrorsNameTheFileOfTheOffendingValue) {
  const tests::TempDir dir;
  const std::filesystem::path variant = dir.write(
      "variant.yaml", "extends: " + kMini + "scenario.yaml\nassignment:\n  bpr_beta: -4\n");
  try {
    (void)load_scenario(variant);
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_NE(e.where().file.find("variant.yaml"), std::string::npos);
    EXPECT_EQ(e.where().line, 3);
    EXPECT_EQ(e.where().column, 13);
  }
}

}  // namespace
}  // namespace corridor::io
