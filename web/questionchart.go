package web

import (
	"fmt"
	"hash/fnv"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/kursk/kursk/internal/dispute"
	"github.com/kursk/kursk/internal/store"
)

// sideColors are the colours of each side's claimants, each at least 3:1 against white, a few
// shades a side so that two claimants of one side stay apart; independents are drawn dashed.
var sideColors = map[string][]string{
	"UA":    {"#0057B8", "#1F4E79", "#2B6CB0"},
	"RU":    {"#B91C1C", "#8B1A1A", "#C2410C"},
	"KP":    {"#6B21A8", "#7E22CE"},
	"other": {"#166534", "#3F6212", "#0F766E"},
	"":      {"#4B5563", "#374151"},
}

// ClaimantColor is a claimant's colour, the same on every chart: its side's hue, a shade
// picked by its slug.
func ClaimantColor(slug, side string) string {
	shades, ok := sideColors[side]
	if !ok {
		shades = sideColors[""]
	}
	h := fnv.New32a()
	h.Write([]byte(slug))
	return shades[int(h.Sum32()%uint32(len(shades)))]
}

// gapDays is how long a line may go without a claim before it is broken: a claim half a year
// later is not a continuation.
const gapDays = 60

// NewQuestionChart draws each claimant's answers to one question over time: a step line for a
// state (it holds until the next claim), dots joined for counts, independent assessments
// dashed, disputes marked by a bar between the two values.
func NewQuestionChart(title string, claims []store.Claim, ds []store.Dispute) Chart {
	c := Chart{Title: title, Width: 400, Height: 250, Left: 70, Right: 12, Top: 22, Bottom: 34}
	type line struct {
		name, slug, side string
		claims           []store.Claim
	}
	lines := map[string]*line{}
	var order []string
	var minT, maxT time.Time
	maxV := 0.0
	for _, cl := range claims {
		if cl.AsOf == nil {
			continue
		}
		key, name, side := "", OwnVoice, ""
		if cl.Claimant != nil {
			key, name, side = cl.Claimant.Slug, cl.Claimant.Name, cl.Claimant.Side
		}
		l, ok := lines[key]
		if !ok {
			l = &line{name: name, slug: key, side: side}
			lines[key] = l
			order = append(order, key)
		}
		l.claims = append(l.claims, cl)
		if minT.IsZero() || cl.AsOf.Before(minT) {
			minT = *cl.AsOf
		}
		if cl.AsOf.After(maxT) {
			maxT = *cl.AsOf
		}
		maxV = math.Max(maxV, cl.Value)
		if cl.ValueMax != nil {
			maxV = math.Max(maxV, *cl.ValueMax)
		}
		c.Unit = UnitLabel(cl.Unit)
	}
	if len(order) == 0 {
		c.Summary = "No dated claims answer this question."
		return c
	}
	sort.Strings(order)
	if !maxT.After(minT) {
		minT, maxT = minT.AddDate(0, 0, -15), maxT.AddDate(0, 0, 15)
	}
	top := niceCeil(maxV)
	plotW, plotH := c.Width-c.Left-c.Right, c.Height-c.Top-c.Bottom
	x := func(t time.Time) float64 { return round1(c.Left + plotW*float64(t.Sub(minT))/float64(maxT.Sub(minT))) }
	y := func(v float64) float64 { return round1(c.Top + plotH*(1-v/top)) }
	for i := 0; i <= 4; i++ {
		v := top * float64(i) / 4
		c.YTicks = append(c.YTicks, Tick{Pos: y(v), Label: FormatNumber(math.Round(v))})
	}
	for _, t := range thin(monthTicks(minT, maxT), 4) {
		c.XTicks = append(c.XTicks, Tick{Pos: x(t), Label: t.Format("Jan 2006")})
	}
	state := len(claims) > 0 && claims[0].Span == dispute.SpanState
	var summary strings.Builder
	fmt.Fprintf(&summary, "%s, %s to %s, values from 0 to %s %s. ", title, Day(minT), Day(maxT), FormatNumber(top), c.Unit)
	for _, key := range order {
		l := lines[key]
		sort.Slice(l.claims, func(a, b int) bool { return l.claims[a].AsOf.Before(*l.claims[b].AsOf) })
		s := Series{Name: l.name, Color: ClaimantColor(l.slug, l.side)}
		if l.side == "other" {
			s.Name += " (independent)"
			s.Dash = "6 4"
		}
		var path strings.Builder
		for k, cl := range l.claims {
			pt := Point{X: x(*cl.AsOf), Y: y(cl.Value), Label: fmt.Sprintf("%s: %s on %s", l.name, ClaimValue(cl), Day(*cl.AsOf))}
			s.Points = append(s.Points, pt)
			switch {
			case k == 0 || cl.AsOf.Sub(*l.claims[k-1].AsOf) > gapDays*24*time.Hour:
				fmt.Fprintf(&path, "M%.1f %.1f", pt.X, pt.Y)
			case state:
				fmt.Fprintf(&path, " H%.1f V%.1f", pt.X, pt.Y) // a state holds until the next claim
			default:
				fmt.Fprintf(&path, " L%.1f %.1f", pt.X, pt.Y)
			}
		}
		s.Path = path.String()
		last := l.claims[len(l.claims)-1]
		fmt.Fprintf(&summary, "%s: %s, latest %s on %s. ", l.name, Plural(len(l.claims), "claim", "claims"), ClaimValue(last), Day(*last.AsOf))
		c.Series = append(c.Series, s)
	}
	for _, d := range ds {
		c.Marks = append(c.Marks, Mark{X: x(d.AsOf), Y1: y(d.Low.Value), Y2: y(d.High.Value),
			Label: fmt.Sprintf("Dispute on %s: %s against %s", Day(d.AsOf), ClaimValue(d.Low), ClaimValue(d.High))})
	}
	if len(ds) > 0 {
		fmt.Fprintf(&summary, "%s marked.", Plural(len(ds), "dispute", "disputes"))
	}
	c.Summary = summary.String()
	return c
}

// Mark is a dispute on a chart: a bar between two values at one date.
type Mark struct {
	X, Y1, Y2 float64
	Label     string
}

// thin keeps at most n ticks, evenly.
func thin(ts []time.Time, n int) []time.Time {
	for len(ts) > n {
		var half []time.Time
		for i := 0; i < len(ts); i += 2 {
			half = append(half, ts[i])
		}
		ts = half
	}
	return ts
}
