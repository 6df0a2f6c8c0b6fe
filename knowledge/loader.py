"""Reading a knowledge folder into memory, collecting every problem instead of stopping at one.

Staff fix a knowledge base in one pass only if they see all of its problems at once, so nothing
here raises on the first bad file: each file is read on its own, each problem is recorded with the
file, the field and what to do, and the caller decides whether errors are fatal (start-up) or mean
"keep the last good one" (reload).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ValidationError

from knowledge import BUNDLED_DIR
from knowledge.schema import DeclineGroup, Entry, Pathway

MIN_WORDS, MAX_WORDS = 60, 250
FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)(.*)\Z", re.S)

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    file: str
    field: str | None
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        where = f"{self.file}: {self.field}" if self.field else self.file
        return f"{self.severity}: {where}: {self.message}"


@dataclass(frozen=True)
class KnowledgeBase:
    directory: Path
    entries: dict[str, Entry]
    synonyms: dict[str, list[str]]
    declines: list[DeclineGroup]
    pathways: list[Pathway]


@dataclass
class LoadResult:
    knowledge: KnowledgeBase | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


class KnowledgeError(Exception):
    """A knowledge base that cannot be used, with every reason why."""

    def __init__(self, directory: Path, problems: list[Problem]):
        self.directory = directory
        self.problems = problems
        lines = "\n".join(f"  {p}" for p in problems)
        super().__init__(f"the knowledge base in {directory} has errors:\n{lines}")


def knowledge_dir() -> Path:
    """The folder in use: `CREDBOT_KNOWLEDGE_DIR` if set, else the one shipped in the package."""
    configured = os.environ.get("CREDBOT_KNOWLEDGE_DIR", "").strip()
    return Path(configured).expanduser() if configured else BUNDLED_DIR


def load_knowledge(directory: Path | None = None) -> KnowledgeBase:
    """Load for use; raise `KnowledgeError` listing every error if the folder cannot be used."""
    result = check_knowledge(directory)
    if result.knowledge is None:
        raise KnowledgeError(directory or knowledge_dir(), result.errors)
    return result.knowledge


def check_knowledge(directory: Path | None = None) -> LoadResult:
    directory = Path(directory) if directory else knowledge_dir()
    problems: list[Problem] = []
    if not directory.is_dir():
        problems.append(Problem(str(directory), None, "folder not found: point CREDBOT_KNOWLEDGE_DIR at a folder laid out like the bundled knowledge/"))
        return LoadResult(None, problems)

    entries = _load_entries(directory, problems)
    synonyms = _load_synonyms(directory, problems)
    declines = _load_list(directory / "out_of_scope.yaml", "groups", DeclineGroup, problems)
    pathways = _load_list(directory / "pathways.yaml", "pathways", Pathway, problems)
    _check_links(entries, problems)
    _check_declined_phrasings(entries, declines, problems)
    _check_unique(pathways, "pathways.yaml", problems)
    _check_unique(declines, "out_of_scope.yaml", problems)

    if any(p.severity == "error" for p in problems):
        return LoadResult(None, problems)
    kb = KnowledgeBase(
        directory=directory,
        entries={e.id: e for _, e in entries},
        synonyms=synonyms,
        declines=declines,
        pathways=pathways,
    )
    return LoadResult(kb, problems)


def parse_entry_file(text: str) -> tuple[dict[str, Any], str]:
    """Split a Markdown file into its YAML front matter and its body."""
    text = text.lstrip("\ufeff")
    match = FRONT_MATTER.match(text)
    if not match:
        raise ValueError("no front matter: the file must start with a line '---', the YAML fields, then a line '---'")
    data = yaml.safe_load(match.group(1))
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ValueError("the front matter must be YAML fields (name: value), not a list or a single value")
    return data, match.group(2).strip()


def _load_entries(directory: Path, problems: list[Problem]) -> list[tuple[str, Entry]]:
    folder = directory / "entries"
    if not folder.is_dir():
        problems.append(Problem("entries/", None, "folder not found: entries go in entries/<id>.md"))
        return []
    loaded: list[tuple[str, Entry]] = []
    for path in sorted(folder.glob("*.md")):
        name = f"entries/{path.name}"
        try:
            data, body = parse_entry_file(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError:
            problems.append(Problem(name, None, "not UTF-8 text: save the file as UTF-8"))
            continue
        except yaml.YAMLError as exc:
            problems.append(Problem(name, None, f"the front matter is not valid YAML ({_yaml_where(exc, line_offset=1)}): quote values that contain ': ' or start with a special character"))
            continue
        except ValueError as exc:
            problems.append(Problem(name, None, str(exc)))
            continue
        if "answer" in data:
            problems.append(Problem(name, "answer", "write the answer as the Markdown below the front matter, not as a field"))
            continue
        data["answer"] = body
        entry = _validate(Entry, data, name, problems)
        if entry is None:
            continue
        loaded.append((name, entry))
        _warn_entry(name, path, entry, problems)
    if not loaded and not any(p.file.startswith("entries/") for p in problems):
        problems.append(Problem("entries/", None, "no entries found: add at least one entries/<id>.md"))
    return loaded


def _warn_entry(name: str, path: Path, entry: Entry, problems: list[Problem]) -> None:
    words = len(entry.answer.split())
    if words < MIN_WORDS:
        problems.append(Problem(name, "answer", f"{words} words: answers under {MIN_WORDS} words rarely help; say what to do next", "warning"))
    elif words > MAX_WORDS:
        problems.append(Problem(name, "answer", f"{words} words: keep answers under {MAX_WORDS} words (chat readers skim); move detail to a related entry", "warning"))
    if not entry.sources:
        problems.append(Problem(name, "sources", "no source link: add an authoritative https:// link (the standard, the platform's help, the regulator)", "warning"))
    if path.stem != entry.id:
        problems.append(Problem(name, "id", f"the file is named {path.name} but the id is {entry.id!r}: rename the file to {entry.id}.md", "warning"))


def _check_links(entries: list[tuple[str, Entry]], problems: list[Problem]) -> None:
    seen: dict[str, str] = {}
    for name, entry in entries:
        if entry.id in seen:
            problems.append(Problem(name, "id", f"duplicate id {entry.id!r}, also used by {seen[entry.id]}: give one of them another id"))
        else:
            seen[entry.id] = name
    for name, entry in entries:
        for target in entry.related:
            if target not in seen:
                problems.append(Problem(name, "related", f"unknown id {target!r}: use the id of an existing entry or remove it"))
            elif target == entry.id:
                problems.append(Problem(name, "related", "an entry cannot be related to itself: remove its own id", "warning"))


def _check_declined_phrasings(entries: list[tuple[str, Entry]], declines: list[DeclineGroup],
                              problems: list[Problem]) -> None:
    """A phrasing that contains a decline phrase can never be answered: tell staff which."""
    from bot.understanding import decline_triggers, normalize  # the engine's own matching

    triggers = [(trigger, g.id) for g in declines for trigger in decline_triggers(g.triggers())]
    for name, entry in entries:
        for question in entry.questions:
            plain = normalize(question)
            for trigger, group in triggers:
                if trigger.fires(plain):
                    kind = "phrase" if trigger.always else "subject"
                    problems.append(Problem(
                        name, "questions",
                        f"{question!r} contains {trigger.phrase!r}, a {kind} that out_of_scope.yaml ({group}) "
                        "declines: reword the question, or narrow that phrase", "warning"))
                    break


def _load_synonyms(directory: Path, problems: list[Problem]) -> dict[str, list[str]]:
    data = _read_yaml(directory / "synonyms.yaml", problems)
    if data is None:
        return {}
    if not isinstance(data, dict):
        problems.append(Problem("synonyms.yaml", None, "must map each term to a list of the words used for it, e.g. 'open badges: [ob, openbadges]'"))
        return {}
    synonyms: dict[str, list[str]] = {}
    owner: dict[str, str] = {}
    for term, variants in data.items():
        if not isinstance(term, str) or not term.strip():
            problems.append(Problem("synonyms.yaml", str(term), "a term must be a non-empty text"))
            continue
        if isinstance(variants, str):
            variants = [variants]
        if not isinstance(variants, list) or not all(isinstance(v, str) and v.strip() for v in variants):
            problems.append(Problem("synonyms.yaml", term, "must be a list of non-empty words or phrases"))
            continue
        for variant in variants:
            key = variant.strip().lower()
            if key in owner and owner[key] != term:
                problems.append(Problem("synonyms.yaml", term, f"{variant!r} is also listed under {owner[key]!r}: keep it under one term"))
            owner[key] = term
        synonyms[term.strip()] = [v.strip() for v in variants]
    return synonyms


def _load_list(path: Path, key: str, model: type[BaseModel], problems: list[Problem]) -> list[Any]:
    data = _read_yaml(path, problems)
    if data is None:
        return []
    if not isinstance(data, dict) or not isinstance(data.get(key), list):
        problems.append(Problem(path.name, key, f"the file must have a top-level '{key}:' list"))
        return []
    items = []
    for index, item in enumerate(data[key]):
        if not isinstance(item, dict):
            problems.append(Problem(path.name, f"{key}[{index}]", "each item must be a set of fields (name: value)"))
            continue
        ident = item.get("id", index)
        validated = _validate(model, item, f"{path.name} ({key} {ident})", problems)
        if validated is not None:
            items.append(validated)
    return items


def _check_unique(items: list[Any], file: str, problems: list[Problem]) -> None:
    seen: set[str] = set()
    for item in items:
        if item.id in seen:
            problems.append(Problem(file, "id", f"duplicate id {item.id!r}: give one of them another id"))
        seen.add(item.id)


def _read_yaml(path: Path, problems: list[Problem]) -> Any:
    if not path.exists():
        return None  # optional files: an absent one means "none of these"
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        problems.append(Problem(path.name, None, "not UTF-8 text: save the file as UTF-8"))
    except yaml.YAMLError as exc:
        problems.append(Problem(path.name, None, f"not valid YAML ({_yaml_where(exc)})"))
    return None


def _validate(model: type[BaseModel], data: dict[str, Any], name: str, problems: list[Problem]) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            problems.append(Problem(name, ".".join(str(p) for p in err["loc"]) or None, _explain(err, model)))
        return None


def _explain(err: Any, model: type[BaseModel]) -> str:
    kind = err["type"]
    if kind == "missing":
        return "required field is missing: add it"
    if kind == "extra_forbidden":
        allowed = ", ".join(model.model_fields)
        return f"unknown field (a typo?): the fields are {allowed}"
    if kind in ("too_short", "string_too_short"):
        return "must not be empty"
    if kind.startswith("date"):
        return "must be a date written YYYY-MM-DD, e.g. 2026-11-29"
    if kind == "list_type":
        return "must be a list: one '- item' per line, or [a, b]"
    if kind in ("string_type",):
        return "must be text (quote it if YAML read it as a number, date or list)"
    if kind in ("int_type", "int_parsing"):
        return "must be a whole number"
    message = str(err["msg"])
    return message.removeprefix("Value error, ")


def _yaml_where(exc: yaml.YAMLError, line_offset: int = 0) -> str:
    """Where in the file YAML gave up; entries' front matter starts one line down."""
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or "syntax error"
    if mark is not None:
        return f"{problem} at line {mark.line + 1 + line_offset}, column {mark.column + 1}"
    return str(problem)
