// Package dispute decides which claims answer the same question and whether their claimants
// disagree: a question is a kind, subject, place group, item and span; two claimants' answers
// at about the same time whose intervals do not overlap are a dispute, with the reasons they
// may differ (rivals.go, reasons.go). The timeline's weekly rows of chips (this file) use the
// same intervals. Pages and API both use it; it does no I/O.
package dispute

import (
	"math"
	"sort"
	"time"
)

// Claimant identifies who gives a value; the zero value is an outlet speaking for itself.
type Claimant struct {
	Slug string `json:"slug"`
	Name string `json:"name"`
	Kind string `json:"kind"`
	Side string `json:"side"`
}

// Chip is one claimant's value for a question, with the number of outlets that carry it.
type Chip struct {
	Window     time.Time // start of the time window
	Kind       string
	Subject    string // UA, RU, KP or ""
	PlaceGroup string // kursk or elsewhere
	Item       string // what an equipment count counts, "" for other kinds
	Span       string // state, unstated or the period's first day
	Value      float64
	ValueMax   *float64
	Qualifier  string
	Claimant   *Claimant
	Outlets    int   // independent outlets (syndicated copies count once)
	Claims     int   // claims behind the chip
	ClaimID    int64 // one claim to link to
	AsOf       time.Time
	Rival      bool // shown beside a filtered claimant's chip: another claimant's answer
	// OutletName names where the linked claim was read; pages that show it fill it in.
	OutletName string
}

// Question is the chips that answer one question in one window.
type Question struct {
	Window     time.Time
	Kind       string
	Subject    string
	PlaceGroup string
	Item       string
	Span       string
	Chips      []Chip // ordered by value
	Disputed   bool
	// Corroborated: one value is carried by at least two independent outlets.
	Corroborated bool
	Min, Max     float64
	Claimants    int // distinct claimants, the outlets' own voice counted as one
}

// Key names a question in one window for grouping.
func (q Question) Key() string {
	return q.Window.Format("2006-01-02") + "|" + q.QuestionKey().String()
}

// QuestionKey is the question the chips answer, across windows.
func (q Question) QuestionKey() QuestionKey {
	return QuestionKey{Kind: q.Kind, Subject: q.Subject, PlaceGroup: q.PlaceGroup, Item: q.Item, Span: q.Span}
}

// Spread is the relative distance between the lowest and highest value (0 when they agree).
func (q Question) Spread() float64 {
	if q.Max == 0 {
		return 0
	}
	return (q.Max - q.Min) / q.Max
}

func claimantKey(c *Claimant) string {
	if c == nil {
		return ""
	}
	return c.Slug
}

// Same reports two values that are the same figure (1% apart at most, for rounding).
func Same(a, b float64) bool {
	return math.Abs(a-b) <= 0.01*math.Max(math.Abs(a), math.Abs(b))
}

// Group sorts chips into questions, keeping the order in which each question first appears,
// and marks disputes and corroboration.
func Group(chips []Chip) []Question {
	type key struct {
		window                                time.Time
		kind, subject, placeGroup, item, span string
	}
	index := map[key]int{}
	var qs []Question
	for _, c := range chips {
		k := key{c.Window, c.Kind, c.Subject, c.PlaceGroup, c.Item, c.Span}
		i, ok := index[k]
		if !ok {
			i = len(qs)
			index[k] = i
			qs = append(qs, Question{Window: c.Window, Kind: c.Kind, Subject: c.Subject, PlaceGroup: c.PlaceGroup, Item: c.Item, Span: c.Span})
		}
		qs[i].Chips = append(qs[i].Chips, c)
	}
	for i := range qs {
		judge(&qs[i])
	}
	return qs
}

func judge(q *Question) {
	sort.SliceStable(q.Chips, func(i, j int) bool {
		if q.Chips[i].Value != q.Chips[j].Value {
			return q.Chips[i].Value < q.Chips[j].Value
		}
		return claimantKey(q.Chips[i].Claimant) < claimantKey(q.Chips[j].Claimant)
	})
	claimants := map[string]bool{}
	q.Min, q.Max = math.Inf(1), math.Inf(-1)
	for _, c := range q.Chips {
		claimants[claimantKey(c.Claimant)] = true
		q.Min = math.Min(q.Min, c.Value)
		hi := c.Value
		if c.ValueMax != nil {
			hi = *c.ValueMax
		}
		q.Max = math.Max(q.Max, hi)
	}
	q.Claimants = len(claimants)
	for i, a := range q.Chips {
		for _, b := range q.Chips[i+1:] {
			if claimantKey(a.Claimant) != claimantKey(b.Claimant) && q.Span != SpanUnstated &&
				!IntervalOf(a.Value, a.ValueMax, a.Qualifier).Overlaps(IntervalOf(b.Value, b.ValueMax, b.Qualifier)) {
				q.Disputed = true
			}
		}
	}
	// outlets behind each agreeing value
	for i, a := range q.Chips {
		outlets := 0
		for _, b := range q.Chips[i:] {
			if Same(a.Value, b.Value) {
				outlets += b.Outlets
			}
		}
		if outlets >= 2 {
			q.Corroborated = true
		}
	}
}

// Disputes keeps the disputed questions, widest spread first.
func Disputes(qs []Question) []Question {
	var out []Question
	for _, q := range qs {
		if q.Disputed {
			out = append(out, q)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Spread() != out[j].Spread() {
			return out[i].Spread() > out[j].Spread()
		}
		return out[i].Window.After(out[j].Window)
	})
	return out
}
