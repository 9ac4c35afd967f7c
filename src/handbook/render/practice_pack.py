"""A printable practice pack per role with a question bank: /downloads/interviews/<role-id>-practice.<md|docx>.

The questions come first, each with room to outline an answer, and what a good answer covers comes after all
of them, so a reader working on paper answers before reading the signals. One function decides the content
(`pack_blocks`, in the format-neutral blocks of handbook.render.document); the writers only lay it out.
"""

from __future__ import annotations

from handbook.loader import Handbook
from handbook.models import KIND_NAMES, QuestionBank
from handbook.render.document import HANDBOOK_NAME, Block, Grid, Heading, Item, Items, Paragraph
from handbook.render.docx import word_document
from handbook.render.markdown import markdown

FORMATS = ("docx", "md")
ANSWER_HEADER = ("Your outline (bullet points are enough)",)


def pack_path(role_id: str, fmt: str) -> str:
    return f"downloads/interviews/{role_id}-practice.{fmt}"


def pack_title(handbook: Handbook, bank: QuestionBank) -> str:
    return f"{handbook.roles[bank.id].name} interview practice pack"


def pack_blocks(handbook: Handbook, bank: QuestionBank) -> list[Block]:
    levels = {level.id: level.title for level in handbook.levels[bank.id].ordered()}
    blocks: list[Block] = [
        Heading(1, pack_title(handbook, bank)),
        Paragraph(f"{HANDBOOK_NAME} · {len(bank.questions)} questions · CC BY 4.0", "meta"),
        Paragraph("Answer each question in the box under it before you turn to the second part, which says what a "
                  "good answer covers, what strong and weak answers show, and the follow-ups an interviewer asks. "
                  "Time yourself if you like, as an interview would."),
        Heading(2, "Part 1: the questions"),
    ]
    for number, question in enumerate(bank.questions, 1):
        pillar = handbook.pillars[question.pillar].name
        step = handbook.proficiency_scale[question.proficiency].name
        suits = ", ".join(levels[level_id] for level_id in question.levels)
        blocks += [Heading(3, f"{number}. {question.question}"),
                   Paragraph(f"{KIND_NAMES[question.kind]} · {pillar} at {step} · suits {suits}", "meta"),
                   Grid(ANSWER_HEADER, (("",),), answer=0)]
    blocks.append(Heading(2, "Part 2: what a good answer covers"))
    for number, question in enumerate(bank.questions, 1):
        blocks += [Heading(3, f"{number}. {question.question}"),
                   Items(tuple(Item(point) for point in question.outline), "number"),
                   Items((*(Item(signal, "Strong") for signal in question.strong),
                          *(Item(signal, "Weak") for signal in question.weak),
                          *(Item(follow_up, "Follow-up") for follow_up in question.follow_ups)))]
    return blocks


def pack_files(handbook: Handbook) -> dict[str, bytes]:
    """Site path -> content of every role's practice pack, in each format."""
    files: dict[str, bytes] = {}
    for role_id, bank in handbook.interviews.items():
        blocks = pack_blocks(handbook, bank)
        files[pack_path(role_id, "md")] = markdown(handbook.templates_dir, blocks).encode("utf-8")
        files[pack_path(role_id, "docx")] = word_document(
            blocks, title=pack_title(handbook, bank), subject=handbook.roles[role_id].summary,
            category="Interview practice", identifier=f"{role_id}-practice")
    return dict(sorted(files.items()))
