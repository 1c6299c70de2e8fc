package extract

import (
	"math"
	"strconv"
	"strings"
)

// mention is a number found in a sentence: its value(s), hedge and the tokens it spans.
type mention struct {
	value, valueMax float64
	isRange         bool
	qualifier       string
	first, last     int  // token indexes of the number itself (hedge excluded)
	hedgeFirst      int  // token index where the hedge starts (== first without hedge)
	word            bool // written in words ("two", "a thousand"): weaker evidence of a count
}

var smallNumbers = map[string]float64{
	"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
	"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
	"seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
	"sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}

var multipliers = map[string]float64{"hundred": 100, "thousand": 1000, "million": 1e6, "billion": 1e9, "k": 1000, "mln": 1e6, "bn": 1e9}

// wordValue reads a number word, including hyphenated tens ("twenty-five") and scales
// ("four-thousand").
func wordValue(w string) (float64, bool) {
	if v, ok := smallNumbers[w]; ok {
		return v, true
	}
	if a, b, ok := strings.Cut(w, "-"); ok {
		va, oka := smallNumbers[a]
		vb, okb := smallNumbers[b]
		if oka && okb && va >= 20 && vb < 10 {
			return va + vb, true
		}
		if m, okm := multipliers[b]; oka && okm && m >= 100 {
			return va * m, true
		}
	}
	return 0, false
}

// gluedScale reads what a news spelling glues to a number with hyphens: "15-thousand" (a
// scale) and "four-thousand-100" (the rest of the number). It returns the new value and last
// token.
func gluedScale(toks []token, v float64, j int) (float64, int) {
	glued := func(a int) bool { return a+1 < len(toks) && toks[a].end == toks[a+1].start }
	if !glued(j) || toks[j+1].low != "-" || !glued(j+1) {
		return v, j
	}
	next := toks[j+2]
	if m, ok := multipliers[next.low]; ok && m >= 1000 && toks[j].num && v < 1000 {
		return v * m, j + 2
	}
	if next.num && v >= 1000 && math.Mod(v, 1000) == 0 {
		if rest, ok := digitValue(next.text); ok && rest < 1000 && !toks[j].num {
			return v + rest, j + 2
		}
	}
	return v, j
}

// digitValue reads 1,300 / 11 000 / 1.5 / 63.2.
var spaces = strings.NewReplacer(" ", "", "\u00a0", "", "\u202f", "")

func digitValue(s string) (float64, bool) {
	if strings.ContainsAny(s, " \u00a0\u202f") {
		s = spaces.Replace(s)
	}
	if first := strings.IndexByte(s, ','); first >= 0 {
		// commas group thousands; a single comma before 1 or 2 digits is a decimal comma
		last := s[strings.LastIndexByte(s, ',')+1:]
		if first == strings.LastIndexByte(s, ',') && len(last) != 3 && !strings.Contains(last, ".") {
			s = s[:first] + "." + last
		} else {
			s = strings.ReplaceAll(s, ",", "")
		}
	}
	if strings.Count(s, ".") > 1 {
		s = strings.ReplaceAll(s, ".", "")
	}
	v, err := strconv.ParseFloat(s, 64)
	return v, err == nil
}

// readNumber reads one number starting at token i: digits or words with an optional scale word.
// It returns the value, the index of its last token and whether it was written in words.
func readNumber(toks []token, i int) (float64, int, bool, bool) {
	t := toks[i]
	var v float64
	word := false
	switch {
	case t.num:
		d, ok := digitValue(t.text)
		if !ok {
			return 0, i, false, false
		}
		v = d
	case t.low == "a" || t.low == "an":
		// "a thousand", "a hundred", "a dozen"
		if i+1 < len(toks) {
			switch toks[i+1].low {
			case "thousand", "hundred", "million", "dozen":
				m := multipliers[toks[i+1].low]
				if toks[i+1].low == "dozen" {
					m = 12
				}
				if i+2 < len(toks) && (toks[i+2].low == "of" || toks[i+2].low == "or") && m != 12 {
					return 0, i, false, false // "a thousand of ..." is rare; "a hundred or so" vague
				}
				return m, i + 1, true, true
			}
		}
		return 0, i, false, false
	default:
		w, ok := wordValue(t.low)
		if !ok {
			return 0, i, false, false
		}
		v = w
		word = true
	}
	j := i
	// "twenty five" / "two hundred fifty"
	for j+1 < len(toks) {
		n := toks[j+1].low
		if word {
			if w, ok := wordValue(n); ok && w < 10 && int(v)%10 == 0 && v >= 20 && v < 100 {
				v += w
				j++
				continue
			}
		}
		if m, ok := multipliers[n]; ok {
			if n == "hundred" && j+2 < len(toks) {
				v *= m
				j++
				// "two hundred thousand"
				if m2, ok := multipliers[toks[j+1].low]; ok && m2 > 100 {
					v *= m2
					j++
				}
				break
			}
			v *= m
			j++
			break
		}
		if n == "dozen" && word {
			v *= 12
			j++
		}
		break
	}
	v, j = gluedScale(toks, v, j)
	return v, j, word, true
}

// hedges map the words before a number to a qualifier; longest first.
var hedges = []struct {
	words []string
	q     string
}{
	{[]string{"no", "more", "than"}, "at_most"},
	{[]string{"not", "more", "than"}, "at_most"},
	{[]string{"never", "more", "than"}, "at_most"},
	{[]string{"no", "fewer", "than"}, "at_least"},
	{[]string{"passed"}, "at_least"},
	{[]string{"surpassed"}, "at_least"},
	{[]string{"topped"}, "at_least"},
	{[]string{"no", "less", "than"}, "at_least"},
	{[]string{"in", "excess", "of"}, "at_least"},
	{[]string{"more", "than"}, "at_least"},
	{[]string{"at", "least"}, "at_least"},
	{[]string{"upwards", "of"}, "at_least"},
	{[]string{"well", "over"}, "at_least"},
	{[]string{"over"}, "at_least"},
	{[]string{"exceeding"}, "at_least"},
	{[]string{"exceeds"}, "at_least"},
	{[]string{"exceeded"}, "at_least"},
	{[]string{"above"}, "at_least"},
	{[]string{"an", "estimated"}, "approximately"},
	{[]string{"approximately"}, "approximately"},
	{[]string{"about"}, "approximately"},
	{[]string{"around"}, "approximately"},
	{[]string{"roughly"}, "approximately"},
	{[]string{"some"}, "approximately"},
	{[]string{"estimated"}, "approximately"},
	{[]string{"approx"}, "approximately"},
	{[]string{"circa"}, "approximately"},
	{[]string{"nearly"}, "at_most"},
	{[]string{"almost"}, "at_most"},
	{[]string{"up", "to"}, "at_most"},
	{[]string{"under"}, "at_most"},
	{[]string{"less", "than"}, "at_most"},
	{[]string{"fewer", "than"}, "at_most"},
	{[]string{"close", "to"}, "at_most"},
	{[]string{"as", "many", "as"}, "at_most"},
	{[]string{"just", "under"}, "at_most"},
}

// hedgeBefore finds a hedge that ends right before token i; it returns its qualifier and first index.
func hedgeBefore(toks []token, i int) (string, int) {
	if i == 0 || toks[i-1].flags&fHedgeEnd == 0 {
		return "exact", i // most numbers are not hedged: spare the list
	}
	for _, h := range hedges {
		n := len(h.words)
		if i-n < 0 {
			continue
		}
		ok := true
		for k, w := range h.words {
			if toks[i-n+k].low != w {
				ok = false
				break
			}
		}
		if ok {
			return h.q, i - n
		}
	}
	return "exact", i
}

// partOfCompound reports a number glued to others by - / . or : (2025-03-10, 20.02.2025, 10:56).
func partOfCompound(toks []token, i int) bool {
	if !toks[i].num {
		return false
	}
	glued := func(a, b int) bool { return toks[a].end == toks[b].start }
	if i >= 2 && glued(i-1, i) && glued(i-2, i-1) && toks[i-2].num && strings.Contains("-/.:", toks[i-1].low) {
		if len(toks[i-2].text) == 4 || toks[i-1].low != "-" {
			return true
		}
		if i >= 4 && glued(i-3, i-2) && glued(i-4, i-3) && toks[i-4].num && strings.Contains("-/.", toks[i-3].low) {
			return true
		}
	}
	if i+2 < len(toks) && glued(i, i+1) && glued(i+1, i+2) && toks[i+2].num && strings.Contains("/.:", toks[i+1].low) {
		return true
	}
	if i+2 < len(toks) && glued(i, i+1) && glued(i+1, i+2) && toks[i+2].num && toks[i+1].low == "-" && (len(toks[i].text) == 4 && len(toks[i+2].text) == 2) {
		return true
	}
	return false
}

// findMentions lists every number of the sentence, with ranges ("30-35 thousand", "between 500
// and 600", "10,000 to 12,000") read as one mention.
func findMentions(toks []token) []mention {
	var out []mention
	for i := 0; i < len(toks); i++ {
		if (!toks[i].num && toks[i].flags&fNumber == 0) || partOfCompound(toks, i) {
			continue
		}
		v, j, word, ok := readNumber(toks, i)
		if !ok {
			continue
		}
		if word && v == 1 && (toks[i].low == "one") {
			// "one of the", "one soldier": too often not a count
			if i+1 < len(toks) && (toks[i+1].low == "of" || toks[i+1].low == "another") {
				continue
			}
		}
		m := mention{value: v, valueMax: v, first: i, last: j, word: word}
		m.qualifier, m.hedgeFirst = hedgeBefore(toks, i)
		// a range: N-M, N to M, between N and M
		if j+2 < len(toks) && (toks[j+1].low == "-" || toks[j+1].low == "to" || (toks[j+1].low == "and" && i > 0 && toks[i-1].low == "between")) {
			if v2, j2, _, ok2 := readNumber(toks, j+2); ok2 && (toks[j+1].low != "-" || toks[j+1].end == toks[j+2].start) {
				lo := v
				// "30-35 thousand": the scale after the second number applies to the first
				if j == i && v2 > v*10 && toks[j2].low != toks[j+2].low {
					if m, ok := multipliers[toks[j2].low]; ok {
						lo = v * m
					}
				}
				if v2 > lo {
					m.value, m.valueMax, m.isRange, m.last = lo, v2, true, j2
					if toks[j+1].low == "and" {
						m.hedgeFirst = i - 1
					}
					m.qualifier = "range"
					if q, hf := hedgeBefore(toks, i); q != "exact" {
						// "up to 30-35": keep the hedge, the range is the value
						m.hedgeFirst = hf
					}
					j = j2
				}
			}
		}
		// "1,000 or more", "N-plus"
		if m.last+2 < len(toks) && toks[m.last+1].low == "or" && toks[m.last+2].low == "more" {
			m.qualifier = "at_least"
		}
		out = append(out, m)
		i = m.last
	}
	return out
}
