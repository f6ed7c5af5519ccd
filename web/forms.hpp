#pragma once
// Form fields: a label above the input, the field's validation message below it, and every input
// reported to the probe under its visible label. Dates are typed as dd.mm.åååå or picked from a
// calendar whose weeks start on Monday.
#include <imgui.h>

#include <optional>
#include <string>
#include <vector>

#include "alis/date.hpp"
#include "alis/problem.hpp"

namespace alis::web::ui {

// The problem about `field` (a path such as "doctor.hpr_number"; matched on its last part too).
const Problem* problem_for(const Problems& problems, const std::string& field);
// The message in red under a field, when there is one.
void field_error(const Problem* problem, Language lang);

bool text_input(const char* label, std::string& value, float width = 0, ImGuiInputTextFlags flags = 0);
bool password_input(const char* label, std::string& value, float width = 0);
bool multiline_input(const char* label, std::string& value, float width, float height);
bool int_input(const char* label, int& value, int min, int max, float width = 0);
bool checkbox(const char* label, bool& value);
// `options` are the visible names; returns true when the choice changed.
bool combo(const char* label, int& index, const std::vector<std::string>& options, float width = 0);
// A date as dd.mm.åååå with a calendar button. `text` is what the user typed.
bool date_input(const char* label, std::string& text, Language lang, float width = 0);
// Parses dd.mm.åååå; "" gives nothing.
std::optional<Date> date_from_field(const std::string& text);
std::string field_from_date(const std::optional<Date>& date);

}  // namespace alis::web::ui
