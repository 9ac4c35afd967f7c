// Everything the tools work out from what a reader types: the match that ranks jobs, live scores and rankings, the earnings estimate,
// the self-check verdict, and the Markdown and CSV a reader copies or downloads. This module is their only
// home. What follows from the data alone (each role's weights, under every team context) comes worked out in
// the setup from src/handbook/tools.py. The fit score and the earnings products are also worked out there
// for the pages' worked examples without JavaScript; tests/test_tools.py runs shared cases through both.
// Everything is whole numbers: ratings in hundredths, weights in thousandths, money in cents. No DOM here.

import { csv } from "../csv.js";

export const RATING_DIGITS = 2;
export const WEIGHT_DIGITS = 3;
export const FIT_DIGITS = RATING_DIGITS + WEIGHT_DIGITS;

const MAX_RATING = 10 ** RATING_DIGITS;

// The match. This is its only implementation: the build supplies each job's profile (hundredths per dimension,
// from its skills alone) and the labelled profiles in tests/fixtures/role-fit-profiles.yaml run through here.

// Your profile: each rating moved up by `step` for every trade-off option you chose and down by `step` for
// every one you passed over, kept within 0 to 1. An unanswered question (anything but 0 or 1) moves nothing.
export function readerProfile(ratings, answers, tradeOffs, step) {
  const shift = ratings.map(() => 0);
  tradeOffs.forEach((question, i) => {
    const pick = answers[i];
    if (pick !== 0 && pick !== 1) return;
    shift[question.dimensions[pick]] += 1;
    shift[question.dimensions[1 - pick]] -= 1;
  });
  return ratings.map((rating, i) => Math.min(MAX_RATING, Math.max(0, rating + step * shift[i])));
}

// Match = 1 − the root mean square of (your value − the job's) over every dimension, in hundredths: a gap
// (you below the job) and a strength the job does not use (you above it) lower it alike.
export function matchUnits(profile, jobProfile) {
  const squares = profile.reduce((sum, value, i) => sum + (value - jobProfile[i]) ** 2, 0);
  return Math.round(MAX_RATING - Math.sqrt(squares / profile.length));
}

export function rankMatches(roles, profile) {
  return roles.map((role) => ({ role, units: matchUnits(profile, role.profile) })).sort((a, b) => b.units - a.units);
}

// A closest job only when the answers single one out: never when every value of the profile is the same (no
// answer leans anywhere), nor when another job is within `margin` of the first (`close` lists them all).
export function matchVerdict(ranked, profile, margin) {
  const flat = profile.every((value) => value === profile[0]);
  const close = flat ? [] : ranked.filter((item) => ranked[0].units - item.units < margin);
  return { clear: !flat && close.length === 1, flat, close };
}

// Where you and a job differ most: the dimension you fall furthest short on, and the one where you bring the
// most the job does not draw on (-1 when there is none).
export function gaps(profile, jobProfile) {
  let gap = -1;
  let surplus = -1;
  profile.forEach((value, i) => {
    const short = jobProfile[i] - value;
    if (short > 0 && (gap < 0 || short > jobProfile[gap] - profile[gap])) gap = i;
    if (short < 0 && (surplus < 0 || -short > profile[surplus] - jobProfile[surplus])) surplus = i;
  });
  return { gap, surplus };
}

export function matchDimensions(setup) {
  return [...setup.dimensions, ...setup.added];
}

// The match result in words, for the summary and the exported result.
export function matchText(setup, ranked, profile) {
  const verdict = matchVerdict(ranked, profile, setup.margin);
  const rating = (units) => fixedText(units, RATING_DIGITS, RATING_DIGITS);
  if (!ranked.length) return "No job to match.";
  if (verdict.flat) {
    return "No clear fit: every answer is the same, so nothing tells one job from another. Move a rating or answer a trade-off question.";
  }
  if (!verdict.clear) {
    const names = verdict.close.map((item) => `${item.role.name} (${rating(item.units)})`).join(", ");
    return `No clear fit: ${names} match your answers within ${rating(setup.margin)} of each other. Answer the trade-off questions, or read these jobs' pages and ask which work you would rather do.`;
  }
  const [first, second] = ranked;
  const names = matchDimensions(setup).map((d) => d.name);
  const parts = [`Closest job: ${first.role.name}, match ${rating(first.units)}.`];
  if (second) parts.push(`Next: ${second.role.name}, ${rating(second.units)}.`);
  const { gap, surplus } = gaps(profile, first.role.profile);
  if (gap >= 0) parts.push(`Largest gap: ${names[gap]} (you ${rating(profile[gap])}, the job ${rating(first.role.profile[gap])}).`);
  if (surplus >= 0) parts.push(`Where you exceed it most: ${names[surplus]} (you ${rating(profile[surplus])}, the job ${rating(first.role.profile[surplus])}).`);
  return parts.join(" ");
}

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

// `ratings` covers every match dimension (the article's four first); `answers` holds 0, 1 or null per question.
export function roleFitReport(setup, ratings, answers, contextId) {
  const context = setup.contexts.find((item) => item.id === contextId);
  const article = ratings.slice(0, setup.dimensions.length);
  const profile = readerProfile(ratings, answers, setup.trade_offs, setup.step);
  const scores = Object.fromEntries(rankRoles(setup.roles, article, context).map((item) => [item.role.id, item]));
  const kinds = Object.keys(setup.kinds);
  const lists = kinds.map((kind) => [kind, rankMatches(setup.roles.filter((role) => role.kind === kind), profile)]);
  const chosen = setup.trade_offs.map((question, i) => (answers[i] === 0 || answers[i] === 1 ? question.options[answers[i]] : "not answered"));
  const values = [...ratings.map((rating) => fixedText(rating, RATING_DIGITS, RATING_DIGITS)), ...chosen, context.name,
    matchText(setup, lists[0][1], profile)];
  const rows = lists.flatMap(([kind, ranked]) => ranked.map((item, index) => {
    const scored = scores[item.role.id];
    return [
      setup.kinds[kind], String(index + 1), item.role.name, fixedText(item.units, RATING_DIGITS, 2),
      fixedText(scored.units, FIT_DIGITS, 2), ...scored.weights.map((weight) => fixedText(weight, WEIGHT_DIGITS, WEIGHT_DIGITS)),
      setup.origins[item.role.origin],
    ];
  }));
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
