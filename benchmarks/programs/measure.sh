#!/usr/bin/env bash
# Prints a Markdown table of each program's .wasm size and median time per run() natively and,
# when node is present, in node. Run ./build.sh first. The default names are every c/<name>.c and,
# for every SIMD kernel c/simd/<kernel>.c, <kernel>-scalar and <kernel>-simd (both with the same
# native binary, the scalar C).
# Usage: ./measure.sh [iterations (default 15)] [name...]
set -euo pipefail
cd "$(dirname "$0")"
iterations=${1:-15}
shift || true
names=("$@")
if [ ${#names[@]} -eq 0 ]; then
    for src in c/*.c; do names+=("$(basename "$src" .c)"); done
    for src in c/simd/*.c; do [ -f "$src" ] && names+=("$(basename "$src" .c)-scalar" "$(basename "$src" .c)-simd"); done
fi
have_node=0
command -v node >/dev/null 2>&1 && have_node=1

median() { # median of the iteration_ms lines on stdin (the first iteration is excluded)
    sed -n 's/^iteration_ms=//p' | sort -g | awk '{ v[NR] = $1 } END {
        if (NR == 0) { print "n/a"; exit }
        if (NR % 2) printf "%.1f\n", v[(NR + 1) / 2]; else printf "%.1f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

echo "| program | .wasm bytes | native ms/run | node ms/run | node first iteration ms |"
echo "|---|---:|---:|---:|---:|"
for name in "${names[@]}"; do
    size=$(stat -c %s "wasm/$name.wasm")
    native=$("target/native/$name" "$iterations" | median)
    node_ms="-"
    node_first="-"
    if [ $have_node -eq 1 ]; then
        out=$(node run-node.mjs "wasm/$name.wasm" "$iterations")
        node_ms=$(echo "$out" | median)
        node_first=$(echo "$out" | sed -n 's/^first_iteration_ms=//p' | awk '{ printf "%.1f", $1 }')
    fi
    echo "| $name | $size | $native | $node_ms | $node_first |"
done
