#!/usr/bin/env bash
# The layout lever: DL4J's stock layers in NCHW against NHWC on the same MBConv net, and effnas's own
# graph, alternating in ROUNDS rounds (bench/LayoutProbe.java says what each arm builds); then one
# DNNL_VERBOSE run of each stock arm, counting oneDNN's reorders and convolutions per training step.
# A benchmark: it prints figures, asserts nothing.
#
#   bench/layout-probe.sh [ARCH]        (default effnas-mini)
#
# Environment: ROUNDS (default 3), BATCH (128), STEPS (8), WARMUP (3), BN (stock or none, default stock).
set -euo pipefail
cd "$(dirname "$0")/.."
arch="${1:-effnas-mini}"
rounds="${ROUNDS:-3}"; batch="${BATCH:-128}"; steps="${STEPS:-8}"; warmup="${WARMUP:-3}"; bn="${BN:-stock}"
jar=experiments/target/effnas.jar
[ -f "$jar" ] || { echo "layout-probe: $jar is missing; build it with: mvn -B -q -DskipTests package" >&2; exit 2; }
tcmalloc=$(ls /usr/lib/*-linux-gnu/libtcmalloc_minimal.so.4 2>/dev/null | head -1 || true)
export OMP_WAIT_POLICY=PASSIVE
probe() {
  env ${tcmalloc:+LD_PRELOAD=$tcmalloc} java --add-modules jdk.incubator.vector -cp "$jar" bench/LayoutProbe.java "$@" 2>/dev/null
}
for ((i = 1; i <= rounds; i++)); do
  for arm in nchw nhwc effnas; do
    echo "round=$i load=$(cut -d' ' -f1 /proc/loadavg) $(probe "$arm" "$bn" "$arch" "$batch" "$steps" "$warmup" | grep images_per_second)"
  done
done
for arm in nchw nhwc; do
  log=$(mktemp)
  DNNL_VERBOSE=1 probe "$arm" "$bn" "$arch" "$batch" 2 0 >"$log" || true
  awk -F, -v arm="$arm" '/^dnnl_verbose,exec,cpu,/ { n[$4]++ }
    /^dnnl_verbose,info,cpu,isa:/ { isa = substr($4, 5) }
    END { printf "verbose arm=%s isa=%s per_step: reorders=%d convolutions=%d\n", arm, isa, n["reorder"] / 2, n["convolution"] / 2 }' "$log"
  rm -f "$log"
done
