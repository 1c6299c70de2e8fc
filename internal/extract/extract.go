// Package extract turns the text of a news article into attributed, dated numeric claims about
// the fighting (see ../shared/eval/CLAIMS.md). It is pure: text in, claims out, no I/O, and
// deterministic. It imports nothing of the project's.
package extract

import (
	"encoding/json"
	"math"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
	"unsafe"
)

// Version is stored with every claim; bump it when the extractor's output changes so that
// `kursk reextract` (and `kursk up`, on start) can rebuild older claims.
//
//	1: the first extractor
//	2: numbers without a time of their own take the article's date; more ways of naming a speaker
//	3: the item of equipment counts and the period (since) of every count
//	4: described speakers, state media and milbloggers as sources, ground taken from a side
const Version = 4

// Kinds, units and qualifiers of the contract.
var (
	Kinds      = []string{"territory_held", "territory_gained", "territory_lost", "settlements", "troops", "killed", "wounded", "casualties", "prisoners", "equipment_destroyed", "clashes", "strikes"}
	Units      = []string{"km2", "people", "count"}
	Qualifiers = []string{"exact", "approximately", "at_least", "at_most", "range"}
	Sides      = []string{"UA", "RU", "KP"}
)

// UnitOf gives the unit a kind is counted in.
func UnitOf(kind string) string {
	switch kind {
	case "territory_held", "territory_gained", "territory_lost":
		return "km2"
	case "troops", "killed", "wounded", "casualties", "prisoners":
		return "people"
	}
	return "count"
}

// Document is what the extractor reads: the body and what the header tells about it.
type Document struct {
	Body      string
	Published time.Time // zero when unknown
	Outlet    string
}

// Claim is one number somebody puts forward, with who said it, about whom, when, and where.
type Claim struct {
	Kind         string
	Value        float64
	ValueMax     *float64
	Qualifier    string
	Unit         string
	Subject      string // UA, RU, KP or "" when the text does not say
	Claimant     string // canonical name, or "" for the outlet's own voice
	ClaimantKind string // person, body, media, unknown
	ClaimantSide string // UA, RU, KP, other or ""
	Via          string
	Item         string    // what an equipment count counts (Items), "" for other kinds
	Since        time.Time // the first day of the period a count covers, zero for a state or when unsaid
	AsOf         time.Time // zero when it cannot be told
	Place        string
	PlaceGroup   string // kursk or elsewhere
	Evidence     string
	SpanStart    int // byte offsets of Evidence in the body
	SpanEnd      int
	at           int // token index of the number in its sentence
}

// ClaimJSON is a claim in the contract's shape (CLAIMS.md), with nulls where a field is unknown.
type ClaimJSON struct {
	Kind      string   `json:"kind"`
	Value     float64  `json:"value"`
	ValueMax  *float64 `json:"value_max"`
	Qualifier string   `json:"qualifier"`
	Unit      string   `json:"unit"`
	Subject   *string  `json:"subject"`
	Claimant  *string  `json:"claimant"`
	Via       *string  `json:"via"`
	AsOf      *string  `json:"as_of"`
	Since     *string  `json:"since"`
	Item      *string  `json:"item"`
	Place     *string  `json:"place"`
	Evidence  string   `json:"evidence"`
	SpanStart int      `json:"span_start"`
	SpanEnd   int      `json:"span_end"`
}

// JSON gives the claim in the contract's shape; encoding a plain struct spares encoding/json
// the check it makes of what a MarshalJSON method writes.
func (c Claim) JSON() ClaimJSON {
	o := ClaimJSON{Kind: c.Kind, Value: c.Value, ValueMax: c.ValueMax, Qualifier: c.Qualifier, Unit: c.Unit,
		Subject: nullable(c.Subject), Claimant: nullable(c.Claimant), Via: nullable(c.Via), Item: nullable(c.Item), Place: nullable(c.Place),
		Evidence: c.Evidence, SpanStart: c.SpanStart, SpanEnd: c.SpanEnd}
	if !c.AsOf.IsZero() {
		s := c.AsOf.Format("2006-01-02")
		o.AsOf = &s
	}
	if !c.Since.IsZero() {
		s := c.Since.Format("2006-01-02")
		o.Since = &s
	}
	return o
}

// MarshalJSON writes a claim in the contract's shape.
func (c Claim) MarshalJSON() ([]byte, error) { return json.Marshal(c.JSON()) }

func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// speaker is who a sentence's numbers come from.
type speaker struct {
	name     string
	kind     string
	side     string
	via      string
	none     bool // an explicit source that is no claimant ("according to some reports")
	trailing bool // named at the end of its sentence ("..., Zelensky said.")
	backward bool // "This was stated by X": names the speaker of what came before
}

// Extract finds every claim in a document, in the order of the text.
func Extract(doc Document) []Claim {
	body := doc.Body
	if len(body) > math.MaxInt32 {
		body = body[:math.MaxInt32] // token offsets are 32-bit; no article comes near 2 GB
	}
	if !utf8.ValidString(body) {
		body = strings.ToValidUTF8(body, "\uFFFD")
	}
	ws := workspaces.Get().(*workspace)
	sents, buf := splitSentences(body, ws.sents[:0], ws.toks[:0], &ws.arena)
	speakers := append(ws.speakers[:0], make([]*speaker, len(sents))...)
	defer ws.recycle(buf, sents, speakers)
	pub := doc.Published
	if pub.IsZero() {
		pub = dateFromSentences(sents)
	}
	year := 0
	if pub.IsZero() {
		year = likelyYear(body) // only dates without a year and without an article date need it
	}
	ctx := newContext(doc.Outlet)
	for i := range sents {
		speakers[i] = ctx.findSpeaker(&sents[i])
	}
	assignInherited(sents, speakers)
	defaultPlace := articlePlace(sents)
	claims, fromHeadline := ws.claims[:0], ws.fromHeadline[:0]
	lastSubject, prevActor := "", ""
	periodSince, periodPara := time.Time{}, -1 // the last period a count was given, and its paragraph
	leadIn := ""                               // the area kind of the line that opens a list
	seen, dates := ws.seen, ws.dates           // a fact's claim; the date a speaker's statement was dated with
	for i := range sents {
		s := &sents[i]
		sp := speakers[i]
		if i > 0 && !listItem(s, &sents[i-1], leadIn) {
			leadIn = ""
		}
		claimsHere := sentenceClaims(s, sp, &lastSubject, prevActor, leadIn, &ws.scratch)
		if n := len(s.toks); n > 0 && s.toks[n-1].low == ":" {
			leadIn = areaCueIn(s.toks) // "Russia has captured:" heads a list of areas
		}
		if a := firstActor(s.toks); a != "" {
			prevActor = a
		}
		if len(claimsHere) == 0 && namesPeriod(s.toks) {
			// "During the year, ...", "It has been five months since the operation began": the
			// counts that follow run over it
			if t, _ := sinceOf(s.toks, 0, "", pub, pub, ""); !t.IsZero() {
				periodSince, periodPara = t, s.para
				if i+1 < len(sents) && sents[i+1].para > s.para && sents[i+1].para-s.para <= 2 {
					// it ends its paragraph: a report's "Over the past day, units took ..."
					// followed by the day's losses in a paragraph of their own
					periodPara = sents[i+1].para
				}
			}
		}
		if continuing(s.toks) || leadIn != "" {
			periodPara = s.para // "A further 983 ...", a list's items: the same period goes on
		}
		if sp == nil {
			sp = restatedSpeaker(claimsHere, claims, seen)
		}
		spoken := sp != nil && !sp.none
		if len(claimsHere) == 0 && !spoken {
			continue // no claim to date, no statement date to remember
		}
		refs := sentenceDates(s.toks, pub, year)
		ownDate := false // a date of the sentence's own ("currently" is the article's)
		for _, r := range refs {
			ownDate = ownDate || !r.now
		}
		var statement datedRef
		for _, r := range refs {
			if r.statement {
				statement = r
			}
		}
		if spoken {
			if statement.found {
				dates[sp.name] = statement
			} else if d, ok := dates[sp.name]; ok && len(refs) == 0 {
				refs = []datedRef{d}
			}
		}
		if len(claimsHere) == 0 {
			continue
		}
		place, group := placeOf(s.toks, defaultPlace)
		mo := momentsOf(s.toks)
		for _, c := range claimsHere {
			c.Evidence = s.text(body)
			c.SpanStart, c.SpanEnd = s.start, s.end
			earlier := mo.undatedPast(c.at)
			if r, ok := nearestDate(refs, c.at); ok && !(earlier && r.statement) {
				// (the day a statement was made does not date a number it sets earlier:
				// "said on Wednesday that at the peak Ukraine held 1,300")
				c.AsOf = r.date
			} else if !pub.IsZero() && !earlier {
				// a number reported without a time of its own is what its claimant holds as the
				// article goes out, unless the sentence sets it at some earlier, undated moment
				c.AsOf = pub
			}
			c.Place, c.PlaceGroup = place, group
			since, same := sinceOf(s.toks, c.at, c.Kind, c.AsOf, pub, group)
			if same || since.IsZero() && !ownDate && !stateKinds[c.Kind] && s.para == periodPara {
				since = periodSince // "during the same period"; a paragraph that opened on its period
			}
			if since.IsZero() && dailyReport(c, sp) {
				since = c.AsOf // an army's count of strikes or clashes with no period is the day's
			}
			if !since.IsZero() && !since.After(c.AsOf) || c.AsOf.IsZero() {
				c.Since = since
			}
			if !since.IsZero() {
				periodSince, periodPara = since, s.para
			}
			if spoken {
				c.Claimant, c.ClaimantKind, c.ClaimantSide, c.Via = sp.name, sp.kind, sp.side, sp.via
			}
			key := keyOf(c)
			if j, ok := seen[key]; ok && (claims[j].Claimant == "" || c.Claimant == "" || claims[j].Claimant == c.Claimant || fromHeadline[j]) {
				// one fact said twice is one claim, attributed to whoever the body names; two
				// claimants giving one figure are two claims (they corroborate each other)
				if (claims[j].Claimant == "" && c.Claimant != "") || fromHeadline[j] {
					claims[j] = c
					fromHeadline[j] = false
				}
				continue
			}
			seen[key] = len(claims)
			claims = append(claims, c)
			fromHeadline = append(fromHeadline, isHeadline(s))
		}
	}
	claims = dropHeadlineRepeats(claims, fromHeadline)
	out := make([]Claim, len(claims)) // the caller's own, the right size
	copy(out, claims)
	for i := range out {
		ws.own(&out[i])
	}
	ws.claims, ws.fromHeadline = claims[:0], fromHeadline[:0]
	return out
}

// listItem reports a sentence that goes on a list opened by a line ending with a colon: it
// starts a new line with a number or a dash, right after the line before.
func listItem(s, prev *sentence, leadIn string) bool {
	if leadIn == "" || len(s.toks) == 0 || s.para-prev.para > 1 {
		return false
	}
	first := s.toks[0]
	return first.num || first.low == "-" || first.low == "•" || first.flags&fNumber != 0
}

// areaCueIn is the area kind a line's verb gives ("captured" -> territory_gained), or "".
func areaCueIn(toks []token) string {
	for _, t := range toks {
		if kind, ok := areaCues[t.low]; ok && t.flags&fAreaCue != 0 {
			return kind
		}
	}
	return ""
}

// restatedSpeaker is the speaker of a sentence that names none but restates a figure already
// attributed ("The enemy lost 400 servicemen, the ministry said. ... - Over the day, the enemy
// lost 400 servicemen and 27 vehicles"): its other figures come from the same report.
func restatedSpeaker(here, claims []Claim, seen map[valueKey]int) *speaker {
	for _, c := range here {
		if j, ok := seen[keyOf(c)]; ok && claims[j].Claimant != "" && c.Value >= 10 {
			d := claims[j]
			return &speaker{name: d.Claimant, kind: d.ClaimantKind, side: d.ClaimantSide, via: d.Via}
		}
	}
	return nil
}

// valueKey is one fact of an article: a kind, an item and its value to the thousandth ("two
// armoured vehicles, two cars" are two facts).
type valueKey struct {
	kind, item string
	value      float64
}

func keyOf(c Claim) valueKey { return valueKey{c.Kind, c.Item, math.Round(c.Value * 1000)} }

// workspace holds what one article's extraction needs, reused by the next article: the
// extractor then allocates little more than the claims it returns.
type workspace struct {
	toks         []token
	sents        []sentence
	speakers     []*speaker
	arena        []byte // the lower-case copies of capitalised words
	scratch      scratch
	claims       []Claim
	fromHeadline []bool
	seen         map[valueKey]int
	dates        map[string]datedRef
}

var workspaces = sync.Pool{New: func() any {
	return &workspace{toks: make([]token, 0, 4096), seen: map[valueKey]int{}, dates: map[string]datedRef{}}
}}

// recycle gives the workspace back for the next article, unless a huge article made it too big
// to keep around.
func (ws *workspace) recycle(toks []token, sents []sentence, speakers []*speaker) {
	if cap(toks) > 1<<20 || cap(ws.arena) > 4<<20 {
		return
	}
	clear(toks) // drop the references to this body
	clear(sents)
	clear(speakers)
	clear(ws.claims[:cap(ws.claims)])
	clear(ws.seen)
	clear(ws.dates)
	ws.toks, ws.sents, ws.speakers, ws.arena = toks[:0], sents[:0], speakers[:0], ws.arena[:0]
	workspaces.Put(ws)
}

// own copies a claim's words that point into the arena, which the next article overwrites.
// (None should: names and places are read from the text as written.)
func (ws *workspace) own(c *Claim) {
	for _, s := range []*string{&c.Claimant, &c.ClaimantKind, &c.ClaimantSide, &c.Via, &c.Place, &c.Subject} {
		if ws.inArena(*s) {
			*s = strings.Clone(*s)
		}
	}
}

func (ws *workspace) inArena(s string) bool {
	if s == "" || cap(ws.arena) == 0 {
		return false
	}
	p, start := uintptr(unsafe.Pointer(unsafe.StringData(s))), uintptr(unsafe.Pointer(unsafe.SliceData(ws.arena)))
	return p >= start && p < start+uintptr(cap(ws.arena))
}

// isHeadline reports a line in title case without a closing full stop: a headline whose number
// the body states again in full.
func isHeadline(s *sentence) bool {
	if len(s.toks) == 0 || len(s.toks) > 25 {
		return false
	}
	last := s.toks[len(s.toks)-1].low
	if last == "." || last == "!" || last == `"` {
		return false
	}
	words, caps := 0, 0
	for _, t := range s.toks {
		if t.punct || t.num {
			continue
		}
		words++
		if isCapWord(t) {
			caps++
		}
	}
	return words >= 3 && caps*10 >= words*6
}

// dropHeadlineRepeats drops a headline's claim when the body gives the same number (its kind
// read from a headline's clipped grammar is the less reliable one).
func dropHeadlineRepeats(claims []Claim, fromHeadline []bool) []Claim {
	if !slices.Contains(fromHeadline, true) {
		return claims // most articles: no headline figure to check, nothing to allocate
	}
	// decide before compacting: compacting in place overwrites claims the check still reads
	repeated := make([]bool, len(claims))
	for i, c := range claims {
		if !fromHeadline[i] {
			continue
		}
		for j, d := range claims {
			if j != i && !fromHeadline[j] && math.Abs(d.Value-c.Value) <= 0.01*c.Value {
				repeated[i] = true
				break
			}
		}
	}
	out := claims[:0]
	for i, c := range claims {
		if !repeated[i] {
			out = append(out, c)
		}
	}
	return out
}

// timeShift words open a sentence that leaves the speaker of the paragraph before for a narrative
// of its own ("In August, ...", "Earlier this week, ...").
var timeShift = set("in", "earlier", "last", "previously", "recently", "since", "back", "meanwhile", "separately", "however")

// continuing opens a sentence that goes on with what came before ("In total, ...", "In all, ...",
// "A further 983 ...", "Another ...").
func continuing(toks []token) bool {
	if len(toks) < 2 {
		return false
	}
	switch toks[0].low {
	case "in":
		return toks[1].low == "total" || toks[1].low == "all" || toks[1].low == "addition"
	case "a", "an":
		return toks[1].low == "further" || toks[1].low == "additional"
	case "another", "additionally", "moreover", "furthermore", "also", "further":
		return true
	}
	return false
}

// namesPeriod reports a sentence that may set the period of what follows: it opens on a time
// word or says "since".
func namesPeriod(toks []token) bool {
	if len(toks) > 0 && periodOpeners[toks[0].low] {
		return true
	}
	for k, t := range toks {
		if t.slot == sinceSlot {
			return true
		}
		// "reported that over the past day, units took ..."
		if t.flags&fTime != 0 && (t.low == "past" || t.low == "previous") && k > 0 && toks[k-1].low == "the" {
			return true
		}
	}
	return false
}

// sinceSlot is the lexicon slot of "since" (set with the lexicon): comparing slots spares a
// string compare a token.
var sinceSlot uint32

// dailyReport reports a count of strikes or clashes by an army or ministry that names no
// period: such figures come from its report of the day.
func dailyReport(c Claim, sp *speaker) bool {
	return (c.Kind == "strikes" || c.Kind == "clashes") && sp != nil && sp.kind == "body" && (sp.side == "UA" || sp.side == "RU") && !c.AsOf.IsZero()
}

// assignInherited gives an unattributed sentence the speaker it continues: the one before it in
// the paragraph, the previous paragraph's last speaker unless the sentence opens on a time shift,
// or the speaker named at the end of its paragraph.
func assignInherited(sents []sentence, sp []*speaker) {
	explicit := make([]bool, len(sp))
	for i := range sp {
		explicit[i] = sp[i] != nil
	}
	// "This was stated by X." names who said the sentences before it.
	for i := range sp {
		if sp[i] != nil && sp[i].backward {
			j := i - 1
			for ; j >= 0 && !explicit[j] && sents[j].para == sents[i].para; j-- {
				sp[j] = sp[i]
			}
			// opening its paragraph, it names the speaker of the paragraph before
			if j >= 0 && !explicit[j] && sents[j].para != sents[i].para {
				for p := sents[j].para; j >= 0 && !explicit[j] && sents[j].para == p; j-- {
					sp[j] = sp[i]
				}
			}
		}
	}
	// "... sentences ... - Zelensky said." at the end of a paragraph covers the paragraph.
	for i := range sp {
		if sp[i] != nil && sp[i].trailing && (i+1 == len(sp) || sents[i+1].para != sents[i].para) {
			for j := i - 1; j >= 0 && sp[j] == nil && sents[j].para == sents[i].para; j-- {
				sp[j] = sp[i]
			}
		}
	}
	for i := 1; i < len(sp); i++ {
		if sp[i] != nil || sp[i-1] == nil || sp[i-1].none {
			continue
		}
		// a heading line ("Recall", "Background:") ends what the speaker before said
		if sents[i-1].para != sents[i].para && i >= 2 && sents[i-2].para != sents[i-1].para && len(sents[i-1].toks) <= 3 {
			continue
		}
		if sents[i].para != sents[i-1].para && len(sents[i].toks) > 0 && (timeShift[sents[i].toks[0].low] && !continuing(sents[i].toks) || timestamp(sents[i].toks)) {
			continue
		}
		inherited := *sp[i-1]
		inherited.trailing, inherited.backward = false, false
		sp[i] = &inherited
	}
}

// elsewhere are places that keep a number off the Kursk front.
var elsewhere = map[string]string{
	"donetsk": "Donetsk region", "pokrovsk": "Pokrovsk", "donbas": "Donbas", "donbass": "Donbas", "kharkiv": "Kharkiv region",
	"zaporizhzhia": "Zaporizhzhia region", "kherson": "Kherson region", "luhansk": "Luhansk region", "bakhmut": "Bakhmut",
	"avdiivka": "Avdiivka", "kurakhove": "Kurakhove", "crimea": "Crimea", "vovchansk": "Vovchansk", "toretsk": "Toretsk",
	"chasiv": "Chasiv Yar", "sumy": "Sumy region", "belgorod": "Belgorod region", "bryansk": "Bryansk region",
}

// articlePlace is the place an article is about when a sentence names none: Kursk when it names
// Kursk anywhere (or names no place at all), else the first other front it names.
func articlePlace(sents []sentence) string {
	other := ""
	for i := range sents {
		p, g := placeOf(sents[i].toks, "")
		if g == "kursk" && p != "" {
			return "Kursk region"
		}
		if g == "elsewhere" && other == "" {
			other = p
		}
	}
	return other
}

// placeOf names the most specific place of a sentence: Kursk or a town in the region keep the
// article's Kursk default; another front moves the claim elsewhere.
func placeOf(toks []token, def string) (string, string) {
	for i, t := range toks {
		if t.flags&fPlace == 0 {
			continue
		}
		switch t.low {
		case "kursk":
			return "Kursk region", "kursk"
		case "sudzha", "hlushkovo", "korenevo", "sudzhansky":
			return t.text, "kursk"
		case "front", "frontline", "front-line", "war", "invasion":
			if i > 0 && (toks[i-1].low == "entire" || toks[i-1].low == "whole" || toks[i-1].low == "full-scale") {
				return "all fronts", "elsewhere"
			}
		}
		if p, ok := elsewhere[t.low]; ok {
			return p, "elsewhere"
		}
		if t.low == "ukrainian" && i+1 < len(toks) && (toks[i+1].low == "territory" || toks[i+1].low == "land") {
			return "Ukraine", "elsewhere"
		}
	}
	if def != "" && def != "Kursk region" {
		return def, "elsewhere"
	}
	return def, "kursk"
}
