// libFuzzer target: io::CsvTable::parse on arbitrary bytes.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_support.hpp"
#include "io/csv_table.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  corridor::fuzz::expect_success_or_input_error([&] {
    const corridor::io::CsvTable table = corridor::io::CsvTable::parse(bytes, "fuzz.csv");
    // Touch every field so that a bad position or size shows up under ASan.
    std::size_t chars = 0;
    for (const corridor::io::CsvRow& row : table.rows()) {
      for (const corridor::io::CsvField& f : row)
        chars += f.text.size() + static_cast<std::size_t>(f.line + f.column);
    }
    (void)chars;
  });
  return 0;
}
