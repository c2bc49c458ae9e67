#!/usr/bin/env bash
# Publishing latency: 1,000 posts due at the same instant, published by the real engine through
# the real Nostr adapter to a real nostr-rs-relay on 127.0.0.1; prints p50/p90/p99/max from the
# due time to the request leaving and to the relay's OK, the scheduler's own cost per post (a
# no-op publisher), and peak memory. The bench is src-tauri/crates/chorus-core/benches/
# publish_latency.rs (release profile via cargo bench); its header lists the settings
# (CHORUS_BENCH_POSTS, CHORUS_BENCH_CONCURRENCY, ...), which pass through from the environment.
#
# Only one with-servers.sh run per machine at a time: if the relay's port (7447) is taken by
# another run, this waits for it (up to CHORUS_BENCH_PORT_WAIT seconds, default 900).
# Usage: tests/bench/publish-latency.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$HOME/.cache/chorus-target}

# Build first, so the relay is up only while the bench runs.
cargo bench --locked -p chorus-core --bench publish_latency --no-run

# Free means: the port is not listening and no other with-servers.sh run is alive (one may be
# between two of its servers), twice in a row a second apart.
free() {
  [ -z "$(ss -H -ltn 'sport = :7447' 2>/dev/null)" ] && ! pgrep -f 'tests/servers/with-servers\.sh' >/dev/null
}
wait_s=${CHORUS_BENCH_PORT_WAIT:-900}
for ((waited = 0; ; waited += 5)); do
  if free && sleep 1 && free; then break; fi
  if ((waited >= wait_s)); then
    echo "publish-latency: the test servers (port 7447) are still in use by another run after ${wait_s} s" >&2
    exit 1
  fi
  if ((waited % 60 == 0)); then
    echo "publish-latency: the test servers (port 7447) are in use by another run; waiting…" >&2
  fi
  sleep 5
done

CHORUS_TEST_SERVERS=nostr RUST_LOG=${RUST_LOG:-warn} bash tests/servers/with-servers.sh \
  cargo bench --locked -p chorus-core --bench publish_latency
