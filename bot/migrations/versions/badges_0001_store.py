"""Badge store: learners, identities, e-mails, issuers, badge classes, awards, link requests.

Revision ID: badges_0001
Revises: 0002
Create Date: 2026-11-29
"""
import sqlalchemy as sa
from alembic import op

revision = "badges_0001"
down_revision = "0002"
branch_labels = ("badges",)
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "badge_learner",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("display_name", sa.String(length=200), nullable=True),
        sa.Column("created_at", TZ, nullable=False),
    )
    op.create_table(
        "badge_identity",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("learner_id", sa.Integer(), sa.ForeignKey("badge_learner.id"), nullable=False),
        sa.Column("platform", sa.String(length=40), nullable=False),
        sa.Column("workspace", sa.String(length=100), nullable=False),
        sa.Column("user_id", sa.String(length=200), nullable=False),
        sa.Column("created_at", TZ, nullable=False),
        sa.UniqueConstraint("platform", "workspace", "user_id", name="uq_badge_identity_account"),
    )
    op.create_index("ix_badge_identity_learner_id", "badge_identity", ["learner_id"])
    op.create_table(
        "badge_email",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("learner_id", sa.Integer(), sa.ForeignKey("badge_learner.id"), nullable=False),
        sa.Column("email", sa.String(length=320), nullable=False, unique=True),
        sa.Column("created_at", TZ, nullable=False),
    )
    op.create_index("ix_badge_email_learner_id", "badge_email", ["learner_id"])
    op.create_table(
        "badge_issuer",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("uri", sa.String(length=1000), nullable=False, unique=True),
        sa.Column("name", sa.String(length=500), nullable=False),
        sa.Column("url", sa.String(length=1000), nullable=True),
    )
    op.create_table(
        "badge_class",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("uri", sa.String(length=1000), nullable=False, unique=True),
        sa.Column("issuer_id", sa.Integer(), sa.ForeignKey("badge_issuer.id"), nullable=False),
        sa.Column("name", sa.String(length=500), nullable=False),
        sa.Column("description", sa.String(), nullable=False),
        sa.Column("criteria", sa.String(), nullable=False),
        sa.Column("image", sa.String(length=2000), nullable=True),
        sa.Column("alignments", sa.String(), nullable=False),
        sa.Column("tags", sa.String(), nullable=False),
    )
    op.create_index("ix_badge_class_issuer_id", "badge_class", ["issuer_id"])
    op.create_index("ix_badge_class_name", "badge_class", ["name"])
    op.create_table(
        "badge_award",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("learner_id", sa.Integer(), sa.ForeignKey("badge_learner.id"), nullable=False),
        sa.Column("badge_class_id", sa.Integer(), sa.ForeignKey("badge_class.id"), nullable=False),
        sa.Column("credential_key", sa.String(length=64), nullable=False),
        sa.Column("credential_id", sa.String(length=1000), nullable=True),
        sa.Column("format", sa.String(length=100), nullable=False),
        sa.Column("issued", TZ, nullable=True),
        sa.Column("expires", TZ, nullable=True),
        sa.Column("revoked", sa.Boolean(), nullable=False),
        sa.Column("revocation_reason", sa.String(), nullable=True),
        sa.Column("evidence", sa.String(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("source", sa.String(), nullable=False),
        sa.Column("source_kind", sa.String(length=20), nullable=False),
        sa.Column("report", sa.String(), nullable=False),
        sa.Column("imported_at", TZ, nullable=False),
        sa.Column("verified_at", TZ, nullable=True),
        sa.UniqueConstraint("learner_id", "credential_key", name="uq_badge_award_credential"),
    )
    op.create_index("ix_badge_award_learner_issued", "badge_award", ["learner_id", "issued", "id"])
    op.create_index("ix_badge_award_badge_class_id", "badge_award", ["badge_class_id"])
    op.create_index("ix_badge_award_status", "badge_award", ["status"])
    op.create_table(
        "badge_link_request",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("platform", sa.String(length=40), nullable=False),
        sa.Column("workspace", sa.String(length=100), nullable=False),
        sa.Column("user_id", sa.String(length=200), nullable=False),
        sa.Column("display_name", sa.String(length=200), nullable=True),
        sa.Column("emails", sa.String(), nullable=False),
        sa.Column("requested_at", TZ, nullable=False),
        sa.Column("handled_at", TZ, nullable=True),
        sa.UniqueConstraint("platform", "workspace", "user_id", name="uq_badge_link_request_account"),
    )


def downgrade() -> None:
    for table in ("badge_link_request", "badge_award", "badge_class", "badge_issuer", "badge_email",
                  "badge_identity", "badge_learner"):
        op.drop_table(table)
