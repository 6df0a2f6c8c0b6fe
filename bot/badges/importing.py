"""Bringing badges into the store: files a learner has, staff rosters, badge services (a Badgr
backpack, a Credly profile), and verifying again later.

A badge is stored with its status (verified, expired, revoked, or unverified when it cannot be
checked, e.g. a hosted badge while offline). A file that is no badge, or whose signature does not
match its content, is rejected with its name and the reason, and nothing of it is written.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import unicodedata
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz, process

from bot.badges.fetch import Fetcher
from bot.badges.openbadges import NotABadge, evidence_warning, expiry_time, parse_time, read
from bot.badges.remote import Found
from bot.badges.roster_csv import from_spreadsheet
from bot.badges.store import Account, BadgeStore, Listed, RosterAward, Saved, StoreError, Verified, checked_emails
from bot.badges.verify import INVALID, Report, recipient_claims, verify
from bot.records import utcnow
from knowledge.schema import Pathway, badge_key

MAX_FILE_BYTES = 4 * 1024 * 1024


@dataclass(frozen=True)
class Imported:
    name: str  # the file (or row) it came from
    ok: bool
    message: str
    award_id: int | None = None
    status: str | None = None
    created: bool = False
    updated: bool = False  # it was there, and this import changed it (a roster's corrected expiry)
    warning: str | None = None  # imported, but something staff should look at (a name a pathway nearly has)


def import_bytes(store: BadgeStore, learner_id: int, data: bytes, name: str, fetcher: Fetcher) -> Imported:
    """Verify one credential and store it as one award, or say why it was rejected."""
    try:
        document = read(data, name)
    except NotABadge as exc:
        return Imported(name, False, f"rejected: {exc}")
    emails = store.emails(learner_id)
    report = verify(document, fetcher, emails=emails)
    if report.signature == INVALID or report.status == "invalid":
        why = report.signature_detail or "; ".join(report.errors) or "its content does not match its signature"
        return Imported(name, False, f"rejected: {name} does not verify: {why}", status="invalid")
    if report.recipient == "not matched":
        # someone else's badge (a file picked from the wrong folder) would show as this learner's
        return Imported(name, False, f"rejected: {report.summary.name} in {name} was issued to another e-mail address "
                                     f"than the learner's ({', '.join(emails)}): import it for the person it was "
                                     "issued to, or, if the address is this learner's too, give it with --email")
    if not emails and report.recipient == "not checked" and recipient_claims(document):
        # issued to an address, and no address of the learner's to compare: anyone's badge would do
        return Imported(name, False, f"rejected: {report.summary.name} in {name} was issued to an e-mail address, and "
                                     f"learner {learner_id} has none on record to check it against: give the "
                                     "learner's address with --email")
    saved = store.save_award(learner_id, document, report)
    if saved.kept:
        return Imported(name, True, f"already there: {report.summary.name} from {report.summary.issuer_name} "
                                    f"stays {saved.status} (this check proved less: its copy could not be checked)",
                        saved.award_id, saved.status)
    verb = "imported" if saved.created else "already there, report refreshed"
    return Imported(name, True, f"{verb}: {report.summary.name} ({report.status}) from {report.summary.issuer_name}",
                    saved.award_id, report.status, saved.created, warning=evidence_warning(report.summary))


def import_files(store: BadgeStore, account: Account, paths: list[Path], fetcher: Fetcher,
                 emails: list[str] | None = None) -> list[Imported]:
    learner_id = store.ensure_learner(account, emails or [])
    results = []
    for path in paths:
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                results.append(Imported(str(path), False, f"rejected: {path} is larger than 4 MB; no badge is that big"))
                continue
            data = path.read_bytes()
        except OSError as exc:
            results.append(Imported(str(path), False, f"rejected: cannot read {path} ({exc.strerror or exc})"))
            continue
        results.append(import_bytes(store, learner_id, data, str(path), fetcher))
    return results


# --- badge services ---------------------------------------------------------------------------


def import_found(store: BadgeStore, account: Account, found: list[Found], fetcher: Fetcher,
                 emails: list[str] | None = None) -> list[Imported]:
    """Verify what a service listed and store it all in one transaction.

    A badge that fails verification (its hosted copy differs, its signature does not match) is
    rejected by name like a bad file; the others are written together or not at all.
    """
    given = [e.strip().lower() for e in emails or [] if "@" in e]
    learner = store.learner_id(account)
    known = sorted(set(store.emails(learner) if learner is not None else []) | set(given))
    results: list[Imported | None] = []
    items: list[Verified | Listed] = []
    slots: list[tuple[int, str, str, str | None]] = []
    for item in found:
        if item.problem:
            results.append(Imported(item.label, False, f"rejected: {item.label}: {item.problem}"))
            continue
        if item.document is not None:
            report = verify(item.document, fetcher, emails=known)
            if report.signature == INVALID or report.status == "invalid":
                why = report.signature_detail or "; ".join(report.errors) or "it does not verify"
                results.append(Imported(item.label, False, f"rejected: {item.label} does not verify: {why}",
                                        status="invalid"))
                continue
            items.append(Verified(item.document, report, item.source_kind, item.key))
            summary = report.summary
        elif item.listed is not None:
            items.append(item.listed)
            summary = item.listed.summary
        else:
            continue
        slots.append((len(results), summary.name, summary.issuer_name, evidence_warning(summary)))
        results.append(None)
    saved = store.save_import(account, given, items) if items else []
    for (index, label, issuer, warning), done in zip(slots, saved, strict=True):
        what = f"{label} ({done.status}) from {issuer}"
        if done.kept:
            message = f"already there, kept its last verdict: {what}; this time it could not be checked"
            warning = None  # (nothing of this copy was stored)
        else:
            message = ("imported: " if done.created else "already there, report refreshed: ") + what
        results[index] = Imported(label, True, message, done.award_id, done.status, done.created, warning=warning)
    return [r for r in results if r is not None]


# --- rosters ---------------------------------------------------------------------------------

ROSTER_COLUMNS = ("email", "user", "badge", "issuer", "issued", "expires", "evidence")
_REQUIRED = ("badge", "issued")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ].+)?")


def roster_text(data: bytes, name: str) -> str:
    """A roster file's text, or why it cannot be read: the terminal and chat say the same thing.

    Spreadsheets often save in the Windows code page; guessing it would misspell names silently, so
    the file is refused with the line of the first byte that is not UTF-8, and what to do.
    """
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[:exc.start].count(b"\n") + 1
        raise StoreError(f"{name}:{line}: not UTF-8 text: save the CSV as UTF-8 "
                         "(in Excel: Save As, CSV UTF-8)") from None


def import_roster(store: BadgeStore, text: str, name: str = "the roster",
                  pathways: Sequence[Pathway] = ()) -> list[Imported]:
    """Staff's CSV: `email` or `user` (platform:user-id), `badge`, `issuer`, `issued`, `expires`, `evidence`.

    The file is checked whole before anything is written: every bad row is listed (file:line, the
    file's own line numbers), and then the awards are written in one transaction, where a row whose
    address belongs to another learner than its account is refused too. So a refused, failed or
    interrupted import leaves nothing behind. Columns are separated by commas, or by semicolons when
    the header has no comma but semicolons (what Excel saves where the comma is the decimal mark):
    accepted rather than refused, since those staff cannot easily save anything else. Blank and
    wholly empty rows (",,,," from a spreadsheet) are skipped. A badge named nearly as a step of
    one of `pathways` is imported with a warning: progress counts exact names only.
    """
    rows = _roster_rows(text, name)
    near = _near_pathway_steps({row.badge for row in rows}, pathways)
    results = []
    for row, saved in zip(rows, store.save_roster(rows), strict=True):
        if saved.created:
            verb = "imported"
        elif saved.updated:
            verb = "updated"
        else:
            verb = "already there"
        found = [(f"{row.label}: {row.badge!r} is not a step of any pathway, but nearly {near[row.badge]!r}: "
                  "pathway progress counts exact names (case and punctuation aside), so it does not count towards "
                  "that pathway. If it is that badge, use the pathway's name for it in future rosters"
                  if row.badge in near else None), _other_issuer_warning(row, pathways),
                 _same_badge_warning(row, saved), _linked_beside_warning(row, saved), _evidence_warning(row)]
        # every one of them: a link beside another account must never hide behind a name's warning
        warning = "\nwarning: ".join(w for w in found if w) or None
        results.append(Imported(row.label, True, f"{verb}: {row.badge}{_roster_dates(row)}", saved.award_id,
                                saved.status, saved.created, saved.updated, warning))
    return results


def _evidence_warning(row: RosterAward) -> str | None:
    left_out = evidence_warning(row.listed().summary)
    return f"{row.label}: {row.badge!r}: {left_out}" if left_out else None


def _linked_beside_warning(row: RosterAward, saved: Saved) -> str | None:
    if not saved.linked_beside:
        return None
    return (f"{row.label}: {row.account} is now linked to learner {saved.learner_id} ({row.email or 'by this row'}), "
            f"who already had {', '.join(saved.linked_beside)}; it sees all their badges. If the id is a typo: "
            f"admin badges unlink {row.account} (credbot badges unlink --user {row.account} in a terminal)")


def _same_badge_warning(row: RosterAward, saved: Saved) -> str | None:
    """A row is keyed by its issue date, so a corrected date is a second award: staff may mean
    that (a badge earned again) or not, and only they can tell."""
    if not saved.same_badge:
        return None
    held = ", ".join(f"#{n} issued {f'{issued:%Y-%m-%d}' if issued else 'on an unknown date'}"
                     for n, issued in saved.same_badge)
    numbers = " ".join(str(n) for n, _issued in saved.same_badge)
    times = "twice" if len(saved.same_badge) == 1 else f"{len(saved.same_badge) + 1} times"
    old = "the old one" if len(saved.same_badge) == 1 else "the old ones"
    return (f"{row.label}: learner {saved.learner_id} already had {row.badge!r} from {row.issuer or 'this issuer'} "
            f"({held}), so they now hold it {times}. If this row corrects a date, remove {old}: "
            f"admin badges remove {saved.learner_id} {numbers} (credbot badges remove {saved.learner_id} {numbers} "
            "in a terminal)")


def _other_issuer_warning(row: RosterAward, pathways: Sequence[Pathway]) -> str | None:
    """A row whose badge is a pathway's step, from an issuer that pathway does not count: a roster
    without the issuer column, or one naming it otherwise, would leave a learner's progress short."""
    named = [p for p in pathways if any(badge_key(step.badge) == badge_key(row.badge) for step in p.steps)]
    if not named or any(p.counts_issuer(row.issuer) for p in named):
        return None
    pathway = named[0]
    given = f"issuer is {row.issuer!r}" if row.issuer else "issuer is empty"
    return (f"{row.label}: {row.badge!r} is a step of {pathway.title!r}, which counts only {pathway.issuer!r}'s "
            f"badges, and this row's {given}: it does not count towards that pathway. If it is that issuer's badge, "
            "write the issuer as the pathway does")


def _near_pathway_steps(badges: set[str], pathways: Sequence[Pathway]) -> dict[str, str]:
    """The badge names that no pathway step has but one nearly does ("SQL Foundation"), each with
    that step's name: a typo in a roster would leave a learner's progress one badge short."""
    steps = {badge_key(step.badge): step.badge for pathway in pathways for step in pathway.steps}
    near = {}
    for badge in badges:
        if badge_key(badge) in steps:
            continue
        hit = process.extractOne(badge_key(badge), list(steps), scorer=fuzz.ratio, score_cutoff=85)
        if hit is not None:
            near[badge] = steps[hit[0]]
    return near


def roster_summary(name: str, results: list[Imported]) -> str:
    """One line per roster imported, the same in the terminal and in chat, and its warnings."""
    created, updated = sum(r.created for r in results), sum(r.updated for r in results)
    changed = f"{updated} updated, " if updated else ""
    warnings = list(dict.fromkeys(f"warning: {r.warning}" for r in results if r.warning))
    return "\n".join([f"{name}: {len(results)} row(s), {created} new award(s), {changed}"
                      f"{len(results) - created - updated} already there.", *warnings])


def _roster_dates(row: RosterAward) -> str:
    dates = [f"{what} {moment:%Y-%m-%d}" for what, moment in (("issued", row.issued), ("expires", row.expires))
             if moment]
    return f" ({', '.join(dates)})" if dates else ""


def _roster_rows(text: str, name: str) -> list[RosterAward]:
    """Every row of a roster, checked; a StoreError listing all the problems when there are any."""
    lines = io.StringIO(text, newline="")
    first = lines.readline()
    lines.seek(0)
    delimiter = ";" if ";" in first and "," not in first else ","
    reader = csv.reader(lines, delimiter=delimiter)
    try:
        header = [h.strip().lower() for h in next(reader, [])]
        if not header:
            raise StoreError(f"{name}: the file is empty")
        _check_header(header, name)
        rows, problems, seen = [], [], {}
        end = reader.line_num
        for fields in reader:
            line, end = end + 1, reader.line_num
            if not any(f.strip() for f in fields):
                continue
            # (a cell a spreadsheet or `badges export` marked as text, "'=...", is read without its mark)
            fields = [from_spreadsheet(f.strip()) for f in fields]
            found = _roster_row_problems(header, fields, f"{name}:{line}")
            if found:
                problems += found
                continue
            row = _roster_award(header, fields, f"{name}:{line}")
            if (dupe := _duplicate(row, seen, line)) is not None:
                problems.append(dupe)
            rows.append(row)
    except csv.Error as exc:
        raise StoreError(f"{name}:{reader.line_num}: not readable as CSV ({exc})") from None
    if problems:
        raise StoreError("\n".join(problems))
    if not rows:
        raise StoreError(f"{name}: no rows under the header: nothing to import")
    return rows


def _check_header(header: list[str], name: str) -> None:
    """Unknown or misspelled columns are refused by name: dropping them would lose what they hold
    (an "expiry date" column would leave every award without its expiry)."""
    expected = f"(columns: {', '.join(ROSTER_COLUMNS)})"
    if len(header) == 1 and "\t" in header[0]:
        raise StoreError(f"{name}:1: the columns are separated by tabs: save the file as CSV (commas) {expected}")
    unknown = [h for h in header if h and h not in ROSTER_COLUMNS]
    twice = sorted({h for h in header if h and header.count(h) > 1})
    missing = [c for c in _REQUIRED if c not in header] + ([] if {"email", "user"} & set(header) else ["email or user"])
    problems = [text for text, given in ((f"unknown column {', '.join(map(repr, unknown))}", unknown),
                                         (f"column {', '.join(map(repr, twice))} given twice", twice),
                                         (f"missing column(s) {', '.join(missing)}", missing)) if given]
    if problems:
        raise StoreError(f"{name}:1: {'; '.join(problems)} {expected}")


def _roster_row_problems(header: list[str], fields: list[str], label: str) -> list[str]:
    if len(fields) > len(header):
        return [f"{label}: {len(fields)} fields but the header has {len(header)}: "
                "quote a badge name that contains a comma (\"Data Analysis, Level 1\")"]
    # A short row cannot say which cell it left out: "ana@example.org,SQL,2025-01-02" under
    # email,badge,issuer,issued would store the date as the issuer and the award as undated.
    # (a quote left open swallows the lines after it into one cell: that is the problem to name)
    if (missing := [h for h in header[len(fields):] if h]) and not any("\n" in f or "\r" in f for f in fields):
        return [f"{label}: {len(fields)} fields but the header has {len(header)} (no {', '.join(missing)}): "
                "a value may be under the wrong column; write every cell, an empty one as nothing between "
                "two commas (ana@example.org,,SQL,...)"]
    row = {h: f.strip() for h, f in zip(header, fields, strict=False) if h}
    problems = [f"{label}: a value {f.strip()[:40]!r} in a column with no name"
                for h, f in zip(header, fields, strict=False) if not h and f.strip()]
    problems += [f"{label}: the {column} {value[:40]!r} has a line break in it (a quote left open?)"
                 for column, value in row.items() if "\n" in value or "\r" in value]
    # (an escape sequence in a name would reach the terminal of whoever lists the awards)
    problems += [f"{label}: the {column} {value[:40]!r} has a control or invisible character in it: retype it"
                 for column, value in row.items()
                 if "\n" not in value and "\r" not in value and any(_hidden(ch) for ch in value)]
    if not row.get("badge"):
        problems.append(f"{label}: the badge name is empty")
    if not row.get("email") and not row.get("user"):
        problems.append(f"{label}: give an email or a user (platform:user-id)")
    for column, check in (("email", lambda value: checked_emails([value])), ("user", Account.parse)):
        try:
            if row.get(column):
                check(row[column])
        except StoreError as exc:
            problems.append(f"{label}: {exc}")
    return problems + _roster_date_problems(row, label)


_PLAUSIBLE_YEARS = (1950, 2200)


def _hidden(ch: str) -> bool:
    """A control character, a direction override or a zero-width space: what makes a name show
    other than it reads (a joiner, which some scripts and emoji need, is kept)."""
    return unicodedata.category(ch) == "Cc" or "\u202a" <= ch <= "\u202e" or "\u2066" <= ch <= "\u2069" \
        or ch in "\u200b\ufeff"


def _roster_date_problems(row: dict[str, str], label: str) -> list[str]:
    problems = [f"{label}: {column} {row[column]!r} is not a date (use YYYY-MM-DD)"
                for column in ("issued", "expires") if row.get(column) and _roster_time(row[column]) is None]
    issued, expires = _roster_time(row.get("issued", "")), _roster_time(row.get("expires", ""), expiry=True)
    if issued and expires and expires < issued:
        problems.append(f"{label}: expires {row['expires']} is before issued {row['issued']} (columns swapped?)")
    # a typo for a real date ("2030" for "2025", "0001"): it would count towards a pathway as it is
    if issued and issued > utcnow() + dt.timedelta(days=1):
        problems.append(f"{label}: issued {row['issued']} is in the future (a typo?)")
    for column, moment in (("issued", issued), ("expires", expires)):
        if moment and not _PLAUSIBLE_YEARS[0] <= moment.year <= _PLAUSIBLE_YEARS[1]:
            problems.append(f"{label}: {column} {row[column]} is not a plausible date"
                            + (" (leave expires empty for no expiry)" if column == "expires" else ""))
    return problems


def _roster_time(text: str, *, expiry: bool = False) -> dt.datetime | None:
    """YYYY-MM-DD or a full ISO 8601 timestamp, nothing else: a date a spreadsheet re-formatted
    (01/03/2025) or one with something after it is reported, never guessed at. An `expiry` given as
    a day alone is the end of that day, as in a badge (`expiry_time`): valid through the day it names."""
    read = expiry_time if expiry else parse_time
    return read(text, strict=True) if _ISO_DAY.fullmatch(text) else None


def _roster_award(header: list[str], fields: list[str], label: str) -> RosterAward:
    row = {h: f.strip() for h, f in zip(header, fields, strict=False) if h}
    # (spaces as one: "SQL  Foundations" typed with two was a second award beside "SQL Foundations")
    badge, issuer = " ".join(row["badge"].split()), " ".join(row.get("issuer", "").split())
    return RosterAward(label=label, account=Account.parse(row["user"]) if row.get("user") else None,
                       email=row.get("email", "").lower() or None, badge=badge, issuer=issuer,
                       issued=_roster_time(row.get("issued", "")),
                       expires=_roster_time(row.get("expires", ""), expiry=True),
                       evidence=row.get("evidence") or None, row=row)


def _duplicate(row: RosterAward, seen: dict[tuple, int], line: int) -> str | None:
    """The same award twice in one file: which line to keep is staff's call, not the import's."""
    who = str(row.account) if row.account else row.email
    key = (who, row.badge.lower(), row.issuer.lower(), row.issued)
    if key in seen:
        return (f"{row.label}: the same award as line {seen[key]} ({row.badge} for {who}, issued "
                f"{row.row.get('issued')}): keep one of the two lines")
    seen[key] = line
    return None


# --- verifying again -------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    award_id: int
    name: str
    old: str
    new: str


def reverify(store: BadgeStore, fetcher: Fetcher, learner_id: int | None = None,
             now: dt.datetime | None = None) -> tuple[int, list[Change]]:
    """Check stored awards again (status lists change, expiry dates pass): (checked, what changed).

    A check that learns less than the last one (offline, a list that cannot be fetched now) does not
    overwrite a definite verdict: a verified or revoked badge does not turn "unverified" because a
    server was down.
    """
    checked, changes = 0, []
    for award_id, owner, source, kind, status in store.sources(learner_id):
        if kind == "roster":
            continue
        try:
            document = read(source, f"award {award_id}")
        except NotABadge:
            continue
        report: Report = verify(document, fetcher, emails=store.emails(owner), now=now)
        checked += 1
        if report.status == "unverified" and status != "unverified":
            continue
        old, new = store.refresh(award_id, report)
        if old != new:
            changes.append(Change(award_id, report.summary.name, old, new))
    return checked, changes
