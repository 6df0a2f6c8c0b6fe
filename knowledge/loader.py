"""Reading a knowledge folder into memory, collecting every problem instead of stopping at one.

Staff fix a knowledge base in one pass only if they see all of its problems at once, so nothing
here raises on the first bad file: each file is read on its own, each problem is recorded with the
file, the field and what to do, and the caller decides whether errors are fatal (start-up) or mean
"keep the last good one" (reload).
"""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, get_args

import yaml
from pydantic import BaseModel, ValidationError

from knowledge import BUNDLED_DIR
from knowledge.schema import KEBAB, DeclineGroup, Entry, Pathway, name_words

MIN_WORDS, MAX_WORDS = 60, 250
MIN_QUESTIONS = 5  # phrasings an entry needs to be found by the many ways learners ask
FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)(.*)\Z", re.S)

Severity = Literal["error", "warning"]
# Files in entries/ that are not entries at all: editors' backups, swap and temporary files
_NOT_CONTENT = re.compile(r"(?:~|\.(?:swp|swo|bak|orig|tmp))$", re.I)


class DuplicateKeyError(yaml.constructor.ConstructorError):
    """A key written twice in one YAML mapping.

    Plain YAML keeps the last of the two, so a second `questions:` block or a term added again at
    the bottom of synonyms.yaml silently drops everything staff wrote under the first one.
    """

    def __init__(self, key: Any, first: yaml.Mark, second: yaml.Mark):
        super().__init__(None, None, f"{key!r} is defined twice", second)
        self.key, self.first_line, self.second_line = key, first.line + 1, second.line + 1

    def __str__(self) -> str:
        return f"{self.key!r} is defined twice, at lines {self.first_line} and {self.second_line}"


class BadDateError(yaml.constructor.ConstructorError):
    """A date written in the form of one that does not exist (`updated: 2026-13-45`): YAML's own
    error ("month must be in 1..12") named neither the field nor the line."""

    def __init__(self, value: str, reason: str, mark: yaml.Mark):
        super().__init__(None, None, f"{value!r} is not a date ({reason})", mark)
        self.value, self.reason, self.line = value, reason, mark.line + 1


class _UniqueKeyLoader(yaml.SafeLoader):
    """`yaml.SafeLoader` that refuses a mapping with the same key twice (see `DuplicateKeyError`)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, yaml.Mark] = {}
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue  # `<<: *defaults` may be overridden by the keys written next to it
            key = self.construct_object(key_node, deep=False)
            try:
                first = seen.setdefault(key, key_node.start_mark)
            except TypeError:
                continue  # an unhashable key: the base loader reports it
            if first is not key_node.start_mark:
                raise DuplicateKeyError(key, first, key_node.start_mark)
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except ValueError as exc:
            raise BadDateError(str(node.value), str(exc), node.start_mark) from None


_UniqueKeyLoader.add_constructor("tag:yaml.org,2002:timestamp", _UniqueKeyLoader.construct_yaml_timestamp)


def load_yaml(text: str) -> Any:
    """Every YAML read of the knowledge base goes through here, so none keeps only the last of
    two duplicate keys."""
    return yaml.load(text, Loader=_UniqueKeyLoader)  # noqa: S506 (a SafeLoader subclass)


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

    entries, failed = _load_entries(directory, problems)
    synonyms = _load_synonyms(directory, problems)
    declines = _load_list(directory / "out_of_scope.yaml", "groups", DeclineGroup, problems)
    pathways = _load_list(directory / "pathways.yaml", "pathways", Pathway, problems)
    _check_ids(entries, failed, problems)
    _check_links(entries, failed, problems)
    _check_names_in_titles(entries, problems)
    _check_declined_phrasings(entries, declines, problems)
    _check_common_place_words(entries, synonyms, problems)
    _check_unique(pathways, "pathways.yaml", "pathways", problems)
    _check_unique(declines, "out_of_scope.yaml", "groups", problems)

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
    data = load_yaml(match.group(1))
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ValueError("the front matter must be YAML fields (name: value), not a list or a single value")
    return data, match.group(2).strip()


def _load_entries(directory: Path, problems: list[Problem]) -> tuple[list[tuple[str, Entry]], dict[str, str]]:
    """The entries that loaded, and for each file that did not, the id it was meant to have (its
    `id:` if that much could be read, and its file name) mapped to the file, so that links to it
    are not mistaken for typos."""
    folder = directory / "entries"
    if not folder.is_dir():
        problems.append(Problem("entries/", None, "folder not found: entries go in entries/<id>.md"))
        return [], {}
    loaded: list[tuple[str, Entry]] = []
    failed: dict[str, str] = {}
    for path in _entry_files(folder, problems):
        name = f"entries/{path.name}"
        entry, data = _load_entry(path, name, problems)
        if entry is None:
            failed.setdefault(path.stem, name)
            if isinstance(data.get("id"), str):
                failed.setdefault(data["id"].strip(), name)
            continue
        loaded.append((name, entry))
        _warn_entry(name, entry, problems)
    if not loaded and not any(p.file.startswith("entries/") for p in problems):
        problems.append(Problem("entries/", None, "no entries found: add at least one entries/<id>.md"))
    return loaded, failed


def _entry_files(folder: Path, problems: list[Problem]) -> list[Path]:
    """The files read as entries: `entries/<id>.md`. Anything else that looks like staff's work (a
    `.markdown` or `.MD` file, a subfolder) is a warning, since the bot would silently not know it."""
    files: list[Path] = []
    for path in sorted(folder.iterdir()):
        if path.name.startswith(".") or _NOT_CONTENT.search(path.name):
            continue  # hidden, backup and temporary files (editors', and `kb teach`'s own)
        name = f"entries/{path.name}"
        if path.is_dir():
            problems.append(Problem(f"{name}/", None, "subfolders are not read: move the entries in it up into "
                                    "entries/ (keep drafts outside the knowledge folder)", "warning"))
        elif path.suffix == ".md":
            files.append(path)
        elif path.is_file():
            problems.append(Problem(name, None, f"not read: only files named <id>.md are entries; rename it to "
                                    f"{path.stem}.md if it is one", "warning"))
    return files


def _load_entry(path: Path, name: str, problems: list[Problem]) -> tuple[Entry | None, dict[str, Any]]:
    """One entry file, or None with its problems recorded; with its front matter as far as it read."""
    try:
        data, body = parse_entry_file(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        problems.append(Problem(name, None, "not UTF-8 text: save the file as UTF-8"))
        return None, {}
    except yaml.YAMLError as exc:
        problems.append(Problem(name, None, _yaml_message(exc, "the front matter", line_offset=1)))
        return None, {}
    except ValueError as exc:
        problems.append(Problem(name, None, str(exc)))
        return None, {}
    if "answer" in data:
        problems.append(Problem(name, "answer",
                                "write the answer as the Markdown below the front matter, not as a field"))
        return None, data
    return _validate(Entry, {**data, "answer": body}, name, problems), data


def _warn_entry(name: str, entry: Entry, problems: list[Problem]) -> None:
    words = len(entry.answer.split())
    if words < MIN_WORDS:
        problems.append(Problem(name, "answer", f"{words} words: answers under {MIN_WORDS} words rarely help; say what to do next", "warning"))
    elif words > MAX_WORDS:
        problems.append(Problem(name, "answer", f"{words} words: keep answers under {MAX_WORDS} words (chat readers skim); move detail to a related entry", "warning"))
    if not entry.sources:
        problems.append(Problem(name, "sources", "no source link: add an authoritative https:// link (the standard, the platform's help, the regulator)", "warning"))
    if len(entry.questions) < MIN_QUESTIONS:
        problems.append(Problem(name, "questions", f"{len(entry.questions)} phrasing(s): write at least {MIN_QUESTIONS}, the "
                                                   "way learners ask (short, long, in other words), or the entry is rarely found", "warning"))


def _stem(name: str) -> str:
    return Path(name).stem


def _check_ids(entries: list[tuple[str, Entry]], failed: dict[str, str], problems: list[Problem]) -> None:
    """Of two files with one id, the one named after it keeps it and the other (a copy whose id was
    not changed, as README's "copy an existing file" invites) gets the error; no advice renames a
    file onto one that exists, which would overwrite the original."""
    by_id: dict[str, list[str]] = {}
    for name, entry in entries:
        by_id.setdefault(entry.id, []).append(name)
    files = {_stem(name) for name, _ in entries} | {_stem(name) for name in failed.values()}
    for entry_id, names in by_id.items():
        owner = next((n for n in names if _stem(n) == entry_id), names[0])
        for name in names:
            if name != owner:
                problems.append(Problem(name, "id", f"duplicate id {entry_id!r}, also used by {owner}: "
                                        + _own_id_advice(name, by_id)))
        if _stem(owner) != entry_id:
            fix = _own_id_advice(owner, by_id) if entry_id in files else f"rename the file to {entry_id}.md"
            problems.append(Problem(owner, "id", f"the file is named {Path(owner).name} but the id is "
                                    f"{entry_id!r}: {fix}", "warning"))


def _own_id_advice(name: str, by_id: dict[str, list[str]]) -> str:
    """Fix a file's id to its own file name, never its file name to an id another file has."""
    stem = _stem(name)
    if KEBAB.match(stem) and stem not in by_id:
        return f"change the id in this file to {stem!r}, to match its file name"
    return "give this entry a new kebab-case id and name the file <id>.md"


def _check_links(entries: list[tuple[str, Entry]], failed: dict[str, str], problems: list[Problem]) -> None:
    known = {entry.id for _, entry in entries}
    for name, entry in entries:
        for target in entry.related:
            if target == entry.id:
                problems.append(Problem(name, "related", "an entry cannot be related to itself: remove its own id", "warning"))
            elif target in known:
                continue
            elif target in failed:  # a good link to a broken file: fixing that file fixes this
                problems.append(Problem(name, "related", f"{target!r} is in {failed[target]}, which failed to load "
                                        "(see its error): fix that file, and keep this link", "warning"))
            else:
                problems.append(Problem(name, "related", f"unknown id {target!r}: use the id of an existing entry or remove it"))


def _check_names_in_titles(entries: list[tuple[str, Entry]], problems: list[Problem]) -> None:
    """A platform's name in another entry's title: the name then says what that title is about, no
    longer which platform, so questions naming the platform stop leaning to its own entry ("is
    coursera free?" became "did you mean" once an entry on trials had "Coursera" in its title)."""
    titles = {file: set(name_words(other.title)) for file, other in entries}
    for _, platform in entries:
        for name in platform.names:
            words = name_words(name)
            for file, other in entries:
                if (other.id != platform.id and name not in other.names and words
                        and all(w in titles[file] for w in words)):  # (two entries may name one platform)
                    problems.append(Problem(file, "title", f"names {name!r}, the platform of {platform.id!r}: questions "
                                            f"naming {name} would no longer lean to that entry; leave the name out of "
                                            "this title and say it in the questions and the answer", "warning"))


def _check_common_place_words(entries: list[tuple[str, Entry]], synonyms: dict[str, list[str]],
                              problems: list[Problem]) -> None:
    """A `where` word that reads as a word many entries use names that place in many questions: "MicroCreds"
    (an Irish project) read as "micro-credential", and every question on micro-credentials leaned to
    Ireland's entry. A place's own names are used by a few entries (the UK's, by ten of 89)."""
    from bot.understanding import Analyzer, normalize  # the engine's own reading

    if len(entries) < 4:
        return
    analyzer = Analyzer(synonyms)
    used = Counter(term for _, entry in entries
                   for term in set(analyzer.terms(" ".join([entry.title, *entry.questions, entry.answer]))))
    for name, entry in entries:
        for word in entry.where:
            terms = analyzer.terms_of(normalize(analyzer.expand(word)))
            if len(terms) == 1 and used[terms[0]] > len(entries) / 4:
                problems.append(Problem(name, "where", f"{word!r} reads as a word that many entries use (a quarter "
                                        "or more): every question using it would name this place; leave it out",
                                        "warning"))


def _check_declined_phrasings(entries: list[tuple[str, Entry]], declines: list[DeclineGroup],
                              problems: list[Problem]) -> None:
    """A phrasing that contains a decline phrase can never be answered: tell staff which."""
    from bot.understanding import decline_triggers, normalize  # the engine's own matching

    triggers = [(trigger, g.id) for g in declines for trigger in decline_triggers(g.triggers(), g.unless)]
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
            problems.append(Problem(f"{path.name} ({_item_name(key, index, {})})", None, "must be a set of fields "
                                    "(name: value), not a single value: start it '- id: ...', each field on a line"))
            continue
        validated = _validate(model, item, f"{path.name} ({_item_name(key, index, item)})", problems)
        if validated is not None:
            items.append(validated)
    return items


def _item_name(key: str, index: int, item: dict[str, Any]) -> str:
    """The pathway (or decline group) a problem is in, as staff find it in the file: by its id, or
    with no id to go by, by its place and its title ("pathway number 3, 'Data Analytics'")."""
    one = _singular(key) or key
    ident, title = item.get("id"), item.get("title")
    if isinstance(ident, str) and ident.strip():
        return f"{one} {ident.strip()}"
    place = f"{one} number {index + 1}"
    return f"{place}, {title.strip()!r}" if isinstance(title, str) and title.strip() else place


def _check_unique(items: list[Any], file: str, key: str, problems: list[Problem]) -> None:
    """Two items with one id: the later is named, with both titles where they have one (the id is
    what they share, so it cannot tell them apart)."""
    one = _singular(key) or key
    first: dict[str, Any] = {}
    for item in items:
        earlier = first.setdefault(item.id, item)
        if earlier is not item:
            that, this = getattr(earlier, "title", ""), getattr(item, "title", "")
            problems.append(Problem(f"{file} ({one} {item.id})", "id", f"duplicate id, also the id of "
                                    f"{repr(that) if that else 'a ' + one} above: give "
                                    f"{repr(this) if this else 'this one'} or that one another id"))


def _read_yaml(path: Path, problems: list[Problem]) -> Any:
    if not path.exists():  # optional files: an absent one means "none of these", which is said
        what = {"synonyms.yaml": "no synonyms are used", "out_of_scope.yaml": "nothing is declined with a reply of "
                "its own", "pathways.yaml": "no pathway progress is shown"}.get(path.name, "it is not used")
        near = sorted(p.name for p in path.parent.glob(f"{path.stem[:5]}*") if p.is_file() and p.name != path.name)
        problems.append(Problem(path.name, None, f"not found: {what}"
                                + (f" ({', '.join(near)} is there: rename it {path.name})" if near else ""), "warning"))
        return None
    try:
        return load_yaml(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        problems.append(Problem(path.name, None, "not UTF-8 text: save the file as UTF-8"))
    except yaml.YAMLError as exc:
        problems.append(Problem(path.name, None, _yaml_message(exc, "the file")))
    return None


def _validate(model: type[BaseModel], data: dict[str, Any], name: str, problems: list[Problem]) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            problems.append(Problem(name, _field_words(err["loc"]), _explain(err, model)))
        return None


def _field_words(loc: tuple[str | int, ...]) -> str | None:
    """Where pydantic found a problem, as staff count the items of a list: ("sources", 1) is
    "source 2" and ("steps", 0, "badge") "badge of step 1", not "sources.1" counted from 0."""
    words: list[str] = []
    for part in loc:
        if isinstance(part, int) and words:
            name = words.pop()
            one = _singular(name)
            words.append(f"{one} {part + 1}" if one else f"item {part + 1} of {name}")
        else:
            words.append(str(part))
    return " of ".join(reversed(words)) or None


def _singular(name: str) -> str | None:
    """One item of a list field: "steps" -> "step"; None when the name is no plain plural ("unless")."""
    return name[:-1] if name.endswith("s") and not name.endswith("ss") else None


def _model_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> type[BaseModel]:
    """The model that reads a place in a file: a pathway's step for ("steps", 0), so that a problem
    there names the step's fields (badge, description), not the pathway's."""
    for part in loc:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part)
        if field is None:
            break
        inner = [t for t in (field.annotation, *get_args(field.annotation))
                 if isinstance(t, type) and issubclass(t, BaseModel)]
        if not inner:
            break
        model = inner[0]
    return model


def _explain(err: Any, model: type[BaseModel]) -> str:
    """pydantic's error in the words of the file: never a class name ("a valid dictionary or
    instance of PathwayStep") or "Input should be", which staff editing YAML never wrote."""
    kind = err["type"]
    if kind == "missing":
        return "required field is missing: add it"
    if kind == "extra_forbidden":
        allowed = ", ".join(_model_at(model, err["loc"][:-1]).model_fields)
        return f"unknown field (a typo?): the fields are {allowed}"
    if kind == "model_type":  # (a set of fields was expected: a step written as its bare name)
        fields = _model_at(model, err["loc"]).model_fields
        first = next((name for name, f in fields.items() if f.is_required()), next(iter(fields), "name"))
        value = err.get("input")
        example = f"{first}: {value}" if isinstance(value, (str, int, float)) else f"{first}: ..."
        return f"must be written as fields ({', '.join(fields)}), not a single value: '- {example}'"
    if kind == "too_short" and isinstance(err.get("input"), list):
        return "must not be empty: list at least one"
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
    return message.removeprefix("Value error, ").replace("Input should be", "must be")


def _yaml_message(exc: yaml.YAMLError, what: str, line_offset: int = 0) -> str:
    """What is wrong with a YAML text and what to do, with lines counted in the file (an entry's
    front matter starts one line down). YAML's own "problem" often names where it gave up, not the
    cause, so the hint is chosen from it and points at the line where the cause is."""
    if isinstance(exc, DuplicateKeyError):
        return (f"line {exc.second_line + line_offset}: {exc.key!r} is already defined at line "
                f"{exc.first_line + line_offset}: merge the two into one (YAML keeps only the last, "
                "so everything under the first is lost)")
    if isinstance(exc, BadDateError):
        return (f"line {exc.line + line_offset}: {exc.value!r} is not a date that exists ({exc.reason}): "
                "write it as YYYY-MM-DD")
    problem = getattr(exc, "problem", None) or "syntax error"
    context = getattr(exc, "context", None) or ""
    start, mark = getattr(exc, "context_mark", None), getattr(exc, "problem_mark", None)
    if "quoted scalar" in context and start is not None:
        return (f"{what} is not valid YAML: the quote opened at line {start.line + 1 + line_offset}, "
                f"column {start.column + 1} is not closed: close it, or remove it")
    if "expected ':'" in problem and "simple key" in context and start is not None:
        return (f"{what} is not valid YAML: line {start.line + 1 + line_offset} has no ':' after its field "
                "name: write it as 'name: value'")
    where = f"{problem} at line {mark.line + 1 + line_offset}, column {mark.column + 1}" if mark else problem
    if "mapping values are not allowed" in problem:
        hint = "quote values that contain ': ' (title: \"Cost: what you pay\")"
    elif "'\\t'" in problem:
        hint = "indent with spaces, not tabs"
    else:
        hint = "check the indentation, and quote values that contain ': ' or start with a special character"
    return f"{what} is not valid YAML ({where}): {hint}"
