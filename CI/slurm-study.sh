#!/usr/bin/env bash
# The large Walras study as a Slurm job array, then a job that writes the report.
#
#   sbatch CI/slurm-study.sh                       # the large design, 16 shards
#   DESIGN=laptop SEED=7 SHARDS=4 sbatch CI/slurm-study.sh
#
# Each array task runs one shard on all its cores and writes
# $OUT/records-I-of-N.jsonl (a rerun of the task resumes it); the report job
# runs after every task (afterany) and merges them into $OUT/study.md.
#SBATCH --job-name=walras-study
#SBATCH --cpus-per-task=4
#SBATCH --time=04:00:00
set -euo pipefail

DESIGN=${DESIGN:-large}
SEED=${SEED:-0}
SHARDS=${SHARDS:-16}
OUT=${OUT:-study}
WALRAS=${WALRAS:-.build/release/walras}

if [ -z "${SLURM_ARRAY_TASK_ID:-}" ]; then
    swift build -c release --product walras
    mkdir -p "$OUT"
    array=$(sbatch --parsable --array=1-"$SHARDS" --export=ALL,DESIGN="$DESIGN",SEED="$SEED",SHARDS="$SHARDS",OUT="$OUT" "$0")
    sbatch --dependency=afterany:"$array" --job-name=walras-study-report \
        --wrap="$WALRAS study --design $DESIGN --seed $SEED --out $OUT --from $OUT/records-*-of-$SHARDS.jsonl"
    echo "submitted array $array; the report will be $OUT/study.md"
    exit 0
fi

"$WALRAS" study --design "$DESIGN" --seed "$SEED" --shard "$SLURM_ARRAY_TASK_ID/$SHARDS" \
    --jobs "${SLURM_CPUS_PER_TASK:-1}" --out "$OUT"
