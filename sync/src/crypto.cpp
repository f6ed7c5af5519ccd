#include "crypto.hpp"

#include <sodium.h>

#include <zxcvbn.h>

#include <stdexcept>
#include <string>

namespace alis::server {

void init_crypto() {
    if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
}

std::string hash_password(const std::string& password) {
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(out, password.data(), password.size(), kPasswordOps, kPasswordMemory,
                              crypto_pwhash_ALG_ARGON2ID13) != 0) {
        throw std::runtime_error("password hashing ran out of memory");
    }
    return out;
}

bool verify_password(const std::string& stored_hash, const std::string& password) {
    if (stored_hash.empty() || stored_hash.size() >= crypto_pwhash_STRBYTES) return false;
    return crypto_pwhash_str_verify(stored_hash.c_str(), password.data(), password.size()) == 0;
}

void burn_password_time(const std::string& password) {
    static const std::string dummy = hash_password("not a real password, only for timing");
    (void)verify_password(dummy, password);
}

bool common_password(std::string_view password) {
    // zxcvbn takes a C string: a password with a NUL byte is judged on what precedes it, which
    // can only make it look weaker.
    const std::string text(password);
    ZxcMatch_t* info = nullptr;
    const double bits = ZxcvbnMatch(text.c_str(), nullptr, &info);
    ZxcvbnFreeInfo(info);
    return bits < kCommonPasswordBits;
}

std::string random_token() {
    unsigned char bytes[32];
    randombytes_buf(bytes, sizeof bytes);
    char out[sodium_base64_ENCODED_LEN(32, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
    sodium_bin2base64(out, sizeof out, bytes, sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    return out;
}

std::string random_id(const std::string& prefix) {
    unsigned char bytes[8];
    randombytes_buf(bytes, sizeof bytes);
    char hex[17];
    sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
    return prefix + hex;
}

std::string random_password() {
    // No 0/O, 1/l/I: read from a terminal and typed by hand.
    static const char alphabet[] = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    std::string out;
    for (int i = 0; i < 16; ++i) {
        if (i > 0 && i % 4 == 0) out += '-';
        out += alphabet[randombytes_uniform(sizeof alphabet - 1)];
    }
    return out;
}

std::string token_hash(const std::string& token) {
    unsigned char digest[32];
    crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(token.data()), token.size(),
                       nullptr, 0);
    char hex[65];
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    return hex;
}

}  // namespace alis::server
