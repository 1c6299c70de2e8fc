package extract

import "math"

// counted is a number mention with the noun it counts.
type counted struct {
	mention
	noun     *noun
	nounEnd  int // last token of the noun (== last of the number when implied)
	modFirst int // first modifier token between number and noun
	kind     string
	subject  string
	cueAt    int // token of the verb that decided an area's kind, -1 when none
}

// scratch holds the buffers sentenceClaims reuses from one sentence to the next.
type scratch struct {
	found []counted
	out   []Claim
}

// sentenceClaims reads the claims of one sentence; attribution, date and evidence are added by
// the caller. The claims are in sc's buffer, valid until the next call.
// leadIn is the area kind of the line that opens the list the sentence is an item of, or "".
func sentenceClaims(s *sentence, sp *speaker, lastSubject *string, prevActor, leadIn string, sc *scratch) []Claim {
	toks := s.toks
	mentions := findMentions(toks)
	if len(mentions) == 0 {
		return nil
	}
	speakerSide := ""
	if sp != nil && !sp.none {
		speakerSide = sp.side
	}
	found := sc.found[:0]
	out := sc.out[:0]
	defer func() { sc.found, sc.out = found[:0], out[:0] }()
	for mi, m := range mentions {
		if notACount(toks, m) {
			continue
		}
		c := counted{mention: m, nounEnd: m.last, modFirst: m.last + 1, cueAt: -1}
		if nn, end, ok := nounAfter(toks, m.last+1); ok {
			c.noun, c.nounEnd = nn, end
		} else if nn, ok := impliedNoun(toks, m, found, mentions, mi); ok {
			c.noun = nn
		} else {
			continue
		}
		if c.noun.class == unitArea && conversionOf(toks, c, found) {
			continue
		}
		if c.word && c.value < 2 && c.noun.class != unitPeople && c.modFirst != c.nounEnd-len(c.noun.words)+1 {
			continue
		}
		kind := kindOf(toks, &c, found)
		if kind == "territory_held" && c.cueAt < 0 && leadIn != "" {
			kind = leadIn // "Russia has captured:\n311 sqkm in the ... direction;"
		}
		if kind == "" {
			continue
		}
		c.kind = kind
		c.subject = subjectOf(toks, c, kind, speakerSide, found, *lastSubject, prevActor)
		if UnitOf(kind) == "people" && c.subject != "" {
			*lastSubject = c.subject
		}
		found = append(found, c)
		cl := Claim{at: c.first, Subject: c.subject, Kind: kind, Value: c.value * c.noun.factor, Qualifier: c.qualifier, Unit: UnitOf(kind)}
		if kind == "equipment_destroyed" {
			cl.Item = itemOf(toks, c)
		}
		if c.isRange {
			hi := c.valueMax * c.noun.factor
			cl.ValueMax = &hi
		}
		if cl.Unit == "km2" {
			cl.Value = roundArea(cl.Value)
			if cl.ValueMax != nil {
				hi := roundArea(*cl.ValueMax)
				cl.ValueMax = &hi
			}
		}
		out = append(out, cl)
	}
	return out
}

func roundArea(v float64) float64 {
	if v >= 100 {
		return math.Round(v)
	}
	return math.Round(v*10) / 10
}

// notACount drops years, dates, percentages, times and numbers glued to other numbers.
func notACount(toks []token, m mention) bool {
	t := toks[m.first]
	next := ""
	if m.last+1 < len(toks) {
		next = toks[m.last+1].low
	}
	prev := ""
	if m.first > 0 {
		prev = toks[m.first-1].low
	}
	if t.num && len(t.text) == 4 && m.value >= 1900 && m.value <= 2100 && m.first == m.last {
		// a year, unless a counted noun follows ("2000 square kilometres")
		if _, _, ok := nounAfter(toks, m.last+1); !ok {
			return true
		}
	}
	if m.first > 0 && toks[m.first-1].flags&fMonth != 0 && t.num && m.value <= 31 {
		return true
	}
	if m.last+1 < len(toks) && toks[m.last+1].flags&fMonth != 0 {
		return true
	}
	switch next {
	case "%", "percent", "per", "a.m", "p.m", "am", "pm", ":", "years", "year", "year-old", "days", "hours", "weeks", "months":
		return true
	}
	switch prev {
	case "$", "€", "£", "no", "number", "page", "article", "section", "resolution", "brigade", "regiment", "division", "battalion", "corps", "army":
		return true
	}
	return false
}

// nounAfter matches a counted noun after a number, over at most four modifiers.
var equipmentNoun = &noun{words: []string{"equipment"}, class: unitEquipment, factor: 1}

var equipmentHeads = set("equipment", "hardware", "weaponry", "weapons")

func nounAfter(toks []token, i int) (*noun, int, bool) {
	// "pieces of Russian military equipment"
	if i+2 < len(toks) && (toks[i].low == "pieces" || toks[i].low == "units" || toks[i].low == "items") && toks[i+1].low == "of" {
		for j := i + 2; j < len(toks) && j <= i+6; j++ {
			if equipmentHeads[toks[j].low] {
				return equipmentNoun, j, true
			}
			if !nounModifiers[toks[j].low] {
				break
			}
		}
	}
	for skip := 0; skip <= 4 && i+skip < len(toks); skip++ {
		j := i + skip
		if nn, end, ok := matchNoun(toks, j); ok {
			// "five MLRS attacks": a weapon naming the attacks it made
			if nn.class == unitEquipment && end+1 < len(toks) {
				if next, end2, ok2 := matchNounAt(toks, end+1); ok2 && (next.class == unitAttacks || next.class == unitStrikes) {
					return next, end2, true
				}
			}
			return nn, end, true
		}
		// a model name may stand before equipment: "two HIMARS launchers"
		if toks[j].flags&fModifier == 0 && !modelName(toks[j].text) {
			return nil, 0, false
		}
	}
	return nil, 0, false
}

// modelName reports a word written in capitals, as weapon models are ("HIMARS", "BMP").
func modelName(text string) bool {
	if len(text) < 2 || len(text) > 8 {
		return false
	}
	for i := 0; i < len(text); i++ {
		if c := text[i]; !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// matchNoun matches the longest noun starting at token j; periods inside ("sq. km") are skipped.
// "wounded" or "dead" before another noun of people is an adjective ("two wounded prisoners").
func matchNoun(toks []token, j int) (*noun, int, bool) {
	nn, end, ok := matchNounAt(toks, j)
	if ok && nn.class == unitPeople && (nn.kind == "wounded" || nn.kind == "killed") && end+1 < len(toks) {
		if next, end2, ok2 := matchNounAt(toks, end+1); ok2 && next.class == unitPeople {
			return next, end2, true
		}
	}
	return nn, end, ok
}

// nounsByFirst indexes the nouns by their first word.
var nounsByFirst = func() map[string][]*noun {
	m := map[string][]*noun{}
	for k := range nouns {
		m[nouns[k].words[0]] = append(m[nouns[k].words[0]], &nouns[k])
	}
	return m
}()

func matchNounAt(toks []token, j int) (*noun, int, bool) {
	var best *noun
	bestEnd := 0
	if j >= len(toks) || toks[j].flags&fNounHead == 0 {
		return nil, 0, false
	}
	for _, nn := range nounsByFirst[toks[j].low] {
		p := j
		ok := true
		for _, w := range nn.words {
			for p < len(toks) && toks[p].low == "." && w != "." {
				p++
			}
			if p >= len(toks) || toks[p].low != w {
				ok = false
				break
			}
			p++
		}
		if ok && (best == nil || len(nn.words) > len(best.words)) {
			best, bestEnd = nn, p-1
		}
	}
	return best, bestEnd, best != nil
}

var casualtiesNoun = &noun{words: []string{"casualties"}, class: unitPeople, factor: 1, kind: "casualties"}

var peopleNoun = &noun{words: []string{"people"}, class: unitPeople, factor: 1}

// impliedNoun finds what a bare number counts: "4 thousand were killed", "lost 30-35 thousand",
// "of which 147", "puts the number of troops at 50,000".
func impliedNoun(toks []token, m mention, found []counted, all []mention, mi int) (*noun, bool) {
	// "to send more troops, around 1,000 to 1,500 more": the people named just before
	if m.last+1 < len(toks) && toks[m.last+1].low == "more" {
		for k := m.hedgeFirst - 1; k >= 0 && k >= m.hedgeFirst-12; k-- {
			if toks[k].num || toks[k].low == "." || toks[k].low == ";" {
				break
			}
			if nn, _, ok := matchNoun(toks, k); ok && nn.class == unitPeople && !nn.generic {
				return nn, true
			}
		}
	}
	if m.last+1 < len(toks) {
		nx := toks[m.last+1]
		if nx.start == toks[m.last].end && !nx.punct {
			return nil, false // "10th", "3km"
		}
		if !nx.punct && !nx.num && !auxOrAdverb[nx.low] && peopleCues[nx.low] == "" && !functionWords[nx.low] {
			return nil, false // "12 kilometers", "10 children"
		}
	}
	// a strong cue right after: "4 thousand were killed", "1,000 injured"
	for k := m.last + 1; k < len(toks) && k <= m.last+4; k++ {
		w := toks[k].low
		if kind, ok := peopleCues[w]; ok && kind != "troops" && w != "lost" && w != "losses" {
			return peopleNoun, true
		}
		if !auxOrAdverb[w] {
			break
		}
	}
	// a strong cue right before: "has lost 30-35 thousand", "killed 300"
	if h := m.hedgeFirst - 1; h >= 0 {
		if kind, ok := peopleCues[toks[h].low]; ok && kind != "troops" && kind != "prisoners" {
			return peopleNoun, true
		}
	}
	// "of which 147", "8 of them", "including 600", "another 2,700": the unit of the number before
	if len(found) > 0 {
		prev := found[len(found)-1]
		h := m.hedgeFirst
		linked := (h >= 2 && toks[h-2].low == "of" && toks[h-1].low == "which") ||
			(h >= 1 && (toks[h-1].low == "including" || toks[h-1].low == "another" || toks[h-1].low == "and" || toks[h-1].low == "with")) ||
			(m.last+2 < len(toks) && toks[m.last+1].low == "of" && (toks[m.last+2].low == "them" || toks[m.last+2].low == "which")) ||
			comparedFrom(toks, h) // "200 sq km, down from 1,300", "down from a peak of 1,100"
		if linked {
			return prev.noun, true
		}
	}
	// "the number of X ... at N", "reaching N": the nearest counted noun before
	h := m.hedgeFirst
	if h < m.first && exceedVerbs[toks[h].low] {
		h++ // "have passed 50,000": the hedge is the verb
	}
	if h >= 1 {
		if w := toks[h-1].low; totalVerbs[w] || exceedVerbs[w] {
			for k := h - 2; k >= 0 && k >= h-15; k-- {
				if toks[k].num {
					break
				}
				if nn, _, ok := matchNoun(toks, k); ok && nn.class != unitArea {
					if kind, _ := cueKind(toks, k); kind == "casualties" && nn.kind != "" {
						return casualtiesNoun, true // "soldiers killed and wounded ... exceeded 3,000"
					}
					return nn, true
				}
				// "Ukrainian losses in the region have passed 50,000"
				if (toks[k].low == "losses" || toks[k].low == "casualties") && k+1 < h-1 {
					return peopleNoun, true
				}
			}
		}
	}
	return nil, false
}

var functionWords = set("still", "ongoing", "continuing", "last", "this", "in", "on", "at", "since", "as", "by", "during", "over", "according", "and",
	"or", "but", "while", "with", "from", "so", "after", "before", "earlier", "ago", "a", "the", "that", "which", "who",
	"alone", "so far", "already", "now", "for", "between", "across", "among")

var auxOrAdverb = set("were", "was", "have", "has", "had", "been", "are", "is", "reportedly", "also", "being", "of", "them", "more", "others", "other", "people", "soldiers", "troops")

// conversionOf reports an area in brackets that restates the area just before it ("500 sq km
// (193 sq miles)").
func conversionOf(toks []token, c counted, found []counted) bool {
	if len(found) == 0 || c.hedgeFirst == 0 {
		return false
	}
	prev := found[len(found)-1]
	if prev.noun.class != unitArea {
		return false
	}
	open := c.hedgeFirst - 1
	if toks[open].low == "or" || toks[open].low == "," {
		return open-1 == prev.nounEnd
	}
	return toks[open].low == "(" && open-1 == prev.nounEnd
}

// demining words make a count of settlements a count of places cleared of mines, not held.
var demining = set("demined", "demining", "demine", "demilitarized", "demilitarised", "mines", "mine-clearing", "cleared", "evacuated", "evacuation", "shelled", "shelling", "struck", "hit", "strikes", "attacked", "targeted")

// settlementsAsPlace reports settlements that are where something happened ("strikes on 16
// settlements", "demined two populated areas"), not a count of places held or taken.
func settlementsAsPlace(toks []token, c counted) bool {
	before := ""
	if h := c.hedgeFirst - 1; h >= 0 {
		before = toks[h].low
	}
	// "attacks toward five villages", "fighting near 12 settlements": where, whatever the verb
	if directionWords[before] {
		return true
	}
	if !nearAny(toks, c, demining) {
		return false
	}
	switch before {
	case "in", "on", "at", "near", "across", "of":
		return true
	}
	return nearAny(toks, c, clearedOf)
}

var directionWords = set("toward", "towards", "near", "around", "outside", "against")

var clearedOf = set("demined", "demining", "demine", "demilitarized", "demilitarised", "mine-clearing", "evacuated")

// nearReach is how far around a number its cue words are looked for by nearAny.
const nearReach = 25

// nearAny reports one of the words within nearReach tokens of a count: bounded, because a
// sentence may be a whole article.
func nearAny(toks []token, c counted, words map[string]bool) bool {
	return hasAnyIn(toks, max(0, c.hedgeFirst-nearReach), min(len(toks)-1, c.nounEnd+nearReach), words)
}

// exchangeWords make soldiers handed over or received prisoners of war.
var exchangeWords = set("exchange", "exchanged", "swap", "swapped", "swapping", "captivity", "repatriated", "prisoner", "prisoners", "pows")

// strikeWeapons make attacks strikes: fire from afar, not assaults.
var strikeWeapons = set("missile", "missiles", "drone", "drones", "air", "artillery", "rocket", "rockets", "aerial", "mlrs", "himars",
	"grad", "mortar", "mortars", "shelling", "shells", "launchers", "kamikaze", "fpv", "bombs", "uav", "uavs")

// kindOf decides the claim kind from the noun and the words around the number.
func kindOf(toks []token, c *counted, found []counted) string {
	switch c.noun.class {
	case unitSettlements:
		if settlementsAsPlace(toks, *c) {
			return ""
		}
		return "settlements"
	case unitClashes:
		return "clashes"
	case unitStrikes:
		return "strikes"
	case unitAttacks:
		if hasAny(toks, set("repel", "repelled", "repelling", "repulsed", "thwarted", "fought", "beat", "beaten", "stopped", "foiled", "assaults", "assault", "ground")) {
			return "clashes"
		}
		if c.modFirst < len(toks) && hasAnyIn(toks, c.modFirst, c.nounEnd, strikeWeapons) {
			return "strikes"
		}
		// "370 attacks, 9 of which were carried out from multiple rocket launchers"
		if hasAnyIn(toks, c.nounEnd+1, min(len(toks)-1, c.nounEnd+nearReach), strikeWeapons) {
			return "strikes"
		}
		return "clashes"
	case unitEquipment:
		if hasAny(toks, destroyCues) {
			return "equipment_destroyed"
		}
		return ""
	case unitDrones:
		if hasAny(toks, destroyCues) {
			return "equipment_destroyed"
		}
		if hasAny(toks, set("launched", "attacked", "fired", "attack", "attacks", "sent")) {
			return "strikes"
		}
		return ""
	case unitArea:
		kind, at := areaKind(toks, *c, found)
		c.cueAt = at
		return kind
	case unitPeople:
		return peopleKind(toks, *c, found)
	}
	return ""
}

func hasAny(toks []token, words map[string]bool) bool {
	return hasAnyIn(toks, 0, len(toks)-1, words)
}

func hasAnyIn(toks []token, from, to int, words map[string]bool) bool {
	for k := from; k <= to && k < len(toks); k++ {
		if words[toks[k].low] {
			return true
		}
	}
	return false
}

// window is the stretch of tokens a number's cue words are looked for in: back to the number
// before it (or the clause start), on to the next number (or the clause end).
func window(toks []token, c counted, found []counted) (int, int) {
	from := c.hedgeFirst - 20
	if len(found) > 0 && found[len(found)-1].nounEnd+1 > from {
		from = found[len(found)-1].nounEnd + 1
	}
	if from < 0 {
		from = 0
	}
	for k := c.hedgeFirst - 1; k >= from; k-- {
		if toks[k].low == ";" || toks[k].low == `"` && k < c.hedgeFirst-8 {
			from = k + 1
			break
		}
	}
	to := c.nounEnd + 20
	if to >= len(toks) {
		to = len(toks) - 1
	}
	for k := c.nounEnd + 1; k <= to; k++ {
		if toks[k].num || toks[k].low == ";" {
			to = k - 1
			break
		}
	}
	return from, to
}

var gainBeforeControl = set("took", "take", "taken", "taking", "gained", "gain", "seized", "seize", "regained", "regain", "established", "establish", "won", "retook", "retake", "restored", "restore", "assumed", "wrested", "brought", "came")

// sizeWords before an area make it the size of a place, not a claim ("the region covers 30,000 sq km").
var sizeWords = set("covers", "covering", "cover", "spans", "spanning", "measures", "measuring", "size", "area", "total", "larger", "smaller", "bigger", "comparable")

// describing words before a verb make it part of a description ("the territory Ukraine once held").
var describing = set("once", "previously", "initially", "formerly", "originally")

func areaKind(toks []token, c counted, found []counted) (string, int) {
	for k := c.hedgeFirst - 1; k >= 0 && k >= c.hedgeFirst-4; k-- {
		if w := toks[k].low; sizeWords[w] && w != "area" && w != "total" {
			return "", -1
		}
	}
	if c.hedgeFirst >= 3 && (toks[c.hedgeFirst-1].low == "of" && toks[c.hedgeFirst-2].low == "area" && toks[c.hedgeFirst-3].low == "total") {
		return "", -1
	}
	from, to := window(toks, c, found)
	if len(found) > 0 && found[len(found)-1].nounEnd+6 >= c.hedgeFirst {
		// a list ("24 settlements and 259 square kilometers") shares the verb before it
		from = max(0, c.hedgeFirst-20)
	}
	best, bestD, bestAt := "", 1000, -1
	for k := c.hedgeFirst - 1; k >= from; k-- {
		// "the territory Ukraine once held" describes; "initially seized 1,376" still gains
		if kind, ok := areaCues[toks[k].low]; toks[k].flags&fAreaCue != 0 && ok && !(k > 0 && describing[toks[k-1].low] && kind == "territory_held") {
			if kind == "territory_held" && (toks[k].low == "control" || toks[k].low == "controlled") {
				for b := k - 1; b >= 0 && b >= k-3; b-- {
					if gainBeforeControl[toks[b].low] {
						kind = "territory_gained"
					}
				}
			}
			best, bestD, bestAt = kind, c.hedgeFirst-k, k
			break
		}
	}
	for k := c.nounEnd + 1; k <= to; k++ {
		if kind, ok := areaCues[toks[k].low]; ok {
			if d := k - c.nounEnd + 2; d < bestD {
				if kind == "territory_held" && (toks[k].low == "control" || toks[k].low == "controlled") {
					for b := k - 1; b > c.nounEnd && b >= k-3; b-- {
						if gainBeforeControl[toks[b].low] {
							kind = "territory_gained"
						}
					}
				}
				best, bestAt = kind, k
			}
			break
		}
	}
	if best == "" {
		best = "territory_held"
	}
	// "the territory it had captured, which at its peak was around 350 square miles": a peak
	// extent is held
	if best != "territory_held" && bestAt >= 0 && bestAt < c.hedgeFirst && hasAnyIn(toks, bestAt+1, c.hedgeFirst-1, set("peak", "height")) {
		best = "territory_held"
	}
	return best, bestAt
}

// cueKind reads a people cue at token k, joining "killed or wounded" into casualties.
func cueKind(toks []token, k int) (string, bool) {
	if toks[k].flags&fPeopleCue == 0 {
		return "", false
	}
	w := toks[k].low
	kind, ok := peopleCues[w]
	if !ok {
		return "", false
	}
	if kind == "killed" || kind == "wounded" {
		for j := k + 1; j < len(toks) && j <= k+3; j++ {
			if toks[j].low == "or" || toks[j].low == "and" || toks[j].low == "," {
				continue
			}
			if k2, ok := peopleCues[toks[j].low]; ok && (k2 == "killed" || k2 == "wounded") && k2 != kind {
				return "casualties", true
			}
			break
		}
		for j := k - 1; j >= 0 && j >= k-3; j-- {
			if toks[j].low == "or" || toks[j].low == "and" || toks[j].low == "," {
				continue
			}
			if k2, ok := peopleCues[toks[j].low]; ok && (k2 == "killed" || k2 == "wounded") && k2 != kind {
				return "casualties", true
			}
			break
		}
	}
	if w == "captured" || w == "capturing" {
		return "prisoners", true
	}
	if w == "taken" || w == "took" {
		return "", false
	}
	return kind, true
}

// peopleKind decides killed / wounded / casualties / prisoners / troops for a count of people:
// the noun itself, then the nearest strong cue (after the noun first), then troops.
func peopleKind(toks []token, c counted, found []counted) string {
	if c.noun.kind != "" {
		// "4,000 casualties" - unless "killed or wounded" refines nothing; "wounded" may join "killed"
		if c.noun.kind == "killed" || c.noun.kind == "wounded" {
			if k, ok := cueKind(toks, c.nounEnd); ok {
				return k
			}
		}
		return c.noun.kind
	}
	for k := c.modFirst; k < c.nounEnd; k++ {
		if kind, ok := cueKind(toks, k); ok && kind != "troops" {
			return kind
		}
	}
	from, to := window(toks, c, found)
	strongAfter, afterD := "", 1000
	weakAfter := ""
	for k := c.nounEnd + 1; k <= to; k++ {
		kind, ok := cueKind(toks, k)
		if !ok {
			continue
		}
		if kind == "troops" {
			if weakAfter == "" {
				weakAfter = kind
			}
			continue
		}
		if k+1 < len(toks) && toks[k].low == "lost" {
			continue // "troops lost in ..." is rare; "lost" after a count is usually territory
		}
		strongAfter, afterD = kind, k-c.nounEnd
		break
	}
	strongBefore, beforeD := "", 1000
	for k := c.hedgeFirst - 1; k >= from; k-- {
		kind, ok := cueKind(toks, k)
		if !ok || kind == "troops" {
			if ok && strongBefore == "" && weakAfter == "" {
				weakAfter = kind
			}
			continue
		}
		strongBefore, beforeD = kind, c.hedgeFirst-k
		break
	}
	// "took ... prisoner": the verb before, the noun after
	if c.nounEnd+1 < len(toks) && (toks[c.nounEnd+1].low == "prisoner" || toks[c.nounEnd+1].low == "captive") {
		return "prisoners"
	}
	switch {
	case strongAfter != "" && afterD <= beforeD+1:
		return strongAfter
	case strongBefore != "":
		return strongBefore
	case strongAfter != "":
		return strongAfter
	}
	// "lost 770,000 troops since 2022, including 1,580 over the past day": a part of the count
	// before is of its kind
	if len(found) > 0 && c.hedgeFirst >= 1 && (toks[c.hedgeFirst-1].low == "including" || toks[c.hedgeFirst-1].low == "another") {
		if prev := found[len(found)-1]; UnitOf(prev.kind) == "people" {
			return prev.kind
		}
	}
	// a list item continues the kind of the item before it ("killed 30 Russian and 12 North Korean soldiers")
	if len(found) > 0 {
		prev := found[len(found)-1]
		if prev.noun.class == unitPeople && prev.nounEnd+3 >= c.hedgeFirst {
			return peopleKind(toks, prev, found[:len(found)-1])
		}
	}
	if c.noun.generic || c.noun == peopleNoun {
		return ""
	}
	if nearAny(toks, c, exchangeWords) {
		return "prisoners" // "received 115 Russian soldiers in return"
	}
	return "troops"
}

// comparedFrom reports a number an earlier figure is compared with, ending just before h: "down
// from 1,300", "up from a peak of 1,100".
func comparedFrom(toks []token, h int) bool {
	if h >= 5 && toks[h-1].low == "of" && extremes[toks[h-2].low] && (toks[h-3].low == "a" || toks[h-3].low == "the" || toks[h-3].low == "its") {
		h -= 3
	}
	return h >= 2 && toks[h-1].low == "from" && (toks[h-2].low == "down" || toks[h-2].low == "up")
}

// totalVerbs and exceedVerbs put a number after the noun it counts: "the number of troops
// stood at 50,000", "losses have passed 50,000".
var totalVerbs = set("at", "reaching", "reached", "to", "numbered", "totalled", "totaled", "totals", "is", "was", "were", "stood", "from",
	"exceed", "exceeds")

// exceedVerbs are also read as hedges ("passed 50,000" is at least 50,000).
var exceedVerbs = set("passed", "exceeded", "surpassed", "topped", "exceeding")

var extremes = set("peak", "high", "low", "maximum", "height", "record")
