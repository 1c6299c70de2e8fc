package web

import (
	"fmt"
	"math"
	"sort"
	"time"

	"github.com/kursk/kursk/internal/store"
)

// Chart is a line chart of one kind's values over time, one series per claimant, laid out in
// SVG user units so the page draws it without JavaScript.
type Chart struct {
	Title                    string
	Unit                     string
	Width                    float64
	Height                   float64
	Series                   []Series
	XTicks                   []Tick
	YTicks                   []Tick
	Summary                  string // the text alternative
	Left, Right, Top, Bottom float64
	Marks                    []Mark // disputes
}

// Series is one claimant's line.
type Series struct {
	Name   string
	Color  string
	Dash   string
	Points []Point
	Path   string
}

// Point is one value of a series.
type Point struct {
	X, Y  float64
	Label string
}

// Tick is an axis label at a position.
type Tick struct {
	Pos   float64
	Label string
}

// MaxSeries caps the lines on one chart; the claimants with most points are kept.
const MaxSeries = 7

// NewChart lays out the points of store.Series as a chart.
func NewChart(title, unit string, points []store.SeriesPoint) Chart {
	c := Chart{Title: title, Unit: unit, Width: 400, Height: 250, Left: 70, Right: 12, Top: 22, Bottom: 34}
	byName := map[string][]store.SeriesPoint{}
	var names []string
	for _, p := range points {
		name := OwnVoice
		if p.Claimant != nil {
			name = p.Claimant.Name
		}
		if _, ok := byName[name]; !ok {
			names = append(names, name)
		}
		byName[name] = append(byName[name], p)
	}
	sort.SliceStable(names, func(i, j int) bool {
		if len(byName[names[i]]) != len(byName[names[j]]) {
			return len(byName[names[i]]) > len(byName[names[j]])
		}
		return names[i] < names[j]
	})
	dropped := 0
	if len(names) > MaxSeries {
		dropped = len(names) - MaxSeries
		names = names[:MaxSeries]
	}
	if len(names) == 0 {
		c.Summary = "No dated claims of this kind match the filters."
		return c
	}
	var minT, maxT time.Time
	maxV := 0.0
	for _, n := range names {
		for _, p := range byName[n] {
			if minT.IsZero() || p.Bucket.Before(minT) {
				minT = p.Bucket
			}
			if p.Bucket.After(maxT) {
				maxT = p.Bucket
			}
			maxV = math.Max(maxV, p.Value)
		}
	}
	if !maxT.After(minT) {
		minT, maxT = minT.AddDate(0, 0, -15), maxT.AddDate(0, 0, 15)
	}
	top := niceCeil(maxV)
	plotW := c.Width - c.Left - c.Right
	plotH := c.Height - c.Top - c.Bottom
	x := func(t time.Time) float64 {
		return c.Left + plotW*float64(t.Sub(minT))/float64(maxT.Sub(minT))
	}
	y := func(v float64) float64 { return c.Top + plotH*(1-v/top) }
	for i := 0; i <= 4; i++ {
		v := top * float64(i) / 4
		c.YTicks = append(c.YTicks, Tick{Pos: y(v), Label: FormatNumber(math.Round(v))})
	}
	for _, t := range thin(monthTicks(minT, maxT), 4) {
		c.XTicks = append(c.XTicks, Tick{Pos: x(t), Label: t.Format("Jan 2006")})
	}
	summary := fmt.Sprintf("%s, %s to %s, values from 0 to %s %s. ", title, Day(minT), Day(maxT), FormatNumber(top), unit)
	for _, n := range names {
		pts := byName[n]
		s := Series{Name: n, Color: ClaimantColor("", "")}
		if cl := pts[0].Claimant; cl != nil {
			s.Color = ClaimantColor(cl.Slug, cl.Side)
			if cl.Side == "other" {
				s.Dash = "6 4"
			}
		}
		sort.Slice(pts, func(a, b int) bool { return pts[a].Bucket.Before(pts[b].Bucket) })
		for k, p := range pts {
			pt := Point{X: round1(x(p.Bucket)), Y: round1(y(p.Value)), Label: fmt.Sprintf("%s: %s %s (%s)", n, FormatNumber(p.Value), unit, Day(p.Bucket))}
			s.Points = append(s.Points, pt)
			if k == 0 || p.Bucket.Sub(pts[k-1].Bucket) > gapDays*24*time.Hour {
				s.Path += fmt.Sprintf("M%.1f %.1f", pt.X, pt.Y) // a gap stays a gap
			} else {
				s.Path += fmt.Sprintf(" L%.1f %.1f", pt.X, pt.Y)
			}
		}
		last := pts[len(pts)-1]
		summary += fmt.Sprintf("%s: latest %s %s on %s. ", n, FormatNumber(last.Value), unit, Day(last.Bucket))
		c.Series = append(c.Series, s)
	}
	if dropped > 0 {
		summary += fmt.Sprintf("%d more claimants not drawn.", dropped)
	}
	c.Summary = summary
	return c
}

func round1(v float64) float64 { return math.Round(v*10) / 10 }

// niceCeil rounds a maximum up to 1, 2 or 5 times a power of ten.
func niceCeil(v float64) float64 {
	if v <= 0 {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(v)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*p >= v {
			return m * p
		}
	}
	return 10 * p
}

// monthTicks gives at most eight month starts between two times.
func monthTicks(from, to time.Time) []time.Time {
	var out []time.Time
	t := time.Date(from.Year(), from.Month(), 1, 0, 0, 0, 0, time.UTC)
	if t.Before(from) {
		t = t.AddDate(0, 1, 0)
	}
	for ; !t.After(to); t = t.AddDate(0, 1, 0) {
		out = append(out, t)
	}
	for len(out) > 8 {
		var half []time.Time
		for i := 0; i < len(out); i += 2 {
			half = append(half, out[i])
		}
		out = half
	}
	return out
}
