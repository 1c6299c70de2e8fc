#!/usr/bin/env bash
# Benchmarks kursk's pages and API on two private clusters, kept between runs and stopped after:
#   1. .data/bench-100k: the timeline's server time with 100,000 claims, p50/p95/p99;
#   2. .data/bench: with 1,000,000 claims, the landing page, disputes, a question page, a claimant
#      page and the disputes API, one client and then 8 at once (the slowest request);
#   3. the same cluster: GET /api/v1/claims with kind + claimant + date range, limit 50: the most
#      requests/s (wrk) and latency at a steady 500 requests/s (hey), side by side with the very
#      same SQL run by pgbench straight against PostgreSQL.
# Needs wrk, hey and pgbench (Debian: wrk, hey, postgresql-client); installs wrk and hey as root.
set -euo pipefail
cd "$(dirname "$0")/.."
export DATABASE_URL= KURSK_RATE_LIMIT=0 KURSK_PAGE_CACHE=0 # pages measured as rendered, not from the page cache
# two private clusters, one per size, kept between runs
SMALL=.data/bench-100k
LARGE=.data/bench
DUR=${BENCH_SECONDS:-15}
PORT=${BENCH_PORT:-18080}

for tool in wrk hey; do
	if ! command -v $tool >/dev/null; then
		if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
			DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $tool >/dev/null
		else
			echo "bench: $tool is missing (apt-get install $tool)"; exit 1
		fi
	fi
done
PGBENCH=$(command -v pgbench || ls /usr/lib/postgresql/*/bin/pgbench | tail -n 1)

go build -o bin/kursk ./cmd/kursk
bin=./bin/kursk

PSQL=$(command -v psql || echo "$(dirname "$PGBENCH")/psql")
count() { # claims stored
	"$PSQL" "$(dburl)" -Atc "SELECT count(*) FROM claims"
}
dburl() {
	local port
	port=$(sed -n 4p "$KURSK_DATA/pg/postmaster.pid")
	echo "postgres://postgres:$(cat "$KURSK_DATA/pg.password")@127.0.0.1:$port/kursk?sslmode=disable"
}

# the server holds the private cluster up for the whole run
start_server() {
	$bin serve --no-worker -addr 127.0.0.1:$PORT >/tmp/kursk-bench-server.log 2>&1 &
	SERVER=$!
	for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && return; sleep 0.2; done
	echo "bench: the server did not start"; cat /tmp/kursk-bench-server.log; exit 1
}
# the server started the cluster (or took it over), so stopping it stops the cluster too
stop_server() { [ -n "${SERVER:-}" ] && { kill -TERM "$SERVER" 2>/dev/null; wait "$SERVER" 2>/dev/null || true; }; SERVER=; }
trap stop_server EXIT

grow_to() { # make sure at least $1 claims are stored
	local have
	have=$(count)
	if [ "$have" -lt "$1" ]; then
		echo "bench: generating $(( $1 - have )) synthetic claims..."
		$bin generate --claims $(( $1 - have ))
	fi
}

LUA=$(mktemp --suffix .lua)
cat >"$LUA" <<'EOF'
done = function(summary, latency, requests)
	io.write(string.format("RESULT %.0f %.2f %.2f %.2f %d\n", summary.requests / (summary.duration / 1e6),
		latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
		summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
EOF

wrk_row() { # name url connections
	local r
	r=$(wrk -t1 -c"$3" -d"${DUR}s" -s "$LUA" "$2" | grep '^RESULT')
	read -r _ rps p50 p95 p99 errs <<<"$r"
	printf "| %-44s | %8s | %7s | %7s | %7s | %6s |\n" "$1" "$rps" "$p50" "$p95" "$p99" "$errs"
}

echo
echo "## Timeline server time, 100,000 claims (wrk, one client, ${DUR}s each)"
export KURSK_DATA=$SMALL
start_server # it holds the cluster up for the psql and generate calls that follow
$bin migrate up >/dev/null
grow_to 100000
echo "| page | req/s | p50 ms | p95 ms | p99 ms | errors |"
echo "|---|---|---|---|---|---|"
wrk_row "/ (default view)" "http://127.0.0.1:$PORT/" 1
K3=$("$PSQL" "$(dburl)" -Atc "SELECT kind FROM claims WHERE claimant_id = (SELECT id FROM claimants WHERE slug = 'synthetic-claimant-3') GROUP BY kind ORDER BY count(*) DESC LIMIT 1")
wrk_row "/?kind=$K3&claimant=synthetic-claimant-3" "http://127.0.0.1:$PORT/?kind=$K3&claimant=synthetic-claimant-3&from=2024-09-01&to=2025-06-30" 1
wrk_row "/disputes" "http://127.0.0.1:$PORT/disputes" 1
wrk_row "/api/v1/claims?kind=$K3&claimant=...&limit=50" "http://127.0.0.1:$PORT/api/v1/claims?kind=$K3&claimant=synthetic-claimant-3&from=2024-09-01&to=2025-06-30&limit=50" 1

stop_server

echo
echo "## Pages and disputes, 1,000,000 claims (wrk, ${DUR}s each)"
export KURSK_DATA=$LARGE
start_server
$bin migrate up >/dev/null
grow_to 1000000
Q1=$(curl -s "http://127.0.0.1:$PORT/api/v1/disputes?limit=1" | grep -o '"key":"[^"]*"' | head -1 | cut -d'"' -f4)
BIG=$("$PSQL" "$(dburl)" -Atc "SELECT slug FROM claimants ORDER BY claim_count DESC LIMIT 1")
BIGN=$("$PSQL" "$(dburl)" -Atc "SELECT claim_count FROM claimants WHERE slug = '$BIG'")
echo "| page | req/s | p50 ms | p95 ms | p99 ms | errors |"
echo "|---|---|---|---|---|---|"
wrk_row "/" "http://127.0.0.1:$PORT/" 1
wrk_row "/disputes" "http://127.0.0.1:$PORT/disputes" 1
wrk_row "/questions/$Q1" "http://127.0.0.1:$PORT/questions/$Q1" 1
wrk_row "/claimants/$BIG ($BIGN claims)" "http://127.0.0.1:$PORT/claimants/$BIG" 1
wrk_row "/api/v1/disputes" "http://127.0.0.1:$PORT/api/v1/disputes" 1
MIX=$(mktemp --suffix .lua)
cat >"$MIX" <<LUA
local paths = { "/", "/disputes", "/disputes?sort=spread", "/questions/$Q1", "/claimants/$BIG", "/api/v1/disputes", "/claimants" }
local i = 0
request = function() i = i + 1; return wrk.format("GET", paths[(i % #paths) + 1]) end
done = function(summary, latency, requests)
	io.write(string.format("RESULT %.0f %.2f %.2f %.2f %d\\n", summary.requests / (summary.duration / 1e6),
		latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
		summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
LUA
read -r _ rps p95 p99 max errs <<<"$(wrk -t2 -c8 -d"${DUR}s" -s "$MIX" "http://127.0.0.1:$PORT" | grep '^RESULT')"
echo
echo "8 clients at once over these pages and /claimants: $rps req/s, p95 $p95 ms, p99 $p99 ms, slowest $max ms, $errs errors"
rm -f "$MIX"

echo
echo "## API vs pgbench, 1,000,000 claims"
CID=$("$PSQL" "$(dburl)" -Atc "SELECT id FROM claimants WHERE slug = 'synthetic-claimant-5'")
KIND=$("$PSQL" "$(dburl)" -Atc "SELECT kind FROM claims WHERE claimant_id = $CID GROUP BY kind ORDER BY count(*) DESC LIMIT 1")
Q="kind=$KIND&claimant=synthetic-claimant-5&from=2024-10-01&to=2025-03-31&limit=50"
API="http://127.0.0.1:$PORT/api/v1/claims?$Q"
# The statement the API sends for this filter (store.ListClaims), with its values bound as
# parameters, and the same statement with the values written into it.
SQL=$(mktemp --suffix .sql)
cat >"$SQL" <<'EOF'
SELECT c.id, c.article_id, c.kind, c.value, c.value_max, c.qualifier, c.unit, c.subject, c.via, c.as_of,
	c.place, c.place_group, c.evidence, c.span_start, c.span_end, c.extractor_version,
	cl.slug, cl.name, cl.kind, cl.side, o.slug, o.name, o.url, a.url, a.title, a.published_at, a.syndicated_of IS NOT NULL,
	c.item, c.since, c.span FROM claims c
	JOIN articles a ON a.id = c.article_id
	LEFT JOIN claimants cl ON cl.id = c.claimant_id
	LEFT JOIN outlets o ON o.id = c.outlet_id WHERE c.kind = :kind AND c.claimant_id = :cid AND COALESCE(c.as_of, '-infinity'::date) >= :from AND COALESCE(c.as_of, '-infinity'::date) <= :to ORDER BY COALESCE(c.as_of, '-infinity'::date) DESC, c.id DESC LIMIT :lim;
EOF
LITERAL=$(mktemp --suffix .sql)
sed -e "s/:kind/'$KIND'/; s/:cid/$CID/; s/:from/'2024-10-01'/; s/:to/'2025-03-31'/; s/:lim/51/" "$SQL" >"$LITERAL"
VARS=(-D kind="$KIND" -D cid="$CID" -D from=2024-10-01 -D to=2025-03-31 -D lim=51)
rows=$(curl -s "$API" | grep -o '"evidence":' | wc -l || true)
echo "(the query returns $rows claims a page)"
# the settings of the kursk sessions that run this statement (store.Open: a filter with one best
# plan whatever its values keeps its plan; others are planned per query)
export PGOPTIONS="-c plan_cache_mode=force_generic_plan -c work_mem=16MB"
# This machine's speed drifts by tens of percent within minutes, so the two sides run in many
# short interleaved rounds (the order turning each round), and the API's rate is compared with
# pgbench's as totals over all rounds: a drift weighs on both alike. Each round's own ratio is
# printed too, to show the spread.
ROUNDS=${BENCH_ROUNDS:-12}
RUN=${BENCH_RUN_SECONDS:-4}
api_run() { wrk -t2 -c32 -d"${RUN}s" -s "$LUA" "$API" | grep '^RESULT'; }
pg_run() { "$PGBENCH" -n -M prepared -c 32 -j 2 -T "$RUN" "$@" "$(dburl)" 2>/dev/null | sed -n 's/^tps = \([0-9.]*\).*/\1/p'; }
apis=() pgs=() lits=() ratios=()
for round in $(seq 1 "$ROUNDS"); do
	case $((round % 3)) in
	1) a=$(api_run); p=$(pg_run "${VARS[@]}" -f "$SQL"); l=$(pg_run -f "$LITERAL") ;;
	2) p=$(pg_run "${VARS[@]}" -f "$SQL"); l=$(pg_run -f "$LITERAL"); a=$(api_run) ;;
	0) l=$(pg_run -f "$LITERAL"); a=$(api_run); p=$(pg_run "${VARS[@]}" -f "$SQL") ;;
	esac
	apis+=("$a") pgs+=("$p") lits+=("$l")
	ratios+=("$(awk -v a="$(echo "$a" | cut -d' ' -f2)" -v p="$p" 'BEGIN { printf "%.0f", 100*a/p }')")
done
mean() { printf '%s\n' "$@" | awk '{ s += $1 } END { printf "%.0f", s / NR }'; }
apirate=$(mean "$(printf '%s\n' "${apis[@]}" | cut -d' ' -f2)")
pg=$(mean "${pgs[@]}")
lit=$(mean "${lits[@]}")
# the latencies of the round whose API rate is the median one
api=$(printf '%s\n' "${apis[@]}" | sort -k2 -n | sed -n "$(( (ROUNDS + 1) / 2 ))p")
pglat=$("$PGBENCH" -n -M prepared -c 10 -j 2 -R 500 -T "$DUR" "${VARS[@]}" -f "$SQL" "$(dburl)" 2>/dev/null | sed -n 's/^latency average = \([0-9.]*\).*/\1/p')
echo "| load | req/s | p50 ms | p95 ms | p99 ms | errors |"
echo "|---|---|---|---|---|---|"
read -r _ _ p50 p95 p99 _ <<<"$api"
errs=$(printf '%s\n' "${apis[@]}" | awk '{ s += $6 } END { print s }')
printf "| %-44s | %8s | %7s | %7s | %7s | %6s |\n" "API, most it can (wrk, 32 connections)" "$apirate" "$p50" "$p95" "$p99" "$errs"
printf "| %-44s | %8.0f | %7s | %7s | %7s | %6s |\n" "same statement, pgbench, values bound" "$pg" "" "" "" "0"
printf "| %-44s | %8.0f | %7s | %7s | %7s | %6s |\n" "same statement, pgbench, values written in" "$lit" "" "" "" "0"
hey -c 10 -q 50 -z "${DUR}s" "$API" >/tmp/kursk-hey.txt
hrps=$(sed -n 's/^ *Requests\/sec:\s*\([0-9.]*\).*/\1/p' /tmp/kursk-hey.txt)
h50=$(awk '/50% in/ {print $3*1000}' /tmp/kursk-hey.txt)
h95=$(awk '/95% in/ {print $3*1000}' /tmp/kursk-hey.txt)
h99=$(awk '/99% in/ {print $3*1000}' /tmp/kursk-hey.txt)
printf "| %-44s | %8.0f | %7s | %7s | %7s | %6s |\n" "API at a steady 500 req/s (hey)" "$hrps" "$h50" "$h95" "$h99" "$(grep -E '^\s+\[[0-9]+\]' /tmp/kursk-hey.txt | grep -vc '\[200\]' || true)"
printf "| %-44s | %8s | avg %s ms |  |  |  |\n" "same SQL at 500/s (pgbench -R 500)" "500" "$pglat"
echo
echo "API throughput: $(awk -v a="$apirate" -v p="$pg" 'BEGIN { printf "%.0f", 100*a/p }')% of pgbench running the statement as the API sends it (values bound, same session"
echo "settings), and $(awk -v a="$apirate" -v p="$lit" 'BEGIN { printf "%.0f", 100*a/p }')% of pgbench with the values written into the SQL: mean rates over $ROUNDS interleaved"
echo "rounds of ${RUN}s runs. Each round's API rate against its bound pgbench run: ${ratios[*]} (%)."
echo "(API req/s: $(printf '%s\n' "${apis[@]}" | awk '{printf "%s ", $2}'); bound: $(printf '%.0f ' "${pgs[@]}"); written in: $(printf '%.0f ' "${lits[@]}"))"
rm -f "$LUA" "$SQL" "$LITERAL"
