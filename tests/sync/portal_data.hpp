#pragma once
// Record bodies for the tests, valid by the core's rules (see core/include/alis/domain.hpp).
#include <nlohmann/json.hpp>

#include <string>

namespace alis::test {

inline nlohmann::json doctor_body(const std::string& id, const std::string& municipality, const std::string& name = "Test Lege") {
    return {{"id", id}, {"name", name}, {"hpr_number", "1234567"}, {"municipality_id", municipality},
            {"general_practice_start", "2020-01-01"}};
}

inline nlohmann::json available_time_body(const std::string& id, const std::string& doctor) {
    return {{"id", id}, {"doctor_id", doctor}, {"start", "2027-03-01"}, {"end", "2027-08-31"}};
}

inline nlohmann::json wish_body(const std::string& id, const std::string& doctor) {
    return {{"id", id}, {"doctor_id", doctor}, {"rank", 1}, {"hospital_id", "helse-bergen"}};
}

inline nlohmann::json period_body(const std::string& id, const std::string& hospital, const std::string& department) {
    return {{"id", id}, {"hospital_id", hospital}, {"department_id", department}, {"start", "2027-03-01"},
            {"end", "2027-08-31"}, {"places", 1}, {"published_on", "2027-01-04"}, {"reason", "foreldrepermisjon"}};
}

inline nlohmann::json mutation(std::int64_t id, const std::string& name, const nlohmann::json& args) {
    return {{"id", id}, {"name", name}, {"args", args}};
}

}  // namespace alis::test
