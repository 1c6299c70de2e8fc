package web

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"

	"github.com/kursk/kursk/internal/dispute"
	"github.com/kursk/kursk/internal/store"
)

// apiClaim is a claim as the API writes it: the fields of CLAIMS.md plus where it was read.
type apiClaim struct {
	ID               int64            `json:"id"`
	Kind             string           `json:"kind"`
	Value            float64          `json:"value"`
	ValueMax         *float64         `json:"value_max"`
	Qualifier        string           `json:"qualifier"`
	Unit             string           `json:"unit"`
	Subject          *string          `json:"subject"`
	Claimant         *store.Claimant  `json:"claimant"`
	Via              *string          `json:"via"`
	AsOf             *string          `json:"as_of"`
	Since            *string          `json:"since"`
	Item             *string          `json:"item"`
	Question         string           `json:"question"`
	Place            *string          `json:"place"`
	PlaceGroup       string           `json:"place_group"`
	Evidence         string           `json:"evidence"`
	SpanStart        int              `json:"span_start"`
	SpanEnd          int              `json:"span_end"`
	ExtractorVersion int              `json:"extractor_version"`
	Source           *store.OutletRef `json:"source"`
	Article          apiArticleRef    `json:"article"`
	Link             string           `json:"link"`
}

type apiArticleRef struct {
	ID         int64   `json:"id"`
	URL        *string `json:"url"`
	Title      string  `json:"title"`
	Published  *string `json:"published"`
	Syndicated bool    `json:"syndicated"`
	Link       string  `json:"link"`
}

// list is the envelope of every list.
type list[T any] struct {
	Data       []T     `json:"data"`
	NextCursor *string `json:"next_cursor"`
}

// writeList writes a whole list (no next page); nothing is written as [], not null.
func writeList[T any](w http.ResponseWriter, data []T) {
	if data == nil {
		data = []T{}
	}
	writeJSON(w, http.StatusOK, list[T]{Data: data})
}

func isoDate(t *time.Time) *string {
	if t == nil {
		return nil
	}
	s := t.Format("2006-01-02")
	return &s
}

// questionOf is the question a claim answers.
func questionOf(c store.Claim) dispute.QuestionKey {
	return dispute.QuestionKey{Kind: c.Kind, Subject: str(c.Subject), PlaceGroup: c.PlaceGroup, Item: str(c.Item), Span: c.Span}
}

func toAPI(c store.Claim, claimants map[string]*store.Claimant) apiClaim {
	a := apiClaim{ID: c.ID, Kind: c.Kind, Value: c.Value, ValueMax: c.ValueMax, Qualifier: c.Qualifier, Unit: c.Unit,
		Subject: c.Subject, Via: c.Via, AsOf: isoDate(c.AsOf), Since: isoDate(c.Since), Item: c.Item,
		Question: questionOf(c).String(), Place: c.Place, PlaceGroup: c.PlaceGroup, Evidence: c.Evidence,
		SpanStart: c.SpanStart, SpanEnd: c.SpanEnd, ExtractorVersion: c.ExtractorVersion, Source: c.Outlet,
		Article: apiArticleRef{ID: c.ArticleID, URL: c.ArticleURL, Title: c.ArticleTitle, Published: isoDate(c.Published),
			Syndicated: c.Syndicated, Link: "/articles/" + strconv.FormatInt(c.ArticleID, 10)},
		Link: "/claims/" + strconv.FormatInt(c.ID, 10)}
	if c.Claimant != nil {
		if full, ok := claimants[c.Claimant.Slug]; ok {
			a.Claimant = full
		} else {
			a.Claimant = &store.Claimant{Slug: c.Claimant.Slug, Name: c.Claimant.Name, Kind: c.Claimant.Kind, Aliases: []string{}}
		}
	}
	return a
}

func (s *Server) toAPIList(r *http.Request, claims []store.Claim) ([]apiClaim, error) {
	cls, err := s.everyClaimant(r.Context())
	if err != nil {
		return nil, err
	}
	for _, c := range claims {
		if c.Claimant != nil && cls[c.Claimant.Slug] == nil { // newer than the map: read it again
			s.claimants.clear()
			if cls, err = s.everyClaimant(r.Context()); err != nil {
				return nil, err
			}
			break
		}
	}
	out := make([]apiClaim, len(claims))
	for i, c := range claims {
		out[i] = toAPI(c, cls)
	}
	return out, nil
}

func (s *Server) apiClaims(w http.ResponseWriter, r *http.Request) {
	f, err := s.pageFilter(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if wantsNDJSON(r) {
		s.streamNDJSON(w, r, f)
		return
	}
	// the page is built where the etag middleware buffers replies, or else in a buffer of ours
	var start []byte
	if ab, ok := w.(interface{ AvailableBuffer() []byte }); ok {
		start = ab.AvailableBuffer()
	} else {
		bp := replyBuffers.Get().(*[]byte)
		defer func() { putReplyBuffer(bp, start) }()
		start = (*bp)[:0]
	}
	claimants, err := s.everyClaimant(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	page := claimPage{b: append(start, `{"data":[`...), cw: claimWriter{claimants: claimants}}
	next, err := s.store.ClaimRows(r.Context(), f, page.add)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if page.cw.missed {
		s.claimants.clear() // a claimant newer than the map: the next reply reads them again
	}
	b := page.end(encodeCursor(next, f.Sort, s.cursorKey(r)))
	h := w.Header()
	h["Content-Type"], h["Cache-Control"] = jsonType, publicFor30s
	w.WriteHeader(http.StatusOK)
	w.Write(b)
	start = b
}

// everyClaimant gives the full object of every claimant by slug, for the claims the API
// writes, read at most every 10 s. A list reads it before its rows: a look-up while the rows
// hold their connection would wait for a second one, and many lists at once could exhaust the
// pool. A claimant newer than the map is written from its claim's row (no aliases, no count)
// in that list, and makes the next reply read the map again.
func (s *Server) everyClaimant(ctx context.Context) (map[string]*store.Claimant, error) {
	v, err := s.claimants.get("every", func() (any, error) {
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second) // may outlive the request
		defer cancel()
		all, err := s.store.AllClaimants(ctx)
		if err != nil {
			return nil, err
		}
		bySlug := make(map[string]*store.Claimant, len(all))
		for i := range all {
			bySlug[all[i].Slug] = &all[i]
		}
		return bySlug, nil
	})
	if err != nil {
		return nil, err
	}
	return v.(map[string]*store.Claimant), nil
}

// pageFilter reads the filter and the page of a claims list from the query string.
func (s *Server) pageFilter(r *http.Request) (store.ClaimFilter, error) {
	q := r.URL.Query()
	f, _, err := s.filter(r, q)
	if err == nil {
		err = parsePage(q, &f, s.cursorKey(r))
	}
	return f, err
}

// claimPage builds a page of claims, as writeJSON writes a list[apiClaim], through the
// hand-written encoder.
type claimPage struct {
	b  []byte // from {"data":[ on
	n  int
	cw claimWriter
}

func (l *claimPage) add(c *store.ClaimRow) error {
	if l.n++; l.n > 1 {
		l.b = append(l.b, ',')
	}
	l.b = l.cw.append(l.b, c)
	return nil
}

func (l *claimPage) end(next *string) []byte {
	l.b = append(l.b, `],"next_cursor":`...)
	l.b = appendJSONStringPtr(l.b, next)
	return append(l.b, "}\n"...)
}

// streamNDJSON writes every claim of the filter, one JSON object per line, as the rows come.
func (s *Server) streamNDJSON(w http.ResponseWriter, r *http.Request, f store.ClaimFilter) {
	w.Header().Set("Content-Type", "application/x-ndjson")
	w.Header().Set("Cache-Control", "no-store")
	flusher, _ := w.(http.Flusher)
	n := 0
	claimants, err := s.everyClaimant(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var b []byte
	cw := claimWriter{claimants: claimants}
	keepWriting(w)
	err = s.store.EachClaimRow(r.Context(), f, func(c *store.ClaimRow) error {
		if n++; n%500 == 0 {
			keepWriting(w)
			if flusher != nil {
				flusher.Flush()
			}
		}
		b = append(cw.append(b[:0], c), '\n')
		_, err := w.Write(b)
		return err
	})
	if cw.missed {
		s.claimants.clear()
	}
	if err != nil && n == 0 {
		s.fail(w, r, err)
		return
	}
	if err != nil {
		s.log.Error("ndjson export cut short", "err", err, "rows", n)
		panic(http.ErrAbortHandler) // the reply ends without its last chunk: the client sees it is cut
	}
}

var csvHeader = []string{"id", "kind", "value", "value_max", "qualifier", "unit", "subject", "claimant", "claimant_slug", "via", "as_of",
	"place", "place_group", "source", "source_slug", "article_id", "article_url", "evidence"}

func (s *Server) apiClaimsCSV(w http.ResponseWriter, r *http.Request) {
	f, err := s.pageFilter(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="kursk-claims.csv"`)
	w.Header().Set("Cache-Control", "no-store")
	cw := csv.NewWriter(w)
	cw.Write(csvHeader)
	n := 0
	keepWriting(w)
	err = s.store.EachClaim(r.Context(), f, func(c store.Claim) error {
		if n++; n%500 == 0 {
			keepWriting(w)
		}
		row := []string{strconv.FormatInt(c.ID, 10), c.Kind, num(c.Value), numPtr(c.ValueMax), c.Qualifier, c.Unit, str(c.Subject), "", "",
			str(c.Via), str(isoDate(c.AsOf)), str(c.Place), c.PlaceGroup, "", "", strconv.FormatInt(c.ArticleID, 10), str(c.ArticleURL), csvSafe(c.Evidence)}
		if c.Claimant != nil {
			row[7], row[8] = csvSafe(c.Claimant.Name), c.Claimant.Slug
		}
		if c.Outlet != nil {
			row[13], row[14] = csvSafe(c.Outlet.Name), c.Outlet.Slug
		}
		return cw.Write(row)
	})
	if err != nil && n == 0 { // nothing sent yet: a proper error instead
		s.fail(w, r, err)
		return
	}
	cw.Flush()
	if err != nil {
		s.log.Error("csv export cut short", "err", err, "rows", n)
		panic(http.ErrAbortHandler) // the reply ends without its last chunk: the client sees it is cut
	}
}

// csvSafe keeps a spreadsheet from running a cell as a formula.
func csvSafe(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

func num(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

func numPtr(v *float64) string {
	if v == nil {
		return ""
	}
	return num(*v)
}

func str(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func (s *Server) apiClaim(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		problem(w, http.StatusNotFound, "claim ids are positive whole numbers")
		return
	}
	c, err := s.store.GetClaim(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	data, err := s.toAPIList(r, []store.Claim{c})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, data[0])
}

type apiArticle struct {
	ID           int64            `json:"id"`
	URL          *string          `json:"url"`
	Title        string           `json:"title"`
	Author       string           `json:"author"`
	Published    *string          `json:"published"`
	IngestedAt   time.Time        `json:"ingested_at"`
	Source       *store.OutletRef `json:"source"`
	SyndicatedOf *int64           `json:"syndicated_of"`
	ClaimCount   int              `json:"claim_count"`
	Link         string           `json:"link"`
	Body         *string          `json:"body,omitempty"`
	Claims       []apiClaim       `json:"claims,omitempty"`
}

func articleToAPI(a store.Article) apiArticle {
	return apiArticle{ID: a.ID, URL: a.URL, Title: a.Title, Author: a.Author, Published: isoDate(a.Published), IngestedAt: a.IngestedAt,
		Source: a.Outlet, SyndicatedOf: a.SyndicatedOf, ClaimCount: a.Claims, Link: fmt.Sprintf("/articles/%d", a.ID)}
}

func (s *Server) apiArticles(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := store.ArticleFilter{Source: q.Get("source"), Limit: 50}
	pf := store.ClaimFilter{}
	if err := parsePage(q, &pf, s.cursorKey(r)); err != nil {
		s.fail(w, r, err)
		return
	}
	f.Limit = pf.Limit
	if pf.After != nil {
		f.AfterID = pf.After.ID
	}
	arts, next, err := s.store.ListArticles(r.Context(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := list[apiArticle]{Data: make([]apiArticle, len(arts))}
	for i, a := range arts {
		out.Data[i] = articleToAPI(a)
	}
	if next > 0 {
		out.NextCursor = encodeCursor(&store.Cursor{ID: next}, "as_of", s.cursorKey(r))
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) apiArticle(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		problem(w, http.StatusNotFound, "article ids are positive whole numbers")
		return
	}
	a, err := s.store.GetArticle(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	claims, _, err := s.store.ListClaims(r.Context(), store.ClaimFilter{ArticleID: id, Limit: 500})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := articleToAPI(a)
	out.Body = &a.Body
	if out.Claims, err = s.toAPIList(r, claims); err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) apiClaimants(w http.ResponseWriter, r *http.Request) {
	cs, err := s.claimantsWithRecords(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeList(w, cs)
}

func (s *Server) apiClaimant(w http.ResponseWriter, r *http.Request) {
	c, err := s.store.GetClaimant(r.Context(), chi.URLParam(r, "slug"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if c.TrackRecord, err = s.trackRecord(r.Context(), c.ID); err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, c)
}

func (s *Server) apiSources(w http.ResponseWriter, r *http.Request) {
	os, err := s.store.ListOutlets(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	writeList(w, os)
}

type apiSeries struct {
	Claimant *dispute.Claimant `json:"claimant"`
	Points   []apiPoint        `json:"points"`
}

type apiPoint struct {
	Bucket string  `json:"bucket"`
	Value  float64 `json:"value"`
	Claims int     `json:"claims"`
}

func (s *Server) apiTimeline(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f, _, err := s.filter(r, q)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if f.Kind == "" {
		problem(w, http.StatusBadRequest, "kind is required: the timeline draws one kind at a time")
		return
	}
	bucket := q.Get("bucket")
	switch bucket {
	case "":
		bucket = "week"
	case "day", "week", "month":
	default:
		problem(w, http.StatusBadRequest, fmt.Sprintf("unknown bucket %q: use day, week or month", clip(bucket)))
		return
	}
	points, err := s.store.Series(r.Context(), f, bucket, 0)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := list[apiSeries]{Data: []apiSeries{}}
	idx := map[string]int{}
	for _, p := range points {
		key := ""
		var cl *dispute.Claimant
		if p.Claimant != nil {
			key = p.Claimant.Slug
			cl = &dispute.Claimant{Slug: p.Claimant.Slug, Name: p.Claimant.Name, Kind: p.Claimant.Kind, Side: p.Claimant.Side}
		}
		i, ok := idx[key]
		if !ok {
			i = len(out.Data)
			idx[key] = i
			out.Data = append(out.Data, apiSeries{Claimant: cl})
		}
		out.Data[i].Points = append(out.Data[i].Points, apiPoint{Bucket: p.Bucket.Format("2006-01-02"), Value: p.Value, Claims: p.Claims})
	}
	writeJSON(w, http.StatusOK, out)
}

// PostedArticle is an article sent to the API: a URL to fetch, or the article itself.
type PostedArticle struct {
	URL       string `json:"url"`
	Outlet    string `json:"outlet"`
	Title     string `json:"title"`
	Author    string `json:"author"`
	Published string `json:"published"`
	Body      string `json:"body"`
}

// JobRef is a queued ingest job as the API reports it.
type JobRef struct {
	ID        int64    `json:"id"`
	State     string   `json:"state"`
	Attempt   int      `json:"attempt"`
	Errors    []string `json:"errors"`
	ArticleID *int64   `json:"article_id"`
	Poll      string   `json:"poll"`
}

func (s *Server) apiPostArticle(w http.ResponseWriter, r *http.Request) {
	if s.cfg.Enqueue == nil {
		problem(w, http.StatusServiceUnavailable, "this server runs no ingest queue")
		return
	}
	if ct := r.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		problem(w, http.StatusUnsupportedMediaType, "send the article as application/json")
		return
	}
	var a PostedArticle
	if err := decodeJSON(r, &a); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			problem(w, http.StatusRequestEntityTooLarge, "the body is larger than 1 MB")
			return
		}
		problem(w, http.StatusBadRequest, "the body is not the JSON article expected: "+err.Error())
		return
	}
	for _, f := range []struct{ name, v string }{{"url", a.URL}, {"outlet", a.Outlet}, {"title", a.Title}, {"published", a.Published}, {"body", a.Body}} {
		if err := textError(f.name, f.v); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	if a.Body == "" && a.URL == "" {
		problem(w, http.StatusBadRequest, "send a url to fetch, or a body (with url, outlet, title, published as you have them)")
		return
	}
	if a.URL != "" {
		u, err := url.Parse(a.URL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			problem(w, http.StatusBadRequest, "url must be an http(s) address")
			return
		}
	}
	if a.Published != "" {
		if _, err := time.Parse("2006-01-02", a.Published); err != nil {
			problem(w, http.StatusBadRequest, "published must be a date written as YYYY-MM-DD")
			return
		}
	}
	job, err := s.cfg.Enqueue(r.Context(), a)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	job.Poll = fmt.Sprintf("/api/v1/jobs/%d", job.ID)
	w.Header().Set("Location", job.Poll)
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusAccepted, job)
}

func (s *Server) apiJob(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok || s.cfg.JobStatus == nil {
		problem(w, http.StatusNotFound, "no such job")
		return
	}
	job, err := s.cfg.JobStatus(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	job.Poll = fmt.Sprintf("/api/v1/jobs/%d", job.ID)
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, job)
}

// apiJobs lists the newest ingest jobs (a state filter is optional) with their last error.
func (s *Server) apiJobs(w http.ResponseWriter, r *http.Request) {
	state := r.URL.Query().Get("state")
	switch state {
	case "", "available", "scheduled", "running", "retryable", "completed", "cancelled", "discarded", "pending":
	default:
		problem(w, http.StatusBadRequest, fmt.Sprintf("unknown state %q: use available, scheduled, running, retryable, completed, cancelled or discarded", clip(state)))
		return
	}
	jobs, err := s.store.ListJobs(r.Context(), state, 100)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	writeList(w, jobs)
}

func (s *Server) apiPostAlias(w http.ResponseWriter, r *http.Request) {
	var body struct {
		Alias string `json:"alias"`
	}
	if err := decodeJSON(r, &body); err != nil || strings.TrimSpace(body.Alias) == "" || len(body.Alias) > 200 {
		problem(w, http.StatusBadRequest, `send {"alias": "another spelling"} (1 to 200 characters)`)
		return
	}
	if err := textError("alias", body.Alias); err != nil {
		s.fail(w, r, err)
		return
	}
	c, err := s.store.AddAlias(r.Context(), chi.URLParam(r, "slug"), strings.TrimSpace(body.Alias))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.names.clear()
	s.claimants.clear()
	s.pages.clear()
	w.Header().Set("Cache-Control", "no-store")
	writeJSON(w, http.StatusOK, c)
}
