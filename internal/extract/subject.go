package extract

// placeWords after a side word make it a place ("Russia's Kursk region"), not an actor.
var placeWords = set("kursk", "region", "oblast", "territory", "territories", "border", "soil", "side", "sumy", "belgorod",
	"kharkiv", "bryansk", "land", "lands", "city", "cities", "town", "towns", "village", "villages", "positions", "frontier",
	"capital", "borderlands", "airspace", "federation")

// titleWords after a side word make it part of a source's name ("Ukrainian President ...").
var titleWords = set("president", "prime", "minister", "ministry", "commander", "commander-in-chief", "general", "officials",
	"official", "intelligence", "authorities", "governor", "spokesman", "spokeswoman", "spokesperson", "media", "state",
	"leader", "embassy", "envoy", "bloggers", "blogger", "analyst", "analysts", "sources", "source", "government", "foreign",
	"defense", "defence", "mod", "news", "parliament", "lawmakers", "military-political", "chief", "war", "human", "ombudsman",
	"security", "telegram")

// agentVerbs put the actor before them on the other side of the count after them ("Russian
// forces eliminated 19,550 servicemen").
var agentVerbs = set("killed", "kill", "eliminated", "captured", "capture", "capturing", "took", "take", "taken", "destroyed",
	"destroy", "wounded", "hit", "struck", "inflicted", "downed", "neutralised", "neutralized", "repelled", "repelling",
	"captures", "destroying", "eliminating", "killing", "wounding", "shot", "faced", "against", "targeted")

func opposite(side string) string {
	switch side {
	case "UA":
		return "RU"
	case "RU", "KP":
		return "UA"
	}
	return ""
}

// sideAt reads the side a token names, "" when it names none or is part of a place or a title.
func sideAt(toks []token, k int, speakerSide string) string {
	if toks[k].flags&fSide == 0 {
		return ""
	}
	side, ok := sideWords[toks[k].low]
	if !ok {
		return ""
	}
	if toks[k].low == "korean" || toks[k].low == "korea" || toks[k].low == "korea's" || toks[k].low == "koreans" {
		if k > 0 && toks[k-1].low == "south" {
			return ""
		}
	}
	if toks[k].low == "us" && toks[k].text == "US" {
		return ""
	}
	for j := k + 1; j < len(toks) && j <= k+2; j++ {
		if placeWords[toks[j].low] || titleWords[toks[j].low] {
			return ""
		}
		if sideWords[toks[j].low] == "" && !nounModifiers[toks[j].low] {
			break
		}
	}
	if k > 0 {
		switch toks[k-1].low {
		case "in", "into", "inside", "across", "within", "to", "from", "of", "for":
			if side != "ENEMY" && side != "SELF" && (toks[k].low == "russia" || toks[k].low == "ukraine" || toks[k].low == "russia's" || toks[k].low == "ukraine's" || toks[k].low == "korea") {
				return ""
			}
		}
	}
	switch side {
	case "ENEMY":
		return opposite(speakerSide)
	case "SELF":
		if toks[k].low == "us" && k > 0 && toks[k-1].low == "against" {
			return ""
		}
		return speakerSide
	}
	return side
}

// subjectOf decides whose number it is: a nationality in the noun phrase, the actor of the
// clause (turned around by verbs such as "killed"), the side named after the noun, and last the
// speaker's side or its enemy, by kind.
var losses = set("killed", "wounded", "casualties", "prisoners", "equipment_destroyed")

// inCountedNoun reports a token inside the noun phrase of a count found before.
func inCountedNoun(found []counted, k int) bool {
	for _, f := range found {
		if f.modFirst <= k && k <= f.nounEnd {
			return true
		}
	}
	return false
}

func subjectOf(toks []token, c counted, kind, speakerSide string, found []counted, prevSubject, prevActor string) string {
	isTargets := c.noun != nil && len(c.noun.words) == 1 && c.noun.words[0] == "targets"
	territorial := kind == "territory_held" || kind == "territory_gained" || kind == "territory_lost" || kind == "settlements"
	// clashes belong to the side that reports them
	if kind == "clashes" && speakerSide != "" && speakerSide != "other" {
		return speakerSide
	}
	// "took two of them prisoner": the people counted before
	if losses[kind] && prevSubject != "" && ofThem(toks, c.last) {
		return prevSubject
	}
	// 1. in the noun phrase: "11,000 North Korean soldiers", "enemy servicemen"
	for k := c.modFirst; k < c.nounEnd && k < len(toks); k++ {
		if s := sideAt(toks, k, speakerSide); s != "" {
			if isTargets {
				return opposite(s)
			}
			return s
		}
	}
	if c.noun != nil && (c.noun.words[0] == "russians" || c.noun.words[0] == "ukrainians" || c.noun.words[0] == "koreans") {
		return sideWords[c.noun.words[0]]
	}
	// an item of a list takes the side of the item before it ("211 tanks, 1,083 armored vehicles")
	if len(found) > 0 {
		prev := found[len(found)-1]
		if prev.subject != "" && prev.nounEnd+3 >= c.hedgeFirst && UnitOf(kind) == UnitOf(prev.kind) {
			return prev.subject
		}
	}
	// "controlled by Ukraine", "under Ukrainian control": the holder named after the area
	if territorial {
		for k := c.nounEnd + 1; k < len(toks) && k <= c.nounEnd+8; k++ {
			if toks[k].num {
				break
			}
			if toks[k].low == "by" || toks[k].low == "under" {
				for j := k + 1; j < len(toks) && j <= k+3; j++ {
					if s := sideAt(toks, j, speakerSide); s != "" {
						return s
					}
				}
			}
		}
	}
	// "citizens of the DPRK", "soldiers from North Korea"
	for k := c.nounEnd + 1; k < len(toks) && k <= c.nounEnd+5; k++ {
		w := toks[k].low
		if toks[k].num || w == "," || w == "." || w == ";" {
			break
		}
		if s := sideAt(toks, k, speakerSide); s != "" {
			if takenFrom(toks, k, kind) {
				return opposite(s)
			}
			prev := toks[k-1].low
			if prev == "by" && losses[kind] {
				return opposite(s) // "wounded by Ukrainian shelling": the other side's losses
			}
			if prev == "of" || prev == "from" || prev == "the" || prev == "by" || prev == "under" || prev == "north" {
				return s
			}
		}
	}
	// 2. the actor before the number (for an area: before the verb that made its kind)
	start := c.hedgeFirst
	if territorial && c.cueAt >= 0 && c.cueAt < c.hedgeFirst {
		start = c.cueAt
	}
	from := start - 25
	if from < 0 {
		from = 0
	}
	agent := false
	for k := start - 1; k >= from; k-- {
		w := toks[k].low
		if w == ";" || (w == "," && k > 0 && toks[k-1].low == `"`) {
			break
		}
		if agentVerbs[w] && !(k > 0 && passiveAux[toks[k-1].low]) && k == c.hedgeFirst-1 {
			agent = true
		}
		if s := sideAt(toks, k, speakerSide); s != "" {
			// the side of an earlier count's noun is that count's, not the actor's: in "killed
			// 4,100 Ukrainian servicemen and destroyed 64 tanks" the tanks are Ukrainian too
			if agent && losses[kind] && inCountedNoun(found, k) {
				return s
			}
			noFlip := territorial || kind == "troops" || kind == "clashes" || (kind == "strikes" && !isTargets)
			// "clashes with North Korean troops ... took two prisoner": the side after "with" is the other one
			opponent := (k > 0 && (toks[k-1].low == "with" || toks[k-1].low == "against")) || (k > 1 && (toks[k-2].low == "with" || toks[k-2].low == "against"))
			switch {
			case noFlip && opponent:
				return opposite(s)
			case noFlip:
				return s
			case agent && opponent:
				return s
			case agent:
				return opposite(s)
			}
			return s
		}
	}
	// 3. a side after the number in the clause ("of which is controlled by Ukraine")
	if kind == "territory_held" || kind == "territory_gained" {
		for k := c.nounEnd + 1; k < len(toks) && k <= c.nounEnd+10; k++ {
			if toks[k].num {
				break
			}
			if s := sideAt(toks, k, speakerSide); s != "" {
				if takenFrom(toks, k, kind) {
					return opposite(s)
				}
				return s
			}
		}
	}
	// 4. the number before in a list or pair
	if len(found) > 0 {
		prev := found[len(found)-1]
		if prev.subject != "" && UnitOf(kind) == UnitOf(prev.kind) {
			return prev.subject
		}
	}
	// civilians hurt are the speaker's own people: a governor counts the region's wounded
	if c.noun != nil && c.noun.generic && civilianNouns[c.noun.words[0]] && (speakerSide == "UA" || speakerSide == "RU") {
		return speakerSide
	}
	// "Of these: irretrievable - 6,662 people": a breakdown of the losses counted before
	if c.noun != nil && c.noun.generic && losses[kind] && prevSubject != "" {
		return prevSubject
	}
	if c.noun != nil && c.noun.generic && speakerSide != "other" {
		return speakerSide
	}
	switch kind {
	case "killed", "wounded", "casualties", "prisoners", "equipment_destroyed":
		if prevSubject != "" {
			return prevSubject
		}
		return opposite(speakerSide)
	case "territory_held", "territory_gained", "territory_lost", "settlements", "clashes":
		if speakerSide == "" || speakerSide == "other" {
			return prevActor
		}
		return speakerSide
	case "strikes":
		// "carried out 17 strikes": the speaker's side struck
		for k := max(1, c.hedgeFirst-4); k < c.hedgeFirst; k++ {
			if (toks[k].low == "carried" || toks[k].low == "conducted" || toks[k].low == "delivered" || toks[k].low == "launched" || toks[k].low == "made") && !passiveAux[toks[k-1].low] && toks[k-1].low != "," {
				return speakerSide
			}
		}
		return opposite(speakerSide)
	case "troops":
		if prevActor != "" {
			return prevActor
		}
		return prevSubject
	}
	return ""
}

// ofThem reports "of them" (those, these) right after the number at k.
func ofThem(toks []token, k int) bool {
	if k+2 >= len(toks) || toks[k+1].low != "of" {
		return false
	}
	switch toks[k+2].low {
	case "them", "those", "these":
		return true
	}
	return false
}

// takenFrom reports a side named as the loser of ground gained: "retook 40 sq km from
// Ukrainian forces", "cleared of Ukrainian troops". The gain is the other side's.
func takenFrom(toks []token, k int, kind string) bool {
	if kind != "territory_gained" && kind != "settlements" {
		return false
	}
	j := k - 1
	if j > 0 && toks[j].low == "the" {
		j--
	}
	return j > 0 && (toks[j].low == "from" || toks[j].low == "of" && clearingVerbs[toks[j-1].low])
}

var clearingVerbs = set("cleared", "freed", "liberated", "purged", "rid")

var civilianNouns = set("civilians", "residents", "citizens")

var passiveAux = set("were", "was", "been", "be", "being", "are", "is", "get", "got")

// firstActor is the first side a sentence names as an actor, for the sentences after it.
func firstActor(toks []token) string {
	for k := range toks {
		if toks[k].flags&fSide == 0 {
			continue
		}
		if s := sideAt(toks, k, ""); s != "" {
			return s
		}
	}
	return ""
}
