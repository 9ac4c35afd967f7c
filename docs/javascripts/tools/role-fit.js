// The role-fit tool: ratings (slider and number kept in step) and a team context in, ranked scores out.
import { FIT_DIGITS, RATING_DIGITS, WEIGHT_DIGITS, fixedText, rankRoles, roleFitReport } from "./core.js";
import { fetchSetup, parseUnits, readQuery, revealLiveParts, setUpSharing, writeQuery } from "./page.js";

const MAX_RATING = 10 ** RATING_DIGITS; // a rating of 1.00, in hundredths
// Until the setup has loaded the tool stays hidden, and the page reads as it does without JavaScript.
const setup = await fetchSetup(document.getElementById("role-fit-tool"));
const keys = setup.dimensions.map((dimension) => dimension.letter.toLowerCase());
const sliders = [...document.querySelectorAll("[data-rating-slider]")];
const numbers = [...document.querySelectorAll("[data-rating-number]")];
const radios = [...document.querySelectorAll("input[name='fit-context']")];
const results = document.getElementById("fit-results");
const summary = document.getElementById("fit-summary");

const ratings = [...setup.example];
let contextId = setup.contexts[0].id;

const query = readQuery();
keys.forEach((key, i) => {
  const units = parseUnits(query.get(key), MAX_RATING, MAX_RATING);
  if (units !== null) ratings[i] = units;
});
if (setup.contexts.some((context) => context.id === query.get("context"))) contextId = query.get("context");

const ratingText = (units) => fixedText(units, RATING_DIGITS, RATING_DIGITS);
const context = () => setup.contexts.find((item) => item.id === contextId);
const refreshShare = setUpSharing(document.querySelector("#role-fit-tool [data-share]"), "role-fit.csv",
  () => roleFitReport(setup, ratings, contextId));

function resultItem(item) {
  const li = document.createElement("li");
  const name = document.createElement("a");
  name.className = "hb-fit-name";
  name.href = item.role.url;
  name.textContent = item.role.name;
  const bar = document.createElement("span");
  bar.className = "hb-fit-bar";
  bar.setAttribute("aria-hidden", "true");
  const fill = document.createElement("span");
  fill.style.width = `${(item.units / 10 ** FIT_DIGITS) * 100}%`;
  bar.append(fill);
  const score = document.createElement("span");
  score.className = "hb-fit-score";
  score.textContent = fixedText(item.units, FIT_DIGITS, 2);
  li.append(name, bar, score);
  return li;
}

function update() {
  const ranked = rankRoles(setup.roles, ratings, context());
  results.replaceChildren(...ranked.map(resultItem));
  const best = ranked[0];
  summary.textContent = `Best fit: ${best.role.name}, ${fixedText(best.units, FIT_DIGITS, 2)} (team context: ${context().name}).`;
  ranked.forEach((item) => {
    document.querySelectorAll(`[data-weight="${item.role.id}"]`).forEach((cell) => {
      cell.textContent = fixedText(item.weights[Number(cell.dataset.dimension)], WEIGHT_DIGITS, WEIGHT_DIGITS);
    });
  });
  document.getElementById("fit-weights-context").textContent = context().name;
  const entries = keys.map((key, i) => [key, ratingText(ratings[i])]);
  if (contextId !== setup.contexts[0].id) entries.push(["context", contextId]);
  writeQuery(entries);
  refreshShare();
}

sliders.forEach((slider, i) => {
  slider.value = ratingText(ratings[i]);
  slider.addEventListener("input", () => {
    ratings[i] = parseUnits(slider.value, MAX_RATING, MAX_RATING);
    numbers[i].value = ratingText(ratings[i]);
    update();
  });
});
numbers.forEach((number, i) => {
  number.value = ratingText(ratings[i]);
  number.addEventListener("input", () => {
    const units = parseUnits(number.value, MAX_RATING, MAX_RATING);
    if (units === null) return;
    ratings[i] = units;
    sliders[i].value = ratingText(units);
    update();
  });
  number.addEventListener("change", () => { number.value = ratingText(ratings[i]); });
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
