#!/usr/bin/env bash
# Builds the debug test program hotspot.c with DWARF and not stripped: hotspot-O0.wasm (-g -O0,
# what a debugger test steps through), hotspot.wasm (-g -O2, what a sampler test profiles), both
# with clang's default DWARF 4 for Wasm, and hotspot-dwarf5.wasm (-gdwarf-5 -O2, for the DWARF
# decoder's tests; wasi-libc's own DWARF stays version 4). All are committed, so the tests need
# no C toolchain. The DWARF paths are made machine-independent: the compilation directory is "."
# and the file is "hotspot.c", which resolves beside the .wasm. A native gcc build writes the
# output all must print to expected/hotspot.txt. types.c becomes types-O0.wasm, a module without
# libc for the decoder's tests of C types. Needs clang-16, lld-16, wasi-libc and gcc (see
# ../../../shared/docs/platform.md). Usage: ./build.sh
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p expected
debug_paths=(-fdebug-compilation-dir=. "-fdebug-prefix-map=$PWD=.")
# Compiled and linked in two steps: given -O at link time, clang runs binaryen's wasm-opt when it
# is on the PATH, which moves code without updating the DWARF (every address becomes 0).
build() { # OUTPUT CLANG-OPTIONS...
  local out=$1
  shift
  clang-16 --target=wasm32-wasi "$@" -Wall -Werror "${debug_paths[@]}" -c hotspot.c -o "/tmp/${out%.wasm}.o"
  clang-16 --target=wasm32-wasi "/tmp/${out%.wasm}.o" -o "$out"
}
build hotspot-O0.wasm -g -O0
build hotspot.wasm -g -O2
build hotspot-dwarf5.wasm -gdwarf-5 -O2
clang-16 --target=wasm32-wasi -g -O0 -Wall -Werror "${debug_paths[@]}" -c types.c -o /tmp/types-O0.o
clang-16 --target=wasm32-wasi -nostdlib -Wl,--no-entry /tmp/types-O0.o -o types-O0.wasm
gcc -O2 -Wall -Werror hotspot.c -o /tmp/hotspot-native
/tmp/hotspot-native > expected/hotspot.txt
for w in hotspot-O0.wasm hotspot.wasm hotspot-dwarf5.wasm types-O0.wasm; do
  echo "built $w ($(stat -c %s "$w") bytes)"
done
echo "native output in expected/hotspot.txt: $(cat expected/hotspot.txt)"
