// The earnings calculator: rate, billable hours and working weeks in, weekly and annual figures out.
import { annualCents, earningsReport, fixedText, hoursText, moneyText, weeklyCents } from "./core.js";
import { readNumber, readQuery, readSetup, revealLiveParts, setUpSharing, showMessage, writeQuery } from "./page.js";

// Each input in whole units (cents, half hours, weeks), the largest value it takes, and what it accepts.
const UNITS = {
  rate: { scale: 100, max: 1000000, accepts: "an hourly rate from 0 to 10,000 dollars, to the cent", label: "Hourly rate" },
  hours: { scale: 2, max: 200, accepts: "billable hours from 0 to 100 a week, in steps of half an hour", label: "Hours" },
  weeks: { scale: 1, max: 52, accepts: "a whole number of working weeks from 0 to 52", label: "Weeks" },
};
const setup = readSetup("earnings-setup");
const inputs = {
  rate: document.getElementById("earn-rate"),
  hours: document.getElementById("earn-hours"),
  weeks: document.getElementById("earn-weeks"),
};
const start = setup.presets.find((preset) => preset.id === setup.start);
const state = { rate: start.rate_cents, hours: start.half_hours, weeks: start.weeks };

const parse = (name, text) => readNumber(text, UNITS[name].scale, UNITS[name].max, UNITS[name].accepts);
const show = {
  rate: (cents) => (cents % 100 === 0 ? String(cents / 100) : fixedText(cents, 2, 2)),
  hours: hoursText,
  weeks: String,
};

const query = readQuery();
const ignored = [];
Object.keys(state).forEach((name) => {
  if (!query.has(name)) return;
  const read = parse(name, query.get(name));
  if (read.error) ignored.push(`${UNITS[name].label}: ${read.error}`);
  else state[name] = read.units;
});
document.getElementById("earn-address-message").textContent = ignored.length
  ? `The link held values this calculator cannot use, so the opening scenario's values stand in for them. ${ignored.join(" ")}`
  : "";

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
  const message = document.getElementById(`${input.id}-message`);
  input.addEventListener("input", () => {
    const read = parse(name, input.value);
    if (read.error) {
      showMessage(input, message, `${read.error} The estimate still uses ${show[name](state[name])}.`);
      return;
    }
    showMessage(input, message, "");
    state[name] = read.units;
    update();
  });
  input.addEventListener("change", () => {
    if (!input.hasAttribute("aria-invalid")) input.value = show[name](state[name]);
  });
});

document.querySelectorAll("[data-preset]").forEach((button) => {
  const preset = setup.presets.find((item) => item.id === button.dataset.preset);
  button.addEventListener("click", () => {
    state.rate = preset.rate_cents;
    state.hours = preset.half_hours;
    if (preset.weeks !== null) state.weeks = preset.weeks;
    Object.entries(inputs).forEach(([name, input]) => {
      input.value = show[name](state[name]);
      showMessage(input, document.getElementById(`${input.id}-message`), "");
    });
    update();
  });
});

revealLiveParts();
update();
