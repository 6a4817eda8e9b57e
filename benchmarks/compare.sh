#!/usr/bin/env bash
# The engine comparison: measures every benchmark program on every engine, one fresh process per
# program and engine, all on this machine in one run, and writes benchmarks/results/results.csv and
# results.md (see docs/performance.md, "The engine comparison").
#
# Usage: benchmarks/compare.sh [--iterations N] [--programs a,b,...] [--engines e1,e2,...] [options]
#   --iterations N          iterations per run on the compiling engines (default 100)
#   --interp-iterations N   iterations per run on the interpreters (default 10)
#   --min-time S            minimum run time on the compiling engines, seconds: a runner goes on past
#                           N iterations until S seconds have passed since its start (default 15; 0: none)
#   --budget S              time budget per run on the compiling engines, seconds (default 120; 0: none)
#   --interp-budget S       time budget per run on the interpreters, seconds (default 30; 0: none)
#   --programs a,b          programs to measure (default: every <programs-dir>/wasm/*.wasm)
#   --engines e1,e2         engines to run (default: all, in the order below)
#   --programs-dir DIR      the programs folder (default benchmarks/programs)
#   --out DIR               where results.md, results.csv and raw/ go (default benchmarks/results)
#   --no-build              use the jars and native binaries already built
# Engines: twasm, twasm-interp, twasm-limits, graalwasm, graalwasm-interp, chicory-compiler, chicory-interp, node, native.
# The time budget stops a runner from starting another iteration once that many seconds have passed
# since its start; the report says which runs it cut short. BENCH_JAVA_OPTS adds JVM options to
# every JVM runner. The Truffle engines (twasm, GraalWasm) run with --add-modules=jdk.incubator.vector,
# so that both can use the JDK's Vector API for SIMD (the JVM warns about the incubator module on
# stderr; that is no failure). A run in which an engine that may decline the program (see may_decline:
# an engine other than twasm on a SIMD program, *-simd, or on a Wasm GC program, *-gc) rejects it (a runner's exit status 4 and its unsupported=<reason>
# line, e.g. Chicory) is reported as unsupported, not as a failure. A Wasm GC program (written in
# WAT, programs/gc/<name>.wat) has no native build: its native cell says "unsupported: not
# applicable". Exits non-zero when a run failed or a checksum differs from checksums.txt.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
. .mvn/select-jdk.sh
twasm_select_jdk || exit 2

all_engines=(twasm twasm-interp twasm-limits graalwasm graalwasm-interp chicory-compiler chicory-interp node native)
graalwasm_version=25.0.1 # benchmarks/graalwasm/pom.xml
chicory_version=1.7.5    # benchmarks/pom.xml
iterations=100
interp_iterations=10
min_time=15
budget=120
interp_budget=30
program_list=""
engine_list=""
programs_dir=benchmarks/programs
out=benchmarks/results
build=1
command_line="benchmarks/compare.sh"
for arg in "$@"; do # as typed: quoted only where the shell needs it
  if [[ "$arg" =~ ^[A-Za-z0-9_./,=:+-]+$ ]]; then command_line+=" $arg"; else command_line+=" '${arg//\'/\'\\\'\'}'"; fi
done

usage() {
  sed -n "6,28p" "$root/benchmarks/compare.sh" | sed 's/^# \{0,1\}//' >&2
  exit "${1:-64}"
}
number() { [[ "$2" =~ ^[0-9]+$ ]] || { echo "compare.sh: $1 needs a whole number, not '$2'" >&2; exit 64; }; }
while [ $# -gt 0 ]; do
  case "$1" in
    --iterations) number "$1" "${2-}"; iterations=$2; shift 2 ;;
    --interp-iterations) number "$1" "${2-}"; interp_iterations=$2; shift 2 ;;
    --min-time) number "$1" "${2-}"; min_time=$2; shift 2 ;;
    --budget) number "$1" "${2-}"; budget=$2; shift 2 ;;
    --interp-budget) number "$1" "${2-}"; interp_budget=$2; shift 2 ;;
    --programs) program_list=${2-}; shift 2 ;;
    --engines) engine_list=${2-}; shift 2 ;;
    --programs-dir) programs_dir=${2-}; shift 2 ;;
    --out) out=${2-}; shift 2 ;;
    --no-build) build=0; shift ;;
    -h|--help) usage 0 ;;
    *) echo "compare.sh: unknown argument '$1'" >&2; usage ;;
  esac
done
[ "$iterations" -ge 1 ] && [ "$interp_iterations" -ge 1 ] || { echo "compare.sh: iterations must be >= 1" >&2; exit 64; }

# ---- what to run
if [ -n "$engine_list" ]; then
  IFS=, read -r -a engines <<< "$engine_list"
  for engine in "${engines[@]}"; do
    [[ " ${all_engines[*]} " == *" $engine "* ]] || { echo "compare.sh: unknown engine '$engine' (known: ${all_engines[*]})" >&2; exit 64; }
  done
else
  engines=("${all_engines[@]}")
fi
[ -d "$programs_dir/wasm" ] || { echo "compare.sh: no folder $programs_dir/wasm (the benchmark programs are not there yet?)" >&2; exit 2; }
programs_dir=$(cd "$programs_dir" && pwd)
if [ -n "$program_list" ]; then
  IFS=, read -r -a programs <<< "$program_list"
  for program in "${programs[@]}"; do
    [ -f "$programs_dir/wasm/$program.wasm" ] || { echo "compare.sh: no program $programs_dir/wasm/$program.wasm" >&2; exit 64; }
  done
else
  programs=()
  for file in "$programs_dir"/wasm/*.wasm; do
    [ -f "$file" ] && programs+=("$(basename "$file" .wasm)")
  done
fi
[ ${#programs[@]} -gt 0 ] || { echo "compare.sh: no programs in $programs_dir/wasm" >&2; exit 2; }
[ -f "$programs_dir/checksums.txt" ] || echo "compare.sh: warning: $programs_dir/checksums.txt is missing; no checksum can be checked" >&2
uses() { [[ " ${engines[*]} " == *" $1"* ]]; }

# ---- build
if [ "$build" = 1 ]; then
  echo "== building twasm and the runners"
  ./mvnw -q -B package -DskipTests
  if uses graalwasm; then
    echo "== resolving GraalWasm $graalwasm_version"
    ./mvnw -q -B -f benchmarks/graalwasm/pom.xml dependency:copy-dependencies \
      -DoutputDirectory="$root/benchmarks/target/graalwasm" -Dmdep.stripVersion=true
  fi
fi
bench_jar=benchmarks/target/twasm-benchmarks.jar
twasm_lib=launcher/target/lib
graalwasm_lib=benchmarks/target/graalwasm
for needed in "$bench_jar" "$twasm_lib/modules/twasm-language.jar"; do
  [ -f "$needed" ] || { echo "compare.sh: $needed is missing; run without --no-build" >&2; exit 2; }
done
if uses graalwasm && [ ! -f "$graalwasm_lib/wasm-language.jar" ]; then
  echo "compare.sh: $graalwasm_lib is missing; run without --no-build" >&2; exit 2
fi

native_dir="$programs_dir/target/native"
is_gc_program() { [[ "$1" == *-gc ]]; } # a Wasm GC program (programs/gc/<name>.wat): no C source, no native build
native_sources() { # the C files of program $1 (<kernel>-scalar and <kernel>-simd: the SIMD kernel c/simd/<kernel>.c)
  if [ -d "$programs_dir/c/$1" ]; then ls "$programs_dir/c/$1"/*.c; elif [ -f "$programs_dir/c/$1.c" ]; then echo "$programs_dir/c/$1.c"
  elif [[ "$1" =~ ^(.+)-(scalar|simd)$ ]] && [ -f "$programs_dir/c/simd/${BASH_REMATCH[1]}.c" ]; then echo "$programs_dir/c/simd/${BASH_REMATCH[1]}.c"; fi
}
native_stale() { # whether program $1's native binary is missing or older than its sources
  local binary="$native_dir/$1" source
  [ -x "$binary" ] || return 0
  for source in $(native_sources "$1") "$programs_dir/native/driver.c"; do
    [ "$source" -nt "$binary" ] && return 0
  done
  return 1
}
if uses native; then
  stale=()
  for program in "${programs[@]}"; do ! is_gc_program "$program" && native_stale "$program" && stale+=("$program"); done
  if [ ${#stale[@]} -gt 0 ] && [ -x "$programs_dir/build.sh" ]; then
    echo "== building ${stale[*]} with $programs_dir/build.sh"
    "$programs_dir/build.sh" "${stale[@]}" || echo "compare.sh: warning: $programs_dir/build.sh failed" >&2
    stale=()
    for program in "${programs[@]}"; do ! is_gc_program "$program" && native_stale "$program" && stale+=("$program"); done
  fi
  for program in ${stale[@]+"${stale[@]}"}; do
    sources=$(native_sources "$program")
    if [ -z "$sources" ] || [ ! -f "$programs_dir/native/driver.c" ]; then
      echo "compare.sh: warning: no C source or driver for $program; its native run will fail" >&2
      continue
    fi
    echo "== building native $program: gcc -O2 -ffp-contract=off (the scalar C)"
    mkdir -p "$native_dir"
    include=()
    [ -d "$programs_dir/c/$program" ] && include=(-I "$programs_dir/c/$program")
    # shellcheck disable=SC2086 # the sources are file names without spaces
    gcc -O2 -ffp-contract=off ${include[@]+"${include[@]}"} -o "$native_dir/$program" "$programs_dir/native/driver.c" $sources -lm ||
      echo "compare.sh: warning: building native $program failed" >&2
  done
fi

# ---- the engines
jvmci_flags=(-XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI --add-modules=ALL-MODULE-PATH
  --enable-native-access=org.graalvm.truffle,ALL-UNNAMED --sun-misc-unsafe-memory-access=allow)
# The Truffle engines get the Vector API module, which twasm and GraalWasm use for SIMD when it is there.
vector_api=(--add-modules=jdk.incubator.vector)
# shellcheck disable=SC2206 # BENCH_JAVA_OPTS is a list of options split at spaces
extra_java=(${BENCH_JAVA_OPTS:-})
java="$JAVA_HOME/bin/java"
twasm_modules=$(find "$twasm_lib/modules" -name '*.jar' | sort | tr '\n' ':')
graalwasm_modules=$( [ -d "$graalwasm_lib" ] && find "$graalwasm_lib" -name '*.jar' ! -name 'compiler.jar' | sort | tr '\n' ':' || true)
chicory_classpath=$(find benchmarks/target/chicory-lib -name '*.jar' 2>/dev/null | sort | tr '\n' ':')

is_interpreter() { [[ "$1" == *-interp ]]; }
label() {
  case "$1" in
    twasm) echo "twasm" ;;
    twasm-interp) echo "twasm interpreter" ;;
    twasm-limits) echo "twasm with limits" ;;
    graalwasm) echo "GraalWasm" ;;
    graalwasm-interp) echo "GraalWasm interpreter" ;;
    chicory-compiler) echo "Chicory compiler" ;;
    chicory-interp) echo "Chicory interpreter" ;;
    node) echo "node (V8)" ;;
    native) echo "native" ;;
  esac
}
description() {
  case "$1" in
    twasm) echo "twasm on the polyglot API, Graal compilation (JVMCI, Graal compiler $graalwasm_version on the upgrade module path), \`--add-modules=jdk.incubator.vector\`" ;;
    twasm-limits) echo "twasm, the same runner with the limits for untrusted code on: \`wasm.Fuel=9000000000000000000\` (fuel charged, never running out) and \`wasm.Timeout=1h\` (a deadline armed on every call)" ;;
    twasm-interp) echo "twasm, the same runner with \`engine.Compilation=false\` and \`wasm.Baseline=false\` (the AST interpreter only: no Graal, no JVM-bytecode baseline tier)" ;;
    graalwasm) echo "GraalWasm $graalwasm_version, the same runner and JVM flags (\`--add-modules=jdk.incubator.vector\` included), Graal compilation" ;;
    graalwasm-interp) echo "GraalWasm $graalwasm_version with \`engine.Compilation=false\`" ;;
    chicory-compiler) echo "Chicory $chicory_version runtime compiler (Wasm to JVM bytecode at instantiation, then HotSpot C2), byte[] memory" ;;
    chicory-interp) echo "Chicory $chicory_version interpreter (on HotSpot C2), byte[] memory" ;;
    node) echo "node $(node --version 2>/dev/null || echo '(missing)'), V8's default tiers (Liftoff, then TurboFan)" ;;
    native) echo "the C source compiled by gcc -O2 -ffp-contract=off, with the native driver (for a SIMD kernel's -scalar and -simd programs alike: its scalar C; none for a Wasm GC program)" ;;
  esac
}
engine_command() { # engine program iterations -> the array cmd
  local engine=$1 program=$2 n=$3 wasm="$programs_dir/wasm/$2.wasm"
  case "$engine" in
    twasm|twasm-interp|twasm-limits)
      cmd=("$java" "${jvmci_flags[@]}" "${vector_api[@]}" --upgrade-module-path="$twasm_lib/upgrade/compiler.jar" --module-path="$twasm_modules"
        ${extra_java[@]+"${extra_java[@]}"} -cp "$bench_jar" dev.twasm.benchmarks.PolyglotRunner) ;;
    graalwasm|graalwasm-interp)
      cmd=("$java" "${jvmci_flags[@]}" "${vector_api[@]}" --upgrade-module-path="$graalwasm_lib/compiler.jar" --module-path="$graalwasm_modules"
        ${extra_java[@]+"${extra_java[@]}"} -cp "$bench_jar" dev.twasm.benchmarks.PolyglotRunner) ;;
    chicory-compiler|chicory-interp)
      cmd=("$java" ${extra_java[@]+"${extra_java[@]}"} -cp "$bench_jar:$chicory_classpath" dev.twasm.benchmarks.ChicoryRunner) ;;
    node) cmd=(node benchmarks/runners/node-runner.mjs "$wasm" "$n"); return ;;
    native) cmd=("$native_dir/$program" "$program" "$n"); return ;;
  esac
  case "$engine" in
    twasm-interp) cmd+=(--option engine.Compilation=false --option wasm.Baseline=false) ;;
    twasm-limits) cmd+=(--option wasm.Fuel=9000000000000000000 --option wasm.Timeout=1h) ;;
    *-interp) [[ "$engine" == chicory-* ]] && cmd+=(--interpreter) || cmd+=(--option engine.Compilation=false) ;;
    chicory-compiler) cmd+=(--compiler) ;;
  esac
  cmd+=("$wasm" "$n")
}
# Which engine may decline which program: its runner's "unsupported" is then reported as such, and
# anywhere else it is a failure. SIMD programs (*-simd) and Wasm GC programs (*-gc): every engine
# but twasm, which implements both (native never runs a GC program: see the run loop).
may_decline() { # program engine
  case "$1" in
    *-simd | *-gc) [[ "$2" != twasm* ]] ;;
    *) return 1 ;;
  esac
}
expected_checksum() { awk -v p="$1" '$1 == p { print $2 }' "$programs_dir/checksums.txt" 2>/dev/null || true; }

# ---- run
settings() { # engine -> n (iterations), b (budget, s; 0 for none), m (minimum time, s)
  if is_interpreter "$1"; then n=$interp_iterations b=$interp_budget m=0; else n=$iterations b=$budget m=$min_time; fi
  [ "$1" = native ] && b=0
  return 0
}
load_before=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')
raw="$out/raw"
rm -rf "$raw"
mkdir -p "$raw"
for engine in "${engines[@]}"; do
  settings "$engine"
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$engine" "$(label "$engine")" "$n" "$b" "$m" "$(description "$engine")" >> "$raw/engines.tsv"
done
total=$(( ${#programs[@]} * ${#engines[@]} ))
count=0
failures=0
unsupported_runs=0
unsupported_status=4 # RunnerProtocol.UNSUPPORTED_STATUS: the engine rejected the program
echo "== measuring ${#programs[@]} program(s) on ${#engines[@]} engine(s); raw output in $raw"
for program in "${programs[@]}"; do
  expected=$(expected_checksum "$program")
  for engine in "${engines[@]}"; do
    count=$((count + 1))
    settings "$engine"
    engine_command "$engine" "$program" "$n"
    stdout="$raw/$program.$engine.out"
    stderr="$raw/$program.$engine.err"
    printf '%s\n' "${cmd[*]}" > "$raw/$program.$engine.cmd"
    # A hard limit well beyond the budget, for a runner that hangs or one iteration that never ends.
    limit=$(( b > 0 ? b + 600 : 3600 + m ))
    start=$(date +%s.%N)
    set +e
    limits=(BENCH_MIN_TIME_MS=$((m * 1000)))
    [ "$b" -gt 0 ] && limits+=(BENCH_TIME_BUDGET_MS=$((b * 1000)))
    if [ "$engine" = native ] && is_gc_program "$program"; then # nothing to run: report it as not applicable
      echo "unsupported=not applicable: $program is a Wasm GC program, written in WAT, with no C source and no native build" > "$stdout"
      : > "$stderr"
      status=$unsupported_status
    else
      env "${limits[@]}" timeout --kill-after=15 "$limit" "${cmd[@]}" > "$stdout" 2> "$stderr"
      status=$?
    fi
    set -e
    wall=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
    if [ $status -eq 0 ] && [[ "$engine" == twasm || "$engine" == twasm-limits || "$engine" == graalwasm ]] && grep -q 'fallback runtime' "$stderr"; then
      echo "compare.sh: Truffle ran its fallback runtime: no Graal compilation in this run" >> "$stderr"
      status=3
    fi
    printf '%s\t%s\t%s\t%s\n' "$program" "$engine" "$status" "$wall" >> "$raw/runs.tsv"
    done_iterations=$(grep -c '_ms=' "$stdout" || true)
    first=$(sed -n 's/^first_iteration_ms=//p' "$stdout")
    last=$(sed -n 's/^iteration_ms=//p' "$stdout" | tail -n 1)
    checksum=$(sed -n 's/^checksum=//p' "$stdout")
    unsupported=$(sed -n 's/^unsupported=//p' "$stdout" | head -n 1)
    verdict=ok
    # Only an engine that may decline the program (may_decline) may reject it; a rejection elsewhere
    # is a failure.
    if [ $status -eq $unsupported_status ] && [ -n "$unsupported" ] && may_decline "$program" "$engine"; then
      verdict="unsupported: $unsupported"
      unsupported_runs=$((unsupported_runs + 1))
    elif [ $status -ne 0 ] || [ -z "$checksum" ]; then
      verdict="FAILED (exit $status; see $stderr)"
      failures=$((failures + 1))
    elif [ -n "$expected" ] && [ "$checksum" != "$expected" ]; then
      verdict="CHECKSUM MISMATCH: expected $expected"
      failures=$((failures + 1))
    elif [ -z "$expected" ]; then
      verdict="no expected checksum"
    fi
    [ $status -eq 0 ] && [ "$done_iterations" -lt "$n" ] && verdict="$verdict, cut by the ${b} s budget"
    printf '[%d/%d] %-14s %-17s %3s/%-3s it  first %10s ms  last %10s ms  checksum %-10s %s (%s s)\n' \
      "$count" "$total" "$program" "$engine" "$done_iterations" "$n" "${first:--}" "${last:--}" "${checksum:--}" "$verdict" "$wall"
  done
done

# ---- report
facts=(--fact "twasm=$(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD -- language 2>/dev/null || echo ' (with uncommitted engine changes)')")
uses twasm && facts+=(--fact "Graal compiler=$graalwasm_version (org.graalvm.compiler:compiler on the upgrade module path, JVMCI)")
uses graalwasm && facts+=(--fact "GraalWasm=$graalwasm_version")
uses chicory && facts+=(--fact "Chicory=$chicory_version")
uses node && facts+=(--fact "node=$(node --version 2>/dev/null || echo missing) (V8 $(node -p process.versions.v8 2>/dev/null || echo '?'))")
uses native && facts+=(--fact "gcc=$(gcc -dumpfullversion 2>/dev/null || echo missing)")
facts+=(--fact "programs=$programs_dir")
facts+=(--fact "load average (1, 5, 15 min)=$load_before before the runs, $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?') after; other work on the machine disturbs the measurements")
set +e
"$java" -cp "$bench_jar" dev.twasm.benchmarks.report.Report --raw "$raw" --checksums "$programs_dir/checksums.txt" --out "$out" \
  --baseline twasm --command "$command_line" "${facts[@]}"
report_status=$?
set -e
if [ $report_status -ne 0 ] || [ $failures -gt 0 ]; then
  echo "compare.sh: FAILED: $failures run(s) failed or returned a wrong checksum (see $out/results.md)" >&2
  exit 1
fi
if [ $unsupported_runs -gt 0 ]; then
  echo "compare.sh: $unsupported_runs run(s) unsupported: the engine rejected the program (see $out/results.md, \"Not supported\")"
fi
