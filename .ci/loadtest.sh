#!/usr/bin/env bash
# 60 s of mixed traffic (timeline pages, filtered API lists, claim pages) over 1,000,000 claims
# while the embedded worker ingests a steady stream of posted articles. Prints requests/s,
# latency, errors and the server's peak memory. Uses the cluster of .ci/bench.sh in .data/bench.
# Pages come from the 5 s page cache as they do in production (KURSK_PAGE_CACHE).
set -euo pipefail
cd "$(dirname "$0")/.."
export KURSK_DATA=.data/bench DATABASE_URL= KURSK_RATE_LIMIT=0 KURSK_API_TOKENS=load
DUR=${LOAD_SECONDS:-60}
PORT=${LOAD_PORT:-18090}
command -v wrk >/dev/null || { [ "$(id -u)" = 0 ] && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
go build -o bin/kursk ./cmd/kursk
# the schema and the million claims first, then the server (with its worker) on them
./bin/kursk migrate up >/dev/null
have=$(./bin/kursk generate --count)
if [ "${have:-0}" -lt 1000000 ]; then ./bin/kursk generate --claims $(( 1000000 - have )); fi
./bin/kursk serve -addr 127.0.0.1:$PORT >/tmp/kursk-load.log 2>&1 &
SERVER=$!
trap 'kill -TERM $SERVER 2>/dev/null; wait $SERVER 2>/dev/null' EXIT
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.2; done

before=$(curl -s "http://127.0.0.1:$PORT/api/v1/sources" | grep -o '"name":"Load Wire","url":null,"articles":[0-9]*' | grep -o '[0-9]*$' || echo 0)
# a steady stream of articles for the worker: 5 a second
(
	i=0
	while true; do
		i=$((i + 1))
		curl -s -o /dev/null -X POST -H 'Authorization: Bearer load' -H 'Content-Type: application/json' \
			-d "{\"outlet\":\"Load Wire\",\"published\":\"2025-06-22\",\"body\":\"Bulletin $i $RANDOM. Syrskyi said on Sunday that Ukrainian forces hold about 90 square kilometres of the Kursk region.\"}" \
			"http://127.0.0.1:$PORT/api/v1/articles"
		sleep 0.2
	done
) &
POSTER=$!
trap 'kill $POSTER 2>/dev/null; kill -TERM $SERVER 2>/dev/null; wait $SERVER 2>/dev/null' EXIT

LUA=$(mktemp --suffix .lua)
cat >"$LUA" <<'LUA'
local paths = {
	"/", "/?kind=territory_held&subject=UA", "/?claimant=synthetic-claimant-3",
	"/api/v1/claims?kind=troops&claimant=synthetic-claimant-7&from=2024-10-01&to=2025-03-31&limit=50",
	"/api/v1/claims?subject=KP&limit=50", "/api/v1/claims?source=synthetic-outlet-4&sort=value&limit=20",
	"/claims/1000", "/claims/250000", "/claims/777777", "/api/v1/claims/424242",
	"/disputes", "/api/v1/disputes?sort=spread", "/questions/killed.RU.kursk.-.2024-08-06",
}
local i = 0
request = function()
	i = i + 1
	return wrk.format("GET", paths[(i % #paths) + 1])
end
done = function(summary, latency, requests)
	io.write(string.format("RESULT %.0f %.2f %.2f %.2f %d %d\n", summary.requests / (summary.duration / 1e6),
		latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
		summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
		summary.requests))
end
LUA
r=$(wrk -t2 -c16 -d"${DUR}s" -s "$LUA" "http://127.0.0.1:$PORT" | grep '^RESULT')
read -r _ rps p50 p99 max errs total <<<"$r"
rss=$(awk '/VmHWM/ {printf "%.0f MB", $2/1024}' /proc/$SERVER/status)
ingested=$(( $(curl -s "http://127.0.0.1:$PORT/api/v1/sources" | grep -o '"name":"Load Wire","url":null,"articles":[0-9]*' | grep -o '[0-9]*$' || echo 0) - before ))
echo "| load | req/s | p50 ms | p99 ms | max ms | errors | requests | server peak RSS | articles ingested meanwhile |"
echo "|---|---|---|---|---|---|---|---|---|"
echo "| mixed pages + API, 16 connections, as fast as it goes, ${DUR}s | $rps | $p50 | $p99 | $max | $errs | $total | $rss | $ingested |"

# the same mix at a steady 300 requests/s: one hey per path, 30 req/s each
TMP=$(mktemp -d)
i=0
HEYS=()
for path in "/" "/?kind=territory_held&subject=UA" "/?claimant=synthetic-claimant-3" \
	"/api/v1/claims?kind=troops&claimant=synthetic-claimant-7&from=2024-10-01&to=2025-03-31&limit=50" \
	"/api/v1/claims?subject=KP&limit=50" "/api/v1/claims?source=synthetic-outlet-4&sort=value&limit=20" \
	"/claims/1000" "/claims/250000" "/claims/777777" "/api/v1/claims/424242"; do
	i=$((i + 1))
	hey -c 3 -q 10 -z "${DUR}s" "http://127.0.0.1:$PORT$path" >"$TMP/$i.txt" &
	HEYS+=($!)
done
wait "${HEYS[@]}" # not the article stream, which runs until the end
sum=0; worst99=0; worst50=0; errs=0
for f in "$TMP"/*.txt; do
	r=$(sed -n 's/^ *Requests\/sec:\s*\([0-9.]*\).*/\1/p' "$f")
	p50=$(awk '/50% in/ {print $3*1000}' "$f"); p99=$(awk '/99% in/ {print $3*1000}' "$f")
	e=$( (grep -E '^\s+\[[0-9]+\]' "$f" || true) | (grep -v '\[200\]' || true) | awk '{s+=$2} END {print s+0}')
	sum=$(echo "$sum + $r" | bc); errs=$((errs + e))
	worst99=$(echo "if ($p99 > $worst99) $p99 else $worst99" | bc); worst50=$(echo "if ($p50 > $worst50) $p50 else $worst50" | bc)
done
rss=$(awk '/VmHWM/ {printf "%.0f MB", $2/1024}' /proc/$SERVER/status)
echo "| the same mix at a steady 300 req/s (hey, 10 × 30/s), ${DUR}s | $sum | worst path $worst50 | worst path $worst99 | | $errs | | $rss | |"
rm -rf "$TMP" "$LUA"
