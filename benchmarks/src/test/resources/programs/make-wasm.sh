#!/usr/bin/env bash
# Rebuilds the harness's test programs' .wasm files (committed) as the benchmark contract prescribes:
# reactor modules without imports that export memory, _initialize, setup and run.
# Their checksums.txt lists what the native build (compare.sh builds it) computes.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
for src in c/*.c; do
  name=$(basename "$src" .c)
  clang-16 --target=wasm32-wasi -O2 -mexec-model=reactor -Wl,--export=setup -Wl,--export=run \
    -o "wasm/$name.wasm" "$src"
  wasm-strip "wasm/$name.wasm"
done
