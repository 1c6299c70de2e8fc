package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/go-chi/chi/v5"

	"github.com/kursk/kursk/internal/dispute"
	"github.com/kursk/kursk/internal/store"
	views "github.com/kursk/kursk/web"
)

// leadDisputes is how many disputes open the timeline: the widest of the last currentDays days
// that have disputes.
const (
	leadDisputes = 3
	currentDays  = 180
)

// weeksPerPage is how many non-empty weeks one timeline page shows.
const weeksPerPage = 3

// chartClaimants bounds the claimants a page chart considers to those with most claims; the
// chart draws at most views.MaxSeries lines anyway.
const chartClaimants = 15

// chartKinds are the kinds drawn as charts, with their unit.
var chartKinds = map[string]string{
	"territory_held": "km²", "territory_gained": "km²", "territory_lost": "km²",
	"troops": "people", "killed": "people", "wounded": "people", "casualties": "people", "prisoners": "people",
}

// pageError shows a store error as an HTML page.
func (s *Server) pageError(w http.ResponseWriter, r *http.Request, err error) {
	status, msg := storeStatus(err)
	if status >= 500 {
		s.log.Error("page failed", "path", r.URL.Path, "err", err)
	}
	if status == http.StatusNotFound {
		s.render(w, r, status, views.NotFound("There is nothing at this address."))
		return
	}
	s.render(w, r, status, views.ErrorPage(status, msg))
}

func (s *Server) timeline(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	f, vf, err := s.filter(r, r.URL.Query())
	if vf.Window == "" {
		vf.Window = f.Window
	}
	p := views.TimelinePage{Filter: vf}
	status := http.StatusOK
	if err != nil {
		var in inputError
		if !errors.As(err, &in) {
			s.pageError(w, r, err)
			return
		}
		p.Error = in.msg
		status = http.StatusBadRequest
		f = store.ClaimFilter{}
	}
	before := time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)
	if b := r.URL.Query().Get("before"); b != "" {
		t, err := time.Parse("2006-01-02", b)
		if err != nil {
			p.Error, status = "before must be a date written as YYYY-MM-DD", http.StatusBadRequest
		} else {
			before = t
			if p.NewerURL, err = s.newerPage(ctx, f, vf, t); err != nil {
				s.pageError(w, r, err)
				return
			}
		}
	}
	var weeks []time.Time
	cursor := before
	for len(weeks) < weeksPerPage {
		wk, ok, err := s.store.LatestWeek(ctx, f, cursor)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		if !ok {
			break
		}
		weeks = append(weeks, wk)
		cursor = wk
	}
	if len(weeks) > 0 {
		newest, oldest := weeks[0], weeks[len(weeks)-1]
		end := store.WindowEnd(newest, f.Window)
		if end.After(before) {
			end = before
		}
		chips, err := s.store.Chips(ctx, f, oldest, end)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		if len(f.ClaimantIDs) > 0 {
			// a claimant's claims come with their rivals: what makes a number disputed
			if chips, err = s.withRivals(ctx, f, chips, oldest, end); err != nil {
				s.pageError(w, r, err)
				return
			}
		}
		p.Weeks = groupWeeks(weeks, dispute.Group(chips))
		if err := s.nameOutlets(ctx, p.Weeks); err != nil {
			s.pageError(w, r, err)
			return
		}
		if len(weeks) == weeksPerPage {
			if _, more, err := s.store.LatestWeek(ctx, f, oldest); err == nil && more {
				p.OlderURL = "/" + vf.Query("before", oldest.Format("2006-01-02"))
			}
		}
	}
	// the filter's option lists change only with ingest; a few seconds of reuse is invisible
	lists, err := s.names.get("filter-options", func() (any, error) {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		cs, err := s.store.ListClaimants(ctx)
		if err != nil {
			return nil, err
		}
		os, err := s.store.ListOutlets(ctx)
		return [2]any{cs, os}, err
	})
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	p.Claimants, p.Outlets = lists.([2]any)[0].([]store.Claimant), lists.([2]any)[1].([]store.Outlet)
	p.Names = map[string]string{}
	for _, c := range p.Claimants {
		p.Names[c.Slug] = c.Name
	}
	for _, o := range p.Outlets {
		p.Names[o.Slug] = o.Name
	}
	if len(p.Weeks) == 0 {
		if p.Stats, err = s.store.Stats(ctx); err != nil {
			s.pageError(w, r, err)
			return
		}
	}
	kinds := []string{"territory_held", "troops"}
	if _, ok := chartKinds[f.Kind]; ok {
		kinds = []string{f.Kind}
	} else if f.Kind != "" {
		kinds = nil
	}
	for _, k := range kinds {
		c, err := s.chart(r, f, k)
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		p.Charts = append(p.Charts, c)
	}
	p.Disputes, _, err = s.store.ListDisputes(ctx, store.DisputeFilter{Kind: f.Kind, Subject: f.Subject, Place: f.Place,
		ClaimantIDs: f.ClaimantIDs, From: f.From, To: f.To, KnownBy: f.KnownBy, RecentDays: currentDays, Sort: "spread", Limit: leadDisputes})
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if r.Header.Get("HX-Request") == "true" {
		s.render(w, r, status, views.TimelineResults(p))
		return
	}
	s.render(w, r, status, views.TimelineView(p))
}

// chart draws a kind's most answered question under the filter, never a kind across
// questions: North Korean and Russian troops are two lines of two charts, not one.
// trackRecordTTL is how long track records are reused: they move with ingest, slowly.
const trackRecordTTL = 30 * time.Second

// trackRecord is one claimant's track record, reused for a while.
func (s *Server) trackRecord(ctx context.Context, id int64) (*store.TrackRecord, error) {
	v, err := s.records.get(strconv.FormatInt(id, 10), func() (any, error) {
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
		defer cancel()
		return s.store.TrackRecords(ctx, id)
	})
	if err != nil {
		return nil, err
	}
	r := v.(map[int64]*store.TrackRecord)[id]
	if r == nil {
		r = &store.TrackRecord{Versus: []store.KindRecord{}}
	}
	return r, nil
}

// claimantsWithRecords lists every claimant with its track record; the records of all
// claimants are computed together and reused for trackRecordTTL.
func (s *Server) claimantsWithRecords(ctx context.Context) ([]store.Claimant, error) {
	cs, err := s.store.ListClaimants(ctx)
	if err != nil {
		return nil, err
	}
	v, err := s.records.get("all", func() (any, error) {
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
		defer cancel()
		return s.store.TrackRecords(ctx, 0)
	})
	if err != nil {
		return nil, err
	}
	all := v.(map[int64]*store.TrackRecord)
	for i := range cs {
		if r := all[cs[i].ID]; r != nil {
			cs[i].TrackRecord = r
		} else {
			cs[i].TrackRecord = &store.TrackRecord{Claims: cs[i].ClaimCount, Versus: []store.KindRecord{}}
		}
	}
	return cs, nil
}

// chartData is a chart's question and its points.
type chartData struct {
	key    dispute.QuestionKey
	points []store.SeriesPoint
}

func (s *Server) chart(r *http.Request, f store.ClaimFilter, kind string) (views.Chart, error) {
	f.Kind = kind
	v, err := s.charts.get(chartKey(f), func() (any, error) {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		k, ok, err := s.store.TopQuestion(ctx, f)
		if err != nil || !ok {
			return chartData{}, err
		}
		f.Subject, f.Place, f.Question = k.Subject, k.PlaceGroup, &k
		if f.Subject == "" {
			f.Subject = "none"
		}
		points, err := s.store.Series(ctx, f, "week", chartClaimants)
		return chartData{k, points}, err
	})
	if err != nil {
		return views.Chart{}, err
	}
	d := v.(chartData)
	if d.points == nil {
		return views.NewChart(views.KindLabel(kind), chartKinds[kind], nil), nil
	}
	return views.NewChart(views.QuestionWords(d.key)+", per week", chartKinds[kind], d.points), nil
}

// chartKey names a chart's filter by its values: %+v prints a pointer's address, which every
// request has anew, so the value bounds are spelled out.
func chartKey(f store.ClaimFilter) string {
	bound := func(v *float64) string {
		if v == nil {
			return "-"
		}
		return strconv.FormatFloat(*v, 'g', -1, 64)
	}
	lo, hi := bound(f.MinValue), bound(f.MaxValue)
	f.MinValue, f.MaxValue, f.After = nil, nil, nil
	return fmt.Sprintf("%+v|%s|%s", f, lo, hi)
}

// newerPage is the address of the page of weeks just newer than a page that ends before
// `before`: the next weeksPerPage windows with claims, or the newest page when fewer are left.
func (s *Server) newerPage(ctx context.Context, f store.ClaimFilter, vf views.Filter, before time.Time) (string, error) {
	cursor := before
	var last time.Time
	for range weeksPerPage {
		wk, ok, err := s.store.EarliestWeekAfter(ctx, f, cursor)
		if err != nil {
			return "", err
		}
		if !ok {
			return "/" + vf.Query(), nil
		}
		last, cursor = wk, store.WindowEnd(wk, f.Window)
	}
	if _, more, err := s.store.EarliestWeekAfter(ctx, f, cursor); err != nil || !more {
		return "/" + vf.Query(), err
	}
	return "/" + vf.Query("before", store.WindowEnd(last, f.Window).Format("2006-01-02")), nil
}

// withRivals adds to the chips of a claimant filter the other claimants' chips of the same
// questions and weeks, marked as rivals.
func (s *Server) withRivals(ctx context.Context, f store.ClaimFilter, mine []dispute.Chip, from, to time.Time) ([]dispute.Chip, error) {
	all := f
	all.Claimants, all.ClaimantIDs = nil, nil
	others, err := s.store.Chips(ctx, all, from, to)
	if err != nil {
		return nil, err
	}
	asked := map[string]bool{}
	for _, c := range mine {
		asked[chipQuestion(c)] = true
		if c.Claimant != nil {
			asked["who\x00"+c.Claimant.Slug] = true
		}
	}
	out := mine
	for _, c := range others {
		if !asked[chipQuestion(c)] || c.Claimant != nil && asked["who\x00"+c.Claimant.Slug] || c.Claimant == nil && hasOwnVoice(mine) {
			continue
		}
		c.Rival = true
		out = append(out, c)
	}
	return out, nil
}

func chipQuestion(c dispute.Chip) string {
	return c.Window.Format("2006-01-02") + "|" + dispute.QuestionKey{Kind: c.Kind, Subject: c.Subject, PlaceGroup: c.PlaceGroup, Item: c.Item, Span: c.Span}.String()
}

func hasOwnVoice(chips []dispute.Chip) bool {
	for _, c := range chips {
		if c.Claimant == nil {
			return true
		}
	}
	return false
}

// groupWeeks puts each question under its week, newest week first.
func groupWeeks(weeks []time.Time, qs []dispute.Question) []views.Week {
	out := make([]views.Week, 0, len(weeks))
	idx := map[time.Time]int{}
	for _, w := range weeks {
		idx[w] = len(out)
		out = append(out, views.Week{Start: w})
	}
	for _, q := range qs {
		if i, ok := idx[q.Window]; ok {
			out[i].Questions = append(out[i].Questions, q)
		}
	}
	for i := range out {
		qs := out[i].Questions
		sort.SliceStable(qs, func(a, b int) bool { return qs[a].Disputed && !qs[b].Disputed })
		if len(qs) > questionsPerWeek {
			// the disputed first; the rest are counted, a filter away
			out[i].Hidden = len(qs) - questionsPerWeek
			out[i].Questions = qs[:questionsPerWeek]
		}
	}
	return out
}

// nameOutlets fills in where each shown chip's claim was read, in one query for the page.
func (s *Server) nameOutlets(ctx context.Context, weeks []views.Week) error {
	var ids []int64
	for _, w := range weeks {
		for _, q := range w.Questions {
			for _, c := range views.VisibleChips(q) {
				ids = append(ids, c.ClaimID)
			}
		}
	}
	names, err := s.store.ClaimOutletNames(ctx, ids)
	if err != nil {
		return err
	}
	for _, w := range weeks {
		for _, q := range w.Questions {
			for i := range q.Chips {
				q.Chips[i].OutletName = names[q.Chips[i].ClaimID]
			}
		}
	}
	return nil
}

// questionsPerWeek bounds the questions a week of the timeline shows.
const questionsPerWeek = 40

// questionClaims lists the claims that answer a question (the week's claims of its kind,
// subject and place), skipping one claim id.
func (s *Server) questionClaims(r *http.Request, base store.ClaimFilter, q dispute.Question, skip int64) ([]store.Claim, error) {
	f := base
	f.Kind, f.Place = q.Kind, q.PlaceGroup
	f.Subject = q.Subject
	if f.Subject == "" {
		f.Subject = "none"
	}
	f.From, f.To = q.Window, store.WindowEnd(q.Window, base.Window).AddDate(0, 0, -1)
	k := q.QuestionKey()
	f.Question = &k
	f.Sort, f.Limit, f.After = "value", 50, nil
	claims, _, err := s.store.ListClaims(r.Context(), f)
	if err != nil {
		return nil, err
	}
	out := claims[:0]
	for _, c := range claims {
		if c.ID != skip {
			out = append(out, c)
		}
	}
	return out, nil
}

func pathID(r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(chi.URLParam(r, "id"), 10, 64)
	return id, err == nil && id > 0
}

func (s *Server) claimPage(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		s.render(w, r, http.StatusNotFound, views.NotFound("Claims are numbered: /claims/123."))
		return
	}
	ctx := r.Context()
	c, err := s.store.GetClaim(ctx, id)
	var retired *store.RetiredError
	if errors.As(err, &retired) {
		s.render(w, r, http.StatusGone, views.RetiredClaimView(views.RetiredClaimPage{ID: retired.ID, ArticleID: retired.ArticleID}))
		return
	}
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	a, err := s.store.GetArticle(ctx, c.ArticleID)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	p := views.ClaimPage{Claim: c, Article: a, Window: s.cfg.Window}
	p.Before, p.Evidence, p.After = splitAt(a.Body, c.SpanStart, c.SpanEnd)
	if c.AsOf != nil {
		week := store.WindowStart(*c.AsOf, s.cfg.Window)
		subject := ""
		if c.Subject != nil {
			subject = *c.Subject
		}
		q := dispute.Question{Window: week, Kind: c.Kind, Subject: subject, PlaceGroup: c.PlaceGroup}
		f := store.ClaimFilter{Kind: c.Kind, Subject: subject, Place: c.PlaceGroup, Window: s.cfg.Window}
		if subject == "" {
			f.Subject = "none"
		}
		chips, err := s.store.Chips(ctx, f, week, store.WindowEnd(week, s.cfg.Window))
		if err != nil {
			s.pageError(w, r, err)
			return
		}
		for _, g := range dispute.Group(chips) {
			if g.Key() == q.Key() {
				p.Question = &g
			}
		}
		if p.Rivals, err = s.questionClaims(r, store.ClaimFilter{Window: s.cfg.Window}, q, c.ID); err != nil {
			s.pageError(w, r, err)
			return
		}
	}
	if p.Copies, err = s.store.CountCopies(ctx, a.ID); err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, views.ClaimView(p))
}

// splitAt cuts text around a byte span, moving the cuts to rune boundaries.
func splitAt(text string, start, end int) (string, string, string) {
	if start < 0 || end > len(text) || start > end {
		return text, "", ""
	}
	for start > 0 && !utf8.RuneStart(text[start]) {
		start--
	}
	for end < len(text) && !utf8.RuneStart(text[end]) {
		end++
	}
	return text[:start], text[start:end], text[end:]
}

func (s *Server) articlePage(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(r)
	if !ok {
		s.render(w, r, http.StatusNotFound, views.NotFound("Articles are numbered: /articles/123."))
		return
	}
	ctx := r.Context()
	a, err := s.store.GetArticle(ctx, id)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	claims, _, err := s.store.ListClaims(ctx, store.ClaimFilter{ArticleID: id, Limit: 500, Sort: "as_of"})
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	sort.SliceStable(claims, func(i, j int) bool { return claims[i].SpanStart < claims[j].SpanStart })
	p := views.ArticlePage{Article: a, Claims: claims, Segments: segments(a.Body, claims)}
	if p.Copies, err = s.store.CountCopies(ctx, a.ID); err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, views.ArticleView(p))
}

// segments cuts an article body into plain text and marked evidence sentences; claims that
// share a sentence share its mark.
func segments(body string, claims []store.Claim) []views.Segment {
	var out []views.Segment
	pos := 0
	for i := 0; i < len(claims); {
		c := claims[i]
		kinds := []string{views.KindLabel(c.Kind)}
		j := i + 1
		for j < len(claims) && claims[j].SpanStart == c.SpanStart {
			kinds = append(kinds, views.KindLabel(claims[j].Kind))
			j++
		}
		i = j
		if c.SpanStart < pos || c.SpanEnd > len(body) || c.SpanStart >= c.SpanEnd {
			continue
		}
		_, ev, _ := splitAt(body, c.SpanStart, c.SpanEnd)
		out = append(out, views.Segment{Text: body[pos:c.SpanStart]})
		out = append(out, views.Segment{Text: ev, ClaimID: c.ID, Kinds: strings.Join(kinds, ", ")})
		pos = c.SpanStart + len(ev)
	}
	return append(out, views.Segment{Text: body[pos:]})
}

func (s *Server) claimantsPage(w http.ResponseWriter, r *http.Request) {
	cs, err := s.claimantsWithRecords(r.Context())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, views.ClaimantsView(views.ClaimantsPage{Claimants: cs}))
}

func (s *Server) claimantPage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	slug := chi.URLParam(r, "slug")
	c, err := s.store.GetClaimant(ctx, slug)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	if c.Slug != slug {
		http.Redirect(w, r, "/claimants/"+c.Slug, http.StatusMovedPermanently)
		return
	}
	f := store.ClaimFilter{Claimants: []string{c.Slug}}
	if err := parsePage(r.URL.Query(), &f, s.cursorKey(r)); err != nil {
		s.pageError(w, r, err)
		return
	}
	claims, next, err := s.store.ListClaims(ctx, f)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	p := views.ClaimantPage{Claimant: c, Claims: claims}
	if cur := encodeCursor(next, f.Sort, s.cursorKey(r)); cur != nil {
		p.NextURL = "/claimants/" + c.Slug + "?cursor=" + url.QueryEscape(*cur)
	}
	kinds := map[string]bool{}
	for _, cl := range claims {
		if _, ok := chartKinds[cl.Kind]; ok && cl.AsOf != nil {
			kinds[cl.Kind] = true
		}
	}
	for _, k := range []string{"territory_held", "territory_gained", "troops", "casualties", "killed", "prisoners"} {
		if kinds[k] && len(p.Charts) < 3 {
			ch, err := s.chart(r, store.ClaimFilter{Claimants: []string{c.Slug}}, k)
			if err != nil {
				s.pageError(w, r, err)
				return
			}
			p.Charts = append(p.Charts, ch)
		}
	}
	if p.Claimant.TrackRecord, err = s.trackRecord(ctx, c.ID); err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, views.ClaimantView(p))
}

func (s *Server) sourcesPage(w http.ResponseWriter, r *http.Request) {
	os, err := s.store.ListOutlets(r.Context())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, views.SourcesView(views.SourcesPage{Outlets: os}))
}

func (s *Server) sourcePage(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	o, err := s.store.GetOutlet(ctx, chi.URLParam(r, "slug"))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	after, _ := strconv.ParseInt(r.URL.Query().Get("after"), 10, 64)
	arts, next, err := s.store.ListArticles(ctx, store.ArticleFilter{Source: o.Slug, Limit: 50, AfterID: after})
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	p := views.SourcePage{Outlet: o, Articles: arts}
	if next > 0 {
		p.NextURL = "/sources/" + o.Slug + "?after=" + strconv.FormatInt(next, 10)
	}
	s.render(w, r, http.StatusOK, views.SourceView(p))
}
