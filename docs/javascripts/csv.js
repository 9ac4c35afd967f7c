// CSV as spreadsheets read it, for every CSV a page writes (the tools' results, the filled template's
// sheet): RFC 4180 with CRLF line ends, as Python's csv module writes the blank files. A value a
// spreadsheet would run as a formula (=, +, -, @, tab or carriage return first) gets a leading apostrophe,
// the usual guard, so it stays text. No DOM here.

function field(text) {
  const guarded = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

export function csv(rows) {
  return rows.map((row) => `${row.map(field).join(",")}\r\n`).join("");
}
