package extract

// Items of equipment (CLAIMS.md): what an equipment_destroyed claim counts.
var Items = []string{"tanks", "armoured_vehicles", "artillery", "mlrs", "air_defence", "aircraft", "helicopters",
	"drones", "vehicles", "engineering", "electronic_warfare", "all", "other"}

// itemWords name an item, one word each; the last matching word of a noun phrase decides, so
// "armoured vehicles" is armoured_vehicles and "rocket launchers" mlrs.
var itemWords = map[string]string{
	"tank": "tanks", "tanks": "tanks", "t-72": "tanks", "t-80": "tanks", "t-90": "tanks", "leopard": "tanks", "abrams": "tanks",
	"armored": "armoured_vehicles", "armoured": "armoured_vehicles", "apc": "armoured_vehicles", "apcs": "armoured_vehicles",
	"ifv": "armoured_vehicles", "ifvs": "armoured_vehicles", "bmp": "armoured_vehicles", "bmps": "armoured_vehicles",
	"btr": "armoured_vehicles", "btrs": "armoured_vehicles", "stryker": "armoured_vehicles", "strykers": "armoured_vehicles",
	"bradley": "armoured_vehicles", "bradleys": "armoured_vehicles", "infantry": "armoured_vehicles", "personnel": "armoured_vehicles",
	"combat": "armoured_vehicles", "fighting": "armoured_vehicles", "mrap": "armoured_vehicles", "mraps": "armoured_vehicles",
	"artillery": "artillery", "guns": "artillery", "gun": "artillery", "howitzers": "artillery", "howitzer": "artillery",
	"mortars": "artillery", "mortar": "artillery", "self-propelled": "artillery", "cannons": "artillery",
	"mlrs": "mlrs", "himars": "mlrs", "grad": "mlrs", "uragan": "mlrs", "rocket": "mlrs", "launchers": "mlrs",
	"air": "air_defence", "anti-aircraft": "air_defence", "sam": "air_defence", "buk": "air_defence", "pantsir": "air_defence",
	"patriot": "air_defence", "iris-t": "air_defence",
	"aircraft": "aircraft", "planes": "aircraft", "plane": "aircraft", "jets": "aircraft", "warplanes": "aircraft",
	"helicopters": "helicopters", "helicopter": "helicopters",
	"drones": "drones", "drone": "drones", "uavs": "drones", "uav": "drones",
	"vehicles": "vehicles", "vehicle": "vehicles", "trucks": "vehicles", "truck": "vehicles", "cars": "vehicles", "car": "vehicles",
	"pickups": "vehicles", "automotive": "vehicles", "tankers": "vehicles", "motor": "vehicles",
	"bulldozers": "engineering", "bulldozer": "engineering", "engineering": "engineering", "mine-clearing": "engineering",
	"electronic": "electronic_warfare", "ew": "electronic_warfare",
	"equipment": "all", "hardware": "all", "weaponry": "all", "weapons": "all",
	"boats": "other", "boat": "other", "radars": "other", "radar": "other", "depots": "other", "posts": "other",
}

// itemOf reads the item of an equipment count from its noun phrase: the first specific word
// decides ("armoured vehicles", "air defence systems"); a bare head ("vehicles", "equipment")
// only when nothing more specific stands before it.
func itemOf(toks []token, c counted) string {
	if c.noun == equipmentNoun {
		// "565 units of automotive equipment" counts vehicles; "372 units of equipment", all
		for k := c.mention.last + 1; k < c.nounEnd && k < len(toks); k++ {
			if it, ok := itemWords[toks[k].low]; ok && it != "all" {
				return it
			}
		}
		return "all"
	}
	if c.noun.class == unitDrones {
		return "drones"
	}
	words := c.noun.words // an implied noun ("of which 147") has only the noun's own words
	if c.nounEnd > c.mention.last {
		words = words[:0:0]
		for k := c.mention.last + 1; k <= c.nounEnd && k < len(toks); k++ {
			words = append(words, toks[k].low)
		}
	}
	item := ""
	for _, w := range words {
		it, ok := itemWords[w]
		if !ok {
			continue
		}
		if it != "vehicles" && it != "all" {
			return it
		}
		if item == "" {
			item = it
		}
	}
	if item == "" {
		return "other"
	}
	return item
}
