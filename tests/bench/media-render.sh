#!/usr/bin/env bash
# A 24 MP photo to four network presets, Chorus beside ImageMagick `convert` and libvips
# `vipsthumbnail` in one run, and 500 thumbnails made in the background. Prints figures;
# asserts nothing about time. Needs imagemagick (.ci/install-deps.sh) and libvips-tools
# (installed here when missing: only the benchmark uses it).
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! command -v vipsthumbnail >/dev/null; then
  as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
  as_root apt-get install -y -qq libvips-tools
fi
exec cargo bench --locked -p chorus-core --bench media_render
