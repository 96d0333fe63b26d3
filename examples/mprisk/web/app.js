// app.js - the page of `mprisk serve`: an official composes a partnership in
// a form built from the ruleset's catalogue (GET /v1/catalogue), and the
// decision (POST /v1/evaluate) is shown as they edit. A draft is loaded from
// a YAML or JSON file through POST /v1/proposal (normalised JSON) and
// downloaded as YAML through POST /v1/proposal?format=yaml.
//
// Every text comes from strings.js through t(); data from the service is
// put into the page with textContent only, never as markup.
"use strict";
(function () {
  const S = window.MPRISK_STRINGS[document.documentElement.lang] || window.MPRISK_STRINGS.en;
  function t(key, values) {
    let s = S[key] !== undefined ? S[key] : key;
    if (values)
      s = s.replace(/\{(\w+)\}/g, (m, k) => (values[k] !== undefined && values[k] !== null ? String(values[k]) : m));
    return s;
  }

  let catalogue = null;
  let token = sessionStorage.getItem("mprisk-token") || "";
  let draft = null;
  let lastResult = null;
  let seq = 0;
  let timer = null;

  // ---- elements ------------------------------------------------------------

  function el(tag, attrs, children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === "text") e.textContent = v;
      else if (k === "class") e.className = v;
      else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
      else if (v === true) e.setAttribute(k, "");
      else e.setAttribute(k, v);
    }
    for (const c of children || []) if (c) e.appendChild(c);
    return e;
  }
  const $ = (id) => document.getElementById(id);

  function status(text) {
    $("status").textContent = text || "";
  }

  // ---- the service -----------------------------------------------------------

  async function api(method, path, body, type) {
    const headers = {};
    if (type) headers["Content-Type"] = type;
    if (token) headers["Authorization"] = "Bearer " + token;
    const res = await fetch(path, { method, headers, body });
    const text = await res.text();
    let json = null;
    try { json = JSON.parse(text); } catch (e) { json = null; }
    if (res.status === 401) $("token-form").hidden = false;
    return { status: res.status, text, json, ruleset: res.headers.get("Mprisk-Ruleset") };
  }

  function errorText(r) {
    return r.json && r.json.error ? r.json.error.message : r.text;
  }

  // ---- the draft: the form's state, and the proposal it stands for -----------

  function emptyActivity(n) {
    return { id: "activity-" + n, measure: catalogue.measures[0].id, country: "", beneficiary: "",
      implementer: "", nationals_only: false, evacuated_from: "", attributes: new Set(), safeguards: new Set(), description: "" };
  }

  function emptyDraft() {
    const elements = {};
    for (const e of catalogue.partnership_elements) elements[e.id] = { on: false, detail: "" };
    return { id: "draft-1", title: "", country: "", description: "", parties: "", elements,
      frequency: "", bodies: [], agreements: [], activities: [emptyActivity(1)] };
  }

  function measureOf(id) {
    return catalogue.measures.find((m) => m.id === id);
  }

  // The draft as a proposal (docs/proposal-format.md); empty fields left out.
  function toProposal(d) {
    const p = { id: d.id.trim() };
    if (d.title.trim()) p.title = d.title.trim();
    if (d.country) p.country = d.country;
    if (d.description.trim()) p.description = d.description.trim();
    const parties = d.parties.split(/[\s,;]+/).map((s) => s.trim().toUpperCase()).filter((s) => s);
    if (parties.length) p.parties = parties;
    const elements = [];
    for (const e of catalogue.partnership_elements) {
      const s = d.elements[e.id];
      if (!s || !s.on) continue;
      if (e.detail) elements.push({ id: e.id, [e.detail]: s.detail });
      else elements.push(e.id);
    }
    if (elements.length) p.elements = elements;
    const freq = String(d.frequency).trim();
    if (freq || d.bodies.length) {
      p.monitoring = {};
      if (freq) p.monitoring.frequency_months = /^\d+$/.test(freq) ? Number(freq) : freq;
      if (d.bodies.length)
        p.monitoring.bodies = d.bodies.map((b) => ({ name: b.name, independent: b.independent, local_access: b.local_access }));
    }
    // the concrete agreements (Rec. 1): empty fields left out, the target a number
    if (d.agreements.length)
      p.agreements = d.agreements.map((g) => {
        const o = { id: g.id.trim(), what: g.what.trim() };
        for (const k of ["owner", "due", "indicator", "incentive", "consequence"])
          if (g[k].trim()) o[k] = k === "owner" ? g[k].trim().toUpperCase() : g[k].trim();
        const target = String(g.target).trim();
        if (target) o.target = /^\d+(\.\d+)?$/.test(target) ? Number(target) : target;
        if (g.activities.length) o.activities = g.activities;
        return o;
      });
    const activities = d.activities.map((a) => {
      const o = { id: a.id.trim(), measure: a.measure };
      if (a.country) o.country = a.country;
      if (a.beneficiary) o.beneficiary = a.beneficiary;
      if (a.implementer) o.implementer = a.implementer;
      const m = measureOf(a.measure);
      if (m && m.nationals_only_applies && a.nationals_only) o.nationals_only = true;
      if (m && m.evacuated_from_applies && a.evacuated_from) o.evacuated_from = a.evacuated_from;
      const attrs = catalogue.attributes.filter((x) => a.attributes.has(x.id)).map((x) => x.id);
      if (attrs.length) o.attributes = attrs;
      const sgs = catalogue.safeguards.filter((x) => a.safeguards.has(x.id)).map((x) => x.id);
      if (sgs.length) o.safeguards = sgs;
      if (a.description.trim()) o.description = a.description.trim();
      return o;
    });
    return { partnership: p, activities };
  }

  // The normalised JSON of POST /v1/proposal into a draft.
  function fromNormalised(n) {
    const d = emptyDraft();
    const p = n.partnership;
    d.id = p.id || "";
    d.title = p.title || "";
    d.country = p.country || "";
    d.description = p.description || "";
    d.parties = (p.parties || []).join(", ");
    for (const e of p.elements || []) {
      const id = typeof e === "string" ? e : e.id;
      const c = catalogue.partnership_elements.find((x) => x.id === id);
      if (!c) continue;
      d.elements[id] = { on: true, detail: c.detail && typeof e === "object" ? e[c.detail] || "" : "" };
    }
    if (p.monitoring) {
      d.frequency = p.monitoring.frequency_months ? String(p.monitoring.frequency_months) : "";
      d.bodies = (p.monitoring.bodies || []).map((b) => ({ name: b.name, independent: !!b.independent, local_access: !!b.local_access }));
    }
    d.agreements = (p.agreements || []).map((g) => ({ id: g.id, owner: g.owner || "", what: g.what || "",
      due: g.due || "", indicator: g.indicator || "", target: g.target === null ? "" : String(g.target),
      activities: g.activities || [], incentive: g.incentive || "", consequence: g.consequence || "" }));
    d.activities = (n.activities || []).map((a) => ({ id: a.id, measure: a.measure, country: a.country || "",
      beneficiary: a.beneficiary || "", implementer: a.implementer || "", nationals_only: !!a.nationals_only,
      evacuated_from: a.evacuated_from || "",
      attributes: new Set(a.attributes || []), safeguards: new Set(a.safeguards || []),
      description: a.description || "" }));
    return d;
  }

  // ---- the form ---------------------------------------------------------------

  function field(id, label, input, help) {
    input.id = id;
    const helpEl = help ? el("span", { class: "help", id: id + "-help", text: help }) : null;
    if (helpEl) input.setAttribute("aria-describedby", id + "-help");
    return el("div", { class: "field" }, [el("label", { for: id, text: label }), input, helpEl]);
  }

  function textInput(value, onChange, attrs) {
    return el("input", Object.assign({ type: "text", value, oninput: (e) => { onChange(e.target.value); changed(); } }, attrs || {}));
  }

  function checkbox(id, label, checked, onChange, extra) {
    const box = el("input", { type: "checkbox", id, checked, onchange: (e) => { onChange(e.target.checked); changed(); } });
    const lab = el("label", { for: id }, [document.createTextNode(label + " "), extra || null]);
    return el("div", { class: "check" }, [box, lab]);
  }

  function countryOptions(select, selected, firstLabel) {
    select.appendChild(el("option", { value: "", text: firstLabel }));
    const byName = catalogue.countries.slice().sort((a, b) => a.name.localeCompare(b.name));
    for (const c of byName)
      select.appendChild(el("option", { value: c.code, selected: c.code === selected, text: t("option_country", { name: c.name, code: c.code, tier: tierName(c.tier) }) }));
  }

  function partnershipFieldset(d) {
    const country = el("select", { onchange: (e) => { d.country = e.target.value; changed(); } });
    countryOptions(country, d.country, t("p_country_none"));
    return el("fieldset", {}, [
      el("legend", { text: t("partnership") }),
      el("div", { class: "row" }, [
        field("p-id", t("p_id"), textInput(d.id, (v) => { d.id = v; }, { required: true, autocomplete: "off" }), t("p_id_help")),
        field("p-country", t("p_country"), country),
      ]),
      field("p-title", t("p_title"), textInput(d.title, (v) => { d.title = v; })),
      field("p-parties", t("p_parties"), textInput(d.parties, (v) => { d.parties = v; }, { autocomplete: "off" }), t("p_parties_help")),
      field("p-description", t("p_description"), el("textarea", { oninput: (e) => { d.description = e.target.value; changed(); }, text: d.description })),
    ]);
  }

  function elementsFieldset(d) {
    const list = el("div", { class: "checks" });
    for (const e of catalogue.partnership_elements) {
      const s = d.elements[e.id];
      const wrap = el("div", {});
      const detail = e.detail
        ? el("div", { class: "detail", hidden: !s.on }, [field("el-" + e.id + "-detail", t("element_detail", { detail: e.detail }),
          textInput(s.detail, (v) => { s.detail = v; }))])
        : null;
      wrap.appendChild(checkbox("el-" + e.id, e.name, s.on, (on) => { s.on = on; if (detail) detail.hidden = !on; },
        el("span", { class: "id", title: t("source", { source: e.source }), text: e.id })));
      if (detail) wrap.appendChild(detail);
      list.appendChild(wrap);
    }
    return el("fieldset", {}, [el("legend", { text: t("elements") }), el("p", { class: "help", text: t("elements_help") }), list]);
  }

  function monitoringFieldset(d) {
    const bodies = el("div", {});
    d.bodies.forEach((b, i) => {
      const n = i + 1;
      bodies.appendChild(el("div", { class: "body", role: "group", "aria-label": t("body", { n }) }, [
        el("div", { class: "head" }, [el("h3", { text: t("body", { n }) }),
          el("button", { type: "button", class: "small remove", "aria-label": t("body_remove", { n }), text: "✕",
            onclick: () => { d.bodies.splice(i, 1); renderForm(); changed(); } })]),
        field("body-" + n + "-name", t("body_name"), textInput(b.name, (v) => { b.name = v; })),
        el("div", { class: "row" }, [
          checkbox("body-" + n + "-independent", t("body_independent"), b.independent, (v) => { b.independent = v; }),
          checkbox("body-" + n + "-local", t("body_local"), b.local_access, (v) => { b.local_access = v; }),
        ]),
      ]));
    });
    const freq = el("input", { type: "number", min: "1", max: "120", step: "1", value: d.frequency, inputmode: "numeric",
      oninput: (e) => { d.frequency = e.target.value; changed(); } });
    return el("fieldset", {}, [
      el("legend", { text: t("monitoring") }),
      field("m-frequency", t("m_frequency"), freq, t("m_frequency_help")),
      el("h3", { text: t("m_bodies") }), bodies,
      el("button", { type: "button", id: "body-add", text: t("body_add"),
        onclick: () => { addBody(false); } }),
    ]);
  }

  function emptyAgreement(n) {
    return { id: "agreement-" + n, owner: "", what: "", due: "", indicator: "", target: "", activities: [],
      incentive: "", consequence: "" };
  }

  // the concrete agreements: who does what, by when, and how the result is measured
  function agreementsFieldset(d) {
    const list = el("div", {});
    d.agreements.forEach((g, i) => {
      const n = i + 1, p = "g-" + n;
      list.appendChild(el("div", { class: "body", role: "group", "aria-label": t("agreement", { n }) }, [
        el("div", { class: "head" }, [el("h3", { text: t("agreement", { n }) }),
          el("button", { type: "button", class: "small remove", "aria-label": t("agreement_remove", { n }), text: "✕",
            onclick: () => { d.agreements.splice(i, 1); renderForm(); changed(); } })]),
        el("div", { class: "row" }, [
          field(p + "-id", t("a_id"), textInput(g.id, (v) => { g.id = v; }, { autocomplete: "off" })),
          field(p + "-owner", t("g_owner"), textInput(g.owner, (v) => { g.owner = v; }, { autocomplete: "off" }), t("g_owner_help")),
        ]),
        field(p + "-what", t("g_what"), textInput(g.what, (v) => { g.what = v; })),
        el("div", { class: "row" }, [
          field(p + "-due", t("g_due"), textInput(g.due, (v) => { g.due = v; }, { autocomplete: "off", placeholder: "YYYY-MM-DD" })),
          field(p + "-target", t("g_target"), textInput(g.target, (v) => { g.target = v; }, { autocomplete: "off", inputmode: "decimal" })),
        ]),
        field(p + "-indicator", t("g_indicator"), textInput(g.indicator, (v) => { g.indicator = v; })),
        field(p + "-incentive", t("g_incentive"), textInput(g.incentive, (v) => { g.incentive = v; })),
        field(p + "-consequence", t("g_consequence"), textInput(g.consequence, (v) => { g.consequence = v; })),
      ]));
    });
    return el("fieldset", {}, [
      el("legend", { text: t("agreements") }),
      el("p", { class: "help", text: t("agreements_help") }), list,
      el("button", { type: "button", id: "agreement-add", text: t("agreement_add"), onclick: () => { addAgreement(); } }),
    ]);
  }

  function addAgreement() {
    draft.agreements.push(emptyAgreement(draft.agreements.length + 1));
    renderForm();
    changed();
    const what = $("g-" + draft.agreements.length + "-what");
    if (what) what.focus();
  }

  function addBody(local) {
    draft.bodies.push({ name: "", independent: true, local_access: local });
    renderForm();
    changed();
    const name = $("body-" + draft.bodies.length + "-name");
    if (name) name.focus();
  }

  function measureSelect(a) {
    const s = el("select", { onchange: (e) => { a.measure = e.target.value; renderForm(); changed(); } });
    for (let tier = catalogue.tiers.length - 1; tier >= 0; tier--) {
      const name = catalogue.tiers[tier];
      const group = el("optgroup", { label: t("tier_group", { tier: tierName(name) }) });
      for (const m of catalogue.measures.filter((x) => x.tier === name).sort((x, y) => x.name.localeCompare(y.name)))
        group.appendChild(el("option", { value: m.id, selected: m.id === a.measure, text: t("option_tier", { name: m.name, tier: tierName(m.tier) }) }));
      s.appendChild(group);
    }
    return s;
  }

  function activityBlock(d, a, i) {
    const n = i + 1, p = "a-" + n;
    const m = measureOf(a.measure);
    const country = el("select", { onchange: (e) => { a.country = e.target.value; changed(); } });
    countryOptions(country, a.country, t("a_country_default"));
    const ben = el("select", { onchange: (e) => { a.beneficiary = e.target.value; changed(); } });
    ben.appendChild(el("option", { value: "", text: m && m.default_beneficiary ? t("a_beneficiary_default", { id: m.default_beneficiary }) : t("a_beneficiary_none") }));
    // the one the rules assume when none is declared cannot be declared
    for (const b of catalogue.beneficiaries.filter((x) => !x.assumed_when_undeclared))
      ben.appendChild(el("option", { value: b.id, selected: b.id === a.beneficiary, text: b.name }));
    const imp = el("select", { onchange: (e) => { a.implementer = e.target.value; changed(); } });
    imp.appendChild(el("option", { value: "", text: t("a_implementer_none") }));
    for (const x of catalogue.implementers || [])
      imp.appendChild(el("option", { value: x.id, selected: x.id === a.implementer, text: x.name }));
    const evacuated = el("select", { onchange: (e) => { a.evacuated_from = e.target.value; changed(); } });
    countryOptions(evacuated, a.evacuated_from, t("a_evacuated_from_none"));
    const attrs = el("div", { class: "checks" }, catalogue.attributes.map((x) =>
      checkbox(p + "-attr-" + x.id, x.name, a.attributes.has(x.id), (on) => { on ? a.attributes.add(x.id) : a.attributes.delete(x.id); },
        el("span", { class: "id", title: t("source", { source: x.source }), text: x.id }))));
    const sgs = el("div", { class: "checks" }, catalogue.safeguards.map((x) =>
      checkbox(p + "-sg-" + x.id, x.name, a.safeguards.has(x.id), (on) => { on ? a.safeguards.add(x.id) : a.safeguards.delete(x.id); },
        el("span", {}, [el("span", { class: "id", title: t("source", { source: x.source }), text: x.id }),
          el("span", { class: "badge", id: p + "-sg-" + x.id + "-required", hidden: true, text: t("required_badge") })]))));
    return el("div", { class: "activity", role: "group", "aria-labelledby": p + "-heading" }, [
      el("div", { class: "head" }, [el("h3", { id: p + "-heading", text: t("activity", { n }) }),
        d.activities.length > 1 ? el("button", { type: "button", class: "small remove", "aria-label": t("a_remove", { n }), text: "✕",
          onclick: () => { d.activities.splice(i, 1); renderForm(); changed(); } }) : null]),
      el("div", { class: "row" }, [
        field(p + "-id", t("a_id"), textInput(a.id, (v) => { a.id = v; }, { autocomplete: "off" })),
        field(p + "-country", t("a_country"), country),
      ]),
      field(p + "-measure", t("a_measure"), measureSelect(a), m ? t("source", { source: m.source }) : null),
      el("div", { class: "row" }, [
        field(p + "-beneficiary", t("a_beneficiary"), ben),
        field(p + "-implementer", t("a_implementer"), imp),
      ]),
      m && m.nationals_only_applies ? checkbox(p + "-nationals", t("a_nationals_only"), a.nationals_only, (v) => { a.nationals_only = v; }) : null,
      m && m.evacuated_from_applies ? field(p + "-evacuated-from", t("a_evacuated_from"), evacuated) : null,
      el("fieldset", {}, [el("legend", { text: t("a_attributes") }), attrs]),
      el("fieldset", {}, [el("legend", { text: t("a_safeguards") }), sgs]),
      field(p + "-description", t("a_description"), el("textarea", { oninput: (e) => { a.description = e.target.value; changed(); }, text: a.description })),
    ]);
  }

  function activitiesFieldset(d) {
    return el("fieldset", {}, [
      el("legend", { text: t("activities") }),
      ...d.activities.map((a, i) => activityBlock(d, a, i)),
      el("button", { type: "button", id: "activity-add", text: t("a_add"),
        onclick: () => { d.activities.push(emptyActivity(d.activities.length + 1)); renderForm(); changed();
          $("a-" + d.activities.length + "-id").focus(); } }),
    ]);
  }

  function renderForm() {
    const form = $("draft");
    const focused = document.activeElement && document.activeElement.id;
    form.replaceChildren(partnershipFieldset(draft), elementsFieldset(draft), monitoringFieldset(draft),
      agreementsFieldset(draft), activitiesFieldset(draft));
    if (focused && $(focused)) $(focused).focus();
    markRequired();
  }

  // ---- the decision -------------------------------------------------------------

  function changed() {
    clearTimeout(timer);
    timer = setTimeout(evaluate, 250);
  }

  async function evaluate() {
    const mine = ++seq;
    if (!draft.country && draft.activities.some((a) => !a.country)) {
      lastResult = null; // nothing to decide yet: no activity without a country
      $("decision").removeAttribute("aria-busy");
      $("decision").replaceChildren(el("p", { class: "muted", id: "decision-hint", text: t("choose_country") }));
      markRequired();
      return;
    }
    // an agreement's owner, date or target half typed: nothing to decide yet
    // (the service would refuse it; the form keeps what was typed)
    const unfinished = draft.agreements.findIndex((g) =>
      (g.owner.trim() && !/^[A-Za-z]{2}$/.test(g.owner.trim())) ||
      (g.due.trim() && !/^\d{4}-\d{2}-\d{2}$/.test(g.due.trim())) ||
      (String(g.target).trim() && !/^\d+(\.\d+)?$/.test(String(g.target).trim())));
    if (unfinished >= 0) {
      lastResult = null;
      $("decision").removeAttribute("aria-busy");
      $("decision").replaceChildren(el("p", { class: "muted", id: "decision-hint",
        text: t("agreement_unfinished", { n: unfinished + 1 }) }));
      return;
    }
    $("decision").setAttribute("aria-busy", "true");
    let r;
    try {
      r = await api("POST", "/v1/evaluate", JSON.stringify(toProposal(draft)), "application/json");
    } catch (e) {
      if (mine === seq) showError(t("offline", { message: e.message }));
      return;
    }
    if (mine !== seq) return; // a later edit is being decided
    $("decision").removeAttribute("aria-busy");
    if (r.status === 200 && Array.isArray(r.json)) {
      lastResult = r.json[0];
      renderDecision(lastResult);
    } else if (r.status === 400) {
      lastResult = null;
      showError(t("input_error", { message: errorText(r) }));
    } else {
      lastResult = null;
      showError(t("service_error", { status: r.status, message: errorText(r) }));
    }
    markRequired();
  }

  function showError(text) {
    $("decision").replaceChildren(el("div", { class: "error", role: "alert", id: "decision-error", text }));
  }

  // tiers, monitoring and suspension levels are ids in the service's JSON;
  // the catalogue names them in the page's language
  function tierName(id) {
    const i = catalogue.tiers.indexOf(id);
    return i >= 0 && catalogue.tier_names ? catalogue.tier_names[i] : id;
  }
  function levelName(id, list) {
    const x = (list || []).find((l) => l.id === id);
    return x ? x.name : id;
  }

  function verdictWord(v) {
    return el("span", { class: "verdict v-" + v, "data-verdict": v, text: t("v_" + v) });
  }

  function applyButton(label, fn) {
    return el("button", { type: "button", class: "small", text: t("apply"), "aria-label": t("apply") + ": " + label,
      onclick: () => { fn(); renderForm(); changed(); } });
  }

  function remedyList(remedies, activityIndex) {
    if (!remedies || !remedies.length) return null;
    const ul = el("ul", {});
    for (const r of remedies) {
      let fix = null;
      const a = activityIndex >= 0 ? draft.activities[activityIndex] : null;
      if (a && r.kind === "add-safeguard") fix = () => a.safeguards.add(r.id);
      else if (a && r.kind === "drop-attribute") fix = () => a.attributes.delete(r.id);
      else if (r.kind === "add-element" && draft.elements[r.id]) fix = () => { draft.elements[r.id].on = true; };
      else if (r.kind === "set-frequency") fix = () => { draft.frequency = String(r.frequency_months); };
      else if (r.kind === "add-body") fix = () => draft.bodies.push({ name: "", independent: true, local_access: false });
      else if (r.kind === "add-local-body") fix = () => draft.bodies.push({ name: "", independent: true, local_access: true });
      else if (r.kind === "add-eu-party") fix = () => { draft.parties = draft.parties ? "EU, " + draft.parties : "EU"; };
      else if (r.kind === "declare-agreements") fix = () => draft.agreements.push(emptyAgreement(draft.agreements.length + 1));
      ul.appendChild(el("li", {}, [document.createTextNode(r.text + " "), fix ? applyButton(r.text, fix) : null]));
    }
    return el("div", {}, [el("p", { class: "help", text: t("remedies") }), ul]);
  }

  function renderDecision(res) {
    const box = $("decision");
    const parts = [];
    parts.push(el("div", { class: "summary v-" + res.verdict, id: "decision-summary" }, [
      el("p", {}, [el("span", { class: "muted", text: t("verdict") + ": " }), verdictWord(res.verdict)]),
      el("p", { id: "decision-passes", "data-passes": String(res.passes), text: res.passes ? t("passes") : t("fails") }),
    ]));
    res.activities.forEach((a, i) => {
      const missing = (a.missing_safeguards || []).map((s) => {
        const c = catalogue.safeguards.find((x) => x.id === s.id);
        return el("li", { text: c ? c.name : s.id });
      });
      parts.push(el("div", { class: "card v-" + a.verdict, id: "decision-a-" + (i + 1) }, [
        el("h3", {}, [document.createTextNode(a.id + ": "), verdictWord(a.verdict)]),
        el("p", { text: t("a_tiers", Object.assign({}, a, { country_tier: tierName(a.country_tier), measure_tier: tierName(a.measure_tier) })) }),
        a.beneficiary ? el("p", { text: t("a_beneficiary_used", { id: a.beneficiary }) }) : null,
        a.implementer ? el("p", { text: t("a_implementer_used", { id: a.implementer }) }) : null,
        el("p", { text: t("a_monitoring", { level: levelName(a.monitoring.level, catalogue.monitoring_levels), months: a.monitoring.frequency_months, suspension: levelName(a.suspension, catalogue.suspension_levels) }) }),
        missing.length ? el("p", { class: "help", text: t("a_missing") }) : null,
        missing.length ? el("ul", {}, missing) : null,
        remedyList(a.remedies, i),
      ]));
    });
    parts.push(el("h3", { text: t("findings") }));
    if (!res.findings.length) parts.push(el("p", { class: "muted", text: t("no_findings") }));
    res.findings.forEach((f, i) => {
      parts.push(el("div", { class: "card v-" + f.severity, id: "decision-f-" + (i + 1) }, [
        el("p", {}, [verdictWord(f.severity), document.createTextNode(" " + f.message)]),
        el("p", { class: "source", text: f.rule + " · " + t("source", { source: f.source }) }),
        remedyList(f.remedies, -1),
      ]));
    });
    const plan = res.monitoring_plan;
    const bodies = (plan.bodies || []).map((b) => b.name).join("; ");
    parts.push(el("h3", { text: t("plan") }));
    parts.push(el("div", { class: "card", id: "decision-plan" }, [
      el("p", { text: t("plan_pace", { months: plan.frequency_months, level: levelName(plan.level, catalogue.monitoring_levels), by: plan.set_by }) }),
      el("p", { text: plan.declared_frequency_months ? t("plan_declared", { months: plan.declared_frequency_months }) : t("plan_declared_none") }),
      el("p", { text: bodies ? t("plan_bodies", { bodies }) : t("plan_bodies_none") }),
      plan.independent_local_access_required ? el("p", { text: t("plan_local") }) : null,
      el("p", { text: t("plan_suspension", { suspension: levelName(plan.suspension, catalogue.suspension_levels) }) }),
    ]));
    box.replaceChildren(...parts.filter((x) => x));
  }

  // the safeguards the last decision requires, marked beside their boxes
  function markRequired() {
    if (!draft) return;
    draft.activities.forEach((a, i) => {
      const d = lastResult && lastResult.activities[i];
      const req = new Set(d ? d.required_safeguards.map((s) => s.id) : []);
      for (const s of catalogue.safeguards) {
        const b = $("a-" + (i + 1) + "-sg-" + s.id + "-required");
        if (b) b.hidden = !req.has(s.id);
      }
    });
  }

  // ---- files ----------------------------------------------------------------------

  async function loadFile(file) {
    const text = await file.text();
    const type = /\.json$/i.test(file.name) ? "application/json" : "application/yaml";
    const r = await api("POST", "/v1/proposal", text, type);
    if (r.status !== 200 || !r.json) {
      status(t("load_failed", { name: file.name, message: errorText(r) }));
      return;
    }
    draft = fromNormalised(r.json);
    renderForm();
    status(t("loaded", { name: file.name }));
    evaluate();
  }

  async function downloadYaml() {
    const r = await api("POST", "/v1/proposal?format=yaml", JSON.stringify(toProposal(draft)), "application/json");
    if (r.status !== 200) {
      status(t("download_failed", { message: errorText(r) }));
      return;
    }
    const blob = new Blob([r.text], { type: "application/yaml" });
    const a = el("a", { href: URL.createObjectURL(blob), download: (draft.id.trim() || "proposal") + ".yaml" });
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  }

  // ---- start ------------------------------------------------------------------------

  function texts() {
    document.title = t("title");
    $("title").textContent = t("title");
    $("subtitle").textContent = t("subtitle");
    $("new-draft").textContent = t("new_draft");
    $("load-text").textContent = t("load_file");
    $("load-file").setAttribute("aria-label", t("load_file"));
    $("download-yaml").textContent = t("download_yaml");
    $("draft-heading").textContent = t("draft");
    $("decision-heading").textContent = t("decision");
    $("token-label").textContent = t("token_label");
    $("token-help").textContent = t("token_help");
    $("token-save").textContent = t("token_save");
  }

  async function start() {
    texts();
    status(t("loading"));
    let r;
    try {
      r = await api("GET", "/v1/catalogue");
    } catch (e) {
      status(t("catalogue_failed", { message: e.message }));
      return;
    }
    if (r.status !== 200 || !r.json) {
      status(t("catalogue_failed", { message: errorText(r) }));
      return;
    }
    catalogue = r.json;
    $("rules-line").textContent = t("rules", catalogue.ruleset);
    status("");
    draft = emptyDraft();
    renderForm();
    evaluate();
  }

  $("new-draft").addEventListener("click", () => { draft = emptyDraft(); lastResult = null; renderForm(); evaluate(); });
  $("load-file").addEventListener("change", (e) => { if (e.target.files[0]) loadFile(e.target.files[0]); e.target.value = ""; });
  $("download-yaml").addEventListener("click", downloadYaml);
  $("token-form").addEventListener("submit", (e) => {
    e.preventDefault();
    token = $("token-input").value.trim();
    sessionStorage.setItem("mprisk-token", token);
    $("token-form").hidden = true;
    start();
  });
  document.addEventListener("DOMContentLoaded", start);
})();
