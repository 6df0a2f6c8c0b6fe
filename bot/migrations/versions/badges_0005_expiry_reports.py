"""Badge awards: a check made on an expiry day no longer says the badge had expired.

badges_0003 moved an expiry given as a day alone from that day's first moment to its last, but left
the award's status and stored report as the check had written them. A check made during that day
said `expired` ("expired": true in the report): the badge was in fact still valid then. The award kept
reading EXPIRED for the rest of its last day, and its report disagrees with its expiry for good. A
roster's award is never checked again, and `reverify` is run by hand, so nothing else would correct
it.

The awards fixed here are those whose stored status and report say `expired`, whose expiry is a day's
last moment (as badges_0003 moved it), and whose last check was made before that moment. Their status
becomes what that check found apart from the date, as `bot.badges.verify.Report.status` decides it:
`verified` when the document was intact (a valid signature, or its hosted original), the issuer
confirmed and the badge not revoked, otherwise `unverified` (a roster, Badgr or Credly record included,
as their import gives). An `invalid` or `revoked` verdict comes before `expired`, so none of these had
one. Once the day has passed, the award reads `expired` again, as any verified or unverified award
past its expiry does.

Revision ID: badges_0005
Revises: badges_0004
Create Date: 2026-11-30
"""
import datetime as dt
import json

import sqlalchemy as sa
from alembic import op

revision = "badges_0005"
down_revision = "badges_0004"
branch_labels = None
depends_on = None

# (self-contained, as the other migrations are: the report as this release stores it)
_AWARD = sa.table("badge_award", sa.column("id", sa.Integer), sa.column("status", sa.String),
                  sa.column("expires", sa.DateTime(timezone=True)),
                  sa.column("verified_at", sa.DateTime(timezone=True)), sa.column("report", sa.String))


def _utc(moment: dt.datetime) -> dt.datetime:
    """A stored time in UTC (SQLite hands it back without a zone; it was written in UTC)."""
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)


def _checked_at(report: dict, verified_at: dt.datetime | None) -> dt.datetime | None:
    """When the stored check was made: the award's record of it, or the report's own."""
    if verified_at is not None:
        return _utc(verified_at)
    try:
        return _utc(dt.datetime.fromisoformat(report["checked_at"]))
    except (KeyError, TypeError, ValueError):
        return None


def _status_apart_from_expiry(report: dict) -> str:
    """The status a check's report gives when the badge has not expired (invalid and revoked come
    before expired, so a report that said expired had neither)."""
    intact = report.get("signature") == "valid" or report.get("hosted") == "verified"
    confirmed = bool((report.get("key") or {}).get("issuer_confirmed"))
    return "verified" if intact and confirmed and report.get("revoked") is False else "unverified"


def _said_expired_too_early(expires: dt.datetime | None, verified_at: dt.datetime | None,
                            report: dict) -> bool:
    """Whether a report saying expired was made before an expiry that badges_0003 moved to a day's end."""
    if expires is None or _utc(expires).time() != dt.time.max or report.get("expired") is not True:
        return False
    checked = _checked_at(report, verified_at)
    return checked is not None and checked < _utc(expires)


def upgrade() -> None:
    bind = op.get_bind()
    rows = bind.execute(sa.select(_AWARD.c.id, _AWARD.c.expires, _AWARD.c.verified_at, _AWARD.c.report)
                        .where(_AWARD.c.status == "expired", _AWARD.c.expires.is_not(None))).all()
    for ident, expires, verified_at, stored in rows:
        try:
            report = json.loads(stored or "{}")
        except ValueError:
            continue
        if not isinstance(report, dict) or not _said_expired_too_early(expires, verified_at, report):
            continue
        status = _status_apart_from_expiry(report)
        report.update(status=status, expired=False, expires=_utc(expires).isoformat())
        bind.execute(sa.update(_AWARD).where(_AWARD.c.id == ident)
                     .values(status=status, report=json.dumps(report, ensure_ascii=False)))


def downgrade() -> None:
    """Nothing to undo: with badges_0003 undone too, each of these awards' expiry is again the first
    moment of a day on which it was checked, and the code of then reads a verified or unverified award
    past its expiry as expired."""
