#include "browser_settings.hpp"

#include <emscripten.h>

#include <fstream>
#include <sstream>

namespace alis::shell {

namespace {
constexpr const char* kPath = "/data/settings.json";
}

std::string BrowserSettings::load() {
    std::ifstream in(kPath, std::ios::binary);
    if (!in) return {};
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

void BrowserSettings::save(const std::string& json) {
    {
        std::ofstream out(kPath, std::ios::binary | std::ios::trunc);
        out << json;
    }
    EM_ASM(Module.alisPersist(););
}

}  // namespace alis::shell
