package dispute

import (
	"testing"
	"time"
)

var week = time.Date(2025, 3, 10, 0, 0, 0, 0, time.UTC)

func chip(kind, subject, claimant string, value float64, outlets int) Chip {
	c := Chip{Window: week, Kind: kind, Subject: subject, PlaceGroup: "kursk", Value: value, Outlets: outlets, Claims: outlets}
	if claimant != "" {
		c.Claimant = &Claimant{Slug: claimant, Name: claimant}
	}
	return c
}

func TestGroup(t *testing.T) {
	tests := []struct {
		name         string
		chips        []Chip
		questions    int
		disputed     bool
		corroborated bool
		min, max     float64
	}{
		{"two claimants far apart", []Chip{chip("territory_held", "UA", "syrsky", 110, 1), chip("territory_held", "UA", "russian-mod", 0, 1)}, 1, true, false, 0, 110},
		{"within ten percent agrees", []Chip{chip("troops", "KP", "a", 11000, 1), chip("troops", "KP", "b", 12000, 1)}, 1, false, false, 11000, 12000},
		{"just over ten percent disputes", []Chip{chip("troops", "KP", "a", 10000, 1), chip("troops", "KP", "b", 11200, 1)}, 1, true, false, 10000, 11200},
		{"one claimant changing its figure is no dispute", []Chip{chip("killed", "KP", "a", 100, 1), chip("killed", "KP", "a", 300, 1)}, 1, false, false, 100, 300},
		{"outlet voice counts as a party", []Chip{chip("killed", "KP", "", 100, 1), chip("killed", "KP", "nis", 300, 1)}, 1, true, false, 100, 300},
		{"same value from two outlets corroborates", []Chip{chip("troops", "KP", "nis", 11000, 2)}, 1, false, true, 11000, 11000},
		{"agreeing claimants add up their outlets", []Chip{chip("troops", "KP", "a", 11000, 1), chip("troops", "KP", "b", 11000, 1)}, 1, false, true, 11000, 11000},
		{"subjects are different questions", []Chip{chip("killed", "KP", "a", 100, 1), chip("killed", "RU", "b", 5000, 1)}, 2, false, false, 100, 100},
		{"kinds are different questions", []Chip{chip("killed", "KP", "a", 100, 1), chip("wounded", "KP", "b", 5000, 1)}, 2, false, false, 100, 100},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			qs := Group(tt.chips)
			if len(qs) != tt.questions {
				t.Fatalf("got %d questions, want %d", len(qs), tt.questions)
			}
			q := qs[0]
			if q.Disputed != tt.disputed || q.Corroborated != tt.corroborated || q.Min != tt.min || q.Max != tt.max {
				t.Errorf("got disputed=%v corroborated=%v min=%v max=%v, want %v %v %v %v", q.Disputed, q.Corroborated, q.Min, q.Max, tt.disputed, tt.corroborated, tt.min, tt.max)
			}
			for i := 1; i < len(q.Chips); i++ {
				if q.Chips[i].Value < q.Chips[i-1].Value {
					t.Errorf("chips not ordered by value: %v before %v", q.Chips[i-1].Value, q.Chips[i].Value)
				}
			}
		})
	}
}

func TestPlaceAndWindowSeparateQuestions(t *testing.T) {
	a := chip("territory_gained", "RU", "a", 100, 1)
	b := chip("territory_gained", "RU", "b", 3600, 1)
	b.PlaceGroup = "elsewhere"
	c := chip("territory_gained", "RU", "c", 900, 1)
	c.Window = week.AddDate(0, 0, 7)
	if qs := Group([]Chip{a, b, c}); len(qs) != 3 {
		t.Fatalf("got %d questions, want 3 (place group and window split questions)", len(qs))
	}
}

func TestDisputesWidestFirst(t *testing.T) {
	narrow := []Chip{chip("troops", "RU", "a", 50000, 1), chip("troops", "RU", "b", 60000, 1)}
	wide := []Chip{chip("territory_held", "UA", "a", 0, 1), chip("territory_held", "UA", "b", 110, 1)}
	calm := []Chip{chip("killed", "KP", "a", 1000, 1)}
	ds := Disputes(Group(append(append(narrow, wide...), calm...)))
	if len(ds) != 2 {
		t.Fatalf("got %d disputes, want 2", len(ds))
	}
	if ds[0].Kind != "territory_held" {
		t.Errorf("widest spread should come first, got %s", ds[0].Kind)
	}
}
