#!/usr/bin/env bash
# Measures the counting loop of ../shared/docs/platform.md (loop(100000000)) on twasm, GraalWasm
# 25.0.1 and node, the same way: three warm-up calls, then ten timed calls; reports the medians.
# Usage: benchmarks/loop/compare.sh [N]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
. .mvn/select-jdk.sh
twasm_select_jdk
n="${1:-100000000}"
out=benchmarks/target/loop
mkdir -p "$out"

./mvnw -q -B package -DskipTests
./mvnw -q -B -f benchmarks/graalwasm/pom.xml dependency:copy-dependencies -DoutputDirectory="$root/$out/graalwasm" -Dmdep.stripVersion=true

lib=launcher/target/lib
java_flags=(-XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI --add-modules=ALL-MODULE-PATH
  --enable-native-access=org.graalvm.truffle,ALL-UNNAMED --sun-misc-unsafe-memory-access=allow)
bench_jar=benchmarks/target/twasm-benchmarks.jar

"$JAVA_HOME/bin/java" -cp "$bench_jar:$lib/modules/twasm-language.jar" dev.twasm.benchmarks.WatToWasm \
  benchmarks/programs/counting-loop.wat "$out/counting-loop.wasm"

twasm_modules=$(find "$lib/modules" -name '*.jar' | sort | tr '\n' ':')
graalwasm_modules=$(find "$out/graalwasm" -name '*.jar' ! -name 'compiler.jar' | sort | tr '\n' ':')

echo "== twasm"
"$JAVA_HOME/bin/java" "${java_flags[@]}" --upgrade-module-path="$lib/upgrade/compiler.jar" --module-path="$twasm_modules" \
  -cp "$bench_jar" dev.twasm.benchmarks.CountingLoop "$out/counting-loop.wasm" "$n" | tee "$out/twasm.txt"
echo "== GraalWasm 25.0.1"
"$JAVA_HOME/bin/java" "${java_flags[@]}" --upgrade-module-path="$out/graalwasm/compiler.jar" --module-path="$graalwasm_modules" \
  -cp "$bench_jar" dev.twasm.benchmarks.CountingLoop "$out/counting-loop.wasm" "$n" | tee "$out/graalwasm.txt"
echo "== node"
node benchmarks/loop/counting-loop.mjs "$out/counting-loop.wasm" "$n" | tee "$out/node.txt"

echo
echo "| engine | median ms, loop($n) after 3 warm-up calls |"
echo "|---|---|"
for engine in twasm graalwasm node; do
  echo "| $engine | $(sed -n 's/.*median_ms=\([0-9.]*\).*/\1/p' "$out/$engine.txt") |"
done
