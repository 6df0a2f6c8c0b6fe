"""The terminal chat, driven as a user would: lines in, readable answers out, a clean exit."""

from __future__ import annotations

import io
import os
import subprocess
import sys

from adapters.console import chat, render
from bot.messages import Intent, Reply
from tests.conftest import DATA


def test_chat_session_end_to_end():
    script = "email\n2\nhelp\nquit\n"
    out = subprocess.run([sys.executable, "-m", "bot.cli", "chat"], input=script, capture_output=True, text=True,
                         timeout=60, env={**os.environ, "CREDBOT_KNOWLEDGE_DIR": str(DATA / "small_kb")})
    assert out.returncode == 0, out.stderr
    text = out.stdout
    assert "Did you mean:" in text and "1. Email" in text and "3. Email" in text
    second = text.split("Did you mean:")[1].split("\n")[2].split(". ", 1)[1]  # the title offered second
    assert f"**{second}**" not in text and second in text.split("credbot>")[2]
    assert text.count("credbot>") == 3
    assert "Try asking:" in text
    assert "Bye!" in text and "Traceback" not in out.stderr


def test_chat_ends_cleanly_at_end_of_input(engine):
    stdout = io.StringIO()
    code = __import__("asyncio").run(chat(engine, "console:tester", stdin=io.StringIO("hello\n"), stdout=stdout))
    assert code == 0
    assert "Hello! I'm credbot" in stdout.getvalue()


def test_render_plain_and_color():
    reply = Reply(text="**Title**\n\nBody, type *help*", intent=Intent.FAQ, private=True)
    assert render(reply) == "Title\n\nBody, type help\n(only you can see this)"
    assert "\033[1mTitle\033[0m" in render(reply, color=True)


def test_render_wraps_long_lines_and_keeps_list_indent():
    reply = Reply(text="- " + "word " * 40 + "\nshort", intent=Intent.FAQ)
    lines = render(reply, width=50).splitlines()
    assert all(len(line) <= 50 for line in lines)
    assert lines[0].startswith("- ") and lines[1].startswith("  word")
    assert lines[-1] == "short"


def test_render_never_leaves_bold_marks_on_a_wrapped_phrase_nor_cuts_an_address():
    # "it is **not a\nqualification**" showed its asterisks, and a source link was cut in two
    url = "https://www2.nzqa.govt.nz/tertiary/approval-accreditation-and-registration/micro-credentials/"
    reply = Reply(text="It is officially recognised, but it is **not a qualification** at all.\n\nSource: " + url,
                  intent=Intent.FAQ)
    text = render(reply, width=40)
    assert "*" not in text and "not a" in text and url in text.splitlines()
