#!/usr/bin/env bash
# Runs every test of Inbox: all of them on SQLite, then the store and ingestion tests (Inbox.Tests.Core) again on
# PostgreSQL. On a fresh machine it first installs what the tests need from Debian (when run as root; otherwise it
# says what is missing): chromium for the browser tests, PostgreSQL 15, Redis and nginx for the several-node tests. Its
# own PostgreSQL and Redis run from a temporary folder on ports 55432 and 6390 and are stopped at the end.
set -euo pipefail
cd "$(dirname "$0")"

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/lib/postgresql/15/bin/initdb ] || missing+=(postgresql-15)
command -v redis-server >/dev/null || missing+=(redis-server)
[ -x /usr/sbin/nginx ] || missing+=(nginx)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = "0" ]; then
    echo "Installing ${missing[*]}..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "Missing: ${missing[*]} (Debian packages), needed by the browser and several-node tests." >&2
    echo "Install them with: sudo apt-get install -y ${missing[*]}   (or run this script as root)" >&2
    exit 1
  fi
fi

if ! command -v dotnet >/dev/null; then
  echo "Missing: the .NET 10 SDK (dotnet). See https://dotnet.microsoft.com/download" >&2
  exit 1
fi

# PostgreSQL and Redis of its own for the several-node tests and the PostgreSQL run, stopped on exit.
source ./test-servers.sh

results=TestResults
rm -rf "$results"
status=0
dotnet test Inbox.sln --logger "trx;LogFileName=sqlite.trx" --results-directory "$results" || status=$?
INBOX_TEST_PROVIDER=postgres dotnet test Inbox.sln --no-build --filter "FullyQualifiedName~Inbox.Tests.Core" \
  --logger "trx;LogFileName=postgres.trx" --results-directory "$results" || status=$?

# One closing line any CI can read, from the test results themselves.
total=0; passed=0; failed=0
for run in sqlite postgres; do
  trx="$results/$run.trx"
  if [ ! -f "$trx" ]; then
    echo "No test results were written for the $run run." >&2
    status=1
    continue
  fi
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  count() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  run_total=$(count total); run_passed=$(count passed); run_failed=$(count failed)
  echo "Tests on $run: ${run_passed} passed, ${run_failed} failed, $((run_total - run_passed - run_failed)) skipped"
  if [ "${run_total:-0}" = "0" ]; then
    echo "No test ran on $run." >&2
    status=1
  fi
  total=$((total + run_total)); passed=$((passed + run_passed)); failed=$((failed + run_failed))
done
echo "Tests: ${passed} passed, ${failed} failed, $((total - passed - failed)) skipped"
exit $status
