package ingest

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/riverqueue/river"
)

// articleTemplates are team-written article shapes; the generator varies names and numbers.
var articleTemplates = []string{
	"Ukrainian forces hold about %d square kilometres of the Kursk region, Oleksandr Syrskyi said on Sunday. He said Russia had sent %d troops to push them out.",
	"The Russian Defense Ministry said on Monday that Ukraine had lost more than %d servicemen and %d tanks in the Kursk area over the past week.",
	"South Korea's National Intelligence Service said %d North Korean soldiers had been killed and another %d wounded in the Kursk region.",
	"The Ukrainian General Staff reported %d clashes in the Kursk region on Tuesday, with %d of them still under way.",
	"Russian forces have retaken %d settlements and %d square kilometres in the Kursk region, Valery Gerasimov told Putin.",
}

// BenchmarkQueueIngest stores articles end to end through the queue: posted-article jobs
// worked by two clients of 8 workers each, as two `kursk worker` processes would.
func BenchmarkQueueIngest(b *testing.B) {
	if testURL == "" {
		b.Skip("no PostgreSQL")
	}
	st := setupTB(b)
	ctx := context.Background()
	n := 10000
	inserter, err := NewQueue(st, QueueConfig{})
	if err != nil {
		b.Fatal(err)
	}
	for iter := 0; iter < b.N; iter++ {
		st.Pool.Exec(ctx, "TRUNCATE claims, articles, river_job, question_chips, question_chips_pending CASCADE")
		params := make([]river.InsertManyParams, n)
		for i := range params {
			tpl := articleTemplates[i%len(articleTemplates)]
			params[i] = river.InsertManyParams{Args: PostedArgs{Outlet: fmt.Sprintf("Bench Outlet %d", i%25), Published: "2025-03-16",
				Body: fmt.Sprintf("Dispatch %d-%d. ", iter, i) + fmt.Sprintf(tpl, 10+i%900, 20+i%5000)}}
		}
		if _, err := inserter.Client.InsertMany(ctx, params); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start := time.Now()
		var clients []*Queue
		for c := 0; c < 2; c++ {
			q, err := NewQueue(st, QueueConfig{Workers: 8, Logger: quiet()})
			if err != nil {
				b.Fatal(err)
			}
			if err := q.Client.Start(ctx); err != nil {
				b.Fatal(err)
			}
			clients = append(clients, q)
		}
		for {
			var done int
			st.Pool.QueryRow(ctx, "SELECT count(*) FROM river_job WHERE kind = 'ingest_posted' AND state = 'completed'").Scan(&done)
			if done >= n {
				break
			}
			time.Sleep(250 * time.Millisecond) // the count scans the queue: polling often would slow what it measures
		}
		// end to end: the weekly questions of the last articles are recomputed too
		for pending := true; pending; time.Sleep(10 * time.Millisecond) {
			if err := st.Pool.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM question_chips_pending)").Scan(&pending); err != nil {
				b.Fatal(err)
			}
		}
		elapsed := time.Since(start)
		b.StopTimer()
		for _, q := range clients {
			q.Client.Stop(ctx)
		}
		var claims int
		st.Pool.QueryRow(ctx, "SELECT count(*) FROM claims").Scan(&claims)
		b.ReportMetric(float64(n)/elapsed.Seconds(), "articles/s")
		b.ReportMetric(float64(claims)/elapsed.Seconds(), "claims/s")
	}
}
