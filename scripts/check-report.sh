#!/usr/bin/env bash
# Renders an experiment's report.html in headless Chromium to a PNG screenshot and checks that the
# page is not blank (a white page, or one colour, means the HTML or its embedded charts are broken).
# Not part of the CI suite (a browser is too heavy there): run it by hand after `effnas run`/`demo`.
#
#   scripts/check-report.sh runs/demo/report.html [screenshot.png]
#
# Needs Debian's chromium (installed with apt-get when run as root) and python3.
set -euo pipefail

report="${1:?usage: scripts/check-report.sh REPORT.html [SCREENSHOT.png]}"
shot="${2:-${report%.html}-screenshot.png}"
[ -f "$report" ] || { echo "check-report: no such file $report" >&2; exit 2; }

browser="$(command -v chromium || command -v chromium-browser || true)"
if [ -z "$browser" ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "check-report: installing Debian's chromium ..." >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    browser="$(command -v chromium)"
  else
    echo "check-report: chromium is missing; run: sudo apt-get install chromium" >&2
    exit 2
  fi
fi

profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
url="file://$(cd "$(dirname "$report")" && pwd)/$(basename "$report")"
# A tall window: the whole report (header, charts, tables) in one screenshot.
"$browser" --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
  --disable-sync --no-first-run --user-data-dir="$profile" --hide-scrollbars \
  --window-size=1100,8000 --screenshot="$shot" "$url" >/dev/null 2>&1 || {
  echo "check-report: chromium failed to render $report" >&2; exit 1; }
[ -s "$shot" ] || { echo "check-report: chromium wrote no screenshot" >&2; exit 1; }

# Non-blank: count distinct colours on a grid of samples (PNG decoded with the standard library).
python3 - "$shot" <<'PY'
import struct, sys, zlib
path = sys.argv[1]
data = open(path, 'rb').read()
assert data[:8] == b'\x89PNG\r\n\x1a\n', 'not a PNG'
pos, idat, width, height, ctype = 8, b'', 0, 0, 0
while pos < len(data):
    n, kind = struct.unpack('>I4s', data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if kind == b'IHDR':
        width, height, depth, ctype = struct.unpack('>IIBB', body[:10])
    elif kind == b'IDAT':
        idat += body
    pos += 12 + n
bpp = {2: 3, 6: 4}.get(ctype)
if bpp is None:
    sys.exit('check-report: unexpected PNG colour type %d' % ctype)
raw = zlib.decompress(idat)
stride = width * bpp
rows, prev, i = [], bytearray(stride), 0
for _ in range(height):
    f = raw[i]; line = bytearray(raw[i + 1:i + 1 + stride]); i += 1 + stride
    for x in range(stride):
        a = line[x - bpp] if x >= bpp else 0
        b = prev[x]; c = prev[x - bpp] if x >= bpp else 0
        if f == 1: line[x] = (line[x] + a) & 255
        elif f == 2: line[x] = (line[x] + b) & 255
        elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    rows.append(bytes(line)); prev = line
colours = set()
for y in range(0, height, 7):
    for x in range(0, width, 7):
        colours.add(rows[y][x * bpp:x * bpp + 3])
non_white = sum(1 for y in range(0, height, 7) for x in range(0, width, 7) if rows[y][x * bpp:x * bpp + 3] != b'\xff\xff\xff')
print('check-report: %s: %dx%d, %d distinct colours sampled, %d non-white samples' % (path, width, height, len(colours), non_white))
if len(colours) < 16 or non_white < 500:
    sys.exit('check-report: the rendered report looks blank')
PY
echo "check-report: OK ($shot)"
