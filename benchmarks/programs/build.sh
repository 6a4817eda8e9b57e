#!/usr/bin/env bash
# Builds the benchmark programs (see README.md):
#   c/<name>.c -> wasm/<name>.wasm            clang-16 --target=wasm32-wasi -O2 -mexec-model=reactor, wasm-strip
#   c/<name>.c -> target/native/<name>        gcc -O2 -ffp-contract=off with native/driver.c
# and each SIMD kernel c/simd/<kernel>.c (one source with a __wasm_simd128__ path and a scalar path)
# into two programs with the same checksum:
#   c/simd/<kernel>.c -> wasm/<kernel>-scalar.wasm   the same clang flags
#   c/simd/<kernel>.c -> wasm/<kernel>-simd.wasm     the same clang flags and -msimd128
#   c/simd/<kernel>.c -> target/native/<kernel>-scalar and (a copy) target/native/<kernel>-simd: the
#                        scalar C, gcc -O2 -ffp-contract=off, the native column of both programs
# then checks that each module has no imports and the expected exports, validates as Wasm 1.0 (the
# -simd modules: Wasm 1.0 and SIMD) and has vector instructions exactly when it is a -simd module,
# that the native checksum equals checksums.txt, and (when node is on the PATH) that node computes the same.
# Usage: ./build.sh [--update-checksums] [name...]
#   name                a program (sieve), a SIMD kernel (dotf32: both its programs) or one of its
#                       programs (dotf32-simd: builds both, they share the native build)
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
# wasm-validate with every feature after Wasm 1.0 disabled (wabt 1.0.32 enables these by default);
# the -simd modules are validated without the last one.
MVP_ONLY=(--disable-sign-extension --disable-bulk-memory --disable-saturating-float-to-int
          --disable-multi-value --disable-reference-types --disable-simd)

update=0
names=()
for arg in "$@"; do
    case "$arg" in
        --update-checksums) update=1 ;;
        -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
        -*) echo "unknown option: $arg" >&2; exit 64 ;;
        *) names+=("$arg") ;;
    esac
done

# What to build: "program <name>" for c/<name>.c, "kernel <kernel>" for c/simd/<kernel>.c.
units=()
unit_of() { # name -> unit, or nothing
    if [ -f "c/$1.c" ]; then
        echo "program $1"
    elif [ -f "c/simd/$1.c" ]; then
        echo "kernel $1"
    elif [[ "$1" =~ ^(.+)-(scalar|simd)$ ]] && [ -f "c/simd/${BASH_REMATCH[1]}.c" ]; then
        echo "kernel ${BASH_REMATCH[1]}"
    fi
}
if [ ${#names[@]} -eq 0 ]; then
    for src in c/*.c; do units+=("program $(basename "$src" .c)"); done
    for src in c/simd/*.c; do [ -f "$src" ] && units+=("kernel $(basename "$src" .c)"); done
else
    for name in "${names[@]}"; do
        unit=$(unit_of "$name")
        [ -n "$unit" ] || { echo "no such program: $name (neither c/$name.c nor a SIMD kernel in c/simd/)" >&2; exit 64; }
        [[ " ${units[*]-} " == *" $unit "* ]] || units+=("$unit")
    done
fi

if [ -n "$NODE" ] && ! command -v "$NODE" >/dev/null 2>&1; then
    echo "note: $NODE not found, skipping the node check"
    NODE=""
fi

mkdir -p wasm target/native
failures=0
programs=0
declare -A actual=()

checksum_of() { # prints the checksum= value of runner output on stdin
    sed -n 's/^checksum=//p'
}
fail() {
    echo "FAIL $*" >&2
    failures=$((failures + 1))
}

# Compiles src to wasm/<name>.wasm with the extra clang flags, and checks the module: no imports,
# exactly the four exports, valid as Wasm 1.0 (simd=1: Wasm 1.0 and SIMD), vector instructions
# exactly when simd=1.
build_wasm() { # name src simd clang-flag...
    local name=$1 src=$2 simd=$3 wasm="wasm/$1.wasm" validate exports vector
    shift 3
    "$CLANG" "${WASM_FLAGS[@]}" "$@" "$src" -o "$wasm"
    wasm-strip "$wasm"
    if wasm-objdump -h "$wasm" | grep -q '^ *Import '; then
        fail "$name: $wasm has imports:"
        wasm-objdump -x -j Import "$wasm" >&2
    fi
    exports=$(wasm-objdump -x -j Export "$wasm" | sed -n 's/.*-> "\(.*\)"$/\1/p' | sort | tr '\n' ' ')
    if [ "$exports" != "_initialize memory run setup " ]; then
        fail "$name: exports are [$exports], expected [_initialize memory run setup]"
    fi
    validate=("${MVP_ONLY[@]}")
    [ "$simd" = 1 ] && unset 'validate[${#validate[@]}-1]'
    wasm-validate "${validate[@]}" "$wasm" || fail "$name: $wasm is not valid with wasm-validate ${validate[*]}"
    vector=$(wasm-objdump -d "$wasm" | grep -cE '\| *(v128|i8x16|i16x8|i32x4|i64x2|f32x4|f64x2)\.' || true)
    if [ "$simd" = 1 ] && [ "$vector" -eq 0 ]; then
        fail "$name: $wasm has no vector instructions (built with $*)"
    elif [ "$simd" = 0 ] && [ "$vector" -ne 0 ]; then
        fail "$name: $wasm has $vector vector instructions"
    fi
    vectors[$name]=$vector
}

# Checks the checksum of program name: the native binary's against checksums.txt, node's against native.
check_program() { # name
    local name=$1 wasm="wasm/$1.wasm" native="target/native/$1" native_sum expected status node_sum
    native_sum=$("$native" 1 | checksum_of)
    actual[$name]=$native_sum
    expected=$(awk -v n="$name" '$1 == n { print $2 }' checksums.txt 2>/dev/null || true)
    status="native=$native_sum"
    if [ $update -eq 0 ]; then
        if [ -z "$expected" ]; then
            fail "$name: no checksum in checksums.txt (run ./build.sh --update-checksums)"
        elif [ "$native_sum" != "$expected" ]; then
            fail "$name: native checksum $native_sum, checksums.txt says $expected"
        fi
    fi
    if [ -n "$NODE" ]; then
        node_sum=$("$NODE" run-node.mjs "$wasm" 1 | checksum_of)
        status="$status node=$node_sum"
        if [ "$node_sum" != "$native_sum" ]; then
            fail "$name: node checksum $node_sum differs from native $native_sum"
        fi
    fi
    [ "${vectors[$name]}" -gt 0 ] && status="$status (${vectors[$name]} vector instructions)"
    printf '%-14s %8d bytes  %s\n' "$name" "$(stat -c %s "$wasm")" "$status"
    programs=$((programs + 1))
}

declare -A vectors=()
for unit in "${units[@]}"; do
    read -r kind name <<< "$unit"
    if [ "$kind" = program ]; then
        src="c/$name.c"
        build_wasm "$name" "$src" 0
        "$CC" "${NATIVE_FLAGS[@]}" -o "target/native/$name" native/driver.c "$src" -lm
        check_program "$name"
    else
        src="c/simd/$name.c"
        build_wasm "$name-scalar" "$src" 0
        build_wasm "$name-simd" "$src" 1 -msimd128
        "$CC" "${NATIVE_FLAGS[@]}" -o "target/native/$name-scalar" native/driver.c "$src" -lm
        cp "target/native/$name-scalar" "target/native/$name-simd"
        check_program "$name-scalar"
        check_program "$name-simd"
    fi
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
echo "all $programs program(s) OK"
