package extract

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// probes are articles the team wrote in the styles the news uses (a wire story, a live blog,
// state media, an analysts' assessment) from the figures of ../shared/FACTS.md, never from the dev set: each expected
// claim is "kind value subject claimant item since".
var probes = map[string][]string{
	"wire.txt": {
		"clashes 42 UA Ukrainian_General_Staff - 2025-01-05",
		"clashes 12 UA Ukrainian_General_Staff - 2025-01-05",
		"equipment_destroyed 2 UA Russian_Defense_Ministry tanks -",
		"equipment_destroyed 7 UA Russian_Defense_Ministry armoured_vehicles -",
		"killed 1000 KP Western_intelligence - -",
		"troops 11000 KP South_Korean_intelligence_(NIS) - -",
	},
	"liveblog.txt": {
		"territory_held 110 UA - - -",
		"territory_held 1300 UA - - -",
		"troops 11000 KP Volodymyr_Zelensky - -",
	},
	"assessment.txt": {
		"troops 50000 RU Russian_milbloggers - -",
		"troops 10000 KP Russian_milbloggers - -",
		"strikes 54000 UA Oleksandr_Syrsky - 2024-12-01",
		"equipment_destroyed 2 UA Russian_Defense_Ministry tanks -",
		"equipment_destroyed 7 UA Russian_Defense_Ministry armoured_vehicles -",
		"killed 1000 KP Western_intelligence - -",
		"prisoners 2 KP Volodymyr_Zelensky - -",
		"territory_lost 610 UA Open-source_analysts - 2024-11-01",
	},
	"statemedia.txt": {
		"casualties 76000 UA Valery_Gerasimov - 2024-08-06",
		"equipment_destroyed 7000 UA Valery_Gerasimov all 2024-08-06",
		"equipment_destroyed 412 UA Valery_Gerasimov tanks 2024-08-06",
		"casualties 130 UA Russian_Defense_Ministry - 2025-04-26",
	},
}

func TestProbeArticles(t *testing.T) {
	for name, want := range probes {
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join("testdata", "probes", name))
			if err != nil {
				t.Fatal(err)
			}
			head, body, _ := strings.Cut(string(raw), "\n\n")
			doc := Document{Body: body}
			for _, line := range strings.Split(head, "\n") {
				k, v, _ := strings.Cut(line, ": ")
				switch k {
				case "Outlet":
					doc.Outlet = v
				case "Published":
					doc.Published, _ = time.Parse("2006-01-02", v)
				}
			}
			var got []string
			for _, c := range Extract(doc) {
				since := "-"
				if !c.Since.IsZero() {
					since = c.Since.Format("2006-01-02")
				}
				got = append(got, strings.Join([]string{c.Kind, formatValue(c.Value), orDash(c.Subject), orDash(c.Claimant), orDash(c.Item), since}, " "))
			}
			for _, w := range want {
				if !slices.Contains(got, w) {
					t.Errorf("missing %q", w)
				}
			}
			if len(got) != len(want) {
				t.Errorf("got %d claims, want %d:\n%s", len(got), len(want), strings.Join(got, "\n"))
			}
		})
	}
}
