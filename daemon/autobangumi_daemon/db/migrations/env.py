"""Alembic environment: the daemon hands over its own connection (see engine.migrate)."""

from __future__ import annotations

from alembic import context

from autobangumi_daemon.db.models import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through autobangumi_daemon.db.engine.migrate")
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
