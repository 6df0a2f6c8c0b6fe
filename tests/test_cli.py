"""The `credbot` command's scripted contract: ask --json, kb export, eval."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import shared_file

KEYS = {"question", "intent", "topic", "confidence", "text", "suggestions"}
INTENTS = {"faq", "greeting", "help", "my-badges", "badge-detail", "out-of-scope"}


def credbot(*args: str, stdin: str | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        input=stdin, capture_output=True, text=True, timeout=60,
        env={**os.environ, **(env or {})},
    )


def test_ask_json_one_question():
    out = credbot("ask", "--json", "can a badge expire?")
    assert out.returncode == 0, out.stderr
    row = json.loads(out.stdout)
    assert set(row) == KEYS
    assert row["intent"] == "faq" and row["topic"] == "badge-expiry"
    assert row["question"] == "can a badge expire?" and row["text"]


def test_ask_json_stdin_one_object_per_line_in_order_blank_lines_included():
    lines = ["hi", "", "what is an open badge", "how do I reset my Coursera password", "   ", "show my badges"]
    out = credbot("ask", "--json", "-", stdin="\n".join(lines) + "\n")
    assert out.returncode == 0, out.stderr
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert [r["question"] for r in rows] == lines
    for row in rows:
        assert set(row) == KEYS
        assert row["intent"] in INTENTS
        assert row["text"].strip()
        assert isinstance(row["suggestions"], list)
        assert (row["topic"] is not None) == (row["intent"] == "faq")
    assert rows[0]["intent"] == "greeting"
    assert rows[2]["topic"] == "what-is-open-badge"
    assert rows[3]["intent"] == "out-of-scope"
    assert rows[5]["intent"] == "my-badges"


def test_ask_lines_are_separate_conversations_unless_asked():
    stdin = "what is credly\ntell me more\n"
    separate = [json.loads(x) for x in credbot("ask", "--json", "-", stdin=stdin).stdout.splitlines()]
    joined = [json.loads(x) for x in credbot("ask", "--json", "--conversation", "-", stdin=stdin).stdout.splitlines()]
    assert separate[1]["topic"] != "platform-credly"
    assert joined[1]["topic"] == "platform-credly"


def test_ask_reads_colon_commands_as_the_chat_does():
    out = credbot("ask", "--json", "--conversation", "-", stdin=":badges\nwhat is credly\n")
    first, second = (json.loads(line) for line in out.stdout.splitlines())
    assert first["intent"] == "my-badges"  # it was searched as a question
    assert second["topic"] == "platform-credly"


def test_ask_streams_answers_as_lines_arrive():
    proc = subprocess.Popen([sys.executable, "-m", "bot.cli", "ask", "--json", "-"],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        proc.stdin.write("can a badge expire?\n")
        proc.stdin.flush()
        first = json.loads(proc.stdout.readline())  # arrives before stdin is closed
        assert first["topic"] == "badge-expiry"
    finally:
        proc.stdin.close()
        proc.wait(timeout=30)


def test_ask_user_option_is_accepted():
    out = credbot("ask", "--json", "--user", "slack:T1/U2", "what badges do I have?")
    assert json.loads(out.stdout)["intent"] == "my-badges"


def test_the_privacy_contact_staff_set_is_named_when_a_learner_asks_about_their_data():
    out = credbot("ask", "who can see my badges here?", env={"CREDBOT_PRIVACY_CONTACT": "dpo@college.example"})
    assert out.returncode == 0 and out.stdout.strip().endswith("write to: dpo@college.example"), out.stdout


def test_ask_plain_text():
    out = credbot("ask", "what", "is", "an", "open", "badge")
    assert out.returncode == 0 and "Open Badge" in out.stdout


def test_kb_export_json_lists_every_indexed_phrasing():
    out = credbot("kb", "export", "--json")
    rows = json.loads(out.stdout)
    assert len(rows) >= 58
    row = next(r for r in rows if r["id"] == "badge-expiry")
    assert set(row) == {"id", "title", "questions", "answer", "tags", "names", "where", "sources"}
    assert row["title"] in row["questions"] and len(row["questions"]) > 5


def test_eval_on_a_small_file(tmp_path: Path):
    data = tmp_path / "small.jsonl"
    data.write_text("\n".join(json.dumps(x) for x in [
        {"q": "can a badge expire?", "topic": "badge-expiry", "kind": "faq"},
        {"q": "what is credly", "topic": "platform-credly", "kind": "faq"},
        {"q": "will it rain tomorrow", "topic": "intent:out-of-scope"},
        {"q": "hello", "topic": "intent:greeting"},
        {"q": "what is an open badge", "topic": "badge-expiry", "kind": "faq"},  # wrong on purpose
        # a single word is asked about, not guessed: "did you mean", with the right one first
        {"q": "linkedin", "topic": "share-badge-linkedin", "kind": "faq"},
    ]) + "\n")
    out = credbot("eval", "--json", str(data))
    summary = json.loads(out.stdout)
    assert summary["top1"] == pytest.approx(2 / 4, abs=1e-3)
    assert summary["top1_or_offered_first"] == pytest.approx(3 / 4, abs=1e-3)
    assert summary["out_of_scope_declined"] == 1.0
    assert summary["intent_accuracy"] == 1.0
    assert summary["confusions"][0]["expected"] == "badge-expiry"
    text = credbot("eval", str(data)).stdout
    assert "top-1" in text and "confusions" in text and "missed questions" not in text
    listed = credbot("eval", "--misses", str(data)).stdout
    assert "- what is an open badge\n    expected badge-expiry, got what-is-open-badge" in listed
    assert "(offered: share-badge-linkedin" in listed
    misses = json.loads(credbot("eval", "--json", "--misses", str(data)).stdout)["misses"]
    assert [m["q"] for m in misses] == ["what is an open badge", "linkedin"]


def test_eval_says_when_a_file_has_no_intents_or_out_of_scope_lines(tmp_path: Path):
    data = tmp_path / "faq.jsonl"
    data.write_text(json.dumps({"q": "can a badge expire?", "topic": "badge-expiry"}) + "\n")
    text = credbot("eval", str(data)).stdout
    assert "intents recognised:     none in the file" in text
    assert "out of scope declined:  none in the file" in text


def test_eval_reports_a_bad_line(tmp_path: Path):
    data = tmp_path / "bad.jsonl"
    data.write_text('{"q": "x", "topic": "y"}\nnot json\n')
    out = credbot("eval", str(data))
    assert out.returncode == 2 and "bad.jsonl:2" in out.stderr


def test_eval_on_the_shared_dev_set_prints_every_figure():
    dev = shared_file("eval", "dev.jsonl")
    summary = json.loads(credbot("eval", "--json", str(dev)).stdout)
    assert summary["questions"] == sum(1 for line in dev.read_text().splitlines() if line.strip())
    assert {"top1", "top1_by_kind", "out_of_scope_declined", "intent_accuracy", "confusions"} <= set(summary)


def test_ask_as_a_slack_user_sees_the_badges_staff_linked(tmp_path):
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'linked.sqlite3'}"}
    roster = tmp_path / "roster.csv"
    roster.write_text("email,badge,issuer,issued\nlea@example.org,SQL Foundations,Example University,2026-03-01\n")
    assert credbot("badges", "import", "--roster", str(roster), env=env).returncode == 0
    assert credbot("badges", "link", "--user", "slack:T1/U7", "--email", "lea@example.org", env=env).returncode == 0
    mine = json.loads(credbot("ask", "--json", "--user", "slack:T1/U7", "what badges do I have?", env=env).stdout)
    assert mine["intent"] == "my-badges" and "SQL Foundations" in mine["text"]
    other = json.loads(credbot("ask", "--json", "--user", "slack:T1/U8", "what badges do I have?", env=env).stdout)
    assert "SQL Foundations" not in other["text"]


def test_kb_teach_adds_a_phrasing_to_a_folder_of_your_own(kb_copy: Path):
    question = "my micro-credential says it lapses after two years, what do I do"
    env = {"CREDBOT_KNOWLEDGE_DIR": str(kb_copy)}
    taught = credbot("kb", "teach", "badge-expiry", *question.split(), env=env)
    assert taught.returncode == 0, taught.stderr
    assert "answers from that entry" in taught.stdout
    assert json.loads(credbot("ask", "--json", question, env=env).stdout)["topic"] == "badge-expiry"
    assert "already has" in credbot("kb", "teach", "badge-expiry", question, env=env).stdout
    refused = credbot("kb", "teach", "badge-expiry", question, env={"CREDBOT_KNOWLEDGE_DIR": ""})
    assert refused.returncode == 2 and "installed package" in refused.stderr
    declined = credbot("kb", "teach", "badge-expiry", "what", "is", "the", "weather", "tomorrow", env=env)
    assert declined.returncode == 1 and "is declined as off-topic" in declined.stderr
    assert "weather" not in (kb_copy / "entries" / "badge-expiry.md").read_text(encoding="utf-8")
    empty = credbot("kb", "teach", "badge-expiry", " ", env=env)  # it said "already has that phrasing", status 0
    assert empty.returncode == 2 and "no phrasing given" in empty.stderr


@pytest.mark.parametrize(("name", "value", "why"), [
    ("CREDBOT_RETENTION_DAYS", "0", "greater than or equal to 1"),  # it deleted every record at start
    ("CREDBOT_RETENTION_DAYS", "999999", "less than or equal to 36500"),  # a traceback at every start
    ("CREDBOT_BADGES_HTTP_TIMEOUT", "soon", "valid number"),  # it was a traceback on every command
    ("CREDBOT_BADGES_MAX_BYTES", "-1", "greater than or equal to 1024"),
    ("CREDBOT_CONTEXT_TTL", "-5", "greater than 0"),  # follow-ups silently stopped working
    ("CREDBOT_LOG_LEVEL", "LOUD", "'DEBUG', 'INFO', 'WARNING'"),  # the doctor passed it
    ("CREDBOT_LOG_FORMAT", "xml", "'text' or 'json'"),
])
def test_a_bad_setting_is_named_before_anything_runs(monkeypatch, capsys, tmp_path, name, value, why):
    from bot.cli import main

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'x.sqlite3'}")
    monkeypatch.setenv(name, value)
    assert main(["ask", "hi"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"credbot: a setting is invalid ({name}: ") and why in err
    assert not (tmp_path / "x.sqlite3").exists()  # nothing was opened, let alone purged


def test_an_empty_badge_setting_means_not_set(monkeypatch):
    from bot.badges.settings import BadgeSettings

    monkeypatch.setenv("CREDBOT_BADGES_HTTP_TIMEOUT", "")  # as an env file template leaves it
    assert BadgeSettings().http_timeout > 0


def test_db_backup_writes_a_new_file_and_refuses_an_existing_one(tmp_path: Path):
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'credbot.sqlite3'}"}
    assert credbot("db", "upgrade", env=env).returncode == 0
    done = credbot("db", "backup", str(tmp_path / "b.sqlite3"), env=env)
    assert done.returncode == 0 and "backed up the database" in done.stdout and (tmp_path / "b.sqlite3").exists()
    again = credbot("db", "backup", str(tmp_path / "b.sqlite3"), env=env)
    assert again.returncode == 1 and "already exists" in again.stderr and "Traceback" not in again.stderr
