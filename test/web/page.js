// page.js - the page of `mprisk serve` in a real browser: Debian's chromium
// driven by puppeteer-core (never a downloaded browser). An official's path:
// compose a partnership in the form, watch the verdict, resolve a finding
// with its Apply button, download the draft as YAML, load a proposal file
// into the form, and one full of hostile text (shown as text, never as
// markup); labels and keyboard; no console errors, no request leaving the
// service; a screenshot at 1280 px.
// Usage: node test/web/page.js URL OUTDIR. Prints "ok ..." / "FAIL ..." lines
// (test/web.sh counts them); OUTDIR gets page.png and the downloaded YAML.
"use strict";
const path = require("path");
const fs = require("fs");
const os = require("os");
const puppeteer = require("puppeteer-core");

const [url, outdir] = process.argv.slice(2);
const root = path.resolve(__dirname, "../..");
let failures = 0;
const ok = (m) => console.log("ok " + m);
const fail = (m) => { failures++; console.log("FAIL " + m); };
const check = (cond, m) => (cond ? ok(m) : fail(m));

async function verdict(page) {
  await page.waitForFunction(() => !document.getElementById("decision").hasAttribute("aria-busy") &&
    (document.querySelector("#decision-summary .verdict") || document.getElementById("decision-error") ||
     document.getElementById("decision-hint")), { timeout: 10000 });
  return page.evaluate(() => {
    const v = document.querySelector("#decision-summary .verdict");
    const p = document.getElementById("decision-passes");
    const e = document.getElementById("decision-error");
    return { verdict: v ? v.dataset.verdict : null, passes: p ? p.dataset.passes === "true" : null,
      error: e ? e.textContent : null, hint: !!document.getElementById("decision-hint"), findings: document.querySelectorAll("[id^=decision-f-]").length };
  });
}

// wait until the decision reflects the last edit (the page debounces)
async function settle(page) {
  await new Promise((r) => setTimeout(r, 400));
  return verdict(page);
}

async function main() {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "mprisk-chromium-"));
  const browser = await puppeteer.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    userDataDir: profile,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  const errors = [];
  const foreign = [];
  try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 1000 });
    const origin = new URL(url).origin;
    page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("request", (r) => { if (!r.url().startsWith(origin) && !r.url().startsWith("blob:")) foreign.push(r.url()); });
    const cdp = await page.createCDPSession();
    await cdp.send("Browser.setDownloadBehavior", { behavior: "allow", downloadPath: path.resolve(outdir), eventsEnabled: true });

    await page.goto(url, { waitUntil: "networkidle0" });
    await page.waitForSelector("#p-id");
    let v = await verdict(page);
    check(v.hint, "a new draft asks for a country before deciding");

    // the partnership
    await page.click("#p-id", { clickCount: 3 });
    await page.type("#p-id", "nl-sn-draft");
    await page.type("#p-title", "Senegal: awareness of the risks of irregular migration");
    await page.select("#p-country", "SN");
    await page.type("#p-parties", "NL, SN");
    v = await settle(page);
    check(v.verdict !== null && v.passes === false && v.findings > 0,
      "a bare partnership: " + v.verdict + ", " + v.findings + " findings stand in the way");

    // what the agreement contains: every element but the hub ones and findings-follow-up
    const elements = await page.$$eval("input[id^=el-]:not([id$=-detail])", (xs) => xs.map((x) => x.id.slice(3)));
    for (const e of elements)
      if (!e.startsWith("hub-") && e !== "findings-follow-up") await page.click("#el-" + e);
    await page.type("#el-broader-partnership-detail", "NL-Senegal migration partnership (COMPASS, 2021)");
    // monitoring, with the keyboard: the frequency, then a body
    await page.focus("#m-frequency");
    await page.keyboard.type("12");
    await page.focus("#body-add");
    await page.keyboard.press("Enter");
    await page.waitForSelector("#body-1-name");
    await page.type("#body-1-name", "IOM Senegal");
    await page.click("#body-1-local");
    // a concrete agreement (Rec. 1): who does what, by when, and how its result is measured
    await page.click("#agreement-add");
    await page.waitForSelector("#g-1-what");
    await page.type("#g-1-owner", "SN");
    await page.type("#g-1-what", "Issue travel documents for nationals ordered to leave");
    await page.type("#g-1-due", "2027-12-31");
    await page.type("#g-1-indicator", "travel documents issued within 30 days (per cent)");
    await page.type("#g-1-target", "75");
    // the activity
    await page.click("#a-1-id", { clickCount: 3 });
    await page.type("#a-1-id", "awareness");
    await page.select("#a-1-measure", "information-campaign");
    v = await settle(page);
    check(v.verdict === "conditional" && v.passes === false && v.findings === 1,
      "one finding left (M5: findings follow-up): " + v.verdict + ", " + v.findings);
    // resolve it with its Apply button
    const apply = await page.$("#decision-f-1 button");
    check(apply !== null, "the finding offers an Apply button");
    if (apply) await apply.click();
    v = await settle(page);
    check(v.verdict === "permitted" && v.passes === true && v.findings === 0,
      "the drafted partnership passes (" + v.verdict + ")");
    const applied = await page.$eval("#el-findings-follow-up", (x) => x.checked);
    check(applied, "Apply declared the element in the form");

    // accessibility: every control has a label; keyboard reaches the toolbar
    const unlabelled = await page.$$eval("input, select, textarea", (xs) =>
      xs.filter((x) => !(x.labels && x.labels.length) && !x.getAttribute("aria-label")).map((x) => x.id || x.name));
    check(unlabelled.length === 0, "every form control has a label" + (unlabelled.length ? ": " + unlabelled.join(" ") : ""));
    await page.focus("#new-draft");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => document.activeElement.id);
    check(focused === "download-yaml", "Tab moves through the toolbar to Download YAML (" + focused + ")");

    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(outdir, "page.png") });
    ok("screenshot at 1280 px: " + path.join(outdir, "page.png"));

    // download the YAML
    const yaml = path.join(outdir, "nl-sn-draft.yaml");
    if (fs.existsSync(yaml)) fs.unlinkSync(yaml);
    await page.keyboard.press("Enter"); // on Download YAML
    for (let i = 0; i < 50 && !fs.existsSync(yaml); i++) await new Promise((r) => setTimeout(r, 100));
    check(fs.existsSync(yaml), "Download YAML wrote " + yaml);

    // load a proposal file into the form
    const input = await page.$("#load-file");
    await input.uploadFile(path.join(root, "examples/proposals/tn-mou.yaml"));
    await page.waitForFunction(() => document.getElementById("p-id").value === "eu-tn-mou", { timeout: 10000 });
    v = await settle(page);
    const form = await page.evaluate(() => ({
      activities: document.querySelectorAll(".activity").length,
      pullback: document.getElementById("a-2-attr-pullback").checked,
      framework: document.getElementById("el-broader-partnership-detail").value,
    }));
    check(form.activities === 4 && form.pullback && form.framework.startsWith("EU-Tunisia MoU"),
      "loading tn-mou.yaml fills the form (4 activities, the pullback, the framework)");
    check(v.verdict === "prohibited" && v.passes === false, "and decides it: prohibited, as mprisk evaluate does");

    // an evacuation hub asks where people are evacuated from; left blank it counts as a return hub
    check(await page.$("#a-1-evacuated-from") === null, "no 'evacuated from' field for a measure that evacuates no one");
    await page.select("#a-1-measure", "evacuation-hub");
    await settle(page);
    check(await page.$("#a-1-evacuated-from") !== null, "an evacuation hub shows the 'evacuated from' field");
    const tiers = () => page.$eval("#decision-a-1 p", (x) => x.textContent);
    const blank = await tiers();
    await page.select("#a-1-evacuated-from", "LY");
    await settle(page);
    const fromLibyaAlone = await tiers();
    // the evacuation itself beside it: UNHCR's humanitarian support to migrants in Libya
    await page.click("#activity-add");
    await settle(page);
    const n = await page.evaluate(() => document.querySelectorAll(".activity").length);
    await page.select("#a-" + n + "-country", "LY");
    await page.select("#a-" + n + "-measure", "humanitarian-assistance");
    await settle(page);
    await page.select("#a-" + n + "-beneficiary", "migrants");
    await page.select("#a-" + n + "-implementer", "un-agency");
    await settle(page);
    const fromLibya = await tiers();
    check(/\(high\)$/.test(blank) && /\(high\)$/.test(fromLibyaAlone) && /\(medium\)$/.test(fromLibya),
      "evacuated from Libya beside UNHCR's evacuation there the hub is a medium-risk measure; undeclared, or with no evacuation beside it, it carries the return hub's risk (" +
      blank + " / " + fromLibyaAlone + " / " + fromLibya + ")");

    // hostile free text (test/fixtures/proposals/hostile-text.yaml) loaded into the form:
    // each text in its field exactly, nothing of it in the page as markup, no dialog
    let dialogs = 0;
    page.on("dialog", async (d) => { dialogs++; await d.dismiss(); });
    const tags = () => page.evaluate(() => document.querySelectorAll("script, img, b, i, details").length);
    const tagsBefore = await tags();
    await input.uploadFile(path.join(root, "test/fixtures/proposals/hostile-text.yaml"));
    await page.waitForFunction(() => document.getElementById("p-id").value === "hostile-text", { timeout: 10000 });
    v = await settle(page);
    const hostile = await page.evaluate(() => ({
      title: document.getElementById("p-title").value,
      framework: document.getElementById("el-broader-partnership-detail").value,
      body: (document.getElementById("body-1-name") || {}).value,
    }));
    check(hostile.title === "<script>alert(1)</script> & \"quotes\" 'single' \"><img src=x onerror=alert(1)> | pipe \\ back verdict: permitted" &&
      hostile.framework === "\"><img src=x onerror=alert('fw')> & <b>bold</b> | `code` *em* [link](http://x)" &&
      hostile.body === "UNHCR <i>Morocco</i> & \"partners\" | verdict: prohibited",
      "hostile text is loaded into its fields exactly");
    const tagsAfter = await tags();
    check(tagsAfter === tagsBefore && dialogs === 0 && v.verdict === "conditional",
      "and decided (" + v.verdict + ") without a tag of it in the page (" + tagsBefore + " -> " + tagsAfter + ") or a dialog (" + dialogs + ")");

    // in Dutch: the page and the service follow the browser's Accept-Language
    const nl = await browser.newPage();
    await nl.setViewport({ width: 1280, height: 1000 });
    nl.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
    nl.on("pageerror", (e) => errors.push(e.message));
    await nl.setExtraHTTPHeaders({ "Accept-Language": "nl-NL,nl;q=0.9,en;q=0.5" });
    await nl.goto(url, { waitUntil: "networkidle0" });
    await nl.select("#p-country", "MA");
    const dutch = await settle(nl);
    const seen = await nl.evaluate(() => ({
      lang: document.documentElement.lang,
      heading: document.getElementById("draft-heading").textContent,
      word: (document.querySelector("#decision-summary .verdict") || {}).textContent,
      morocco: [...document.querySelectorAll("#p-country option")].some((o) => o.textContent.startsWith("Marokko (MA, midden)")),
    }));
    check(seen.lang === "nl" && seen.heading === "Concept" && seen.morocco,
      "with Accept-Language: nl the page is Dutch (lang " + seen.lang + ", '" + seen.heading + "', Marokko (MA, midden))");
    const words = { permitted: "toegestaan", conditional: "voorwaardelijk", "no-go": "no-go", prohibited: "verboden" };
    check(dutch.verdict in words && seen.word === words[dutch.verdict],
      "and the decision: " + seen.word + " (data-verdict " + dutch.verdict + ", the id in every language)");
    await nl.close();

    check(errors.length === 0, "no console error" + (errors.length ? ": " + errors.join(" | ") : ""));
    check(foreign.length === 0, "no request leaves the service" + (foreign.length ? ": " + foreign.join(" ") : ""));
  } catch (e) {
    fail("the page test stopped: " + e.message);
  } finally {
    await browser.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
}

main().then(() => process.exit(failures ? 1 : 0));
