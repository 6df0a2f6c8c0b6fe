"""What a valid knowledge base looks like, as pydantic models.

Staff edit these files by hand, so validation has to speak their language: every problem names
the file, the field and what to do. The models here only describe shapes; `loader` turns pydantic's
errors into those messages and adds the checks that span files (duplicate ids, unknown links).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StrictInt, ValidationInfo, field_validator

KEBAB = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
URL = re.compile(r"^https?://[^\s/$.?#][^\s]*$", re.I)
# an absolute URI, as Open Badges and Verifiable Credentials give an issuer's id: https://..., did:..., urn:uuid:...
ABSOLUTE_URI = re.compile(r"^[a-z][a-z0-9+.-]*:\S+$", re.I)


_BLOCK_START = re.compile(r"^\s*(?:[-*+]\s|\d+[.)]\s|#|>|\|)")


def reflow(markdown: str) -> str:
    """Join the soft line breaks of hand-wrapped Markdown, keeping paragraphs, lists and headings.

    Staff wrap answers at whatever width their editor uses; a chat client would show every one of
    those breaks. Markdown itself treats them as spaces, so the answer is stored that way and each
    renderer wraps for its own screen.
    """
    out: list[str] = []
    fenced = False
    for line in markdown.strip().splitlines():
        stripped = line.strip()
        if stripped.startswith("```"):
            fenced = not fenced
            out.append(line.rstrip())
            continue
        if fenced or not stripped or not out or not out[-1].strip() or _BLOCK_START.match(line) \
                or out[-1].rstrip().startswith(("#", "```")) or out[-1].endswith("  "):
            out.append(line.rstrip() if stripped else "")
        else:
            out[-1] = out[-1].rstrip() + " " + stripped
    return "\n".join(out)


def _kebab(value: str) -> str:
    if not KEBAB.match(value):
        raise ValueError("must be kebab-case: lowercase letters, digits and single hyphens")
    return value


# A stable id staff choose once: entries and pathways are linked and looked up by it.
KebabId = Annotated[str, Field(min_length=1), AfterValidator(_kebab)]


def _clean_list(values: list[str]) -> list[str]:
    return [v.strip() for v in values if isinstance(v, str) and v.strip()]


def _web_link(value: str) -> str:
    """One source, checked on its own so that every bad one in a file is reported, not the first
    (a blank line in the list is dropped afterwards, as in the other lists)."""
    if value.strip() and not URL.match(value.strip()):
        raise ValueError(f"not a web link: {value.strip()!r} (write the full https:// address)")
    return value


WebLink = Annotated[str, AfterValidator(_web_link)]


_BOLD_LEAD = re.compile(r"^\s*(?:[-*+]\s+)?\*\*([^*]+)\*\*")
# a heading on a line of its own: "**Tips**", "**Red flags:**", "**Open Badges 2.0** (2018)", "How to check:"
_HEADING_LINE = re.compile(r"^\s*(\*\*[^*]+\*\*[^.\n]{0,40}|[^\n]{1,80}:)\s*$")


LIST_ITEM = re.compile(r"^\s*(?:[-*]|\d+[.)])\s")
_INLINE_LEAD_WORDS = 3


def lead_of(part: str) -> str:
    """What a part of an answer says it is about, when it says so: its bold lead ("**Renewing.**"),
    a first line ending in a colon ("How to check:"), or a short lead-in before a colon ("Red
    flags: ..."). A plain paragraph has none, even one with a colon in its first sentence
    ('"Accredited" can mean different things: ...'): that sentence shares words with many
    questions it does not answer."""
    if bold := _BOLD_LEAD.match(part):
        return bold.group(1)
    first = part.strip().split("\n", 1)[0].rstrip()
    if first.endswith(":"):
        return first[:-1].split(":", 1)[0]
    lead = first.split(":", 1)[0] if ":" in first[:80] else ""
    return lead if len(lead.split()) <= _INLINE_LEAD_WORDS else ""


class Entry(BaseModel):
    """One topic: the question learners ask in many words, and the answer staff wrote."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: KebabId
    title: str = Field(min_length=1)
    questions: list[str] = Field(min_length=1)
    answer: str = Field(min_length=1)
    tags: list[str] = []
    # The proper names this entry is about (a platform, a provider). In a question a name says
    # which one; the rest of the question says what is asked, so "does my Coursera certificate
    # expire?" goes to the entry on expiry, and "what is Coursera?" still comes here.
    names: list[str] = []
    # The one place this entry is about, in each way a question names it ("New Zealand", "NZ",
    # "NZQA"). A question that names none of them is not asked there: "how do I register for a
    # micro-credential?" wants the general answer, not New Zealand's register.
    where: list[str] = []
    related: list[str] = []
    sources: list[WebLink] = []
    updated: dt.date

    @field_validator("title", "answer")
    @classmethod
    def _not_blank(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be empty")
        return value.strip()

    @field_validator("answer")
    @classmethod
    def _reflow(cls, value: str) -> str:
        return reflow(value)

    @field_validator("questions")
    @classmethod
    def _questions(cls, value: list[str]) -> list[str]:
        cleaned = _clean_list(value)
        if not cleaned:
            raise ValueError("needs at least one non-empty phrasing")
        return cleaned

    @field_validator("tags", "names", "where", "related", "sources")
    @classmethod
    def _strings(cls, value: list[str]) -> list[str]:
        return _clean_list(value)

    @property
    def source_url(self) -> str | None:
        return self.sources[0] if self.sources else None

    @property
    def parts(self) -> list[str]:
        """The answer in the parts a follow-up can ask about: the opening paragraph (answers open
        with the direct answer), then each paragraph, a heading on a line of its own ("How to
        check:", "**Tips**") kept with what follows it."""
        parts: list[str] = []
        for paragraph in self.answer.split("\n\n"):
            if not paragraph.strip():
                continue
            heading = parts and "\n" not in parts[-1].strip() and (
                _HEADING_LINE.match(parts[-1]) or parts[-1].rstrip().endswith(":"))
            if heading:
                parts[-1] = f"{parts[-1]}\n\n{paragraph}"
            else:
                parts.append(paragraph)
        return parts


    @property
    def steps(self) -> list[str]:
        """The answer after its opening as the steps a learner works through: each list item and
        each paragraph, headings ("Work through these steps:") left out, as they introduce."""
        steps: list[str] = []
        for paragraph in self.answer.split("\n\n")[1:]:
            lines = paragraph.strip().splitlines()
            if len(lines) == 1 and _HEADING_LINE.match(lines[0]):
                continue
            if not any(LIST_ITEM.match(line) for line in lines):
                steps.append(" ".join(line.strip() for line in lines))
                continue
            for line in lines:
                if LIST_ITEM.match(line) or not steps:
                    steps.append(line.strip())
                else:  # a list item's wrapped line
                    steps[-1] = f"{steps[-1]} {line.strip()}"
        return steps


class DeclineGroup(BaseModel):
    """A kind of question credbot declines, with examples so paraphrases are caught too."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(min_length=1)
    reply: str = Field(min_length=1)
    examples: list[str] = []
    phrases: list[str] = []  # any of these in a question decides it, whatever else matches
    # any of these declines a question that does not also ask about a credential: "the weather
    # tomorrow" is declined, "a micro-credential in hospitality" is not
    subjects: list[str] = []
    # words that keep a question from this group's phrases and subjects: "can't log in" is a
    # platform's sign-in problem, but "I can't log in to my old school email" is ours (e-mail changes)
    unless: list[str] = []

    @field_validator("examples", "phrases", "subjects", "unless")
    @classmethod
    def _strings(cls, value: list[str]) -> list[str]:
        return _clean_list(value)

    def triggers(self) -> list[tuple[str, bool]]:
        """Each phrase and subject, with whether it declines even a question about a credential."""
        return [(p, True) for p in self.phrases] + [(s, False) for s in self.subjects]


def name_words(text: str) -> list[str]:
    """The words of a badge name (or of a learner naming one), with case, punctuation and accents
    ignored: "Gestión de Proyectos" is found as "gestion", and "C#" stays "c#"."""
    folded = "".join(ch for ch in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(ch))
    return re.findall(r"[a-z0-9+#]+", folded)


def badge_key(name: str) -> str:
    """A badge name as the badge store matches it: case, punctuation and accents ignored."""
    return " ".join(name_words(name)) or name.strip().lower()


class PathwayStep(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    badge: str = Field(min_length=1)  # the badge class name as issuers write it
    description: str = ""

    @field_validator("badge")
    @classmethod
    def _named(cls, value: str) -> str:
        if not value.strip():
            raise ValueError("must not be empty: write the badge's name as its issuer does")
        return value.strip()


class Pathway(BaseModel):
    """Badges that stack into a larger credential."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: KebabId
    title: str = Field(min_length=1)
    awards: str = Field(min_length=1)  # what completing the pathway earns
    issuer: str = ""  # whose badges count, by name as its badges give it; any issuer's when empty
    # the issuer's id as its badges give it (a web address or a DID): matched before the name, which
    # two issuers can share and a renamed one changes (after `issuer`, which it needs)
    issuer_id: str = ""
    # (before `required`, which is checked against them)
    steps: list[PathwayStep] = Field(min_length=1)
    # how many steps are needed, all of them when absent ("true" is no number: read as 1, it said one
    # badge of four finished the pathway)
    required: StrictInt | None = None
    source: str | None = None

    @field_validator("issuer")
    @classmethod
    def _issuer_named(cls, value: str) -> str:
        """Progress counts only the badges of the issuer named here: a name without a letter or digit
        ("-", "?") would match no badge's issuer, and the pathway could never be completed."""
        if value.strip() and not name_words(value):
            raise ValueError(f"{value.strip()!r} names no issuer: write the issuer's name as its badges give it, "
                             "or leave issuer out to count a badge of a step's name from any issuer")
        return value.strip()

    @field_validator("issuer_id")
    @classmethod
    def _issuer_id_usable(cls, value: str, info: ValidationInfo) -> str:
        """An id is compared exactly with the one a badge gives, so a bare host or a name there would
        match no badge; and badges with no id of their issuer (a roster's rows) are matched by
        `issuer`, which must then be written too, or they would count whoever issued them."""
        value = value.strip()
        if value and not ABSOLUTE_URI.match(value):
            raise ValueError(f"{value!r} is not an issuer id: write the id its badges give the issuer, a web address "
                             "(https://example.edu/issuer.json) or a DID (did:web:example.edu), or leave issuer_id out "
                             "to match the issuer by name")
        if value and "issuer" in info.data and not info.data["issuer"]:
            raise ValueError("is given without issuer: write issuer too, the issuer's name as its badges give it "
                             "(badges that carry no issuer id, such as a roster's, are matched by that name)")
        return value

    @field_validator("steps")
    @classmethod
    def _each_badge_once(cls, steps: list[PathwayStep]) -> list[PathwayStep]:
        """A badge listed twice would count as two steps that one award can never both fill."""
        first: dict[str, int] = {}
        for number, step in enumerate(steps, 1):
            seen = first.setdefault(badge_key(step.badge), number)
            if seen != number:
                raise ValueError(f"{step.badge!r} is listed twice (steps {seen} and {number}): list each badge once")
        return steps

    @field_validator("required")
    @classmethod
    def _possible(cls, required: int | None, info: ValidationInfo) -> int | None:
        """A pathway that needs more badges than it lists (or none) can never be completed, and
        learners asking about their progress would get nonsense."""
        if required is None:
            return None
        if required < 1:
            raise ValueError(f"{required}: write how many of the steps a learner needs, 1 or more (or leave "
                             "it out to need all of them)")
        steps = info.data.get("steps")
        if steps is not None and required > len(steps):
            listed = f"{len(steps)} step" + ("s" if len(steps) > 1 else "")
            raise ValueError(f"{required}, but the pathway lists only {listed}: lower it to "
                             f"{len(steps)} or fewer (or leave it out to need all of them), or add the missing steps")
        return required

    def counts_issuer(self, issuer: str, issuer_id: str | None = None) -> bool:
        """Whether a badge from `issuer` (its name, and its id when the badge gives one) can fill a
        step: a pathway that names its issuer counts only that issuer's badges, since a badge of the
        same name from another issuer is another badge; one that names none counts any. Ids are
        compared when both sides have one (two issuers can share a name, and a renamed issuer keeps
        its id); otherwise names, with case and punctuation ignored as badge names are."""
        if not self.issuer:
            return True
        if self.issuer_id and issuer_id:
            return issuer_id == self.issuer_id
        return badge_key(issuer) == badge_key(self.issuer)
