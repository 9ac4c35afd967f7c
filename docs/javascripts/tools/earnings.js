// The earnings calculator: rate, billable hours and working weeks in, weekly and annual figures out.
import { annualCents, earningsReport, fixedText, hoursText, moneyText, weeklyCents } from "./core.js";
import { parseUnits, readQuery, readSetup, revealLiveParts, setUpSharing, writeQuery } from "./page.js";

// Each input in whole units (cents, half hours, weeks) and the largest value it takes.
const UNITS = { rate: { scale: 100, max: 1000000 }, hours: { scale: 2, max: 200 }, weeks: { scale: 1, max: 52 } };
const setup = readSetup("earnings-setup");
const inputs = {
  rate: document.getElementById("earn-rate"),
  hours: document.getElementById("earn-hours"),
  weeks: document.getElementById("earn-weeks"),
};
const start = setup.presets.find((preset) => preset.id === setup.start);
const state = { rate: start.rate_cents, hours: start.half_hours, weeks: start.weeks };

const parse = (name, text) => parseUnits(text, UNITS[name].scale, UNITS[name].max);
const show = {
  rate: (cents) => (cents % 100 === 0 ? String(cents / 100) : fixedText(cents, 2, 2)),
  hours: hoursText,
  weeks: String,
};

const query = readQuery();
Object.keys(state).forEach((name) => {
  const units = parse(name, query.get(name));
  if (units !== null) state[name] = units;
});

const refreshShare = setUpSharing(document.querySelector("#earnings-tool [data-share]"), "earnings.csv",
  () => earningsReport(setup, state.rate, state.hours, state.weeks));

function update() {
  document.getElementById("earn-weekly").textContent = moneyText(weeklyCents(state.rate, state.hours));
  document.getElementById("earn-annual").textContent = moneyText(annualCents(state.rate, state.hours, state.weeks));
  writeQuery(Object.keys(state).map((name) => [name, show[name](state[name])]));
  refreshShare();
}

Object.entries(inputs).forEach(([name, input]) => {
  input.value = show[name](state[name]);
  input.addEventListener("input", () => {
    const units = parse(name, input.value);
    if (units === null) return;
    state[name] = units;
    update();
  });
  input.addEventListener("change", () => { input.value = show[name](state[name]); });
});

document.querySelectorAll("[data-preset]").forEach((button) => {
  const preset = setup.presets.find((item) => item.id === button.dataset.preset);
  button.addEventListener("click", () => {
    state.rate = preset.rate_cents;
    state.hours = preset.half_hours;
    if (preset.weeks !== null) state.weeks = preset.weeks;
    Object.entries(inputs).forEach(([name, input]) => { input.value = show[name](state[name]); });
    update();
  });
});

revealLiveParts();
update();
