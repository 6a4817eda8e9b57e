#!/usr/bin/env bash
# JS-to-Wasm call loop on twasm and on GraalWasm, one JVM each (docs/performance.md, "JS-to-Wasm calls").
# Usage: tests/polyglot-bench/run.sh [rounds]   (after ./mvnw -q -B package -DskipTests)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
. .mvn/select-jdk.sh
twasm_select_jdk || exit 2
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
m2="${M2_REPO:-$HOME/.m2/repository}"
v=25.0.1
jar() { echo "$m2/$1/$v/$(basename "$1")-$v.jar"; }
common=$(for a in org/graalvm/sdk/collections org/graalvm/sdk/nativeimage org/graalvm/sdk/word org/graalvm/sdk/jniutils \
  org/graalvm/polyglot/polyglot org/graalvm/truffle/truffle-api org/graalvm/truffle/truffle-runtime org/graalvm/truffle/truffle-compiler \
  org/graalvm/js/js-language org/graalvm/regex/regex org/graalvm/shadowed/icu4j; do jar $a; done | tr '\n' ':')
flags=(-XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI --upgrade-module-path="$(jar org/graalvm/compiler/compiler)"
  --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED --add-modules=ALL-MODULE-PATH)
src=tests/polyglot-bench/JsCallLoop.java
echo "== twasm";     "$java" "${flags[@]}" --module-path="${common}language/target/twasm-language-0.1.0-SNAPSHOT.jar" "$src" "${1:-30}"
echo "== GraalWasm"; "$java" "${flags[@]}" --module-path="${common}$(jar org/graalvm/wasm/wasm-language)" "$src" "${1:-30}"
