package store

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
)

// Article is a stored article.
type Article struct {
	ID           int64
	Outlet       *OutletRef
	URL          *string
	Title        string
	Author       string
	Published    *time.Time
	Body         string
	IngestedAt   time.Time
	SyndicatedOf *int64
	Claims       int
}

const articleColumns = `a.id, o.slug, o.name, o.url, a.url, a.title, a.author, a.published_at, a.ingested_at, a.syndicated_of,
	(SELECT count(*) FROM claims c WHERE c.article_id = a.id)`

func scanArticle(row pgx.Row, withBody bool) (Article, error) {
	var a Article
	var oSlug, oName, oURL *string
	dest := []any{&a.ID, &oSlug, &oName, &oURL, &a.URL, &a.Title, &a.Author, &a.Published, &a.IngestedAt, &a.SyndicatedOf, &a.Claims}
	if withBody {
		dest = append(dest, &a.Body)
	}
	if err := row.Scan(dest...); err != nil {
		return a, err
	}
	if oSlug != nil {
		a.Outlet = &OutletRef{Slug: *oSlug, Name: *oName, URL: oURL}
	}
	return a, nil
}

// ArticleFilter selects articles, newest id first, a page at a time.
type ArticleFilter struct {
	Source  string
	Limit   int
	AfterID int64
}

// ListArticles returns a page of articles and the id to continue after (0 at the end).
func (s *Store) ListArticles(ctx context.Context, f ArticleFilter) ([]Article, int64, error) {
	if f.Limit <= 0 {
		f.Limit = 50
	}
	args := []any{f.Limit + 1}
	where := "TRUE"
	if f.Source != "" {
		args = append(args, f.Source)
		where += fmt.Sprintf(" AND o.slug = $%d", len(args))
	}
	if f.AfterID > 0 {
		args = append(args, f.AfterID)
		where += fmt.Sprintf(" AND a.id < $%d", len(args))
	}
	rows, err := s.Pool.Query(ctx, fmt.Sprintf(`SELECT %s FROM articles a LEFT JOIN outlets o ON o.id = a.outlet_id
		WHERE %s ORDER BY a.id DESC LIMIT $1`, articleColumns, where), args...)
	if err != nil {
		return nil, 0, fmt.Errorf("store: list articles: %w", err)
	}
	defer rows.Close()
	var out []Article
	for rows.Next() {
		a, err := scanArticle(rows, false)
		if err != nil {
			return nil, 0, fmt.Errorf("store: scan article: %w", err)
		}
		out = append(out, a)
	}
	var next int64
	if len(out) > f.Limit {
		out = out[:f.Limit]
		next = out[len(out)-1].ID
	}
	return out, next, rows.Err()
}

// GetArticle returns one article with its body.
func (s *Store) GetArticle(ctx context.Context, id int64) (Article, error) {
	a, err := scanArticle(s.Pool.QueryRow(ctx, fmt.Sprintf(`SELECT %s, a.body FROM articles a LEFT JOIN outlets o ON o.id = a.outlet_id
		WHERE a.id = $1`, articleColumns), id), true)
	if errors.Is(err, pgx.ErrNoRows) {
		return Article{}, ErrNotFound
	}
	if err != nil {
		return Article{}, fmt.Errorf("store: get article %d: %w", id, err)
	}
	return a, nil
}

// CountCopies counts the other outlets that carried an article's story: exact copies and
// near copies alike.
func (s *Store) CountCopies(ctx context.Context, id int64) (int, error) {
	var n int
	err := s.Pool.QueryRow(ctx, `SELECT count(*) FROM article_outlets WHERE article_id = COALESCE((SELECT syndicated_of FROM articles WHERE id = $1), $1)
		AND outlet_id IS DISTINCT FROM (SELECT outlet_id FROM articles WHERE id = $1)`, id).Scan(&n)
	return n, err
}

// ClaimOutletNames returns the name of the outlet each claim was read in, by claim id;
// claims without an outlet are left out.
func (s *Store) ClaimOutletNames(ctx context.Context, ids []int64) (map[int64]string, error) {
	out := make(map[int64]string, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := s.Pool.Query(ctx, `SELECT c.id, o.name FROM claims c JOIN outlets o ON o.id = c.outlet_id WHERE c.id = ANY($1)`, ids)
	if err != nil {
		return nil, fmt.Errorf("store: claim outlets: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var name string
		if err := rows.Scan(&id, &name); err != nil {
			return nil, fmt.Errorf("store: claim outlets: %w", err)
		}
		out[id] = name
	}
	return out, rows.Err()
}

// Claimant is a person or body that makes claims.
type Claimant struct {
	ID         int64    `json:"-"`
	Slug       string   `json:"slug"`
	Name       string   `json:"name"`
	Kind       string   `json:"kind"`
	Side       *string  `json:"side"`
	Aliases    []string `json:"aliases"`
	ClaimCount int      `json:"claim_count"`
	// TrackRecord is set where a claimant is shown on its own (its page, the claimants lists).
	TrackRecord *TrackRecord `json:"track_record,omitempty"`
}

const claimantQuery = `SELECT cl.id, cl.slug, cl.name, cl.kind, cl.side,
	COALESCE((SELECT array_agg(alias ORDER BY alias) FROM claimant_aliases ca WHERE ca.claimant_id = cl.id AND ca.alias <> cl.name), '{}'),
	cl.claim_count
	FROM claimants cl`

func scanClaimant(row pgx.Row) (Claimant, error) {
	var c Claimant
	err := row.Scan(&c.ID, &c.Slug, &c.Name, &c.Kind, &c.Side, &c.Aliases, &c.ClaimCount)
	return c, err
}

// ListClaimants returns every claimant, most claims first.
func (s *Store) ListClaimants(ctx context.Context) ([]Claimant, error) {
	return s.claimants(ctx, claimantQuery+` ORDER BY cl.claim_count DESC, cl.name LIMIT 2000`)
}

// claimants runs a claimant query and scans its rows.
func (s *Store) claimants(ctx context.Context, q string, args ...any) ([]Claimant, error) {
	rows, err := s.Pool.Query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: claimants: %w", err)
	}
	defer rows.Close()
	var out []Claimant
	for rows.Next() {
		c, err := scanClaimant(rows)
		if err != nil {
			return nil, fmt.Errorf("store: scan claimant: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// GetClaimant finds a claimant by slug or by any alias.
func (s *Store) GetClaimant(ctx context.Context, slugOrAlias string) (Claimant, error) {
	c, err := scanClaimant(s.Pool.QueryRow(ctx, claimantQuery+` WHERE cl.slug = $1 OR cl.id = (SELECT claimant_id FROM claimant_aliases WHERE alias_norm = $2) LIMIT 1`,
		slugOrAlias, NormAlias(slugOrAlias)))
	if errors.Is(err, pgx.ErrNoRows) {
		return Claimant{}, ErrNotFound
	}
	if err != nil {
		return Claimant{}, fmt.Errorf("store: get claimant %q: %w", slugOrAlias, err)
	}
	return c, nil
}

// AddAlias records another spelling of a claimant. When the spelling already names another
// claimant, that claimant is merged into this one: its claims and aliases move over.
func (s *Store) AddAlias(ctx context.Context, slug, alias string) (Claimant, error) {
	norm := NormAlias(alias)
	if norm == "" {
		return Claimant{}, fmt.Errorf("store: alias %q has no letters", alias)
	}
	err := pgx.BeginFunc(ctx, s.Pool, func(tx pgx.Tx) error {
		var id int64
		if err := tx.QueryRow(ctx, `SELECT id FROM claimants WHERE slug = $1 FOR UPDATE`, slug).Scan(&id); err != nil {
			if errors.Is(err, pgx.ErrNoRows) {
				return ErrNotFound
			}
			return fmt.Errorf("store: claimant %q: %w", slug, err)
		}
		var other int64
		err := tx.QueryRow(ctx, `SELECT claimant_id FROM claimant_aliases WHERE alias_norm = $1`, norm).Scan(&other)
		switch {
		case errors.Is(err, pgx.ErrNoRows):
			_, err = tx.Exec(ctx, `INSERT INTO claimant_aliases (claimant_id, alias, alias_norm) VALUES ($1, $2, $3)`, id, alias, norm)
			return err
		case err != nil:
			return err
		case other == id:
			return nil
		}
		// the questions both answered are counted again under the one claimant left
		keys, err := readChipKeys(ctx, tx, `SELECT window_start, kind, subject, place_group, item, span, claimant_id FROM question_chips WHERE claimant_id = ANY($1)`, []int64{id, other})
		if err != nil {
			return fmt.Errorf("store: merge claimant: %w", err)
		}
		for k := range keys {
			k.claimant = id
			keys[k] = true
		}
		for _, q := range []string{
			`UPDATE claims SET claimant_id = $1 WHERE claimant_id = $2`,
			`UPDATE claimant_aliases SET claimant_id = $1 WHERE claimant_id = $2`,
		} {
			if _, err := tx.Exec(ctx, q, id, other); err != nil {
				return fmt.Errorf("store: merge claimant: %w", err)
			}
		}
		if err := refreshChips(ctx, tx, keys); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `DELETE FROM claimants WHERE id = $1`, other); err != nil {
			return fmt.Errorf("store: merge claimant: %w", err)
		}
		return nil
	})
	if err != nil {
		return Claimant{}, err
	}
	return s.GetClaimant(ctx, slug)
}

// Outlet is a source that published articles.
type Outlet struct {
	Slug     string  `json:"slug"`
	Name     string  `json:"name"`
	URL      *string `json:"url"`
	Articles int     `json:"articles"`
	Claims   int     `json:"claims"`
}

const outletQuery = `SELECT o.slug, o.name, o.url, o.article_count, o.claim_count FROM outlets o`

// ListOutlets returns every outlet, most claims first.
func (s *Store) ListOutlets(ctx context.Context) ([]Outlet, error) {
	rows, err := s.Pool.Query(ctx, outletQuery+` ORDER BY o.claim_count DESC, o.name LIMIT 2000`)
	if err != nil {
		return nil, fmt.Errorf("store: list outlets: %w", err)
	}
	defer rows.Close()
	var out []Outlet
	for rows.Next() {
		var o Outlet
		if err := rows.Scan(&o.Slug, &o.Name, &o.URL, &o.Articles, &o.Claims); err != nil {
			return nil, fmt.Errorf("store: scan outlet: %w", err)
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// GetOutlet returns one outlet by slug.
func (s *Store) GetOutlet(ctx context.Context, slug string) (Outlet, error) {
	var o Outlet
	err := s.Pool.QueryRow(ctx, outletQuery+` WHERE o.slug = $1`, slug).Scan(&o.Slug, &o.Name, &o.URL, &o.Articles, &o.Claims)
	if errors.Is(err, pgx.ErrNoRows) {
		return Outlet{}, ErrNotFound
	}
	if err != nil {
		return Outlet{}, fmt.Errorf("store: get outlet %q: %w", slug, err)
	}
	return o, nil
}

// Stats are the totals shown in the page footer and used by `kursk up`.
type Stats struct {
	Articles, Claims, Claimants, Outlets int
}

// Stats counts what is stored.
func (s *Store) Stats(ctx context.Context) (Stats, error) {
	var st Stats
	// the outlets' counters cover every claim read in an outlet; the few without one are counted
	err := s.Pool.QueryRow(ctx, `SELECT (SELECT count(*) FROM articles),
		COALESCE((SELECT sum(claim_count) FROM outlets), 0) + (SELECT count(*) FROM claims WHERE outlet_id IS NULL),
		(SELECT count(*) FROM claimants), (SELECT count(*) FROM outlets)`).Scan(&st.Articles, &st.Claims, &st.Claimants, &st.Outlets)
	if err != nil {
		return st, fmt.Errorf("store: stats: %w", err)
	}
	return st, nil
}

func hostOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
}

func siteOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return ""
	}
	return u.Scheme + "://" + strings.ToLower(u.Host)
}

// AllClaimants returns every claimant, in no particular order.
func (s *Store) AllClaimants(ctx context.Context) ([]Claimant, error) {
	return s.claimants(ctx, claimantQuery)
}
