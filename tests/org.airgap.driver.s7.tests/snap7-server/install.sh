#!/usr/bin/env bash
# Installs node-snap7 (it builds the snap7 library from source: needs node, npm, make and g++) into
# node_modules/ beside this script, which git ignores. Does nothing when it is already built.
set -euo pipefail
cd "$(dirname "$0")"
[ -f node_modules/node-snap7/build/Release/node_snap7.node ] && exit 0
for tool in node npm make g++; do
  command -v "$tool" >/dev/null || { echo "snap7 test server: $tool is missing (Debian: apt-get install nodejs npm make g++)" >&2; exit 1; }
done
# node-gyp compiles against the installed node's headers instead of downloading them (no download site
# is reachable from CI): nodesource's nodejs and Debian's libnode-dev put them in /usr/include/node.
if [ -z "${npm_config_nodedir:-}" ] && [ -f /usr/include/node/node.h ]; then
  export npm_config_nodedir=/usr
fi
# package.json's allowScripts lets npm >= 11 run node-snap7's native build; older npm runs it anyway.
npm install --no-audit --no-fund --no-package-lock
