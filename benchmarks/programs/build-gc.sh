#!/usr/bin/env bash
# Builds the Wasm GC benchmark programs (see README.md, "Wasm GC programs"):
#   gc/<name>.wat -> wasm/<name>.wasm   node gen/wat-gc.mjs (our own assembler: no tool on the machine
#                                       assembles Wasm GC text; wabt 1.0.32 has no GC, binaryen 108
#                                       writes a pre-standard encoding)
# and checks each program's checksum:
#   - checksums.txt must hold the value that gc/<name>.expected.mjs computes without Wasm;
#   - when node is on the PATH, node must compute the same: from wasm/<name>.wasm when its V8 has
#     standard Wasm GC (node 22 and later), else, on node 20 (V8 11.3), from the same text assembled
#     with wat-gc.mjs --v8-11 into target/<name>.v8-11.wasm (V8 11.3's pre-standard GC encoding) and
#     run with --experimental-wasm-gc. That build is a check only; it never goes to wasm/.
# There is no native build of a GC program. The output is deterministic (rebuilding gives
# byte-identical files).
# Usage: ./build-gc.sh [name...]        (default: every gc/*.wat)
# Environment: NODE (default node; empty: skip the node check).
set -euo pipefail
cd "$(dirname "$0")"
NODE=${NODE-node}
command -v "${NODE:-node}" >/dev/null 2>&1 || { echo "build-gc.sh: node is needed to assemble (gen/wat-gc.mjs)" >&2; exit 2; }
assembler=${NODE:-node}

names=("$@")
if [ ${#names[@]} -eq 0 ]; then
  for src in gc/*.wat; do names+=("$(basename "$src" .wat)"); done
fi
mkdir -p wasm target
failures=0
fail() { echo "FAIL $*" >&2; failures=$((failures + 1)); }
checksum_of() { sed -n 's/^checksum=//p'; }
for name in "${names[@]}"; do
  [ -f "gc/$name.wat" ] || { echo "build-gc.sh: no gc/$name.wat" >&2; exit 64; }
  [[ "$name" == *-gc ]] || fail "$name: a Wasm GC program's name ends in -gc (compare.sh tells them apart by it)"
  "$assembler" gen/wat-gc.mjs "gc/$name.wat" "wasm/$name.wasm"
  expected=$(awk -v n="$name" '$1 == n { print $2 }' checksums.txt)
  model=$("$assembler" "gc/$name.expected.mjs")
  status="model=$model"
  if [ -z "$expected" ]; then
    fail "$name: no checksum in checksums.txt (the model computes $model)"
  elif [ "$model" != "$expected" ]; then
    fail "$name: gc/$name.expected.mjs computes $model, checksums.txt says $expected"
  fi
  if [ -n "$NODE" ]; then
    set +e
    out=$("$NODE" ../runners/node-runner.mjs "wasm/$name.wasm" 1 2>/dev/null)
    code=$?
    set -e
    if [ $code -eq 4 ]; then # this V8 rejects standard Wasm GC: node 20's pre-standard encoding
      "$assembler" gen/wat-gc.mjs --v8-11 "gc/$name.wat" "target/$name.v8-11.wasm"
      set +e
      out=$("$NODE" --experimental-wasm-gc ../runners/node-runner.mjs "target/$name.v8-11.wasm" 1)
      code=$?
      set -e
      status="$status node=$(checksum_of <<< "$out") (node $("$NODE" --version), V8 11 encoding, --experimental-wasm-gc)"
    else
      status="$status node=$(checksum_of <<< "$out") (node $("$NODE" --version))"
    fi
    node_sum=$(checksum_of <<< "$out")
    if [ $code -ne 0 ] || [ "$node_sum" != "$model" ]; then
      fail "$name: node (exit $code) computed '${node_sum}', the model $model"
    fi
  fi
  printf '%-16s %6d bytes  %s\n' "$name" "$(stat -c %s "wasm/$name.wasm")" "$status"
done
if [ $failures -ne 0 ]; then
  echo "$failures failure(s)" >&2
  exit 1
fi
echo "all ${#names[@]} GC program(s) OK"
