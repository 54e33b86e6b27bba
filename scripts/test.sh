#!/usr/bin/env bash
# The whole test suite (`npm test`). On a fresh clone it first installs what is missing:
#   - Debian packages postgresql, chromium and poppler-utils (apt, as root; skipped when installed),
#   - npm dependencies (`npm ci`, when node_modules is missing or older than package-lock.json),
# starts a throwaway PostgreSQL server unless PARLEY_TEST_PG_URL is already set, then runs:
#   typecheck, eslint, prettier, build    one test each
#   unit + integration (vitest)           SQLite, and PostgreSQL through PARLEY_TEST_PG_URL
#   browser tests (vitest, e2e config)    headless Chromium (PARLEY_CHROMIUM)
#   unit + integration under Node 24      see scripts/node24.sh
# and ends with one line, `N passed, N failed`, the totals over all stages. Exits non-zero when
# anything failed or nothing passed. Vitest JSON reports go to test-results/.
#
# Environment:
#   PARLEY_TEST_PG_URL      use this PostgreSQL database instead of starting one
#   PARLEY_CHROMIUM         browser binary for the e2e tests (default /usr/bin/chromium)
#   PARLEY_TEST_SKIP        comma-separated stages to skip, e.g. "node24,e2e" (for quick local runs;
#                           names: typecheck,eslint,prettier,build,unit,e2e,node24)
#   PARLEY_TEST_STAGE_TIMEOUT  seconds one vitest stage may take under CI (default 1200)
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT" || exit 1
RESULTS="$ROOT/test-results"
mkdir -p "$RESULTS"

TOTAL_PASSED=0
TOTAL_FAILED=0
SUMMARY=()
SUITE_START=$SECONDS
PG_STARTED=""
NODE24_PREP_PID=""

say() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
[ -t 1 ] || say() { printf '\n==> %s\n' "$*"; }

record() { # name passed failed seconds [note]
  TOTAL_PASSED=$((TOTAL_PASSED + $2))
  TOTAL_FAILED=$((TOTAL_FAILED + $3))
  SUMMARY+=("$(printf '%-22s %5s passed %4s failed %5ss  %s' "$1" "$2" "$3" "$4" "${5:-}")")
}

wanted() { # stage name: false when PARLEY_TEST_SKIP lists it
  case ",${PARLEY_TEST_SKIP:-}," in
    *",$1,"*) return 1 ;;
  esac
  return 0
}

skipped() { # like ! wanted, and notes the skip in the summary
  wanted "$1" && return 1
  SUMMARY+=("$(printf '%-22s skipped (PARLEY_TEST_SKIP)' "$1")")
  return 0
}

cleanup() {
  if [ -n "$NODE24_PREP_PID" ]; then
    # Its own process group (setsid), so npm and the compiler under it stop too.
    kill -TERM -- "-$NODE24_PREP_PID" 2>/dev/null
    NODE24_PREP_PID=""
  fi
  if [ -n "$PG_STARTED" ]; then
    pg_test_cluster_stop >/dev/null 2>&1
    PG_STARTED=""
  fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

finish() {
  cleanup
  echo
  echo "Summary ($((SECONDS - SUITE_START)) s):"
  printf '  %s\n' "${SUMMARY[@]}"
  echo
  echo "$TOTAL_PASSED passed, $TOTAL_FAILED failed"
  if [ "$TOTAL_FAILED" -eq 0 ] && [ "$TOTAL_PASSED" -gt 0 ]; then
    exit 0
  fi
  exit 1
}

# Under CI a hung stage must not eat the whole time budget: kill its process group after a limit.
with_timeout() {
  if [ -n "${CI:-}" ] && command -v timeout >/dev/null 2>&1; then
    timeout --kill-after=30 "${PARLEY_TEST_STAGE_TIMEOUT:-1200}" "$@"
  else
    "$@"
  fi
}

# One command = one test: passed when it exits 0.
check_stage() { # name cmd...
  local name=$1 start=$SECONDS rc=0
  shift
  skipped "$name" && return 0
  say "$name: $*"
  with_timeout "$@" </dev/null || rc=$?
  if [ $rc -eq 0 ]; then
    record "$name" 1 0 $((SECONDS - start))
  else
    echo "$name FAILED (exit $rc)"
    record "$name" 0 1 $((SECONDS - start)) "exit $rc"
  fi
}

# A vitest run; counts come from its JSON report. A run that fails without a failed test (a file
# that does not load, an unhandled error, a crash, a timeout) counts as one failure or more.
vitest_stage() { # name json cmd...
  local name=$1 json=$2 start=$SECONDS rc=0
  shift 2
  skipped "$name" && return 0
  say "$name"
  rm -f "$json"
  with_timeout "$@" </dev/null || rc=$?
  local counts passed=0 failed=0 note=""
  if [ -s "$json" ] &&
    counts=$(node -e '
      const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
      // Files that failed outside any test (import error, failing hook) count once each.
      const brokenFiles = (r.testResults || []).filter((f) => f.status === "failed" &&
        !(f.assertionResults || []).some((a) => a.status === "failed")).length;
      console.log([r.numPassedTests, (r.numFailedTests || 0) + brokenFiles, r.numFailedTestSuites,
        (r.numPendingTests || 0) + (r.numTodoTests || 0), r.numTotalTests].map((n) => n || 0).join(" "));
    ' "$json" 2>/dev/null); then
    local suites_failed skipped_tests total
    read -r passed failed suites_failed skipped_tests total <<<"$counts"
    note="$total tests"
    [ "$skipped_tests" -gt 0 ] && note="$note, $skipped_tests skipped"
    if [ $rc -ne 0 ] && [ "$failed" -eq 0 ]; then
      failed=$((suites_failed > 0 ? suites_failed : 1))
      note="$note; vitest exit $rc without a failed test (failed files or errors: see log)"
    fi
  elif [ $rc -ne 0 ]; then
    failed=1
    note="vitest exit $rc, no JSON report"
  else
    note="no JSON report"
  fi
  [ $rc -eq 124 ] || [ $rc -eq 137 ] && note="$note; timed out"
  [ "$failed" -gt 0 ] && echo "$name FAILED: $passed passed, $failed failed ($note)"
  record "$name" "$passed" "$failed" $((SECONDS - start)) "$note"
}

# Each vitest stage after the first starts on an empty parley_test database too (only for the
# server this script started; a PARLEY_TEST_PG_URL from outside is left alone).
fresh_db() { # stage name
  [ -n "$PG_STARTED" ] && wanted "$1" || return 0
  pg_test_cluster_reset_db parley_test >/dev/null 2>&1 || echo "warning: could not reset parley_test"
}

# ---------------------------------------------------------------------------------------------
# 1. What the suite needs on the machine.

say "setup: system packages"
setup_start=$SECONDS
# shellcheck source=scripts/apt-ensure.sh
source "$ROOT/scripts/apt-ensure.sh"
# shellcheck source=scripts/pg-test-cluster.sh
source "$ROOT/scripts/pg-test-cluster.sh"
apt_pkgs=()
[ -z "${PARLEY_TEST_PG_URL:-}" ] && ! pg_test_cluster_bindir >/dev/null && apt_pkgs+=(postgresql)
if [ -z "${PARLEY_CHROMIUM:-}" ] || [ ! -x "${PARLEY_CHROMIUM}" ]; then
  [ -x /usr/bin/chromium ] || apt_pkgs+=(chromium)
  # A Recommends of chromium's that --no-install-recommends drops: real fonts for rendering.
  if command -v dpkg-query >/dev/null 2>&1 && ! apt_pkg_installed fonts-liberation; then
    apt_pkgs+=(fonts-liberation)
  fi
fi
# pdftotext and pdftoppm check the PDF briefs.
command -v pdftotext >/dev/null 2>&1 || apt_pkgs+=(poppler-utils)
if [ ${#apt_pkgs[@]} -gt 0 ]; then
  if apt_ensure "${apt_pkgs[@]}"; then
    record "setup: apt" 1 0 $((SECONDS - setup_start)) "installed ${apt_pkgs[*]}"
  else
    record "setup: apt" 0 1 $((SECONDS - setup_start)) "could not install ${apt_pkgs[*]}"
  fi
else
  echo "postgresql and chromium present"
fi

say "setup: npm dependencies"
deps_start=$SECONDS
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "running npm ci (node_modules missing or older than package-lock.json)"
  npm_log="$RESULTS/npm-ci.log"
  # --ignore-scripts + rebuild: dependencies' install scripts run (better-sqlite3 builds from
  # source, since its prebuilt download is unreachable here), but the project's own `prepare`
  # (the build) runs below as a stage of its own, so a broken build is one failed test rather
  # than a failed install that stops everything.
  if npm ci --ignore-scripts --no-audit --no-fund --loglevel=error </dev/null >"$npm_log" 2>&1 &&
    JOBS="$(nproc 2>/dev/null || echo 2)" npm_config_build_from_source=true \
      npm rebuild --loglevel=error </dev/null >>"$npm_log" 2>&1; then
    echo "npm dependencies installed in $((SECONDS - deps_start)) s"
  else
    echo "npm ci failed; last lines of $npm_log:"
    tail -n 60 "$npm_log"
    rm -f node_modules/.package-lock.json # so the next run tries again
    record "setup: npm ci" 0 1 $((SECONDS - deps_start))
    finish
  fi
else
  echo "node_modules up to date"
fi

if [ -z "${PARLEY_TEST_PG_URL:-}" ]; then
  say "setup: PostgreSQL"
  if pg_test_cluster_start parley_test; then
    PG_STARTED=1
  else
    record "setup: PostgreSQL" 0 1 0 "tests run without PARLEY_TEST_PG_URL"
  fi
else
  echo "using PARLEY_TEST_PG_URL from the environment"
fi

# The Node 24 install (first run: a download and a from-source build of better-sqlite3, 2-3 min)
# goes on in the background during the static checks, which do not mind sharing the CPU.
# `npm test` never waits for it longer than it would have taken in the foreground.
if wanted node24 && command -v setsid >/dev/null 2>&1; then
  setsid bash "$ROOT/scripts/node24.sh" prepare </dev/null >"$RESULTS/node24-prepare.log" 2>&1 &
  NODE24_PREP_PID=$!
fi

# ---------------------------------------------------------------------------------------------
# 2. Static checks and the build.

check_stage typecheck npx tsc -p tsconfig.json --noEmit
check_stage eslint npx eslint --max-warnings 0 .
check_stage prettier npx prettier --check .
check_stage build npm run --silent build

# ---------------------------------------------------------------------------------------------
# 3. Tests.

# Tests get the CPU to themselves: let the background Node 24 install finish first. Its outcome
# shows up in the node24 stage, which prepares again (quick once installed) and counts failures.
if [ -n "$NODE24_PREP_PID" ]; then
  say "waiting for the Node 24 install"
  wait_start=$SECONDS
  wait "$NODE24_PREP_PID" || echo "node24: background install failed (exit $?); the node24 stage retries it"
  NODE24_PREP_PID=""
  SUMMARY+=("$(printf '%-22s waited %ss for its end (not a test)' "node24 install (bg)" $((SECONDS - wait_start)))")
  cat "$RESULTS/node24-prepare.log"
fi

vitest_stage unit "$RESULTS/unit.json" \
  npx vitest run --config vitest.config.ts \
  --reporter=default --reporter=json --outputFile.json="$RESULTS/unit.json"

export PARLEY_CHROMIUM="${PARLEY_CHROMIUM:-/usr/bin/chromium}"
fresh_db e2e
vitest_stage e2e "$RESULTS/e2e.json" \
  npx vitest run --config vitest.e2e.config.ts --passWithNoTests \
  --reporter=default --reporter=json --outputFile.json="$RESULTS/e2e.json"

fresh_db node24
vitest_stage node24 "$RESULTS/unit-node24.json" \
  bash "$ROOT/scripts/node24.sh" run vitest run --config vitest.config.ts \
  --reporter=default --reporter=json --outputFile.json="$RESULTS/unit-node24.json"

finish
