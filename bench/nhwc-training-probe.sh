#!/usr/bin/env bash
# A whole network trained in oneDNN primitives on NHWC activations, f32 or bf16 with float32 master weights
# (bench/NhwcTrainingProbe.java says what it runs and what it leaves out): what a layout-keeping training
# engine would do, to be read against `effnas bench train` and bench/pytorch_reference.py on the same net.
# A benchmark: it prints figures, asserts nothing.
#
#   bench/nhwc-training-probe.sh [ARCH|SPEC_FILE] [f32|bf16] [ITERATIONS] [WARMUP]
#
# Needs the built jar and the dnnl and opencl preset jars in the local Maven repository; it names the
# command that fetches them. Runs with the launcher's settings: tcmalloc preloaded, OMP_WAIT_POLICY=PASSIVE.
set -euo pipefail
cd "$(dirname "$0")/.."
caller=nhwc-training-probe
. bench/dnnl-preset-classpath.sh
export OMP_WAIT_POLICY=PASSIVE
exec env ${tcmalloc:+LD_PRELOAD=$tcmalloc} java -cp "$cp" bench/NhwcTrainingProbe.java "$@"
