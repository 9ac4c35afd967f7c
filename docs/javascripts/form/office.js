// The filled Word and spreadsheet files: the site's own blank .docx and .xlsx (made by python-docx and
// XlsxWriter at build time) opened with fflate, their XML filled in, and zipped again. Filling the blank
// keeps its styles, page layout, checkboxes, dropdowns and formulas exactly; only text changes. Every
// value is set as an XML text node (textContent), never parsed as markup. Loaded only on export.

import { strFromU8, strToU8, unzipSync, zipSync } from "../vendor/fflate-0.8.2.js";
import { controls, filledParts, initial, tableRows } from "./document.js";

const W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const W14 = "http://schemas.microsoft.com/office/word/2010/wordml";
const S = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const XML_SPACE = "http://www.w3.org/XML/1998/namespace";
const STYLES = { quote: "Quote", bullet: "ListBullet" };

async function open(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`could not read the blank file (${response.status})`);
  return unzipSync(new Uint8Array(await response.arrayBuffer()));
}

const parse = (bytes) => new DOMParser().parseFromString(strFromU8(bytes), "application/xml");
const serialise = (doc) => strToU8(new XMLSerializer().serializeToString(doc));
const children = (node, ns, name) => [...node.childNodes].filter((child) => child.namespaceURI === ns && child.localName === name);

// ---- Word -------------------------------------------------------------------------------------------

// The body's parts in the order the blocks wrote them: each paragraph with text or a checkbox, each table.
// Empty paragraphs (the gap after a table, a section break) belong to no block.
function bodyParts(body) {
  const written = (paragraph) => paragraph.getElementsByTagNameNS(W, "sdt").length > 0
    || [...paragraph.getElementsByTagNameNS(W, "t")].some((text) => text.textContent);
  return [...body.childNodes].filter((node) => node.namespaceURI === W
    && (node.localName === "tbl" || (node.localName === "p" && written(node))));
}

function partsOf(block) {
  if (block.kind === "items") return block.items.length;
  return block.kind === "notes" ? 0 : 1;
}

// Replace a paragraph's text with `text`, in one run that keeps the first run's look (its size), less the
// grey italic of a placeholder when the text is the reader's own; line breaks become Word line breaks.
function setText(doc, paragraph, text, keepLook = true) {
  const runs = children(paragraph, W, "r");
  const look = keepLook ? runs[0]?.getElementsByTagNameNS(W, "rPr")[0]?.cloneNode(true) : null;
  if (look && paragraph.textContent !== String(text)) {
    [...look.getElementsByTagNameNS(W, "i"), ...look.getElementsByTagNameNS(W, "color")].forEach((node) => node.remove());
  }
  runs.forEach((run) => run.remove());
  const run = doc.createElementNS(W, "w:r");
  if (look) run.append(look);
  String(text).split("\n").forEach((line, i) => {
    if (i) run.append(doc.createElementNS(W, "w:br"));
    const node = doc.createElementNS(W, "w:t");
    node.setAttributeNS(XML_SPACE, "xml:space", "preserve");
    node.textContent = line;
    run.append(node);
  });
  paragraph.append(run);
}

function setRows(doc, table, rows) {
  const [header, ...existing] = children(table, W, "tr");
  const model = existing.at(-1) ?? header;
  existing.slice(rows.length).forEach((row) => row.remove());
  rows.forEach((cells, r) => {
    let row = existing[r];
    if (!row) {
      row = model.cloneNode(true);
      [...row.getElementsByTagNameNS(W, "tblHeader"), ...row.getElementsByTagNameNS(W, "b")].forEach((node) => node.remove());
      table.append(row);
    }
    children(row, W, "tc").forEach((cell, c) => setText(doc, children(cell, W, "p")[0], cells[c] ?? ""));
  });
}

function tick(paragraph, checked) {
  const box = paragraph.getElementsByTagNameNS(W14, "checked")[0];
  if (!box) return;
  box.setAttributeNS(W14, "w14:val", checked ? "1" : "0");
  const mark = paragraph.getElementsByTagNameNS(W, "sdtContent")[0]?.getElementsByTagNameNS(W, "t")[0];
  if (mark) mark.textContent = checked ? "\u2612" : "\u2610";
}

// Paragraphs in place of `anchor` (a hint of the blank) or after it (a section's notes), in a style.
function paragraphsAt(doc, anchor, blocks, replace) {
  const made = blocks.map((block) => {
    const paragraph = doc.createElementNS(W, "w:p");
    const style = STYLES[block.kind === "items" ? "bullet" : block.style];
    if (style) {
      const properties = doc.createElementNS(W, "w:pPr");
      const name = doc.createElementNS(W, "w:pStyle");
      name.setAttributeNS(W, "w:val", style);
      properties.append(name);
      paragraph.append(properties);
    }
    setText(doc, paragraph, block.text, false);
    return paragraph;
  });
  anchor.after(...made);
  if (replace) anchor.remove();
}

function fillWord(doc, spec, values) {
  const parts = bodyParts(doc.getElementsByTagNameNS(W, "body")[0]);
  const filled = filledParts(spec, values);
  let next = 0;
  let last = null;
  spec.document.forEach((block, index) => {
    const mine = parts.slice(next, next + partsOf(block));
    next += mine.length;
    const fill = block.fill;
    const out = filled[index];
    if (fill?.details || fill?.answers || fill?.table) setRows(doc, mine[0], out[0].rows);
    if (fill?.checks) mine.forEach((paragraph, i) => tick(paragraph, out[0].items[i].checked));
    if ((fill?.passage || fill?.list) && out[0] !== block) {
      const lines = out[0].kind === "items" ? out[0].items.map((item) => ({ kind: "items", text: item.text })) : out;
      paragraphsAt(doc, mine[0], lines, true);
    }
    if (fill?.prose && out.length && last) paragraphsAt(doc, last, out, false);
    last = (fill?.prose && out.length && last) ? last : (mine.at(-1) ?? last);
  });
  if (next !== parts.length) throw new Error("the blank Word file does not match this form");
}

export async function word(url, spec, values) {
  const files = await open(url);
  const doc = parse(files["word/document.xml"]);
  fillWord(doc, spec, values);
  files["word/document.xml"] = serialise(doc);
  return zipSync(files, { level: 6 });
}

// ---- Spreadsheet ------------------------------------------------------------------------------------

const columnName = (index) => (index < 26 ? "" : columnName(Math.floor(index / 26) - 1)) + String.fromCharCode(65 + (index % 26));
const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

function cellNode(doc, ref, style, text, numeric) {
  const cell = doc.createElementNS(S, "c");
  cell.setAttribute("r", ref);
  if (style) cell.setAttribute("s", style);
  if (numeric && NUMBER.test(text.trim())) {
    const value = doc.createElementNS(S, "v");
    value.textContent = String(Number(text.trim()));
    cell.append(value);
    return cell;
  }
  cell.setAttribute("t", "inlineStr");
  const inline = doc.createElementNS(S, "is");
  const node = doc.createElementNS(S, "t");
  node.setAttributeNS(XML_SPACE, "xml:space", "preserve");
  node.textContent = text;
  inline.append(node);
  cell.append(inline);
  return cell;
}

function rowNode(doc, data, number) {
  let row = [...data.getElementsByTagNameNS(S, "row")].find((node) => Number(node.getAttribute("r")) === number);
  if (row) return row;
  row = doc.createElementNS(S, "row");
  row.setAttribute("r", String(number));
  const after = [...data.getElementsByTagNameNS(S, "row")].find((node) => Number(node.getAttribute("r")) > number);
  data.insertBefore(row, after ?? null);
  return row;
}

// Put `text` in a cell as text (an inline string: `=`, `+`, `-` or `@` first stays text), or as a number
// in a column that holds numbers; a formula cell of the blank is left as it is.
function setCell(doc, data, rowNumber, column, text, style, numeric) {
  const row = rowNode(doc, data, rowNumber);
  row.removeAttribute("spans");
  const ref = `${columnName(column)}${rowNumber}`;
  const cells = children(row, S, "c");
  const old = cells.find((cell) => cell.getAttribute("r") === ref);
  if (old?.getElementsByTagNameNS(S, "f").length) return;
  if (!text && !old) return;
  const made = cellNode(doc, ref, old?.getAttribute("s") ?? style, text, numeric);
  if (old) old.replaceWith(made);
  else row.insertBefore(made, cells.find((cell) => columnIndex(cell.getAttribute("r")) > column) ?? null);
}

function columnIndex(ref) {
  return [...ref.replace(/\d+$/, "")].reduce((sum, letter) => sum * 26 + letter.charCodeAt(0) - 64, 0) - 1;
}

function sharedStrings(files) {
  const doc = parse(files["xl/sharedStrings.xml"]);
  return [...doc.getElementsByTagNameNS(S, "si")].map((item) => item.textContent);
}

function cellText(cell, strings) {
  const value = cell.getElementsByTagNameNS(S, "v")[0]?.textContent ?? "";
  return cell.getAttribute("t") === "s" ? strings[Number(value)] : value;
}

export async function sheet(url, spec, values) {
  const files = await open(url);
  const strings = sharedStrings(files);
  const byKey = controls(spec);
  const about = parse(files["xl/worksheets/sheet1.xml"]);
  const aboutData = about.getElementsByTagNameNS(S, "sheetData")[0];
  const style = aboutData.getElementsByTagNameNS(S, "c")[3]?.getAttribute("s") ?? null;
  for (const control of [...byKey.values()].filter((item) => item.key.startsWith("details/"))) {
    const row = [...aboutData.getElementsByTagNameNS(S, "row")].find((node) => {
      const first = children(node, S, "c")[0];
      return first && cellText(first, strings) === control.label;
    });
    if (row && values[control.key]) setCell(about, aboutData, Number(row.getAttribute("r")), 1, values[control.key], style, false);
  }
  files["xl/worksheets/sheet1.xml"] = serialise(about);
  const control = byKey.get(spec.sheet.key);
  const rows = tableRows(control, values[control.key] ?? initial(control));
  const kept = spec.sheet.skip_empty ? rows.filter((row) => row.some((cell, c) => cell && control.columns[c].input !== "computed")) : rows;
  const doc = parse(files["xl/worksheets/sheet2.xml"]);
  const data = doc.getElementsByTagNameNS(S, "sheetData")[0];
  kept.forEach((row, r) => row.forEach((text, c) => {
    const column = control.columns[c];
    if (column.input !== "computed" && column.input !== "fixed") setCell(doc, data, r + 2, c, text, style, column.input === "number");
  }));
  files["xl/worksheets/sheet2.xml"] = serialise(doc);
  return zipSync(files, { level: 6 });
}
