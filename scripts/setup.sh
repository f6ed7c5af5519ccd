#!/usr/bin/env bash
# Installs everything the portal needs to build, run and test, from Debian's archive and npm only.
# Idempotent: packages already present are skipped, and so is the ImGui source when it is unpacked.
# Usage: scripts/setup.sh [--for-tests]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
for_tests=0
[[ "${1:-}" == "--for-tests" ]] && for_tests=1

log() { printf '[setup] %s\n' "$*"; }

packages=(
  build-essential cmake pkg-config dpkg-dev
  emscripten nodejs npm
  nlohmann-json3-dev doctest-dev libboost-dev libsqlite3-dev libsodium-dev libcli11-dev
  libzxcvbn-dev
  libcurl4-openssl-dev  # SMTP for the mail outbox (sync/src/mailer.cpp)
  fonts-dejavu-core sqlite3
  brotli  # precompressed .br copies of the site (shell/browser/write_site.cmake)
)
if (( for_tests )); then
  packages+=(chromium python3-aiosmtpd wrk hyperfine)
  packages+=(python3-icalendar)  # parses the portal's .ics downloads in tests/e2e/downloads.test.mjs
  packages+=(clang-14 libclang-rt-14-dev)  # libFuzzer and clang's sanitizer runtimes (scripts/fuzz.sh)
fi

missing=()
for p in "${packages[@]}"; do
  # npm and nodejs may come from another source than Debian's; any working binary will do.
  case "$p" in
    nodejs) command -v node >/dev/null && continue ;;
    npm) command -v npm >/dev/null && continue ;;
  esac
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

# ImGui's sources come from Debian's source package; apt needs a deb-src line for the archive it
# already uses for binaries.
need_src_list=0
src_list=/etc/apt/sources.list.d/alis-deb-src.sources
imgui_dir="$root/build/_deps/imgui"
if [[ ! -f "$imgui_dir/imgui.cpp" && ! -f "$src_list" ]]; then
  need_src_list=1
fi

run_as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }

if (( need_src_list )); then
  uri=$(grep -hoE '^(URIs:|deb) *[^ ]+' /etc/apt/sources.list.d/*.sources /etc/apt/sources.list 2>/dev/null \
        | awk '{print $2}' | grep -E '/debian/?$' | sed -n 1p || true)
  uri=${uri:-http://deb.debian.org/debian}
  suite=$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")
  log "adding deb-src for $uri $suite main (ImGui sources)"
  run_as_root tee "$src_list" >/dev/null <<SRC
Types: deb-src
URIs: $uri
Suites: $suite
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
fi

if (( ${#missing[@]} )) || (( need_src_list )); then
  log "apt-get update"
  run_as_root apt-get update -qq || log "apt-get update reported errors; continuing with what it fetched"
fi
if (( ${#missing[@]} )); then
  log "installing: ${missing[*]}"
  run_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  log "Debian packages present"
fi

if [[ ! -f "$imgui_dir/imgui.cpp" ]]; then
  log "fetching Dear ImGui sources (apt-get source imgui)"
  mkdir -p "$root/build/_deps/src"
  (cd "$root/build/_deps/src" && apt-get source -qq imgui >/dev/null 2>&1 || apt-get source imgui)
  unpacked=$(find "$root/build/_deps/src" -maxdepth 1 -type d -name 'imgui-*' | sed -n 1p)
  [[ -n "$unpacked" ]] || { echo "apt-get source imgui unpacked nothing" >&2; exit 1; }
  rm -rf "$imgui_dir"
  mv "$unpacked" "$imgui_dir"
  rm -rf "$root/build/_deps/src"
else
  log "ImGui sources present"
fi

if (( for_tests )); then
  if [[ ! -d node_modules/playwright-core || ! -d node_modules/axe-core ]]; then
    log "npm ci (playwright-core, axe-core; the browser is Debian's chromium)"
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
  else
    log "npm packages present"
  fi
fi
log "done"
