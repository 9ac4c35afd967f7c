// The self-check: six ticks in, a verdict out, by the rule in data/tools/self-check.yaml.
import { selfCheckReport, verdict } from "./core.js";
import { readQuery, readSetup, revealLiveParts, setUpSharing, writeQuery } from "./page.js";

const setup = readSetup("self-check-setup");
const boxes = [...document.querySelectorAll("[data-statement]")];
const answers = readQuery().get("answers") || "";
const checked = () => boxes.map((box) => box.checked);

const refreshShare = setUpSharing(document.querySelector("#self-check-tool [data-share]"), "self-check.csv",
  () => selfCheckReport(setup, checked()));

function update() {
  const result = verdict(checked(), setup.statements.map((statement) => statement.leans), setup.ready_for_both_at);
  document.getElementById("self-check-verdict").textContent = setup.verdicts[result];
  document.getElementById("self-check-advice").textContent = setup.advice[result];
  writeQuery([["answers", checked().map((tick) => (tick ? "1" : "0")).join("")]]);
  refreshShare();
}

boxes.forEach((box, i) => {
  box.checked = answers[i] === "1";
  box.addEventListener("change", update);
});

revealLiveParts();
update();
