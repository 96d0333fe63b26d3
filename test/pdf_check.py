#!/usr/bin/env python3
"""The report printed to A4: test/pdf_check.py BBOX.html CODES FIRST.txt IDS HEAD

  BBOX.html  `pdftotext -bbox REPORT.pdf BBOX.html` (poppler): every word with
             its box on its page
  CODES      the country codes every heatmap must show, comma-separated
  FIRST.txt  `pdftotext -layout -f 1 -l 1`: the first page's text
  IDS        the proposal ids the first page must name, comma-separated
  HEAD       the first word of a heatmap's header row ("measure", "maatregel")

Checks that the pages are A4 landscape; that every country code is the
header of a heatmap column (in a row of the page where at least three
country codes follow the word HEAD) lying wholly inside its page, so no column is cut off in
print; and that the first page names every proposal with whether it passes.
Prints "ok ..." / "FAIL ..." lines; standard library only.
"""
import html.parser
import sys


class Words(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.pages = []  # (width, height, [(xmin, ymin, xmax, ymax, text)])
        self.word = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "page":
            self.pages.append((float(a["width"]), float(a["height"]), []))
        elif tag == "word":
            self.word = [float(a["xmin"]), float(a["ymin"]), float(a["xmax"]), float(a["ymax"]), ""]

    def handle_data(self, data):
        if self.word is not None:
            self.word[4] += data

    def handle_endtag(self, tag):
        if tag == "word" and self.word is not None:
            self.pages[-1][2].append(tuple(self.word))
            self.word = None


def main(bbox, codes, first, ids, head):
    want = set(c for c in codes.split(",") if c)
    p = Words()
    with open(bbox, encoding="utf-8") as f:
        p.feed(f.read())
    fails = 0

    def check(cond, msg):
        nonlocal fails
        print(("ok " if cond else "FAIL ") + msg)
        fails += not cond

    a4 = all(abs(w - 841.9) < 2 and abs(h - 595.3) < 2 for w, h, _ in p.pages)
    check(a4 and p.pages, f"{len(p.pages)} pages, all A4 landscape")
    columns, outside, heat_pages = set(), set(), set()
    for n, (w, h, words) in enumerate(p.pages, 1):
        heads = [((y0 + y1) / 2, x1) for x0, y0, x1, y1, t in words if t.strip() == head]
        for mid, right in heads:
            here = [(x0, y0, x1, y1, t.strip()) for x0, y0, x1, y1, t in words
                    if t.strip() in want and abs((y0 + y1) / 2 - mid) < 4 and x0 > right]
            if len(here) < 3:
                continue
            heat_pages.add(n)
            for x0, y0, x1, y1, t in here:
                columns.add(t)
                if x0 < 0 or x1 > w or y0 < 0 or y1 > h:
                    outside.add(t)
    missing = sorted(want - columns)
    check(not missing, f"every one of {len(want)} country columns is printed, on pages "
          f"{sorted(heat_pages)}" + (f" (missing {' '.join(missing)})" if missing else ""))
    check(not outside, "no column lies outside its page" +
          (f" ({' '.join(sorted(outside))})" if outside else ""))
    with open(first, encoding="utf-8") as f:
        text = f.read()
    absent = [i for i in ids.split(",") if i and i not in text]
    check(not absent, "the first page names every proposal" +
          (f" (not {' '.join(absent)})" if absent else ""))
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:6]))
