#!/usr/bin/env bash
# A sharded Walras sweep as a Slurm job array, followed by a merge job.
#
#   sbatch CI/slurm-sweep.sh            # submits the array and the merge
#   COUNT=5000 SEED=0 SHARDS=16 sbatch CI/slurm-sweep.sh
#
# Each array task runs one shard on all its cores; the merge job runs after
# every task (afterany) and exits 1 if any shard found a counterexample.
#SBATCH --job-name=walras-sweep
#SBATCH --cpus-per-task=4
#SBATCH --time=02:00:00
set -euo pipefail

COUNT=${COUNT:-2000}
SEED=${SEED:-0}
SHARDS=${SHARDS:-8}
OUT=${OUT:-results}
WALRAS=${WALRAS:-.build/release/walras}

if [ -z "${SLURM_ARRAY_TASK_ID:-}" ]; then
    # Submitting: build once, then the array, then the merge.
    swift build -c release --product walras
    mkdir -p "$OUT"
    array=$(sbatch --parsable --array=1-"$SHARDS" --export=ALL,COUNT="$COUNT",SEED="$SEED",SHARDS="$SHARDS",OUT="$OUT" "$0")
    sbatch --dependency=afterany:"$array" --job-name=walras-merge --wrap="$WALRAS merge $OUT/results-*.jsonl > $OUT/summary.md"
    echo "submitted array $array; the summary will be in $OUT/summary.md"
    exit 0
fi

# One shard. A rerun of the same task resumes: seeds already in the file are skipped.
"$WALRAS" sweep --count "$COUNT" --seed "$SEED" --shard "$SLURM_ARRAY_TASK_ID/$SHARDS" \
    --jobs "${SLURM_CPUS_PER_TASK:-1}" --out "$OUT/results-$SLURM_ARRAY_TASK_ID.jsonl" || true
