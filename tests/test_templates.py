"""Downloadable templates: the typed model, every file format, the values a reader sets, and byte-identical output."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import shutil
import time
import zipfile
from pathlib import Path

import docx
import markdown as python_markdown
import openpyxl
import pandas
import pytest
import yaml
from lxml import html as lxml_html

from handbook.errors import DataErrors
from handbook.loader import load_handbook
from handbook.models import DECISIONS, Template
from handbook.render.document import document, threshold_text
from handbook.render.downloads import (
    ARCHIVE_NAME,
    BINARY_FORMATS,
    TemplateRequestError,
    file_name,
    offered_formats,
    preview_markdown,
    render_file,
    render_request,
    score_sheet,
    template_files,
    values_for,
)
from handbook.render.markdown import md_text
from tests.conftest import ROOT, TEMPLATES

FIXTURE_DATA = ROOT / "tests" / "fixtures" / "templates" / "data"
HOSTILE = "<script>alert('x')</script> {{ 7*7 }} {% if true %}run{% endif %} [click](javascript:alert(1))"
SITE_EXTENSIONS = ["attr_list", "md_in_html", "admonition", "tables", "pymdownx.details", "pymdownx.superfences",
                   "pymdownx.tasklist"]


@pytest.fixture(scope="module")
def handbook(shipped_handbook):
    return shipped_handbook


@pytest.fixture(scope="module")
def fixture_handbook():
    return load_handbook(FIXTURE_DATA, TEMPLATES)


def all_files(handbook) -> list[tuple[Template, str]]:
    return [(template, fmt) for template in handbook.templates.values() for fmt in offered_formats(template)]


def docx_text(data: bytes) -> str:
    """Every paragraph and table cell of a Word file, one per line."""
    doc = docx.Document(io.BytesIO(data))
    cells = [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    return "\n".join([paragraph.text for paragraph in doc.paragraphs] + cells)


def xlsx_text(data: bytes) -> str:
    """Every text cell of a workbook, one per line."""
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    return "\n".join(cell.value for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row
                     if isinstance(cell.value, str))


def file_text(fmt: str, data: bytes) -> str:
    readers = {"docx": docx_text, "xlsx": xlsx_text}
    return readers[fmt](data) if fmt in readers else data.decode("utf-8")


def csv_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))


def data_file(tmp_path: Path, name: str, text: str) -> Path:
    """A copy of the fixture data with one template file replaced or added."""
    target = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, target)
    (target / "templates" / name).write_text(text, encoding="utf-8")
    return target


# --- the model: what contributors can and cannot write -------------------------------------------------------

PLAIN = (FIXTURE_DATA / "templates" / "plain.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(("change", "message"), [
    (("formats: [md]", "formats: [md, csv]"),
     "templates/plain.yaml:9:1: formats: csv needs a rubric, a checklist or a table marked `export: true`"),
    (("formats: [md]", "formats: [md, json]"),
     "templates/plain.yaml:9:1: formats: yaml and json need a typed part (rubric, checklist, task, profile or model_card)"),
    (("formats: [md]", "formats: [docx]"),
     "templates/plain.yaml:9:1: formats: every template is offered as Markdown: add 'md' to formats"),
    (("      guidance: Write your notes here.", "      part: rubric"),
     ("templates/plain.yaml:11:1: content: each typed part is placed by exactly one section's `part`; "
      "parts: none; placed: rubric")),
    (("    - heading: Notes\n      guidance: Write your notes here.", "    - heading: Notes"),
     ("templates/plain.yaml:14:7: content.sections[0]: a section needs guidance, questions, blanks, a table, "
      "a checklist or a part")),
])
def test_inconsistent_template_is_reported_with_its_file_and_line(tmp_path, change, message):
    old, new = change
    data_dir = data_file(tmp_path, "plain.yaml", PLAIN.replace(old, new))
    with pytest.raises(DataErrors) as caught:
        load_handbook(data_dir, TEMPLATES)
    assert [str(error).split("data/", 1)[1] for error in caught.value.errors] == [message]


def test_table_rows_may_only_name_declared_columns(tmp_path):
    text = PLAIN.replace("      guidance: Write your notes here.", """      table:
        columns: [{key: metric, label: Metric}]
        rows: [{metric: Speed, target: Fast}]""")
    with pytest.raises(DataErrors) as caught:
        load_handbook(data_file(tmp_path, "plain.yaml", text), TEMPLATES)
    assert str(caught.value.errors[0]).endswith(
        "plain.yaml:15:7: content.sections[0].table: row 1 names unknown column(s) target; columns are metric")


def test_rubric_levels_must_run_from_the_highest_score_down(tmp_path):
    text = (FIXTURE_DATA / "templates" / "hostile.yaml").read_text(encoding="utf-8")
    text = text.replace("      - score: 5\n", "      - score: 1\n        label: Weak\n        descriptors: [Wrong.]\n"
                                             "      - score: 5\n")
    with pytest.raises(DataErrors) as caught:
        load_handbook(data_file(tmp_path, "hostile.yaml", text), TEMPLATES)
    assert str(caught.value.errors[0]).endswith(
        "content.rubric: levels must be listed from the highest score down, each score once")


def test_passing_score_must_lie_on_the_scale(tmp_path):
    text = (FIXTURE_DATA / "templates" / "hostile.yaml").read_text(encoding="utf-8")
    text = text.replace("passing_score: 3", "passing_score: 9")
    with pytest.raises(DataErrors) as caught:
        load_handbook(data_file(tmp_path, "hostile.yaml", text), TEMPLATES)
    assert str(caught.value.errors[0]).endswith("content.rubric: scores must lie on the scale 0-5")


TEMPLATE_IDS = ["ai-prd", "eval-rubric", "launch-checklist", "eval-plan", "eval-task", "error-taxonomy", "model-card",
                "red-team-plan",
                "experiment-plan", "decision-memo", "post-launch-retro", "skill-profile", "opportunity-canvas"]


def test_every_template_the_handbook_promises_exists(handbook):
    assert set(TEMPLATE_IDS) <= set(handbook.templates)


def test_template_skills_match_the_pillars_that_list_the_template(handbook):
    for template in handbook.templates.values():
        listing = {pillar.id for pillar in handbook.pillars.values() if template.id in pillar.templates}
        assert set(template.skills) == listing, template.id


def test_every_owner_lists_the_template_among_its_artifacts(handbook):
    for template in handbook.templates.values():
        for role_id in template.owners:
            artifacts = [artifact.template for artifact in handbook.roles[role_id].artifacts]
            assert template.id in artifacts, (template.id, role_id)


# --- Markdown escaping ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("Plain words, with punctuation.", "Plain words, with punctuation."),
    ("two\n  lines", "two lines"),
    ("<b>bold</b>", "&lt;b\\>bold&lt;/b\\>"),
    ("a < b", "a &lt; b"),
    ("[x](javascript:alert(1))", "\\[x\\](javascript:alert(1))"),
    ("{{ 7*7 }}", "\\{\\{ 7\\*7 \\}\\}"),
    ("snake_case and `code`", "snake\\_case and \\`code\\`"),
    ("a | b", "a \\| b"),
    ("&lt; stays text", "&amp;lt; stays text"),
    ("!!! note", "&#33;!! note"),
    ("- not a list", "&#45; not a list"),
    ("12. not a list", "12\\. not a list"),
    ("# not a heading", "\\# not a heading"),
])
def test_markdown_text_is_escaped_so_it_renders_literally(text, expected):
    assert md_text(text) == expected


@pytest.mark.parametrize("text", [HOSTILE, "!!! danger \"x\"", "--8<-- \"mkdocs.yml\"", "a | b {: onclick=\"x\" }",
                                  "1) item", "&amp; &#106;", "***bold*** __x__ ~~y~~ \\"])
def test_escaped_text_renders_back_to_itself(text):
    html = python_markdown.markdown(md_text(text), extensions=SITE_EXTENSIONS)
    assert html.startswith("<p>") and html.endswith("</p>")
    assert lxml_html.fromstring(html).text_content() == " ".join(text.split())


# --- every file opens in a real parser -----------------------------------------------------------------------

def test_every_offered_file_opens_in_its_parser(handbook, shipped_files):
    files = shipped_files
    for template, fmt in all_files(handbook):
        data = files[file_name(template, fmt)]
        if fmt == "md":
            text = data.decode("utf-8")
            assert text.startswith(f"# {md_text(template.title)}\n")
            assert f"Version {template.version} · updated {template.updated.isoformat()}" in text
        elif fmt == "docx":
            doc = docx.Document(io.BytesIO(data))
            assert doc.paragraphs[0].text == template.title
            assert doc.core_properties.version == template.version
        elif fmt == "yaml":
            assert yaml.safe_load(data)["template"] == {"id": template.id, "title": template.title,
                                                        "version": template.version,
                                                        "updated": template.updated.isoformat(),
                                                        "licence": "CC BY 4.0",
                                                        "licence_url": "https://creativecommons.org/licenses/by/4.0/",
                                                        "example": False}
        elif fmt == "json":
            assert json.loads(data)["template"]["version"] == template.version
        elif fmt == "xlsx":
            about = openpyxl.load_workbook(io.BytesIO(data))["About"]
            details = {row[0].value: row[1].value for row in about.iter_rows(min_row=2)}
            assert (details["Version"], details["Template ID"]) == (template.version, template.id)
            assert details["Licence"].startswith("CC BY 4.0")
        else:
            assert csv_rows(data)[0] == score_sheet(template)[0]


def test_the_archive_has_a_folder_per_template_a_readme_and_the_licence(handbook, shipped_files):
    files = shipped_files
    with zipfile.ZipFile(io.BytesIO(files[ARCHIVE_NAME])) as archive:
        names = archive.namelist()
        assert names == sorted(names)
        foldered = sorted(f"{template.id}/{name}" for template in handbook.templates.values()
                          for name in files if name.startswith((f"{template.id}.", f"{template.id}-example.")))
        assert sorted(name for name in names if "/" in name) == foldered
        assert {name for name in names if "/" not in name} == {"README.md", "LICENSE.txt"}
        assert all(archive.read(name) == files[name.split("/", 1)[1]] for name in foldered)
        readme = archive.read("README.md").decode()
        assert "CC BY 4.0" in readme and all(f"`{template.id}/`" in readme for template in handbook.templates.values())
        assert "Attribution 4.0" in archive.read("LICENSE.txt").decode()


def test_text_files_use_one_line_ending(handbook, shipped_files):
    files = shipped_files
    for template, fmt in all_files(handbook):
        data = files[file_name(template, fmt)]
        if fmt == "csv":
            assert data.count(b"\r\n") == data.count(b"\n")
        elif fmt not in BINARY_FORMATS:
            assert b"\r" not in data and data.endswith(b"\n")


def test_checklists_are_github_task_lists(handbook, shipped_files):
    text = shipped_files["launch-checklist.md"].decode("utf-8")
    checklist = handbook.templates["launch-checklist"].content.checklist
    for gate in checklist.gates:
        assert f"- [ ] **{md_text(gate.name)}:** {md_text(gate.why)}" in text
        assert text.count(md_text(gate.check)) == 1, "a gate's check is printed once, in the sign-off table"


# --- the three templates the issue names -----------------------------------------------------------------------

RUBRIC_CRITERIA = ["grounding", "policy_compliance", "helpfulness", "safety"]
TASK_CRITERIA = ["factual_accuracy", "reasoning_coherence", "clarity_and_style", "safety_alignment"]
GATES = ["red_teamed", "hallucinations_handled", "fallback_ready", "cost_within_budget", "feedback_path",
         "prompt_rollback", "privacy_legal_review", "security_review", "human_escalation", "monitoring_incidents",
         "staged_rollout", "ai_disclosure", "fairness_across_groups"]


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_rubric_file_carries_four_criteria_on_a_zero_to_five_scale(handbook, fmt, shipped_files):
    data = shipped_files[f"eval-rubric.{fmt}"]
    rubric = (yaml.safe_load(data) if fmt == "yaml" else json.loads(data))["rubric"]
    assert [criterion["id"] for criterion in rubric["criteria"]] == RUBRIC_CRITERIA
    assert all(criterion["scale"] == {"min": 0, "max": 5} for criterion in rubric["criteria"])
    assert [level["score"] for level in rubric["levels"]] == [5, 3, 1]
    assert rubric["disallow"] and rubric["passing_score"] == 3


def test_rubric_score_sheet_records_the_run_a_score_per_criterion_and_why(handbook, shipped_files):
    rows = csv_rows(shipped_files["eval-rubric.csv"])
    names = [criterion.name for criterion in handbook.templates["eval-rubric"].content.rubric.criteria]
    assert rows == [["Answer ID", "Rubric version", "Model and prompt version", "Run date", "Reviewer", *names,
                     "Disallowed content found", "Passed", "Reason for any score below 3", "Notes"]]


@pytest.mark.parametrize("name", ["eval-rubric.csv", "launch-checklist.csv", "eval-plan.csv", "error-taxonomy.csv",
                                  "experiment-plan.csv"])
def test_standard_readers_take_line_1_as_the_header(handbook, name, shipped_files):
    data = shipped_files[name]
    first_line = data.decode("utf-8").split("\r\n")[0]
    frame = pandas.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False)
    reader = csv.DictReader(io.StringIO(data.decode("utf-8"), newline=""))
    assert list(frame.columns) == reader.fieldnames == next(csv.reader([first_line]))
    assert not first_line.startswith("#")


def test_csv_columns_are_the_document_labels(handbook, shipped_files):
    files = shipped_files
    for template in handbook.templates.values():
        if "csv" in template.formats:
            header = csv_rows(files[f"{template.id}.csv"])[0]
            markdown_file = files[f"{template.id}.md"].decode("utf-8")
            assert "| " + " | ".join(md_text(label) for label in header) + " |" in markdown_file, template.id


def test_blank_files_carry_no_fake_rows(handbook, shipped_files):
    rows = csv_rows(shipped_files["eval-plan.csv"])
    assert len(rows) == 1 and "example-001" not in shipped_files["eval-plan.md"].decode()


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_checklist_file_carries_its_six_gates(handbook, fmt, shipped_files):
    data = shipped_files[f"launch-checklist.{fmt}"]
    checklist = (yaml.safe_load(data) if fmt == "yaml" else json.loads(data))["checklist"]
    assert [gate["id"] for gate in checklist["gates"]] == GATES
    assert checklist["decisions"] == list(DECISIONS)
    assert all(gate["owner"] and gate["evidence_required"] and gate["decision"] is None for gate in checklist["gates"])
    assert "go with conditions" in checklist["decisions"]


def test_checklist_csv_and_word_file_carry_every_gate(handbook, shipped_files):
    files = shipped_files
    rows = csv_rows(files["launch-checklist.csv"])
    assert rows[0] == ["Gate ID", "Gate", "Check", "Owner", "Evidence required", "Evidence link", "Decision",
                       "Conditions", "Notes"]
    assert [row[0] for row in rows[1:]] == GATES
    doc = docx.Document(io.BytesIO(files["launch-checklist.docx"]))
    sign_off = next(table for table in doc.tables if table.rows[0].cells[0].text == "Gate ID")
    names = [gate.name for gate in handbook.templates["launch-checklist"].content.checklist.gates]
    assert [row.cells[1].text for row in sign_off.rows[1:]] == names
    assert "go / go with conditions / no-go" in docx_text(files["launch-checklist.docx"])


def test_ai_prd_has_the_normal_sections_and_the_three_ai_additions(handbook, shipped_files):
    headings = [section.heading for section in handbook.templates["ai-prd"].content.sections]
    for expected in ["Problem", "Goals and non-goals", "Users and stories", "Success metrics", "Scope",
                     "Risks and open questions", "Model spec", "Evaluation plan", "Failure modes",
                     "Data and label requirements"]:
        assert expected in headings
    text = docx_text(shipped_files["ai-prd.docx"])
    assert all(heading in text for heading in headings)


def test_eval_plan_csv_is_the_golden_dataset(handbook, shipped_files):
    rows = csv_rows(shipped_files["eval-plan.csv"])
    assert rows[0][:3] == ["ID", "Input", "Expected output"]


def test_the_pass_threshold_is_stated_from_the_rubric_wherever_it_is_used(handbook, shipped_files):
    rubric = handbook.templates["eval-rubric"]
    line = threshold_text(rubric.content.rubric, rubric)
    files = shipped_files
    users = [t.id for t in handbook.templates.values() if t.threshold_from]
    assert sorted(users) == ["ai-prd", "eval-plan", "model-card"]
    for template_id in ["eval-rubric", *users]:
        assert md_text(line) in files[f"{template_id}.md"].decode("utf-8"), template_id
        assert line in docx_text(files[f"{template_id}.docx"]), template_id


def test_every_rubric_criterion_has_an_anchor_per_level_and_the_judge_prompt_names_them(handbook, shipped_files):
    rubric = json.loads(shipped_files["eval-rubric.json"])["rubric"]
    assert all([anchor["score"] for anchor in criterion["anchors"]] == [5, 3, 1] and
               all(anchor["example"] for anchor in criterion["anchors"]) for criterion in rubric["criteria"])
    markdown_file = shipped_files["eval-rubric.md"].decode("utf-8")
    assert "Judge prompt for a model grader" in markdown_file
    assert all(md_text(criterion_id) in markdown_file for criterion_id in RUBRIC_CRITERIA)


def test_eval_task_blank_has_every_field_empty_and_the_example_fills_them(handbook, shipped_files):
    files = shipped_files
    blank = json.loads(files["eval-task.json"])
    assert blank["task"]["prompt"] == "" and blank["task"]["expected"] == {"must_include": [], "avoid": []}
    assert blank["task"]["scoring"] == {criterion: None for criterion in TASK_CRITERIA}
    assert blank["answers"]["Reference answer"] == {"Reference answer": "", "Checked by": ""}
    example = json.loads(files["eval-task-example.json"])
    assert example["task"]["prompt"] and example["task"]["expected"]["must_include"]
    assert example["answers"]["Reference answer"]["Reference answer"]


def test_skill_profile_rates_every_pillar_of_the_handbook(handbook, shipped_files):
    profile = json.loads(shipped_files["skill-profile.json"])["profile"]
    assert list(profile["pillars"]) == list(handbook.pillars)
    assert profile["pillar_levels"] == list(handbook.proficiency_scale) == ["awareness", "working", "practitioner",
                                                                             "expert"]
    markdown_file = shipped_files["skill-profile.md"].decode("utf-8")
    assert "awareness / working / practitioner / expert" in markdown_file
    assert profile["work_samples"] == [{"title": "", "type": "", "link": "", "shows": ""}]


# --- the reader's own values ---------------------------------------------------------------------------------

def test_set_values_appear_in_every_format(handbook):
    for template, fmt in all_files(handbook):
        if fmt == "csv":
            continue  # a CSV is its sheet alone: line 1 is the header, so the details live in the other files
        values = {variable.name: "2026-12-01" if variable.kind == "date" else f"Value-{index}-of-{template.id}"
                  for index, variable in enumerate(template.variables)}
        data = render_request(handbook, template.id, fmt, [f"{name}={value}" for name, value in values.items()])
        text = file_text(fmt, data)
        for value in values.values():
            assert value in text, (template.id, fmt, value)
        if fmt in ("yaml", "json"):
            loaded = yaml.safe_load(data) if fmt == "yaml" else json.loads(data)
            assert loaded["details"] == values


def test_a_value_may_contain_an_equals_sign(fixture_handbook):
    data = render_request(fixture_handbook, "hostile", "json", ["owner=a=b"])
    assert json.loads(data)["details"]["owner"] == "a=b"


@pytest.mark.parametrize(("template_id", "fmt", "assignments", "message"), [
    ("nope", "md", [], "unknown template 'nope'; expected one of hostile, plain"),
    ("plain", "pdf", [], "unknown format 'pdf'; expected one of md, docx, xlsx, yaml, json, csv"),
    ("plain", "docx", [], "template 'plain' is not offered as docx; it is offered as md"),
    ("plain", "md", ["owner=x"], "unknown variable 'owner' for template 'plain'; expected one of none"),
    ("hostile", "md", ["team=x"], "unknown variable 'team' for template 'hostile'; expected one of product, owner"),
    ("hostile", "md", ["owner"], "--set expects name=value; got 'owner'"),
])
def test_impossible_requests_say_what_to_do(fixture_handbook, template_id, fmt, assignments, message):
    with pytest.raises(TemplateRequestError) as caught:
        render_request(fixture_handbook, template_id, fmt, assignments)
    assert str(caught.value) == message


# --- byte-identical output -----------------------------------------------------------------------------------

def test_two_renders_on_different_days_give_identical_bytes(shipped_files, monkeypatch):
    """The session's files were rendered today; these, in 2033: every byte the same."""
    monkeypatch.setattr(time, "time", lambda: 2_000_000_000.0)
    assert template_files(load_handbook(ROOT / "data")) == dict(shipped_files)


def test_word_file_dates_come_from_the_template(handbook, shipped_files):
    template = handbook.templates["ai-prd"]
    data = shipped_files["ai-prd.docx"]
    midnight = dt.datetime.combine(template.updated, dt.time(0, 0), tzinfo=dt.UTC)
    properties = docx.Document(io.BytesIO(data)).core_properties
    assert (properties.created, properties.modified, properties.revision) == (midnight, midnight, 1)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.namelist() == sorted(archive.namelist())
        assert {info.date_time for info in archive.infolist()} == {(*template.updated.timetuple()[:3], 0, 0, 0)}


def test_archive_is_dated_by_the_newest_template(handbook, shipped_files):
    newest = max(template.updated for template in handbook.templates.values())
    with zipfile.ZipFile(io.BytesIO(shipped_files[ARCHIVE_NAME])) as archive:
        assert {info.date_time for info in archive.infolist()} == {(*newest.timetuple()[:3], 0, 0, 0)}


# --- the preview is the file --------------------------------------------------------------------------------

def test_preview_is_the_markdown_file_body(handbook, shipped_files):
    files = shipped_files
    for template in handbook.templates.values():
        preview = preview_markdown(template, handbook)
        promoted = "\n".join(line[1:] if line.startswith("##") else line for line in preview.splitlines())
        assert promoted in files[file_name(template, "md")].decode("utf-8"), template.id


def test_document_blocks_are_the_same_for_markdown_and_word(handbook):
    template = handbook.templates["eval-rubric"]
    blocks = document(template, handbook, values_for(template, {}))
    word = docx_text(render_file(template, handbook, "docx", values_for(template, {})))
    texts = [getattr(block, "text", None) for block in blocks]
    assert all(text in word for text in texts if text)


# --- contributor text is data in every file ------------------------------------------------------------------

def test_hostile_text_is_literal_in_yaml_json_csv_and_word(fixture_handbook):
    template = fixture_handbook.templates["hostile"]
    values = values_for(template, {})
    loaded_yaml = yaml.safe_load(render_file(template, fixture_handbook, "yaml", values))
    loaded_json = json.loads(render_file(template, fixture_handbook, "json", values))
    assert loaded_yaml == loaded_json
    assert loaded_json["details"]["product"] == HOSTILE
    assert loaded_json["rubric"]["criteria"][0]["guidance"] == HOSTILE
    assert loaded_json["rubric"]["disallow"] == [HOSTILE]
    assert loaded_json["rubric"]["objective"] == "--8<-- \"mkdocs.yml\""
    assert csv_rows(render_file(template, fixture_handbook, "csv", values))[0][5] == "Accuracy"
    sheet_text = xlsx_text(render_file(template, fixture_handbook, "xlsx", values))
    assert HOSTILE in sheet_text
    word = docx_text(render_file(template, fixture_handbook, "docx", values))
    assert word.count(HOSTILE) >= 8
    assert "!!! danger \"Injected admonition\"" in word


def test_hostile_markdown_file_renders_as_text(fixture_handbook):
    template = fixture_handbook.templates["hostile"]
    text = render_file(template, fixture_handbook, "md", values_for(template, {})).decode("utf-8")
    assert "<script" not in text and "{{" not in text and "[click](javascript" not in text
    html = python_markdown.markdown(text, extensions=[*SITE_EXTENSIONS, "pymdownx.snippets"],
                                    extension_configs={"pymdownx.snippets": {"base_path": [str(ROOT)]}})
    tree = lxml_html.fromstring(f"<div>{html}</div>")
    assert not tree.xpath("//script") and not tree.xpath("//*[@onclick]")
    assert not [href for href in tree.xpath("//a/@href") if "javascript" in href]
    assert not tree.xpath("//div[contains(@class, 'admonition')]")
    assert "site_name" not in html
    page_text = tree.text_content()
    assert page_text.count(HOSTILE) >= 8
    assert "--8<-- \"mkdocs.yml\"" in page_text and "!!! danger \"Injected admonition\"" in page_text


PRD_SECTIONS = ("Problem", "UX and trust design", "Non-functional requirements", "Alternatives considered",
                "Fallback", "Regulatory class", "Rollout and monitoring", "Milestones", "Approvals", "Change log")


def test_the_prd_has_what_a_launch_reviewer_asks_for_and_its_example_fills_every_section(shipped_handbook):
    prd = shipped_handbook.templates["ai-prd"]
    sections = {section.heading: section for section in prd.content.sections}
    assert set(PRD_SECTIONS) <= set(sections)
    labels = {blank.label for blank in sections["Non-functional requirements"].blanks}
    assert {"Latency", "Cost budget", "Accessibility", "Localisation"} <= labels
    assert {"How output is shown", "Confidence and sources", "Editing and correction", "Human review"} <= {
        blank.label for blank in sections["UX and trust design"].blanks}
    example = prd.example
    assert example is not None
    for heading, section in sections.items():
        filled = example.answers.get(heading, {})
        assert [blank.label for blank in section.blanks if filled.get(blank.label, "").strip()] == [
            blank.label for blank in section.blanks], f"{heading}: a blank of the example is empty"
        if section.table:
            assert example.rows.get(heading), f"{heading}: the example's table is empty"
