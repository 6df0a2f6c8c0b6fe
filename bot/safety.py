"""Making user-supplied text harmless before any of it is echoed back.

Renderers escape for their own platform too; this is the platform-neutral floor, applied in the
core so that no adapter can forget it: no mass mentions, no user or role pings, no markup that a
chat client would turn into a link or a formatting trick, and a bounded length.
"""

from __future__ import annotations

import re
import unicodedata

_MASS = re.compile(r"@(everyone|here|channel|all)\b", re.I)
_MASS_ALONE = re.compile(r"(?<![\w.+-])@(everyone|here|channel|all)\b", re.I)  # not the "@here" of ana@here.org
_SLACK_SPECIAL = re.compile(r"<[!@#][^>]*>")  # <!channel>, <@U123>, <#C123|name>
_DISCORD_MENTION = re.compile(r"<(@[!&]?|#|/)[^>]*>")  # <@123>, <@&role>, <#chan>, </cmd:1>
# Markup a chat client acts on: emphasis, code, spoilers, link brackets, and a "#" that could open
# a heading or a channel name. Parentheses stay (without brackets they make no link), and so does a
# "#" inside a word: "Data Analysis (Level 2)" and "C# Programming" are badge names, quoted as named.
_MARKUP = re.compile(r"[<>*_~`|\[\]]|(?<!\w)#")
_HTML_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
# what a script or style element holds is code, not words of the question ("alert(1)")
_CODE_ELEMENT = re.compile(r"<(script|style)\b[^<>]*>.*?</\1\s*>", re.I | re.S)
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")  # [label](target)
_SLACK_LINK = re.compile(r"<((?:https?|mailto):[^|<>\s]+)(?:\|([^<>]*))?>")  # <https://x|label>, <https://x>
# a web address typed out: its path and the scheme are no words anyone reads ("3xYzAb", "https")
_WEB_ADDRESS = re.compile(r"\bhttps?://([^\s/<>|?#:]+)[^\s<>|]*", re.I)


def _address_as_read(found: re.Match[str]) -> str:
    """ "https://www.coursera.org/verify/X2" reads as "link coursera", "https://bit.ly/3x" as "link
    bit": the host's name without "www" and its top-level domain."""
    labels = [label for label in found.group(1).lower().split(".") if label != "www"]
    return " ".join(["link", *labels[:-1]] if len(labels) > 1 else ["link", *labels])


def readable_text(text: str) -> str:
    """What a person reads in a message, for understanding it: mentions, channel links and HTML
    tags dropped, a link's label kept without its target. "<@U123> what is <b>credly</b>?" asks
    what Credly is; the pinged user's id and the tag's name would count as words of the question,
    as "everyone" would in "@everyone what is a badge".
    Slack sends a link typed in a message as "<http://credly.com|credly.com>": its label, or the
    address when it has none, is what the person typed (it is no HTML tag to drop). An address reads
    as a link to its site: the path's random letters counted against "is this link safe?"."""
    text = _SLACK_LINK.sub(lambda m: m.group(2) or m.group(1), text)
    for pattern in (_CODE_ELEMENT, _SLACK_SPECIAL, _DISCORD_MENTION, _HTML_TAG, _MASS_ALONE):  # ("@everyone" typed as it is, too)
        text = pattern.sub(" ", text)
    return _WEB_ADDRESS.sub(_address_as_read, _LINK.sub(r"\1", text)).strip()


def private_echo(text: str, limit: int = 200, *, lines: bool = False) -> str:
    """Text for a private reply to staff, kept as it is to read and copy (addresses, underscores,
    parentheses), except what would ping: chat mention syntax is dropped and a mass mention gets a
    zero-width space after its "@". With `lines`, line breaks are kept (a roster's problems, one a
    line) and a long text is cut at a line, saying how many more there were."""
    keep = "\n" if lines else ""
    text = "".join(ch if ch in keep or unicodedata.category(ch)[0] != "C" else " " for ch in text)
    text = _DISCORD_MENTION.sub("", _SLACK_SPECIAL.sub("", text))
    text = _MASS_ALONE.sub(lambda m: "@\u200b" + m.group(1), text)
    text = "\n".join(" ".join(line.split()) for line in text.split("\n"))
    if len(text) <= limit:
        return text
    cut = text.rfind("\n", 0, limit)
    if cut <= 0:
        return text[:limit - 1].rstrip() + "\u2026"
    return text[:cut] + f"\n\u2026 and {text.count(chr(10), cut)} more line(s)"


def neutralize(text: str, limit: int = 200) -> str:
    """A short, inert version of what a user typed, safe to quote in any reply."""
    text = "".join(ch for ch in text if unicodedata.category(ch)[0] != "C" or ch == " ")
    text = _SLACK_SPECIAL.sub("", text)
    text = _DISCORD_MENTION.sub("", text)
    text = _MASS.sub(lambda m: m.group(1), text)
    text = text.replace("@", "\uff20")  # a full-width at sign never pings anyone
    text = _MARKUP.sub("", text)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"
