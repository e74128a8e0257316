#!/bin/sh
# Restore a backup made by ops/backup.sh into an EMPTY database and file folders.
#
#   ops/restore.sh DIR
#
# DATABASE_URL names the database to fill: for PostgreSQL create it first (createdb), empty;
# for SQLite a file that does not exist yet. MEDIA_ROOT and PRIVATE_MEDIA_ROOT receive the
# files. Then point the site at it, run `manage.py migrate` (a no-op for a backup of the same
# code) and check /readyz. Nothing here deletes: restoring over live data is refused.
set -eu

src=${1:?usage: ops/restore.sh DIR}
here=$(cd "$(dirname "$0")/.." && pwd)
: "${DATABASE_URL:?DATABASE_URL names the database to restore into}"
: "${MEDIA_ROOT:=$here/var/media}"
: "${PRIVATE_MEDIA_ROOT:=$here/var/private}"
: "${PYTHON:=python3}"

if [ ! -f "$src/manifest.txt" ]; then
    echo "restore: $src is not a backup folder (no manifest.txt)" >&2
    exit 2
fi
(cd "$src" && sed -n 's/^\([0-9a-f]\{64\}\)  /\1  /p' manifest.txt | sha256sum --check --quiet) || {
    echo "restore: the backup's checksums do not match: it is damaged" >&2
    exit 2
}

case "$DATABASE_URL" in
postgres://* | postgresql://* | pgsql://*)
    url=$(echo "$DATABASE_URL" | sed 's|^pgsql://|postgresql://|')
    tables=$(psql --no-psqlrc --tuples-only --no-align --dbname "$url" \
        --command "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
    if [ "$tables" != 0 ]; then
        echo "restore: the target database is not empty; create a new one" >&2
        exit 2
    fi
    echo "restore: database (pg_restore)"
    pg_restore --no-owner --no-privileges --exit-on-error --single-transaction \
        --dbname "$url" "$src/database.dump"
    ;;
sqlite://*)
    target=${DATABASE_URL#sqlite://}
    if [ -e "$target" ]; then
        echo "restore: $target exists; give a new file" >&2
        exit 2
    fi
    echo "restore: database (SQLite)"
    cp "$src/database.sqlite3" "$target"
    ;;
*)
    echo "restore: DATABASE_URL is neither PostgreSQL nor SQLite" >&2
    exit 2
    ;;
esac

for name in media private; do
    if [ "$name" = media ]; then root=$MEDIA_ROOT; else root=$PRIVATE_MEDIA_ROOT; fi
    if [ -f "$src/$name.tar.gz" ]; then
        echo "restore: files ($name)"
        mkdir -p "$root"
        tar -C "$root" -xzf "$src/$name.tar.gz"
    fi
done
echo "restore: done"
