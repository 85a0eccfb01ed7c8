#!/usr/bin/env bash
# How training cost grows with resolution and compound scaling, effnas against PyTorch, back to back
# (docs/performance.md): EfficientNet-B0 at width 1.0 with 3 input channels at 28, 64, 128 and 224 px, then
# EfficientNet-B1..B3 of the official family at their own resolutions (240, 260, 300 px), 10 classes, batch 16,
# on one fixed random batch (--synthetic: no dataset has these shapes; speed does not depend on pixel values).
# Prints a Markdown table: images/s, GFLOP/s achieved (6 x MACs per image x images/s), peak RSS, the DL4J /
# PyTorch ratio and the load average. A benchmark: it asserts nothing. ENGINE_ARGS (e.g. "--engine onednn-nhwc")
# are passed to `effnas bench train`; the first column names the engine and precision that ran.
#
#   bench/scale-table.sh [ITERATIONS] [PAIRS]      (defaults 3 timed steps after 2 warm-up steps, 1 pair)
set -euo pipefail
cd "$(dirname "$0")/.."
iterations="${1:-3}"
pairs="${2:-1}"
export PAIRS="$pairs" BATCH=16 ITERATIONS="$iterations" WARMUP="${WARMUP:-2}"

echo "| engine | net | px | params | GFLOP per image (train) | effnas img/s | PyTorch img/s | ratio | effnas GFLOP/s | PyTorch GFLOP/s | effnas peak RSS GB | PyTorch peak RSS GB | load (effnas/PyTorch) |"
echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
row() {
  local net="$1" px="$2"
  local out
  out=$(bench/versus-pytorch.sh train "$net" --synthetic --channels 3 --classes 10 --resolution "$px" ${ENGINE_ARGS:-})
  echo "$out" >&2
  local params macs
  params=$(echo "$out" | tail -1 | sed -E 's/^params ([0-9]+).*/\1/')
  macs=$(echo "$out" | tail -1 | sed -E 's/.*MACs ([0-9]+).*/\1/')
  echo "$out" | grep '^pair' | while read -r line; do
    # pair N  ENGINE/PRECISION X img/s R GB G GFLOP/s (load L)  pytorch X img/s R GB G GFLOP/s (load L)  ratio Q
    set -- $line
    printf '| %s | %s | %s | %s | %.2f | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$3" "$net" "$px" "$params" \
      "$(echo "6*$macs/1000000000" | bc -l)" "$4" "${13}" "${22}" "$8" "${17}" "$6" "${15}" "${11%)}/${20%)}"
  done
}
for px in 28 64 128 224; do row efficientnet-b0 "$px"; done
row efficientnet-b1 240
row efficientnet-b2 260
row efficientnet-b3 300
