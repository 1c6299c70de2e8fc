package extract

import (
	"strings"
	"unicode"
)

// This file resolves who a source is: the article's context of names already met, pronouns and
// role nouns that refer back, and the registry's shared speakers. attribution.go finds the
// cues of a sentence (who says, who is cited, who relays); sources.go reads the names, groups
// and vague sources those cues point at.

// context remembers, across the sentences of one article, who was last named, so that "he
// said" and "the ministry added" find their speaker.
type context struct {
	outlet     string
	lastPerson *speaker
	// subjectPerson is the person the last sentence was about (its speaker, or the name that
	// opens it): "he" in the next sentence is that person, not the last name it mentioned
	subjectPerson *speaker
	lastBody      *speaker
	named         map[*Claimant]bool
	norms         map[string]string // normName of speaker names, computed once per article
}

func newContext(outlet string) *context {
	return &context{outlet: normName(outlet)} // the maps are made when first written
}

func normName(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// isOutlet reports whether a name is the publishing outlet itself ("UNN reports").
func (c *context) isOutlet(name string) bool {
	if c.outlet == "" {
		return false
	}
	n, ok := c.norms[name]
	if !ok {
		n = normName(name)
		if c.norms == nil {
			c.norms = map[string]string{}
		}
		c.norms[name] = n
	}
	return c.outlet != "" && n != "" && (n == c.outlet || strings.HasPrefix(c.outlet, n) || strings.HasPrefix(n, c.outlet))
}

// registrySpeakers holds one shared speaker per registry claimant; speakers are never changed
// in place (a change makes a copy), so sharing them spares an allocation per mention.
var registrySpeakers = func() map[string]*speaker {
	m := map[string]*speaker{}
	for i := range Registry {
		c := &Registry[i]
		m[c.Name] = &speaker{name: c.Name, kind: c.Kind, side: c.Side}
	}
	return m
}()

func fromClaimant(cl *Claimant) *speaker {
	if sp, ok := registrySpeakers[cl.Name]; ok {
		return sp
	}
	return &speaker{name: cl.Name, kind: cl.Kind, side: cl.Side}
}

var pronouns = set("he", "she", "they", "it", "him", "her", "them")

// roleFits reports a body named before that a role noun can refer to: "the ministry" after
// Ukraine's defence ministry, but not "the spy agency" after Western intelligence sources.
func roleFits(m claimantMention, body *speaker) bool {
	head := ""
	for _, r := range m.who.Roles {
		head = r[strings.LastIndexByte(r, ' ')+1:]
		if strings.Contains(strings.ToLower(body.name), head) {
			return true
		}
	}
	return head == ""
}

func (c *context) remember(sp *speaker) {
	if sp.kind == "person" {
		c.lastPerson = sp
	} else if sp.kind == "body" {
		c.lastBody = sp
	}
}

func (c *context) pronoun(w string) *speaker {
	switch w {
	case "he", "she", "him", "her":
		if c.subjectPerson != nil {
			return c.subjectPerson
		}
		return c.lastPerson
	default:
		if c.lastBody != nil {
			return c.lastBody
		}
		return c.lastPerson
	}
}
