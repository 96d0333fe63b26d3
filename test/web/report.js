// report.js - the HTML report of `mprisk report` as a parliament staffer
// reads it: in Debian's chromium (puppeteer-core) at 1280 px, where no
// heatmap column may be cut off and the page may not scroll sideways, and
// printed to A4 landscape PDF (test/report.sh checks the PDF with poppler's
// pdftoppm and pdftotext). No script, no request, no console error.
// Usage: node test/web/report.js PAGE.html OUTDIR COUNTRIES
//   COUNTRIES: the codes every heatmap must show as a column, comma-separated
// Writes OUTDIR/screen.png (the top of the page at 1280 px) and
// OUTDIR/report.pdf; prints "ok ..." / "FAIL ..." lines.
"use strict";
const path = require("path");
const fs = require("fs");
const os = require("os");
const puppeteer = require("puppeteer-core");

const [page_path, outdir, countries] = process.argv.slice(2);
const want = countries.split(",").filter(Boolean);
let failures = 0;
const ok = (m) => console.log("ok " + m);
const fail = (m) => { failures++; console.log("FAIL " + m); };
const check = (cond, m) => (cond ? ok(m) : fail(m));

async function main() {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "mprisk-report-"));
  const browser = await puppeteer.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    userDataDir: profile,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const errors = [];
  const requests = [];
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 1000 });
    page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("request", (r) => { if (!r.url().startsWith("file:")) requests.push(r.url()); });
    await page.goto("file://" + path.resolve(page_path), { waitUntil: "load" });

    // on screen, 1280 px: nothing wider than the window, every column inside it
    const screen = await page.evaluate(() => {
      const cols = [...document.querySelectorAll("table.heat th.c")].map((th) => {
        const r = th.getBoundingClientRect();
        return { code: th.textContent.trim(), left: r.left, right: r.right };
      });
      return { width: document.documentElement.scrollWidth, cols,
        tables: document.querySelectorAll("table.heat").length,
        lang: document.documentElement.lang,
        summary: !!document.querySelector("#summary table.summary") };
    });
    check(screen.width <= 1280, `at 1280 px the page is ${screen.width} px wide (no sideways scrolling)`);
    const cut = screen.cols.filter((c) => c.left < 0 || c.right > 1280);
    check(cut.length === 0, `every heatmap column lies inside 1280 px (${cut.map((c) => c.code).join(" ") || "none cut"})`);
    const shown = new Set(screen.cols.map((c) => c.code));
    const missing = want.filter((c) => !shown.has(c));
    check(missing.length === 0 && want.length > 0,
      `all ${want.length} countries are heatmap columns, in ${screen.tables} tables${missing.length ? " (missing " + missing.join(" ") + ")" : ""}`);
    check(screen.summary, `the page opens with the summary (lang ${screen.lang})`);
    await page.screenshot({ path: path.join(outdir, "screen.png"), clip: { x: 0, y: 0, width: 1280, height: 1400 } });

    // printed: A4 landscape, as the page's @page asks
    await page.emulateMediaType("print");
    await page.pdf({ path: path.join(outdir, "report.pdf"), preferCSSPageSize: true, printBackground: true });
    ok("printed to " + path.join(outdir, "report.pdf"));
    check(errors.length === 0, `no console errors${errors.length ? ": " + errors.join("; ") : ""}`);
    check(requests.length === 0, `no request outside the page${requests.length ? ": " + requests.join(" ") : ""}`);
  } finally {
    await browser.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

main().then(() => process.exit(failures ? 1 : 0), (e) => { console.log("FAIL " + e.message); process.exit(1); });
