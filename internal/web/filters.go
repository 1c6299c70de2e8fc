package web

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/kursk/kursk/internal/extract"
	"github.com/kursk/kursk/internal/store"
	views "github.com/kursk/kursk/web"
)

// inputError is a request parameter a user must fix; it becomes a 400 with this sentence.
type inputError struct{ msg string }

func (e inputError) Error() string { return e.msg }

func badInput(format string, args ...any) error { return inputError{fmt.Sprintf(format, args...)} }

const maxQueryLen = 200

// The query parameters each list of the API takes.
var (
	filterParams   = []string{"kind", "subject", "claimant", "source", "place", "from", "to", "q", "min_value", "max_value", "known_by"}
	claimParams    = append(slices.Clone(filterParams), "limit", "cursor", "sort")
	timelineParams = append(slices.Clone(filterParams), "bucket")
	articleParams  = []string{"source", "limit", "cursor"}
	disputeParams  = []string{"kind", "subject", "claimant", "place", "from", "to", "known_by", "sort", "limit", "cursor"}
)

// resolveClaimants turns the claimant names of a filter into ids, through a short-lived cache:
// names change owners only when aliases are merged.
func (s *Server) resolveClaimants(r *http.Request, f *store.ClaimFilter) error {
	if len(f.Claimants) == 0 {
		return nil
	}
	v, err := s.names.get(strings.Join(f.Claimants, "\x00"), func() (any, error) {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		return s.store.ResolveClaimants(ctx, f.Claimants)
	})
	if err != nil {
		return err
	}
	f.ClaimantIDs = v.([]int64)
	return nil
}

// resolveSources turns the source slugs of a filter into outlet ids, through the same cache.
func (s *Server) resolveSources(f *store.ClaimFilter) error {
	if len(f.Sources) == 0 {
		return nil
	}
	v, err := s.names.get("sources\x00"+strings.Join(f.Sources, "\x00"), func() (any, error) {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		return s.store.ResolveSources(ctx, f.Sources)
	})
	if err != nil {
		return err
	}
	f.SourceIDs = v.([]int64)
	return nil
}

// filter reads the claim filters of a request and resolves its claimants; the question window
// is the server's unless the request asks for week or month.
func (s *Server) filter(r *http.Request, q url.Values) (store.ClaimFilter, views.Filter, error) {
	f, vf, err := parseFilter(q)
	if err == nil {
		err = s.resolveClaimants(r, &f)
	}
	if err == nil {
		err = s.resolveSources(&f)
	}
	switch w := q.Get("window"); w {
	case "":
		f.Window = s.cfg.Window
	case "week", "month":
		f.Window, vf.Window = w, w
	default:
		if err == nil {
			err = badInput("unknown window %q: use week or month", clip(w))
		}
	}
	return f, vf, err
}

// parseFilter reads the claim filters shared by the pages and the API from a query string.
func parseFilter(q url.Values) (store.ClaimFilter, views.Filter, error) {
	var f store.ClaimFilter
	vf := views.Filter{Kind: q.Get("kind"), Subject: q.Get("subject"), Place: q.Get("place"), From: q.Get("from"), To: q.Get("to"), Q: q.Get("q"),
		KnownBy: q.Get("known_by")}
	if vf.Kind != "" && !slices.Contains(extract.Kinds, vf.Kind) {
		return f, vf, badInput("unknown kind %q: use one of %s", clip(vf.Kind), strings.Join(extract.Kinds, ", "))
	}
	f.Kind = vf.Kind
	switch vf.Subject {
	case "", "UA", "RU", "KP", "none":
		f.Subject = vf.Subject
	default:
		return f, vf, badInput("unknown subject %q: use UA, RU, KP or none", clip(vf.Subject))
	}
	switch vf.Place {
	case "", "kursk", "elsewhere":
		f.Place = vf.Place
	default:
		return f, vf, badInput("unknown place %q: use kursk or elsewhere", clip(vf.Place))
	}
	for _, c := range q["claimant"] {
		if c = strings.TrimSpace(c); c != "" {
			if len(c) > maxQueryLen {
				return f, vf, badInput("claimant is longer than %d characters", maxQueryLen)
			}
			vf.Claimants = append(vf.Claimants, c)
		}
	}
	for _, s := range q["source"] {
		if s = strings.TrimSpace(s); s != "" {
			if len(s) > maxQueryLen {
				return f, vf, badInput("source is longer than %d characters", maxQueryLen)
			}
			vf.Sources = append(vf.Sources, s)
		}
	}
	if len(vf.Claimants) > 50 || len(vf.Sources) > 50 {
		return f, vf, badInput("at most 50 claimants and 50 sources per request")
	}
	f.Claimants, f.Sources = vf.Claimants, vf.Sources
	var err error
	if f.From, err = parseDay("from", vf.From); err != nil {
		return f, vf, err
	}
	if f.To, err = parseDay("to", vf.To); err != nil {
		return f, vf, err
	}
	if f.KnownBy, err = parseDay("known_by", q.Get("known_by")); err != nil {
		return f, vf, err
	}
	if !f.From.IsZero() && !f.To.IsZero() && f.To.Before(f.From) {
		return f, vf, badInput("to (%s) is before from (%s)", vf.To, vf.From)
	}
	if len(vf.Q) > maxQueryLen {
		return f, vf, badInput("q is longer than %d characters", maxQueryLen)
	}
	f.Q = strings.TrimSpace(vf.Q)
	if f.MinValue, err = parseNumber("min_value", q.Get("min_value")); err != nil {
		return f, vf, err
	}
	if f.MaxValue, err = parseNumber("max_value", q.Get("max_value")); err != nil {
		return f, vf, err
	}
	return f, vf, nil
}

func clip(s string) string {
	if len(s) > 40 {
		return s[:40] + "..."
	}
	return s
}

func parseDay(name, v string) (time.Time, error) {
	if v == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse("2006-01-02", v)
	if err != nil {
		return time.Time{}, badInput("%s %q is not a date: write it as YYYY-MM-DD", name, clip(v))
	}
	return t, nil
}

func parseNumber(name, v string) (*float64, error) {
	if v == "" {
		return nil, nil
	}
	x, err := strconv.ParseFloat(v, 64)
	if err != nil || x != x {
		return nil, badInput("%s %q is not a number", name, clip(v))
	}
	if x > 1e15 || x < -1e15 {
		return nil, badInput("%s %q is out of range: use a number from -1e15 to 1e15", name, clip(v))
	}
	return &x, nil
}

// parsePage reads limit, sort and cursor for a list of claims.
func parsePage(q url.Values, f *store.ClaimFilter, key []byte) error {
	f.Limit = 50
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return badInput("limit %q is not a whole number from 1 to 500", clip(v))
		}
		if n > 500 {
			return badInput("limit %d is over the maximum of 500", n)
		}
		f.Limit = n
	}
	switch s := q.Get("sort"); s {
	case "", "as_of":
		f.Sort = "as_of"
	case "value":
		f.Sort = "value"
	default:
		return badInput("unknown sort %q: use as_of or value", clip(s))
	}
	if c := q.Get("cursor"); c != "" {
		cur, sort, err := decodeCursor(c, key)
		if err != nil {
			return err
		}
		if sort != f.Sort {
			return badInput("the cursor belongs to sort=%s, not sort=%s", sort, f.Sort)
		}
		f.After = &cur
	}
	return nil
}

// cursorBody is what an opaque cursor carries.
type cursorBody struct {
	Sort  string  `json:"s"`
	AsOf  string  `json:"d,omitempty"`
	Value float64 `json:"v"`
	ID    int64   `json:"i"`
}

// appendCursorBody writes what json.Marshal writes for the cursorBody of c, without reflection.
func appendCursorBody(b []byte, c *store.Cursor, sort string) []byte {
	b = appendJSONText(append(b, `{"s":`...), sort)
	if c.AsOf != nil {
		b = appendJSONDate(append(b, `,"d":`...), c.AsOf)
	}
	b = appendJSONFloat(append(b, `,"v":`...), c.Value)
	b = strconv.AppendInt(append(b, `,"i":`...), c.ID, 10)
	return append(b, '}')
}

// encodeCursor writes a cursor as base64 JSON with an HMAC, so a tampered one is refused.
func encodeCursor(c *store.Cursor, sort string, key []byte) *string {
	if c == nil {
		return nil
	}
	raw := appendCursorBody(make([]byte, 0, 64), c, sort)
	mac := hmac.New(sha256.New, key)
	mac.Write(raw)
	s := base64.RawURLEncoding.EncodeToString(raw) + "." + base64.RawURLEncoding.EncodeToString(mac.Sum(nil)[:16])
	return &s
}

func decodeCursor(s string, key []byte) (store.Cursor, string, error) {
	bad := badInput("the cursor is not one this server handed out for this list and these filters: use next_cursor from a previous reply as it is, with the same parameters")
	body, sig, ok := strings.Cut(s, ".")
	if !ok || len(s) > 300 {
		return store.Cursor{}, "", bad
	}
	raw, err1 := base64.RawURLEncoding.DecodeString(body)
	got, err2 := base64.RawURLEncoding.DecodeString(sig)
	if err1 != nil || err2 != nil {
		return store.Cursor{}, "", bad
	}
	mac := hmac.New(sha256.New, key)
	mac.Write(raw)
	if !hmac.Equal(mac.Sum(nil)[:16], got) {
		return store.Cursor{}, "", bad
	}
	var b cursorBody
	if err := json.Unmarshal(raw, &b); err != nil {
		return store.Cursor{}, "", bad
	}
	c := store.Cursor{Value: b.Value, ID: b.ID}
	if b.AsOf != "" {
		t, err := time.Parse("2006-01-02", b.AsOf)
		if err != nil {
			return store.Cursor{}, "", bad
		}
		c.AsOf = &t
	}
	return c, b.Sort, nil
}

// cursorKey is the key a list's cursors are signed with: the server's, bound to the endpoint
// and the query less its cursor, so that a cursor serves only the list it came from.
func (s *Server) cursorKey(r *http.Request) []byte {
	q := r.URL.Query()
	q.Del("cursor")
	mac := hmac.New(sha256.New, s.cfg.CursorKey)
	mac.Write([]byte(r.URL.Path + "\x00" + q.Encode()))
	return mac.Sum(nil)
}

// listCursor is the cursor of an offset in a list other than claims: signed with the endpoint
// and the query it was given for (less the cursor), so it serves only the same list.
func (s *Server) listCursor(r *http.Request, offset int) *string {
	raw := strconv.Itoa(offset)
	c := base64.RawURLEncoding.EncodeToString([]byte(raw)) + "." + base64.RawURLEncoding.EncodeToString(s.listMAC(r, raw))
	return &c
}

// openListCursor checks a cursor made by listCursor for this endpoint and query.
func (s *Server) openListCursor(r *http.Request, c string) (int, error) {
	bad := badInput("the cursor is not one this server handed out for this list and these filters: use next_cursor from a previous reply as it is")
	body, sig, ok := strings.Cut(c, ".")
	raw, err1 := base64.RawURLEncoding.DecodeString(body)
	got, err2 := base64.RawURLEncoding.DecodeString(sig)
	if !ok || len(c) > 300 || err1 != nil || err2 != nil || !hmac.Equal(s.listMAC(r, string(raw)), got) {
		return 0, bad
	}
	n, err := strconv.Atoi(string(raw))
	if err != nil || n < 0 {
		return 0, bad
	}
	return n, nil
}

func (s *Server) listMAC(r *http.Request, raw string) []byte {
	q := r.URL.Query()
	q.Del("cursor")
	mac := hmac.New(sha256.New, s.cfg.CursorKey)
	mac.Write([]byte(r.URL.Path + "\x00" + q.Encode() + "\x00" + raw))
	return mac.Sum(nil)[:16]
}
