#!/usr/bin/env bash
# Fuzz Walras' readers with libFuzzer (shipped with the Swift toolchain on Linux).
#
#   fuzz/run.sh TARGET [RUNS] [extra libFuzzer flags…]
#
# TARGET: json | economy | agents | certificate (see Sources/FuzzTargets).
# RUNS:   number of inputs (default 1000000).
# Builds Sources/walras-fuzz with -sanitize=fuzzer,address into .build-fuzz,
# seeds the corpus from fuzz/seeds/TARGET (and examples/), keeps new inputs in
# fuzz/work/TARGET, and writes any crashing input to fuzz/findings/TARGET.
# A finding must be fixed and then copied to fuzz/corpus/TARGET, which
# `swift test` replays (FuzzCorpusTests).
set -euo pipefail
cd "$(dirname "$0")/.."
target="${1:?usage: fuzz/run.sh json|economy|agents|certificate [runs]}"
runs="${2:-1000000}"
shift $(( $# > 1 ? 2 : 1 ))

swift build -c release --product walras-fuzz --scratch-path .build-fuzz \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -DFUZZING >&2
binary=".build-fuzz/release/walras-fuzz"

mkdir -p "fuzz/work/$target" "fuzz/findings/$target" "fuzz/corpus/$target"
seeds=("fuzz/work/$target" "fuzz/corpus/$target")
[ -d "fuzz/seeds/$target" ] && seeds+=("fuzz/seeds/$target")
dict=()
[ -f fuzz/json.dict ] && dict=(-dict=fuzz/json.dict)

WALRAS_FUZZ_TARGET="$target" "$binary" "${seeds[@]}" "${dict[@]}" \
    -runs="$runs" -max_len=16384 -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="fuzz/findings/$target/" -print_final_stats=1 "$@"
