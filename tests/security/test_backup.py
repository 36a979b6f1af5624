"""Backups: a pg_dump of the database restores into an empty database with the same rows (README: "Backups")."""

import os
import shutil
import subprocess
import uuid

import pytest
from django.conf import settings
from django.db import connection

from tests.factories.innovations import eligible
from tests.factories.stories import ImpactStoryFactory

pytestmark = [
    pytest.mark.skipif(
        "postgresql" not in settings.DATABASES["default"]["ENGINE"],
        reason="pg_dump/pg_restore back up PostgreSQL, the production database; SQLite is for development",
    ),
    pytest.mark.skipif(shutil.which("pg_dump") is None, reason="pg_dump is not installed"),
]


def _pg_env():
    db = connection.settings_dict
    env = {**os.environ, "PGHOST": db["HOST"] or "127.0.0.1", "PGPORT": str(db["PORT"] or 5432), "PGUSER": db["USER"]}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return env


def _counts(cursor) -> dict[str, int]:
    cursor.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
    )
    tables = sorted(row[0] for row in cursor.fetchall())
    counts = {}
    for table in tables:
        cursor.execute(f'SELECT count(*) FROM "{table}"')  # noqa: S608 — names from information_schema
        counts[table] = cursor.fetchone()[0]
    return counts


@pytest.mark.django_db(transaction=True)
def test_a_dump_restores_into_an_empty_database_with_the_same_counts(world, tmp_path):
    """pg_dump -Fc, createdb, pg_restore --no-owner: every table has the same number of rows."""
    eligible(institution=world.coached_a, hub=world.hub_a, status="published")
    ImpactStoryFactory(programme__hub=world.hub_a)
    with connection.cursor() as cursor:
        source_counts = _counts(cursor)
    assert source_counts["innovations_innovation"] >= 1 and source_counts["hubs_securityevent"] >= 0

    env = _pg_env()
    source = connection.settings_dict["NAME"]
    target = f"jipp_restore_{uuid.uuid4().hex[:8]}"
    dump = tmp_path / "jipp.dump"
    subprocess.run(["pg_dump", "-Fc", "--no-owner", "-f", str(dump), source], env=env, check=True, timeout=120)
    subprocess.run(["createdb", target], env=env, check=True, timeout=60)
    try:
        subprocess.run(
            ["pg_restore", "--no-owner", "--exit-on-error", "-d", target, str(dump)], env=env, check=True, timeout=300
        )
        import psycopg2

        restored = psycopg2.connect(dbname=target, **_dsn(env))
        try:
            with restored.cursor() as cursor:
                assert _counts(cursor) == source_counts
        finally:
            restored.close()
    finally:
        subprocess.run(["dropdb", "--if-exists", "--force", target], env=env, check=False, timeout=60)


def _dsn(env):
    return {"host": env["PGHOST"], "port": env["PGPORT"], "user": env["PGUSER"], "password": env.get("PGPASSWORD")}
