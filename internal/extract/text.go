package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// token is one word, number or punctuation mark of a sentence, with its byte span in the body.
type token struct {
	text       string // as written
	low        string // lower case, curly apostrophes straightened
	start, end int32  // byte offsets in the body (an article is under 2 GB)
	num        bool   // starts with a digit
	punct      bool
	flags      uint16 // lexicons the word is in (see flags.go)
	slot       uint32 // the word's slot in lexTable, 0 when in no lexicon
}

// sentence is a span of the body with its tokens.
type sentence struct {
	start, end int
	para       int // paragraph number, for carrying a speaker over
	toks       []token
}

func (s *sentence) text(body string) string { return body[s.start:s.end] }

// abbreviations that end with a period without ending a sentence.
var abbreviations = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "gen": true, "lt": true, "col": true, "maj": true,
	"sgt": true, "capt": true, "adm": true, "st": true, "jan": true, "feb": true, "mar": true, "apr": true,
	"jun": true, "jul": true, "aug": true, "sep": true, "sept": true, "oct": true, "nov": true, "dec": true,
	"no": true, "vs": true, "approx": true, "jr": true, "sr": true, "rep": true, "sen": true, "gov": true,
	"u.s": true, "u.k": true, "u.n": true, "e.g": true, "i.e": true, "est": true, "pres": true, "sq": true,
	"etc": false,
}

// splitSentences cuts the body into sentences, their tokens appended to buf (one buffer for all
// sentences, reused across articles): at line breaks, and after . ! ? (with any closing
// quotes) when a capital, digit or opening quote follows.
func splitSentences(body string, out []sentence, buf []token, arena *[]byte) ([]sentence, []token) {
	// lower-cased capitalised words share one arena instead of an allocation each; it must not
	// grow, or the words already in it would be left in a copy the next words do not share
	if cap(*arena) < len(body) {
		*arena = make([]byte, 0, len(body))
	}
	para := 0
	lineStart := 0
	for lineStart <= len(body) {
		lineEnd := strings.IndexByte(body[lineStart:], '\n')
		if lineEnd < 0 {
			lineEnd = len(body)
		} else {
			lineEnd += lineStart
		}
		line := body[lineStart:lineEnd]
		if strings.TrimSpace(line) == "" {
			para++
		} else {
			out, buf = appendLineSentences(out, buf, arena, body, lineStart, lineEnd, para)
			para++
		}
		lineStart = lineEnd + 1
	}
	return out, buf
}

func appendLineSentences(out []sentence, buf []token, arena *[]byte, body string, from, to, para int) ([]sentence, []token) {
	start := from
	i := from
	for i < to {
		c := body[i]
		if c == '.' || c == '!' || c == '?' {
			j := i + 1
			for j < to && (body[j] == '"' || body[j] == '\'' || body[j] == ')' || body[j] == '.' || strings.HasPrefix(body[j:], "”") || strings.HasPrefix(body[j:], "’") || strings.HasPrefix(body[j:], "»")) {
				_, sz := utf8.DecodeRuneInString(body[j:])
				j += sz
			}
			if j < to && isSpace(body, j) {
				k := j
				for k < to && isSpace(body, k) {
					_, sz := utf8.DecodeRuneInString(body[k:])
					k += sz
				}
				if k < to && startsSentence(body[k:]) && !(c == '.' && isAbbreviation(body, from, i)) {
					out, buf = addSentence(out, buf, arena, body, start, j, para)
					start = k
					i = k
					continue
				}
			}
			i = j
			continue
		}
		i++
	}
	return addSentence(out, buf, arena, body, start, to, para)
}

func isSpace(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsSpace(r)
}

func startsSentence(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsUpper(r) || unicode.IsDigit(r) || strings.ContainsRune("\"'“‘«(", r)
}

// isAbbreviation reports whether the word ending at the period at i is a known abbreviation or
// a single initial.
func isAbbreviation(body string, lineStart, i int) bool {
	j := i
	for j > lineStart {
		r, sz := utf8.DecodeLastRuneInString(body[lineStart:j])
		if !(unicode.IsLetter(r) || r == '.') {
			break
		}
		j -= sz
	}
	w := strings.ToLower(body[j:i])
	if abbreviations[w] {
		return true
	}
	r, _ := utf8.DecodeRuneInString(body[j:i])
	return utf8.RuneCountInString(w) == 1 && unicode.IsUpper(r)
}

func addSentence(out []sentence, buf []token, arena *[]byte, body string, start, end, para int) ([]sentence, []token) {
	for start < end && isSpace(body, start) {
		_, sz := utf8.DecodeRuneInString(body[start:])
		start += sz
	}
	for end > start {
		r, sz := utf8.DecodeLastRuneInString(body[start:end])
		if !unicode.IsSpace(r) {
			break
		}
		end -= sz
	}
	if end <= start {
		return out, buf
	}
	n := len(buf)
	buf = appendTokens(buf, arena, body, start, end)
	return append(out, sentence{start: start, end: end, para: para, toks: buf[n:len(buf):len(buf)]}), buf
}

// tokenize splits body[from:to] into words (letters with inner apostrophes, hyphens and periods
// of initialisms), numbers (digits with inner separators) and single punctuation marks.
func tokenize(body string, from, to int) []token {
	return appendTokens(make([]token, 0, (to-from)/5+4), nil, body, from, to)
}

// appendTokens tokenizes body[from:to] onto toks.
func appendTokens(toks []token, arena *[]byte, body string, from, to int) []token {
	i := from
	for i < to {
		var r rune
		var sz int
		var class byte
		if c := body[i]; c < utf8.RuneSelf {
			r, sz, class = rune(c), 1, asciiClass[c] // most of a text: no decoding, no Unicode tables
		} else {
			r, sz = utf8.DecodeRuneInString(body[i:])
			switch {
			case unicode.IsSpace(r):
				class = classSpace
			case unicode.IsDigit(r):
				class = classDigit
			case unicode.IsLetter(r):
				class = classLetter
			}
		}
		switch class {
		case classSpace:
			i += sz
		case classDigit:
			j := i + sz
			for j < to {
				if c := body[j]; c >= '0' && c <= '9' {
					j++
					continue
				}
				r2, s2 := utf8.DecodeRuneInString(body[j:])
				if unicode.IsDigit(r2) {
					j += s2
					continue
				}
				// 1,300 / 1.5 / 11 000 (a thin or plain space before exactly three digits)
				if (r2 == ',' || r2 == '.') && j+s2 < to && isDigitAt(body, j+s2) {
					j += s2
					continue
				}
				if (r2 == ' ' || r2 == '\u00a0' || r2 == '\u202f') && threeDigitsAt(body, j+s2, to) && groupedSoFar(body[i:j]) {
					j += s2
					continue
				}
				break
			}
			toks = append(toks, token{text: body[i:j], low: body[i:j], start: int32(i), end: int32(j), num: true})
			i = j
		case classLetter:
			j := i + sz
			ascii, upper := sz == 1, r >= 'A' && r <= 'Z'
			h := uint32(hashStart) // wordHash of the lower case, for the lexicon
			if ascii {
				h = hashStep(h, byte(r)|0x20)
			}
			for j < to {
				if c := body[j]; c < 0x80 && (c|0x20 >= 'a' && c|0x20 <= 'z' || c >= '0' && c <= '9') {
					upper = upper || c <= 'Z' && c >= 'A'
					h = hashStep(h, c|0x20) // lower case; digits have the bit already
					j++                     // ASCII letters and digits, the common case
					continue
				}
				r2, s2 := utf8.DecodeRuneInString(body[j:])
				if unicode.IsLetter(r2) || r2 == '²' || unicode.IsDigit(r2) {
					ascii = false
					j += s2
					continue
				}
				if (r2 == '\'' || r2 == '’' || r2 == '-' || r2 == '.') && j+s2 < to {
					r3, _ := utf8.DecodeRuneInString(body[j+s2:])
					if unicode.IsLetter(r3) && (r2 != '.' || initialism(body[i:j])) {
						ascii = false // not letters and digits only: the general path
						j += s2
						continue
					}
				}
				break // the space or mark after the word
			}
			w := body[i:j]
			low := w
			if !ascii {
				low = lowerInto(arena, w)
			} else if upper {
				low = lowerASCIIInto(arena, w)
			}
			var flags uint16
			var slot uint32
			if ascii {
				flags, slot = lexTable.get(low, hashEnd(h, len(low))) // no hyphen in it either
			} else {
				flags, slot = flagsOf(low, false)
			}
			toks = append(toks, token{text: w, low: low, start: int32(i), end: int32(j), flags: flags, slot: slot})
			i = j
		default:
			toks = append(toks, token{text: body[i : i+sz], low: normPunct(r, body[i:i+sz]), start: int32(i), end: int32(i + sz), punct: true})
			i += sz
		}
	}
	return toks
}

// Character classes of appendTokens; anything else is a punctuation mark of its own.
const (
	classOther byte = iota
	classSpace
	classDigit
	classLetter
)

var asciiClass = func() (t [utf8.RuneSelf]byte) {
	for c := range t {
		switch r := rune(c); {
		case unicode.IsSpace(r):
			t[c] = classSpace
		case unicode.IsDigit(r):
			t[c] = classDigit
		case unicode.IsLetter(r):
			t[c] = classLetter
		}
	}
	return t
}()

// lowerASCIIInto lower-cases a word of ASCII letters and digits into arena (lowerInto
// without its checks, for words the tokenizer has already seen to be plain ASCII).
func lowerASCIIInto(arena *[]byte, w string) string {
	if arena == nil {
		return strings.ToLower(w)
	}
	start := len(*arena)
	*arena = append(*arena, w...)
	b := (*arena)[start:]
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 32
		}
	}
	return unsafe.String(&b[0], len(b))
}

// lowerInto is lower, writing capitalised ASCII words into arena (when not nil) rather than a
// string of their own. The arena's bytes are never changed once a string points into them.
func lowerInto(arena *[]byte, w string) string {
	if arena == nil {
		return lower(w)
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 0x80 {
			return lower(w)
		}
	}
	upper := false
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= 'A' && c <= 'Z' {
			upper = true
			break
		}
	}
	if !upper {
		return w
	}
	return lowerASCIIInto(arena, w)
}

// lower lower-cases a word and straightens curly apostrophes, without allocating for words
// that are already plain lower-case ASCII.
func lower(w string) string {
	plain := true
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 0x80 || (c >= 'A' && c <= 'Z') {
			plain = false
			break
		}
	}
	if plain {
		return w
	}
	if strings.Contains(w, "’") {
		return strings.ToLower(strings.ReplaceAll(w, "’", "'"))
	}
	for i := 0; i < len(w); i++ {
		if w[i] >= 0x80 {
			return strings.ToLower(w)
		}
	}
	// ASCII with capitals: one allocation, no Builder
	b := []byte(w)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 32
		}
	}
	return string(b)
}

// normPunct maps curly quotes and dashes to their plain forms; other marks stay as written
// (the substring itself, so no allocation).
func normPunct(r rune, written string) string {
	switch r {
	case '“', '”', '«', '»', '„':
		return `"`
	case '‘', '’':
		return "'"
	case '–', '—', '−':
		return "-"
	}
	return written
}

func isDigitAt(s string, i int) bool { return i < len(s) && s[i] >= '0' && s[i] <= '9' }

func threeDigitsAt(s string, i, to int) bool {
	if i+3 > to || !isDigitAt(s, i) || !isDigitAt(s, i+1) || !isDigitAt(s, i+2) {
		return false
	}
	return i+3 == to || !isDigitAt(s, i+3)
}

// groupedSoFar allows "11 000" but not "2024 500": the part before a space group has at most
// three digits after its last separator.
func groupedSoFar(s string) bool {
	n := 0
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] < '0' || s[i] > '9' {
			break
		}
		n++
	}
	return n >= 1 && n <= 3
}

// initialism reports whether a word so far looks like U.S or D.P.R (single letters).
func initialism(w string) bool {
	for w != "" {
		p, rest, _ := strings.Cut(w, ".")
		if utf8.RuneCountInString(p) != 1 {
			return false
		}
		w = rest
	}
	return true
}
