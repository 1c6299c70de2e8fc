package store

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// Feed is an RSS or Atom feed polled for new articles.
type Feed struct {
	ID           int64      `json:"id"`
	URL          string     `json:"url"`
	Every        string     `json:"every"`
	ETag         string     `json:"-"`
	LastModified string     `json:"-"`
	NextPollAt   time.Time  `json:"next_poll_at"`
	LastPolledAt *time.Time `json:"last_polled_at"`
	LastError    *string    `json:"last_error"`
}

const feedColumns = `id, url, every::text, COALESCE(etag, ''), COALESCE(last_modified, ''), next_poll_at, last_polled_at, last_error`

func scanFeed(row pgx.Row) (Feed, error) {
	var f Feed
	err := row.Scan(&f.ID, &f.URL, &f.Every, &f.ETag, &f.LastModified, &f.NextPollAt, &f.LastPolledAt, &f.LastError)
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

// NewFeedItems records item keys of a feed and returns those not seen before.
func (s *Store) NewFeedItems(ctx context.Context, feedID int64, keys []string) ([]string, error) {
	rows, err := s.Pool.Query(ctx, `INSERT INTO feed_items (feed_id, item_key) SELECT $1, unnest($2::text[])
		ON CONFLICT DO NOTHING RETURNING item_key`, feedID, keys)
	if err != nil {
		return nil, fmt.Errorf("store: feed items: %w", err)
	}
	return pgx.CollectRows(rows, pgx.RowTo[string])
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
