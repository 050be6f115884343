#!/bin/sh
# Serve Navet for the load test: run under scripts/with_postgres.py (which sets DATABASE_URL to a
# throwaway server), from the checkout. Creates the database, migrates, generates county-scale
# data, writes the steering representatives' logins to $STEERING_FILE and starts gunicorn on
# 127.0.0.1:${PORT:-8765} until it is stopped.
set -eu
export DEBUG=0 NAVET_LOG_LEVEL=WARNING DATABASE_CONN_MAX_AGE=60
export NAVET_VAR_DIR="${NAVET_VAR_DIR:-$(mktemp -d)}"
psql -q "${DATABASE_URL%/*}/postgres" -c "CREATE DATABASE navet"
.venv/bin/navet migrate -v0
.venv/bin/navet generate --scale "${SCALE:-county}" --seed 1 >/dev/null
.venv/bin/navet shell -v0 -c "from navet.organisations.models import RoleAssignment as R; print(','.join(R.objects.filter(role='steering').values_list('user__username', flat=True)))" \
    > "${STEERING_FILE:-/tmp/navet-steering.txt}"
exec .venv/bin/gunicorn navet.wsgi --bind "127.0.0.1:${PORT:-8765}" --workers 4 --access-logfile /dev/null
