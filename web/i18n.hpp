#pragma once
// Every string the interface shows goes through this table, so switching the language changes all of
// them. Keys are an enum so a missing translation is a compile error, not a blank label.
#include "alis/text.hpp"

namespace alis::web {

enum class Msg {
    portal_name,
    portal_subtitle,
    intro_why,
    intro_how,
    intro_two_months,
    for_gps_title,
    for_gps_body,
    for_hospitals_title,
    for_hospitals_body,
    for_municipalities_title,
    for_municipalities_body,
    log_in,
    register_gp,
    language,
    footer,
    coming_next,
    back,
    count_  // keep last
};

const char* tr(Language lang, Msg key);

}  // namespace alis::web
