package extract

import (
	"strconv"
	"time"
)

// Incursion is the day Ukraine's forces crossed into the Kursk region: "since the operation
// began" in a Kursk article counts from it.
var Incursion = time.Date(2024, 8, 6, 0, 0, 0, 0, time.UTC)

// FullScaleInvasion is the day Russia's full-scale invasion of Ukraine began.
var FullScaleInvasion = time.Date(2022, 2, 24, 0, 0, 0, 0, time.UTC)

// stateKinds are numbers that hold at a moment: they have no period, so no `since`.
var stateKinds = set("territory_held", "troops")

// sinceOf is the first day of the period a count covers, as its sentence tells it, or zero: "since
// August 6", "since the incursion began", "from August 8 to the present", "over the past day",
// "in the past three months", "in November". asOf is the claim's resolved date (may be zero), at
// the number's token. samePeriod reports "during the same period": the period of the sentence before.
func sinceOf(toks []token, at int, kind string, asOf, pub time.Time, group string) (since time.Time, samePeriod bool) {
	if stateKinds[kind] {
		return time.Time{}, false
	}
	if pub.IsZero() {
		pub = asOf // an undated article: the claim's own date resolves the period's days
	}
	// the period is told near the number (a sentence may be a whole article); of two periods,
	// the one nearer the number: "770,000 since 2022, including 1,580 over the past day"
	var best time.Time
	bestD := periodReach + 1
	for i := max(0, at-periodReach); i < len(toks) && i <= at+periodReach; i++ {
		if toks[i].flags&fTime == 0 {
			continue
		}
		var t time.Time
		switch toks[i].low {
		case "since", "from":
			t = startAfter(toks, i+1, pub, toks[i].low == "from")
		case "past", "previous":
			t = spanBack(toks, i+1, asOf)
		case "last":
			if !losses[kind] || i > 0 && toks[i-1].low == "the" {
				t = spanBack(toks, i+1, asOf) // "last month" dates an estimate of losses, not their period
			}
		case "over", "during", "in", "throughout":
			t = duringSpan(toks, i+1, asOf)
			if t.IsZero() && i+3 < len(toks) && toks[i+1].low == "the" && toks[i+2].low == "same" && (toks[i+3].low == "period" || toks[i+3].low == "time") {
				return time.Time{}, true
			}
		case "this":
			// "Earlier this month, Zelensky said ...": when it was said, not what is counted
			if i == 0 || !statementTime[toks[i-1].low] || !speechBetween(toks, i, at) {
				t = thisSpan(toks, i+1, asOf)
			}
		case "on":
			if d, end, ok := dayAt(toks, i+1, pub); ok && dayRange(toks, end) {
				t = d // "on March 8-9"
			}
		}
		if d := max(i-at, at-i); !t.IsZero() && d < bestD {
			best, bestD = t, d
		}
	}
	if !best.IsZero() {
		if group == "kursk" && best.Before(Incursion) && best.After(Incursion.AddDate(0, 0, -6)) {
			best = Incursion // "since August": the Kursk fighting began on the 6th
		}
		return best, false
	}
	t := monthPeriodStart(toks, at, asOf)
	if group == "kursk" && t.Before(Incursion) && t.After(Incursion.AddDate(0, 0, -6)) {
		t = Incursion // "in August 2024": the Kursk fighting began on the 6th
	}
	return t, false
}

var statementTime = set("earlier", "later", "early", "late")

// periodReach is how many tokens around a number its period is looked for in.
const periodReach = 40

// thisSpan reads "this week", "this month", "this year": the span so far, ending on asOf.
func thisSpan(toks []token, i int, asOf time.Time) time.Time {
	if asOf.IsZero() || i >= len(toks) {
		return time.Time{}
	}
	switch toks[i].low {
	case "week":
		return asOf.AddDate(0, 0, -((int(asOf.Weekday()) + 6) % 7))
	case "month":
		return time.Date(asOf.Year(), asOf.Month(), 1, 0, 0, 0, 0, time.UTC)
	case "year":
		return time.Date(asOf.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
	}
	return time.Time{}
}

// duringSpan reads what follows "over", "during" or "in": "the day", "the past week", "the
// year", "the fighting in Kursk", "military operations in the Kursk region".
func duringSpan(toks []token, i int, asOf time.Time) time.Time {
	if i < len(toks) && toks[i].low == "the" {
		i++
	}
	if i >= len(toks) {
		return time.Time{}
	}
	switch toks[i].low {
	case "day", "night":
		return asOf
	case "week", "month", "year":
		return spanBack(toks, i, asOf)
	case "first":
		// "during the first two weeks of January": the month's first day
		for k := i + 1; k < len(toks) && k <= i+5; k++ {
			if toks[k].low == "of" && k+1 < len(toks) {
				if d, _, ok := dayAt(toks, k+1, asOf); ok {
					return d
				}
			}
		}
	}
	// "during the fighting", "during military operations", not "during fierce fighting" nor
	// "in the war against Ukraine" (a war is no period's start)
	for k := i; k < len(toks) && k < i+3; k++ {
		if kurskEvents[toks[k].low] || toks[k].low == "full-scale" || toks[k].low == "invasion" {
			return namedEvent(toks, k, 1)
		}
		if !eventModifiers[toks[k].low] {
			break
		}
	}
	return time.Time{}
}

// eventModifiers may stand between "during" and the event it names.
var eventModifiers = set("military", "its", "their", "our", "kursk", "ukrainian", "russian", "combat", "this", "that", "full-scale", "ongoing")

// periodOpeners open a sentence that may set the period of its paragraph.
var periodOpeners = set("since", "during", "over", "in", "throughout", "from")

// opening words of a named start: "since the start of the operation", "since the incursion began".
var startWords = set("start", "beginning", "launch", "outset", "onset", "first")

// kurskEvents and warEvents name what a period counts from.
var (
	kurskEvents = set("operation", "operations", "incursion", "offensive", "fighting", "raid", "counteroffensive", "battles", "hostilities")
	warEvents   = set("invasion", "war", "full-scale", "full")
)

// startAfter reads the start of a period after "since" or "from": a date, or a named event.
// A "from" date counts only when a period follows it ("from August 8 to the present").
func startAfter(toks []token, i int, pub time.Time, needsEnd bool) time.Time {
	if d, end, ok := dayAt(toks, i, pub); ok {
		if dayRange(toks, end) {
			return d // "from March 8-9": the span's first day
		}
		if needsEnd && !(end+1 < len(toks) && (toks[end+1].low == "to" || toks[end+1].low == "until" || toks[end+1].low == "till" || toks[end+1].low == "through")) {
			return time.Time{}
		}
		return d
	}
	if needsEnd {
		return time.Time{}
	}
	if t := namedEvent(toks, i, 8); !t.IsZero() {
		return t
	}
	// "since entering combat in December"
	for k := i; k < len(toks) && k < i+6; k++ {
		if toks[k].low == "in" {
			if d, _, ok := dayAt(toks, k+1, pub); ok {
				return d
			}
		}
	}
	return seasonStart(toks, i, pub)
}

// namedEvent reads the event a period counts from within n tokens of i: the full-scale
// invasion, or the Kursk operation ("the incursion", "fighting broke out", "military operations").
func namedEvent(toks []token, i, n int) time.Time {
	for k := i; k < len(toks) && k < i+n; k++ {
		w := toks[k].low
		if warEvents[w] {
			if w == "full" && !(k+1 < len(toks) && toks[k+1].low == "-") {
				continue
			}
			if w == "war" && k > 0 && (toks[k-1].low == "world" || toks[k-1].low == "cold") {
				return time.Time{} // "the biggest attack since the second world war": another war
			}
			return FullScaleInvasion
		}
		if kurskEvents[w] || (w == "attack" || w == "offensive" || w == "assault") && k > i && startWords[toks[i+1].low] {
			return Incursion
		}
		if w == "," || w == "." || w == ";" || toks[k].num {
			break
		}
	}
	return time.Time{}
}

// seasons open on their first month.
var seasons = map[string]time.Month{"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12, "year": 1}

// seasonStart reads "the beginning of this summer", "this year", "the start of the year".
func seasonStart(toks []token, i int, pub time.Time) time.Time {
	if pub.IsZero() {
		return time.Time{}
	}
	for k := i; k < len(toks) && k < i+6; k++ {
		if mo, ok := seasons[toks[k].low]; ok {
			y := pub.Year()
			if time.Date(y, mo, 1, 0, 0, 0, 0, time.UTC).After(pub) {
				y--
			}
			return time.Date(y, mo, 1, 0, 0, 0, 0, time.UTC)
		}
		if w := toks[k].low; w == "," || w == "." || toks[k].num {
			break
		}
	}
	return time.Time{}
}

// dayRange reports "8-9" after a month: a span of days whose first day is at end.
func dayRange(toks []token, end int) bool {
	return end+2 < len(toks) && toks[end].num && toks[end+1].low == "-" && toks[end+2].num && len(toks[end+2].text) <= 2
}

// dayAt reads a date starting at token i: "August 6", "Aug. 6", "6 August", "August 6, 2024",
// "August" alone (its first day), resolved to the latest such day on or before pub.
func dayAt(toks []token, i int, pub time.Time) (time.Time, int, bool) {
	if i >= len(toks) {
		return time.Time{}, 0, false
	}
	day, mo, end := 1, time.Month(0), i
	if m, ok := months[toks[i].low]; ok && isCap(toks[i].text) {
		mo = m
		j := i + 1
		if j < len(toks) && toks[j].low == "." {
			j++
		}
		if j < len(toks) && toks[j].num && len(toks[j].text) <= 2 {
			day, _ = strconv.Atoi(toks[j].text)
			end = j
		}
	} else if toks[i].num && len(toks[i].text) <= 2 && i+1 < len(toks) {
		if m, ok := months[toks[i+1].low]; ok && isCap(toks[i+1].text) {
			day, _ = strconv.Atoi(toks[i].text)
			mo, end = m, i+1
		}
	}
	if mo == 0 {
		return time.Time{}, 0, false
	}
	y := 0
	k := end + 1
	if k < len(toks) && toks[k].low == "," {
		k++
	}
	if k < len(toks) && toks[k].num && len(toks[k].text) == 4 {
		y, _ = strconv.Atoi(toks[k].text)
		end = k
	} else if !pub.IsZero() {
		y = pub.Year()
		if time.Date(y, mo, day, 0, 0, 0, 0, time.UTC).After(pub) {
			y--
		}
	} else {
		y = conflictYear(mo, day)
	}
	t, ok := validDate(y, mo, day)
	return t, end, ok
}

// spanBack reads "past day", "last 24 hours", "past three months", "last week" after the word at
// i-1, and gives the first day of that span ending on asOf.
func spanBack(toks []token, i int, asOf time.Time) time.Time {
	if asOf.IsZero() || i >= len(toks) {
		return time.Time{}
	}
	n := 1
	if v, end, _, ok := readNumber(toks, i); ok && v >= 1 && v <= 1000 {
		n, i = int(v), end+1
	}
	if i >= len(toks) {
		return time.Time{}
	}
	switch toks[i].low {
	case "day", "days", "night":
		return asOf.AddDate(0, 0, 1-n)
	case "hours", "hour":
		if n <= 24 {
			return asOf
		}
		return asOf.AddDate(0, 0, 1-(n+23)/24)
	case "week", "weeks":
		if n == 1 && i > 0 && toks[i-1].low == "last" {
			// "last week": that week's Monday
			back := (int(asOf.Weekday()) + 6) % 7
			return asOf.AddDate(0, 0, -back)
		}
		return asOf.AddDate(0, 0, 1-7*n)
	case "month", "months":
		if n == 1 && i > 0 && toks[i-1].low == "last" {
			return time.Date(asOf.Year(), asOf.Month(), 1, 0, 0, 0, 0, time.UTC)
		}
		return asOf.AddDate(0, -n, 1)
	case "year", "years":
		if n == 1 && i > 0 && toks[i-1].low == "last" {
			return time.Date(asOf.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
		}
		return asOf.AddDate(-n, 0, 1)
	}
	return time.Time{}
}

// monthPeriodStart gives the first day of a month or year the sentence sets the count in ("in
// November", "during December 2024", "in 2024"), when the claim is dated at that period's end.
func monthPeriodStart(toks []token, at int, asOf time.Time) time.Time {
	if asOf.IsZero() {
		return time.Time{}
	}
	for i := max(1, at-12); i < len(toks) && i <= at+12; i++ {
		if toks[i].flags&fMonth == 0 && !toks[i].num {
			continue
		}
		p := toks[i-1].low
		if p != "in" && p != "during" && p != "throughout" && p != "last" {
			continue
		}
		if mo, ok := months[toks[i].low]; ok && isCap(toks[i].text) && mo == asOf.Month() {
			if i+1 < len(toks) && toks[i+1].num && len(toks[i+1].text) <= 2 || speechBetween(toks, min(i, at), max(i, at)) || i >= 2 && speechVerbs[toks[i-2].low] {
				continue // "in November 12" is a day; "In January, X said" and "X reported in April" date the statement
			}
			return time.Date(asOf.Year(), mo, 1, 0, 0, 0, 0, time.UTC)
		}
		if toks[i].num && len(toks[i].text) == 4 && toks[i].text == strconv.Itoa(asOf.Year()) {
			return time.Date(asOf.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
		}
	}
	return time.Time{}
}
