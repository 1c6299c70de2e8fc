package store

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/kursk/kursk/internal/dispute"
)

// Claim is a stored claim with what the pages and the API show beside it.
type Claim struct {
	ID               int64      `json:"id"`
	ArticleID        int64      `json:"article_id"`
	Kind             string     `json:"kind"`
	Value            float64    `json:"value"`
	ValueMax         *float64   `json:"value_max"`
	Qualifier        string     `json:"qualifier"`
	Unit             string     `json:"unit"`
	Subject          *string    `json:"subject"`
	Via              *string    `json:"via"`
	Item             *string    `json:"item"`
	Since            *time.Time `json:"-"`
	Span             string     `json:"-"` // state, unstated or the period's first day (dispute.QuestionKey)
	AsOf             *time.Time `json:"-"`
	Place            *string    `json:"place"`
	PlaceGroup       string     `json:"place_group"`
	Evidence         string     `json:"evidence"`
	SpanStart        int        `json:"span_start"`
	SpanEnd          int        `json:"span_end"`
	ExtractorVersion int        `json:"extractor_version"`
	Claimant         *ClaimantRef
	Outlet           *OutletRef
	ArticleURL       *string
	ArticleTitle     string
	Published        *time.Time
	Syndicated       bool // the article is a copy of another outlet's story
}

// ClaimantRef is the short form of a claimant inside a claim.
type ClaimantRef struct {
	Slug string `json:"slug"`
	Name string `json:"name"`
	Kind string `json:"kind"`
	Side string `json:"side"`
}

// OutletRef is the short form of an outlet (a source) inside a claim.
type OutletRef struct {
	Slug string  `json:"slug"`
	Name string  `json:"name"`
	URL  *string `json:"url"`
}

// ClaimFilter selects claims; zero fields select everything.
type ClaimFilter struct {
	Kind      string
	Subject   string // UA, RU, KP, or "none" for claims without a subject
	Claimants []string
	// ClaimantIDs, when not nil, replaces Claimants with the ids they resolve to (see ResolveClaimants).
	ClaimantIDs []int64
	// SourceIDs, when not nil, replaces Sources with the outlet ids they name (see ResolveSources).
	SourceIDs []int64
	Sources   []string
	Place     string // kursk or elsewhere
	From, To  time.Time
	// KnownBy keeps the claims of articles published on or before it: what a reader could know then.
	KnownBy time.Time
	// Question narrows Kind, Subject and Place (set them too) to one item and span.
	Question  *dispute.QuestionKey
	Q         string
	MinValue  *float64
	MaxValue  *float64
	ArticleID int64
	Sort      string // as_of (default, newest first) or value (largest first)
	// Window is the span of time one question covers: "week" (the default) or "month".
	Window string
	Limit  int
	After  *Cursor
}

// Cursor is where a page of claims ends, for the next one.
type Cursor struct {
	AsOf  *time.Time
	Value float64
	ID    int64
}

// where builds the WHERE clause of a filter; every value goes in as a parameter.
func (f ClaimFilter) where(args *[]any) string {
	var sql strings.Builder
	cond := func(c string) {
		if sql.Len() > 0 {
			sql.WriteString(" AND ")
		}
		sql.WriteString(c)
	}
	add := func(c string, v any) { // c has one $? for v's position
		*args = append(*args, v)
		before, after, _ := strings.Cut(c, "$?")
		cond(before)
		sql.WriteByte('$')
		sql.WriteString(strconv.Itoa(len(*args)))
		sql.WriteString(after)
	}
	if f.Kind != "" {
		add("c.kind = $?", f.Kind)
	}
	switch f.Subject {
	case "":
	case "none":
		cond("c.subject IS NULL")
	default:
		add("c.subject = $?", f.Subject)
	}
	if len(f.ClaimantIDs) == 1 {
		// one claimant: an equality lets the (claimant_id, kind, date) index give the order too
		add("c.claimant_id = $?", f.ClaimantIDs[0])
	} else if f.ClaimantIDs != nil {
		add("c.claimant_id = ANY($?)", f.ClaimantIDs)
	} else if len(f.Claimants) > 0 {
		norms := make([]string, len(f.Claimants))
		for i, c := range f.Claimants {
			norms[i] = NormAlias(c)
		}
		*args = append(*args, f.Claimants, norms)
		n := len(*args)
		cond(fmt.Sprintf(`c.claimant_id IN (SELECT id FROM claimants WHERE slug = ANY($%d)
			UNION SELECT claimant_id FROM claimant_aliases WHERE alias_norm = ANY($%d))`, n-1, n))
	}
	switch {
	case len(f.SourceIDs) == 1:
		add("c.outlet_id = $?", f.SourceIDs[0]) // one source: its indexes give the order too
	case f.SourceIDs != nil:
		add("c.outlet_id = ANY($?)", f.SourceIDs)
	case len(f.Sources) > 0:
		add("c.outlet_id IN (SELECT id FROM outlets WHERE slug = ANY($?))", f.Sources)
	}
	if f.Place != "" {
		add("c.place_group = $?", f.Place)
	}
	// the date range is written on the ordering expression, so one index serves both
	if !f.From.IsZero() {
		add("COALESCE(c.as_of, '-infinity'::date) >= $?", f.From)
	}
	if !f.To.IsZero() {
		add("COALESCE(c.as_of, '-infinity'::date) <= $?", f.To)
		if f.From.IsZero() {
			cond("COALESCE(c.as_of, '-infinity'::date) > '-infinity'::date") // undated claims are in no range
		}
	}
	if f.Q != "" {
		add("c.evidence_tsv @@ websearch_to_tsquery('english', $?)", f.Q)
	}
	if f.MinValue != nil {
		add("c.value >= $?", *f.MinValue)
	}
	if f.MaxValue != nil {
		add("c.value <= $?", *f.MaxValue)
	}
	if f.ArticleID != 0 {
		add("c.article_id = $?", f.ArticleID)
	}
	if !f.KnownBy.IsZero() {
		add("c.known_from <= $?", f.KnownBy)
	}
	if f.Question != nil {
		if f.Question.Item == "" {
			cond("c.item IS NULL")
		} else {
			add("c.item = $?", f.Question.Item)
		}
		add("c.span = $?", f.Question.Span)
	}
	if sql.Len() == 0 {
		return "TRUE"
	}
	return sql.String()
}

const claimColumns = `c.id, c.article_id, c.kind, c.value, c.value_max, c.qualifier, c.unit, c.subject, c.via, c.as_of,
	c.place, c.place_group, c.evidence, c.span_start, c.span_end, c.extractor_version,
	cl.slug, cl.name, cl.kind, cl.side, o.slug, o.name, o.url, a.url, a.title, a.published_at, a.syndicated_of IS NOT NULL,
	c.item, c.since, c.span`

const claimJoins = `FROM claims c
	JOIN articles a ON a.id = c.article_id
	LEFT JOIN claimants cl ON cl.id = c.claimant_id
	LEFT JOIN outlets o ON o.id = c.outlet_id`

// claimScanner reads rows of claimColumns. Nullable columns go through pgtype values, which pgx
// fills without reflection, and the text of a row is copied once, into one string that the
// claim's fields are slices of: this runs for every claim of every list.
type claimScanner struct {
	item, span                                         textColumn
	kind, qualifier, unit, subject, place, placeGroup  textColumn
	clSlug, clName, clKind, clSide, oSlug, oName, oURL textColumn
	row                                                Claim // the fields scanned as they are
	valueMax                                           pgtype.Float8
	via, articleURL                                    pgtype.Text
	asOf, published, since                             pgtype.Date
	dest                                               []any // built once: Scan's arguments would escape per row
	rowText                                            []byte
	strs                                               []string
	times                                              []time.Time
	floats                                             []float64
	claimant                                           *ClaimantRef // of the row before
	outlet                                             *OutletRef   // of the row before
	claimantSlab                                       []ClaimantRef
	outletSlab                                         []OutletRef
	decode                                             int  // 1: rows are decoded here, -1: scanned by pgx, 0: not known yet
	scanOnly                                           bool // always scan (tests compare both ways)
}

func (cs *claimScanner) textColumns() [13]*textColumn {
	return [13]*textColumn{&cs.kind, &cs.qualifier, &cs.unit, &cs.subject, &cs.place, &cs.placeGroup,
		&cs.clSlug, &cs.clName, &cs.clKind, &cs.clSide, &cs.oSlug, &cs.oName, &cs.oURL}
}

func newClaimScanner() *claimScanner {
	cs := &claimScanner{}
	r := &cs.row
	cs.dest = []any{&r.ID, &r.ArticleID, &cs.kind, &r.Value, &cs.valueMax, &cs.qualifier, &cs.unit, &cs.subject, &cs.via, &cs.asOf,
		&cs.place, &cs.placeGroup, &r.Evidence, &r.SpanStart, &r.SpanEnd, &r.ExtractorVersion,
		&cs.clSlug, &cs.clName, &cs.clKind, &cs.clSide, &cs.oSlug, &cs.oName, &cs.oURL, &cs.articleURL, &r.ArticleTitle, &cs.published, &r.Syndicated,
		&cs.item, &cs.since, &cs.span}
	return cs
}

func (cs *claimScanner) scan(row pgx.Row) (Claim, error) {
	if err := row.Scan(cs.dest...); err != nil {
		return Claim{}, err
	}
	c := cs.row
	if cs.valueMax.Valid {
		c.ValueMax = cs.float(cs.valueMax.Float64)
	}
	c.Via, c.ArticleURL = cs.text(cs.via.String, cs.via.Valid), cs.text(cs.articleURL.String, cs.articleURL.Valid)
	c.AsOf, c.Published, c.Since = cs.date(cs.asOf), cs.date(cs.published), cs.date(cs.since)
	c.Item, c.Span = cs.text(cs.item.s, cs.item.valid), cs.span.s
	cs.fillText(&c)
	return c, nil
}

// fillText sets the fields of a claim that come from the text columns of the row just
// read, and its claimant and outlet.
func (cs *claimScanner) fillText(c *Claim) {
	c.Kind, c.Qualifier, c.Unit, c.PlaceGroup = cs.kind.s, cs.qualifier.s, cs.unit.s, cs.placeGroup.s
	c.Subject, c.Place = cs.text(cs.subject.s, cs.subject.valid), cs.text(cs.place.s, cs.place.valid)
	c.Claimant, c.Outlet = cs.refs()
}

// refs gives the claimant and outlet of the row just read. Claims in a row of one claimant or
// outlet share its (read-only) reference; the others come from slabs.
func (cs *claimScanner) refs() (claimant *ClaimantRef, outlet *OutletRef) {
	if cs.clSlug.valid {
		claimant = cs.claimant
		if claimant == nil || claimant.Slug != cs.clSlug.s || claimant.Name != cs.clName.s || claimant.Kind != cs.clKind.s || claimant.Side != cs.clSide.s {
			cs.claimantSlab = room(cs.claimantSlab)
			cs.claimantSlab = append(cs.claimantSlab, ClaimantRef{Slug: cs.clSlug.s, Name: cs.clName.s, Kind: cs.clKind.s, Side: cs.clSide.s})
			claimant = &cs.claimantSlab[len(cs.claimantSlab)-1]
			cs.claimant = claimant
		}
	}
	if cs.oSlug.valid {
		outlet = cs.outlet
		if outlet == nil || outlet.Slug != cs.oSlug.s || outlet.Name != cs.oName.s || (outlet.URL == nil) != !cs.oURL.valid || (outlet.URL != nil && *outlet.URL != cs.oURL.s) {
			cs.outletSlab = room(cs.outletSlab)
			cs.outletSlab = append(cs.outletSlab, OutletRef{Slug: cs.oSlug.s, Name: cs.oName.s, URL: cs.text(cs.oURL.s, cs.oURL.valid)})
			outlet = &cs.outletSlab[len(cs.outletSlab)-1]
			cs.outlet = outlet
		}
	}
	return claimant, outlet
}

// claimColumnTypes are the types of claimColumns, in order, as PostgreSQL sends them.
var claimColumnTypes = []uint32{pgtype.Int8OID, pgtype.Int8OID, pgtype.TextOID, pgtype.Float8OID, pgtype.Float8OID,
	pgtype.TextOID, pgtype.TextOID, pgtype.TextOID, pgtype.TextOID, pgtype.DateOID, pgtype.TextOID, pgtype.TextOID,
	pgtype.TextOID, pgtype.Int4OID, pgtype.Int4OID, pgtype.Int4OID, pgtype.TextOID, pgtype.TextOID, pgtype.TextOID,
	pgtype.TextOID, pgtype.TextOID, pgtype.TextOID, pgtype.TextOID, pgtype.TextOID, pgtype.TextOID, pgtype.DateOID, pgtype.BoolOID,
	pgtype.TextOID, pgtype.DateOID, pgtype.TextOID}

// decodes tells whether the rows come with the types above, in the formats pgx asks for (binary
// but for text): then the scanner decodes their bytes itself, a fraction of the time pgx's Scan
// takes; otherwise pgx scans them.
func (cs *claimScanner) decodes(rows pgx.Rows) bool {
	if cs.decode == 0 {
		cs.decode = -1
		if fds := rows.FieldDescriptions(); len(fds) == len(claimColumnTypes) && !cs.scanOnly {
			cs.decode = 1
			for i, fd := range fds {
				// text reads the same in both formats; pgx asks for the others in binary
				if fd.DataTypeOID != claimColumnTypes[i] || (fd.Format != pgtype.BinaryFormatCode && fd.DataTypeOID != pgtype.TextOID) {
					cs.decode = -1
				}
			}
		}
	}
	return cs.decode > 0
}

// rawValues gives the bytes of the current row, checked for the sizes of its binary columns.
func rawValues(rows pgx.Rows) ([][]byte, error) {
	v := rows.RawValues()
	if len(v) != len(claimColumnTypes) || v[0] == nil || v[1] == nil || v[3] == nil || len(v[0]) != 8 || len(v[1]) != 8 ||
		len(v[3]) != 8 || len(v[13]) != 4 || len(v[14]) != 4 || len(v[15]) != 4 || len(v[26]) != 1 || v[29] == nil {
		return nil, fmt.Errorf("store: claim row of unexpected shape")
	}
	return v, nil
}

// claimOf makes the Claim of a row. Its text is copied once, into one string that the claim's
// fields are slices of, and its claimant and outlet are shared with the rows around it.
func (cs *claimScanner) claimOf(r *ClaimRow) Claim {
	texts := [...][]byte{r.Kind, r.Qualifier, r.Unit, r.Subject, r.Place, r.PlaceGroup, // as cs.textColumns()
		r.ClaimantSlug, r.ClaimantName, r.ClaimantKind, r.ClaimantSide, r.OutletSlug, r.OutletName, r.OutletURL,
		r.Via, r.ArticleURL, r.Evidence, r.ArticleTitle, r.Item, r.Span}
	cs.rowText = cs.rowText[:0]
	for _, t := range texts {
		cs.rowText = append(cs.rowText, t...)
	}
	all, at := string(cs.rowText), 0
	var strs [len(texts)]string
	for n, t := range texts {
		strs[n] = all[at : at+len(t)]
		at += len(t)
	}
	for n, t := range cs.textColumns() {
		t.s, t.valid = strs[n], texts[n] != nil
	}
	c := Claim{ID: r.ID, ArticleID: r.ArticleID, Value: r.Value, Evidence: strs[15], ArticleTitle: strs[16],
		SpanStart: r.SpanStart, SpanEnd: r.SpanEnd, ExtractorVersion: r.ExtractorVersion, Syndicated: r.Syndicated}
	if r.ValueMax != nil {
		c.ValueMax = cs.float(*r.ValueMax)
	}
	c.Via, c.ArticleURL = cs.text(strs[13], r.Via != nil), cs.text(strs[14], r.ArticleURL != nil)
	c.AsOf, c.Published, c.Since = cs.day(r.AsOf), cs.day(r.Published), cs.day(r.Since)
	c.Item, c.Span = cs.text(strs[17], r.Item != nil), strs[18]
	cs.fillText(&c)
	return c
}

// postgresEpoch is 2000-01-01 in Unix seconds.
const postgresEpoch = 946684800

// binaryDate decodes a date sent in binary: days since 2000-01-01, or infinity.
func binaryDate(b []byte) pgtype.Date {
	if len(b) != 4 {
		return pgtype.Date{}
	}
	days := int32(binary.BigEndian.Uint32(b))
	switch days {
	case math.MaxInt32:
		return pgtype.Date{InfinityModifier: pgtype.Infinity, Valid: true}
	case math.MinInt32:
		return pgtype.Date{InfinityModifier: pgtype.NegativeInfinity, Valid: true}
	}
	return pgtype.Date{Time: time.Unix(postgresEpoch+int64(days)*86400, 0).UTC(), Valid: true}
}

// The optional fields of a claim point into slabs, a few allocations per page instead of
// several per row.

// room gives a slab with room for one more value: a new one when s is full, small for the first
// values of a page and up to 64 values for later ones. Values already in s stay where they are.
func room[T any](s []T) []T {
	if len(s) < cap(s) {
		return s
	}
	return make([]T, 0, min(max(2*cap(s), 4), 64))
}

func (cs *claimScanner) text(s string, valid bool) *string {
	if !valid {
		return nil
	}
	cs.strs = room(cs.strs)
	cs.strs = append(cs.strs, s)
	return &cs.strs[len(cs.strs)-1]
}

func (cs *claimScanner) date(d pgtype.Date) *time.Time {
	if !d.Valid || d.InfinityModifier != pgtype.Finite {
		return nil
	}
	return cs.day(&d.Time)
}

func (cs *claimScanner) day(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	cs.times = room(cs.times)
	cs.times = append(cs.times, *t)
	return &cs.times[len(cs.times)-1]
}

func (cs *claimScanner) float(f float64) *float64 {
	cs.floats = room(cs.floats)
	cs.floats = append(cs.floats, f)
	return &cs.floats[len(cs.floats)-1]
}

func scanClaim(row pgx.Row) (Claim, error) { return newClaimScanner().scan(row) }

// textColumn is a nullable text column scanned by pgx (claimOf sets it from a row).
type textColumn struct {
	s     string
	valid bool
}

// ScanBytes gets the column's bytes in pgx's buffer, valid only during the call.
func (t *textColumn) ScanBytes(b []byte) error {
	t.s, t.valid = string(b), b != nil
	return nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// orderAndAfter gives the ORDER BY of a sort and the keyset condition after a cursor.
func (f ClaimFilter) orderAndAfter(args *[]any) (string, string) {
	if f.Sort == "value" {
		order := "c.value DESC, c.id DESC"
		if f.After == nil {
			return order, ""
		}
		*args = append(*args, f.After.Value, f.After.ID)
		n := len(*args)
		return order, fmt.Sprintf(" AND (c.value, c.id) < ($%d, $%d)", n-1, n)
	}
	// newest first; claims without a date come last. COALESCE keeps the keyset a plain row comparison.
	order := "COALESCE(c.as_of, '-infinity'::date) DESC, c.id DESC"
	if f.After == nil {
		return order, ""
	}
	var asOf any = "-infinity"
	if f.After.AsOf != nil {
		asOf = f.After.AsOf.Format("2006-01-02")
	}
	*args = append(*args, asOf, f.After.ID)
	n := len(*args)
	return order, fmt.Sprintf(" AND (COALESCE(c.as_of, '-infinity'::date), c.id) < ($%d::date, $%d)", n-1, n)
}

// fixedPlan reports a page of claims that one index serves best whatever the values: newest
// first, by kind alone or by kind and one claimant (claims_kind_when_idx,
// claims_claimant_kind_when_idx), or by date alone (claims_when_idx), with at most filters no
// index serves (subject, place). Planning such a query once instead of each time halves the
// database's work for the API's commonest request. Anything else, where the values decide
// between indexes (a rare claimant, a list of them, a value range, words), is planned per query.
func (f ClaimFilter) fixedPlan() bool {
	if f.Sort == "value" || f.Q != "" || f.MinValue != nil || f.MaxValue != nil || f.ArticleID != 0 ||
		f.SourceIDs != nil || len(f.Sources) > 0 || !f.KnownBy.IsZero() || f.Question != nil {
		return false
	}
	if f.ClaimantIDs == nil {
		return len(f.Claimants) == 0
	}
	return len(f.ClaimantIDs) == 1 && f.Kind != ""
}

// listQuery is the statement of one page of claims (one more than the limit, to know if a next
// page exists). .ci/bench.sh runs the same statement through pgbench; a test keeps them equal.
func (f ClaimFilter) listQuery() (string, []any) {
	var args []any
	where := f.where(&args)
	order, after := f.orderAndAfter(&args)
	args = append(args, f.Limit+1)
	return "SELECT " + claimColumns + " " + claimJoins + " WHERE " + where + after + " ORDER BY " + order + " LIMIT $" + strconv.Itoa(len(args)), args
}

// streamQuery is the statement of every claim of a filter, in order.
func (f ClaimFilter) streamQuery() (string, []any) {
	var args []any
	where := f.where(&args)
	order, _ := f.orderAndAfter(&args)
	return "SELECT " + claimColumns + " " + claimJoins + " WHERE " + where + " ORDER BY " + order, args
}

// page gives the statement of one page of f (50 claims unless f says) and the pool to run it on.
func (s *Store) page(f *ClaimFilter) (string, []any, *pgxpool.Pool) {
	if f.Limit <= 0 {
		f.Limit = 50
	}
	q, args := f.listQuery()
	if f.fixedPlan() {
		return q, args, s.fixed
	}
	return q, args, s.Pool
}

// ListClaims returns one page of claims and the cursor of the next page (nil at the end).
func (s *Store) ListClaims(ctx context.Context, f ClaimFilter) ([]Claim, *Cursor, error) {
	out := make([]Claim, 0, min(max(f.Limit, 50), 100))
	var cs claimScanner
	next, err := s.ClaimRows(ctx, f, func(r *ClaimRow) error {
		out = append(out, cs.claimOf(r))
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	return out, next, nil
}

// EachClaim streams every claim of a filter, in order, without holding them in memory.
func (s *Store) EachClaim(ctx context.Context, f ClaimFilter, fn func(Claim) error) error {
	var cs claimScanner
	return s.EachClaimRow(ctx, f, func(r *ClaimRow) error { return fn(cs.claimOf(r)) })
}

// ResolveClaimants turns slugs and aliases into claimant ids (an empty, non-nil slice when none
// is known).
func (s *Store) ResolveClaimants(ctx context.Context, names []string) ([]int64, error) {
	norms := make([]string, len(names))
	for i, n := range names {
		norms[i] = NormAlias(n)
	}
	rows, err := s.Pool.Query(ctx, `SELECT id FROM claimants WHERE slug = ANY($1)
		UNION SELECT claimant_id FROM claimant_aliases WHERE alias_norm = ANY($2)`, names, norms)
	if err != nil {
		return nil, fmt.Errorf("store: resolve claimants: %w", err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, fmt.Errorf("store: resolve claimants: %w", err)
	}
	if ids == nil {
		ids = []int64{}
	}
	return ids, nil
}

// ResolveSources turns outlet slugs into ids (an empty, non-nil slice when none is known).
func (s *Store) ResolveSources(ctx context.Context, slugs []string) ([]int64, error) {
	rows, err := s.Pool.Query(ctx, `SELECT id FROM outlets WHERE slug = ANY($1)`, slugs)
	if err != nil {
		return nil, fmt.Errorf("store: resolve sources: %w", err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, fmt.Errorf("store: resolve sources: %w", err)
	}
	if ids == nil {
		ids = []int64{}
	}
	return ids, nil
}

// ErrNotFound is returned for an id or slug that does not exist.
var ErrNotFound = errors.New("store: not found")

// RetiredError is what GetClaim returns for a claim that a new extraction of its article no
// longer finds: its old links can say so and point to the article.
type RetiredError struct{ ID, ArticleID int64 }

func (e *RetiredError) Error() string {
	return fmt.Sprintf("store: claim %d is no longer extracted from article %d", e.ID, e.ArticleID)
}

// GetClaim returns one claim; a claim a re-extraction dropped gives a *RetiredError.
func (s *Store) GetClaim(ctx context.Context, id int64) (Claim, error) {
	c, err := scanClaim(s.Pool.QueryRow(ctx, fmt.Sprintf("SELECT %s %s WHERE c.id = $1", claimColumns, claimJoins), id))
	if errors.Is(err, pgx.ErrNoRows) {
		var articleID int64
		if err := s.Pool.QueryRow(ctx, `SELECT article_id FROM retired_claims WHERE id = $1`, id).Scan(&articleID); err == nil {
			return Claim{}, &RetiredError{ID: id, ArticleID: articleID}
		}
		return Claim{}, ErrNotFound
	}
	if err != nil {
		return Claim{}, fmt.Errorf("store: get claim %d: %w", id, err)
	}
	return c, nil
}

// Chips aggregates the dated claims of a filter between two weeks into chips, one per
// claimant and question (its latest value in the week), newest week first. The dispute logic
// works on these, so a page never loads raw claims by the thousand.
func (s *Store) Chips(ctx context.Context, f ClaimFilter, fromWeek, toWeek time.Time) ([]dispute.Chip, error) {
	if f.chipsServeable() {
		return s.precomputedChips(ctx, f, fromWeek, toWeek)
	}
	var args []any
	where := f.where(&args)
	args = append(args, fromWeek, toWeek)
	n := len(args)
	q := fmt.Sprintf(`
		SELECT date_trunc('%s', c.as_of)::date AS week, c.kind, COALESCE(c.subject, ''), c.place_group,
		       (array_agg(c.value ORDER BY c.as_of DESC, c.id DESC))[1],
		       (array_agg(c.value_max ORDER BY c.as_of DESC, c.id DESC))[1],
		       (array_agg(c.qualifier ORDER BY c.as_of DESC, c.id DESC))[1], cl.slug, cl.name, cl.kind, cl.side,
		       count(DISTINCT c.outlet_id) FILTER (WHERE NOT c.syndicated), count(*),
		       (array_agg(c.id ORDER BY c.as_of DESC, c.id DESC))[1], max(c.as_of), COALESCE(c.item, ''), c.span
		FROM claims c LEFT JOIN claimants cl ON cl.id = c.claimant_id
		WHERE %s AND c.as_of >= $%d AND c.as_of < $%d
		GROUP BY 1, 2, 3, 4, 16, 17, cl.id, cl.slug, cl.name, cl.kind, cl.side
		ORDER BY 1 DESC, 2, 3, 4, 16, 17, 8`, windowUnit(f.Window), where, n-1, n)
	rows, err := s.Pool.Query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: chips: %w", err)
	}
	return scanChips(rows)
}

// scanChips reads chip rows: window, kind, subject, place group, value, value_max, qualifier,
// the claimant's slug, name, kind and side, outlets, claims, claim id, as_of.
func scanChips(rows pgx.Rows) ([]dispute.Chip, error) {
	defer rows.Close()
	// a page reads thousands of chips that repeat a few kinds, subjects, places, qualifiers
	// and claimants: each distinct text becomes one string, each claimant one value
	seen := map[string]string{}
	var kind, subject, place, qualifier, slug, name, clKind, side, item, span internedText
	for _, t := range []*internedText{&kind, &subject, &place, &qualifier, &slug, &name, &clKind, &side, &item, &span} {
		t.seen = seen
	}
	claimants := map[string]*dispute.Claimant{}
	var valueMax pgtype.Float8
	var out []dispute.Chip
	for rows.Next() {
		var ch dispute.Chip
		if err := rows.Scan(&ch.Window, &kind, &subject, &place, &ch.Value, &valueMax, &qualifier,
			&slug, &name, &clKind, &side, &ch.Outlets, &ch.Claims, &ch.ClaimID, &ch.AsOf, &item, &span); err != nil {
			return nil, fmt.Errorf("store: scan chip: %w", err)
		}
		ch.Kind, ch.Subject, ch.PlaceGroup, ch.Qualifier, ch.Item, ch.Span = kind.s, subject.s, place.s, qualifier.s, item.s, span.s
		if valueMax.Valid {
			v := valueMax.Float64
			ch.ValueMax = &v
		}
		if slug.valid {
			c := claimants[slug.s]
			if c == nil || c.Name != name.s || c.Kind != clKind.s || c.Side != side.s {
				c = &dispute.Claimant{Slug: slug.s, Name: name.s, Kind: clKind.s, Side: side.s}
				claimants[slug.s] = c
			}
			ch.Claimant = c
		}
		out = append(out, ch)
	}
	return out, rows.Err()
}

// internedText scans a text column into one string per distinct value.
type internedText struct {
	seen  map[string]string
	s     string
	valid bool
}

// ScanBytes gets the column's bytes in pgx's buffer, valid only during the call.
func (t *internedText) ScanBytes(b []byte) error {
	t.valid = b != nil
	s, ok := t.seen[string(b)] // no allocation for the look-up
	if !ok {
		s = string(b)
		t.seen[s] = s
	}
	t.s = s
	return nil
}

// LatestWeek returns the start of the newest window (week or month, per the filter) before `before` that has claims matching the
// filter, so the timeline can page by weeks that are not empty.
func (s *Store) LatestWeek(ctx context.Context, f ClaimFilter, before time.Time) (time.Time, bool, error) {
	var args []any
	where := f.where(&args)
	args = append(args, before)
	var asOf *time.Time
	err := s.Pool.QueryRow(ctx, fmt.Sprintf(`SELECT max(c.as_of) FROM claims c WHERE %s AND c.as_of < $%d`, where, len(args)), args...).Scan(&asOf)
	if err != nil {
		return time.Time{}, false, fmt.Errorf("store: latest week: %w", err)
	}
	if asOf == nil {
		return time.Time{}, false, nil
	}
	return WindowStart(*asOf, f.Window), true, nil
}

// EarliestWeekAfter returns the start of the oldest window (week or month, per the filter) on
// or after `after` that has claims matching the filter: the timeline pages back towards now.
func (s *Store) EarliestWeekAfter(ctx context.Context, f ClaimFilter, after time.Time) (time.Time, bool, error) {
	var args []any
	where := f.where(&args)
	args = append(args, after)
	var asOf *time.Time
	err := s.Pool.QueryRow(ctx, fmt.Sprintf(`SELECT min(c.as_of) FROM claims c WHERE %s AND c.as_of >= $%d`, where, len(args)), args...).Scan(&asOf)
	if err != nil {
		return time.Time{}, false, fmt.Errorf("store: earliest week: %w", err)
	}
	if asOf == nil {
		return time.Time{}, false, nil
	}
	return WindowStart(*asOf, f.Window), true, nil
}

// windowUnit is the date_trunc unit of a window; anything but "month" is a week.
func windowUnit(w string) string {
	if w == "month" {
		return "month"
	}
	return "week"
}

// WindowStart is the start of the window (week or month) that holds t.
func WindowStart(t time.Time, window string) time.Time {
	if windowUnit(window) == "month" {
		return time.Date(t.Year(), t.Month(), 1, 0, 0, 0, 0, time.UTC)
	}
	return WeekStart(t)
}

// WindowEnd is the first day after the window that starts at start.
func WindowEnd(start time.Time, window string) time.Time {
	if windowUnit(window) == "month" {
		return start.AddDate(0, 1, 0)
	}
	return start.AddDate(0, 0, 7)
}

// WeekStart is the Monday of t's ISO week, as PostgreSQL's date_trunc('week') counts it.
func WeekStart(t time.Time) time.Time {
	t = time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	wd := (int(t.Weekday()) + 6) % 7
	return t.AddDate(0, 0, -wd)
}

// TopQuestion is the question of a filter's kind with most claims under the filter.
func (s *Store) TopQuestion(ctx context.Context, f ClaimFilter) (dispute.QuestionKey, bool, error) {
	var args []any
	where := f.where(&args)
	k := dispute.QuestionKey{Kind: f.Kind}
	err := s.Pool.QueryRow(ctx, `SELECT COALESCE(c.subject, ''), c.place_group, COALESCE(c.item, ''), c.span FROM claims c
		WHERE `+where+` AND c.as_of IS NOT NULL GROUP BY 1, 2, 3, 4 ORDER BY count(*) DESC, 1, 2, 3, 4 LIMIT 1`, args...).Scan(&k.Subject, &k.PlaceGroup, &k.Item, &k.Span)
	if errors.Is(err, pgx.ErrNoRows) {
		return k, false, nil
	}
	if err != nil {
		return k, false, fmt.Errorf("store: top question: %w", err)
	}
	return k, true, nil
}

// SeriesPoint is one claimant's value for a kind in one time bucket, what the charts draw.
type SeriesPoint struct {
	Bucket   time.Time `json:"bucket"`
	Claimant *ClaimantRef
	Value    float64 `json:"value"`
	Claims   int     `json:"claims"`
}

// Series returns, for a kind, one point per claimant and bucket (day, week or month): the
// latest value the claimant gave in that bucket. With top > 0 only the claimants with most
// claims (and the outlets' own voice) are drawn, which bounds the work on a large table.
func (s *Store) Series(ctx context.Context, f ClaimFilter, bucket string, top int) ([]SeriesPoint, error) {
	switch bucket {
	case "day", "week", "month":
	default:
		return nil, fmt.Errorf("store: bucket %q: want day, week or month", bucket)
	}
	var args []any
	where := f.where(&args)
	if top > 0 && len(f.Claimants) == 0 {
		args = append(args, top)
		where += fmt.Sprintf(` AND (c.claimant_id IS NULL OR c.claimant_id IN (SELECT id FROM claimants ORDER BY claim_count DESC, id LIMIT $%d))`, len(args))
	}
	q := fmt.Sprintf(`
		SELECT DISTINCT ON (b, c.claimant_id) date_trunc('%s', c.as_of)::date AS b, cl.slug, cl.name, cl.kind, cl.side, c.value,
		       count(*) OVER (PARTITION BY date_trunc('%s', c.as_of), c.claimant_id)
		FROM claims c LEFT JOIN claimants cl ON cl.id = c.claimant_id
		WHERE %s AND c.as_of IS NOT NULL
		ORDER BY b, c.claimant_id, c.as_of DESC, c.id DESC
		LIMIT 5000`, bucket, bucket, where)
	rows, err := s.Pool.Query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: series: %w", err)
	}
	defer rows.Close()
	var out []SeriesPoint
	for rows.Next() {
		var p SeriesPoint
		var slug, name, kind, side *string
		if err := rows.Scan(&p.Bucket, &slug, &name, &kind, &side, &p.Value, &p.Claims); err != nil {
			return nil, fmt.Errorf("store: scan series: %w", err)
		}
		if slug != nil {
			p.Claimant = &ClaimantRef{Slug: *slug, Name: *name, Kind: deref(kind), Side: deref(side)}
		}
		out = append(out, p)
	}
	return out, rows.Err()
}
