package article

import (
	"strings"
	"testing"
)

// The team's own texts: one wire story, the ways outlets copy it, and other stories on the
// same events written independently.
const wire = `Ukraine's top commander Oleksandr Syrskyi said on Sunday that his forces still hold about 90 square kilometres of Russia's Kursk region, in the Hlushkovo district, months after Moscow declared the region retaken.
Speaking in a video address, Syrskyi said Russia had committed about 10,000 troops to push the remaining Ukrainian units back across the border, and that the fighting had not stopped since the spring.
Russia's Defence Ministry has said since April that no Ukrainian soldier remains on Russian soil, and it repeated on Sunday that the operation to clear the border area was complete.
Neither claim could be independently verified. Open-source analysts who track front-line footage said small Ukrainian groups were still active near two villages but gave no estimate of the area involved.
Kyiv launched its surprise incursion into the Kursk region in August 2024, at one point claiming more than 1,300 square kilometres, before a Russian counteroffensive backed by North Korean troops pushed it back this year.`

func paragraphs(s string) []string { return strings.Split(s, "\n") }

var copies = map[string]string{
	"one word changed":      strings.Replace(wire, "surprise incursion", "sudden incursion", 1),
	"one sentence changed":  strings.Replace(wire, "Neither claim could be independently verified.", "Reporters could not check either figure on the ground.", 1),
	"new headline":          "Kursk: Syrskyi says Ukraine still holds 90 sq km\n" + wire,
	"new lede":              "Ukraine says it is still fighting inside Russia, despite Moscow's claims of victory in Kursk.\n" + strings.Join(paragraphs(wire)[1:], "\n"),
	"shortened copy":        strings.Join(paragraphs(wire)[:3], "\n"),
	"headline and an edit":  "UPDATE 1-Ukraine holds ground in Kursk\n" + strings.Replace(wire, "in a video address", "in an evening video", 1),
	"lede and sentence cut": strings.Join(append([]string{"KYIV (Wire) -"}, paragraphs(wire)[:2]...), "\n") + "\n" + paragraphs(wire)[3],
}

var others = map[string]string{
	"the ministry's own story": `Russia's Defence Ministry said on Sunday that the Kursk region has been fully cleared of Ukrainian formations and that reports of fighting near Hlushkovo were invented by Kyiv.
The ministry said its units continue to guard the border and that Ukrainian drones had been shot down over the region overnight. It gave no figure for the area.`,
	"an analysis of the same claims": `How much of Kursk does Ukraine still hold? Syrskyi puts it at about 90 square kilometres; Moscow says none.
Maps compiled by volunteers from geolocated videos show scattered positions near the border, which would fit a small foothold but not a front line. The gap between the two claims says more about the war of words than about the ground.`,
	"a report a week earlier": `Ukrainian officials said on Monday that fighting continues in the Kursk region near Tetkino, where Russian assault groups have attacked for several days.
The General Staff reported 20 clashes in the area over the past day. Russia's Defence Ministry said its forces had repelled every attack and inflicted heavy losses.`,
	"a story on North Korean troops": `South Korea's spy agency said about 11,000 North Korean soldiers were sent to Russia's Kursk region last autumn and that hundreds have been killed.
Kyiv says the troops helped Russia's counteroffensive this year. Pyongyang confirmed only in April that its soldiers had fought in Kursk.`,
}

// TestSameStoryPrecisionRecall measures the copy detection on every pair of the texts above.
func TestSameStoryPrecisionRecall(t *testing.T) {
	type text struct {
		name  string
		story int // the story it tells
		fp    Fingerprint
	}
	texts := []text{{"wire", 0, FingerprintOf(wire)}}
	for name, body := range copies {
		texts = append(texts, text{name, 0, FingerprintOf(body)})
	}
	i := 1
	for name, body := range others {
		texts = append(texts, text{name, i, FingerprintOf(body)})
		i++
	}
	tp, fp, fn := 0, 0, 0
	for a := range texts {
		for b := a + 1; b < len(texts); b++ {
			same, found := texts[a].story == texts[b].story, SameStory(texts[a].fp, texts[b].fp)
			switch {
			case same && found:
				tp++
			case !same && found:
				fp++
				t.Logf("false copy: %q and %q (containment %.2f)", texts[a].name, texts[b].name, Containment(texts[a].fp, texts[b].fp))
			case same && !found:
				fn++
				t.Logf("missed copy: %q and %q (containment %.2f)", texts[a].name, texts[b].name, Containment(texts[a].fp, texts[b].fp))
			}
		}
	}
	precision, recall := float64(tp)/float64(max(tp+fp, 1)), float64(tp)/float64(max(tp+fn, 1))
	t.Logf("copies: %d pairs found, %d false, %d missed: precision %.2f, recall %.2f", tp, fp, fn, precision, recall)
	if precision < 0.95 || recall < 0.95 {
		t.Errorf("precision %.2f, recall %.2f: want both at least 0.95", precision, recall)
	}
}

// TestBandsFindCopies: a copy shares a band with its original, so the store finds it.
func TestBandsFindCopies(t *testing.T) {
	orig := FingerprintOf(wire).Bands()
	for name, body := range copies {
		shared := false
		for i, b := range FingerprintOf(body).Bands() {
			shared = shared || b == orig[i]
		}
		if !shared {
			t.Errorf("%s shares no band with the original", name)
		}
	}
}
