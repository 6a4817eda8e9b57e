#!/usr/bin/env bash
# Builds the WASI test programs: each NAME.c (and NAME.rs) becomes NAME.wasm (committed, so the
# tests need no toolchain). Needs Debian's clang-16, lld-16, wasi-libc, libclang-rt-16-dev-wasm32
# and wabt, and for the Rust program Debian's rustc and libstd-rust-dev-wasm32 (Rust 1.63; see
# ../shared/docs/platform.md). Usage: ./build.sh [NAME...]
set -euo pipefail
cd "$(dirname "$0")"
names=("$@")
if [ ${#names[@]} -eq 0 ]; then
  names=()
  for c in *.c *.rs; do names+=("${c%.*}"); done
fi
for name in "${names[@]}"; do
  if [ -f "$name.rs" ]; then
    /usr/bin/rustc --target wasm32-wasi -C opt-level=2 -C strip=symbols "$name.rs" -o "$name.wasm"
    echo "built $name.wasm ($(stat -c %s "$name.wasm") bytes)"
    continue
  fi
  clang-16 --target=wasm32-wasi -O2 -Wall -Werror -D_WASI_EMULATED_PROCESS_CLOCKS \
    "$name.c" -o "$name.wasm" -lwasi-emulated-process-clocks
  wasm-strip "$name.wasm"
  echo "built $name.wasm ($(stat -c %s "$name.wasm") bytes)"
done
