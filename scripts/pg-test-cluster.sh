#!/usr/bin/env bash
# A throwaway PostgreSQL server for tests and benchmarks: a fresh cluster in a temp dir, listening
# on 127.0.0.1 on a free port, trust auth, fsync off, with one empty database. Uses Debian's
# binaries in /usr/lib/postgresql/<version>/bin (installed by `apt-get install postgresql`; this
# script installs the package itself when it is missing and it can). As root the server runs as
# the `postgres` user, since PostgreSQL refuses to run as root.
#
# Sourced (bash):
#   source scripts/pg-test-cluster.sh
#   pg_test_cluster_start [DBNAME]   # exports PARLEY_TEST_PG_URL, PG_TEST_CLUSTER_DIR, PG_TEST_CLUSTER_PORT
#   trap pg_test_cluster_stop EXIT
#   pg_test_cluster_reset_db [DBNAME] # drop and recreate the database (between test runs)
#   pg_test_cluster_stop             # stop the server and delete its dir
#
# Run as a command:
#   scripts/pg-test-cluster.sh run [--db NAME] -- CMD [ARGS...]  # start, run CMD with PARLEY_TEST_PG_URL set, stop
#   eval "$(scripts/pg-test-cluster.sh start [DBNAME])"        # prints export lines
#   scripts/pg-test-cluster.sh stop [DIR]                      # DIR defaults to $PG_TEST_CLUSTER_DIR
#
# DBNAME defaults to parley_test. Progress and errors go to stderr.

PG_TEST_CLUSTER_SCRIPTS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

pg_test_cluster_bindir() {
  local d best=""
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/postgres" ] && [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] || continue
    if [ -z "$best" ] || [ "$(printf '%s\n%s\n' "$best" "$d" | sort -V | tail -n 1)" = "$d" ]; then
      best=$d
    fi
  done
  [ -n "$best" ] || return 1
  printf '%s\n' "$best"
}

# Runs a command as the cluster's owner: `postgres` when we are root, ourselves otherwise.
_pg_as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    if command -v runuser >/dev/null 2>&1; then
      runuser -u postgres -- "$@"
    else
      su -s /bin/sh postgres -c "$(printf '%q ' "$@")"
    fi
  else
    "$@"
  fi
}

_pg_free_port() {
  local port
  for port in 54329 54339 54349; do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      printf '%s\n' "$port"
      return 0
    fi
  done
  # Let the kernel pick one.
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

pg_test_cluster_start() {
  local db=${1:-parley_test}
  local bindir
  if ! bindir=$(pg_test_cluster_bindir); then
    # shellcheck source=scripts/apt-ensure.sh
    source "$PG_TEST_CLUSTER_SCRIPTS_DIR/apt-ensure.sh"
    apt_ensure postgresql || return 1
    bindir=$(pg_test_cluster_bindir) || {
      echo "pg-test-cluster: no PostgreSQL server binaries in /usr/lib/postgresql/*/bin" >&2
      return 1
    }
  fi
  if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
    echo "pg-test-cluster: running as root but there is no 'postgres' user to run the server as" >&2
    return 1
  fi

  local dir
  dir=$(mktemp -d /tmp/parley-pg.XXXXXX) || return 1
  chmod 700 "$dir"
  [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$dir"
  PG_TEST_CLUSTER_DIR=$dir
  export PG_TEST_CLUSTER_DIR

  if ! _pg_as_owner "$bindir/initdb" -D "$dir/data" -U postgres --auth=trust --encoding=UTF8 \
    --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1; then
    echo "pg-test-cluster: initdb failed:" >&2
    cat "$dir/initdb.log" >&2
    pg_test_cluster_stop
    return 1
  fi

  local attempt port started=""
  for attempt in 1 2 3; do
    port=$(_pg_free_port)
    # Settings for a disposable server: no durability, quick checkpoints, room for parallel test
    # workers' pools. The socket lives in the temp dir, so nothing else on the machine is touched.
    cat >"$dir/data/postgresql.auto.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $port
unix_socket_directories = '$dir'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 300
shared_buffers = 128MB
log_min_messages = warning
log_min_error_statement = panic
EOF
    [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$dir/data/postgresql.auto.conf"
    if _pg_as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
      >"$dir/pg_ctl.log" 2>&1; then
      started=1
      break
    fi
    echo "pg-test-cluster: server did not start on port $port (attempt $attempt)" >&2
  done
  if [ -z "$started" ]; then
    echo "pg-test-cluster: could not start PostgreSQL; pg_ctl and server log:" >&2
    cat "$dir/pg_ctl.log" "$dir/server.log" >&2 2>/dev/null
    pg_test_cluster_stop
    return 1
  fi

  PG_TEST_CLUSTER_PORT=$port
  PG_TEST_CLUSTER_BINDIR=$bindir
  PG_TEST_CLUSTER_DB=$db
  export PG_TEST_CLUSTER_PORT PG_TEST_CLUSTER_BINDIR PG_TEST_CLUSTER_DB
  if ! "$bindir/createdb" -h 127.0.0.1 -p "$port" -U postgres "$db" 2>"$dir/createdb.log"; then
    echo "pg-test-cluster: createdb $db failed:" >&2
    cat "$dir/createdb.log" >&2
    pg_test_cluster_stop
    return 1
  fi
  PARLEY_TEST_PG_URL="postgres://postgres@127.0.0.1:$port/$db"
  export PARLEY_TEST_PG_URL
  echo "pg-test-cluster: PostgreSQL $(basename "$(dirname "$bindir")") at $PARLEY_TEST_PG_URL (dir $dir)" >&2
}

pg_test_cluster_reset_db() {
  local db=${1:-${PG_TEST_CLUSTER_DB:-parley_test}}
  [ -n "${PG_TEST_CLUSTER_PORT:-}" ] || {
    echo "pg-test-cluster: no cluster started" >&2
    return 1
  }
  "$PG_TEST_CLUSTER_BINDIR/dropdb" -h 127.0.0.1 -p "$PG_TEST_CLUSTER_PORT" -U postgres --force \
    --if-exists "$db" &&
    "$PG_TEST_CLUSTER_BINDIR/createdb" -h 127.0.0.1 -p "$PG_TEST_CLUSTER_PORT" -U postgres "$db"
}

pg_test_cluster_stop() {
  local dir=${1:-${PG_TEST_CLUSTER_DIR:-}}
  [ -n "$dir" ] && [ -d "$dir" ] || return 0
  case "$dir" in
    /tmp/parley-pg.*) ;;
    *)
      echo "pg-test-cluster: refusing to delete $dir (not a cluster dir of this script)" >&2
      return 1
      ;;
  esac
  if [ -f "$dir/data/postmaster.pid" ]; then
    local bindir
    bindir=${PG_TEST_CLUSTER_BINDIR:-$(pg_test_cluster_bindir)}
    _pg_as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate -w -t 30 stop >/dev/null 2>&1 || {
      # Last resort: kill the postmaster by its pid file.
      local pid
      pid=$(head -n 1 "$dir/data/postmaster.pid" 2>/dev/null)
      [ -n "$pid" ] && kill -9 "$pid" 2>/dev/null
      sleep 1
    }
  fi
  rm -rf "$dir"
  if [ "$dir" = "${PG_TEST_CLUSTER_DIR:-}" ]; then
    unset PG_TEST_CLUSTER_DIR PG_TEST_CLUSTER_PORT PARLEY_TEST_PG_URL
  fi
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -uo pipefail
  cmd=${1:-}
  shift || true
  case "$cmd" in
    start)
      pg_test_cluster_start "${1:-parley_test}" || exit 1
      printf 'export PARLEY_TEST_PG_URL=%q\n' "$PARLEY_TEST_PG_URL"
      printf 'export PG_TEST_CLUSTER_DIR=%q\n' "$PG_TEST_CLUSTER_DIR"
      printf 'export PG_TEST_CLUSTER_PORT=%q\n' "$PG_TEST_CLUSTER_PORT"
      ;;
    stop)
      pg_test_cluster_stop "${1:-}"
      ;;
    run)
      db=parley_test
      if [ "${1:-}" = "--db" ]; then
        db=$2
        shift 2
      fi
      [ "${1:-}" = "--" ] && shift
      [ $# -gt 0 ] || {
        echo "usage: $0 run [--db NAME] -- CMD [ARGS...]" >&2
        exit 2
      }
      trap 'pg_test_cluster_stop' EXIT
      trap 'exit 130' INT
      trap 'exit 143' TERM
      pg_test_cluster_start "$db" || exit 1
      "$@"
      exit $?
      ;;
    *)
      echo "usage: $0 start [DBNAME] | stop [DIR] | run [--db NAME] -- CMD [ARGS...]" >&2
      exit 2
      ;;
  esac
fi
