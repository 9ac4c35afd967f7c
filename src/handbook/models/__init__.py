"""Typed records for every kind of handbook data: the contract between YAML and rendering."""

from handbook.models.common import SLUG_PATTERN, Record, Slug, Text, Title, Url
from handbook.models.roles import STRENGTH_LEVEL, WEEKDAYS, Artifact, FitWeights, Misconception, Move, Role, Week
from handbook.models.skills import Pillar, PillarList
from handbook.models.sources import Source, SourceList
from handbook.models.templates import Template, Variable

__all__ = [
    "SLUG_PATTERN", "STRENGTH_LEVEL", "WEEKDAYS", "Artifact", "FitWeights", "Misconception", "Move", "Pillar",
    "PillarList", "Record", "Role", "Slug", "Source", "SourceList", "Template", "Text", "Title", "Url",
    "Variable", "Week",
]
