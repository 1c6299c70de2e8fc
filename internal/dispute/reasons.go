package dispute

import (
	"fmt"
	"math"
	"strings"
)

// Reason is why two numbers may differ, as a code and a sentence a reader can follow.
type Reason struct {
	Code   string `json:"code"`
	Detail string `json:"detail"`
}

// Reason codes.
const (
	UnitSlip                 = "unit_slip"
	DatesApart               = "dates_apart"
	Relay                    = "relay"
	Hedge                    = "hedge"
	BelligerentVsIndependent = "belligerent_vs_independent"
	DifferentPlace           = "different_place"
)

// SquareMile is the factor between square miles and square kilometres.
const SquareMile = 2.589988

// belligerents are the sides at war; "other" is an independent assessment.
var belligerents = map[string]bool{"UA": true, "RU": true, "KP": true}

// Reasons gives the likely reasons two answers of a dispute differ.
func Reasons(d Dispute) []Reason {
	a, b := d.Low, d.High
	var out []Reason
	if d.Question.Kind == "territory_held" || d.Question.Kind == "territory_gained" || d.Question.Kind == "territory_lost" {
		if a.Value > 0 && math.Abs(b.Value/a.Value/SquareMile-1) <= 0.03 {
			out = append(out, Reason{UnitSlip, fmt.Sprintf("%s is %s in square miles: one figure may be in miles read as kilometres", fmtNum(b.Value), fmtNum(a.Value))})
		}
	}
	if n := daysApart(a.AsOf, b.AsOf); n > 0 {
		out = append(out, Reason{DatesApart, fmt.Sprintf("%d %s between the claims: the situation may have moved", n, plural(n, "day", "days"))})
	}
	if relays(a, b) || relays(b, a) {
		out = append(out, Reason{Relay, "one claim passes on the other's source"})
	}
	for _, x := range []Answer{a, b} {
		if x.Qualifier == "at_least" || x.Qualifier == "at_most" {
			out = append(out, Reason{Hedge, fmt.Sprintf("%s gives only a bound (%s %s)", nameOf(x), strings.ReplaceAll(x.Qualifier, "_", " "), fmtNum(x.Value))})
			break
		}
	}
	for _, p := range [][2]Answer{{a, b}, {b, a}} {
		x, y := p[0], p[1]
		if belligerents[x.ClaimantSide] && x.Subject != "" && x.Subject != x.ClaimantSide && y.ClaimantSide == "other" {
			out = append(out, Reason{BelligerentVsIndependent, fmt.Sprintf("%s speaks of its enemy; %s is an independent assessment", nameOf(x), nameOf(y))})
			break
		}
	}
	if a.Place != "" && b.Place != "" && !strings.EqualFold(a.Place, b.Place) {
		out = append(out, Reason{DifferentPlace, fmt.Sprintf("one counts %s, the other %s", a.Place, b.Place)})
	}
	return out
}

// relays reports an answer whose channel is the other answer's claimant.
func relays(a, b Answer) bool {
	return a.Via != "" && b.ClaimantName != "" && strings.EqualFold(strings.TrimSpace(a.Via), strings.TrimSpace(b.ClaimantName))
}

func nameOf(a Answer) string {
	if a.ClaimantName == "" {
		return "the outlet"
	}
	return a.ClaimantName
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// fmtNum writes a value with thousands separators and at most one decimal.
func fmtNum(v float64) string {
	if v != math.Trunc(v) {
		return fmt.Sprintf("%.1f", v)
	}
	s := fmt.Sprintf("%.0f", v)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
