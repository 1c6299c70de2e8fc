package web

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/go-chi/chi/v5"

	"github.com/kursk/kursk/internal/dispute"
	"github.com/kursk/kursk/internal/store"
	views "github.com/kursk/kursk/web"
)

// disputesPerPage is how many disputes a page shows; the API's limit says otherwise.
const disputesPerPage = 20

// disputeFilter reads the filters of a list of disputes: those of claims, plus sort, page or
// cursor, and known_by.
func (s *Server) disputeFilter(r *http.Request) (store.DisputeFilter, views.Filter, error) {
	q := r.URL.Query()
	f, vf, err := s.filter(r, q)
	if err != nil {
		return store.DisputeFilter{}, vf, err
	}
	df := store.DisputeFilter{Kind: f.Kind, Subject: f.Subject, Place: f.Place, ClaimantIDs: f.ClaimantIDs,
		From: f.From, To: f.To, KnownBy: f.KnownBy, Limit: disputesPerPage}
	switch v := q.Get("sort"); v {
	case "", "recent":
	case "spread":
		df.Sort = "spread"
	default:
		return df, vf, badInput("unknown sort %q: use recent or spread", clip(v))
	}
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 100 {
			return df, vf, badInput("limit %q is not a whole number from 1 to 100", clip(v))
		}
		df.Limit = n
	}
	if v := q.Get("page"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 0 || n > 10000 {
			return df, vf, badInput("page %q is not a whole number from 0 to 10000", clip(v))
		}
		df.Offset = n * df.Limit
	}
	if v := q.Get("cursor"); v != "" {
		offset, err := s.openListCursor(r, v)
		if err != nil {
			return df, vf, err
		}
		df.Offset = offset
	}
	return df, vf, nil
}

// disputes is the page of disputes over the whole period, a page at a time.
func (s *Server) disputes(w http.ResponseWriter, r *http.Request) {
	f, vf, err := s.disputeFilter(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	ds, more, err := s.store.ListDisputes(r.Context(), f)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	page := f.Offset / f.Limit
	p := views.DisputeList{Filter: vf, Disputes: ds, Sort: f.Sort, KnownBy: r.URL.Query().Get("known_by")}
	if more {
		p.OlderURL = "/disputes" + withParam(r.URL.Query(), "page", strconv.Itoa(page+1))
	}
	if page > 0 {
		p.NewerURL = "/disputes" + withParam(r.URL.Query(), "page", strconv.Itoa(page-1))
	}
	s.render(w, r, http.StatusOK, views.DisputesView(p))
}

// withParam is a query string with one parameter set.
func withParam(q url.Values, name, value string) string {
	out := url.Values{}
	for k, v := range q {
		out[k] = v
	}
	out.Set(name, value)
	return "?" + out.Encode()
}

// apiDispute is a dispute as the API writes it.
type apiDispute struct {
	Question apiQuestion      `json:"question"`
	Low      float64          `json:"low"`
	High     float64          `json:"high"`
	Spread   float64          `json:"spread"`
	Claims   []apiClaim       `json:"claims"`
	Reasons  []dispute.Reason `json:"reasons"`
}

// apiQuestion is what a number answers.
type apiQuestion struct {
	Key        string  `json:"key"`
	Kind       string  `json:"kind"`
	Subject    *string `json:"subject"`
	PlaceGroup string  `json:"place_group"`
	Item       *string `json:"item"`
	Span       string  `json:"span"` // state, period or unstated
	Since      *string `json:"since"`
	AsOf       *string `json:"as_of,omitempty"`
	Words      string  `json:"words"`
	Link       string  `json:"link"`
}

func toAPIQuestion(k dispute.QuestionKey) apiQuestion {
	q := apiQuestion{Key: k.String(), Kind: k.Kind, PlaceGroup: k.PlaceGroup, Span: k.Span, Words: views.QuestionWords(k),
		Link: views.QuestionURL(k)}
	if k.Subject != "" {
		q.Subject = &k.Subject
	}
	if k.Item != "" {
		q.Item = &k.Item
	}
	if k.Periodic() {
		since := k.Span
		q.Since, q.Span = &since, "period"
	}
	return q
}

// toAPIDisputes writes disputes as the API does; none is [], not null.
func (s *Server) toAPIDisputes(r *http.Request, ds []store.Dispute) ([]apiDispute, error) {
	out := []apiDispute{}
	for _, d := range ds {
		claims, err := s.toAPIList(r, []store.Claim{d.Low, d.High})
		if err != nil {
			return nil, err
		}
		q := toAPIQuestion(d.Question)
		asOf := d.AsOf.Format("2006-01-02")
		q.AsOf = &asOf
		reasons := d.Reasons
		if reasons == nil {
			reasons = []dispute.Reason{}
		}
		out = append(out, apiDispute{Question: q, Low: d.Low.Value, High: d.High.Value, Spread: d.Spread, Claims: claims, Reasons: reasons})
	}
	return out, nil
}

func (s *Server) apiDisputes(w http.ResponseWriter, r *http.Request) {
	f, _, err := s.disputeFilter(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ds, more, err := s.store.ListDisputes(r.Context(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := list[apiDispute]{}
	if out.Data, err = s.toAPIDisputes(r, ds); err != nil {
		s.fail(w, r, err)
		return
	}
	if more {
		out.NextCursor = s.listCursor(r, f.Offset+f.Limit)
	}
	writeJSON(w, http.StatusOK, out)
}

// maxQuestionClaims bounds the claims a question page and its API reply list.
const maxQuestionClaims = 500

// question reads a question from the path, with its claims (newest first) and disputes.
func (s *Server) question(r *http.Request) (dispute.QuestionKey, []store.Claim, []store.Dispute, error) {
	k, err := dispute.ParseQuestionKey(chi.URLParam(r, "key"))
	if err != nil {
		return k, nil, nil, badInput("%s", err.Error())
	}
	f, _, err := s.filter(r, r.URL.Query())
	if err != nil {
		return k, nil, nil, err
	}
	f.Kind, f.Place, f.Subject, f.Question = k.Kind, k.PlaceGroup, k.Subject, &k
	if f.Subject == "" {
		f.Subject = "none"
	}
	f.Sort, f.Limit = "as_of", maxQuestionClaims
	claims, _, err := s.store.ListClaims(r.Context(), f)
	if err != nil {
		return k, nil, nil, err
	}
	ds, _, err := s.store.ListDisputes(r.Context(), store.DisputeFilter{Question: &k, KnownBy: f.KnownBy, Limit: 50})
	return k, claims, ds, err
}

func (s *Server) questionPage(w http.ResponseWriter, r *http.Request) {
	k, claims, ds, err := s.question(r)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	p := views.QuestionPage{Key: k, Claims: claims, Disputes: ds, KnownBy: r.URL.Query().Get("known_by"),
		Chart: views.NewQuestionChart(views.QuestionWords(k), claims, ds)}
	s.render(w, r, http.StatusOK, views.QuestionView(p))
}

// apiQuestionReply is one question with its claims over time and its disputes.
type apiQuestionReply struct {
	Question apiQuestion  `json:"question"`
	Claims   []apiClaim   `json:"claims"`
	Disputes []apiDispute `json:"disputes"`
}

func (s *Server) apiQuestion(w http.ResponseWriter, r *http.Request) {
	k, claims, ds, err := s.question(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := apiQuestionReply{Question: toAPIQuestion(k)}
	if out.Claims, err = s.toAPIList(r, claims); err != nil {
		s.fail(w, r, err)
		return
	}
	if out.Disputes, err = s.toAPIDisputes(r, ds); err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, out)
}
