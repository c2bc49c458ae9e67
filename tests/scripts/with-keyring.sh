#!/usr/bin/env bash
# Runs CMD with a private D-Bus session and an unlocked GNOME Keyring in a throw-away home,
# so keychain tests never touch the user's own keyring.
set -euo pipefail
if [ -z "${CHORUS_IN_KEYRING_SESSION:-}" ]; then
  exec env CHORUS_IN_KEYRING_SESSION=1 dbus-run-session -- "$0" "$@"
fi
# Cargo and rustup keep finding their homes after HOME moves.
export RUSTUP_HOME=${RUSTUP_HOME:-$HOME/.rustup} CARGO_HOME=${CARGO_HOME:-$HOME/.cargo}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export HOME=$tmp/home XDG_DATA_HOME=$tmp/home/.local/share XDG_RUNTIME_DIR=$tmp/run XDG_CACHE_HOME=$tmp/cache
mkdir -p "$HOME" "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
# Creates the "login" collection and unlocks it; the daemon lives as long as the D-Bus session.
eval "$(printf 'chorus-test-password' | gnome-keyring-daemon --unlock --components=secrets)"
"$@"
