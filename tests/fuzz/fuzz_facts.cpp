// The evaluation's kept fact rows read back (alis/sync/facts.hpp, doctor_facts.hpp) on arbitrary
// JSON: never crashes, and whatever is read as a fact is written back as a row that reads the same.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include <nlohmann/json.hpp>

#include "alis/sync/doctor_facts.hpp"
#include "alis/sync/evaluation.hpp"
#include "alis/sync/facts.hpp"

namespace {
template <class Fact, class Read>
void round_trip(const nlohmann::json& row, Read read) {
    const std::optional<Fact> fact = read(row);
    if (!fact) return;
    const std::optional<Fact> again = read(nlohmann::json(*fact));
    if (!again || !(*again == *fact)) std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size > 1 << 16) return 0;  // a kept row is small; the parser's own limits are fuzz_json's
    const auto row = nlohmann::json::parse(std::string_view(reinterpret_cast<const char*>(data), size), nullptr, false);
    if (row.is_discarded()) return 0;
    round_trip<alis::sync::PeriodFact>(row, [](const nlohmann::json& j) { return alis::sync::period_fact_from_json(j); });
    round_trip<alis::sync::DoctorFact>(row, [](const nlohmann::json& j) { return alis::sync::doctor_fact_from_json(j); });
    round_trip<alis::sync::OfferFact>(row, [](const nlohmann::json& j) { return alis::sync::offer_fact_from_json(j); });
    return 0;
}
