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

# the name to say, then every way a learner writes it (lower case, as `normalize` leaves text)
_PLACES: dict[str, tuple[str, ...]] = {
    "Australia": ("australia", "australian", "aussie"),
    "Austria": ("austria", "austrian"),
    "Bangladesh": ("bangladesh", "bangladeshi"),
    "Belgium": ("belgium", "belgian"),
    "Brazil": ("brazil", "brazilian"),
    "Canada": ("canada", "canadian"),
    "Chile": ("chile", "chilean"),
    "China": ("china",),
    "Colombia": ("colombia", "colombian"),
    "Denmark": ("denmark",),
    "Egypt": ("egypt", "egyptian"),
    "Ethiopia": ("ethiopia", "ethiopian"),
    "Finland": ("finland",),
    "France": ("france",),
    "Germany": ("germany",),
    "Ghana": ("ghana", "ghanaian"),
    "Greece": ("greece",),
    "Hong Kong": ("hong kong",),
    "India": ("india", "indian"),
    "Indonesia": ("indonesia", "indonesian"),
    "Ireland": ("ireland", "irish"),
    "Israel": ("israel", "israeli"),
    "Italy": ("italy",),
    "Japan": ("japan",),
    "Kenya": ("kenya", "kenyan"),
    "Malaysia": ("malaysia", "malaysian"),
    "Mexico": ("mexico", "mexican"),
    "Nepal": ("nepal", "nepali", "nepalese"),
    "the Netherlands": ("netherlands", "holland"),
    "New Zealand": ("new zealand", "nz", "kiwi"),
    "Nigeria": ("nigeria", "nigerian"),
    "Norway": ("norway",),
    "Pakistan": ("pakistan", "pakistani"),
    "the Philippines": ("philippines", "filipino", "pinoy"),
    "Poland": ("poland",),
    "Portugal": ("portugal",),
    "Qatar": ("qatar",),
    "Saudi Arabia": ("saudi arabia", "saudi"),
    "Scotland": ("scotland", "scottish"),
    "Singapore": ("singapore", "singaporean"),
    "South Africa": ("south africa", "south african"),
    "South Korea": ("south korea", "korea"),
    "Spain": ("spain",),
    "Sri Lanka": ("sri lanka", "sri lankan"),
    "Sweden": ("sweden",),
    "Switzerland": ("switzerland", "swiss"),
    "Taiwan": ("taiwan",),
    "Tanzania": ("tanzania",),
    "Thailand": ("thailand",),
    "Turkey": ("turkey", "turkiye"),
    "Uganda": ("uganda",),
    "the UAE": ("uae", "united arab emirates", "dubai", "abu dhabi"),
    "the UK": ("uk", "united kingdom", "britain", "great britain", "british", "england", "wales"),
    "the US": ("us", "usa", "united states", "america"),
    "Vietnam": ("vietnam", "viet nam"),
    "Zimbabwe": ("zimbabwe",),
}
_WRITTEN = {written: name for name, forms in _PLACES.items() for written in forms}
_ANY = re.compile(r"\b(" + "|".join(sorted(map(re.escape, _WRITTEN), key=len, reverse=True)) + r")\b")
# "us" is a pronoun more often than a country: only "the us", "in us", "us citizen" and the like
_US_PRONOUN = re.compile(r"\b(?<!the )(?<!in )(?<!from )us\b(?! (citizen|citizens|residents?|based|government|govt))")


@dataclass(frozen=True)
class Place:
    name: str  # as said: "the UK"
    words: str  # every way it is written, to find in an answer ("the US" is "the United States" there)
    asked_in: bool  # the text asks about something there ("recognised in Canada"), not only from there


def place_named(plain: str) -> Place | None:
    """The first country a normalised text names, or None."""
    for found in _ANY.finditer(plain):
        written = found.group(1)
        if written == "us" and _US_PRONOUN.match(plain, found.start()):
            continue
        name = _WRITTEN[written]
        asked_in = re.search(rf"\b(in|for|across|within|throughout) (the )?{re.escape(written)}\b", plain) is not None
        return Place(name, " ".join((name, *_PLACES[name])), asked_in)
    return None


# words of the names above that are no place on their own ("new", "united", "us")
_NO_PLACE_ALONE = frozenset("the new south united great us states kingdom arab sri hong viet nam abu".split())


# The words that name a country here on their own, to find the answers that speak of any.
EVERY_PLACE = " ".join(sorted({word for name, forms in _PLACES.items() for form in (name.lower(), *forms)
                               for word in form.split()} - _NO_PLACE_ALONE))
