#!/usr/bin/env bash
# The web app's figures: compressed download size of app.js + app.wasm, bytes a first visit
# downloads (page and service worker together, through a counting proxy), time to first frame in
# headless Chromium on loopback (cold and from the service worker's cache), and CPU time per frame
# with a 10,000-row table (the real alis-sync serving build/web/site). Prints; never fails on time.
# Usage: bench/web/run.sh [NATIVE_BUILD_DIR] [WEB_BUILD_DIR]   (defaults build/native build/web)
set -euo pipefail
cd "$(dirname "$0")/../.."
native=${1:-build/native}
web=${2:-build/web}
site="$web/site"
for f in "$site/app.js" "$site/app.wasm" "$site/sw.js" "$native/sync/alis-sync"; do
  [[ -f "$f" ]] || { echo "missing $f: scripts/build.sh all" >&2; exit 1; }
done
raw=$(( $(stat -c %s "$site/app.js") + $(stat -c %s "$site/app.wasm") ))
gz=$(( $(gzip -9 -c "$site/app.js" | wc -c) + $(gzip -9 -c "$site/app.wasm" | wc -c) ))
awk -v raw="$raw" -v gz="$gz" 'BEGIN { printf "app.js + app.wasm: %.2f MB raw, %.2f MB gzip -9 (target <= 2 MB compressed)\n", raw / 1048576, gz / 1048576 }'
echo "load average while measuring (2 cores): $(cut -d' ' -f1-3 /proc/loadavg)"
export ALIS_SYNC_BIN="$native/sync/alis-sync" ALIS_WEB_ROOT="$site"
node bench/web/first_visit.mjs
node bench/web/first_frame.mjs
node bench/web/frame_time.mjs
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
