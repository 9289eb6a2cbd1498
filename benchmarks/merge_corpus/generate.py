"""Generate the merge benchmark: short reports of the same events by different outlets.

    python benchmarks/merge_corpus/generate.py     # rewrites reports.jsonl and gold.json here

Each line of EVENTS below is one real-world-like event (hand-written: place, day, type, sides,
the death toll each report gives, how many outlets report it). Reports are written from
several hand-written phrasings per event type, in different sentence orders, with the date
given either relative to the report's publication day ("on Sunday", "yesterday") or
absolute ("March 24", "24 March"), and casualty figures that differ between outlets.
Distractor events share a place but not the day, the day but not the place, or type,
place and day but not the sides. Seeded: the same file every run.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from pathlib import Path

HERE = Path(__file__).parent
SEED = 20240327

OUTLETS = [
    "Levant Wire", "Daily Monitor", "Horn Observer", "Sahel Post", "Frontline News", "Global Dispatch",
    "The Continental", "Regional Times", "Capital Herald", "World Desk", "Evening Courier", "Morning Ledger",
    "Crisis Report", "The Correspondent", "Northern Star", "Gulf Chronicle", "Asia Bulletin", "Andes Journal",
]  # fmt: skip

# Surface forms of the sides, by kit name: several ways outlets write the same actor.
ACTORS = {
    "SYR-army": ["Syrian government forces", "the Syrian army", "pro-government troops", "Syrian troops"],
    "HTS": ["Hayat Tahrir al-Sham fighters", "HTS militants", "jihadist fighters of Hayat Tahrir al-Sham"],
    "SYR-rebels": ["rebel fighters", "opposition rebels", "Syrian rebels"],
    "RUS-air": ["Russian warplanes", "Russian jets", "Russian aircraft"],
    "IS": ["Islamic State militants", "IS fighters", "Islamic State jihadists", "ISIS gunmen"],
    "IRQ-army": ["Iraqi security forces", "the Iraqi army", "Iraqi troops"],
    "SOM-army": ["Somali government forces", "Somali troops", "the Somali National Army"],
    "Shabaab": ["al-Shabaab militants", "al-Shabaab fighters", "the al Qaeda-linked al-Shabaab group"],
    "KEN-police": ["Kenyan police officers", "police in Kenya", "Kenyan security forces"],
    "MLI-army": ["Malian soldiers", "the Malian army", "Malian troops"],
    "JNIM": ["JNIM militants", "jihadists of the JNIM alliance", "al Qaeda-affiliated JNIM fighters"],
    "NGA-army": ["Nigerian troops", "the Nigerian army", "Nigerian soldiers"],
    "BokoHaram": ["Boko Haram militants", "Boko Haram fighters", "Boko Haram insurgents"],
    "UKR-army": ["Ukrainian forces", "Ukrainian troops", "the Ukrainian army"],
    "RUS-army": ["Russian forces", "Russian troops", "the Russian army"],
    "Taliban": ["Taliban authorities", "the Taliban government", "Taliban officials"],
    "ISKP": ["Islamic State Khorasan militants", "ISKP fighters", "the Islamic State affiliate ISKP"],
    "PAK-army": ["Pakistani security forces", "the Pakistani army", "Pakistani troops"],
    "TTP": ["Pakistani Taliban militants", "TTP fighters", "Tehrik-i-Taliban Pakistan militants"],
    "Houthis": ["Houthi rebels", "Houthi forces", "the Iran-aligned Houthis"],
    "YEM-army": ["Yemeni government forces", "pro-government Yemeni troops", "Yemeni army units"],
    "Saudi-air": ["Saudi-led coalition warplanes", "coalition jets", "Saudi-led coalition aircraft"],
    "SDN-army": ["the Sudanese army", "Sudanese armed forces", "army troops in Sudan"],
    "RSF": ["Rapid Support Forces fighters", "the paramilitary Rapid Support Forces", "RSF paramilitaries"],
    "COD-army": ["Congolese troops", "the Congolese army", "FARDC soldiers"],
    "M23": ["M23 rebels", "fighters of the M23 rebel group", "M23 insurgents"],
    "ADF": ["ADF militants", "Allied Democratic Forces rebels", "ADF fighters"],
    "MMR-army": ["Myanmar junta troops", "the Myanmar military", "junta soldiers"],
    "MMR-air": ["Myanmar military jets", "junta warplanes", "Myanmar air force jets"],
    "LBY-LNA": ["Libyan National Army forces", "LNA fighters", "forces loyal to Khalifa Haftar"],
    "LBY-militia": ["a rival militia", "militiamen", "armed militias"],
    "HTI-gang": ["gang members", "armed gangs", "members of a powerful gang"],
    "BFA-army": ["Burkinabe soldiers", "the army of Burkina Faso", "Burkinabe troops"],
    "MOZ-IS": ["Islamic State Mozambique insurgents", "insurgents", "jihadist insurgents"],
    "NER-army": ["Nigerien soldiers", "Niger's army", "Nigerien troops"],
    "civilians": ["civilians", "villagers", "residents"],
    "teachers": ["teachers", "striking teachers", "public school teachers"],
    "farmers": ["farmers", "angry farmers", "smallholder farmers"],
    "students": ["students", "university students", "student activists"],
    "workers": ["garment workers", "factory workers", "textile workers"],
    "opposition": ["opposition supporters", "supporters of the opposition", "opposition activists"],
    "police": ["police", "riot police", "security forces"],
    "rioters": ["rioters", "angry youths", "a mob"],
    "none": [""],
}

# Who is quoted, by country.
SOURCES = {
    "SYR": ["the Syrian Observatory for Human Rights", "a military source", "local activists", "state media"],
    "IRQ": ["Iraqi security officials", "a police officer", "the interior ministry"],
    "SOM": ["a local elder", "Somali officials", "a military official"],
    "KEN": ["the Kenyan police", "a county official", "the interior ministry"],
    "MLI": ["local officials", "the Malian army", "a security source"],
    "NGA": ["the Nigerian army", "a local official", "residents"],
    "UKR": ["the regional governor", "Ukraine's general staff", "local officials"],
    "AFG": ["a Taliban spokesman", "local officials", "witnesses"],
    "PAK": ["the Pakistani military", "police officials", "a local official"],
    "YEM": ["medical sources", "Houthi-run media", "a government official"],
    "SDN": ["a doctors' union", "local activists", "the Sudanese army"],
    "COD": ["a local civil society leader", "the Congolese army", "a UN official"],
    "MMR": ["local residents", "a resistance group", "witnesses"],
    "LBY": ["a health ministry official", "local residents", "a security source"],
    "HTI": ["the national police", "a human rights group", "residents"],
    "BFA": ["a security source", "local residents", "the army"],
    "MOZ": ["local sources", "a police official", "residents"],
    "NER": ["the defence ministry", "a security source", "local officials"],
    "BGD": ["police officials", "union leaders", "witnesses"],
    "PER": ["police officials", "organisers", "witnesses"],
    "COL": ["police officials", "organisers", "witnesses"],
    "CHL": ["police officials", "organisers", "witnesses"],
}

# gid | kind | country | place | date | side A | side B | deaths in each report | notes
# (the number of deaths figures is the number of reports of the event)
EVENTS = """
syr-01|battle|SYR|Idlib|2024-03-24|SYR-army|HTS|18,25,20
syr-02|battle|SYR|Idlib|2024-03-28|SYR-army|HTS|4,6
syr-03|airstrike|SYR|Idlib|2024-03-24|RUS-air|civilians|7,9,7,11
syr-04|airstrike|SYR|Aleppo|2024-04-02|RUS-air|civilians|3,3,5
syr-05|bombing|SYR|Homs|2024-04-05|none|civilians|12,15,14,12,20
syr-06|battle|SYR|Daraa|2024-04-09|SYR-army|SYR-rebels|2,3
syr-07|protest|SYR|Raqqa|2024-04-12|students|none|0,0,0
irq-01|bombing|IRQ|Baghdad|2024-03-17|IS|civilians|21,23,30,21
irq-02|battle|IRQ|Kirkuk|2024-03-19|IRQ-army|IS|5,7,5
irq-03|battle|IRQ|Kirkuk|2024-03-23|IRQ-army|IS|2
irq-04|protest|IRQ|Baghdad|2024-03-17|students|none|0,0
irq-05|riot|IRQ|Fallujah|2024-04-01|rioters|police|1,2,1
som-01|bombing|SOM|Mogadishu|2024-02-10|Shabaab|civilians|9,12,10,15,9,11
som-02|battle|SOM|Baidoa|2024-02-13|SOM-army|Shabaab|17,12,20
som-03|battle|SOM|Kismayo|2024-02-13|SOM-army|Shabaab|3,4
som-04|bombing|SOM|Mogadishu|2024-02-17|Shabaab|civilians|2,3
ken-01|vac|KEN|Mandera|2024-02-05|Shabaab|civilians|4,5,4
ken-02|battle|KEN|Garissa|2024-02-06|KEN-police|Shabaab|2,2
ken-03|protest|KEN|Nairobi|2024-02-07|teachers|none|0,0,0,0
ken-04|protest|KEN|Nairobi|2024-02-07|farmers|none|0,0
ken-05|riot|KEN|Nairobi|2024-02-12|opposition|police|3,5,4
mli-01|battle|MLI|Timbuktu|2024-01-14|MLI-army|JNIM|14,20,16
mli-02|vac|MLI|Mopti|2024-01-16|JNIM|civilians|31,40,35,30
mli-03|battle|MLI|Menaka|2024-01-14|MLI-army|JNIM|6,8
nga-01|vac|NGA|Maiduguri|2024-01-20|BokoHaram|civilians|11,14,12
nga-02|battle|NGA|Maiduguri|2024-01-23|NGA-army|BokoHaram|9,10
nga-03|protest|NGA|Lagos|2024-01-22|workers|none|0,0,0
nga-04|arrest|NGA|Kano|2024-01-25|police|opposition|0,0,0
nga-05|vac|NGA|Jos|2024-01-20|none|civilians|8,10
ukr-01|shelling|UKR|Kharkiv|2024-05-05|RUS-army|civilians|3,4,3,5
ukr-02|shelling|UKR|Kherson|2024-05-05|RUS-army|civilians|2,2,3
ukr-03|shelling|UKR|Kharkiv|2024-05-09|RUS-army|civilians|6,7
ukr-04|battle|UKR|Zaporizhzhia|2024-05-11|UKR-army|RUS-army|0,0,0
ukr-05|protest|UKR|Odesa|2024-05-12|workers|none|0,0
afg-01|bombing|AFG|Kabul|2024-06-02|ISKP|civilians|6,8,10,6
afg-02|arrest|AFG|Herat|2024-06-04|Taliban|students|0,0,0
afg-03|protest|AFG|Kabul|2024-06-05|teachers|none|0,0,0
afg-04|bombing|AFG|Jalalabad|2024-06-02|ISKP|civilians|2,3
pak-01|battle|PAK|Peshawar|2024-06-10|PAK-army|TTP|11,13,12
pak-02|bombing|PAK|Quetta|2024-06-12|TTP|civilians|25,28,26,30,25
pak-03|protest|PAK|Karachi|2024-06-14|opposition|none|0,0,0
pak-04|battle|PAK|Peshawar|2024-06-16|PAK-army|TTP|4,4
yem-01|airstrike|YEM|Sanaa|2024-07-01|Saudi-air|civilians|14,17,14,20
yem-02|battle|YEM|Marib|2024-07-03|YEM-army|Houthis|22,30,25
yem-03|battle|YEM|Taiz|2024-07-03|YEM-army|Houthis|5,6
yem-04|airstrike|YEM|Sanaa|2024-07-06|Saudi-air|civilians|4,4
sdn-01|battle|SDN|Khartoum|2024-07-10|SDN-army|RSF|40,52,45,60
sdn-02|vac|SDN|Nyala|2024-07-12|RSF|civilians|19,25,21
sdn-03|airstrike|SDN|Khartoum|2024-07-15|SDN-army|civilians|9,12
sdn-04|protest|SDN|Khartoum|2024-07-10|students|none|0,0
cod-01|battle|COD|Goma|2024-08-03|COD-army|M23|10,15,12
cod-02|vac|COD|Beni|2024-08-05|ADF|civilians|23,26,23,30
cod-03|vac|COD|Bunia|2024-08-05|none|civilians|7,8
mmr-01|airstrike|MMR|Myitkyina|2024-08-11|MMR-air|civilians|16,20,18
mmr-02|arrest|MMR|Yangon|2024-08-13|MMR-army|opposition|0,0,0
mmr-03|protest|MMR|Mandalay|2024-08-14|students|none|0,0
lby-01|battle|LBY|Tripoli|2024-09-01|LBY-militia|LBY-LNA|8,11,9
lby-02|riot|LBY|Benghazi|2024-09-03|rioters|police|0,1,0
lby-03|battle|LBY|Sirte|2024-09-01|LBY-LNA|LBY-militia|3,3
hti-01|vac|HTI|Port-au-Prince|2024-09-10|HTI-gang|civilians|15,20,17,25
hti-02|vac|HTI|Port-au-Prince|2024-09-14|HTI-gang|civilians|5,6
hti-03|protest|HTI|Port-au-Prince|2024-09-11|opposition|none|0,0,0
bfa-01|vac|BFA|Djibo|2024-10-02|JNIM|civilians|50,60,55,70
bfa-02|battle|BFA|Djibo|2024-10-06|BFA-army|JNIM|10,12
bfa-03|protest|BFA|Ouagadougou|2024-10-03|students|none|0,0
moz-01|vac|MOZ|Mocimboa da Praia|2024-10-12|MOZ-IS|civilians|6,9,7
moz-02|battle|MOZ|Pemba|2024-10-12|MOZ-IS|police|2,3
ner-01|battle|NER|Tillaberi|2024-10-20|NER-army|JNIM|17,21,17
ner-02|protest|NER|Niamey|2024-10-21|students|none|0,0,0
bgd-01|protest|BGD|Dhaka|2024-11-03|workers|none|0,0,0,0
bgd-02|riot|BGD|Dhaka|2024-11-05|workers|police|2,3,2
bgd-03|protest|BGD|Chittagong|2024-11-03|workers|none|0,0
bgd-04|arrest|BGD|Dhaka|2024-11-07|police|opposition|0,0
per-01|protest|PER|Lima|2024-11-15|farmers|none|0,0,0
per-02|riot|PER|Lima|2024-11-18|rioters|police|1,1,2
col-01|protest|COL|Bogota|2024-11-20|teachers|none|0,0,0
chl-01|riot|CHL|Santiago|2024-11-22|students|police|0,0,0
chl-02|protest|CHL|Santiago|2024-11-22|teachers|none|0,0
"""

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

# Phrasings per kind. Slots: {A} {B} side forms, {P} place, {D} date phrase, {K...} death phrases,
# {S} who says so, {N} a number of people. Each kind has several sentence orders.
TEMPLATES: dict[str, list[str]] = {
    "battle": [
        "{A} and {B} clashed near {P} {D}, {K_ing}, {S} said.",
        "Fighting erupted between {A} and {B} on the outskirts of {P} {D}. {K_sent} according to {S}.",
        "{Dc}, {B} attacked positions held by {A} near {P}, sparking fighting that {K_left}, {S} said.",
        "{Sc} said {K_num} died when {A} fought {B} around {P} {D}.",
        "Heavy gunfire rang out in {P} {D} as {A} battled {B}. {K_sent}",
        "{A} repelled an assault by {B} near {P} {D}, {S} said. {K_sent}",
    ],
    "airstrike": [
        "{A} struck {P} {D}, {K_ing}, {S} said.",
        "An air strike by {A} hit a crowded market in {P} {D}. {K_sent}",
        "{Sc} said {D} that {A} bombed residential areas of {P}, {K_ing}.",
        "{Dc}, {A} carried out raids on {P}. {K_sent} {Sc} blamed the attack on {A}.",
        "Air raids on {P} {D} {K_left}, {S} said, blaming {A}.",
    ],
    "shelling": [
        "{A} shelled residential districts of {P} {D}, {K_ing}, {S} said.",
        "{Sc} said artillery fire by {A} hit {P} {D}. {K_sent}",
        "{Dc}, missiles fired by {A} slammed into apartment blocks in {P}, {K_ing}.",
        "Shelling of {P} by {A} {D} {K_left}, according to {S}.",
    ],
    "bombing": [
        "A car bomb exploded at a busy checkpoint in {P} {D}, {K_ing}, {S} said.",
        "A suicide bomber blew himself up outside a mosque in {P} {D}. {K_sent} {Ac} claimed responsibility.",
        "{Sc} said {K_num} were killed when an explosive device went off in a market in {P} {D}.",
        "{Dc}, a bomb ripped through a crowded street in {P}, {K_ing}, {S} said.",
        "An explosion tore through a bus station in {P} {D}. {K_sent} Officials blamed {A}.",
    ],
    "vac": [
        "{A} attacked the village outside {P} {D}, {K_ing}, {S} said.",
        "Gunmen stormed a settlement near {P} {D} and opened fire on {B}. {K_sent}",
        "{Sc} said {K_num} were killed when {A} raided a village near {P} {D}.",
        "{Dc}, {A} opened fire on {B} at a market near {P}, {K_ing}, according to {S}.",
        "Armed men killed {B} in an attack near {P} {D}, {S} said. {K_sent}",
    ],
    "protest": [
        "Thousands of {A} rallied in {P} {D} to demand better pay, {S} said.",
        "Hundreds of {A} marched through the streets of {P} {D}, calling on the government to act.",
        "{Dc}, {A} protested outside government offices in {P}, chanting slogans against the authorities.",
        "{A} staged a peaceful demonstration in central {P} {D}, {S} said.",
        "Crowds of {A} gathered in {P} {D} to protest against rising prices.",
    ],
    "riot": [
        "{A} torched cars and threw stones at {B} in {P} {D}. {K_sent}",
        "Violent protests broke out in {P} {D} as {A} clashed with {B}, {S} said. {K_sent}",
        "{Dc}, {A} set fire to shops in {P} and fought running battles with {B}.",
        "Angry {A} rioted in {P} {D}, attacking {B} with rocks, {S} said. {K_sent}",
    ],
    "arrest": [
        "{A} arrested dozens of {B} in {P} {D}, {S} said.",
        "{Dc}, {A} detained {N} {B} during raids in {P}.",
        "{Sc} said {A} rounded up {N} {B} in {P} {D}.",
        "Dozens of {B} were detained by {A} in {P} {D}, according to {S}.",
    ],
}
TITLES = {
    "battle": ["Clashes near {P}", "Fighting around {P}", "Deadly battle in {P}", "{P} fighting leaves dead"],
    "airstrike": ["Air strike on {P}", "Raids hit {P}", "Strikes kill civilians in {P}"],
    "shelling": ["Shelling in {P}", "{P} shelled", "Artillery hits {P}"],
    "bombing": ["Blast in {P}", "Bombing kills in {P}", "Explosion rocks {P}"],
    "vac": ["Village attack near {P}", "Massacre near {P}", "Gunmen kill villagers near {P}"],
    "protest": ["Protest in {P}", "{P} demonstration", "Rally in {P}"],
    "riot": ["Unrest in {P}", "Riots in {P}", "Violent protests in {P}"],
    "arrest": ["Arrests in {P}", "Crackdown in {P}", "Detentions in {P}"],
}
# Context sentences that carry no event, so reports differ in length and order.
FILLERS = [
    "The area has seen repeated violence in recent months.",
    "It was not possible to verify the figures independently.",
    "Aid groups called for calm.",
    "Local hospitals appealed for blood donations.",
    "The government has not commented.",
    "Residents said the situation remained tense.",
]


def date_phrase(rng: random.Random, event: dt.date, published: dt.date) -> str:
    lag = (published - event).days
    options = [f"on {event.strftime('%B')} {event.day}", f"on {event.day} {event.strftime('%B')}"]
    if 1 <= lag <= 6:
        options += [f"on {WEEKDAYS[event.weekday()]}"] * 2
    if lag == 1:
        options.append("yesterday")
        options.append(f"on {WEEKDAYS[event.weekday()]} night")
    if lag == 0:
        options.append("on " + WEEKDAYS[event.weekday()])
    return rng.choice(options)


def deaths(rng: random.Random, n: int, kind: str) -> dict[str, str]:
    who = {"battle": "fighters", "riot": "people"}.get(kind, "people")
    if n == 0:
        return {"K_ing": "causing damage", "K_sent": "", "K_left": "caused damage", "K_num": "no one"}
    hedge = rng.choice(["", "at least ", "", "at least "])
    return {
        "K_ing": f"killing {hedge}{n} {who}",
        "K_sent": f"{hedge.capitalize() or ''}{n} {who} were killed."
        if hedge
        else f"The toll stood at {n} dead.",
        "K_left": f"left {hedge}{n} dead",
        "K_num": f"{hedge}{n} {who}",
    }


def cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def main() -> None:
    rng = random.Random(SEED)
    reports, gold = [], {}
    for line in EVENTS.strip().splitlines():
        gid, kind, country, place, day, side_a, side_b, tolls = line.split("|")
        event = dt.date.fromisoformat(day)
        figures = [int(x) for x in tolls.split(",")]
        outlets = rng.sample(OUTLETS, len(figures))
        templates = rng.sample(TEMPLATES[kind], min(len(figures), len(TEMPLATES[kind])))
        for i, (toll, outlet) in enumerate(zip(figures, outlets, strict=True)):
            published = event + dt.timedelta(days=rng.choice([0, 1, 1, 1, 2, 3]))
            a = rng.choice(ACTORS[side_a]) or "unidentified attackers"
            b = rng.choice(ACTORS[side_b]) or "people"
            if kind in ("protest",) and side_b == "none":
                b = ""
            src = rng.choice(SOURCES[country])
            d = date_phrase(rng, event, published)
            slots = {
                "A": a, "Ac": cap(a), "B": b, "P": place, "D": d, "Dc": cap(d), "S": src, "Sc": cap(src),
                "N": str(rng.randint(12, 60)), **deaths(rng, toll, kind),
            }  # fmt: skip
            body = templates[i % len(templates)].format(**slots).replace(" .", ".").replace("  ", " ").strip()
            parts = [body]
            for filler in rng.sample(FILLERS, rng.randint(0, 2)):
                parts.insert(rng.randint(1, len(parts)), filler)
            rid = f"{gid}-r{i + 1}"
            reports.append({
                "id": rid,
                "title": rng.choice(TITLES[kind]).format(P=place),
                "text": " ".join(parts),
                "published": published.isoformat(),
                "source": outlet,
                "outlet": outlet,
            })  # fmt: skip
            gold[rid] = gid
    rng.shuffle(reports)  # outlets publish in no particular order
    with open(HERE / "reports.jsonl", "w", encoding="utf-8") as f:
        for r in reports:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    groups = sorted(set(gold.values()))
    (HERE / "gold.json").write_text(
        json.dumps({"reports": dict(sorted(gold.items())), "groups": len(groups)}, indent=1) + "\n"
    )
    print(f"{len(reports)} reports, {len(groups)} events")


if __name__ == "__main__":
    main()
