"""Guide content that belongs to no single role: glossary, decision questions, interview advice, pay, FAQ.

Each kind is one list file directly under data/ and feeds one page of "Choose & grow" or
"Reference". Anything about one role (its myths, moves, interview focus) stays in that role's
file and is gathered from there, so it is never typed twice.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from handbook.models.common import Record, Slug, Text, Title

Definition = Annotated[Text, StringConstraints(max_length=320)]


class GlossaryTerm(Record):
    """A term readers meet across the site; every page shows its definition on hover where it first appears."""

    REFERENCES = (("source", "sources"),)

    id: Slug = Field(description="Stable anchor on the glossary page: /glossary/#<id>.")
    term: Title
    group: Title = Field(description="Heading the term is listed under on the glossary page.")
    aliases: list[Title] = Field(
        default_factory=list,
        description="Other spellings to mark on pages. A plural ending in 's' is always matched; a spelling in "
                    "capitals only (RICE, OKR) matches only in capitals.",
    )
    definition: Definition = Field(description="One or two plain sentences; shown on hover, so keep it short.")
    source: Slug | None = Field(default=None, description="Source id when a public reference defines the term.")

    def spellings(self) -> list[str]:
        return [self.term, *self.aliases]


class Glossary(Record):
    terms: list[GlossaryTerm] = Field(min_length=1)

    @model_validator(mode="after")
    def _each_spelling_names_one_term(self) -> Glossary:
        owner: dict[str, str] = {}
        for term in self.terms:
            for spelling in term.spellings():
                key = " ".join(spelling.lower().split())
                if owner.setdefault(key, term.id) != term.id:
                    raise ValueError(f"the spelling '{spelling}' of '{term.id}' is already used by '{owner[key]}'")
        return self


class DecisionAnswer(Record):
    """One way of answering a decision question, and the role it points to."""

    answer: Text = Field(description="What is true of the reader who gives this answer.")
    lean: Slug = Field(description="Role id this answer points toward.")
    then: Text = Field(description="What to build next once you have leaned that way.")
    grow_toward: Slug | None = Field(default=None, description="Role or shape id that next step leads toward.")


class DecisionQuestion(Record):
    """A question that separates two or more paths; every answer leads to a role page."""

    REFERENCES = (("answers[].lean", "roles"), ("answers[].grow_toward", "roles"), ("sources[]", "sources"))

    id: Slug = Field(description="Stable anchor on the decision guide: /choose/#<id>.")
    question: Title
    context: Text = Field(description="Why the question matters, in a sentence or two.")
    answers: list[DecisionAnswer] = Field(min_length=2)
    sources: list[Slug] = Field(min_length=1)


class DecisionList(Record):
    questions: list[DecisionQuestion] = Field(min_length=1)


class PrepStep(Record):
    """One item of the interview preparation checklist."""

    REFERENCES = (("roles[]", "roles"), ("sources[]", "sources"))

    id: Slug
    step: Text
    roles: list[Slug] = Field(default_factory=list, description="Roles it applies to; empty when it suits every role.")
    sources: list[Slug] = Field(default_factory=list)


class PrepList(Record):
    steps: list[PrepStep] = Field(min_length=1)


class InterviewMistake(Record):
    """A mistake seen in interviews, told as a bad example and a good one."""

    REFERENCES = (("role", "roles"), ("sources[]", "sources"))

    id: Slug = Field(description="Stable anchor on the interview page: /interviews/#<id>.")
    role: Slug = Field(description="Role the interview is for.")
    side: Literal["candidate", "interviewer"]
    bad: Text
    good: Text
    sources: list[Slug] = Field(default_factory=list)


class MistakeList(Record):
    mistakes: list[InterviewMistake] = Field(min_length=1)


class PayShare(Record):
    """Part of a pay package as a percentage range of the total."""

    part: Title
    low: int = Field(ge=0, le=100)
    high: int = Field(ge=0, le=100)


class WorkedExample(Record):
    """Hours times rate, computed here so a worked example can never carry an arithmetic slip."""

    label: Title
    rate: int = Field(gt=0, description="US dollars an hour.")
    hours_per_week: int = Field(gt=0, le=80)
    weeks_per_year: int | None = Field(default=None, gt=0, le=52, description="Set for an annual example.")

    @property
    def weekly(self) -> int:
        return self.rate * self.hours_per_week

    @property
    def annual(self) -> int | None:
        return None if self.weeks_per_year is None else self.weekly * self.weeks_per_year


class PayFigure(Record):
    """A pay figure exactly as one source claims it; the page labels it with that source and its date."""

    REFERENCES = (("source", "sources"),)

    id: Slug = Field(description="Stable anchor on the compensation page: /compensation/#<id>.")
    group: Literal["contract", "salaried"] = Field(
        description="'contract' for hourly AI-training work, 'salaried' for employed roles."
    )
    what: Title = Field(description="Who is paid, for what: 'Staff AI product manager, total compensation'.")
    low: int = Field(gt=0, description="US dollars per `unit`.")
    high: int = Field(gt=0, description="US dollars per `unit`.")
    unit: Literal["hour", "year"]
    difference: bool = Field(default=False, description="True when the range is a gap between two roles, not a level.")
    structure: list[PayShare] = Field(default_factory=list, description="How a package splits, when the source says.")
    examples: list[WorkedExample] = Field(default_factory=list)
    caveat: Text = Field(description="What the figure covers and what it does not.")
    source: Slug

    @model_validator(mode="after")
    def _ranges_are_ordered(self) -> PayFigure:
        if self.low > self.high:
            raise ValueError(f"low ({self.low}) must not be more than high ({self.high})")
        for share in self.structure:
            if share.low > share.high:
                raise ValueError(f"the share '{share.part}' runs from {share.low}% to {share.high}%; put the lower first")
        if self.structure and not sum(s.low for s in self.structure) <= 100 <= sum(s.high for s in self.structure):
            raise ValueError("the shares of the structure cannot add up to 100%")
        return self


class PayList(Record):
    figures: list[PayFigure] = Field(min_length=1)


class FaqEntry(Record):
    """A frequently asked question with the handbook's answer."""

    REFERENCES = (("roles[]", "roles"), ("sources[]", "sources"))

    id: Slug = Field(description="Stable anchor on the FAQ page: /faq/#<id>.")
    question: Title
    answer: Text
    roles: list[Slug] = Field(default_factory=list, description="Role pages to read next.")
    sources: list[Slug] = Field(default_factory=list)


class FaqList(Record):
    questions: list[FaqEntry] = Field(min_length=1)
