// Everything the tools work out from what a reader types: live scores and rankings, the earnings estimate,
// the self-check verdict, and the Markdown and CSV a reader copies or downloads. This module is their only
// home. What follows from the data alone (each role's weights, under every team context) comes worked out in
// the setup from src/handbook/tools.py. The fit score and the earnings products are also worked out there
// for the pages' worked examples without JavaScript; tests/test_tools.py runs shared cases through both.
// Everything is whole numbers: ratings in hundredths, weights in thousandths, money in cents. No DOM here.

import { csv } from "../csv.js";

export const RATING_DIGITS = 2;
export const WEIGHT_DIGITS = 3;
export const FIT_DIGITS = RATING_DIGITS + WEIGHT_DIGITS;

export function fitUnits(weights, ratings) {
  return weights.reduce((sum, weight, i) => sum + weight * ratings[i], 0);
}

export function fixedText(units, digits, places) {
  const step = 10 ** (digits - places);
  const rounded = Math.floor((units + Math.floor(step / 2)) / step);
  const scale = 10 ** places;
  return `${Math.floor(rounded / scale)}.${String(rounded % scale).padStart(places, "0")}`;
}

export function rankRoles(roles, ratings, context) {
  const scored = roles.map((role) => {
    const weights = role.in_context[context.id];
    return { role, weights, units: fitUnits(weights, ratings) };
  });
  return scored.sort((a, b) => b.units - a.units);
}

export function rankByKind(roles, ratings, context, kinds) {
  const ranked = rankRoles(roles, ratings, context);
  return kinds.map((kind) => [kind, ranked.filter((item) => item.role.kind === kind)]);
}

export function lead(first, second, ratings) {
  const parts = first.weights.map((weight, i) => (weight - second.weights[i]) * ratings[i]);
  const dimension = parts.reduce((best, part, i) => (part > parts[best] ? i : best), 0);
  return { gap: first.units - second.units, dimension };
}

export function roleFitReport(setup, ratings, contextId) {
  const context = setup.contexts.find((item) => item.id === contextId);
  const values = [...ratings.map((rating) => fixedText(rating, RATING_DIGITS, RATING_DIGITS)), context.name];
  const rows = rankByKind(setup.roles, ratings, context, Object.keys(setup.kinds)).flatMap(([kind, ranked]) =>
    ranked.map((item, index) => [
      setup.kinds[kind], String(index + 1), item.role.name, fixedText(item.units, FIT_DIGITS, 2),
      ...item.weights.map((weight) => fixedText(weight, WEIGHT_DIGITS, WEIGHT_DIGITS)), setup.origins[item.role.origin],
    ]));
  return { title: setup.title, facts: zip(setup.facts, values), header: setup.header, rows };
}

export function weeklyCents(rateCents, halfHours) {
  return Math.floor((rateCents * halfHours + 1) / 2);
}

export function annualCents(rateCents, halfHours, weeks) {
  return Math.floor((rateCents * halfHours * weeks + 1) / 2);
}

export function moneyText(cents) {
  const dollars = Math.floor(cents / 100);
  const rest = cents % 100;
  const grouped = String(dollars).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return rest === 0 ? `$${grouped}` : `$${grouped}.${String(rest).padStart(2, "0")}`;
}

export function hoursText(halfHours) {
  return halfHours % 2 === 0 ? String(halfHours / 2) : `${Math.floor(halfHours / 2)}.5`;
}

export function earningsReport(setup, rateCents, halfHours, weeks) {
  const values = [moneyText(rateCents), hoursText(halfHours), String(weeks), moneyText(weeklyCents(rateCents, halfHours)),
    moneyText(annualCents(rateCents, halfHours, weeks))];
  return { title: setup.title, facts: [], header: setup.header, rows: zip(setup.items, values) };
}

export function tally(checked, leans, roles) {
  return roles.map((role) => checked.filter((tick, i) => tick && leans[i] === role).length);
}

export function verdict(checked, leans, roles) {
  const counts = tally(checked, leans, roles);
  const most = Math.max(0, ...counts);
  return roles.filter((_, i) => most > 0 && counts[i] === most);
}

export function selfCheckReport(setup, checked) {
  const names = Object.fromEntries(setup.roles.map((role) => [role.id, role.name]));
  const leaders = verdict(checked, setup.statements.map((s) => s.leans), setup.roles.map((role) => role.id));
  const result = leaders.length ? leaders.map((id) => names[id]).join(" and ") : setup.no_result;
  const rows = setup.statements.map((statement, i) => [
    String(i + 1), statement.text, names[statement.leans], checked[i] ? setup.answers[0] : setup.answers[1],
  ]);
  return { title: setup.title, facts: zip(setup.facts, [result]), header: setup.header, rows };
}

function zip(left, right) {
  return left.map((item, i) => [item, right[i]]);
}

// A table cell or list item of a result: one line, a pipe kept as text. A result holds the handbook's own
// names and numbers, so it is kept as readable as the reader will paste it.
function cell(text) {
  return text.split(/\s+/).filter(Boolean).join(" ").replaceAll("|", "\\|");
}

export function reportMarkdown(report, link) {
  const lines = [`## ${cell(report.title)}`, ""];
  report.facts.forEach(([label, value]) => lines.push(`- ${cell(label)}: ${cell(value)}`));
  lines.push(`- Link: ${link}`, "");
  lines.push(`| ${report.header.map(cell).join(" | ")} |`);
  lines.push(`|${" --- |".repeat(report.header.length)}`);
  report.rows.forEach((row) => lines.push(`| ${row.map(cell).join(" | ")} |`));
  return `${lines.join("\n")}\n`;
}

export function reportCsv(report) {
  const labels = report.facts.map(([label]) => label);
  const values = report.facts.map(([, value]) => value);
  const lines = [[...labels, ...report.header], ...report.rows.map((row) => [...values, ...row])];
  return csv(lines);
}
