#!/usr/bin/env bash
# Does bf16 change what the NHWC engine learns? ARCH trained EPOCHS epochs on Fashion-MNIST (54,000 images) in each
# PRECISION, then tested on its 10,000 test images (bench/NhwcEpochAccuracy.java says how). A benchmark:
# it prints figures, asserts nothing. Needs the built jar and Debian's dataset-fashion-mnist.
#
#   [SEEDS="1 2 3"] bench/nhwc-epoch-accuracy.sh [ARCH] [EPOCHS] [PRECISION...]   # defaults: effnas-mini 1 f32 bf16
set -euo pipefail
cd "$(dirname "$0")/.."
jar=experiments/target/effnas.jar
[ -f "$jar" ] || { echo "nhwc-epoch-accuracy: $jar is missing; build it with: mvn -B -q -DskipTests package" >&2; exit 2; }
tcmalloc=$(ls /usr/lib/*-linux-gnu/libtcmalloc_minimal.so.4 2>/dev/null | head -1 || true)
export OMP_WAIT_POLICY=PASSIVE
exec env ${tcmalloc:+LD_PRELOAD=$tcmalloc} java --add-modules jdk.incubator.vector -cp "$jar" \
  bench/NhwcEpochAccuracy.java "$@"
