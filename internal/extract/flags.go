package extract

import "strings"

// Token flags: what lexicons a word belongs to, looked up once when the sentence is tokenized
// so that every later scan tests a bit instead of probing several maps.
const (
	fNumber        uint16 = 1 << iota // a number word or scale ("eleven", "thousand", "a")
	fMonth                            // a month name
	fWeekday                          // a weekday name
	fTime                             // another time word ("yesterday", "now", "last", "since", "over")
	fSpeech                           // a speech verb
	fAlias                            // the first word of a claimant's name or role
	fPlace                            // a place that decides the place group
	fSide                             // names a side
	fModifier                         // may stand between a number and its noun
	fNounHead                         // the first word of a counted noun
	fPeopleCue                        // decides the kind of a count of people
	fAreaCue                          // decides the kind of an area
	fHedgeEnd                         // ends a hedge ("more than", "about")
	fChannel                          // a channel a statement was made on ("Telegram", "television")
	fPassiveSource                    // names its source after "by" ("given by", "provided by")
	fMoment                           // sets a number at an undated earlier moment, or now (see undatedPast)
)

var lexFlags = buildFlags()

func buildFlags() map[string]uint16 {
	m := map[string]uint16{}
	add := func(f uint16, words ...string) {
		for _, w := range words {
			m[w] |= f
		}
	}
	for w := range smallNumbers {
		add(fNumber, w)
	}
	for w := range multipliers {
		add(fNumber, w)
	}
	add(fNumber, "a", "an", "dozen")
	for w := range months {
		add(fMonth, w)
	}
	for w := range weekdays {
		add(fWeekday, w)
	}
	// time words, and the words that open a period ("since", "over the past day"): sinceOf
	// and sentenceDates look only at tokens with this flag
	add(fTime, "yesterday", "today", "currently", "now", "presently", "tonight", "last", "in", "during", "throughout",
		"since", "from", "past", "previous", "over", "this", "on")
	for w := range speechVerbs {
		add(fSpeech, w)
	}
	for w := range elsewhere {
		add(fPlace, w)
	}
	add(fPlace, "kursk", "sudzha", "hlushkovo", "korenevo", "sudzhansky", "front", "frontline", "front-line", "war", "invasion", "ukrainian")
	for w := range sideWords {
		add(fSide, w)
	}
	for w := range nounModifiers {
		add(fModifier, w)
	}
	for w := range nounsByFirst {
		add(fNounHead, w)
	}
	for w := range peopleCues {
		add(fPeopleCue, w)
	}
	for w := range areaCues {
		add(fAreaCue, w)
	}
	for _, h := range hedges {
		add(fHedgeEnd, h.words[len(h.words)-1])
	}
	for w := range channels {
		add(fChannel, w)
	}
	add(fMoment, "never", "initially", "originally", "previously", "formerly", "peak", "height", "first", "one", "start",
		"beginning", "outset", "still", "now", "currently", "today", "remain", "remains")
	add(fPassiveSource, "given", "provided", "released", "published", "issued", "supplied", "compiled", "cited")
	return m
}

// claimant names are tokenized with the flags above, so their first words are flagged after.
func init() {
	for w := range aliasIndex {
		lexFlags[w] |= fAlias
	}
	lexTable = newWordTable(lexFlags)
	sinceSlot = lexTable.slotOf("since")
	aliasHeadAt = make([]*aliasHead, len(lexTable.words)+1)
	for w, h := range aliasHeads {
		aliasHeadAt[lexTable.slotOf(w)] = h
	}
}

// aliasHeadAt is aliasHeads by lexicon slot: findClaimants looks up no map for a name's first word.
var aliasHeadAt []*aliasHead

// flagsOf looks a word up; hyphenated number words ("twenty-five") count as numbers. plain
// says the word is letters and digits only, as most are, so it has no hyphen to look for.
// It also gives the word's slot in lexTable (0 when the word is in no lexicon), which indexes
// what else is known of the word (aliasHeadAt).
func flagsOf(low string, plain bool) (uint16, uint32) {
	f, slot := lexTable.get(low, wordHash(low))
	if plain {
		return f, slot
	}
	if i := strings.IndexByte(low, '-'); i > 0 {
		if _, ok := smallNumbers[low[:i]]; ok {
			f |= fNumber
		}
	}
	return f, slot
}

// wordTable is lexFlags as an open-addressing table with a hash cheaper than a Go map's for
// the short words of a text: flagsOf runs for every word of every article.
type wordTable struct {
	words []string
	flags []uint16
	mask  uint32
}

var lexTable wordTable

// wordHash is FNV-1a over the word's bytes, finished by hashEnd with its length. The tokenizer
// computes the same hash of a word's lower case while it scans it.
func wordHash(w string) uint32 {
	h := uint32(hashStart)
	for i := 0; i < len(w); i++ {
		h = hashStep(h, w[i])
	}
	return hashEnd(h, len(w))
}

const hashStart = 0x811C9DC5

func hashStep(h uint32, c byte) uint32 { return (h ^ uint32(c)) * 0x01000193 }

func hashEnd(h uint32, n int) uint32 {
	h ^= uint32(n) * 0x9E3779B1
	return h ^ h>>15
}

func newWordTable(m map[string]uint16) wordTable {
	size := 1
	for size < 4*len(m) {
		size <<= 1
	}
	t := wordTable{words: make([]string, size), flags: make([]uint16, size), mask: uint32(size - 1)}
	for w, f := range m {
		i := wordHash(w) & t.mask
		for t.words[i] != "" {
			i = (i + 1) & t.mask
		}
		t.words[i], t.flags[i] = w, f
	}
	return t
}

// get gives a word's flags and its slot: its place in the table plus one, 0 when it is not in it.
func (t *wordTable) get(w string, hash uint32) (uint16, uint32) {
	if len(t.words) == 0 {
		return 0, 0 // not built yet: package initialisation tokenizes the registry's names
	}
	for i := hash & t.mask; ; i = (i + 1) & t.mask {
		switch t.words[i] {
		case "":
			return 0, 0
		case w:
			return t.flags[i], i + 1
		}
	}
}

// slotOf is the slot of a word known to be in the table.
func (t *wordTable) slotOf(w string) uint32 {
	_, slot := t.get(w, wordHash(w))
	return slot
}
