// The filled document: the template's blocks (from form.json, made by src/handbook/render/form.py) with
// the reader's values put where each block's `fill` says, for the Word file, the HTML copy and the CSV rows.
// The Markdown file is the blank's own Markdown, block for block as Python wrote it, with each filled block
// written from the layout Python published for it: this file adds no Markdown syntax, it only escapes each
// value (mdText, the same rule as handbook.render.markdown.md_text; a browser test compares the two) into
// its slot. So the file equals what `handbook render` writes. No DOM here; values are only ever text.

const INLINE = /([\\`*_{}[\]#>|])/g;
const ENTITY = /&(?=#?[A-Za-z0-9]+;)/g;
const BLOCK_START = /^(?:[-+!?=]|\p{Nd}+(?=[.)]))/u;
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

// One line of literal Markdown text: whitespace collapsed, Markdown and HTML syntax escaped (md_text).
export function mdText(text) {
  let line = String(text).split(/\s+/u).filter(Boolean).join(" ");
  line = line.replace(ENTITY, "&amp;").replace(INLINE, "\\$1").replace(/</g, "&lt;");
  const match = BLOCK_START.exec(line);
  if (match && !/^\p{Nd}+$/u.test(match[0])) return `&#${line.codePointAt(0)};${line.slice(1)}`;
  if (match) return `${match[0]}\\${line.slice(match[0].length)}`;
  return line;
}

// Python's `format(x, "g")`: six significant digits, exponent form outside 1e-4 .. 1e6.
export function formatG(value) {
  if (value === 0) return "0";
  const [digits, exponentText] = value.toExponential(5).split("e");
  const exponent = Number(exponentText);
  const trim = (text) => (text.includes(".") ? text.replace(/\.?0+$/, "") : text);
  if (exponent < -4 || exponent >= 6) {
    const sign = exponent < 0 ? "-" : "+";
    return `${trim(digits)}e${sign}${String(Math.abs(exponent)).padStart(2, "0")}`;
  }
  return trim(value.toFixed(Math.max(0, 5 - exponent)));
}

function number(text) {
  const trimmed = String(text ?? "").trim();
  return NUMBER.test(trimmed) ? Number(trimmed) : null;
}

// The computed cells of a row: a RICE score (reach x impact x confidence / effort, as rice_score) or a
// rubric's pass / fail (every criterion at the threshold or above, nothing disallowed), else empty.
export function computed(compute, row) {
  if (compute.rice) {
    const [reach, impact, confidence, effort] = compute.rice.map((index) => number(row[index]));
    if ([reach, impact, confidence, effort].includes(null) || effort === 0) return "";
    return formatG((reach * impact * confidence) / effort);
  }
  if (compute.pass) {
    const scores = compute.pass.scores.map((index) => number(row[index]));
    if (scores.includes(null)) return "";
    const fails = row[compute.pass.disallowed] === "yes" || Math.min(...scores) < compute.pass.min;
    return fails ? "fail" : "pass";
  }
  return "";
}

// Every control of the form, by key.
export function controls(spec) {
  return new Map(spec.groups.flatMap((group) => group.controls.map((control) => [control.key, control])));
}

// A control's value before the reader has typed anything: what the blank holds.
export function initial(control) {
  if (control.kind === "table") return control.rows.map((row) => [...row]);
  if (control.kind === "checks") return control.items.map(() => false);
  return "";
}

// A table's rows as the files show them: fixed cells from the template, computed cells worked out.
export function tableRows(control, rows) {
  return rows.map((row, r) => control.columns.map((column, c) => {
    if (column.input === "fixed") return control.rows[r]?.[c] ?? "";
    if (column.input === "computed") return computed(control.compute, row);
    return String(row[c] ?? "");
  }));
}

function paragraphs(text) {
  return String(text).split(/\n\s*\n/).map((part) => part.trim()).filter(Boolean);
}

// For each of the spec's blocks, what it becomes with `values` (key -> value) in place: usually one block;
// a passage or note as many paragraphs as it has, a note left empty none.
export function filledParts(spec, values) {
  const byKey = controls(spec);
  const value = (key) => values[key] ?? initial(byKey.get(key));
  return spec.document.map((block) => {
    const fill = block.fill;
    if (!fill) return [block];
    if (fill.details) {
      return [{ ...block, rows: block.rows.map((row, i) => [row[0], value(fill.details[i]) || byKey.get(fill.details[i]).default]) }];
    }
    if (fill.answers) return [{ ...block, rows: block.rows.map((row, i) => [row[0], row[1], value(fill.answers[i])]) }];
    if (fill.table) return [{ ...block, rows: tableRows(byKey.get(fill.table), value(fill.table)) }];
    if (fill.checks) {
      const ticked = value(fill.checks);
      return [{ ...block, items: block.items.map((item, i) => ({ ...item, checked: Boolean(ticked[i]) })) }];
    }
    if (fill.passage) {
      const parts = paragraphs(value(fill.passage));
      return parts.length ? parts.map((text) => ({ kind: "paragraph", style: "quote", text })) : [block];
    }
    if (fill.list) {
      const points = String(value(fill.list)).split("\n").map((line) => line.trim()).filter(Boolean);
      return points.length ? [{ kind: "items", style: "bullet", items: points.map((text) => ({ text, lead: null })) }] : [block];
    }
    if (fill.prose) return paragraphs(value(fill.prose)).map((text) => ({ kind: "paragraph", style: "plain", text }));
    return [block];
  });
}

export function filledBlocks(spec, values) {
  return filledParts(spec, values).flat();
}

const SLOT = /\uE000(\d+)\uE001/g;
const intoSlots = (layout, cells) => layout.replace(SLOT, (_, i) => mdText(cells[Number(i)] ?? ""));

// The Markdown file: each block's Markdown from the blank, a filled block written from its layout (grid rows,
// list items ticked or not, paragraphs), blocks one blank line apart, ending in a newline.
export function markdown(spec, values) {
  const parts = filledParts(spec, values);
  const text = spec.document.map((block, i) => {
    if (!block.fill || (parts[i].length === 1 && parts[i][0] === block)) return block.md;
    const { layout } = block;
    return parts[i].map((part) => {
      if (part.kind === "grid") return [layout.head, ...part.rows.map((row) => intoSlots(layout.row, row))].join("\n");
      if (part.kind === "items") return part.items.map((item) => intoSlots(layout.item[item.checked ? 1 : 0], [item.text])).join("\n");
      return intoSlots(layout.paragraph, [part.text]);
    }).join("\n\n");
  });
  return `${text.filter(Boolean).join("\n\n")}\n`;
}

// The CSV and spreadsheet sheet: the control's column labels, then its rows (a score sheet's empty rows
// dropped, as in the blank). A cell that a spreadsheet would read as a formula is written as text.
export function sheetRows(spec, values) {
  const control = controls(spec).get(spec.sheet.key);
  const rows = tableRows(control, values[control.key] ?? initial(control));
  const kept = spec.sheet.skip_empty ? rows.filter((row) => row.some((cell, c) => cell && control.columns[c].input !== "computed")) : rows;
  return [control.columns.map((column) => column.label), ...kept];
}
