package extract

import "strings"

// unitClass is what a counted noun counts.
type unitClass int

const (
	unitNone unitClass = iota
	unitArea
	unitPeople
	unitEquipment
	unitSettlements
	unitClashes
	unitStrikes
	unitAttacks // clashes or strikes, decided by the verbs around
	unitDrones  // strikes when launched, equipment when destroyed
)

// noun is a counted noun phrase: its class, and for areas the factor to km2, and a kind it
// implies on its own ("prisoners", "casualties").
type noun struct {
	words  []string
	class  unitClass
	factor float64
	kind   string
	// generic nouns ("people", "civilians") count people only with a cue such as "killed"
	generic bool
}

func n(phrase string, class unitClass) noun {
	return noun{words: strings.Fields(phrase), class: class, factor: 1}
}

func nk(phrase string, class unitClass, kind string) noun {
	x := n(phrase, class)
	x.kind = kind
	return x
}

func g(phrase string) noun {
	x := n(phrase, unitPeople)
	x.generic = true
	return x
}

func area(phrase string, factor float64) noun {
	x := n(phrase, unitArea)
	x.factor = factor
	return x
}

const sqMile = 2.589988

// nouns lists the counted nouns, longest phrases first within each head word.
var nouns = []noun{
	area("square kilometers", 1), area("square kilometres", 1), area("square kilometer", 1), area("square kilometre", 1),
	area("square km", 1), area("sq km", 1), area("sq kms", 1), area("sqkm", 1), area("sq.km", 1), area("km2", 1), area("km²", 1), area("kilometres²", 1),
	area("square kilometers²", 1), area("kilometers²", 1), area("kmsq", 1), area("sq kilometers", 1), area("sq kilometres", 1),
	area("square miles", sqMile), area("square mile", sqMile), area("sq miles", sqMile), area("sq mi", sqMile), area("mi2", sqMile), area("mi²", sqMile),
	area("hectares", 0.01), area("hectare", 0.01),

	n("armored personnel carriers", unitEquipment), n("armoured personnel carriers", unitEquipment),
	n("armored troop carriers", unitEquipment), n("armoured troop carriers", unitEquipment),
	n("armored combat vehicles", unitEquipment), n("armoured combat vehicles", unitEquipment),
	n("armored fighting vehicles", unitEquipment), n("armoured fighting vehicles", unitEquipment),
	n("armored vehicles", unitEquipment), n("armoured vehicles", unitEquipment), n("armored vehicle", unitEquipment), n("armoured vehicle", unitEquipment),
	n("infantry fighting vehicles", unitEquipment), n("infantry fighting vehicle", unitEquipment),
	n("personnel carriers", unitEquipment), n("combat vehicles", unitEquipment), n("military vehicles", unitEquipment),
	n("pieces of military equipment", unitEquipment), n("pieces of equipment", unitEquipment), n("units of equipment", unitEquipment),
	n("units of military equipment", unitEquipment), n("pieces of hardware", unitEquipment), n("units of hardware", unitEquipment),
	n("artillery systems", unitEquipment), n("artillery pieces", unitEquipment), n("artillery guns", unitEquipment),
	n("field artillery guns", unitEquipment), n("multiple rocket launchers", unitEquipment), n("rocket launchers", unitEquipment),
	n("multiple launch rocket systems", unitEquipment), n("air defense systems", unitEquipment), n("air defence systems", unitEquipment),
	n("multiple launch rocket system", unitEquipment), n("air defense system", unitEquipment), n("air defence system", unitEquipment),
	n("artillery system", unitEquipment), n("artillery piece", unitEquipment), n("anti-aircraft system", unitEquipment),
	n("electronic warfare system", unitEquipment), n("electronic warfare station", unitEquipment), n("launcher", unitEquipment),
	n("howitzer", unitEquipment), n("mortar", unitEquipment), n("truck", unitEquipment), n("car", unitEquipment),
	n("anti-aircraft systems", unitEquipment), n("electronic warfare systems", unitEquipment), n("electronic warfare stations", unitEquipment),
	n("tanks", unitEquipment), n("tank", unitEquipment), n("apcs", unitEquipment), n("ifvs", unitEquipment), n("bmps", unitEquipment),
	n("vehicles", unitEquipment), n("vehicle", unitEquipment), n("trucks", unitEquipment), n("cars", unitEquipment),
	n("bulldozers", unitEquipment), n("bulldozer", unitEquipment), n("howitzers", unitEquipment), n("guns", unitEquipment),
	n("mortars", unitEquipment), n("mlrs", unitEquipment), n("aircraft", unitEquipment), n("helicopters", unitEquipment),
	n("helicopter", unitEquipment), n("planes", unitEquipment), n("jets", unitEquipment), n("warplanes", unitEquipment),
	n("radars", unitEquipment), n("radar stations", unitEquipment), n("boats", unitEquipment), n("launchers", unitEquipment),
	n("uavs", unitDrones), n("drones", unitDrones), n("drone", unitDrones),

	n("military personnel", unitPeople), n("service members", unitPeople), n("army personnel", unitPeople),
	nk("prisoners of war", unitPeople, "prisoners"), nk("prisoners", unitPeople, "prisoners"), nk("prisoner", unitPeople, "prisoners"),
	nk("pows", unitPeople, "prisoners"), nk("pow", unitPeople, "prisoners"), nk("captives", unitPeople, "prisoners"),
	nk("detainees", unitPeople, "prisoners"), n("defenders", unitPeople),
	nk("casualties", unitPeople, "casualties"), nk("dead", unitPeople, "killed"), nk("deaths", unitPeople, "killed"),
	nk("fatalities", unitPeople, "killed"), nk("wounded", unitPeople, "wounded"), nk("injured", unitPeople, "wounded"),
	nk("injuries", unitPeople, "wounded"), nk("killed", unitPeople, "killed"),
	n("troops", unitPeople), n("soldiers", unitPeople), n("soldier", unitPeople), n("servicemen", unitPeople), n("serviceman", unitPeople),
	n("servicemembers", unitPeople), n("personnel", unitPeople), n("fighters", unitPeople), n("men", unitPeople),
	n("paratroopers", unitPeople), n("marines", unitPeople), n("conscripts", unitPeople), n("recruits", unitPeople),
	n("mercenaries", unitPeople), n("militants", unitPeople), n("infantrymen", unitPeople), n("commandos", unitPeople),
	g("citizens"), g("people"), g("civilians"), g("residents"), g("persons"), n("koreans", unitPeople),
	n("russians", unitPeople), n("ukrainians", unitPeople), n("servicepeople", unitPeople), n("reservists", unitPeople),
	n("combatants", unitPeople), n("volunteers", unitPeople), n("officers", unitPeople),
	n("engineers", unitPeople), n("sappers", unitPeople), n("snipers", unitPeople), n("specialists", unitPeople),

	n("populated areas", unitSettlements), n("populated localities", unitSettlements), n("settlements", unitSettlements),
	n("settlement", unitSettlements), n("villages", unitSettlements), n("village", unitSettlements), n("towns", unitSettlements),
	n("localities", unitSettlements), n("hamlets", unitSettlements), n("communities", unitSettlements),

	nk("combat engagements", unitClashes, "clashes"), nk("armed clashes", unitClashes, "clashes"), nk("combat clashes", unitClashes, "clashes"),
	nk("clashes", unitClashes, "clashes"), nk("engagements", unitClashes, "clashes"), nk("battles", unitClashes, "clashes"),
	nk("firefights", unitClashes, "clashes"), nk("assaults", unitAttacks, ""), nk("attacks", unitAttacks, ""),
	nk("offensive actions", unitClashes, "clashes"), nk("assault actions", unitClashes, "clashes"),
	nk("airstrikes", unitStrikes, "strikes"), nk("air strikes", unitStrikes, "strikes"), nk("strikes", unitStrikes, "strikes"),
	nk("shells", unitStrikes, "strikes"), nk("missiles", unitStrikes, "strikes"), nk("rockets", unitStrikes, "strikes"),
	nk("guided bombs", unitStrikes, "strikes"), nk("glide bombs", unitStrikes, "strikes"), nk("aerial bombs", unitStrikes, "strikes"),
	nk("bombs", unitStrikes, "strikes"), nk("shellings", unitStrikes, "strikes"), nk("targets", unitStrikes, "strikes"),
	nk("sorties", unitStrikes, "strikes"), nk("projectiles", unitStrikes, "strikes"), nk("munitions", unitStrikes, "strikes"),
}

// nounModifiers may stand between a number and its noun ("11,000 North Korean soldiers").
var nounModifiers = set("north", "south", "korean", "russian", "ukrainian", "dprk", "enemy", "occupier", "occupying",
	"aggressor", "hostile", "military", "more", "additional", "other", "elite", "special", "regular", "trained",
	"active", "professional", "foreign", "kpa", "of", "the", "its", "their", "our", "his", "new", "fresh", "further",
	"extra", "armed", "airborne", "army", "russia's", "ukraine's", "pyongyang's", "kim's", "korea's", "moscow's",
	"kyiv's", "kiev's", "combat", "ground", "ukraine", "russia", "korea", "western", "chechen", "wagner", "heavy",
	"light", "assault", "forces'", "armored", "armoured", "infantry", "fighting", "defense", "defence", "air",
	"missile", "drone", "artillery", "enemy's", "nk", "ukrainian-held", "russian-held", "separate", "main",
	"deployed", "stationed", "fresh", "reserve", "mobilised", "mobilized", "contract", "frontline", "front-line",
	"-", "civilian", "guided", "aerial", "cruise", "ballistic", "kamikaze", "attack", "fpv", "russian-made",
	"western-made", "western-supplied", "us-made", "u.s.-made", "german-made", "abrams", "leopard", "bradley",
	"ukrainian-controlled", "russian-controlled", "anti-aircraft", "transport", "supply", "logistics", "system", "systems",
	"launch", "multiple", "self-propelled", "missile-launching", "towed", "automotive", "motor")

// sideWords name a side; "enemy" words name the other side of whoever speaks.
var sideWords = map[string]string{
	"ukrainian": "UA", "ukraine": "UA", "ukraine's": "UA", "ukrainians": "UA", "kyiv": "UA", "kiev": "UA",
	"kyiv's": "UA", "kiev's": "UA", "afu": "UA", "zsu": "UA", "ukrainian-held": "UA",
	"russian": "RU", "russia": "RU", "russia's": "RU", "russians": "RU", "moscow": "RU", "moscow's": "RU",
	"kremlin": "RU", "russian-held": "RU",
	"korean": "KP", "dprk": "KP", "pyongyang": "KP", "pyongyang's": "KP", "kpa": "KP", "nk": "KP", "koreans": "KP",
	"korea": "KP", "korea's": "KP",
	"enemy": "ENEMY", "enemy's": "ENEMY", "occupier": "ENEMY", "occupiers": "ENEMY", "occupier's": "ENEMY", "occupying": "ENEMY",
	"aggressor": "ENEMY", "aggressor's": "ENEMY", "adversary": "ENEMY", "opponent": "ENEMY", "invaders": "ENEMY",
	"we": "SELF", "our": "SELF", "us": "SELF",
}

// cue words decide the kind of a number of people or of an area.
var peopleCues = map[string]string{
	"killed": "killed", "kill": "killed", "kills": "killed", "died": "killed", "dead": "killed", "deaths": "killed",
	"death": "killed", "perished": "killed", "fatalities": "killed", "slain": "killed", "die": "killed", "dying": "killed",
	"wounded": "wounded", "injured": "wounded", "injuries": "wounded", "injuring": "wounded", "wounding": "wounded",
	"casualties": "casualties", "losses": "casualties", "lost": "casualties", "lose": "casualties", "losing": "casualties",
	"eliminated": "casualties", "neutralised": "casualties", "neutralized": "casualties", "loss": "casualties",
	"irretrievable": "killed", "irrecoverable": "killed", "sanitary": "wounded", "medical": "wounded",
	"prisoner": "prisoners", "prisoners": "prisoners", "pows": "prisoners", "captive": "prisoners", "captivity": "prisoners",
	"surrendered": "prisoners", "surrender": "prisoners", "surrendering": "prisoners", "captured": "prisoners", "capturing": "prisoners",
	"deployed": "troops", "deploy": "troops", "deploying": "troops", "deployment": "troops", "sent": "troops", "send": "troops",
	"sending": "troops", "stationed": "troops", "fighting": "troops", "fight": "troops", "engaged": "troops", "engaging": "troops",
	"massed": "troops", "amassed": "troops", "mobilized": "troops", "mobilised": "troops", "arrived": "troops", "readied": "troops",
	"concentrated": "troops", "dispatched": "troops", "transferred": "troops", "involved": "troops", "committed": "troops",
	"gathered": "troops", "participating": "troops", "serving": "troops", "holding": "troops", "there": "troops",
	"reinforce": "troops", "reinforcements": "troops", "troops": "troops", "trying": "troops", "attacking": "troops",
	"pinned": "troops", "tied": "troops", "redeployed": "troops", "moved": "troops", "drawn": "troops",
}

var areaCues = map[string]string{
	"hold": "territory_held", "holds": "territory_held", "holding": "territory_held", "held": "territory_held",
	"control": "territory_held", "controls": "territory_held", "controlled": "territory_held", "controlling": "territory_held",
	"occupy": "territory_held", "occupies": "territory_held", "occupied": "territory_held", "occupying": "territory_held",
	"commands": "territory_held", "commanding": "territory_held", "pocket": "territory_held",
	"remain": "territory_held", "remains": "territory_held", "retain": "territory_held", "retains": "territory_held",
	"foothold": "territory_held", "bridgehead": "territory_held", "keeps": "territory_held",
	"captured": "territory_gained", "capture": "territory_gained", "capturing": "territory_gained", "seized": "territory_gained",
	"seize": "territory_gained", "seizing": "territory_gained", "took": "territory_gained", "take": "territory_gained",
	"taken": "territory_gained", "taking": "territory_gained", "advanced": "territory_gained", "advance": "territory_gained",
	"advancing": "territory_gained", "retook": "territory_gained", "retaken": "territory_gained", "retake": "territory_gained",
	"recaptured": "territory_gained", "recapture": "territory_gained", "reclaimed": "territory_gained", "regained": "territory_gained",
	"regain": "territory_gained", "liberated": "territory_gained", "liberate": "territory_gained", "liberating": "territory_gained",
	"liberation": "territory_gained", "gained": "territory_gained", "gain": "territory_gained", "gains": "territory_gained",
	"won": "territory_gained", "cleared": "territory_gained", "returned": "territory_gained", "grabbed": "territory_gained",
	"pushed": "territory_gained", "moved": "territory_gained", "expanded": "territory_gained",
	"lost": "territory_lost", "lose": "territory_lost", "losing": "territory_lost", "ceded": "territory_lost",
	"abandoned": "territory_lost", "withdrew": "territory_lost", "surrendered": "territory_lost", "loss": "territory_lost",
}

// destroyCues must stand in a sentence for counted equipment to be a claim of destruction.
var destroyCues = set("destroyed", "destroy", "destroying", "disabled", "damaged", "lost", "losses", "eliminated",
	"knocked", "wrecked", "burned", "burnt", "downed", "shot", "neutralised", "neutralized", "hit", "struck",
	"lose", "losing", "destruction", "captured", "seized", "abandoned", "intercepted")

// speechVerbs introduce who says a number.
var speechVerbs = set("said", "says", "say", "believe", "stated", "states", "claimed", "claims", "claim", "told", "tells",
	"reported", "reports", "announced", "announces", "estimated", "estimates", "estimate", "added", "adds", "noted",
	"notes", "wrote", "writes", "confirmed", "confirms", "declared", "declares", "insisted", "explained",
	"emphasized", "emphasised", "emphasizes", "emphasises", "stressed", "assessed", "believes", "puts", "put",
	"recalled", "revealed", "disclosed", "posted", "indicated", "indicates", "continued", "boasted", "alleged",
	"asserted", "acknowledged", "admitted", "cited", "quoted", "warned", "informed", "briefed", "shows", "showed",
	"show", "suggest", "suggests", "suggested", "calculated", "counted", "tallied", "assesses", "assess", "specified",
	"clarified", "summed", "summarised", "summarized", "reporting", "saying", "stating", "claiming", "announcing",
	"according", "recounted", "shared", "spoke", "speaking", "pointed", "highlighted", "detailed", "counts", "citing")

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
