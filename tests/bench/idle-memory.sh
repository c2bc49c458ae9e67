#!/usr/bin/env bash
# Idle memory of the real app: RSS (and PSS, which does not double-count shared pages) of the
# chorus-app process plus its WebKit processes, a few seconds after the window has painted.
# Usage: tests/bench/idle-memory.sh PATH/TO/chorus-app [settle-seconds]
set -euo pipefail
app=${1:?path to chorus-app}
settle=${2:-8}
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
mkdir -p "$profile"/{data,xdg-data,xdg-cache,xdg-config,home}
# A profile with one workspace, so the measured screen is the main window, not onboarding.
"$(dirname "$app")/chorus" --data-dir "$profile/data" workspace create --name "Bench Bakery" --timezone Europe/Berlin >/dev/null

CHORUS_DATA_DIR=$profile/data HOME=$profile/home XDG_DATA_HOME=$profile/xdg-data \
XDG_CACHE_HOME=$profile/xdg-cache XDG_CONFIG_HOME=$profile/xdg-config RUST_LOG=warn \
xvfb-run -a -s "-screen 0 1280x800x24 -nolisten tcp" dbus-run-session -- bash -c '
  app=$1; settle=$2
  "$app" >/dev/null 2>&1 & pid=$!
  for _ in $(seq 1 150); do xdotool search --name "^Chorus$" >/dev/null 2>&1 && break; sleep 0.2; done
  sleep "$settle"
  descendants() { for c in $(pgrep -P "$1"); do echo "$c"; descendants "$c"; done; }
  pids="$pid $(descendants "$pid" | tr "\n" " ")"
  total_rss=0; total_pss=0
  printf "%-8s %-28s %10s %10s\n" PID PROCESS RSS_KiB PSS_KiB
  for p in $pids; do
    [ -r "/proc/$p/status" ] || continue
    name=$(cat "/proc/$p/comm")
    rss=$(awk "/^VmRSS:/ {print \$2}" "/proc/$p/status")
    pss=$(awk "/^Pss:/ {print \$2}" "/proc/$p/smaps_rollup" 2>/dev/null || echo 0)
    printf "%-8s %-28s %10s %10s\n" "$p" "$name" "$rss" "$pss"
    total_rss=$((total_rss + rss)); total_pss=$((total_pss + pss))
  done
  awk -v s="$settle" -v r="$total_rss" -v p="$total_pss" \
    "BEGIN { printf \"idle memory after %ss: RSS %d KiB (%.1f MiB), PSS %d KiB (%.1f MiB)\\n\", s, r, r/1024, p, p/1024 }"
  kill "$pid"; wait "$pid" 2>/dev/null || true
' _ "$app" "$settle"
