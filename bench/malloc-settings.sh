#!/usr/bin/env bash
# Training speed and peak memory of effnas-mini under several glibc malloc settings, back to back, then
# the PyTorch reference on the same net, data and batch (docs/performance.md). A benchmark, not a test:
# it prints figures and asserts nothing. Run from the repository root on an otherwise idle machine.
#
#   bench/malloc-settings.sh [ITERATIONS]
set -euo pipefail
cd "$(dirname "$0")/.."
iterations="${1:-30}"

run() {
  local label="$1"; shift
  local figures
  figures=$(env "$@" ./effnas bench train effnas-mini --batch 128 --iterations "$iterations" 2>/dev/null \
    | python3 -c "import json,sys; d=json.load(sys.stdin); print('%.1f img/s  %.1f cpu_ms/img  peak rss %.2f GB' % (d['images_per_second'], d['cpu_ms_per_image'], d['peak_rss_bytes']/1e9))")
  echo "$(date +%H:%M) load $(cut -d' ' -f1 /proc/loadavg)  $label: $figures"
}

run "launcher default" EFFNAS_BENCH=1
run "glibc default" GLIBC_TUNABLES=glibc.malloc.check=0
run "hugetlb, 6 MiB mmap threshold" GLIBC_TUNABLES=glibc.malloc.hugetlb=1:glibc.malloc.mmap_threshold=6291456
run "hugetlb, 8 MiB mmap threshold" GLIBC_TUNABLES=glibc.malloc.hugetlb=1:glibc.malloc.mmap_threshold=8388608
run "arena_max=1" GLIBC_TUNABLES=glibc.malloc.arena_max=1
run "hugetlb only" GLIBC_TUNABLES=glibc.malloc.hugetlb=1
echo "$(date +%H:%M) load $(cut -d' ' -f1 /proc/loadavg)  pytorch: $(OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 bench/pytorch_reference.py \
  --iterations "$iterations" 2>/dev/null | python3 -c "import json,sys; d=json.load(sys.stdin); print('%.1f img/s  %.1f cpu_ms/img  peak rss %.2f GB' % (d['images_per_second'], d['cpu_ms_per_image'], d['peak_rss_bytes']/1e9))")"
