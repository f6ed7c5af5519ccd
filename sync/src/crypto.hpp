#pragma once
// Passwords and tokens, all through libsodium: Argon2id hashing, a cryptographic RNG, BLAKE2b.
#include <string>
#include <string_view>

namespace alis::server {

// OWASP's Argon2id minimum is m = 19 MiB, t = 2, p = 1; libsodium uses p = 1.
inline constexpr unsigned long long kPasswordOps = 2;
inline constexpr std::size_t kPasswordMemory = 19u << 20;

void init_crypto();  // sodium_init; throws when the library cannot start
std::string hash_password(const std::string& password);  // "$argon2id$v=19$m=...": salt and parameters inside
bool verify_password(const std::string& stored_hash, const std::string& password);
// Runs one verification against a fixed hash, so an unknown username costs as much time as a known one.
void burn_password_time(const std::string& password);

// The password policy's dictionary (alis::sync::check_password's `is_common`): true when libzxcvbn
// (Debian's zxcvbn-c: common passwords, words, names, keyboard patterns, sequences, repeats, dates)
// estimates fewer than 10^8 guesses. 10^8 is zxcvbn's boundary for "safely unguessable" against a
// throttled online attack and far beyond it a stolen Argon2id hash at 19 MiB. Costs at most ~16 ms
// for the 256-byte maximum.
inline constexpr double kCommonPasswordBits = 26.575;  // log2(10^8)
bool common_password(std::string_view password);

std::string random_token();               // 32 random bytes, base64url without padding
std::string random_id(const std::string& prefix);  // prefix + 16 random hex digits
std::string random_password();            // 4 groups of 4 letters/digits, easy to read aloud
std::string token_hash(const std::string& token);  // hex BLAKE2b-256: what the database keeps

}  // namespace alis::server
