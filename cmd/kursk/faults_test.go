package main

// Fault scenarios: a worker killed mid-batch, PostgreSQL stopped under traffic, SIGTERM under
// load, migrations repeated. Each runs short inside `make test`; `make faults` runs the full
// sizes (KURSK_FAULTS=full) and prints the RESULT lines as a table.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"github.com/kursk/kursk/internal/devdb"
	"github.com/kursk/kursk/internal/ingest"
	"github.com/kursk/kursk/internal/store"
)

func full() bool { return os.Getenv("KURSK_FAULTS") == "full" }

// result prints a line that `make faults` turns into its table.
func result(t *testing.T, scenario, outcome, figures string) {
	t.Helper()
	if t.Failed() {
		outcome = "FAIL"
	}
	fmt.Printf("RESULT|%s|%s|%s\n", scenario, outcome, figures)
}

// cluster starts a throwaway PostgreSQL for a scenario and returns it with its URL.
func cluster(t *testing.T) (*devdb.Cluster, string) {
	t.Helper()
	needPostgres(t)
	c, err := devdb.Open(filepath.Join(t.TempDir(), "pg"))
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Start("fsync=off"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Stop() })
	if err := devdb.CreateDatabase(context.Background(), c.URL("postgres"), "kursk"); err != nil {
		t.Fatal(err)
	}
	return c, c.URL("kursk")
}

func openStore(t *testing.T, url string) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(st.Close)
	if err := st.Migrate(context.Background(), "up", io.Discard); err != nil {
		t.Fatal(err)
	}
	return st
}

func jobCount(t *testing.T, st *store.Store, state string) int {
	var n int
	if err := st.Pool.QueryRow(context.Background(), "SELECT count(*) FROM river_job WHERE state::text = $1", state).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestFaultWorkerKilledMidBatch(t *testing.T) {
	n := 300
	if full() {
		n = 2000
	}
	_, url := cluster(t)
	st := openStore(t, url)
	ctx := context.Background()
	q, err := ingest.NewQueue(st, ingest.QueueConfig{})
	if err != nil {
		t.Fatal(err)
	}
	params := make([]river.InsertManyParams, n)
	for i := range params {
		params[i] = river.InsertManyParams{Args: ingest.PostedArgs{Outlet: "Fault Wire", Published: "2025-03-16",
			Body: fmt.Sprintf("Report %d. Ukrainian forces hold %d square kilometres in the Kursk region, Syrskyi said.", i, 100+i)}}
	}
	if _, err := q.Client.InsertMany(ctx, params); err != nil {
		t.Fatal(err)
	}
	bin := kurskBinary(t)
	worker := func() *exec.Cmd {
		cmd := exec.Command(bin, "worker", "--workers", "8")
		cmd.Env = append(os.Environ(), "DATABASE_URL="+url, "KURSK_JOB_TIMEOUT=3s", "KURSK_RESCUE_AFTER=4s")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd
	}
	first := worker()
	deadline := time.Now().Add(2 * time.Minute)
	for completedPosted(t, st) < n/3 {
		if time.Now().After(deadline) {
			t.Fatal("the first worker made no progress")
		}
		time.Sleep(20 * time.Millisecond)
	}
	first.Process.Signal(syscall.SIGKILL)
	first.Wait()
	doneAtKill := completedPosted(t, st)
	runningAtKill := jobCount(t, st, "running")

	second := worker()
	defer func() { second.Process.Signal(syscall.SIGTERM); second.Wait() }()
	for completedPosted(t, st) < n {
		if time.Now().After(deadline) {
			t.Fatalf("after the restart only %d of %d jobs completed", completedPosted(t, st), n)
		}
		time.Sleep(50 * time.Millisecond)
	}
	var articles, claims, distinctBodies int
	st.Pool.QueryRow(ctx, "SELECT count(*), count(DISTINCT body) FROM articles").Scan(&articles, &distinctBodies)
	st.Pool.QueryRow(ctx, "SELECT count(*) FROM claims").Scan(&claims)
	var lost int
	st.Pool.QueryRow(ctx, "SELECT count(*) FROM river_job WHERE kind = 'ingest_posted' AND state <> 'completed'").Scan(&lost)
	if articles != n || distinctBodies != n || claims != n || lost != 0 {
		t.Fatalf("articles %d (distinct %d), claims %d, jobs not completed %d; want %d, %d, %d, 0", articles, distinctBodies, claims, lost, n, n, n)
	}
	result(t, fmt.Sprintf("worker SIGKILLed in a batch of %d", n), "pass",
		fmt.Sprintf("killed at %d done, %d running; after restart %d articles, %d claims, 0 jobs lost", doneAtKill, runningAtKill, articles, claims))
}

// startServe runs `kursk serve` with its embedded worker on a free port.
func startServe(t *testing.T, bin, url string) (*exec.Cmd, string) {
	t.Helper()
	l, _ := net.Listen("tcp", "127.0.0.1:0")
	addr := l.Addr().String()
	l.Close()
	cmd := exec.Command(bin, "serve", "-addr", addr)
	cmd.Env = append(os.Environ(), "DATABASE_URL="+url, "KURSK_API_TOKENS=t", "KURSK_RATE_LIMIT=0")
	var logs bytes.Buffer
	cmd.Stderr = &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	base := "http://" + addr
	for i := 0; i < 100; i++ {
		if res, err := http.Get(base + "/healthz"); err == nil {
			res.Body.Close()
			return cmd, base
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("serve did not start: %s", logs.String())
	return nil, ""
}

func TestFaultDatabaseStoppedUnderTraffic(t *testing.T) {
	outage := 3 * time.Second
	if full() {
		outage = 20 * time.Second
	}
	c, url := cluster(t)
	openStore(t, url)
	bin := kurskBinary(t)
	_, base := startServe(t, bin, url)
	client := &http.Client{Timeout: 10 * time.Second}

	var mu sync.Mutex
	statuses := map[int]int{}
	var acked []int64
	var slowest time.Duration
	var down atomic.Bool
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for w := 0; w < 4; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				start := time.Now()
				var res *http.Response
				var err error
				if i%3 == 0 {
					body := fmt.Sprintf(`{"outlet":"Outage Wire","body":"Dispatch %d-%d. Russia has 50,000 troops in the Kursk region, Zelensky said."}`, w, i)
					req, _ := http.NewRequest("POST", base+"/api/v1/articles", strings.NewReader(body))
					req.Header.Set("Authorization", "Bearer t")
					req.Header.Set("Content-Type", "application/json")
					res, err = client.Do(req)
				} else {
					res, err = client.Get(base + "/api/v1/claims?limit=5")
				}
				took := time.Since(start)
				if err != nil {
					mu.Lock()
					statuses[-1]++
					mu.Unlock()
					continue
				}
				b, _ := io.ReadAll(res.Body)
				res.Body.Close()
				mu.Lock()
				statuses[res.StatusCode]++
				if took > slowest {
					slowest = took
				}
				if res.StatusCode == 202 {
					var j struct{ ID int64 }
					json.Unmarshal(b, &j)
					acked = append(acked, j.ID)
				}
				if res.StatusCode >= 500 && res.StatusCode != 503 {
					t.Errorf("status %d during the outage=%v: %s", res.StatusCode, down.Load(), b)
				}
				if res.StatusCode == 503 && !strings.Contains(res.Header.Get("Content-Type"), "problem+json") {
					t.Errorf("a 503 that is not problem+json: %s", b)
				}
				mu.Unlock()
				time.Sleep(20 * time.Millisecond)
			}
		}(w)
	}
	time.Sleep(time.Second)
	down.Store(true)
	if err := c.Stop(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(500 * time.Millisecond)
	res, err := client.Get(base + "/readyz")
	if err != nil || res.StatusCode != 503 {
		t.Errorf("/readyz with the database down: %v %v", err, res)
	}
	if res != nil {
		res.Body.Close()
	}
	time.Sleep(outage)
	if err := c.Start("fsync=off"); err != nil {
		t.Fatal(err)
	}
	down.Store(false)
	recovered := time.Now()
	for {
		res, err := client.Get(base + "/readyz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				break
			}
		}
		if time.Since(recovered) > 30*time.Second {
			t.Fatal("the server did not recover after the database came back")
		}
		time.Sleep(100 * time.Millisecond)
	}
	time.Sleep(time.Second)
	close(stop)
	wg.Wait()

	// every acknowledged article is stored once the worker catches up
	st := openStore(t, url)
	deadline := time.Now().Add(time.Minute)
	for {
		var missing int
		st.Pool.QueryRow(context.Background(), `SELECT count(*) FROM unnest($1::bigint[]) AS a(job_id)
			WHERE NOT EXISTS (SELECT 1 FROM river_job j WHERE j.id = a.job_id AND j.state = 'completed')`, acked).Scan(&missing)
		if missing == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d acknowledged writes never completed", missing)
		}
		time.Sleep(200 * time.Millisecond)
	}
	var stored int
	st.Pool.QueryRow(context.Background(), "SELECT count(*) FROM articles a JOIN outlets o ON o.id = a.outlet_id WHERE o.name = 'Outage Wire'").Scan(&stored)
	if stored != len(acked) {
		t.Errorf("%d acknowledged writes, %d articles stored", len(acked), stored)
	}
	result(t, fmt.Sprintf("PostgreSQL stopped for %s under traffic", outage), "pass",
		fmt.Sprintf("statuses %v, slowest reply %s, recovered in %s without restart, %d acknowledged writes all stored",
			statuses, slowest.Round(time.Millisecond), time.Since(recovered).Round(time.Millisecond), len(acked)))
}

func TestFaultSIGTERMUnderLoad(t *testing.T) {
	_, url := cluster(t)
	openStore(t, url)
	bin := kurskBinary(t)
	cmd, base := startServe(t, bin, url)
	var ok, refused, other atomic.Int64
	var wg sync.WaitGroup
	stop := make(chan struct{})
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{DisableKeepAlives: true}}
			for {
				select {
				case <-stop:
					return
				default:
				}
				res, err := client.Get(base + "/")
				switch {
				// a connection the server closes before reading a request (EOF) is refused too
				case err != nil && (strings.Contains(err.Error(), "refused") || strings.Contains(err.Error(), "reset") || strings.Contains(err.Error(), "EOF")):
					refused.Add(1)
				case err != nil:
					other.Add(1)
				default:
					io.Copy(io.Discard, res.Body)
					res.Body.Close()
					if res.StatusCode == 200 {
						ok.Add(1)
					} else {
						other.Add(1)
					}
				}
			}
		}()
	}
	time.Sleep(time.Second)
	cmd.Process.Signal(syscall.SIGTERM)
	err := cmd.Wait()
	time.Sleep(300 * time.Millisecond)
	close(stop)
	wg.Wait()
	if err != nil {
		t.Errorf("exit after SIGTERM: %v", err)
	}
	if ok.Load() == 0 || other.Load() != 0 {
		t.Errorf("served %d, refused %d, failed otherwise %d (in-flight requests must finish)", ok.Load(), refused.Load(), other.Load())
	}
	result(t, "SIGTERM under load (8 clients)", "pass", fmt.Sprintf("%d requests served, %d refused after shutdown began, 0 failed, exit 0", ok.Load(), refused.Load()))
}

func TestFaultMigrationsRepeatedWithData(t *testing.T) {
	_, url := cluster(t)
	st := openStore(t, url)
	ctx := context.Background()
	bin := kurskBinary(t)
	article := filepath.Join(t.TempDir(), "a.txt")
	os.WriteFile(article, []byte("Outlet: W\nPublished: 2025-06-22\n\nSyrskyi said on Sunday that Ukraine holds about 90 square kilometres in the Kursk region.\n"), 0o644)
	run := func(args ...string) {
		cmd := exec.Command(bin, args...)
		cmd.Env = append(os.Environ(), "DATABASE_URL="+url)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("kursk %v: %v\n%s", args, err, out)
		}
	}
	run("ingest", article)
	snapshot := func() string {
		var s string
		st.Pool.QueryRow(ctx, `SELECT (SELECT count(*) FROM articles) || '/' || (SELECT count(*) FROM claims) || '/' ||
			(SELECT string_agg(kind || value || coalesce(as_of::text, ''), ',') FROM claims)`).Scan(&s)
		return s
	}
	before := snapshot()
	run("migrate", "up")
	run("migrate", "up")
	run("migrate", "down")
	run("migrate", "up")
	if after := snapshot(); after != before {
		t.Fatalf("data changed: %s -> %s", before, after)
	}
	result(t, "migrations up twice, then down and up, with data", "pass", "articles and claims identical ("+before+")")
}

func completedPosted(t *testing.T, st *store.Store) int {
	var n int
	if err := st.Pool.QueryRow(context.Background(), "SELECT count(*) FROM river_job WHERE kind = 'ingest_posted' AND state = 'completed'").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
