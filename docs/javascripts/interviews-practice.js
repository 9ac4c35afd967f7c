// Interview practice on the reader's device (templates/pages/interview_practice.md.j2). Questions come from the
// bank's open-data file; the history is one JSON document in localStorage, in the format of the published schema
// (handbook.render.interviews.PracticeHistory), which checks every document that enters: an import, and what the
// device saved. This script is the only code that scores a history. Text from the bank or from a file reaches the
// page only through textContent, so an answer holding markup stays text.
import { Validator } from "./vendor/cfworker-json-schema-4.1.6/index.js";

const STORAGE_KEY = "handbook.interview-practice";
const data = JSON.parse(document.getElementById("practice-data").textContent);
const $ = (id) => document.getElementById(id);
const base = document.baseURI;
const [bankFile, schema] = await Promise.all([data.bank_url, data.schema_url].map(async (url) => {
  const response = await fetch(new URL(url, base));
  if (!response.ok) throw new Error(`could not load ${url}`);
  return response.json();
}));
const validator = new Validator(schema, "2020-12", false);
const banks = new Map(bankFile.banks.map((bank) => [bank.id, bank]));
const roles = new Map(data.roles.map((role) => [role.id, role]));
const empty = () => ({ format: data.format, version: 1, attempts: [] });

let current = null; // { role, level, question, started }
let ticking = null;

function option(select, value, text) {
  const element = document.createElement("option");
  element.value = value;
  element.textContent = text;
  select.append(element);
}

function fillLevels() {
  const role = roles.get($("practice-role").value);
  $("practice-level").replaceChildren();
  role.levels.forEach((level) => option($("practice-level"), level.id, level.title));
}

// What is wrong with a history document: the schema's findings, then ids this handbook does not know.
function problems(doc) {
  const { valid, errors } = validator.validate(doc);
  if (!valid) {
    const deepest = errors.filter((error) => !errors.some((other) => other.instanceLocation.startsWith(`${error.instanceLocation}/`)));
    return deepest.slice(0, 5).map((error) => `${error.instanceLocation.replace(/^#\/?/, "") || "the file"}: ${error.error}`);
  }
  return doc.attempts.flatMap((attempt, i) => {
    const bank = banks.get(attempt.role);
    if (!bank) return [`attempts/${i}/role: unknown role ${JSON.stringify(attempt.role)}`];
    if (!bank.questions.some((question) => question.id === attempt.question)) {
      return [`attempts/${i}/question: no question ${JSON.stringify(attempt.question)} in the ${roles.get(attempt.role).name} bank`];
    }
    return [];
  }).slice(0, 5);
}

function load() {
  try {
    const doc = JSON.parse(localStorage.getItem(STORAGE_KEY) || "null");
    return doc && problems(doc).length === 0 ? doc : empty();
  } catch {
    return empty();
  }
}

function save(doc) {
  localStorage.setItem(STORAGE_KEY, JSON.stringify(doc));
}

// An attempt's score from -1 (only weak signals) to 1 (every strong signal, no weak one).
const score = (attempt) => attempt.strong_seen / attempt.strong_total - attempt.weak_seen / attempt.weak_total;

function weakest(attempts) {
  const byPillar = new Map();
  attempts.forEach((attempt) => byPillar.set(attempt.pillar, [...(byPillar.get(attempt.pillar) || []), score(attempt)]));
  return [...byPillar].map(([pillar, scores]) => ({ pillar, mean: scores.reduce((a, b) => a + b, 0) / scores.length, count: scores.length }))
    .sort((a, b) => a.mean - b.mean || a.pillar.localeCompare(b.pillar)).slice(0, 3);
}

function cell(row, text) {
  const td = document.createElement("td");
  td.textContent = text;
  row.append(td);
}

function show() {
  const { attempts } = load();
  $("practice-summary").textContent = attempts.length
    ? `${attempts.length} answer${attempts.length === 1 ? "" : "s"} saved on this device. Weakest pillars first:`
    : "No answers saved on this device yet.";
  $("practice-weakest").replaceChildren(...weakest(attempts).map(({ pillar, mean, count }) => {
    const item = document.createElement("li");
    item.textContent = `${data.pillars[pillar] || pillar}: score ${mean.toFixed(2)} over ${count} answer${count === 1 ? "" : "s"} (from -1 to 1)`;
    return item;
  }));
  $("practice-history").replaceChildren(...attempts.slice().reverse().map((attempt) => {
    const row = document.createElement("tr");
    const question = banks.get(attempt.role).questions.find((item) => item.id === attempt.question);
    cell(row, attempt.at.slice(0, 16).replace("T", " "));
    cell(row, question.question);
    cell(row, data.pillars[attempt.pillar] || attempt.pillar);
    cell(row, `${attempt.strong_seen} of ${attempt.strong_total}`);
    cell(row, `${attempt.weak_seen} of ${attempt.weak_total}`);
    cell(row, attempt.answer);
    return row;
  }));
}

function checkboxes(container, texts, name) {
  container.replaceChildren(...texts.map((text, i) => {
    const label = document.createElement("label");
    const box = document.createElement("input");
    box.type = "checkbox";
    box.name = name;
    box.value = String(i);
    label.append(box, ` ${text}`);
    const line = document.createElement("p");
    line.append(label);
    return line;
  }));
}

function draw(event) {
  event.preventDefault();
  const role = $("practice-role").value;
  const level = $("practice-level").value;
  const pool = banks.get(role).questions.filter((question) => question.levels.includes(level));
  if (!pool.length) {
    $("practice-problems").textContent = "No question in the bank suits this level yet.";
    return;
  }
  const others = pool.length > 1 && current ? pool.filter((question) => question.id !== current.question.id) : pool;
  const question = others[Math.floor(Math.random() * others.length)];
  current = { role, level, question, started: Date.now() };
  $("practice-problems").textContent = "";
  $("practice-question").hidden = false;
  $("practice-scoring").hidden = true;
  $("practice-question-text").textContent = question.question;
  $("practice-question-tags").textContent = `${data.pillars[question.pillar]} at ${data.scale[question.proficiency]}`;
  $("practice-answer").value = "";
  $("practice-link").href = new URL(`${roles.get(role).bank_url}#${question.id}`, base).href;
  $("practice-outline").replaceChildren(...question.outline.map((point) => {
    const item = document.createElement("li");
    item.textContent = point;
    return item;
  }));
  checkboxes($("practice-strong"), question.strong, "strong");
  checkboxes($("practice-weak"), question.weak, "weak");
  clearInterval(ticking);
  $("practice-clock").textContent = "";
  if ($("practice-timer").checked) {
    ticking = setInterval(() => {
      const seconds = Math.round((Date.now() - current.started) / 1000);
      $("practice-clock").textContent = `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, "0")} s`;
    }, 1000);
  }
  $("practice-answer").focus();
}

function saveAttempt() {
  const seen = (name) => document.querySelectorAll(`#practice-scoring input[name="${name}"]:checked`).length;
  const { question } = current;
  clearInterval(ticking);
  const doc = load();
  doc.attempts.push({
    role: current.role, level: current.level, question: question.id, pillar: question.pillar,
    at: new Date().toISOString(), answer: $("practice-answer").value.slice(0, 20000),
    seconds: $("practice-timer").checked ? Math.min(86400, Math.round((Date.now() - current.started) / 1000)) : null,
    strong_seen: seen("strong"), strong_total: question.strong.length, weak_seen: seen("weak"), weak_total: question.weak.length,
  });
  save(doc);
  $("practice-scoring").hidden = true;
  show();
}

async function importFile() {
  const [file] = $("practice-import").files;
  if (!file) return;
  let doc;
  try {
    doc = JSON.parse(await file.text());
  } catch {
    $("practice-problems").textContent = "The file is not JSON; your saved history is unchanged.";
    return;
  }
  const found = problems(doc);
  $("practice-import").value = "";
  if (found.length) {
    $("practice-problems").textContent = `The file was not imported, and your saved history is unchanged: ${found.join("; ")}`;
    return;
  }
  save(doc);
  $("practice-problems").textContent = `Imported ${doc.attempts.length} answers.`;
  show();
}

function exportFile() {
  const blob = new Blob([`${JSON.stringify(load(), null, 2)}\n`], { type: "application/json" });
  const anchor = document.createElement("a");
  anchor.href = URL.createObjectURL(blob);
  anchor.download = "interview-practice.json";
  anchor.click();
  URL.revokeObjectURL(anchor.href);
}

data.roles.forEach((role) => option($("practice-role"), role.id, role.name));
fillLevels();
$("practice-role").addEventListener("change", fillLevels);
$("practice-pick").addEventListener("submit", draw);
$("practice-reveal").addEventListener("click", () => { $("practice-scoring").hidden = false; });
$("practice-save").addEventListener("click", saveAttempt);
$("practice-import").addEventListener("change", importFile);
$("practice-export").addEventListener("click", exportFile);
$("practice-clear").addEventListener("click", () => { save(empty()); show(); });
$("practice-fallback").hidden = true;
$("practice").hidden = false;
show();
$("practice").dataset.ready = "";
