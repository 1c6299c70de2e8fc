package store

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// ClaimRow is a claim as PostgreSQL sent it, for lists written straight to a client: its text
// fields are the bytes of the reply (nil for NULL), so reading a row makes no Claim and no
// string. A row, and all it points to, is valid only while the function given it runs.
type ClaimRow struct {
	ID, ArticleID                                          int64
	Value                                                  float64
	ValueMax                                               *float64
	Kind, Qualifier, Unit, Subject, Via, Item, Span        []byte
	Place, PlaceGroup, Evidence                            []byte
	ClaimantSlug, ClaimantName, ClaimantKind, ClaimantSide []byte // nil slug: no claimant
	OutletSlug, OutletName, OutletURL                      []byte // nil slug: no outlet
	ArticleURL, ArticleTitle                               []byte
	AsOf, Published, Since                                 *time.Time
	SpanStart, SpanEnd, ExtractorVersion                   int
	Syndicated                                             bool

	valueMax               float64 // what ValueMax, AsOf and Published point to
	asOf, published, since time.Time
}

// decode fills r from the bytes of a row (see rawValues).
func (r *ClaimRow) decode(v [][]byte) {
	*r = ClaimRow{ID: int64(binary.BigEndian.Uint64(v[0])), ArticleID: int64(binary.BigEndian.Uint64(v[1])),
		Value: math.Float64frombits(binary.BigEndian.Uint64(v[3])),
		Kind:  v[2], Qualifier: v[5], Unit: v[6], Subject: v[7], Via: v[8], Place: v[10], PlaceGroup: v[11], Evidence: v[12],
		ClaimantSlug: v[16], ClaimantName: v[17], ClaimantKind: v[18], ClaimantSide: v[19],
		OutletSlug: v[20], OutletName: v[21], OutletURL: v[22], ArticleURL: v[23], ArticleTitle: v[24],
		SpanStart: int(int32(binary.BigEndian.Uint32(v[13]))), SpanEnd: int(int32(binary.BigEndian.Uint32(v[14]))),
		ExtractorVersion: int(int32(binary.BigEndian.Uint32(v[15]))), Syndicated: v[26][0] == 1, Item: v[27], Span: v[29]}
	if len(v[4]) == 8 {
		r.valueMax = math.Float64frombits(binary.BigEndian.Uint64(v[4]))
		r.ValueMax = &r.valueMax
	}
	if d := binaryDate(v[9]); d.Valid && d.InfinityModifier == 0 {
		r.asOf = d.Time
		r.AsOf = &r.asOf
	}
	if d := binaryDate(v[25]); d.Valid && d.InfinityModifier == 0 {
		r.published = d.Time
		r.Published = &r.published
	}
	if d := binaryDate(v[28]); d.Valid && d.InfinityModifier == 0 {
		r.since = d.Time
		r.Since = &r.since
	}
}

// RowOf gives the row a claim was read from. It is how rows are made when pgx scans the
// columns (a connection that gets text, for one), and how tests make rows.
func RowOf(c *Claim) ClaimRow {
	r := ClaimRow{ID: c.ID, ArticleID: c.ArticleID, Value: c.Value, ValueMax: c.ValueMax,
		Kind: []byte(c.Kind), Qualifier: []byte(c.Qualifier), Unit: []byte(c.Unit), Subject: nullable(c.Subject),
		Via: nullable(c.Via), Place: nullable(c.Place), PlaceGroup: []byte(c.PlaceGroup), Evidence: []byte(c.Evidence),
		ArticleURL: nullable(c.ArticleURL), ArticleTitle: []byte(c.ArticleTitle), AsOf: c.AsOf, Published: c.Published,
		Item: nullable(c.Item), Since: c.Since, Span: []byte(c.Span),
		SpanStart: c.SpanStart, SpanEnd: c.SpanEnd, ExtractorVersion: c.ExtractorVersion, Syndicated: c.Syndicated}
	if c.Claimant != nil {
		r.ClaimantSlug, r.ClaimantName, r.ClaimantKind = []byte(c.Claimant.Slug), []byte(c.Claimant.Name), []byte(c.Claimant.Kind)
		r.ClaimantSide = []byte(c.Claimant.Side)
	}
	if c.Outlet != nil {
		r.OutletSlug, r.OutletName, r.OutletURL = []byte(c.Outlet.Slug), []byte(c.Outlet.Name), nullable(c.Outlet.URL)
	}
	return r
}

// nullable gives the bytes of a nullable text: nil for NULL, never nil for "".
func nullable(s *string) []byte {
	if s == nil {
		return nil
	}
	return append([]byte{}, *s...)
}

// ClaimRows gives fn the rows of one page of claims, in order, and returns the cursor of the
// next page (nil at the end). An error from fn stops the reading and is returned.
func (s *Store) ClaimRows(ctx context.Context, f ClaimFilter, fn func(*ClaimRow) error) (*Cursor, error) {
	q, args, pool := s.page(&f)
	var (
		n        int
		more     bool // a row past the page came
		last     Cursor
		lastAsOf time.Time // what last.AsOf points to: the row's is reused
	)
	err := eachRow(ctx, pool, q, args, &claimScanner{}, func(r *ClaimRow) error {
		if n++; n > f.Limit {
			more = true
			return errEnough
		}
		last = Cursor{Value: r.Value, ID: r.ID}
		if r.AsOf != nil {
			lastAsOf = *r.AsOf
			last.AsOf = &lastAsOf
		}
		return fn(r)
	})
	if err != nil {
		return nil, fmt.Errorf("store: list claims: %w", err)
	}
	if !more {
		return nil, nil
	}
	return &last, nil
}

// EachClaimRow streams the rows of every claim of a filter, in order, without holding them.
func (s *Store) EachClaimRow(ctx context.Context, f ClaimFilter, fn func(*ClaimRow) error) error {
	q, args := f.streamQuery()
	if err := eachRow(ctx, s.Pool, q, args, &claimScanner{}, fn); err != nil {
		return fmt.Errorf("store: stream claims: %w", err)
	}
	return nil
}

// errEnough stops eachRow without an error.
var errEnough = errors.New("enough rows")

// eachRow runs a statement of claimColumns and gives fn each row, decoded from its bytes or,
// when they are not what probe.decodes expects (or probe.scanOnly, for tests), scanned by pgx.
func eachRow(ctx context.Context, pool *pgxpool.Pool, q string, args []any, probe *claimScanner, fn func(*ClaimRow) error) error {
	rows, err := pool.Query(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	var row ClaimRow
	var scanner *claimScanner
	for rows.Next() {
		if probe.decodes(rows) {
			v, err := rawValues(rows)
			if err != nil {
				return err
			}
			row.decode(v)
		} else {
			if scanner == nil {
				scanner = newClaimScanner()
			}
			c, err := scanner.scan(rows)
			if err != nil {
				return err
			}
			row = RowOf(&c)
		}
		if err := fn(&row); err == errEnough {
			return nil
		} else if err != nil {
			return err
		}
	}
	return rows.Err()
}
