"""The worked examples read as one product's paper trail; these checks keep that trail from contradicting itself.

The examples follow one fictional product from canvas to retrospective, and a launch reviewer reads them side
by side. Each check below is a rule such a reviewer applies: a gate marked go stands on figures that meet the
plan's limits, a slice's floor is the one the plan sets, a document is dated after what it reports, an ID or a
version it names exists, "Approved" waits for every approval, a sign-off comes from someone who did not do the
work, and an agreement figure is the one the score sheet gives. Every problem points at the line to edit.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from handbook.errors import DataError
from handbook.models.templates import DECISIONS, Example, Limit, Template
from handbook.stats import cohen_kappa, interval_text

if TYPE_CHECKING:
    from handbook.loader import Origin

Path = tuple[str | int, ...]
SLICE_GAP, PASS_RATE = "slice_gap", "pass_rate"
"""The limits that set a slice's floor: the overall pass rate less the gap, and never below the overall limit."""
SLICE_INPUTS = ("metric", "slice", "passed", "items", "threshold")
"""A results table the floor applies to: a rate per metric and slice, from passed and items, against a threshold."""
ID_TAIL = re.compile(r"\d+$")
KAPPA = re.compile(r"kappa\s*=?\s*(-?\d+(?:\.\d+)?)", re.IGNORECASE)
WITHIN_ONE = re.compile(r"(\d+(?:\.\d+)?)% within one point", re.IGNORECASE)
INTERVAL = re.compile(r"\b(\d+) of (\d+)\b[^()]{0,80}?\((\d+(?:\.\d+)?% to \d+(?:\.\d+)?%)\)")
"""A count stated with its interval in prose, such as "35 of 40, whose 95% interval (73.9% to 94.5%)"."""


def chain_problems(templates: Mapping[str, Template], origins: Mapping[tuple[str, str], Origin]) -> Iterator[DataError]:
    """Every contradiction between the worked examples, and within one, as positioned errors; the loader
    passes the templates that validated and where each was written. A machine-readable model card's fields are
    checked here too, so the card cannot name a part of the document that is not there."""
    for template_id, template in templates.items():
        card = template.content.model_card
        for field, message in card.problems(template.content.sections, template.variables) if card else []:
            yield origins[("templates", template_id)].error(("content", "model_card", "fields", field), message)
    examples = {template_id: template for template_id, template in templates.items() if template.example}
    for template_id, template in examples.items():
        origin = origins[("templates", template_id)]
        for path, message in example_problems(template, examples):
            yield origin.error(("example", *path), message)


def example_problems(template: Template, examples: dict[str, Template]) -> Iterator[tuple[Path, str]]:
    """One example's contradictions, with the path of the field to edit inside its `example`."""
    example = template.example
    assert example is not None
    followed = {template_id: examples[template_id] for template_id in example.follows if template_id in examples}
    yield from _dates(template, followed)
    yield from _gates(template, followed)
    yield from _slice_floors(template, followed)
    yield from _approvals(template)
    yield from _independent(template)
    yield from _agreement(template)
    yield from _verdicts(template)
    yield from _names(template, examples)
    yield from _intervals(template)
    yield from _slice_sizes(template, followed)


def _limits(followed: dict[str, Template]) -> dict[str, tuple[Limit, str]]:
    """The limits of the examples this one follows, each with the template that sets it."""
    return {name: (limit, template_id) for template_id, template in followed.items() if template.example
            for name, limit in template.example.limits.items()}


def _dates(template: Template, followed: dict[str, Template]) -> Iterator[tuple[Path, str]]:
    """Dates run in the order the template declares them, the document's last date is no earlier than the last
    date of any example it follows, and a `run` reported in a table is no later than the document reporting it."""
    own = _dated(template)
    for (name, day), (later, next_day) in itertools.pairwise(own):
        if next_day < day:
            yield ("values", later), f"{next_day} is before {name} ({day}); dates run in the order listed"
    if not own:
        return
    own_name, last_own = max(own, key=lambda item: item[1])
    for template_id, other in followed.items():
        other_dates = _dated(other)
        if other_dates and last_own < max(day for _, day in other_dates):
            last_name, last = max(other_dates, key=lambda item: item[1])
            yield (("values", own_name), (f"{last_own} is before the {template_id} example it follows "
                                         f"({last_name} {last}); date it after what it reports"))
    assert template.example is not None
    for heading, rows in template.example.rows.items():
        for index, row in enumerate(rows):
            for found in re.findall(r"\d{4}-\d{2}-\d{2}", row.get("run", "")):
                if dt.date.fromisoformat(found) > last_own:
                    yield (("rows", heading, index, "run"),
                           f"run on {found}, after the document's date {last_own}; report only runs already made")


def _dated(template: Template) -> list[tuple[str, dt.date]]:
    """The example's date values, in declared order."""
    assert template.example is not None
    values = template.example.values
    found = []
    for variable in template.variables:
        if variable.kind == "date" and variable.name in values:
            try:
                found.append((variable.name, dt.date.fromisoformat(values[variable.name])))
            except ValueError:
                continue
    return found


def _gates(template: Template, followed: dict[str, Template]) -> Iterator[tuple[Path, str]]:
    """A gate whose measured figure misses the plan's limit is no-go, and the decision adds the gates up."""
    example = template.example
    assert example is not None
    limits = _limits(followed)
    for gate_id, entry in example.gates.items():
        for metric, value in entry.measured.items():
            if metric not in limits:
                known = ", ".join(sorted(limits)) or "none: add the plan to `follows`"
                yield ("gates", gate_id, "measured", metric), (f"no limit named {metric} in the examples followed; " \
                                                              f"limits are {known}")
                continue
            limit, source = limits[metric]
            if limit.misses(value) and entry.decision != "no-go":
                yield (("gates", gate_id, "decision"),
                       (f"marked {entry.decision}, but {metric} is {value:g} against the {source} example's limit "
                       f"({limit}); a gate whose evidence misses a limit is no-go"))
    if not example.gates:
        return
    go, conditional, no_go = DECISIONS
    decisions = {entry.decision for entry in example.gates.values()}
    overall = no_go if no_go in decisions else conditional if conditional in decisions else go
    for heading, answers in example.answers.items():
        written = answers.get("Decision")
        if written is not None and not written.lower().rstrip(".").startswith(overall):
            yield (("answers", heading, "Decision"),
                   f"the gates add up to {overall} under the checklist's rule; the decision says {written!r}")


def _number(text: str | None) -> float | None:
    try:
        return float(text) if text else None
    except ValueError:
        return None


def _slice_floors(template: Template, followed: dict[str, Template]) -> Iterator[tuple[Path, str]]:
    """In a results table, each slice's threshold is the plan's floor (the overall rate less the allowed gap),
    and the overall threshold is the plan's pass rate; a threshold set lower hides a slice that fails."""
    example = template.example
    assert example is not None
    limits = _limits(followed)
    gap, overall_limit = limits.get(SLICE_GAP), limits.get(PASS_RATE)
    for heading, rows in example.rows.items():
        if not rows or not all(key in row for key in SLICE_INPUTS for row in rows):
            continue
        overall: dict[str, float] = {}
        for row in rows:
            done, items = _number(row["passed"]), _number(row["items"])
            if row["slice"] == "all" and done is not None and items:
                overall[row["metric"]] = 100 * done / items
        for index, row in enumerate(rows):
            threshold = _number(row["threshold"])
            if threshold is None:
                continue
            if row["slice"] == "all" and overall_limit and row["metric"] in _pass_metrics(rows) \
                    and overall_limit[0].min is not None and threshold < overall_limit[0].min:
                yield (("rows", heading, index, "threshold"),
                       (f"{threshold:g}% is below the release pass rate of {overall_limit[0].min:g}% that the "
                       f"{overall_limit[1]} example sets"))
            if row["slice"] != "all" and gap and gap[0].max is not None and row["metric"] in overall:
                floor = overall[row["metric"]] - gap[0].max
                if overall_limit and overall_limit[0].min is not None:
                    floor = min(floor, overall_limit[0].min)
                if threshold < floor - 0.05:
                    yield (("rows", heading, index, "threshold"),
                           (f"{threshold:g}% is below the slice floor of {floor:.1f}% (the overall "
                           f"{overall[row['metric']]:.1f}% less the {gap[0].max:g} points the {gap[1]} example "
                           f"allows)"))


def _pass_metrics(rows: list[dict[str, str]]) -> set[str]:
    """The first metric of a results table is the one the release pass rate applies to."""
    return {rows[0]["metric"]} if rows else set()


def _approvals(template: Template) -> Iterator[tuple[Path, str]]:
    """A document that says Approved has every approval in, by name, on or before its own date."""
    example = template.example
    assert example is not None
    status = example.values.get("status", "")
    dates = _dated(template)
    if not status.lower().startswith("approved") or not dates:
        return
    day = max(date for _, date in dates)
    for section in template.content.sections:
        if not (section.table and section.table.signoff):
            continue
        rows = example.rows.get(section.heading, [])
        given = {row.get("role", "") for row in rows}
        for starter in section.table.rows:
            if starter.get("role") and starter["role"] not in given:
                yield ("values", "status"), f"says {status}, but {section.heading} has no row for {starter['role']}"
        for index, row in enumerate(rows):
            decision, signed = row.get("decision", ""), row.get("date", "")
            if not decision.lower().startswith("approved") or not row.get("name"):
                yield (("rows", section.heading, index, "decision"),
                       f"the document says {status}, so every approval is needed; this row has {decision!r}")
            elif not re.fullmatch(r"\d{4}-\d{2}-\d{2}", signed) or dt.date.fromisoformat(signed) > day:
                yield (("rows", section.heading, index, "date"),
                       f"approved on {signed or 'no date'}, after the document's date {day} already says {status}")


def _independent(template: Template) -> Iterator[tuple[Path, str]]:
    """Nobody named in a table's `independent_of` column signs the answer that must be independent of them."""
    example = template.example
    assert example is not None
    for section in template.content.sections:
        for blank in section.blanks:
            answer = example.answers.get(section.heading, {}).get(blank.label)
            if not (blank.independent_of and answer):
                continue
            for heading, rows in example.rows.items():
                for row in rows:
                    person = row.get(blank.independent_of, "")
                    if person and person in answer:
                        what = row.get("id") or heading
                        yield (("answers", section.heading, blank.label),
                               (f"{person} is the {blank.independent_of} of {what}; this sign-off must come from "
                               f"someone independent of it"))


def _agreement(template: Template) -> Iterator[tuple[Path, str]]:
    """A calibration row dated like the score sheet states the kappa and the share within one point that the
    sheet computes, over the number of answers it holds."""
    rubric, example = template.content.rubric, template.example
    if rubric is None or example is None or not example.scores:
        return
    by_date: dict[str, dict[str, list[dict[str, int] | bool]]] = {}
    for entry in example.scores:
        calls = by_date.setdefault(entry.run_date.isoformat(), {})
        calls.setdefault(entry.answer, []).extend([rubric.passes(entry.scores, entry.disallowed), entry.scores])
    for heading, rows in example.rows.items():
        for index, row in enumerate(rows):
            answers = by_date.get(row.get("date", ""))
            if answers is None or "agreement" not in row:
                continue
            paired = {answer: calls for answer, calls in answers.items() if len(calls) >= 4}
            yield from _agreement_row(heading, index, row, paired)


def _verdicts(template: Template) -> Iterator[tuple[Path, str]]:
    """Every answer the reviewers split on has one adjudicated verdict, and only those answers have one, so
    the pass rate counts each answer once and settled."""
    rubric, example = template.content.rubric, template.example
    if rubric is None or example is None:
        return
    calls: dict[str, set[bool]] = {}
    first: dict[str, int] = {}
    for index, entry in enumerate(example.scores):
        calls.setdefault(entry.answer, set()).add(rubric.passes(entry.scores, entry.disallowed))
        first.setdefault(entry.answer, index)
    for answer, called in calls.items():
        if len(called) > 1 and answer not in example.verdicts:
            yield ("scores", first[answer], "answer"), (
                f"the reviewers split on {answer}, pass and fail; settle it under verdicts")
    for answer in example.verdicts:
        if len(calls.get(answer, set())) < 2:
            yield ("verdicts", answer), (f"{answer} has no split to settle: its reviewers agree, or nobody "
                                         "scored it")


def _agreement_row(heading: str, index: int, row: dict[str, str],
                   paired: dict[str, list[Any]]) -> Iterator[tuple[Path, str]]:
    if row.get("items") != str(len(paired)):
        yield (("rows", heading, index, "items"),
               f"the score sheet holds {len(paired)} answers scored by two reviewers on {row['date']}")
    kappa = cohen_kappa([(calls[0], calls[2]) for calls in paired.values()])
    stated = KAPPA.search(row["agreement"])
    if stated and (kappa is None or abs(float(stated.group(1)) - kappa) >= 0.005):
        shown = "undefined" if kappa is None else f"{kappa:.2f}"
        yield (("rows", heading, index, "agreement"),
               f"states kappa {stated.group(1)}, but the score sheet's pass/fail calls give {shown}")
    close = [abs(calls[1][key] - calls[3][key]) <= 1 for calls in paired.values() for key in calls[1]]
    share = WITHIN_ONE.search(row["agreement"])
    if share and close and abs(float(share.group(1)) - 100 * sum(close) / len(close)) >= 0.5:
        yield (("rows", heading, index, "agreement"),
               (f"states {share.group(1)}% within one point, but the score sheet gives "
               f"{100 * sum(close) / len(close):.0f}%"))


def _texts(value: Any, path: Path = ()) -> Iterator[tuple[Path, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, path + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _texts(item, path + (index,))


def _ids(examples: dict[str, Template]) -> dict[str, tuple[set[str], str]]:
    """ID families the examples define in their tables' `id` column: prefix -> (the IDs, the defining template)."""
    families: dict[str, tuple[set[str], str]] = {}
    for template_id, template in examples.items():
        assert template.example is not None
        for rows in template.example.rows.values():
            for row in rows:
                identifier = row.get("id", "")
                prefix = ID_TAIL.sub("", identifier)
                if prefix != identifier and prefix:
                    families.setdefault(prefix, (set(), template_id))[0].add(identifier)
    return families


def _names(template: Template, examples: dict[str, Template]) -> Iterator[tuple[Path, str]]:
    """Every ID of a defined family, and every "<template title> version N" named, exists as written."""
    example: Example | None = template.example
    assert example is not None
    families = _ids(examples)
    titles = {other.title.lower(): other for other in examples.values()}
    version = re.compile(rf"\b({'|'.join(re.escape(title) for title in titles)}),?\s+(?:version\s+)?(\d+(?:\.\d+)+)",
                         re.IGNORECASE) if titles else None
    for path, text in _texts(example.model_dump(mode="json")):
        for prefix, (known, source) in families.items():
            for found in re.findall(rf"(?<![\w-]){re.escape(prefix)}\d+\b", text):
                if found not in known:
                    yield path, f"{found} is not an ID in the {source} example; its IDs are {', '.join(sorted(known))}"
        for title, number in version.findall(text) if version else []:
            named = titles[title.lower()]
            if number != named.version:
                yield path, f"names {named.title} version {number}; that template is version {named.version}"


def _intervals(template: Template) -> Iterator[tuple[Path, str]]:
    """An interval written in prose beside its counts is the Wilson 95% interval of those counts, the one the
    tables and the spreadsheets compute."""
    assert template.example is not None
    for path, text in _texts(template.example.model_dump(mode="json")):
        for done, items, stated in INTERVAL.findall(text):
            if 0 < int(items) and int(done) <= int(items) and stated != interval_text(int(done), int(items)):
                yield path, (f"states {done} of {items} with the interval {stated}; the Wilson 95% interval of "
                             f"those counts is {interval_text(int(done), int(items))}")


def _composition(rows: list[dict[str, str]]) -> dict[str, int] | None:
    """A table of item counts by slice (no pass counts) as slice -> items, with `all` their sum; None for
    any other table."""
    if not rows or any("slice" not in row or "passed" in row for row in rows):
        return None
    counts = {row["slice"]: int(number) for row in rows if (number := _number(row.get("items"))) is not None}
    return {**counts, "all": sum(counts.values())} if len(counts) == len(rows) else None


def _slice_sizes(template: Template, followed: dict[str, Template]) -> Iterator[tuple[Path, str]]:
    """Results reported on a dataset rest on the number of items its data card gives each slice, and a
    data card's slices add up to the items of the runs made on it."""
    example = template.example
    assert example is not None
    sizes: dict[str, tuple[int, str]] = {}
    for template_id, other in followed.items():
        assert other.example is not None
        for rows in other.example.rows.values():
            counts = _composition(rows)
            sizes |= {name: (count, template_id) for name, count in (counts or {}).items()}
    for heading, rows in example.rows.items():
        counts = _composition(rows)
        if counts is not None:
            yield from _composition_runs(heading, counts["all"], followed)
            continue
        for index, row in enumerate(rows):
            if "passed" not in row or row.get("slice") not in sizes:
                continue
            count, source = sizes[row["slice"]]
            if _number(row.get("items")) != count:
                yield (("rows", heading, index, "items"),
                       (f"the {source} example gives the slice '{row['slice']}' {count} items; this row says "
                       f"{row.get('items') or 'none'}"))


def _composition_runs(heading: str, total: int, followed: dict[str, Template]) -> Iterator[tuple[Path, str]]:
    """Every whole-dataset run a followed example logs (a row of passed and items, with no slice) counts as
    many items as the slices add up to."""
    for template_id, other in followed.items():
        assert other.example is not None
        for rows in other.example.rows.values():
            for row in rows:
                items = _number(row.get("items"))
                if "passed" in row and "slice" not in row and items is not None and items != total:
                    yield (("rows", heading, 0, "items"),
                           (f"the slices add up to {total} items, but the {template_id} example logs a run of "
                           f"{items:g} items on {row.get('date', 'its dataset')}"))
                    return
