package store

import (
	"context"
	"fmt"
)

// TrackRecord is how a claimant's numbers compare with independent assessments (claimants whose
// side is "other": analysts, OSINT groups, third-country intelligence) on the same questions,
// and how many of its claims are in disputes.
type TrackRecord struct {
	Claims   int          `json:"claims"`
	Disputed int          `json:"disputed_claims"`
	Share    float64      `json:"disputed_share"`
	Versus   []KindRecord `json:"versus_independent"`
}

// KindRecord is one kind about one side: the median of the claimant's value over the
// independent value, over how many questions (a question in a week).
type KindRecord struct {
	Kind        string  `json:"kind"`
	Subject     *string `json:"subject"`
	MedianRatio float64 `json:"median_ratio"`
	Questions   int     `json:"questions"`
}

// trackVersusSQL compares claimants' weekly answers (question chips) with the independent
// answers to the same question in the same week; %s is a condition on the claimant m.
const trackVersusSQL = `
	SELECT m.claimant_id, m.kind, m.subject,
	       percentile_cont(0.5) WITHIN GROUP (ORDER BY m.value / i.value),
	       count(DISTINCT (m.window_start, m.place_group, m.item, m.span))
	FROM question_chips m
	JOIN question_chips i ON i.window_start = m.window_start AND i.kind = m.kind AND i.subject = m.subject
	     AND i.place_group = m.place_group AND i.item = m.item AND i.span = m.span AND i.claimant_id <> m.claimant_id
	JOIN claimants ic ON ic.id = i.claimant_id AND ic.side = 'other'
	WHERE %s AND m.claimant_id <> 0 AND i.value > 0 AND m.span <> 'unstated'
	GROUP BY 1, 2, 3
	ORDER BY 1, 5 DESC, 2, 3`

// disputedSQL counts the claims of claimants that stand in a dispute; %s is a condition on the
// claimant column c.
const disputedSQL = `
	SELECT claimant, count(*) FROM (
		SELECT low_claimant_id AS claimant, low_claim_id AS claim FROM disputes WHERE %[1]s
		UNION SELECT high_claimant_id, high_claim_id FROM disputes WHERE %[2]s) d
	GROUP BY 1`

// TrackRecords gives the track record of one claimant (by id), or of every claimant (id 0), by
// claimant id.
func (s *Store) TrackRecords(ctx context.Context, id int64) (map[int64]*TrackRecord, error) {
	versusCond, lowCond, highCond := "TRUE", "low_claimant_id <> 0", "high_claimant_id <> 0"
	var args []any
	if id != 0 {
		versusCond, lowCond, highCond = "m.claimant_id = $1", "low_claimant_id = $1", "high_claimant_id = $1"
		args = append(args, id)
	}
	out := map[int64]*TrackRecord{}
	get := func(c int64) *TrackRecord {
		if out[c] == nil {
			out[c] = &TrackRecord{Versus: []KindRecord{}}
		}
		return out[c]
	}
	rows, err := s.Pool.Query(ctx, fmt.Sprintf(trackVersusSQL, versusCond), args...)
	if err != nil {
		return nil, fmt.Errorf("store: track records: %w", err)
	}
	for rows.Next() {
		var c int64
		var k KindRecord
		var subject string
		if err := rows.Scan(&c, &k.Kind, &subject, &k.MedianRatio, &k.Questions); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: track records: %w", err)
		}
		if subject != "" {
			k.Subject = &subject
		}
		r := get(c)
		r.Versus = append(r.Versus, k)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: track records: %w", err)
	}
	rows, err = s.Pool.Query(ctx, fmt.Sprintf(disputedSQL, lowCond, highCond), args...)
	if err != nil {
		return nil, fmt.Errorf("store: disputed claims: %w", err)
	}
	for rows.Next() {
		var c int64
		var n int
		if err := rows.Scan(&c, &n); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: disputed claims: %w", err)
		}
		get(c).Disputed = n
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: disputed claims: %w", err)
	}
	counts, err := s.Pool.Query(ctx, `SELECT id, claim_count FROM claimants WHERE $1::bigint = 0 OR id = $1`, id)
	if err != nil {
		return nil, fmt.Errorf("store: track records: %w", err)
	}
	defer counts.Close()
	for counts.Next() {
		var c int64
		var n int
		if err := counts.Scan(&c, &n); err != nil {
			return nil, fmt.Errorf("store: track records: %w", err)
		}
		r := get(c)
		r.Claims = n
		if n > 0 {
			r.Share = float64(r.Disputed) / float64(n)
		}
	}
	return out, counts.Err()
}
