// `corridor assign`: placeholder registration until the equilibrium solver lands
// (issue 3 replaces this file).
#include "cli/commands.hpp"

namespace corridor::cli {

void add_assign_command(CLI::App& app, Context& /*ctx*/, Action& /*selected*/) {
  (void)app;
}

}  // namespace corridor::cli
