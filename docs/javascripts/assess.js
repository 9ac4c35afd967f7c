// "Where am I?" on a role's ladder (templates/sections/assessment.md.j2; data from handbook.render.assessment).
//
// The assessment is a skill profile: the very JSON document the skill-profile template downloads, with the
// levels of each pillar and, under profile.expectations_met, the ticks of each ladder. The same document is
// saved in one localStorage key (so a pillar rated on one ladder is rated on all of them), exported, and
// imported; everything that enters it (a file, a share link, what the device saved) passes the template's
// published JSON Schema and the handbook's ids first, and is otherwise refused without touching the saved one.
// Text from data or from a file only ever reaches the page through textContent.
import { reportCsv, reportMarkdown } from "./tools/core.js";
import { Validator } from "./vendor/cfworker-json-schema-4.1.6/index.js";

const STORAGE_KEY = "handbook.skill-profile";
const LINK_VERSION = 2;  // 2: three hex digits per level (a level lists up to 12 behaviours); 1 had two
const MASK_DIGITS = 3;
const LINK_PREFIX = "#assess?";
const MAX_LINK = 2000;
const SHOWN = 60;

const data = JSON.parse(document.getElementById("assess-data").textContent);
// Every ladder, from the one file all ladder pages share (it grows with the handbook, so no page embeds it);
// its links are relative to the file, made absolute here.
const laddersUrl = new URL(data.ladders_url, document.baseURI);
data.ladders = (await readFile(laddersUrl)).map((ladder) => ({ ...ladder, url: new URL(ladder.url, laddersUrl).href }));
const scaleIds = data.scale.map((step) => step.id);
const stepName = new Map(data.scale.map((step) => [step.id, step.name]));
const pillarIds = data.pillars.map((pillar) => pillar.id);
const ladders = new Map(data.ladders.map((ladder) => [ladder.id, ladder]));
// Each level's proficiency by pillar id (the data gives a step number per pillar, in pillar order), its expectations' ids (the data
// gives the part after `<level id>.`) and the address of its page.
data.ladders.forEach((ladder) => ladder.levels.forEach((level) => {
  // A step of 0 is a pillar outside the role's families: the level asks nothing of it.
  level.needs = Object.fromEntries(pillarIds.flatMap((id, i) => (level.steps[i] === "0" ? [] : [[id, scaleIds[Number(level.steps[i]) - 1]]])));
  level.expectations = level.keys.map((key) => `${level.id}.${key}`);
  level.url = `${ladder.url}${level.id}/`;
}));
const own = ladders.get(data.role.id);
const templates = (ids) => ids.map((id) => data.templates[id]);
const levels = data.levels.map((level, i) => {
  const same = own.levels[i];
  const next = own.levels[i + 1];
  return { ...level, title: same.title, needs: same.needs, url: same.url, templates: templates(level.templates),
    step: level.crux === null ? null : { crux: level.crux, url: `${own.url}${level.id}-to-${next.id}/` },
    expectations: level.expectations.map((item, j) => ({ ...item, id: same.expectations[j] })) };
});
// Every pillar, since one profile is held against every ladder; `own` marks those this ladder rates (the
// pillars of the role's families), the only ones its levels ask for.
const pillars = data.pillars.map((pillar) => ({ ...pillar, templates: templates(pillar.templates) }));
const ownIds = pillars.filter((pillar) => pillar.own).map((pillar) => pillar.id);
const NOT_ASKED = "Not rated on this ladder";
const $ = (id) => document.getElementById(id);
// The skill profile's format (the data's `profile` with the template's blank file and published schema, both
// read from the site at start), or null where the handbook has none or they cannot be read.
let format = null;

// ---------------------------------------------------------------- the document

function clone(value) {
  return JSON.parse(JSON.stringify(value));
}

function blankProfile() {
  const profile = format ? clone(format.blank) : { profile: { pillars: {} } };
  if (format) profile.details = Object.fromEntries(Object.keys(profile.details).map((key) => [key, ""]));
  pillarIds.forEach((id) => { profile.profile.pillars[id] = { level: null, evidence: "" }; });
  profile.profile.expectations_met = {};
  return profile;
}

function rating(doc, pillarId) {
  return doc.profile.pillars[pillarId].level;
}

function ticks(doc, roleId) {
  const met = doc.profile.expectations_met || {};
  return Object.hasOwn(met, roleId) ? met[roleId] : [];
}

function withTicks(doc, roleId, ids) {
  const next = clone(doc);
  const met = next.profile.expectations_met || {};
  delete met[roleId];
  if (ids.length) met[roleId] = ids;
  next.profile.expectations_met = met;
  return next;
}

const rank = (step) => (step ? scaleIds.indexOf(step) + 1 : 0);

// ---------------------------------------------------------------- checking what comes in

const show = (value) => {
  const text = value === undefined ? "nothing" : JSON.stringify(value);
  return text.length > SHOWN ? `${text.slice(0, SHOWN)}…` : text;
};
const list = (items) => (items.length > 8 ? `${items.slice(0, 8).join(", ")}, …` : items.join(", "));
const kind = (value) => (value === null ? "null" : Array.isArray(value) ? "a list" : typeof value === "object"
  ? "an object" : `a ${typeof value}`);
const isObject = (value) => value !== null && typeof value === "object" && !Array.isArray(value);

// A problem's place in the file as a reader writes it (profile.pillars.analytics), from the validator's
// JSON Pointer (#/profile/pillars/analytics), and the value found there.
function place(pointer) {
  return pointer.split("/").slice(1).map((part) => decodeURIComponent(part).replaceAll("~1", "/").replaceAll("~0", "~"));
}

function unexpected(path, key) {
  if (path === "profile.pillars") return `${path}: unknown pillar ${show(key)}; expected one of ${list(pillarIds)}`;
  return `${path || "the file"}: unexpected field ${show(key)}`;
}

// What the template's published schema finds wrong with `doc`: at each place, the first error that the
// validator reports no deeper error under (a field the schema does not allow shows as the `false` schema at
// its own key), at most five. The schema is the check; these lines only say where and what.
function schemaProblems(doc) {
  const { errors } = format.validator.validate(doc);
  const deepest = errors.filter((error) => !errors.some((other) => other.instanceLocation.startsWith(`${error.instanceLocation}/`)));
  const seen = new Set();
  return deepest.filter((error) => !seen.has(error.instanceLocation) && seen.add(error.instanceLocation)).slice(0, 5).map((error) => {
    const keys = place(error.instanceLocation);
    if (error.keyword === "false") return unexpected(keys.slice(0, -1).join("."), keys.at(-1));
    const value = keys.reduce((inside, key) => (isObject(inside) || Array.isArray(inside) ? inside[key] : undefined), doc);
    return `${keys.join(".") || "the file"}: ${error.error} Got ${show(value)}.`;
  });
}

function versionParts(text) {
  return /^\d{1,6}(\.\d{1,6}){0,3}$/.test(text) ? text.split(".").map(Number) : null;
}

function newer(version, than) {
  for (let i = 0; i < Math.max(version.length, than.length); i += 1) {
    if ((version[i] || 0) !== (than[i] || 0)) return (version[i] || 0) > (than[i] || 0);
  }
  return false;
}

// Ticks must name a ladder of this handbook and one of its expectations.
function tickProblems(doc) {
  const met = doc.profile.expectations_met || {};
  return Object.keys(met).flatMap((roleId) => {
    const ladder = ladders.get(roleId);
    if (!ladder) return [`profile.expectations_met: unknown role ${show(roleId)}; expected one of ${list([...ladders.keys()])}`];
    const known = new Set(ladder.levels.flatMap((level) => level.expectations));
    return met[roleId].filter((id) => !known.has(id))
      .slice(0, 3).map((id) => `profile.expectations_met.${roleId}: unknown expectation ${show(id)} on the ${ladder.name} ladder`);
  });
}

// A parsed document, or the reasons it cannot be used, in the order a reader would want to fix them.
function checkProfile(doc) {
  if (!isObject(doc)) return { problems: [`the file: expected a skill profile (a JSON object); got ${kind(doc)}`] };
  const stamp = isObject(doc.template) ? doc.template : {};
  if (stamp.id !== format.id) {
    return { problems: [`template.id: expected ${show(format.id)}, the ${format.title.toLowerCase()}; got ${show(stamp.id)}. `
      + "This file was made from another template, or by another tool."] };
  }
  const version = typeof stamp.version === "string" ? versionParts(stamp.version) : null;
  if (!version) return { problems: [`template.version: expected a version such as ${show(format.version)}; got ${show(stamp.version)}`] };
  if (newer(version, versionParts(format.version))) {
    return { problems: [`template.version: this file is version ${stamp.version} of the ${format.title.toLowerCase()}, newer than `
      + `version ${format.version}, which this page reads. Open it on the current handbook, or download the template again.`] };
  }
  const problems = schemaProblems(doc);
  return problems.length ? { problems } : tickProblems(doc).length ? { problems: tickProblems(doc) } : { doc };
}

// A file's text as a document; JSON allows a number too large to read (1e999 becomes Infinity, which no
// schema type refuses and which would be saved as null), so such a number is refused here.
function parseProfile(text) {
  let huge = null;
  let doc;
  try {
    doc = JSON.parse(text, (key, value) => {
      if (typeof value === "number" && !Number.isFinite(value)) huge ??= key;
      return value;
    });
  } catch (error) {
    return { problems: [`the file is not valid JSON: ${String(error.message).slice(0, SHOWN * 2)}`] };
  }
  return huge === null ? checkProfile(doc) : { problems: [`the file: the number in ${show(huge)} is too large to read`] };
}

// ---------------------------------------------------------------- the share link

function linkFor(doc) {
  const rated = pillarIds.filter((id) => rating(doc, id)).map((id) => `${id}.${rank(rating(doc, id))}`);
  const met = data.ladders.filter((ladder) => ticks(doc, ladder.id).length).map((ladder) => {
    const ticked = new Set(ticks(doc, ladder.id));
    const masks = ladder.levels.map((level) => level.expectations.reduce(
      (mask, id, i) => (ticked.has(id) ? mask | (1 << i) : mask), 0).toString(16).padStart(MASK_DIGITS, "0"));
    return `${ladder.id}.${masks.join("")}`;
  });
  const query = new URLSearchParams([["v", String(LINK_VERSION)], ["p", rated.join("~")], ["m", met.join("~")]]);
  return `${window.location.origin}${window.location.pathname}${LINK_PREFIX}${query}`;
}

function linkPillars(text, doc) {
  const seen = new Set();
  for (const item of text ? text.split("~") : []) {
    const [id, step, extra] = item.split(".");
    if (!pillarIds.includes(id)) return `link, p: unknown pillar ${show(id)}; expected one of ${list(pillarIds)}`;
    if (seen.has(id)) return `link, p: pillar ${show(id)} is rated twice`;
    if (extra !== undefined || !/^[1-9]\d{0,5}$/.test(step || "") || Number(step) > scaleIds.length) {
      return `link, p.${id}: expected a step from 1 to ${scaleIds.length} (${list(scaleIds)}); got ${show(step)}`;
    }
    seen.add(id);
    doc.profile.pillars[id].level = scaleIds[Number(step) - 1];
  }
  return null;
}

function linkTicks(text, doc) {
  for (const item of text ? text.split("~") : []) {
    const [roleId, masks, extra] = item.split(".");
    const ladder = ladders.get(roleId);
    if (!ladder) return `link, m: unknown role ${show(roleId)}; expected one of ${list([...ladders.keys()])}`;
    if (extra !== undefined || !new RegExp(`^[0-9a-f]{${MASK_DIGITS * ladder.levels.length}}$`).test(masks || "")) {
      return `link, m.${roleId}: expected ${MASK_DIGITS * ladder.levels.length} hexadecimal digits, ${MASK_DIGITS} for each level; got ${show(masks)}`;
    }
    const ids = [];
    for (const [i, level] of ladder.levels.entries()) {
      const mask = parseInt(masks.slice(MASK_DIGITS * i, MASK_DIGITS * (i + 1)), 16);
      if (mask >= 2 ** level.expectations.length) return `link, m.${roleId}: level ${show(level.title)} has only ${level.expectations.length} expectations`;
      ids.push(...level.expectations.filter((_, bit) => mask & (1 << bit)));
    }
    doc.profile.expectations_met[roleId] = ids;
  }
  return null;
}

// The ratings and ticks a link carries, laid over `base` (the rest of the profile stays); or the problem.
function readLink(hash, base) {
  if (hash.length > MAX_LINK) return { problems: [`link: ${hash.length} characters, more than the ${MAX_LINK} a share link of this page ever needs`] };
  const query = new URLSearchParams(hash.slice(LINK_PREFIX.length));
  const version = query.get("v");
  if (version !== String(LINK_VERSION)) {
    const later = /^\d{1,6}$/.test(version || "") && Number(version) > LINK_VERSION;
    return { problems: [later ? `link, v: made by a newer version (${version}) of this page than this one (${LINK_VERSION}); open the link on the current handbook`
      : `link, v: expected ${LINK_VERSION}; got ${show(version)}`] };
  }
  const doc = clone(base);
  pillarIds.forEach((id) => { doc.profile.pillars[id].level = null; });
  doc.profile.expectations_met = {};
  const problem = linkPillars(query.get("p") || "", doc) || linkTicks(query.get("m") || "", doc);
  return problem ? { problems: [problem] } : { doc };
}

// ---------------------------------------------------------------- the device

function readSaved() {
  if (!format) return { doc: null };
  let text = null;
  try {
    text = window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return { doc: null, problems: ["This browser does not let the page save anything, so the assessment lasts until you close it."] };
  }
  if (text === null) return { doc: null };
  let saved = null;
  try { saved = JSON.parse(text); } catch { saved = null; }
  const result = isObject(saved) ? checkProfile(saved.profile) : { problems: ["it is not a skill profile"] };
  if (result.doc) return { doc: result.doc, savedAt: typeof saved.saved === "string" ? saved.saved : null };
  return { doc: null, problems: [`What this device saved earlier cannot be read (${result.problems[0]}); it stays saved until you change something here.`] };
}

// Only a document the format's schema can check later is saved, so a visit without it never replaces one.
function save(doc) {
  if (!format) return null;
  const savedAt = new Date().toISOString();
  try {
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify({ saved: savedAt, profile: doc }));
    return savedAt;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------- what the page shows

const el = (tag, text, attributes = {}) => {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = text;
  Object.entries(attributes).forEach(([name, value]) => node.setAttribute(name, value));
  return node;
};
const anchor = (href, text) => el("a", text, { href });

function pillarLevel(doc, pillarId, ladderLevels) {
  const have = rank(rating(doc, pillarId));
  return ladderLevels.reduce((found, level, i) => (rank(level.needs[pillarId]) <= have && have ? i : found), -1);
}

function meets(doc, level) {
  const ticked = new Set(ticks(doc, data.role.id));
  const needed = Object.keys(level.needs);
  const pillars = needed.filter((id) => rank(rating(doc, id)) >= rank(level.needs[id])).length;
  const expectations = level.expectations.filter((item) => ticked.has(item.id)).length;
  return { pillars, needed: needed.length, expectations, all: pillars === needed.length && expectations === level.expectations.length };
}

function overall(doc) {
  return levels.reduce((found, level, i) => (meets(doc, level).all ? i : found), -1);
}

function gapText(have, need) {
  const gap = rank(need) - rank(have);
  return gap > 0 ? `${gap} step${gap > 1 ? "s" : ""} short` : "✓ reached";
}

function pillarRows(doc) {
  const at = overall(doc);
  const next = levels[at + 1];
  return pillars.map((pillar) => {
    const have = rating(doc, pillar.id);
    const matched = pillarLevel(doc, pillar.id, levels);
    if (!pillar.own) return [pillar.name, have ? stepName.get(have) : "Not rated", NOT_ASKED, NOT_ASKED, NOT_ASKED];
    return [pillar.name, have ? stepName.get(have) : "Not rated", matched >= 0 ? levels[matched].title : "Below the first level",
      next ? stepName.get(next.needs[pillar.id]) : "Top level reached", next ? gapText(have, next.needs[pillar.id]) : "✓ reached"];
  });
}

const HEADER = ["Skill pillar", "Your rating", "Level you match", "Next level needs", "Gap"];

function table(caption, header, rows) {
  const wrap = el("div", null, { class: "md-typeset__table" });
  const node = el("table", null, { class: "hb-table hb-table--stack" });
  node.append(el("caption", caption));
  const head = el("tr");
  header.forEach((label) => head.append(el("th", label, { scope: "col" })));
  const thead = el("thead");
  thead.append(head);
  node.append(thead);
  const body = el("tbody");
  rows.forEach((row) => {
    const line = el("tr");
    row.forEach((value, i) => line.append(i === 0 ? el("th", value, { scope: "row" }) : el("td", value, { "data-label": header[i] })));
    body.append(line);
  });
  node.append(body);
  wrap.append(node);
  return wrap;
}

function linkList(items) {
  const node = el("ul");
  items.forEach((item) => { const line = el("li"); line.append(anchor(item.url, item.title)); node.append(line); });
  return node;
}

function gapSection(doc, at) {
  const next = levels[at + 1];
  const section = el("div", null, { class: "hb-assess__gap" });
  if (!next) {
    section.append(el("p", `You match ${levels[at].title}, the top level of this ladder.`));
    return section;
  }
  section.append(el("h4", `To reach ${next.title}`, { id: "assess-next" }));
  if (at >= 0 && levels[at].step) {
    const crux = el("p", `${levels[at].step.crux} `);
    crux.append(anchor(levels[at].step.url, `What changes from ${levels[at].title} to ${next.title}`));
    section.append(crux);
  }
  const short = pillars.filter((pillar) => pillar.own && rank(rating(doc, pillar.id)) < rank(next.needs[pillar.id]));
  if (short.length) {
    section.append(el("p", "Pillars to raise (each pillar's page lists ways to practise it), with the templates that build them:"));
    const items = el("ul");
    short.forEach((pillar) => {
      const have = rating(doc, pillar.id);
      const line = el("li");
      line.append(anchor(pillar.url, pillar.name), `: ${have ? stepName.get(have) : "not rated"} → ${stepName.get(next.needs[pillar.id])}.`);
      if (pillar.templates.length) { line.append(el("p", "Templates:")); line.append(linkList(pillar.templates)); }
      items.append(line);
    });
    section.append(items);
  }
  const ticked = new Set(ticks(doc, data.role.id));
  const open = next.expectations.filter((item) => !ticked.has(item.id));
  if (open.length) {
    section.append(el("p", `Expectations of ${next.title} you have not ticked yet:`));
    const items = el("ul");
    open.forEach((item) => { const line = el("li"); line.append(el("strong", `${item.theme}: `), item.behaviour); items.append(line); });
    section.append(items);
  }
  const signals = at >= 0 ? levels[at].signals : [];
  if (signals.length) {
    section.append(el("p", `Signs that you are ready for ${next.title}:`));
    const items = el("ul");
    signals.forEach((signal) => items.append(el("li", signal)));
    section.append(items);
  }
  if (next.templates.length) {
    section.append(el("p", `Templates for the documents typical at ${next.title}:`));
    section.append(linkList(next.templates));
  }
  return section;
}

function levelProgress(doc) {
  const items = el("ul", null, { class: "hb-assess__progress" });
  levels.forEach((level) => {
    const result = meets(doc, level);
    const line = el("li");
    line.append(anchor(level.url, level.title), `: ${result.all ? "✓ met" : "not yet"}; ${result.pillars} of ${result.needed} pillars at its proficiency, `
      + `${result.expectations} of ${level.expectations.length} expectations ticked.`);
    items.append(line);
  });
  return items;
}

function summaryText(doc) {
  const at = overall(doc);
  const next = levels[at + 1];
  const rated = ownIds.filter((id) => rating(doc, id)).length;
  const where = at >= 0 ? `Overall you match ${levels[at].title}.` : `Overall you do not yet match the first level, ${levels[0].title}.`;
  if (!next) return `${where} It is the top level of this ladder.`;
  const result = meets(doc, next);
  return `${where} Next: ${next.title}, with ${result.needed - result.pillars} pillar${result.needed - result.pillars === 1 ? "" : "s"} to raise and `
    + `${next.expectations.length - result.expectations} expectation${next.expectations.length - result.expectations === 1 ? "" : "s"} to tick. `
    + `${rated} of ${ownIds.length} pillars rated.`;
}

function compareSection(doc) {
  const [roleId, levelId] = $("assess-compare").value.split("/");
  const ladder = ladders.get(roleId);
  const level = ladder.levels.find((item) => item.id === levelId);
  const section = el("div");
  const rows = data.pillars.filter((pillar) => Object.hasOwn(level.needs, pillar.id)).map((pillar) => {
    const have = rating(doc, pillar.id);
    const need = level.needs[pillar.id];
    return [pillar.name, stepName.get(need), have ? stepName.get(have) : "Not rated", gapText(have, need)];
  });
  const short = rows.filter((row) => row[3] !== "✓ reached").length;
  const intro = el("p", short ? `${short} of ${rows.length} pillars below what ` : `Every pillar reaches what `);
  intro.append(anchor(level.url, `${ladder.name}: ${level.title}`), " expects.");
  const ticked = ticks(doc, roleId).filter((id) => level.expectations.includes(id)).length;
  intro.append(` On that ladder you have ticked ${ticked} of its ${level.expectations.length} expectations`);
  if (roleId !== data.role.id) { intro.append(" (tick them on "); intro.append(anchor(ladder.url, `the ${ladder.name} ladder`)); intro.append(")"); }
  intro.append(".");
  section.append(intro, table(`Your ratings against ${ladder.name}: ${level.title}`, ["Skill pillar", "Level needs", "Your rating", "Gap"], rows));
  return section;
}

function report(doc, link) {
  const at = overall(doc);
  const ticked = ticks(doc, data.role.id).length;
  const total = levels.reduce((sum, level) => sum + level.expectations.length, 0);
  return {
    title: `Where am I on the ${data.role.name} ladder`,
    facts: [["Overall level", at >= 0 ? levels[at].title : "Below the first level"],
      ["Next level", levels[at + 1] ? levels[at + 1].title : "Top level reached"],
      ["Expectations ticked", `${ticked} of ${total}`]],
    header: HEADER,
    rows: pillarRows(doc),
    link,
  };
}

// ---------------------------------------------------------------- the controls, made from the data

function buildControls() {
  $("assess-pillars").replaceChildren(...pillars.map((pillar) => {
    const row = el("div", null, { class: pillar.own ? "hb-assess__pillar" : "hb-assess__pillar hb-assess__pillar--other" });
    const select = el("select", null, { id: `assess-pillar-${pillar.id}`, "data-assess-pillar": pillar.id });
    select.append(el("option", "Not rated yet", { value: "" }), ...data.scale.map((step) => el("option", step.name, { value: step.id })));
    // What each step looks like on this pillar, so a rating rests on statements a reader can show evidence for.
    const steps = el("details", null, { class: "hb-assess__descriptors", "data-assess-descriptors": pillar.id });
    steps.append(el("summary", `What each step means for ${pillar.name}`));
    const list = el("dl");
    data.scale.forEach((step) => {
      const items = el("ul");
      (pillar.descriptors[step.id] || []).forEach((statement) => items.append(el("li", statement)));
      const dd = el("dd");
      dd.append(items);
      list.append(el("dt", step.name), dd);
    });
    steps.append(list);
    row.append(el("label", pillar.name, { for: select.id }), select, steps);
    if (!pillar.own) row.append(el("p", `${NOT_ASKED}; kept for comparing with other ladders.`, { class: "hb-note" }));
    return row;
  }));
  $("assess-levels").replaceChildren(...levels.map((level) => {
    const group = el("fieldset", null, { class: "hb-assess__level" });
    const items = el("ul");
    level.expectations.forEach((item) => {
      const line = el("li");
      const box = el("input", null, { type: "checkbox", id: `assess-${item.id}`, "data-assess-expectation": item.id });
      const label = el("label", null, { for: box.id });
      label.append(el("strong", `${item.theme}:`), ` ${item.behaviour}`);
      line.append(box, " ", label);
      items.append(line);
    });
    group.append(el("legend", level.title), items);
    return group;
  }));
  $("assess-compare").replaceChildren(...data.ladders.map((ladder) => {
    const group = el("optgroup", null, { label: ladder.name });
    group.append(...ladder.levels.map((level) => el("option", `${ladder.name}: ${level.title}`, { value: `${ladder.id}/${level.id}` })));
    return group;
  }));
  $("assess-compare").value = `${data.role.id}/${own.levels[Math.min(1, own.levels.length - 1)].id}`;
}

// ---------------------------------------------------------------- wiring

let current = null;
let undo = null;

function status(text) {
  $("assess-status").textContent = text;
}

function problem(lines) {
  const box = $("assess-problem");
  box.replaceChildren();
  if (!lines.length) return;
  box.append(el("p", "Nothing was changed; the assessment on this device is as it was. The problem:"));
  const items = el("ul");
  lines.forEach((line) => items.append(el("li", line)));
  box.append(items);
}

function savedText(savedAt) {
  if (!savedAt) return "Not saved yet: rate a pillar or tick an expectation and it is saved on this device.";
  const when = new Date(savedAt);
  return `Saved on this device ${when.toLocaleDateString(undefined, { dateStyle: "long" })} at ${when.toLocaleTimeString(undefined, { timeStyle: "short" })}.`;
}

function showDoc() {
  document.querySelectorAll("[data-assess-pillar]").forEach((select) => { select.value = rating(current, select.dataset.assessPillar) || ""; });
  const ticked = new Set(ticks(current, data.role.id));
  document.querySelectorAll("[data-assess-expectation]").forEach((box) => { box.checked = ticked.has(box.dataset.assessExpectation); });
  refresh();
}

function refresh() {
  $("assess-summary").textContent = summaryText(current);
  const details = $("assess-details");
  details.replaceChildren(table(`Each pillar against the ${data.role.name} ladder`, HEADER, pillarRows(current)),
    levelProgress(current), gapSection(current, overall(current)));
  $("assess-compare-result").replaceChildren(compareSection(current));
  $("assess-markdown").value = reportMarkdown(report(current, linkFor(current)), linkFor(current));
}

function commit(doc, note) {
  current = doc;
  problem([]);
  const savedAt = save(doc);
  $("assess-saved").textContent = savedAt ? savedText(savedAt) : "Not saved on this device.";
  if (note) status(note);
  refresh();
}

function replaceWith(doc, note) {
  undo = clone(current);
  commit(doc, note);
  showDoc();
  $("assess-undo-line").hidden = false;
}

function download(name, type, text) {
  const href = URL.createObjectURL(new Blob([text], { type }));
  const link = el("a", null, { href, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(href), 60000);
}

function exported() {
  const doc = clone(current);
  doc.template = { ...clone(format.blank.template), example: false };
  if (Object.hasOwn(doc.details, "date")) doc.details.date = new Date().toISOString().slice(0, 10);
  return doc;
}

function wire() {
  document.querySelectorAll("[data-assess-pillar]").forEach((select) => select.addEventListener("change", () => {
    const doc = clone(current);
    doc.profile.pillars[select.dataset.assessPillar].level = select.value || null;
    commit(doc, "");
  }));
  document.querySelectorAll("[data-assess-expectation]").forEach((box) => box.addEventListener("change", () => {
    const ids = [...document.querySelectorAll("[data-assess-expectation]")].filter((item) => item.checked)
      .map((item) => item.dataset.assessExpectation);
    commit(withTicks(current, data.role.id, ids), "");
  }));
  $("assess-compare").addEventListener("change", refresh);
  $("assess-link").addEventListener("click", async () => {
    const field = $("assess-share-url");
    field.value = linkFor(current);
    field.focus();
    field.select();
    try {
      await navigator.clipboard.writeText(field.value);
      status(`Share link copied (${field.value.length} characters). It carries your ratings and ticks, not the rest of the profile.`);
    } catch {
      status("The share link is selected in the box below: press Ctrl+C (⌘C on a Mac) to copy it.");
    }
  });
  $("assess-markdown-copy").addEventListener("click", async () => {
    refresh();
    try {
      await navigator.clipboard.writeText($("assess-markdown").value);
      status("Markdown summary copied to the clipboard.");
    } catch {
      $("assess-markdown-details").open = true;
      $("assess-markdown").focus();
      $("assess-markdown").select();
      status("Your browser did not allow copying. The Markdown is selected below: press Ctrl+C (⌘C on a Mac).");
    }
  });
  $("assess-csv").addEventListener("click", () => {
    download(`${data.role.id}-assessment.csv`, "text/csv;charset=utf-8", reportCsv(report(current, linkFor(current))));
    status(`Saved ${data.role.id}-assessment.csv to your downloads.`);
  });
  $("assess-print").addEventListener("click", () => {
    document.documentElement.classList.add("hb-assess-print");
    window.print();
  });
  window.addEventListener("afterprint", () => document.documentElement.classList.remove("hb-assess-print"));
  $("assess-reset").addEventListener("click", () => { $("assess-confirm").hidden = false; $("assess-confirm-yes").focus(); });
  $("assess-confirm-no").addEventListener("click", () => { $("assess-confirm").hidden = true; $("assess-reset").focus(); });
  $("assess-confirm-yes").addEventListener("click", () => {
    $("assess-confirm").hidden = true;
    replaceWith(blankProfile(), "Started over: every rating and tick is cleared on this device.");
    $("assess-reset").focus();
  });
  $("assess-undo").addEventListener("click", () => {
    if (undo) commit(undo, "Brought back the assessment this device had saved.");
    undo = null;
    showDoc();
    $("assess-undo-line").hidden = true;
  });
  if (format) wireFiles();
}

function wireFiles() {
  $("assess-export").addEventListener("click", () => {
    download(`${format.id}.json`, "application/json", `${JSON.stringify(exported(), null, 2)}\n`);
    status(`Saved ${format.id}.json to your downloads: a ${format.title.toLowerCase()} file you can import here on any device.`);
  });
  $("assess-import").addEventListener("change", async (event) => {
    const [file] = event.target.files;
    event.target.value = "";
    if (!file) return;
    if (file.size > format.max_bytes) {
      problem([`${file.name}: ${Math.ceil(file.size / 1024)} KB, more than the ${format.max_bytes / 1024} KB a skill profile can be; is it the right file?`]);
      return;
    }
    const result = parseProfile(await file.text());
    if (!result.doc) { problem(result.problems); return; }
    problem([]);
    replaceWith(result.doc, `Imported ${file.name}: its ratings, ticks and profile now replace what this device had saved.`);
  });
}

async function readFile(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return response.json();
}

async function loadFormat() {
  if (!data.profile) return null;
  try {
    const [blank, schema] = await Promise.all([readFile(data.profile.download_url), readFile(data.profile.schema_url)]);
    return { ...data.profile, blank, validator: new Validator(schema, "2020-12", false) };
  } catch (error) {
    problem([`The skill profile format could not be read (${error.message}), so this visit is not saved and files cannot be exported or imported.`]);
    document.querySelectorAll("#assess-export, .hb-assess__import").forEach((item) => { item.hidden = true; });
    return null;
  }
}

async function start() {
  $("assess-nojs").hidden = true;
  $("assess-tool").hidden = false;
  buildControls();
  format = await loadFormat();
  current = blankProfile();
  const saved = readSaved();
  if (saved.doc) current = saved.doc;
  $("assess-saved").textContent = saved.doc ? savedText(saved.savedAt) : savedText(null);
  if (saved.problems) problem(saved.problems);
  wire();
  showDoc();
  $("assess-tool").dataset.ready = "";
  const hash = window.location.hash;
  if (!hash.startsWith(LINK_PREFIX)) return;
  window.history.replaceState(null, "", `${window.location.pathname}${window.location.search}#assess`);
  $("assess").scrollIntoView();
  const result = readLink(hash, current);
  if (!result.doc) { problem(result.problems); return; }
  if (linkFor(result.doc) !== linkFor(current)) replaceWith(result.doc, "Opened the assessment from the share link; it now replaces what this device had saved.");
}

start();
