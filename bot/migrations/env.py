"""Alembic environment: migrations run on the engine credbot hands over, never a config file URL."""

from alembic import context

from bot.records import metadata
import bot.dedupe  # noqa: F401  (its table belongs to the same metadata)
import bot.badges.models  # noqa: F401  (the badge store tables)
import adapters.slack.models  # noqa: F401  (the Slack OAuth tables)

engine = context.config.attributes["connection_engine"]

with engine.begin() as connection:
    context.configure(connection=connection, target_metadata=metadata,
                      render_as_batch=connection.dialect.name == "sqlite")
    with context.begin_transaction():
        context.run_migrations()
