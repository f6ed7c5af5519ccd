// The upload queue's stored bytes (web/documents_queue.hpp): any text through base64_decode, as a
// damaged or foreign "docq-" file in the browser's store would be read. Nothing may crash or throw;
// any bytes must come back unchanged through encode and decode.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "documents_queue.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    if (const auto decoded = alis::web::base64_decode(bytes)) {
        if (decoded->size() > bytes.size()) std::abort();  // never grows
    }
    const auto back = alis::web::base64_decode(alis::web::base64_encode(bytes));
    if (!back || *back != bytes) std::abort();
    (void)alis::web::percent_encode(bytes);
    return 0;
}
