#!/usr/bin/env bash
# Start a local PostgreSQL server for the store tests and print the URL to use.
# Installs Debian's `postgresql` package when it is missing (needs root, as in CI).
#   export NEWSLEDGER_TEST_PG=$(scripts/postgres-for-tests.sh)
set -euo pipefail
if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    (apt-get update -qq && apt-get install -y -qq postgresql) >&2
fi
version=$(ls /usr/lib/postgresql | sort -n | tail -1)
if ! pg_lsclusters -h | grep -q "^$version main"; then
    pg_createcluster "$version" main >&2
fi
pg_ctlcluster "$version" main start >&2 2>/dev/null || true  # already running is fine
for _ in $(seq 1 30); do
    pg_isready -q -h localhost && break
    sleep 1
done
psql_admin() { runuser -u postgres -- psql -v ON_ERROR_STOP=1 -qAt "$@"; }
if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = 'newsledger'")" != "1" ]; then
    psql_admin -c "CREATE ROLE newsledger LOGIN PASSWORD 'newsledger' CREATEDB" >&2
fi
if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = 'newsledger_test'")" != "1" ]; then
    psql_admin -c "CREATE DATABASE newsledger_test OWNER newsledger" >&2
fi
echo "postgresql://newsledger:newsledger@localhost:5432/newsledger_test"
