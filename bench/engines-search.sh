#!/usr/bin/env bash
# One search's candidates trained by each engine, back to back: the same config and seed run as `effnas search`
# with training.engine dl4j, with training.engine onednn-nhwc (and bf16 where asked), and with the PyTorch
# reference trainer as a command evaluator (trainers/pytorch/train.py, 2 threads). The strategy's population
# equals the budget, so every run trains the same candidates (its first, random population). Prints, per
# candidate, each engine's wall seconds, training images/s and minival top-1, then the totals and the ratios
# to PyTorch, and each run's peak RSS. A benchmark: it prints figures, asserts nothing.
#
#   bench/engines-search.sh
#
# Environment: BUDGET (candidates, default 6); SUBSET (training images, default 10000); EPOCHS (default 1);
# BATCH (default 64); SPACE (default mnasnet-small); ENGINES (default "dl4j onednn-nhwc pytorch"; add
# onednn-nhwc-bf16 for bf16); EFFNAS (the command that runs effnas, default java on experiments/target/effnas.jar).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
budget="${BUDGET:-6}"; subset="${SUBSET:-10000}"; epochs="${EPOCHS:-1}"; batch="${BATCH:-64}"
space="${SPACE:-mnasnet-small}"; engines="${ENGINES:-dl4j onednn-nhwc pytorch}"
tcmalloc=$(ls /usr/lib/*-linux-gnu/libtcmalloc_minimal.so.4 2>/dev/null | head -1 || true)
effnas="${EFFNAS:-java --add-modules jdk.incubator.vector -jar experiments/target/effnas.jar}"
export OMP_WAIT_POLICY=PASSIVE
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

config() { # $1: engine name
  local training_engine="" evaluator="  kind: dl4j"
  case "$1" in
    dl4j) ;;
    onednn-nhwc) training_engine="  engine: onednn-nhwc" ;;
    onednn-nhwc-bf16) training_engine=$'  engine: onednn-nhwc\n  precision: bf16' ;;
    pytorch) evaluator="  kind: command
  command: [/usr/bin/python3, trainers/pytorch/train.py, --request, \"{request}\", --result, \"{result}\", --threads, \"2\"]
  workdir: $root
  timeout: 60m
  env:
    OMP_NUM_THREADS: \"2\"" ;;
    *) echo "unknown engine $1: use dl4j, onednn-nhwc, onednn-nhwc-bf16 or pytorch" >&2; exit 2 ;;
  esac
  cat <<YAML
dataset:
  name: fashion-mnist
space: $space
reward:
  target_macs: 5M
  mode: hard
strategy:
  name: evolution
  population: $budget
  budget:
    evaluations: $budget
training:
  epochs: $epochs
  subset: $subset
  batch_size: $batch
  optimizer: adam
  learning_rate: 0.003
  warmup_epochs: 0.1
  schedule: cosine
  label_smoothing: 0.1
  weight_decay: 0.00001
$training_engine
evaluator:
$evaluator
seed: 1
YAML
}

for e in $engines; do
  config "$e" >"$tmp/$e.yaml"
  echo "== $e: $budget candidates, $subset images x $epochs epoch(s), batch $batch" >&2
  start=$(date +%s.%N)
  env ${tcmalloc:+LD_PRELOAD=$tcmalloc} /usr/bin/time -f "%M" -o "$tmp/$e.rss" $effnas search --config "$tmp/$e.yaml" --no-cache \
    --out "$tmp/out-$e" >"$tmp/$e.log" 2>&1 || { tail -20 "$tmp/$e.log" >&2; exit 1; }
  echo "$(date +%s.%N) - $start" | bc >"$tmp/$e.wall"
done

/usr/bin/python3 - "$tmp" $engines <<'PY'
import json, sys, pathlib
tmp, engines = pathlib.Path(sys.argv[1]), sys.argv[2:]
def results(e):
    out = {}
    for line in (tmp / f"out-{e}" / "journal.jsonl").read_text().splitlines():
        try:
            o = json.loads(line)
        except ValueError:
            continue
        stack = [o]
        while stack:
            x = stack.pop()
            if isinstance(x, dict):
                if "wall_seconds" in x and "spec_key" in x:
                    out[x["spec_key"]] = x
                stack.extend(x.values())
    return out
runs = {e: results(e) for e in engines}
keys = sorted(set.intersection(*(set(r) for r in runs.values())))
print("candidate | " + " | ".join(f"{e}: s, img/s, top-1" for e in engines))
for i, k in enumerate(keys):
    cells = []
    for e in engines:
        r = runs[e][k]
        cells.append(f"{r.get('wall_seconds', 0):.1f}, {r.get('train_images_per_second') or 0:.0f}, {r.get('top1') or 0:.3f}")
    print(f"c{i} ({runs[engines[0]][k].get('params')} params) | " + " | ".join(cells))
tot = {e: sum(runs[e][k].get("wall_seconds", 0) for k in keys) for e in engines}
acc = {e: sum(runs[e][k].get("top1") or 0 for k in keys) / max(1, len(keys)) for e in engines}
for e in engines:
    wall = float((tmp / f"{e}.wall").read_text())
    rss = int((tmp / f"{e}.rss").read_text().split()[-1]) / 1e6
    line = f"{e}: {len(keys)} candidates, {tot[e]:.1f} s of evaluations ({wall:.1f} s wall), mean top-1 {acc[e]:.3f}, peak RSS {rss:.2f} GB"
    if "pytorch" in engines and e != "pytorch":
        line += f", speed against PyTorch {tot['pytorch'] / tot[e]:.2f}x"
    print(line)
PY
