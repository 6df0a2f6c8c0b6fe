"""credbot in a terminal: the zero-configuration way to try it, on the same engine as the bots.

Follows the adapter shape the chat platforms use: read a line, wrap it in an `Incoming`, let the
engine answer, render the `Reply` as plain text. Numbered suggestions can be picked by typing the
number (the engine understands that as a follow-up), and history works through readline.
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import sys
import textwrap
from pathlib import Path
from typing import TextIO

from bot.engine import Engine
from bot.messages import Incoming, Reply
from bot.staff.access import operator_identity

QUIT = {"quit", "exit", ":q", "/quit", "/exit"}
PROMPT = "credbot> "
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_ITALIC = re.compile(r"(?<![*\w])\*(?!\s)([^*\n]+?)\*(?![*\w])")
_LIST_ITEM = re.compile(r"^(\s*(?:[-*]|\d+\.)\s+)")


def render(reply: Reply, color: bool = False, width: int = 100) -> str:
    """A reply as terminal text, wrapped to `width`: bold where the terminal shows it."""
    bold = (lambda m: f"\033[1m{m.group(1)}\033[0m") if color else (lambda m: m.group(1))
    lines = []
    for line in reply.text.splitlines():
        bullet = _LIST_ITEM.match(line)
        indent = " " * len(bullet.group(1)) if bullet else ""
        # Markup goes before wrapping: a bold phrase wrapped onto two lines kept its "**", and
        # a web address is never cut in two (it could no longer be clicked or copied).
        line = _ITALIC.sub(lambda m: m.group(1), _BOLD.sub(bold, line))
        lines.extend(textwrap.wrap(line, width=width, subsequent_indent=indent, break_on_hyphens=False,
                                   break_long_words=False) or [""])
    text = "\n".join(lines)
    if reply.private:
        text += "\n(only you can see this)"
    return text


def _enable_history() -> None:
    try:
        import readline
    except ImportError:  # Windows without pyreadline: chat still works, without history
        return
    path = Path(os.environ.get("CREDBOT_HISTORY", Path.home() / ".credbot_history"))
    try:
        readline.read_history_file(path)
    except (FileNotFoundError, PermissionError, OSError):
        pass
    readline.set_history_length(500)
    import atexit

    def save() -> None:
        try:
            readline.write_history_file(path)
        except OSError:
            pass

    atexit.register(save)


async def chat(engine: Engine, user: str | None = None, stdin: TextIO | None = None, stdout: TextIO | None = None) -> int:
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    interactive = stdin.isatty() and stdout.isatty()
    color = interactive and not os.environ.get("NO_COLOR")
    user = user or operator_identity()
    if interactive:
        _enable_history()
    print("credbot: ask me about micro-credentials and digital badges. Type 'help' for examples, "
          "':badges' for your badges, 'quit' to leave.", file=stdout)
    turn = 0
    while True:
        try:
            line = input("you> ") if interactive else _read_line(stdin)
        except (EOFError, KeyboardInterrupt):
            print("\nBye!", file=stdout)
            return 0
        if line is None:
            return 0
        if line.strip().lower() in QUIT:
            print("Bye!", file=stdout)
            return 0
        turn += 1
        command, text = parse_command(line)
        reply = await engine.handle(Incoming.speaking_as(user, channel="terminal", is_direct=True,
                                                         event_id=f"console-{turn}", text=text, command=command))
        width = max(40, shutil.get_terminal_size((100, 24)).columns - len(PROMPT) - 1)
        body = render(reply, color, width).replace("\n", "\n" + " " * len(PROMPT))
        print("\n" + PROMPT + body + "\n", file=stdout, flush=True)


def parse_command(line: str) -> tuple[str | None, str]:
    """`:admin unanswered` -> ("admin", "unanswered"); anything else is an ordinary message."""
    stripped = line.strip()
    if stripped.startswith(":") and len(stripped) > 1 and stripped[1].isalpha():
        command, _, rest = stripped[1:].partition(" ")
        return command.lower(), rest.strip()
    return None, line


def _read_line(stdin: TextIO) -> str | None:
    line = stdin.readline()
    return None if line == "" else line.rstrip("\n")


def run(engine: Engine, user: str | None = None) -> int:
    return asyncio.run(chat(engine, user))
