package store

import (
	"context"
	"fmt"
	"log/slog"
	"sort"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/kursk/kursk/internal/dispute"
)

// chipKey names one row of question_chips: a claimant's answer to one weekly question.
type chipKey struct {
	week       time.Time
	kind       string
	subject    string
	placeGroup string
	item       string
	span       string
	claimant   int64
}

// chipAggregate computes question_chips rows from the claims; %s is the condition on c.
const chipAggregate = `
	SELECT date_trunc('week', c.as_of)::date, c.kind, COALESCE(c.subject, ''), c.place_group, COALESCE(c.item, ''), c.span, COALESCE(c.claimant_id, 0),
	       (array_agg(c.value ORDER BY c.as_of DESC, c.id DESC))[1], (array_agg(c.value_max ORDER BY c.as_of DESC, c.id DESC))[1],
	       (array_agg(c.qualifier ORDER BY c.as_of DESC, c.id DESC))[1], (array_agg(c.id ORDER BY c.as_of DESC, c.id DESC))[1],
	       count(DISTINCT c.outlet_id) FILTER (WHERE NOT c.syndicated), count(*), max(c.as_of)
	FROM claims c WHERE c.as_of IS NOT NULL AND %s
	GROUP BY 1, 2, 3, 4, 5, 6, 7`

// refreshChips recomputes the question_chips rows of the given keys inside tx. Keys are locked
// in a fixed order first, so that two writers of one question take turns and the second one
// counts the first one's claims.
func refreshChips(ctx context.Context, tx pgx.Tx, keys map[chipKey]bool) error {
	if len(keys) == 0 {
		return nil
	}
	list := make([]chipKey, 0, len(keys))
	for k := range keys {
		list = append(list, k)
	}
	sort.Slice(list, func(i, j int) bool {
		a, b := list[i], list[j]
		if !a.week.Equal(b.week) {
			return a.week.Before(b.week)
		}
		if a.kind != b.kind {
			return a.kind < b.kind
		}
		if a.subject != b.subject {
			return a.subject < b.subject
		}
		if a.placeGroup != b.placeGroup {
			return a.placeGroup < b.placeGroup
		}
		if a.item != b.item {
			return a.item < b.item
		}
		if a.span != b.span {
			return a.span < b.span
		}
		return a.claimant < b.claimant
	})
	weeks := make([]time.Time, len(list))
	kinds := make([]string, len(list))
	subjects := make([]string, len(list))
	places := make([]string, len(list))
	items := make([]string, len(list))
	spans := make([]string, len(list))
	claimants := make([]int64, len(list))
	for i, k := range list {
		weeks[i], kinds[i], subjects[i], places[i], claimants[i] = k.week, k.kind, k.subject, k.placeGroup, k.claimant
		items[i], spans[i] = k.item, k.span
	}
	const keysSQL = `SELECT * FROM unnest($1::date[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::text[], $7::text[]) AS k(w, kind, s, p, cid, item, span)`
	args := []any{weeks, kinds, subjects, places, claimants, items, spans}
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtextextended(k.w::text || k.kind || '|' || k.s || '|' || k.p || '|' || k.item || '|' || k.span || '|' || k.cid, 7))
		FROM (`+keysSQL+`) k`, args...); err != nil {
		return fmt.Errorf("store: lock questions: %w", err)
	}
	if _, err := tx.Exec(ctx, `DELETE FROM question_chips q USING (`+keysSQL+`) k
		WHERE q.window_start = k.w AND q.kind = k.kind AND q.subject = k.s AND q.place_group = k.p AND q.item = k.item AND q.span = k.span
		AND q.claimant_id = k.cid`, args...); err != nil {
		return fmt.Errorf("store: refresh questions: %w", err)
	}
	// one aggregate per question, each an index range over its claimant, kind and week, sent
	// together in one round trip
	var batch pgx.Batch
	for _, k := range list {
		claimant := "c.claimant_id = $1"
		if k.claimant == 0 {
			claimant = "c.claimant_id IS NULL AND $1::bigint = 0"
		}
		cond := claimant + ` AND c.kind = $2 AND COALESCE(c.as_of, '-infinity'::date) >= $3 AND COALESCE(c.as_of, '-infinity'::date) < $3::date + 7
			AND COALESCE(c.subject, '') = $4 AND c.place_group = $5 AND COALESCE(c.item, '') = $6 AND c.span = $7`
		batch.Queue(`INSERT INTO question_chips `+fmt.Sprintf(chipAggregate, cond), k.claimant, k.kind, k.week, k.subject, k.placeGroup, k.item, k.span)
	}
	if err := tx.SendBatch(ctx, &batch).Close(); err != nil {
		return fmt.Errorf("store: refresh questions: %w", err)
	}
	return nil
}

// RebuildChips recomputes every question from the claims (after bulk loads that skip the
// per-article upkeep, such as `kursk generate`).
func (s *Store) RebuildChips(ctx context.Context) error {
	return pgx.BeginFunc(ctx, s.Pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `LOCK TABLE question_chips IN EXCLUSIVE MODE`); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `TRUNCATE question_chips`); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO question_chips `+fmt.Sprintf(chipAggregate, "TRUE")); err != nil {
			return fmt.Errorf("store: rebuild questions: %w", err)
		}
		// what was pending is counted now; writers still in flight list theirs after this
		if _, err := tx.Exec(ctx, `DELETE FROM question_chips_pending`); err != nil {
			return fmt.Errorf("store: rebuild questions: %w", err)
		}
		if err := rebuildDisputes(ctx, tx); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `ANALYZE question_chips`)
		return err
	})
}

// chipsServeable reports whether the precomputed questions can answer a filter: they hold
// weekly questions over all sources, without text or value filters or dates inside weeks.
func (f ClaimFilter) chipsServeable() bool {
	return windowUnit(f.Window) == "week" && len(f.Sources) == 0 && f.Q == "" && f.MinValue == nil && f.MaxValue == nil &&
		f.ArticleID == 0 && f.From.IsZero() && f.To.IsZero() && (len(f.Claimants) == 0 || f.ClaimantIDs != nil) &&
		f.KnownBy.IsZero() && f.Question == nil
}

// precomputedChips reads the chips of a filter from question_chips.
func (s *Store) precomputedChips(ctx context.Context, f ClaimFilter, from, to time.Time) ([]dispute.Chip, error) {
	args := []any{from, to}
	where := "q.window_start >= $1 AND q.window_start < $2"
	if f.Kind != "" {
		args = append(args, f.Kind)
		where += fmt.Sprintf(" AND q.kind = $%d", len(args))
	}
	switch f.Subject {
	case "":
	case "none":
		where += " AND q.subject = ''"
	default:
		args = append(args, f.Subject)
		where += fmt.Sprintf(" AND q.subject = $%d", len(args))
	}
	if f.Place != "" {
		args = append(args, f.Place)
		where += fmt.Sprintf(" AND q.place_group = $%d", len(args))
	}
	if f.ClaimantIDs != nil {
		args = append(args, f.ClaimantIDs)
		where += fmt.Sprintf(" AND q.claimant_id = ANY($%d)", len(args))
	}
	rows, err := s.Pool.Query(ctx, `SELECT q.window_start, q.kind, q.subject, q.place_group, q.value, q.value_max, q.qualifier,
		cl.slug, cl.name, cl.kind, cl.side, q.outlets, q.claims, q.latest_claim_id, q.as_of, q.item, q.span
		FROM question_chips q LEFT JOIN claimants cl ON cl.id = NULLIF(q.claimant_id, 0)
		WHERE `+where+` ORDER BY 1 DESC, 2, 3, 4, 16, 17, 8`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: chips: %w", err)
	}
	return scanChips(rows)
}

// readChipKeys collects the question keys a statement returns (window_start, kind, subject,
// place_group, item, span, claimant_id).
func readChipKeys(ctx context.Context, tx pgx.Tx, sql string, args ...any) (map[chipKey]bool, error) {
	rows, err := tx.Query(ctx, sql, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	keys := map[chipKey]bool{}
	for rows.Next() {
		var k chipKey
		if err := rows.Scan(&k.week, &k.kind, &k.subject, &k.placeGroup, &k.item, &k.span, &k.claimant); err != nil {
			return nil, err
		}
		keys[k] = true
	}
	return keys, rows.Err()
}

// settleLock is the advisory lock (class 7, object 1) of the one session at a time that
// recomputes pending questions.
const settleLock = `7, 1`

// SettleChips recomputes the questions that writes of claims have left pending (listed by a
// trigger in question_chips_pending), until none is left. One session settles at a time: when
// another holds the lock it returns at once, and that one takes what was written meanwhile.
func (s *Store) SettleChips(ctx context.Context) error {
	conn, err := s.Pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("store: settle questions: %w", err)
	}
	defer conn.Release()
	for {
		var locked bool
		if err := conn.QueryRow(ctx, `SELECT pg_try_advisory_lock(`+settleLock+`)`).Scan(&locked); err != nil || !locked {
			return err
		}
		err := s.settlePasses(ctx, conn.Conn())
		if _, uerr := conn.Exec(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock(`+settleLock+`)`); err == nil {
			err = uerr
		}
		if err != nil {
			return fmt.Errorf("store: settle questions: %w", err)
		}
		// a writer that committed while the lock was held found it taken and left its questions
		// to this session: look once more now that the lock is free
		var more bool
		if err := conn.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM question_chips_pending)`).Scan(&more); err != nil || !more {
			return err
		}
	}
}

// settlePasses takes the pending questions and recomputes them, one transaction per pass,
// until a pass finds none. In the background, passes are spaced so that each one takes the
// questions of many writes.
func (s *Store) settlePasses(ctx context.Context, conn *pgx.Conn) error {
	for {
		start := time.Now()
		n := 0
		err := pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
			keys, err := readChipKeys(ctx, tx, `DELETE FROM question_chips_pending RETURNING window_start, kind, subject, place_group, item, span, claimant_id`)
			if err != nil {
				return err
			}
			n = len(keys)
			if err := refreshChips(ctx, tx, keys); err != nil {
				return err
			}
			return refreshDisputes(ctx, tx, keys)
		})
		if err != nil || n == 0 {
			return err
		}
		if s.settler != nil {
			select {
			case <-ctx.Done():
				return ctx.Err()
			case <-time.After(settleSpacing - time.Since(start)):
			}
		}
	}
}

// settleSpacing is the least time between two background passes.
const settleSpacing = 100 * time.Millisecond

// chipsChanged follows a write of claims: it settles their questions now, or, with
// SettleInBackground, has the background settler do it soon.
func (s *Store) chipsChanged(ctx context.Context) {
	if s.settler != nil {
		select {
		case s.settler.wake <- struct{}{}:
		default: // a wake-up is already waiting
		}
		return
	}
	if err := s.SettleChips(context.WithoutCancel(ctx)); err != nil {
		// the write itself is stored; the questions stay pending for the next settling
		slog.Warn("questions left pending", "err", err)
	}
}

type settler struct {
	wake   chan struct{}
	cancel context.CancelFunc
	done   chan struct{}
}

// SettleInBackground makes writes return without recomputing their questions: a goroutine
// settles them a moment later, many writes at once. Queue workers use it; Close stops it
// after a last settling. Call it before writes begin: the store reads s.settler unguarded.
func (s *Store) SettleInBackground() {
	if s.settler != nil {
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	st := &settler{wake: make(chan struct{}, 1), cancel: cancel, done: make(chan struct{})}
	s.settler = st
	st.wake <- struct{}{} // questions a stopped process left pending
	go func() {
		defer close(st.done)
		for {
			select {
			case <-ctx.Done():
				return
			case <-st.wake:
				if err := s.SettleChips(ctx); err != nil && ctx.Err() == nil {
					slog.Warn("questions left pending", "err", err)
				}
			}
		}
	}()
}
