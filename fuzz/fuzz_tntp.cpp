// libFuzzer target: the TNTP readers. The first byte chooses the reader (net,
// trips, flows); the rest is the file. A network that loads is also turned into
// an assignment problem against a one-zone trips table, as `corridor assign` does.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "corridor/io/tntp.hpp"
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace io = corridor::io;
  if (size == 0) return 0;
  const auto path = (corridor::fuzz::scratch_dir() / "input.tntp").string();
  corridor::fuzz::write_bytes(path,
                              std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1));
  corridor::fuzz::expect_success_or_input_error([&] {
    switch (data[0] % 3) {
      case 0: {
        const io::TntpNetwork net = io::read_tntp_network(path);
        io::TntpTrips trips;
        trips.zones = 1;
        (void)io::make_assignment_problem(net, trips, io::TntpWeights{0.02, 0.04}, path);
        break;
      }
      case 1:
        (void)io::read_tntp_trips(path);
        break;
      default:
        (void)io::read_tntp_flows(path);
        break;
    }
  });
  return 0;
}
