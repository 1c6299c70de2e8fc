package store

import (
	"context"
	"errors"
	"fmt"

	"time"

	"github.com/jackc/pgx/v5"

	"github.com/kursk/kursk/internal/article"
	"github.com/kursk/kursk/internal/dispute"
	"github.com/kursk/kursk/internal/extract"
)

// SaveResult says what SaveArticle did.
type SaveResult struct {
	ArticleID int64
	Created   bool // false: the article was already stored (same URL or same text), nothing changed
	Claims    int
	// SyndicatedOf is the article this one copies (the same wire story, lightly edited), if any.
	SyndicatedOf *int64
}

// SaveArticle stores an article with its claims and their claimants in one transaction. An
// article already stored (same canonical URL or same normalised body) is left as it is.
func (s *Store) SaveArticle(ctx context.Context, a article.Article, claims []extract.Claim) (SaveResult, error) {
	var res SaveResult
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var err error
		res, err = saveArticle(ctx, tx, a, claims)
		return err
	})
	if err != nil {
		return SaveResult{}, err
	}
	if res.Created {
		s.chipsChanged(ctx)
	}
	return res, nil
}

func saveArticle(ctx context.Context, tx pgx.Tx, a article.Article, claims []extract.Claim) (SaveResult, error) {
	hash := article.BodyHash(a.Body)
	canonical := article.CanonicalURL(a.URL)
	outletID, err := upsertOutlet(ctx, tx, a.Outlet, a.URL)
	if err != nil {
		return SaveResult{}, err
	}
	var existing int64
	var existingOutlet *int64
	err = tx.QueryRow(ctx, `SELECT id, outlet_id FROM articles WHERE body_sha256 = $1 OR (canonical_url IS NOT NULL AND canonical_url = $2) LIMIT 1`,
		hash[:], nullIfEmpty(canonical)).Scan(&existing, &existingOutlet)
	if err == nil {
		// the same text again: from another outlet, it is one more outlet carrying the story
		if err := carriedBy(ctx, tx, existing, existingOutlet, outletID, a.URL); err != nil {
			return SaveResult{}, err
		}
		return SaveResult{ArticleID: existing}, nil
	}
	if !errors.Is(err, pgx.ErrNoRows) {
		return SaveResult{}, fmt.Errorf("store: look up article: %w", err)
	}
	var published *time.Time
	if !a.Published.IsZero() {
		published = &a.Published
	}
	fp := article.FingerprintOf(a.Body)
	copyOf, err := nearDuplicate(ctx, tx, fp)
	if err != nil {
		return SaveResult{}, err
	}
	var id int64
	err = tx.QueryRow(ctx, `
		INSERT INTO articles (outlet_id, url, canonical_url, body_sha256, title, author, published_at, body, minhash, shingles, syndicated_of)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
		ON CONFLICT DO NOTHING
		RETURNING id`,
		outletID, nullIfEmpty(a.URL), nullIfEmpty(canonical), hash[:], a.Title, a.Author, published, a.Body,
		fp.Bytes(), fp.Shingles, copyOf).Scan(&id)
	if errors.Is(err, pgx.ErrNoRows) {
		// stored by a concurrent writer between our look-up and insert
		if err := tx.QueryRow(ctx, `SELECT id FROM articles WHERE body_sha256 = $1 OR canonical_url = $2 LIMIT 1`, hash[:], nullIfEmpty(canonical)).Scan(&id); err != nil {
			return SaveResult{}, fmt.Errorf("store: look up article: %w", err)
		}
		return SaveResult{ArticleID: id}, nil
	}
	if err != nil {
		return SaveResult{}, fmt.Errorf("store: insert article: %w", err)
	}
	if err := saveBands(ctx, tx, id, fp); err != nil {
		return SaveResult{}, err
	}
	if copyOf != nil {
		var origOutlet *int64
		if err := tx.QueryRow(ctx, `SELECT outlet_id FROM articles WHERE id = $1`, *copyOf).Scan(&origOutlet); err != nil {
			return SaveResult{}, fmt.Errorf("store: look up story: %w", err)
		}
		if err := carriedBy(ctx, tx, *copyOf, origOutlet, outletID, a.URL); err != nil {
			return SaveResult{}, err
		}
	}
	if err := insertClaims(ctx, tx, id, outletID, copyOf != nil, claims, nil); err != nil {
		return SaveResult{}, err
	}
	return SaveResult{ArticleID: id, Created: true, Claims: len(claims), SyndicatedOf: copyOf}, nil
}

// carriedBy records that an outlet other than the story's own carried it.
func carriedBy(ctx context.Context, tx pgx.Tx, story int64, storyOutlet, outlet *int64, url string) error {
	if outlet == nil || storyOutlet != nil && *storyOutlet == *outlet {
		return nil
	}
	if _, err := tx.Exec(ctx, `INSERT INTO article_outlets (article_id, outlet_id, url) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
		story, *outlet, nullIfEmpty(article.WithoutCredentials(url))); err != nil {
		return fmt.Errorf("store: record outlet: %w", err)
	}
	return nil
}

// saveBands indexes an article's fingerprint bands, for the copies that come after it.
func saveBands(ctx context.Context, tx pgx.Tx, id int64, fp article.Fingerprint) error {
	if fp.Shingles < minShinglesForSyndication {
		return nil
	}
	bands := fp.Bands()
	nums := make([]int16, len(bands))
	for i := range nums {
		nums[i] = int16(i)
	}
	if _, err := tx.Exec(ctx, `INSERT INTO article_bands (band, hash, article_id) SELECT unnest($1::smallint[]), unnest($2::bigint[]), $3`,
		nums, bands[:], id); err != nil {
		return fmt.Errorf("store: index fingerprint: %w", err)
	}
	return nil
}

// minShinglesForSyndication keeps very short texts, whose fingerprints say little, from being
// taken for copies of each other.
const minShinglesForSyndication = 40

// nearDuplicate finds the story an article copies: the earliest stored article sharing a band
// of its fingerprint whose text mostly holds this one's (or the other way round).
func nearDuplicate(ctx context.Context, tx pgx.Tx, fp article.Fingerprint) (*int64, error) {
	if fp.Shingles < minShinglesForSyndication {
		return nil, nil
	}
	bands := fp.Bands()
	nums := make([]int16, len(bands))
	for i := range nums {
		nums[i] = int16(i)
	}
	rows, err := tx.Query(ctx, `SELECT a.id, a.minhash, a.shingles, a.syndicated_of FROM articles a
		WHERE a.id IN (SELECT b.article_id FROM article_bands b JOIN unnest($1::smallint[], $2::bigint[]) AS q(band, hash)
		               ON b.band = q.band AND b.hash = q.hash LIMIT 500)
		ORDER BY a.id`, nums, bands[:])
	if err != nil {
		return nil, fmt.Errorf("store: look for copies: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var raw []byte
		var shingles int
		var of *int64
		if err := rows.Scan(&id, &raw, &shingles, &of); err != nil {
			return nil, fmt.Errorf("store: look for copies: %w", err)
		}
		other, ok := article.FingerprintFromBytes(raw, shingles)
		if ok && article.SameStory(fp, other) {
			if of != nil {
				return of, nil
			}
			return &id, nil
		}
	}
	return nil, rows.Err()
}

// insertClaims writes the claims of one article with COPY, resolving their claimants first, and
// records the extractor that read the article. ids, when not nil, gives each claim the id it
// keeps (0: a new one).
func insertClaims(ctx context.Context, tx pgx.Tx, articleID int64, outletID *int64, syndicated bool, claims []extract.Claim, ids []int64) error {
	var knownFrom time.Time
	if err := tx.QueryRow(ctx, `UPDATE articles SET extractor_version = $2 WHERE id = $1 RETURNING COALESCE(published_at, ingested_at::date)`,
		articleID, extract.Version).Scan(&knownFrom); err != nil {
		return fmt.Errorf("store: article %d: %w", articleID, err)
	}
	if ids != nil {
		if err := newIDs(ctx, tx, ids); err != nil {
			return err
		}
	}
	claimantIDs := map[string]int64{}
	rows := make([][]any, 0, len(claims))
	for _, c := range claims {
		var claimantID *int64
		if c.Claimant != "" {
			id, ok := claimantIDs[c.Claimant]
			if !ok {
				var err error
				id, err = upsertClaimant(ctx, tx, c.Claimant, c.ClaimantKind, c.ClaimantSide)
				if err != nil {
					return err
				}
				claimantIDs[c.Claimant] = id
			}
			claimantID = &id
		}
		var asOf *time.Time
		if !c.AsOf.IsZero() {
			asOf = &c.AsOf
		}
		group := c.PlaceGroup
		if group == "" {
			group = "kursk"
		}
		var since *time.Time
		if !c.Since.IsZero() {
			since = &c.Since
		}
		rows = append(rows, []any{articleID, outletID, c.Kind, c.Value, c.ValueMax, c.Qualifier, c.Unit, nullIfEmpty(c.Subject),
			claimantID, nullIfEmpty(c.Via), asOf, nullIfEmpty(c.Place), group, c.Evidence, c.SpanStart, c.SpanEnd, extract.Version, syndicated,
			nullIfEmpty(c.Item), since, knownFrom, dispute.SpanOf(c.Kind, c.Since)})
		if ids != nil {
			rows[len(rows)-1] = append(rows[len(rows)-1], ids[len(rows)-1])
		}
	}
	if len(rows) == 0 {
		return nil
	}
	columns := []string{"article_id", "outlet_id", "kind", "value", "value_max", "qualifier", "unit", "subject", "claimant_id", "via",
		"as_of", "place", "place_group", "evidence", "span_start", "span_end", "extractor_version", "syndicated",
		"item", "since", "known_from", "span"}
	if ids != nil {
		columns = append(columns, "id")
	}
	_, err := tx.CopyFrom(ctx, pgx.Identifier{"claims"}, columns, pgx.CopyFromRows(rows))
	if err != nil {
		return fmt.Errorf("store: insert claims: %w", err)
	}
	return nil
}

// newIDs gives the zero ids a new id each from the claims' sequence.
func newIDs(ctx context.Context, tx pgx.Tx, ids []int64) error {
	n := 0
	for _, id := range ids {
		if id == 0 {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	rows, err := tx.Query(ctx, `SELECT nextval(pg_get_serial_sequence('claims', 'id')) FROM generate_series(1, $1)`, n)
	if err != nil {
		return fmt.Errorf("store: claim ids: %w", err)
	}
	fresh, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return fmt.Errorf("store: claim ids: %w", err)
	}
	for i := range ids {
		if ids[i] == 0 {
			ids[i], fresh = fresh[0], fresh[1:]
		}
	}
	return nil
}

// sameClaim is what identifies a claim across extractions of one article: a claim whose kind,
// value and evidence span survive keeps its id, so links to it still work.
type sameClaim struct {
	kind       string
	value      float64
	start, end int
}

// ReplaceClaims swaps an article's claims for a new extraction, in one transaction. Claims that
// survive keep their ids; the ids of those that are gone are kept in retired_claims.
func (s *Store) ReplaceClaims(ctx context.Context, articleID int64, claims []extract.Claim) error {
	err := s.inTx(ctx, func(tx pgx.Tx) error {
		var outletID *int64
		var syndicated bool
		if err := tx.QueryRow(ctx, `SELECT outlet_id, syndicated_of IS NOT NULL FROM articles WHERE id = $1 FOR UPDATE`, articleID).Scan(&outletID, &syndicated); err != nil {
			return fmt.Errorf("store: article %d: %w", articleID, err)
		}
		rows, err := tx.Query(ctx, `DELETE FROM claims WHERE article_id = $1 RETURNING id, kind, value, span_start, span_end`, articleID)
		if err != nil {
			return fmt.Errorf("store: delete claims: %w", err)
		}
		old := map[sameClaim]int64{}
		for rows.Next() {
			var k sameClaim
			var id int64
			if err := rows.Scan(&id, &k.kind, &k.value, &k.start, &k.end); err != nil {
				rows.Close()
				return fmt.Errorf("store: delete claims: %w", err)
			}
			old[k] = id
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("store: delete claims: %w", err)
		}
		ids := make([]int64, len(claims))
		for i, c := range claims {
			k := sameClaim{c.Kind, c.Value, c.SpanStart, c.SpanEnd}
			if id, ok := old[k]; ok {
				ids[i] = id
				delete(old, k)
			}
		}
		var gone []int64
		for _, id := range old {
			gone = append(gone, id)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO retired_claims (id, article_id) SELECT unnest($1::bigint[]), $2 ON CONFLICT (id) DO NOTHING`,
			gone, articleID); err != nil {
			return fmt.Errorf("store: retire claims: %w", err)
		}
		if _, err := tx.Exec(ctx, `DELETE FROM retired_claims WHERE id = ANY($1)`, ids); err != nil {
			return fmt.Errorf("store: retire claims: %w", err)
		}
		return insertClaims(ctx, tx, articleID, outletID, syndicated, claims, ids)
	})
	if err == nil {
		s.chipsChanged(ctx)
	}
	return err
}

func upsertOutlet(ctx context.Context, tx pgx.Tx, name, articleURL string) (*int64, error) {
	if name == "" {
		host := article.CanonicalURL(articleURL)
		if host == "" {
			return nil, nil
		}
		name = hostOf(articleURL)
	}
	var id int64
	err := tx.QueryRow(ctx, `
		INSERT INTO outlets (slug, name, url) VALUES ($1, $2, $3)
		ON CONFLICT (slug) DO UPDATE SET url = COALESCE(outlets.url, EXCLUDED.url)
		RETURNING id`, Slug(name), name, nullIfEmpty(siteOf(articleURL))).Scan(&id)
	if err != nil {
		return nil, fmt.Errorf("store: upsert outlet %q: %w", name, err)
	}
	return &id, nil
}

// upsertClaimant finds a claimant by any alias, or creates it with the registry's aliases.
func upsertClaimant(ctx context.Context, tx pgx.Tx, name, kind, side string) (int64, error) {
	var id int64
	err := tx.QueryRow(ctx, `SELECT claimant_id FROM claimant_aliases WHERE alias_norm = $1`, NormAlias(name)).Scan(&id)
	if err == nil {
		return id, nil
	}
	if !errors.Is(err, pgx.ErrNoRows) {
		return 0, fmt.Errorf("store: look up claimant %q: %w", name, err)
	}
	if kind == "" {
		kind = "unknown"
	}
	err = tx.QueryRow(ctx, `
		INSERT INTO claimants (slug, name, kind, side) VALUES ($1, $2, $3, $4)
		ON CONFLICT (slug) DO UPDATE SET name = claimants.name
		RETURNING id`, Slug(name), name, kind, nullIfEmpty(side)).Scan(&id)
	if err != nil {
		return 0, fmt.Errorf("store: insert claimant %q: %w", name, err)
	}
	aliases := []string{name}
	if c, ok := extract.LookupClaimant(name); ok {
		aliases = append(aliases, c.Aliases...)
	}
	for _, a := range aliases {
		if _, err := tx.Exec(ctx, `INSERT INTO claimant_aliases (claimant_id, alias, alias_norm) VALUES ($1, $2, $3) ON CONFLICT (alias_norm) DO NOTHING`,
			id, a, NormAlias(a)); err != nil {
			return 0, fmt.Errorf("store: insert alias %q: %w", a, err)
		}
	}
	return id, nil
}

func nullIfEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
