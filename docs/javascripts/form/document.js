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

// A finite number's exact decimal value as its digits and the power of ten after the first of them, so
// rounding can be Python's: to nearest, ties to even (toFixed and toExponential break ties upwards).
function exactDigits(value) {
  const text = Number.isInteger(value) ? BigInt(value).toString() : value.toFixed(100);
  const [whole, fraction = ""] = text.split(".");
  const all = (whole + fraction).replace(/^0+/, "");
  const point = whole === "0" ? -(fraction.length - fraction.replace(/^0+/, "").length) - 1 : whole.length - 1;
  return { digits: all.replace(/0+$/, "") || "0", point };
}

// `digits` (a string) rounded to `keep` digits, ties to even; a carry makes it one digit longer.
function roundDigits(digits, keep) {
  if (keep < 0) return "";
  if (digits.length <= keep) return digits.padEnd(keep, "0");
  const head = digits.slice(0, keep);
  const rest = digits.slice(keep);
  const last = Number(head.at(-1) ?? "0");
  const up = rest[0] > "5" || (rest[0] === "5" && (/[1-9]/.test(rest.slice(1)) || last % 2 === 1));
  if (!up) return head;
  const bumped = (BigInt(`1${head}`) + 1n).toString().slice(1);
  return bumped === "" || /^0+$/.test(bumped) ? `1${bumped}` : bumped;
}

// Python's `format(x, f".{places}f")` for a value >= 0.
function fixed(value, places) {
  const { digits, point } = exactDigits(value);
  const kept = roundDigits(digits, point + 1 + places);
  const whole = kept.length - places > 0 ? kept.slice(0, kept.length - places) : "0";
  const fraction = kept.slice(Math.max(0, kept.length - places)).padStart(places, "0");
  return places ? `${whole}.${fraction}` : whole;
}

// Python's `format(x, "g")`: six significant digits, exponent form outside 1e-4 .. 1e6.
export function formatG(value) {
  if (Number.isNaN(value)) return "nan";
  if (!Number.isFinite(value)) return value > 0 ? "inf" : "-inf";
  if (value === 0) return Object.is(value, -0) ? "-0" : "0";
  const sign = value < 0 ? "-" : "";
  const { digits, point } = exactDigits(Math.abs(value));
  let kept = roundDigits(digits, 6);
  const exponent = kept.length > 6 ? point + 1 : point;
  kept = kept.slice(0, 6).replace(/0+$/, "");
  if (exponent < -4 || exponent >= 6) {
    const mantissa = kept.length > 1 ? `${kept[0]}.${kept.slice(1)}` : kept;
    return `${sign}${mantissa}e${exponent < 0 ? "-" : "+"}${String(Math.abs(exponent)).padStart(2, "0")}`;
  }
  if (exponent < 0) return `${sign}0.${"0".repeat(-exponent - 1)}${kept}`;
  const whole = kept.slice(0, exponent + 1).padEnd(exponent + 1, "0");
  const fraction = kept.slice(exponent + 1);
  return `${sign}${whole}${fraction ? `.${fraction}` : ""}`;
}

function number(text) {
  const trimmed = String(text ?? "").replace(/^[ \t\n\r\f\v]+|[ \t\n\r\f\v]+$/g, "");
  return NUMBER.test(trimmed) ? Number(trimmed) : null;
}

// The Wilson 95% interval of `done` of `items` (handbook.stats.wilson, operation for operation).
function wilson(done, items, z) {
  const rate = done / items;
  const shrink = 1 + z * z / items;
  const centre = (rate + z * z / (2 * items)) / shrink;
  const half = z * Math.sqrt(rate * (1 - rate) / items + z * z / (4 * items * items)) / shrink;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

// A pass rate, an end of its interval, whether it meets the threshold (in per cent), the smallest effect
// a test detects (points) or the items a given effect needs: handbook.render.document.computed_value.
function statistic(rule, numbers) {
  const { kind, z, zPower } = rule;
  if (["rate", "low", "high", "meets"].includes(kind)) {
    const [done, items, threshold] = numbers;
    if (!Number.isInteger(done) || !Number.isInteger(items) || items <= 0 || done < 0 || done > items) return "";
    if (kind === "meets") return done * 100 >= threshold * items ? "yes" : "no";
    const value = kind === "rate" ? done / items : wilson(done, items, z)[kind === "low" ? 0 : 1];
    return `${fixed(100 * value, 1)}%`;
  }
  const [baselinePoints, size] = numbers;
  const baseline = baselinePoints / 100;
  if (!(baseline > 0 && baseline < 1) || size <= 0 || (kind === "mde" && !Number.isInteger(size))) return "";
  if (kind === "mde") return fixed(100 * ((z + zPower) * Math.sqrt(2 * baseline * (1 - baseline) / size)), 1);
  const effect = size / 100;
  const needed = Math.ceil(2 * (z + zPower) * (z + zPower) * baseline * (1 - baseline) / (effect * effect));
  return Number.isFinite(needed) ? formatG(needed) : "";
}

// A computed cell from its row, by its column's rule (form.py's compute_rule): a RICE score (reach x impact
// x confidence / effort), a statistic, or a rubric's pass / fail (every criterion at the threshold or
// above, nothing disallowed); empty while an input is missing or out of range, as the files leave it.
export function computed(rule, row) {
  if (rule.kind === "pass") {
    const scores = rule.scores.map((index) => number(row[index]));
    if (scores.includes(null)) return "";
    const fails = row[rule.disallowed] === "yes" || Math.min(...scores) < rule.min;
    return fails ? "fail" : "pass";
  }
  const numbers = rule.inputs.map((index) => number(row[index]));
  if (numbers.includes(null)) return "";
  if (rule.kind !== "rice") return statistic(rule, numbers);
  const [reach, impact, confidence, effort] = numbers;
  return effort === 0 ? "" : formatG((reach * impact * confidence) / effort);
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
    if (column.input === "computed") return computed(column.compute, row);
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
