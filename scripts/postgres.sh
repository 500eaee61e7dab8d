#!/usr/bin/env bash
# Starts or stops a throw-away PostgreSQL 15 for tests and benchmarks.
#   scripts/postgres.sh start DIR   → initdb into DIR, start on a free loopback port, create database
#                                     scopeflow_test; prints `export SCOPEFLOW_TEST_PG_URL=…` lines
#   scripts/postgres.sh stop DIR    → stops it (DIR may then be deleted)
# PostgreSQL refuses to run as root, so as root the server runs as the `postgres` user.
set -euo pipefail

cmd="${1:-}"; dir="${2:-}"
if [ -z "$cmd" ] || [ -z "$dir" ]; then
  echo "usage: $0 start|stop DIR" >&2; exit 2
fi

pgbin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
if [ -z "$pgbin" ] || [ ! -x "$pgbin/initdb" ]; then
  echo "$0: PostgreSQL server binaries not found under /usr/lib/postgresql; run scripts/install-deps.sh" >&2
  exit 2
fi

as_owner() {
  if [ "$(id -u)" = 0 ]; then setpriv --reuid=postgres --regid=postgres --init-groups -- "$@"; else "$@"; fi
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

case "$cmd" in
  start)
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      as_owner "$pgbin/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log"
    fi
    port="$(free_port)"
    as_owner "$pgbin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=on -c max_connections=200" start >/dev/null
    echo "$port" >"$dir/port"
    as_owner "$pgbin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -qAt \
      -c "CREATE DATABASE scopeflow_test ENCODING 'UTF8'" >/dev/null
    echo "export SCOPEFLOW_TEST_PG_URL='jdbc:postgresql://127.0.0.1:$port/scopeflow_test?user=postgres'"
    echo "export SCOPEFLOW_TEST_PG_ADMIN_URL='jdbc:postgresql://127.0.0.1:$port/postgres?user=postgres'"
    ;;
  stop)
    if [ -f "$dir/data/postmaster.pid" ]; then
      as_owner "$pgbin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
    fi
    ;;
  *) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
