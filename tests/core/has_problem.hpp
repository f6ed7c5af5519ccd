#pragma once
// Shared by the core suites: whether a list of problems names this field and this rule.
#include <algorithm>
#include <string>

#include "alis/problem.hpp"

namespace alis::testing {

inline bool has_problem(const Problems& ps, const std::string& field, const std::string& rule) {
    return std::any_of(ps.begin(), ps.end(), [&](const Problem& p) { return p.field == field && p.rule == rule; });
}

}  // namespace alis::testing
