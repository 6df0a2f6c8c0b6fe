"""Markdown from the engine, turned into Slack's mrkdwn with nothing a user typed left live.

Escaping comes first: every `&`, `<` and `>` in the reply becomes an entity, so no text from a
user or a knowledge file can become `<!channel>`, `<!everyone>`, `<@U123>` or a disguised link.
Only then are the Markdown constructs credbot writes (bold, italics, links, lists, headings)
rewritten, and the links this module itself builds are the only `<...>` in the output.
"""

from __future__ import annotations

import re

_LINK = re.compile(r"\[([^\]\n]+)\]\((https?://[^)\s]+)\)")
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*|__(?=\S)(.+?)(?<=\S)__")
_ITALIC = re.compile(r"(?<![*\w])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![*\w])")
_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$", re.M)
_BULLET = re.compile(r"^(\s*)[-*+]\s+", re.M)
_CODE = re.compile(r"(`[^`\n]+`)")
_BOLD_MARK = "\x00B\x00"  # placeholder so the italic pass does not see bold's asterisks


def escape(text: str) -> str:
    """Slack's three control characters as entities: what a user typed stays plain text."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def plain(text: str, limit: int | None = None) -> str:
    """Text with the Markdown marks dropped, cut to `limit`, escaped: for notification fallbacks."""
    text = _LINK.sub(lambda m: f"{m.group(1)} ({m.group(2)})", text)
    text = _BOLD.sub(lambda m: m.group(1) or m.group(2), text)
    text = _HEADING.sub(lambda m: m.group(1), text)
    if limit is not None and len(text) > limit:
        text = text[: limit - 1].rstrip() + "\u2026"
    return escape(text)


def to_mrkdwn(markdown: str) -> str:
    """credbot's Markdown as Slack mrkdwn, escaped; code spans are left as they are."""
    parts = _CODE.split(markdown)
    out = []
    for i, part in enumerate(parts):
        out.append(escape(part) if i % 2 else _convert(part))
    return "".join(out)


def _convert(text: str) -> str:
    links: list[str] = []

    def keep_link(m: re.Match[str]) -> str:
        label = escape(m.group(1)).replace("|", "\u2223")
        url = escape(m.group(2)).replace("|", "%7C")
        links.append(f"<{url}|{label}>")
        return f"\x00L{len(links) - 1}\x00"

    text = _LINK.sub(keep_link, text)
    text = escape(text)
    text = _HEADING.sub(lambda m: f"{_BOLD_MARK}{m.group(1)}{_BOLD_MARK}", text)
    text = _BOLD.sub(lambda m: f"{_BOLD_MARK}{m.group(1) or m.group(2)}{_BOLD_MARK}", text)
    text = _ITALIC.sub(lambda m: f"_{m.group(1)}_", text)
    text = _BULLET.sub(lambda m: f"{m.group(1)}\u2022 ", text)
    text = text.replace(_BOLD_MARK, "*")
    return re.sub(r"\x00L(\d+)\x00", lambda m: links[int(m.group(1))], text)
