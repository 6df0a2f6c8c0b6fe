"""Reading a short follow-up in the light of the turn before it.

People do not repeat themselves in chat: after "what is a Coursera Specialization?" they write
"and on edX?", "how long does it take?", "tell me more" or, after "Did you mean ...?", just "yes".
This module decides what such a turn refers to; the engine then answers it like any question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from bot.conversation import Context
from bot.understanding import PLATFORM_NAMES, asks_bot_to_act, asks_something, normalize

# The platforms that hold badges or courses, of which "and on Credly?" asks the last question again.
# Not LinkedIn, where badges are shared to ("and on LinkedIn?" after sharing on social media asks
# about LinkedIn instead), nor a region ("what about in New Zealand?" asks what is done there).
_HOSTS = PLATFORM_NAMES
_REGIONS = frozenset({"europass", "nzqa", "eu", "europe", "new zealand"})
# Where a badge is shown ("and on my website?" after the email signature asks the same of a website)
_CHANNELS = frozenset({"linkedin", "email signature", "website", "cv", "resume", "twitter", "facebook", "github",
                       "portfolio", "instagram", "social media", "outlook signature", "gmail signature", "outlook",
                       "gmail", "signature"})
# Names that a follow-up may swap for the one in the previous question ("and on edX?"), longest
# first so that "linkedin learning" is read before "linkedin".
_NAMES = "|".join(re.escape(p) for p in sorted(_HOSTS | _REGIONS | _CHANNELS, key=len, reverse=True))
_PLATFORM = re.compile(rf"\b({_NAMES})\b")
# ("is there ANY free option that isnt moodle" got the one line on Moodle)
_NOT_THAT = re.compile(r"\b(?:not|isnt|is not|other than|except|besides|apart from|instead of|rather than) "
                       rf"(?:on |for |from |the |with |using )?(moodle|{_NAMES})\b")
# Programmes that belong to one platform: swapping the platform must drop them too, or "and
# coursera?" after a question about Udacity's nanodegree still asks about a nanodegree.
_PRODUCTS = {
    "udacity": re.compile(r"\bnano ?degrees?\b"),
    "edx": re.compile(r"\bmicro ?masters?\b"),
    "coursera": re.compile(r"\b(master ?tracks?|specializations?)\b"),
    "futurelearn": re.compile(r"\bexpert ?tracks?\b"),
}

_YES = re.compile(r"^(yes|yeah|yep|yup|ya|y|sure|ok|okay|correct|right|exactly|that one|that|yes please|the first( one)?|first( one)?|1st)$")
_NO = re.compile(r"^(no|nope|nah|n|neither|none|(none|neither) of (them|those|these|the above)|not really|"
                 r"not (those|these|that one)|(i meant |i mean )?something else)$")
_ORDINAL = {"1": 0, "2": 1, "3": 2, "first": 0, "second": 1, "third": 2, "1st": 0, "2nd": 1, "3rd": 2,
            "one": 0, "two": 1, "three": 2, "fourth": 3, "fifth": 4, "sixth": 5, "seventh": 6, "eighth": 7,
            "ninth": 8, "tenth": 9, "4th": 3, "5th": 4, "6th": 5, "7th": 6, "8th": 7, "9th": 8, "10th": 9}
# what may follow a pick without making it a question: "1 i guess", "2 pls", "the first one thanks"
_PICK_TAIL = (r"(?: (?:one|please|pls|plz|thanks|thank you|thx|then|i guess|i think|i suppose|ig|maybe|lol|obviously|"
              r"yes|yeah|yep|that|that one|this one|"  # ("1 yes that": "I don't have an answer for that")
              r"of course|is what i (?:mean|meant|want|wanted)|is the one i (?:mean|meant|want|wanted)|"
              r"duh|option|item|link|topic|at the bottom|below|under related|in the list|you (?:listed|mentioned|"
              # ("Oh dear, I suppose number 3 is the closest.": "I don't have an answer for that")
              r"offered)|(?:is|looks|sounds|seems) (?:the )?(?:closest|nearest|best|right|most like it)))*")
_PICK = re.compile(r"^(?:the |number |option |no |#)?(" + "|".join(_ORDINAL) + r")" + _PICK_TAIL + "$")
_MORE = re.compile(r"^(tell me more|more|more please|more info|more information|more details|go on|continue|"
                   r"details|elaborate|can you elaborate|explain more|explain further|say more|and|and then|what else|"
                   r"(?:ok |okay |so )?(?:and )?then what|ok and then|what next|whats next|(?:ok |okay |and )?so|and so|"
                   r"(?:ok |okay )?(?:done|all done|finished|(?:i )?did (?:that|it|all that)|ive done (?:that|it)) "
                   r"(?:now what|what now|what next|whats next|then what)|"
                   r"(can you |please )?explain (that|it)( again| more)?|"
                   r"((give|show|send) me )?(the |your )?(sources?|srcs?|links?|references?|refs?)|"
                   r"where did you get (that|this)( from)?|where is (that|this) from)$")
# "why?" alone, which after "did you mean" asks why it asked
_WHY_ALONE = re.compile(r"^(but |and |ok )?(why|why not|how come|whys that|why is that)( tho| though)?$")
# A turn that asks about the last answer and names nothing: "why?", "how do I fix that?", "who do I
# contact?". Alone, "fix" or "contact" would find whichever entry uses the word.
_STAY = re.compile(r"^(and |but |so |ok |okay )?(why|why not|why is that|why so|how come|how|how so|"
                   r"how (do|can|should|would) (i|we|you) (fix|solve|sort|resolve|handle|do|deal with|get around|"
                   r"sort out|change|avoid) (that|it|this)( then| now| myself)?|"
                   r"how (do|can|should) (i|we) (sort|figure|work) (that|it|this) out|"
                   r"what (do|can|should) (i|we) do( then| now| about (it|that|this))?|what now|now what|"
                   r"where (do|can) (i|we) (do|find|get) (that|it|this)|"
                   r"who (decides|gets to decide|makes (that|the|this) (call|decision))( that| this| it)?( then)?|"
                   r"(so |ok |okay )?which (one )?(is|would be) (better|best|right for me)|which (one )?should i (choose|pick|get|do)|"
                   r"(can you |could you )?(please )?(give me|show me|give) (me )?an? (example|examples)|"
                   r"(for|an|any) examples?|examples?( please)?|like what|such as|"
                   # "what if they say no?" after a request to an issuer or a university
                   r"what if (they|he|she|it|the issuer|the university|the college|the school|my employer|admissions) "
                   r"(say no|says no|refuse|refuses|reject|rejects|decline|declines|wont|will not|dont agree|"
                   r"does not agree|doesnt agree|disagree|disagrees)( to it| to that)?|"
                   r"how (can|do|would|will) (i|you|we|they|anyone|people) (tell|know|check|find out)( that| then)?)$")
# "who do I contact?": the steps of the answer that say whom to turn to, not its first steps again
# ("who i ask at my university": chat drops the "do")
_WHOM = re.compile(r"^(?:(?:and|but|so|ok|okay|then) )*(?:(?:so )?who (?:(?:do|should|can|could) )?(?:i|we) (?:even )?(?:contact|ask|talk to|"
                   r"speak to|email|write to|call|reach out to|turn to|go to)|who (?:can|could) help(?: me)?|"
                   r"(?:who|whom) to (?:contact|ask|talk to)|who is responsible|"
                   # ("can i just contact the issuer" after verifying: the step that says so)
                   r"(?:can|could|should) (?:i|we) (?:just |simply )?(?:contact|ask|email|call|write to) "
                   r"(?:the|their|its) (?:issuer|provider|platform|university|college|school))"
                   r"(?: about (?:it|that|this)| for (?:it|that|this)| with (?:it|that|this))?"
                   r"(?: (?:at|in) (?:my|the|our) (?:uni|university|college|school|work|job|company|institution|"
                   r"employer|workplace))?"
                   r"(?: then| now)?(?: exactly)?$")
_POLITE = re.compile(r"^(?:(?:ok|okay|so|and) )?(?:(?:can|could|would) you (?:please )?|please )")
# "too long", "in plain english": the gist of the last answer, not its sources
_SIMPLER = re.compile(r"^((can you |could you |please )?(explain|say|put) (that|it|this)( again)? "
                      r"(more simply|simply|simpler|differently|in plain english|in simple terms|in simpler terms|"
                      r"like im five|in short)|(can you |could you |please )?(simplify|summari[sz]e) (that|it|this)|"
                      r"(in )?(simpler|simple|plain) (terms|words|english)( please)?|simpler( please)?|eli5|"
                      r"tl ?dr|too long|too long didnt read|short version|in short|too complicated|"
                      r"(thats |that is |its |it is )?too (complicated|technical|much)|"
                      r"(i (dont|do not) (understand|get)( it| this| that| any of (it|this|that))?|idk|i (am|m) lost|"
                      r"(im |i am )?(still )?confused)( still| at all| sorry)?|(idk|sorry|hmm|ok) (im |i am )?(still )?confused|"
                      r"what does that mean|what do you mean( by that)?|meaning|huh|what|wdym|"
                      r"(can you )?explain (it |that |this )?like (im|i am) (five|5|a child|a beginner)|"
                      # "say it shorter", "short answer pls", "in 2 sentences", "give me 3 bullet points"
                      r"((can|could) (you|u) )?(just )?(say|put|make|give|keep) (it|that|this|me)( a bit| a little)? "
                      r"(shorter|short|briefer|brief|the short version|a short answer)|"
                      r"(no )?shorter( answer| anser| version| one| reply)?|(a )?short answer|(the )?short version|"
                      r"(no )?(too|to) long( mate| lol| bro| man| dude)?( one line)?|(just )?one line|"
                      r"(thats |that is |its |it is )?(too|to) (much|many) (words|text|reading)( for me)?|"
                      r"((give me|say it|put it|say that|put that)( in)? |in )?(just )?(one|two|three|1|2|3|a few|simple) "
                      r"(sentences|lines|bullet points|bullets|steps)"
                      r"( for me)?)( please| pls| plz| lol)?"
                      # "can u say that shorter pls like 3 steps im dyslexic": how short, and why, after the asking
                      r"(( like| in| as)? (one|two|three|four|five|1|2|3|4|5|a few|simple) "
                      r"(sentences|lines|bullet points|bullets|steps|points))?"
                      r"( (im|i am|as im|as i am|cos im|cause im|because im|because i am|bc im) \w+( \w+)?"
                      r"( and (its|it is) hard to read( big| long)?( blocks| text| walls of text)?)?)?"
                      r"( please| pls| plz)?$")
# the other question of a message that asked two, named after the answer to the first
_THE_OTHER = re.compile(r"^((ok|okay|and|so|yes|yeah|sure) )*((tell me|what) about |and |now )?"
                        r"(that|that one|the other (one|thing|question|part)|the (second|next) (one|thing|question|part)|"
                        r"the rest|the other)( one| then| please)?$")
# "thanks. and what was the ACE link again?": the sources of the answer just given, as "more" lists them
_LINK_AGAIN = re.compile(r"^(?:(?:thanks|thank you|thx|ok|okay|and|so|great|cool) )*"
                         r"(?:what was|whats|what is|where is|wheres|send me|give me|can i have|can you send me|"
                         r"can you give me|(?:i )?need) (?:that|the|your|this)(?: \w+){0,2} "
                         r"(?:link|links|url|source|sources|website|page)(?: again)?(?: please| pls)?$")
# "ok but you missed my other 2 questions?? linkedin and cost": the other question the message asked
_SKIPPED = re.compile(r"\b(missed|skipped|forgot|ignored|did ?n.?t answer|did not answer) (my |the )?(other|second|2nd|"
                     r"next|last|remaining)\b")
_ELLIPTIC_START = re.compile(r"^(?:(?:ok|okay|right|oh|ah|hmm|cool|great|thanks|ty) )?"  # ("ok and if i finish fast ...")
                             r"(and|also|what about|how about|what of|same for|same with|and what about|and how about|"
                             r"what if|but|so|then|(?:(?:no|nope|sorry|oops|ah|ok) )*(?:i meant|i mean|meant)|"
                             # the question asked again ("i asked if theres IT ones and if i can do it while working")
                             r"(?:(?:no|nope|but|ok) )*(?:i asked|i was asking|i am asking|im asking|my question was)"
                             r" (?:if|whether|about|how|what|which))\b")


def _in_region(name: str) -> str:
    """The question a region's entry answers ("europe" is the EU's entry's, not where to find courses)."""
    return f"micro-credentials in {'the eu' if name == 'europe' else name}"


def _kind(name: str) -> str:
    """"host" for a platform, "region" for a region or its framework, "channel" for where a badge is
    shown, else the name itself."""
    return "host" if name in _HOSTS else "region" if name in _REGIONS else "channel" if name in _CHANNELS else name


# "and on Credly?", "what about edX": nothing but a name, after an opening that points back
_ONLY_A_NAME = re.compile(rf"(?:{_ELLIPTIC_START.pattern} )?((on|in|for|with|at|from) )?(the )?{_PLATFORM.pattern}")
_PRONOUN = re.compile(r"\b(it|its|that|this|they|them|those|these|there|one|ones|he|she)\b")
# "how long does it take if i only have like 5 hrs a week": how long or how much "it" is, however
# long the rest of the turn
_FACET_OF_IT = re.compile(r"^(how long|how much|how many \w+) (does|do|will|would|did|is|are|was|should) "
                          r"(it|that|this|they|them|those|these)\b")
# The question before, in brackets after a turn the answer before it held ("how long? (what is a micromasters)")
_HELD_BEFORE = re.compile(r" \(.*\)$", re.S)
# "is there an exam?" asks whether one exists, and "are IBM badges worth it?" asks about the badges:
# neither "there" nor the "it" of "worth it" points back at anything.
_EXISTENTIAL = re.compile(r"\bworth it\b|"
                          r"\b(is|are|was|were|will|would|be|isnt|arent)\s+there\b|\bthere\s+(is|are|was|were|will|be|isnt|arent)\b")


# A verdict on the answer just given, typed instead of clicked: "thanks, that helped", "that's
# wrong", "not what I asked". The whole message must be one, so "why is my name wrong" is a question.
_WOW = r"(?:ok|okay|great|perfect|awesome|brilliant|excellent|nice|cool|super)"
_THANKS = rf"(?:{_WOW}\s+)?(?:thanks|thank you|thx|ty|cheers)(?:\s+(?:so much|a lot|very much))?"
_IT = (r"(?:(?:that|thats|this|it|its|the|your|you|youre|this bot|the bot|credbot)\s+)?(?:answer\s+)?"
       r"(?:(?:was|is|are|were|really|very|so)\s+)*")
_HELPED = (r"(?:helpful|useful|helped|helps|helped a lot|spot on|perfect|great|exactly (?:it|right)|"
           r"(?:exactly )?what i (?:needed|wanted|was looking for)|(?:a )?(?:great|good|perfect) answer|"
           r"answers my question|answered my question)")
_MISSED = (r"(?:(?:completely |totally |just |so |still )?(?:wrong|incorrect|not true|out of date|outdated)|"
           r"not (?:really |quite |exactly |very |at all )?(?:right|it|helpful|useful|relevant|correct|true)|"
           r"not (?:quite|exactly)|unhelpful|useless|irrelevant|no help|"
           r"(?:wasnt|isnt|doesnt|didnt|does not|did not|was not|is not) (?:helpful|useful|right|it|help|"
           r"answer (?:my|the) question)|not (?:really |quite |exactly )?what i (?:asked|meant|wanted|needed|"
           r"was (?:asking|looking) for|am asking|m asking|im asking|am looking for|m looking for)|"
           r"not what im (?:asking|looking for)|"
           r"(?:a )?(?:wrong|bad|useless) answer|(?:that|it) (?:doesnt|didnt|does not|did not) help|"
           r"you (?:misunderstood|got it wrong|didnt answer my question|did not answer my question))")
# (a verdict is a whole message, without a question mark: "useful?" asks whether something is)
_HELPFUL = re.compile(rf"^(?:(?:{_THANKS}|{_WOW})\s+)?{_IT}{_HELPED}(?:\s+{_THANKS})?$")
# ("this is useless, you keep giving me generic crap": what keeps going wrong, said after it)
_NOT_HELPFUL = re.compile(rf"^(?:(?:no|nope|nah|hmm|sorry|but|still|thanks but|thank you but)\s+)*{_IT}{_MISSED}"
                          r"(?:\s+(?:at all|too|either|again|sorry|though|thanks))?"
                          r"(?:\s+you (?:just |only )?(?:keep|always|only) [a-z ]+)?$")
# "i already checked spam", "done that", "tried all of that": a step of the answer done. `what` is
# the step; a pronoun names none ("did that already")
_DONE = (r"(?:did|done|tried|checked|looked (?:in|at|through)|searched|contacted|emailed|asked|messaged|called|"
         r"followed|read|added|changed|updated|reset|cleared|went through|clicked|applied|sent|resubmitted|"
         r"uploaded|submitted|accepted|claimed|told|advised)")
_ALREADY = re.compile(rf"^(?:(?:but|yes|yeah|yep|ok|okay|well|hmm|sadly|unfortunately|i know) )*(?:i |we |they |he |she )?"
                      rf"(?:have |has |ive |weve |theyve )?(?:already )?{_DONE} (?P<what>.+?)"
                      r"(?: already| too| as well| but (?:nothing|no luck|it didnt work|still nothing))?$")
# "spam checked", "junk folder done already": the step first, in chat shorthand
_DONE_AFTER = re.compile(r"^(?:(?:ok|okay|yes|yeah|yep) )*"
                         r"(?P<what>(?!(?:ok|okay|yes|yeah|yep|all)\b)[a-z]+(?: [a-z]+){0,2}) "
                         r"(?:checked|done|tried|sent|"
                         r"emailed|contacted)(?: already| too| as well)?$")
_ASKS_NEXT = re.compile(r"\b(how|what|where|why|when|which|who|can i|could i|should i|do i|does it|is it|is there)\b")
_PRONOUN_STEP = re.compile(r"^(?:all )?(?:of )?(?:that|this|it|those|these|them|everything|all|"
                           r"(?:all )?(?:of )?the steps|every step)(?: already| too)?$")
# still stuck, with no step named: "still nothing", "the issuer isn't replying", "it's been 2 weeks"
_STUCK = re.compile(
    r"^(?:(?:but|ok|okay|sadly|unfortunately|hmm|and|so) )*(?:"
    r"(?:none of (?:that|this|it|them|those)|nothing) work(?:ed|s)?|"
    r"(?:that|it|this) (?:didnt|did not|doesnt|does not|dont|wont) work(?:ed|s)?|"  # ("that worked" is no trouble)
    r"what if (?:that|it|this|none of (?:that|this|it)) (?:doesnt|does not|dont|do not|didnt|did not|wont|will not) work|"
    r"what if (?:that|it|this) fails|"
    r"still (?:nothing|no luck|stuck|missing|not (?:there|working|fixed|showing|received|here|sorted))|no luck|"
    # "it still doesnt show", "its not showing up on my profile", "the image is blank"
    r"(?:(?:it|its|it is|that|the badge|my badge|the image|the picture) )?(?:still )?"
    r"(?:doesnt|does not|dont|isnt|is not|wont|will not|not|hasnt|has not) (?:show|shown|showing|appear|appearing|"
    r"appeared|load|loading|loaded|display|displaying|there|visible)(?: up)?"
    r"(?: (?:on|in) (?:my )?(?:profile|linkedin|page|feed|post|signature))?|"
    r"(?:the |my )?(?:image|badge|picture|logo|preview) (?:is|looks|shows|comes up) (?:blank|empty|broken)|"
    r"(?:the issuer|issuer|they|he|she|support|the university|the school|the college|nobody|no one) "
    r"(?:isnt |is not |arent |are not |wont |will not |hasnt |has not |havent |have not |never |didnt |did not |doesnt |does not )?"
    r"(?:reply|replying|replied|respond|responding|responded|answer|answering|answered|get back|getting back|got back)(?: to me)?|"
    r"no (?:reply|response|answer)(?: yet| from (?:them|the issuer|support))?|"
    r"(?:its|it|it has) been (?:\w+ )?(?:day|days|week|weeks|month|months)|still waiting(?: for (?:it|them))?|"
    r"nothing in (?:spam|junk|my spam|my junk|the spam folder)(?: either)?|already done|done already|"
    r"(?:nobody|no one) (?:answers|replies|responds|got back(?: to me)?)|"
    r"(?:it|i|that) (?:says|shows|gives|gave|showed|get|got|am getting|m getting|keeps giving) (?:me )?(?:an |a )?"
    r"error(?: message)?(?: (?:when|if|after) [a-z ]{1,40})?"
    r")(?: yet| either| still| though| sadly| already| at all)?$")


def step_done(text: str) -> str | None:
    """After an answer: the step a learner says they did ("spam" of "i already checked spam"), ""
    when they did it all or say they are still stuck, or None when the turn says neither."""
    plain = normalize(text)
    if _STUCK.match(plain):
        return ""
    if (shorthand := _DONE_AFTER.match(plain)) is not None and not _ASKS_NEXT.search(shorthand.group("what")) \
            and not _PRONOUN_STEP.match(shorthand.group("what")):
        return shorthand.group("what")
    done = _ALREADY.match(plain)
    if done is None or len(plain.split()) > 12:
        return None
    what = done.group("what")
    if _ASKS_NEXT.search(what):  # "i already claimed my badge, how do I share it?" asks something new
        return None
    first, _, rest = what.partition(" ")
    if first in ("them", "him", "her") and rest:  # "sent them the syllabus": the syllabus
        what = rest.removeprefix("to ")  # ("told them to check spam": check spam)
    elif _PRONOUN_STEP.match(what) or _PRONOUN_STEP.match(first) or what == "already":
        return ""  # ("i already did that, the issuer isn't replying": what follows "that" is no step)
    return what if "already" in plain.split() else None


# any number, to tell a pick that is out of range ("5" of three) from a question
_NUMBER = re.compile(r"^(?:the |number |option |no |#)?(\d+)" + _PICK_TAIL + "$")


class Kind(StrEnum):
    NONE = "none"  # not a follow-up: answer the text on its own
    PICK = "pick"  # picks one of the suggestions offered: `topic` holds it
    REJECT = "reject"  # "no" to every suggestion
    MORE = "more"  # more on the last topic: `topic` holds it
    SIMPLER = "simpler"  # the gist of the last answer: `topic` holds it
    STAY = "stay"  # asks about the last answer, naming nothing: `topic` holds it
    CHOOSE = "choose"  # "tell me more" while suggestions wait for a pick: ask which one
    REWRITE = "rewrite"  # the previous question with another name: `question` holds it
    CONTEXTUAL = "contextual"  # search with the previous question as context
    VERDICT = "verdict"  # says whether the last answer helped: `topic` holds it, `helpful` which
    NEXT = "next"  # did what the answer said and is still stuck: `topic` holds it, `question` the step done


@dataclass(frozen=True)
class FollowUp:
    kind: Kind
    topic: str | None = None
    question: str | None = None
    anaphoric: bool = False  # points back explicitly ("it", "and ...", "what about ...")
    helpful: bool | None = None  # a VERDICT's
    act: bool = False  # a NEXT's: asks credbot to do it ("can you resend it?"), which only others can


_REST = re.compile(r"^((show|give) (me )?)?(the )?(rest|next( page| ones?)?|others|remaining( ones)?|more( please)?|"
                   r"(show|see) more|the other ones)( please)?$")


def asks_for_the_rest(text: str) -> bool:
    """"more", "show me the rest" after a list cut at its length."""
    return _REST.match(normalize(text)) is not None


def asks_more(text: str) -> bool:
    """Whether a turn asks for more on what was just shown ("tell me more", "details")."""
    return _MORE.match(normalize(text)) is not None


def stays(text: str) -> bool:
    """Whether a turn asks about what was just shown and names nothing ("why?", "who do I contact?")."""
    plain = normalize(text)
    return _STAY.match(plain) is not None or _WHOM.match(plain) is not None


# "is it the same as a badge?", "how is it different from a certificate?": the last answer's
# subject compared with another
_COMPARES = re.compile(r"\b(same (thing )?as|different (from|to|than)|difference|differ|diff from|vs|versus|compare|"
                       r"compared|better than|worse than)\b")


def compares(text: str) -> bool:
    """Whether a turn compares something with another ("is it the same as a badge?")."""
    return _COMPARES.search(normalize(text)) is not None


# "ok leave nptel. one candidate has a Coursera certificate ...": a sentence that drops a subject
# before the question (NPTEL's name held the turn on India's entry)
_DROPPED = re.compile(r"^\s*(?:(?:ok|okay|fine|right|alright|ugh)[ ,.!]+)?(?:leave|forget|drop|skip|enough of|"
                      r"never mind|nvm)(?: about)? [^.?!]{1,40}[.!]\s+(?=\S)", re.I)

# "im not staff im a student?? nevermind. when i pass it i get a badge how do i put it on linkedin": what comes
# before a "nevermind" is given up ("staff" and "student" met the issuing entry), what follows is asked
_GIVEN_UP = re.compile(r"^[^\n]{0,300}?\b(?:never ?mind|nvm|forget it|forget that)\b[.!?,;:]*\s+(?=\w)", re.I)


# "thats the same thing u just said. i asked if theres IT ones": a first sentence saying the answer repeated itself,
# which says nothing of what is asked (the rest is the question, often asked again)
_SAID_AGAIN = re.compile(r"^\s*(?:(?:bro|mate|dude|man|ugh|lol|ok|okay|but|no|hmm)[ ,.!]+)*(?:(?:that'?s|that is|this is|"
                         r"it'?s) (?:just )?(?:the )?same (?:thing|answer|text|stuff)(?: again)?(?: (?:as before|u|you)"
                         r"(?: just| already)? (?:said|sent|wrote|gave(?: me)?|pasted))?|(?:you|u) (?:literally |just )?"
                         r"(?:keep|kept) (?:pasting|sending|saying|giving me|repeating)(?: me)?(?: the same thing| that| it)?"
                         r"|(?:you|u) (?:literally |just )?(?:sent|said|gave me|pasted) the same (?:thing|answer)"
                         r"(?: twice| again)?)[ .!?]*[.!?,]\s+(?=\w)", re.I)


def without_put_aside(text: str) -> str:
    """A turn without the platform it puts aside: "I meant for coursera, not edx" asks about
    Coursera, and edX's name would pull the reply to edX; nor the subject a first sentence drops,
    nor a first sentence saying the answer repeated itself."""
    text = _DROPPED.sub("", text, count=1) or text
    text = _GIVEN_UP.sub("", text, count=1) or text
    text = _SAID_AGAIN.sub("", text, count=1) or text
    lowered = text.lower()
    if not _NOT_THAT.search(lowered):
        return text
    return " ".join(_NOT_THAT.sub(" ", lowered).split()) or text


# "ok cool. once its fixed how do i share it": a step of the last answer taken as done, then the
# question; "fixed" pulled the turn back to the answer on fixing a name
_DONE_THEN = re.compile(r"^(?:(?:ok|okay|cool|great|thanks|right|so|and)\b[ ,.!]*)*(?:once|after|when|as soon as) "
                        r"(?:it|its|it s|it is|thats|that|that is|this|they|theyre|they are|it has been|its been) "
                        r"(?:been |all |finally )?(?:fixed|done|sorted|sorted out|corrected|changed|updated|approved|"
                        r"reissued|ready|through|accepted|claimed)[ ,]+(?P<asked>(?:how|what|where|can|could|should|do|"
                        r"does|will|would|is|are)\b.+)$", re.I)


def without_done_condition(text: str) -> str:
    """A turn without a leading "once it's fixed": what it asks comes after."""
    found = _DONE_THEN.match(text.strip())
    return found.group("asked") if found else text


# "you didnt say about the main thing, I CANCELLED my coursera subscription. does that mean the certificate is gone?":
# the answer just given left it out, so no part of it is the answer (it quoted the same spam-folder line again)
_UNANSWERED = re.compile(r"(?:^|\b(?:but|however|though|and)\s+)(?:(?:no|sorry|hmm|ok|okay|um|well)\s+)*"
                         r"(?:you (?:didnt|did not|never|havent|have not|dont|do not) "
                         r"(?:say|answer|tell|mention|address|cover|talk)|(?:thats|that is|this is|its|it is) not what i "
                         r"(?:asked|meant|wanted)|you (?:missed|ignored|skipped))\b")


def says_unanswered(text: str) -> bool:
    """Whether a turn says the answer just given did not answer it, before asking again."""
    return _UNANSWERED.search(normalize(text)) is not None


def says_yes(text: str) -> bool:
    """"yes", "sure", "that one": the one thing offered, taken."""
    return _YES.match(normalize(text)) is not None


def picked(text: str) -> int | None:
    """The 0-based place a pick names ("2", "the second one", "#4"; -1 for "the last one"), or None
    if the text is no pick."""
    if (place := _place(normalize(text))) is not None:
        return place
    # a pick said first, then words that ask nothing new: "2. and hurry up i havent clicked it yet", "1, and
    # then please tell me about progress tracking", "1 I suppose, but for school leavers specifically" (each
    # got a new menu, once without the scam entry the learner had picked). A bare word ("first, ...") is how
    # a sentence begins, and "5, 10 or 15 ECTS, which is standard?" asks.
    first, *rest = _FIRST_CLAUSE.split(text.strip(), maxsplit=1)
    plain = normalize(first)
    if not rest or asks_something(rest[0]) or len(plain.split()) > 5 \
            or not (re.search(r"\d", plain) or re.match(r"(?:the|number|option) ", _PICK_LEAD.sub("", plain))):
        return None
    return _place(plain)


_FIRST_CLAUSE = re.compile(r"[,.;:!]\s+|\s+(?:but|and)\s+")


# "share the second one", "post 2 on LinkedIn": a pick from the learner's badge list, to share
_SHARE_LEAD = re.compile(r"^(?:(?:can|could) you |please )?(?:share|post|publish) ")
_SHARE_TAIL = re.compile(r" (?:on|to) (?:linkedin|my profile|my linkedin|twitter|x|facebook)$| please$")


def shared_pick(text: str) -> int | None:
    """The 0-based place of a pick to share ("share the second one"), or None."""
    plain = normalize(text)
    if not _SHARE_LEAD.match(plain):
        return None
    return _place(_SHARE_TAIL.sub("", _SHARE_LEAD.sub("", plain)))


_LAST = re.compile(r"^(?:the )?last(?: one)?(?: please)?$")
# (and the hesitations before one: "I don't know, number 2 I suppose", "I'm not sure which. Perhaps 3?")
_PICK_LEAD = re.compile(r"^(?:(?:and|ok|okay|so|hmm|um|uh|oh dear|oh|ah|sorry|well|yeah|yes|yep|yup|sure|fine|alright|i dont know|"
                        r"i do not know|dunno|idk|"
                        r"(?:im |i am )?not sure(?: which)?|perhaps|maybe|probably|i guess|i think|i suppose|"
                        r"lets say|i pick|i choose|id say|i would say|go on then|go on|fine|"
                        # ("thanks, that helps! and the first option at the bottom?")
                        r"thanks|thank you|thx|ty|cheers|great|cool|nice|perfect|got it|that helps|that helped) )*"
                        r"(?:(?:tell me (?:more )?about|show(?: me)?|open|more on|what about|i want|i meant|go with|"
                        r"lets do|lets go with|ill take|ill go with) )?(?=\S)")


_NO_PLACE = 1_000_000  # the place "0" names: on no list


def _place(plain: str) -> int | None:
    """The place a pick names, 0-based; -1 for "the last one"."""
    plain = _PICK_LEAD.sub("", plain)  # "tell me about the second one"
    if _LAST.match(plain):
        return -1
    if pick := _PICK.match(plain):
        return _ORDINAL[pick.group(1)]
    if number := _NUMBER.match(plain):
        # ("0" is beyond every list, refused as out of range like "9": as -1 it would be the last item)
        return int(number.group(1)) - 1 if int(number.group(1)) > 0 else _NO_PLACE
    return None


# a reaction typed as a message, after an answer: the same as its Helpful / Not helpful buttons
# (Slack sends a typed emoji as its shortcode: ":+1:", ":thumbsup::skin-tone-3:")
_SKIN_TONES = re.compile("[\U0001F3FB-\U0001F3FF\uFE0F]|:skin-tone-\\d:")
_THUMBS = {"\U0001F44D": True, "+1": True, "\U0001F64F": True, "\u2764": True, "\U0001F4AF": True, "\u2705": True,
           ":+1:": True, ":thumbsup:": True, ":thumbs_up:": True, ":pray:": True, ":heart:": True, ":100:": True,
           ":white_check_mark:": True,
           "\U0001F44E": False, "-1": False, ":-1:": False, ":thumbsdown:": False, ":thumbs_down:": False}


def points_back(text: str) -> bool:
    """Whether a turn uses a word that stands for something said before ("it's from credly")."""
    return _PRONOUN.search(normalize(text)) is not None


def reaction(text: str) -> bool | None:
    """A thumbs up (True) or down (False) typed as the whole message, else None."""
    return _THUMBS.get(_SKIN_TONES.sub("", text).strip())


# "and in Canada?", "what about in my country?": the answer just given, asked of a place; a word
# of chat after it is no part of its name ("what about in nigeria tho")
_IN_PLACE = re.compile(r"^(?:(?:and|but|so|ok|okay) )?(?:(?:what|how) about |is (?:it|that) the same |same )?"
                       r"(?:in|for people in|for students in|here in) (?P<place>[a-z][a-z .'-]{1,40}?)"
                       r"(?: (?:tho|though|then|too|btw|lol|pls|please))*[\s?!.]*$", re.I)


def place_asked(text: str) -> str | None:
    """The place a short follow-up asks the last answer about, as typed ("Canada", "your country")."""
    found = _IN_PLACE.match(" ".join(text.split()))
    if found is None:
        return None
    return re.sub(r"\bmy\b", "your", found.group("place").strip(), flags=re.I)


def resolve(text: str, ctx: Context) -> FollowUp:
    if (reacted := reaction(text)) is not None and ctx.answered and ctx.last_topic:
        return FollowUp(Kind.VERDICT, topic=ctx.last_topic, helpful=reacted)
    plain = normalize(text)
    # "that's wrong" with no answer to rate (after a decline, a badge list, or first thing) says
    # the bot missed; searched, it would find the entry on wrong names
    complaint = not text.rstrip().endswith("?") and _NOT_HELPFUL.match(plain) is not None
    stays = _STAY.match(plain) is not None
    # ("why?" or "what now?" with no answer before it: there is nothing to search for)
    unclear = complaint or (stays and not ctx.answered)
    if not plain or (not ctx.last_topic and not ctx.suggestions):
        return FollowUp(Kind.REJECT if unclear else Kind.NONE)
    place = picked(text)
    if ctx.suggestions:
        if place is not None:
            if -1 <= place < len(ctx.suggestions):
                return FollowUp(Kind.PICK, topic=ctx.suggestions[place])
            return FollowUp(Kind.CHOOSE)  # a number beyond the choices: ask again which
        if _YES.match(plain):
            return FollowUp(Kind.PICK, topic=ctx.suggestions[0])
        if _NO.match(plain) or _NOT_HELPFUL.match(plain):  # "that's wrong too" after a verdict's offer
            return FollowUp(Kind.REJECT)
        if (_MORE.match(plain) or _WHY_ALONE.match(plain)) and not ctx.last_topic:
            # ("why?" after "did you mean": why it asked, which is which one was meant; searched, it
            # found why badges are useful)
            return FollowUp(Kind.CHOOSE)
    if not ctx.last_topic:
        return FollowUp(Kind.NONE)
    if ctx.asked_too and (_YES.match(plain) or _THE_OTHER.match(plain) or _SKIPPED.search(plain)):
        # "yes" after "You also asked about: How long does a micro-credential take?"
        return FollowUp(Kind.PICK, topic=ctx.asked_too[0])
    if place is not None and ctx.related:  # "2" picks from the answer's Related line
        if -1 <= place < len(ctx.related):
            return FollowUp(Kind.PICK, topic=ctx.related[place])
        return FollowUp(Kind.CHOOSE)
    # A verdict is on the answer just given, never on a decline or a reply to "thanks", and is no
    # question ("useful?" asks whether something is).
    verdict = ctx.answered and not text.rstrip().endswith("?")
    if verdict and _HELPFUL.match(plain):
        return FollowUp(Kind.VERDICT, topic=ctx.last_topic, helpful=True)
    # (a bare "no" after an answer, with nothing offered to refuse, says the answer missed)
    if verdict and (_NOT_HELPFUL.match(plain) or (_NO.match(plain) and not ctx.suggestions)):
        return FollowUp(Kind.VERDICT, topic=ctx.last_topic, helpful=False)
    if unclear:
        return FollowUp(Kind.REJECT)
    if ctx.answered and (done := step_done(text)) is not None and not says_unanswered(text):
        # ("ok I checked spam. but you didnt say about the main thing, I CANCELLED ..." asks anew)
        return FollowUp(Kind.NEXT, topic=ctx.last_topic, question=done)
    if _LINK_AGAIN.match(plain):  # ("can you send me that link" asks for no act: the sources are here)
        return FollowUp(Kind.MORE, topic=ctx.last_topic)
    if ctx.answered and asks_bot_to_act(text) and _PRONOUN.search(plain):
        # "can you resend it?": credbot cannot; who can, from the answer just given
        return FollowUp(Kind.NEXT, topic=ctx.last_topic, question="", act=True)
    if ctx.answered and _WHOM.match(plain):
        return FollowUp(Kind.NEXT, topic=ctx.last_topic, question="", act=True)
    asked = _POLITE.sub("", plain)  # "can you tell me more?" asks what "tell me more" does
    if _MORE.match(asked):
        return FollowUp(Kind.MORE, topic=ctx.last_topic)
    if _SIMPLER.match(asked):
        return FollowUp(Kind.SIMPLER, topic=ctx.last_topic)
    if stays:
        return FollowUp(Kind.STAY, topic=ctx.last_topic)
    words = plain.split()
    named = _PLATFORM.search(plain)
    if named and len(words) <= 6 and (_ELLIPTIC_START.match(plain) or len(words) <= 3):
        # (a question held by the answer before it carries that one in brackets: "is credly free for
        # that? (we want to give our team badges ...)"; its own words are the question, when they
        # name the platform)
        own = normalize(_HELD_BEFORE.sub("", ctx.last_question))
        last = own if _PLATFORM.search(own) else normalize(ctx.last_question)
        # the name it replaces is one of the same kind: a platform for a platform, a region for a
        # region ("how do I add my badge to LinkedIn from Credly?" then "and from Accredible?")
        before = next((m for m in _PLATFORM.finditer(last) if _kind(m.group(1)) == _kind(named.group(1))), None)
        if before and before.group(1) != named.group(1) and _kind(named.group(1)) == "region":
            # a region's entry answers for the region whole: the rest of "what does the EU council
            # recommendation say?" asked of New Zealand would still be the EU's words
            return FollowUp(Kind.REWRITE, question=_in_region(named.group(1)))
        if before and before.group(1) != named.group(1) and _COMPARES.search(plain):
            # "diff from credly?" after Badgr compares the two, it does not ask Badgr's question of Credly
            return FollowUp(Kind.REWRITE, question=f"{named.group(1)} vs {before.group(1)}")  # (the new one first)
        if before and before.group(1) != named.group(1):
            question = last[: before.start()] + named.group(1) + last[before.end():]
            if before.group(1) in _PRODUCTS:
                question = _PRODUCTS[before.group(1)].sub("programme", question)
            return FollowUp(Kind.REWRITE, question=question)
        if (not _PLATFORM.search(last) and _ONLY_A_NAME.fullmatch(plain) and not _PLATFORM.fullmatch(plain)
                and named.group(1) in _HOSTS):
            # "can badges expire?" then "and on Credly?": the same question, asked of Credly
            # ("Credly" alone may as well ask what Credly is)
            return FollowUp(Kind.REWRITE, question=f"{last} on {named.group(1)}")
        return FollowUp(Kind.CONTEXTUAL, anaphoric=True)
    rest = _EXISTENTIAL.sub(" ", plain)  # "worth it?" alone still leans on what came before
    if _ELLIPTIC_START.match(plain) or _FACET_OF_IT.match(plain) or (
            len(words) <= 9 and (_PRONOUN.search(rest) or not rest.strip())):
        return FollowUp(Kind.CONTEXTUAL, anaphoric=True)
    if len(words) <= 3:  # a fragment ("how long?", "cost?") may or may not lean on the last turn
        return FollowUp(Kind.CONTEXTUAL)
    return FollowUp(Kind.NONE)


# "back to the renewal thing, who do i ask": a turn that returns to an earlier subject and asks of
# it. The subject is named before a comma or before the question word that starts the rest.
_BACK_TO = re.compile(r"^(?:(?:ok|okay|so|and|anyway|sorry|but|hmm|right)[,.]?\s+)*(?:(?:going|go|getting|get) )?"
                      r"back to (?:the |that |my |your |our |this )?(?P<subject>.+?)"
                      r"(?: (?:thing|stuff|part|question|one|bit|topic|issue|problem|business))?"
                      r"(?:\s*[,.;:!?-]+\s*|\s+(?=(?:who|what|how|why|when|where|which|can|could|do|does|is|are|should|"
                      r"will|would)\b)|\s*$)(?P<rest>.*)$", re.I)


def back_to(text: str) -> tuple[str, str] | None:
    """The earlier subject a turn goes back to, and what it asks of it ("" when nothing more): None
    when it does not go back."""
    found = _BACK_TO.match(text.strip())
    if found is None or not found.group("subject").strip():
        return None
    return found.group("subject").strip(), found.group("rest").strip()
