#!/bin/sh
# Back up the OCOP Marketplace: the database and the uploaded files, into one folder.
#
#   ops/backup.sh DIR
#
# Reads DATABASE_URL, MEDIA_ROOT and PRIVATE_MEDIA_ROOT as the site does (defaults: var/).
# PostgreSQL is dumped with pg_dump in its custom format (consistent while the site runs);
# SQLite with its online backup. Files on disk are archived with tar; files in an object
# store (AWS_STORAGE_BUCKET_NAME) are the store's to keep: use its versioning or its own
# sync tool (docs/operations.md). The folder holds secrets' worth of personal data: keep
# it private (it is created mode 700). See ops/restore.sh for the way back.
set -eu

dest=${1:?usage: ops/backup.sh DIR}
here=$(cd "$(dirname "$0")/.." && pwd)
: "${DATABASE_URL:=sqlite:///$here/var/db.sqlite3}"
: "${MEDIA_ROOT:=$here/var/media}"
: "${PRIVATE_MEDIA_ROOT:=$here/var/private}"
: "${PYTHON:=python3}"

mkdir -p "$dest"
chmod 700 "$dest"
if [ -e "$dest/manifest.txt" ]; then
    echo "backup: $dest already holds a backup; give an empty folder" >&2
    exit 2
fi

case "$DATABASE_URL" in
postgres://* | postgresql://* | pgsql://*)
    echo "backup: database (pg_dump)"
    pg_dump --format=custom --no-owner --no-privileges \
        --file "$dest/database.dump" --dbname "$(echo "$DATABASE_URL" | sed 's|^pgsql://|postgresql://|')"
    ;;
sqlite://*)
    echo "backup: database (SQLite online backup)"
    "$PYTHON" - "${DATABASE_URL#sqlite://}" "$dest/database.sqlite3" <<'PY'
import sqlite3, sys
source, target = sqlite3.connect(sys.argv[1]), sqlite3.connect(sys.argv[2])
with target:
    source.backup(target)
source.close(); target.close()
PY
    ;;
*)
    echo "backup: DATABASE_URL is neither PostgreSQL nor SQLite" >&2
    exit 2
    ;;
esac

if [ -z "${AWS_STORAGE_BUCKET_NAME:-}" ]; then
    for name in media private; do
        if [ "$name" = media ]; then root=$MEDIA_ROOT; else root=$PRIVATE_MEDIA_ROOT; fi
        if [ -d "$root" ]; then
            echo "backup: files ($name)"
            tar -C "$root" -czf "$dest/$name.tar.gz" .
        fi
    done
else
    echo "backup: files are in the object store $AWS_STORAGE_BUCKET_NAME: not copied here"
fi

{
    echo "made: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "code: $(git -C "$here" rev-parse HEAD 2>/dev/null || echo unknown)"
    (cd "$dest" && sha256sum database.* ./*.tar.gz 2>/dev/null || true)
} > "$dest/manifest.txt"
echo "backup: done in $dest"
