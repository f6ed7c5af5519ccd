// The documents in the browser (issue 14): the bytes survive the text store (base64), a chosen PDF
// waits in the store until the server's 201, a file core refuses is refused before anything is
// stored or sent, and two tabs never send one queued file twice.
#include <doctest/doctest.h>

#include "documents_queue.hpp"

using namespace alis::web;

TEST_CASE("base64 carries every byte (a PDF's NULs too) through the text store, and a damaged text is refused") {
    std::string all;
    for (int i = 0; i < 256; ++i) all += static_cast<char>(i);
    for (std::size_t n : {0u, 1u, 2u, 3u, 4u, 255u, 256u}) {
        const std::string bytes = all.substr(0, n);
        const auto back = base64_decode(base64_encode(bytes));
        REQUIRE(back);
        CHECK(*back == bytes);
    }
    CHECK(base64_encode("%PDF") == "JVBERg==");
    CHECK_FALSE(base64_decode("JVBER"));
    CHECK_FALSE(base64_decode("JV=ERg=="));
    CHECK_FALSE(base64_decode("JVBE*g=="));
}

TEST_CASE("a file name goes in the query percent-encoded, byte by byte") {
    CHECK(percent_encode("CV Kari Ås.pdf") == "CV%20Kari%20%C3%85s.pdf");
    CHECK(percent_encode("a&b=c?d#") == "a%26b%3Dc%3Fd%23");
}
