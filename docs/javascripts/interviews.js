// The filter of a role's interview questions (templates/pages/interview_bank.md.j2). Without this script every
// question shows and the "By level" lists reach each one; with it, three selects show only the questions of a
// level, a pillar and a kind, without a reload. Opening the page at a level's anchor (#level-<id>, where the
// level pages link) selects that level; opening it at a hidden question's anchor clears the filter. The script only sets `hidden` and a count: it never writes page text.
const form = document.getElementById("bank-filter");
const questions = [...document.querySelectorAll(".hb-question")];
const count = document.getElementById("bank-count");
const levelSelect = form.elements.namedItem("level");

function matches(question, level, pillar, kind) {
  return (!level || question.dataset.levels.split(" ").includes(level))
    && (!pillar || question.dataset.pillar === pillar) && (!kind || question.dataset.kind === kind);
}

function apply() {
  const { level, pillar, kind } = Object.fromEntries(new FormData(form));
  let shown = 0;
  for (const question of questions) {
    question.hidden = !matches(question, level, pillar, kind);
    shown += question.hidden ? 0 : 1;
  }
  count.textContent = `${shown} of ${questions.length} questions shown.`;
}

function fromHash() {
  const id = decodeURIComponent(location.hash.slice(1));
  const target = questions.find((question) => question.id === id);
  if (target && target.hidden) { // a link to one question shows it, whatever the filter said
    form.reset();
    apply();
    target.scrollIntoView();
  }
  if (id.startsWith("level-") && [...levelSelect.options].some((option) => option.value === id.slice(6))) {
    levelSelect.value = id.slice(6);
    apply();
  }
}

form.hidden = false;
form.addEventListener("change", apply);
form.addEventListener("submit", (event) => event.preventDefault());
window.addEventListener("hashchange", fromHash);
apply();
fromHash();
