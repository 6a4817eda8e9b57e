#!/usr/bin/env bash
# Builds and runs the JMH benchmarks (dev.twasm.benchmarks.WasmBenchmark): the peak time of one run()
# of every benchmark program, on twasm with Graal compilation. JMH forks JVMs with the JVMCI flags,
# Truffle, polyglot and the engine on the module path and the Graal compiler on the upgrade module
# path (as bin/wasm runs), so the benchmark measures compiled code.
#
# Usage: benchmarks/jmh.sh [--engine twasm|graalwasm] [--programs a,b,...] [--programs-dir DIR]
#                          [--no-build] [JMH options...]
#   --engine E         the wasm language on the forked JVMs' module path (default twasm; graalwasm:
#                      GraalWasm 25.0.1, for comparison)
#   --programs a,b     the programs (default: every <programs-dir>/wasm/*.wasm but the Wasm GC ones,
#                      *-gc, which GraalWasm 25.0.1 does not run; name them to run them on twasm);
#                      sets -p program=...
#   --programs-dir D   the programs folder (default benchmarks/programs)
#   --no-build         use the jars already built
# Everything else goes to JMH, e.g. `-f 1 -wi 5 -i 5`, `-rf json -rff out.json`, `-h` for its help.
# JMH runs with -foe true (fail on error: a wrong checksum fails the command) unless -foe is given.
# Add JVM options for the forks with -jvmArgsAppend (not -jvmArgs, which would replace the module
# path), e.g. -jvmArgsAppend -Dpolyglot.engine.Compilation=false for the interpreter alone.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
. .mvn/select-jdk.sh
twasm_select_jdk || exit 2

engine=twasm
program_list=""
programs_dir=benchmarks/programs
build=1
jmh_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --engine) engine=${2-}; shift 2 ;;
    --programs) program_list=${2-}; shift 2 ;;
    --programs-dir) programs_dir=${2-}; shift 2 ;;
    --no-build) build=0; shift ;;
    *) jmh_args+=("$1"); shift ;;
  esac
done
case "$engine" in
  twasm|graalwasm) ;;
  *) echo "jmh.sh: --engine must be twasm or graalwasm, not '$engine'" >&2; exit 64 ;;
esac

if [ "$build" = 1 ]; then
  ./mvnw -q -B package -DskipTests
  if [ "$engine" = graalwasm ]; then
    ./mvnw -q -B -f benchmarks/graalwasm/pom.xml dependency:copy-dependencies \
      -DoutputDirectory="$root/benchmarks/target/graalwasm" -Dmdep.stripVersion=true
  fi
fi
[ -f benchmarks/target/twasm-benchmarks.jar ] && [ -d benchmarks/target/jmh-lib ] ||
  { echo "jmh.sh: the benchmarks are not built; run without --no-build" >&2; exit 2; }

[ -d "$programs_dir/wasm" ] || { echo "jmh.sh: no folder $programs_dir/wasm (the benchmark programs are not there yet?)" >&2; exit 2; }
programs_dir=$(cd "$programs_dir" && pwd)
if [ -z "$program_list" ]; then
  program_list=$(find "$programs_dir/wasm" -maxdepth 1 -name '*.wasm' ! -name '*-gc.wasm' -printf '%f\n' | sed 's/\.wasm$//' | sort | paste -sd, -)
fi
[ -n "$program_list" ] || { echo "jmh.sh: no programs in $programs_dir/wasm" >&2; exit 2; }

if [ "$engine" = twasm ]; then
  lib=launcher/target/lib
  compiler="$root/$lib/upgrade/compiler.jar"
  modules=$(find "$root/$lib/modules" -name '*.jar' | sort | paste -sd: -)
else
  lib=benchmarks/target/graalwasm
  [ -f "$lib/wasm-language.jar" ] || { echo "jmh.sh: GraalWasm is not resolved; run without --no-build" >&2; exit 2; }
  compiler="$root/$lib/compiler.jar"
  modules=$(find "$root/$lib" -name '*.jar' ! -name compiler.jar | sort | paste -sd: -)
fi
# JMH passes -jvmArgs to the forks as one space-separated line, so these paths must not contain spaces.
fork_args="-XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI --upgrade-module-path=$compiler --module-path=$modules"
# The Vector API module: SIMD programs run on it (without it on plain Java lanes), as in compare.sh.
fork_args+=" --add-modules=ALL-MODULE-PATH,jdk.incubator.vector --enable-native-access=org.graalvm.truffle,ALL-UNNAMED"
fork_args+=" --sun-misc-unsafe-memory-access=allow -Dtwasm.benchmarks.programs=$programs_dir"
classpath="$root/benchmarks/target/twasm-benchmarks.jar:$(find "$root/benchmarks/target/jmh-lib" -name '*.jar' | sort | paste -sd: -)"

# A wrong checksum (or any error) fails the command, unless the caller chose otherwise.
[[ " ${jmh_args[*]-} " == *" -foe "* ]] || jmh_args=(-foe true ${jmh_args[@]+"${jmh_args[@]}"})

echo "jmh.sh: $engine, programs $program_list"
exec "$JAVA_HOME/bin/java" --sun-misc-unsafe-memory-access=allow -cp "$classpath" org.openjdk.jmh.Main \
  -jvmArgs "$fork_args" -p program="$program_list" ${jmh_args[@]+"${jmh_args[@]}"}
