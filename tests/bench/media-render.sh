#!/usr/bin/env bash
# A 24 MP photo to four network presets, Chorus beside ImageMagick `convert` in one run, and
# 500 thumbnails made in the background. Prints figures; asserts nothing about time.
# Needs the imagemagick package (.ci/install-deps.sh installs it).
set -euo pipefail
cd "$(dirname "$0")/../.."
exec cargo bench --locked -p chorus-core --bench media_render
