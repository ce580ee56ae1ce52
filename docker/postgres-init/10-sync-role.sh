#!/bin/sh
# Runs once, when the database volume is first created (postgres image: /docker-entrypoint-initdb.d).
# The service gets its own role, separate from the database superuser: it logs in, owns the schema of the sync
# database (Flyway migrates it as that role) and nothing more: no superuser, no role or database creation.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" -v app_password="$SYNC_DB_PASSWORD" <<'SQL'
CREATE ROLE sync LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD :'app_password';
ALTER SCHEMA public OWNER TO sync;
REVOKE ALL ON DATABASE sync FROM PUBLIC;
GRANT CONNECT, TEMPORARY ON DATABASE sync TO sync;
SQL
