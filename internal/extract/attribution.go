package extract

import (
	"strings"
)

// Attribution cues: the speech verbs, "according to", "citing", passive sources and headline
// colons of a sentence, each with its source and where it stands, and the choice of the owner
// of the figures among them (the others are relays or channels).

// auxiliaries may stand between a speaker and its verb ("Zelensky has also said").
var auxiliaries = set("has", "have", "had", "also", "separately", "earlier", "later", "previously", "recently", "further", "then", "again", "reportedly", "officially", "publicly", "was", "were", "is", "are", "had", "would", "will", "on", "in", "a", "an")

type candidate struct {
	sp          *speaker
	at          int  // token index of the verb
	after       bool // the name follows the verb
	media       bool
	accordingTo bool
	owner       bool // "citing X", "cited X as saying": X owns the figure, whoever passes it on
	relay       bool // passes on the owner's figure: "Yonhap, citing X, ..."
	pronoun     bool // the source is a pronoun: "it", "he"
}

// speaks reports a candidate that names someone who says the figure: not nobody, nor a
// channel, an "according to" or a relay.
func (cd candidate) speaks() bool {
	return !cd.sp.none && !cd.media && !cd.accordingTo && !cd.relay
}

// findSpeaker finds who a sentence quotes, if it names anyone, and records every claimant it
// names for later pronouns: it reads each cue of the sentence, then chooses the owner of its
// figures among their sources.
func (c *context) findSpeaker(s *sentence) *speaker {
	r := &cueReader{c: c, toks: s.toks, mentions: findClaimants(s.toks)}
	for v, t := range r.toks {
		switch {
		case t.flags&fSpeech != 0 && (t.low == "citing" || t.low == "cited" && citedAsSaying(r.toks, v)):
			r.citing(v)
		case t.low == "per" && !r.inMention(v):
			r.per(v)
		case t.flags&fSpeech == 0 || r.inMention(v):
			if t.flags&fPassiveSource != 0 && !r.inMention(v) {
				r.givenBy(v)
			}
		case t.low == "according":
			r.accordingTo(v)
		case r.statedBy(v):
		case r.beforeVerb(v):
		default:
			r.afterVerb(v)
		}
	}
	c.rememberNames(r.mentions)
	if len(r.cands) == 0 {
		// a headline's "Zelensky: 11,000 North Korean soldiers remain"
		if sp := c.colonSpeaker(r.toks, r.mentions, r.resolve); sp != nil {
			r.add(candidate{sp: sp, at: 0})
		}
	}
	sp := c.choose(r.cands, r.toks)
	if sp != nil && !sp.none {
		c.remember(sp)
	}
	c.noteSubject(sp, r)
	if sp == nil && saysOwnSpeaker(r.toks) {
		// the sentence names its own speaker in a way not understood here: better no claimant
		// than the one of the sentence before
		return &speaker{none: true}
	}
	return sp
}

// noteSubject records the person a sentence is about, for "he" and "she" in the next one: the
// person named at its start ("Gerasimov gave Putin an update. He noted ..."), else its speaker
// when a person speaks; a sentence that names other people only leaves no subject.
func (c *context) noteSubject(sp *speaker, r *cueReader) {
	for _, m := range r.mentions {
		if m.who.Kind == "person" && !m.role && m.first <= 2 {
			c.subjectPerson = fromClaimant(m.who) // the name the sentence opens on
			return
		}
	}
	if sp != nil && !sp.none && sp.kind == "person" {
		c.subjectPerson = sp
		return
	}
	for _, m := range r.mentions {
		if m.who.Kind == "person" {
			c.subjectPerson = nil // other people named: "he" is the last of them
			return
		}
	}
}

// rememberNames records the registry names of a sentence for pronouns in later ones.
func (c *context) rememberNames(mentions []claimantMention) {
	for _, m := range mentions {
		if m.role {
			continue
		}
		if c.named == nil {
			c.named = map[*Claimant]bool{}
		}
		c.named[m.who] = true
		c.remember(fromClaimant(m.who))
	}
}

// cueReader reads the attribution cues of one sentence into candidates.
type cueReader struct {
	c        *context
	toks     []token
	mentions []claimantMention
	cands    []candidate
}

func (r *cueReader) add(cd candidate) { r.cands = append(r.cands, cd) }

// addAccording adds the source of "according to X" or "per X" at the cue v.
func (r *cueReader) addAccording(v int, sp *speaker) {
	r.add(candidate{sp: sp, at: v, after: true, media: sp.kind == "media", accordingTo: true})
}

// resolve gives the speaker a registry mention names; a role noun refers back to the person or
// body met before when it fits.
func (r *cueReader) resolve(m claimantMention) *speaker {
	c := r.c
	if m.role && !c.named[m.who] {
		if m.who.Kind == "person" && c.lastPerson != nil {
			return c.lastPerson
		}
		if m.who.Kind != "person" && c.lastBody != nil && roleFits(m, c.lastBody) {
			return c.lastBody
		}
	}
	return fromClaimant(m.who)
}

// mentionEndingBefore finds the registry name that is the subject of the verb at v.
func (r *cueReader) mentionEndingBefore(v int) (claimantMention, bool) {
	toks := r.toks
	for k := len(r.mentions) - 1; k >= 0; k-- {
		m := r.mentions[k]
		if m.last < v && v-m.last <= 16 && !speechBetween(toks, m.last+1, v) {
			// "Putin's spokesman Dmitry Peskov said": the name after the possessive speaks
			if possessive(toks[m.last].low) && namedBetween(toks, m.last+1, v) {
				return claimantMention{}, false
			}
			// "Anna Kovalenko, a spokeswoman for the Ukrainian army, said": the name before
			// the description speaks, not the body the description names
			if describedName(toks, m.first) {
				return claimantMention{}, false
			}
			return m, true
		}
		if m.last < v {
			break
		}
	}
	return claimantMention{}, false
}

func (r *cueReader) mentionStartingAt(from, to int) (claimantMention, bool) {
	for _, m := range r.mentions {
		if m.first >= from && m.first <= to {
			return m, true
		}
	}
	return claimantMention{}, false
}

// mentionInPhrase finds a registry name that starts between from and to with no punctuation
// before it: "by the Finnish analysis group Black Bird Group".
func (r *cueReader) mentionInPhrase(from, to int) (claimantMention, bool) {
	for _, m := range r.mentions {
		if m.first >= from && m.first <= to && !punctBetween(r.toks, from, m.first) {
			return m, true
		}
	}
	return claimantMention{}, false
}

func punctBetween(toks []token, from, to int) bool {
	for k := from; k < to && k < len(toks); k++ {
		if toks[k].punct {
			return true
		}
	}
	return false
}

func (r *cueReader) inMention(v int) bool {
	for _, m := range r.mentions {
		if m.first <= v && v <= m.last {
			return true
		}
	}
	return false
}

// sourceAfter reads the source named right after token i: a registry name, a pronoun, a name
// or a group.
func (r *cueReader) sourceAfter(i int) *speaker {
	toks := r.toks
	if m, ok := r.mentionStartingAt(i, i+2); ok {
		return r.resolve(m)
	}
	if k := i + boolInt(i < len(toks) && toks[i].low == "the"); k < len(toks) && pronouns[toks[k].low] {
		return r.c.pronoun(toks[k].low)
	}
	if name, last := nameAfter(toks, i); name != "" {
		return r.c.generic(name, toks, i, last)
	}
	if name, first, last := groupAfter(toks, i); name != "" {
		return r.c.generic(name, toks, first, last)
	}
	return nil
}

// citing reads "citing X" and "cited X as saying": X owns the figure; "Yonhap, citing the
// JCS, reported": the name before the comma relays it.
func (r *cueReader) citing(v int) {
	toks := r.toks
	if sp := r.sourceAfter(v + 1); sp != nil {
		r.add(candidate{sp: sp, at: v, after: true, owner: true})
	}
	if v >= 2 && toks[v-1].low == "," {
		if m, ok := mentionEndingAt(r.mentions, v-2); ok {
			r.add(candidate{sp: r.resolve(m), at: v, relay: true})
		} else if name, first := nameBefore(toks, v-2); name != "" {
			r.add(candidate{sp: r.c.generic(name, toks, first, v-2), at: v, relay: true})
		}
	}
}

// givenBy reads a passive verb that names its source: "The figure was given by the General Staff".
func (r *cueReader) givenBy(v int) {
	if by := byAfter(r.toks, v); by > 0 && by <= v+2 {
		if m, ok := r.mentionInPhrase(by+1, by+7); ok {
			sp := r.resolve(m)
			cp := *sp
			cp.backward = refersBack(r.toks, v)
			r.add(candidate{sp: &cp, at: v, after: true, media: sp.kind == "media"})
		}
	}
}

// accordingTo reads "according to X", "according to data from X", "according to local reports".
func (r *cueReader) accordingTo(v int) {
	toks := r.toks
	if v+1 >= len(toks) || toks[v+1].low != "to" {
		return
	}
	add := func(sp *speaker) { r.addAccording(v, sp) }
	if m, ok := r.mentionStartingAt(v+2, v+3); ok {
		add(r.resolve(m))
		return
	}
	// "according to a video released by the Russian Defense Ministry", "according to data from X"
	if by := sourceOfDocument(toks, v+2); by > 0 {
		if m, ok := r.mentionInPhrase(by+1, by+7); ok {
			add(r.resolve(m))
			return
		}
	}
	if v+2 < len(toks) && pronouns[toks[v+2].low] {
		if sp := r.c.pronoun(toks[v+2].low); sp != nil {
			add(sp)
		}
		return
	}
	if name, ok := vagueSource(toks, v+2); ok {
		add(&speaker{name: name, kind: "unknown"})
		return
	}
	if name, last := nameAfter(toks, v+2); name != "" {
		add(r.c.generic(name, toks, v+2, last))
	} else if isNonSource(toks, v+2) {
		add(&speaker{none: true})
	}
}

// per reads "per the General Staff", "per local reports" as "according to"; "per day" and
// "per square kilometre" name no source.
func (r *cueReader) per(v int) {
	if m, ok := r.mentionStartingAt(v+1, v+2); ok {
		r.addAccording(v, r.resolve(m))
		return
	}
	if name, ok := vagueSource(r.toks, v+1); ok {
		r.addAccording(v, &speaker{name: name, kind: "unknown"})
	}
}

// statedBy reads "stated by X", "recalled on Facebook by X" after the verb at v.
func (r *cueReader) statedBy(v int) bool {
	by := byAfter(r.toks, v)
	if by == 0 {
		return false
	}
	var sp *speaker
	if m, ok := r.mentionInPhrase(by+1, by+7); ok {
		sp = r.resolve(m)
	} else if name, last := nameAfter(r.toks, by+1); name != "" {
		sp = r.c.generic(name, r.toks, by+1, last)
	}
	if sp == nil {
		return false
	}
	cp := *sp
	cp.backward = refersBack(r.toks, v)
	r.add(candidate{sp: &cp, at: v, after: true, media: sp.kind == "media"})
	return true
}

// beforeVerb reads the subject of the verb at v: a registry name, a pronoun, a described or
// appositive name, a name, or a group ("military officials said"); it reports whether it found one.
func (r *cueReader) beforeVerb(v int) bool {
	toks, c := r.toks, r.c
	if m, ok := r.mentionEndingBefore(v); ok && onlyConnective(toks, m.last+1, v) {
		sp := r.resolve(m)
		if refersBack(toks, v) {
			cp := *sp
			cp.backward = true
			sp = &cp
		}
		r.add(candidate{sp: sp, at: v, media: sp.kind == "media"})
		return true
	}
	p := v - 1
	for p >= 0 && auxiliaries[toks[p].low] {
		p--
	}
	if p >= 0 && pronouns[toks[p].low] {
		if sp := c.pronoun(toks[p].low); sp != nil {
			r.add(candidate{sp: sp, at: v, pronoun: true})
		}
		return true
	}
	// a second verb of the clause's subject: "Moscow has not commented on its losses but claims"
	if p >= 1 && (toks[p].low == "but" || toks[p].low == "and") {
		if sp := r.clauseSubject(p); sp != nil {
			r.add(candidate{sp: sp, at: v})
			return true
		}
	}
	// a described name: "Colonel Anna Kovalenko, a spokeswoman for the army, said"
	if end := describedBefore(toks, v); end > 0 {
		if m, ok := mentionEndingAt(r.mentions, end); ok {
			r.add(candidate{sp: r.resolve(m), at: v})
			return true
		}
		if name, first := nameBefore(toks, end); name != "" && !isNonSourceName(name) {
			r.add(candidate{sp: c.generic(name, toks, first, end), at: v})
			return true
		}
	}
	// an appositive name: "An adviser to the president, Mykhailo Podolyak, told ..."
	if p >= 2 && toks[p].low == "," && isCapWord(toks[p-1]) {
		if name, first := nameBefore(toks, p-1); name != "" && first > 0 && toks[first-1].low == "," && !isNonSourceName(name) {
			if m, ok := r.mentionStartingAt(first, first); ok && m.last == p-1 {
				r.add(candidate{sp: r.resolve(m), at: v})
			} else {
				r.add(candidate{sp: c.generic(name, toks, first, p-1), at: v})
			}
			return true
		}
	}
	if name, first := nameBefore(toks, p); name != "" {
		if isNonSourceName(name) {
			r.add(candidate{sp: &speaker{none: true}, at: v})
		} else {
			r.add(candidate{sp: c.generic(name, toks, first, p), at: v})
		}
		return true
	}
	// "independent analysts who track maps put ...", "military officials said"
	if name, first, last := groupBefore(toks, p); name != "" {
		if vague, ok := vagueBefore(toks, p); ok {
			r.add(candidate{sp: &speaker{name: vague, kind: "unknown"}, at: v})
		} else if isNonSourceName(name) || (first == last && vagueGroups[toks[first].low]) {
			// no claimant, but a relay when another names the owner ("citing X, lawmakers said")
			r.add(candidate{sp: &speaker{none: true, name: strings.ToLower(name)}, at: v})
		} else {
			r.add(candidate{sp: c.generic(name, toks, first, last), at: v})
		}
		return true
	}
	return false
}

// clauseSubject is the name that opens the sentence (or the clause after a semicolon) when it
// is at most 15 tokens before p: the subject a coordinated verb shares.
func (r *cueReader) clauseSubject(p int) *speaker {
	start := 0
	for k := p - 1; k >= 0; k-- {
		if r.toks[k].low == ";" {
			start = k + 1
			break
		}
	}
	if p-start > 15 {
		return nil
	}
	if m, ok := r.mentionStartingAt(start, start+1); ok {
		return r.resolve(m)
	}
	if name, last := nameAfter(r.toks, start); name != "" && last < p && !isNonSourceName(name) {
		return r.c.generic(name, r.toks, start, last)
	}
	return nil
}

// afterVerb reads an inverted speaker: `," said the ministry` / `, said Zelensky`, but not ",
// said Ukrainian troops hold ...", where the name opens what was said.
func (r *cueReader) afterVerb(v int) {
	toks := r.toks
	if v == 0 || (toks[v-1].low != "," && toks[v-1].low != `"` && toks[v-1].low != "-") {
		return
	}
	if m, ok := r.mentionStartingAt(v+1, v+2); ok && endsClause(toks, m.last+1) {
		sp := r.resolve(m)
		r.add(candidate{sp: sp, at: v, after: true, media: sp.kind == "media"})
		return
	}
	if v+1 < len(toks) && pronouns[toks[v+1].low] {
		if sp := r.c.pronoun(toks[v+1].low); sp != nil {
			r.add(candidate{sp: sp, at: v, after: true})
		}
		return
	}
	if name, last := nameAfter(toks, v+1); name != "" && endsClause(toks, last+1) {
		r.add(candidate{sp: r.c.generic(name, toks, v+1, last), at: v, after: true})
	}
}

// colonSpeaker reads the speaker of a line that opens on a name and a colon, after an optional
// time ("10:42 Zelenskiy: ...", "Syrsky: we hold 90 square kilometres").
func (c *context) colonSpeaker(toks []token, mentions []claimantMention, resolve func(claimantMention) *speaker) *speaker {
	i := 0
	if timestamp(toks) {
		i = 3
	}
	for k := i + 1; k < len(toks) && k <= i+4; k++ {
		if toks[k].low != ":" {
			continue
		}
		for _, m := range mentions {
			if m.first == i && m.last == k-1 {
				return resolve(m)
			}
		}
		if name, first := nameBefore(toks, k-1); name != "" && first == i && !lineLabels[strings.ToLower(name)] {
			return c.generic(name, toks, first, k-1)
		}
		return nil
	}
	return nil
}

// lineLabels open lines with a colon without naming a speaker ("Quote:", "Source:").
var lineLabels = set("quote", "source", "sources", "details", "background", "update", "breaking", "photo", "video", "read more",
	"note", "context", "key points", "editor's note", "correction", "live", "latest", "analysis", "opinion", "watch", "listen")

// timestamp reports a line that opens on a time ("10:42 ..."), as live blogs start entries.
func timestamp(toks []token) bool {
	return len(toks) > 3 && toks[0].num && toks[1].low == ":" && toks[2].num && len(toks[2].text) == 2
}

// plainSpeech are the speech verbs that are verbs only ("said", not "claims" or "reports").
var plainSpeech = set("said", "told", "stated", "added", "wrote", "declared", "announced", "insisted", "explained",
	"stressed", "recalled", "revealed", "posted", "confirmed")

// saysOwnSpeaker reports a sentence whose verb of speech has its subject in the same
// sentence, before it: a speaker of its own, not one carried over.
func saysOwnSpeaker(toks []token) bool {
	for v := 1; v < len(toks); v++ {
		if toks[v].flags&fSpeech != 0 && plainSpeech[toks[v].low] {
			// `"...," said X` and "he said" are handled before; a quote or pronoun right before
			// the verb is no subject of this kind
			// ("the ministry added" refers back to a speaker named before, as a pronoun does;
			// `"...," said` is followed by its speaker unless what follows is the saying itself)
			prev := toks[v-1].low
			if prev == `"` || prev == "," {
				return v+1 < len(toks) && !isCapWord(toks[v+1]) && !pronouns[toks[v+1].low] && toks[v+1].low != "the"
			}
			return !pronouns[prev] && !(v > 1 && toks[v-2].low == "the")
		}
	}
	return false
}

// choose picks the claimant of a sentence among its speech verbs: a media outlet or an
// "according to" next to another speaker is the channel (via), not the claimant.
func (c *context) choose(cands []candidate, toks []token) *speaker {
	var kept []candidate
	for _, cd := range cands {
		if cd.sp == nil || (!cd.sp.none && c.isOutlet(cd.sp.name)) {
			continue
		}
		kept = append(kept, cd)
	}
	if len(kept) == 0 {
		return nil
	}
	// a named source outranks a country speaking ("Russia says ..., Gerasimov said")
	rank := func(sp *speaker) int {
		if strings.HasSuffix(sp.name, " government") {
			return 1
		}
		return 2
	}
	main := -1
	for i, cd := range kept {
		if cd.owner && !cd.sp.none {
			main = i
			break
		}
	}
	if main < 0 {
		// "She noted that the Pentagon had reported 12,000": the inner source owns the figure
		if inner, outer, ok := nestedSource(kept, toks); ok {
			sp := *kept[inner].sp
			sp.via = kept[outer].sp.name
			return &sp
		}
	}
	for i, cd := range kept {
		if main >= 0 && kept[main].owner {
			break
		}
		if !cd.speaks() {
			continue
		}
		if main < 0 || rank(cd.sp) > rank(kept[main].sp) {
			main = i
		}
	}
	if main < 0 {
		for i, cd := range kept {
			if !cd.sp.none && !cd.media {
				main = i
				break
			}
		}
	}
	if main < 0 {
		main = 0
	}
	sp := *kept[main].sp
	sp.via = ""
	for i, cd := range kept {
		// the first relay: a channel, or whoever passed on the figure of the one it cites
		if i != main && cd.sp.name != "" && cd.sp.name != sp.name && (cd.media || cd.accordingTo || cd.relay || kept[main].owner) {
			sp.via = cd.sp.name
			break
		}
	}
	if sp.via == "" {
		sp.via = channelIn(toks)
	}
	if sp.via == sp.name {
		sp.via = ""
	}
	if kept[main].at >= len(toks)-4 || (kept[main].after && kept[main].at >= len(toks)-6) {
		sp.trailing = true
	}
	return &sp
}

// nestedSource finds a source whose verb stands in what an earlier source said ("Lee told
// reporters the NIS said ...", "She noted that the Pentagon had reported ..."): both named
// before their verbs, in one clause (no comma, semicolon or quote between the two verbs).
func nestedSource(kept []candidate, toks []token) (inner, outer int, ok bool) {
	for i := range kept {
		o := kept[i]
		if o.after || !o.speaks() {
			continue
		}
		for j := i + 1; j < len(kept); j++ {
			in := kept[j]
			// (a pronoun there is the outer source again: "The Pentagon said it believes ...")
			if in.after || in.pronoun || !in.speaks() || in.at <= o.at+1 || in.at-o.at > 15 || in.sp.name == o.sp.name {
				continue
			}
			if !punctBetween(toks, o.at+1, in.at) {
				return j, i, true
			}
		}
	}
	return 0, 0, false
}

// channelIn finds "on Telegram", "told the BBC", "in an interview with CNN".
func channelIn(toks []token) string {
	for i, t := range toks {
		if t.flags&fChannel != 0 && i > 0 && (toks[i-1].low == "on" || toks[i-1].low == "a" || toks[i-1].low == "its" || toks[i-1].low == "his" || toks[i-1].low == "her" || toks[i-1].low == "the") {
			if t.low == "x" && t.text != "X" {
				continue
			}
			return titleOf(t.text)
		}
		if (t.low == "told" || t.low == "with") && i+1 < len(toks) {
			j := i + 1
			if toks[j].low == "the" {
				j++
			}
			for _, m := range findClaimants(toks[j:min(j+4, len(toks))]) {
				if m.first == 0 && m.who.Kind == "media" {
					return m.who.Name
				}
			}
		}
	}
	return ""
}

func titleOf(s string) string {
	switch strings.ToLower(s) {
	case "x":
		return "X"
	case "vk", "vkontakte":
		return "VK"
	case "youtube":
		return "YouTube"
	case "tiktok":
		return "TikTok"
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// citedAsSaying reports "cited X as saying": X is the source, whoever cites it.
func citedAsSaying(toks []token, v int) bool {
	for k := v + 2; k < len(toks) && k <= v+8; k++ {
		if toks[k].low == "as" && k+1 < len(toks) && (toks[k+1].low == "saying" || toks[k+1].low == "telling" || toks[k+1].low == "stating" || toks[k+1].low == "reporting") {
			return true
		}
		if toks[k].punct {
			return false
		}
	}
	return false
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// byAfter finds "by" within three tokens after a passive speech verb ("stated by", "recalled on
// Facebook by"), returning its index or 0.
func byAfter(toks []token, v int) int {
	for k := v + 1; k < len(toks) && k <= v+4; k++ {
		if toks[k].low == "by" {
			return k
		}
		if toks[k].punct && toks[k].low != "-" {
			return 0
		}
	}
	return 0
}

// refersBack reports a sentence that names the speaker of what came before it: "This was stated
// by X", "X shared this update with ...".
func refersBack(toks []token, v int) bool {
	if v >= 2 && (toks[0].low == "this" || toks[0].low == "that" || toks[0].low == "these" || toks[0].low == "such") {
		return true
	}
	for k := v + 1; k < len(toks) && k <= v+2; k++ {
		switch toks[k].low {
		case "this", "these", "the":
			if k+1 < len(toks) && (toks[k+1].low == "update" || toks[k+1].low == "figure" || toks[k+1].low == "figures" || toks[k+1].low == "information" || toks[k+1].low == "data" || toks[k+1].low == "assessment" || toks[k+1].low == "estimate" || toks[k+1].low == "news") {
				return true
			}
			if toks[k].low == "this" && (k+1 >= len(toks) || toks[k+1].punct || toks[k+1].low == "in" || toks[k+1].low == "on" || toks[k+1].low == "during") {
				return true
			}
		}
	}
	return false
}

// sourceOfDocument finds "a video released by", "data from", "a statement by" after "according
// to", returning the index of "by"/"from" or 0.
func sourceOfDocument(toks []token, i int) int {
	for k := i; k < len(toks) && k <= i+5; k++ {
		if (toks[k].low == "by" || toks[k].low == "from") && k > i {
			return k
		}
		if toks[k].punct {
			return 0
		}
	}
	return 0
}

func speechBetween(toks []token, from, to int) bool {
	for k := from; k < to; k++ {
		if speechVerbs[toks[k].low] {
			return true
		}
	}
	return false
}

// onlyConnective allows between a name and its verb: auxiliaries, an appositive set off by
// commas or brackets, and a few words.
func onlyConnective(toks []token, from, to int) bool {
	if to-1 >= from && sourceNouns[toks[to-1].low] {
		return false // "Citing the agency, two lawmakers said": the group is the subject
	}
	if to-1 >= from && toks[to-1].low == "and" && to-from <= 8 {
		return true
	}
	if timePhrase(toks, from, to) {
		return true // "Lubinets on Oct. 18 confirmed"
	}
	if to-from <= 3 {
		for k := from; k < to; k++ {
			if toks[k].low == `"` || toks[k].low == "." {
				return false
			}
		}
		return true
	}
	// "The Institute for the Study of War, a U.S.-based non-profit, reported"; but not
	// "an adviser to the president, Mykhailo Podolyak, told": a name between the commas speaks
	if from < len(toks) && (toks[from].low == "," || toks[from].low == "(") {
		for k := from + 1; k < to; k++ {
			if (toks[k].low == "," || toks[k].low == ")") && to-k <= 3 {
				return !properName(toks[from+1 : k])
			}
		}
	}
	return false
}

// timePhrase reports a day between a name and its verb: "on Oct. 18", "on Monday", "last week".
func timePhrase(toks []token, from, to int) bool {
	if to-from < 2 || to-from > 5 || (toks[from].low != "on" && toks[from].low != "last" && toks[from].low != "this") {
		return false
	}
	for k := from + 1; k < to; k++ {
		t := toks[k]
		if !(t.num || t.low == "." || t.flags&(fMonth|fWeekday) != 0 || t.low == "week" || t.low == "month") {
			return false
		}
	}
	return true
}

// describedBefore finds "NAME, a DESCRIPTION," ending just before the verb at v (a colon may
// follow the last comma) and gives NAME's last token, or 0.
func describedBefore(toks []token, v int) int {
	k := v - 1
	if k >= 0 && toks[k].low == ":" {
		k--
	}
	if k < 3 || toks[k].low != "," {
		return 0
	}
	for j := k - 2; j >= 1 && j >= k-12; j-- {
		if toks[j].low == "," {
			if opensDescription(toks, j+1) && isCapWord(toks[j-1]) {
				return j - 1
			}
			return 0
		}
		if toks[j].low == `"` || toks[j].low == "." || toks[j].flags&fSpeech != 0 {
			return 0
		}
	}
	return 0
}

// opensDescription reports an appositive description of a person starting at i: "a
// spokeswoman for", "the head of", "governor of", "adviser to"; titles before a name ("Army
// General Valery Gerasimov") are a name, not a description.
func opensDescription(toks []token, i int) bool {
	w := toks[i].low
	if w == "a" || w == "an" || w == "the" {
		return true
	}
	if !personTitles[w] && !describingNouns[w] {
		return false
	}
	for i < len(toks) && (personTitles[toks[i].low] || describingNouns[toks[i].low]) {
		i++
	}
	return i < len(toks) && !isCapWord(toks[i])
}

var describingNouns = set("adviser", "advisor", "aide", "spokesperson", "member", "leader", "representative", "secretary",
	"mayor", "envoy", "ombudsperson", "ombudsman", "acting")

func mentionEndingAt(mentions []claimantMention, last int) (claimantMention, bool) {
	for _, m := range mentions {
		if m.last == last {
			return m, true
		}
	}
	return claimantMention{}, false
}

// describedName reports a mention inside an appositive description of a name before it:
// "NAME, a spokeswoman for MENTION, said".
func describedName(toks []token, first int) bool {
	for k := first - 1; k >= 1 && k >= first-6; k-- {
		if toks[k].low == "," {
			return k+1 < first && opensDescription(toks, k+1) && isCapWord(toks[k-1])
		}
		if toks[k].punct || toks[k].flags&fSpeech != 0 {
			return false
		}
	}
	return false
}

// endsClause reports the end of the sentence or a mark at token k: what comes after a speaker
// named after the verb ("..., said Zelensky." / "..., said Zelensky, adding ...").
func endsClause(toks []token, k int) bool {
	return k >= len(toks) || toks[k].punct || toks[k].low == "on" || toks[k].low == "in" || toks[k].low == "at" ||
		toks[k].low == "who" || toks[k].low == "adding" || toks[k].low == "according" || toks[k].low == "citing"
}
