// A municipality's uploaded list: any bytes through read_csv and read_candidate_list against the
// fuzz region, as the Kandidater screen reads a file. Nothing may crash, hang or throw; a file read
// without problems must give a list the server accepts, and one with problems gives nothing to send.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "alis/csv_reader.hpp"
#include "alis/sync/list_import.hpp"
#include "fuzz_region.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const alis::sync::PortalState base = alis::fuzz::region_state();
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    alis::Problems problems;
    const auto rows = alis::read_csv(bytes, problems);
    if (rows.has_value() == !problems.empty()) std::abort();  // rows exactly when nothing is wrong

    int n = 0;
    const auto import = alis::sync::read_candidate_list(base, "mun1", bytes, [&n] { return "c-new" + std::to_string(++n); });
    if (!import.ok()) {
        if (!import.args.empty()) std::abort();
        return 0;
    }
    alis::sync::PortalState state = base;
    const alis::sync::Actor municipality{"u-mun1", alis::sync::Role::municipality, "mun1", ""};
    const auto outcome = alis::sync::apply_mutation(state, municipality, {1, "import_candidate_list", import.args}, alis::fuzz::kToday);
    // The file was read against this very state, so the server's second check agrees with it.
    if (!outcome.accepted) std::abort();
    return 0;
}
