package extract

import (
	"regexp"
	"sort"
	"strings"
)

// Claimant is a known person or body whose numbers the news reports.
type Claimant struct {
	Name    string   // canonical full name
	Kind    string   // person, body, media, unknown
	Side    string   // UA, RU, KP, other or ""
	Aliases []string // other spellings, titles and transliterations
	Roles   []string // anaphora that may refer back to it ("the ministry", "the president")
}

// Registry lists the claimants the extractor knows by name. Unknown claimants are kept by the
// name the text gives.
var Registry = []Claimant{
	{Name: "Oleksandr Syrsky", Kind: "person", Side: "UA", Aliases: []string{"Syrsky", "Syrskyi", "Syrskyy", "Syrskiy", "Syrskii",
		"Oleksandr Syrskyi", "Oleksandr Syrskyy", "Oleksandr Syrskiy", "Alexander Syrsky", "Alexander Syrskyi", "Olexander Syrsky",
		"Ukraine's commander-in-chief", "Ukraine's top military commander", "Ukraine's top general", "Ukraine's army chief",
		"Ukraine's military chief", "Ukraine's top commander", "Commander-in-Chief of the Armed Forces of Ukraine",
		"Ukrainian commander-in-chief", "Ukraine's top military officer", "Ukrainian army chief"},
		Roles: []string{"the commander-in-chief", "the commander", "the general", "the army chief", "the top commander", "the top general"}},
	{Name: "Volodymyr Zelensky", Kind: "person", Side: "UA", Aliases: []string{"Zelensky", "Zelenskyy", "Zelenskiy", "Zelenskyi", "Zelenski",
		"Volodymyr Zelenskyy", "Volodymyr Zelenskiy", "Volodymyr Zelenskyi", "Vladimir Zelensky", "President of Ukraine",
		"Ukraine's president", "Ukrainian president", "the Ukrainian leader", "Ukraine's leader"},
		Roles: []string{"the president", "the ukrainian president", "the ukrainian leader"}},
	{Name: "Russian Defense Ministry", Kind: "body", Side: "RU", Aliases: []string{"Russian Defence Ministry", "Russian Ministry of Defense",
		"Russian Ministry of Defence", "Russia's Defense Ministry", "Russia's Defence Ministry", "Russian MoD", "Russia's MoD",
		"Ministry of Defense of the Russian Federation", "Ministry of Defence of the Russian Federation", "Ministry of Defense of Russia",
		"Ministry of Defence of Russia", "Moscow's defence ministry", "Moscow's defense ministry", "the MoD in Moscow",
		"Russian defence ministry", "Russia's ministry of defence", "Russia's ministry of defense", "the Russian military",
		"Russian Armed Forces", "Defense Ministry", "Defence Ministry", "Ministry of Defense", "Ministry of Defence", "MoD"},
		Roles: []string{"the ministry", "the mod", "the defense ministry", "the defence ministry"}},
	{Name: "Ukrainian General Staff", Kind: "body", Side: "UA", Aliases: []string{"General Staff of the Armed Forces of Ukraine",
		"General Staff of Ukraine's Armed Forces", "Ukraine's General Staff", "General Staff of Ukraine", "the General Staff in Kyiv",
		"the General Staff in Kiev", "Ukrainian Armed Forces General Staff", "General Staff of the Ukrainian Armed Forces",
		"Ukraine's military General Staff", "Ukrainian military's General Staff"},
		Roles: []string{"the general staff"}},
	{Name: "Valery Gerasimov", Kind: "person", Side: "RU", Aliases: []string{"Gerasimov", "Valeri Gerasimov", "Valeriy Gerasimov",
		"Chief of the Russian General Staff", "Russia's chief of General Staff", "Russian chief of General Staff",
		"Russian General Staff", "Russia's General Staff", "Russia's top general", "Russia's top military officer",
		"Chief of the General Staff of the Russian Armed Forces"}},
	{Name: "Vladimir Putin", Kind: "person", Side: "RU", Aliases: []string{"Putin", "Russian President", "Russia's president", "the Kremlin leader"}},
	{Name: "Dmitry Peskov", Kind: "person", Side: "RU", Aliases: []string{"Peskov", "Kremlin spokesman", "Kremlin spokesperson"}},
	{Name: "Andrei Belousov", Kind: "person", Side: "RU", Aliases: []string{"Belousov", "Andrey Belousov", "Russia's defence minister", "Russian Defense Minister"}},
	{Name: "Sergei Shoigu", Kind: "person", Side: "RU", Aliases: []string{"Shoigu", "Sergey Shoigu"}},
	{Name: "Sergei Rudskoi", Kind: "person", Side: "RU", Aliases: []string{"Rudskoi", "Rudskoy", "Sergei Rudskoy", "Sergey Rudskoi", "Sergey Rudskoy"}},
	{Name: "Apti Alaudinov", Kind: "person", Side: "RU", Aliases: []string{"Alaudinov"}},
	{Name: "Alexei Smirnov", Kind: "person", Side: "RU", Aliases: []string{"Smirnov", "Aleksei Smirnov", "Alexey Smirnov", "Kursk acting governor",
		"Kursk's acting governor", "acting governor of the Kursk region"}},
	{Name: "Vyacheslav Gladkov", Kind: "person", Side: "RU", Aliases: []string{"Gladkov", "Belgorod governor", "governor of the Belgorod region"}},
	{Name: "Alexander Bogomaz", Kind: "person", Side: "RU", Aliases: []string{"Bogomaz", "Aleksandr Bogomaz", "Bryansk governor"}},
	{Name: "Roman Starovoit", Kind: "person", Side: "RU", Aliases: []string{"Starovoit", "Starovoyt", "Roman Starovoyt"}},
	{Name: "Igor Konashenkov", Kind: "person", Side: "RU", Aliases: []string{"Konashenkov", "Igor Konashenkov"}},
	{Name: "Maria Zakharova", Kind: "person", Side: "RU", Aliases: []string{"Zakharova"}},
	{Name: "Sergei Lavrov", Kind: "person", Side: "RU", Aliases: []string{"Lavrov", "Sergey Lavrov"}},
	{Name: "Ramzan Kadyrov", Kind: "person", Side: "RU", Aliases: []string{"Kadyrov"}},
	{Name: "Nikolai Patrushev", Kind: "person", Side: "RU", Aliases: []string{"Patrushev", "Nikolay Patrushev"}},
	{Name: "Nazar Voloshyn", Kind: "person", Side: "UA", Aliases: []string{"Voloshyn"}},
	{Name: "Dmytro Lykhovii", Kind: "person", Side: "UA", Aliases: []string{"Lykhovii", "Lykhovyi", "Dmytro Lykhovyi"}},
	{Name: "Andriy Yusov", Kind: "person", Side: "UA", Aliases: []string{"Yusov", "Andrii Yusov", "Andrij Yusov"}},
	{Name: "Andrii Sybiha", Kind: "person", Side: "UA", Aliases: []string{"Sybiha", "Andriy Sybiha"}},
	{Name: "Dmytro Kuleba", Kind: "person", Side: "UA", Aliases: []string{"Kuleba"}},
	{Name: "Viktor Trehubov", Kind: "person", Side: "UA", Aliases: []string{"Trehubov"}},
	{Name: "Alexander Khinshtein", Kind: "person", Side: "RU", Aliases: []string{"Khinshtein", "Aleksandr Khinshtein", "Khintchin",
		"Alexander Khintchin", "Khinshteyn", "Alexander Khinshteyn", "Kursk governor", "Kursk region governor", "governor of the Kursk region"}},
	{Name: "Security Service of Ukraine (SBU)", Kind: "body", Side: "UA", Aliases: []string{"SBU", "Security Service of Ukraine", "Ukraine's Security Service",
		"Ukrainian Security Service", "Ukraine's security service"}},
	{Name: "Coordination Headquarters for the Treatment of Prisoners of War", Kind: "body", Side: "UA", Aliases: []string{
		"Coordination Headquarters", "Coordination HQ", "Coordination Headquarters for the Treatment of POWs", "Ukraine's Coordination Headquarters",
		"Coordination Headquarters for the Treatment of Prisoners", "Coordinating Headquarters for the Treatment of Prisoners of War"}},
	{Name: "Dmytro Lubinets", Kind: "person", Side: "UA", Aliases: []string{"Lubinets", "Dmitry Lubinets", "Ukraine's ombudsman", "Ukrainian ombudsman",
		"Ukraine's human rights commissioner", "Ukrainian Parliament Commissioner for Human Rights"}},
	{Name: "Tatyana Moskalkova", Kind: "person", Side: "RU", Aliases: []string{"Moskalkova", "Tatiana Moskalkova", "Russia's ombudsman",
		"Russian ombudsman", "Russia's human rights commissioner"}},
	{Name: "Black Bird Group", Kind: "body", Side: "other", Aliases: []string{"Black Bird", "BlackBird Group", "Finnish Black Bird Group"}},
	{Name: "Mash", Kind: "media", Side: "RU", Aliases: []string{"Mash Telegram channel"}},
	{Name: "Rybar", Kind: "media", Side: "RU", Aliases: []string{"Rybar Telegram channel"}},
	{Name: "Two Majors", Kind: "media", Side: "RU"},
	{Name: "John Kirby", Kind: "person", Side: "other", Aliases: []string{"Kirby", "White House national security spokesman", "White House spokesman John Kirby"}},
	{Name: "Sabrina Singh", Kind: "person", Side: "other", Aliases: []string{"Singh", "Pentagon spokeswoman", "Pentagon deputy press secretary"}},
	{Name: "Pat Ryder", Kind: "person", Side: "other", Aliases: []string{"Ryder", "Pentagon press secretary"}},
	{Name: "Kursk regional authorities", Kind: "body", Side: "RU", Aliases: []string{"Kursk Oblast authorities", "Kursk region authorities",
		"Russia's regional authorities", "Russian regional authorities", "regional authorities", "Kursk authorities"}},
	{Name: "Ukrainian military", Kind: "body", Side: "UA", Aliases: []string{"Ukraine's military", "Ukrainian armed forces", "Ukraine's armed forces",
		"Armed Forces of Ukraine", "Ukrainian army", "Ukraine's army", "Ukrainian forces", "Ukrainian Defense Forces", "Ukraine's Defense Forces",
		"Ukrainian military officials", "Ukrainian commanders", "Ukraine's military command", "Ukrainian command"}},
	{Name: "Ukrainian government", Kind: "body", Side: "UA", Aliases: []string{"Ukrainian officials", "Ukrainian authorities", "Ukraine's government", "Ukrainian government officials"}},
	{Name: "Russian government", Kind: "body", Side: "RU", Aliases: []string{"Russian officials", "Russian authorities", "Russia's government"}},
	{Name: "Heorhii Tykhyi", Kind: "person", Side: "UA", Aliases: []string{"Tykhyi", "Tykhyy", "Tykhy", "Georgii Tykhyi", "Heorhiy Tykhyi", "Georgiy Tykhyy"}},
	{Name: "Andriy Kovalenko", Kind: "person", Side: "UA", Aliases: []string{"Kovalenko", "Andrii Kovalenko"}},
	{Name: "Kyrylo Budanov", Kind: "person", Side: "UA", Aliases: []string{"Budanov", "Kirill Budanov", "Kyrylo Budanov"}},
	{Name: "Ukrainian military intelligence (HUR)", Kind: "body", Side: "UA", Aliases: []string{"HUR", "GUR", "Ukraine's military intelligence",
		"Ukrainian military intelligence", "Defence Intelligence of Ukraine", "Defense Intelligence of Ukraine", "Main Intelligence Directorate"}},
	{Name: "Rustem Umerov", Kind: "person", Side: "UA", Aliases: []string{"Umerov"}},
	{Name: "Andriy Yermak", Kind: "person", Side: "UA", Aliases: []string{"Yermak", "Andriy Yermak"}},
	{Name: "Denys Shmyhal", Kind: "person", Side: "UA", Aliases: []string{"Shmyhal"}},
	{Name: "South Korean intelligence (NIS)", Kind: "body", Side: "other", Aliases: []string{"NIS", "National Intelligence Service",
		"South Korea's National Intelligence Service", "South Korean National Intelligence Service", "South Korea's spy agency",
		"South Korean spy agency", "South Korea's intelligence agency", "South Korean intelligence", "Seoul's spy agency",
		"South Korea's intelligence service", "South Korean intelligence agency", "South Korean intelligence services", "Seoul's intelligence",
		"South Korea's intelligence", "National Intelligence Service (NIS)", "Seoul's intelligence service"},
		Roles: []string{"the spy agency", "the agency"}},
	{Name: "South Korean Joint Chiefs of Staff", Kind: "body", Side: "other", Aliases: []string{"JCS", "Joint Chiefs of Staff", "South Korea's Joint Chiefs of Staff",
		"South's Joint Chiefs of Staff", "Joint Chiefs of Staff (JCS)", "South Korea's military", "South Korean military", "Seoul's military"}},
	{Name: "South Korean military intelligence", Kind: "body", Side: "other", Aliases: []string{"South Korea's military intelligence",
		"South Korean Defense Intelligence Agency", "South Korea's Defense Intelligence Agency"}},
	{Name: "South Korea", Kind: "body", Side: "other", Aliases: []string{"Seoul", "South Korean government", "South Korean officials"}},
	{Name: "Kim Jong Un", Kind: "person", Side: "KP", Aliases: []string{"Kim Jong-un", "Kim"}},
	{Name: "KCNA", Kind: "media", Side: "KP", Aliases: []string{"Korean Central News Agency", "North Korean state media", "North Korea's state media"}},
	{Name: "Institute for the Study of War", Kind: "body", Side: "other", Aliases: []string{"ISW", "the Institute for the Study of War", "US-based Institute for the Study of War"}},
	{Name: "DeepState", Kind: "media", Side: "UA", Aliases: []string{"DeepStateMap", "DeepStateMAP", "DeepState map", "DeepState UA", "Deep State"}},
	{Name: "Militarnyi", Kind: "media", Side: "UA", Aliases: []string{"Militarny"}},
	{Name: "Yuri Podolyaka", Kind: "person", Side: "RU", Aliases: []string{"Podolyaka", "Yury Podolyaka", "Yuriy Podolyaka"}},
	{Name: "Western intelligence", Kind: "body", Side: "other", Aliases: []string{"Western officials", "Western intelligence sources", "Western intelligence agencies"}},
	{Name: "Pentagon", Kind: "body", Side: "other", Aliases: []string{"US Department of Defense", "U.S. Department of Defense", "the Pentagon", "Pentagon officials", "US defense officials", "U.S. defense officials"}},
	{Name: "US officials", Kind: "body", Side: "other", Aliases: []string{"U.S. officials", "American officials", "US intelligence", "U.S. intelligence", "the White House", "White House"}},
	{Name: "Lloyd Austin", Kind: "person", Side: "other", Aliases: []string{"Austin"}},
	{Name: "Antony Blinken", Kind: "person", Side: "other", Aliases: []string{"Blinken"}},
	{Name: "Mark Rutte", Kind: "person", Side: "other", Aliases: []string{"Rutte"}},
	{Name: "Donald Trump", Kind: "person", Side: "other", Aliases: []string{"Trump"}},
	{Name: "Jake Sullivan", Kind: "person", Side: "other", Aliases: []string{}},
	{Name: "NATO", Kind: "body", Side: "other", Aliases: []string{"North Atlantic Treaty Organization"}},
	{Name: "UK Ministry of Defence", Kind: "body", Side: "other", Aliases: []string{"British Ministry of Defence", "UK Defence Ministry", "Britain's Ministry of Defence", "British defence ministry", "British intelligence", "UK intelligence", "UK Defence Intelligence"}},
	{Name: "TASS", Kind: "media", Side: "RU", Aliases: []string{"TASS news agency", "TASS estimates"}},
	{Name: "RIA Novosti", Kind: "media", Side: "RU", Aliases: []string{"RIA"}},
	{Name: "Interfax", Kind: "media", Side: "RU"},
	{Name: "RT", Kind: "media", Side: "RU", Aliases: []string{"Russia Today"}},
	{Name: "Krasnaya Zvezda", Kind: "media", Side: "RU", Aliases: []string{"Red Star"}},
	{Name: "The New York Times", Kind: "media", Side: "other", Aliases: []string{"New York Times", "NYT"}},
	{Name: "Reuters", Kind: "media", Side: "other"},
	{Name: "Associated Press", Kind: "media", Side: "other", Aliases: []string{"AP"}},
	{Name: "AFP", Kind: "media", Side: "other", Aliases: []string{"Agence France-Presse"}},
	{Name: "BBC", Kind: "media", Side: "other", Aliases: []string{"BBC News", "BBC Russian"}},
	{Name: "CNN", Kind: "media", Side: "other"},
	{Name: "The Wall Street Journal", Kind: "media", Side: "other", Aliases: []string{"Wall Street Journal", "WSJ"}},
	{Name: "The Washington Post", Kind: "media", Side: "other", Aliases: []string{"Washington Post"}},
	{Name: "Financial Times", Kind: "media", Side: "other", Aliases: []string{"FT"}},
	{Name: "Bloomberg", Kind: "media", Side: "other"},
	{Name: "Yonhap", Kind: "media", Side: "other", Aliases: []string{"Yonhap News Agency"}},
	{Name: "Ukrinform", Kind: "media", Side: "UA"},
	{Name: "Ukrainska Pravda", Kind: "media", Side: "UA"},
	{Name: "The Kyiv Independent", Kind: "media", Side: "UA", Aliases: []string{"Kyiv Independent"}},
	{Name: "Mediazona", Kind: "media", Side: "other", Aliases: []string{"Mediazona"}},
	{Name: "Meduza", Kind: "media", Side: "other"},
}

// channels name where a claim was relayed: "on Telegram", "told the BBC".
var channels = set("telegram", "facebook", "x", "twitter", "instagram", "youtube", "vk", "vkontakte", "truth social", "tiktok")

// aliasEntry is one spelling of a claimant, tokenized for matching.
type aliasEntry struct {
	words []string
	who   *Claimant
	role  bool
}

var aliasIndex = buildAliasIndex()

func buildAliasIndex() map[string][]aliasEntry {
	idx := map[string][]aliasEntry{}
	add := func(s string, c *Claimant, role bool) {
		var words []string
		for _, t := range tokenize(s, 0, len(s)) {
			words = append(words, t.low)
		}
		if len(words) == 0 {
			return
		}
		if words[0] == "the" && len(words) > 1 {
			words = words[1:]
		}
		idx[words[0]] = append(idx[words[0]], aliasEntry{words: words, who: c, role: role})
	}
	for i := range Registry {
		c := &Registry[i]
		add(c.Name, c, false)
		for _, a := range c.Aliases {
			add(a, c, false)
		}
		for _, r := range c.Roles {
			add(r, c, true)
		}
	}
	for k := range idx {
		sort.SliceStable(idx[k], func(i, j int) bool { return len(idx[k][i].words) > len(idx[k][j].words) })
	}
	return idx
}

// LookupClaimant finds a claimant of the registry by any of its names (case-insensitive).
func LookupClaimant(name string) (Claimant, bool) {
	toks := tokenize(name, 0, len(name))
	if len(toks) > 0 && toks[0].low == "the" {
		toks = toks[1:]
	}
	if len(toks) == 0 {
		return Claimant{}, false
	}
	for _, e := range aliasIndex[toks[0].low] {
		if !e.role && len(e.words) == len(toks) && matchWords(toks, 0, e.words) {
			return *e.who, true
		}
	}
	return Claimant{}, false
}

// matchWords reports whether words are written at toks[i:], the last one maybe as a
// possessive ("Oleksandr Syrskyi's"). Callers find the entries by their first word, so it is
// not compared again.
func matchWords(toks []token, i int, words []string) bool {
	if i+len(words) > len(toks) {
		return false
	}
	last := len(words) - 1
	for k := 1; k < len(words); k++ {
		if w := toks[i+k].low; w != words[k] && !(k == last && possessive(w) && w[:len(w)-2] == words[k]) {
			return false
		}
	}
	return true
}

// possessiveHeads has the one-word names that the registry does not spell as possessives
// themselves, for "Zelenskyy's" and the like.
var possessiveHeads = func() map[string]*aliasHead {
	m := map[string]*aliasHead{}
	for w, h := range aliasHeads {
		if len(h.one) > 0 && aliasHeads[w+"'s"] == nil {
			m[w] = &aliasHead{one: h.one}
		}
	}
	return m
}()

// claimantMention is a registry name found in a sentence, over tokens [first, last].
type claimantMention struct {
	who         *Claimant
	first, last int
	role        bool
}

// findClaimants lists registry names in the tokens, longest match first, without overlaps.
// Role words ("the ministry") are returned marked as roles.
func findClaimants(toks []token) []claimantMention {
	var out []claimantMention
	for i := 0; i < len(toks); i++ {
		var h *aliasHead
		if toks[i].flags&fAlias != 0 {
			h = aliasHeadAt[toks[i].slot]
		} else if low := toks[i].low; possessive(low) {
			h = possessiveHeads[low[:len(low)-2]] // "Zelenskyy's office"
		}
		if h == nil {
			continue
		}
		// the longest name that fits: names of two words or more (longest first), then one word
		var best *aliasEntry
		if i+1 < len(toks) {
			best = firstFit(toks, i, h.next[toks[i+1].low])
		}
		if best == nil {
			best = firstFit(toks, i, h.one)
		}
		if best == nil {
			continue
		}
		out = append(out, claimantMention{who: best.who, first: i, last: i + len(best.words) - 1, role: best.role})
		i += len(best.words) - 1
	}
	return out
}

// firstFit is the first of entries (longest first) written at toks[i:].
func firstFit(toks []token, i int, entries []aliasEntry) *aliasEntry {
	for k := range entries {
		e := &entries[k]
		if !matchWords(toks, i, e.words) {
			continue
		}
		// a one-word name must be written as a name: "AP" not "ap", "Kim" not "kim"
		if len(e.words) == 1 && !e.role && !writtenAsName(toks[i].text, e.words[0], e.who) {
			continue
		}
		// a surname after another first name is someone else: "Anna Kovalenko" is not Andriy
		if len(e.words) == 1 && !e.role && e.who.Kind == "person" && i > 0 && otherFirstName(toks[i-1]) {
			continue
		}
		// a role word is only a role with its article: "the ministry", "the country's spy
		// agency", not "a ministry"
		if e.role && !roleDeterminer(toks, i) {
			continue
		}
		// ... nor the start of a longer name ("the General Staff's")
		if e.role && i+len(e.words) < len(toks) && isCapWord(toks[i+len(e.words)]) {
			continue
		}
		return e
	}
	return nil
}

// roleDeterminer reports the definite article before a role word at i: "the", or a
// possessive that points at a country named before ("the country's", "the nation's").
func roleDeterminer(toks []token, i int) bool {
	if i == 0 {
		return false
	}
	switch toks[i-1].low {
	case "the":
		return true
	case "country's", "nation's":
		return i >= 2 && toks[i-2].low == "the"
	}
	return false
}

// otherFirstName reports a capitalised word before a surname that is no title, no possessive
// and no ordinary sentence opener: a first name.
func otherFirstName(t token) bool {
	if !isCapWord(t) || possessive(t.low) || titleWords[t.low] || commonCapital[t.low] || personTitles[t.low] {
		return false
	}
	return true
}

// personTitles stand before a surname in the news ("Colonel Kovalenko").
var personTitles = set("gen", "general", "col", "colonel", "lt", "lieutenant", "maj", "major", "capt", "captain", "sgt",
	"mr", "ms", "mrs", "dr", "adm", "admiral", "marshal", "army", "commander", "commander-in-chief", "president", "minister",
	"spokesman", "spokeswoman", "chief", "head", "deputy", "senator", "sen", "rep", "gov", "governor", "ambassador")

// aliasHead holds the names that start with one word, the longer ones by their second word.
type aliasHead struct {
	one  []aliasEntry
	next map[string][]aliasEntry
}

var aliasHeads = func() map[string]*aliasHead {
	heads := map[string]*aliasHead{}
	for w, entries := range aliasIndex {
		h := &aliasHead{next: map[string][]aliasEntry{}}
		for _, e := range entries { // longest first already
			if len(e.words) == 1 {
				h.one = append(h.one, e)
			} else {
				h.next[e.words[1]] = append(h.next[e.words[1]], e)
			}
		}
		heads[w] = h
	}
	return heads
}()

var acronym = regexp.MustCompile(`^[A-Z]{2,5}$`)

func writtenAsName(text, low string, c *Claimant) bool {
	if acronyms[low] {
		for i := 0; i < len(text); i++ {
			if text[i] >= 'a' && text[i] <= 'z' {
				return false
			}
		}
		return true
	}
	return text != "" && text[0] >= 'A' && text[0] <= 'Z'
}

// acronyms are the one-word names written in capitals ("AP", "NIS"), lower-cased.
var acronyms = func() map[string]bool {
	m := map[string]bool{}
	for _, c := range Registry {
		for _, a := range append([]string{c.Name}, c.Aliases...) {
			if acronym.MatchString(a) {
				m[strings.ToLower(a)] = true
			}
		}
	}
	return m
}()
