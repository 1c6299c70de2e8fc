package extract

import (
	"strings"
	"unicode"
)

// Sources: reading the name, group or vague source a cue points at, and making a speaker of a
// name the registry does not know.

// nonSources are phrases that name no claimant: "according to some reports".
var nonSources = set("reports", "report", "sources", "source", "media", "estimates", "data", "figures", "maps", "witnesses", "reporters", "journalists", "publications", "outlets", "accounts", "footage", "videos", "images", "statements", "documents", "calculations")

// vagueGroups speak for nobody in particular unless a word says whose they are ("analysts say").
var vagueGroups = set("analysts", "experts", "observers", "bloggers", "officials", "sources", "commanders", "soldiers", "troops", "estimates", "researchers", "diplomats", "lawmakers", "legislators",
	"commander", "official", "officer", "analyst", "lawmaker", "source", "diplomat", "milbloggers", "milblogger")

// nameWords may stand inside a generic name before a speech verb ("Acting Governor Alexei Smirnov").
var nameConnectors = set("of", "the", "for", "de", "van", "von", "al", "bin", "and", "in")

// groupAfter reads a lower-case group of speakers starting at token i ("unnamed officials",
// "the spy agency"): its name, first and last tokens.
func groupAfter(toks []token, i int) (string, int, int) {
	for i < len(toks) && (toks[i].low == "the" || toks[i].low == "a" || toks[i].low == "an") {
		i++
	}
	for k := i; k < len(toks) && k <= i+4; k++ {
		if sourceNouns[toks[k].low] || nonSources[toks[k].low] {
			if name, first, last := groupBefore(toks, k); name != "" && first >= i {
				return name, first, last
			}
			return "", -1, -1
		}
		if !groupModifiers[toks[k].low] && sideWords[toks[k].low] == "" {
			return "", -1, -1
		}
	}
	return "", -1, -1
}

func possessive(low string) bool {
	return len(low) > 2 && low[len(low)-2] == '\'' && low[len(low)-1] == 's'
}

func namedBetween(toks []token, from, to int) bool {
	for k := from; k < to; k++ {
		if isCapWord(toks[k]) {
			return true
		}
	}
	return false
}

// properName reports words that are all capitalised: a name, not a description.
func properName(toks []token) bool {
	if len(toks) == 0 {
		return false
	}
	for _, t := range toks {
		if !isCapWord(t) {
			return false
		}
	}
	return true
}

func isCapWord(t token) bool {
	if t.punct || t.num {
		return false
	}
	for _, r := range t.text {
		return unicode.IsUpper(r)
	}
	return false
}

// nameBefore reads a capitalised name that ends at token p ("Acting Governor Alexei Smirnov").
func nameBefore(toks []token, p int) (string, int) {
	if p < 0 || !isCapWord(toks[p]) {
		return "", -1
	}
	first := p
	for first-1 >= 0 {
		t := toks[first-1]
		if isCapWord(t) || (nameConnectors[t.low] && first-2 >= 0 && isCapWord(toks[first-2])) {
			first--
			continue
		}
		break
	}
	for first <= p && nameConnectors[toks[first].low] {
		first++
	}
	// a sentence-initial word such as "The" or "This" is no name on its own
	if first == p && (first == 0 || commonCapital[toks[first].low]) {
		if commonCapital[toks[first].low] || !looksLikeName(toks[first]) {
			return "", -1
		}
	}
	var words []string
	for k := first; k <= p; k++ {
		words = append(words, toks[k].text)
	}
	name := strings.Join(words, " ")
	name = strings.ReplaceAll(name, " 's", "'s")
	return stripTitles(name), first
}

// sourceNouns head a lower-case group that speaks ("analysts", "officials").
var sourceNouns = set("analysts", "officials", "experts", "observers", "bloggers", "blogger", "sources", "commanders", "media",
	"intelligence", "spokesman", "spokeswoman", "spokesperson", "officers", "lawmakers", "legislators", "diplomats",
	"authorities", "governments", "estimates", "researchers", "monitors", "correspondents", "soldiers", "troops", "television", "tv", "milbloggers", "milblogger", "commander", "official",
	"officer", "analyst", "lawmaker", "source", "diplomat")

var groupModifiers = set("independent", "western", "military", "ukrainian", "russian", "american", "us", "u.s", "british",
	"european", "korean", "south", "north", "senior", "unnamed", "anonymous", "local", "regional", "pro-russian",
	"pro-ukrainian", "open-source", "intelligence", "defence", "defense", "security", "government", "some", "other", "two",
	"several", "many", "nato", "allied", "foreign", "kremlin-backed", "state", "frontline", "war", "state-run",
	"state-owned", "state-controlled", "pro-kremlin", "brigade", "battalion", "regiment", "unit", "company", "assault",
	"drone", "army", "artillery", "airborne", "top", "high-ranking", "ranking", "field", "platoon")

var quantifiers = set("some", "other", "two", "several", "many", "three")

// groupBefore reads a lower-case group of speakers ending at token p, skipping a relative clause
// ("analysts who track open-source maps").
func groupBefore(toks []token, p int) (string, int, int) {
	if p < 0 {
		return "", -1, -1
	}
	head := p
	if !sourceNouns[toks[head].low] {
		for k := p; k >= 0 && k >= p-6; k-- {
			if (toks[k].low == "who" || toks[k].low == "which" || toks[k].low == "that") && k > 0 && sourceNouns[toks[k-1].low] {
				head = k - 1
				break
			}
		}
	}
	if !sourceNouns[toks[head].low] {
		return "", -1, -1
	}
	first := head
	for first-1 >= 0 && (groupModifiers[toks[first-1].low] || sideWords[toks[first-1].low] != "" && sideWords[toks[first-1].low] != "SELF") {
		first--
	}
	var words []string
	for k := first; k <= head; k++ {
		if k < head && quantifiers[toks[k].low] {
			continue // "two lawmakers" are lawmakers
		}
		words = append(words, toks[k].text)
	}
	name := strings.Join(words, " ")
	r := []rune(name)
	name = strings.ToUpper(string(r[0])) + string(r[1:])
	return name, first, head
}

// nameAfter reads a name that starts at token i ("according to Lee Seong-kweun", "said Gen. Syrsky").
func nameAfter(toks []token, i int) (string, int) {
	for i < len(toks) && (toks[i].low == "the" || toks[i].low == "a") {
		i++
	}
	if i >= len(toks) || !isCapWord(toks[i]) {
		return "", -1
	}
	last := i
	for last+1 < len(toks) {
		t := toks[last+1]
		if isCapWord(t) || t.low == "." && last+2 < len(toks) && isCapWord(toks[last+2]) && len(toks[last].text) <= 4 || (nameConnectors[t.low] && last+2 < len(toks) && isCapWord(toks[last+2])) {
			last++
			continue
		}
		break
	}
	// "US and South Korean officials": the group the capitalised words qualify is the name
	if last+1 < len(toks) && sourceNouns[toks[last+1].low] {
		last++
	}
	var words []string
	for k := i; k <= last; k++ {
		if toks[k].low == "." {
			continue
		}
		words = append(words, toks[k].text)
	}
	name := stripTitles(strings.Join(words, " "))
	if name == "" || commonCapital[strings.ToLower(name)] {
		return "", -1
	}
	return name, last
}

// commonCapital are capitalised words that start sentences but name nobody.
var commonCapital = set("the", "this", "that", "these", "those", "it", "in", "on", "at", "a", "an", "but", "and",
	"as", "after", "before", "since", "during", "when", "while", "however", "meanwhile", "also", "according",
	"earlier", "later", "yet", "so", "if", "there", "we", "i", "our", "his", "her", "their", "its", "last", "over",
	"mr", "ms", "mrs", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "quote",
	"read", "more", "photo", "video", "kursk", "recall")

var titles = []string{"President ", "Gen. ", "Gen ", "General ", "Army General ", "Col. ", "Colonel ", "Lt. ", "Maj. ", "Mr. ", "Mr ", "Ms. ", "Mrs. ",
	"Dr. ", "Rep. ", "Sen. ", "Commander-in-Chief ", "Commander ", "Minister ", "Prime Minister ", "Spokesman ", "Spokeswoman ",
	"Governor ", "Acting Governor ", "Chief ", "Lieutenant ", "Captain ", "Major ", "Sergeant ", "Colonel ", "Private ", "Admiral ", "Deputy ", "Senior ", "Junior ", "Lt ", "Capt. ", "Sgt. ", "Lieutenant General ", "Major General ", "Defence Minister ", "Defense Minister ", "Foreign Minister "}

func stripTitles(name string) string {
	for changed := true; changed; {
		changed = false
		for _, t := range titles {
			if strings.HasPrefix(name, t) && len(name) > len(t) {
				name = name[len(t):]
				changed = true
			}
		}
	}
	return strings.TrimSpace(name)
}

func looksLikeName(t token) bool {
	return isCapWord(t) && !commonCapital[t.low]
}

// vagueHeads name where a number came from without naming who: "local reports", "Western
// sources". Such a source is the claimant as the text names it, not the outlet's own voice.
var vagueHeads = set("reports", "report", "sources", "estimates", "accounts", "witnesses", "posts", "media", "outlets", "television", "tv")

var vagueModifiers = set("social", "media", "news", "local", "western", "unconfirmed", "online", "telegram", "russian",
	"ukrainian", "military", "intelligence", "open-source", "pro-russian", "pro-ukrainian", "independent", "unnamed",
	"anonymous", "official", "press", "initial", "preliminary", "western-based", "frontline", "war", "diplomatic", "state",
	"state-run", "state-owned", "state-controlled", "pro-kremlin", "kremlin-backed", "pro-war", "north", "south", "korean")

// vagueBefore reads the longest vague source that ends at token p ("reports on social media
// said", "Russian state media reported").
func vagueBefore(toks []token, p int) (string, bool) {
	for j := max(0, p-5); j <= p; j++ {
		if name, ok := vagueSource(toks, j); ok && strings.Count(name, " ") == p-j {
			return name, true
		}
	}
	return "", false
}

// vagueSource reads a vague source starting at token i ("media reports", "reports on social
// media", "Western sources"), without its determiner.
func vagueSource(toks []token, i int) (string, bool) {
	for i < len(toks) && (toks[i].low == "some" || toks[i].low == "the" || toks[i].low == "a" || toks[i].low == "several" || toks[i].low == "many" || toks[i].low == "other") {
		i++
	}
	for k := i; k < len(toks) && k <= i+3; k++ {
		if vagueHeads[toks[k].low] && k > i || vagueHeads[toks[k].low] && k == i && k+1 < len(toks) && toks[k+1].low == "on" {
			last := k
			if k+3 < len(toks) && toks[k+1].low == "on" && toks[k+2].low == "social" && toks[k+3].low == "media" {
				last = k + 3 // "reports on social media"
			}
			words := make([]string, 0, last-i+1)
			for j := i; j <= last; j++ {
				words = append(words, toks[j].text)
			}
			name := strings.Join(words, " ")
			if i == 0 && !toks[i].num && !(len(toks[i].text) > 1 && unicode.IsUpper(rune(toks[i].text[1]))) && toks[i].low != "western" && toks[i].flags&fSide == 0 {
				name = toks[i].low + name[len(toks[i].text):] // a capital that only opens the sentence
			}
			return name, true
		}
		if !vagueModifiers[toks[k].low] {
			return "", false
		}
	}
	return "", false
}

func isNonSource(toks []token, i int) bool {
	for k := i; k < len(toks) && k <= i+3; k++ {
		if nonSources[toks[k].low] {
			return true
		}
	}
	return false
}

func isNonSourceName(name string) bool {
	f := strings.Fields(strings.ToLower(name))
	return len(f) > 0 && nonSources[f[len(f)-1]]
}

// generic makes a speaker from a name the registry does not know; a nationality word in it
// gives its side ("Ukrainian paratroopers").
func (c *context) generic(name string, toks []token, first, last int) *speaker {
	if cl, ok := LookupClaimant(name); ok {
		return fromClaimant(&cl)
	}
	switch strings.ToLower(name) {
	case "kyiv", "kiev", "ukraine":
		return &speaker{name: "Ukrainian government", kind: "body", side: "UA"}
	case "moscow", "russia", "the kremlin", "kremlin":
		return &speaker{name: "Russian government", kind: "body", side: "RU"}
	case "pyongyang", "north korea":
		return &speaker{name: "North Korean government", kind: "body", side: "KP"}
	}
	sp := &speaker{name: name, kind: "unknown"}
	words := strings.Fields(name)
	if len(words) >= 2 && len(words) <= 4 {
		sp.kind = "person"
	}
	analysts := false
	for k := first; k <= last && k < len(toks); k++ {
		if side, ok := sideWords[toks[k].low]; ok && side != "ENEMY" && side != "SELF" {
			sp.side = side
			if k > 0 && toks[k-1].low == "south" {
				sp.side = "other" // South Korean, not North
			}
			sp.kind = "body"
		}
		analysts = analysts || analystWords[toks[k].low]
		if independentWords[toks[k].low] {
			sp.side, sp.kind = "other", "body"
			break
		}
	}
	if analysts && sp.side == "" {
		sp.side, sp.kind = "other", "body"
	}
	return sp
}

// independentWords make an unknown source an independent assessment (side "other"); analyst
// words do so only when no side is named ("Russian military analysts" are Russian).
var (
	independentWords = set("independent", "open-source", "osint")
	analystWords     = set("analysts", "researchers", "monitors", "experts")
)
