#!/usr/bin/env bash
# Builds the WASI test programs: each NAME.c becomes NAME.wasm (committed, so the tests need no C
# toolchain). Needs Debian's clang-16, lld-16, wasi-libc, libclang-rt-16-dev-wasm32 and wabt
# (see ../shared/docs/platform.md). Usage: ./build.sh [NAME...]
set -euo pipefail
cd "$(dirname "$0")"
names=("$@")
if [ ${#names[@]} -eq 0 ]; then
  names=()
  for c in *.c; do names+=("${c%.c}"); done
fi
for name in "${names[@]}"; do
  clang-16 --target=wasm32-wasi -O2 -Wall -Werror -D_WASI_EMULATED_PROCESS_CLOCKS \
    "$name.c" -o "$name.wasm" -lwasi-emulated-process-clocks
  wasm-strip "$name.wasm"
  echo "built $name.wasm ($(stat -c %s "$name.wasm") bytes)"
done
