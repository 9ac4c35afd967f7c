// "Fill it in here": the form of a template page, built from form.json (src/handbook/render/form.py).
// Everything stays in this browser: the draft is saved to localStorage under the template's id and
// version after every change, and files are made here. Values are only ever set as text (value,
// textContent): nothing typed or imported is parsed as HTML or run. The Word and spreadsheet writers
// and their zip library load only when the reader asks for such a file.

import { csv } from "../csv.js";
import { computed, controls, filledBlocks, initial, markdown, sheetRows } from "./document.js";
import { adopt, backup, BackupError, clean, MAX_BACKUP_BYTES } from "./backup.js";

const root = document.getElementById("hb-form");
const spec = await (await fetch(root.dataset.form)).json();

function element(tag, props = {}, children = []) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (name === "text") node.textContent = value;
    else if (value !== null && value !== undefined && value !== false) node.setAttribute(name, value === true ? "" : value);
  }
  node.append(...children);
  return node;
}

const button = (action, text) => element("button", { type: "button", class: "md-button", "data-action": action, text });
const status = element("p", { class: "hb-form__status", role: "status", "aria-live": "polite" });
const notice = element("div", { class: "hb-form__notice", hidden: true }, [element("p"), button("start-over", "Start over")]);
const fields = element("div", { class: "hb-form__fields" });
const confirmBox = element("div", { class: "hb-form__confirm", role: "group", "aria-label": "Confirm start over", hidden: true }, [
  element("p", { text: "Delete this draft from this device and start with a blank form?" }),
  button("confirm-start-over", "Yes, delete the draft"), " ", button("keep-draft", "No, keep it")]);
const picker = element("input", { type: "file", class: "hb-form__file", accept: ".json,application/json", hidden: true,
  "aria-label": "Backup file to import" });
root.append(status, notice, fields, confirmBox, element("div", { class: "hb-form__actions" }, [
  ...spec.buttons.map(([format, label]) => button(format, label)), button("backup", "Export backup (.json)"),
  button("import", "Import backup"), picker, button("copy", "Copy as rich text"), button("start-over", "Start over")]));
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const byKey = controls(spec);
let values = {};
let ids = 0;

const uid = (what) => `hb-form-${what}-${(ids += 1)}`;

function say(message) {
  status.textContent = message;
}

function save() {
  try {
    localStorage.setItem(spec.storage, JSON.stringify(backup(spec, values)));
    say(`Saved on this device at ${new Date().toLocaleTimeString()}.`);
  } catch (error) {
    say("Not saved: this browser's storage is full or switched off. Export a backup to keep your work.");
  }
}

// Why a value cannot be used, or "" when it can.
function problem(kind, column, value) {
  if (!value) return "";
  if (kind === "date" && !(DATE.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`))
      && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value))) {
    return "Write a date as YYYY-MM-DD.";
  }
  if (column?.input === "number") {
    const bounded = column.min !== null && column.min !== undefined;
    if (bounded && !(/^\d+$/.test(value.trim()) && Number(value) >= column.min && Number(value) <= column.max)) {
      return `Give a whole number from ${column.min} to ${column.max}.`;
    }
    if (!bounded && !/^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/.test(value.trim())) return "Give a number.";
  }
  return "";
}

function checked(input, error, kind, column) {
  const message = problem(kind, column, input.value);
  error.textContent = message;
  input.toggleAttribute("aria-invalid", Boolean(message));
  return message;
}

function textField(control) {
  const id = uid("field");
  const error = element("p", { class: "hb-form__error", id: `${id}-error`, "aria-live": "polite" });
  const hint = control.hint ? element("p", { class: "hb-form__hint", id: `${id}-hint`, text: control.hint }) : null;
  const multiline = !["text", "date"].includes(control.kind);
  const described = [hint && hint.id, error.id].filter(Boolean).join(" ");
  const input = element(multiline ? "textarea" : "input", {
    id, name: control.key, "aria-describedby": described, rows: multiline ? 4 : null,
    type: multiline ? null : "text", inputmode: control.kind === "date" ? "numeric" : null,
    placeholder: control.default || (control.kind === "date" ? "YYYY-MM-DD" : null), autocomplete: "off",
    dir: control.kind === "date" ? null : "auto",
  });
  input.value = values[control.key] ?? "";
  checked(input, error, control.kind);
  input.addEventListener("input", () => {
    values[control.key] = clean(input.value);
    checked(input, error, control.kind);
    save();
  });
  const label = control.kind === "list" ? `${control.label} (one point a line)` : control.label;
  return element("div", { class: "hb-form__field", "data-key": control.key }, [element("label", { for: id, text: label }), hint ?? "", input, error]);
}

function checksField(control) {
  const ticks = values[control.key];
  return element("fieldset", { class: "hb-form__checks", "data-key": control.key }, [
    element("legend", { text: control.label }),
    ...control.items.map((item, i) => {
      const id = uid("check");
      const box = element("input", { type: "checkbox", id, name: `${control.key}-${i}` });
      box.checked = Boolean(ticks[i]);
      box.addEventListener("change", () => { ticks[i] = box.checked; save(); });
      return element("div", {}, [box, " ", element("label", { for: id, text: item })]);
    }),
  ]);
}

function cellInput(column, row, r, c, heads, output) {
  const id = uid("cell");
  const error = element("span", { class: "hb-form__error", id: `${id}-error`, "aria-live": "polite" });
  const props = { id, "aria-labelledby": `${heads.columns[c]} ${heads.rows[r]}`, "aria-describedby": error.id };
  let input;
  if (column.input === "select") {
    input = element("select", props, [element("option", { value: "", text: "—" }),
      ...column.choices.map((choice) => element("option", { value: choice, text: choice }))]);
  } else {
    input = element("input", { ...props, type: "text", autocomplete: "off",
      inputmode: column.input === "number" ? "decimal" : column.input === "date" ? "numeric" : null,
      placeholder: column.input === "date" ? "YYYY-MM-DD" : null,
      dir: ["number", "date"].includes(column.input) ? null : "auto" });
  }
  input.value = row[c] ?? "";
  checked(input, error, column.input, column);
  input.addEventListener(column.input === "select" ? "change" : "input", () => {
    row[c] = clean(input.value);
    checked(input, error, column.input, column);
    output();
    save();
  });
  return [input, error];
}

function tableField(control) {
  const rows = values[control.key];
  const captionId = uid("caption");
  const heads = { columns: control.columns.map(() => uid("col")), rows: rows.map(() => uid("row")) };
  const body = element("tbody");
  const hints = control.columns.filter((column) => column.hint);
  rows.forEach((row, r) => {
    const outputs = [];
    const refresh = () => outputs.forEach(([node, rule]) => { node.textContent = computed(rule, row); });
    const cells = control.columns.map((column, c) => {
      if (column.input === "fixed") return element("td", { text: control.rows[r]?.[c] ?? "" });
      if (column.input === "computed") {
        const out = element("output", { "aria-labelledby": `${heads.columns[c]} ${heads.rows[r]}` });
        outputs.push([out, column.compute]);
        return element("td", {}, [out]);
      }
      return element("td", {}, cellInput(column, row, r, c, heads, refresh));
    });
    refresh();
    const actions = control.fixed ? [] : [element("td", { class: "hb-form__row-actions" }, [
      rowButton("Up", `Move row ${r + 1} up`, r > 0, () => move(control, r, r - 1)),
      rowButton("Down", `Move row ${r + 1} down`, r < rows.length - 1, () => move(control, r, r + 1)),
      rowButton("Remove", `Remove row ${r + 1}`, true, () => { rows.splice(r, 1); redraw(`${control.key}:add`); }),
    ])];
    body.append(element("tr", {}, [element("th", { scope: "row", id: heads.rows[r], text: `Row ${r + 1}` }), ...cells, ...actions]));
  });
  const head = element("tr", {}, [element("th", { scope: "col", text: "Row" }),
    ...control.columns.map((column, c) => element("th", { scope: "col", id: heads.columns[c], text: column.label })),
    ...(control.fixed ? [] : [element("th", { scope: "col", text: "Move or remove" })])]);
  const table = element("table", { class: "hb-form__table" }, [
    element("caption", { id: captionId, text: control.label }), element("thead", {}, [head]), body]);
  const parts = [element("div", { class: "hb-form__scroll", tabindex: "0", role: "region", "aria-labelledby": captionId }, [table])];
  if (hints.length) {
    parts.push(element("ul", { class: "hb-form__hint" }, hints.map((column) => element("li", {}, [
      element("strong", { text: `${column.label}: ` }), column.hint]))));
  }
  if (!control.fixed) {
    parts.push(element("button", { type: "button", class: "md-button", "data-focus": `${control.key}:add`,
      text: `Add a row to ${control.label}` }));
    parts.at(-1).addEventListener("click", () => {
      rows.push(control.columns.map(() => ""));
      redraw(`${control.key}:add`);
    });
  }
  return element("div", { class: "hb-form__field", "data-key": control.key }, parts);
}

function rowButton(text, label, enabled, action) {
  const button = element("button", { type: "button", class: "hb-form__row-button", "aria-label": label,
    "data-focus": label, disabled: !enabled, text });
  button.addEventListener("click", action);
  return button;
}

// Swap two rows and keep focus on the same button of the moved row (or its other one at an end).
function move(control, from, to) {
  const rows = values[control.key];
  [rows[from], rows[to]] = [rows[to], rows[from]];
  const direction = to < from ? "up" : "down";
  const atEnd = direction === "up" ? to === 0 : to === rows.length - 1;
  redraw(`Move row ${to + 1} ${atEnd ? (direction === "up" ? "down" : "up") : direction}`);
}

function field(control) {
  if (control.kind === "table") return tableField(control);
  if (control.kind === "checks") return checksField(control);
  return textField(control);
}

function draw() {
  ids = 0;
  fields.replaceChildren(...spec.groups.map((group) => element("fieldset", { class: "hb-form__group" }, [
    element("legend", { text: group.heading }),
    group.hint ? element("p", { class: "hb-form__hint", text: group.hint }) : "",
    group.questions.length ? element("ul", { class: "hb-form__questions" },
      group.questions.map((question) => element("li", { text: question }))) : "",
    ...group.controls.map(field),
  ])));
}

// Redraw after rows change, keeping the keyboard where it was; then save.
function redraw(focusKey) {
  draw();
  const target = [...fields.querySelectorAll("[data-focus]")].find((node) => node.dataset.focus === focusKey);
  (target && !target.disabled ? target : fields.querySelector("input, textarea, select"))?.focus();
  save();
}

function fresh() {
  return Object.fromEntries([...byKey.values()].map((control) => [control.key, initial(control)]));
}

function invalidFields() {
  return [...fields.querySelectorAll("[aria-invalid]")];
}

function download(name, type, data) {
  const url = URL.createObjectURL(new Blob([data], { type }));
  const link = element("a", { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

const TYPES = {
  md: "text/markdown;charset=utf-8",
  csv: "text/csv;charset=utf-8",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  json: "application/json",
};

async function office() {
  return import("./office.js");
}

async function exportFile(format) {
  const invalid = invalidFields();
  if (invalid.length) {
    say(`Fix ${invalid.length === 1 ? "the field" : `the ${invalid.length} fields`} marked in red first; nothing was downloaded.`);
    invalid[0].focus();
    return;
  }
  const name = `${spec.id}-filled.${format}`;
  if (format === "md") download(name, TYPES.md, markdown(spec, values));
  if (format === "csv") download(name, TYPES.csv, csv(sheetRows(spec, values)));
  if (format === "docx") download(name, TYPES.docx, await (await office()).word(root.dataset.docx, spec, values));
  if (format === "xlsx") download(name, TYPES.xlsx, await (await office()).sheet(root.dataset.xlsx, spec, values));
  say(`Downloaded ${name}.`);
}

async function copyRichText() {
  const { html } = await import("./richtext.js");
  const blocks = filledBlocks(spec, values);
  try {
    await navigator.clipboard.write([new ClipboardItem({
      "text/html": new Blob([html(blocks)], { type: "text/html" }),
      "text/plain": new Blob([markdown(spec, values)], { type: "text/plain" }),
    })]);
    say("Copied. Paste it into Google Docs, Word or Notion: headings, lists and tables are kept.");
  } catch (error) {
    say("This browser did not allow copying. Download the Word or Markdown file instead.");
  }
}

async function importBackup(file) {
  if (file.size > MAX_BACKUP_BYTES) {
    say(`Not imported: ${file.name} is larger than a backup can be (${MAX_BACKUP_BYTES / 1048576} MB). Your draft is unchanged.`);
    return;
  }
  try {
    const result = adopt(spec, await file.text());
    values = { ...fresh(), ...result.values };
    draw();
    save();
    say(`Imported ${file.name}.${result.note ? ` ${result.note}` : ""}`);
  } catch (error) {
    if (!(error instanceof BackupError)) throw error;
    say(`Not imported: ${error.message} Your draft is unchanged.`);
  }
}

// A saved draft's time (ISO, in UTC) as the reader's own date and time; "" for a time that cannot be read.
function localTime(saved) {
  const when = saved ? new Date(saved) : null;
  return when && !Number.isNaN(when.getTime()) ? when.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" }) : "";
}

function restore() {
  const saved = localStorage.getItem(spec.storage);
  const older = saved === null ? Object.keys(localStorage).find((key) => key.startsWith(`${spec.storage.split(":").slice(0, 2).join(":")}:`)) : null;
  values = fresh();
  if (saved === null && !older) return;
  try {
    const result = adopt(spec, saved ?? localStorage.getItem(older));
    values = { ...values, ...result.values };
    notice.querySelector("p").textContent = `Your draft from ${localTime(result.saved) || "an earlier visit"} was restored.${result.note ? ` ${result.note}` : ""}`;
  } catch (error) {
    notice.querySelector("p").textContent = "A draft saved on this device could not be read; the form starts empty. The draft stays stored until you type.";
  }
  notice.hidden = false;
}

function startOver(confirmed) {
  confirmBox.hidden = confirmed !== null;
  if (confirmed === null) {
    confirmBox.querySelector("button").focus();
    return;
  }
  if (confirmed) {
    localStorage.removeItem(spec.storage);
    values = fresh();
    draw();
    notice.hidden = true;
    say("Started over: the draft was deleted from this device.");
  }
  root.querySelector('.hb-form__actions [data-action="start-over"]').focus();
}

function exportBackup() {
  const name = `${spec.id}-${spec.version}.backup.json`;
  download(name, TYPES.json, `${JSON.stringify(backup(spec, values), null, 2)}\n`);
  say(`Downloaded ${name}: import it here, on any device, to carry on.`);
}

const ACTIONS = {
  md: () => exportFile("md"), docx: () => exportFile("docx"), xlsx: () => exportFile("xlsx"), csv: () => exportFile("csv"),
  backup: exportBackup,
  import: () => picker.click(),
  copy: copyRichText,
  "start-over": () => startOver(null),
  "confirm-start-over": () => startOver(true),
  "keep-draft": () => startOver(false),
};

root.addEventListener("click", (event) => {
  const button = event.target.closest("[data-action]");
  if (button) ACTIONS[button.dataset.action]();
});
picker.addEventListener("change", () => {
  if (picker.files.length) importBackup(picker.files[0]);
  picker.value = "";
});
restore();
draw();
root.hidden = false;
say(localStorage.getItem(spec.storage) ? "Saved on this device." : "Nothing saved yet: your draft is saved here as you type.");
