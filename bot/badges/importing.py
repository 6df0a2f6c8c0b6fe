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
from dataclasses import dataclass
from pathlib import Path

from bot.badges.fetch import Fetcher
from bot.badges.openbadges import NotABadge, parse_time, read
from bot.badges.remote import Found
from bot.badges.store import Account, BadgeStore, Listed, StoreError, Verified
from bot.badges.verify import INVALID, Report, verify

MAX_FILE_BYTES = 4 * 1024 * 1024


@dataclass(frozen=True)
class Imported:
    name: str  # the file (or row) it came from
    ok: bool
    message: str
    award_id: int | None = None
    status: str | None = None
    created: bool = False


def import_bytes(store: BadgeStore, learner_id: int, data: bytes, name: str, fetcher: Fetcher) -> Imported:
    """Verify one credential and store it as one award, or say why it was rejected."""
    try:
        document = read(data, name)
    except NotABadge as exc:
        return Imported(name, False, f"rejected: {exc}")
    report = verify(document, fetcher, emails=store.emails(learner_id))
    if report.signature == INVALID or report.status == "invalid":
        why = report.signature_detail or "; ".join(report.errors) or "its content does not match its signature"
        return Imported(name, False, f"rejected: {name} does not verify: {why}", status="invalid")
    award_id, created = store.save_award(learner_id, document, report)
    verb = "imported" if created else "already there, report refreshed"
    return Imported(name, True, f"{verb}: {report.summary.name} ({report.status}) from {report.summary.issuer_name}",
                    award_id, report.status, created)


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
    slots: list[tuple[int, str, str]] = []
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
            label = report.summary.name
            issuer = report.summary.issuer_name
        elif item.listed is not None:
            items.append(item.listed)
            label, issuer = item.listed.summary.name, item.listed.summary.issuer_name
        else:
            continue
        slots.append((len(results), label, issuer))
        results.append(None)
    saved = store.save_import(account, given, items) if items else []
    for (index, label, issuer), done in zip(slots, saved, strict=True):
        what = f"{label} ({done.status}) from {issuer}"
        if done.kept:
            message = f"already there, kept its last verdict: {what}; this time it could not be checked"
        else:
            message = ("imported: " if done.created else "already there, report refreshed: ") + what
        results[index] = Imported(label, True, message, done.award_id, done.status, done.created)
    return [r for r in results if r is not None]


# --- rosters ---------------------------------------------------------------------------------

ROSTER_COLUMNS = ("badge", "issued")


def import_roster(store: BadgeStore, text: str, name: str = "the roster") -> list[Imported]:
    """Staff's CSV: `email` or `user` (platform:user-id), `badge`, `issuer`, `issued`, `expires`, `evidence`.

    Every row is checked before anything is written; one bad row rejects the file, naming the line.
    """
    reader = csv.DictReader(io.StringIO(text))
    header = {(h or "").strip().lower() for h in reader.fieldnames or []}
    missing = [c for c in ROSTER_COLUMNS if c not in header]
    if missing or not ({"email", "user"} & header):
        need = missing + ([] if {"email", "user"} & header else ["email or user"])
        raise StoreError(f"{name}: missing column(s) {', '.join(need)}; expected "
                         "email or user, badge, issuer, issued, expires, evidence")
    rows, problems = [], []
    for line, raw in enumerate(reader, start=2):
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in raw.items()}
        problems += _roster_row_problems(row, line, name)
        rows.append((line, row))
    if problems:
        raise StoreError("\n".join(problems))
    results = []
    for line, row in rows:
        email = row.get("email", "").lower()
        if row.get("user"):
            learner_id = store.ensure_learner(Account.parse(row["user"]), [email] if email else [])
        else:
            learner_id = store.learner_by_email(email)
            if learner_id is None:
                learner_id = store.ensure_learner(Account("email", "", email), [email])
        issued, expires = parse_time(row.get("issued")), parse_time(row.get("expires"))
        award_id, created = store.save_roster_award(
            learner_id, badge=row["badge"], issuer=row.get("issuer", ""), issued=issued, expires=expires,
            evidence=row.get("evidence") or None, row=row)
        results.append(Imported(f"{name}:{line}", True, f"{'imported' if created else 'already there'}: {row['badge']}",
                                award_id, None, created))
    return results


def _roster_row_problems(row: dict[str, str], line: int, name: str) -> list[str]:
    problems = []
    if not row.get("badge"):
        problems.append(f"{name}:{line}: the badge name is empty")
    if not row.get("email") and not row.get("user"):
        problems.append(f"{name}:{line}: give an email or a user (platform:user-id)")
    if row.get("email") and "@" not in row["email"]:
        problems.append(f"{name}:{line}: {row['email']!r} is not an e-mail address")
    if row.get("user"):
        try:
            Account.parse(row["user"])
        except StoreError as exc:
            problems.append(f"{name}:{line}: {exc}")
    for column in ("issued", "expires"):
        if row.get(column) and parse_time(row[column]) is None:
            problems.append(f"{name}:{line}: {column} {row[column]!r} is not a date (use YYYY-MM-DD)")
    return problems


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
