"""The roster CSV as staff read and write it in a spreadsheet: cells marked so that a spreadsheet
shows a formula-like value as text, and awards written back as the roster rows that import them
again (`credbot badges export`)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass

from bot.badges.openbadges import UNKNOWN_ISSUER
from bot.badges.store import AwardView, BadgeStore, LearnerView

# What a spreadsheet reads as the start of a formula (=HYPERLINK(...) in a badge name runs when
# staff open an export), and the apostrophe that marks a value as text, itself marked so that
# reading the mark back is exact for every value.
_FORMULA_START = tuple("=+-@'")


def for_spreadsheet(value: str) -> str:
    """`value` as a CSV cell that a spreadsheet shows as text, never runs: an apostrophe before a
    formula's first character (the OWASP advice). `from_spreadsheet` undoes it exactly."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def from_spreadsheet(value: str) -> str:
    """A cell as `for_spreadsheet` (or a spreadsheet, for a value typed as '=...) marked it, without
    the mark; any other value as it is ("'Tis" keeps its apostrophe)."""
    if value.startswith("'") and value[1:].startswith(_FORMULA_START):
        return value[1:]
    return value


def roster_row(award: AwardView, whose: LearnerView) -> dict[str, str]:
    """An award as the roster row that gives it back (`RosterAward.listed`): the learner's first
    address and first chat account, and the facts a roster holds. Read back, the row's key is the
    award's, so importing it into the same store again finds the same roster award.

    A row holds one line of text per cell (the roster import refuses line breaks), so a credential's
    multi-line evidence is joined on one line, and its several evidence items with "; "."""
    issuer = "" if award.issuer == UNKNOWN_ISSUER else award.issuer  # (an empty issuer is read back as that)
    evidence = "; ".join(award.evidence)
    return {"email": whose.emails[0] if whose.emails else "", "user": str(whose.accounts[0]) if whose.accounts else "",
            "badge": _one_line(award.name), "issuer": _one_line(issuer), "issued": _roster_date(award.issued),
            "expires": _roster_date(award.expires, day=dt.time.max), "evidence": _one_line(evidence)}


def roster_key(award: AwardView) -> tuple[str, str, dt.datetime | None]:
    """What makes two awards of one learner one roster row (badge, issuer, issue date): a roster
    holding both would be refused, so an export writes the first only."""
    issuer = "" if award.issuer == UNKNOWN_ISSUER else award.issuer
    return _one_line(award.name).lower(), _one_line(issuer).lower(), award.issued


def _one_line(text: str) -> str:
    return re.sub(r"[ \t]*[\r\n\t]+[ \t]*", " ", text).strip()


def _roster_date(moment: dt.datetime | None, day: dt.time = dt.time()) -> str:
    """YYYY-MM-DD for a day (what rosters give), the full UTC timestamp otherwise. A day is read back
    as its first moment, or as its last for an expiry (`day`), so that is the moment written as one."""
    if moment is None:
        return ""
    moment = moment.astimezone(dt.UTC)
    return f"{moment:%Y-%m-%d}" if moment.time() == day else moment.isoformat()


@dataclass(frozen=True)
class RosterExport:
    rows: list[dict[str, str]]  # one a roster row, by learner and then in the order imported
    learners: int  # how many learners the rows name
    notes: list[str]  # what staff should know: awards left out, and why


def roster_export(store: BadgeStore, learner_id: int | None = None) -> RosterExport:
    """The roster rows of every award (or one learner's), and what staff should know about them.

    A roster row names its learner by an address or a chat account: the awards of a learner with
    neither cannot be written, and are counted instead of dropped silently. Two awards of one
    learner with the same badge, issuer and issue date are one roster row (a roster holding both
    would be refused), so the second is counted too."""
    if learner_id is not None:
        whose = {learner_id: store.learner(learner_id)}
    else:
        whose = {view.id: view for view in store.learners()[0]}
    rows: list[dict[str, str]] = []
    named: set[int] = set()
    seen: set[tuple] = set()
    nameless = folded = credentials = 0
    for award in store.every_award(learner_id):
        learner = whose.get(award.learner_id)
        if learner is None or not (learner.emails or learner.accounts):
            nameless += 1
            continue
        if (key := (award.learner_id, *roster_key(award))) in seen:
            folded += 1
            continue
        seen.add(key)
        named.add(learner.id)
        credentials += award.source_kind != "roster"
        rows.append(roster_row(award, learner))
    several = sum(1 for n in named if len(whose[n].emails) > 1 or len(whose[n].accounts) > 1)
    notes = [text for count, text in (
        (nameless, f"{nameless} award(s) left out: their learner has no e-mail address or chat account to name "
                   "in the CSV (`badges learners` shows who; `badges link` gives them one)"),
        (folded, f"{folded} award(s) left out: the same badge, issuer and issue date as another award of the same "
                 "learner, which a roster holds once"),
        (several, f"{several} learner(s) have more than one address or chat account: each row names the first of "
                  "each, and importing the CSV links only those"),
        (credentials, f"{credentials} award(s) came from badge files, Badgr or Credly: imported from the CSV they "
                      "become roster records (name, issuer, dates, evidence), not verified credentials"),
    ) if count]
    return RosterExport(rows, len(named), notes)


def roster_csv(rows: list[dict[str, str]]) -> str:
    """The rows under the roster's header, every cell safe to open in a spreadsheet."""
    from bot.badges.importing import ROSTER_COLUMNS  # (importing reads cells with `from_spreadsheet`)

    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=ROSTER_COLUMNS)
    writer.writeheader()
    writer.writerows({column: for_spreadsheet(value) for column, value in row.items()} for row in rows)
    return out.getvalue()
