#!/usr/bin/env bash
# Builds the threads test programs: each NAME.c becomes NAME.wasm (committed, so the tests need no
# C toolchain) and a native NAME built with gcc and glibc's pthreads, whose output is written to
# expected/NAME.txt (committed: the Wasm build must print the same).
#
# The Wasm build is C for wasm32-wasi-threads with a shared memory imported as env.memory, the
# ABI of wasi-threads. Debian's wasi-libc (bookworm, also trixie and sid as of 2026-12) is built
# single-threaded only, and wasm-ld refuses its objects in a module with a shared memory, so these
# programs link no libc: wasi_pthread.c gives them pthreads, _start and output over WASI.
# Needs clang-16, lld-16, wabt and gcc (see ../../../shared/docs/platform.md). Usage: ./build.sh [NAME...]
set -euo pipefail
cd "$(dirname "$0")"
names=("$@")
if [ ${#names[@]} -eq 0 ]; then
  names=(parallel_sum atomic_counter)
fi
mkdir -p expected
for name in "${names[@]}"; do
  clang-16 --target=wasm32-wasi-threads -pthread -O2 -Wall -Werror -nostdlib \
    "$name.c" wasi_pthread.c wasi_thread_start.s -o "$name.wasm" \
    -Wl,--shared-memory,--import-memory,--export-memory,--max-memory=16777216,--no-entry,--export=_start
  wasm-strip "$name.wasm"
  gcc -O2 -Wall -Werror -pthread "$name.c" -o "/tmp/$name-native"
  "/tmp/$name-native" > "expected/$name.txt"
  echo "built $name.wasm ($(stat -c %s "$name.wasm") bytes); native output in expected/$name.txt"
done
