#!/usr/bin/env bash
# Runs every test of Inbox. On a fresh machine it first installs what the tests need:
# Debian's chromium for the browser tests (when run as root; otherwise it says what is missing).
set -euo pipefail
cd "$(dirname "$0")"

if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = "0" ]; then
    echo "Installing chromium (browser tests)..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "Missing: Debian's chromium at /usr/bin/chromium, needed by the browser tests." >&2
    echo "Install it with: sudo apt-get install -y chromium   (or run this script as root)" >&2
    exit 1
  fi
fi

if ! command -v dotnet >/dev/null; then
  echo "Missing: the .NET 10 SDK (dotnet). See https://dotnet.microsoft.com/download" >&2
  exit 1
fi

results=TestResults
rm -rf "$results"
status=0
dotnet test Inbox.sln --logger "trx;LogFileName=inbox.trx" --results-directory "$results" || status=$?

# One closing line any CI can read, from the test results themselves.
trx="$results/inbox.trx"
if [ -f "$trx" ]; then
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  count() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  total=$(count total); passed=$(count passed); failed=$(count failed)
  echo "Tests: ${passed} passed, ${failed} failed, $((total - passed - failed)) skipped"
  if [ "${total:-0}" = "0" ]; then
    echo "No test ran." >&2
    status=1
  fi
else
  echo "No test results were written." >&2
  status=1
fi
exit $status
