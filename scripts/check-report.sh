#!/usr/bin/env bash
# Checks an experiment's report.html, content first, then as Chromium renders it:
#  1. content (no browser; `effnas report --check DIR`): the summary's winner figures equal
#     best/metrics.json (or the best row of candidates.csv) and the grid winner's rows of grid.csv;
#     every chart is inline SVG with a drawing and its PNG is not blank;
#  2. rendering (headless Chromium): every chart is laid out at a usable size, no text overflows its
#     box or the page, and each chart's area of a full-page screenshot is not blank (pixels that
#     differ from that area's own most common colour, so a grey or white background is not content).
#
#   scripts/check-report.sh DIR [screenshot.png]
#
# Needs Debian's chromium and python3. Exit 0 when every check passes, 1 when one fails, 2 on bad use.
set -euo pipefail

arg="${1:?usage: scripts/check-report.sh DIR [SCREENSHOT.png]}"
if [ -d "$arg" ]; then dir="$arg"; else dir="$(dirname "$arg")"; fi
report="$dir/report.html"
shot="${2:-$dir/report-screenshot.png}"
[ -f "$report" ] || { echo "check-report: no report.html in $dir (run: effnas report $dir)" >&2; exit 2; }
here="$(cd "$(dirname "$0")/.." && pwd)"

"$here/effnas" report --check "$dir" || { echo "check-report: content check FAILED" >&2; exit 1; }

browser="$(command -v chromium || command -v chromium-browser || true)"
[ -n "$browser" ] || { echo "check-report: chromium is missing; run: sudo apt-get install chromium" >&2; exit 2; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
       --disable-component-update --disable-sync --hide-scrollbars --user-data-dir="$work/profile")

# A copy of the page with a probe that measures the layout and writes it into the DOM as JSON.
cp "$report" "$work/page.html"
cat >> "$work/page.html" <<'JS'
<script>
(function () {
  var out = {charts: [], overflow: [], width: document.documentElement.scrollWidth,
             viewport: window.innerWidth, height: document.documentElement.scrollHeight};
  document.querySelectorAll('figure.chart').forEach(function (f) {
    var s = f.querySelector('svg'), r = s ? s.getBoundingClientRect() : {left: 0, top: 0, width: 0, height: 0};
    out.charts.push({name: f.dataset.chart, x: r.left + scrollX, y: r.top + scrollY, w: r.width, h: r.height});
  });
  document.querySelectorAll('main p, main td, main th, main dd, main dt, main li, main h1, main h2, main h3, main figcaption, main div, main code').forEach(function (e) {
    if (e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).display !== 'inline') {
      out.overflow.push(e.tagName + ': ' + (e.textContent || '').trim().slice(0, 60));
    }
  });
  var m = document.querySelector('main').getBoundingClientRect();
  document.querySelectorAll('main *').forEach(function (e) {
    var r = e.getBoundingClientRect();
    if (r.width > 0 && r.right > m.right + 1 && e.closest('svg') === null) {
      out.overflow.push(e.tagName + ' past the page: ' + (e.textContent || '').trim().slice(0, 60));
    }
  });
  var pre = document.createElement('pre'); pre.id = 'layout-probe'; pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
</script>
JS
"$browser" "${flags[@]}" --window-size=1100,900 --dump-dom "file://$work/page.html" > "$work/dom.html" 2>/dev/null || {
  echo "check-report: chromium failed to load $report" >&2; exit 1; }
height="$(python3 - "$work/dom.html" <<'PY'
import json, re, sys
m = re.search(r'<pre id="layout-probe">(.*?)</pre>', open(sys.argv[1]).read(), re.S)
print(min(20000, json.loads(m.group(1).replace('&quot;', '"').replace('&amp;', '&'))['height'] + 20) if m else 0)
PY
)"
[ "$height" -gt 0 ] || { echo "check-report: the page's layout probe did not run" >&2; exit 1; }
"$browser" "${flags[@]}" --window-size=1100,"$height" --screenshot="$shot" "file://$work/page.html" >/dev/null 2>&1 || {
  echo "check-report: chromium failed to take a screenshot" >&2; exit 1; }

python3 - "$work/dom.html" "$shot" <<'PY'
import json, re, struct, sys, zlib
dom, path = sys.argv[1], sys.argv[2]
probe = json.loads(re.search(r'<pre id="layout-probe">(.*?)</pre>', open(dom).read(), re.S).group(1)
                   .replace('&quot;', '"').replace('&amp;', '&').replace('&lt;', '<').replace('&gt;', '>'))
data = open(path, 'rb').read()
assert data[:8] == b'\x89PNG\r\n\x1a\n', 'not a PNG'
pos, idat = 8, b''
while pos < len(data):
    n, kind = struct.unpack('>I4s', data[pos:pos + 8]); body = data[pos + 8:pos + 8 + n]
    if kind == b'IHDR': width, height, depth, ctype = struct.unpack('>IIBB', body[:10])
    elif kind == b'IDAT': idat += body
    pos += 12 + n
bpp = {2: 3, 6: 4}[ctype]
raw, stride, rows, prev, i = zlib.decompress(idat), width * bpp, [], bytearray(width * bpp), 0
for _ in range(height):
    f = raw[i]; line = bytearray(raw[i + 1:i + 1 + stride]); i += 1 + stride
    for x in range(stride):
        a = line[x - bpp] if x >= bpp else 0; b = prev[x]; c = prev[x - bpp] if x >= bpp else 0
        if f == 1: line[x] = (line[x] + a) & 255
        elif f == 2: line[x] = (line[x] + b) & 255
        elif f == 3: line[x] = (line[x] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[x] = (line[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    rows.append(bytes(line)); prev = line
problems = []
if probe['width'] > probe['viewport'] + 1:
    problems.append('the page scrolls sideways: %d px wide in a %d px window' % (probe['width'], probe['viewport']))
problems += ['text overflows: ' + o for o in probe['overflow']]
if not probe['charts']:
    print('check-report: the report has no charts')
for ch in probe['charts']:
    if ch['w'] < 300 or ch['h'] < 150:
        problems.append('chart %s is laid out at %dx%d px' % (ch['name'], ch['w'], ch['h'])); continue
    counts, total = {}, 0
    for y in range(int(ch['y']), min(height, int(ch['y'] + ch['h'])), 2):
        row = rows[y]
        for x in range(int(ch['x']), min(width, int(ch['x'] + ch['w'])), 2):
            px = row[x * bpp:x * bpp + 3]; counts[px] = counts.get(px, 0) + 1; total += 1
    ink = (total - max(counts.values())) / total if total else 0
    print('check-report: chart %-28s %4dx%-4d px, %5.1f%% ink' % (ch['name'], ch['w'], ch['h'], ink * 100))
    if ink < 0.01:
        problems.append('chart %s renders blank (%.2f%% of its pixels differ from its background)' % (ch['name'], ink * 100))
for p in problems:
    print('check-report: ' + p, file=sys.stderr)
sys.exit(1 if problems else 0)
PY
echo "check-report: OK ($shot)"
