#!/usr/bin/env python3
"""overlap.py PDF.html FIRST LAST — words that overlap on pages FIRST..LAST of a
`pdftotext -bbox` dump: each pair printed as 'page: "a" over "b"'; exit 1 when any.
Labels a chart places (point labels, notes, value labels, ticks) must never overlap."""
import re
import sys

path, first, last = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
pages, page = [], None
for line in open(path, encoding="utf-8"):
    if "<page " in line:
        page = []
        pages.append(page)
    m = re.search(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*)</word>', line)
    if m and page is not None:
        x0, y0, x1, y1 = map(float, m.groups()[:4])
        # poppler's box runs from the font's ascent to its descent: keep the middle 60 %,
        # the ink of lower-case letters and figures, so lines set close are not overlaps
        h = y1 - y0
        page.append((x0 + 0.3, y0 + h * 0.25, x1 - 0.3, y1 - h * 0.15, m.group(5)))
bad = 0
for n in range(first, min(last, len(pages)) + 1):
    w = pages[n - 1]
    for i in range(len(w)):
        for j in range(i + 1, len(w)):
            a, b = w[i], w[j]
            if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]:
                print(f'page {n}: "{a[4]}" over "{b[4]}"')
                bad += 1
sys.exit(1 if bad else 0)
