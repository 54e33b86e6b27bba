#!/usr/bin/env bash
# Runs every benchmark and writes BENCHMARKS.md: the machine, the date, and for each figure the
# measurement with its ratio to a baseline measured in the same run. Not part of `npm test`.
# Usage: npm run bench            (full: 60 s load test, 2 million points)
#        BENCH_QUICK=1 npm run bench   (shorter runs for a smoke check)
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT" || exit 1
OUT="$ROOT/BENCHMARKS.md"
LOAD_START="$(cut -d' ' -f1-3 /proc/loadavg)"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"; [ -n "${PG_STARTED:-}" ] && pg_test_cluster_stop >/dev/null 2>&1' EXIT

[ -d node_modules ] || npm ci
npm run --silent build >/dev/null

# shellcheck source=scripts/pg-test-cluster.sh
source "$ROOT/scripts/pg-test-cluster.sh"
if [ -z "${PARLEY_TEST_PG_URL:-}" ] && pg_test_cluster_start parley_bench >/dev/null 2>&1; then PG_STARTED=1; fi

if [ -n "${BENCH_QUICK:-}" ]; then LOAD_SECONDS=15; POINTS=200000; INGEST="--batches 3 --runs 1"; FILE_MB=100; else LOAD_SECONDS=60; POINTS=2000000; INGEST="--batches 10 --runs 3"; FILE_MB=1024; fi

section() { # title command...
  local title=$1; shift
  echo "==> $title" >&2
  # Other work shares this machine: each section says how loaded it was when the section started.
  { echo; echo "## $title"; echo; echo "_Load average at the start of this section: $(cut -d' ' -f1-3 /proc/loadavg)._"; echo; "$@" 2>"$TMP/err" || { echo "(failed: $(tail -3 "$TMP/err"))"; }; } >>"$TMP/body"
}

section "HTTP ingestion vs raw driver inserts" npx tsx bench/ingest.ts $INGEST
section "Streaming a large NDJSON file with parley ingest" npx tsx bench/ingest-file.ts --mb "$FILE_MB"
[ -f bench/otlp.ts ] && section "OTLP spans per second vs decoding alone" npx tsx bench/otlp.ts
section "Quiet-failure detection quality and evaluation time" npx tsx bench/detector-quality.ts
section "Evaluating limits, budgets and detectors (evaluateWorkspace, afterIngest)" npx tsx bench/evaluation.ts
section "API latency and mixed load" npx tsx bench/api-load.ts --seconds "$LOAD_SECONDS" --points "$POINTS"
section "Shared map rendered in headless Chromium" npx tsx bench/map-render.ts
section "Web: initial JavaScript" node bench/web-bundle.mjs

{
  echo "# Benchmarks"
  echo
  echo "Written by \`npm run bench\` on $(date -u +%Y-%m-%d) — $(nproc) cores, $(awk -F: '/model name/{print $2; exit}' /proc/cpuinfo | sed 's/^ *//'), $(free -g | awk '/Mem:/{print $2}') GiB, Node $(node --version), load average at start ${LOAD_START}."
  echo "Every figure is printed with a baseline measured in the same run, because these machines are noisy;"
  echo "tests never assert wall-clock times. Targets come from the issues; where one is missed it says so."
  cat "$TMP/body"
  echo
  echo "_Load average at the end of the run: $(cut -d' ' -f1-3 /proc/loadavg)._"
  # Hand-written: what the profiles showed and what changed, with before/after figures.
  [ -f bench/results/profiling-notes.md ] && { echo; cat bench/results/profiling-notes.md; }
} >"$OUT"
echo "wrote $OUT" >&2
