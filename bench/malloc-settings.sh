#!/usr/bin/env bash
# Training speed and peak memory of effnas-mini under several malloc implementations and glibc settings,
# back to back, then the PyTorch reference on the same net, data and batch (docs/performance.md). A
# benchmark, not a test: it prints figures and asserts nothing. Run from the repository root on an
# otherwise idle machine. tcmalloc and jemalloc runs need Debian's libtcmalloc-minimal4 and libjemalloc2
# and are skipped without them.
#
#   bench/malloc-settings.sh [ITERATIONS] [ROUNDS]
set -euo pipefail
cd "$(dirname "$0")/.."
iterations="${1:-30}"
rounds="${2:-1}"
summary="import json,sys; d=json.load(sys.stdin); print('%.1f img/s  %.1f cpu_ms/img  peak rss %.2f GB' % (d['images_per_second'], d['cpu_ms_per_image'], d['peak_rss_bytes']/1e9))"

run() {
  local label="$1"; shift
  local figures
  figures=$(env "$@" ./effnas bench train effnas-mini --batch 128 --iterations "$iterations" 2>/dev/null \
    | python3 -c "$summary")
  echo "$(date +%H:%M) load $(cut -d' ' -f1 /proc/loadavg)  $label: $figures"
}

lib() { ls /usr/lib/*-linux-gnu/"$1" 2>/dev/null | head -1 || true; }
tcmalloc=$(lib libtcmalloc_minimal.so.4)
jemalloc=$(lib libjemalloc.so.2)

for _ in $(seq "$rounds"); do
  [ -n "$tcmalloc" ] && run "tcmalloc (launcher default when installed)" LD_PRELOAD="$tcmalloc"
  run "glibc, launcher setting (hugetlb, 4 MiB mmap threshold)" LD_PRELOAD=
  run "glibc default" LD_PRELOAD= GLIBC_TUNABLES=glibc.malloc.check=0
  run "glibc, hugetlb, 8 MiB mmap threshold" LD_PRELOAD= GLIBC_TUNABLES=glibc.malloc.hugetlb=1:glibc.malloc.mmap_threshold=8388608
  run "glibc, arena_max=1" LD_PRELOAD= GLIBC_TUNABLES=glibc.malloc.arena_max=1
  [ -n "$jemalloc" ] && run "jemalloc" LD_PRELOAD="$jemalloc"
  echo "$(date +%H:%M) load $(cut -d' ' -f1 /proc/loadavg)  pytorch: $(OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 \
    bench/pytorch_reference.py --iterations "$iterations" 2>/dev/null | python3 -c "$summary")"
done
