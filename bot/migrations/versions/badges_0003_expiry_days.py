"""Badge awards: an expiry stated as a day alone lasts through that day.

Rosters, Credly and some badges give an expiry as a day ("2025-06-30"). It was stored as that day's
first moment, so the badge read "expired" all of its last day; it is now read as the day's last
moment (`bot.badges.openbadges.expiry_time`). The awards stored before are moved here: those whose
source (a roster row, a Credly entry, a badge's JSON) states its expiry as a day alone, and whose
stored expiry is that day's first moment. A roster's award is never checked again, so without this it
would read expired on its last day until the roster was imported again.

Revision ID: badges_0003
Revises: badges_0002
Create Date: 2026-11-30
"""
import datetime as dt
import json
import re

import sqlalchemy as sa
from alembic import op

revision = "badges_0003"
down_revision = "badges_0002"
branch_labels = None
depends_on = None

# (self-contained: a migration reads the data as it was written then, whatever the code reads later)
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_STATED = ("expires", "validUntil", "expirationDate", "expires_at_date")  # roster, OB 2.0, OB 3.0 / CLR, Credly
_AWARD = sa.table("badge_award", sa.column("id", sa.Integer), sa.column("expires", sa.DateTime(timezone=True)),
                  sa.column("source", sa.String))


def _day_stated(source: str) -> dt.date | None:
    """The day a source states as its expiry, when it states a day alone."""
    try:
        document = json.loads(source)
    except ValueError:  # a compact JWS: its expiry is a timestamp
        return None
    if not isinstance(document, dict):
        return None
    stated = next((document[k] for k in _STATED if document.get(k) not in (None, "")), None)
    if not isinstance(stated, str) or not _DAY.fullmatch(stated.strip()):
        return None
    try:
        return dt.date.fromisoformat(stated.strip())
    except ValueError:
        return None


def _utc(moment: dt.datetime) -> dt.datetime:
    """A stored time in UTC (SQLite hands it back without a zone; it was written in UTC)."""
    return moment.replace(tzinfo=dt.UTC) if moment.tzinfo is None else moment.astimezone(dt.UTC)


def _move(was: dt.time, becomes: dt.time) -> None:
    """Each expiry at `was` on the day its source states alone, to `becomes` on that day."""
    bind = op.get_bind()
    rows = bind.execute(sa.select(_AWARD.c.id, _AWARD.c.expires).where(_AWARD.c.expires.is_not(None))).all()
    for ident, expires in rows:
        moment = _utc(expires)
        if moment.time() != was:  # (the source is read only for these)
            continue
        source = bind.execute(sa.select(_AWARD.c.source).where(_AWARD.c.id == ident)).scalar_one()
        if _day_stated(source or "") == moment.date():
            bind.execute(sa.update(_AWARD).where(_AWARD.c.id == ident)
                         .values(expires=dt.datetime.combine(moment.date(), becomes, dt.UTC)))


def upgrade() -> None:
    _move(dt.time(), dt.time.max)


def downgrade() -> None:
    _move(dt.time.max, dt.time())
