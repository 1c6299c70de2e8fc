package store

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/kursk/kursk/internal/dispute"
)

// family is a question without its period's day (dispute.QuestionKey.Family), over a range of
// dates whose disputes are to be recomputed.
type family struct {
	key      dispute.QuestionKey
	from, to time.Time // as_of of the disputes to recompute, both included
}

// familiesOf groups the chip keys a write touched into families, each with the range of dates
// whose disputes the write may have changed: a claim at day d is a rival of claims up to
// dispute.Window days later.
func familiesOf(keys map[chipKey]bool) []family {
	byKey := map[dispute.QuestionKey]*family{}
	for k := range keys {
		q := dispute.QuestionKey{Kind: k.kind, Subject: k.subject, PlaceGroup: k.placeGroup, Item: k.item, Span: k.span}
		if q.Span == dispute.SpanUnstated {
			continue
		}
		q = q.Family()
		from, to := k.week, k.week.AddDate(0, 0, 6+dispute.Window)
		if f, ok := byKey[q]; ok {
			if from.Before(f.from) {
				f.from = from
			}
			if to.After(f.to) {
				f.to = to
			}
			continue
		}
		byKey[q] = &family{key: q, from: from, to: to}
	}
	out := make([]family, 0, len(byKey))
	for _, f := range byKey {
		out = append(out, *f)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].key.String() < out[j].key.String() })
	return out
}

// spanCondition is the condition on the span column of a family: one span, or any period.
func spanCondition(column string, k dispute.QuestionKey) string {
	if k.Span == "period" {
		return column + " NOT IN ('state', 'unstated') AND $5::text = 'period'"
	}
	return column + " = $5"
}

// familyArgs are the values of a family condition, $1 to $5.
func familyArgs(k dispute.QuestionKey) []any {
	return []any{k.Kind, k.PlaceGroup, k.Item, k.Subject, k.Span}
}

// claimFamilyCondition is the condition on claims c of one family (subject and item are NULL
// in claims where the disputes table has ”).
func claimFamilyCondition(k dispute.QuestionKey) (string, []any) {
	cond := "c.kind = $1 AND c.place_group = $2"
	if k.Item == "" {
		cond += " AND c.item IS NULL AND $3::text = ''"
	} else {
		cond += " AND c.item = $3"
	}
	if k.Subject == "" {
		cond += " AND c.subject IS NULL AND $4::text = ''"
	} else {
		cond += " AND c.subject = $4"
	}
	return cond + " AND " + spanCondition("c.span", k), familyArgs(k)
}

// disputeFamilyCondition is the condition on the disputes of one family.
func disputeFamilyCondition(k dispute.QuestionKey) (string, []any) {
	return "kind = $1 AND place_group = $2 AND item = $3 AND subject = $4 AND " + spanCondition("span", k), familyArgs(k)
}

// refreshDisputes recomputes the disputes of the families a write touched, inside tx.
func refreshDisputes(ctx context.Context, tx pgx.Tx, keys map[chipKey]bool) error {
	for _, f := range familiesOf(keys) {
		if err := recomputeFamily(ctx, tx, f); err != nil {
			return err
		}
	}
	return nil
}

// recomputeFamily replaces the disputes of one family dated within its range.
func recomputeFamily(ctx context.Context, tx pgx.Tx, f family) error {
	cond, args := disputeFamilyCondition(f.key)
	n := len(args)
	if _, err := tx.Exec(ctx, fmt.Sprintf(`DELETE FROM disputes WHERE %s AND as_of BETWEEN $%d AND $%d`, cond, n+1, n+2),
		append(args, f.from, f.to)...); err != nil {
		return fmt.Errorf("store: clear disputes: %w", err)
	}
	// rivals of the first disputes lie up to a window before them
	answers, err := loadAnswers(ctx, tx, f.key, f.from.AddDate(0, 0, -dispute.Window-dispute.PeriodSlack), f.to)
	if err != nil {
		return err
	}
	var rows [][]any
	for _, d := range dispute.Find(answers, dispute.Window) {
		if d.AsOf().Before(f.from) || d.AsOf().After(f.to) {
			continue
		}
		reasons, err := json.Marshal(d.Reasons)
		if err != nil {
			return err
		}
		q := d.Low.QuestionKey
		rows = append(rows, []any{q.Kind, q.Subject, q.PlaceGroup, q.Item, q.Span, d.AsOf(), d.Low.ClaimID, d.High.ClaimID,
			d.Low.ClaimantID, d.High.ClaimantID, d.LowEdge, d.HighEdge, d.Spread(), string(reasons), d.KnownFrom()})
	}
	if len(rows) == 0 {
		return nil
	}
	_, err = tx.CopyFrom(ctx, pgx.Identifier{"disputes"}, []string{"kind", "subject", "place_group", "item", "span", "as_of",
		"low_claim_id", "high_claim_id", "low_claimant_id", "high_claimant_id", "low", "high", "spread", "reasons", "known_from"},
		pgx.CopyFromRows(rows))
	if err != nil {
		return fmt.Errorf("store: insert disputes: %w", err)
	}
	return nil
}

// loadAnswers reads the dated claims of a family between two days, as the dispute logic reads them.
func loadAnswers(ctx context.Context, tx pgx.Tx, k dispute.QuestionKey, from, to time.Time) ([]dispute.Answer, error) {
	cond, args := claimFamilyCondition(k)
	n := len(args)
	rows, err := tx.Query(ctx, fmt.Sprintf(`
		SELECT c.id, COALESCE(c.claimant_id, 0), COALESCE(cl.name, ''), COALESCE(cl.side, ''), c.kind, COALESCE(c.subject, ''),
		       c.place_group, COALESCE(c.item, ''), c.span, c.since, c.as_of, c.value, c.value_max, c.qualifier,
		       COALESCE(c.via, ''), COALESCE(c.place, ''), c.known_from
		FROM claims c LEFT JOIN claimants cl ON cl.id = c.claimant_id
		WHERE %s AND c.as_of BETWEEN $%d AND $%d`, cond, n+1, n+2), append(args, from, to)...)
	if err != nil {
		return nil, fmt.Errorf("store: read answers: %w", err)
	}
	defer rows.Close()
	var out []dispute.Answer
	for rows.Next() {
		var a dispute.Answer
		var since *time.Time
		if err := rows.Scan(&a.ClaimID, &a.ClaimantID, &a.ClaimantName, &a.ClaimantSide, &a.Kind, &a.Subject, &a.PlaceGroup,
			&a.Item, &a.Span, &since, &a.AsOf, &a.Value, &a.ValueMax, &a.Qualifier, &a.Via, &a.Place, &a.KnownFrom); err != nil {
			return nil, fmt.Errorf("store: read answers: %w", err)
		}
		if since != nil {
			a.Since = *since
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// rebuildDisputes recomputes every dispute (after a bulk load), inside tx.
func rebuildDisputes(ctx context.Context, tx pgx.Tx) error {
	if _, err := tx.Exec(ctx, `TRUNCATE disputes`); err != nil {
		return fmt.Errorf("store: rebuild disputes: %w", err)
	}
	rows, err := tx.Query(ctx, `SELECT DISTINCT kind, COALESCE(subject, ''), place_group, COALESCE(item, ''),
		CASE WHEN span IN ('state', 'unstated') THEN span ELSE 'period' END, min(as_of), max(as_of)
		FROM claims WHERE as_of IS NOT NULL AND span <> 'unstated' GROUP BY 1, 2, 3, 4, 5`)
	if err != nil {
		return fmt.Errorf("store: rebuild disputes: %w", err)
	}
	var fams []family
	for rows.Next() {
		var f family
		if err := rows.Scan(&f.key.Kind, &f.key.Subject, &f.key.PlaceGroup, &f.key.Item, &f.key.Span, &f.from, &f.to); err != nil {
			rows.Close()
			return fmt.Errorf("store: rebuild disputes: %w", err)
		}
		fams = append(fams, f)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: rebuild disputes: %w", err)
	}
	for _, f := range fams {
		if err := recomputeFamily(ctx, tx, f); err != nil {
			return err
		}
	}
	_, err = tx.Exec(ctx, `ANALYZE disputes`)
	return err
}

// DisputeFilter selects disputes; zero fields select everything.
type DisputeFilter struct {
	Kind        string
	Subject     string // UA, RU, KP or "none"
	Place       string
	ClaimantIDs []int64 // disputes with any of them on either side
	From, To    time.Time
	KnownBy     time.Time // only disputes both of whose claims could be read by then
	Question    *dispute.QuestionKey
	// RecentDays keeps the disputes within that many days of the newest one matching: the
	// current disputes.
	RecentDays int
	Sort       string // "recent" (default: newest first) or "spread" (widest first)
	Limit      int
	Offset     int
}

// Dispute is a stored dispute with both claims.
type Dispute struct {
	Question  dispute.QuestionKey
	AsOf      time.Time
	Low, High Claim
	LowEdge   float64
	HighEdge  float64
	Spread    float64
	Reasons   []dispute.Reason
}

// ListDisputes gives one page of disputes and whether more follow.
func (s *Store) ListDisputes(ctx context.Context, f DisputeFilter) ([]Dispute, bool, error) {
	var conds []string
	var args []any
	add := func(c string, v any) {
		args = append(args, v)
		conds = append(conds, strings.ReplaceAll(c, "$?", fmt.Sprintf("$%d", len(args))))
	}
	if f.Kind != "" {
		add("d.kind = $?", f.Kind)
	}
	switch f.Subject {
	case "":
	case "none":
		conds = append(conds, "d.subject = ''")
	default:
		add("d.subject = $?", f.Subject)
	}
	if f.Place != "" {
		add("d.place_group = $?", f.Place)
	}
	if f.ClaimantIDs != nil {
		add("(d.low_claimant_id = ANY($?) OR d.high_claimant_id = ANY($?))", f.ClaimantIDs)
	}
	if !f.From.IsZero() {
		add("d.as_of >= $?", f.From)
	}
	if !f.To.IsZero() {
		add("d.as_of <= $?", f.To)
	}
	if !f.KnownBy.IsZero() {
		add("d.known_from <= $?", f.KnownBy)
	}
	if q := f.Question; q != nil {
		add("d.kind = $?", q.Kind)
		add("d.subject = $?", q.Subject)
		add("d.place_group = $?", q.PlaceGroup)
		add("d.item = $?", q.Item)
		add("d.span = $?", q.Span)
	}
	where := "TRUE"
	if len(conds) > 0 {
		where = strings.Join(conds, " AND ")
	}
	if f.RecentDays > 0 {
		args = append(args, f.RecentDays)
		where += fmt.Sprintf(" AND d.as_of >= (SELECT max(d.as_of) FROM disputes d WHERE %s) - $%d::int", where, len(args))
	}
	order := "d.as_of DESC, d.spread DESC, d.low_claim_id DESC, d.high_claim_id DESC"
	if f.Sort == "spread" {
		order = "d.spread DESC, d.as_of DESC, d.low_claim_id DESC, d.high_claim_id DESC"
	}
	if f.Limit <= 0 {
		f.Limit = 20
	}
	args = append(args, f.Limit+1, f.Offset)
	rows, err := s.Pool.Query(ctx, fmt.Sprintf(`SELECT d.kind, d.subject, d.place_group, d.item, d.span, d.as_of, d.low_claim_id, d.high_claim_id,
		d.low, d.high, d.spread, d.reasons FROM disputes d WHERE %s ORDER BY %s LIMIT $%d OFFSET $%d`, where, order, len(args)-1, len(args)), args...)
	if err != nil {
		return nil, false, fmt.Errorf("store: list disputes: %w", err)
	}
	var out []Dispute
	var ids []int64
	lowIDs := map[int]int64{}
	highIDs := map[int]int64{}
	for rows.Next() {
		var d Dispute
		var lo, hi int64
		var reasons []byte
		if err := rows.Scan(&d.Question.Kind, &d.Question.Subject, &d.Question.PlaceGroup, &d.Question.Item, &d.Question.Span, &d.AsOf,
			&lo, &hi, &d.LowEdge, &d.HighEdge, &d.Spread, &reasons); err != nil {
			rows.Close()
			return nil, false, fmt.Errorf("store: list disputes: %w", err)
		}
		if err := json.Unmarshal(reasons, &d.Reasons); err != nil {
			rows.Close()
			return nil, false, fmt.Errorf("store: dispute reasons: %w", err)
		}
		lowIDs[len(out)], highIDs[len(out)] = lo, hi
		ids = append(ids, lo, hi)
		out = append(out, d)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, false, fmt.Errorf("store: list disputes: %w", err)
	}
	more := len(out) > f.Limit
	if more {
		out = out[:f.Limit]
	}
	claims, err := s.claimsByID(ctx, ids)
	if err != nil {
		return nil, false, err
	}
	for i := range out {
		out[i].Low, out[i].High = claims[lowIDs[i]], claims[highIDs[i]]
	}
	return out, more, nil
}

// claimsByID reads claims by their ids.
func (s *Store) claimsByID(ctx context.Context, ids []int64) (map[int64]Claim, error) {
	out := make(map[int64]Claim, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := s.Pool.Query(ctx, fmt.Sprintf("SELECT %s %s WHERE c.id = ANY($1)", claimColumns, claimJoins), ids)
	if err != nil {
		return nil, fmt.Errorf("store: claims by id: %w", err)
	}
	defer rows.Close()
	scanner := newClaimScanner()
	for rows.Next() {
		c, err := scanner.scan(rows)
		if err != nil {
			return nil, fmt.Errorf("store: claims by id: %w", err)
		}
		out[c.ID] = c
	}
	return out, rows.Err()
}
