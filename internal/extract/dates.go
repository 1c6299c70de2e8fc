package extract

import (
	"sort"
	"strconv"
	"strings"
	"time"
)

var months = map[string]time.Month{
	"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
	"june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9,
	"october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}

var weekdays = map[string]time.Weekday{
	"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday,
}

func validDate(y int, m time.Month, d int) (time.Time, bool) {
	if y < 1990 || y > 2100 || m < 1 || m > 12 || d < 1 || d > 31 {
		return time.Time{}, false
	}
	t := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return time.Time{}, false
	}
	return t, true
}

// headBytes is how far into a body its own date is looked for ("Feb.02 - 2025 7:45 AM CET",
// "Published 10 August 2025", "August 10, 2025", "2025-08-10", "10.08.2025"): the latest wins,
// since a story looks back on earlier days ("Between 6 August 2024 and 25 May 2025, ...").
const headBytes = 3000

// dateFromSentences finds the page's date in the tokens of its first sentences.
func dateFromSentences(sents []sentence) time.Time {
	var latest time.Time
	for _, s := range sents {
		if s.start >= headBytes {
			break
		}
		if t := dateInTokens(s.toks); t.After(latest) {
			latest = t
		}
	}
	return latest
}

// dateInTokens is the latest full date the tokens write.
func dateInTokens(toks []token) time.Time {
	var latest time.Time
	for i := range toks {
		if t := dateAt(toks, i); t.After(latest) {
			latest = t
		}
	}
	return latest
}

// dateAt reads a full date (with its year) starting around token i, or zero.
func dateAt(toks []token, i int) time.Time {
	num := func(i, minLen, maxLen int) (int, bool) {
		if i >= len(toks) || !toks[i].num || len(toks[i].text) < minLen || len(toks[i].text) > maxLen {
			return 0, false
		}
		n, err := strconv.Atoi(toks[i].text)
		return n, err == nil
	}
	is := func(i int, s string) bool { return i < len(toks) && toks[i].low == s }
	// 2025-08-10
	if y, ok := num(i, 4, 4); ok && is(i+1, "-") && is(i+3, "-") {
		m, ok1 := num(i+2, 1, 2)
		d, ok2 := num(i+4, 1, 2)
		if t, ok := validDate(y, time.Month(m), d); ok && ok1 && ok2 {
			return t
		}
	}
	// 10.08.2025 is one number token
	if t := toks[i]; t.num && strings.Count(t.text, ".") == 2 {
		p := strings.Split(t.text, ".")
		d, _ := strconv.Atoi(p[0])
		m, _ := strconv.Atoi(p[1])
		y, _ := strconv.Atoi(p[2])
		if date, ok := validDate(y, time.Month(m), d); ok && len(p[2]) == 4 {
			return date
		}
	}
	mo, isMonth := months[toks[i].low]
	if isMonth && isCap(toks[i].text) {
		// August 10, 2025 / Feb.02 - 2025 / Aug. 10 2025
		j := i + 1
		if is(j, ".") {
			j++
		}
		if d, ok := num(j, 1, 2); ok {
			k := j + 1
			if is(k, ",") || is(k, "-") {
				k++
			}
			if y, ok := num(k, 4, 4); ok {
				if t, ok := validDate(y, mo, d); ok {
					return t
				}
			}
		}
		// 10 August 2025 / 10th August, 2025
		if i > 0 {
			dIdx := i - 1
			if dIdx > 0 && (is(dIdx, "st") || is(dIdx, "nd") || is(dIdx, "rd") || is(dIdx, "th")) {
				dIdx--
			}
			if d, ok := num(dIdx, 1, 2); ok {
				k := i + 1
				if is(k, ",") {
					k++
				}
				if y, ok := num(k, 4, 4); ok {
					if t, ok := validDate(y, mo, d); ok {
						return t
					}
				}
			}
		}
	}
	return time.Time{}
}

// likelyYear is the latest year (2024-2029) the body names, for dates written without one: an
// article looks back on earlier years, rarely ahead, and the Kursk fighting began in 2024.
func likelyYear(body string) int {
	best := 0
	for i := 0; i+4 <= len(body); i++ {
		if body[i] != '2' || body[i+1] != '0' || body[i+2] != '2' || !isDigitAt(body, i+3) {
			continue
		}
		if (i > 0 && isDigitAt(body, i-1)) || isDigitAt(body, i+4) {
			continue
		}
		if y := 2020 + int(body[i+3]-'0'); y >= 2024 && y > best {
			best = y
		}
	}
	return best
}

// datedRef is a time reference of a sentence: the date it resolves to and where it stands.
type datedRef struct {
	date      time.Time
	found     bool
	at        int  // token index
	statement bool // a day ("on Sunday", "on March 12"): when a statement was made, reusable for the speaker's next sentences
	now       bool // "currently", "now": the article's own day, no date of the sentence's own
}

// sentenceDates resolves the time words of a sentence against the article's date (pub, may be
// zero) and a fallback year.
func sentenceDates(toks []token, pub time.Time, year int) (refs []datedRef) {
	refYear := year
	if !pub.IsZero() {
		refYear = pub.Year()
	}
	add := func(t time.Time, at int, statement bool) {
		if inSincePhrase(toks, at) {
			return // "since the operation began on Aug. 6" starts a period, sinceOf reads it
		}
		refs = append(refs, datedRef{date: t, found: true, at: at, statement: statement})
	}
	for i := 0; i < len(toks); i++ {
		if !toks[i].num && toks[i].flags&(fMonth|fWeekday|fTime) == 0 {
			continue
		}
		w := toks[i].low
		// Month day ("Aug. 13", "March 12"), day Month ("12 March"), with an optional year
		if mo, ok := monthOf(toks[i]); ok && !startOfPeriod(toks, i) && (len(w) > 3 || (i+1 < len(toks) && toks[i+1].low == ".") || w == "may") && isCap(toks[i].text) {
			j := i + 1
			if j < len(toks) && toks[j].low == "." {
				j++
			}
			if j < len(toks) && toks[j].num && len(toks[j].text) <= 2 {
				d, _ := strconv.Atoi(toks[j].text)
				y := refYear
				if j+2 < len(toks) && toks[j+1].low == "," && toks[j+2].num && len(toks[j+2].text) == 4 {
					y, _ = strconv.Atoi(toks[j+2].text)
				} else if j+1 < len(toks) && toks[j+1].num && len(toks[j+1].text) == 4 {
					y, _ = strconv.Atoi(toks[j+1].text)
				} else if !pub.IsZero() && time.Date(y, mo, d, 0, 0, 0, 0, time.UTC).After(pub) {
					y--
				} else if y == 0 {
					y = conflictYear(mo, d)
				}
				if j+1 < len(toks) && toks[j+1].low == "-" {
					continue // "March 8-9": a span of days, not a moment
				}
				if t, ok := validDate(y, mo, d); ok && y != 0 {
					add(t, i, true)
					continue
				}
			}
			if i > 0 && toks[i-1].num && len(toks[i-1].text) <= 2 {
				d, _ := strconv.Atoi(toks[i-1].text)
				y := refYear
				if i+1 < len(toks) && toks[i+1].num && len(toks[i+1].text) == 4 {
					y, _ = strconv.Atoi(toks[i+1].text)
				} else if y == 0 {
					y = conflictYear(mo, d)
				}
				if t, ok := validDate(y, mo, d); ok {
					add(t, i, true)
					continue
				}
			}
			// "in November", "in December 2024", "since early January": the period's last day
			if i > 0 && (toks[i-1].low == "in" || toks[i-1].low == "during" || toks[i-1].low == "of" || toks[i-1].low == "early" || toks[i-1].low == "late" || toks[i-1].low == "mid" || toks[i-1].low == "by" || toks[i-1].low == "last") {
				y := refYear
				explicit := false
				if i+1 < len(toks) && toks[i+1].num && len(toks[i+1].text) == 4 {
					y, _ = strconv.Atoi(toks[i+1].text)
					explicit = true
				} else if !pub.IsZero() && mo > pub.Month() {
					y--
				}
				if y != 0 && (explicit || !pub.IsZero()) {
					end := time.Date(y, mo+1, 0, 0, 0, 0, 0, time.UTC)
					if !pub.IsZero() && end.After(pub) && !explicit {
						end = pub
					}
					add(end, i, false)
				}
			}
			continue
		}
		if toks[i].flags&fWeekday != 0 && !pub.IsZero() {
			wd := weekdays[w]
			back := (int(pub.Weekday()) - int(wd) + 7) % 7
			add(pub.AddDate(0, 0, -back), i, true)
			continue
		}
		// "in 2024": the year's last day
		if toks[i].num && len(toks[i].text) == 4 && i > 0 && (toks[i-1].low == "in" || toks[i-1].low == "during" || toks[i-1].low == "throughout") {
			if y, _ := strconv.Atoi(toks[i].text); y >= 1990 && y <= 2100 {
				end := time.Date(y, 12, 31, 0, 0, 0, 0, time.UTC)
				if !pub.IsZero() && end.After(pub) {
					end = pub
				}
				add(end, i, false)
			}
			continue
		}
		switch w {
		case "yesterday":
			if !pub.IsZero() {
				add(pub.AddDate(0, 0, -1), i, true)
			}
		case "today", "currently", "now", "presently", "tonight":
			if !pub.IsZero() {
				add(pub, i, true)
				refs[len(refs)-1].now = true
			}
		case "last":
			if i+1 < len(toks) && !pub.IsZero() {
				switch toks[i+1].low {
				case "month":
					add(time.Date(pub.Year(), pub.Month(), 0, 0, 0, 0, 0, time.UTC), i, false)
				case "year":
					add(time.Date(pub.Year()-1, 12, 31, 0, 0, 0, 0, time.UTC), i, false)
				case "week":
					add(pub.AddDate(0, 0, -7), i, false)
				}
			}
		}
	}
	return refs
}

// nearestDate picks the time reference closest to token at (the number), if any; of two as
// close, the earlier. refs are in token order, so a binary search finds it (a sentence may be
// a whole 10 MB article).
func nearestDate(refs []datedRef, at int) (datedRef, bool) {
	if len(refs) == 0 {
		return datedRef{}, false
	}
	k := sort.Search(len(refs), func(i int) bool { return refs[i].at >= at })
	best, bestD := datedRef{}, 1<<30
	for _, j := range []int{k - 1, k} {
		if j >= 0 && j < len(refs) {
			if d := max(refs[j].at-at, at-refs[j].at); d < bestD {
				best, bestD = refs[j], d
			}
		}
	}
	return best, true
}

// startOfPeriod reports a date that opens a period ("since August 6", "began on 6 August"):
// the number holds at the period's end, not then.
func startOfPeriod(toks []token, i int) bool {
	for k := i - 1; k >= 0 && k >= i-3; k-- {
		switch toks[k].low {
		case "since", "from", "began", "begun", "beginning", "start", "started", "launched", "starting":
			return true
		}
	}
	return false
}

// inSincePhrase reports a date that opens a period rather than dating a number: "since Aug.
// 6", "since the beginning of the operation on Aug. 6".
func inSincePhrase(toks []token, at int) bool {
	if at > 0 && toks[at-1].num {
		at-- // the day of "6 August"
	}
	for k := at - 1; k >= 0 && k >= at-8; k-- {
		switch toks[k].low {
		case "since":
			return true
		case ",", ";", ":", `"`:
			return false
		}
		if toks[k].num || toks[k].flags&fSpeech != 0 {
			return false
		}
	}
	return false
}

// conflictYear dates a day written without a year in an article that gives none at all: the
// first such day since the incursion began on 6 August 2024, the period kursk follows.
func conflictYear(mo time.Month, d int) int {
	if mo > time.August || (mo == time.August && d >= 6) {
		return 2024
	}
	return 2025
}

// moments are where a sentence names an undated earlier moment ("initially", "at the peak",
// "never") and where it names now ("still", "currently"), in token order.
type moments struct{ past, now []int }

func momentsOf(toks []token) moments {
	var m moments
	for i, t := range toks {
		if t.flags&fMoment == 0 {
			continue
		}
		switch t.low {
		case "initially", "originally", "previously", "formerly", "peak", "height", "never":
			m.past = append(m.past, i)
		case "first", "one", "start", "beginning", "outset":
			if i > 0 && toks[i-1].low == "at" || i > 1 && toks[i-2].low == "at" {
				m.past = append(m.past, i)
			}
		case "still", "now", "currently", "today", "remain", "remains":
			m.now = append(m.now, i)
		}
	}
	return m
}

// undatedPast reports a number (at token at) that its sentence puts at an earlier moment it
// does not date: the article's date would misplace it. A word for now that stands nearer the
// number keeps it current ("still hold 800, down from a peak of 1,376": 800 is now, 1,376 is
// not).
func (m moments) undatedPast(at int) bool {
	past, now := nearestTo(m.past, at), nearestTo(m.now, at)
	return past >= 0 && (now < 0 || past < now)
}

// nearestTo is the distance from at to the nearest of the sorted positions, -1 when none.
func nearestTo(positions []int, at int) int {
	if len(positions) == 0 {
		return -1
	}
	k := sort.SearchInts(positions, at)
	best := -1
	for _, j := range []int{k - 1, k} {
		if j >= 0 && j < len(positions) {
			if d := max(positions[j]-at, at-positions[j]); best < 0 || d < best {
				best = d
			}
		}
	}
	return best
}

// monthOf is the month a token names, looked up only for words flagged as months.
func monthOf(t token) (time.Month, bool) {
	if t.flags&fMonth == 0 {
		return 0, false
	}
	mo, ok := months[t.low]
	return mo, ok
}

func isCap(s string) bool { return s != "" && s[0] >= 'A' && s[0] <= 'Z' }
