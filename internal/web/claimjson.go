package web

import (
	"bytes"
	"encoding/binary"
	"math"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/kursk/kursk/internal/store"
)

// The claims list is the API's hottest reply. claimWriter writes it by hand from the rows as
// PostgreSQL sent them, byte for byte what encoding/json writes for toAPI(c, claimants)
// (TestClaimJSONMatchesEncodingJSON holds it to that), in a fraction of the time: no
// reflection, no intermediate values, no strings.

// claimWriter writes the claims of one reply. A claim with the same claimant or source as the
// claim before gets a copy of the object as written for that one. (Slugs are unique, and one
// statement reads one snapshot: a slug stands for the same object throughout a reply.)
type claimWriter struct {
	claimants                  map[string]*store.Claimant // full objects by slug
	claimantSlug, claimantJSON []byte                     // the claimant written last
	outletSlug, outletJSON     []byte                     // the source written last
	missed                     bool                       // a claimant was not in claimants
	key                        []byte                     // the question key being written
}

func (w *claimWriter) append(b []byte, c *store.ClaimRow) []byte {
	// each id is written twice: as a number and in a link
	var idBuf, articleBuf [20]byte
	id, articleID := strconv.AppendInt(idBuf[:0], c.ID, 10), strconv.AppendInt(articleBuf[:0], c.ArticleID, 10)
	b = append(b, `{"id":`...)
	b = append(b, id...)
	b = append(b, `,"kind":`...)
	b = appendJSONString(b, c.Kind)
	b = append(b, `,"value":`...)
	b = appendJSONFloat(b, c.Value)
	b = append(b, `,"value_max":`...)
	if c.ValueMax == nil {
		b = append(b, "null"...)
	} else {
		b = appendJSONFloat(b, *c.ValueMax)
	}
	b = append(b, `,"qualifier":`...)
	b = appendJSONString(b, c.Qualifier)
	b = append(b, `,"unit":`...)
	b = appendJSONString(b, c.Unit)
	b = append(b, `,"subject":`...)
	b = appendJSONStringOrNull(b, c.Subject)
	b = append(b, `,"claimant":`...)
	if c.ClaimantSlug == nil {
		b = append(b, "null"...)
	} else {
		if w.claimantJSON == nil || !bytes.Equal(c.ClaimantSlug, w.claimantSlug) {
			w.claimantSlug = append(w.claimantSlug[:0], c.ClaimantSlug...)
			full := w.claimants[string(c.ClaimantSlug)]
			if full == nil {
				w.missed = true
				full = &store.Claimant{Slug: string(c.ClaimantSlug), Name: string(c.ClaimantName), Kind: string(c.ClaimantKind), Aliases: []string{}}
			}
			w.claimantJSON = appendClaimantJSON(w.claimantJSON[:0], full)
		}
		b = append(b, w.claimantJSON...)
	}
	b = append(b, `,"via":`...)
	b = appendJSONStringOrNull(b, c.Via)
	b = append(b, `,"as_of":`...)
	b = appendJSONDate(b, c.AsOf)
	b = append(b, `,"since":`...)
	b = appendJSONDate(b, c.Since)
	b = append(b, `,"item":`...)
	b = appendJSONStringOrNull(b, c.Item)
	b = append(b, `,"question":`...)
	w.key = appendQuestionKey(w.key[:0], c)
	b = appendJSONString(b, w.key)
	b = append(b, `,"place":`...)
	b = appendJSONStringOrNull(b, c.Place)
	b = append(b, `,"place_group":`...)
	b = appendJSONString(b, c.PlaceGroup)
	b = append(b, `,"evidence":`...)
	b = appendJSONString(b, c.Evidence)
	b = append(b, `,"span_start":`...)
	b = strconv.AppendInt(b, int64(c.SpanStart), 10)
	b = append(b, `,"span_end":`...)
	b = strconv.AppendInt(b, int64(c.SpanEnd), 10)
	b = append(b, `,"extractor_version":`...)
	b = strconv.AppendInt(b, int64(c.ExtractorVersion), 10)
	b = append(b, `,"source":`...)
	if c.OutletSlug == nil {
		b = append(b, "null"...)
	} else {
		if w.outletJSON == nil || !bytes.Equal(c.OutletSlug, w.outletSlug) {
			w.outletSlug = append(w.outletSlug[:0], c.OutletSlug...)
			o := append(w.outletJSON[:0], `{"slug":`...)
			o = appendJSONString(o, c.OutletSlug)
			o = append(o, `,"name":`...)
			o = appendJSONString(o, c.OutletName)
			o = append(o, `,"url":`...)
			o = appendJSONStringOrNull(o, c.OutletURL)
			w.outletJSON = append(o, '}')
		}
		b = append(b, w.outletJSON...)
	}
	b = append(b, `,"article":{"id":`...)
	b = append(b, articleID...)
	b = append(b, `,"url":`...)
	b = appendJSONStringOrNull(b, c.ArticleURL)
	b = append(b, `,"title":`...)
	b = appendJSONString(b, c.ArticleTitle)
	b = append(b, `,"published":`...)
	b = appendJSONDate(b, c.Published)
	b = append(b, `,"syndicated":`...)
	b = strconv.AppendBool(b, c.Syndicated)
	b = append(b, `,"link":"/articles/`...)
	b = append(b, articleID...)
	b = append(b, `"},"link":"/claims/`...)
	b = append(b, id...)
	return append(b, `"}`...)
}

// appendQuestionKey writes dispute.QuestionKey.String of a row.
func appendQuestionKey(b []byte, c *store.ClaimRow) []byte {
	part := func(b, s []byte) []byte {
		if len(s) == 0 {
			return append(b, '-')
		}
		return append(b, s...)
	}
	b = append(b, c.Kind...)
	b = part(append(b, '.'), c.Subject)
	b = append(append(b, '.'), c.PlaceGroup...)
	b = part(append(b, '.'), c.Item)
	return append(append(b, '.'), c.Span...)
}

// appendJSONStringOrNull writes the bytes of a nullable text: null for nil.
func appendJSONStringOrNull(b, s []byte) []byte {
	if s == nil {
		return append(b, "null"...)
	}
	return appendJSONString(b, s)
}

// appendJSONDate writes a date as isoDate does, as a JSON string.
func appendJSONDate(b []byte, t *time.Time) []byte {
	if t == nil {
		return append(b, "null"...)
	}
	y, m, d := t.Date()
	if y < 0 || y > 9999 {
		return appendJSONText(b, t.Format("2006-01-02"))
	}
	return append(b, '"', byte('0'+y/1000), byte('0'+y/100%10), byte('0'+y/10%10), byte('0'+y%10), '-',
		byte('0'+int(m)/10), byte('0'+int(m)%10), '-', byte('0'+d/10), byte('0'+d%10), '"')
}

func appendClaimantJSON(b []byte, c *store.Claimant) []byte {
	if c == nil {
		return append(b, "null"...)
	}
	b = append(b, `{"slug":`...)
	b = appendJSONText(b, c.Slug)
	b = append(b, `,"name":`...)
	b = appendJSONText(b, c.Name)
	b = append(b, `,"kind":`...)
	b = appendJSONText(b, c.Kind)
	b = append(b, `,"side":`...)
	b = appendJSONStringPtr(b, c.Side)
	b = append(b, `,"aliases":`...)
	if c.Aliases == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i, al := range c.Aliases {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSONText(b, al)
		}
		b = append(b, ']')
	}
	b = append(b, `,"claim_count":`...)
	b = strconv.AppendInt(b, int64(c.ClaimCount), 10)
	return append(b, '}')
}

func appendJSONStringPtr(b []byte, s *string) []byte {
	if s == nil {
		return append(b, "null"...)
	}
	return appendJSONText(b, *s)
}

// appendJSONFloat formats like encoding/json: the shortest decimal, exponents only for very
// large or very small numbers. NaN and infinities, which JSON cannot hold, are written as null.
func appendJSONFloat(b []byte, f float64) []byte {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return append(b, "null"...)
	}
	// most values are whole numbers: written as integers, without the float formatter
	if i := int64(f); float64(i) == f && i > -1e15 && i < 1e15 && (i != 0 || !math.Signbit(f)) {
		return strconv.AppendInt(b, i, 10)
	}
	abs := math.Abs(f)
	format := byte('f')
	if abs != 0 && (abs < 1e-6 || abs >= 1e21) {
		format = 'e'
	}
	b = strconv.AppendFloat(b, f, format, -1, 64)
	if format == 'e' {
		// clean up e-09 to e-9, as encoding/json does
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b
}

const hexDigits = "0123456789abcdef"

// jsonSafe marks the ASCII bytes written as they are: printable, and not ", \, <, > or &
// (escaped so that a reply is safe inside HTML, as encoding/json does by default).
var jsonSafe = func() (t [utf8.RuneSelf]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
	}
	return t
}()

// Eight bytes at a time, plain tells a word of bytes that jsonSafe all passes from one that may
// hold a byte to escape or the start of a multi-byte character.
const (
	ones  = 0x0101010101010101
	highs = 0x8080808080808080
)

func hasByte(x uint64, c byte) uint64 { // a bit set when a byte of x may be c
	y := x ^ (ones * uint64(c))
	return (y - ones) &^ y
}

// appendJSONText writes a string as a JSON string (see appendJSONString).
func appendJSONText(b []byte, s string) []byte { return appendJSONString(b, []byte(s)) }

// appendJSONString writes text as encoding/json does: HTML-safe, invalid UTF-8 replaced.
func appendJSONString(b []byte, s []byte) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		for i+8 <= len(s) {
			x := binary.LittleEndian.Uint64(s[i:])
			if ((x-ones*0x20)&^x|x|hasByte(x, '"')|hasByte(x, '\\')|hasByte(x, '<')|hasByte(x, '>')|hasByte(x, '&'))&highs != 0 {
				break
			}
			i += 8
		}
		if i >= len(s) {
			break
		}
		if c := s[i]; c < utf8.RuneSelf {
			if jsonSafe[c] {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRune(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		// U+2028 and U+2029 end lines in JavaScript
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
