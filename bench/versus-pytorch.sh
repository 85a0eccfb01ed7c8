#!/usr/bin/env bash
# effnas against PyTorch on the same network, back to back: PAIRS alternating pairs of `effnas bench MODE ARCH
# ARGS...` and bench/pytorch_reference.py on the spec that run measured (--save-spec; parameter counts must
# agree), one line per run and the ratios effnas / PyTorch. In train mode, `--engine onednn-nhwc [--precision
# bf16]` among the options times effnas's NHWC engine instead of DL4J; each line names the engine. A benchmark: it prints figures, asserts nothing.
#
#   bench/versus-pytorch.sh train|infer ARCH [effnas bench options...]
#
# Environment: PAIRS (default 3); BATCH, ITERATIONS, WARMUP (train; defaults 128, 30, 5); RUNS, RUN_WARMUP
# (infer: timed and untimed runs per batch, defaults 50, 10); EFFNAS (the command
# that runs effnas, default java on experiments/target/effnas.jar); DL4J_ENV (extra VAR=value for the DL4J
# runs only, e.g. "OMP_NUM_THREADS=1"); TORCH_ARGS (extra bench/pytorch_reference.py options for the PyTorch
# runs only, e.g. "--memory-format channels_last"); TORCH_ENV (env(1) arguments for the PyTorch runs only, e.g.
# "-u OMP_WAIT_POLICY LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4": PyTorch's own OpenMP default
# and tcmalloc, its fastest settings on the AMD EPYC of docs/performance.md). Both run with OMP_WAIT_POLICY=PASSIVE
# unless TORCH_ENV says otherwise, and the default 2 threads.
set -euo pipefail
cd "$(dirname "$0")/.."
mode="$1"; arch="$2"; shift 2
pairs="${PAIRS:-3}"
batch="${BATCH:-128}"; iterations="${ITERATIONS:-30}"; warmup="${WARMUP:-5}"
runs="${RUNS:-50}"; run_warmup="${RUN_WARMUP:-10}"
tcmalloc=$(ls /usr/lib/*-linux-gnu/libtcmalloc_minimal.so.4 2>/dev/null | head -1 || true)
effnas="${EFFNAS:-java --add-modules jdk.incubator.vector -jar experiments/target/effnas.jar}"
export OMP_WAIT_POLICY=PASSIVE
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
synthetic=""
for a in "$@"; do [ "$a" = "--synthetic" ] && synthetic="--synthetic"; done

dl4j() {
  if [ "$mode" = train ]; then
    env ${tcmalloc:+LD_PRELOAD=$tcmalloc} ${DL4J_ENV:-} $effnas bench train "$arch" --batch "$batch" \
      --iterations "$iterations" --warmup "$warmup" --save-spec "$tmp/spec.yaml" "$@" 2>"$tmp/err" || { cat "$tmp/err" >&2; exit 1; }
  else
    env ${tcmalloc:+LD_PRELOAD=$tcmalloc} ${DL4J_ENV:-} $effnas bench infer "$arch" --engine both \
      --runs "$runs" --warmup "$run_warmup" --save-spec "$tmp/spec.yaml" "$@" 2>"$tmp/err" || { cat "$tmp/err" >&2; exit 1; }
  fi
}

torch() {
  local params="$1" macs="$2"
  if [ "$mode" = train ]; then
    env ${TORCH_ENV:-} /usr/bin/python3 bench/pytorch_reference.py --spec "$tmp/spec.yaml" --expect-params "$params" --macs "$macs" \
      --batch "$batch" --iterations "$iterations" --warmup "$warmup" $synthetic ${TORCH_ARGS:-}
  else
    env ${TORCH_ENV:-} /usr/bin/python3 bench/pytorch_reference.py --mode infer --spec "$tmp/spec.yaml" --expect-params "$params" \
      --runs "$runs" --warmup-runs "$run_warmup" ${TORCH_ARGS:-}
  fi
}

: >"$tmp/rows"
for i in $(seq "$pairs"); do
  dl4j "$@" >"$tmp/d.json"
  params=$(jq .params "$tmp/d.json"); macs=$(jq .macs "$tmp/d.json")
  torch "$params" "$macs" >"$tmp/t.json"
  if [ "$mode" = train ]; then
    d=$(jq -r '"\(.images_per_second) \(.peak_rss_bytes) \(.gflops_per_second) \(.load_average)"' "$tmp/d.json")
    t=$(jq -r '"\(.images_per_second) \(.peak_rss_bytes) \(.gflops_per_second) \(.load_average)"' "$tmp/t.json")
    echo "$d $t" >>"$tmp/rows"
    read -r di dr dg dl ti tr tg tl <<<"$d $t"
    printf 'pair %d  %s %.1f img/s %.2f GB %.1f GFLOP/s (load %.1f)  pytorch %.1f img/s %.2f GB %.1f GFLOP/s (load %.1f)  ratio %.2f  batch assembly %.4f\n' \
      "$i" "$(jq -r '"\(.engine)/\(.precision)"' "$tmp/d.json")" "$di" "$(echo "$dr/1000000000" | bc -l)" "$dg" "$dl" "$ti" "$(echo "$tr/1000000000" | bc -l)" "$tg" "$tl" "$(echo "$di/$ti" | bc -l)" \
      "$(jq .batch_assembly_share "$tmp/d.json")"
  else
    row() { jq -r --arg e "$1" --argjson b "$2" '.results[] | select((.engine // "pytorch") == $e and .batch == $b) | "\(.median_ms) \(.p10_ms) \(.p90_ms) \(.images_per_second)"' "$3"; }
    read -r d1 d1lo d1hi _ <<<"$(row dl4j 1 "$tmp/d.json")"; read -r _ _ _ d64 <<<"$(row dl4j 64 "$tmp/d.json")"
    read -r o1 o1lo o1hi _ <<<"$(row onnxruntime 1 "$tmp/d.json")"; read -r _ _ _ o64 <<<"$(row onnxruntime 64 "$tmp/d.json")"
    read -r t1 t1lo t1hi _ <<<"$(row pytorch 1 "$tmp/t.json")"; read -r _ _ _ t64 <<<"$(row pytorch 64 "$tmp/t.json")"
    echo "$d1 $d64 $o1 $o64 $t1 $t64" >>"$tmp/rows"
    printf 'pair %d (load %s)  batch-1 median ms: dl4j %.2f [%.2f-%.2f]  ort %.2f [%.2f-%.2f]  pytorch %.2f [%.2f-%.2f]   batch-64 img/s: dl4j %.0f  ort %.0f  pytorch %.0f   speed vs pytorch: dl4j %.2f/%.2f  ort %.2f/%.2f\n' \
      "$i" "$(cut -d' ' -f1 /proc/loadavg)" "$d1" "$d1lo" "$d1hi" "$o1" "$o1lo" "$o1hi" "$t1" "$t1lo" "$t1hi" "$d64" "$o64" "$t64" \
      "$(echo "$t1/$d1" | bc -l)" "$(echo "$d64/$t64" | bc -l)" "$(echo "$t1/$o1" | bc -l)" "$(echo "$o64/$t64" | bc -l)"
  fi
done
echo "params $(jq .params "$tmp/d.json"), MACs $(jq .macs "$tmp/d.json"), $(jq -r .cpu "$tmp/d.json"), $(jq -r .backend "$tmp/d.json")"
