"""The spreadsheet of a template: the CSV's sheet, with the checks and sums a reviewer would do by hand.

A rubric's score sheet marks each answer pass or fail against the one pass threshold and adds a
summary (mean per criterion, pass rate) and an agreement sheet (observed agreement and Cohen's
kappa between two reviewers' pass/fail calls). A launch checklist offers the three decisions and
the gate owners as dropdowns and adds up the launch decision. Any other sheet offers its columns'
choices as dropdowns, checks its numbers and computes a RICE score where a column asks for one.

Every string from the data or the command line is written with `write_string`, so a value that
starts with `=`, `+`, `-` or `@` stays text and never becomes a formula. XlsxWriter stamps the
current time into the document properties; it is set from the template's date, and the zip is
rewritten deterministically, so the same data gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from collections.abc import Sequence

import xlsxwriter
from xlsxwriter.format import Format
from xlsxwriter.utility import xl_col_to_name, xl_rowcol_to_cell
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from handbook.loader import Handbook
from handbook.models import DECISIONS, Checklist, Column, Rubric, Template
from handbook.models.templates import LICENCE, LICENCE_URL, RICE_INPUTS, Compute, Example
from handbook.render.archive import rezip
from handbook.render.document import (
    EXAMPLE_TITLE,
    HANDBOOK_NAME,
    VERDICT_HEADER,
    computed_value,
    header_values,
    passed,
    table_rows,
    threshold_source,
    verdicts,
)
from handbook.render.sheet import score_sheet
from handbook.stats import cohen_kappa

ENTRY_ROWS = 50
"""Rows ready for entries (validation and formulas) below a sheet's header: a calibration round or two."""
AGREEMENT_ROWS = 30
"""Answers two reviewers can compare on the agreement sheet."""
PASS_SCORE = "PassScore"
"""The workbook name of the cell that holds the pass threshold; every formula that judges a pass reads it."""
YES_NO = ("yes", "no")
PASS_FAIL = ("pass", "fail")
UNSETTLED = "adjudicate"
"""What the verdict sheet shows for an answer its reviewers split on until a third reviewer settles it."""
WIDTH_CAP = 60


def _safe_sheet_name(text: str) -> str:
    """Excel sheet names: at most 31 characters, none of []:*?/\\."""
    cleaned = "".join(" " if char in "[]:*?/\\" else char for char in text)
    return cleaned[:31].strip() or "Sheet"


class Book:
    """One workbook and the few formats every sheet shares."""

    def __init__(self, buffer: io.BytesIO, template: Template, example: bool):
        self.workbook: Workbook = xlsxwriter.Workbook(buffer, {
            "in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False})
        moment = dt.datetime.combine(template.updated, dt.time(0, 0))
        self.workbook.set_properties({
            "title": EXAMPLE_TITLE.format(title=template.title) if example else template.title, "subject": template.summary, "author": HANDBOOK_NAME,
            "company": HANDBOOK_NAME, "category": "Template", "keywords": ", ".join(template.skills),
            "comments": f"Version {template.version}, licence {LICENCE} ({LICENCE_URL})", "created": moment,
            "status": f"Version {template.version}"})
        self.bold = self.workbook.add_format({"bold": True})
        self.header = self.workbook.add_format({"bold": True, "text_wrap": True, "valign": "top",
                                                "bg_color": "#E7E6E6", "border": 1})
        self.wrap = self.workbook.add_format({"text_wrap": True, "valign": "top", "border": 1})
        self.computed = self.workbook.add_format({"valign": "top", "border": 1, "bg_color": "#F2F2F2"})
        self.widths: dict[str, Sequence[float]] = {}
        self.number = self.workbook.add_format({"valign": "top", "border": 1, "num_format": "0.00"})

    def sheet(self, name: str, header: Sequence[str], widths: Sequence[float]) -> Worksheet:
        """A sheet with a frozen, wrapped header row, printed landscape one page wide with the header repeated."""
        sheet = self.workbook.add_worksheet(_safe_sheet_name(name))
        for column, (label, width) in enumerate(zip(header, widths, strict=True)):
            sheet.write_string(0, column, label, self.header)
            sheet.set_column(column, column, width)
        self.widths[sheet.name] = widths
        self.fit(sheet, 0, header)
        sheet.freeze_panes(1, 0)
        sheet.set_landscape()
        sheet.set_paper(1)
        sheet.fit_to_pages(1, 0)
        sheet.repeat_rows(0)
        sheet.set_margins(left=0.5, right=0.5, top=0.6, bottom=0.6)
        sheet.set_footer("&L&A&RPage &P of &N")
        return sheet

    def rows(self, sheet: Worksheet, rows: Sequence[Sequence[str]], first: int = 1,
             numbers: frozenset[int] = frozenset()) -> None:
        """Cells as text, except a number typed in a column listed in `numbers`, which stays a number."""
        for offset, row in enumerate(rows):
            for column, text in enumerate(row):
                number = _number(text) if column in numbers else None
                if number is None:
                    sheet.write_string(first + offset, column, text, self.wrap)
                else:
                    sheet.write_number(first + offset, column, number, self.wrap)
            self.fit(sheet, first + offset, row)

    def fit(self, sheet: Worksheet, row: int, texts: Sequence[str]) -> None:
        """A row as tall as its most wrapped cell: LibreOffice keeps a written row at one line's height, so
        longer text would be cut off or overprint the row below."""
        lines = max((_lines(text, width) for text, width in zip(texts, self.widths[sheet.name], strict=False)),
                    default=1)
        if lines > 1:
            sheet.set_row(row, LINE_HEIGHT * lines)


LINE_HEIGHT = 15.0
"""Points per line of wrapped 11-point text."""


def _lines(text: str, width: float) -> int:
    """Lines a text wraps to in a column `width` characters wide; a little generous, as prose is narrower than
    the digit the width is measured in but a word that does not fit moves whole to the next line."""
    per_line = max(1, int(width) - 2)
    return sum(max(1, math.ceil(len(part) / per_line)) for part in str(text).split("\n"))


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def _widths(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[float]:
    """Column widths in characters: the longest word of the header or of any cell, and more for long text."""
    columns = list(zip(header, *rows, strict=True)) if rows else [(label,) for label in header]
    return [float(min(max(12, max(max((len(word) for word in cell.split()), default=0) for cell in column) + 2,
                          max(len(cell) for cell in column) // 2), WIDTH_CAP)) for column in columns]


def _about(book: Book, template: Template, handbook: Handbook, values: dict[str, str], example: Example | None) -> None:
    """The first sheet: what the workbook is, its version and licence, the reader's values, the threshold."""
    title = EXAMPLE_TITLE.format(title=template.title) if example else template.title
    rows: list[tuple[str, str]] = [("Template", title), ("Template ID", template.id),
                                   ("Version", template.version), ("Updated", template.updated.isoformat()),
                                   ("Licence", f"{LICENCE} ({LICENCE_URL})"), ("Made by", HANDBOOK_NAME)]
    rows += [("Worked example", example.about)] if example else []
    rows += header_values(template, values)
    sheet = book.sheet("About", ("Detail", "Value"), (28.0, 80.0))
    book.rows(sheet, rows)
    if template.content.rubric is not None or template.threshold_from:
        rubric, source = threshold_source(template, handbook)
        row = len(rows) + 1
        sheet.write_string(row, 0, f"Pass threshold (lowest score per criterion, from the {source.title})", book.wrap)
        sheet.write_number(row, 1, rubric.passing_score, book.wrap)
        book.workbook.define_name(PASS_SCORE, f"=About!{xl_rowcol_to_cell(row, 1, True, True)}")


def _column_range(column: int, first: int = 1, rows: int = ENTRY_ROWS) -> str:
    name = xl_col_to_name(column)
    return f"${name}${first + 1}:${name}${first + rows}"


def _rubric_sheets(book: Book, template: Template, rubric: Rubric, example: Example | None) -> None:
    header, rows = score_sheet(template, example)
    sheet = book.sheet("Score sheet", header, _widths(header, rows))
    first_score = header.index(rubric.criteria[0].name)
    last_score = first_score + len(rubric.criteria) - 1
    disallowed = header.index("Disallowed content found")
    passed = header.index("Passed")
    book.rows(sheet, [row[:passed] for row in rows], numbers=frozenset(range(first_score, last_score + 1)))
    for offset, row in enumerate(rows, start=1):
        for column, text in enumerate(row[passed + 1:], start=passed + 1):
            sheet.write_string(offset, column, text, book.wrap)
        book.fit(sheet, offset, row)
    sheet.data_validation(1, first_score, ENTRY_ROWS, last_score, {
        "validate": "integer", "criteria": "between", "minimum": rubric.scale.min, "maximum": rubric.scale.max,
        "error_title": "Score outside the scale",
        "error_message": f"Scores are whole numbers from {rubric.scale.min} to {rubric.scale.max}."})
    sheet.data_validation(1, disallowed, ENTRY_ROWS, disallowed, {"validate": "list", "source": list(YES_NO)})
    for entry_row in range(1, ENTRY_ROWS + 1):
        scores = f"{xl_rowcol_to_cell(entry_row, first_score)}:{xl_rowcol_to_cell(entry_row, last_score)}"
        flag = xl_rowcol_to_cell(entry_row, disallowed)
        sheet.write_formula(entry_row, passed, f'=IF(COUNT({scores})<{len(rubric.criteria)},"",'
                                         f'IF(AND(MIN({scores})>={PASS_SCORE},{flag}<>"yes"),"pass","fail"))',
                            book.computed, "")
    _verdict_sheet(book, rubric, example, passed)
    _rubric_summary(book, rubric, first_score, passed, example)
    _agreement(book, _agreement_pairs(rubric, example))


def _verdict_sheet(book: Book, rubric: Rubric, example: Example | None, passed: int) -> None:
    """One row per answer: its reviews and passes counted from the score sheet, a third reviewer's verdict
    where the two split, and the settled verdict the pass rate counts. Cached values are the example's."""
    settled = verdicts(rubric, example)
    sheet = book.sheet("Verdicts", VERDICT_HEADER, (14.0, 10.0, 12.0, 14.0, 14.0, 14.0))
    book.rows(sheet, [(answer,) for answer, *_ in settled])
    sheet.data_validation(1, 4, ENTRY_ROWS, 4, {"validate": "list", "source": list(PASS_FAIL)})
    ids, results = f"'Score sheet'!{_column_range(0)}", f"'Score sheet'!{_column_range(passed)}"
    share = book.workbook.add_format({"valign": "top", "border": 1, "bg_color": "#F2F2F2", "num_format": "0.0%"})
    for row in range(1, ENTRY_ROWS + 1):
        known = settled[row - 1] if row <= len(settled) else None
        answer, count, passes = (f"{name}{row + 1}" for name in "ABC")
        empty = f'OR({answer}="",{count}=0)'
        if known:
            sheet.write_string(row, 4, known[3], book.wrap)
        verdict = (f'=IF({empty},"",IF(E{row + 1}<>"",E{row + 1},'
                   f'IF({passes}={count},"pass",IF({passes}=0,"fail","{UNSETTLED}"))))')
        passing = f'COUNTIFS({ids},{answer},{results},"pass")'
        formulas = {
            1: (f'=IF({answer}="","",{passing}+COUNTIFS({ids},{answer},{results},"fail"))', book.computed,
                known[1] if known else ""),
            2: (f'=IF({answer}="","",{passing})', book.computed,
                known[2] if known else ""),
            3: (f'=IF({empty},"",{passes}/{count})', share, known[2] / known[1] if known else ""),
            5: (verdict, book.computed, (known[4] or UNSETTLED) if known else ""),
        }
        for column, (formula, style, cached) in formulas.items():
            sheet.write_formula(row, column, formula, style, cached)


def _rubric_summary(book: Book, rubric: Rubric, first_score: int, passed: int, example: Example | None) -> None:
    """Means per criterion and the pass rate over settled answers with its Wilson interval; an example's
    workbook stores each value with its formula, so a reader that does not recalculate still sees numbers."""
    sheet = book.sheet("Summary", ("Measure", "Value"), (40.0, 14.0))
    entries = example.scores if example else []
    share = book.workbook.add_format({"valign": "top", "border": 1, "bg_color": "#F2F2F2", "num_format": "0.0%"})
    for offset, criterion in enumerate(rubric.criteria, start=1):
        scores = f"'Score sheet'!{_column_range(first_score + offset - 1)}"
        mean = sum(entry.scores[criterion.id] for entry in entries) / len(entries) if entries else ""
        sheet.write_string(offset, 0, f"Mean score: {criterion.name}", book.wrap)
        sheet.write_formula(offset, 1, f'=IF(COUNT({scores})=0,"",AVERAGE({scores}))', book.number, mean)
    results, final = f"'Score sheet'!{_column_range(passed)}", f"Verdicts!{_column_range(5)}"
    calls = [rubric.passes(entry.scores, entry.disallowed) for entry in entries]
    settled = [row[4] for row in verdicts(rubric, example) if row[4]]
    row = len(rubric.criteria) + 1
    count, passes = f"B{row + 4}", f"B{row + 5}"  # the settled and passed rows below, in A1 numbering
    measures: list[tuple[str, str, Format, object]] = [
        ("Answers scored", f'=COUNTIF({results},"pass")+COUNTIF({results},"fail")', book.computed,
         len(calls) if entries else ""),
        ("Pass rate", f'=IF(B{row + 1}=0,"",COUNTIF({results},"pass")/B{row + 1})', share,
         sum(calls) / len(calls) if calls else ""),
        ("Answers awaiting a third reviewer", f'=COUNTIF({final},"{UNSETTLED}")', book.computed,
         len(verdicts(rubric, example)) - len(settled) if entries else ""),
        ("Answers settled", f'=COUNTIF({final},"pass")+COUNTIF({final},"fail")', book.computed,
         len(settled) if entries else ""),
        ("Answers passed, settled", f'=COUNTIF({final},"pass")', book.computed,
         settled.count("pass") if entries else ""),
        ("Pass rate, settled answers", f'=IF({count}=0,"",{passes}/{count})', share,
         settled.count("pass") / len(settled) if settled else ""),
    ]
    given = {"passed": str(settled.count("pass")), "items": str(len(settled))} if settled else {}
    ends: tuple[tuple[Compute, str], ...] = (("low", "95% interval, low (Wilson)"), ("high", "95% interval, high (Wilson)"))
    for kind, label in ends:
        end = computed_value(kind, given) if given else None
        measures.append((label, _formula(kind, {"passed": passes, "items": count}), share, "" if end is None else end))
    for offset, (label, formula, style, cached) in enumerate(measures, start=row):
        sheet.write_string(offset, 0, label, book.wrap)
        sheet.write_formula(offset, 1, formula, style, cached)


def _agreement_pairs(rubric: Rubric, example: Example | None) -> list[tuple[str, str, str]]:
    """In a worked example, the pass/fail calls of the first two reviewers of each answer both scored."""
    calls: dict[str, list[str]] = {}
    for entry in example.scores if example else []:
        calls.setdefault(entry.answer, []).append("pass" if passed(rubric, entry.scores, entry.disallowed) else "fail")
    return [(answer, pair[0], pair[1]) for answer, pair in calls.items() if len(pair) >= 2]


def _agreement(book: Book, pairs: list[tuple[str, str, str]]) -> None:
    """Two reviewers' pass/fail calls on the same answers: observed agreement and Cohen's kappa,
    kappa = (observed - expected) / (1 - expected), expected from each reviewer's own pass rate."""
    header = ("Answer ID", "Reviewer A: pass or fail", "Reviewer B: pass or fail", "Measure", "Value")
    sheet = book.sheet("Agreement", header, (14.0, 22.0, 22.0, 34.0, 12.0))
    book.rows(sheet, pairs)
    sheet.data_validation(1, 1, AGREEMENT_ROWS, 2, {"validate": "list", "source": list(PASS_FAIL)})
    a, b = _column_range(1, rows=AGREEMENT_ROWS), _column_range(2, rows=AGREEMENT_ROWS)
    both = f'({a}<>"")*({b}<>"")'
    measures = [
        ("Answers both reviewers judged", f"=SUMPRODUCT({both})"),
        ("Observed agreement", f'=IF(E2=0,"",SUMPRODUCT({both}*({a}={b}))/E2)'),
        ("Reviewer A pass rate", f'=IF(E2=0,"",SUMPRODUCT({both}*({a}="pass"))/E2)'),
        ("Reviewer B pass rate", f'=IF(E2=0,"",SUMPRODUCT({both}*({b}="pass"))/E2)'),
        ("Agreement expected by chance", '=IF(E2=0,"",E4*E5+(1-E4)*(1-E5))'),
        ("Cohen's kappa (pass/fail)", '=IF(E2=0,"",IF(E6=1,"",(E3-E6)/(1-E6)))'),
    ]
    for row, ((label, formula), cached) in enumerate(zip(measures, _agreement_values(pairs), strict=True), start=1):
        sheet.write_string(row, 3, label, book.wrap)
        sheet.write_formula(row, 4, formula, book.number, "" if cached is None else cached)


def _agreement_values(pairs: list[tuple[str, str, str]]) -> list[float | None]:
    """What the agreement formulas give for the pairs written, stored as their cached values so a reader that
    does not recalculate (pandas) reads the same kappa as LibreOffice or Excel."""
    calls = [(first == "pass", second == "pass") for _, first, second in pairs]
    if not calls:
        return [0, None, None, None, None, None]
    count = len(calls)
    rate_a, rate_b = sum(a for a, _ in calls) / count, sum(b for _, b in calls) / count
    chance = rate_a * rate_b + (1 - rate_a) * (1 - rate_b)
    return [count, sum(a == b for a, b in calls) / count, rate_a, rate_b, chance, cohen_kappa(calls)]


def _checklist_sheet(book: Book, template: Template, checklist: Checklist, example: Example | None) -> None:
    header, rows = score_sheet(template, example)
    sheet = book.sheet("Sign-off", header, _widths(header, rows))
    book.rows(sheet, rows)
    decision, owner = header.index("Decision"), header.index("Owner")
    last = len(rows)
    sheet.data_validation(1, decision, last, decision, {"validate": "list", "source": list(DECISIONS)})
    owners = list(dict.fromkeys(gate.owner for gate in checklist.gates))
    sheet.data_validation(1, owner, last, owner, {"validate": "list", "source": owners, "error_type": "warning"})
    decisions = f"{xl_rowcol_to_cell(1, decision)}:{xl_rowcol_to_cell(last, decision)}"
    go, conditional, no_go = DECISIONS
    sheet.write_string(last + 2, 1, "Launch decision", book.bold)
    sheet.write_formula(last + 2, 2, f'=IF(COUNTBLANK({decisions})>0,"pending",IF(COUNTIF({decisions},"{no_go}")>0,'
                                     f'"{no_go}",IF(COUNTIF({decisions},"{conditional}")>0,"{conditional}","{go}")))',
                        book.computed, "")


Z_95, Z_POWER = "NORMSINV(0.975)", "NORMSINV(0.8)"
"""The normal quantiles the statistics formulas use, as functions every spreadsheet program has."""


def _formula(kind: Compute, cells: dict[str, str]) -> str:
    """The formula of one computed cell, from its row's input cells by key; the same sums as
    `computed_value`, blank ("") while an input is missing or out of range."""
    if kind == "rice":
        reach, impact, confidence, effort = (cells[key] for key in RICE_INPUTS)
        return (f'=IF(COUNT({reach},{impact},{confidence},{effort})<4,"",'
                f'IF({effort}=0,"",{reach}*{impact}*{confidence}/{effort}))')
    if kind in ("rate", "low", "high", "meets"):
        done, items = cells["passed"], cells["items"]
        guard = f'IF(COUNT({done},{items})<2,"",IF(OR({items}<=0,{done}<0,{done}>{items},{done}<>INT({done}),{items}<>INT({items})),"",'
        rate, z = f"({done}/{items})", Z_95
        half = f"{z}*SQRT({rate}*(1-{rate})/{items}+{z}^2/(4*{items}^2))"
        centre = f"({rate}+{z}^2/(2*{items}))"
        body = {"rate": rate,
                "low": f"MAX(0,({centre}-{half})/(1+{z}^2/{items}))",
                "high": f"MIN(1,({centre}+{half})/(1+{z}^2/{items}))",
                "meets": f'IF(COUNT({cells.get("threshold", "")})<1,"",IF({done}*100>={cells.get("threshold", "")}*{items},"yes","no"))'}
        return f"={guard}{body[kind]}))"
    baseline = cells["baseline"]
    rate = f"({baseline}/100)"
    if kind == "mde":
        items = cells["items"]
        return (f'=IF(COUNT({baseline},{items})<2,"",IF(OR({baseline}<=0,{baseline}>=100,{items}<=0,{items}<>INT({items})),"",'
                f'100*({Z_95}+{Z_POWER})*SQRT(2*{rate}*(1-{rate})/{items})))')
    effect = cells["effect"]
    return (f'=IF(COUNT({baseline},{effect})<2,"",IF(OR({baseline}<=0,{baseline}>=100,{effect}<=0),"",'
            f'ROUNDUP(2*({Z_95}+{Z_POWER})^2*{rate}*(1-{rate})/({effect}/100)^2,0)))')


NUMBER_FORMATS: dict[str, str] = {"rate": "0.0%", "low": "0.0%", "high": "0.0%", "mde": "0.0", "needed": "0"}


def _table_sheet(book: Book, name: str, columns: list[Column], header: Sequence[str],
                 rows: Sequence[Sequence[str]]) -> None:
    """One table's sheet: choices as dropdowns, numbers checked, and each computed column a formula stored
    with its value, so a reader that does not recalculate (pandas, a preview) still sees the number."""
    sheet = book.sheet(name, header, _widths(header, rows))
    book.rows(sheet, rows, numbers=frozenset(index for index, column in enumerate(columns) if column.number))
    last = len(rows) + ENTRY_ROWS
    positions = {column.key: index for index, column in enumerate(columns)}
    for index, column in enumerate(columns):
        if column.choices:
            sheet.data_validation(1, index, last, index, {"validate": "list", "source": list(column.choices)})
        elif column.number:
            sheet.data_validation(1, index, last, index, {
                "validate": "decimal", "criteria": ">=", "value": 0, "error_message": f"{column.label} is a number."})
        if column.compute is None:
            continue
        style = book.workbook.add_format({"valign": "top", "border": 1, "bg_color": "#F2F2F2",
                                          "num_format": NUMBER_FORMATS.get(column.compute, "General")})
        for row in range(1, last + 1):  # an example's own value is replaced by the formula that makes it
            cells = {key: xl_rowcol_to_cell(row, position) for key, position in positions.items()}
            given = dict(zip(positions, rows[row - 1], strict=True)) if row <= len(rows) else {}
            value = computed_value(column.compute, given) if given else None
            sheet.write_formula(row, index, _formula(column.compute, cells), style, "" if value is None else value)


def _computed_tables(book: Book, template: Template, example: Example | None) -> None:
    """Tables other than the CSV's that compute something (results with intervals, sample sizes) get a sheet
    each, so their formulas travel with the workbook."""
    for section in template.content.sections:
        table = section.table
        if table is None or table.export or not table.computed():
            continue
        rows = table_rows(table, example.rows.get(section.heading) if example else None)
        _table_sheet(book, section.heading, table.columns, [column.label for column in table.columns], rows)


def spreadsheet(template: Template, handbook: Handbook, values: dict[str, str], example: Example | None = None) -> bytes:
    """The .xlsx of a template's sheet (blank, or the worked example), byte-identical for the same input."""
    buffer = io.BytesIO()
    book = Book(buffer, template, example is not None)
    _about(book, template, handbook, values, example)
    if template.content.rubric is not None:
        _rubric_sheets(book, template, template.content.rubric, example)
    elif template.content.checklist is not None:
        _checklist_sheet(book, template, template.content.checklist, example)
    else:
        section = next(section for section in template.content.sections if section.table and section.table.export)
        assert section.table is not None
        _table_sheet(book, section.heading, section.table.columns, *score_sheet(template, example))
    _computed_tables(book, template, example)
    book.workbook.close()
    return rezip(buffer.getvalue(), template.updated)
