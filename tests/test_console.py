"""The terminal chat, driven as a user would: lines in, readable answers out, a clean exit."""

from __future__ import annotations

import io
import subprocess
import sys

from adapters.console import chat, render
from bot.messages import Intent, Reply


def test_chat_session_end_to_end():
    script = "can a badge expire?\nbadge stuff\n1\nhelp\nquit\n"
    out = subprocess.run([sys.executable, "-m", "bot.cli", "chat"], input=script, capture_output=True, text=True,
                         timeout=60)
    assert out.returncode == 0, out.stderr
    text = out.stdout
    assert "Can a badge expire" in text
    assert "Did you mean:" in text and "1. " in text
    assert text.count("credbot>") == 4
    assert "Try asking:" in text
    assert "Bye!" in text and "Traceback" not in out.stderr


def test_chat_ends_cleanly_at_end_of_input(engine):
    stdout = io.StringIO()
    code = __import__("asyncio").run(chat(engine, "console:tester", stdin=io.StringIO("hello\n"), stdout=stdout))
    assert code == 0
    assert "Hello! I'm credbot" in stdout.getvalue()


def test_render_plain_and_color():
    reply = Reply(text="**Title**\n\nBody", intent=Intent.FAQ, private=True)
    assert render(reply) == "Title\n\nBody\n(only you can see this)"
    assert "\033[1mTitle\033[0m" in render(reply, color=True)
