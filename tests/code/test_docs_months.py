"""Every built month's docs page opens with "The idea": the concept for a newcomer, in plain
words with one small worked example, before the design notes an engineer reads."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from aieng.runs.registry import BUILT

DOCS = Path(__file__).resolve().parents[2] / "docs"
MAX_WORDS = 320  # short: the idea and one example, not a second copy of the page


def idea(month: str) -> str:
    """The text of the page's first section, which must be "The idea"."""
    (page,) = DOCS.glob(f"{month}-*.md")  # one page per built month
    text = page.read_text(encoding="utf-8")
    headings = re.findall(r"^## (.+)$", text, flags=re.MULTILINE)
    assert headings and headings[0] == "The idea", (
        f"{page.name}: the first section is {headings[:1]}, not 'The idea'"
    )
    start = text.index("## The idea\n") + len("## The idea\n")
    end = text.find("\n## ", start)
    return text[start:end]


@pytest.mark.parametrize("month", [m.id for m in BUILT])
def test_each_month_page_opens_with_the_idea(month: str) -> None:
    section = idea(month)
    words = len(section.split())
    assert words <= MAX_WORDS, f"{month}: 'The idea' has {words} words; keep it to {MAX_WORDS}"
    assert "```" not in section, f"{month}: 'The idea' holds a code block; it is for words"
    assert "worked example" in section.lower(), f"{month}: 'The idea' has no worked example"
    numbers = re.findall(r"\d+(?:[.,]\d+)?", section)
    assert len(numbers) >= 5, f"{month}: the worked example needs numbers, found {numbers}"
