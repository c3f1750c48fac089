"""Word lists for quantity extraction: number words, scales, approximators, units, counted things.

Kept as plain data so that the rules in ``extract.py`` and ``counts.py`` read as rules, and so that a
reviewer can check coverage at a glance. Everything is lower-case.
"""

from __future__ import annotations

__all__ = [
    "APPROXIMATORS",
    "APPROX_SUFFIXES",
    "CASUALTY_KEYS",
    "COMPARATIVES",
    "COUNT_KINDS",
    "CURRENCY_PREFIXES",
    "CURRENCY_WORDS",
    "DIMENSION_ADJECTIVES",
    "FRACTIONS",
    "IDENTIFIER_WORDS",
    "MONTHS",
    "NUMBER_WORDS",
    "PERSON_NOUNS",
    "RATE_WORDS",
    "SCALES",
    "SCALE_ABBREVIATIONS",
    "SYNONYMS",
    "TIME_UNITS",
    "UNITS",
    "UNIT_DIMENSIONS",
    "VAGUE_PLURALS",
]

NUMBER_WORDS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90, "dozen": 12,
}  # fmt: skip

#: Multipliers written as words after a number ("2.5 million", "three hundred").
SCALES: dict[str, float] = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
}  # fmt: skip

#: Multipliers glued to or right after a digit ("$5bn", "1.2m", "300k").
SCALE_ABBREVIATIONS: dict[str, float] = {
    "k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12, "trn": 1e12,
}  # fmt: skip

#: Plural scale words used as vague quantities: lower bound of the plural ("hundreds" >= 200).
VAGUE_PLURALS: dict[str, float] = {
    "dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2000, "millions": 2e6,
    "billions": 2e9, "tens": 20,
}  # fmt: skip

#: Fractions read as shares ("roughly half of residents", "two-thirds of the city").
FRACTIONS: dict[str, float] = {
    "half": 0.5, "third": 1 / 3, "thirds": 1 / 3, "quarter": 0.25, "quarters": 0.25,
    "fifth": 0.2, "fifths": 0.2, "tenth": 0.1, "tenths": 0.1,
}  # fmt: skip

#: Approximator phrase -> canonical label. Longest phrases are tried first.
APPROXIMATORS: dict[str, str] = {
    "more than": "more_than", "over": "more_than", "upwards of": "more_than",
    "in excess of": "more_than", "above": "more_than", "just over": "more_than",
    "well over": "more_than", "a little over": "more_than", "nearly": "almost",
    "almost": "almost", "close to": "almost", "just under": "almost", "approaching": "almost",
    "about": "about", "around": "about", "roughly": "about", "approximately": "about",
    "some": "about", "an estimated": "about", "estimated": "about", "approx.": "about",
    "circa": "about", "at least": "at_least", "a minimum of": "at_least", "no fewer than": "at_least",
    "no less than": "at_least", "up to": "up_to", "as many as": "up_to", "as much as": "up_to",
    "at most": "up_to", "a maximum of": "up_to", "no more than": "up_to",
    "greater than": "more_than", "at the least": "at_least", "fewer than": "less_than", "less than": "less_than", "under": "less_than", "below": "less_than",
}  # fmt: skip

#: Approximators written after the number ("40 or more", "200-plus").
APPROX_SUFFIXES: dict[str, str] = {
    "or more": "at_least", "or so": "about", "plus": "more_than", "-plus": "more_than",
    "+": "more_than", "or fewer": "up_to", "or less": "up_to",
}  # fmt: skip

CURRENCY_PREFIXES: dict[str, str] = {
    "us$": "USD", "$": "USD", "usd": "USD", "£": "GBP", "gbp": "GBP", "€": "EUR", "eur": "EUR",
    "¥": "JPY", "hk$": "HKD", "c$": "CAD", "a$": "AUD", "rs": "INR", "rs.": "INR",
}  # fmt: skip

#: Currency words after a number; longest first at match time.
CURRENCY_WORDS: dict[str, str] = {
    "dollars": "USD", "dollar": "USD", "us dollars": "USD", "euros": "EUR", "euro": "EUR",
    "pounds": "GBP", "pound": "GBP", "sterling": "GBP", "pounds sterling": "GBP", "yen": "JPY",
    "yuan": "CNY", "renminbi": "CNY", "rupees": "INR", "roubles": "RUB", "rubles": "RUB",
    "hryvnias": "UAH", "hryvnia": "UAH", "swiss francs": "CHF", "francs": "CHF",
    "canadian dollars": "CAD", "australian dollars": "AUD", "haitian gourdes": "HTG",
    "gourdes": "HTG", "egyptian pounds": "EGP", "bahraini dinars": "BHD", "kuwaiti dinars": "KWD",
    "iraqi dinars": "IQD", "dinars": "DIN", "usd": "USD", "eur": "EUR",
}  # fmt: skip

#: Unit words after a number -> canonical unit symbol. Multi-word units are listed with spaces.
UNITS: dict[str, str] = {
    "%": "percent", "percent": "percent", "per cent": "percent", "pct": "percent",
    "percentage points": "percentage_point", "percentage point": "percentage_point",
    "points": "point",
    "km": "km", "kms": "km", "kilometres": "km", "kilometre": "km", "kilometers": "km",
    "kilometer": "km", "miles": "mi", "mile": "mi", "mi": "mi", "nautical miles": "nmi",
    "nautical mile": "nmi", "metres": "m", "metre": "m", "meters": "m", "meter": "m",
    "feet": "ft", "foot": "ft", "ft": "ft", "yards": "yd", "yard": "yd", "inches": "in",
    "inch": "in", "centimetres": "cm", "centimeters": "cm", "cm": "cm", "millimetres": "mm",
    "millimeters": "mm", "mm": "mm",
    "square kilometres": "km2", "square kilometers": "km2", "square kilometre": "km2",
    "square kilometer": "km2", "sq km": "km2", "km2": "km2", "km²": "km2", "square miles": "mi2",
    "square mile": "mi2", "sq miles": "mi2", "sq mi": "mi2", "hectares": "ha", "hectare": "ha",
    "acres": "acre", "acre": "acre", "square feet": "ft2", "sq ft": "ft2", "square metres": "m2",
    "square meters": "m2",
    "barrels": "barrel", "barrel": "barrel", "bbl": "barrel", "gallons": "gal", "gallon": "gal",
    "litres": "l", "liters": "l", "litre": "l", "liter": "l", "cubic metres": "m3",
    "cubic meters": "m3", "cubic feet": "ft3",
    "tonnes": "t", "tonne": "t", "tons": "t", "ton": "t", "metric tons": "t", "kilograms": "kg",
    "kilogram": "kg", "kg": "kg", "kilos": "kg", "kilo": "kg", "lbs": "lb", "lb": "lb",
    "grams": "g", "gram": "g", "ounces": "oz", "ounce": "oz",
    "mph": "mph", "km/h": "km/h", "kph": "km/h", "knots": "kn",
    "degrees celsius": "degC", "degrees fahrenheit": "degF", "degrees c": "degC",
    "degrees f": "degF", "degrees": "deg", "°c": "degC", "°f": "degF",
    "megawatts": "MW", "mw": "MW", "gigawatts": "GW", "kilowatts": "kW",
    "magnitude": "magnitude",
    "seconds": "s", "second": "s", "secs": "s", "minutes": "min", "minute": "min", "mins": "min",
    "hours": "h", "hour": "h", "hrs": "h", "yrs": "year", "m": "m", "in": "in",
    "days": "day", "day": "day", "weeks": "week", "week": "week", "months": "month",
    "month": "month", "years": "year", "year": "year", "decades": "decade", "decade": "decade",
}  # fmt: skip

#: Canonical unit -> (dimension, factor to the dimension's base unit). Money is per currency.
UNIT_DIMENSIONS: dict[str, tuple[str, float]] = {
    "percent": ("percentage", 1.0), "percentage_point": ("percentage_point", 1.0),
    "point": ("point", 1.0),
    "km": ("distance", 1000.0), "mi": ("distance", 1609.344), "nmi": ("distance", 1852.0),
    "m": ("distance", 1.0), "ft": ("distance", 0.3048), "yd": ("distance", 0.9144),
    "in": ("distance", 0.0254), "cm": ("distance", 0.01), "mm": ("distance", 0.001),
    "km2": ("area", 1e6), "mi2": ("area", 2.589988e6), "ha": ("area", 1e4),
    "acre": ("area", 4046.856), "ft2": ("area", 0.092903), "m2": ("area", 1.0),
    "barrel": ("volume", 158.987), "gal": ("volume", 3.785411), "l": ("volume", 1.0),
    "m3": ("volume", 1000.0), "ft3": ("volume", 28.31685),
    "t": ("mass", 1000.0), "kg": ("mass", 1.0), "lb": ("mass", 0.453592), "g": ("mass", 0.001),
    "oz": ("mass", 0.0283495),
    "mph": ("speed", 1.609344), "km/h": ("speed", 1.0), "kn": ("speed", 1.852),
    "degC": ("temperature", 1.0), "degF": ("temperature_f", 1.0), "deg": ("angle", 1.0),
    "MW": ("power", 1e6), "GW": ("power", 1e9), "kW": ("power", 1e3),
    "magnitude": ("magnitude", 1.0), "times": ("ratio", 1.0),
    "s": ("duration", 1.0), "min": ("duration", 60.0), "h": ("duration", 3600.0),
    "day": ("duration", 86400.0), "week": ("duration", 604800.0),
    "month": ("duration", 2629800.0), "year": ("duration", 31557600.0),
    "decade": ("duration", 315576000.0), "fraction": ("fraction", 1.0),
}  # fmt: skip

#: "5,000 barrels a day": the rate word after a unit or a counted noun.
RATE_WORDS: dict[str, str] = {
    "a day": "day", "per day": "day", "each day": "day", "every day": "day", "daily": "day",
    "a week": "week", "per week": "week", "a month": "month", "per month": "month",
    "a year": "year", "per year": "year", "annually": "year", "an hour": "h", "per hour": "h",
    "per capita": "person", "per person": "person", "a head": "person", "a person": "person",
}  # fmt: skip

MONTHS = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    ]
)

#: Capitalised words before a number that make it a name or identifier, not a quantity.
IDENTIFIER_WORDS = frozenset(
    [
        "no",
        "no.",
        "nos",
        "number",
        "article",
        "section",
        "chapter",
        "resolution",
        "flight",
        "route",
        "highway",
        "interstate",
        "apollo",
        "boeing",
        "airbus",
        "room",
        "gate",
        "building",
        "unit",
        "terminal",
        "platform",
        "channel",
        "level",
        "stage",
        "category",
        "class",
        "grade",
        "phase",
        "act",
        "clause",
        "paragraph",
        "page",
        "pages",
        "vol",
        "volume",
        "issue",
        "edition",
        "episode",
        "season",
        "series",
        "version",
        "windows",
        "iphone",
        "formula",
        "world",
        "ward",
        "district",
        "precinct",
        "block",
        "lot",
        "pier",
        "exit",
        "track",
        "bus",
        "tram",
        "line",
        "lines",
        "camp",
        "bill",
        "hr",
        "s.",
    ]
)

#: Nouns that name people generically: the counted thing is then what happened to them.
PERSON_NOUNS = frozenset(
    [
        "people",
        "person",
        "persons",
        "individuals",
        "civilians",
        "residents",
        "men",
        "women",
        "children",
        "adults",
        "passengers",
        "workers",
        "victims",
        "others",
        "inhabitants",
        "locals",
        "villagers",
        "citizens",
    ]
)

#: Casualty words (verbs, adjectives, nouns) -> normalised counted key.
CASUALTY_KEYS: dict[str, str] = {
    "kill": "deaths", "killed": "deaths", "dead": "deaths", "die": "deaths", "died": "deaths",
    "death": "deaths", "deaths": "deaths", "fatality": "deaths", "fatalities": "deaths",
    "toll": "deaths", "life": "deaths", "lives": "deaths", "perish": "deaths",
    "injure": "injuries", "injured": "injuries", "wound": "injuries", "wounded": "injuries",
    "injury": "injuries", "injuries": "injuries", "hurt": "injuries", "hospitalise": "injuries",
    "hospitalize": "injuries", "hospitalised": "injuries", "hospitalized": "injuries",
    "missing": "missing", "miss": "missing", "arrest": "arrests", "arrested": "arrests", "detain": "arrests",
    "detained": "arrests", "evacuate": "evacuations", "evacuated": "evacuations",
    "displace": "displaced", "displaced": "displaced", "rescue": "rescued", "rescued": "rescued",
    "infect": "cases", "infected": "cases", "sicken": "cases", "slay": "deaths", "slain": "deaths",
    "unaccounted": "missing", "move": "evacuations", "moved": "evacuations",
    "relocate": "evacuations", "relocated": "evacuations",
}  # fmt: skip

#: Lemma -> normalised counted key (synonyms folded; settlements folded to one key).
SYNONYMS: dict[str, str] = {
    "death": "deaths", "fatality": "deaths", "dead": "deaths", "toll": "deaths",
    "killing": "deaths", "injury": "injuries", "injured": "injuries", "wounded": "injuries",
    "casualty": "casualties", "person": "people", "individual": "people", "persons": "people",
    "troop": "soldiers", "soldier": "soldiers", "serviceman": "soldiers", "servicemen": "soldiers",
    "village": "settlements", "town": "settlements", "settlement": "settlements",
    "hamlet": "settlements", "locality": "settlements", "house": "homes", "home": "homes",
    "dwelling": "homes", "property": "homes", "vessel": "ship", "dockworker": "worker", "arrest": "arrests", "detainee": "arrests", "case": "cases",
    "infection": "cases", "evacuee": "evacuations", "evacuation": "evacuations",
    "tank": "tanks", "rocket": "rockets", "missile": "missiles", "drone": "drones",
    "resident": "residents", "child": "children", "kid": "children",
}  # fmt: skip

#: Normalised counted key -> the kind of figure (the issue's categories).
COUNT_KINDS: dict[str, str] = {
    "deaths": "casualties", "injuries": "casualties", "casualties": "casualties",
    "missing": "casualties", "people": "people", "residents": "people", "children": "people",
    "civilian": "people", "soldiers": "people", "evacuations": "people", "displaced": "people",
    "arrests": "people", "refugee": "people", "worker": "people", "cases": "people",
    "passenger": "people", "victim": "people", "prisoner": "people", "protester": "people",
    "settlements": "settlements", "homes": "settlements", "building": "settlements",
    "tanks": "equipment", "rockets": "equipment", "missiles": "equipment", "drones": "equipment",
    "aircraft": "equipment", "vehicle": "equipment", "ship": "equipment", "gun": "equipment",
    "helicopter": "equipment", "jet": "equipment", "boat": "equipment", "weapon": "equipment",
    "plane": "equipment", "vessel": "equipment", "rig": "equipment",
}  # fmt: skip


#: Words after "N times" that make it a ratio ("20 times higher"), not a count of occasions.
COMPARATIVES = frozenset(
    ["higher", "more", "larger", "bigger", "greater", "lower", "smaller", "less", "fewer",
     "faster", "slower", "as", "the", "that", "its", "their", "over", "longer", "heavier"]
)  # fmt: skip

#: Canonical units of time: a quantity in these is a duration.
TIME_UNITS = frozenset({"s", "min", "h", "day", "week", "month", "year", "decade"})

#: Adjectives after a hyphenated measure ("a 6in-wide (15cm) tube", "1,600m high").
DIMENSION_ADJECTIVES = frozenset(
    ["wide", "long", "high", "deep", "tall", "thick", "across", "in", "diameter"]
)
