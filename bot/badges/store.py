"""Reads and writes of the badge store: every import one transaction, and idempotent.

The same credential imported twice is one award, its report refreshed; a failure half-way leaves
nothing behind. Chat accounts map to learners through `Identity`; e-mail addresses (from staff
rosters, or vouched for by the platform) map badges issued to hashed e-mail recipients.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlmodel import Session, select

from bot.badges.models import Award, BadgeClass, Identity, Issuer, Learner, LearnerEmail, LinkRequest
from bot.badges.openbadges import UNKNOWN_ISSUER, Document, Summary
from bot.badges.verify import Report
from bot.messages import Incoming
from bot.records import utcnow


T = TypeVar("T")


class StoreError(ValueError):
    """A write the store refuses, with the reason."""


# An address as staff paste it from a mail client: no "mailto:", no <brackets>, no trailing dot,
# all of which the store would keep as typed, so no badge or platform address would ever match it.
_EMAIL = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@(?:[^\W_](?:[\w-]*[^\W_])?\.)+[^\W\d_]{2,}")


def checked_emails(emails: Iterable[str]) -> list[str]:
    """E-mail addresses as staff typed them, lower-cased; the first that is none is refused.

    Staff commands (chat, terminal, roster) check here, before any write: the store itself skips a
    value without "@" silently, so "link --email notanemail" would otherwise link an account to a
    new, empty learner and say it had worked.
    """
    wanted = [e.strip().lower() for e in emails]
    bad = next((e for e in wanted if not _EMAIL.fullmatch(e)), None)
    if bad is not None:
        raise StoreError(f"{bad!r} is not an e-mail address (write the address alone, e.g. ana@example.org)")
    return wanted


_PLATFORMS = frozenset({"slack", "discord", "console"})
EMAIL_ONLY = "email"  # the stand-in account of a learner a roster knows by address alone
_SLACK_ID = re.compile(r"[A-Z0-9]+")


@dataclass(frozen=True)
class Account:
    """A chat account as the store keys it: Slack ids are per workspace, others are global."""

    platform: str
    workspace: str
    user_id: str

    @classmethod
    def parse(cls, text: str) -> Account:
        """`slack:TEAM/USER`, `discord:USER-ID` or `console:LOGIN` (the form `--user`, rosters and
        CREDBOT_STAFF use). Staff type these: one that no chat account could ever have (a Slack id
        without its workspace, a Discord name or mention, a space) is refused here, since awards
        linked to it would reach no one."""
        example = "use slack:TEAM/USER (e.g. slack:T123/U456), discord:USER-ID (a number) or console:LOGIN"
        text = text.strip()
        platform, sep, rest = text.partition(":")
        platform = platform.lower()
        if not sep or not platform or not rest:
            raise StoreError(f"{text!r} is not a user id: {example}")
        if any(ch.isspace() for ch in text):
            raise StoreError(f"{text!r} has a space in it: {example}")
        if platform == "slack":
            workspace, _, user = rest.partition("/")
            if not _SLACK_ID.fullmatch(workspace) or not _SLACK_ID.fullmatch(user):
                raise StoreError(f"{text!r} is not a Slack user id: Slack ids are per workspace, written "
                                 "slack:TEAM/USER with both ids in capitals, e.g. slack:T123/U456")
            return cls(platform, workspace, user)
        if platform == "discord" and not (rest.isascii() and rest.isdigit()):  # ("１２３" is no id Discord sends)
            raise StoreError(f"{text!r} is not a Discord user id: it is a number (Discord's Developer Mode, "
                             "Copy User ID), not a name or a mention")
        if platform not in _PLATFORMS:
            raise StoreError(f"{text!r} names no platform credbot serves: {example}")
        return cls(platform, "", rest)

    @classmethod
    def of(cls, incoming: Incoming) -> Account:
        workspace = incoming.workspace if incoming.platform == "slack" else ""
        return cls(incoming.platform, workspace, incoming.user)

    def __str__(self) -> str:
        return f"{self.platform}:{self.workspace + '/' if self.workspace else ''}{self.user_id}"


@dataclass
class AwardView:
    """One award as the dialogs and the CLI show it."""

    id: int
    learner_id: int
    name: str
    issuer: str
    issuer_url: str | None
    issued: dt.datetime | None
    expires: dt.datetime | None
    status: str
    revoked: bool
    revocation_reason: str | None
    format: str
    credential_id: str | None
    description: str = ""
    criteria: str = ""
    image: str | None = None
    alignments: list[dict[str, Any]] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)
    report: dict[str, Any] = field(default_factory=dict)
    source_kind: str = "json"
    imported_at: dt.datetime | None = None
    issuer_id: str | None = None  # the issuer's id as the badge gives it; None when it gives none (a roster row)

    def as_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "name": self.name, "issuer": self.issuer, "status": self.status,
            "issued": _iso(self.issued), "expires": _iso(self.expires), "revoked": self.revoked,
            "revocation_reason": self.revocation_reason, "format": self.format,
            "credential_id": self.credential_id, "source": self.source_kind,
        }


@dataclass(frozen=True)
class LearnerView:
    """One learner as staff lists show it: the number other staff commands name it by."""

    id: int
    emails: tuple[str, ...]
    accounts: tuple[Account, ...]  # chat accounts (not the stand-in a roster gives an address alone)
    awards: int


@dataclass(frozen=True)
class Verified:
    """A credential document with its verification report, ready to store."""

    document: Document
    report: Report
    source_kind: str
    key: str | None = None  # the award's identity when the document's own id is not stable enough

    @property
    def status(self) -> str:
        return self.report.status


@dataclass(frozen=True)
class Listed:
    """An award known only from a listing (a roster row, a profile entry): no document to verify."""

    key: str
    summary: Summary
    source: str  # the row or entry as received
    source_kind: str
    format: str
    detail: str  # why it could not be verified, in plain words

    @property
    def status(self) -> str:
        return self.report()["status"]

    def report(self) -> dict[str, Any]:
        expires = self.summary.expires
        expired = bool(expires and expires <= utcnow())
        return {"format": self.format, "status": "expired" if expired else "unverified", "signature": "unsigned",
                "signature_detail": self.detail, "expired": expired, "expires": _iso(expires), "revoked": None,
                "name": self.summary.name, "issuer": self.summary.issuer_name, "errors": [],
                "checked_at": utcnow().isoformat()}


@dataclass(frozen=True)
class RosterAward:
    """One checked roster row: whose award (a chat account, an e-mail address, or both) and what."""

    label: str  # where it came from ("awards.csv:4"): a refusal names it
    account: Account | None
    email: str | None
    badge: str
    issuer: str
    issued: dt.datetime | None
    expires: dt.datetime | None
    evidence: str | None
    row: dict[str, str]  # the row as read, kept as the award's source

    @property
    def unstated(self) -> frozenset[str]:
        """The optional columns the file does not have: importing it again keeps what the award
        holds there (a roster of names and dates alone must not wipe the expiry an earlier one gave)."""
        return frozenset({"expires", "evidence"} - self.row.keys())

    def listed(self) -> Listed:
        """The award as stored. Keyed by badge, issuer and issue date, so importing the row again
        finds the same award (and a corrected expiry or evidence updates it)."""
        summary = Summary(name=self.badge, issuer_name=self.issuer or UNKNOWN_ISSUER, issued=self.issued,
                          expires=self.expires, evidence=[self.evidence] if self.evidence else [])
        key = f"roster:{self.badge.lower()}|{self.issuer.lower()}|{self.issued}"
        return Listed(key=hashlib.sha256(key.encode()).hexdigest(), summary=summary,
                      source=json.dumps(self.row, sort_keys=True, ensure_ascii=False), source_kind="roster",
                      format="staff roster", detail="recorded by staff from a roster, no credential")


@dataclass(frozen=True)
class Merged:
    accounts: int
    emails: int
    awards: int
    duplicates: int  # awards both learners held: kept once


_IDS_A_QUERY = 500
_DEFINITE = frozenset({"verified", "expired", "revoked"})
_LAPSES = frozenset({"verified", "unverified"})  # the statuses an expiry date ends
_STATED_SUFFIX = re.compile(r"#[0-9a-f]{16}$")  # what `_stated_row` adds to a second row's key


def _better(award: Award, other: Award) -> bool:
    """Whether `award` is the copy to keep of a credential two learners both hold. The copy is kept
    whole (its expiry with its issuer and source), weighed as an import weighs a copy against the award
    held (`BadgeStore._kept`): a definite verdict beats "unverified", except "expired" from a copy whose
    signature or hosted original could not be checked, which loses to one found intact (anyone can write
    an expiry date into an unsigned copy: it won, and the merged badge took its date); then the more
    recently checked wins."""
    def rank(a: Award) -> tuple[int, dt.datetime]:
        intact, definite = _was_intact(a), a.status in _DEFINITE
        trusted = definite and (intact or a.status != "expired")
        return (3 if trusted else 2 if intact else 1 if definite else 0), a.verified_at or a.imported_at
    return rank(award) > rank(other)


@dataclass(frozen=True)
class Saved:
    award_id: int
    created: bool
    status: str
    kept: bool = False  # an earlier, definite verdict was kept (this check learned less)
    updated: bool = False  # it was there, and its dates, evidence, name or status changed
    learner_id: int | None = None
    # new, while the learner holds the same badge from the same issuer issued on another day:
    # (award id, issued) of those, since a roster row with a corrected date makes a second award
    same_badge: tuple[tuple[int, dt.datetime | None], ...] = ()
    # a chat account this import linked to a learner who already had another
    linked_beside: tuple[str, ...] = ()


def aware(moment: dt.datetime | None) -> dt.datetime | None:
    """SQLite hands timestamps back without a zone; they were written in UTC."""
    if moment is not None and moment.tzinfo is None:
        return moment.replace(tzinfo=dt.UTC)
    return moment


def _iso(moment: dt.datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def credential_key(document: Document, summary: Summary) -> str:
    """Same credential, same key: its id and what it is for (test documents reuse ids across badges)."""
    ident = document.id
    basis = f"id:{ident}|{summary.badge_class_id or summary.name}" if ident else f"source:{document.source}"
    return hashlib.sha256(basis.encode()).hexdigest()


class BadgeStore:
    def __init__(self, engine: sa.Engine):
        self.engine = engine

    # --- learners and identities -------------------------------------------------------------

    def learner_id(self, account: Account, emails: Iterable[str] = ()) -> int | None:
        """The learner behind a chat account; an unlinked account whose platform vouches for a
        known e-mail address is linked on the spot."""
        with Session(self.engine) as session:
            found = self._identity(session, account)
            if found is not None:
                return found.learner_id
            wanted = sorted({e.strip().lower() for e in emails if e and "@" in e})
            if not wanted:
                return None
            row = session.exec(select(LearnerEmail).where(LearnerEmail.email.in_(wanted))).first()
            if row is None:
                return None
            session.add(Identity(learner_id=row.learner_id, platform=account.platform,
                                 workspace=account.workspace, user_id=account.user_id))
            self._handled(session, account)
            try:
                session.commit()
            except sa.exc.IntegrityError:  # linked by another process meanwhile
                session.rollback()
                found = self._identity(session, account)
                return found.learner_id if found else None
            return row.learner_id

    def _retried(self, failure: str, work: Callable[[Session], T]) -> T:
        """`work` in one transaction, committed; run once more when a concurrent writer made it clash
        (the same learner, issuer, class or award inserted meanwhile), then refused with `failure`.
        Anything else `work` raises leaves the transaction uncommitted, so nothing of it is written."""
        for _attempt in range(2):
            with Session(self.engine) as session:
                try:
                    result = work(session)
                    session.commit()
                    return result
                except sa.exc.IntegrityError:
                    session.rollback()
        raise StoreError(failure)

    def ensure_learner(self, account: Account, emails: Iterable[str] = (), display_name: str | None = None) -> int:
        """The learner for `account`, created (with its identity) when there is none yet."""
        return self._retried(f"could not create a learner for {account}",
                             lambda session: self._ensure(session, account, emails, display_name))

    def _ensure(self, session: Session, account: Account, emails: Iterable[str], display_name: str | None) -> int:
        found = self._identity(session, account)
        wanted = sorted({e.strip().lower() for e in emails if e and "@" in e})
        if found is None:
            by_email = session.exec(select(LearnerEmail).where(LearnerEmail.email.in_(wanted))).first() if wanted else None
            if by_email is not None:
                learner_id = by_email.learner_id
            else:
                learner = Learner(display_name=display_name)
                session.add(learner)
                session.flush()
                learner_id = learner.id
            session.add(Identity(learner_id=learner_id, platform=account.platform, workspace=account.workspace,
                                 user_id=account.user_id))
            self._handled(session, account)
        else:
            learner_id = found.learner_id
        for email in wanted:
            owner = session.exec(select(LearnerEmail).where(LearnerEmail.email == email)).first()
            if owner is None:
                session.add(LearnerEmail(learner_id=learner_id, email=email))
            elif owner.learner_id != learner_id:
                raise StoreError(
                    f"{email} already belongs to learner {owner.learner_id}, and {account} to learner {learner_id}. "
                    f"If they are the same person, merge them: admin badges merge {owner.learner_id} {learner_id} "
                    f"(credbot badges merge {owner.learner_id} {learner_id} in a terminal)"
                )
        session.flush()
        return learner_id

    def merge_learners(self, source: int, target: int) -> Merged:
        """Fold learner `source` into `target`: accounts, e-mail addresses and awards move over in
        one transaction, and `source` is gone. The usual case: a roster created a learner for an
        e-mail address, and the same person had already been linked through a chat account.

        An award both hold (the same credential) is kept once, as `_better` chooses: a definite result
        (verified, expired, revoked) beats one that could not be checked, but never "expired" from a copy
        that could not be checked over one found intact; then the more recently verified wins. The evidence
        of both is kept.
        """
        if source == target:
            raise StoreError(f"learner {source} cannot be merged into itself")
        with Session(self.engine) as session:
            for learner in (source, target):
                if session.get(Learner, learner) is None:
                    raise StoreError(f"there is no learner {learner}")
            accounts = list(session.exec(select(Identity).where(Identity.learner_id == source)))
            chat_accounts = sum(a.platform != EMAIL_ONLY for a in accounts)  # (a roster's stand-in is none)
            emails = list(session.exec(select(LearnerEmail).where(LearnerEmail.learner_id == source)))
            for row in (*accounts, *emails):
                row.learner_id = target
                session.add(row)
            held = {a.credential_key: a for a in session.exec(select(Award).where(Award.learner_id == target))}
            moved = duplicates = 0
            for award in session.exec(select(Award).where(Award.learner_id == source)).all():
                other = held.get(award.credential_key)
                if other is None:
                    award.learner_id = target
                    session.add(award)
                    moved += 1
                    continue
                duplicates += 1
                kept, dropped = (award, other) if _better(award, other) else (other, award)
                kept.evidence = _evidence_of_both(kept, dropped)  # (a roster's evidence link was lost)
                session.delete(dropped)
                session.flush()
                kept.learner_id = target
                session.add(kept)
            session.flush()
            session.delete(session.get(Learner, source))
            session.commit()
        return Merged(chat_accounts, len(emails), moved, duplicates)

    def remove_awards(self, learner_id: int, award_ids: Sequence[int]) -> list[AwardView]:
        """Delete awards staff imported by mistake, all or none: each must be `learner_id`'s, so a
        mistyped number can only fail, never remove another learner's badge. Returns what was
        removed (as shown before), for the reply and the log. Issuer and badge-class rows stay: other
        awards may share them, and a re-import finds them again."""
        wanted = list(dict.fromkeys(award_ids))
        if not wanted:
            raise StoreError("name the award(s) to remove by number")
        held = {a.id: a for a in self.awards(learner_id)}
        missing = [n for n in wanted if n not in held]
        if missing:
            numbers = ", ".join(str(n) for n in missing)
            raise StoreError(f"learner {learner_id} holds no award {numbers}; their awards are "
                             f"{', '.join(str(n) for n in held) or 'none'}")
        with Session(self.engine) as session:
            for number in wanted:
                award = session.get(Award, number)
                if award is None or award.learner_id != learner_id:  # removed or moved meanwhile
                    raise StoreError(f"award {number} changed while it was being removed; nothing was removed, "
                                     "look again and retry")
                session.delete(award)
            session.commit()
        return [held[n] for n in wanted]

    def emails(self, learner_id: int) -> list[str]:
        """A learner's addresses, in the order they were added (the first is the one an export names)."""
        with Session(self.engine) as session:
            return list(session.exec(select(LearnerEmail.email).where(LearnerEmail.learner_id == learner_id)
                                     .order_by(LearnerEmail.id)))

    def learners(self, text: str = "", *, limit: int | None = None, offset: int = 0) -> tuple[list[LearnerView], int]:
        """Learners with an address, chat account (as `platform:user` is written) or badge name that
        contains `text`, in any case; every learner without it. By number, so a list read in pages
        keeps its order: (this page, how many match in all), so a capped list can say what it left out.
        The text is matched literally (a "_" or "%" in it is no wildcard)."""
        matching = sa.select(Learner.id)
        wanted = text.strip().lower()
        if wanted:
            matching = matching.where(Learner.id.in_(_learners_matching(wanted)))
        with self.engine.connect() as conn:
            total = conn.execute(sa.select(sa.func.count()).select_from(matching.subquery())).scalar_one()
            page = matching.order_by(Learner.id).offset(offset)
            ids = list(conn.execute(page if limit is None else page.limit(limit)).scalars())
            return self._learner_views(conn, ids), total

    def learner(self, learner_id: int) -> LearnerView | None:
        """One learner as `learners` lists it, or None when there is no such learner."""
        if not self.learner_exists(learner_id):
            return None
        with self.engine.connect() as conn:
            return self._learner_views(conn, [learner_id])[0]

    @classmethod
    def _learner_views(cls, conn: sa.Connection, ids: list[int]) -> list[LearnerView]:
        """The views of `ids`, in that order: three queries for a page of learners, not three a learner,
        and a page at a time for a longer list (a query's parameters are limited: SQLite's to 32766)."""
        return [view for start in range(0, len(ids), _IDS_A_QUERY)
                for view in cls._learner_page(conn, ids[start:start + _IDS_A_QUERY])]

    @staticmethod
    def _learner_page(conn: sa.Connection, ids: list[int]) -> list[LearnerView]:
        emails: dict[int, list[str]] = {n: [] for n in ids}
        accounts: dict[int, list[Account]] = {n: [] for n in ids}
        for owner, email in conn.execute(sa.select(LearnerEmail.learner_id, LearnerEmail.email)
                                         .where(LearnerEmail.learner_id.in_(ids)).order_by(LearnerEmail.id)):
            emails[owner].append(email)
        for owner, platform, workspace, user in conn.execute(
                sa.select(Identity.learner_id, Identity.platform, Identity.workspace, Identity.user_id)
                .where(Identity.learner_id.in_(ids), Identity.platform != EMAIL_ONLY).order_by(Identity.id)):
            accounts[owner].append(Account(platform, workspace, user))
        counts = dict(conn.execute(sa.select(Award.learner_id, sa.func.count()).where(Award.learner_id.in_(ids))
                                   .group_by(Award.learner_id)).all())
        return [LearnerView(n, tuple(emails[n]), tuple(accounts[n]), counts.get(n, 0)) for n in ids]

    def learner_exists(self, learner_id: int) -> bool:
        with Session(self.engine) as session:
            return session.get(Learner, learner_id) is not None

    def accounts(self, learner_id: int) -> list[Account]:
        """The chat accounts linked to a learner (not the stand-in a roster gives an address alone)."""
        with Session(self.engine) as session:
            return self._accounts(session, learner_id)

    @staticmethod
    def _accounts(session: Session, learner_id: int) -> list[Account]:
        rows = session.exec(select(Identity).where(Identity.learner_id == learner_id).order_by(Identity.id))
        return [Account(r.platform, r.workspace, r.user_id) for r in rows if r.platform != EMAIL_ONLY]

    def unlink(self, account: Account) -> int:
        """Detach a chat account from its learner (a link made by mistake, a mistyped id): the
        learner keeps their awards and addresses, and the account sees nothing until linked again."""
        with Session(self.engine) as session:
            found = self._identity(session, account)
            if found is None or account.platform == EMAIL_ONLY:
                raise StoreError(f"{account} is not linked to a learner")
            session.delete(found)
            session.commit()
            return found.learner_id

    def remove_email(self, email: str) -> int:
        """Take an address from its learner (a mistyped one, or one linked to the wrong person): the
        learner keeps their awards, and a later award to the address goes to whoever has it then.
        The learner's last way to be named is kept: without it, their awards could never be listed,
        exported or linked again."""
        email = email.strip().lower()
        with Session(self.engine) as session:
            owner = session.exec(select(LearnerEmail).where(LearnerEmail.email == email)).first()
            if owner is None:
                raise StoreError(f"{email} is not an address of any learner")
            learner_id = owner.learner_id
            others = session.exec(select(LearnerEmail).where(LearnerEmail.learner_id == learner_id,
                                                             LearnerEmail.id != owner.id)).first()
            if others is None and not self._accounts(session, learner_id):
                raise StoreError(
                    f"{email} is the only address of learner {learner_id}, who has no chat account: without it their "
                    f"awards could not be named again. Merge the learner into the one with the right address "
                    f"(`badges merge {email} <right address>`), or take the awards back "
                    f"(`badges remove {learner_id} <award number> ...`)")
            stand_in = self._identity(session, Account(EMAIL_ONLY, "", email))
            if stand_in is not None and stand_in.learner_id == learner_id:
                session.delete(stand_in)  # (a roster's stand-in account for the address goes with it)
            session.delete(owner)
            session.commit()
            return learner_id

    def learner_by_email(self, email: str) -> int | None:
        with Session(self.engine) as session:
            row = session.exec(select(LearnerEmail).where(LearnerEmail.email == email.strip().lower())).first()
            return row.learner_id if row else None

    def _identity(self, session: Session, account: Account) -> Identity | None:
        return session.exec(select(Identity).where(
            Identity.platform == account.platform, Identity.workspace == account.workspace,
            Identity.user_id == account.user_id)).first()

    # --- link requests -----------------------------------------------------------------------

    def request_link(self, account: Account, emails: Iterable[str] = (), display_name: str | None = None) -> bool:
        """Keep an unlinked user's request for staff; True when it is new."""
        with Session(self.engine) as session:
            row = session.exec(select(LinkRequest).where(
                LinkRequest.platform == account.platform, LinkRequest.workspace == account.workspace,
                LinkRequest.user_id == account.user_id)).first()
            if row is not None and row.handled_at is None:
                return False
            if row is None:
                row = LinkRequest(platform=account.platform, workspace=account.workspace, user_id=account.user_id)
            row.display_name = (display_name or "")[:200] or None
            row.emails = json.dumps(sorted({e.lower() for e in emails if "@" in e}))
            row.requested_at, row.handled_at = utcnow(), None
            session.add(row)
            try:
                session.commit()
            except sa.exc.IntegrityError:
                session.rollback()
                return False
            return True

    def withdraw_link_request(self, account: Account) -> bool:
        """Forget an unlinked user's request, at their word (the row holds their chat account); True
        when one was waiting."""
        with Session(self.engine) as session:
            row = session.exec(select(LinkRequest).where(
                LinkRequest.platform == account.platform, LinkRequest.workspace == account.workspace,
                LinkRequest.user_id == account.user_id, LinkRequest.handled_at.is_(None))).first()
            if row is None:
                return False
            session.delete(row)
            session.commit()
            return True

    def pending_link_requests(self) -> list[LinkRequest]:
        with Session(self.engine) as session:
            return list(session.exec(select(LinkRequest).where(LinkRequest.handled_at.is_(None))
                                     .order_by(LinkRequest.requested_at)))

    def _handled(self, session: Session, account: Account) -> None:
        row = session.exec(select(LinkRequest).where(
            LinkRequest.platform == account.platform, LinkRequest.workspace == account.workspace,
            LinkRequest.user_id == account.user_id, LinkRequest.handled_at.is_(None))).first()
        if row is not None:
            row.handled_at = utcnow()
            session.add(row)

    # --- awards ------------------------------------------------------------------------------

    def save_award(self, learner_id: int, document: Document, report: Report, *, source_kind: str | None = None,
                   key: str | None = None) -> Saved:
        """Store (or refresh) the award for a verified document. A check that learns less than the
        last one ("unverified": offline, the issuer's server down) keeps the award's definite verdict,
        as `save_import` and `reverify` do: importing the same file again must not undo a revocation."""
        item = Verified(document, report, source_kind or document.carrier, key)

        def work(session: Session) -> Saved:
            if (kept := self._kept(session, learner_id, item)) is not None:
                return kept
            return Saved(*self._save(session, learner_id, item), item.status)

        return self._retried("the award could not be saved: the store kept changing underneath", work)

    def save_import(self, account: Account, emails: Iterable[str], items: Sequence[Verified | Listed], *,
                    keep_definite: bool = True) -> list[Saved]:
        """A whole service import (a backpack, a profile) in one transaction: the learner, every award.

        With `keep_definite`, an item that could only be checked as "unverified" (the issuer's server
        unreachable now) does not overwrite an award already verified, expired or revoked.
        """
        def work(session: Session) -> list[Saved]:
            learner_id = self._ensure(session, account, emails, None)
            saved = []
            for item in items:
                kept = self._kept(session, learner_id, item) if keep_definite else None
                if kept is not None:
                    saved.append(kept)
                elif isinstance(item, Listed):
                    saved.append(self._save_listed(session, learner_id, item))
                else:
                    saved.append(Saved(*self._save(session, learner_id, item), item.status))
            return saved

        return self._retried("the import could not be saved: the store kept changing underneath", work)

    def _kept(self, session: Session, learner_id: int, item: Verified | Listed) -> Saved | None:
        """The stored award, kept, when this check proved less than the one it has: "unverified"
        over a definite verdict, or a copy whose signature or hosted original could not be checked
        over one that was intact (anyone can write an expiry date into an unsigned copy of a signed
        badge, or strip its signature)."""
        unchecked = isinstance(item, Verified) and not item.report.intact
        if item.status != "unverified" and not (unchecked and item.status == "expired"):
            return None
        if isinstance(item, Listed):
            award = _award_under(session, learner_id, item.key)
        else:
            award, _ = self._held(session, learner_id, item)
        if award is None or (award.status == "unverified" and not (unchecked and _was_intact(award))):
            return None
        return Saved(award.id, False, award.status, kept=True)

    @staticmethod
    def _held(session: Session, learner_id: int, item: Verified) -> tuple[Award | None, str]:
        """The award the learner holds of this credential, and the key it is stored under.

        A credential's id is whatever its writer put there: one from another issuer that reuses the
        id of an award held (a forged copy, or two examples sharing an id) is another award, under a
        key of its own. As the same award, it replaced a verified badge with the copy's issuer, its
        expiry and its source, and checking again could not bring the original back."""
        summary = item.report.summary
        key = item.key or credential_key(item.document, summary)
        award = _award_under(session, learner_id, key)
        issuer = _issuer_uri(summary)
        # Two issuers are told apart by two intact documents stating their ids. A copy that could not
        # be checked is `_kept`'s to weigh, and a listing (a Credly profile's entry, which gives the
        # organisation's website) is upgraded by the credential it lists.
        if award is None or summary.issuer_id is None or not (item.report.intact and _was_intact(award)) \
                or _stated_by(session, award, issuer):
            return award, key
        own = hashlib.sha256(f"{key}|issuer:{issuer}".encode()).hexdigest()
        return _award_under(session, learner_id, own), own

    def _save(self, session: Session, learner_id: int, item: Verified) -> tuple[int, bool]:
        document, report = item.document, item.report
        summary = report.summary
        award, key = self._held(session, learner_id, item)
        badge_class = self._badge_class(session, summary)
        created = award is None
        if award is None:
            award = Award(learner_id=learner_id, badge_class_id=badge_class.id, credential_key=key,
                          format=report.format, status=report.status, source=document.source)
        award.badge_class_id = badge_class.id
        award.credential_id = summary.credential_id
        award.format = report.format[:100]
        award.issued, award.expires = summary.issued, summary.expires
        award.source, award.source_kind = document.source, item.source_kind
        award.evidence = json.dumps(summary.evidence)
        self._apply_report(award, report)
        session.add(award)
        session.flush()
        return award.id, created

    def save_roster(self, rows: Sequence[RosterAward]) -> list[Saved]:
        """A whole roster in one transaction: every learner, link and award, or nothing.

        A row whose address belongs to another learner than its chat account does is a conflict;
        every conflict is listed (each with its row's label) and nothing is written, so a refused
        roster, a failure or an interrupted import never leaves the first rows behind.
        """
        def work(session: Session) -> list[Saved]:
            saved, conflicts, seen, classes = [], [], {}, {}
            for row in rows:
                identity = self._identity(session, row.account) if row.account is not None else None
                new_link = row.account is not None and identity is None
                if identity is not None and (joined := self._address_would_join(session, row, identity)) is not None:
                    conflicts.append(f"{row.label}: {joined}")
                    continue
                try:  # a row has one address: a conflict is found before this row adds anything
                    learner_id = self._roster_learner(session, row)
                except StoreError as exc:
                    conflicts.append(f"{row.label}: {exc}")
                    continue
                listed = row.listed()
                if (first := seen.setdefault((learner_id, listed.key), row.label)) != row.label:
                    # one person named by chat account on one line and by address on another
                    conflicts.append(f"{row.label}: the same award as {first} (one learner, {row.badge}, issued "
                                     f"{row.row.get('issued')}): keep one of the two lines")
                    continue
                done = self._save_listed(session, learner_id, listed, keep=row.unstated, classes=classes)
                if new_link:  # a mistyped id would hand this learner's badges to a stranger: say so
                    others = tuple(str(a) for a in self._accounts(session, learner_id) if a != row.account)
                    done = replace(done, linked_beside=others)
                saved.append(done)
            if conflicts:
                session.rollback()
                raise StoreError("\n".join(conflicts))
            return saved

        return self._retried("the roster could not be saved: the store kept changing underneath", work)

    @staticmethod
    def _address_would_join(session: Session, row: RosterAward, identity: Identity) -> str | None:
        """Why a row whose chat account (`identity`) is linked already may not bring an address no one
        has: it would join the account's learner, and a mistyped user column would then show that
        learner every later award to the address. None when the row is fine."""
        if not row.email:
            return None
        if session.exec(select(LearnerEmail).where(LearnerEmail.email == row.email)).first() is not None:
            return None  # someone's address already: `_roster_learner` checks it is this learner's
        had = sorted(e.email for e in session.exec(select(LearnerEmail).where(
            LearnerEmail.learner_id == identity.learner_id)))
        if not had:
            return None
        return (f"{row.account} is linked to learner {identity.learner_id} ({', '.join(had)}), which does not have "
                f"{row.email}: fix the user or email column, or, if it is another address of the same person, add it "
                f"first (credbot badges link --user {row.account} --email {had[0]} --email {row.email})")

    def _roster_learner(self, session: Session, row: RosterAward) -> int:
        """The learner a row is about: its chat account's (linked to its address, if any), else the
        one who has the address, else a new learner known by that address."""
        emails = [row.email] if row.email else []
        if row.account is not None:
            return self._ensure(session, row.account, emails, None)
        owner = session.exec(select(LearnerEmail).where(LearnerEmail.email == row.email)).first()
        if owner is not None:
            return owner.learner_id
        return self._ensure(session, Account(EMAIL_ONLY, "", row.email or ""), emails, None)

    def _save_listed(self, session: Session, learner_id: int, item: Listed, keep: frozenset[str] = frozenset(),
                     classes: dict[tuple, BadgeClass] | None = None) -> Saved:
        """`keep`: the facts ("expires", "evidence") the listing does not state, which an award
        already stored keeps. `classes`: the badge classes this transaction has found already, by
        what the listing states of them (a roster of thousands names a few dozen badges)."""
        award = _award_under(session, learner_id, item.key)
        if award is not None and keep:
            kept = {"expires": aware(award.expires)} if "expires" in keep else {}
            if "evidence" in keep:
                kept["evidence"] = json.loads(award.evidence or "[]")
            item = replace(item, summary=replace(item.summary, **kept))
        summary = item.summary
        stated = (summary.issuer_id, summary.issuer_name, summary.issuer_url, summary.badge_class_id, summary.name,
                  summary.description, summary.criteria, summary.image, bool(summary.alignments), bool(summary.tags))
        badge_class = (classes or {}).get(stated) if not (summary.alignments or summary.tags) else None
        if badge_class is None:
            badge_class = self._badge_class(session, summary)
            if classes is not None:
                classes[stated] = badge_class
        created = award is None
        report = item.report()
        if award is None:
            award = Award(learner_id=learner_id, badge_class_id=badge_class.id, credential_key=item.key,
                          format=item.format[:100], status=report["status"], source=item.source)
        before = _listed_facts(award)
        award.badge_class_id, award.format = badge_class.id, item.format[:100]
        award.credential_id = summary.credential_id
        award.issued, award.expires, award.source, award.source_kind = (summary.issued, summary.expires,
                                                                        item.source, item.source_kind)
        award.evidence = json.dumps(summary.evidence)
        award.revoked, award.revocation_reason = False, None
        award.status, award.report, award.verified_at = report["status"], json.dumps(report), utcnow()
        session.add(award)
        session.flush()
        same = () if not created else tuple(session.exec(
            select(Award.id, Award.issued).where(Award.learner_id == learner_id, Award.id != award.id,
                                                 Award.badge_class_id == badge_class.id).order_by(Award.id)))
        return Saved(award.id, created, award.status, updated=not created and _listed_facts(award) != before,
                     learner_id=learner_id, same_badge=tuple((n, aware(issued)) for n, issued in same))

    def refresh(self, award_id: int, report: Report) -> tuple[str, str]:
        """Record a new report for an award: (old status, new status)."""
        with Session(self.engine) as session:
            award = session.get(Award, award_id)
            if award is None:
                raise StoreError(f"no award {award_id}")
            old = award.status
            self._apply_report(award, report)
            award.expires = report.summary.expires
            session.add(award)
            session.commit()
            return old, award.status

    @staticmethod
    def _apply_report(award: Award, report: Report) -> None:
        award.status = report.status
        award.revoked = bool(report.revoked)
        award.revocation_reason = report.revocation_reason
        award.report = json.dumps(report.as_dict(), ensure_ascii=False)
        award.verified_at = report.checked_at

    def _badge_class(self, session: Session, summary: Summary) -> BadgeClass:
        """The issuer and badge class rows a credential points at, as that credential states them.

        Rows are shared by every award that states the same issuer and class. Two documents can
        give one id different names (an issuer renamed, a copied example): each then gets a row of
        its own, so importing one never renames the issuer or the badge another learner holds.
        """
        name, url = summary.issuer_name[:500], summary.issuer_url
        issuer_uri = _issuer_uri(summary)
        issuer, key = _stated_row(session, Issuer, issuer_uri, (name, url or ""),
                                  lambda row: row.name == name and (not url or not row.url or row.url == url))
        if issuer is None:
            issuer = Issuer(uri=key, name=name)
        issuer.url = issuer.url or url
        session.add(issuer)
        session.flush()
        class_name = summary.name[:500]
        uri = (summary.badge_class_id or f"name:{issuer_uri}/{summary.name}")[:1000]
        badge_class, key = _stated_row(session, BadgeClass, uri, (str(issuer.id), class_name),
                                       lambda row: row.issuer_id == issuer.id and row.name == class_name)
        if badge_class is None:
            badge_class = BadgeClass(uri=key, issuer_id=issuer.id, name=class_name)
        badge_class.description = summary.description or badge_class.description
        badge_class.criteria = summary.criteria or badge_class.criteria
        badge_class.image = summary.image or badge_class.image
        if summary.alignments:
            badge_class.alignments = json.dumps([a.__dict__ for a in summary.alignments])
        if summary.tags:
            badge_class.tags = json.dumps(summary.tags)
        session.add(badge_class)
        session.flush()
        return badge_class

    # --- reading -----------------------------------------------------------------------------

    def awards(self, learner_id: int, *, limit: int | None = None, details: bool = False) -> list[AwardView]:
        """A learner's awards, newest first."""
        query = (self._awards_query(details).where(Award.learner_id == learner_id)
                 .order_by(Award.issued.desc().nulls_last(), Award.id.desc()))
        if limit is not None:
            query = query.limit(limit)
        with self.engine.connect() as conn:
            return [self._view(row, details) for row in conn.execute(query)]

    def every_award(self, learner_id: int | None = None) -> list[AwardView]:
        """Every award (or every award of one learner) with its details, by learner and then in the
        order they were imported: what an export writes, and an import of it recreates in that order."""
        query = self._awards_query(details=True).order_by(Award.learner_id, Award.id)
        if learner_id is not None:
            query = query.where(Award.learner_id == learner_id)
        with self.engine.connect() as conn:
            return [self._view(row, True) for row in conn.execute(query)]

    def award(self, award_id: int) -> AwardView | None:
        with Session(self.engine) as session:
            award = session.get(Award, award_id)
            if award is None:
                return None
            learner_id = award.learner_id
        return next((a for a in self.awards(learner_id, details=True) if a.id == award_id), None)

    def count(self, learner_id: int) -> int:
        with self.engine.connect() as conn:
            return conn.execute(sa.select(sa.func.count()).select_from(Award)
                                .where(Award.learner_id == learner_id)).scalar_one()

    def sources(self, learner_id: int | None = None) -> Iterator[tuple[int, int, str, str, str]]:
        """(award id, learner id, source, source kind, status) of stored awards, for verifying again."""
        query = sa.select(Award.id, Award.learner_id, Award.source, Award.source_kind, Award.status).order_by(Award.id)
        if learner_id is not None:
            query = query.where(Award.learner_id == learner_id)
        with self.engine.connect() as conn:
            rows = list(conn.execute(query))
        yield from ((r[0], r[1], r[2], r[3], r[4]) for r in rows)

    @staticmethod
    def _awards_query(details: bool) -> sa.Select:
        """The columns `_view` reads, in its order, of awards with their badge class and issuer."""
        columns = [Award.id, Award.learner_id, BadgeClass.name, Issuer.name, Issuer.url, Award.issued, Award.expires,
                   Award.status, Award.revoked, Award.revocation_reason, Award.format, Award.credential_id, Issuer.uri]
        if details:
            columns += [BadgeClass.description, BadgeClass.criteria, BadgeClass.image, BadgeClass.alignments,
                        BadgeClass.tags, Award.evidence, Award.report, Award.source_kind, Award.imported_at]
        return (sa.select(*columns).select_from(Award)
                .join(BadgeClass, BadgeClass.id == Award.badge_class_id)
                .join(Issuer, Issuer.id == BadgeClass.issuer_id))

    @staticmethod
    def _view(row: Any, details: bool) -> AwardView:
        expires = aware(row[6])
        # an end date passes whether or not anyone checks again: a stored "verified" or "unverified"
        # past it reads as expired (a roster's badge is never verified again, and reverify is run by hand)
        status = "expired" if expires and expires <= utcnow() and row[7] in _LAPSES else row[7]
        view = AwardView(id=row[0], learner_id=row[1], name=row[2], issuer=row[3], issuer_url=row[4],
                         issued=aware(row[5]), expires=expires, status=status, revoked=row[8],
                         revocation_reason=row[9], format=row[10], credential_id=row[11],
                         issuer_id=_stated_id(row[12]))
        if details:
            view.description, view.criteria, view.image = row[13], row[14], row[15]
            view.alignments, view.tags = json.loads(row[16] or "[]"), json.loads(row[17] or "[]")
            view.evidence, view.report = json.loads(row[18] or "[]"), json.loads(row[19] or "{}")
            view.source_kind, view.imported_at = row[20], aware(row[21])
        return view


def _learners_matching(wanted: str) -> sa.CompoundSelect:
    """The ids of learners with an address, chat account or badge name containing `wanted`
    (lower-case): the roster's stand-in account for an address alone is no chat account."""
    workspace = sa.case((Identity.workspace != "", Identity.workspace + "/"), else_="")
    account = Identity.platform + ":" + workspace + Identity.user_id

    def contains(column: Any) -> Any:
        return sa.func.lower(column).contains(wanted, autoescape=True)

    return sa.union(
        sa.select(LearnerEmail.learner_id).where(contains(LearnerEmail.email)),
        sa.select(Identity.learner_id).where(Identity.platform != EMAIL_ONLY, contains(account)),
        sa.select(Award.learner_id).join(BadgeClass, BadgeClass.id == Award.badge_class_id)
        .where(contains(BadgeClass.name)),
    )


def _award_under(session: Session, learner_id: int, key: str) -> Award | None:
    """The learner's award stored under `key` (a credential's, or a roster row's), if any."""
    return session.exec(select(Award).where(Award.learner_id == learner_id, Award.credential_key == key)).first()


def _issuer_uri(summary: Summary) -> str:
    """How the issuer row of a credential is known: its id, or its name when it gives none."""
    return (summary.issuer_id or f"name:{summary.issuer_name}")[:1000]


def _stated_id(uri: str) -> str | None:
    """The issuer id an issuer row is known by (see `_issuer_uri`): None for an issuer known by its
    name alone, and without the suffix `_stated_row` gives a second row for the same id (an issuer
    renamed), since that row is still the issuer at that id. (An id that itself ends in '#' and
    sixteen hex digits would lose them: no issuer's is known to.)"""
    if uri.startswith("name:"):
        return None
    return _STATED_SUFFIX.sub("", uri)


def _stated_by(session: Session, award: Award, issuer_uri: str) -> bool:
    """Whether a stored award is from the issuer known by the id `issuer_uri` (a row of its own for a
    renamed issuer keeps the id, with a suffix: see `_stated_row`)."""
    badge_class = session.get(BadgeClass, award.badge_class_id)
    issuer = session.get(Issuer, badge_class.issuer_id) if badge_class is not None else None
    return issuer is not None and (issuer.uri == issuer_uri or issuer.uri.startswith(f"{issuer_uri[:980]}#"))


def _was_intact(award: Award) -> bool:
    """Whether the award's stored check found it as issued (a valid signature, or its hosted original)."""
    try:
        report = json.loads(award.report or "{}")
    except ValueError:
        return False
    return isinstance(report, dict) and (report.get("signature") == "valid" or report.get("hosted") == "verified")


def _evidence_of_both(kept: Award, dropped: Award) -> str:
    """The evidence of one award held twice, kept once each: the copy kept may lack what the other had."""
    items = [*json.loads(kept.evidence or "[]"), *json.loads(dropped.evidence or "[]")]
    return json.dumps(list(dict.fromkeys(items)))


def _listed_facts(award: Award) -> tuple[Any, ...]:
    """What an import of a listed award can change, compared to tell "updated" from "already there"."""
    return (award.badge_class_id, aware(award.issued), aware(award.expires), award.evidence, award.status)


def _stated_row(session: Session, model: Any, uri: str, identity: tuple[str, ...],
                same: Callable[[Any], bool]) -> tuple[Any, str]:
    """The row for `uri` whose details are those a document states (`same`), or None; and the key
    it has or a new one would take. A row for `uri` that states other details keeps them: the
    document gets a row of its own, keyed by `uri` and a digest of `identity`."""
    row = session.exec(select(model).where(model.uri == uri)).first()
    if row is None or same(row):
        return row, uri
    key = f"{uri[:980]}#{hashlib.sha256(chr(31).join(identity).encode()).hexdigest()[:16]}"
    return session.exec(select(model).where(model.uri == key)).first(), key
