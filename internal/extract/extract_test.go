package extract

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"
)

func formatValue(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// brief writes a claim as "kind value[-max] qualifier subject claimant [via] [as_of]" for comparison.
func brief(c Claim) string {
	v := formatValue(c.Value)
	if c.ValueMax != nil {
		v += "-" + formatValue(*c.ValueMax)
	}
	s := fmt.Sprintf("%s %s %s %s %s", c.Kind, v, c.Qualifier, orDash(c.Subject), orDash(c.Claimant))
	if c.Via != "" {
		s += " via " + c.Via
	}
	return s
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return strings.ReplaceAll(s, " ", "_")
}

var pub = time.Date(2025, 3, 16, 0, 0, 0, 0, time.UTC) // a Sunday

// Every text here is the team's own; each case shows one thing the news does with numbers.
var cases = []struct {
	name string
	text string
	want []string
}{
	// numbers
	{"digits with comma", "Ukraine holds 1,300 square kilometres, Zelensky said.", []string{"territory_held 1300 exact UA Volodymyr_Zelensky"}},
	{"space as thousands separator", "Russia has 11 000 North Korean soldiers in the region, Ukrainian officials said.", []string{"troops 11000 exact KP Ukrainian_government"}},
	{"number words", "Eleven thousand North Korean soldiers arrived, the NIS said.", []string{"troops 11000 exact KP South_Korean_intelligence_(NIS)"}},
	{"a thousand", "A thousand Russian troops were sent to the border, the General Staff of Ukraine said.", []string{"troops 1000 exact RU Ukrainian_General_Staff"}},
	{"mixed words and digits", "Kyiv said Russia had lost 1.2 million soldiers since 2022.", []string{"casualties 1200000 exact RU Ukrainian_government"}},
	{"k suffix", "About 10k troops are massing near Sudzha, Syrsky said.", []string{"troops 10000 approximately - Oleksandr_Syrsky"}},
	{"range with dash and scale", "Russia has lost 30-35 thousand troops in Kursk, Zelensky said.", []string{"casualties 30000-35000 range RU Volodymyr_Zelensky"}},
	{"between and", "Between 500 and 600 Ukrainian soldiers were captured, the Russian Defense Ministry said.", []string{"prisoners 500-600 range UA Russian_Defense_Ministry"}},
	// hedges
	{"about", "Ukrainian forces hold about 90 sq km in Kursk, Syrskyi said.", []string{"territory_held 90 approximately UA Oleksandr_Syrsky"}},
	{"more than", "More than 1,000 North Korean soldiers have been killed, Western officials told the BBC.", []string{"killed 1000 at_least KP Western_intelligence via BBC"}},
	{"up to", "Up to 12,000 North Korean troops could be deployed, the Pentagon said.", []string{"troops 12000 at_most KP Pentagon"}},
	{"nearly", "Russian forces captured nearly 3,600 square kilometres in 2024, DeepState said.", []string{"territory_gained 3600 at_most RU DeepState"}},
	// units
	{"km2 spellings", "Russia says it retook 259 km² in five days, Gerasimov said.", []string{"territory_gained 259 exact RU Valery_Gerasimov"}},
	{"sq. km", "Ukraine controls 1,263 sq. km, the Ukrainian General Staff said.", []string{"territory_held 1263 exact UA Ukrainian_General_Staff"}},
	{"square miles converted", "Ukrainian troops held 500 square miles at the peak, Kyiv said.", []string{"territory_held 1295 exact UA Ukrainian_government"}},
	{"hectares converted", "Russian units cleared 4,000 hectares of forest, the Russian Defense Ministry said.", []string{"territory_gained 40 exact RU Russian_Defense_Ministry"}},
	{"conversion in brackets is one claim", "Ukrainian forces seized about 1,300 square kilometers (500 square miles) of Kursk in August.", []string{"territory_gained 1300 approximately UA -"}},
	// kinds
	{"lost territory", "Ukraine lost 610 square kilometres in November, Militarnyi said.", []string{"territory_lost 610 exact UA Militarnyi"}},
	{"settlements", "Ukrainian troops control 28 settlements, acting governor Alexei Smirnov said.", []string{"settlements 28 exact UA Alexei_Smirnov"}},
	{"killed and wounded are casualties", "About 4,700 North Korean soldiers were killed or wounded, the NIS said.", []string{"casualties 4700 approximately KP South_Korean_intelligence_(NIS)"}},
	{"killed and wounded split", "The NIS said 300 North Korean soldiers had died and another 2,700 had been injured.", []string{"killed 300 exact KP South_Korean_intelligence_(NIS)", "wounded 2700 exact KP South_Korean_intelligence_(NIS)"}},
	{"prisoners", "Ukrainian paratroopers captured 27 enemy servicemen, Ukraine's military said.", []string{"prisoners 27 exact RU Ukrainian_military"}},
	{"taken prisoner", "Gerasimov said 430 Ukrainian servicemen had been taken prisoner.", []string{"prisoners 430 exact UA Valery_Gerasimov"}},
	{"equipment list", "The Russian Defense Ministry said it destroyed two tanks, one bulldozer and seven armoured troop carriers.", []string{"equipment_destroyed 2 exact UA Russian_Defense_Ministry", "equipment_destroyed 1 exact UA Russian_Defense_Ministry", "equipment_destroyed 7 exact UA Russian_Defense_Ministry"}},
	{"clashes with those still going", "The Ukrainian General Staff said 42 clashes took place, with 12 still ongoing.", []string{"clashes 42 exact UA Ukrainian_General_Staff", "clashes 12 exact UA Ukrainian_General_Staff"}},
	{"strikes", "Ukrainian drone units hit 54,000 Russian targets in December, Syrskyi said.", []string{"strikes 54000 exact UA Oleksandr_Syrsky"}},
	// attribution
	{"possessive office", "Syrskyi visited the front.\nZelenskyy's office said the army had taken five more villages.", []string{"settlements 5 exact UA Volodymyr_Zelensky"}},
	{"possessive before a named spokesman", "Putin's spokesman Ivan Ivanenko said 200 Ukrainian soldiers had surrendered.", []string{"prisoners 200 exact UA Ivan_Ivanenko"}},
	{"passive source", "Syrskyi visited the front.\nThe figure of 300 Russian dead was given by Ukraine's General Staff.", []string{"killed 300 exact RU Ukrainian_General_Staff"}},
	{"appositive name", "An adviser to the Ukrainian president, Petro Marchenko, told CNN that Russia had lost about 600 soldiers.", []string{"casualties 600 approximately RU Petro_Marchenko via CNN"}},
	{"described name", "Ukraine's military intelligence agency spoke first.\nColonel Maria Hrytsenko, a spokeswoman for the Ukrainian army, said: \"We have destroyed 12 Russian tanks since Monday.\" She added that 30 Russian soldiers were captured.",
		[]string{"equipment_destroyed 12 exact RU Maria_Hrytsenko", "prisoners 30 exact RU Maria_Hrytsenko"}},
	{"a surname after another first name", "Anna Kovalenko said 40 Russian soldiers were captured.", []string{"prisoners 40 exact RU Anna_Kovalenko"}},
	{"down from a bare number", "Ukraine controls around 200 square kilometres, down from 1,300 in August, DeepState said.", []string{"territory_held 200 approximately UA DeepState", "territory_held 1300 exact UA DeepState"}},
	{"losses listed after a side", "Russia says it has killed more than 4,100 Ukrainian servicemen and destroyed 64 tanks.", []string{"killed 4100 at_least UA Russian_government", "equipment_destroyed 64 exact UA Russian_government"}},
	{"an unread speaker is no one, not the last paragraph's", "The UK Ministry of Defence said North Korea had lost 1,000 troops.\nA drone unit commander, who goes by the call sign \"Bison\", said his men had hit 200 Russian targets.",
		[]string{"casualties 1000 exact KP UK_Ministry_of_Defence", "strikes 200 exact UA -"}},
	{"a model name before equipment", "Russia's Defence Ministry said its forces had destroyed two Ukrainian HIMARS launchers.", []string{"equipment_destroyed 2 exact UA Russian_Defense_Ministry"}},
	{"a name after said opens what was said", "The officer, who asked not to be named, said Ukrainian troops now control about 800 square km.", []string{"territory_held 800 approximately UA -"}},
	{"state media are a vague source, not the speaker before", "Syrskyi visited the front.\nRussian state media claimed that 2,000 Ukrainian troops had been surrounded.", []string{"troops 2000 exact UA Russian_state_media"}},
	{"of them refers to the people counted before", "Zelensky said 4,000 North Korean soldiers had been killed or wounded. He added that Ukraine had taken two of them prisoner.", []string{"casualties 4000 exact KP Volodymyr_Zelensky", "prisoners 2 exact KP Volodymyr_Zelensky"}},
	{"a described source after by", "Ukraine holds about 700 square kilometres, according to an estimate by the Finnish analysis group Black Bird Group, down from a peak of about 1,000.", []string{"territory_held 700 approximately UA Black_Bird_Group", "territory_held 1000 approximately UA Black_Bird_Group"}},
	{"milbloggers and a described commander are groups with a side", "Russian milbloggers claimed that Ukrainian forces lost up to 60 armoured vehicles.\nA Ukrainian brigade commander stated that his men killed roughly 100 North Korean soldiers.", []string{"equipment_destroyed 60 at_most UA Russian_milbloggers", "killed 100 approximately KP Ukrainian_brigade_commander"}},
	{"a lone official is no claimant", "Syrskyi spoke on Monday.\nAn official said 500 North Korean soldiers had been wounded.", []string{"wounded 500 exact KP -"}},
	{"a name described without an article", "Syrskyi spoke on Monday.\nIvan Petrenko, governor of a border region, said three civilians were wounded by shelling.", []string{"wounded 3 exact - Ivan_Petrenko"}},
	{"a governor's civilians are the governor's side", "Belgorod governor Vyacheslav Gladkov said two civilians were wounded by Ukrainian shelling.", []string{"wounded 2 exact RU Vyacheslav_Gladkov"}},
	{"villages attacked toward are where, not a count", "The ministry said its forces repelled attacks toward five villages and killed 300 Ukrainian soldiers.", []string{"killed 300 exact UA Russian_Defense_Ministry"}},
	{"a number with more after it counts the people named before", "The JCS said the North appears to be preparing to send additional troops, possibly around 1,000 to 1,500 more.", []string{"troops 1000-1500 range - South_Korean_Joint_Chiefs_of_Staff"}},
	{"a coordinated verb shares the clause's subject", "Syrskyi spoke on Monday.\nMoscow has not commented on its losses but claims Ukraine has lost over 24,000 troops in the region.", []string{"casualties 24000 at_least UA Russian_government"}},
	{"per names a source like according to", "Syrskyi spoke on Monday.\nPer the Ukrainian General Staff, Russia has lost more than 38,000 troops in the region.", []string{"casualties 38000 at_least RU Ukrainian_General_Staff"}},
	{"per day names no source", "Syrskyi said Russia was losing 300 soldiers per day.", []string{"casualties 300 exact RU Oleksandr_Syrsky"}},
	{"a total that has passed a figure", "The Russian Defense Ministry says Ukrainian losses in the region have passed 50,000.", []string{"casualties 50000 at_least UA Russian_Defense_Ministry"}},
	{"the number killed and wounded has exceeded", "Zelensky said the number of North Korean soldiers killed and wounded has already exceeded 3,000.", []string{"casualties 3000 at_least KP Volodymyr_Zelensky"}},
	{"the inner source of a nested report owns the figure", "Mr Lee told reporters the NIS said that 2,000 injured North Korean soldiers had been sent home.", []string{"wounded 2000 exact KP South_Korean_intelligence_(NIS) via Lee"}},
	{"a pronoun inside a report is its outer source", "The Pentagon has said it believes North Korea sent roughly 11,000 troops.", []string{"troops 11000 approximately KP Pentagon"}},
	{"he is the person the last sentence opened on", "Gerasimov gave Putin an update on the fighting just before the Kremlin leader announced a truce.\nHe noted that Ukraine now holds only 3 square kilometres.", []string{"territory_held 3 exact UA Valery_Gerasimov"}},
	{"a day between the name and its verb", "Syrskyi spoke on Monday.\nOmbudsman Dmytro Lubinets on Oct. 18 confirmed that 3,767 Ukrainian prisoners of war had returned home.", []string{"prisoners 3767 exact UA Dmytro_Lubinets"}},
	{"titles before an appositive name are a name", "On March 12, the chief of the Russian Armed Forces' General Staff, Army General Valery Gerasimov, said that about 430 Ukrainian soldiers had been captured.", []string{"prisoners 430 approximately UA Valery_Gerasimov"}},
	{"a role named through the country", "SEOUL - A South Korean lawmaker, citing the country's spy agency, said 300 North Korean soldiers had been killed.", []string{"killed 300 exact KP South_Korean_intelligence_(NIS)"}},
	{"ground retaken from a side is the other side's gain", "The Russian Defence Ministry said its troops had retaken 40 square kilometres from Ukrainian forces.", []string{"territory_gained 40 exact RU Russian_Defense_Ministry"}},
	{"ground cleared of a side", "Russian state television said 1,000 square kilometres had been cleared of Ukrainian troops since March.", []string{"territory_gained 1000 exact RU Russian_state_television"}},
	{"according to", "According to the Institute for the Study of War, Russia has massed 50,000 troops.", []string{"troops 50000 exact RU Institute_for_the_Study_of_War"}},
	{"quote with speaker after", "\"We hold about 90 square kilometres,\" Syrskyi said.", []string{"territory_held 90 approximately UA Oleksandr_Syrsky"}},
	{"pronoun refers back", "Oleksandr Syrskyi spoke on Sunday. He said Russia had sent 10,000 troops.", []string{"troops 10000 exact RU Oleksandr_Syrsky"}},
	{"title refers back", "The Russian Defense Ministry released its figures. Kiev lost 300 soldiers in a day, the ministry added.", []string{"casualties 300 exact UA Russian_Defense_Ministry"}},
	{"continues the speaker before", "Syrskyi spoke about the operation on Facebook. Russia lost 77,000 servicemen killed and wounded.", []string{"casualties 77000 exact RU Oleksandr_Syrsky via Facebook"}},
	{"chain: told a channel", "Military intelligence officials told Reuters that 11,000 North Korean soldiers are in Kursk.", []string{"troops 11000 exact KP Military_intelligence_officials via Reuters"}},
	{"outlet's own voice", "Russia has about 50,000 troops in the Kursk region.", []string{"troops 50000 approximately RU -"}},
	{"unknown claimant kept by name", "Lieutenant Petro Ivanenko said 40 Russian soldiers were captured near the village.", []string{"prisoners 40 exact RU Petro_Ivanenko"}},
	{"transliterations", "Syrskyy said Ukraine held 1,000 square kilometres. Zelenskiy said it held 1,300 square kilometres.", []string{"territory_held 1000 exact UA Oleksandr_Syrsky", "territory_held 1300 exact UA Volodymyr_Zelensky"}},
	{"the outlet is not its own claimant", "Ukraine holds 110 square kilometres, Test Wire reports.", []string{"territory_held 110 exact UA -"}},
	{"citing a source: the source owns the figure", "Citing the spy agency, two lawmakers said 3,000 North Korean soldiers had been wounded.\nThe NIS briefed parliament on Tuesday.",
		[]string{"wounded 3000 exact KP South_Korean_intelligence_(NIS) via Lawmakers"}},
	{"X, citing Y", "Yonhap, citing the Joint Chiefs of Staff, reported that 1,500 more North Korean troops had arrived.", []string{"troops 1500 exact KP South_Korean_Joint_Chiefs_of_Staff via Yonhap"}},
	{"cited as saying", "The agency cited Syrskyi as saying that Ukraine still held 400 square kilometres.", []string{"territory_held 400 exact UA Oleksandr_Syrsky"}},
	{"vague sources are named as written", "According to local reports, 12 Russian soldiers were captured near the village.", []string{"prisoners 12 exact RU local_reports"}},
	{"reports on social media", "Reports on social media said two Ukrainian drones were shot down.", []string{"equipment_destroyed 2 exact UA reports_on_social_media"}},
	{"capitalised words qualify a group", "According to US and South Korean officials, 10,000 North Korean troops are in Russia.", []string{"troops 10000 exact KP US_and_South_Korean_officials"}},
	{"a restated figure brings its source", "Ukraine lost 400 soldiers over the day, the Russian Defense Ministry said.\n\nLosses\n\n- Ukraine lost 400 soldiers and 12 armoured vehicles.",
		[]string{"casualties 400 exact UA Russian_Defense_Ministry", "equipment_destroyed 12 exact UA Russian_Defense_Ministry"}},
	{"in total goes on with the speaker", "The Ukrainian General Staff said Russia lost 120 soldiers on Monday.\n\nIn total, Russia has lost 9,500 soldiers in the region.",
		[]string{"casualties 120 exact RU Ukrainian_General_Staff", "casualties 9500 exact RU Ukrainian_General_Staff"}},
	// kinds, settled readings
	{"initially seized is gained", "Ukrainian forces initially seized 1,200 square kilometres of the region.", []string{"territory_gained 1200 exact UA -"}},
	{"attacks by rockets are strikes", "The General Staff said Russia made 200 attacks, 15 of which were carried out with multiple rocket launchers.",
		[]string{"strikes 200 exact RU Ukrainian_General_Staff", "strikes 15 exact RU Ukrainian_General_Staff"}},
	{"soldiers handed back in an exchange are prisoners", "In the swap, Kyiv received 80 Ukrainian soldiers and handed over 80 Russian soldiers, the Coordination Headquarters said.",
		[]string{"prisoners 80 exact UA Coordination_Headquarters_for_the_Treatment_of_Prisoners_of_War"}},
	{"news spellings of numbers", "The spy agency said 15-thousand North Korean troops were sent and another four-thousand-200 were wounded, the NIS said.",
		[]string{"troops 15000 exact KP South_Korean_intelligence_(NIS)", "wounded 4200 exact KP South_Korean_intelligence_(NIS)"}},
	{"a weapon naming its attacks", "The General Staff said Russia carried out 40 airstrikes, including five MLRS attacks.",
		[]string{"strikes 40 exact RU Ukrainian_General_Staff", "strikes 5 exact RU Ukrainian_General_Staff"}},
	{"combat engineers are troops", "About 1,000 North Korean combat engineers have arrived in Russia, the NIS said.", []string{"troops 1000 approximately KP South_Korean_intelligence_(NIS)"}},
	{"strikes on settlements count the strikes, not the settlements", "Russian aircraft struck military targets in 14 settlements of the Sumy region.", nil},
	{"demined villages are no claim", "Sappers demined three populated areas near the border, the governor said.", nil},
	// one fact, one claim
	{"repeated fact is one claim", "Ukraine holds 90 sq km in Kursk. Syrskyi said Ukrainian forces hold 90 sq km there.", []string{"territory_held 90 exact UA Oleksandr_Syrsky"}},
	{"a four-digit count is no year", "Ukrainian forces held 2000 square kilometres, Kyiv said.", []string{"territory_held 2000 exact UA Ukrainian_government"}},
	// not claims
	{"dates and years", "On August 6, 2024, the incursion began; by 2025 it was over.", nil},
	{"distances", "Russian troops walked 15 kilometres through a gas pipeline.", nil},
	{"ages and durations", "The 24-year-old soldier served for 3 years and spent 48 hours in the pipeline.", nil},
	{"size of a place", "Kursk Oblast covers just under 30,000 square kilometers.", nil},
	{"percentages", "Russia said it had retaken 86% of the territory.", nil},
	{"unit numbers", "The 47th brigade and the 80th brigade fought near Sudzha.", nil},
	{"equipment seen, not destroyed", "Columns of 40 tanks crossed the border.", nil},
	{"a crowd of civilians is no troop count", "About 2,000 people remain in the town.", nil},
	{"ordinal dates", "The 10th October village was taken, TASS wrote.", nil},
}

func TestExtractCases(t *testing.T) {
	for _, tt := range cases {
		t.Run(tt.name, func(t *testing.T) {
			claims := Extract(Document{Body: tt.text, Published: pub, Outlet: "Test Wire"})
			var got []string
			for _, c := range claims {
				got = append(got, brief(c))
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("text: %s\n got: %q\nwant: %q", tt.text, got, tt.want)
			}
		})
	}
}

// TestItemAndSince checks what each number counts: the item of equipment and the period.
func TestItemAndSince(t *testing.T) {
	for _, tt := range []struct {
		text        string
		item, since string // of the first claim; "" for none
	}{
		{"The ministry said 211 tanks and 907 artillery systems were destroyed.", "tanks", ""},
		{"Since the start of the operation, Ukraine has destroyed 83 armoured personnel carriers.", "armoured_vehicles", "2024-08-06"},
		{"Ukraine said it shot down 40 Russian drones over the past day.", "drones", "2025-03-16"},
		{"Russia lost 2,300 units of military equipment since the full-scale invasion began, Kyiv said.", "all", "2022-02-24"},
		{"From August 8 to the present, Russia lost 450 soldiers, Syrskyi said.", "", "2024-08-08"},
		{"Russian forces made 320 attacks in the past three days.", "", "2025-03-14"},
		{"In February, Russia lost 1,200 soldiers in Kursk, the General Staff said.", "", "2025-02-01"},
		{"In January, the NIS said 300 North Korean soldiers had died.", "", ""},
		{"Earlier this month, Zelensky said Ukraine had killed or wounded 3,800 North Korean soldiers.", "", ""},
		{"Fighting has raged since 6 August, when Ukraine launched the biggest attack on Russia since the second world war and seized 100 villages.", "", "2024-08-06"},
		{"The ministry reported that over the past day its units took the villages of Ivanovka and Petrovka.\n\nEnemy losses amounted to more than 230 servicemen.", "", "2025-03-16"},
		{"This month Russia has lost 900 soldiers in Kursk, the General Staff said.", "", "2025-03-01"},
		{"Ukraine holds 400 square kilometres since the start of the operation.", "", ""},
		{"Russia has lost 6,000 soldiers since fighting broke out in the region.", "", "2024-08-06"},
		{"Russian forces have lost 900 soldiers during fierce fighting near Sudzha.", "", ""},
		{"North Korea has lost over 1,000 soldiers in the war against Ukraine, Seoul said.", "", ""},
		{"During the first two weeks of January, Russian units took four villages, the ministry said.", "", "2025-01-01"},
		{"The ministry said Ukraine lost 565 units of automotive equipment since the start of the operation.", "vehicles", "2024-08-06"},
	} {
		claims := Extract(Document{Body: tt.text, Published: pub})
		if len(claims) == 0 {
			t.Errorf("%s: no claim", tt.text)
			continue
		}
		c := claims[0]
		since := ""
		if !c.Since.IsZero() {
			since = c.Since.Format("2006-01-02")
		}
		if c.Item != tt.item || since != tt.since {
			t.Errorf("%s\n got item %q since %q, want %q %q", tt.text, c.Item, since, tt.item, tt.since)
		}
	}
}

func TestDates(t *testing.T) {
	tests := []struct {
		text string
		pub  time.Time
		want string
	}{
		{"Syrskyi said on Sunday that Ukraine holds 90 sq km.", pub, "2025-03-16"},
		{"Syrskyi said on Wednesday that Ukraine holds 90 sq km.", pub, "2025-03-12"},
		{"Syrskyi said yesterday that Ukraine holds 90 sq km.", pub, "2025-03-15"},
		{"Ukraine lost 610 square kilometres in November, Militarnyi said.", pub, "2024-11-30"},
		{"Ukraine lost 610 square kilometres in December 2024, Militarnyi said.", pub, "2024-12-31"},
		{"Ukraine lost 100 square kilometres last month, Militarnyi said.", pub, "2025-02-28"},
		{"Syrskyi said on March 12 that Ukraine holds 400 sq km.", pub, "2025-03-12"},
		{"Syrskyi said on Aug. 13 that Ukraine took another 40 sq km.", pub, "2024-08-13"},
		{"Ukraine now holds 110 sq km, down from 1,300 sq km in August.", pub, "2025-03-16"},
		{"Ukraine currently controls 110 sq km.", pub, "2025-03-16"},
		{"Ukraine held 1,300 sq km at the peak, Syrskyi recalled.", pub, ""},
		{"Moscow initially sent 11,000 troops to the region, the report says.", pub, ""},
		{"Syrskyi said on Wednesday that at the peak Ukrainian forces held up to 1,300 sq km.", pub, ""},
		{"The ministry says Ukrainian troops never controlled more than 1,000 sq km.", pub, ""},
		{"Ukrainian troops still hold about 800 sq km, down from a peak of 1,376 sq km, analysts say.", pub, "2025-03-16"},
		{"Russian forces captured 12 settlements, the ministry said.", pub, "2025-03-16"},
		{"Ukrainian forces control 1,300 sq km, Zelensky said.", pub, "2025-03-16"},
		// a date that opens the period dates the since, not the count
		{"Zelensky said that 594 Russian soldiers had been captured since the operation began on 6 August.", pub, "2025-03-16"},
		{"Zelensky said that 594 Russian soldiers had been taken prisoner since the beginning of the operation on Aug. 6.", pub, "2025-03-16"},
		// an article that gives no year at all: the first such day since the incursion began
		{"Syrskyi said on Aug. 13 that Ukraine took another 40 sq km.", time.Time{}, "2024-08-13"},
		{"Syrskyi said on 12 March that Ukraine holds 400 sq km.", time.Time{}, "2025-03-12"},
		{"Syrskyi said on Sunday that Ukraine holds 90 sq km.", time.Time{}, ""},
		{"Feb.02 - 2025 7:45 AM CET\nSyrskyi said on Sunday that Ukraine holds 500 sq km.", time.Time{}, "2025-02-02"},
		{"Published 10 August 2025\nUkraine currently holds 90 sq km.", time.Time{}, "2025-08-10"},
	}
	for _, tt := range tests {
		claims := Extract(Document{Body: tt.text, Published: tt.pub})
		if len(claims) == 0 {
			t.Errorf("%q: no claim", tt.text)
			continue
		}
		got := ""
		if !claims[0].AsOf.IsZero() {
			got = claims[0].AsOf.Format("2006-01-02")
		}
		if got != tt.want {
			t.Errorf("%q: as_of %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestPlace(t *testing.T) {
	claims := Extract(Document{Body: "Ukraine holds 90 sq km in the Kursk region. Russia captured 3,600 sq km in the Donetsk region in 2024."})
	if len(claims) != 2 || claims[0].PlaceGroup != "kursk" || claims[1].PlaceGroup != "elsewhere" || claims[1].Place != "Donetsk region" {
		t.Fatalf("places: %+v", claims)
	}
}

func TestEvidenceSpans(t *testing.T) {
	body := "Headline without a stop\n\nUkraine holds 90 sq km, Syrskyi said. “Russia sent 10,000 troops,” he added.\nRead more"
	for _, c := range Extract(Document{Body: body}) {
		if body[c.SpanStart:c.SpanEnd] != c.Evidence {
			t.Errorf("span %d-%d is %q, evidence %q", c.SpanStart, c.SpanEnd, body[c.SpanStart:c.SpanEnd], c.Evidence)
		}
	}
}

func TestContractJSON(t *testing.T) {
	c := Extract(Document{Body: "Ukraine holds about 90 sq km, Syrskyi said on Sunday.", Published: pub})[0]
	b, _ := json.Marshal(c)
	var m map[string]any
	json.Unmarshal(b, &m)
	for _, k := range []string{"kind", "value", "value_max", "qualifier", "unit", "subject", "claimant", "via", "as_of", "evidence"} {
		if _, ok := m[k]; !ok {
			t.Errorf("JSON lacks %q: %s", k, b)
		}
	}
	if m["via"] != nil || m["value_max"] != nil || m["as_of"] != "2025-03-16" {
		t.Errorf("nulls and dates: %s", b)
	}
}

// checkValid asserts what every extraction must satisfy, whatever the input.
func checkValid(t *testing.T, body string, claims []Claim) {
	t.Helper()
	for _, c := range claims {
		if !slices.Contains(Kinds, c.Kind) || !slices.Contains(Units, c.Unit) || !slices.Contains(Qualifiers, c.Qualifier) {
			t.Fatalf("claim outside the contract: %+v", c)
		}
		if c.Unit != UnitOf(c.Kind) {
			t.Fatalf("unit %s for kind %s", c.Unit, c.Kind)
		}
		if c.Subject != "" && !slices.Contains(Sides, c.Subject) {
			t.Fatalf("subject %q", c.Subject)
		}
		if c.SpanStart < 0 || c.SpanEnd > len(body) || c.SpanStart > c.SpanEnd {
			t.Fatalf("span %d-%d outside a body of %d bytes", c.SpanStart, c.SpanEnd, len(body))
		}
		if c.Value < 0 || c.Value != c.Value || (c.ValueMax != nil && *c.ValueMax < c.Value) {
			t.Fatalf("value %v max %v", c.Value, c.ValueMax)
		}
		if !utf8.ValidString(c.Evidence) {
			t.Fatalf("evidence is not UTF-8: %q", c.Evidence)
		}
	}
}

func FuzzExtract(f *testing.F) {
	for _, c := range cases {
		f.Add(c.text)
	}
	f.Add("\xff\xfe 90 sq km \x00 held by Ukraine")
	f.Add("between 5 and and 6 - - 7-8-9 thousand million k")
	f.Fuzz(func(t *testing.T, body string) {
		claims := Extract(Document{Body: body, Published: pub})
		fixed := body
		if !utf8.ValidString(body) {
			fixed = strings.ToValidUTF8(body, "\uFFFD")
		}
		checkValid(t, fixed, claims)
	})
}

// corpus builds at least n bytes of article text from the sample articles and test cases.
func corpus(tb testing.TB, n int) []string {
	files, _ := filepath.Glob("../../web/samples/*.txt")
	var texts []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		texts = append(texts, string(b))
	}
	var out []string
	size := 0
	for i := 0; size < n; i++ {
		t := texts[i%len(texts)]
		out = append(out, t)
		size += len(t)
	}
	return out
}

// BenchmarkExtractNews runs on real news: the dev set beside the project (../shared/eval/dev,
// third-party text read where it lies, never copied in), repeated to 5 MB.
func BenchmarkExtractNews(b *testing.B) {
	files, _ := filepath.Glob("../../../shared/eval/dev/*.txt")
	if len(files) == 0 {
		b.Skip("../shared/eval/dev is not beside the project")
	}
	var texts []string
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		_, body, _ := strings.Cut(string(raw), "\n\n")
		texts = append(texts, body)
	}
	benchmarkExtract(b, repeatTo(texts, 5<<20))
}

// BenchmarkExtract runs on the team's sample articles, repeated to 5 MB.
func BenchmarkExtract(b *testing.B) { benchmarkExtract(b, corpus(b, 5<<20)) }

func repeatTo(texts []string, n int) []string {
	var out []string
	for i, size := 0, 0; size < n; i++ {
		out = append(out, texts[i%len(texts)])
		size += len(texts[i%len(texts)])
	}
	return out
}

func benchmarkExtract(b *testing.B, docs []string) {
	total := 0
	for _, d := range docs {
		total += len(d)
	}
	b.SetBytes(int64(total))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, d := range docs {
			Extract(Document{Body: d, Published: pub})
		}
	}
	b.ReportMetric(float64(len(docs)), "articles/op")
}

func TestLargeArticleIsLinear(t *testing.T) {
	// 10 MB of one run-on paragraph and of many short lines: both must finish; the bench measures speed
	long := strings.Repeat("Ukraine holds 90 sq km and Russia sent 10,000 troops, ", 200000)
	claims := Extract(Document{Body: long})
	checkValid(t, long, claims)
	lines := strings.Repeat("Read more\nUkraine holds 90 sq km, Syrskyi said.\n", 250000)
	checkValid(t, lines, Extract(Document{Body: lines}))
	// one sentence with dates and moments between its numbers, and an article date
	dated := strings.Repeat("on March 3 at the peak 1,000 troops were still sent and ", 150000)
	checkValid(t, dated, Extract(Document{Body: dated, Published: pub}))
}

func TestLexTableMatchesLexicon(t *testing.T) {
	for w, f := range lexFlags {
		got, slot := lexTable.get(w, wordHash(w))
		if got != f || slot == 0 || lexTable.words[slot-1] != w {
			t.Errorf("%q: flags %b slot %d, want %b in a slot of its own", w, got, slot, f)
		}
	}
	// the tokenizer hashes a word while it reads it: the flags must come out the same
	for _, text := range []string{"The Russian Defense Ministry SAID Kursk", "Syrskyi Holds about", "sq km Km2 ZELENSKY"} {
		for _, tk := range tokenize(text, 0, len(text)) {
			if f, _ := lexTable.get(tk.low, wordHash(tk.low)); tk.flags != f {
				t.Errorf("%q: flags %b while tokenizing, %b looked up", tk.text, tk.flags, f)
			}
		}
	}
	for _, w := range []string{"", "zzz", "kurskx", "the-", "saidd"} {
		if f, slot := lexTable.get(w, wordHash(w)); f != 0 || slot != 0 {
			t.Errorf("%q is in no lexicon, got flags %b slot %d", w, f, slot)
		}
	}
	for w, h := range aliasHeads {
		if _, slot := lexTable.get(w, wordHash(w)); aliasHeadAt[slot] != h {
			t.Errorf("%q: its names are not at its slot", w)
		}
	}
}

// Buffers are reused from one article to the next and across goroutines: the same article must
// give the same claims however many others are read before it or beside it.
func TestReusedBuffersLeaveNoTrace(t *testing.T) {
	docs := corpus(t, 1)
	files, _ := filepath.Glob("../../web/samples/*.txt")
	for _, f := range files {
		b, _ := os.ReadFile(f)
		docs = append(docs, string(b))
	}
	want := make([]string, len(docs))
	for i, d := range docs {
		b, _ := json.Marshal(Extract(Document{Body: d}))
		want[i] = string(b)
	}
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for round := 0; round < 3; round++ {
				for k := range docs {
					i := (k*7 + g*13 + round) % len(docs)
					if b, _ := json.Marshal(Extract(Document{Body: docs[i]})); string(b) != want[i] {
						t.Errorf("article %d read again gives other claims:\n%s\nwant\n%s", i, b, want[i])
						return
					}
				}
			}
		}(g)
	}
	wg.Wait()
}

func TestSinceSlotIsSet(t *testing.T) {
	if sinceSlot == 0 {
		t.Fatal("the lexicon slot of \"since\" is not set")
	}
}

// A headline figure the body repeats is dropped, also when an earlier headline figure was
// dropped before it (the check must not read claims already moved by the compaction).
func TestDropHeadlineRepeats(t *testing.T) {
	claims := []Claim{{Value: 50}, {Value: 70}, {Value: 50}, {Value: 70}}
	headline := []bool{true, false, false, true}
	got := dropHeadlineRepeats(claims, headline)
	if len(got) != 2 || got[0].Value != 70 || got[1].Value != 50 {
		t.Fatalf("got %+v, want the body's 70 and 50 only", got)
	}
}

// A part of a total given with a period of its own takes the total's kind and its own period.
func TestPartOfATotal(t *testing.T) {
	claims := Extract(Document{Body: "Russia has lost 770,000 troops since the start of the full-scale invasion, including 1,580 over the past day, the General Staff said.", Published: pub})
	if len(claims) != 2 {
		t.Fatalf("got %d claims, want 2", len(claims))
	}
	day := claims[1]
	if day.Kind != "casualties" || day.Value != 1580 || !day.Since.Equal(pub) || !claims[0].Since.Equal(FullScaleInvasion) {
		t.Errorf("got %s %v since %v (total since %v), want casualties 1580 since %v", day.Kind, day.Value, day.Since, claims[0].Since, pub)
	}
}
