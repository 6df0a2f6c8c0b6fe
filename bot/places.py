"""Countries a learner may say they are in or ask about ("im in melbourne, does the australian govt
fund microcredentials?"), so that an answer the knowledge base gives in general can say it is
general, rather than read as if its Ontario and New York examples applied to them.

Nouns only where the adjective is also a language ("is it in German?" asks about a language, not
about Germany); New Zealand and the EU have entries of their own and are named here too, so that an
answer about them is recognised as speaking to them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# the name to say, then every way a learner writes it (lower case, as `normalize` leaves text): its
# people and its larger cities too ("im in pune" says India as "im in india" does)
_PLACES: dict[str, tuple[str, ...]] = {
    "Australia": ("australia", "australian", "aussie", "melbourne", "melb", "sydney", "brisbane", "adelaide",
                  "canberra", "perth", "hobart", "new south wales", "nsw", "queensland", "qld", "tasmania"),
    "Austria": ("austria", "austrian", "vienna"),
    "Bangladesh": ("bangladesh", "bangladeshi", "dhaka"),
    "Belgium": ("belgium", "belgian", "brussels"),
    "Brazil": ("brazil", "brazilian", "sao paulo", "rio de janeiro"),
    "Canada": ("canada", "canadian", "toronto", "vancouver", "montreal", "ottawa", "calgary", "edmonton",
               "winnipeg", "ontario", "quebec", "british columbia", "alberta", "manitoba", "saskatchewan",
               "nova scotia"),
    "Chile": ("chile", "chilean", "santiago"),
    "China": ("china", "beijing", "shanghai", "shenzhen"),
    "Colombia": ("colombia", "colombian", "bogota", "medellin"),
    "Denmark": ("denmark", "copenhagen"),
    "Egypt": ("egypt", "egyptian", "cairo"),
    "Ethiopia": ("ethiopia", "ethiopian", "addis ababa"),
    "Finland": ("finland", "helsinki"),
    "France": ("france", "paris", "lyon"),
    "Germany": ("germany", "berlin", "munich", "hamburg", "frankfurt", "cologne"),
    "Ghana": ("ghana", "ghanaian", "accra", "kumasi"),
    "Greece": ("greece", "athens"),
    "Hong Kong": ("hong kong",),
    "India": ("india", "indian", "mumbai", "delhi", "bangalore", "bengaluru", "pune", "hyderabad", "chennai",
              "kolkata"),
    "Indonesia": ("indonesia", "indonesian", "jakarta"),
    "Ireland": ("ireland", "irish", "dublin"),
    "Israel": ("israel", "israeli", "tel aviv"),
    "Italy": ("italy", "rome", "milan"),
    "Japan": ("japan", "tokyo", "osaka"),
    "Kenya": ("kenya", "kenyan", "nairobi", "mombasa"),
    "Malaysia": ("malaysia", "malaysian", "kuala lumpur"),
    "Mexico": ("mexico", "mexican", "guadalajara", "monterrey"),
    "Nepal": ("nepal", "nepali", "nepalese", "kathmandu"),
    "the Netherlands": ("netherlands", "holland", "amsterdam", "rotterdam"),
    "New Zealand": ("new zealand", "nz", "kiwi", "auckland", "wellington", "christchurch"),
    "Nigeria": ("nigeria", "nigerian", "lagos", "abuja", "ibadan"),
    "Norway": ("norway", "oslo"),
    "Pakistan": ("pakistan", "pakistani", "karachi", "lahore", "islamabad"),
    "the Philippines": ("philippines", "filipino", "pinoy", "manila", "cebu", "davao"),
    "Poland": ("poland", "warsaw", "krakow"),
    "Portugal": ("portugal", "lisbon"),
    "Qatar": ("qatar", "doha"),
    "Saudi Arabia": ("saudi arabia", "saudi", "riyadh", "jeddah"),
    "Scotland": ("scotland", "scottish", "edinburgh", "glasgow"),
    "Singapore": ("singapore", "singaporean"),
    "South Africa": ("south africa", "south african", "cape town", "johannesburg", "durban", "pretoria"),
    "South Korea": ("south korea", "korea", "seoul", "busan"),
    "Spain": ("spain", "madrid", "barcelona"),
    "Sri Lanka": ("sri lanka", "sri lankan"),
    "Sweden": ("sweden", "stockholm"),
    "Switzerland": ("switzerland", "swiss", "zurich", "geneva"),
    "Taiwan": ("taiwan", "taipei"),
    "Tanzania": ("tanzania", "dar es salaam", "dodoma"),
    "Thailand": ("thailand", "bangkok"),
    "Turkey": ("turkey", "turkiye", "istanbul", "ankara"),
    "Uganda": ("uganda", "kampala"),
    "the UAE": ("uae", "united arab emirates", "dubai", "abu dhabi"),
    "the UK": ("uk", "united kingdom", "britain", "great britain", "british", "england", "wales", "northern ireland",
               "london", "manchester", "birmingham", "leeds", "liverpool", "bristol", "cardiff", "belfast"),
    "the US": ("us", "usa", "united states", "america", "texas", "california", "florida", "ohio", "new york",
               "illinois", "pennsylvania", "chicago", "los angeles", "houston", "seattle", "boston"),
    "Vietnam": ("vietnam", "viet nam", "hanoi", "ho chi minh city", "saigon"),
    "Zimbabwe": ("zimbabwe", "harare", "bulawayo"),
}
# Members of the EU (of those above): an answer that speaks of Europe speaks to them (ECTS, the EU's
# approach to micro-credentials), so an Irish learner is not told it has "nothing specific" to Ireland.
_IN_THE_EU = frozenset({"Austria", "Belgium", "Denmark", "Finland", "France", "Germany", "Greece", "Ireland",
                        "Italy", "the Netherlands", "Poland", "Portugal", "Spain", "Sweden"})
_EUROPE = "Europe European EU"
_WRITTEN = {written: name for name, forms in _PLACES.items() for written in forms}
_NAMES = "|".join(sorted(map(re.escape, _WRITTEN), key=len, reverse=True))  # (the longest first)
_ANY = re.compile(rf"\b({_NAMES})\b")
# "that is about GI bill and pell, I am not american": a place the asker says they are not in or from
# ("not american", "im not in the us", "not from the uk") is none they ask about; the US's entry answered
# again, for the word "american"
_DENIED = re.compile(rf"\bnot (?:an? |in |from |based in |living in |working in |a citizen of )?(?:the )?(?:{_NAMES})\b")
# "us" is a pronoun more often than a country: only "the us", "in us", "us citizen" and the like
_US_PRONOUN = re.compile(r"\b(?<!the )(?<!in )(?<!from )us\b(?! (citizen|citizens|residents?|based|government|govt))")


@dataclass(frozen=True)
class Place:
    name: str  # as said: "the UK"
    words: str  # every way it is written, to find in an answer ("the US" is "the United States" there;
    # an EU member is spoken of as Europe too)
    asked_in: bool  # the text asks about something there ("recognised in Canada"), not only from there


# "im in", "here in", "we're based in": the place that follows is where the asker is
# ("from" says less: "im from kenya but live in the uk" is in the UK)
_SELF_PLACED = (re.compile(r"\b(?:im|i am|i m|i live|i work|we are|were|we re|we live|we work|based|living|located|"
                           r"here|live|work|working)(?: in| at)(?: the)?\s*$|\b(?:based|located|here)(?: the)?\s*$"),
                re.compile(r"\bfrom(?: the)?\s*$"))


def without_denied(plain: str) -> str:
    """Normalised text without the places it says the asker is not in or from ("i am not american")."""
    return _DENIED.sub("not", plain)


_ASKING_OF = r"\b(?:in|for|across|within|throughout) (?:the )?"  # the words before a place asked of ("for australia")
_ASKED_IN = re.compile(rf"{_ASKING_OF}$")


def place_named(plain: str) -> Place | None:
    """The country a normalised text says the asker is in ("thats uk and australia tho. im in
    ontario": Canada), else the first it names, or None."""
    plain = without_denied(plain)
    named = [found for found in _ANY.finditer(plain)
             if not (found.group(1) == "us" and _US_PRONOUN.match(plain, found.start()))]
    if not named:
        return None
    # (a window before the name is enough to see "im in", and keeps the look linear in the text); else the
    # one asked of ("thats uk and us. anything for australia?" asks of Australia, the UK and the US said before)
    found = next((f for placed in _SELF_PLACED for f in named
                  if placed.search(plain[max(0, f.start() - 24):f.start()])), None) \
        or next((f for f in named if _ASKED_IN.search(plain[max(0, f.start() - 12):f.start()])), named[0])
    written = found.group(1)
    name = _WRITTEN[written]
    asked_in = re.search(rf"{_ASKING_OF}{re.escape(written)}\b", plain) is not None
    return Place(name, _words_of(name), asked_in)


def place_called(name: str) -> Place | None:
    """The place said as `name` ("India", as `Place.name` has it), or None for a name not listed here."""
    return Place(name, _words_of(name), asked_in=False) if name in _PLACES else None


def _words_of(name: str) -> str:
    """Every way an answer may speak of the place `name`: its names, and Europe for an EU member; not
    the words that are no place alone ("new" of New South Wales met New York in an answer)."""
    return " ".join(_placing_words((name, *_PLACES[name], *([_EUROPE] if name in _IN_THE_EU else []))))


# words of the names above that are no place on their own ("new", "united", "us")
_NO_PLACE_ALONE = frozenset("the new south united great us states kingdom arab sri hong viet nam abu "
                            "cape town city de es dar ho chi rio tel".split())


def _placing_words(forms: tuple[str, ...]) -> list[str]:
    """The words of `forms` that name a place on their own, in order."""
    return [word for form in forms for word in form.split() if word.lower() not in _NO_PLACE_ALONE]


# The words that name a country here on their own, to find the answers that speak of any.
EVERY_PLACE = " ".join(sorted({word for name, forms in _PLACES.items()
                               for word in _placing_words((name.lower(), *forms))}))
