// Package web holds the templ components of kursk's pages and the static files they use
// (CSS, htmx), embedded in the binary so nothing comes from a CDN.
package web

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"math"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/kursk/kursk/internal/dispute"
	"github.com/kursk/kursk/internal/store"
)

// Static holds the CSS and JavaScript served under /static/.
//
//go:embed static
var Static embed.FS

// staticHashes are the first hex digits of the SHA-256 of each static file, for names that
// change with the content ("kursk.3f2a1b9c.css") and can be cached for a year.
var staticHashes = func() map[string]string {
	out := map[string]string{}
	entries, _ := Static.ReadDir("static")
	for _, e := range entries {
		b, _ := Static.ReadFile("static/" + e.Name())
		sum := sha256.Sum256(b)
		out[e.Name()] = hex.EncodeToString(sum[:4])
	}
	return out
}()

// StaticURL is the content-hashed address of a static file.
func StaticURL(name string) string {
	h, ok := staticHashes[name]
	if !ok {
		return "/static/" + name
	}
	dot := strings.LastIndexByte(name, '.')
	return "/static/" + name[:dot] + "." + h + name[dot:]
}

// StaticName maps a content-hashed name back to its file, and reports whether the hash is the
// current one.
func StaticName(hashed string) (string, bool) {
	dot := strings.LastIndexByte(hashed, '.')
	if dot < 0 {
		return hashed, false
	}
	stem := hashed[:dot]
	mid := strings.LastIndexByte(stem, '.')
	if mid < 0 {
		return hashed, false
	}
	name := stem[:mid] + hashed[dot:]
	if h, ok := staticHashes[name]; ok && h == stem[mid+1:] {
		return name, true
	}
	return hashed, false
}

// KindLabels names each claim kind for readers, in the order the filters list them.
var KindLabels = []struct{ Kind, Label string }{
	{"territory_held", "Area held"},
	{"territory_gained", "Area gained"},
	{"territory_lost", "Area lost"},
	{"settlements", "Settlements"},
	{"troops", "Troops"},
	{"killed", "Killed"},
	{"wounded", "Wounded"},
	{"casualties", "Casualties"},
	{"prisoners", "Prisoners"},
	{"equipment_destroyed", "Equipment destroyed"},
	{"clashes", "Clashes"},
	{"strikes", "Strikes"},
}

// KindLabel names a kind.
func KindLabel(kind string) string {
	for _, k := range KindLabels {
		if k.Kind == kind {
			return k.Label
		}
	}
	return kind
}

// SideLabel names a side.
func SideLabel(side string) string {
	switch side {
	case "UA":
		return "Ukraine"
	case "RU":
		return "Russia"
	case "KP":
		return "North Korea"
	case "other":
		return "third party"
	case "":
		return "unstated"
	}
	return side
}

func sideOf(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// FormatNumber writes 1300 as "1,300" and 1.5 as "1.5".
func FormatNumber(v float64) string {
	if v != math.Trunc(v) {
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	s := strconv.FormatInt(int64(v), 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// UnitLabel is the short unit written after a value.
func UnitLabel(unit string) string {
	switch unit {
	case "km2":
		return "km²"
	case "people":
		return "people"
	}
	return ""
}

// QualifiedValue writes a value with its hedge: "about 90 km²", "over 1,000", "500–600".
func QualifiedValue(v float64, max *float64, qualifier, unit string) string {
	s := FormatNumber(v)
	if max != nil && *max != v {
		s += "–" + FormatNumber(*max)
	}
	switch qualifier {
	case "approximately":
		s = "about " + s
	case "at_least":
		s = "over " + s
	case "at_most":
		s = "up to " + s
	}
	if u := UnitLabel(unit); u != "" && u != "people" {
		s += " " + u
	}
	return s
}

// ChipValue writes a chip's value.
func ChipValue(c dispute.Chip) string {
	unit := "count"
	switch c.Kind {
	case "territory_held", "territory_gained", "territory_lost":
		unit = "km2"
	}
	s := QualifiedValue(c.Value, c.ValueMax, c.Qualifier, unit)
	if label := ItemLabels[c.Item]; label != "" {
		s += " " + label // "211 tanks", not "211 · Equipment destroyed"
	}
	return s
}

// ChipOutlets says where a chip's value was read: "in Reuters", "in Reuters and 2 more outlets".
func ChipOutlets(c dispute.Chip) string {
	if c.OutletName == "" {
		if c.Outlets == 0 {
			return ""
		}
		return "in " + Plural(c.Outlets, "outlet", "outlets")
	}
	if c.Outlets <= 1 {
		return "in " + c.OutletName
	}
	return "in " + c.OutletName + " and " + Plural(c.Outlets-1, "more outlet", "more outlets")
}

// MaxChips is how many chips a question row shows; the rest are summed up in a note.
const MaxChips = 10

// VisibleChips picks the chips a row shows: all when few, else the lowest and highest values and
// those backed by most claims, ordered by value.
func VisibleChips(q dispute.Question) []dispute.Chip {
	if len(q.Chips) <= MaxChips {
		return q.Chips
	}
	keep := map[int]bool{0: true, len(q.Chips) - 1: true}
	order := make([]int, len(q.Chips))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return q.Chips[order[a]].Claims > q.Chips[order[b]].Claims })
	for _, i := range order {
		if len(keep) >= MaxChips {
			break
		}
		keep[i] = true
	}
	out := make([]dispute.Chip, 0, MaxChips)
	for i, c := range q.Chips {
		if keep[i] {
			out = append(out, c)
		}
	}
	return out
}

// ClaimantName names a chip's claimant, or the outlets' own voice.
func ClaimantName(c *dispute.Claimant) string {
	if c == nil {
		return OwnVoice
	}
	return c.Name
}

// QuestionTitle describes a question in words: "Area held by Ukraine, Kursk region".
func QuestionTitle(q dispute.Question) string { return QuestionWords(q.QuestionKey()) }

// SpreadText sums a dispute up: "0 to 110 km², 3 claimants".
func SpreadText(q dispute.Question) string {
	unit := ""
	if strings.HasPrefix(q.Kind, "territory_") {
		unit = " km²"
	}
	return fmt.Sprintf("%s to %s%s, %d claimants", FormatNumber(q.Min), FormatNumber(q.Max), unit, q.Claimants)
}

// Day writes a date as "16 Mar 2025".
func Day(t time.Time) string {
	if t.IsZero() {
		return "undated"
	}
	return t.Format("2 Jan 2006")
}

// DayPtr writes an optional date.
func DayPtr(t *time.Time) string {
	if t == nil {
		return "undated"
	}
	return Day(*t)
}

// WindowTitle names a question window: "week of 4 Aug 2025" or "August 2025".
func WindowTitle(start time.Time, window string) string {
	if window == "month" {
		return start.Format("January 2006")
	}
	return "week of " + Day(start)
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// ClaimURL links to a claim's page, scrolled to its sentence.
func ClaimURL(id int64) string { return fmt.Sprintf("/claims/%d#evidence", id) }

// ArticleURL links to an article's page.
func ArticleURL(id int64) string { return fmt.Sprintf("/articles/%d", id) }

// SafeURL keeps only http(s) links from article data; anything else (javascript:, data:) is dropped.
func SafeURL(raw *string) string {
	if raw == nil {
		return ""
	}
	u, err := url.Parse(*raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return ""
	}
	return u.String()
}

// Filter is the timeline's filter state as the query string holds it.
type Filter struct {
	Kind      string
	Subject   string
	Claimants []string
	Sources   []string
	Place     string
	From, To  string
	Q         string
	Window    string // week or month; empty: the server's default
	KnownBy   string
}

// ActiveFilter is one filter that is set, with the address of the same view without it.
type ActiveFilter struct {
	Label  string
	Remove string
}

// Actives lists the filters that are set, each with a link that removes it, for the page at
// path; names gives the display name of a claimant or source slug.
func (f Filter) Actives(path string, names map[string]string) []ActiveFilter {
	var out []ActiveFilter
	add := func(label string, without Filter) {
		out = append(out, ActiveFilter{Label: label, Remove: path + without.Query()})
	}
	name := func(slug string) string {
		if n := names[slug]; n != "" {
			return n
		}
		return slug
	}
	// a filter of one value: the same view with that value cleared
	one := func(value, label string, clear func(*Filter)) {
		if value != "" {
			g := f
			clear(&g)
			add(label, g)
		}
	}
	one(f.Kind, "Kind: "+KindLabel(f.Kind), func(g *Filter) { g.Kind = "" })
	one(f.Subject, "About: "+SideLabel(f.Subject), func(g *Filter) { g.Subject = "" })
	one(f.Place, "Place: "+map[string]string{"kursk": "Kursk region", "elsewhere": "other fronts"}[f.Place], func(g *Filter) { g.Place = "" })
	for i, c := range f.Claimants {
		g := f
		g.Claimants = append(append([]string{}, f.Claimants[:i]...), f.Claimants[i+1:]...)
		add("Claimant: "+name(c), g)
	}
	for i, o := range f.Sources {
		g := f
		g.Sources = append(append([]string{}, f.Sources[:i]...), f.Sources[i+1:]...)
		add("Source: "+name(o), g)
	}
	one(f.From, "From "+f.From, func(g *Filter) { g.From = "" })
	one(f.To, "To "+f.To, func(g *Filter) { g.To = "" })
	one(f.Q, "Words: "+f.Q, func(g *Filter) { g.Q = "" })
	one(f.KnownBy, "Known by "+f.KnownBy, func(g *Filter) { g.KnownBy = "" })
	one(f.Window, "Spans: a "+f.Window, func(g *Filter) { g.Window = "" })
	return out
}

// Query writes the filter as a query string (with extra pairs appended).
func (f Filter) Query(extra ...string) string {
	v := url.Values{}
	set := func(k, val string) {
		if val != "" {
			v.Set(k, val)
		}
	}
	set("kind", f.Kind)
	set("subject", f.Subject)
	for _, c := range f.Claimants {
		v.Add("claimant", c)
	}
	for _, s := range f.Sources {
		v.Add("source", s)
	}
	set("place", f.Place)
	set("from", f.From)
	set("to", f.To)
	set("q", f.Q)
	set("window", f.Window)
	set("known_by", f.KnownBy)
	for i := 0; i+1 < len(extra); i += 2 {
		set(extra[i], extra[i+1])
	}
	if len(v) == 0 {
		return ""
	}
	return "?" + v.Encode()
}

// Active reports whether any filter is set.
func (f Filter) Active() bool { return f.Query() != "" }

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Week is one week of the timeline with its questions.
type Week struct {
	Start     time.Time
	Questions []dispute.Question
	Hidden    int // questions of the week not shown (the page shows the disputed first)
}

// TimelinePage is what the timeline shows.
type TimelinePage struct {
	Filter    Filter
	Claimants []store.Claimant
	Outlets   []store.Outlet
	Weeks     []Week
	OlderURL  string
	NewerURL  string
	Charts    []Chart
	Disputes  []store.Dispute // the widest current disputes, shown first
	Stats     store.Stats
	Names     map[string]string // display names of claimant and source slugs
	Error     string            // a filter that could not be read, said in words
}

// DisputesPage lists the open disputes with their claims side by side.
type DisputesPage struct {
	Weeks    int // the default window, in weeks, when no date range is set
	Filter   Filter
	Disputes []DisputeRow
	OlderURL string
}

// DisputeRow is a dispute and its claims.
type DisputeRow struct {
	Question dispute.Question
	Claims   []store.Claim
}

// ClaimPage is one claim, its question, its rivals and its article.
type ClaimPage struct {
	Window   string
	Claim    store.Claim
	Question *dispute.Question
	Rivals   []store.Claim
	Article  store.Article
	Before   string
	Evidence string
	After    string
	Copies   int
}

// ArticlePage is an article with its claims highlighted.
type ArticlePage struct {
	Article  store.Article
	Claims   []store.Claim
	Segments []Segment
	Copies   int
}

// Segment is a piece of article text, marked when it is a claim's evidence.
type Segment struct {
	Text    string
	ClaimID int64 // 0: plain text
	Kinds   string
}

// ClaimantsPage lists claimants.
type ClaimantsPage struct {
	Claimants []store.Claimant
}

// ClaimantPage is one claimant's claims over time.
type ClaimantPage struct {
	Claimant store.Claimant
	Claims   []store.Claim
	NextURL  string
	Charts   []Chart
}

// SourcesPage lists outlets.
type SourcesPage struct {
	Outlets []store.Outlet
}

// SourcePage is one outlet with its articles.
type SourcePage struct {
	Outlet   store.Outlet
	Articles []store.Article
	NextURL  string
}

func pct(part, whole int) string {
	if whole == 0 {
		return "0%"
	}
	return fmt.Sprintf("%.0f%%", 100*float64(part)/float64(whole))
}

func itoa(n int) string { return strconv.Itoa(n) }

func i64(n int64) string { return strconv.FormatInt(n, 10) }

func joinAliases(a []string) string { return strings.Join(a, ", ") }

// Samples are the team's sample articles, loaded by `kursk up` into an empty database.
//
//go:embed samples
var Samples embed.FS

// QuestionWords says what a question asks, with the side's role in words: "Area held by
// Ukraine", "Russian dead since 6 Aug 2024", "Russian tanks destroyed", "Strikes by Russia".
func QuestionWords(k dispute.QuestionKey) string {
	s := whatIsCounted(k.Kind, k.Subject, k.Item)
	if k.Periodic() {
		if t, err := time.Parse("2006-01-02", k.Span); err == nil {
			s += " since " + Day(t)
		}
	} else if k.Span == dispute.SpanUnstated {
		s += " (period not stated)"
	}
	if k.PlaceGroup == "elsewhere" {
		s += ", other fronts"
	} else {
		s += ", Kursk region"
	}
	return s
}

// adjectives of the sides, for people and things that belong to them.
var adjectives = map[string]string{"UA": "Ukrainian", "RU": "Russian", "KP": "North Korean"}

// ItemLabels name the items of equipment.
var ItemLabels = map[string]string{
	"tanks": "tanks", "armoured_vehicles": "armoured vehicles", "artillery": "artillery systems", "mlrs": "rocket launchers",
	"air_defence": "air defence systems", "aircraft": "aircraft", "helicopters": "helicopters", "drones": "drones",
	"vehicles": "vehicles", "engineering": "engineering vehicles", "electronic_warfare": "electronic warfare systems",
	"all": "pieces of equipment", "other": "other equipment",
}

// whatIsCounted names what a kind counts about a side.
func whatIsCounted(kind, subject, item string) string {
	adj, side := adjectives[subject], SideLabel(subject)
	by := func(s string) string {
		if subject == "" {
			return s
		}
		return s + " by " + side
	}
	of := func(s string) string {
		if adj == "" {
			return capitalize(s)
		}
		return adj + " " + s
	}
	switch kind {
	case "territory_held":
		return by("Area held")
	case "territory_gained":
		return by("Area gained")
	case "territory_lost":
		return by("Area lost")
	case "settlements":
		return by("Settlements held or taken")
	case "troops":
		return of("troops")
	case "killed":
		return of("dead")
	case "wounded":
		return of("wounded")
	case "casualties":
		return of("casualties (killed and wounded)")
	case "prisoners":
		return of("prisoners of war")
	case "equipment_destroyed":
		what := ItemLabels[item]
		if what == "" {
			what = "equipment"
		}
		return of(what + " destroyed")
	case "clashes":
		return "Clashes"
	case "strikes":
		return by("Strikes")
	}
	return KindLabel(kind)
}

// QuestionURL links the page of a question.
func QuestionURL(k dispute.QuestionKey) string { return "/questions/" + url.PathEscape(k.String()) }

// ClaimQuestion is the question a claim answers.
func ClaimQuestion(c store.Claim) dispute.QuestionKey {
	return dispute.QuestionKey{Kind: c.Kind, Subject: sideOf(c.Subject), PlaceGroup: c.PlaceGroup, Item: sideOf(c.Item), Span: c.Span}
}

// ClaimValue writes a claim's value with its hedge and what it counts: "211 tanks", "about 90 km²".
func ClaimValue(c store.Claim) string {
	s := QualifiedValue(c.Value, c.ValueMax, c.Qualifier, c.Unit)
	if c.Item != nil {
		if label := ItemLabels[*c.Item]; label != "" {
			s += " " + label
		}
	}
	return s
}

// WhoSaid names a claim's claimant, or the outlet speaking for itself.
func WhoSaid(c store.Claim) string {
	if c.Claimant != nil {
		return c.Claimant.Name
	}
	return OwnVoice
}

// OwnVoice is how the pages name an outlet stating a number in its own voice.
const OwnVoice = "the outlet itself"

// Plural writes "1 claim", "5 claims".
func Plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return FormatNumber(float64(n)) + " " + many
}

// DisputeList is a page of disputes.
type DisputeList struct {
	Filter   Filter
	Disputes []store.Dispute
	Sort     string
	OlderURL string
	NewerURL string
	KnownBy  string
}

// QuestionPage is one question with every claim that answered it, and its disputes.
type QuestionPage struct {
	Key      dispute.QuestionKey
	Claims   []store.Claim
	Disputes []store.Dispute
	Chart    Chart
	KnownBy  string
}

// RetiredClaimPage says that a claim's number is no longer read from its article.
type RetiredClaimPage struct {
	ID, ArticleID int64
}

// RatioText writes a ratio to the independent figures: "3.1x", "0.5x".
func RatioText(r float64) string {
	if r >= 10 {
		return fmt.Sprintf("%.0fx", r)
	}
	return fmt.Sprintf("%.1fx", r)
}

// RecordLine sums one kind of a track record up: "Ukrainian casualties: 3.1x the independent
// figures, over 14 questions".
func RecordLine(k store.KindRecord) string {
	return fmt.Sprintf("%s: %s the independent figures, over %s", whatIsCounted(k.Kind, sideOf(k.Subject), ""), RatioText(k.MedianRatio),
		Plural(k.Questions, "question", "questions"))
}

// ShareText writes the share of a claimant's claims in disputes: "12% (30 of 250)".
func ShareText(r *store.TrackRecord) string {
	if r == nil || r.Claims == 0 {
		return "no claims"
	}
	return fmt.Sprintf("%s (%s of %s)", pct(r.Disputed, r.Claims), FormatNumber(float64(r.Disputed)), FormatNumber(float64(r.Claims)))
}

// TopRecord is the kind of a track record compared most often, or nil.
func TopRecord(r *store.TrackRecord) *store.KindRecord {
	if r == nil || len(r.Versus) == 0 {
		return nil
	}
	top := &r.Versus[0]
	for i := range r.Versus {
		if r.Versus[i].Questions > top.Questions {
			top = &r.Versus[i]
		}
	}
	return top
}

// ClaimsShown counts the claims behind the questions of a page of weeks.
func ClaimsShown(weeks []Week) int {
	n := 0
	for _, w := range weeks {
		for _, q := range w.Questions {
			for _, c := range q.Chips {
				n += c.Claims
			}
		}
	}
	return n
}

// ClaimTitle names a claim page by what it says: "Oleksandr Syrsky: about 90 km²".
func ClaimTitle(c store.Claim) string { return WhoSaid(c) + ": " + ClaimValue(c) }

// ClaimDescription sums a claim up for a link preview.
func ClaimDescription(c store.Claim) string {
	s := fmt.Sprintf("%s claimed %s (%s)", WhoSaid(c), ClaimValue(c), QuestionWords(ClaimQuestion(c)))
	if c.AsOf != nil {
		s += ", as of " + Day(*c.AsOf)
	}
	if c.Outlet != nil {
		s += "; read in " + c.Outlet.Name
	}
	return s + "."
}

// WindowPlural names the windows a timeline page holds: "weeks" or "months".
func WindowPlural(window string) string {
	if window == "month" {
		return "months"
	}
	return "weeks"
}
