"""A hiring kit per ladder level, generated from the career framework: a job description, an interview loop
and a scorecard, as a page (/roles/<role-id>/levels/<level-id>/hiring/) and as Markdown, Word and a spreadsheet
(/downloads/hiring/<role-id>-<level-id>.<ext>).

Everything comes from the level's data (scope, expectations, the proficiency of each pillar and its descriptors),
its role (summary, families, misconceptions) and the role's question bank, so a new ladder has its kits with no
code change, and a role without a bank gets a loop whose stages say so. One function decides the content
(`kit_blocks`, in the format-neutral blocks of handbook.render.document); the writers only lay it out.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from markupsafe import Markup

from handbook.framework import role_pillars
from handbook.loader import Handbook
from handbook.models import KIND_NAMES, SCOPES, Level, Pillar, Question, Role, RoleLevels
from handbook.render.document import HANDBOOK_NAME, Block, Grid, Heading, Item, Items, Paragraph
from handbook.render.docx import FRAMEWORK_DATE, word_document
from handbook.render.environment import render
from handbook.render.html import source_link
from handbook.render.interviews import bank_path, hiring_path, questions_for
from handbook.render.markdown import markdown
from handbook.render.pages import Page, ladder_path, level_path

FORMATS: dict[str, str] = {"md": "Markdown", "docx": "Word", "xlsx": "Excel spreadsheet"}
STAGE_QUESTIONS = 3
"""Questions a loop offers per stage: enough to choose from, few enough to ask in one interview."""
SCORE_HEADER = ("Pillar", "Expected at this level", "Anchors: what the framework expects", "Score (1–4)", "Evidence")
BEHAVIOUR_HEADER = ("Theme", "Behaviour expected at this level", "Seen (yes/no)", "Evidence")
SCOPE_WORD = {scope: scope.replace("-", " ") for scope in SCOPES}


def download_path(role_id: str, level_id: str, fmt: str) -> str:
    return f"downloads/hiring/{role_id}-{level_id}.{fmt}"


@dataclass(frozen=True)
class Stage:
    """One interview of the loop: a pillar family of the role, its pillars and the bank's questions for them."""

    name: str
    pillars: list[Pillar]
    questions: list[Question]


@dataclass(frozen=True)
class Kit:
    handbook: Handbook
    ladder: RoleLevels
    level: Level

    @property
    def role(self) -> Role:
        return self.handbook.roles[self.ladder.id]

    def pillars(self) -> list[Pillar]:
        return [pillar for pillar in role_pillars(self.handbook.pillars, self.role) if pillar.id in self.level.proficiency]

    def step_name(self, pillar: Pillar) -> str:
        return self.handbook.proficiency_scale[self.level.proficiency[pillar.id]].name

    def anchors(self, pillar: Pillar) -> list[str]:
        return pillar.descriptors.get(self.level.proficiency[pillar.id], [])

    def expected(self, pillar: Pillar) -> int:
        """The expected step as a score: 1 for the lowest step of the scale."""
        return list(self.handbook.proficiency_scale).index(self.level.proficiency[pillar.id]) + 1

    def above(self) -> Level | None:
        levels = self.ladder.ordered()
        position = levels.index(self.level)
        return levels[position + 1] if position + 1 < len(levels) else None

    def stages(self) -> list[Stage]:
        asked = questions_for(self.handbook, self.ladder.id, self.level.id)
        stages = []
        for family_id, family in self.handbook.families.items():
            pillars = [pillar for pillar in self.pillars() if pillar.family == family_id]
            if pillars:
                ids = {pillar.id for pillar in pillars}
                stages.append(Stage(family.name, pillars, [q for q in asked if q.pillar in ids][:STAGE_QUESTIONS]))
        return stages


def kit_title(kit: Kit) -> str:
    return f"{kit.level.title}: hiring kit"


def kit_blocks(kit: Kit) -> list[Block]:
    """The kit's content in reading order: job description, interview loop, scorecard."""
    role, level, handbook = kit.role, kit.level, kit.handbook
    scale = list(handbook.proficiency_scale.values())
    blocks: list[Block] = [
        Heading(1, kit_title(kit)),
        Paragraph(f"{role.name}, level {kit.ladder.ordered().index(level) + 1} of {len(kit.ladder.levels)}. Generated "
                  f"from the {HANDBOOK_NAME} career framework; adapt it to your team, since company ladders differ.",
                  "meta"),
        Heading(2, "Job description"),
        Heading(3, "The role"),
        Paragraph(role.summary),
        Paragraph(level.summary),
        Heading(3, "Scope"),
        Paragraph(f"{SCOPE_WORD[level.scope].capitalize()}: {level.scope_note}"),
        Heading(3, "What you will do"),
        Items(tuple(Item(item.behaviour, item.theme) for item in level.expectations)),
        Heading(3, "What we look for"),
        Items(tuple(Item(" ".join(kit.anchors(pillar)), f"{pillar.name} ({kit.step_name(pillar).lower()})")
                    for pillar in kit.pillars())),
        Heading(3, "What this role is not"),
        Items(tuple(_not_items(kit))),
        Heading(2, "Interview loop"),
        Paragraph("One interview per pillar family the role draws on. Each probes its pillars at the step this level "
                  "expects; the questions come from the handbook's bank, where each has a model-answer outline, strong "
                  "and weak signals and follow-ups."),
    ]
    for number, stage in enumerate(kit.stages(), start=1):
        blocks.append(Heading(3, f"Stage {number}: {stage.name}"))
        blocks.append(Paragraph("Probes " + "; ".join(f"{pillar.name} at {kit.step_name(pillar).lower()}"
                                                      for pillar in stage.pillars) + "."))
        if stage.questions:
            blocks.append(Items(tuple(Item(f"{question.question} (question {question.id} of the bank)",
                                           KIND_NAMES[question.kind]) for question in stage.questions), "number"))
        else:
            blocks.append(Paragraph("The bank has no question for this stage at this level yet: brief the interviewer "
                                    "with the scorecard's anchors for these pillars.", "hint"))
    blocks += [
        Heading(2, "Scorecard"),
        Paragraph("Score each pillar from what the candidate showed, on the proficiency scale: "
                  + ", ".join(f"{number} {step.name.lower()}" for number, step in enumerate(scale, start=1))
                  + ". The anchors are what the framework expects at this level; a score at or above the expected "
                  "step meets the bar. Write the evidence, not an impression."),
        Grid(SCORE_HEADER, tuple((pillar.name, f"{kit.expected(pillar)} {kit.step_name(pillar).lower()}",
                                  " ".join(kit.anchors(pillar)), "", "") for pillar in kit.pillars()), answer=4),
        Heading(3, "Behaviours"),
        Grid(BEHAVIOUR_HEADER, tuple((item.theme, item.behaviour, "", "") for item in level.expectations), answer=3),
    ]
    return blocks


def _not_items(kit: Kit) -> list[Item]:
    """What the role is not, from its misconceptions, and the wider scope that belongs to the level above."""
    items = [Item(misconception.reality, f"Not: {misconception.myth.rstrip('.')}") for misconception in kit.role.misconceptions]
    above = kit.above()
    if above is not None and SCOPES.index(above.scope) > SCOPES.index(kit.level.scope):
        items.append(Item(f"Owning a whole {SCOPE_WORD[above.scope]} is the remit of the next level, {above.title}.",
                          "Not yet"))
    return items


def kit_markdown(kit: Kit) -> bytes:
    return markdown(kit.handbook.templates_dir, kit_blocks(kit)).encode("utf-8")


def kit_word(kit: Kit, blocks: list[Block]) -> bytes:
    return word_document(blocks, title=kit_title(kit), subject=kit.level.summary, category="Hiring kit",
                         identifier=f"{kit.role.id}-{kit.level.id}")


def kit_spreadsheet(kit: Kit, blocks: list[Block]) -> bytes:
    """The scorecard as sheets that add up: a score per pillar and its gap to the expected step, the pillars at the
    bar and the behaviours seen, as formulas with their values cached (so a reader without recalculation sees them).
    Contributor text is written as text, never as a formula."""
    import xlsxwriter

    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False,
                                        "strings_to_urls": False})
    book.set_properties({"title": kit_title(kit), "subject": kit.level.summary, "author": HANDBOOK_NAME,
                         "category": "Hiring kit", "created": dt.datetime.combine(FRAMEWORK_DATE, dt.time(0, 0))})
    header = book.add_format({"bold": True, "text_wrap": True, "valign": "top", "bg_color": "#E7E6E6", "border": 1})
    wrap = book.add_format({"text_wrap": True, "valign": "top", "border": 1})
    bold = book.add_format({"bold": True})
    pillars = kit.pillars()
    last = len(pillars) + 1

    scores = book.add_worksheet("Scorecard")
    columns = ("Pillar", "Expected step", "Expected (1–4)", "Anchors: what the framework expects", "Score (1–4)",
               "Gap to expected", "Meets the bar", "Evidence")
    for column, (label, width) in enumerate(zip(columns, (24, 14, 10, 70, 10, 10, 10, 40), strict=True)):
        scores.write_string(0, column, label, header)
        scores.set_column(column, column, width)
    scores.freeze_panes(1, 0)
    scores.data_validation(1, 4, last - 1, 4, {"validate": "integer", "criteria": "between", "minimum": 1,
                                               "maximum": len(kit.handbook.proficiency_scale)})
    for row, pillar in enumerate(pillars, start=1):
        cell = row + 1
        scores.write_string(row, 0, pillar.name, wrap)
        scores.write_string(row, 1, kit.step_name(pillar), wrap)
        scores.write_number(row, 2, kit.expected(pillar), wrap)
        scores.write_string(row, 3, " ".join(kit.anchors(pillar)), wrap)
        scores.write_blank(row, 4, None, wrap)
        scores.write_formula(row, 5, f'=IF(E{cell}="","",E{cell}-C{cell})', wrap, "")
        scores.write_formula(row, 6, f'=IF(E{cell}="","",IF(E{cell}>=C{cell},"yes","no"))', wrap, "")
        scores.write_blank(row, 7, None, wrap)
    summary = last + 1
    expected_average = sum(kit.expected(pillar) for pillar in pillars) / len(pillars) if pillars else 0
    totals = (("Pillars scored", f"=COUNT(E2:E{last})", 0),
              ("Pillars at or above the bar", f'=COUNTIF(G2:G{last},"yes")', 0),
              ("Average expected step", f"=AVERAGE(C2:C{last})", expected_average),
              ("Average score", f'=IF(COUNT(E2:E{last})=0,"",AVERAGE(E2:E{last}))', ""))
    for offset, (label, formula, value) in enumerate(totals):
        scores.write_string(summary + offset, 0, label, bold)
        scores.write_formula(summary + offset, 2, formula, None, value)

    behaviours = book.add_worksheet("Behaviours")
    for column, (label, width) in enumerate(zip(BEHAVIOUR_HEADER, (18, 70, 12, 40), strict=True)):
        behaviours.write_string(0, column, label, header)
        behaviours.set_column(column, column, width)
    for row, expectation in enumerate(kit.level.expectations, start=1):
        behaviours.write_string(row, 0, expectation.theme, wrap)
        behaviours.write_string(row, 1, expectation.behaviour, wrap)
        behaviours.write_blank(row, 2, None, wrap)
        behaviours.write_blank(row, 3, None, wrap)
    seen_last = len(kit.level.expectations) + 1
    behaviours.data_validation(1, 2, seen_last - 1, 2, {"validate": "list", "source": ["yes", "no"]})
    behaviours.write_string(seen_last + 1, 0, "Behaviours seen", bold)
    behaviours.write_formula(seen_last + 1, 2, f'=COUNTIF(C2:C{seen_last},"yes")', None, 0)

    text = book.add_worksheet("Job description and loop")
    text.set_column(0, 0, 28)
    text.set_column(1, 1, 100)
    row = 0
    for block in blocks:
        if isinstance(block, Heading):
            text.write_string(row, 0, block.text, bold)
        elif isinstance(block, Paragraph):
            text.write_string(row, 1, block.text, wrap)
        elif isinstance(block, Items):
            for entry in block.items:
                text.write_string(row, 0, entry.lead or "", wrap)
                text.write_string(row, 1, entry.text, wrap)
                row += 1
            continue
        else:
            break  # the scorecard's grids have sheets of their own
        row += 1
    book.close()
    return buffer.getvalue()


def kit_files(handbook: Handbook) -> dict[str, bytes]:
    """Site path -> content of every level's kit in every format."""
    files: dict[str, bytes] = {}
    for ladder in handbook.levels.values():
        for level in ladder.ordered():
            kit = Kit(handbook, ladder, level)
            blocks = kit_blocks(kit)
            files[download_path(ladder.id, level.id, "md")] = markdown(handbook.templates_dir, blocks).encode("utf-8")
            files[download_path(ladder.id, level.id, "docx")] = kit_word(kit, blocks)
            files[download_path(ladder.id, level.id, "xlsx")] = kit_spreadsheet(kit, blocks)
    return files


def kit_page(handbook: Handbook, ladder: RoleLevels, level: Level) -> Page:
    kit = Kit(handbook, ladder, level)
    path = hiring_path(ladder.id, level.id)
    blocks = kit_blocks(kit)
    body = render(handbook.templates_dir, "pages/hiring.md.j2", kit=kit, title=kit_title(kit),
                  url=lambda target: source_link(path, target), formats=FORMATS,
                  download_path=download_path, level_path=level_path, ladder_path=ladder_path, bank_path=bank_path,
                  content=Markup(markdown(handbook.templates_dir, blocks[1:])))  # escaped for Markdown by its writer
    description = (f"A job description, interview loop and scorecard for the {level.title} level, generated from the "
                   "handbook's career framework; as Markdown, Word and a spreadsheet.")
    return Page(path, kit_title(kit), description, body, handbook.source_file("levels", ladder.id), in_nav=False,
                in_search=False)


def kit_pages(handbook: Handbook) -> list[Page]:
    return [kit_page(handbook, ladder, level) for ladder in handbook.levels.values() for level in ladder.ordered()]
