// The self-check: ticks in; the job with the most ticks out, by the rule in data/tools/self-check.yaml.
// Before the first tick the result says what to do, and never names a job.
import { selfCheckReport, tally, verdict } from "./core.js";
import { readQuery, readSetup, revealLiveParts, setUpSharing, writeQuery } from "./page.js";

const setup = readSetup("self-check-setup");
const boxes = [...document.querySelectorAll("[data-statement]")];
const answers = readQuery().get("answers") || "";
const checked = () => boxes.map((box) => box.checked);
const leans = setup.statements.map((statement) => statement.leans);
const ids = setup.roles.map((role) => role.id);
const verdictLine = document.getElementById("self-check-verdict");
const tallyList = document.getElementById("self-check-tally");

const refreshShare = setUpSharing(document.querySelector("#self-check-tool [data-share]"), "self-check.csv",
  () => selfCheckReport(setup, checked()));

function roleLink(role) {
  const anchor = document.createElement("a");
  anchor.href = role.url;
  anchor.textContent = role.name;
  return anchor;
}

function showResult() {
  const leaders = verdict(checked(), leans, ids).map((id) => setup.roles.find((role) => role.id === id));
  if (leaders.length === 0) {
    verdictLine.replaceChildren(setup.waiting);
    tallyList.hidden = true;
    return;
  }
  if (leaders.length === 1) {
    const strong = document.createElement("strong");
    strong.append("Lean ", roleLink(leaders[0]));
    verdictLine.replaceChildren(strong, `: ${leaders[0].summary}`);
  } else {
    const names = document.createElement("strong");
    leaders.forEach((role, i) => names.append(i ? (i === leaders.length - 1 ? " and " : ", ") : "", roleLink(role)));
    verdictLine.replaceChildren(`${setup.tie} `, names, ".");
  }
  const counts = tally(checked(), leans, ids);
  const perRole = (id) => leans.filter((lean) => lean === id).length;
  tallyList.replaceChildren(...setup.roles.map((role, i) => {
    const item = document.createElement("li");
    item.textContent = `${role.name}: ${counts[i]} of ${perRole(role.id)} ticked`;
    return item;
  }));
  tallyList.hidden = false;
}

function update() {
  showResult();
  writeQuery([["answers", checked().map((tick) => (tick ? "1" : "0")).join("")]]);
  refreshShare();
}

boxes.forEach((box, i) => {
  box.checked = answers[i] === "1";
  box.addEventListener("change", update);
});

revealLiveParts();
update();
