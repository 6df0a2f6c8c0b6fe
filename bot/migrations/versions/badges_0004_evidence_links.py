"""Badge awards: evidence stored as a link to anything but a web page is removed.

Evidence is kept as web links (http, https) and narratives. Imports now leave out a link with another
scheme (`javascript:`, `data:`, `file:`), since it is only ever there to be opened and opening it is
never safe; awards imported before kept such links in their stored evidence, shown as text but kept
for whatever shows it next. They are removed here, by the same rule the import applies
(`bot.badges.openbadges.not_web_link`): a scheme, a colon and no space after it, the scheme not http
or https. A narrative with a colon in it ("Note: led the team") stays. The credential as received
(`source`) is not touched: a signature covers it. The links removed are not put back on downgrade.

Revision ID: badges_0004
Revises: badges_0003
Create Date: 2026-11-30
"""
import json
import re

import sqlalchemy as sa
from alembic import op

revision = "badges_0004"
down_revision = "badges_0003"
branch_labels = None
depends_on = None

# (self-contained, as the other migrations are: a copy of the import's rule as this release applies it,
# so that upgrading an old database later removes what this release meant, whatever the code reads then;
# tests/badges/test_store.py checks the two agree)
_LINK = re.compile(r"\s*([A-Za-z][A-Za-z0-9+.-]*):(?=\S)")
WEB_SCHEMES = frozenset({"http", "https"})
_AWARD = sa.table("badge_award", sa.column("id", sa.Integer), sa.column("evidence", sa.String))


def not_web_link(text: str) -> bool:
    """Whether evidence text is a link to anything but a web page ("javascript:alert(1)")."""
    found = _LINK.match(text)
    return found is not None and found.group(1).lower() not in WEB_SCHEMES


def _web_only(evidence: str) -> str | None:
    """The stored evidence without its links to anything but a web page, or None when it has none
    (or is not the JSON list the store writes: left as it is, since nothing here can tell what it holds)."""
    try:
        items = json.loads(evidence)
    except ValueError:
        return None
    if not isinstance(items, list):
        return None
    kept = [item for item in items if not (isinstance(item, str) and not_web_link(item))]
    return json.dumps(kept) if len(kept) < len(items) else None


def upgrade() -> None:
    bind = op.get_bind()
    rows = bind.execute(sa.select(_AWARD.c.id, _AWARD.c.evidence).where(_AWARD.c.evidence.like("%:%"))).all()
    for ident, evidence in rows:
        cleaned = _web_only(evidence or "[]")
        if cleaned is not None:
            bind.execute(sa.update(_AWARD).where(_AWARD.c.id == ident).values(evidence=cleaned))


def downgrade() -> None:
    """Nothing to undo: the links removed were never safe to keep, and are gone."""
