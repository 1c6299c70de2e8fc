#!/usr/bin/env bash
# Runs each fault scenario at full size and prints a table: a worker SIGKILLed in a batch of
# 2,000 articles, PostgreSQL stopped for 20 s under traffic, SIGTERM under load, migrations
# repeated with data. `make test` runs the same scenarios at a smaller size.
set -uo pipefail
cd "$(dirname "$0")/.."
out=$(KURSK_FAULTS=full go test -count=1 -timeout 15m -run Fault -v ./cmd/kursk/ 2>&1)
status=$?
echo "| scenario | outcome | measured |"
echo "|---|---|---|"
grep '^RESULT|' <<<"$out" | sed 's/^RESULT|//; s/|/ | /g; s/^/| /; s/$/ |/'
if [ $status -ne 0 ]; then
	grep -E -- '--- FAIL|_test.go' <<<"$out"
	exit $status
fi
