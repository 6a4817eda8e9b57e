#!/usr/bin/env bash
# Builds the benchmark programs (see README.md):
#   c/<name>.c -> wasm/<name>.wasm            clang-16 --target=wasm32-wasi -O2 -mexec-model=reactor, wasm-strip
#   c/<name>.c -> target/native/<name>        gcc -O2 -ffp-contract=off with native/driver.c
# then checks that each program has no imports and the expected exports, that the native
# checksum equals checksums.txt, and (when node is on the PATH) that node computes the same.
# Usage: ./build.sh [--update-checksums] [name...]
#   --update-checksums  rewrite checksums.txt from the native builds (the native build is the reference)
# Environment: CLANG (default clang-16), CC (default gcc), NODE (default node; empty: skip node).
set -euo pipefail
cd "$(dirname "$0")"

CLANG=${CLANG:-clang-16}
CC=${CC:-gcc}
NODE=${NODE-node}
WASM_FLAGS=(--target=wasm32-wasi -O2 -mexec-model=reactor
            -Wl,--export=setup -Wl,--export=run -Wl,-z,stack-size=1048576)
NATIVE_FLAGS=(-O2 -ffp-contract=off -std=c11 -Wall -Wextra -Wno-unused-parameter)

update=0
names=()
for arg in "$@"; do
    case "$arg" in
        --update-checksums) update=1 ;;
        -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
        -*) echo "unknown option: $arg" >&2; exit 64 ;;
        *) names+=("$arg") ;;
    esac
done
if [ ${#names[@]} -eq 0 ]; then
    for src in c/*.c; do names+=("$(basename "$src" .c)"); done
fi

if [ -n "$NODE" ] && ! command -v "$NODE" >/dev/null 2>&1; then
    echo "note: $NODE not found, skipping the node check"
    NODE=""
fi

mkdir -p wasm target/native
failures=0
declare -A actual=()

checksum_of() { # prints the checksum= value of runner output on stdin
    sed -n 's/^checksum=//p'
}

for name in "${names[@]}"; do
    src="c/$name.c"
    [ -f "$src" ] || { echo "no such program: $src" >&2; exit 64; }
    wasm="wasm/$name.wasm"
    native="target/native/$name"

    "$CLANG" "${WASM_FLAGS[@]}" "$src" -o "$wasm"
    wasm-strip "$wasm"
    if wasm-objdump -h "$wasm" | grep -q '^ *Import '; then
        echo "FAIL $name: $wasm has imports:" >&2
        wasm-objdump -x -j Import "$wasm" >&2
        failures=$((failures + 1))
    fi
    exports=$(wasm-objdump -x -j Export "$wasm" | sed -n 's/.*-> "\(.*\)"$/\1/p' | sort | tr '\n' ' ')
    if [ "$exports" != "_initialize memory run setup " ]; then
        echo "FAIL $name: exports are [$exports], expected [_initialize memory run setup]" >&2
        failures=$((failures + 1))
    fi

    "$CC" "${NATIVE_FLAGS[@]}" -o "$native" native/driver.c "$src" -lm
    native_sum=$("$native" 1 | checksum_of)
    actual[$name]=$native_sum

    expected=$(awk -v n="$name" '$1 == n { print $2 }' checksums.txt 2>/dev/null || true)
    status="native=$native_sum"
    if [ $update -eq 0 ]; then
        if [ -z "$expected" ]; then
            echo "FAIL $name: no checksum in checksums.txt (run ./build.sh --update-checksums)" >&2
            failures=$((failures + 1))
        elif [ "$native_sum" != "$expected" ]; then
            echo "FAIL $name: native checksum $native_sum, checksums.txt says $expected" >&2
            failures=$((failures + 1))
        fi
    fi
    if [ -n "$NODE" ]; then
        node_sum=$("$NODE" run-node.mjs "$wasm" 1 | checksum_of)
        status="$status node=$node_sum"
        if [ "$node_sum" != "$native_sum" ]; then
            echo "FAIL $name: node checksum $node_sum differs from native $native_sum" >&2
            failures=$((failures + 1))
        fi
    fi
    printf '%-14s %8d bytes  %s\n' "$name" "$(stat -c %s "$wasm")" "$status"
done

if [ $update -eq 1 ]; then
    tmp=$(mktemp)
    [ -f checksums.txt ] && cp checksums.txt "$tmp"
    for name in "${!actual[@]}"; do
        awk -v n="$name" '$1 != n' "$tmp" > "$tmp.new" && mv "$tmp.new" "$tmp"
        echo "$name ${actual[$name]}" >> "$tmp"
    done
    sort "$tmp" > checksums.txt
    rm -f "$tmp"
    echo "checksums.txt updated"
fi

if [ $failures -ne 0 ]; then
    echo "$failures failure(s)" >&2
    exit 1
fi
echo "all ${#names[@]} program(s) OK"
