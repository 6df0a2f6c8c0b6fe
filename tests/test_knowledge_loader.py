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
                                  "platform_questions.jsonl", "near_domain.jsonl", "voices.jsonl",
                                  "faq_forum.jsonl"])
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
        (good().replace("https://example.org/source", "example dot org"), "source 1", "not a web link"),
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


def test_kb_check_lists_every_bad_source_link_in_a_file(kb_copy, capsys, monkeypatch):
    # it stopped at the first: staff fixed that one, ran the check again, and met the next
    links = "  - example dot org\n  - https://example.org/source\n  - ''\n  - www.example.org/page\n"
    write(kb_copy, "good-entry.md", good().replace("  - https://example.org/source\n", links))
    monkeypatch.setenv("CREDBOT_KNOWLEDGE_DIR", str(kb_copy))
    assert main(["kb", "check"]) == 1
    out = capsys.readouterr().out
    assert ("error: entries/good-entry.md: source 1: not a web link: 'example dot org' (write the full https:// "
            "address)") in out
    assert "error: entries/good-entry.md: source 4: not a web link: 'www.example.org/page' (write the full" in out
    assert ": 2 error(s)" in out  # (the blank line is dropped, as in the other lists)


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
    assert any("short.md: questions" in w and "at least 5" in w for w in warnings)  # two phrasings passed silently
    assert {"short", "long", "nosource"} <= set(load_knowledge(kb_copy).entries)


def test_bad_synonyms_and_pathways_files_are_errors(kb_copy):
    (kb_copy / "synonyms.yaml").write_text("- just\n- a list\n", encoding="utf-8")
    (kb_copy / "pathways.yaml").write_text("pathways:\n  - id: x\n    title: X\n", encoding="utf-8")
    errors = messages(kb_copy)
    assert any(e.startswith("error: synonyms.yaml") for e in errors)
    assert any("pathways.yaml (pathway x): awards" in e for e in errors)
    assert any("pathways.yaml (pathway x): steps" in e for e in errors)


def test_kb_check_command_exit_codes_and_output(kb_copy, capsys, monkeypatch):
    monkeypatch.setenv("CREDBOT_KNOWLEDGE_DIR", str(kb_copy))
    assert main(["kb", "check"]) == 0
    assert "0 error(s)" in capsys.readouterr().out

    write(kb_copy, "short.md", good(entry_id="short", answer="Too short."))
    assert main(["kb", "check"]) == 0  # warnings only: the answer's length, and two phrasings
    assert "2 warning(s)" in capsys.readouterr().out

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


def test_a_platforms_name_in_another_entrys_title_is_a_warning(kb_copy):
    # "Coursera free trials ..." as a title made "coursera" no longer say which platform: "is
    # coursera free?" became "did you mean"
    write(kb_copy, "trials.md", good(entry_id="trials").replace("title: A good entry", "title: Coursera free trials"))
    warnings = messages(kb_copy, "warning")
    assert any("trials.md: title" in w and "'Coursera'" in w and "platform-coursera" in w for w in warnings)
    assert [w for w in warnings if ": title" in w and "trials.md" not in w] == []  # (the bundled titles name none)


def test_a_place_word_most_entries_use_is_a_warning(kb_copy):
    # "MicroCreds", an Irish project, read as "micro-credential": every such question named Ireland
    entry = kb_copy / "entries" / "ireland-microcredentials.md"
    entry.write_text(entry.read_text(encoding="utf-8").replace("IUA, CORU,", "IUA, MicroCreds, CORU,"), encoding="utf-8")
    result = check_knowledge(kb_copy)
    assert result.knowledge is not None
    assert any(p.field == "where" and "'MicroCreds'" in p.message and p.severity == "warning" for p in result.problems)
    assert not any(p.field == "where" for p in check_knowledge().problems)  # the bundled base has none


def test_a_phrasing_that_would_always_be_declined_is_a_warning(kb_copy):
    text = good(entry_id="login-help").replace("  - tell me about good entries", "  - I forgot my password for the badge site")
    write(kb_copy, "login-help.md", text)
    warnings = messages(kb_copy, "warning")
    assert any("login-help.md: questions" in w and "'password'" in w and "account-support" in w for w in warnings)


def test_a_subject_warns_only_on_a_phrasing_that_asks_about_no_credential(kb_copy):
    text = good(entry_id="coding").replace("  - tell me about good entries",
                                           "  - a micro-credential in JavaScript\n  - learning javascript fast")
    write(kb_copy, "coding.md", text)
    warnings = [w for w in messages(kb_copy, "warning") if "coding.md: questions" in w and "phrasing(s)" not in w]
    assert len(warnings) == 1 and "'learning javascript fast'" in warnings[0] and "subject" in warnings[0]


def test_answers_are_reflowed_but_keep_their_structure():
    from knowledge.schema import reflow

    text = "First line\ncontinues here.\n\n- item one\n  wraps on\n- item two\n\n## Heading\nPara\n\n```\ncode\nkept\n```"
    assert reflow(text) == (
        "First line continues here.\n\n- item one wraps on\n- item two\n\n## Heading\nPara\n\n```\ncode\nkept\n```"
    )


# --- pathways.yaml: a pathway that can never be completed (QA finding 3) ---

def _pathways_with(kb: Path, old: str, new: str) -> None:
    path = kb / "pathways.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(("required", "hint"), [("5", "5, but the pathway lists only 4 steps"), ("0", "1 or more"),
                                              ("true", "must be a whole number")])  # "true" was read as 1: one badge of four
def test_a_required_count_no_learner_can_reach_is_an_error_naming_the_pathway(kb_copy, required, hint):
    _pathways_with(kb_copy, "required: 3", f"required: {required}")
    errors = messages(kb_copy)
    assert any("pathways.yaml (pathway project-management-essentials): required: " in e and hint in e
               for e in errors), errors


def test_a_badge_listed_twice_in_a_pathway_is_an_error(kb_copy):
    _pathways_with(kb_copy, "      - badge: Data Visualization and Storytelling",
                   "      - badge: Data Visualization and Storytelling\n      - badge: sql foundations.")
    errors = messages(kb_copy)
    assert any("pathways.yaml (pathway data-analytics-certificate): steps: 'sql foundations.' is listed twice "
               "(steps 2 and 4)" in e for e in errors), errors


CYBER_STEPS = ("    steps:\n      - badge: Networking Basics\n      - badge: Security Principles\n"
               "      - badge: Incident Response Fundamentals\n")


@pytest.mark.parametrize(("old", "new", "expected"), [
    # a step written as a bare name was "Input should be a valid dictionary or instance of PathwayStep"
    ("      - badge: Agile and Scrum Fundamentals", "      - Agile and Scrum Fundamentals",
     "(pathway project-management-essentials): step 2: must be written as fields (badge, description), not a "
     "single value: '- badge: Agile and Scrum Fundamentals'"),
    # a step's misspelt field listed the pathway's fields as the ones to use
    ("      - badge: SQL Foundations", "      - bagde: SQL Foundations",
     "(pathway data-analytics-certificate): bagde of step 2: unknown field (a typo?): the fields are badge, description"),
    ("      - badge: Networking Basics", "      - badge: 101",
     "(pathway cybersecurity-foundations): badge of step 1: must be text (quote it if YAML read it as a number"),
    (CYBER_STEPS, "    steps: []\n", "(pathway cybersecurity-foundations): steps: must not be empty: list at least one"),
    # with no id, the pathway was "pathways 2", counted from 0
    ("  - id: cybersecurity-foundations\n    title:", "  - title:",
     "(pathway number 3, 'Cybersecurity Foundations'): id: required field is missing: add it"),
    ("pathways:\n", "pathways:\n  - Data Analytics\n",
     "(pathway number 1): must be a set of fields (name: value), not a single value: start it '- id: ...'"),
    # a duplicate id named neither pathway
    ("id: cybersecurity-foundations", "id: data-analytics-certificate",
     "(pathway data-analytics-certificate): id: duplicate id, also the id of 'Data Analytics Certificate' above: "
     "give 'Cybersecurity Foundations' or that one another id"),
    ("required: 3", "required: 3\n    colour: blue",
     "(pathway project-management-essentials): colour: unknown field (a typo?): the fields are id, title, awards"),
], ids=["step-as-a-name", "step-field-typo", "badge-a-number", "no-steps", "no-id", "item-as-a-name", "duplicate-id",
        "unknown-field"])
def test_every_pathways_error_names_the_pathway_and_the_field_in_plain_words(kb_copy, old, new, expected):
    _pathways_with(kb_copy, old, new)
    errors = [e for e in messages(kb_copy) if e.startswith("error: pathways.yaml")]
    assert any(e.startswith(f"error: pathways.yaml {expected}") for e in errors), errors
    # no class name, no pydantic wording, no place counted from 0 ("steps.0.badge")
    assert not any(re.search(r"Pathway[A-Z]|Input should|[a-z]\.[0-9]|\[[0-9]", e) for e in errors), errors


def test_a_pathway_issuer_that_names_no_one_is_an_error(kb_copy):
    # progress counts only the named issuer's badges: "-" matched none, and the pathway could never be completed
    _pathways_with(kb_copy, "issuer: Example Polytechnic", "issuer: '-'")
    errors = messages(kb_copy)
    assert any("pathways.yaml (pathway cybersecurity-foundations): issuer: " in e and "'-' names no issuer" in e
               for e in errors), errors


@pytest.mark.parametrize(("issuer_id", "expected"), [
    ("example.edu/issuer", "issuer_id: 'example.edu/issuer' is not an issuer id: write the id its badges give"),
    ("Example Polytechnic", "issuer_id: 'Example Polytechnic' is not an issuer id"),
], ids=["bare-host", "a-name"])
def test_a_pathway_issuer_id_that_is_no_id_is_an_error(kb_copy, issuer_id, expected):
    # compared exactly with a badge's issuer id, it would match none: the pathway could never be completed
    _pathways_with(kb_copy, "issuer: Example Polytechnic", f"issuer: Example Polytechnic\n    issuer_id: {issuer_id}")
    errors = messages(kb_copy)
    assert any(f"pathways.yaml (pathway cybersecurity-foundations): {expected}" in e for e in errors), errors


def test_a_pathway_issuer_id_needs_the_issuer_name_too(kb_copy):
    # a roster's badge gives no issuer id: with no name to match, it would count whoever issued it
    _pathways_with(kb_copy, "issuer: Example Polytechnic", "issuer_id: did:web:polytechnic.example")
    errors = messages(kb_copy)
    assert any("pathways.yaml (pathway cybersecurity-foundations): issuer_id: is given without issuer: write issuer "
               "too" in e for e in errors), errors


def test_a_pathway_issuer_id_is_read(kb_copy):
    _pathways_with(kb_copy, "issuer: Example Polytechnic",
                   "issuer: Example Polytechnic\n    issuer_id: ' https://polytechnic.example/issuer.json '")
    assert messages(kb_copy) == []
    pathway = next(p for p in load_knowledge(kb_copy).pathways if p.id == "cybersecurity-foundations")
    assert pathway.issuer_id == "https://polytechnic.example/issuer.json"


def test_a_pathway_matches_an_issuer_by_id_when_both_give_one_and_by_name_otherwise():
    from knowledge.schema import Pathway, PathwayStep

    steps = [PathwayStep(badge="Networking Basics")]
    by_id = Pathway(id="p", title="P", awards="P", issuer="Example Polytechnic",
                    issuer_id="https://poly.example/issuer", steps=steps)
    assert by_id.counts_issuer("Example Polytechnic (renamed)", "https://poly.example/issuer")
    assert not by_id.counts_issuer("Example Polytechnic", "https://namesake.example/issuer")
    assert by_id.counts_issuer("example polytechnic", None) and not by_id.counts_issuer("Other", None)
    by_name = by_id.model_copy(update={"issuer_id": ""})  # as every pathway before issuer_id: names only
    assert by_name.counts_issuer("Example Polytechnic", "https://namesake.example/issuer")
    assert not by_name.counts_issuer("Other", "https://poly.example/issuer")


def test_progress_on_a_pathway_that_slipped_past_the_checks_does_not_crash():
    import datetime as dt

    from bot.badges.skill import BadgeSkill
    from bot.badges.store import AwardView
    from knowledge.schema import Pathway, PathwayStep

    steps = [PathwayStep(badge=name) for name in ("Planning", "Agile", "Planning", "Risk")]
    pathway = Pathway.model_construct(id="pm", title="PM", awards="PM Certificate", issuer="", steps=steps,
                                      required=5, source=None)  # as if validation were skipped
    awards = [AwardView(id=n, learner_id=1, name=name, issuer="X", issuer_url=None, issued=dt.datetime(2025, 1, n),
                        expires=None, status="unverified", revoked=False, revocation_reason=None, format="roster",
                        credential_id=None) for n, name in enumerate(("Planning", "Agile", "Risk"), 1)]
    skill = BadgeSkill.__new__(BadgeSkill)  # _progress uses nothing of the skill's services
    assert "you have 3 of the 3 badges" in skill._progress(pathway, awards).text
    reply = skill._progress(pathway, awards[:1])
    assert "Still needed: Agile; Risk" in reply.text and "Planning; Planning" not in reply.text


# --- a duplicate key drops what staff wrote under the first (QA finding 4) ---

@pytest.mark.parametrize(("file", "addition", "key"), [
    ("synonyms.yaml", "microcredential: [micro-course, short course credential]\n", "microcredential"),
    ("out_of_scope.yaml", "groups: []\n", "groups"),
    ("pathways.yaml", "pathways: []\n", "pathways"),
])
def test_a_key_written_twice_in_a_yaml_file_is_an_error_with_both_lines(kb_copy, file, addition, key):
    path = kb_copy / file
    text = path.read_text(encoding="utf-8")
    first = next(n for n, line in enumerate(text.splitlines(), 1) if line.startswith(f"{key}:"))
    path.write_text(text.rstrip("\n") + "\n" + addition, encoding="utf-8")
    second = len(path.read_text(encoding="utf-8").splitlines())
    errors = messages(kb_copy)
    expected = f"error: {file}: line {second}: {key!r} is already defined at line {first}: merge"
    assert any(e.startswith(expected) for e in errors), errors


def test_a_second_questions_block_in_an_entry_is_an_error_not_a_silent_loss(kb_copy):
    text = good().replace("tags: [example]", "questions:\n  - what do alumni pay\ntags: [example]")
    write(kb_copy, "good-entry.md", text)
    errors = messages(kb_copy)
    # the file's lines: '---' is line 1, so the first questions: is line 4 and the second line 7
    expected = "error: entries/good-entry.md: line 7: 'questions' is already defined at line 4: merge"
    assert any(e.startswith(expected) for e in errors), errors


def test_a_nested_duplicate_key_is_an_error_but_a_yaml_merge_override_is_not():
    import yaml

    from knowledge.loader import load_yaml

    with pytest.raises(yaml.YAMLError, match="'badge' is defined twice, at lines 2 and 3"):
        load_yaml("steps:\n  - badge: A\n    badge: B\n")
    assert load_yaml("base: &b {a: 1}\nmine:\n  <<: *b\n  a: 2\n")["mine"] == {"a": 2}


def test_teaching_an_entry_with_a_duplicate_key_is_refused_not_a_crash(kb_copy):
    from knowledge.editing import EditError, add_questions

    path = kb_copy / "entries" / "cost.md"
    original = path.read_text(encoding="utf-8").replace("\ntags:", "\nquestions:\n  - what do alumni pay\ntags:", 1)
    path.write_text(original, encoding="utf-8")
    with pytest.raises(EditError, match="cost.md does not load: `credbot kb check` says why"):
        add_questions(kb_copy, "cost", ["do alumni pay less"])
    assert path.read_text(encoding="utf-8") == original


# --- kb check sends staff to the right file (QA finding 13) ---

def test_links_to_an_entry_that_failed_to_load_are_not_called_unknown(kb_copy):
    path = kb_copy / "entries" / "cost.md"
    text = path.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title:"))
    path.write_text(text.replace(title, title.replace("title:", "title", 1)), encoding="utf-8")
    result = check_knowledge(kb_copy)
    errors = [str(p) for p in result.errors]
    assert len(errors) == 1 and "entries/cost.md" in errors[0] and "no ':' after its field name" in errors[0], errors
    linking = [str(w) for w in result.warnings if ": related: " in str(w)]
    assert linking and all("'cost' is in entries/cost.md, which failed to load (see its error)" in w
                           and "remove" not in w for w in linking), linking


def test_an_unclosed_quote_is_reported_where_it_opens(kb_copy):
    write(kb_copy, "broken.md", good().replace("  - what is a good entry", '  - "what is a good entry'))
    errors = messages(kb_copy)
    assert any("entries/broken.md" in e and "the quote opened at line 5, column 5 is not closed" in e
               for e in errors), errors


def test_a_copied_entry_with_the_original_id_is_the_one_told_to_change(kb_copy):
    original = kb_copy / "entries" / "cost.md"
    write(kb_copy, "cost-for-alumni.md", original.read_text(encoding="utf-8"))  # sorts before cost.md
    problems = [str(p) for p in check_knowledge(kb_copy).problems]
    assert ("error: entries/cost-for-alumni.md: id: duplicate id 'cost', also used by entries/cost.md: change the id "
            "in this file to 'cost-for-alumni', to match its file name") in problems, problems
    assert not any(p.startswith(("error: entries/cost.md", "warning: entries/cost.md")) for p in problems), problems
    assert not any("rename the file to cost.md" in p for p in problems), problems


def test_a_misnamed_entry_is_never_told_to_rename_onto_an_existing_file(kb_copy):
    # other.md has id 'cost' (and cost.md has become 'price'): renaming other.md to cost.md would overwrite it
    cost = kb_copy / "entries" / "cost.md"
    text = cost.read_text(encoding="utf-8")
    cost.write_text(text.replace("id: cost\n", "id: price\n", 1), encoding="utf-8")
    write(kb_copy, "other.md", text)
    warnings = [str(p) for p in check_knowledge(kb_copy).problems if ": id: " in str(p)]
    assert not any("rename the file to cost.md" in w for w in warnings), warnings
    assert any("entries/other.md: id" in w and "change the id in this file to 'other'" in w for w in warnings), warnings
    assert any("entries/cost.md: id" in w and "rename the file to price.md" in w for w in warnings), warnings


def test_entry_files_that_are_not_read_are_warnings(kb_copy):
    entries = kb_copy / "entries"
    write(kb_copy, "alumni-discount.markdown", good(entry_id="alumni-discount"))
    write(kb_copy, "shouty.MD", good(entry_id="shouty"))
    (entries / "drafts").mkdir()
    write(kb_copy, "drafts/draft-topic.md", good(entry_id="draft-topic"))
    (entries / ".cost.md.swp").write_text("x", encoding="utf-8")
    (entries / "cost.md~").write_text("x", encoding="utf-8")
    result = check_knowledge(kb_copy)
    warnings = [str(w) for w in result.warnings]
    assert any("entries/alumni-discount.markdown: not read" in w and "rename it to alumni-discount.md" in w
               for w in warnings), warnings
    assert any("entries/shouty.MD: not read" in w and "shouty.md" in w for w in warnings), warnings
    assert any("entries/drafts/: subfolders are not read" in w for w in warnings), warnings
    assert not any("swp" in w or "~" in w for w in warnings), warnings
    assert result.errors == [] and "alumni-discount" not in result.knowledge.entries


def test_an_answers_steps_are_its_list_items_and_paragraphs_after_the_opening():
    import datetime as dt

    from knowledge.schema import Entry

    entry = Entry(id="x", title="X", questions=["x?"], updated=dt.date(2026, 1, 1), answer=(
        "The direct answer.\n\nWork through these steps:\n\n- **First** do this,\n  over two lines.\n"
        "- **Second** do that.\n\n1. A numbered one.\n\nStill stuck? Ask someone."))
    assert entry.steps == ["- **First** do this, over two lines.", "- **Second** do that.", "1. A numbered one.",
                           "Still stuck? Ask someone."]


def test_a_date_that_does_not_exist_names_its_line(kb_copy):
    # it was "month must be in 1..12", naming neither the field nor the line
    path = kb_copy / "entries" / "badge-expiry.md"
    text = path.read_text(encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row.startswith("updated:"))
    path.write_text("\n".join("updated: 2026-13-45" if row.startswith("updated:") else row
                              for row in text.splitlines()) + "\n", encoding="utf-8")
    assert f"entries/badge-expiry.md: line {line}: '2026-13-45' is not a date that exists" in " ".join(messages(kb_copy))


def test_a_missing_or_misnamed_optional_file_is_said(kb_copy):
    # "ok: 0 error(s), 0 warning(s)", and the pathways were silently gone
    (kb_copy / "pathways.yaml").rename(kb_copy / "pathway.yaml")
    (kb_copy / "synonyms.yaml").unlink()
    warned = messages(kb_copy, "warning")
    assert "warning: pathways.yaml: not found: no pathway progress is shown (pathway.yaml is there: rename it pathways.yaml)" \
        in warned
    assert "warning: synonyms.yaml: not found: no synonyms are used" in warned
    assert not messages(kb_copy)  # still usable
