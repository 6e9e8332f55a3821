#!/usr/bin/env bash
# Compiles apptest.c into <target>/apptest with the system C compiler, statically when possible so
# the binary runs on any Linux worker (and inside a bubblewrap sandbox with a minimal /usr).
set -euo pipefail
target=${1:?usage: build.sh <target dir>}
src=$(dirname "$0")/src/main/c/apptest.c
cc=$(command -v cc || command -v gcc || true)
if [ -z "$cc" ]; then
  echo "apptest needs a C compiler: install one (apt-get install gcc) and build again" >&2
  exit 1
fi
mkdir -p "$target"
"$cc" -O2 -Wall -Wextra -static -o "$target/apptest" "$src" 2>/dev/null \
  || "$cc" -O2 -Wall -Wextra -o "$target/apptest" "$src"
echo "apptest built: $target/apptest"
