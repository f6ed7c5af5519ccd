#!/usr/bin/env bash
# Starts the built alis-sync on a temporary data folder (loopback, ephemeral port) and prints:
# empty pulls/s, durable mutations/s when batched, p50/p99 latency at 100 concurrent clients, and the
# pull latency while 40 clients log in (beside the same pulls without log-ins).
# Usage: bench/sync/run.sh [BUILD_DIR]   (default build/server; needs targets alis-sync and sync_load)
# Prints figures only; never fails on time.
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build/server}
server="$build/sync/alis-sync"
load="$build/bench/sync/sync_load"
for f in "$server" "$load"; do
  [[ -x "$f" ]] || { echo "missing $f: cmake --build $build --target alis-sync sync_load" >&2; exit 1; }
done
tmp=$(mktemp -d)
# The load generator is one user pushing as fast as the server takes it: the per-user push rate (a
# defence against one account flooding the server) is lifted so the server's own capacity is measured.
"$server" serve --listen 127.0.0.1:0 --data "$tmp/data" --demo --test-clock --today 2027-01-04 \
  --push-rate 1000000000 --push-burst 1000000000 >"$tmp/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$tmp"' EXIT
for _ in $(seq 1 200); do
  grep -q "listening on http://" "$tmp/server.log" && break
  sleep 0.05
done
port=$(grep -o 'listening on http://[0-9.]*:[0-9]*' "$tmp/server.log" | sed 's/.*://')
[[ -n "$port" ]] || { cat "$tmp/server.log"; exit 1; }
echo "alis-sync on 127.0.0.1:$port, data in $tmp/data ($(nproc) cores)"
echo "== empty pulls, 8 clients (throughput)"
"$load" --port "$port" --mode pull --clients 8 --seconds 5
echo "== empty pulls, 100 concurrent clients (latency)"
"$load" --port "$port" --mode pull --clients 100 --seconds 5
echo "== durable pushes, batches of 100 mutations, 4 clients (throughput)"
"$load" --port "$port" --mode push --clients 4 --batch 100 --seconds 5
echo "== durable pushes, batches of 10 mutations, 100 concurrent clients (latency)"
"$load" --port "$port" --mode push --clients 100 --batch 10 --seconds 5
echo "== empty pulls by 8 clients, alone and while 40 clients log in (Argon2id on the hashing pool)"
"$load" --port "$port" --mode login-flood --clients 8 --logins 40 --seconds 5
