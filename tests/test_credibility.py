"""Credible answers: figures agree across pages, career moves have no dead ends, weeks match ratings,
sources can be checked, the vendor is named only on the sources page, and each word has one spelling."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import codespell_lib
import pytest
import yaml

from handbook.loader import load_handbook
from handbook.models.roles import STRENGTH_LEVEL, WEEKDAYS
from handbook.render.guide import citing_pages
from handbook.render.tools import fit_role, pillar_levels, role_fit_setup
from tests.conftest import ROOT

HANDBOOK = load_handbook(ROOT / "data")
PROSE_ROOTS = ("data", "docs", "templates")
PROSE_SUFFIXES = (".yaml", ".md", ".j2")


def prose_files() -> list[Path]:
    return sorted(path for root in PROSE_ROOTS for path in (ROOT / root).rglob("*")
                  if path.suffix in PROSE_SUFFIXES and path.is_file())


def job_ids() -> list[str]:
    return [role.id for role in HANDBOOK.roles.values() if role.kind == "role"]


# One figure per fact -------------------------------------------------------------------------------

RANGE = re.compile(r"\$(\d[\d,.]*)(K?)\s*–\s*\$?(\d[\d,.]*)(K?)")
WHO = {"generalist": re.compile(r"\bgeneralists?\b", re.IGNORECASE), "specialist": re.compile(r"\bspecialists?\b", re.IGNORECASE)}


def dollars(number: str, thousands: str) -> float:
    return float(number.replace(",", "")) * (1000 if thousands else 1)


def cited_sources(document: object) -> set[str]:
    """Every source id a data file names under `source` or `sources`, at any depth."""
    found: set[str] = set()
    if isinstance(document, dict):
        for key, value in document.items():
            if key == "source" and isinstance(value, str):
                found.add(value)
            elif key == "sources" and isinstance(value, list) and all(isinstance(v, str) for v in value):
                found.update(value)
            else:
                found |= cited_sources(value)
    elif isinstance(document, list):
        for item in document:
            found |= cited_sources(item)
    return found


def stated_ranges() -> list[tuple[str, str, float, float, set[str]]]:
    """(file, clause, low, high, sources the file cites) for every dollar range in the prose."""
    found = []
    for path in prose_files():
        relative = path.relative_to(ROOT).as_posix()
        if relative in ("data/compensation.yaml", "data/sources.yaml"):
            continue
        text = path.read_text(encoding="utf-8")
        sources = cited_sources(yaml.safe_load(text)) if path.suffix == ".yaml" else set()
        for clause in re.split(r"[,;:.()]\s|\n\s*\n", " ".join(text.split())):
            for match in RANGE.finditer(clause):
                found.append((relative, clause, dollars(*match.group(1, 2)), dollars(*match.group(3, 4)), sources))
    return found


@pytest.mark.parametrize(("file", "clause", "low", "high", "sources"), stated_ranges(),
                         ids=lambda value: value if isinstance(value, str) and len(value) < 60 else "")
def test_every_pay_range_is_a_compensation_figure_of_a_source_the_page_cites(file, clause, low, high, sources):
    """A figure typed on a page must be one of data/compensation.yaml's, from a source that page cites, and
    a clause about generalists (or specialists) alone must give that group's band, not another one."""
    figures = [f for f in HANDBOOK.compensation.values() if (f.low, f.high) == (low, high)]
    assert figures, f"{file}: ${low:g}–{high:g} is not a figure on the compensation page: {clause!r}"
    if sources:
        assert any(f.source in sources for f in figures), f"{file}: ${low:g}–{high:g} comes from a source it does not cite"
    named = [who for who, pattern in WHO.items() if pattern.search(clause)]
    if len(named) == 1:
        assert any(named[0] in f.what.lower() for f in figures), (
            f"{file}: {clause!r} gives {named[0]}s a band the compensation page gives to someone else")


def test_the_ranges_check_sees_the_bands_that_used_to_disagree():
    clauses = {(low, high) for _, clause, low, high, _ in stated_ranges() if WHO["generalist"].search(clause)}
    assert (25, 40) in clauses


def test_each_case_figure_is_told_in_its_case_only():
    """An anecdote's figures (99% → 76%, 18%, ...) live in its case; other pages link to the case."""
    others = {path: path.read_text(encoding="utf-8") for path in prose_files()
              if "cases" not in path.parts and "templates" not in path.parts}
    for case in HANDBOOK.cases.values():
        for figure in case.figures:
            if not re.search(r"[%$]", figure.value):
                continue  # a bare count such as "3" is not an anecdote's signature
            pattern = re.compile(rf"(?<![\d.$]){re.escape(figure.value)}")
            repeated = [path.relative_to(ROOT).as_posix() for path, text in others.items() if pattern.search(text)]
            assert not repeated, f"{case.id}: {figure.value} is told again in {', '.join(repeated)}"


# Career moves --------------------------------------------------------------------------------------

def test_the_transitions_page_shows_no_dead_end(built_site):
    from lxml import html as lxml_html
    root = lxml_html.fromstring((built_site / "transitions" / "index.html").read_text(encoding="utf-8"))
    rows = {row.xpath("string(th)").strip(): row for row in root.xpath("//table[@id='moves-by-job']/tbody/tr")}
    assert list(rows) == [role.name for role in HANDBOOK.roles.values()]
    for job in job_ids():
        row = rows[HANDBOOK.roles[job].name]
        reached_from, leads_to = row.xpath("td[1]/a"), row.xpath("td[2]/ul/li")
        assert reached_from and leads_to, row.xpath("string(.)")
        for link in reached_from:
            assert root.xpath(f"//*[@id='{link.get('href')[1:]}']"), link.get("href")


# Weeks and ratings ---------------------------------------------------------------------------------

STEM_WORDS = re.compile(r"\b(stem|stems|leg|legs|tooth|teeth)\b", re.IGNORECASE)


def short_name(pillar_name: str) -> str:
    """'AI evaluation and QA' -> 'AI evaluation', 'Analytics (SQL and Python)' -> 'Analytics'."""
    return pillar_name.split(" (")[0].split(" and ")[0]


def week_sentences(role) -> list[str]:
    texts = [role.week.note or ""] + [item for day in WEEKDAYS for item in getattr(role.week, day)]
    return [s for text in texts for s in re.split(r"(?<=[.;])\s+", " ".join(text.split())) if s]


@pytest.mark.parametrize("role", list(HANDBOOK.roles.values()), ids=lambda role: role.id)
def test_a_weeks_stem_is_a_pillar_the_role_rates_high(role):
    names = {pillar.id: short_name(pillar.name) for pillar in HANDBOOK.pillars.values()}
    high = {names[p] for p, level in role.skills.items() if level == "high"}
    others = {names[p] for p, level in role.skills.items() if level != "high"}
    stem_sentences = [s for s in week_sentences(role) if STEM_WORDS.search(s)]
    for sentence in stem_sentences:
        assert not any(name in sentence for name in others), f"{role.id}: a stem names a pillar not rated high: {sentence!r}"
    if role.kind == "shape":
        assert any(name in s for s in stem_sentences for name in high), (
            f"{role.id}: a skill shape's week must name a pillar it rates high as its stem")


# Role-fit weights follow the skills matrix ---------------------------------------------------------

def test_only_a_source_supplies_typed_weights():
    typed = {role.id: role.fit_weights.origin for role in HANDBOOK.roles.values() if role.fit_weights}
    assert set(typed.values()) == {"seed"}, typed


def test_every_pillar_of_the_seed_matrix_feeds_exactly_one_dimension():
    """The source's four dimensions draw on the seven pillars of its matrix (families product and evidence);
    pillars of the other families feed none."""
    dimensions = HANDBOOK.tools["role-fit"].role_fit.dimensions
    fed = [pillar for d in dimensions for pillar in d.pillars]
    assert sorted(fed) == sorted(p.id for p in HANDBOOK.pillars.values() if p.family in ("product", "evidence"))


@pytest.mark.parametrize("role", [r for r in HANDBOOK.roles.values() if not r.fit_weights], ids=lambda r: r.id)
def test_rule_weights_rank_the_dimensions_as_the_skill_ratings_do(role):
    levels = [sum(group) / len(group) for group in pillar_levels(HANDBOOK, role)]
    weights = fit_role(HANDBOOK, role, "tools/role-fit.md").weights
    for i, j in ((i, j) for i in range(4) for j in range(4) if levels[i] > levels[j]):
        assert weights[i] > weights[j], (role.id, levels, weights)


def test_the_specialist_outside_the_product_family_leans_most_on_data_and_evaluation():
    """The specialist is rated on no product pillar (its families are evidence, responsible AI, domain and
    communication), so the rule counts strategy, operations and discovery as low and evaluation leads."""
    specialist = fit_role(HANDBOOK, HANDBOOK.roles["specialist"], "tools/role-fit.md")
    assert specialist.origin == "rule"
    assert "product" not in HANDBOOK.roles["specialist"].families
    strategy, operations, discovery, data_evaluation = specialist.weights
    assert data_evaluation > max(strategy, operations, discovery) and strategy == operations == discovery


def test_the_seeds_example_ranks_the_generalist_first_among_the_jobs_it_weighs_and_the_pm_below_it():
    # The source weighs two jobs and concludes its example fits the generalist better than the PM; jobs
    # added later are scored by the rule and may rank anywhere, so the claim is checked among the seed's own.
    setup = role_fit_setup(HANDBOOK, "tools/role-fit.md")
    from handbook.tools import fixed_text, rank_by_kind
    jobs = rank_by_kind(setup.roles, setup.example, setup.contexts[0], ["role"])[0][1]
    scores = {item.role.id: fixed_text(item.units, 5, 2) for item in jobs}
    assert [item.role.id for item in jobs if item.role.origin == "seed"] == ["product-generalist", "product-manager"]
    assert (scores["product-generalist"], scores["product-manager"]) == ("0.68", "0.61")
    assert all(item.role.kind == "role" for item in jobs)


STRENGTHS_ARE_LEVELS = STRENGTH_LEVEL == {"low": 1, "medium": 2, "high": 3}


def test_the_rule_uses_the_documented_levels():
    assert STRENGTHS_ARE_LEVELS
    text = (ROOT / "data" / "tools" / "role-fit.yaml").read_text(encoding="utf-8")
    assert "low 1, medium 2, high 3" in text


# Sources -------------------------------------------------------------------------------------------

def test_every_source_has_a_publisher_and_an_address_and_no_note_repeats_undated():
    for source in HANDBOOK.sources.values():
        assert source.publisher and source.address, source.id
        assert not (source.note or "").lower().startswith("undated"), source.id


def test_the_source_articles_are_the_most_cited_and_all_marked_as_articles():
    cited = citing_pages(HANDBOOK)
    articles = [s for s in HANDBOOK.sources.values() if s.kind == "article"]
    assert len(articles) == 5
    assert all(cited.get(s.id) for s in articles)


def test_the_sources_page_prints_undated_at_most_once_per_entry(built_site):
    html = (built_site / "sources" / "index.html").read_text(encoding="utf-8")
    for entry in re.findall(r"<li id=\"[a-z0-9-]+\">.*?</li>", html, re.DOTALL):
        assert entry.lower().count("undated") <= 1, entry[:120]


def test_the_vendor_is_named_on_the_sources_page_only(built_site):
    vendors = {s.vendor for s in HANDBOOK.sources.values() if s.vendor}
    marks = {word for vendor in vendors for word in re.findall(r"[A-Za-z][\w.]+", vendor)} | {
        s.vendor_url.split("/")[2] for s in HANDBOOK.sources.values() if s.vendor_url}
    assert marks
    named_on = set()
    for file in built_site.rglob("*"):
        if file.suffix not in (".html", ".md", ".csv", ".json", ".txt", ".xml") or not file.is_file():
            continue
        text = file.read_text(encoding="utf-8", errors="replace").lower()
        if any(mark.lower() in text for mark in marks):
            named_on.add(file.relative_to(built_site).as_posix())
    # The print page and the search index carry the sources page; the data download is data/sources.yaml itself.
    allowed = {"sources/index.html", "print/index.html", "search/search_index.json", "downloads/handbook-data.json"}
    assert named_on <= allowed, sorted(named_on)


# One spelling per word -----------------------------------------------------------------------------

DICTIONARIES = Path(codespell_lib.__file__).parent / "data"
# American forms the reversed en-GB→en-US list flags that this British-English handbook keeps, with why.
KEPT = {
    "artifact": "the handbook's term for a work document, and the name of a data field",
    "artifacts": "as above",
    "practice": "the British noun (the verb is 'practise')",
    "story": "a user story, not a storey",
    "stories": "user stories",
    "biased": "correct in both varieties",
    "labor": "in the title of a published report",
    "license": "the British verb (the noun is 'licence')",
    "licensed": "the British past participle of the verb",
    "practices": "the plural of the British noun, as in 'Best Practices for ML Engineering', a published title",
    "program": "in the title of a published report (the NeurIPS 2019 Reproducibility Program)",
    "organization": "in the name of the International Organization for Standardization",
    "standardization": "as above",
}
# Pairs codespell's list lacks; the handbook's own word list.
EXTRA = {"quantization": "quantisation", "quantize": "quantise", "quantized": "quantised",
         "summarization": "summarisation", "summarize": "summarise", "summarized": "summarised",
         "generalization": "generalisation", "tokenization": "tokenisation"}


def american_forms() -> dict[str, str]:
    """American spelling -> British spelling, from codespell's own en-GB_to_en-US list, reversed."""
    forms = {}
    for line in (DICTIONARIES / "dictionary_en-GB_to_en-US.txt").read_text(encoding="utf-8").splitlines():
        british, _, american = line.partition("->")
        for word in american.split(","):
            if word.strip():
                forms[word.strip().lower()] = british.strip()
    return forms | EXTRA


def reader_text(text: str) -> str:
    """The prose a reader sees: ids (stable URLs), code spans, Jinja, HTML tags, addresses and YAML keys removed."""
    text = re.sub(r"^\s*(- )?(id|case): .*$", " ", text, flags=re.MULTILINE)
    text = re.sub(r"`[^`\n]*`|\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}|<[^>]+>|https?://\S+", " ", text, flags=re.DOTALL)
    return re.sub(r"^\s*(- )?[a-z_][a-z_.]*:(?=\s)", " ", text, flags=re.MULTILINE)


def test_the_handbook_spells_british_throughout():
    forms = american_forms()
    found = []
    for path in prose_files():
        for word in re.findall(r"[A-Za-z]+", reader_text(path.read_text(encoding="utf-8"))):
            if word.lower() in forms and word.lower() not in KEPT:
                found.append(f"{path.relative_to(ROOT).as_posix()}: {word} (write {forms[word.lower()]})")
    assert found == []


def test_codespell_finds_no_misspelling_in_data_docs_or_templates():
    # Vendored libraries are not our text; "nd" is the Unicode digit class \p{Nd} in the form's scripts.
    result = subprocess.run([sys.executable, "-m", "codespell_lib", *PROSE_ROOTS, "--skip", "*.css,*/vendor/*",
                             "--ignore-words-list", "nd"],
                            cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_spelling_check_catches_both_halves_of_each_pair():
    forms = american_forms()
    assert forms["judgment"] == "judgement" and forms["quantization"] == "quantisation"
