"""Typed records for every kind of handbook data: the contract between YAML and rendering."""

from handbook.models.cases import Case, Figure, Step, TemplateUse
from handbook.models.comparisons import Comparison, ComparisonRow, ComparisonSection, SectionTable
from handbook.models.common import SLUG_PATTERN, Record, Slug, Text, Title, Url
from handbook.models.guide import (
    DecisionAnswer, DecisionList, DecisionQuestion, FaqEntry, FaqList, Glossary, GlossaryTerm, InterviewMistake,
    MistakeList, PayFigure, PayList, PayShare, PrepList, PrepStep, WorkedExample,
)
from handbook.models.roles import STRENGTH_LEVEL, WEEKDAYS, Artifact, FitWeights, Misconception, Move, Role, Week
from handbook.models.skills import Pillar, PillarList
from handbook.models.sources import Source, SourceList
from handbook.models.templates import (
    DECISIONS, Blank, Checklist, Column, Content, Criterion, EvalTask, Gate, Profile, ProfileField, Rubric, Scale,
    ScoreLevel, Section, Table, Template, Variable,
)
from handbook.models.tools import (
    DIMENSIONS, Dimension, EarningsPreset, EarningsSettings, Multipliers, Ratings, RoleFitSettings, SelfCheckSettings,
    Statement, TeamContext, Tool, Verdict, Verdicts,
)

__all__ = [
    "SLUG_PATTERN", "STRENGTH_LEVEL", "WEEKDAYS", "Artifact", "FitWeights", "Misconception", "Move", "Pillar",
    "PillarList", "Record", "Role", "Slug", "Source", "SourceList", "Template", "Text", "Title", "Url",
    "Variable", "Week",
    "Case", "Figure", "Step", "TemplateUse",
    "Comparison", "ComparisonRow", "ComparisonSection", "SectionTable",
    "DECISIONS", "Blank", "Checklist", "Column", "Content", "Criterion", "EvalTask", "Gate", "Profile", "ProfileField",
    "Rubric", "Scale", "ScoreLevel", "Section", "Table",
    "DecisionAnswer", "DecisionList", "DecisionQuestion", "FaqEntry", "FaqList", "Glossary", "GlossaryTerm",
    "InterviewMistake", "MistakeList", "PayFigure", "PayList", "PayShare", "PrepList", "PrepStep", "WorkedExample",
    "DIMENSIONS", "Dimension", "EarningsPreset", "EarningsSettings", "Multipliers", "Ratings", "RoleFitSettings",
    "SelfCheckSettings", "Statement", "TeamContext", "Tool", "Verdict", "Verdicts",
]
