"""The backup drill: ops/backup.sh dumps the demo database and the files, ops/restore.sh
brings them back into a fresh database, and the same orders, cooperatives, batches and scan
counts are there. PostgreSQL with pg_dump/pg_restore; SQLite with its online backup."""

from __future__ import annotations

import sqlite3
import subprocess
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection
from oscar.core.loading import get_model

from producers.models import Producer
from traceability.models import Batch, Scan

Order = get_model("order", "Order")
BASE_DIR = Path(settings.BASE_DIR)

COUNTS = {
    "orders": f"SELECT count(*), coalesce(sum(total_incl_tax), 0) FROM {Order._meta.db_table}",
    "order numbers": f"SELECT string_agg(number, ',' ORDER BY number) FROM {Order._meta.db_table}",
    "producers": f"SELECT count(*) FROM {Producer._meta.db_table}",
    "batches": f"SELECT count(*) FROM {Batch._meta.db_table}",
    "scans": f"SELECT batch_id, count(*) FROM {Scan._meta.db_table} GROUP BY batch_id ORDER BY 1",
}


def figures(cursor) -> dict:
    found = {}
    for name, sql in COUNTS.items():
        if cursor.connection.__class__.__module__.startswith("sqlite3"):
            sql = sql.replace("string_agg(number, ',' ORDER BY number)", "group_concat(number)")
        cursor.execute(sql)
        found[name] = [tuple(str(v) for v in row) for row in cursor.fetchall()]
    return found


def database_url(name: str) -> str:
    db = connection.settings_dict
    auth = quote(db["USER"] or "")
    if db.get("PASSWORD"):
        auth += ":" + quote(db["PASSWORD"])
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"


def run(script: str, folder: Path, env: dict) -> str:
    done = subprocess.run(
        [str(BASE_DIR / "ops" / script), str(folder)],
        env={"PATH": "/usr/bin:/bin", **env},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture
def files(tmp_path):
    """Public and private uploads, as the site keeps them on disk."""
    media, private = tmp_path / "media", tmp_path / "private"
    (media / "images").mkdir(parents=True)
    (media / "images" / "ca-phe.jpg").write_bytes(b"\xff\xd8 a photo")
    private.mkdir()
    (private / "giay-phep.pdf").write_bytes(b"%PDF-1.4 a licence")
    return {"MEDIA_ROOT": str(media), "PRIVATE_MEDIA_ROOT": str(private)}


def test_a_backup_restores_into_a_fresh_database_with_the_same_data(committed_db, files, tmp_path):
    with connection.cursor() as cursor:
        before = figures(cursor.cursor)
    assert int(before["orders"][0][0]) > 0 and before["scans"]  # the demo has both
    backup = tmp_path / "backup"

    if connection.vendor == "postgresql":
        source = database_url(connection.settings_dict["NAME"])
        fresh = f"ocop_restore_{uuid.uuid4().hex[:8]}"
        with connection.cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{fresh}"')
        target = database_url(fresh)
    else:
        source = f"sqlite:///{Path(connection.settings_dict['NAME']).resolve()}"
        target = f"sqlite:///{tmp_path / 'restored.sqlite3'}"
    try:
        run("backup.sh", backup, {"DATABASE_URL": source, **files})
        assert (backup / "manifest.txt").exists() and (backup / "media.tar.gz").exists()
        restored_files = {
            "MEDIA_ROOT": str(tmp_path / "m2"),
            "PRIVATE_MEDIA_ROOT": str(tmp_path / "p2"),
        }
        run("restore.sh", backup, {"DATABASE_URL": target, **restored_files})

        if connection.vendor == "postgresql":
            import psycopg

            with psycopg.connect(target.replace("postgres://", "postgresql://")) as other:
                after = figures(other.cursor())
        else:
            with sqlite3.connect(target.removeprefix("sqlite://")) as other:
                after = figures(other.cursor())
        assert after == before
        photo = Path(restored_files["MEDIA_ROOT"], "images", "ca-phe.jpg")
        assert photo.read_bytes() == b"\xff\xd8 a photo"
        licence = Path(restored_files["PRIVATE_MEDIA_ROOT"], "giay-phep.pdf")
        assert licence.read_bytes() == b"%PDF-1.4 a licence"

        # Restoring over a database that has data is refused, not merged.
        refused = subprocess.run(
            [str(BASE_DIR / "ops" / "restore.sh"), str(backup)],
            env={"PATH": "/usr/bin:/bin", "DATABASE_URL": target, **restored_files},
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert refused.returncode == 2
    finally:
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{fresh}"')


def test_a_damaged_backup_is_refused(committed_db, files, tmp_path):
    backup = tmp_path / "backup"
    source = f"sqlite:///{tmp_path / 'small.sqlite3'}"
    with sqlite3.connect(tmp_path / "small.sqlite3") as small:
        small.execute("CREATE TABLE t (x)")
    run("backup.sh", backup, {"DATABASE_URL": source, **files})
    with open(backup / "media.tar.gz", "r+b") as archive:
        archive.seek(20)
        archive.write(b"damage")
    done = subprocess.run(
        [str(BASE_DIR / "ops" / "restore.sh"), str(backup)],
        env={"PATH": "/usr/bin:/bin", "DATABASE_URL": f"sqlite:///{tmp_path / 'new.sqlite3'}"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2 and "damaged" in done.stderr
    assert not (tmp_path / "new.sqlite3").exists()
