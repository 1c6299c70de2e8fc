package store

import (
	"context"
	"fmt"
)

// GenerateSynthetic adds n synthetic claims for benchmarks: 40 claimants, 30 outlets, one
// article per ten claims, dates over a year from August 2024, kinds varied, values near one
// truth a day but for one claimant in eight, so that some claims are disputed and most not. It is
// plain SQL over generate_series, so a million rows take seconds, in one transaction.
func (s *Store) GenerateSynthetic(ctx context.Context, n int) error {
	if n <= 0 {
		return nil
	}
	articles := (n + 9) / 10
	stmts := []string{
		`INSERT INTO outlets (slug, name) SELECT 'synthetic-outlet-' || i, 'Synthetic Outlet ' || i FROM generate_series(1, 30) i ON CONFLICT DO NOTHING`,
		`INSERT INTO claimants (slug, name, kind, side) SELECT 'synthetic-claimant-' || i, 'Synthetic Claimant ' || i, 'body', (ARRAY['UA','RU','KP','other'])[1 + i % 4] FROM generate_series(1, 40) i ON CONFLICT DO NOTHING`,
		`INSERT INTO claimant_aliases (claimant_id, alias, alias_norm) SELECT id, name, lower(regexp_replace(name, '[^a-zA-Z0-9]+', ' ', 'g')) FROM claimants WHERE slug LIKE 'synthetic-claimant-%' ON CONFLICT DO NOTHING`,
		fmt.Sprintf(`INSERT INTO articles (outlet_id, body_sha256, title, published_at, body)
			SELECT (SELECT id FROM outlets WHERE slug = 'synthetic-outlet-' || (1 + i %% 30)),
			       sha256(convert_to('synthetic ' || i || ' ' || clock_timestamp(), 'UTF8')), 'Synthetic article ' || i,
			       DATE '2024-08-06' + (i %% 365), 'Synthetic article ' || i || '. Ukrainian forces hold ' || (i %% 1300) || ' square kilometres, a synthetic claimant said.'
			FROM generate_series(1, %d) i`, articles),
		fmt.Sprintf(`WITH a AS (SELECT id, outlet_id, published_at, row_number() OVER (ORDER BY id DESC) AS r FROM articles ORDER BY id DESC LIMIT %d),
			cl AS (SELECT id, row_number() OVER (ORDER BY id) AS r FROM claimants WHERE slug LIKE 'synthetic-claimant-%%'),
			k AS (SELECT kind, row_number() OVER () AS r FROM unnest(ARRAY['territory_held','territory_gained','troops','killed','wounded','casualties','prisoners','equipment_destroyed','clashes','strikes','settlements','territory_lost']) kind)
			INSERT INTO claims (article_id, outlet_id, kind, value, qualifier, unit, subject, claimant_id, as_of, place, place_group, evidence, span_start, span_end, extractor_version,
			                    item, since, span, known_from)
			SELECT a.id, a.outlet_id, k.kind, v.value,
			       (ARRAY['exact','approximately','at_least','at_most'])[1 + g %% 4],
			       CASE WHEN k.kind LIKE 'territory%%' THEN 'km2' WHEN k.kind IN ('troops','killed','wounded','casualties','prisoners') THEN 'people' ELSE 'count' END,
			       (ARRAY['UA','RU','KP'])[1 + g %% 3], cl.id, a.published_at - (g %% 3), 'Kursk region', 'kursk',
			       'A synthetic sentence with the number ' || v.value || '.', 0, 40, 1,
			       CASE WHEN k.kind = 'equipment_destroyed' THEN (ARRAY['tanks','artillery','armoured_vehicles','vehicles'])[1 + g %% 4] END,
			       sp.since, COALESCE(to_char(sp.since, 'YYYY-MM-DD'), 'state'), a.published_at
			FROM generate_series(0, %d - 1) g
			JOIN a ON a.r = 1 + g / 10
			JOIN cl ON cl.r = 1 + (g * 7) %% 40
			JOIN k ON k.r = 1 + (g * 5 + g / 40) %% 12
			-- states have no period; counts run since the incursion or over one day
			CROSS JOIN LATERAL (SELECT CASE WHEN k.kind IN ('territory_held', 'troops', 'settlements') THEN NULL
			                                WHEN g %% 2 = 0 THEN DATE '2024-08-06' ELSE a.published_at - (g %% 3) END AS since) sp
			-- values follow one truth a day, totals growing; one claimant in eight claims three times as much
			CROSS JOIN LATERAL (SELECT round((CASE WHEN sp.since = DATE '2024-08-06' THEN 500 + (a.published_at - DATE '2024-08-06') * 20
			                                       WHEN sp.since IS NULL THEN 300 + (a.published_at - DATE '2024-08-06') ELSE 100 END)
			                                 * (CASE WHEN cl.r %% 8 = 0 THEN 3 ELSE 1 END) * (1 + ((g %% 7) - 3) / 100.0)) AS value) v`, articles, n),
		`ANALYZE claims`, `ANALYZE articles`,
	}
	tx, err := s.Pool.Begin(ctx)
	if err != nil {
		return fmt.Errorf("store: synthetic: %w", err)
	}
	defer tx.Rollback(ctx)
	for _, q := range stmts {
		if _, err := tx.Exec(ctx, q); err != nil {
			return fmt.Errorf("store: synthetic: %w", err)
		}
	}
	return tx.Commit(ctx)
}
