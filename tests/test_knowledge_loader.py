"""The knowledge base format: every broken case is reported with file, field and what to do."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.cli import main
from bot.evaluation import read_examples
from knowledge.loader import KnowledgeError, check_knowledge, load_knowledge
from tests.conftest import DATA

GOOD = """---
id: {id}
title: A good entry
questions:
  - what is a good entry
  - tell me about good entries
tags: [example]
related: [{related}]
sources:
  - https://example.org/source
updated: 2026-11-29
---
{answer}
"""
ANSWER = " ".join(["Word"] * 80)


def write(kb: Path, name: str, text: str) -> Path:
    path = kb / "entries" / name
    path.write_text(text, encoding="utf-8")
    return path


def good(entry_id: str = "good-entry", related: str = "what-is-microcredential", answer: str = ANSWER) -> str:
    return GOOD.format(id=entry_id, related=related, answer=answer)


def messages(kb: Path, severity: str = "error") -> list[str]:
    return [str(p) for p in check_knowledge(kb).problems if p.severity == severity]


def test_bundled_knowledge_base_has_no_errors(bundled_kb):
    result = check_knowledge(bundled_kb.directory)
    assert result.errors == []
    assert len(result.knowledge.entries) >= 5


def test_bundled_entries_cover_the_shared_topic_list(bundled_kb):
    from tests.conftest import shared_file

    topics = re.findall(r"^\| `([a-z0-9-]+)` \|", shared_file("knowledge-topics.md").read_text(), re.M)
    missing = sorted(set(topics) - set(bundled_kb.entries))
    assert missing == []


@pytest.mark.parametrize("name", ["scope_questions.jsonl", "chat_questions.jsonl", "boundaries.jsonl",
                                  "platform_questions.jsonl", "near_domain.jsonl", "voices.jsonl"])
def test_the_labelled_question_sets_name_only_bundled_topics(bundled_kb, name):
    examples = read_examples(DATA / name)
    assert len(examples) > 40
    unknown = {ex.label for ex in examples if not ex.label.startswith("intent:")} - set(bundled_kb.entries)
    assert not unknown, f"{name} names topics the bundled base lacks: {sorted(unknown)}"


def test_a_valid_new_entry_loads(kb_copy):
    write(kb_copy, "good-entry.md", good())
    kb = load_knowledge(kb_copy)
    assert kb.entries["good-entry"].title == "A good entry"
    assert kb.entries["good-entry"].answer.startswith("Word")


@pytest.mark.parametrize(
    ("text", "field", "hint"),
    [
        (good().replace("title: A good entry", "title: A: good: entry: [x"), None, "not valid YAML"),
        (good().replace("title: A good entry\n", ""), "title", "required field is missing"),
        (good().replace("title: A good entry", "title: ''"), "title", "must not be empty"),
        (good().replace("questions:\n  - what is a good entry\n  - tell me about good entries", "questions: []"),
         "questions", "must not be empty"),
        (good().replace("updated: 2026-11-29", "updated: last tuesday"), "updated", "YYYY-MM-DD"),
        (good().replace("id: good-entry", "id: Good Entry"), "id", "kebab-case"),
        (good().replace("tags: [example]", "tags: [example]\ncolour: blue"), "colour", "unknown field"),
        (good().replace("https://example.org/source", "example dot org"), "sources", "not a web link"),
        (good(answer=""), "answer", "must not be empty"),
        ("no front matter at all\n", None, "no front matter"),
        (good().replace("tags: [example]", "answer: inline\ntags: [example]"), "answer", "below the front matter"),
    ],
    ids=["bad-yaml", "missing-title", "empty-title", "empty-questions", "bad-date", "bad-id", "unknown-field",
         "bad-source", "empty-answer", "no-front-matter", "answer-as-field"],
)
def test_each_broken_entry_is_an_error_naming_file_and_field(kb_copy, text, field, hint):
    write(kb_copy, "broken.md", text)
    errors = messages(kb_copy)
    assert any("entries/broken.md" in e and hint in e and (field is None or f": {field}" in e) for e in errors), errors
    with pytest.raises(KnowledgeError):
        load_knowledge(kb_copy)


def test_duplicate_id_names_both_files(kb_copy):
    write(kb_copy, "copy.md", good(entry_id="what-is-microcredential"))
    errors = messages(kb_copy)
    assert any("duplicate id 'what-is-microcredential'" in e and "entries/" in e for e in errors), errors


def test_unknown_related_id_is_an_error(kb_copy):
    write(kb_copy, "good-entry.md", good(related="no-such-topic"))
    assert any("entries/good-entry.md: related" in e and "no-such-topic" in e for e in messages(kb_copy))


def test_all_problems_are_listed_at_once(kb_copy):
    write(kb_copy, "one.md", good(entry_id="one", related="missing-one"))
    write(kb_copy, "two.md", good(entry_id="two").replace("title: A good entry\n", ""))
    write(kb_copy, "three.md", "garbage")
    errors = messages(kb_copy)
    assert {"one.md", "two.md", "three.md"} <= {re.search(r"entries/(\w+\.md)", e).group(1) for e in errors}


def test_length_and_source_warnings_do_not_stop_loading(kb_copy):
    write(kb_copy, "short.md", good(entry_id="short", answer="Too short an answer."))
    write(kb_copy, "long.md", good(entry_id="long", answer=" ".join(["word"] * 300)))
    write(kb_copy, "nosource.md", good(entry_id="nosource").replace("sources:\n  - https://example.org/source\n", ""))
    warnings = messages(kb_copy, "warning")
    assert any("short.md: answer" in w and "under 60" in w for w in warnings)
    assert any("long.md: answer" in w and "under 250" in w for w in warnings)
    assert any("nosource.md: sources" in w for w in warnings)
    assert {"short", "long", "nosource"} <= set(load_knowledge(kb_copy).entries)


def test_bad_synonyms_and_pathways_files_are_errors(kb_copy):
    (kb_copy / "synonyms.yaml").write_text("- just\n- a list\n", encoding="utf-8")
    (kb_copy / "pathways.yaml").write_text("pathways:\n  - id: x\n    title: X\n", encoding="utf-8")
    errors = messages(kb_copy)
    assert any(e.startswith("error: synonyms.yaml") for e in errors)
    assert any("pathways.yaml (pathways x): awards" in e for e in errors)
    assert any("pathways.yaml (pathways x): steps" in e for e in errors)


def test_kb_check_command_exit_codes_and_output(kb_copy, capsys, monkeypatch):
    monkeypatch.setenv("CREDBOT_KNOWLEDGE_DIR", str(kb_copy))
    assert main(["kb", "check"]) == 0
    assert "0 error(s)" in capsys.readouterr().out

    write(kb_copy, "short.md", good(entry_id="short", answer="Too short."))
    assert main(["kb", "check"]) == 0  # warnings only
    assert "1 warning(s)" in capsys.readouterr().out

    write(kb_copy, "broken.md", good(entry_id="broken", related="nowhere"))
    assert main(["kb", "check"]) == 1
    out = capsys.readouterr().out
    assert "error: entries/broken.md: related: unknown id 'nowhere'" in out


def test_bot_refuses_to_start_on_a_broken_knowledge_base(kb_copy, capsys, monkeypatch):
    write(kb_copy, "broken.md", "---\nid: [\n---\nbody\n")
    monkeypatch.setenv("CREDBOT_KNOWLEDGE_DIR", str(kb_copy))
    assert main(["ask", "what is a badge"]) == 1
    err = capsys.readouterr().err
    assert "entries/broken.md" in err and "not valid YAML" in err


def test_missing_folder_is_a_clear_error(tmp_path):
    result = check_knowledge(tmp_path / "nowhere")
    assert result.knowledge is None
    assert "CREDBOT_KNOWLEDGE_DIR" in str(result.errors[0])


def test_a_phrasing_that_would_always_be_declined_is_a_warning(kb_copy):
    text = good(entry_id="login-help").replace("  - tell me about good entries", "  - I forgot my password for the badge site")
    write(kb_copy, "login-help.md", text)
    warnings = messages(kb_copy, "warning")
    assert any("login-help.md: questions" in w and "'password'" in w and "account-support" in w for w in warnings)


def test_a_subject_warns_only_on_a_phrasing_that_asks_about_no_credential(kb_copy):
    text = good(entry_id="coding").replace("  - tell me about good entries",
                                           "  - a micro-credential in JavaScript\n  - learning javascript fast")
    write(kb_copy, "coding.md", text)
    warnings = [w for w in messages(kb_copy, "warning") if "coding.md: questions" in w]
    assert len(warnings) == 1 and "'learning javascript fast'" in warnings[0] and "subject" in warnings[0]


def test_answers_are_reflowed_but_keep_their_structure():
    from knowledge.schema import reflow

    text = "First line\ncontinues here.\n\n- item one\n  wraps on\n- item two\n\n## Heading\nPara\n\n```\ncode\nkept\n```"
    assert reflow(text) == (
        "First line continues here.\n\n- item one wraps on\n- item two\n\n## Heading\nPara\n\n```\ncode\nkept\n```"
    )
