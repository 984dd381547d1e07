#!/usr/bin/env bash
# The long fault suite: the fault tests test.sh runs short, at full length (20 kills at 2,000 deliveries/s, 10,000
# mutated deliveries), plus the Graph, storage and large-delivery faults. Each test prints its figures;
# docs/reliability.md records them. Everything runs on 127.0.0.1 with bounded loops; about five minutes on two cores.
set -euo pipefail
cd "$(dirname "$0")"
log=$(mktemp)
# The two-node kill and Redis outage tests need them (installed by test.sh on a fresh machine).
source ./test-servers.sh
dotnet build Inbox.sln -v quiet
status=0
INBOX_FAULTS=long dotnet test Inbox.Tests --no-build --filter "Category=Faults" --logger "console;verbosity=detailed" >"$log" 2>&1 || status=$?
grep -E "^\s+(Passed|Failed) |Error Message|^ [0-9]+ (kills|deliveries)|^ [0-9.]+ MB|kept apart|two nodes|Heard across" "$log" | cut -c1-400 || true
echo "Full output: $log"
exit $status
