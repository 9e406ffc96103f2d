#include "cli/commands.hpp"
namespace corridor::cli {
void add_check_command(CLI::App& app, Context& /*ctx*/, Action& /*selected*/) { (void)app; }
}  // namespace corridor::cli
