"""The badge store's tables: learners and how to recognise them, issuers, badge classes, awards.

An award keeps the credential exactly as received (`source`) and the last verification report, so
it can be verified again later (revocation and expiry change) without asking the learner for the
file. Pathways are not here: `knowledge/pathways.yaml` is their one source of truth.
"""

from __future__ import annotations

import datetime as dt

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from bot.records import utcnow

TZ = sa.DateTime(timezone=True)


class Learner(SQLModel, table=True):
    __tablename__ = "badge_learner"

    id: int | None = Field(default=None, primary_key=True)
    display_name: str | None = Field(default=None, max_length=200)
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=TZ)


class Identity(SQLModel, table=True):
    """A chat account (platform, workspace, user id) that belongs to a learner."""

    __tablename__ = "badge_identity"
    __table_args__ = (sa.UniqueConstraint("platform", "workspace", "user_id", name="uq_badge_identity_account"),)

    id: int | None = Field(default=None, primary_key=True)
    learner_id: int = Field(foreign_key="badge_learner.id", index=True)
    platform: str = Field(max_length=40)
    workspace: str = Field(default="", max_length=100)
    user_id: str = Field(max_length=200)
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=TZ)


class LearnerEmail(SQLModel, table=True):
    """An e-mail address of a learner, kept to match badges issued to (hashed) e-mail recipients."""

    __tablename__ = "badge_email"

    id: int | None = Field(default=None, primary_key=True)
    learner_id: int = Field(foreign_key="badge_learner.id", index=True)
    email: str = Field(max_length=320, unique=True)  # lower-cased
    created_at: dt.datetime = Field(default_factory=utcnow, sa_type=TZ)


class Issuer(SQLModel, table=True):
    __tablename__ = "badge_issuer"

    id: int | None = Field(default=None, primary_key=True)
    uri: str = Field(max_length=1000, unique=True)  # the issuer's id, or "name:<name>" without one
    name: str = Field(max_length=500)
    url: str | None = Field(default=None, max_length=1000)


class BadgeClass(SQLModel, table=True):
    """What a badge is for (OB 2.0 BadgeClass, OB 3.0 Achievement)."""

    __tablename__ = "badge_class"

    id: int | None = Field(default=None, primary_key=True)
    uri: str = Field(max_length=1000, unique=True)  # its id, or "name:<issuer>/<name>" without one
    issuer_id: int = Field(foreign_key="badge_issuer.id", index=True)
    name: str = Field(max_length=500, index=True)
    description: str = ""
    criteria: str = ""
    image: str | None = Field(default=None, max_length=2000)
    alignments: str = "[]"  # JSON: [{"name", "url", "framework"}]
    tags: str = "[]"  # JSON list of strings


class Award(SQLModel, table=True):
    """One badge earned by one learner, with the document it came as and its last check."""

    __tablename__ = "badge_award"
    __table_args__ = (
        sa.UniqueConstraint("learner_id", "credential_key", name="uq_badge_award_credential"),
        sa.Index("ix_badge_award_learner_issued", "learner_id", "issued", "id"),
        # a removed award's number is never given to another (lists and logs name awards by it)
        {"sqlite_autoincrement": True},
    )

    id: int | None = Field(default=None, primary_key=True)
    learner_id: int = Field(foreign_key="badge_learner.id")
    badge_class_id: int = Field(foreign_key="badge_class.id", index=True)
    credential_key: str = Field(max_length=64)  # sha256 of the credential's id (or of its source)
    credential_id: str | None = Field(default=None, max_length=1000)
    format: str = Field(max_length=100)
    issued: dt.datetime | None = Field(default=None, sa_type=TZ)
    expires: dt.datetime | None = Field(default=None, sa_type=TZ)
    revoked: bool = False
    revocation_reason: str | None = None
    evidence: str = "[]"  # JSON list of URLs or narratives
    status: str = Field(max_length=20, index=True)  # verified, expired, revoked, unverified, invalid
    source: str  # the credential exactly as received (JSON text, compact JWS, or a roster row)
    source_kind: str = Field(default="json", max_length=20)  # json, jws, png, svg, roster, badgr, credly
    report: str = "{}"  # JSON: the last verification report
    imported_at: dt.datetime = Field(default_factory=utcnow, sa_type=TZ)
    verified_at: dt.datetime | None = Field(default=None, sa_type=TZ)


class LinkRequest(SQLModel, table=True):
    """A chat user who asked about their badges before staff linked them to a learner."""

    __tablename__ = "badge_link_request"
    __table_args__ = (sa.UniqueConstraint("platform", "workspace", "user_id", name="uq_badge_link_request_account"),)

    id: int | None = Field(default=None, primary_key=True)
    platform: str = Field(max_length=40)
    workspace: str = Field(default="", max_length=100)
    user_id: str = Field(max_length=200)  # kept raw: staff must act on it
    display_name: str | None = Field(default=None, max_length=200)
    emails: str = "[]"  # JSON: addresses the platform vouched for
    requested_at: dt.datetime = Field(default_factory=utcnow, sa_type=TZ)
    handled_at: dt.datetime | None = Field(default=None, sa_type=TZ)
