"""Interview questions of a job role: one YAML file per role under data/interviews/.

A question names the pillar and the step of the proficiency scale it probes and the levels of the role's
ladder it suits, so its page can print that step's descriptors beside the strong and weak signals, and
the hiring kit of a level can pick the questions of its loop from the bank.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Literal

from pydantic import Field

from handbook.models.common import Record, Slug, Text

QuestionKind = Literal["product-sense", "evaluation-metrics", "technical-collaboration", "research-depth",
                       "behavioural-judgement", "case"]
KIND_NAMES: dict[str, str] = {
    "product-sense": "Product sense for AI features",
    "evaluation-metrics": "Evaluation and metrics",
    "technical-collaboration": "Technical collaboration",
    "research-depth": "Research depth",
    "behavioural-judgement": "Behaviour and judgement",
    "case": "Case interview",
}
"""Each kind as a heading and a filter label say it, in the order the bank lists them."""


class Question(Record):
    """One question, what a good answer covers, and how a strong answer differs from a weak one."""

    id: Slug = Field(description="Unique in the file; the question's anchor on its role's bank page.")
    kind: QuestionKind = Field(description="What sort of interview the question belongs to; `research-depth` only "
                                           "for roles whose families include research, `case` only with `case`.")
    pillar: Slug = Field(description="The skill pillar the question probes: one the role is rated on.")
    proficiency: Slug = Field(description="The step of the proficiency scale a strong answer shows; each level in "
                                          "`levels` expects this step on the pillar, or one step either side.")
    levels: list[Slug] = Field(min_length=1, description="Ids of levels of the role's ladder the question suits.")
    question: Text = Field(description="The question as an interviewer asks it.")
    outline: list[Text] = Field(min_length=2, max_length=8,
                                description="The points a good answer covers, in the order it would make them.")
    strong: list[Text] = Field(min_length=1, description="What a strong answer shows.")
    weak: list[Text] = Field(min_length=1, description="What a weak answer shows or leaves out.")
    follow_ups: list[Text] = Field(min_length=2, max_length=4, description="Questions that probe deeper.")
    case: Slug | None = Field(default=None, description="Id of the case study in data/cases/ a case interview is built on.")
    source: Slug | None = Field(default=None, description="Id of the source in data/sources.yaml the question is "
                                                          "adapted from, if any.")


class QuestionBank(Record):
    """The interview questions of one job role; the file name and `id` are the role's id."""

    REFERENCES = (("id", "roles"), ("id", "levels"), ("questions[].pillar", "pillars"),
                  ("questions[].case", "cases"),
                  ("questions[].source", "sources"))

    id: Slug = Field(description="The role's id, which is also the file name; the role needs a career ladder.")
    questions: list[Question] = Field(min_length=1)


Problem = tuple[tuple[str | int, ...], str]


def question_problems(bank: QuestionBank, pillars: Sequence[str], levels: Mapping[str, Mapping[str, str]],
                      scale: Sequence[str], research: bool) -> Iterator[Problem]:
    """What the schema cannot check: ids once, a pillar of the role, levels of its ladder that expect the
    question's step or one beside it (two steps off, a question is trivial or unfair), research depth only
    for research roles, and a case interview built on a case. `levels`: level id -> its proficiency."""
    seen: dict[str, int] = {}
    for index, question in enumerate(bank.questions):
        at = ("questions", index)
        if question.id in seen:
            yield (*at, "id"), f"duplicate question id '{question.id}'; already used by questions[{seen[question.id]}]"
        seen.setdefault(question.id, index)
        if question.pillar not in pillars:
            yield (*at, "pillar"), (f"expected a pillar the role is rated on ({', '.join(pillars)}); "
                                    f"got '{question.pillar}'")
        if question.proficiency not in scale:
            yield (*at, "proficiency"), f"expected one of {', '.join(scale)}; got '{question.proficiency}'"
        for position, level_id in enumerate(question.levels):
            if level_id not in levels:
                yield (*at, "levels", position), (f"unknown level '{level_id}' of this role; expected one of "
                                                  f"{', '.join(levels)}")
                continue
            expected = levels[level_id].get(question.pillar)
            if expected in scale and question.proficiency in scale and \
                    abs(scale.index(expected) - scale.index(question.proficiency)) > 1:
                yield (*at, "levels", position), (f"'{level_id}' expects {expected} on {question.pillar}, two steps or "
                                                  f"more from the question's {question.proficiency}; drop the level "
                                                  "or change the proficiency")
        if question.kind == "research-depth" and not research:
            yield (*at, "kind"), "research-depth questions are for roles whose families include research"
        if question.kind == "case" and question.case is None:
            yield (*at, "kind"), "a case interview names its case study under `case`"
        if question.kind != "case" and question.case is not None:
            yield (*at, "case"), "only a question of kind `case` names a case study"
