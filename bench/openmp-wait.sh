#!/usr/bin/env bash
# Training speed of one net under OpenMP's idle-thread settings, back to back: on its own ("alone"), and
# with two copies training at once on the same cores ("shared", the case a passive wait protects). Each
# setting is an env(1) argument list for the launcher, which keeps OMP_WAIT_POLICY and GOMP_SPINCOUNT
# when set. libgomp's busy-wait before a thread sleeps: 0 spins with PASSIVE, 300,000 when neither is
# set, 30 billion with ACTIVE; GOMP_SPINCOUNT sets it directly (docs/performance.md, "OpenMP wait").
# A benchmark, not a test: it prints figures and asserts nothing. Run from the repository root on an
# otherwise idle machine.
#
#   bench/openmp-wait.sh [ARCH] [ROUNDS] [-- extra bench train arguments]
#   e.g. bench/openmp-wait.sh effnas-mini 2 -- --engine onednn-nhwc
# Environment: ITERATIONS, WARMUP (defaults 30, 5), SETTINGS (a space-separated subset of the labels below).
set -euo pipefail
cd "$(dirname "$0")/.."
arch="${1:-effnas-mini}"
rounds="${2:-1}"
shift $(( $# < 2 ? $# : 2 ))
[ "${1:-}" = "--" ] && shift
iterations="${ITERATIONS:-30}"; warmup="${WARMUP:-5}"
summary="import json,sys; d=json.load(sys.stdin); print('%.1f img/s  %.2f cpu_ms/img' % (d['images_per_second'], d['cpu_ms_per_image']))"

declare -A envs=(
  [passive]="OMP_WAIT_POLICY=PASSIVE"
  [spin10k]="OMP_WAIT_POLICY=PASSIVE GOMP_SPINCOUNT=10000"
  [spin100k]="OMP_WAIT_POLICY=PASSIVE GOMP_SPINCOUNT=100000"
  [gompdefault]="OMP_WAIT_POLICY=PASSIVE GOMP_SPINCOUNT=300000"
  [active]="OMP_WAIT_POLICY=ACTIVE"
)
settings="${SETTINGS:-passive spin10k spin100k gompdefault active}"

train() {  # env args..., prints the summary line
  env "$@" ./effnas bench train "$arch" --batch 128 --iterations "$iterations" --warmup "$warmup" "${extra[@]}" \
    2>/dev/null | python3 -c "$summary"
}
extra=("$@")

for round in $(seq "$rounds"); do
  for s in $settings; do
    # shellcheck disable=SC2086
    alone=$(train ${envs[$s]})
    out=$(mktemp -d)
    # shellcheck disable=SC2086
    { train ${envs[$s]} > "$out/a" & train ${envs[$s]} > "$out/b" & wait; }
    echo "$(date +%H:%M) round $round load $(cut -d' ' -f1 /proc/loadavg)  $s (${envs[$s]}): alone $alone;" \
      "shared $(cat "$out/a") + $(cat "$out/b")"
    rm -rf "$out"
  done
done
