package article

import (
	"encoding/binary"
	"hash/fnv"
	"math"
	"strings"
	"unicode"
)

// A story's fingerprint is a MinHash of its word 5-shingles: two texts share about as many of
// the 64 minimum hashes as the share of shingles they have in common (Jaccard), so a copy with a
// new headline, lede, an edited sentence or cut short is found, and another story on the same
// events is not. Candidates are found by bands of hashes that the store indexes.
const (
	shingleWords = 5
	minHashes    = 64
	bandRows     = 2
	// BandCount is how many band hashes a fingerprint has: two texts sharing any are compared.
	BandCount = minHashes / bandRows
	// SameStoryContainment is the share of the shorter text's shingles the longer must hold.
	SameStoryContainment = 0.5
)

// Fingerprint is a story's MinHash and how many distinct shingles it has.
type Fingerprint struct {
	Hashes   [minHashes]uint32
	Shingles int
}

// seeds make the 64 hash functions from one: h_i(x) = x*a_i + b_i (mod 2^32), a_i odd.
var seeds = func() (s [minHashes][2]uint32) {
	x := uint64(0x9E3779B97F4A7C15)
	for i := range s {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		s[i] = [2]uint32{uint32(x) | 1, uint32(x >> 32)}
	}
	return s
}()

// FingerprintOf computes the fingerprint of a text; a text of fewer than shingleWords words has
// none (Shingles is 0).
func FingerprintOf(body string) Fingerprint {
	words := strings.FieldsFunc(strings.ToLower(body), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	var fp Fingerprint
	for i := range fp.Hashes {
		fp.Hashes[i] = math.MaxUint32
	}
	seen := map[uint32]bool{}
	for i := 0; i+shingleWords <= len(words); i++ {
		h := fnv.New32a()
		for _, w := range words[i : i+shingleWords] {
			h.Write([]byte(w))
			h.Write([]byte{' '})
		}
		x := h.Sum32()
		if seen[x] {
			continue
		}
		seen[x] = true
		for k, s := range seeds {
			if v := x*s[0] + s[1]; v < fp.Hashes[k] {
				fp.Hashes[k] = v
			}
		}
	}
	fp.Shingles = len(seen)
	return fp
}

// Bands are the fingerprint's band hashes, one per pair of minimum hashes.
func (fp Fingerprint) Bands() [BandCount]int64 {
	var out [BandCount]int64
	for b := range out {
		var buf [4 * bandRows]byte
		for r := 0; r < bandRows; r++ {
			binary.LittleEndian.PutUint32(buf[4*r:], fp.Hashes[b*bandRows+r])
		}
		h := fnv.New64a()
		h.Write([]byte{byte(b)})
		h.Write(buf[:])
		out[b] = int64(h.Sum64())
	}
	return out
}

// Bytes and FingerprintFromBytes store a fingerprint's hashes.
func (fp Fingerprint) Bytes() []byte {
	out := make([]byte, 4*minHashes)
	for i, h := range fp.Hashes {
		binary.LittleEndian.PutUint32(out[4*i:], h)
	}
	return out
}

// FingerprintFromBytes reads what Bytes wrote, with the shingle count stored beside it.
func FingerprintFromBytes(b []byte, shingles int) (Fingerprint, bool) {
	var fp Fingerprint
	if len(b) != 4*minHashes {
		return fp, false
	}
	for i := range fp.Hashes {
		fp.Hashes[i] = binary.LittleEndian.Uint32(b[4*i:])
	}
	fp.Shingles = shingles
	return fp, true
}

// Containment estimates the share of the smaller text's shingles that the other holds: from
// the Jaccard estimate J and the sizes, |A∩B| = J(|A|+|B|)/(1+J).
func Containment(a, b Fingerprint) float64 {
	if a.Shingles == 0 || b.Shingles == 0 {
		return 0
	}
	same := 0
	for i := range a.Hashes {
		if a.Hashes[i] == b.Hashes[i] {
			same++
		}
	}
	j := float64(same) / minHashes
	inter := j * float64(a.Shingles+b.Shingles) / (1 + j)
	return inter / float64(min(a.Shingles, b.Shingles))
}

// SameStory reports two texts that are copies of one story.
func SameStory(a, b Fingerprint) bool { return Containment(a, b) >= SameStoryContainment }
