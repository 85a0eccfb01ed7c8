#!/usr/bin/env bash
# One layer, two routes: libnd4j's conv2d / depthwise_conv2d on NCHW against oneDNN called directly on
# NHWC through JavaCPP's org.bytedeco:dnnl preset, in float32 and, where oneDNN can, in bf16 with float32
# master weights (bench/DirectConvProbe.java says what each arm runs); then the same layer in PyTorch,
# contiguous, channels_last, and channels_last in bf16 (bench/conv_layer_reference.py), where
# /usr/bin/python3 has torch. With no arguments it probes effnas-mini's larger layer shapes at 28 px in
# ROUNDS rounds; with arguments, that one shape. A benchmark: it prints figures, asserts nothing.
#
#   bench/direct-conv-probe.sh [pointwise CIN COUT HW | depthwise C K HW]
#
# Environment: ROUNDS (default 3). Needs the built jar and the dnnl and opencl preset jars (JavaCPP 1.5.7,
# the version DL4J 1.0.0-M2.1 uses) in the local Maven repository; it names the command that fetches them.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds="${ROUNDS:-3}"
caller=direct-conv-probe
. bench/dnnl-preset-classpath.sh
export OMP_WAIT_POLICY=PASSIVE
probe() {
  env ${tcmalloc:+LD_PRELOAD=$tcmalloc} java --add-modules jdk.incubator.vector -cp "$cp" bench/DirectConvProbe.java "$@" \
    2>/dev/null | grep -E '^(pointwise|depthwise)'
}
torch=""
/usr/bin/python3 -c 'import torch' 2>/dev/null && torch=yes
shape() {
  probe "$@"
  if [ -n "$torch" ]; then
    for f in contiguous channels_last; do /usr/bin/python3 bench/conv_layer_reference.py "$@" --memory-format $f; done
    /usr/bin/python3 bench/conv_layer_reference.py "$@" --memory-format channels_last --dtype bfloat16 2>/dev/null ||
      echo "$* pytorch bf16 arm left out: this CPU or PyTorch build cannot run it"
  fi
}
if [ $# -gt 0 ]; then shape "$@"; exit; fi
for ((i = 1; i <= rounds; i++)); do
  for s in "pointwise 16 96 28" "pointwise 96 24 14" "pointwise 24 144 14" "pointwise 80 320 7" \
           "depthwise 96 3 28" "depthwise 144 5 14"; do
    shape $s | sed "s/^/round=$i /"
  done
done
