package store

import (
	"context"
	"errors"
	"fmt"
	"github.com/kursk/kursk/internal/article"
	"time"

	"github.com/jackc/pgx/v5"
)

// Feed is an RSS or Atom feed polled for new articles.
type Feed struct {
	ID           int64         `json:"id"`
	URL          string        `json:"url"`
	Every        time.Duration `json:"every"`
	ETag         string        `json:"-"`
	LastModified string        `json:"-"`
	NextPollAt   time.Time     `json:"next_poll_at"`
	LastPolledAt *time.Time    `json:"last_polled_at"`
	LastError    *string       `json:"last_error"`
}

const feedColumns = `id, url, extract(epoch FROM every)::bigint, COALESCE(etag, ''), COALESCE(last_modified, ''), next_poll_at, last_polled_at, last_error`

func scanFeed(row pgx.Row) (Feed, error) {
	var f Feed
	var seconds int64
	err := row.Scan(&f.ID, &f.URL, &seconds, &f.ETag, &f.LastModified, &f.NextPollAt, &f.LastPolledAt, &f.LastError)
	f.Every = time.Duration(seconds) * time.Second
	return f, err
}

// AddFeed records a feed (or changes the interval of one already recorded).
func (s *Store) AddFeed(ctx context.Context, url string, every time.Duration) (Feed, error) {
	f, err := scanFeed(s.Pool.QueryRow(ctx, `INSERT INTO feeds (url, every) VALUES ($1, $2)
		ON CONFLICT (url) DO UPDATE SET every = EXCLUDED.every RETURNING `+feedColumns, url, every))
	if err != nil {
		return Feed{}, fmt.Errorf("store: add feed: %w", err)
	}
	return f, nil
}

// ListFeeds returns every feed.
func (s *Store) ListFeeds(ctx context.Context) ([]Feed, error) {
	return s.feeds(ctx, `SELECT `+feedColumns+` FROM feeds ORDER BY id`)
}

// DueFeeds returns the feeds whose next poll time has come.
func (s *Store) DueFeeds(ctx context.Context) ([]Feed, error) {
	return s.feeds(ctx, `SELECT `+feedColumns+` FROM feeds WHERE next_poll_at <= now() ORDER BY next_poll_at LIMIT 500`)
}

func (s *Store) feeds(ctx context.Context, q string) ([]Feed, error) {
	rows, err := s.Pool.Query(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("store: feeds: %w", err)
	}
	defer rows.Close()
	var out []Feed
	for rows.Next() {
		f, err := scanFeed(rows)
		if err != nil {
			return nil, fmt.Errorf("store: scan feed: %w", err)
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// GetFeed returns one feed.
func (s *Store) GetFeed(ctx context.Context, id int64) (Feed, error) {
	f, err := scanFeed(s.Pool.QueryRow(ctx, `SELECT `+feedColumns+` FROM feeds WHERE id = $1`, id))
	if errors.Is(err, pgx.ErrNoRows) {
		return Feed{}, ErrNotFound
	}
	return f, err
}

// FeedPolled records a poll: the validators for the next conditional request, the error if any,
// and when to poll again.
func (s *Store) FeedPolled(ctx context.Context, id int64, etag, lastModified string, pollErr error) error {
	var msg *string
	if pollErr != nil {
		m := pollErr.Error()
		msg = &m
	}
	_, err := s.Pool.Exec(ctx, `UPDATE feeds SET
		etag = CASE WHEN $2 = '' THEN etag ELSE $2 END,
		last_modified = CASE WHEN $3 = '' THEN last_modified ELSE $3 END,
		last_error = $4, last_polled_at = now(), next_poll_at = now() + every
		WHERE id = $1`, id, etag, lastModified, msg)
	if err != nil {
		return fmt.Errorf("store: feed polled: %w", err)
	}
	return nil
}

// NewFeedItems records at most limit item keys of a feed not seen before, in the feed's order,
// and returns them; more reports that other new keys were left for the next poll.
func (s *Store) NewFeedItems(ctx context.Context, feedID int64, keys []string, limit int) (fresh []string, more bool, err error) {
	rows, err := s.Pool.Query(ctx, `WITH k AS (SELECT key, n FROM unnest($2::text[]) WITH ORDINALITY AS k(key, n)
		WHERE NOT EXISTS (SELECT 1 FROM feed_items f WHERE f.feed_id = $1 AND f.item_key = k.key)),
		ins AS (INSERT INTO feed_items (feed_id, item_key) SELECT $1, key FROM (SELECT key, min(n) AS n FROM k GROUP BY key ORDER BY 2 LIMIT $3) x
			ON CONFLICT DO NOTHING RETURNING item_key)
		SELECT item_key, (SELECT count(DISTINCT key) FROM k) FROM ins`, feedID, keys, limit)
	if err != nil {
		return nil, false, fmt.Errorf("store: feed items: %w", err)
	}
	defer rows.Close()
	var total int
	for rows.Next() {
		var k string
		if err := rows.Scan(&k, &total); err != nil {
			return nil, false, fmt.Errorf("store: feed items: %w", err)
		}
		fresh = append(fresh, k)
	}
	return fresh, total > len(fresh), rows.Err()
}

// FeedHasMore makes a feed that left new items unqueued be polled again at the next round,
// unconditionally (its validators would answer "not modified").
func (s *Store) FeedHasMore(ctx context.Context, id int64) error {
	if _, err := s.Pool.Exec(ctx, `UPDATE feeds SET etag = NULL, last_modified = NULL, next_poll_at = now() WHERE id = $1`, id); err != nil {
		return fmt.Errorf("store: feed has more: %w", err)
	}
	return nil
}

// ArticlesToReextract lists the articles whose claims come from an extractor older than
// version (every article when all is set), ingested since a time when since is not zero.
func (s *Store) ArticlesToReextract(ctx context.Context, version int, all bool, since time.Time) ([]int64, error) {
	rows, err := s.Pool.Query(ctx, `SELECT a.id FROM articles a
		WHERE ($2 OR a.extractor_version < $1)
		  AND ($3::timestamptz IS NULL OR a.ingested_at >= $3)
		ORDER BY a.id`, version, all, nullTime(since))
	if err != nil {
		return nil, fmt.Errorf("store: articles to re-extract: %w", err)
	}
	return pgx.CollectRows(rows, pgx.RowTo[int64])
}

func nullTime(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

// Job is a queued ingest job as `kursk jobs` and /api/v1/jobs show it.
type Job struct {
	ID        int64     `json:"id"`
	Kind      string    `json:"kind"`
	State     string    `json:"state"`
	Attempt   int       `json:"attempt"`
	Args      string    `json:"args"`
	LastError *string   `json:"last_error"`
	CreatedAt time.Time `json:"created_at"`
}

// ListJobs returns the newest jobs, those in a state when one is given.
func (s *Store) ListJobs(ctx context.Context, state string, limit int) ([]Job, error) {
	rows, err := s.Pool.Query(ctx, `SELECT id, kind, state::text, attempt, args::text, errors[array_length(errors, 1)]->>'error', created_at
		FROM river_job WHERE ($1 = '' OR state::text = $1) ORDER BY id DESC LIMIT $2`, state, limit)
	if err != nil {
		return nil, fmt.Errorf("store: jobs: %w", err)
	}
	defer rows.Close()
	var out []Job
	for rows.Next() {
		var j Job
		if err := rows.Scan(&j.ID, &j.Kind, &j.State, &j.Attempt, &j.Args, &j.LastError, &j.CreatedAt); err != nil {
			return nil, fmt.Errorf("store: scan job: %w", err)
		}
		j.Args = article.Redact(j.Args)
		if j.LastError != nil {
			e := article.Redact(*j.LastError)
			j.LastError = &e
		}
		out = append(out, j)
	}
	return out, rows.Err()
}

// JobCounts counts jobs per state.
func (s *Store) JobCounts(ctx context.Context) (map[string]int, error) {
	rows, err := s.Pool.Query(ctx, `SELECT state::text, count(*) FROM river_job GROUP BY 1`)
	if err != nil {
		return nil, fmt.Errorf("store: job counts: %w", err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var st string
		var n int
		if err := rows.Scan(&st, &n); err != nil {
			return nil, err
		}
		out[st] = n
	}
	return out, rows.Err()
}
