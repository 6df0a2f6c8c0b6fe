"""Turning what people type into something that can be matched, and spotting what they want.

Two jobs, one module, because both read the same normalised text:

* `Analyzer` normalises (Unicode forms, zero-width characters, case, punctuation, hyphens,
  British spellings), stems, and rewrites the domain vocabulary from `synonyms.yaml`, so that
  questions and entries meet in the same words.
* `detect_intent` recognises the requests that are not knowledge questions: greetings and thanks,
  asking for help, and asking about one's own badges. A how-to question stays a knowledge question
  even when it says "my" ("how do I accept my badge?"). Beside it, the other readings of a turn the
  engine needs: which social turn a greeting is, whether a message asks for a person, is in another
  language, asks two questions, or asks about the badge just shown.
"""

from __future__ import annotations

import re
import unicodedata
import urllib.parse
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

import snowballstemmer

from bot.english import is_everyday
from bot.messages import Intent

# Characters that carry no meaning but break matching when pasted from chat or documents.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"), None)
_TOKEN = re.compile(r"\d+(?:\.\d+)+|[^\W_]+(?:'[^\W_]+)?", re.U)
_MAX_CHARS = 2000  # nobody asks a question longer than this; the rest is pasted noise

# British spellings learners use, mapped to the single spelling the index holds.
_SPELLING = {
    "enrol": "enroll", "enrols": "enrolls", "enrolled": "enrolled", "enrolment": "enrollment",
    "enrolments": "enrollments", "licence": "license", "licences": "licenses",
    "programme": "program", "programmes": "programs", "catalogue": "catalog",
    "centre": "center", "centres": "centers", "behaviour": "behavior", "colour": "color",
    "favour": "favor", "honour": "honor", "labour": "labor", "judgement": "judgment",
    "fulfil": "fulfill", "skilful": "skillful", "analyse": "analyze", "practise": "practice",
    "defence": "defense", "cancelled": "canceled", "travelling": "traveling",
    "modelling": "modeling", "cheque": "check", "grey": "gray", "ageing": "aging",
}
# Chat shorthand for the small words that carry a question's shape.
_SHORTHAND = {
    "u": "you", "ur": "your", "r": "are", "pls": "please", "plz": "please", "wat": "what", "wht": "what",
    "waht": "what", "whta": "what", "hw": "how", "abt": "about", "thru": "through", "b4": "before",
    "w/o": "without", "bc": "because", "cuz": "because", "coz": "because", "dont": "don't",
    "nvr": "never", "evr": "ever", "smth": "something", "sth": "something", "rly": "really",
    "ppl": "people", "ppls": "people", "yr": "year", "yrs": "years", "hrs": "hours",
    "mins": "minutes", "wks": "weeks", "wk": "week", "govt": "government",
    "wats": "whats", "wots": "whats", "wot": "what", "jus": "just", "tho": "though", "howw": "how",
}
_AFTER_WHY = frozenset("do does did is are was were would should can cant could not isnt doesnt dont wont".split())
_ISE = re.compile(r"(?<=[a-z]{3})is(e|es|ed|ing|ation|ations)$")
_ISE_KEEP = {"advise", "advised", "advises", "advising", "exercise", "exercises", "expertise",
             "premise", "premises", "promise", "promised", "promises", "revise", "revised",
             "revision", "supervise", "supervised", "surprise", "surprised", "franchise",
             "compromise", "otherwise", "enterprise", "improvise", "televise", "disguise",
             "precise", "concise", "raise", "raised", "praise", "noise", "wise", "rise",
             "arise", "arised", "cruise", "devise", "despise", "comprise", "comprises",
             "comprised", "merchandise", "paradise", "chemise", "reprise", "apprise"}

STOPWORDS = frozenset("""
a an the and or but if then so of to in on at by for with from into onto about as is are was were be
been being am do does did doing done have has had having i me my mine myself we us our ours you your
yours he him his she her it its they them their theirs this that these those there here which
whom whose could would will shall may might must just also too very
really please hi hii hiya hey heya hello hallo howdy kia ora thanks thank ok okay any some all each every no not than up out over again
once more most other such only own same both few s t don doesn didn isn aren wasn weren won wouldn
shouldn couldn im ive id get got gets getting one something anything thing things know like want
need tell explain mean means anyone someone still actually kind sort lot lots bit stuff
wonder wondering wondered whether curious somewhere else anyway maybe perhaps basically honestly confused
roughly approximately ballpark
lol lmao haha hehe yo tbh btw omg urgent urgently asap
sorry sir madam maam plz pls bro dude kindly
http https www com org net html
de des du
""".split())
# ("de", "des", "du": French and Spanish function words, which French names in the base ("blocs de compétences")
# made known terms; a question in Spanish then matched every entry less well for holding "de")

# Negative contractions as normalising leaves them ("wasn't" is "wasnt"). Where the base uses one
# ("I haven't received my badge") it is a term like any other; a question's other ones are function
# words, never misspellings of a nearby word ("wouldnt" is not "couldnt", "wasnt" is not "want").
NEGATIONS = frozenset(
    ["cant", "cannot", "wont", "dont", "aint"]
    + [f"{verb}nt" for verb in ("did", "does", "do", "is", "are", "was", "were", "have", "has", "had",
                               "could", "would", "should", "must", "need", "might")]
)

# Words requests are recognised by that the base's own text may never use: typo correction knows
# them too, so "how clse am i to ..." is still a question about progress, not about a "case".
REQUEST_WORDS = frozenset("""
close far progress newest oldest latest earned gotten hello thanks thank please okay sorry validate
""".split())

_stemmer = snowballstemmer.stemmer("english")


# Words the stemmer would merge although learners mean different things by them.
_STEM_EXCEPTIONS = {
    "certificate": "certificate", "certificates": "certificate", "certificated": "certificate",
    "certification": "certification", "certifications": "certification",
    "certified": "certification", "certify": "certification",
    # "personally identifiable data" is about privacy, not decentralized identifiers
    "identifiable": "identifiable",
    # "verifiable" is nearly always the standard's name (W3C Verifiable Credentials); verifying is
    # the act, whichever form it takes (the stemmer leaves "verification" as "verif")
    "verifiable": "verifiable", "verification": "verifi", "verifications": "verifi",
    # the stemmer keeps these apart from the verbs they name ("recognition" is "recognit",
    # "recognised" "recogn"), though learners use them for one idea
    "recognition": "recogn", "recognitions": "recogn",
    "shareable": "share", "sharable": "share", "definition": "defin", "definitions": "defin",
    # a brand is not a word: the stemmer reads "Credly" as "cred" + "-ly", the stem of "creds"
    "credly": "credly",
}


_VOWELS = re.compile(r"[aeiouy]")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The word's stem, with two places where the English stemmer splits one word's forms mended.

    An acronym's plural kept its "s" ("PDFs" stemmed to "pdfs", "PDF" to "pdf"): the stemmer drops
    a plural "s" only when the rest of the word holds a vowel. And a word in -ence or -ance loses the
    ending only in its base form ("experience" is "experi", "experienced" was "experienc").
    """
    if word in _STEM_EXCEPTIONS:
        return _STEM_EXCEPTIONS[word]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 2 and not _VOWELS.search(word[:-1]):
        word = word[:-1]
    stemmed = _stemmer.stemWord(word)
    if stemmed.endswith(("enc", "anc")) and stemmed != word:
        return _stemmer.stemWord(stemmed + "e")
    return stemmed


def _americanise(word: str) -> str:
    if word in _SPELLING:
        return _SPELLING[word]
    if word in _SHORTHAND:
        return _SHORTHAND[word]
    if word not in _ISE_KEEP and len(word) > 6:
        return _ISE.sub(lambda m: "iz" + m.group(1), word)
    return word


@lru_cache(maxsize=4096)
def _unaccent(ch: str) -> str:
    """Latin letters lose their accents (résumé -> resume); letters of other scripts (й) stay whole."""
    if ch.isascii():
        return ch
    base = unicodedata.normalize("NFKD", ch)
    return base[0] if base[0].isascii() and base[0].isalpha() else ch


_ASCII_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_SEPARATORS = re.compile(r"[\-\u2010-\u2015/_]+")  # micro-credential, and/or, add_to_profile


def normalize(text: str) -> str:
    """Lowercase plain words: one canonical spelling for everything a user might type."""
    text = text[:_MAX_CHARS]
    if text.isascii():  # the common case, kept fast for index builds over large bases
        text = _ASCII_CONTROL.sub(" ", text).lower().replace("`", "'")
    else:
        text = unicodedata.normalize("NFKC", text).translate(_INVISIBLE)
        text = "".join(ch if unicodedata.category(ch)[0] != "C" else " " for ch in text)
        text = "".join(map(_unaccent, text.casefold()))
        text = text.replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    text = _SEPARATORS.sub(" ", text)
    out = []
    for w in _TOKEN.findall(text):
        # (the word before a possessive is read as any other: "ppl's handles" is people's)
        out.append(_americanise(w.removesuffix("'s")).replace("'", ""))
    if len(out) > 1 and out[0] == "y" and out[1] in _AFTER_WHY:
        out[0] = "why"  # "y do they expire": chat's "why" (alone, "y" may be "yes")
    return " ".join(out)


@dataclass(frozen=True)
class DeclineTrigger:
    """A phrase or subject of out_of_scope.yaml, matched as whole words in normalised text.

    The index declines with these and `kb check` warns with them, so both must agree exactly.
    """

    phrase: str
    pattern: re.Pattern[str]
    always: bool  # a phrase declines any question; a subject only one that asks about no credential
    unless: re.Pattern[str] | None = None  # the group's words that keep a question from it

    def fires(self, plain: str) -> bool:
        # ("not a billing question. does the canada training credit cover ..." says what it is not; the
        # look back is done on each match, as a lookbehind in every pattern made each search five times slower)
        said = any(not _SAID_NOT.search(plain[max(0, found.start() - 8):found.start()])
                   for found in self.pattern.finditer(plain))
        return (said and (self.always or not mentions_credential(plain))
                and (self.unless is None or self.unless.search(plain) is None))


_SAID_NOT = re.compile(r"(?:^|\s)not an? $")


def decline_triggers(triggers: list[tuple[str, bool]], unless: list[str] | None = None) -> list[DeclineTrigger]:
    """A decline group's (phrase, always) pairs as triggers, with its `unless` words; a phrase
    with no words is left out."""
    kept = [plain for word in unless or () if (plain := normalize(word))]
    keep = re.compile(r"\b(" + "|".join(map(re.escape, kept)) + r")\b") if kept else None
    return [DeclineTrigger(phrase, re.compile(r"\b" + re.escape(plain) + r"\b"), always, keep)
            for phrase, always in triggers if (plain := normalize(phrase))]


def words(text: str) -> list[str]:
    return normalize(text).split()


@dataclass(frozen=True)
class Synonyms:
    """Phrase rewriting over stemmed tokens, longest phrase first.

    Matching on stems lets "badges" and "badge" meet, but a variant made only of everyday
    function words would swallow them everywhere: "DID" is also "did", and every "why did my
    badge ..." would become a question about decentralized identifiers. Such variants are matched
    in the raw text instead, as written in synonyms.yaml (with its capitals, if it has any), before
    normalising loses the case (`expand`); so are variants with a "+", which normalising drops
    ("Security+" would be every "security").
    """

    table: dict[tuple[str, ...], tuple[str, ...]]
    longest: int
    as_written: tuple[tuple[re.Pattern[str], str], ...] = ()

    @classmethod
    def build(cls, mapping: dict[str, list[str]]) -> Synonyms:
        table: dict[tuple[str, ...], tuple[str, ...]] = {}
        as_written: list[tuple[re.Pattern[str], str]] = []
        for term, variants in mapping.items():
            target = tuple(stem(w) for w in words(term))
            for variant in variants:
                source = tuple(stem(w) for w in words(variant))
                if not source or source == target:
                    continue
                # (nor is "Network+" the word "network", which normalising would leave of it; and "an A+" is a
                # grade, not CompTIA's certification)
                plus = "+" in variant
                if plus or all(s in _STEM_STOPWORDS for s in source):
                    flags = 0 if variant != variant.lower() else re.IGNORECASE
                    grade = r"(?<!\ban )" if plus else ""
                    as_written.append((re.compile(rf"{grade}(?<!\w){re.escape(variant.strip())}(?!\w)", flags), term))
                else:
                    table[source] = target
        return cls(table, max((len(k) for k in table), default=0), tuple(as_written))

    def expand(self, text: str) -> str:
        """Raw text with the variants that must match as written replaced by their term."""
        for pattern, term in self.as_written:
            text = pattern.sub(term, text)
        return text

    def rewrite(self, stems: list[str]) -> list[str]:
        if not self.table:
            return stems
        out: list[str] = []
        i = 0
        while i < len(stems):
            for size in range(min(self.longest, len(stems) - i), 0, -1):
                target = self.table.get(tuple(stems[i : i + size]))
                if target is not None:
                    out.extend(target)
                    i += size
                    break
            else:
                out.append(stems[i])
                i += 1
        return out


class Analyzer:
    """The one pipeline both the index and the questions go through."""

    def __init__(self, synonyms: dict[str, list[str]] | None = None):
        self.synonyms = Synonyms.build(synonyms or {})

    def expand(self, text: str) -> str:
        """The case-sensitive step, for raw text: run it before `normalize` (see `Synonyms`)."""
        return self.synonyms.expand(text)

    def terms(self, text: str) -> list[str]:
        """Stemmed content terms after synonym rewriting."""
        return self.terms_of(normalize(self.expand(text)))

    def terms_of(self, normalized: str) -> list[str]:
        """`terms` for text that has already been through `expand` and `normalize`."""
        stems = self.synonyms.rewrite([stem(w) for w in normalized.split()])
        return [s for s in stems if s not in _STEM_STOPWORDS]


# Single letters are left-overs ("e.g.", "o" typed for "I"), never a subject; digits stay ("OB 3").
_STEM_STOPWORDS = frozenset(stem(w) for w in STOPWORDS) | frozenset("abcdefghijklmnopqrstuvwxyz")


# --- intents -------------------------------------------------------------------------------

_GREETING_WORDS = frozenset("""
hi hii hiya hey heya hello hallo howdy kia ora yo greetings morning afternoon evening good day night
thanks thank thx ty thankyou cheers appreciated appreciate ta bye goodbye cya later see soon
great awesome cool nice perfect wonderful brilliant excellent lovely ok okay alright so much lot
you very a for the all your help helping sir madam there everyone folks team credbot bot have
nice that's thats that was helpful useful how are doing going helped helps it this really heaps tons
thnks thnx thanx tnx gracias merci danke obrigado obrigada grazie
dear love time patience kind youve been
k kk to think about po opo salamat bet anyway anyways
aight ight bro fam one g lowkey fr ngl
mate friend buddy pal dude man guys many again kindly
""".split())
_THANKS_WORDS = frozenset("thanks thank thx ty thankyou cheers appreciated appreciate ta thnks thnx thanx tnx "
                          "gracias merci danke obrigado obrigada grazie salamat asante".split())
_BYE_WORDS = frozenset("bye goodbye cya later".split())
# "ok", "got it", "cool": an acknowledgement, which needs a word in reply, not an answer
_ACK_WORD = (r"(ok|okay|k|kk|cool|fine|alright|all right|got it|understood|noted|sounds good|great|nice|i see|"
             r"makes sense|fair enough|will do|lol|haha|hehe|wow|omg|oh|ah|hmm+|hm|interesting|really|whats up|sup|"
             r"thanks|thank you|no thanks|no thank you|(no )?(that|thats) (is )?all|nice one|awesome|sweet|lmao|"
             r"nvm|never mind|forget it|forget about it|no worries|sorry|wait|hold on|then|anyway|bye|goodbye|cya|see you|"
             r"(i ?ll|i will|will) (try|do|leave) (that|it|this)( now| there| then)?|lets see|"
             # "ok done", "all done", "did it": a step reported done, nothing asked
             r"done|all done|(i )?did (that|it)|(it )?worked|that worked|(that |it )?fixed it|sorted|all sorted|"
             # a yes or no with nothing asked, and chat slang for "ok" ("ok bet", "say less"); "po" is
             # Filipino politeness ("thank you po")
             r"yes|yeah|yep|yup|sure|no|nope|nah|bet|say less|po|opo)")
_ACK = re.compile(rf"^{_ACK_WORD}( {_ACK_WORD})*$")
# "no" to "anything else?": done for now
_NOTHING_ELSE = re.compile(r"^(no|nope|nah)( (thanks|thank you|thats all|that is all|im good|im fine))?$|"
                           r"^(no thanks|no thank you|(no )?(that|thats) (is )?all)$")
_GREETING_CORE = (frozenset("hi hii hiya hey heya hello hallo howdy kia yo greetings morning afternoon evening".split())
                  | _THANKS_WORDS | _BYE_WORDS)

_HELP_PHRASE = (
    r"(help|help me|help please|please help|\?+|menu|commands|start|get started|getting started|"
    r"what (exactly )?(can|cant|cannot) (you|u|credbot|this bot|the bot) (do|not do|help with)|what do you do|"
    r"what (exactly |even )?are (you|u)( then| exactly| even| for)?|who are you|"
    r"(no )?i mean (you|u|credbot)( the bot)?|"
    r"you the bot|"
    r"(whats|what is) (ur|your) (system )?prompt( lol)?|"
    r"how (do|can|should) i use (you|this|this bot|credbot|the bot)|how does (this|this bot|credbot) work|"
    r"what (can|should) i ask( you)?|what questions can i ask|"
    r"what (can|could|should|do) (people|students|learners|users|staff|we|they|everyone|our students) ask"
    r"( you| credbot| it)?|"
    r"(i am|im|i'm) (confused|lost|new here|new)|where (do|should) i (start|begin)|"
    r"i (dont|do not) (understand|get) (any of )?(this|it|anything)( at all)?|"
    r"what can i ask|what (even )?is (credbot|this bot|this thing)|show (me )?(the )?commands|usage|"
    r"(are you|is this) (a |an )?(bot|robot|chatbot|human|real person|person|ai)|"
    r"who (made|built|created|wrote|runs) (you|credbot|this bot|this)|(can|could) you help( me)?|"
    r"what( is|s)? your name|(i )?(need|want|would like|could use) (some )?help( please)?|what (topics|subjects|things) (do|can) you (cover|answer|help with)|"
    r"((i have|ive got|got) (a|some|a few|one) )?(quick )?questions?|"
    r"what do you know( about)?|what do you cover|what can you tell me|"
    r"(ok )?(show|give|tell) me (an |some |a few )?examples?( of)?( questions?| what to ask)?|example questions?|"
    r"(can i |could i |i want to |i need to |let me )?(talk|speak|chat) (to|with) (a |an |the )?"
    r"(human|person|real person|someone|somebody|staff|agent)( about (this|it|that))?|"
    r"(a |an )?(human|real person|agent)( please)?|"
    r"(how (do|can) i )?(contact|reach) (the )?(support|staff|a human|someone)|"
    r"(i need |i want |i would like |id like |can you |could you |please )?help( me)?( with| on)? (my |a |the |some )?"
    r"(badges?|certificates?|credentials?|micro ?credentials?))"
)
# A message made only of help phrases ("I'm confused, where do I start?"). One that goes on to ask
# something ("I'm confused by Coursera's naming: ...", "help me choose a course") is a question.
_HELP = re.compile(rf"^((hi|hello|hey)( there)? |(no )?i mean )?{_HELP_PHRASE}"
                   rf"( (and |or |so )?{_HELP_PHRASE}| please| thanks)*$")
_HELP_LOOSE = re.compile(r"\b(where (do|should|can) (i|we) (even )?(start|begin)|"
                         r"what can you (actually |really |even )?(do|help)|"
                         r"how do i use (you|this bot|credbot))\b")

SENTENCE_END = re.compile(r"(?<=[.?!])\s+")  # where one sentence of a message ends


def without_repeats(text: str) -> str:
    """A message with each sentence once: "I need help with my badge." pasted 200 times asks what
    it asks once (read whole, it was a long text about badges, answered with why they are useful)."""
    sentences = [s for s in SENTENCE_END.split(text.strip()) if s]
    once = list(dict.fromkeys(sentences))
    return " ".join(once) if len(once) < len(sentences) else text
_FIRST_PERSON = re.compile(r"\b(my|mine|i|ive|me)\b")
_BADGE_NOUN = r"(badges?|credentials?|creds|certificates?|certs?|certifications?|awards?|micro ?credentials?|achievements?|backpack|wallet|qualifications?)"
# a credential, or the learning that leads to one ("a JavaScript course on Coursera")
_MENTIONS_CREDENTIAL = re.compile(rf"\b({_BADGE_NOUN}|courses?|programs?|programmes?|nanodegrees?|micromasters|"
                                  r"bootcamps?|specializations?|specialisations?|creds|training)\b")


# Where a message asks a second question: after a question mark, or at "and how / and can ..."
_NEXT_QUESTION = re.compile(
    r"(?<=\?)\s*|(?:,?\s+(?:and|also|plus)|,)\s+(?=(?:(?:how|what|which|where|why|when)\s+(?:is|are|do|does|did|can|"
    r"could|should|will|would|long|much|many|to)|(?:can|could|is|are|do|does|will|should|would)\s+"
    r"(?:i|you|it|they|we|my|a|an|the|this|that|these|those|badges?|micro|employers?|companies|recruiters|"
    r"universities|colleges))\b)", re.I)
# "What about in Europe?" leans on the question before it: it is not a second question of its own
_LEANS_ON_LAST = re.compile(r"^(what|how) about\b|^and\b", re.I)


# (after a word of chat: "hey so what is a badge ... ? also do they cost money" asks two things)
_QUESTION_START = re.compile(r"^(?:(?:hey|hi|hello|so|ok|okay|also|plus|but|oh|well|um)\s+)*"
                             r"(how|what|whats|which|where|why|when|who|can|could|is|are|do|does|did|will|should|"
                             r"would)\b", re.I)


def questions_in(text: str) -> list[str]:
    """The questions a message asks, each as written: "how much do badges cost and how long do
    they take?" is two; "is this legit? I paid $49" is one. A message asking one comes back whole."""
    parts = [p.strip() for p in _NEXT_QUESTION.split(text) if p and p.strip()]
    # (a part's last sentence may ask it: "hi, I'm thinking about data analytics. how much do they cost")
    asking = [p for p in parts if (p.endswith("?") or _QUESTION_START.match(SENTENCE_END.split(p)[-1]))
              and not _LEANS_ON_LAST.match(p)]
    return asking if len(asking) > 1 else [text]


_SENTENCE_END = re.compile(r"(?<=[.?!])\s+|\s*[,;]\s+(?=(?:how|what|whats|which|where|why|when|who|can|could|"
                           r"is|are|do|does|will|should|would)\b)", re.I)


def asking_clauses(text: str) -> list[str]:
    """The sentences or clauses of a message that ask something, last first: in "my company says we
    all need badges now and honestly im lost. do i have to pay for them?" the asking is at the end.
    Empty for a message of one clause."""
    clauses = [part for c in _SENTENCE_END.split(text) if c and c.strip() for part in _asked_then_told(c.strip())]
    if len(clauses) < 2:
        return []
    return [c for c in reversed(clauses) if len(c.split()) >= 3 and asks_something(c)]


_STORY_WORDS = 4  # fewer after the comma is a detail of the question ("what is a badge, exactly")
# the choices a question asks between, after its comma, are no story: "which is better for a career
# change, a Python or a JavaScript certificate"
_CHOICE = re.compile(r"\b(or|vs|versus)\b", re.I)


def _asked_then_told(sentence: str) -> list[str]:
    """A sentence that asks and then, after a comma, tells why: "wots a micro credential, my work
    coach at the job centre keeps saying it" is the question and its story, as two sentences would be."""
    head, comma, tail = sentence.partition(",")
    if (comma and _QUESTION_START.match(normalize(head)) and len(head.split()) >= 3
            and len(tail.split()) >= _STORY_WORDS and not asks_something(tail) and not _CHOICE.search(tail)):
        return [head.strip(), tail.strip()]
    return [sentence]


def question_before_story(text: str) -> str | None:
    """The question of a one-sentence message that asks first and tells after a comma, else None."""
    sentences = [s for s in SENTENCE_END.split(text.strip()) if s]
    parts = _asked_then_told(sentences[0]) if len(sentences) == 1 else []
    return parts[0] if len(parts) == 2 else None


# The signs of a scam in a message pasted or told (a badge e-mail, an advert), each kind once: pasted
# whole, "Your badge will be deleted in 48 hours ... pay a one-time processing fee of $14.99" met
# checking a badge and accepting one, whose first step is to click the button in the e-mail.
# A sum by a currency's sign ("$14.99", "₦2.5m"), and one in a currency's name ("8000 pesos", "2.5 million naira")
_SUM_BY_SIGN = r"(?:[$£€₦₹₱]\s?\d|\b\d+[.,]\d\d\b|\b(?:usd|gbp|eur|sgd|ghs|cad|aud)\s?\d)"
_SUM_IN_WORDS = (r"\b\d[\d,.]* ?(?:(?:thousand|million|lakhs?|k) )?(?:pesos|php|rupees|rs|inr|naira|ngn|rand|zar|shillings|"
                 r"kes|dollars|d[oó]lares|pounds|euros?|reais|dirhams|aed|cedis)\b")
_SCAM_SIGNS = (
    re.compile(rf"\b(?:pay|paid|paying|payment|fee|fees|charge)\b.{{0,80}}?"
               rf"(?:{_SUM_BY_SIGN}|\b(?:usd|gbp|eur)\b)"
               rf"|{_SUM_BY_SIGN}.{{0,80}}?\b(?:pay|paid|paying|payment|fee|fees|upfront|up front|deposit)\b"
               r"|\bprocessing fee\b"
               # ("pay 8000 pesos for certificate and training")
               rf"|\b(?:pay|paid|paying|payment|fee|fees|charge|wants?|asks? for|asking for|demands?)\b.{{0,40}}?{_SUM_IN_WORDS}"
               # (a price: "a certificate ... for 85,000 naira")
               rf"|\bfor (?:only |just )?{_SUM_IN_WORDS}"
               # ("... get me a UK pharmacy job with visa sponsorship for 2.5 million naira, half upfront")
               rf"|{_SUM_IN_WORDS}.{{0,30}}?\b(?:upfront|up front|deposit|in advance)\b"),
    re.compile(r"\bwithin \d+ (?:hours?|hrs|days?)\b|\b(?:will be|permanently) (?:deleted|removed|cancell?ed)\b"
               # ("my CPF droits will expire end of the month if I don't use them")
               r"|\b(?:expire|expires|be lost|lose them|lose it) (?:at )?(?:the )?end of (?:the |this )?(?:month|week)\b"
               r"|\baction required\b|\bfinal (?:notice|warning)\b|\bact now\b|\btoday only\b"
               r"|\bonly \d+ (?:seats|places|spots)"
               # ("a data science course with 100% placement guarantee ... seats closing today")
               r"|\b(?:seats?|places?|spots?|slots?|offer|registration|admissions?|enrollment|enrolment) (?:are |is )?"
               r"(?:closing|close|closes|ending|ends|filling)(?: up| fast)? (?:today|tonight|tomorrow|soon|fast)\b"),
    re.compile(r"\b(?:gift ?cards?|crypto|bitcoin|btc|usdt|western union|wire transfer|moneygram)\b"),
    re.compile(r"\bverify your (?:identity|account)\b|\b(?:card|bank) details\b"
               # ("they want my numéro de sécurité sociale", on a call offering a course paid from a training account)
               r"|\b(?:social security|securite sociale|national insurance|ssn|sin|passport|aadhaar|pan card|bvn) "
               r"(?:number|numbers|no|details|card)\b|\b(?:my|your) (?:ssn|sin|bvn|aadhaar)\b"
               r"|\bnum[eé]ro de s[eé]cu(?:rit[eé] sociale)?\b"),
    re.compile(r"\b(?:100 ?% )?(?:job|placement) guarantee[d]?\b|\bguaranteed (?:job|placement|pass|visa)\b|\bno exams?\b"
               # a job abroad promised after paying: "pay ... then they send me to dubai"
               r"|\bthen (?:they |he |she |it )?(?:will )?(?:send|deploy|fly)s? (?:me|you|us) (?:to|abroad|overseas)\b"
               r"|\b(?:send|deploy)s? (?:me|you|us) (?:abroad|overseas)\b"
               # a recruiter for a job abroad ("a recruiter on facebook messaged me, caregiver job in canada")
               r"|\b(?:recruiter|recruitment agency|agency|agent)\b.{0,160}?\b(?:abroad|overseas|canada|dubai|uae|saudi|"
               r"qatar|kuwait|japan|australia|new zealand|europe|uk|usa)\b"
               # recognition promised far and wide ("a 'verified international certificate' recognised in 50 countries")
               r"|\b(?:recogni[sz]ed|accepted|valid) (?:in|by|across) (?:over |more than )?\d+ countries\b"
               # a short course sold as a degree ("they say it is equivalent to a UK Master's degree")
               r"|\b(?:equivalent|equal|same as) (?:to )?an? (?:uk |us |british |american |full )?"
               r"(?:master'?s|masters|bachelor'?s|bachelors|degree|mba|phd|doctorate)\b"),
    # contact out of the blue ("a website contacted me on WhatsApp", "got one training centre call me")
    re.compile(r"\b(?:contacted|called|call|rang|phoned|messaged|texted|dmed|dm'd|whatsapped|cold ?called|cold ?call)"
               r" me\b|\bcold ?call(?:ed|s)?\b"),
    # a gift for signing up ("I get a free laptop"), as the banned offers on a training account did
    re.compile(r"\b(?:(?:i|you|we) (?:get|got|receive|will get)|(?:offer|offered|offering|promise|promised|give|gives) "
               r"(?:me|you|us)) an? free (?:laptop|tablet|ipad|iphone|phone|smartphone|computer|gift|voucher)\b"),
    re.compile(r"\bclick (?:the |this |that )?(?:\S+ ){0,3}?(?:link|button)\b|\bclick here\b"),
    # a finished certificate held back for a fee ("asking me to pay 29 euro to release it"): platforms
    # sell a certificate before it is issued, none holds one back ("pay to unlock graded work" is Coursera's
    # own wording, so not "unlock")
    re.compile(r"\b(?:pay|paid|paying|payment|fee|fees)\b.{0,40}?\bto release\b|\brelease fee\b"),
    # a password asked for ("... click here to claim, but it asks me to log in with my linkedin password")
    re.compile(r"\b(?:ask|asks|asked|asking|want|wants|wanted|told me|tells me)\b.{0,30}?\b(?:my|your|the|our) "
               r"(?:[a-z]+ ){0,2}?(?:password|passcode|login details|pin)\b"),
)
# Signs each enough alone:
_CHAT_APP = r"(?:telegram|whatsapp|facebook|instagram|tiktok|social media)"
_SOLD_CREDENTIAL = r"(?:certificates?|certs?|certifications?|badges?|diplomas?|degrees?)"
_A_STRANGER = r"(?:her|him|them|the caller|this (?:woman|man|person|guy)|someone|a stranger)"
_ENOUGH_ALONE = (
    # payment by gift card or crypto asked for ("they want payment by gift card or crypto, is that normal?"; but
    # "can I pay for a coursera course with a gift card" asks a platform's billing)
    re.compile(r"\b(?:want|wants|wanted|ask|asks|asked|asking|require|requires|required|demand|demands|"
                          r"only accepts?|told me to|tell me to)\b.{0,30}?\b(?:pay|paid|paying|payment|send)\b.{0,40}?"
                          r"\b(?:gift ?cards?|crypto|bitcoin|btc|usdt|western union|moneygram)\b"),
    # a code sent by text asked for ("so should I give her the SMS code?" on a call about a training account)
    # (but "can we give them a printed code at the end of the workshop?" is a museum's claim codes)
    re.compile(rf"\b(?:give|send|tell|read|forward)(?: it)? {_A_STRANGER} (?:the|my|that|this|your)\b.{{0,20}}?\bcode\b"
               # ("I send the code to her now?")
               rf"|\b(?:give|send|tell|read|forward) (?:the |this |that |my )?(?:code|otp|pin)\b.{{0,15}}?\bto {_A_STRANGER}\b"
               r"|\b(?:she|he|they|someone|the caller|the recruiter|a (?:woman|man|stranger)) (?:wants?|asks? for|"
               r"asked for|is asking for)\b.{0,40}?\bcode (?:i|that i|you) (?:got|received|get)\b"),
    # a password asked for by a message or a stranger ("an email asked for my password to claim my badge"; but
    # "credly asks for my password when I log in" is signing in)
    re.compile(r"\b(?:an? (?:e ?mail|message|text|sms|dm)|the (?:e ?mail|message|text|sms|dm|caller)|someone|"
               r"a (?:stranger|caller))\b.{0,40}?\b(?:asks?|asked|asking|wants?|wanted)\b.{0,20}?\b(?:my|your) "
               r"(?:[a-z]+ )?(?:password|passcode|pin)\b"),
    # a login to hand over ("they ask me give singpass login so they help me submit claim")
    re.compile(r"\b(?:ask|asks|asked|asking|want|wants|wanted|told|tell)(?: me)?(?: to)? (?:give|send|share|tell)"
               r"(?: them| him| her)? (?:my |your |the |our )?(?:[a-z]+ )?(?:login|log in|password|passcode|pin|otp)\b"),
    # certificates sold in a chat app ("guys on telegram selling 'google certificate' for like 15k naira", "someone
    # on WhatsApp is offering me a 'verified international certificate' ... for 85,000 naira" got a menu)
    re.compile(rf"\b{_CHAT_APP}\b.{{0,60}}?\b(?:selling|sells|(?:offering|offers|offered) (?:me|us|you))\b.{{0,40}}?\b{_SOLD_CREDENTIAL}\b"
               rf"|\b(?:selling|sells)\b.{{0,40}}?\b{_SOLD_CREDENTIAL}\b"
               rf".{{0,40}}?\b(?:on|in|via|through) {_CHAT_APP}\b"),
    # pressure to pay before a slot goes ("i must pay by friday or my slot goes to another applicant")
    re.compile(r"\bpay\b.{0,20}?\bby (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|tomorrow|tonight|"
               r"today)\b.{0,20}?\bor (?:my|your|the|i|you)\b.{0,20}?\b(?:slot|place|seat|spot|chance)\b"),
)


def shows_scam_signs(text: str) -> bool:
    """Whether a message shows two kinds of a scam's signs or more (money asked with a figure or a
    fee, a deadline or a threat, gift cards or crypto, an identity check, a job guaranteed, a button
    to click): what it asks is then whether it is a scam, whatever else its words say."""
    plain = " ".join(text.lower().split())
    return (any(sign.search(plain) for sign in _ENOUGH_ALONE)
            or sum(bool(sign.search(plain)) for sign in _SCAM_SIGNS) >= 2)


def asks_something(text: str) -> bool:
    """Whether a message asks a question anywhere ("my aws badge expired, did i lose my cert"), not
    only tells ("my comptia badge expired yesterday")."""
    return "?" in text or any(_QUESTION_START.match(normalize(p)) for p in re.split(r"[,.;:!]|\band\b|\bbut\b", text))


def mentions_credential(plain: str) -> bool:
    """Whether normalised text names a badge, certificate or other credential, or a course."""
    return _MENTIONS_CREDENTIAL.search(plain) is not None


# (and a word of chat before the question: "cool, what badges do I have?", "ugh. can you look at my badges")
_FILLER = re.compile(r"^((so|ok|okay|well|um|hmm|hi|hii|hiya|hey|heya|hello|and|but|also|now|then|please|"
                     r"quick question|question|cool|great|nice|awesome|perfect|alright|yeah|yep|thanks|thank you|"
                     r"ty|ugh|lol|oh|i mean)\b\s*)+")
# How-to, why and troubleshooting questions stay knowledge questions even when they say "my".
# A clause that asks how, after one that tells what happened: "my first aid certificate expired, how
# do I renew it?", "my BLS card expired what now": a how-to, as a sentence of its own would be.
# ("my aws badge expired on credly wat do": "what do" alone is chat for "what do I do")
# ("my employer paid for my ibm badge, can they take it back when i leave": what others may do, and
# "does that mean ...": what something means, are how things work, not a look-up of the badge)
_HOW_THINGS_WORK = r"(?:can|could|will|would) they|does (?:that|this|it) mean"
_CLAUSE = re.compile(r"\s*[,;:]\s*|\s+(?:so|and|but)\s+|"
                     r"\s+(?=(?:how (?:do|can|should) i|what now|now what|what (?:should|do|can) i do|what do$|what to do|"
                     rf"{_HOW_THINGS_WORK})\b)")
_CLAUSE_HOWTO = re.compile(r"^(how (do|can|should|would) i|what (should|do|can) i do|what now|now what|what do$|what to do|"
                           rf"what happens|where (can|do|should) i|can i|should i|do i need|{_HOW_THINGS_WORK})\b")
_HOWTO = re.compile(
    r"^(how(?! many)|why|what happens|what if|what should|what do i|where (can|do|should|will) i|"
    r"can i|could i|should i|do i need|do i have to|is it|is there|are there|will i|will my|would my|can my|"
    r"do my|does my \w+( \w+)? (show|appear|count|work|transfer|stack|carry)|"
    # ("wat is a digital badge exactly, my manger said i got one": what one is, in general)
    rf"(what is|whats|what are) (a|an)|{_HOW_THINGS_WORK})\b"
)
_NEGATION = re.compile(rf"\b({'|'.join(sorted(NEGATIONS))}|not|no|never|unable|missing|wrong)\b")
_IMPERATIVE = re.compile(
    r"^((can|could|would) you (just )?|please |i want to |i want |i wanna |id like to |let me |just )?"
    r"(show|list|display|pull up|bring up|open|view|see|give me|get me|fetch|check|summari[sz]e|tell me about|look up|"
    r"look at)\b"
)
# ("how many badges do I need for ...?" asks what a goal takes, not what I hold; "how many badges can
# I upload at once?" asks what an issuer can do)
_WHICH_MINE = re.compile(rf"^(what|which|how many) (\w+ ){{0,2}}{_BADGE_NOUN} (do|did|have|has|am|can) (i|me)\b"
                         r"(?! need| upload| issue| award| create| give| send| make| revoke| design| offer| unlock| earn| get)")
_EARNED = re.compile(r"\b((have i|i have|ive|did i|i) (earned|got|gotten|received|collected|been awarded|achieved|won)|"
                     r"did i (earn|get|receive|collect|achieve|win))\b")
# "what is my latest badge": the newest, oldest or first of one's own is a look at the list
_MY_LATEST = re.compile(rf"^(what|whats|which) ((is|are|was|were) )?my (latest|newest|most recent|last|first|oldest|recent) "
                        rf"{_BADGE_NOUN}\b")
# "which of my badges are expired?", "how many of my certificates are verified?": a look at the list
_OF_MINE = re.compile(rf"^(what|which|how many) of my (\w+ )?{_BADGE_NOUN}\b")
_MY_BADGES_NOUN = re.compile(rf"\bmy (\w+ ){{0,2}}{_BADGE_NOUN}\b")
# With "I earned / I got" in it, a message asks for the list only when that is what it opens with:
# "which badges have I got", "show the certificates I earned", "badges I have earned". "Is the badge
# I earned recognised by employers?" asks about badges in general and stays a knowledge question.
_ASKS_FOR_MINE = re.compile(
    rf"^(what|which|how many|show|list|give me|tell me|have i|did i|(the |all (of )?(the )?)?(\w+ )?{_BADGE_NOUN} (that )?i)\b"
)
# valid or recognised somewhere, or for some use: a question of recognition ("is my nursing qualification valid in
# the UK?"), not of one of the asker's badges ("is my scrum badge still valid?", "valid in 2027?")
_RECOGNISED_WHERE = re.compile(r"\b(?:valid|recogni[sz]ed|accepted) (?:in (?!\d)|abroad|overseas|internationally|outside|"
                               r"elsewhere|for (?:work|jobs?|employers?|immigration|registration))")
_DETAIL_ATTR = re.compile(
    r"\b(when|expire|expires|expiry|expiration|expired|valid|revoked|issued|issuer|criteria|requirements|"
    r"skills|details?|link|url|date|status|verify|verified|evidence|alignments?|info|information|"
    r"ok|okay|fine|good|active|current|up with)\b"
)
_DO_I_HAVE = re.compile(rf"\b(do|did) i (have|get|earn|receive|hold) (?:(a|an|the|my|any) )?((?:\w+ ){{0,4}}){_BADGE_NOUN}\b")
# The platforms that hold badges or courses, by the names people call them: "my coursera badge" names
# where a badge is from, not one badge, and "and on Credly?" asks the last question of another.
PLATFORM_NAMES = frozenset({"linkedin learning", "coursera", "edx", "udacity", "futurelearn", "google", "credly",
                            "acclaim", "udemy", "alison", "badgr", "canvas credentials", "canvas", "accredible",
                            "open badge factory"})
# one of them named, the longest first ("linkedin learning" before any shorter name it holds)
_A_PLATFORM = re.compile(r"\b(" + "|".join(re.escape(name) for name in sorted(PLATFORM_NAMES, key=len, reverse=True))
                         + r")\b")


def names_a_platform(text: str) -> bool:
    """Whether a text names a platform that holds badges or courses ("google", "credly")."""
    return _A_PLATFORM.search(normalize(text)) is not None


# Words that describe badges in general, not the name of one badge of the user's.
_GENERIC = frozenset("""
digital open micro new own first the a all any some of these those earned issued shared old latest
expired expiring valid verified unverified revoked active
older newer earlier previous past current existing
recent online badge
badges credential credentials certificate certificates imported verified official university college
course courses program programs professional paper printed physical free paid other another same
""".split()) | {word for name in PLATFORM_NAMES for word in name.split()}
# IT vendors: "my aws cert" is a kind of certification asked about, as "my coursera certificate" is a
# platform's ("does my aws cert expire" was a request for a badge of the asker's); but "my comptia
# badge expired" and "do I have an AWS badge?" are about one the asker may hold, by name.
_VENDORS = frozenset("aws microsoft cisco comptia ibm".split())
# "how close am I to the Data Analytics certificate?", "what do I still need for ...": pathway progress.
# (and "what do i need for that?" asks what the process just explained needs: "that" is no badge)
_GENERAL_GOAL = re.compile(r"^\s*((finishing|getting|earning|completing|get|earn|finish|complete) )?"
                           r"(a|an|any|that|this|it)\b|"
                           r"\b(for|to|towards?|finishing|getting|earning|completing|get|earn|finish|complete) (a|an|any)\b")
_PROGRESS = re.compile(
    r"\b(how (close|far) (along )?am i (from|to|along|on|in|with)|my progress (on|to|toward|towards)|"
    r"how many more (badges|credentials)|(what|which)( badges?| credentials?| steps?)? am i (still )?missing|"
    r"what (else )?do i (still )?need (for|to (get|earn|finish|complete))|am i close to|"
    # ("i have 3 badges from the data analytics pathway, what do i have left")
    r"(what|which)( badges?)? (do i have|have i got) (still )?left(?! to do)|how many( badges?)? do i have left)\b"
)
# "share my Python badge on LinkedIn", "put my badge on linkedin": an action on my own badge.
# "share my SQL badge" says where by itself (the reply has the links); "put my badge ..." must say where.
_SHARE_MINE = re.compile(
    rf"^((can|could|would) you |please )?((share|post|publish) (my|mine)\b.*{_BADGE_NOUN}\b|"
    rf"(share|post|put|add|publish) (my|mine)\b(.*?){_BADGE_NOUN}?\b.*"
    r"\b(linkedin|twitter|x|facebook|profile|channel|here|everyone|resume|cv)\b)"
)
_NAMED_MY = re.compile(rf"\bmy ((?:[\w.+#]+ ){{1,3}}){_BADGE_NOUN}\b")
# a verb of handing badges out, right before "my ...": the badges are someone else's
_GIVING = re.compile(r"\b(give|award|issue|make|create|design|send|hand out)( \w+)? $")


_COMPACT_JWS = re.compile(r"^[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}$")


def looks_like_credential(text: str) -> bool:
    """A badge pasted into the chat: a compact JWS, or a JSON document that reads like a credential."""
    stripped = text.strip()
    if _COMPACT_JWS.match(stripped):
        return True
    return stripped.startswith("{") and stripped.endswith("}") and any(
        key in stripped for key in ('"@context"', '"credentialSubject"', '"recipient"', '"badge"'))


# a signed badge inside a message: its header is JSON, so base64url of '{"' ("eyJ") starts it
_JWS_IN_TEXT = re.compile(r"(?<![\w.-])eyJ[A-Za-z0-9_-]{7,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}(?![\w.-])")


# a web address, bare or as Slack sends a typed link (<https://x> or <https://x|label>)
_URL_IN_TEXT = re.compile(r"<?(https?://[^\s<>|]+?)[.,;:!?)]*(?:\|[^<>]*)?>?(?=\s|$)")
# Sites whose pages are courses, certificates or reading, never an Open Badge to fetch: a Coursera
# certificate's verify page is checked on Coursera, as the knowledge base says
_NOT_BADGE_HOSTS = re.compile(r"(^|\.)(coursera\.org|edx\.org|udacity\.com|futurelearn\.com|linkedin\.com|google\.com|"
                              r"grow\.google|openbadges\.org|1edtech\.org|imsglobal\.org|wikipedia\.org|europa\.eu|"
                              r"nzqa\.govt\.nz)$")
_CHECK_VERBS = re.compile(r"\b(verify|check|validate)\b")
_ANOTHER_ONE = re.compile(r"\b(what about|how about|this one|that one|another one|and this|here is|heres)\b")
_YOU_ASKED = re.compile(r"\b(can|could|would|will) (you|u)\b")
_BADGE_PATH = re.compile(r"/(assertions?|badges?|credentials?|achievements?)/", re.I)
_ONLY_CHECK = re.compile(r"^(please |pls )?(can you |could you )?(verify|check|validate)( this| it| that| this one)?"
                         r"( for me)?( please| pls)?$")
_CHECK_ADJECTIVES = re.compile(r"\b(genuine|authentic|real|fake|valid|legit)\b")
_BADGE_WORDS = re.compile(rf"\b({_BADGE_NOUN}|assertions?)\b")
# "is this a legit credential site? https://...": a place that offers credentials, not one to check
_SITE_WORDS = re.compile(r"\b(sites?|websites?|web sites?|pages?|platforms?|company|companies|providers?|schools?|"
                         r"colleges?|universit(y|ies)|institutions?|organi[sz]ations?|programs?|programmes?|courses?)\b")


def credential_in(text: str) -> str | None:
    """The badge pasted in a message, alone or with words around it ("can you check this badge?
    eyJ..."), or None.

    A web address is one when it is all the message says, or when the message asks to check it
    in a few words ("is this badge real? https://...", "verify this: https://..."): a badge's public
    address is how people show one. An address among other words ("read https://openbadges.org", or
    a long story of a badge "not validating at https://badgecheck.io") is no badge.
    """
    if looks_like_credential(text):
        return text.strip()
    if found := _JWS_IN_TEXT.search(text):
        return found.group(0)
    start, end = text.find("{"), text.rfind("}")
    if 0 <= start < end and looks_like_credential(text[start:end + 1]):
        return text[start:end + 1]
    urls = _URL_IN_TEXT.findall(text)
    if len(urls) == 1 and not _NOT_BADGE_HOSTS.search(urllib.parse.urlsplit(urls[0]).hostname or ""):
        rest = normalize(_URL_IN_TEXT.sub(" ", text))
        said = len(rest.split())
        # "check this https://...", "is this badge real? https://..."; but "is https://coursera.org
        # legit?" asks about a website, not a badge
        asks = _CHECK_VERBS.search(rest) and (_BADGE_WORDS.search(rest) or _ONLY_CHECK.match(rest))
        if not said or (said <= 12 and not _SITE_WORDS.search(rest)
                        and (asks or (_CHECK_ADJECTIVES.search(rest) and _BADGE_WORDS.search(rest)))):
            return urls[0]
        # a badge's own address, with credbot asked to check it in a longer message ("can you check a badge
        # for me? like if i paste the json or a url can you verify it? https://api.badgr.io/public/assertions/...")
        you = _YOU_ASKED.search(rest)
        if (you and _CHECK_VERBS.search(rest, you.end()) and _BADGE_PATH.search(urllib.parse.urlsplit(urls[0]).path)
                and not _SITE_WORDS.search(rest)):
            return urls[0]
        # a badge's own address in a few words that ask nothing else ("hmm weird. what about this one from
        # badgr https://badgr.com/public/assertions/...", after one was checked: it got what Badgr is)
        if (said <= 8 and _ANOTHER_ONE.search(rest) and _BADGE_PATH.search(urllib.parse.urlsplit(urls[0]).path)
                and not _SITE_WORDS.search(rest)):
            return urls[0]
    return None


# "can you check a candidate's badge for me?": the bot is asked to check one, but none came with it
# (the object is a badge and no more: "can you check the cost of a Google certificate?" asks about costs)
_ASKS_TO_CHECK = re.compile(rf"^((hi|hey|hello|please) )*(can|could|would|will) (you|u) (please |pls )?"
                            rf"(verify|check|validate|look at|confirm) ((a|an|this|that|these|my|the|her|his|their|"
                            rf"someones|(a |my |our )?(candidates?|applicants?|employees?|students?)s?) )+(digital |open )?"
                            rf"{_BADGE_NOUN}( for (me|us))?( please| pls)?$|"
                            r"^(can|could|would) (you|u) (please )?(verify|check|validate) (it|this|that|this one)"
                            r"( for (me|us))?( please)?$|"
                            # "can you check one for me if i paste the link?": can it, and how to send one
                            r"^(can|could|would|will) (you|u) (please )?(verify|check|validate) (one|it|a badge|"
                            r"a certificate|a credential|badges|my badge( file)?|the (badge )?file|the png|my png)"
                            r"( for (me|us))? (if|when|once) (i|we) (paste|send|share|upload|give you|post|drop|"
                            r"attach)\b|"
                            # "can i just send the png to you and you check it?", "check my badge" (one: the list is
                            # "check my badges"; asked as "check my badge", it filed a request to be linked)
                            r"^(can|could|should) i (just )?(send|give|attach|upload|paste) (you |u )?"
                            r"(the |my |a |this )?(badge |png |svg |json )?(file|png|svg|image|picture|badge|link)"
                            r"( to (you|u))? (and|so|for) (you|u) (can |could )?(to )?"
                            r"(check|verify|validate|look at)\b|"
                            r"^(please )?(check|verify|validate) (this|my) (digital |open )?badge( file)?( for me)?"
                            r"( please| pls)?$|"
                            # "no, i asked if YOU (the bot) can verify a badge. yes or no?"
                            rf"^((no|ok|so|but) )*i (asked|mean|meant|am asking|was asking) (if|whether) (you|u)"
                            rf"( the bot| yourself| credbot)? (can|could) (verify|check|validate) (a |an |one |any )?"
                            rf"(digital |open )?{_BADGE_NOUN}\b")


# "what pathways are there?", "which pathways can I track?": the pathways credbot follows progress on
_PATHWAYS = re.compile(r"^(ok |so )?((what|which) (stackable )?pathways (are there|can (i|you) track|do you (know|track|"
                       r"have|follow))|(list|show)( me)? (the |your |all )?pathways)( please)?$|"
                       # the pathways here, or whether credbot follows them ("what pathways does our uni have",
                       # "can you track my progress on a badge pathway": edX's MicroMasters, and a CV's list)
                       r"\b(what|which) (stackable |badge )*pathways (exist|are there|are available|"
                       r"can i (do|take|follow)|"
                       r"(does|do) (our|this|the|my) (uni|university|school|college|institution|faculty|department)"
                       r"( \w+)? (have|offer|run))\b|"
                       r"\b(track|show|see|check|follow)( \w+)? progress (on|along|towards?|in|through) "
                       r"(a |the |my |our )?(stackable |badge )*pathways?\b")


def detect_intent(text: str) -> Intent | None:
    """The non-knowledge intent a message expresses, or None for a knowledge question."""
    plain = normalize(text)
    if not plain:
        return None
    tokens = plain.split()
    if _PATHWAYS.search(plain):
        return Intent.BADGE_DETAIL
    parts = SENTENCE_END.split(text.strip())
    said = [normalize(s) for s in parts]  # (the sentences, normalised once)
    if _is_greeting(tokens) or all(_is_greeting(s.split()) for s in said) \
            or (_CLOSING.match(plain) and not asks_something(text)) or signs_off(text):
        return Intent.GREETING  # ("I'll leave it then. Thank you for your time": each sentence is one)
    sentences = [s for s in said if s]
    # ("Before I tell the students about you - what can you actually do?": long, but of credbot)
    if _HELP.match(plain) or ((len(tokens) <= 8 or _ON_THE_BOT.search(plain)) and _HELP_LOOSE.search(plain)) \
            or _WHAT_BOT.match(plain) \
            or _about_credbot(plain) is not None \
            or (len(sentences) > 1 and any(_HELP.match(s) or _WHAT_BOT.match(s) for s in sentences)
                and all(_HELP.match(s) or _WHAT_BOT.match(s) or _ON_THE_BOT.search(s) or _ACK.match(s)
                        or _is_greeting(s.split()) or _ASIDE.match(s) for s in sentences)):
        # (and beside words said alone: "none. I want to talk to a human. staff. support. anyone", a menu)
        # (the last: "Hi, I'm evaluating this bot for our IT service. What exactly can you do?", whose
        # opening tells of credbot itself; read whole, it was what a digital badge is)
        return Intent.HELP
    if len(tokens) <= 16 and _ASKS_TO_CHECK.match(_FILLER.sub("", re.sub(r"^no ", "", plain))):
        return Intent.VERIFY
    if _asks_what_i_hold(plain) or (len(sentences) > 1 and all(len(s.split()) <= 3 for s in sentences[:-1])
                                      and _badge_intent(sentences[-1], sentences[-1:]) is Intent.MY_BADGES):
        # "btw can you check what badges i already have?", and "not privacy. show my badges" (after a
        # word or two that put an answer aside, the request itself): the privacy entry, twice
        return Intent.MY_BADGES
    if len(asked := asking_clauses(text)) == 1 and re.search(r"\bmy\b", last := normalize(asked[0])) \
            and _badge_intent(last, [last]) is Intent.MY_BADGES:
        # the request after what tells, asking nothing else: "hi! I've got a Teamwork badge from Example
        # Corp, can you show me my badges?" (a "did you mean" on skills and expiry)
        return Intent.MY_BADGES
    # "My older badges still show my maiden name. Is there a way to update them?" asks how to
    if (found := _badge_intent(plain, said)) is not None:
        return found
    if len(sentences) > 1 and re.search(r"\bmy\b", said[-1]) and not any(asks_something(s) for s in parts[:-1]):
        # the request after sentences that ask nothing: "None of those I'm afraid. Could you tell me about my
        # Teamwork badge please?", "no, I mean my badges here. list my badges" (the skills and privacy entries)
        return _badge_intent(said[-1], said[-1:])
    return None


# "can you check what badges or credentials i already have?": the list, asked for in passing
_WHAT_I_HOLD = re.compile(rf"\b(check|see|look up|tell me|show me|find out|list) (what|which) (\w+ ){{0,2}}"
                          rf"{_BADGE_NOUN}( or \w+)? (i|ive|i have) (already |got |currently )*"
                          r"(have|earned|got|hold)\b")


def _asks_what_i_hold(plain: str) -> bool:
    """Whether credbot is asked what badges the asker holds ("can you check what badges i already have"),
    not how to see them somewhere ("how do i check what badges i have on credly")."""
    found = _WHAT_I_HOLD.search(plain)
    how_to = re.search(r"\bhow (do|can|could|would|should) (i|we|you)\b", plain[:found.start()]) if found else None
    return (found is not None and how_to is None
            and not _A_PLATFORM.search(plain))


_HOW_ARE_YOU = re.compile(r"^((hi|hey|hello) )?(how are you( doing)?|how is it going|hows it going|how do you do|"
                          r"(are )?(you|u) there|anyone there|hello+)( today)?$")


# "hi, im a registered nurse", "good morning, quick question": a hello that says who is asking,
# or that a question is coming, and asks nothing yet (searched, it met three unrelated entries)
_HELLO = r"(?:hi|hii|hello|hey|heya|hiya|kia ora|greetings|good (?:morning|afternoon|evening|day)|morning)"
# one hello or more, before the rest of an introduction
_HELLOS = rf"^(?:{_HELLO}(?: there| all| everyone| credbot)? )+"
_INTRO = re.compile(_HELLOS + r"(?:(?:im|i am) (?:a|an) \S+(?: \S+){0,5}|"
                    r"my name is \S+(?: \S+){0,3}|this is \S+(?: \S+){0,4}|"
                    r"(?:i have a |i got a |a |one )?(?:quick )?question(?: for you)?)$")
# "hello, im john", "hey there i'm priya from kerala": a hello with a name, which no pattern tells
# from "hi im stuck": the engine takes it as a hello when the base knows none of its words
_SELF_NAMED = re.compile(_HELLOS + r"(?:im|i am|i m) \S+(?: \S+){0,4}$")
_ASKING = frozenset("how what whats why when where which who can could does do is are should would will "
                    "looking want need".split())


# "what's a microcredential in one sentence", "explain open badges briefly", "... tldr": the gist
_BRIEFLY = re.compile(r"\b(?:in (?:like |just |only )?(?:one|a|1|a single|a few|few|two|2) (?:sentence|line|word)s?|"
                      r"in a nutshell|briefly|"
                      r"in short|short version|tl ?dr|eli5|like im (?:5|five)|in (?:simple|plain|simpler) "
                      r"(?:terms|words|english))\b")


_TOO_LONG = re.compile(r"^(?:(?:ok|okay|ugh|way|wayyy?|much|its|that was|thats|again) )*"
                       r"(?:too long|tl ?dr|too much text|too much to read|shorter( please| pls)?|keep it short|"
                       r"short answers?( please| pls)?)\b")


def briefly(text: str) -> str | None:
    """The question of a message that asks for its answer in short, without the words that say
    so; None when it does not ask that (or asks nothing else: "tl;dr" alone is a follow-up)."""
    plain = re.sub(r"( please| pls)+$", "", normalize(text))
    # or said of the answer before, first: "too long. worth it?" wants this one short as well
    if (before := _TOO_LONG.match(plain)) is not None and len(rest := plain[before.end():].split()) >= 2:
        return " ".join(rest)
    # at the end: "short version: my badge shows unverified, why" sums up the asker's own story
    if not (found := list(_BRIEFLY.finditer(plain))) or found[-1].end() != len(plain):
        return None
    rest = " ".join(_BRIEFLY.sub(" ", plain).split())
    rest = re.sub(r"^(?:(?:ok|okay|fine|so|pls|please|can you|could you|just|ty|thanks|thank you|also|and) )+"
                  r"|(?: please| pls)$", "", rest)
    return rest if len(rest.split()) >= 2 else None


# "hi im switching from retail to data analytics, coursera or udacity which is better": a sentence
# about the asker, then the question. Its own words (retail, analytics) are no subject of the question.
_ABOUT_ME = re.compile(rf"^\s*(?:{_HELLO}\b[\s,!.]*)*"
                       r"(?:i'?m|i am|my name is|this is|so i'?m|i have been|i'?ve been|i work|i was)\b"
                       r"(?P<about>[^,.;:!?]*)[,.;:!]+\s*(?P<question>.+)$", re.I)


def after_introduction(text: str) -> str | None:
    """The question that follows a sentence about the asker, when the sentence asks nothing and
    the rest does ("..., coursera or udacity which is better"); None otherwise."""
    found = _ABOUT_ME.match(text)
    if found is None or _ASKING & set(normalize(found.group("about")).split()):
        return None
    question = found.group("question").strip()
    asks = question.endswith("?") or bool(_ASKING & set(normalize(question).split()))
    return question if asks and len(question.split()) >= 2 else None


# A story that names a thing, then asks only what it is: "my boss keeps talking about open badges,
# what are they", "hi my manager said i need to get some micro credentials what is that". The thing is
# the few words after the story's last "about", "called", "some" or "says" ("a link on it says digital
# badge"): read whole, the story's boss and work led to whether employers recognise micro-credentials,
# or "did you mean".
_WHAT_IS_THAT = re.compile(r"^(?P<story>.+?) (?:(?:so|and|but|ok|okay|um|like) )?(?:what|wat|wot|whats|wats)"
                           r"(?: (?:is|are|r|even is|exactly is))? (?:that|this|it|they|those|these|them)"
                           r"(?: (?:exactly|even|then|lol|tho|though|thing|things|about))?$")
_THE_THING = re.compile(r"^.*\b(?:about|called|named|some|these|those|says|mentions|mentioned)\s+"
                        r"(?P<thing>\w+(?: \w+){0,3})$")


# Or names it in the question itself: "my district started giving us badges for PD sessions. what even
# are these badges?" (read whole, the district's sessions led to issuing badges, or "did you mean").
# Only "these" or "those": "what is this email" asks about one thing of the story's, not what emails are.
_WHAT_ARE_THESE = re.compile(r"^(?:\w+ ){3,}?(?:(?:so|and|but|ok|okay|um|like) )?(?:what|wat|wot|whats)"
                             r"(?: even| exactly)?(?: (?:are|r))?(?: even| exactly)? (?:these|those) "
                             r"(?P<thing>\w+(?: \w+)?)(?: (?:exactly|even|then|lol|tho|though|anyway))?$")


# Or asks something of it, in a sentence of its own: "... and they mentioned european digital credentials.
# is that compatible with open badges?" (read whole, "did you mean" what an Open Badge is first)
_IS_THAT = re.compile(r"^(?:(?:so|and|but|ok|okay|like) )?(?P<verb>is|are|does|do|can|will|would)"
                      r" (?:that|this|it|they|those|these)(?: (?:thing|things))? (?P<rest>\w.*)$")


def what_the_story_names(text: str) -> str | None:
    """"what is <the thing>" for a message that names a thing and then asks only what it is, or the
    question its last sentence asks of that thing ("is <the thing> compatible ..."), else None."""
    plain = normalize(text)
    if (named := _WHAT_ARE_THESE.match(plain)) is not None:
        return f"what is {named.group('thing')}"
    found = _WHAT_IS_THAT.match(plain)
    thing = _THE_THING.search(found.group("story")) if found else None
    if thing is None and len(said := [normalize(s) for s in SENTENCE_END.split(text.strip()) if s.strip()]) > 1:
        asked, story = _IS_THAT.match(said[-1]), _THE_THING.search(said[-2])
        if asked is not None and story is not None:
            return f"{asked.group('verb')} {story.group('thing').strip()} {asked.group('rest')}"
    return f"what is {thing.group('thing').strip()}" if thing else None


# A question reported for someone else: "a lady asked me how she can put her certificate on LinkedIn.
# Could you explain step by step?" The question is the clause after "asked me" (its last sentence
# asks credbot to act, and the library's words spread the whole message over three entries).
_REPORTED = re.compile(r"\b(?:asked|asks|asking|wants to know|wanted to know|would like to know|was wondering|"
                       r"is wondering|wonders)(?: (?:me|us|him|her|them))? (?P<question>(?:how|what|whether|if|where|"
                       r"why|when|which|who) [^.!?]{6,})", re.I)


def reported_question(text: str) -> str | None:
    """The question a message reports someone asking ("... asked me how she can ..."), else None."""
    found = _REPORTED.search(text)
    return found.group("question").strip() if found else None


# A message that describes something and asks only whether it is real (or good): "some website offers an 'IBM
# certified' certificate for rs 499, no exam needed, just pay and download. legit?". The tail names no
# subject; what it asks about is everything before it.
_VERDICT_TAIL = re.compile(r"^(?:\w+ ){4,}?(?:(?:so|but|and|ok) )?(?P<asked>(?:is|are) (?:this|that|it|they|"
                           r"these|those) (?:a )?(?:scam|legit|real|true|genuine|fake|safe|for real)|legit|real|scam|"
                           r"genuine|fake|true|for real|should i (?:buy|pay|trust) (?:it|this|that|them)|"
                           r"(?:is|are) (?:this|that|it|they|these|those) (?:any )?good(?: for me)?|"
                           r"(?:just )?(?:tell me|let me know) (?:if|whether) (?:it|its|it is|this|this is|that|"
                           r"that is|they are|theyre) (?:a )?(?:scam|legit|real|genuine|fake|true))$")


# the one-word verdicts, asked only as a sentence of their own ("... just pay and download. legit?"): at
# the end of one, "how to check if this is true" asks how to check
_BARE_VERDICTS = frozenset({"legit", "real", "scam", "genuine", "fake", "true", "for real"})


def verdict_asked(text: str) -> str | None:
    """The question of a message that tells of something and then asks only whether it is real,
    legit or a scam ("is this a scam"), else None."""
    found = _VERDICT_TAIL.match(normalize(text))
    if found is None:
        return None
    asked = found.group("asked")
    sentences = [s for s in SENTENCE_END.split(text.strip()) if s.strip()]
    if asked in _BARE_VERDICTS and normalize(sentences[-1]) != asked:
        return None
    return asked


# Who hires or screens candidates, said of oneself: "I'm in HR at a logistics company", "we're hiring", "I'm a
# recruiter", "candidates list Coursera certificates on their CVs". Remembered, it tells what a later "which of
# these actually mean something?" asks: what they are worth to an employer, not which to study.
_HIRING = re.compile(
    r"\b(?:i'?m|i am|i work|we'?re|we are|we work)(?: \w+){0,2} (?:in |an? |the )?(?:hr|human resources|"
    r"recruit\w*|talent acquisition|hiring manager|people team)\b|\bhiring manager\b|\bwe(?:'re| are)? hiring\b|"
    r"\b(?:candidates?|applicants?|job seekers)\b.{0,60}?\b(?:cvs?|resumes?|applications?|list|listing|lists|send|"
    r"sent|put|claim)\b")
# A verdict asked of certificates: whether they are worth anything, mean something, can be trusted.
_ASKS_WORTH = re.compile(r"\b(?:worth|mean (?:anything|something|much)|means (?:anything|something)|count for|"
                         r"take (?:it|them|these|those) seriously|trust|valuable|credible|which (?:ones|of these|of them))\b")


# ... but one who is a candidate says so ("as an applicant, should I list my badges on my CV?")
_SELF_CANDIDATE = re.compile(r"\b(?:i'?m|i am|as) an? (?:candidate|applicant|job seeker)\b")


def says_hiring(text: str) -> bool:
    """Whether a message says the asker hires or screens candidates (HR, a recruiter, a hiring manager)."""
    plain = normalize(text)
    return _HIRING.search(plain) is not None and _SELF_CANDIDATE.search(plain) is None


# one who gives credentials to others, or asks about giving them: "we just hand out roles like 'contributor' ...
# what are my options that dont cost money?" (an issuer's question; it got a learner's financial aid)
_ISSUING = re.compile(
    r"\b(?:we|i|were|im)(?: \w+){0,3} (?:issue|issuing|award|awarding|hand out|handing out|give out|giving out|give|"
    r"giving)\b(?: \w+){0,4} (?:badges?|roles?|certificates?|certs?|credentials?|microcredentials?)\b|"
    r"\b(?:issue|issuing|award|awarding) (?:them|badges?|our badges?|certificates|credentials)\b(?! (?:to|from) me\b)|"
    r"\b(?:badges?|certificates?|credentials?) (?:to|for) (?:our|my) (?:members|contributors|students|learners|staff|"
    r"employees|volunteers|team|pupils|community|users)\b")
_ASKS_PRICE = re.compile(r"\b(?:free|cost|costs|money|budget|price|pricing|paid|cheap|cheaper|afford|expensive)\b")


def asks_issuers_costs(text: str) -> bool:
    """Whether a message asks what giving badges or certificates to others costs, or what is free."""
    plain = normalize(text)
    return _ISSUING.search(plain) is not None and _ASKS_PRICE.search(plain) is not None


def asks_worth(text: str) -> bool:
    """Whether a message asks what certificates or badges are worth, or whether they can be trusted."""
    return _ASKS_WORTH.search(normalize(text)) is not None


def introduces_self(text: str) -> bool:
    """A hello that says who is asking in words of its own ("hello, im john"): a greeting only
    when none of those words is one the base knows (`_SELF_NAMED`)."""
    plain = normalize(text)
    return _SELF_NAMED.match(plain) is not None and not _ASKING & set(plain.split())


# thanks, then what one will do, then goodbye, asking nothing: "thank you very much for your patience, I will ask my
# grandson to help me find the OpenLearn website, have a lovely day" (searched, it repeated an answer's sentence)
_CLOSING = re.compile(r"^(?:\w+ ){0,3}?(?:thanks|thank you|thank u|thx|ty|cheers|much appreciated)\b(?: \w+){0,30}? "
                      r"(?:have a (?:\w+ )?(?:day|evening|night|weekend|one)|bye|goodbye|take care|see you|cheers)"
                      r"(?: now| then| x+)?$")


# thanks beside what one will do next or what one thought of the help, asking nothing: "righto, ill just email the uni.
# cheers", "aight thanks man, gonna go for sec+ i think", "sweet thats helpful, thanks heaps!" (searched, each got a menu
# of whatever its words met)
_PLAN = re.compile(r"^(?:(?:ok|okay|right|righto|alright|aight|so|then|anyway|anyways|well|i think|maybe|prob|probably)"
                   r" )*(?:i ?ll|i will|i shall|ill|im going to|i am going to|im gonna|gonna|going to|will|let me|"
                   r"ima|imma|i(?: am|m)? (?:off|heading) to|i need to go|i have to go|i must go)\b")
_VERDICT_ON_HELP = re.compile(r"^(?:(?:ok|okay|sweet|cool|great|well|but|so|yeah|sound)\s+)*(?:(?:some|most|all) of )?"
                              r"(?:thats|that was|this is|this was|its|it was|very|really|super|not)?\s*"
                              r"(?:very |really |super |so |actually |exactly |just )?(?:helpful|useful|"
                              r"clear|great|perfect|what i needed)(?: but ok(?:ay)?| for (?:\w+ ){0,3}\w+)?$")
_SIGN_OFF_WORDS = _GREETING_WORDS | _THANKS_WORDS | frozenset("righto right sweet heaps sound".split())
# the last words of a goodbye, where no thanks is said: "Good day to you.", "peace", "Gracias, adiós", "cheers, ta-ra"
_FAREWELL_WORDS = _BYE_WORDS | frozenset("day care peace adios ciao diolch tara ra".split())
# a thanks for something named is still thanks: "obrigado, thanks for the signature help"
_THANKS_FOR = re.compile(r"^(?:(?:thanks|thank you|thank u|cheers|ta|obrigado|gracias)\s+)*(?:thanks|thank you|thank u)"
                         r"(?: so much| a lot| very much)? for\b")
# nothing more wanted, before a goodbye: "no nothing, bye", "nope thats all"
_NOTHING_MORE = re.compile(r"^(?:no|nope|nah)(?: thanks| thank you)?"
                           r"(?: nothing(?: else)?| thats all| thats it| all good| im good)?$")
_ASKS_ANYWHERE = re.compile(r"\b(?:how|what|whats|where|which|why|when|who|whether)\b")
# ... unless the rest tells of trouble still there ("thanks, but my badge still hasnt arrived")
_TROUBLE_LEFT = re.compile(r"\b(?:still|never|didnt|doesnt|hasnt|havent|isnt|wasnt|cant|cannot|wont|error|broken|wrong|"
                           r"missing|lost|expired|problem)\b")


def signs_off(text: str) -> bool:
    """Whether a message thanks or says goodbye, and otherwise only says what comes next or what the
    help was worth. A goodbye at the end lets a clause of other news pass, where another says what
    comes next or what the help was worth: "Some of this was useful, the Workforce Pell and design
    stuff. I'll go talk to our registrar and IACET. thanks" (searched, each such got an answer or a menu)."""
    plain = normalize(text)
    said = set(plain.split())
    if not said & (_THANKS_WORDS | _FAREWELL_WORDS) and "thank" not in plain or asks_something(text):
        return False
    # (nor one asking without a question mark: "thanks, i will need a certificate for my visa how do i get one")
    if _TROUBLE_LEFT.search(plain.replace("not helpful", "")) or _ASKS_ANYWHERE.search(plain.replace("what i needed", "")):
        return False
    kinds = [_sign_off_kind(" ".join(words))
             for clause in re.split(r"[,;:!]+|\.(?:\s|$)|\s+(?:but|and)\s+(?=i\b|ill\b|gonna\b|will\b)", text)
             if (words := normalize(clause).split())]
    if kinds and all(kinds) and ("bye" in kinds or said & _THANKS_WORDS or "thank" in plain):
        return True
    return bool(kinds) and kinds[-1] == "bye" and any(kind in ("plan", "verdict") for kind in kinds)


def _sign_off_kind(clause: str) -> str | None:
    """What one clause of a goodbye does: "bye" (thanks or goodbye), "chat" (a word of chat, "ok
    cool"), "plan" (what comes next), "verdict" (what the help was worth), or None (anything else)."""
    words = clause.split()
    if (all(w in _SIGN_OFF_WORDS | _FAREWELL_WORDS for w in words) and set(words) & (_THANKS_WORDS | _FAREWELL_WORDS)) \
            or _THANKS_FOR.match(clause) or _NOTHING_MORE.match(clause):
        return "bye"
    if all(w in _SIGN_OFF_WORDS for w in words):
        return "chat"
    if _PLAN.match(clause):
        return "plan"
    if _VERDICT_ON_HELP.match(clause):
        return "verdict"
    return None


def _is_greeting(tokens: list[str]) -> bool:
    return bool(tokens) and len(tokens) <= 10 and (
        any(t in _GREETING_CORE for t in tokens) and all(t in _GREETING_WORDS for t in tokens)
        or _HOW_ARE_YOU.match(" ".join(tokens)) is not None
        or _ACK.match(" ".join(tokens)) is not None
        or (_INTRO.match(" ".join(tokens)) is not None and not _ASKING & set(tokens))
    )


_A_PERSON = re.compile(r"\b(human|person|someone|somebody|staff|agent|support)\b")
# "can you resend it?", "could you fix my name": asks credbot to do what only an issuer or a platform
# can (credbot answers, shows and checks badges; it sends, changes and issues nothing)
_ACT = re.compile(r"^(?:(?:ok|so|and|but|please) )*(?:can|could|will|would) (?:you|u) (?:please |just )?"
                  r"(?:resend|re send|send(?! me (?:the |a )?(?:link|url|source))|fix|change|correct|delete|remove|issue|reissue|re issue|email|mail|"
                  r"approve|renew|restore|unrevoke|transfer|move|edit|merge|reset|extend|award)\b")


def asks_bot_to_act(text: str) -> bool:
    """Whether a message asks credbot itself to send, change or issue something."""
    return _ACT.match(normalize(text)) is not None


# "do you keep a log of my questions?", "are my chats private?", "can my advisor see what I ask?":
# about what credbot itself records (searched, they met CPD logs and Credly's privacy settings)
_BOT = r"(you|u|credbot|this bot|the bot|this chat ?bot|this thing|this app)"
_TALK = r"(chats?|messages?|questions?|conversations?|what i (ask|type|say|write)|what i asked)"
_CHATS = rf"({_TALK}|history|data)"
_RECORDS = re.compile(
    rf"\b(do|does|will|did|are|is) {_BOT} (keep|keeping|store|storing|save|saving|log|logging|record|recording|"
    rf"remember|track|tracking|collect|collecting|read|reading|share|sharing)\b.*\b(my |our |me|what|this|"
    rf"{_CHATS})|"
    # ("it" may be a platform: "does it keep my data?" after Credly is Credly's; what is typed here is ours)
    rf"\b(do|does|will|did|is) it (keep|keeping|store|storing|save|saving|log|logging|record|recording|remember|"
    rf"track|tracking|read|reading) (my |our |the |all |all my |all our )?(questions|chats?|conversations?|"
    rf"messages|what (i|we) (ask|type|say|write|asked))\b|"
    # ("is the data stored in the us?" asks of a badge platform's data; "is my data stored?" of ours)
    rf"\b(are|is) ((my |our |these |this |the )?{_TALK}( with (you|u|credbot|the bot|this bot))?|"
    rf"(my|our) (data|history)) "
    rf"(private|confidential|anonymous|"
    rf"recorded|logged|stored|saved|kept|monitored|tracked|secure)\b|"
    rf"\bis (this|our|my) (chat|conversation) (private|confidential|anonymous|recorded|logged|monitored|secure)\b|"
    rf"\bwhat (data |info |information |personal data )?(do|does) {_BOT} (itself )?(store|keep|save|log|record|collect|"
    rf"know about me)\b|"
    # ("Which staff? Give me a name. Who is the data controller and is there a data protection officer?"; but
    # "who is the data controller when we issue badges on Credly?" asks of an issuer's duties)
    rf"^(?!.*(?:\b(?:issue|issuing|issuers?|we|our|us|linkedin)\b|{_A_PLATFORM.pattern}))"
    r".*?\b(?:(?:who is|whos|who s) (?:the )?(?:data controller|"
    r"controller of my data|data protection officer|dpo)|is there (?:a )?(?:data protection officer|dpo))\b|"
    # ("what happens to the messages students type into this chat?", "does anything get stored?")
    r"\bwhat happens (to|with) (the |my |our |their )?(messages|questions|chats|conversations|what (i|we|students|"
    r"learners|they) (type|ask|say|write))\b|"
    r"\b(does|will|is) anything (get |be )?(stored|saved|kept|logged|recorded)\b|"
    # ("if a member wants their stuff deleted who do they contact")
    r"\bwants? (their|his|her|my|our) (stuff|data|messages|questions|chats|history|info) (deleted|removed|erased)\b|"
    rf"\b(can|could|will|would) (you|u|credbot|someone|staff) (please )?(delete|erase|remove|wipe|forget) "
    rf"(my |our |all my |everything i|what i)\b.*\b({_CHATS}|everything|info|information|records?)\b|"
    rf"\b(can|could|does|do|will|would) (the |my |our )?(university|uni|school|college|staff|admins?|"
    rf"administrators?|teachers?|advisors?|advisers?|instructors?|employer|boss|manager|anyone|someone|"
    rf"people|others?) (see|read|access|view) (what (i|students|learners|people|users|members|they) (ask|asks|type|"
    rf"say|write|asked)|(my|our|these|this) "
    rf"({_CHATS}|chat|conversation))\b|"
    rf"\b(can|could|does|do) (the )?(staff|admins?|administrators?|moderators?|mods) (see|read|access|view) "
    rf"(the |our |my |all )?(unanswered )?{_CHATS}\b|"
    rf"\bwho ((can|could|will) (see|read|access|view)|sees|reads|views) (what (i|we) (ask|type|say|write|asked)|"
    rf"(my|our|these|this) "
    rf"({_CHATS}|chat|conversation))\b")
# "are you chatgpt?", "is this answer from a person?": what credbot is (its help says so)
_WHAT_BOT = re.compile(r"^(are (you|u)|is (this|it|credbot)|is this answer( from)?|do you use|are these answers "
                       r"from) (a |an )?(chat ?gpt|gpt|openai|an? ai|ai|llm|a language model|gemini|copilot|claude|"
                       r"(real )?person|human)( or (from )?(a |an )?\w+( \w+)?)?$")


# "how do i add you to our discord server?", "what permissions do you need": bringing credbot to a
# server or workspace, which whoever runs credbot does (searched, it met SSL certificates and costs)
_SETUP = re.compile(
    rf"\b(add|install|invite|set up|setup|get|bring|put|connect) {_BOT} (on|to|in|into|onto|with) "
    r"((our|my|the|a|an|another|this) )?(own |new |other )?(discord|slack|server|workspace|channel|team|guild|"
    r"community|group)\b|"
    r"\b(install|installing|invite|inviting|deploy|deploying|host|hosting|set up|setting up) credbot\b|"
    rf"\bwhat (discord |slack )?(permissions|perms|scopes|access|rights) (do|does) {_BOT} need\b|"
    # ("i'm a mod but not the owner. do i have perms to add it or does the owner need to?")
    r"\b(do i|does a mod|can a mod|can i) (have|need) (the )?(perms|permissions|rights) to (add|install|invite) "
    r"(it|you|the bot|credbot)\b|\bdoes the (server |workspace )?owner (need|have) to (add|install|invite)\b|"
    rf"\bset ({_BOT}|this|it) up (in|on|for) (our |my |the )?(discord|slack)\b|"
    # ("I'd like my team to be able to use you in our Slack", "can my learners use you inside Slack?")
    rf"\b(use|using|have|add) {_BOT} (in|on|inside|into|within) ((our|my|the|a) )?(own |teams? )?(slack|discord)\b")
# "where is credbot hosted, does it send our questions to openai?", "can credbot connect to our canvas?":
# how it runs and where its data goes, which a fixed answer says (searched, it met Open Badge Factory)
_HOSTING = re.compile(
    rf"\b(how|where) (is|does) (credbot|this bot|the bot) (set up|hosted|host|run|runs|deployed|installed)\b|"
    rf"\b(does|do|will|would|is) {_BOT} (run|hosted|running)\b.{{0,30}}\b(our|your|own|cloud|servers?)\b|"
    rf"\b(does|do|will|would) {_BOT} (send|share|pass|use|forward)\b.{{0,60}}\b(openai|chat ?gpt|gpt|external ai|"
    r"ai service|ai model|llm|language model|third part(y|ies))\b|"
    rf"\b(can|could|does|will) (credbot|this bot|the bot|(you|u) (the bot|yourself|credbot)|credbot itself) "
    r"(connect|link|integrate|talk|sync|plug)( in)? (to|with|into)\b|"
    r"\b(credbot|this bot|the bot)( itself)? (can|could|does|will) (connect|link|integrate|sync|plug)( in)? "
    r"(to|with|into)\b")
# "who pays you?", "are you sponsored by credly?", "youre obviously a sales bot": whether what credbot
# says is bought, which a fixed answer says (searched, "who funds you" met financial aid, twice)
_MAKER = re.compile(
    rf"\bwho (made|built|created|wrote|runs|owns|funds|pays|sponsors|operates|programmed|developed|is behind|"
    rf"is paying|is funding|is sponsoring|pays for|maintains) {_BOT}\b|"
    rf"\b(are|is) {_BOT} (being )?(sponsored|paid|funded|owned|affiliated|partnered)\b|"
    rf"\b(do|does) {_BOT} (get|earn|make|take) (paid|money|a commission|commissions?|a cut|kickbacks?)\b|"
    rf"\b(does|do) \w+( \w+)? (pay|sponsor|fund|own) {_BOT}\b|"
    r"\b(you are|youre|ur|you r|are you) (obviously |just |clearly |basically )?(a |an )?(sales|marketing|advertising|"
    r"ad|promo)\b|\b(is this|this is) (obviously |just |clearly |basically )?(a |an )?(sales|marketing|advertising|ad|"
    r"promo) bot\b")
# "can i customise your answers?", "how do i add my own faq": what staff can change, and how
_CUSTOMISE = re.compile(
    rf"\b(customi[sz]e|change|edit|add to|update|extend|improve|correct|fix) (your|{_BOT}s|the bots) "
    r"(answers?|faqs?|knowledge( base)?|responses?|replies)\b|"
    r"\badd (my|our|your|some|new) (own )?(faqs?|answers?|questions and answers|entries|topics)\b|"
    rf"\bteach {_BOT}\b|"
    # (a staff member, not technical: "how do I change what it says?", "how do I add a new FAQ to the bot")
    rf"\b(change|edit|update|fix|correct) (what ({_BOT}|it) says|(one of )?(the bots?|its|your|credbots?) answers?)\b|"
    r"\bhow do (staff|we|admins) (update|change|edit|correct) (the |its |your )?answers\b|"
    rf"\badd (a |an )?(new )?(faq|answer|topic|entry) to ({_BOT}|the knowledge base)\b|"
    rf"\b(see|view|list|find) (the )?questions (that )?(people|users|learners|students|members)? ?(asked )?(that )?"
    rf"{_BOT} (couldnt|could not|cant|cannot|didnt|did not) answer\b|"
    r"\bsend (my|the|a|our) (new |corrected )?(answer|text|faq)( text)? to (someone|somebody|staff|you)\b")
# "does it read every message in the channel or only when someone pings it": what reaches credbot
_LISTENS = re.compile(
    rf"\b(does|do|will|can|would) {_BOT} (read|see|log|monitor|watch|scan) (every|all|each)( of)?( the| our| my)? "
    r"(message|messages|chat|chats|channels?|conversations?)\b|\bread (every|all) (the |our )?messages\b|"
    r"\bonly (when|if) (someone|somebody|i|we|you|people|users|members) (pings?|mentions?|tags?|@s?|dms?)\b")
# "can it give people discord roles when they earn a badge?": credbot changes nothing on a server
_ROLES = re.compile(r"\b(give|gives|giving|assign|assigns|assigning|grant|grants|add|adds|hand out|set)\b.{0,40}?"
                    r"\b(discord |server |slack )?roles?\b.{0,60}\b(badges?|discord|server|members?)\b|"
                    r"\b(discord|server) roles?\b.{0,40}\b(badges?|earn|earned)\b|\bauto ?roles?\b|"
                    rf"\b{_BOT} (give|assign|grant|hand out|set) (\w+ )?(discord|server) roles?\b")
# "maybe I should just give people a Discord role instead of a real badge?": the asker weighing roles against
# badges, which asks nothing of credbot (it was told "No: I don't give or change roles")
_OWN_ROLES = re.compile(r"\b(i|we) (should|could|might|may|would|will|just|rather)( just| rather| simply)? "
                        r"(give|assign|grant|hand out)\b|\bshould (i|we)( just| simply)? (give|assign|grant|hand out)\b|"
                        r"\binstead of (a |an )?(real |proper |actual |open )?badges?\b|"
                        # ("do i just use discord roles? or is that not a real badge", "i wasnt asking you to give roles,
                        # is a discord role good enough as recognition")
                        r"\b(use|using) (discord |server )?roles\b|\broles? (is |are )?(good enough|enough)\b|"
                        r"\broles? (or|vs|versus) (\w+ ){0,2}badges?\b|"
                        r"\b(wasnt|was not|not|didnt|did not) (asking|ask|want|wanting) (you )?(to )?(give|assign|grant)\b")

# "can my employer see which badges I have through this?", "does credbot share my data with Credly or LinkedIn?",
# "please delete my badge list from credbot": who sees the badges credbot shows, and where they go (a privacy-
# minded learner got her list, the privacy settings of badge platforms, and an issuer's data duties)
_HERE = r"(here|in this chat|in credbot|through (this|you|credbot|the bot)|via (this|you|credbot|the bot))"
_MY_BADGES_HERE = re.compile(
    rf"\bwho (can|could) (see|view|access) my (badges?|badge list|list|awards?|credentials?) {_HERE}|"
    r"\b(can|could|does|do|will) (my |the )?(employer|boss|manager|company|school|college|university|staff|anyone|"
    r"others|other people|other learners|teachers?|admins?) (see|view|access|look at) (my|which|what) (badges?|"
    rf"badge list|awards?|credentials?)( i (have|hold|earned))? {_HERE}|"
    rf"\b(does|do|will|did|would) {_BOT} (share|send|pass|give|sell) (my |any of my |our )?(data|badges?|info|"
    r"information|details|list)\b.{0,30}?\b(credly|linkedin|employers?|anyone|third part(y|ies)|other (companies|"
    r"people))\b|"
    rf"\b(delete|remove|erase|wipe) (my |the )?(badge list|badges?|badge records?|data|records?) (from|in|on) "
    r"(credbot|you|here|this( bot| chat)?)\b|"
    r"\bwhere (does|did) (my |the |this )?(badge )?list come from\b|\bwhere did (you|credbot) get my badges\b|"
    r"\b(you|credbot) (have|has|keep|keeps|hold|holds) (a |the )?(list|record|copy) of my badges\b|"
    r"\b(did|do|would|will) (you|credbot) show (them|my badges|my list) to (other people|others|anyone)\b|"
    rf"\bmy (gdpr|data protection|privacy) rights {_HERE}|\bmy rights under (the )?gdpr {_HERE}")
# "how do I import a learner's badges?", "I have an Excel spreadsheet of which students earned which badges, how
# do I get that into credbot", "how do I link her chat account to her badges": staff work, done with commands
# (a learning technologist got the learner's entry on moving badges, and on scams)
_STAFF_BADGES = re.compile(
    r"\bhow (do|can|should) (i|we|staff) (import|upload|load|bulk (add|upload|import)|add) (a |the |our |my |all "
    r"(the |our )?)?(learners?|students?|members?|users?|employees?|staffs?|peoples?)s? (badges?|awards?|roster|"
    r"credentials?)\b|"
    r"\b(get|put|load|import|upload) (that|it|this|them|those|these|the (spreadsheet|sheet|list|file|csv|roster)) "
    r"into (credbot|you|the bot)\b|"
    # ("for my spreadsheet: I have it in Excel with columns Name, Email, Course, Date passed. What do I do? and where do I
    # attach it in here?"; but "spreadsheet ok or do i need software? what columns", of tracking staff's training, asks
    # nothing of credbot)
    r"\b(spreadsheet|excel|csv)\b.{0,60}?\bcolumns?\b.{0,120}?\b(attach|upload|import|in here|into (credbot|you|the bot))\b|"
    r"\b(attach|upload|import)\b.{0,60}?\b(spreadsheet|excel|csv)\b.{0,60}?\bcolumns?\b|"
    r"\bhow (do|can|should) (i|we) link (her|his|their|a|the|this|that|someones?) (learners? |students? |users? |"
    r"members? )?(chat )?(accounts?|badges)\b|"
    r"\b(credbot|the bot) (cant|cannot|can not|doesnt|does not|wont) (find|show) (her|his|their) badges\b")
# "what do learners ask about most?", "how do learners leave feedback?": the staff reports
_STAFF_REPORTS = re.compile(
    r"\bwhat (do|did) (learners|students|people|users|members|they) ask( you| credbot)? (about )?(the )?most\b|"
    r"\b(which|what) (topics|questions) (do|did) (learners|students|people|users|members) ask( you| credbot)? "
    r"(about )?(the )?most\b|"
    r"\bhow (do|can|will|would) (learners|students|people|users|members) (leave|give|send) (you |credbot |us )?"
    r"feedback\b|\bhow (do|can) (i|we) see (the |their |learners )?feedback\b|"
    # ("How do I see what my learners asked that you couldn't answer?")
    r"\bwhat (my |the |our )?(learners|students|people|users|members) asked (that )?(you|credbot|the bot) "
    r"(couldnt|could not|cant|cannot|didnt|did not|wasnt able to) answer\b|"
    # ("if a student asks something you cant answer, how do staff find out? is there a way we get the unanswered
    # questions?")
    r"\b(get|see|find|read|view|list|check|review) (the |our |their |all the )?unanswered questions\b|"
    r"\basks? (something|a question|anything) (you|credbot|the bot) (cant|cannot|couldnt|could not|dont know how to) "
    r"answer\b.*\b(staff|we|us|admins?|teachers?|tutors?)\b")
# "Is there a list of what staff can do?", "are there admin commands?": the staff commands
_STAFF_HELP = re.compile(
    r"\b(list|what) of (what )?(staff|admins?|admin users) can do\b|\bwhat can (staff|admins?) do\b|"
    r"\b(are there|is there|any|list of|what are the|where are the) (any )?(admin|staff|administrator) commands?\b|"
    r"\bwhat (staff|admin) commands\b")

# "wait so how does credbot work in discord exactly? what commands are there" (a Discord moderator got a menu of
# issuing badges, what a badge is and scams): how to talk to it, and its commands (staff's are `_STAFF_HELP`'s)
_COMMANDS = re.compile(
    rf"\bhow (does|do|can) ({_BOT}|i|we|people|members|students) (work|use|talk to|ask|reach) ({_BOT} )?(in|on|from|"
    r"inside) (discord|slack|the terminal|a terminal|terminal|the console|the command line)\b|"
    rf"\bwhat (slash )?commands (are there|do (you|u) have|does (credbot|the bot|this bot) have|can (i|we) use|"
    r"(do|does) (it|credbot|the bot) (have|take|know))\b|"
    r"\b(list|any|which|what are the|what are your|are there( any)?) (of )?(the )?(slash )?commands\b|\bslash commands?\b")


class AboutCredbot(StrEnum):
    """What a message asks about credbot itself, which a fixed answer of the engine's says."""

    MADE_BY = "made-by"  # who makes, runs or pays for it
    HOSTED = "hosted"  # where it runs, where questions go, what it connects to
    SETUP = "setup"  # bringing it to a Slack workspace or a Discord server
    CUSTOMISE = "customise"  # how staff change what it answers
    LISTENS = "listens"  # which messages reach it
    ROLES = "roles"  # whether it gives roles or changes a server
    RECORDS = "records"  # what it keeps of a chat, and who can read it
    MY_BADGES_HERE = "my-badges-here"  # who sees the badges it shows, where they come from and go
    STAFF_BADGES = "staff-badges"  # how staff import learners' badges and link accounts
    STAFF_REPORTS = "staff-reports"  # what learners ask most, and their feedback
    STAFF_HELP = "staff-help"  # which commands staff have
    COMMANDS = "commands"  # how to talk to it in Slack or Discord, and its commands


# (in this order: "who runs the bot and is it hosted on our servers?" is who; "does credbot share my data with
# LinkedIn?" is of the badges it shows, not of the chats it keeps)
_ABOUT_CREDBOT = ((AboutCredbot.MADE_BY, _MAKER), (AboutCredbot.HOSTED, _HOSTING), (AboutCredbot.SETUP, _SETUP),
                  (AboutCredbot.CUSTOMISE, _CUSTOMISE), (AboutCredbot.LISTENS, _LISTENS), (AboutCredbot.ROLES, _ROLES),
                  (AboutCredbot.MY_BADGES_HERE, _MY_BADGES_HERE), (AboutCredbot.RECORDS, _RECORDS),
                  (AboutCredbot.STAFF_BADGES, _STAFF_BADGES), (AboutCredbot.STAFF_REPORTS, _STAFF_REPORTS),
                  (AboutCredbot.STAFF_HELP, _STAFF_HELP), (AboutCredbot.COMMANDS, _COMMANDS))


_SAID_SHORT = (AboutCredbot.RECORDS, AboutCredbot.MY_BADGES_HERE)  # (in a long story, asked of a platform)


def about_credbot(text: str) -> AboutCredbot | None:
    """What a message asks about credbot itself (see `AboutCredbot`), or None. What it keeps of a chat
    is asked in a few words: a long story that says "does it store my data" asks of a platform."""
    return _about_credbot(normalize(text))


def _about_credbot(plain: str) -> AboutCredbot | None:
    """`about_credbot` of a message normalised already (as `detect_intent` has it)."""
    for about, pattern in _ABOUT_CREDBOT:
        if pattern.search(plain) and (about not in _SAID_SHORT or len(plain.split()) <= 30):
            if about is AboutCredbot.ROLES and _OWN_ROLES.search(plain):
                continue
            return about
    return None


# a word or two said alone beside a request for a person: "none. I want to talk to a human. staff. support."
_ASIDE = re.compile(r"^(none|no|nope|nah|none of (those|these|them)|staff|support|anyone|anybody|someone|somebody|"
                    r"please|a human|human|a person|a real person|real person)$")
# a sentence about credbot itself, before a request for help ("I'm evaluating this bot for our IT service")
# ("Hiya, just added you to our college slack.", "im the learning technologist trying you out")
_ON_THE_BOT = re.compile(r"\b(this bot|the bot|credbot|chat ?bot|this assistant|evaluating|testing (you|this)|"
                         r"(added|installed|invited|trying) (you|u)\b|tell (the |our )?(students|learners|staff|"
                         r"members|people|team) about (you|u)\b)")


def asks_for_a_person(text: str) -> bool:
    """Whether a help request asks for a person rather than for what the bot can do."""
    return _A_PERSON.search(normalize(text)) is not None


# The commonest small words of languages learners may write in, to say "English only" rather than
# offer three unrelated topics. Two of one language's words, outnumbering the common English words
# of the message, make it: "El Camino College or Las Positas, which has better micro-credentials?"
# is English with two Spanish names in it.
_FOREIGN_WORDS = {
    # "de", "en" and "son" are in the English list too (names, "my son"), so they are listed here
    "es": frozenset("que es una un el la los las como puedo mi mis por para de del en con donde cuando esta hay "
                    "sobre son cuanto cuesta tengo quiero necesito insignia certificado certificados sirve "
                    "valido validos".split()),
    "fr": frozenset("je est une un le les des mon ma mes comment puis sur pour avec dans quoi qu ce cest "
                    "combien coute numerique".split()),
    "de": frozenset("ist ein eine wie ich mein meine kann das der die und nicht was wo mit wie viel kostet".split()),
    "it": frozenset("cos cose cosa come posso il lo la di che un una mio mia sono dove quanto costa e".split()),
    "pt": frozenset("como posso meu minha uma um que para com onde quando sobre voce quanto custa faco o isso "
                    "sao nao em os da das dos pelo pela reconhecido valido vale".split()),
}
_ANY_FOREIGN = frozenset().union(*_FOREIGN_WORDS.values())


# "sorry, english: what is an open badge", after the reply that credbot reads English only
_IN_ENGLISH = re.compile(r"^\W*((sorry|ok|okay|oops|right)\W+)?(in\s+)?english(\s+(now|please|then|version))?"
                         r"(\s*[:,\-\u2013\u2014]\s*|\s+(?=(what|how|why|who|when|where|which|is|are|can|could|do|does|"
                         r"will|should)\b))", re.IGNORECASE)


def without_language_note(text: str) -> str:
    """The question after a note that it is now in English ("sorry, english: ..."), which is no part of it."""
    rest = _IN_ENGLISH.sub("", text, count=1)
    return rest if rest.strip() else text


def looks_foreign(text: str) -> bool:
    """Whether a message is written in another language (Spanish, French, German, Portuguese, or
    any in a script other than the Latin one: Japanese, Arabic, Chinese, Russian ...)."""
    letters = [ch for ch in text if ch.isalpha()]
    if len(letters) >= 2 and sum(ord(ch) > 0x24F for ch in letters) > len(letters) / 2:
        return True
    distinct = set(normalize(text).split())
    if len(distinct) < 3:
        return False
    english = sum(1 for w in distinct if w not in _ANY_FOREIGN and is_everyday(w))
    return any(len(distinct & common) >= 2 and len(distinct & common) > english for common in _FOREIGN_WORDS.values())


_UNHELPED = re.compile(r"\bnot (?:very |really |that |much )?(?:helpful|useful|much help)\b|"
                       r"\bthanks? (?:you )?for nothing\b|\b(?:didnt|did not) help\b")


def greeting_kind(text: str) -> str:
    """Which social turn a greeting is, for the reply: "thanks", "unhelped", "bye", "ack" or "hello"."""
    plain = normalize(text)
    tokens = set(plain.split())
    if tokens & _BYE_WORDS or "see you" in plain or _NOTHING_ELSE.match(plain):  # "cheers, bye" is leaving
        return "bye"
    if tokens & _FAREWELL_WORDS and not tokens <= _GREETING_WORDS and signs_off(text):
        return "bye"  # ("Most kind. I shall look into SAAS. Good day to you."; but "good day" alone is a hello)
    if _UNHELPED.search(plain):  # ("not helpful but ok. thanks")
        return "unhelped"
    if tokens & _THANKS_WORDS:
        return "thanks"
    if _ACK.match(plain):
        return "ack"
    return "hello"


# "how do I link my account?", "is my account linked?", "how do I get my badges into credbot?":
# about the learner's record here, which the badge skill answers (linked or not, and who adds badges)
_LINKING = re.compile(
    r"^((how|where) (do|can|should) i |can (you|i) |please |i want to |i need to )?(link|connect)(ed)? "
    r"(my |me |up |to my )?((slack|discord|chat|credbot) )?(account|profile|record)s?( here| to (credbot|you))?\??$|"
    r"\b(link|connect|sync|import|bring|get|add)\b.{0,40}\b(my|me)\b.{0,40}\b(credbot|this bot|the bot|"
    r"into (credbot|here|this chat|you)|in here)\b|^how do i get linked\b|"
    r"^(can|could|will) you (import|get|fetch|pull|load) my (badges?|credentials?) from\b|"
    r"^(is|am) (my (chat |slack |discord )?account|i) (linked|connected)\b")
# ... but linking a badge or an account to somewhere else is sharing it ("link my Credly to LinkedIn")
_ELSEWHERE = re.compile(r"\b(to|on|with) (my )?(linkedin|facebook|twitter|x|resume|cv|website|email|signature|"
                        r"badgr|credly|canvas|accredible|google|portfolio)\b")


# "i didnt ask to be linked, can you cancel that request?": the request, withdrawn at the asker's word
# ("can i delete that badge" is no request withdrawn)
_WITHDRAW = re.compile(r"\b(cancel|withdraw|delete|remove|drop|undo|forget)\b.{0,30}\b(request|linking|link|staff)\b|"
                       r"\b(did ?n.?t|did not|never) (ask|want|mean) (to be |you to |for )?(link|linked|connected)|"
                       r"\b(did ?n.?t|did not|never|dont|do not) (ask for|want|need) (the |any )?staff\b")


def withdraws_link_request(text: str) -> bool:
    """Whether a message takes back a request to be linked ("cancel my request", "i didnt want staff"):
    read before anything else, so the badge skill is asked only then."""
    return _WITHDRAW.search(normalize(text)) is not None


def asks_how_to_link(text: str) -> bool:
    """Whether a message asks how to link the asker's account to credbot, or get their badges in."""
    return _links_here(normalize(text))


def _links_here(plain: str) -> bool:
    return bool(_LINKING.search(plain)) and not _ELSEWHERE.search(plain)


# "do any of my badges expire?", "are all my certificates still valid?": the list, which says so of each
_ALL_OF_MINE = re.compile(rf"^((do|are|have|has|is) )?(any|all|which|each|every one) of my {_BADGE_NOUN}( (still )?"
                          rf"(valid|expire|expired|revoked|verified|current|active|expiring))?( yet| soon| now)?$|"
                          rf"^(are|have) (all )?my {_BADGE_NOUN} (still )?(valid|expired|revoked|verified|current|"
                          rf"active)( yet| soon| now)?$")
# "can I see my badges please": asked of credbot, and nothing more (the privacy entry answered it; "can
# I see my badges on Credly?" asks how to, and stays a question)
_MAY_I_SEE = re.compile(rf"^(can|could|may) i (please )?(see|view|check|look at|have a look at) (all )?(of )?my "
                        rf"{_BADGE_NOUN}( please| now| here)?$")
# "why can't I see my badges?" from someone whose list is empty: the list's reply says why
_WHY_NONE = re.compile(rf"^why (cant|cannot|can not|dont|do not) i (see|have|find) (any|my) {_BADGE_NOUN}"
                       rf"( here| in credbot| yet)?$|^why (are|is) there no {_BADGE_NOUN}( here)?$")


def _badge_intent(plain: str, sentences: list[str]) -> Intent | None:
    """`sentences`: the message's sentences, normalised, for a how-to asked after some context."""
    plain = _FILLER.sub("", plain)
    if not _FIRST_PERSON.search(plain):
        return None
    if _links_here(plain):
        return Intent.MY_BADGES  # the list, or for someone not linked yet, how that is done
    if _ALL_OF_MINE.search(plain) or _WHY_NONE.match(plain) or _MAY_I_SEE.match(plain):
        return Intent.MY_BADGES  # the list says each one's status and dates; an empty one says why
    howto = any(_HOWTO.match(_FILLER.sub("", s)) for s in sentences) or any(
        _CLAUSE_HOWTO.match(c) for s in sentences for c in _CLAUSE.split(s)[1:])
    progress = _PROGRESS.search(plain)
    # (towards "a" or "any" something is a goal in general: "what do I need to earn a digital badge?")
    if (progress and not _GENERAL_GOAL.search(plain[progress.end():])) or (_SHARE_MINE.match(plain) and not howto):
        return Intent.BADGE_DETAIL  # progress along a pathway, or sharing one of my badges
    if howto or _NEGATION.search(plain):
        return None
    if _RECOGNISED_WHERE.search(plain):
        return None  # ("are my overseas qualifications valid in england": recognition, not a badge of theirs)
    named = _named_badge(plain)
    # (the sentence that names the badge says what of it: "... to keep my mind active. is my teaching
    # qualification enough" asks nothing about a badge of the asker's being active)
    said = next((s for s in (_FILLER.sub("", x) for x in sentences) if _named_badge(s)), plain)
    have = _DO_I_HAVE.search(plain)
    if named and (_DETAIL_ATTR.search(said) or _IMPERATIVE.match(plain) or have or _WHAT_ABOUT.match(plain)):
        return Intent.BADGE_DETAIL
    if have and _is_name(have.group(4)):
        return Intent.BADGE_DETAIL
    # "do I have any badges yet?", "did I get a certificate?"; but "do I get a certificate if I
    # audit?" asks what a course gives
    if have and (have.group(1) == "did" or have.group(2) in ("have", "hold")) and all(
            w in _GENERIC for w in have.group(4).split()):
        return Intent.MY_BADGES
    if _WHICH_MINE.match(plain) or _MY_LATEST.match(plain) or _OF_MINE.match(plain):
        return Intent.MY_BADGES
    if _EARNED.search(plain) and _ASKS_FOR_MINE.match(plain):
        return Intent.MY_BADGES
    if _MY_BADGES_NOUN.search(plain) and (_IMPERATIVE.match(plain) or re.match(r"^(what|whats|which)( is| are)? in\b", plain)
                                          or re.match(r"^(what is|whats|check|how is|hows) the status of\b", plain)):
        return Intent.MY_BADGES
    if re.fullmatch(rf"(all )?my {_BADGE_NOUN}( please)?", plain):
        return Intent.MY_BADGES
    return None


# "what about my Spreadsheets badge?", "my SQL badge": nothing but the badge's name
_WHAT_ABOUT = re.compile(rf"^((what|how) about )?my ((\w+ ){{1,3}}){_BADGE_NOUN}$")
_HOW_OR_WHY = re.compile(r"\b(how|why|can i|could i|should i|what should i|what do i)\b")
_IT_BADGE = re.compile(r"\b(it|its|that one|this one|that badge|this badge|the badge|that|this)\b")
_SHARE_IT = re.compile(r"\b(share|post|linkedin|add it|embed|website|resume|cv|portfolio)\b")


def about_that_badge(text: str) -> str | None:
    """After one of the learner's own badges was shown: "detail" for "is it still valid?", "when does
    it expire?", "share" for "share it on LinkedIn", None for anything else."""
    plain = normalize(text)
    questions = [normalize(q) for q in SENTENCE_END.split(text.strip()) if q.strip()]
    # (sharing asked in a sentence of its own, a little longer: "so I can put this Achievement one also on
    # LinkedIn or no? who I ask why revoked" got the steps to add a badge to LinkedIn, for a revoked one)
    if any(len(q.split()) <= 14 and _IT_BADGE.search(q) and _SHARE_IT.search(q) for q in questions):
        return "share"
    if len(plain.split()) > 10 or not _IT_BADGE.search(plain):
        return None
    if _SHARE_IT.search(plain):
        return "share"
    # ("how do I renew it?", "why did it expire?" ask how things work: a knowledge question)
    return "detail" if _DETAIL_ATTR.search(plain) and not _HOW_OR_WHY.search(plain) else None


# a status as credbot's badge replies word it, asked about: "what does unverified mean?", "why expired?"
_STATUS = re.compile(r"\b(not verified|unverified|verified|expired|revoked|invalid)\b")
_ASKS_MEANING = re.compile(r"^(what|whats|why|meaning|explain|define|huh)\b|\bmean\b")
_SEEN_AS = re.compile(r"\b(it says|says|shows|showing|next to|labell?ed|marked)\b")


def status_asked(text: str) -> str | None:
    """The badge status a short question asks the meaning of ("unverified"), or None."""
    plain = normalize(text)
    found = set(_STATUS.findall(plain))
    # (a little longer when it says where the word was seen: "it says unverified next to my Teamwork one,
    # what does that mean?" got the entry on correcting a name)
    if len(found) != 1 or len(plain.split()) > (14 if _SEEN_AS.search(plain) else 10):
        return None
    rest = _STATUS.sub(" ", plain).strip()
    if rest and not _ASKS_MEANING.search(rest):
        return None
    status = found.pop()
    return "unverified" if status == "not verified" else status


# one's own, or the bot asked to act on one: "is my security badge still valid?", "share the SQL one"
_MINE_OR_ASKED = re.compile(r"\bmy\b|\bthe (\w+ ){1,3}one\b|^((please|can you|could you|i want to|id like to) )?"
                            r"((share|post|open|show|check|verify|put|add|tell me about)( me)? (the|my)\b|"
                            r"(share|post|show me) (?!(how|what|a|an|some|any|all|badges?|certificates?)\b)\w)")
_OWN_NOUN = re.compile(rf"\b(one|{_BADGE_NOUN})\b")


def may_name_own_badge(text: str) -> bool:
    """Whether a message may name one of the asker's own badges, list or not ("is my transcript
    verified?", "put my scrum badge on linkedin", "share the SQL one"), for the badge skill to check
    against their badges' names. A how-to stays a question ("how do I renew my scrum badge?"),
    unless it shares: a named badge's own share link answers "how do I share my SQL badge?"."""
    plain = normalize(text)
    words = plain.split()
    if not words or len(words) > 12 or not _MINE_OR_ASKED.search(plain):
        return False
    asked = _FILLER.sub("", plain)
    # ("why doesn't my scrum badge count?" asks about that badge: its status says why)
    if _HOWTO.match(asked) and not asked.startswith("why ") and not (_SHARE_IT.search(plain) and _NAMED_MY.search(plain)):
        return False
    return bool(_DETAIL_ATTR.search(plain) or _SHARE_IT.search(plain) or _OWN_NOUN.search(plain))


def may_name_a_badge(text: str) -> bool:
    """After the learner's badge list: whether a turn may be about one of those badges by name
    ("is my transcript verified?", "share the teamwork one", "what about teamwork?"), for the badge
    skill to check against the names. A how-to ("how do I share a badge?") or a long question is
    about badges in general."""
    plain = normalize(text)
    words = plain.split()
    if not words or len(words) > 10 or _HOWTO.match(_FILLER.sub("", plain)) or _DEFINING.match(plain):
        return False
    return len(words) <= 4 or bool(_DETAIL_ATTR.search(plain) or _SHARE_IT.search(plain))


# "what is SQL?" asks what a subject is, even right after a list with "SQL Foundations" on it
_DEFINING = re.compile(r"^(what|whats|who|define|meaning of)( is| are| does)?\b(?! (about|with|up)\b)")


def _is_name(words: str, general: frozenset[str] = _GENERIC) -> bool:
    """Whether words name a badge: not only `general` words, and not starting or ending in a small
    word (a name may hold one inside: "Risk and Budget Management")."""
    tokens = words.split()
    return (bool(tokens) and tokens[0] not in STOPWORDS and tokens[-1] not in STOPWORDS
            and any(t not in general and t not in STOPWORDS for t in tokens))


def badge_named(text: str) -> str | None:
    """The name in "my <name> badge" said anywhere in a message ("None of those I'm afraid. Could you
    tell me about my Teamwork badge please?": "teamwork"), for a badge looked up by what the whole
    message says that fits none."""
    return _named_badge(normalize(text))


def _named_badge(plain: str) -> str | None:
    """The name in "my <name> badge", unless the words only describe badges in general, or the
    badges are given to others ("give my pupils little badges")."""
    for match in _NAMED_MY.finditer(plain):
        if _GIVING.search(plain[:match.start()]):
            continue
        words = match.group(1).split()
        # the name is the run of words right before the noun, up to a function word
        name: list[str] = []
        for w in reversed(words):
            if w in STOPWORDS:
                break
            name.insert(0, w)
        # (a vendor's certification is a kind of exam asked about; a badge of theirs is the asker's own)
        general = _GENERIC | _VENDORS if match.group(2).startswith("cert") else _GENERIC
        if name and _is_name(" ".join(name), general):
            return " ".join(name)
    return None
