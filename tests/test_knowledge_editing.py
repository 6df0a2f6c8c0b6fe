"""Adding a phrasing to an entry file: a small, safe edit that reads back exactly."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from knowledge import BUNDLED_DIR
from knowledge.editing import EditError, add_questions, restore
from knowledge.loader import load_knowledge


def test_a_phrasing_is_appended_and_nothing_else_changes(kb_copy: Path):
    path = kb_copy / "entries" / "badge-expiry.md"
    before = path.read_text(encoding="utf-8")
    os.chmod(path, 0o640)
    edit = add_questions(kb_copy, "badge-expiry", ["how long is my badge good for"])
    after = path.read_text(encoding="utf-8")
    assert edit.added == ("how long is my badge good for",)
    added = [line for line in after.splitlines() if line not in before.splitlines()]
    assert added == ['  - "how long is my badge good for"']
    assert after.replace('  - "how long is my badge good for"\n', "", 1) == before
    assert load_knowledge(kb_copy).entries["badge-expiry"].questions[-1] == "how long is my badge good for"
    assert path.stat().st_mode & 0o777 == 0o640


def test_hostile_text_reads_back_as_the_same_text(kb_copy: Path):
    tricky = ['is it "valid": yes # or no?', "@everyone - [x] {y}: *z*", "line one\nline two\u200b"]
    edit = add_questions(kb_copy, "badge-expiry", tricky)
    questions = load_knowledge(kb_copy).entries["badge-expiry"].questions
    assert questions[-3:] == list(edit.added)
    assert edit.added[2] == "line one line two"  # one line, no invisible characters


def test_a_phrasing_the_entry_has_is_not_added_twice(kb_copy: Path):
    edit = add_questions(kb_copy, "badge-expiry", ["Can a badge EXPIRE?"])
    assert edit.added == () and edit.already == ("Can a badge EXPIRE?",)


def test_restore_puts_the_file_back(kb_copy: Path):
    path = kb_copy / "entries" / "badge-expiry.md"
    before = path.read_text(encoding="utf-8")
    restore(add_questions(kb_copy, "badge-expiry", ["how long is my badge good for"]))
    assert path.read_text(encoding="utf-8") == before


def test_refusals_say_what_to_do(kb_copy: Path):
    with pytest.raises(EditError, match="CREDBOT_KNOWLEDGE_DIR"):
        add_questions(BUNDLED_DIR, "badge-expiry", ["x"])
    with pytest.raises(EditError, match="no entry 'nope'"):
        add_questions(kb_copy, "nope", ["x"])
    path = kb_copy / "entries" / "badge-expiry.md"
    text = path.read_text(encoding="utf-8")
    start = text.index("questions:")
    end = text.index("tags:")
    path.write_text(text[:start] + "questions: [can a badge expire, do badges expire, a, b, c]\n" + text[end:],
                    encoding="utf-8")
    with pytest.raises(EditError, match="one '- ' item per line"):
        add_questions(kb_copy, "badge-expiry", ["x"])
