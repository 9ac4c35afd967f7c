// The draft as a backup file, and a backup (or a saved draft) read back. A backup is checked whole before
// anything is used, so a malformed or foreign file changes nothing; values are kept as plain strings
// and booleans only. No DOM here.

import { controls } from "./document.js";

export const BACKUP_KIND = "AI Roles Handbook form backup";
export const MAX_BACKUP_BYTES = 10 * 1048576;
const MAX_ROWS = 500;
// Characters no file format can carry as text (XML refuses them): control characters other than tab and
// line breaks, and the two non-characters. Typed or pasted, they are dropped.
const UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export class BackupError extends Error {}

export function clean(text) {
  return String(text).replace(UNSAFE, "").toWellFormed();
}

export function backup(spec, values) {
  return { kind: BACKUP_KIND, template: spec.id, version: spec.version, saved: new Date().toISOString(), values };
}

const isText = (value) => typeof value === "string";

// A value for `control`, or undefined when the backup holds something else there.
function accepted(control, value) {
  if (control.kind === "checks") {
    if (!Array.isArray(value) || !value.every((tick) => typeof tick === "boolean")) return undefined;
    return control.items.map((_, i) => value[i] === true);
  }
  if (control.kind === "table") {
    if (!Array.isArray(value) || value.length > MAX_ROWS
        || !value.every((row) => Array.isArray(row) && row.every(isText))) return undefined;
    const width = control.columns.length;
    const rows = value.map((row) => Array.from({ length: width }, (_, c) => clean(row[c] ?? "")));
    if (!control.fixed) return rows;
    return control.rows.map((_, r) => rows[r] ?? Array(width).fill(""));
  }
  return isText(value) ? clean(value) : undefined;
}

// The values of a backup's text, checked against this template; `note` lists the fields it held that this
// version no longer has. Throws BackupError with a sentence a reader can act on.
export function adopt(spec, text) {
  let data;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new BackupError("the file is not a backup of this form (it is not valid JSON).");
  }
  if (data === null || typeof data !== "object" || data.kind !== BACKUP_KIND || !isText(data.template)
      || data.values === null || typeof data.values !== "object" || Array.isArray(data.values)) {
    throw new BackupError("the file is not a backup of this form.");
  }
  if (data.template !== spec.id) {
    throw new BackupError(`the backup is for another template (${data.template.slice(0, 80)}), not for ${spec.title}.`);
  }
  const byKey = controls(spec);
  const values = {};
  const gone = [];
  for (const [key, value] of Object.entries(data.values)) {
    const control = byKey.get(key);
    if (!control) {
      gone.push(key);
      continue;
    }
    const kept = accepted(control, value);
    if (kept === undefined) throw new BackupError(`the field "${control.label}" holds something other than text.`);
    values[key] = kept;
  }
  const older = isText(data.version) && data.version !== spec.version ? ` It was made with version ${data.version.slice(0, 20)}.` : "";
  const note = gone.length ? `${older} These fields no longer exist and were left out: ${gone.map((key) => key.slice(0, 120)).join(", ")}.` : older;
  return { values, note: note.trim(), saved: isText(data.saved) ? data.saved.slice(0, 40) : "" };
}
