package article

import (
	"hash/fnv"
	"math/bits"
	"strings"
	"unicode"
)

// SimHash is a 64-bit fingerprint of a text's word 4-shingles: copies of one story with a new
// headline, a changed lede or small edits differ in few bits, unrelated texts in about half.
func SimHash(body string) uint64 {
	words := strings.FieldsFunc(strings.ToLower(body), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	var acc [64]int
	n := 0
	for i := 0; i+4 <= len(words); i++ {
		h := fnv.New64a()
		for _, w := range words[i : i+4] {
			h.Write([]byte(w))
			h.Write([]byte{' '})
		}
		v := h.Sum64()
		for b := 0; b < 64; b++ {
			if v&(1<<b) != 0 {
				acc[b]++
			} else {
				acc[b]--
			}
		}
		n++
	}
	if n == 0 {
		return 0
	}
	var out uint64
	for b := 0; b < 64; b++ {
		if acc[b] > 0 {
			out |= 1 << b
		}
	}
	return out
}

// NearDuplicateBits is how many bits two SimHashes may differ by and still be one story.
const NearDuplicateBits = 3

// Distance counts the bits in which two SimHashes differ.
func Distance(a, b uint64) int { return bits.OnesCount64(a ^ b) }

// Bands cuts a SimHash into the four 16-bit bands that the store indexes.
func Bands(h uint64) [4]int32 {
	return [4]int32{int32(h & 0xffff), int32(h >> 16 & 0xffff), int32(h >> 32 & 0xffff), int32(h >> 48 & 0xffff)}
}
