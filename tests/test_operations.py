"""Operations: credbot doctor, JSON logs without message text, Prometheus metrics."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys

from bot import metrics
from bot.doctor import diagnose
from bot.engine import Engine
from bot.logs import JsonFormatter
from bot.messages import Incoming
from bot.settings import Settings


def doctor(**env) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bot.cli", "doctor"], capture_output=True, text=True, timeout=60,
                          env={**os.environ, **env})


def test_doctor_on_a_good_configuration(tmp_path):
    out = doctor(DATABASE_URL=f"sqlite:///{tmp_path / 'd.sqlite3'}", SLACK_BOT_TOKEN="xoxb-1-2-abc",
                 SLACK_SIGNING_SECRET="s3cret", CREDBOT_STAFF="slack:T1/U1")
    assert out.returncode == 0, out.stdout
    assert "[ok] knowledge base" in out.stdout and "[ok] slack: configured for HTTP mode" in out.stdout


def test_doctor_on_a_broken_configuration_says_what_to_fix(tmp_path):
    out = doctor(DATABASE_URL="postgresql://nobody@127.0.0.1:1/none", CREDBOT_KNOWLEDGE_DIR=str(tmp_path / "none"),
                 SLACK_BOT_TOKEN="not-a-token", SLACK_CLIENT_ID="", CREDBOT_STAFF="bob")
    assert out.returncode == 1
    text = out.stdout
    assert "[fail] knowledge base" in text and "CREDBOT_KNOWLEDGE_DIR" in text
    assert "[fail] database: cannot reach" in text and "DATABASE_URL" in text
    assert "xoxb-" in text and "SLACK_SIGNING_SECRET" in text
    assert "[fail] staff" in text and "bob" in text
    assert "Traceback" not in out.stderr


def test_doctor_reports_an_unmigrated_database(tmp_path):
    findings = diagnose(Settings(DATABASE_URL=f"sqlite:///{tmp_path / 'new.sqlite3'}"))
    db = next(f for f in findings if f.what == "database")
    assert db.level == "warn" and "credbot db upgrade" in db.detail


def test_invalid_setting_is_a_clear_error():
    out = doctor(CREDBOT_CONTEXT_TTL="soon")
    assert out.returncode == 2 and "CREDBOT_CONTEXT_TTL" in out.stderr and "Traceback" not in out.stderr


def test_an_empty_variable_means_not_set(monkeypatch):
    # as an env file template leaves them: "CREDBOT_HTTP_PORT=" once failed to start at all
    monkeypatch.setenv("CREDBOT_HTTP_PORT", "")
    monkeypatch.setenv("CREDBOT_KNOWLEDGE_DIR", "")
    settings = Settings()
    assert settings.http_port is None and settings.knowledge_dir is None


def test_json_log_lines():
    record = logging.LogRecord("bot.engine", logging.INFO, __file__, 1, "answered %s", ("faq",), None)
    line = json.loads(JsonFormatter().format(record))
    assert line["level"] == "INFO" and line["message"] == "answered faq" and line["logger"] == "bot.engine"


async def test_info_logs_carry_no_message_text(bundled_kb, caplog):
    caplog.set_level(logging.INFO, logger="bot.engine")
    await Engine(bundled_kb).handle(Incoming(platform="slack", user="U1", is_direct=True,
                                             text="my secret question about credly"))
    assert "bot.engine" in caplog.text and "secret question" not in caplog.text


async def test_metrics_count_questions_outcomes_and_latency(bundled_kb):
    def value(name, **labels):
        return metrics.REGISTRY.get_sample_value(name, labels) or 0.0

    before = (value("credbot_questions_total", platform="metrics-test"),
              value("credbot_answers_total", platform="metrics-test", intent="faq", outcome="answered"),
              value("credbot_answers_total", platform="metrics-test", intent="out-of-scope", outcome="declined"),
              value("credbot_answer_seconds_count", platform="metrics-test"))
    engine = Engine(bundled_kb)
    await engine.handle(Incoming(platform="metrics-test", text="can a badge expire?"))
    await engine.handle(Incoming(platform="metrics-test", text="what's the weather tomorrow"))
    after = (value("credbot_questions_total", platform="metrics-test"),
             value("credbot_answers_total", platform="metrics-test", intent="faq", outcome="answered"),
             value("credbot_answers_total", platform="metrics-test", intent="out-of-scope", outcome="declined"),
             value("credbot_answer_seconds_count", platform="metrics-test"))
    assert [a - b for a, b in zip(after, before)] == [2, 1, 1, 2]
    body, content_type = metrics.exposition()
    assert b"credbot_answers_total" in body and content_type.startswith("text/plain")


def test_doctor_says_who_can_run_staff_commands(tmp_path):
    def staff(**env):
        return next(f for f in diagnose(Settings(DATABASE_URL=f"sqlite:///{tmp_path / 's.sqlite3'}", **env))
                    if f.what == "staff")
    assert staff().level == "warn" and "no one can run staff commands in chat" in staff().detail
    assert staff(CREDBOT_STAFF_SPACES="teams:1").level == "fail"
    role_alone = staff(CREDBOT_STAFF="slack:T1/U1", DISCORD_STAFF_ROLE="Staff")
    assert role_alone.level == "warn" and "lists none" in role_alone.detail
    assert staff(CREDBOT_STAFF_SPACES="slack:T1, discord:42").level == "ok"
    # ids no chat account could have passed as "ok" and matched no one
    wrong = staff(CREDBOT_STAFF="discord:alice, slack:t1/u5")
    assert wrong.level == "fail" and "'discord:alice' is not a Discord user id" in wrong.detail


def test_discord_out_of_reach_is_one_line_not_a_traceback(tmp_path, capsys):
    from adapters.discord import run

    settings = Settings(DATABASE_URL=f"sqlite:///{tmp_path / 'r.sqlite3'}", DISCORD_TOKEN="abc",
                        DISCORD_API_URL="http://127.0.0.1:9/api/v10")
    assert run(settings) == 2
    err = capsys.readouterr().err
    assert err.startswith("credbot run discord: cannot reach Discord") and "Traceback" not in err
