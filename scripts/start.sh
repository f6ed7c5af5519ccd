#!/usr/bin/env bash
# Installs what is missing, builds, and starts the portal: alis-sync serving the web app and its API
# with an embedded SQLite database. Extra arguments go to `alis-sync serve` (e.g. --demo).
# Configuration: ALIS_LISTEN (default 127.0.0.1:8080), ALIS_DATA (default ./data).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh native alis-sync
scripts/build.sh web app
exec build/native/sync/alis-sync serve \
  --listen "${ALIS_LISTEN:-127.0.0.1:8080}" \
  --data "${ALIS_DATA:-$(pwd)/data}" \
  --web-root "$(pwd)/build/web/site" "$@"
