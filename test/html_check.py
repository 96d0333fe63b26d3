#!/usr/bin/env python3
"""Does a page show hostile text as text? test/html_check.py PAGE TAG TEXT...

Parses PAGE as a browser would (the standard library's html.parser) and
passes when no element named TAG, no <script>, <img> or <iframe>, and no
event-handler attribute (on...) is in the page: none of them is the
renderer's own, so any that is there came from input text that was not
escaped. Each TEXT must then appear exactly as written in the page's text
or in an attribute value once the parser has decoded the references: text
escaped once, neither raw nor twice. Prints "ok ..." or "FAIL ..." per check.
"""
import html.parser
import sys


class Page(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []
        self.strings = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))
        self.strings.extend(v for _, v in attrs if v is not None)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_data(self, data):
        self.strings.append(data)


def main(path, hostile_tag, texts):
    with open(path, encoding="utf-8") as f:
        page = Page()
        page.feed(f.read())
        page.close()
    failed = 0
    forged = [f"<{t} {' '.join(a for a, _ in attrs)}>".replace(" >", ">")
              for t, attrs in page.tags
              if t in (hostile_tag, "script", "img", "iframe") or
              any(a.startswith("on") for a, _ in attrs)]
    if forged:
        print(f"FAIL {path}: {len(forged)} element(s) or attribute(s) made of input text, "
              f"first {forged[0]}")
        failed += 1
    else:
        print(f"ok {path}: no element or attribute made of input text ({len(page.tags)} elements)")
    # an attribute value or a text node holds the whole text; a <pre> block
    # may hold several texts, so look inside each string
    for text in texts:
        if any(text in s for s in page.strings):
            print(f"ok {path} shows as written: {text[:60]}")
        else:
            print(f"FAIL {path} does not show as written (raw, or escaped twice): {text}")
            failed += 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], sys.argv[3:]))
