"""The knowledge index: which entry answers a question, and how sure we are.

Four signals are combined, because each fails where another holds:

* question match: how much of the question's weight (idf) a single indexed phrasing shares with
  it (a weighted Dice score), which rewards a close paraphrase of one phrasing;
* BM25 over the whole entry (title, phrasings, tags and answer, weighted), which finds an entry
  whose vocabulary covers the question even when no single phrasing does;
* rapidfuzz similarity against the best candidates' phrasings, which keeps word order and
  near-spellings in play;
* meaning: the cosine between the question's sentence vector and the closest phrasing's
  (`bot.semantic`), which finds paraphrases that share no word with any phrasing.

Misspelt words are first corrected against the index's own vocabulary (rapidfuzz again), so
"accredidation" meets "accreditation" before any scoring. Questions that match one of the
`out_of_scope.yaml` groups better than any entry are declined.

The index is built once; a search touches only memory. Scoring is vectorised with numpy so a
10,000-entry knowledge base still answers in milliseconds.
"""

from __future__ import annotations

import math
import re
from array import array
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import lru_cache

import numpy as np
from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from bot.english import english_count, prepare_english
from bot.places import EVERY_PLACE, place_named, without_denied
from bot.semantic import PhrasingVectors, default_cache, default_encoder
from bot.sentence_encoder import SentenceEncoder
from bot.understanding import (NEGATIONS, REQUEST_WORDS, SENTENCE_END, STOPWORDS, Analyzer, decline_triggers,
                               mentions_credential, normalize, question_before_story, stem)
from knowledge.loader import KnowledgeBase
from knowledge.schema import DeclineGroup

DECLINE_PREFIX = "decline:"

# Field weights for the entry-level BM25: a word in the title or tags says more about the topic
# than the same word somewhere in a 200-word answer.
_FIELD_WEIGHTS = {"title": 2.0, "questions": 1.0, "tags": 1.5, "answer": 0.35}
_K1, _B = 1.2, 0.6
# How the three signals add up (the ranking barely moves within +-0.1 of these), and the
# confidence model on the result: a logistic fit of "the best entry is right" on the best score
# and its lead, made by bench/calibrate.py on labelled questions. Re-fit it when scoring changes.
_W_QUESTION, _W_BM25, _W_FUZZY = 0.5, 0.3, 0.2
_W_EXACT = 0.2  # bonus for a question whose terms are exactly one phrasing's
_W_MEANING = 1.5  # cosines of related questions sit in 0.5-0.9, where lexical scores spread over 0-1.2
# Confidence model (see _confidence), one per way of scoring: word matches alone, and with meaning.
_CALIBRATION = {False: (3.55, 2.51, -2.05), True: (3.32, 5.63, -2.16)}
ANSWER_AT = 0.5  # confidence needed to answer outright
MIN_LEAD = 0.03  # two entries this close are a real ambiguity: ask which one rather than guess
# A long message (a story, then a question) spreads its weight over many words, so its best score, and the
# confidence fitted mostly on short questions, read low though one entry is well ahead. From this many words,
# a clear lead answers at a lower confidence: on the labelled sets, the long questions that asked "did you mean"
# with confidence 0.4 or more and a lead of 0.04 or more had the right entry first 11 times in 12 (the twelfth
# a dev question that offered the wrong one first); testers' long questions got menus whose first entry was
# what they asked (a nurse's NMC registration, a bank's question naming the AQF and TEQSA). At 0.38, a library
# volunteer's "a gentleman asked me how he can add his certificate to LinkedIn" met LinkedIn Learning (by
# "library") before the question he reported was read.
LONG_MESSAGE_WORDS = 20
ANSWER_LONG_AT, MIN_LEAD_LONG = 0.4, 0.04
UNSURE_FLOOR = 0.24  # below this best score, nothing is close enough to suggest
GROUP_FLOOR = 0.35  # a decline group's reply, matched by its examples alone, needs this score (see search)
_CANDIDATES = 30
# Fuzzy matching, the costly signal, reads only this many lexical front-runners. From 30 down to 10:
# the bundled base's p99 fell from 5.8 to 2.5 ms; one dev question more right, typos kept 0.3 points
# lower, nothing else moved.
_FUZZY_CANDIDATES = 10
# How a phrasing's match is normalised: by a mix of the question's weight and the phrasing's.
# Below 0.5 a phrasing wholly contained in a longer, chattier question still counts nearly in full.
_ALPHA = 0.4
# Words the base has never seen weigh in a question as much as its rarest known words.
_UNKNOWN_WEIGHT = 1.0
# A proper name in a question (an entry's `names`) weighs this much when a platform's entry is
# checked against the topic the rest of the question asks about (see _name_says_which).
_W_NAME = 0.5
# What a verdict on a platform says beside its name ("is Udacity any good?", "Accredible worth it?"): with
# nothing else asked, the name is the question, however plainly the verdict alone meets a topic entry
_VERDICTS = ("worth good legit scam reputable trustworthy trust recommend recommended reviews review opinion opinions "
             "think people say")
_W_OTHER_PLATFORM = 0.5  # see _other_platforms_down
_W_ELSEWHERE = 0.5  # see _by_place
_W_HERE = 1.1  # see _by_place
_SUBJECT_MIN_IDF = 0.2  # see subject_of: question words are in nearly every entry, below 0.05
_TYPO_MIN_LEN = 4
_MEANT_RATIO = 50  # see _is_meant
_IN_BASE = 200  # see _is_meant
# Words that make a question naming two platforms a comparison of them (see _first_named_first).
_COMPARING = frozenset("vs versus or compare compared comparing comparison difference differences "
                       "different differ better between".split())
# Starting with two capitals ("STid", "IBM", "PMP"): an acronym or a brand, which only the cheap
# fixes (two letters swapped, a letter doubled) may touch, never a guess at a nearby word.
_CASED = re.compile(r"\b[A-Z]{2,}[A-Za-z]*\b")
# Capitalised after a word in lower case ("in Sid Mobile ID"): a name, which is no slip for a small
# word the base uses often ("did")
_NAME_MID_SENTENCE = re.compile(r"(?<=[a-z,] )[A-Z][a-z]+\b")


# where a long message says which part of it is the question
_QUESTION_IS = re.compile(r"\b(?:my|the) (?:actual |real |main |only |one )?question (?:is|was)\b[\s:,-]*|"
                          r"\bwhat i (?:really |actually )?(?:want|need|wanted) to (?:know|ask) is\b[\s:,-]*", re.I)


class Outcome(StrEnum):
    ANSWER = "answer"
    UNSURE = "unsure"
    DECLINE = "decline"


@dataclass(frozen=True)
class Match:
    topic: str
    score: float


@dataclass(frozen=True)
class Ranking:
    outcome: Outcome
    confidence: float
    matches: tuple[Match, ...]  # knowledge entries only, best first
    decline: DeclineGroup | None = None
    corrected: tuple[tuple[str, str], ...] = ()  # (typed, understood) pairs
    evidence: tuple[float, float] = (0.0, 0.0)  # the best score and its lead over the runner-up
    compared: tuple[str, ...] = ()  # in a comparison of platforms, the entries named after the first

    @property
    def best(self) -> Match | None:
        return self.matches[0] if self.matches else None

    @property
    def answer(self) -> str | None:
        """The entry answered outright, or None for "did you mean" and declines."""
        return self.matches[0].topic if self.outcome is Outcome.ANSWER and self.matches else None

    def suggestions(self, limit: int = 3) -> list[str]:
        return [m.topic for m in self.matches[:limit]]


@dataclass(frozen=True)
class _Doc:
    """Something that can be matched: a knowledge entry or a decline group, as terms.

    Each text is held once, in the shape it was analysed in: a large base holds hundreds of
    thousands of phrasings while it is indexed, and flattened or de-duplicated copies of them
    would double the memory that indexing needs.
    """

    topic: str
    title: list[str]
    questions: list[list[str]]  # each phrasing's terms
    tags: list[str]
    answer: list[str]
    phrasings: str  # normalised title and questions, one a line, for fuzzy matching

    def field(self, name: str) -> Iterator[str]:
        """The terms of one of `_FIELD_WEIGHTS`' fields, repeats kept (they count in BM25)."""
        if name == "questions":
            return (t for terms in self.questions for t in terms)
        return iter(getattr(self, name))

    def phrasing_terms(self) -> Iterator[list[str]]:
        """Title and phrasings, each as its terms once: the units the question match scores."""
        for terms in (self.title, *self.questions):
            if terms:
                yield list(dict.fromkeys(terms))


class _Postings:
    """term -> (document ids, weights), as slices of two flat arrays.

    One pair of arrays for the whole index instead of two small arrays per term: a large base has
    tens of thousands of terms, and per-term objects would cost more memory than the data. The
    arrays are sized from the terms' counts up front and filled in place (`add`), so building never
    holds the postings twice; weights are single precision, ample for adding scores up.
    """

    _EMPTY = (np.zeros(0, dtype=np.int32), np.zeros(0, dtype=np.float32))

    def __init__(self, counts: dict[str, int], weighted: bool):
        self.spans: dict[str, tuple[int, int]] = {}
        self._next: dict[str, int] = {}
        at = 0
        for term, count in counts.items():
            self.spans[term], self._next[term] = (at, at + count), at
            at += count
        self.ids = np.empty(at, dtype=np.int32)
        self.weights = np.empty(at, dtype=np.float32) if weighted else None

    def add(self, term: str, doc: int, weight: float = 0.0) -> None:
        at = self._next[term]
        self._next[term] = at + 1
        self.ids[at] = doc
        if self.weights is not None:
            self.weights[at] = weight

    def seal(self) -> _Postings:
        """Drop the fill-in cursors once every posting is in."""
        self._next = {}
        return self

    def get(self, term: str) -> tuple[np.ndarray, np.ndarray | None]:
        span = self.spans.get(term)
        if span is None:
            return self._EMPTY
        start, end = span
        return self.ids[start:end], (self.weights[start:end] if self.weights is not None else None)


_DEFAULT = object()
_SEPARATOR = "\n"  # normalised text never holds a newline


class KnowledgeIndex:
    def __init__(self, kb: KnowledgeBase, encoder: SentenceEncoder | None | object = _DEFAULT):
        """`encoder` None means word matching only; by default the settings decide (`bot.semantic`)."""
        self.kb = kb
        self.analyzer = Analyzer(kb.synonyms)
        self.declines = {DECLINE_PREFIX + g.id: g for g in kb.declines}
        self._forms: Counter[str] = Counter()
        docs = [self._entry_doc(e.id, e.title, e.questions, e.tags, e.answer) for e in kb.entries.values()]
        docs += [self._entry_doc(DECLINE_PREFIX + g.id, "", g.examples, [], "") for g in kb.declines]
        self.topics = [d.topic for d in docs]
        self.is_decline = np.array([t.startswith(DECLINE_PREFIX) for t in self.topics])
        # Decline groups none of whose examples speaks of a credential or a course (the weather, a hotel to
        # book): their likeness is no reading of a question that does ("I work in hotel management, which
        # micro-credentials would help me" was declined as off-topic, like "book me a hotel").
        self._about_no_credential = np.array(
            [i for i, d in enumerate(docs) if self.is_decline[i]
             and not any(mentions_credential(normalize(e)) for e in self.declines[d.topic].examples)], dtype=int)
        # One string per document, split only for the few front-runners a search fuzzy-matches:
        # a large base holds hundreds of thousands of phrasings, and a string each costs memory.
        self._phrasings = [d.phrasings for d in docs]
        # What each entry is about, as its title and tags say: a turn that names one of these has
        # moved to that entry's subject, where a word its phrasings merely use ("online" in a
        # question on costs) has not.
        subjects = [set(d.title + d.tags) for d in docs]
        self._subjects = _Postings(Counter(t for terms in subjects for t in terms), weighted=False)
        for i, terms in enumerate(subjects):
            for t in terms:
                self._subjects.add(t, i)
        self._subjects.seal()
        self.is_named = np.array([bool(kb.entries[t].names) if t in kb.entries else False for t in self.topics])
        self._build_vocabulary(kb)
        prepare_english()  # read the word counts now, not on the first question with a typo
        self._build_bm25(docs)
        self._build_questions(docs)
        in_titles = Counter(t for d in docs for t in set(d.title))  # how many titles use each term
        self._named_entry = self._names(kb, docs, in_titles)
        # each name of each platform's entry as its terms, with the entry (two entries may name one platform)
        self._name_runs = {(tuple(self.analyzer.terms(name)), i)
                           for i, entry in enumerate(kb.entries.values()) for name in entry.names}
        self._name_terms = frozenset(self._named_entry)
        self._verdict_terms = frozenset(self.analyzer.terms(_VERDICTS))
        self._asking_terms = frozenset(self.analyzer.terms("what how is are do does any"))
        self._platform_words = self._own_title_words(docs, in_titles)
        self._places = self._place_names(kb)
        self._country_terms = frozenset(self.analyzer.terms_of(EVERY_PLACE.lower()))  # (see place_terms)
        encoder = default_encoder() if encoder is _DEFAULT else encoder
        self.meaning = (
            PhrasingVectors(encoder, [d.phrasings.split(_SEPARATOR) if d.phrasings else [] for d in docs],
                            default_cache(encoder))
            if isinstance(encoder, SentenceEncoder) else None
        )
        self._decline_triggers = [(trigger, g) for g in kb.declines for trigger in decline_triggers(g.triggers(), g.unless)]
        # every trigger's words in one pattern: most messages use none, and one scan says so where a
        # search per trigger (about 300) took most of a millisecond. A trigger that matches anywhere
        # leaves this pattern a match there too, so it only ever skips the loop, never a decline.
        phrases = sorted({trigger.pattern.pattern for trigger, _ in self._decline_triggers}, key=len, reverse=True)
        self._any_decline = re.compile("|".join(phrases)) if phrases else None
        # the entries about no one platform, by the phrases of their tags, for `tagged_by_decline`
        self._tagged: dict[str, list[str]] = {}
        for entry in kb.entries.values():
            if not entry.names:
                for tag in dict.fromkeys(normalize(tag) for tag in entry.tags):
                    self._tagged.setdefault(tag, []).append(entry.id)
        # A turn reads its text through `correct` several times (intents with typos, the search, the
        # follow-up checks): the fuzzy look-ups are done once. Callers never change what it returns.
        self.correct = lru_cache(maxsize=256)(self.correct)

    # --- building -------------------------------------------------------------------------

    def _entry_doc(self, topic: str, title: str, questions: list[str], tags: list[str], answer: str) -> _Doc:
        def plain(text: str) -> str:
            return normalize(self.analyzer.expand(text))

        plain_title, plain_answer = plain(title), plain(answer)
        plain_questions = [plain(q) for q in questions]
        plain_tags = [plain(t) for t in tags]
        terms = self.analyzer.terms_of
        for text in (plain_title, plain_answer, *plain_questions, *plain_tags):
            self._forms.update(text.split())
        plain_questions = [q for q in plain_questions if q]
        return _Doc(
            topic=topic,
            title=terms(plain_title),
            questions=[terms(q) for q in plain_questions],
            tags=[t for tag in plain_tags for t in terms(tag)],
            answer=terms(plain_answer),
            phrasings=_SEPARATOR.join([plain_title, *plain_questions] if plain_title else plain_questions),
        )

    def _names(self, kb: KnowledgeBase, docs: list[_Doc], in_titles: Counter[str]) -> dict[str, int]:
        """The terms that only name something (those of entries' `names` that are not common
        words), each with the document it names.

        A word another entry's title uses ("LinkedIn" in sharing on LinkedIn) or that most entries
        use ("credentials" in "Canvas Credentials") is what questions are about, not which platform:
        it keeps its full weight.
        """
        names: dict[str, int] = {}
        for i, (entry, doc) in enumerate(zip(kb.entries.values(), docs)):  # entries come first in docs
            own_title = set(doc.title)
            for name in entry.names:
                names.update((t, i) for t in self.analyzer.terms(name)
                             if in_titles[t] - (t in own_title) == 0 and not self._common(t))
        return names

    def _own_title_words(self, docs: list[_Doc], in_titles: Counter[str]) -> dict[str, int]:
        """The words of a platform entry's title that no other title uses and most entries don't
        ("MicroMasters", "ExpertTrack"), each with its entry: what its programmes are called. Only a
        title that names its platform lists programmes ("edX certificates and MicroMasters
        programs"): one on Coursera's free trials names none."""
        own_names: dict[int, set[str]] = {}
        for run, doc in self._name_runs:
            own_names.setdefault(doc, set()).update(run)
        return {t: i for i, d in enumerate(docs) if self.is_named[i] and own_names.get(i, set()) & set(d.title)
                for t in d.title if in_titles[t] == 1 and not self._common(t)}

    def _place_names(self, kb: KnowledgeBase) -> list[_Place]:
        """Each entry about one place (`where`), with the terms that name it."""
        places = []
        for i, entry in enumerate(kb.entries.values()):  # entries come first in the documents
            named = [tuple(self.analyzer.terms_of(normalize(self.analyzer.expand(w)))) for w in entry.where]
            countries = frozenset(found.name for w in entry.where if (found := place_named(normalize(w))))
            if any(named):
                places.append(_Place(i, frozenset(n[0] for n in named if len(n) == 1),
                                     tuple(n for n in named if len(n) > 1), countries))
        # a word of one place inside another's name is that other place: "ireland" in "northern ireland"
        # (the UK's) names no Ireland
        return [replace(place, inside=tuple(run for other in places if other is not place
                                                        for run in other.runs if place.words.intersection(run)))
                for place in places]

    def _common(self, term: str) -> bool:
        """Whether more than half the documents use `term`, in any field."""
        return len(self._bm25.get(term)[0]) > self._n_docs / 2

    def _build_vocabulary(self, kb: KnowledgeBase) -> None:
        """Every word form the base uses (entries add theirs as they are read), for typo correction."""
        # (the small words of a synonym's variants or a decline's phrases, "not" or "did", would
        # only weigh down the counts that decide between two fixes: the entries' own text says how
        # common they are)
        for g in kb.declines:
            for text, _ in g.triggers():
                self._forms.update(w for w in normalize(text).split() if w not in STOPWORDS)
        for term, variants in kb.synonyms.items():
            for text in (term, *variants):
                self._forms.update(w for w in normalize(text).split() if w not in STOPWORDS)
        for entry in kb.entries.values():  # (a place named only in `where`: "france" became "face")
            self._forms.update(w for place in entry.where for w in normalize(place).split() if w not in STOPWORDS)
        self._forms.update(REQUEST_WORDS)
        self._long_forms = sorted(f for f in self._forms if len(f) >= _TYPO_MIN_LEN - 1 and f.isalpha())

    def _build_bm25(self, docs: list[_Doc]) -> None:
        """Per-term postings of precomputed BM25 weights, so a search only adds numbers up.

        Two passes over the documents (lengths and document frequencies first), with postings
        gathered in compact arrays: a large base would otherwise hold millions of Python objects
        while it is being indexed.
        """
        n = len(docs)
        lengths = np.zeros(n)
        df: Counter[str] = Counter()
        # How common a word is, for its weight: an entry about one place (`where`) counts as it
        # weighs in a search, half (`_by_place`); three countries' entries that say "degree" had made
        # the word too common to tell the general entry on degrees apart
        placed = {e.id for e in self.kb.entries.values() if e.where}
        spread: Counter[str] = Counter()
        for i, d in enumerate(docs):
            tf = self._weighted_tf(d)
            lengths[i] = sum(tf.values())
            df.update(tf.keys())
            share = _W_ELSEWHERE if d.topic in placed else 1.0
            spread.update({t: share for t in tf})
        avg = float(lengths.mean()) if n else 1.0
        self.idf = {t: math.log(1 + (n - c + 0.5) / (c + 0.5)) for t, c in spread.items()}
        self._default_idf = math.log(1 + (n + 0.5) / 0.5)
        self._bm25 = _Postings(df, weighted=True)
        for i, d in enumerate(docs):
            norm = _K1 * (1 - _B + _B * lengths[i] / avg)
            for term, f in self._weighted_tf(d).items():
                self._bm25.add(term, i, self.idf[term] * f * (_K1 + 1) / (f + norm))
        self._bm25.seal()
        self._n_docs = n

    @staticmethod
    def _weighted_tf(d: _Doc) -> Counter[str]:
        tf: Counter[str] = Counter()
        for name, weight in _FIELD_WEIGHTS.items():
            for term in d.field(name):
                tf[term] += weight
        return tf

    def _build_questions(self, docs: list[_Doc]) -> None:
        """Each phrasing (and title) as its own small document, grouped by entry."""
        owner = array("i")
        masses = array("d")
        term_sets = array("q")  # hash of each phrasing's set of terms, for exact-wording matches
        self._q_postings = _Postings(Counter(t for d in docs for terms in d.phrasing_terms() for t in terms),
                                     weighted=False)
        for i, d in enumerate(docs):
            for terms in d.phrasing_terms():
                term_sets.append(hash(frozenset(terms)))
                qi = len(owner)
                owner.append(i)
                masses.append(sum(self.idf.get(t, self._default_idf) for t in terms))
                for t in terms:
                    self._q_postings.add(t, qi)
        self._q_postings.seal()
        self._q_owner = np.frombuffer(owner, dtype=np.int32)
        hashes = np.frombuffer(term_sets, dtype=np.int64)
        order = np.argsort(hashes, kind="stable")
        self._term_set_hashes, self._term_set_owner = hashes[order], self._q_owner[order]
        self._q_mass = np.frombuffer(masses)

    # --- searching ------------------------------------------------------------------------

    def correct(self, text: str) -> tuple[str, list[tuple[str, str]]]:
        """Normalised text, with words the index has never seen replaced by the closest it has.

        Raw text goes in: the synonyms that must match as written, and the acronyms that must not
        be guessed at, are read before normalising loses the case.
        """
        text = self.analyzer.expand(text)
        fixed: list[str] = []
        changes: list[tuple[str, str]] = []
        # (a message in capitals throughout is shouting, not a string of acronyms)
        named = set() if text.isupper() else {w.lower() for w in _CASED.findall(text)}
        names = set() if text.isupper() else {w.lower() for w in _NAME_MID_SENTENCE.findall(text)}
        for word in normalize(text).split():
            # (a small word the analysis drops anyway, "lol" among them, is no typo for a word it keeps: "log")
            # (nor is another form of a word the base uses: "faking" had become "taking", the base saying "fake")
            if (word in self._forms or len(word) < 2 or not word.isalpha() or word in NEGATIONS
                    or word in STOPWORDS or (len(word) > 4 and stem(word) in self.idf)):
                fixed.append(word)
                continue
            best = _closest(word, self._long_forms, self._forms, fuzzy=word not in named)
            if best is None or _is_meant(word, best, self._forms[best]) or (word in names and best in STOPWORDS):
                fixed.append(word)
            else:
                fixed.append(best)
                changes.append((word, best))
        return without_denied(" ".join(fixed)), changes

    def search(self, text: str, context: str | None = None, context_weight: float = 0.5) -> Ranking:
        corrected, changes = self.correct(text)
        declined = self._phrase_decline(corrected)
        context_corrected = self.correct(context)[0] if context else ""
        # `correct` has expanded and normalised the text: its terms are read once, here
        terms, context_terms = self.analyzer.terms_of(corrected), self.analyzer.terms_of(context_corrected)
        own = frozenset(terms)
        asked = self._asked(text)
        weights: Counter[str] = Counter()
        for t in sorted(own):  # (in one order every run: float sums in another break ties differently)
            weights[t] = 1.0 if asked is None or t in asked else context_weight
        for t in context_terms:
            weights[t] = max(weights[t], context_weight)
        known = {t: w for t, w in weights.items() if t in self.idf}
        # (numbers alone say nothing to answer: "7", or "{{7*7}}" typed to probe for templates)
        if not known or self._n_docs == 0 or not any(t.isalpha() for t in known):
            return Ranking(Outcome.DECLINE, 0.0, (), declined or None, tuple(changes))

        # Words the base has never seen still count in the question's weight: a question that is
        # mostly about something else ("revoke a badge in <an access-control product>") scores low.
        # A stray letter or two ("o" for "I") is a slip, not a subject; nor is a country no entry is
        # about: "are micro-credentials recognised in Japan?" asks what the general answers say.
        unknown = sum(w for t, w in weights.items()
                      if t not in self.idf and len(t) > 2 and t not in NEGATIONS and t not in self._country_terms)
        unknown *= self._default_idf * _UNKNOWN_WEIGHT
        # A one-word message is a keyword, not a sentence: sentence vectors of single words are
        # unreliable, and "email" alone is a real ambiguity to ask about, not to guess (its near-tie is a
        # real one: "certificates" got Coursera's entry by a hair; see `_sure`).
        keyword = len(corrected.split()) == 1
        by_meaning = self.meaning is not None and not keyword
        # In context the sentence is read with what came before, as a person would read it.
        meant = f"{corrected} {context_corrected}" if context_corrected else corrected
        combined = self._score(known, corrected, unknown, meant if by_meaning else None, own)
        combined = self._other_platforms_down(combined, known, terms)
        combined = self._name_says_which(combined, known, corrected, unknown, meant if by_meaning else None, own)
        combined = self._by_place(combined, [terms, context_terms], _countries_in(corrected, context_corrected))
        compared = self._compared(corrected, terms)
        combined = self._first_named_first(combined, compared)
        if len(self._about_no_credential) and mentions_credential(corrected):
            combined[self._about_no_credential] = 0.0
        order = np.argsort(-combined)
        entry_matches = tuple(
            Match(self.topics[i], float(combined[i])) for i in order[: _CANDIDATES] if not self.is_decline[i]
        )[:5]
        best_i = int(order[0])
        # (a comparison asks for the entries it names: "credly vs accredible" is no ambiguity between them)
        evidence = top, lead = self._evidence(combined, order, rivals_of=compared if best_i in compared else ())
        confidence = _confidence(*evidence, with_meaning=by_meaning)

        if declined is not None:
            return Ranking(Outcome.DECLINE, confidence, entry_matches, declined, tuple(changes), evidence)
        if compared and self._only_compares(known, compared):
            # "coursera vs edx" asks of the two and nothing else: the entry on choosing a provider,
            # which names both in passing, led, and neither platform was said
            named = tuple(Match(self.topics[i], float(combined[i])) for i in compared)
            rest = tuple(m for m in entry_matches if m.topic not in {n.topic for n in named})
            return Ranking(Outcome.ANSWER, confidence, (named + rest)[:5], None, tuple(changes), evidence,
                           tuple(n.topic for n in named[1:]))
        if self.is_decline[best_i]:
            group = self.declines[self.topics[best_i]]
            if top >= UNSURE_FLOOR:
                # A group's own reply needs a real likeness to its examples: "do we need to worry
                # about popia ...", whose one known word is "worry", met "is this rash on my arm
                # something to worry about" and got the emergency line. Faintly alike, it is
                # declined plainly.
                return Ranking(Outcome.DECLINE, confidence, entry_matches, group if top >= GROUP_FLOOR else None,
                               tuple(changes), evidence)
        long_message = len(text.split()) >= LONG_MESSAGE_WORDS
        if (_sure(confidence, lead, keyword, long_message) or self._only_a_verdict_on(best_i, known)) \
                and not self.is_decline[best_i]:
            others = tuple(self.topics[i] for i in compared if i != best_i) if best_i in compared else ()
            return Ranking(Outcome.ANSWER, confidence, entry_matches, None, tuple(changes), evidence, others)
        if entry_matches and entry_matches[0].score >= UNSURE_FLOOR:
            return Ranking(Outcome.UNSURE, confidence, entry_matches, None, tuple(changes), evidence)
        return Ranking(Outcome.DECLINE, confidence, entry_matches, None, tuple(changes), evidence)

    def _evidence(self, scores: np.ndarray, order: np.ndarray, rivals_of: Sequence[int] = ()) -> tuple[float, float]:
        """The best score and its lead over the best other entry (decline groups are no rivals, nor
        are the other entries a comparison that the best one is part of names: `rivals_of`)."""
        top = float(scores[order[0]])
        runner = next((float(scores[i]) for i in order[1:_CANDIDATES]
                       if not self.is_decline[i] and i not in rivals_of), 0.0)
        return top, top - runner

    def _asked(self, text: str) -> set[str] | None:
        """In a message of several sentences, the terms of those that ask (end with "?").

        "I'm in IT and my employer pushes micro-credentials from a college. How do they compare
        with my vendor certs?": the story is context, the question is the last sentence, so the
        story's words weigh as the previous turn's do. None when there is nothing to tell apart.
        """
        if (said := _QUESTION_IS.search(text)) is not None and len(text[said.end():].split()) >= 2:
            # "... anyway my actual question is can I get one place to keep all of them"
            return set(self.analyzer.terms_of(self.correct(text[said.end():])[0]))
        if (question := question_before_story(text)) is not None:
            # "how do i check if someones google cert is real, hiring a junior rn"
            return set(self.analyzer.terms_of(self.correct(question)[0]))
        sentences = [s for s in SENTENCE_END.split(text.strip()) if s]
        asking = [s for s in sentences if s.rstrip().endswith("?")]
        if not asking or len(asking) == len(sentences):
            return None
        return set(self.analyzer.terms_of(self.correct(" ".join(asking))[0]))

    def _score(self, weights: dict[str, float], corrected: str, unknown_mass: float = 0.0,
               meant: str | None = None, wording: frozenset[str] = frozenset()) -> np.ndarray:
        """Each document's score; `meant` (the text to read for meaning) adds the meaning signal.

        `wording` is the question's own terms, without its context, for the exact-wording bonus.
        """
        n = self._n_docs
        bm25 = np.zeros(n)
        matched = np.zeros(len(self._q_owner))
        for term, w in weights.items():
            ids, ws = self._bm25.get(term)
            bm25[ids] += w * ws
            q, _ = self._q_postings.get(term)
            matched[q] += w * self.idf[term]
        mass = sum(self.idf[t] * w for t, w in weights.items()) + unknown_mass
        bm25_norm = bm25 / (mass * (_K1 + 1))
        dice = matched / (_ALPHA * mass + (1 - _ALPHA) * self._q_mass)  # a weighted Dice score
        best_q = np.zeros(n)
        np.maximum.at(best_q, self._q_owner, dice)
        combined = _W_QUESTION * best_q + _W_BM25 * np.minimum(bm25_norm * 2.0, 1.0)
        # Asked in exactly the words of a phrasing (order, case and punctuation aside): staff wrote
        # that question into that entry, which beats a longer phrasing that merely contains the words.
        if wording and not unknown_mass:
            key = hash(wording)
            lo = np.searchsorted(self._term_set_hashes, key, side="left")
            hi = np.searchsorted(self._term_set_hashes, key, side="right")
            combined[np.unique(self._term_set_owner[lo:hi])] += _W_EXACT
        scale = 1.0
        if meant is not None and self.meaning is not None:
            similarity = self.meaning.similarity(corrected)
            if meant != corrected:  # a follow-up: half what it says alone, half what it says in context
                similarity = 0.5 * similarity + 0.5 * self.meaning.similarity(meant)
            # Words the base has never seen discount meaning too: "revoke a badge in <an access-control
            # product>" is close in meaning to revoking a badge, but it is about something else.
            combined += _W_MEANING * similarity * (1 - unknown_mass / mass)
            scale += _W_MEANING
        # Fuzzy matching is the costly part: only for the lexical front-runners.
        k = _FUZZY_CANDIDATES
        front = np.argpartition(-combined, k)[:k] if n > k else np.arange(n)
        for i in front:
            if combined[i] <= 0:
                continue
            hit = process.extractOne(corrected, self._phrasings[i].split(_SEPARATOR), scorer=fuzz.token_set_ratio)
            ratio = hit[1] / 100 if hit else 0.0
            combined[i] += _W_FUZZY * ratio * ratio
        # One scale, 0 to about 1, whichever signals were used: thresholds here and in the engine
        # mean the same either way.
        return combined / scale

    def _other_platforms_down(self, combined: np.ndarray, known: dict[str, float], terms: list[str]) -> np.ndarray:
        """A question that names platforms is not about another platform.

        "Is edX a safe website?" shares every other word with a phrasing of the Credly entry, and
        would get Credly's answer. When a question names platforms, the other platforms' entries
        weigh `_W_OTHER_PLATFORM`, except one whose title alone uses a word of the question ("a
        MicroMasters on Coursera?" is about edX's programme too): "accredible vs badgr" led with Credly.
        A platform is named by a distinctive word of its name, or by its whole name in order, whose
        words may be everyday ones ("linkedin learning free month" is not about Coursera's trials);
        every entry about that platform counts as named.
        """
        named = {self._named_entry[t] for t in known if t in self._named_entry}
        named |= {doc for run, doc in self._name_runs if len(run) > 1 and _holds(terms, run)}
        named |= {doc for run, doc in self._name_runs if any((run, n) in self._name_runs for n in named)}
        if not named:
            return combined
        others = self.is_named.copy()
        others[list(named)] = False
        for term in known:
            if (i := self._platform_words.get(term)) is not None:
                others[i] = False
        if not others.any():
            return combined
        lowered = combined.copy()
        lowered[others] *= _W_OTHER_PLATFORM
        return lowered

    def _by_place(self, combined: np.ndarray, said: list[list[str]], countries: frozenset[str]) -> np.ndarray:
        """A question that names no place is not asked about one: an entry about New Zealand's
        rules weighs `_W_ELSEWHERE` unless the question, or the turn before (`said`: the term lists
        of each; `countries`: the countries they name, "in the us" among them), names New Zealand in
        one of the ways its `where` lists. Otherwise "how do I register for a micro-credential?" got
        New Zealand's register, which uses its every word. One that names the place leans to its
        entry (`_W_HERE`).
        """
        away = [place.doc for place in self._places if not any(place.named_in(terms, countries) for terms in said)]
        here = [place.doc for place in self._places if place.doc not in away]
        if not away and not here:
            return combined
        lowered = combined.copy()
        lowered[away] *= _W_ELSEWHERE
        # ("does the australian government fund microcredentials" was level between Australia's
        # entry and the general one on funding)
        lowered[here] *= _W_HERE
        return lowered

    def names_its_place(self, topic: str | None, text: str) -> bool:
        """Whether `text` names the place the entry `topic` is about (its `where`)."""
        return topic is not None and topic in self.entries_on_place(text)

    def entries_on_place(self, text: str) -> list[str]:
        """The entries about a place (`where`) that `text` names."""
        corrected = self.correct(text)[0]
        terms, countries = self.analyzer.terms_of(corrected), _countries_in(corrected)
        # the most particular first: Germany's own entry before the EU's, which lists Germany too
        named = [place for place in self._places if place.named_in(terms, countries)]
        return [self.topics[place.doc] for place in sorted(named, key=lambda place: len(place.countries))]

    def where_terms(self, topic: str) -> frozenset[str]:
        """The terms that name the place the entry `topic` is about (its `where`), if it has one."""
        doc = self._doc_of(topic)
        return next((place.words for place in self._places if place.doc == doc), frozenset())

    def place_terms(self, text: str) -> set[str]:
        """The terms of `text` that name a country, its people or a city ("kenyans", "zealand"):
        they say where a question is asked, not what it asks (a scheme, "Bildungsgutschein", does)."""
        return set(self.analyzer.terms_of(self.correct(text)[0])) & self._country_terms

    def _name_says_which(self, combined: np.ndarray, known: dict[str, float], corrected: str,
                         unknown: float, meant: str | None, own: frozenset[str]) -> np.ndarray:
        """The boundary between a platform's entry and the topic a question asks about.

        "Does my FutureLearn certificate expire?" names FutureLearn, but asks about expiry: the
        name says which platform, the rest says what is asked. When a platform's entry wins, or
        holds the leading topic level with it, only with the help of its name, the question is
        scored again with names weighing half, and a topic entry that then wins outright takes it.
        Moving between platforms ("what is an edX professional certificate?") is never done here:
        there the name is the question.
        """
        names = known.keys() & self._name_terms
        if not names or len(names) == len(known) or known.keys() - names <= self._verdict_terms:
            return combined  # (a name and a verdict, "Accredible worth it?", asks of the platform)
        # A topic entry already answering outright needs no second look; one held level by a
        # platform's entry ("do Coursera certificates expire?") does.
        if not self.is_named[int(np.argmax(combined))] and self._outright(combined, meant is not None):
            return combined
        # one name weighs as one word, however many words it is written in: "google cert" is read as
        # "Google Career Certificate", whose two distinctive words outweighed "verify"
        per_entry = Counter(self._named_entry[t] for t in names)
        lighter = {t: w * _W_NAME / per_entry[self._named_entry[t]] if t in names else w
                   for t, w in known.items()}
        again = self._score(lighter, corrected, unknown, meant, own)
        order = np.argsort(-again)
        if self.is_named[order[0]] or self.is_decline[order[0]]:
            return combined
        # the topic must answer on its own: "is FutureLearn any good?" without the name is vague
        return again if self._outright(again, meant is not None) else combined

    def _only_a_verdict_on(self, best: int, known: dict[str, float]) -> bool:
        """Whether a question names the platform of the entry it leads to and asks nothing of it but
        a verdict ("what do people think of Coursera", "Accredible worth it?"): its entry answers,
        however little the verdict's words say of it (it was "did you mean" employers' recognition)."""
        names = known.keys() & self._name_terms
        return (bool(names) and {self._named_entry[t] for t in names} == {best}
                and bool(known.keys() - names) and known.keys() - names <= self._verdict_terms | self._asking_terms)

    def _compared(self, corrected: str, terms: list[str]) -> list[int]:
        """The entries a comparison names ("credly vs badgr?"), in the order its `terms` name them;
        empty when the question compares nothing or names fewer than two."""
        if not _COMPARING.intersection(corrected.split()):
            return []
        named = list(dict.fromkeys(i for t in terms if (i := self._named_entry.get(t)) is not None))
        return named if len(named) >= 2 else []

    def _only_compares(self, known: dict[str, float], compared: list[int]) -> bool:
        """Whether every telling term of a comparison is a name of what it compares, or a word of
        comparing ("coursera vs edx"; not "coursera vs edx for data science")."""
        names = set().union(*(self.name_terms(self.topics[i]) for i in compared))
        return all(t in names or t in _COMPARING or self.idf[t] < _SUBJECT_MIN_IDF for t in known)

    def _first_named_first(self, combined: np.ndarray, compared: list[int]) -> np.ndarray:
        """A comparison of two platforms is about the one it names first.

        "credly vs badgr?", "what is the difference between Credly and Accredible": both platforms'
        entries lead, in an order their shared words decide. When they are the two front-runners,
        the one named first takes the better score.
        """
        if not compared:
            return combined
        best, runner = (int(i) for i in np.argsort(-combined)[:2])
        if best != compared[1] or runner != compared[0]:
            return combined
        swapped = combined.copy()
        swapped[best], swapped[runner] = combined[runner], combined[best]
        return swapped

    def _outright(self, scores: np.ndarray, with_meaning: bool) -> bool:
        """Whether the best of these scores is sure enough, and far enough ahead, to answer."""
        top, lead = self._evidence(scores, np.argsort(-scores))
        return _sure(_confidence(top, lead, with_meaning=with_meaning), lead)

    def named_entries(self, text: str) -> list[str]:
        """The entries whose proper names (`names`) the text uses, in the order it names them."""
        return self._entries_by(text, self._named_entry)

    def programmes_of(self, text: str) -> list[str]:
        """The platform entries whose own programme names the text uses ("nanodegree", "micromasters":
        words of their titles alone), in the order it names them."""
        return self._entries_by(text, self._platform_words)

    def _entries_by(self, text: str, words: dict[str, int]) -> list[str]:
        """The entries that `words` (a term -> document table) gives for the terms of `text`, in order."""
        terms = self.analyzer.terms_of(self.correct(text)[0])
        return list(dict.fromkeys(self.topics[i] for t in terms if (i := words.get(t)) is not None))

    def name_terms(self, topic: str) -> set[str]:
        """The terms that name the entry `topic` and nothing else (`_names`): "credly" for Credly;
        "canvas" for Badgr, not "badges" or "credentials", which other entries use."""
        return {t for t, i in self._named_entry.items() if self.topics[i] == topic}

    def known_terms(self, text: str) -> set[str]:
        """The terms of `text` that the base uses somewhere (typos fixed)."""
        return {t for t in self.analyzer.terms_of(self.correct(text)[0]) if t in self.idf}

    def telling_terms(self, text: str) -> set[str]:
        """`known_terms` less those nearly every entry uses ("what", "how"), which tell nothing apart."""
        return {t for t in self.known_terms(text) if self.idf[t] >= _SUBJECT_MIN_IDF}

    def _doc_of(self, topic: str | None) -> int | None:
        """The document number of the entry `topic`, or None (follow-up turns only: a linear look-up)."""
        return self.topics.index(topic) if topic is not None and topic in self.topics else None

    def used_by(self, terms: set[str], topic: str | None) -> set[str]:
        """Those of `terms` that the entry `topic` uses anywhere (title, phrasings, tags or answer)."""
        if (doc := self._doc_of(topic)) is None:
            return set()
        return {t for t in terms if doc in self._bm25.get(t)[0]}

    def asked_about(self, terms: set[str], topic: str) -> set[str]:
        """Those of `terms` that are in a phrasing (or the title) of the entry `topic`: what it is
        asked about, not merely what its answer mentions."""
        if (doc := self._doc_of(topic)) is None:
            return set()
        return {t for t in terms if bool((self._q_owner[self._q_postings.get(t)[0]] == doc).any())}

    def subject_of(self, terms: set[str], topic: str | None) -> set[str]:
        """Those of `terms` that the entry `topic`'s title or tags use: what it is about."""
        if (doc := self._doc_of(topic)) is None:
            return set()
        # ("what" in the title "What is Credly?" is no subject: every entry is asked "what ...")
        return {t for t in terms if doc in self._subjects.get(t)[0] and self.idf.get(t, 0.0) >= _SUBJECT_MIN_IDF}

    def declined_outright(self, text: str) -> DeclineGroup | None:
        """The out-of-scope group whose phrase the text uses ("xbox", "stack overflow"), if any."""
        return self._phrase_decline(self.correct(text)[0])

    def tagged_by_decline(self, text: str, group: DeclineGroup) -> list[str]:
        """The entries about no one platform that staff tagged with a phrase of `group` that declines
        the text ("refund": the entry on costs)."""
        corrected = self.correct(text)[0]
        said = {normalize(trigger.phrase) for trigger, of in self._decline_triggers
                if of.id == group.id and trigger.fires(corrected)}
        return list(dict.fromkeys(topic for phrase in sorted(said) for topic in self._tagged.get(phrase, ())))

    def _phrase_decline(self, corrected: str) -> DeclineGroup | None:
        if self._any_decline is None or self._any_decline.search(corrected) is None:
            return None
        for trigger, group in self._decline_triggers:
            if trigger.fires(corrected):
                return group
        return None


def _rank(word: str, form: str, known: Counter[str]) -> tuple[int, bool, str]:
    """How likely `form` is the word meant: the base's most used first, then one that keeps the
    first letter, then the alphabet, so that a tie ("sid": "id" and "did" used alike) is decided
    the same way every run, not by the order of a set."""
    return known[form], form[:1] == word[:1], form


def _closest(word: str, forms: list[str], known: Counter[str], fuzzy: bool = True) -> str | None:
    """The known word a typo most likely meant, or None.

    Cheap, precise fixes first (two letters swapped, a letter doubled), then a fuzzy match.
    Typists rarely get the first letter of a short word wrong, and a short word is easy to
    "correct" into another word, so short words only take one edit that keeps the first letter
    or puts back a dropped one: "mico" becomes "micro" and "adge" "badge" (while "rain" stays
    "rain": a real word, see `_is_meant`). Ties go to the word the
    knowledge base uses most ("reaume" -> "resume", not "readme").
    """
    cheap = [c for c in _simple_fixes(word) if c in known]
    if cheap:  # "hwo" is "how" or "who": the word the base uses more
        return max(cheap, key=lambda f: _rank(word, f, known))
    if not fuzzy:
        return None
    if len(word) == _TYPO_MIN_LEN - 1:
        # one slip in a short word ("wha", "ope", "nit"): too short for a fuzzy score, so every
        # word one edit away is a candidate, and the base's most used one wins
        near = [c for c in _one_edit(word) if c in known]
        return max(near, key=lambda f: _rank(word, f, known)) if near else None
    if len(word) < _TYPO_MIN_LEN:
        return None
    if len(word) <= 5:
        hits = process.extract(word, forms, scorer=Levenshtein.distance, score_cutoff=1, limit=20)
        hits = [form for form, _, _ in hits
                if form[0] == word[0] or form[1:] == word or (len(word) == 5 and len(form) == 5)]
        # a dropped letter is the commonest slip: "wrth" is "worth" before it is "with"
        dropped = [form for form in hits if len(form) == len(word) + 1]
        return max(dropped or hits, key=lambda f: _rank(word, f, known)) if hits else None
    # A similar-looking word is not a slip when too much of it differs: a third of its letters at
    # most ("afterwards" is not "awards", nor "duolingo" "doing", though their ratios pass).
    cutoff = 80 if len(word) <= 6 else 75
    hits = process.extract(word, forms, scorer=fuzz.ratio, score_cutoff=cutoff, limit=5)
    # (a first letter that differs is one slip, not the start of another word: "gamification" is
    # not "verification")
    hits = [(score, known[form], form) for form, score, _ in hits
            if (form[0] == word[0] or form[1:] == word
                or (len(form) == len(word) and Levenshtein.distance(word, form) <= 2))
            and Levenshtein.distance(word, form) <= max(2, len(word) // 3)]
    return max(hits)[2] if hits else None


def _is_meant(word: str, candidate: str, in_base: int = 0) -> bool:
    """Whether a real English word was typed on purpose rather than as a slip for `candidate`.

    A real word is taken as meant unless the word it would become is far more common (fifty
    times): "expert", "load" and "objective" stay themselves, while the rare "verity" typed
    among badge questions still becomes "verify". Words no English list knows are fair game.
    English counts know nothing of this base, so a word it uses often counts for more: once
    more for every `_IN_BASE` times it is used, which turns "bade" into "badge".
    """
    typed = english_count(word)
    return typed > 0 and english_count(candidate) * (1 + in_base / _IN_BASE) < _MEANT_RATIO * typed


@dataclass(frozen=True)
class _Place:
    """An entry about one place (`where`), and the terms that name it: one word ("nzqa"), read as a
    set since there are dozens (the EU's member states), or several in a row ("new zealand")."""

    doc: int
    words: frozenset[str]
    runs: tuple[tuple[str, ...], ...]
    # the countries it names, as `places` says them: Germany for Germany's entry, the member states for
    # the EU's
    countries: frozenset[str] = frozenset()
    # other places' names in several words that hold one of its words ("northern ireland", for Ireland)
    inside: tuple[tuple[str, ...], ...] = ()

    def named_in(self, terms: list[str], countries: frozenset[str]) -> bool:
        """Whether `terms` name the place, or `countries` (`_countries_in`, "in the us") one it names."""
        return (not self.words.isdisjoint(_outside(terms, self.inside)) or any(_holds(terms, run) for run in self.runs)
                or not self.countries.isdisjoint(countries))


def _countries_in(*texts: str) -> frozenset[str]:
    """The countries normalised texts name as `places` reads them: "in the us" is the US there, where
    "us" is a stopword to the analyzer ("can you tell us")."""
    return frozenset(found.name for text in texts if text and (found := place_named(text)))


def _outside(terms: list[str], runs: tuple[tuple[str, ...], ...]) -> list[str]:
    """`terms` less those that are part of one of `runs` where it occurs."""
    if not runs:
        return terms
    covered: set[int] = set()
    for run in runs:
        n = len(run)
        covered.update(j for i in range(len(terms) - n + 1) if tuple(terms[i:i + n]) == run for j in range(i, i + n))
    return [t for i, t in enumerate(terms) if i not in covered]


def _holds(terms: list[str], run: tuple[str, ...]) -> bool:
    """Whether `run` occurs in `terms`, in order and unbroken."""
    n = len(run)
    return any(tuple(terms[i:i + n]) == run for i in range(len(terms) - n + 1))


def _one_edit(word: str) -> set[str]:
    """Every string one letter added, dropped or changed away."""
    letters = "abcdefghijklmnopqrstuvwxyz"
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    return ({a + c + b for a, b in splits for c in letters}
            | {a + b[1:] for a, b in splits if b}
            | {a + c + b[1:] for a, b in splits if b for c in letters})


def _simple_fixes(word: str) -> list[str]:
    swapped = [word[:i] + word[i + 1] + word[i] + word[i + 2:] for i in range(len(word) - 1)]
    undoubled = [word[:i] + word[i + 1:] for i in range(1, len(word)) if word[i] == word[i - 1]]
    # chat spells a final "ew" as it sounds ("renu", "revu"): two edits away, too far for a fuzzy fix
    sounded = [word[:-1] + "ew", word[:-1] + "iew"] if len(word) >= _TYPO_MIN_LEN and word[-1] == "u" else []
    return undoubled + swapped + sounded


def _sure(confidence: float, lead: float, keyword: bool = False, long_message: bool = False) -> bool:
    """Sure enough to answer outright, and far enough ahead of the runner-up not to ask which (twice as far
    for a `keyword`, a message of one word; for a `long_message`, see `LONG_MESSAGE_WORDS`)."""
    if long_message and confidence >= ANSWER_LONG_AT and lead >= MIN_LEAD_LONG:
        return True
    return confidence >= ANSWER_AT and lead >= MIN_LEAD * (2 if keyword else 1)


def _confidence(top: float, lead: float, with_meaning: bool) -> float:
    """P(the best entry is the right one), from its score and its lead over the runner-up.

    A logistic model fitted by bench/calibrate.py on labelled questions; re-fit it there when the
    scoring changes, and check its reliability table.
    """
    on_score, on_lead, bias = _CALIBRATION[with_meaning]
    z = on_score * top + on_lead * lead + bias
    return round(1 / (1 + math.exp(-z)), 3)


__all__ = ["KnowledgeIndex", "Ranking", "Match", "Outcome", "DECLINE_PREFIX"]
