#!/usr/bin/env bash
# eval-dev.sh [OUTDIR] - build, run every dev set through ../shared/eval/run.sh and print the score
# table; predictions and per-page scores go to OUTDIR (default /tmp/seed-clean-dev).
set -eu
OUT=${1:-/tmp/seed-clean-dev}
rm -rf "$OUT"; mkdir -p "$OUT"
npm run -s typecheck && npm run -s build
KEEP_PRED=1 SCORE_ARGS="--per-page $OUT/pages.jsonl" ../shared/eval/run.sh ../shared/eval/dev > "$OUT/score.txt" 2> "$OUT/stderr.txt"
pred=$(grep -o '# predictions kept in .*' "$OUT/stderr.txt" | sed 's/# predictions kept in //')
mv "$pred"/* "$OUT"/ && rm -rf "$(dirname "$pred")"
sed -n '/^set /,$p' "$OUT/score.txt" | grep -v kept
