// The role-fit tool: ratings (slider and number kept in step), either-or questions and a team context in;
// jobs and skill shapes ranked by match, the article's score beside them, and a sticky summary of the match.
import {
  FIT_DIGITS, RATING_DIGITS, WEIGHT_DIGITS, fixedText, lead, matchDimensions, matchText, matchVerdict, rankByKind,
  rankMatches, readerProfile, roleFitReport,
} from "./core.js";
import { fetchSetup, readNumber, readQuery, revealLiveParts, setUpSharing, showMessage, writeQuery } from "./page.js";

const MAX_RATING = 10 ** RATING_DIGITS; // a rating of 1.00, in hundredths
const ACCEPTS = "a rating from 0 to 1, with at most two decimals (for example 0.65)";
// Until the setup has loaded the tool stays hidden, and the page reads as it does without JavaScript.
const setup = await fetchSetup(document.getElementById("role-fit-tool"));
const dimensions = matchDimensions(setup);
const keys = dimensions.map((dimension) => dimension.letter.toLowerCase());
const kinds = Object.keys(setup.kinds);
const sliders = [...document.querySelectorAll("[data-rating-slider]")];
const numbers = [...document.querySelectorAll("[data-rating-number]")];
const messages = [...document.querySelectorAll("[data-rating-message]")];
const radios = [...document.querySelectorAll("input[name='fit-context']")];
const choices = [...document.querySelectorAll("[data-trade-off]")];
const summary = document.getElementById("fit-summary");

const ratings = [...setup.example, ...setup.start];
const answers = setup.trade_offs.map(() => null);
let contextId = setup.contexts[0].id;

const ratingText = (units) => fixedText(units, RATING_DIGITS, RATING_DIGITS);
// An either-or answer: the option's index, or null for "No answer".
const answerOf = (choice) => (choice.value === "" ? null : Number(choice.value));
const query = readQuery();
const ignored = [];
keys.forEach((key, i) => {
  if (!query.has(key)) return;
  const read = readNumber(query.get(key), MAX_RATING, MAX_RATING, ACCEPTS);
  if (read.error) ignored.push(`${dimensions[i].name}: ${read.error}`);
  else ratings[i] = read.units;
});
// Trade-off answers travel as one code, a letter per question: a or b for the option chosen, - for none.
const code = query.get("t");
if (code !== null) {
  if (code.length === answers.length && /^[ab-]+$/.test(code)) {
    [...code].forEach((letter, i) => { answers[i] = letter === "-" ? null : letter.charCodeAt(0) - 97; });
  } else {
    ignored.push(`Trade-offs: “${code}” is not one letter (a, b or -) for each of the ${answers.length} questions.`);
  }
}
if (setup.contexts.some((context) => context.id === query.get("context"))) contextId = query.get("context");
else if (query.has("context")) ignored.push(`Team context: “${query.get("context")}” is not one of the contexts below.`);
document.getElementById("fit-address-message").textContent = ignored.length
  ? `The link held values this tool cannot use, so the opening values stand in for them. ${ignored.join(" ")}`
  : "";
// The block is laid out before the setup arrives, so a reader on a slow line may already have typed or chosen:
// what they changed wins over the address and the opening values.
[sliders, numbers].forEach((inputs) => inputs.forEach((input, i) => {
  if (Number(input.value) === Number(input.defaultValue)) return; // a slider reads 0.60 back as 0.6
  const read = readNumber(input.value, MAX_RATING, MAX_RATING, ACCEPTS);
  if (!read.error) ratings[i] = read.units;
}));
choices.forEach((choice) => {
  if (choice.checked && !choice.defaultChecked) answers[Number(choice.dataset.tradeOff)] = answerOf(choice);
});
radios.forEach((radio) => { if (radio.checked && !radio.defaultChecked) contextId = radio.value; });

const context = () => setup.contexts.find((item) => item.id === contextId);
const refreshShare = setUpSharing(document.querySelector("#role-fit-tool [data-share]"), "role-fit.csv",
  () => roleFitReport(setup, ratings, answers, contextId));

function resultItem(role, share, text) {
  const li = document.createElement("li");
  const name = document.createElement("a");
  name.className = "hb-fit-name";
  name.href = role.url;
  name.textContent = role.name;
  const bar = document.createElement("span");
  bar.className = "hb-fit-bar";
  bar.setAttribute("aria-hidden", "true");
  const fill = document.createElement("span");
  fill.style.width = `${share * 100}%`;
  bar.append(fill);
  const score = document.createElement("span");
  score.className = "hb-fit-score";
  score.textContent = text;
  li.append(name, bar, score);
  return li;
}

const score = (item) => fixedText(item.units, FIT_DIGITS, 2);
const weight = (item, i) => fixedText(item.weights[i], WEIGHT_DIGITS, WEIGHT_DIGITS);

// What the article's formula says for the same four ratings: its best job and what separates it from the next.
function articleText(lists) {
  const jobs = lists.find(([kind]) => kind === "role")[1];
  const parts = [];
  if (jobs.length) parts.push(`The article's score puts ${jobs[0].role.name} first, ${score(jobs[0])}.`);
  if (jobs.length > 1) {
    const ahead = lead(jobs[0], jobs[1], ratings);
    const d = setup.dimensions[ahead.dimension];
    parts.push(ahead.gap === 0
      ? `${jobs[1].role.name} ties with it.`
      : `Next: ${jobs[1].role.name}, ${score(jobs[1])}; the gap comes mostly from ${d.name} (weight ${weight(jobs[0], ahead.dimension)} against ${weight(jobs[1], ahead.dimension)}).`);
  }
  parts.push(`Team context: ${context().name}. This score grows with every rating, so it says how strong you are overall more than which job you match.`);
  return parts.join(" ");
}

// The journey's next step: "Where am I?" on the closest job's ladder, once the answers single one out.
function showNextStep(jobs, profile) {
  const next = document.getElementById("fit-next");
  const first = jobs[0];
  if (!first || !first.role.ladder || !matchVerdict(jobs, profile, setup.margin).clear) {
    next.textContent = "Next step: once one job comes out closest, find your level on its ladder.";
    return;
  }
  const link = document.createElement("a");
  link.href = first.role.ladder;
  link.textContent = `Where am I on the ${first.role.name} ladder?`;
  next.replaceChildren("Next step: ", link);
}

function update() {
  const profile = readerProfile(ratings, answers, setup.trade_offs, setup.step);
  const matched = kinds.map((kind) => [kind, rankMatches(setup.roles.filter((role) => role.kind === kind), profile)]);
  matched.forEach(([kind, ranked]) => {
    document.getElementById(`match-results-${kind}`).replaceChildren(
      ...ranked.map((item) => resultItem(item.role, item.units / MAX_RATING, ratingText(item.units))));
  });
  const jobs = matched.find(([kind]) => kind === "role")[1];
  summary.textContent = matchText(setup, jobs, profile);
  showNextStep(jobs, profile);
  const article = ratings.slice(0, setup.dimensions.length);
  const lists = rankByKind(setup.roles, article, context(), kinds);
  lists.forEach(([kind, ranked]) => {
    document.getElementById(`fit-results-${kind}`).replaceChildren(
      ...ranked.map((item) => resultItem(item.role, item.units / 10 ** FIT_DIGITS, score(item))));
    ranked.forEach((item) => {
      document.querySelectorAll(`[data-weight="${item.role.id}"]`).forEach((cell) => {
        cell.textContent = weight(item, Number(cell.dataset.dimension));
      });
    });
  });
  document.getElementById("fit-article-summary").textContent = articleText(lists);
  document.getElementById("fit-weights-context").textContent = context().name;
  const entries = keys.map((key, i) => [key, ratingText(ratings[i])]);
  if (answers.some((answer) => answer !== null)) {
    entries.push(["t", answers.map((answer) => (answer === null ? "-" : String.fromCharCode(97 + answer))).join("")]);
  }
  if (contextId !== setup.contexts[0].id) entries.push(["context", contextId]);
  writeQuery(entries);
  refreshShare();
}

sliders.forEach((slider, i) => {
  slider.value = ratingText(ratings[i]);
  slider.addEventListener("input", () => {
    ratings[i] = readNumber(slider.value, MAX_RATING, MAX_RATING, ACCEPTS).units;
    numbers[i].value = ratingText(ratings[i]);
    showMessage(numbers[i], messages[i], "");
    update();
  });
});
numbers.forEach((number, i) => {
  number.value = ratingText(ratings[i]);
  number.addEventListener("input", () => {
    const read = readNumber(number.value, MAX_RATING, MAX_RATING, ACCEPTS);
    if (read.error) {
      showMessage(number, messages[i], `${read.error} The scores still use ${ratingText(ratings[i])}.`);
      return;
    }
    showMessage(number, messages[i], "");
    ratings[i] = read.units;
    sliders[i].value = ratingText(read.units);
    update();
  });
  number.addEventListener("change", () => {
    if (!number.hasAttribute("aria-invalid")) number.value = ratingText(ratings[i]);
  });
});
choices.forEach((choice) => {
  const question = Number(choice.dataset.tradeOff);
  choice.checked = choice.value === (answers[question] === null ? "" : String(answers[question]));
  choice.addEventListener("change", () => {
    answers[question] = answerOf(choice);
    update();
  });
});
radios.forEach((radio) => {
  radio.checked = radio.value === contextId;
  radio.addEventListener("change", () => {
    contextId = radio.value;
    update();
  });
});

revealLiveParts();
update();
document.getElementById("role-fit-tool").dataset.ready = ""; // every control now answers
