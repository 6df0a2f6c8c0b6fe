"""Adding a phrasing to an entry file, the one edit credbot makes to the knowledge base itself.

Staff read the questions credbot could not answer (`admin unanswered`) and teach it the ones an
entry should have caught (`admin teach`, `credbot kb teach`). The entry files are staff's own, often
under version control, so the edit is as small as a person's would be: one list item appended to
`questions:`, the rest of the file byte for byte as it was, written atomically. The caller reloads
and restores the original text if the base no longer loads (`restore`).
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from knowledge import BUNDLED_DIR
from knowledge.loader import parse_entry_file

MAX_CHARS = 300
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]")
_ITEM = re.compile(r"^(\s*)- ")
# an e-mail address, or a phone number's run of digits: a learner's own, which must not be copied
# into files that are shared and kept under version control
_PERSONAL = re.compile(r"[^\s@]+@[^\s@]+\.[^\s@]+|\+?\d[\d ().-]{6,}\d")


class EditError(ValueError):
    """Why a phrasing could not be added, said so staff know what to do."""


class BundledBase(EditError):
    """The base is the one installed with credbot, which is never edited in place."""


@dataclass(frozen=True)
class Edit:
    path: Path
    original: str  # the file as it was, for `restore`
    added: tuple[str, ...]
    already: tuple[str, ...]  # asked to add, but the entry has them
    personal: tuple[str, ...] = ()  # asked to add, but holding an e-mail address or phone number: left out


def clean_question(text: str) -> str:
    """One line of plain text, as long as a phrasing needs to be."""
    text = " ".join(_CONTROL.sub(" ", text).split())
    return text[:MAX_CHARS].strip()


def add_questions(directory: Path, entry_id: str, questions: list[str]) -> Edit:
    directory = Path(directory)
    if directory.resolve() == BUNDLED_DIR.resolve():
        raise BundledBase(f"the bundled knowledge base is part of the installed package and is not edited: copy "
                        f"{BUNDLED_DIR} somewhere of your own (its entries/ and .yaml files) and point "
                        "`CREDBOT_KNOWLEDGE_DIR` at the copy")
    path = _entry_file(directory, entry_id)
    original = path.read_text(encoding="utf-8")
    data = _front_matter(path, original)
    have = {_key(q) for q in data.get("questions") or [] if isinstance(q, str)}
    added, already, personal = [], [], []
    for question in questions:
        question = clean_question(question)
        if not question:
            continue
        if _PERSONAL.search(question):
            personal.append(question)
            continue
        if _key(question) in have:
            already.append(question)
            continue
        have.add(_key(question))
        added.append(question)
    if added:
        _write(path, _with_items(original, added, path))
    return Edit(path, original, tuple(added), tuple(already), tuple(personal))


def _entry_file(directory: Path, entry_id: str) -> Path:
    path = directory / "entries" / f"{entry_id}.md"
    if path.is_file():
        return path
    for other in sorted((directory / "entries").glob("*.md")):  # a file named otherwise (kb check warns)
        try:
            if parse_entry_file(other.read_text(encoding="utf-8"))[0].get("id") == entry_id:
                return other
        except (ValueError, UnicodeDecodeError, yaml.YAMLError):
            continue
    raise EditError(f"no entry {entry_id!r} in {directory}: use the id of an existing entry")


def _front_matter(path: Path, text: str) -> dict[str, Any]:
    """The entry's fields; a file that does not read (edited by hand since the last load, e.g. a
    second `questions:` block) is staff's to fix, so it is reported, not a crash."""
    try:
        return parse_entry_file(text)[0]
    except (ValueError, yaml.YAMLError) as exc:
        raise EditError(f"{path.name} does not load: `credbot kb check` says why; fix it, then teach "
                        "again") from exc


def restore(edit: Edit) -> None:
    _write(edit.path, edit.original)


def _key(question: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", question.lower()).split())


def _with_items(text: str, questions: list[str], path: Path) -> str:
    """The file with the questions appended to its `questions:` block list."""
    lines = text.splitlines(keepends=True)
    end = next((i for i, line in enumerate(lines[1:], 1) if line.rstrip() == "---"), None)
    start = next((i for i in range(1, end or 0) if re.match(r"^questions\s*:", lines[i])), None)
    if end is None or start is None:
        raise EditError(f"{path.name}: no 'questions:' field in the front matter")
    if lines[start].split(":", 1)[1].strip():
        raise EditError(f"{path.name}: 'questions' is written on one line; write it as a list, one '- ' "
                        "item per line, so credbot can add to it")
    last, indent = start, "  "
    for i in range(start + 1, end):
        line = lines[i]
        if line.strip() and not line[0].isspace() and not line.startswith("-"):
            break  # the next field
        if (item := _ITEM.match(line)) is not None:
            indent = item.group(1)
        if line.strip():
            last = i
    newline = "\r\n" if lines[last].endswith("\r\n") else "\n"
    if not lines[last].endswith(("\n", "\r")):
        lines[last] += newline
    # JSON strings are YAML double-quoted scalars: quotes, colons and '#' stay text
    new = [f"{indent}- {json.dumps(q, ensure_ascii=False)}{newline}" for q in questions]
    result = "".join(lines[: last + 1] + new + lines[last + 1:])
    parsed, _ = parse_entry_file(result)  # never write a file that no longer reads back
    if [q for q in parsed.get("questions", []) if q in questions] != questions:
        raise EditError(f"{path.name}: the questions list has a shape credbot cannot add to safely; add it by hand")
    return result


def _write(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.chmod(tmp, path.stat().st_mode & 0o7777)  # staff's file keeps its permissions
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


__all__ = ["Edit", "EditError", "add_questions", "clean_question", "restore"]
