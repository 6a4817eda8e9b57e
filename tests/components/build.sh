#!/usr/bin/env bash
# Builds the test components: each NAME.wat (the component text format, written for this project)
# becomes NAME.wasm (committed, so the tests need no toolchain), with `jco parse`, which is
# wasm-tools' parser compiled to JavaScript (npm package @bytecodealliance/jco, installed into a
# temporary directory with the machine's node and npm). With --run it then runs each component
# under `jco run` (Bytecode Alliance's preview2 shim for node), the reference its output is
# compared with. Usage: ./build.sh [--run] [NAME...]
set -euo pipefail
cd "$(dirname "$0")"
jco_version=1.35.0
run=0
if [ "${1-}" = "--run" ]; then run=1; shift; fi
names=("$@")
if [ ${#names[@]} -eq 0 ]; then
  names=()
  for w in *.wat; do names+=("${w%.wat}"); done
fi
tools=$(mktemp -d)
trap 'rm -rf "$tools"' EXIT
(cd "$tools" && npm install --silent --no-audit --no-fund "@bytecodealliance/jco@$jco_version" >/dev/null)
jco="$tools/node_modules/.bin/jco"
for name in "${names[@]}"; do
  "$jco" parse "$name.wat" -o "$name.wasm"
  echo "built $name.wasm ($(stat -c %s "$name.wasm") bytes)"
  if [ $run = 1 ]; then
    echo "--- jco run $name.wasm"
    "$jco" run "$name.wasm" || echo "(exit status $?)"
  fi
done
