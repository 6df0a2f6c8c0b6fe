"""The dialog engine: one `Incoming` in, one `Reply` out, whatever the platform.

The engine decides; adapters only carry. It understands the message (a clicked action, a
follow-up, an intent, or a knowledge question), answers it, remembers the turn for follow-ups,
and tells the recorder what happened so staff can see what went unanswered.
"""

from __future__ import annotations

import logging
import math
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol

from bot import followups, metrics
from bot.conversation import Context, ConversationStore
from bot.messages import ActionKind, Card, Incoming, Intent, Reply, ReplyAction
from bot.places import EVERY_PLACE, Place, place_called, place_named
from bot.retrieval import MIN_LEAD, UNSURE_FLOOR, KnowledgeIndex, Outcome, Ranking
from bot.safety import neutralize, readable_text
from bot.understanding import (NEGATIONS, AboutCredbot, about_credbot, about_that_badge, after_introduction,
                               asking_clauses, asks_bot_to_act, asks_for_a_person, asks_issuers_costs, asks_something,
                               asks_worth, briefly, credential_in, detect_intent, greeting_kind,
                               introduces_self, looks_foreign, may_name_own_badge, mentions_credential, normalize,
                               questions_in, reported_question, says_hiring, shows_scam_signs, status_asked,
                               verdict_asked, what_the_story_names,
                               withdraws_link_request, without_language_note, without_repeats)
from knowledge.loader import KnowledgeBase, LoadResult, check_knowledge
from knowledge.schema import LIST_ITEM, Entry, lead_of

log = logging.getLogger(__name__)

MAX_INPUT_CHARS = 4000
# A follow-up that is confidently about something else is answered on its own; one whose best
# match is only this close ahead of the last topic is taken to be about the last topic.
STANDS_ALONE = 0.9
STAYS_ON_TOPIC = 0.16
# an entry the whole message ranks second is offered alongside the first when it scores this share of it
CLAUSE_NEAR_FIRST = 0.75
AGREEMENT_IS_ENOUGH = 0.5
# a message answered with less confidence than this gives way to its questions when they all answer
# another entry with at least QUESTIONS_ARE_SURE
QUESTIONS_OVERRULE_BELOW = 0.6
QUESTIONS_ARE_SURE = 0.8
# a message's other question is named ("You also asked about") when answered alone with this much
ANOTHER_QUESTION_AT = 0.75
_CLOSE_RUNNER_UP = 0.6  # after "that's wrong", a runner-up this close to the answer's score is offered

CAN_HELP_WITH = (
    "I can help with micro-credentials and digital badges: what they are, whether they are "
    "recognised or accredited, what Coursera, edX, Udacity, FutureLearn, LinkedIn Learning and "
    "Google offer, and how to claim, verify, stack and share badges."
)
EXAMPLES = (
    "What is a micro-credential?",
    "Can a badge expire?",
    "How do I add my badge to LinkedIn?",
    "Do employers value micro-credentials?",
    "What is Open Badges 3.0?",
)


class Recorder(Protocol):
    """Where the engine reports what happened, for staff (unanswered questions, feedback)."""

    def question(self, incoming: Incoming, reply: Reply) -> None: ...

    def feedback(self, incoming: Incoming, topic: str, helpful: bool, question: str | None = None) -> None: ...


class NullRecorder:
    def question(self, incoming: Incoming, reply: Reply) -> None:
        pass

    def feedback(self, incoming: Incoming, topic: str, helpful: bool, question: str | None = None) -> None:
        pass


class BadgeSkill(Protocol):
    """Answers questions about the asker's own badges; the badge store provides one.

    Every reply about a learner's badges must be marked `private=True` unless the owner asked to
    share it: adapters rely on that flag to keep badge information away from public channels.
    """

    async def my_badges(self, incoming: Incoming, start: int = 0) -> Reply: ...

    async def badge_detail(self, incoming: Incoming) -> Reply: ...

    async def share(self, incoming: Incoming, award_id: str) -> Reply: ...

    async def about_shown(self, incoming: Incoming, shown: Context) -> Reply | None:
        """A turn about the asker's own badges, given what the conversation last showed of them (a
        status word, "why?" after one, "what's missing?" after a pathway, one of theirs by name), or
        None to read it as a question."""
        ...

    async def verify(self, incoming: Incoming) -> Reply:
        """Check the badge documents or baked images attached to the message."""
        ...

    async def withdrawal(self, incoming: Incoming) -> tuple[Reply, str] | None:
        """The asker's waiting request to be linked, withdrawn if the message says so: the reply that
        says it was, and what else the message asks ("" for nothing); else None."""
        ...


class StaffSkill(Protocol):
    """Staff commands (`admin ...`), with their own access control."""

    async def handle(self, incoming: Incoming) -> Reply: ...


class NoBadgeStore:
    """Until a badge store is configured, say plainly that lookup is not available."""

    TEXT = (
        "Looking up your own badges is not available here yet. In the meantime I can explain how "
        "badges work: try \"how do I verify a badge?\" or \"how do I add my badge to LinkedIn?\""
    )

    async def my_badges(self, incoming: Incoming, start: int = 0) -> Reply:
        return Reply(text=self.TEXT, intent=Intent.MY_BADGES, private=True)

    async def badge_detail(self, incoming: Incoming) -> Reply:
        return Reply(text=self.TEXT, intent=Intent.BADGE_DETAIL, private=True)

    async def share(self, incoming: Incoming, award_id: str) -> Reply:
        return Reply(text=self.TEXT, intent=Intent.BADGE_DETAIL, private=True)

    async def about_shown(self, incoming: Incoming, shown: Context) -> Reply | None:
        return None

    async def verify(self, incoming: Incoming) -> Reply:
        return Reply(text="Checking badge files is not available here yet.", intent=Intent.VERIFY, private=True)

    async def withdrawal(self, incoming: Incoming) -> tuple[Reply, str] | None:
        return None


class NoStaffTools:
    async def handle(self, incoming: Incoming) -> Reply:
        return Reply(text="Staff commands are not available here yet.", intent=Intent.ADMIN, private=True)


def _is_question(incoming: Incoming) -> bool:
    """What belongs in the records staff read: questions typed or picked from suggestions; not
    staff or badge commands, feedback clicks, or badge files sent for checking."""
    if incoming.action is not None:
        return incoming.action.kind is ActionKind.SUGGESTION
    return (incoming.command in (None, "ask") and not incoming.attachments
            and credential_in(incoming.text) is None)


# Question idioms and the headings they ask for, which share none of their words: "how long" asks
# for a duration, "how much" for a cost. The last words are those a part uses when it speaks to the
# idiom without a heading for it: edX's "several months to more than a year of part-time study"
# answers "how long does it take?" after MicroMasters better than the general entry on time does.
# A turn made only of idioms names no subject of its own, so it is asked of what came before.
# Of an entry about no platform, a part answers a price or a worth only under a heading on it: "pay"
# in "ask for a written decision before you enrol or pay" does not say what credit transfer costs.
# Hours and what to send are said in the lines themselves ("a credit is about 10 hours", "give the
# badge title, ..."), so there a word used will do.
@dataclass(frozen=True)
class _Idiom:
    pattern: re.Pattern[str]
    heading: str
    body: str
    in_passing: bool = False  # whether a part that only uses the body's words speaks to it


_IDIOMS = (
    # ("how long does that take?" asks only how long: "take" says nothing more)
    _Idiom(re.compile(r"\bhow long(?: (?:does|do|did|will|would|should|is|can) (?:it|that|this|they|these|those)"
                      r"(?: usually| normally| typically)?(?: going to)? (?:take|takes|last|lasts))?\b"
                      r"|\bhow many (hours|hrs|hr|weeks|wks|months|days|years|yrs)"
                      r"(?: (?:a|per|each|every) (?:week|wk|month|day))?\b", re.I),
           "duration length time", "hours weeks months workload", in_passing=True),
    # ("how many credits is a nzqa micro credential usually" asks its size, which a *Size* says; the
    # words of the closing paragraph on credit recognition answered it)
    _Idiom(re.compile(r"\bhow many (?:credits?|ects|credit points|points|units)\b|\bhow (?:big|large)\b", re.I),
           "size", "credits hours", in_passing=True),
    # ("how much is credly per year": a price per period or head is the price asked)
    # ("will they charge me later?" after Credly; someone "in charge" is no price)
    _Idiom(re.compile(r"\bhow much\b|\b(price|prices|pricing|fees?|pay|free|costs?|expensive|cheap|cheaper)\b"
                      r"|\b(?<!in )(?:charge|charges|charging)\b"
                      r"|\bper (?:year|month|user|learner|badge|earner|seat|head)\b", re.I),
           "cost price fees paying", "free subscription pay paid charge"),
    # ("do employers accept it?" after Google's certificates asks its worth, not how to accept a badge)
    _Idiom(re.compile(r"\bworth\b|\b(?:useless|pointless)\b"
                      r"|\b(?:a )?wast(?:e|ed|ing) (?:of )?(?:my )?(?:time|money)\b"
                      r"|\b(?:do|does|will|would) (?:employers?|companies|recruiters|hiring managers) "
                      r"(?:actually |really )?(?:accept|recogni[sz]e|value|respect|trust)\b", re.I),
           "value recognition", "employers"),
    # ("is udacity still around?" asks whether it still runs, which its *Still around?* says; it got
    # the whole answer, Accenture's purchase in its last lines)
    _Idiom(re.compile(r"\bstill (?:around|exists?|existing|running|going|operating|in business|open)\b"
                      r"|\b(?:gone|went|going) (?:bust|bankrupt|out of business)\b|\bshut(?:ting)? down\b", re.I),
           "around", "bought acquired"),
    # "set that up", "sort it out": the verb acts on what "that" stands for, and names no subject
    # (alone, "set" found the wallet entry's title, "how do I set one up?")
    _Idiom(re.compile(r"\b(?:set|sort|hook|turn|switch|sign|roll) (?:that|it|this|them|those) (?:up|out|on|off|in)\b",
                      re.I), "", ""),
    # "what do i need for that?" after a process: what to send or show ("give the badge title, ...")
    _Idiom(re.compile(r"\bwhat (?:else )?(?:do|would|will|should) (?:i|we|you|they) "
                      r"(?:need|have to (?:send|provide|bring|give|show))\b"
                      r"|\bwhat (?:documents|docs|paperwork|evidence|proof|info|information|details) "
                      r"(?:do|would|will|should|must)"
                      r"(?: (?:i|we|you|they) (?:need|request|ask for|send|provide|bring|give|show|submit))?\b",
                      re.I), "documents evidence details provide give send",
           "documents evidence details provide give send", in_passing=True),
    # "what if i dont renew?" asks what follows from not doing it (after expiry: *What happens when
    # it expires?*), not how to do it (alone, "renew" found the *Renewing* part just shown)
    _Idiom(re.compile(r"\bwhat (?:happens |would happen |will happen )?(?:if|when) (?:i|we|you|they|it|he|she) "
                      r"(?:just |simply |then )?"
                      r"(?:don'?t|do not|doesn'?t|does not|didn'?t|never|fail to|forget to|can'?t|cannot|won'?t|stop)"
                      r"(?: to)?(?: \w+)?", re.I), "happens", "lapse lapsed"),
    # "do I have to sit the whole thing again?" after expiry asks how it is renewed (*Renewing.*; it got the opening)
    _Idiom(re.compile(r"\b(?:redo|retake|resit|re-sit|start (?:all )?over)\b"
                      r"|\b(?:do|sit|take|repeat)\b(?: \w+){0,3} again\b", re.I), "renewing renew", "again refresher"),
)


def _questions_to_the_base(text: str) -> list[str]:
    """The clauses of a message that ask something (`asking_clauses`), less those that ask credbot to
    act ("can you fix it"), which are no question of the base's, and those that alone would ask for
    help ("where do i even start" after a bakery's plan to give its staff badges stands for the plan:
    alone, it was planning a learning path)."""
    return [clause for clause in asking_clauses(text)
            if not asks_bot_to_act(clause) and detect_intent(clause) is not Intent.HELP]


# a command typed as a message, with a slash: "/badges", "/badges python", "/help"
_TYPED_COMMAND = re.compile(r"^/(admin|badges|help|share)(?:\s+(.*))?$|"
                            # a staff command typed as its help names it, with no slash ("admin unanswered"): for
                            # someone not staff, it was "did you mean" Moodle's badges, then no answer at all
                            r"^(admin)\s+((?:unanswered|feedback|stats|reload|teach|badges)\b.*)$", re.S | re.I)
# The idioms that ask a facet outright, as a first question may: "a free badge" or "pay today" in a
# story says how a thing is, and asks nothing of its price.
_ASKS_A_FACET = re.compile(r"\bhow (?:long|much|many)\b|\b(?:cost|costs|price|prices|pricing)\b", re.I)


def _idioms_in(text: str) -> list[_Idiom]:
    """The idioms a turn uses ("how long does it take?" uses the one on time)."""
    return [idiom for idiom in _IDIOMS if idiom.pattern.search(text)]


def _without_idioms(text: str) -> str:
    """`text` with the words of its idioms ("how long", "how much", "worth") taken out."""
    for idiom in _IDIOMS:
        text = idiom.pattern.sub(" ", text)
    return text


# A step that says whom to turn to ("Ask the issuer", "Contact the platform's support team"): what
# is left to a learner who did everything else. Said as an instruction, at the start of a clause: a
# red flag "no named issuer, address or contact" and "you may be able to ... appeal a mark" are none.
# ("... RPL policy and contact the admissions office": an instruction's second verb is one too)
_TURN_TO = re.compile(r"(?:^|[.?!:;,]\s+|\*\*|^\s*[-*]\s+(?:\*\*)?"
                      r"|\s+and\s+(?=(?:contact|ask|write to) (?:the|your|them)\b))(?:then |please |or |and |so )?"
                      r"(contact(?! hours| email)|ask (?:the issuer|them|your|the)|write to|get in touch|appeal)\b",
                      re.I | re.M)
# a part of an answer for when something does not work ("**Troubleshooting**", "Common reasons an
# import fails"): what is left to try for a learner who says it did not work
_TROUBLE = re.compile(r"troubleshoot|problem|not working|doesn.?t work|didn.?t work|fails|common reasons|if it", re.I)
_FIXING = re.compile(r"\b(fix|fixed|solve|resolve|sort (it|that|this) out|troubleshoot|repair)\b", re.I)
# what a part warns against doing ("Don't click the link"), see `_warns`
_WARNING = re.compile(r"\b(?:don'?t|do not|never|avoid)\s+(\w+)", re.IGNORECASE)
# a turn asking whether to do something ("should i click it?", "so i click link or no?")
_ASKS_WHETHER_TO = re.compile(r"\b(?:should|shall|must|do|can) (?:i|we)\b|\bor (?:no|not)\b|\bis it safe to\b",
                              re.IGNORECASE)
# ... unless it says it did ("I already clicked the link but I did not pay. Should I be worried")
_DONE_ALREADY = re.compile(r"\balready\b|\bi (?:have |had |just )?(?:clicked|opened|paid|entered|gave|sent|replied|"
                           r"did)\b", re.IGNORECASE)
_MAX_STEPS = 5
_EARLIER = 5  # answers before the last that a turn landing on one again gets a part of (at 2, testers met
# the same long answer pasted whole three and four turns after they had read it)
# what a message showing a scam's signs asks (`shows_scam_signs`), in the words the base answers it by
_IS_IT_A_SCAM = "is this badge email, message or course offer a scam"
# what a verdict on certificates asks of one who hires (`_weighed_for_hiring`), in the words the base answers it by
_WEIGHED_FOR_HIRING = "as a recruiter, how do I weigh the certificates and badges on a CV"
# what an issuer's question on costs asks (`_weighed_for_issuers`), in the words the base answers it by
_COSTS_OF_ISSUING = "choosing a platform to issue badges: costs and free options"
_ISSUING_WORDS = "issuer issue award"  # (an entry whose title or tags use one of them is about issuing)
_A_DEGREE = re.compile(r"\b(?:degrees?|diplomas?|bachelor'?s?|master'?s?|mba|phd)\b", re.I)
_SCAM_SIGNS_SEEN = ("What you describe has the usual signs of a scam: don't pay, don't send a gift card, a code or a "
                    "password, and don't click its links. How to check another way, and what to do if you already "
                    "paid:")
_MAX_COMPARED = 3  # platforms set side by side ("coursera vs edx vs futurelearn")
_QUESTION_WORDS = frozenset({"who", "whom", "whose", "what", "when", "where", "which", "why", "how"})
_EMPHASIS = re.compile(r"\b(?:specifically|exactly|precisely|in particular)\b", re.I)
# A part written for one side ("**For issuers.**", "**For admissions and registry staff.**") is no answer to
# the other: a learner asking whether to delete his expired badge got the issuers' line on setting expiry,
# twice, and a student asking whom to ask about credit got the registry staff's.
_FOR_OTHERS = re.compile(r"^\*\*For (?:issuers|employers|admissions and registry staff)\b", re.I)
# (but "I'm asking as the ISSUER not as a student" is no learner)
_SAYS_LEARNER = re.compile(r"\b(?<!not )(?:i'?m|i am|as) (?:a |an |only a |just a )?"
                           r"(?:student|learner|earner|candidate)\b|"
                           r"\b(?:i'?m|i am) not (?:staff|an? issuer|an? employer|the issuer)\b", re.I)
# a word of those sides: an issuer's, a registry's, an employer's or a recruiter's
_SAYS_STAFF = re.compile(r"\b(?:issuers?|issuing|we issue|we award|our (?:learners|students|staff|members|badges)|"
                         r"registrar|registry|admissions (?:staff|officer|tutor)|employers?|hiring|hire|recruit\w*|"
                         r"my staff|employees?|candidates?|applicants?)\b", re.I)
_FIRST_PERSON = re.compile(r"\b(?:i|i'?m|my|me)\b", re.I)
_ON_THAT = "On that, from"  # a part's first line, naming its entry (`_part_head`), read back by `_PART_HEAD`
_PART_HEAD = re.compile(rf"^{_ON_THAT} \*\*[^\n]*\*\*:\n")
_ALSO_ASK = "\nYou could also ask about:"  # (before the entries offered under a part, `_aside`)
# "PLEASE just tell me yes or no, if I cancel coursera plus do I lose the certificate I already earned": the
# whole answer held it in its third paragraph
_ASKS_VERDICT = re.compile(r"\byes or no\b|\byes/no\b|\bstraight answer\b|\bsimple answer\b", re.I)


def _part_head(title: str) -> str:
    """The first line of a part of an answer, naming the entry it is from."""
    return f"{_ON_THAT} **{title}**:"


def _parts_for_others(parts: list[str], said: str) -> frozenset[int]:
    """The parts addressed to issuers, registry staff or employers, when a learner asks ("I", "my",
    "I'm a student", and no word of those sides). (Staff asking of their learners may want the
    learners' part: it is theirs to read too.)"""
    learner = _SAYS_LEARNER.search(said) or (not _SAYS_STAFF.search(said) and _FIRST_PERSON.search(said))
    return frozenset(number for number, part in enumerate(parts) if learner and _FOR_OTHERS.match(part))
# ... and the verbs that ask ("should i click it?" after a scam warning names no new subject)
_ASKING_WORDS = _QUESTION_WORDS | {"should", "can"}
# What a comparison that points back compares with something else ("is it the same as a badge?")
_IT_COMPARED = re.compile(r"\b(?:it|its|they|them|that|this|those|these)\b", re.I)
# Words that frame a question and name no subject ("what happens if ..." asks as "what if" does)
_FRAMING = frozenset({"happen"})
# A plural pointing back stands for things (badges, micro-credentials), not for a process
_THEY = re.compile(r"\b(?:they|them|those|these)\b", re.I)


def _trouble_part(entry: Entry) -> str | None:
    """The part of an answer for when something does not work (`_TROUBLE`), if it has one."""
    return next((p for p in entry.parts[1:] if _TROUBLE.search(lead_of(p))), None)


# "what is credly?", "whats edx": what a thing is
_WHAT_IS = re.compile(r"^\s*(?:so |and |ok |but )?(?:what|who)(?:'s|s| is| are)\b", re.I)

# where one sentence of a paragraph ends and the next starts
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z*])")
# a turn that asks where to look online, and a sentence that names a web address ("microlearnontario.ca")
_ASKS_ADDRESS = re.compile(r"\b(?:website|web site|site|url|web address|webpage|web page|link)\b", re.I)
_WEB_ADDRESS = re.compile(r"\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|edu|gov|ca|uk|au|nz|eu|io|za|sg)\b", re.I)
_LIST_ITEMS = re.compile(LIST_ITEM.pattern, re.M)  # where each item of a list begins

# before the answer to "can you resend my badge?": what credbot cannot do, so the steps read as the way
CANNOT_ACT = ("I can't do that myself: I answer questions and check badges, but I can't send, change or issue "
              "anything for you. Here is who can.")

# before an answer matched on the few words a message in another language shares with English
FOREIGN_GUESS = ("I can only read English, so this answer goes by the words I recognised. If it is not what "
                 "you asked, please ask again in English.")


# About credbot itself, asked in chat: fixed answers, not entries of the knowledge base staff own.
# How it comes to a workspace or a server: searched, "add you to our discord server" met SSL
# certificates and costs.
_SETUP = ("Whoever runs credbot for your organisation brings me to a place: in Slack, a workspace admin installs "
          "the credbot app (created from the manifest `credbot slack manifest` prints); in Discord, someone who may "
          "manage the server opens the invite link `credbot discord invite-url` prints. Both ask only for what I use: "
          "seeing the channels I am in, the messages that mention me or are sent to me, and replying (in Slack also "
          "the files sent to me, and people's e-mail addresses, to link them to their badges); never "
          "administration. If you run credbot yourself, its README walks through both; if someone else does, ask "
          "them.")
# Where it runs, where a question goes, and what it connects to (asked by IT staff weighing it up).
_HOSTED = ("I run wherever the staff who run credbot for your organisation install me: on a server of theirs, with "
           "a database of theirs (SQLite or PostgreSQL). I answer from a knowledge base those staff keep, by my own "
           "matching, so no question is sent to an outside AI service; checking a badge fetches that badge from its "
           "issuer's site. I have no live link to a learning platform such as Canvas: staff import learners' badges "
           "into me, from a roster (CSV), a learner's Credly profile, or a Badgr or Canvas Credentials backpack with "
           "the learner's access token. credbot's README has the details; ask the staff who run it here.")
# Who makes it and whether its answers are bought (asked by sceptics: "who pays you? credly?").
_MADE_BY = ("I'm credbot, open-source software for answering questions about micro-credentials and digital badges. "
            "No course platform or badge company pays for what I say about it, and I sell nothing: I name Coursera, "
            "Credly and the others because people ask about them. The staff who run me here (a university, a "
            "training provider or a community) keep the knowledge base I answer from, and each answer gives its "
            "source so that you can check it. If an answer seems to favour someone, tell those staff.")
# What staff can change in its answers, and the commands that do it.
_CUSTOMISE = ("Yes: my answers come from a knowledge base that the staff who run credbot here own, one file per "
              "topic, so they can correct, extend or add to it. Staff can teach me a new way of asking with "
              "`admin teach ENTRY-ID QUESTION`, see the questions I could not answer with `admin unanswered` (and "
              "teach them by number), and load their edits with `admin reload`, typed here in a chat with me; they "
              "work only for accounts set up as credbot's staff. New topics are written as entries in the knowledge "
              "folder; credbot's README says how. Not technical? Send your new or corrected text to whoever runs "
              "credbot here, who can add it. If you are not staff here, tell them what you'd like me to answer.")
# Which messages reach it (asked by a server's moderators before adding it).
_LISTENS = ("I read only what is meant for me: messages that mention me, direct messages to me, and my commands. "
            "In Discord, the staff who run me can also choose channels where I read every message (it is off unless "
            "they turn it on). Ask me \"what do you keep?\" for what I keep of it.")
# Whether it changes anything on a server (asked by moderators wanting badge roles).
_ROLES = ("No: I don't give or change roles, or change anything else in a server or workspace; I ask for no "
          "administration rights. To give a role to members who earned a badge, a server's staff would need another "
          "bot or an integration of their own; I can show a linked learner their badges.")
# What it keeps of a chat, and who can read it (`bot.records`): asked, a learner deserves the plain
# facts, not an entry on Credly's privacy settings.
_RECORDS = ("Here is what I keep. Each question you ask me, with the topic of my reply, and any feedback you give "
            "are stored so that staff can see what people ask and improve the answers: staff who run credbot here "
            "can read them, so don't write passwords or other private details. Your chat account is not stored with "
            "them, only a code that tells one asker from another, and the records are deleted after a period staff "
            "set (90 days unless they changed it). If you asked me to link your badges, that request keeps your chat "
            "account until staff handle it.\n\n"
            "I can't delete anything myself: for that, or any other question about your data, ask the staff who run "
            "credbot here.")

# Who sees the badges credbot shows a learner, where they come from, and where they go: asked, a learner
# deserves the plain facts about credbot's copy, not Credly's privacy settings.
_MY_BADGES_HERE = ("Your badges here are shown only to you: I show them only to the chat account linked to your "
                   "learner record, in a reply only you see. Nobody else can ask me for your list, your employer "
                   "included; the staff who run credbot here can see the records they manage, because they imported "
                   "them (from a roster, your Credly profile or your backpack) and linked your account. I send "
                   "nothing to Credly, LinkedIn or anyone else by myself: a share link passes a badge's name, issuer "
                   "and link to LinkedIn only when you open it, and checking a badge fetches it from its issuer.\n\n"
                   "I can't delete anything myself. To have your badge records or chat records deleted, to get a "
                   "copy, or for any other question about your data, ask the staff who run credbot here (your "
                   "organisation's data protection contact). Where the GDPR applies, they must answer within a month, "
                   "and you can complain to your data protection authority if they don't.")
# How staff put learners' badges into credbot (asked in plain words by a learning technologist).
_STAFF_BADGES = ("Staff add learners' badges and link them to chat accounts with commands typed to me; they work "
                 "only for accounts set up as credbot's staff.\n"
                 "- **A spreadsheet of awards:** save it as CSV with the columns email (or user), badge, issuer, "
                 "issued, expires, evidence, and send `admin badges import` with the file attached.\n"
                 "- **A learner who says I can't find their badges:** `admin badges requests` lists who is waiting, "
                 "and `admin badges link platform:user-id their@email.org` links them; then they ask me \"what badges "
                 "do I have?\".\n"
                 "- **One learner's record:** `admin badges show` with their e-mail address.\n\n"
                 "A learner's Credly profile or Badgr backpack is imported on the server (`credbot badges import "
                 "--credly USERNAME`); credbot's README has the details. Not staff here? Ask whoever runs credbot.")
# What learners ask and what they think of the answers (asked by staff in plain words).
_STAFF_REPORTS = ("Staff see what learners ask with `admin stats` (questions per day, the answer rate, the top "
                  "topics), `admin unanswered` (what I declined or was unsure about, grouped) and `admin feedback` "
                  "(helpful or not, per entry), typed here in a chat with me; they work only for accounts set up as "
                  "credbot's staff. Learners give feedback with the Helpful and Not helpful buttons under an answer "
                  "in Slack and Discord, or by replying 👍 or \"not helpful\".")

# Which commands staff have (asked by a manager who had to guess `:admin`).
_STAFF_HELP = ("Yes: staff type `admin` in a message to me (in Discord, the `/admin` command; in the terminal chat, "
               "`:admin`) for the list: `admin unanswered` (what I couldn't answer), `admin teach` (a new way of asking for an "
               "answer), `admin reload`, `admin feedback`, `admin stats` and `admin badges` (learners' badges and "
               "links). They work only for accounts set up as credbot's staff; whoever runs credbot here sets that up.")

# How to talk to it, and its commands on each platform (adapters/discord/commands.py, adapters/slack/inbound.py).
_COMMANDS = ("Talk to me in plain words: mention me in a channel or send me a direct message. Commands, if you "
             "prefer them:\n"
             "- **Discord:** `/ask` a question, `/badges` for your badges and `/badge` for one of them (only you see "
             "those), `/share` to post one of your badges in the channel, `/help`. Moderators can also right-click a "
             "message and choose *Apps > Answer with credbot*.\n"
             "- **Slack:** `/credbot` followed by a question, `/credbot badges`, `/credbot share` or `/credbot help` "
             "(only you see the answers), and my Home tab.\n"
             "- **Terminal** (`credbot chat`): `:badges` for your badges, `:badges` and a name for one of them, "
             "`:share` and a name for its share links, `help`, and `quit` to leave.\n"
             "Your badges are the ones staff have linked to your chat account; staff have `admin` commands of their own.")

_ABOUT_CREDBOT = {AboutCredbot.MADE_BY: _MADE_BY, AboutCredbot.HOSTED: _HOSTED, AboutCredbot.SETUP: _SETUP,
                  AboutCredbot.CUSTOMISE: _CUSTOMISE, AboutCredbot.LISTENS: _LISTENS, AboutCredbot.ROLES: _ROLES,
                  AboutCredbot.RECORDS: _RECORDS, AboutCredbot.MY_BADGES_HERE: _MY_BADGES_HERE,
                  AboutCredbot.STAFF_BADGES: _STAFF_BADGES, AboutCredbot.STAFF_REPORTS: _STAFF_REPORTS,
                  AboutCredbot.STAFF_HELP: _STAFF_HELP, AboutCredbot.COMMANDS: _COMMANDS}


@dataclass(frozen=True)
class _Understood:
    """What a text turn resolved to, before it is worded."""

    ranking: Ranking | None = None
    topic: str | None = None  # answered directly (a picked suggestion, "tell me more")
    more: bool = False
    gist: bool = False  # "explain it more simply": the answer's first paragraph
    # the turn as said, when it asks about the answer just given ("why?", "how do I check that?", or
    # a follow-up that lands on the same entry): the part it names, or all there is in short
    again: str | None = None
    question: str = ""
    rejected: bool = False
    choose: tuple[str, ...] = ()  # suggestions still waiting for a pick
    helped: bool | None = None  # a typed verdict on the answer about `topic`
    asked_too: tuple[str, ...] = ()  # the entries other questions of the same message are about
    elsewhere: str | None = None  # a place the answer just given is asked of, which the base does not cover
    done: str | None = None  # a step of the answer just given that the learner did ("" for all of it)
    stuck_again: bool = False  # with `done` "": the steps left were given just before
    act: bool = False  # with `done` "": asked credbot to do it ("can you resend it?")
    shown: str = ""  # with `again`: the part of that answer the reply before quoted, if it quoted one
    after_whole: bool = False  # with `again`: that answer was given, whole, in the turns before


class Engine:
    def __init__(
        self,
        knowledge: KnowledgeBase,
        *,
        recorder: Recorder | None = None,
        badges: BadgeSkill | None = None,
        staff: StaffSkill | None = None,
        context_ttl: float = 900.0,
        privacy_contact: str = "",
        clock: Callable[[], float] | None = None,
    ):
        self._set_knowledge(knowledge)
        self.recorder = recorder or NullRecorder()
        self.privacy_contact = " ".join(privacy_contact.split())  # (`CREDBOT_PRIVACY_CONTACT`)
        self.badges = badges or NoBadgeStore()
        self.staff = staff or NoStaffTools()
        self.conversations = ConversationStore(context_ttl, **({"clock": clock} if clock else {}))

    def _set_knowledge(self, knowledge: KnowledgeBase) -> None:
        # Build first, swap second: a question arriving mid-reload sees the old or the new index.
        index = KnowledgeIndex(knowledge)
        self.knowledge, self.index = knowledge, index

    def reload(self, directory: Path | None = None) -> LoadResult:
        """Load the knowledge base again; on errors keep answering from the last good one."""
        result = check_knowledge(directory or self.knowledge.directory)
        if result.knowledge is None:
            log.warning("knowledge reload failed, keeping the last good base: %s",
                        "; ".join(str(p) for p in result.errors))
        else:
            self._set_knowledge(result.knowledge)
            log.info("knowledge reloaded: %d entries", len(result.knowledge.entries))
        return result

    async def handle(self, incoming: Incoming) -> Reply:
        started = time.perf_counter()
        metrics.QUESTIONS.labels(incoming.platform).inc()
        try:
            reply = await self._handle(incoming)
        except Exception:  # a bug must cost one reply, never the conversation or the bot
            log.exception("engine failed on an incoming message (event %s)", incoming.event_id)
            metrics.ERRORS.labels("engine").inc()
            reply = Reply(text="Sorry, something went wrong on my side. Please try again in a moment.",
                          intent=Intent.OUT_OF_SCOPE)
        elapsed = time.perf_counter() - started
        metrics.LATENCY.labels(incoming.platform).observe(elapsed)
        metrics.ANSWERS.labels(incoming.platform, reply.intent.value,
                               metrics.outcome_of(reply.intent.value, reply.declined, len(reply.suggestions))).inc()
        # Message text stays out of INFO logs: direct messages are private conversations.
        log.info("%s %s -> %s %s (%.1f ms)", incoming.platform, "dm" if incoming.is_direct else "channel",
                 reply.intent.value, reply.topic or reply.declined or "", elapsed * 1000)
        if _is_question(incoming):
            try:
                self.recorder.question(incoming, reply)
            except Exception:
                metrics.ERRORS.labels("recorder").inc()
                log.exception("could not record a question")
        return reply

    async def _handle(self, incoming: Incoming) -> Reply:
        if incoming.action is not None:
            return await self._act(incoming)
        routed = await self._command(incoming)
        if routed is not None:
            return routed
        if withdraws_link_request(incoming.text) and (withdrawn := await self.badges.withdrawal(incoming)) is not None:
            said, rest = withdrawn
            if not rest:
                return said
            # "oh i didnt want staff, cancel my request. can you check this link": both, in that order
            reply = await self._handle(incoming.model_copy(update={"text": rest}))
            return reply.model_copy(update={"text": f"{said.text}\n\n{reply.text}", "private": True})
        if incoming.attachments:
            return self._checked(await self.badges.verify(incoming), incoming.conversation_key)
        if (pasted := credential_in(incoming.text)) is not None:
            return self._checked(await self.badges.verify(incoming.model_copy(update={"text": pasted})),
                                 incoming.conversation_key)
        if (readable := readable_text(incoming.text)) != incoming.text:
            # "<@U123> what is credly?": mentions and markup are no part of the question
            incoming = incoming.model_copy(update={"text": readable})
        if (plain := without_language_note(incoming.text)) != incoming.text:
            incoming = incoming.model_copy(update={"text": plain})
        text = followups.without_put_aside(without_repeats(incoming.text)[:MAX_INPUT_CHARS])
        text = followups.without_done_condition(text)  # ("once it's fixed, how do I share it?")
        key = incoming.conversation_key
        ctx = self.conversations.get(key)
        if not ctx.hiring and says_hiring(text):  # (kept through a greeting too: "hi, im a recruiter")
            ctx.hiring = True
            self.conversations.save(key, ctx)
        # (a turn going back to an earlier subject is read in a context of its own, below: who the asker
        # is and where they are hold all the same)
        hiring, place_before = ctx.hiring, ctx.place
        reacted = followups.reaction(text)
        said_before = bool(ctx.last_question or ctx.awards or ctx.last_badge)
        if not text.strip() or (not any(ch.isalnum() for ch in text) and (reacted is None or not said_before)):
            return self._prompt()
        if reacted is not None and not ctx.answered and said_before:
            # a thumbs up or down with no answer to rate (after a badge, a list, a decline)
            return self._greeting("thanks") if reacted else Reply(
                text="Sorry that didn't help. Could you tell me in other words what you are looking for?",
                intent=Intent.FEEDBACK, confidence=1.0)
        if reacted is None and (on_badges := await self._on_badges(incoming, text, ctx, key)) is not None:
            return on_badges
        if (gone_back := self._gone_back(text)) is not None:
            text, ctx = gone_back
        scam = self._scam_asked(text)
        understood = scam or self._understand(text, ctx)
        if understood is None:
            intent = detect_intent(text)
            if intent is None and (fixed := self.index.correct(text))[1]:
                intent = detect_intent(fixed[0])  # "show my bagdes", "my badgez": typos in a request too
            if intent is None and introduces_self(text) and not self.index.telling_terms(text):
                intent = Intent.GREETING  # "hello, im john" (but "hi im stuck on my badge" asks)
            if intent in (Intent.MY_BADGES, Intent.BADGE_DETAIL) and self.index.declined_outright(text):
                intent = None  # "what badges do I have on xbox": badges in another sense, declined below
            if intent is not None and ctx.suggestions:
                # a greeting or a badge request in between: a later "ok" no longer picks from that offer
                ctx.suggestions = []
                self.conversations.save(key, ctx)
            if intent is Intent.GREETING:
                if ctx.answered and greeting_kind(text) == "ack":
                    # "yes" or "ok" said to the reply: a "no" after it answers "anything else?", it is
                    # no verdict on the answer before (the picks it offered stay on screen)
                    ctx.answered = False
                    self.conversations.save(key, ctx)
                return self._greeting(text)
            if intent is Intent.HELP:
                if (about := about_credbot(text)) is not None:
                    return self._notice(self._credbot_answer(about))
                return self._help(person=asks_for_a_person(text))
            if intent is Intent.MY_BADGES:
                return await self._badge_list(incoming, ctx, key)
            if intent is Intent.BADGE_DETAIL:
                return self._in_general(await self._badge_reply(incoming, ctx, key), text, key)
            if intent is Intent.VERIFY:  # asked to check a badge that did not come with the message: how to send it
                return await self.badges.verify(incoming)
            understood = (_Understood(topic=ctx.last_topic, again=text, question=text)
                          if self._names_a_part(text, ctx)
                          else self._in_short(text) or self._platform_facet(text)
                          or self._headed_part_asked(self._search(text), text))
            understood = self._held_by_last(text, ctx, understood.ranking) or understood
        elif understood.helped is not None and understood.topic is not None:
            # the same record as a click on "Helpful" / "Not helpful" under the answer
            self.recorder.feedback(incoming, understood.topic, understood.helped, understood.question)
        if hiring and (weighed := self._weighed_for_hiring(understood, text)) is not None:
            understood = weighed
        elif (weighed := self._weighed_for_issuers(understood, text)) is not None:
            understood = weighed
        if (there := self._place_entry_near(understood, ctx, text)) is not None:
            understood = _Understood(topic=there, question=understood.question)
        if self._answered_again(understood, ctx):
            # a turn that lands on the answer just given ("and edX?" after costs that name no
            # platform, "how do I renew it?" after expiry, "what does the evidence say?"): the part
            # it asks about, not all of it again
            understood = _Understood(topic=self._plain_answer(understood), again=text, question=understood.question)
        elif (seen := self._seen_part(understood, ctx, text)) is not None:
            understood = _Understood(topic=seen, again=text, question=understood.question)
        if understood.again is not None and understood.topic == ctx.last_topic:
            understood = replace(understood, shown=ctx.shown, after_whole=ctx.answered)
        reply = self._word(understood)
        named = place_named(normalize(text))
        if asks_bot_to_act(text) and reply.intent is Intent.FAQ:
            reply = reply.model_copy(update={"text": f"{CANNOT_ACT}\n\n{reply.text}"})
        elif (place := self._place_not_covered(named, understood, reply, place_before)) is not None:
            if (there := self._entry_on_place(place, reply.topic)) is not None \
                    and not self._side_by_side_of(understood) and understood.again is None:
                # ("im in melbourne, is there funding?": funding's answer, with Australia's entry, which
                # has Fee-Free TAFE, first under Related; platforms compared come after it)
                reply = self._answer(reply.topic, reply.confidence, asked_too=understood.asked_too,
                                     also=(there, *self._compared_too(understood)))
                lead = (f"This answer is general; for {place}, see also **{self.knowledge.entries[there].title}** "
                        f"(1 under Related).")
            else:
                lead = f"I have nothing specific to {place} on this, so here is the general answer."
            reply = reply.model_copy(update={"text": f"{lead}\n\n{reply.text}"})
        # (the whole answer, after a place's lead too: "im in melbourne, yes or no: ..." asks as plainly)
        if (_ASKS_VERDICT.search(text) and reply.topic in self.knowledge.entries
                and f"**{self.knowledge.entries[reply.topic].title}**\n\n" in reply.text
                and (line := self._sentence_answering(self.knowledge.entries[reply.topic], text)) is not None):
            reply = reply.model_copy(update={"text": f"**In short:** {line}\n\n{reply.text}"})
        if scam is not None and reply.topic == scam.ranking.answer:
            # said first and plainly: a learner with a gift card bought and a code on her phone asked three
            # times "yes or no, is scam?" and got the general checks each time
            reply = reply.model_copy(update={"text": f"{_SCAM_SIGNS_SEEN}\n\n{reply.text}"})
        earlier = [t for t in dict.fromkeys([*([ctx.last_topic] if ctx.answered and ctx.last_topic else []),
                                             *ctx.earlier]) if t != reply.topic][:_EARLIER]
        self._remember(key, understood, reply, place=named.name if named else place_before,
                       platforms=(self._platform_of(text, reply), ctx.platform), earlier=earlier)
        return reply

    def _platform_of(self, text: str, reply: Reply) -> str | None:
        """The platform a turn was about: the one its answer is, or the one it named alone."""
        if reply.topic in self.knowledge.entries and self.knowledge.entries[reply.topic].names:
            return reply.topic
        named = self.index.named_entries(text)
        return named[0] if len(named) == 1 else None

    def _place_not_covered(self, said: Place | None, understood: _Understood, reply: Reply,
                           remembered: str | None = None) -> str | None:
        """The country a question names (`said`: "does the australian govt fund microcredentials?"), or
        the one the learner named earlier (`remembered`: "im in pune", then "is there financial aid?"),
        when the entry answering it in full speaks of other places but never of that one: its
        Ontario and New York schemes read as if they applied. Of a part of an answer, the part's own
        words decide: an L&D manager in Sydney asking about fringe benefits tax got *Tax.*, on the UK's
        and the US's rules, as if they were hers."""
        part = understood.again is not None and understood.ranking is None and reply.topic == understood.topic
        if reply.intent is not Intent.FAQ or (not part and (understood.ranking is None
                                                             or reply.topic != understood.ranking.answer)):
            return None
        if (place := said or (place_called(remembered) if remembered else None)) is None:
            return None
        if part:
            # (the part itself: not its entry's title, nor the related entries offered under it, whose titles
            # name countries of their own)
            own_words = _PART_HEAD.sub("", reply.text.split(_ALSO_ASK)[0], count=1)
            shown = set(self.index.analyzer.terms(own_words))
            if shown & self._words_as_written(place.words):
                return None
            return place.name if shown & self._words_as_written(EVERY_PLACE) else None
        if self.index.used_by(self._words_as_written(place.words), reply.topic):
            return None
        # An answer that speaks of other places, or a question about something there ("recognised
        # in Canada"); sharing on LinkedIn "from India" is the same everywhere.
        elsewhere = self.index.used_by(self._words_as_written(EVERY_PLACE), reply.topic)
        return place.name if elsewhere or (said is not None and place.asked_in) else None

    def _entry_on_place(self, place: str, topic: str | None) -> str | None:
        """The entry about the place a question names (its `where`), other than `topic`, if one is."""
        return next((entry for entry in self.index.entries_on_place(place) if entry != topic), None)

    def _words_as_written(self, text: str) -> set[str]:
        """The terms of `text` the base uses, as written: no typo is "fixed" (Poland is no plan)."""
        return {t for t in self.index.analyzer.terms(text) if t in self.index.idf}

    async def _on_badges(self, incoming: Incoming, text: str, ctx: Context, key: tuple[str, ...]) -> Reply | None:
        """A turn about the asker's own badges, read in the light of what was shown of them last, or
        None to read it as a question."""
        if ctx.awards and (listed := await self._on_the_list(incoming, text, ctx, key)) is not None:
            return listed
        if ctx.awards and not ctx.last_badge and followups.asks_for_the_rest(text):
            # "more" after a list cut at its length: the next badges, numbered on from it
            return await self._badge_list(incoming, ctx, key, start=len(ctx.awards))
        if not ctx.awards and followups.shared_pick(text) is not None:
            # "share the second one" with no list shown: the list, to pick from
            return await self._badge_list(incoming, ctx, key)
        if (ctx.awards or ctx.last_badge or ctx.checked or ctx.last_pathway or ctx.pathways or ctx.waiting
                or may_name_own_badge(text) or status_asked(text)) and (
                on_badges := await self.badges.about_shown(incoming.model_copy(update={"text": text}), ctx)) is not None:
            # "is my security badge still valid?" (or "security badge" would decline it as a door badge),
            # "what does unverified mean?" after the learner's badges, "why?" after one of them
            return await self._remember_badge(on_badges, ctx, key)
        if ctx.last_badge and (about := about_that_badge(text)):
            # "is it still valid?" after one of the learner's badges: that badge (the skill checks
            # that it is theirs)
            if about == "share":
                return await self._remember_badge(await self.badges.share(incoming, ctx.last_badge), ctx, key)
            return await self._badge_reply(incoming.model_copy(update={"text": ctx.last_badge}), ctx, key)
        return None

    async def _badge_list(self, incoming: Incoming, ctx: Context, key: tuple[str, ...], start: int = 0) -> Reply:
        """The learner's badges, numbered, remembered so that "the second one" can follow; from
        number `start` + 1 on, the numbers before it keep their place."""
        reply = await self.badges.my_badges(incoming, start=start)
        ctx.awards, ctx.pathways, ctx.waiting = [*ctx.awards[:start], *reply.awards], [], reply.waiting
        ctx.last_badge = None  # the list is on screen now, not a badge opened before it
        self._past_the_answer(ctx)
        self.conversations.save(key, ctx)
        return reply

    @staticmethod
    def _past_the_answer(ctx: Context) -> None:
        """After a reply about the learner's badges, "why?", "tell me more" or "not what I asked" are
        about that reply, not about an answer from turns before (whose feedback they would record)."""
        ctx.last_topic, ctx.answered, ctx.related, ctx.asked_too, ctx.suggestions = None, False, [], [], []

    def _checked(self, reply: Reply, key: tuple[str, ...]) -> Reply:
        """A badge check's report, remembered so that "why?" or "what does unverified mean?" can follow."""
        self.conversations.save(key, Context(checked=reply.checked))
        return reply

    async def _on_the_list(self, incoming: Incoming, text: str, ctx: Context, key: tuple[str, ...]) -> Reply | None:
        """A pick from the learner's badge list just shown: "2", "the second one", "share the first one"."""
        share = followups.shared_pick(text)
        place = share if share is not None else followups.picked(text)
        if place is None and len(ctx.awards) == 1 and followups.says_yes(text):
            place = 0  # "yes" to "Did you mean: 1. Cloud Computing Practitioner"
        if place is None:
            return None
        if not -1 <= place < len(ctx.awards):
            count = len(ctx.awards)
            return Reply(text=f"Your list above has {count} badge{'s' if count > 1 else ''}: pick a number from 1 to "
                              f"{count}.", intent=Intent.MY_BADGES, private=True)
        if share is not None:
            return await self._remember_badge(await self.badges.share(incoming, ctx.awards[place]), ctx, key)
        return await self._badge_reply(incoming.model_copy(update={"text": ctx.awards[place]}), ctx, key)

    async def _badge_reply(self, incoming: Incoming, ctx: Context, key: tuple[str, ...]) -> Reply:
        """One of the learner's badges, remembered so that "is it still valid?" can follow."""
        return await self._remember_badge(await self.badges.badge_detail(incoming), ctx, key)

    def _in_general(self, reply: Reply, text: str, key: tuple[str, ...]) -> Reply:
        """"my comptia badge expired yesterday" from a learner whose badges cannot be shown: beside
        that, the entry the words answer in general (expiry and renewing), one number away."""
        if not reply.waiting or reply.suggestions:
            return reply
        found = self.index.search(text)
        # (a pathway's steps answer what they ask: "what badges am i missing to finish the pathway" got
        # the entry on badges that never arrived first)
        if found.answer is not None and asks_something(text) and reply.pathway is None and not reply.pathways:
            # "my aws badge says expired on linkedin, did i lose my cert?": the question first, then
            # why their own badges cannot be shown (an offer under "not linked" went unseen)
            answer = self._answer(found.answer, found.confidence)
            self._remember(key, _Understood(ranking=found, question=text), answer)
            return answer.model_copy(update={"text": f"{answer.text}\n\n{reply.text}", "private": True})
        topic = found.answer or (found.best.topic if found.outcome is Outcome.UNSURE and found.best else None)
        if topic is None:
            return reply
        title = self.knowledge.entries[topic].title
        ctx = self.conversations.get(key)
        ctx.suggestions = [topic]
        self.conversations.save(key, ctx)
        return reply.model_copy(update={
            "text": f"{reply.text}\n\nIf you meant in general: 1. {title}",
            "suggestions": (topic,),
            "actions": (*reply.actions, ReplyAction(kind=ActionKind.SUGGESTION, label=title, value=topic))})

    async def _remember_badge(self, reply: Reply, ctx: Context, key: tuple[str, ...]) -> Reply:
        shown = next((a.value for a in reply.actions if a.kind is ActionKind.SHARE), reply.award)
        if shown is not None:
            ctx.last_badge = shown
        if reply.pathway is not None:
            ctx.last_pathway = reply.pathway
        if reply.pathways:  # the numbered list on screen now is of pathways: "2" picks one of them
            ctx.pathways, ctx.awards = list(reply.pathways), []
        elif reply.awards:  # a numbered list of their badges ("Several of your badges fit"): "2" picks
            ctx.awards, ctx.pathways = list(reply.awards), []
        ctx.waiting = reply.waiting
        self._past_the_answer(ctx)
        self.conversations.save(key, ctx)
        return reply

    async def _command(self, incoming: Incoming) -> Reply | None:
        """Slash commands and prefixes name what they want; no guessing needed."""
        command = (incoming.command or "").strip().lower()
        if not command and (typed := _TYPED_COMMAND.match(incoming.text.strip())):
            # "/badges" typed as a message (Discord's command picker passed by, or the terminal's ":"
            # not known): the command it names, which was read as a question on what a badge is
            name, rest = (typed.group(1), typed.group(2)) if typed.group(1) else (typed.group(3), typed.group(4))
            command, incoming = name.lower(), incoming.model_copy(update={"text": rest or ""})
        if not command or command == "ask":
            return None
        if command == "admin":
            return await self.staff.handle(incoming)
        if command == "badges":
            return await (self.badges.badge_detail(incoming) if incoming.text.strip() else self.badges.my_badges(incoming))
        if command == "share":
            return await self.badges.share(incoming, incoming.text.strip())
        if command == "help":
            return self._help()
        return Reply(text=f"I don't know the command {neutralize(command)!r}. Type *help* to see what I can do.",
                     intent=Intent.HELP, private=True)

    def _title_typed(self, text: str, ctx: Context) -> str | None:
        """The entry an offer named, when its title is typed back, whole or up to its brackets:
        "Choosing a platform to issue badges" after a menu that offered it is that pick (searched, it
        found the entry on issuing)."""
        said = normalize(text)
        if len(said.split()) < 2:
            return None
        # (the title of the answer just given, typed again, is no pick: the whole answer again reads as not heard)
        offered = [topic for topic in (*ctx.suggestions, *ctx.related)
                   if topic in self.knowledge.entries and not (ctx.answered and topic == ctx.last_topic)]
        return next((topic for topic in offered
                     if said in {normalize(self.knowledge.entries[topic].title),
                                 normalize(self.knowledge.entries[topic].title.split(" (")[0])}), None)

    def _understand(self, text: str, ctx: Context) -> _Understood | None:
        """A follow-up resolved against the context, or None to treat the text on its own."""
        if (typed := self._title_typed(text, ctx)) is not None:
            return _Understood(topic=typed, question=self.knowledge.entries[typed].title)
        follow = followups.resolve(text, ctx)
        if follow.kind is followups.Kind.PICK and follow.topic in self.knowledge.entries:
            return _Understood(topic=follow.topic, question=self.knowledge.entries[follow.topic].title)
        if follow.kind is followups.Kind.VERDICT and follow.topic in self.knowledge.entries:
            return _Understood(topic=follow.topic, helped=follow.helpful, question=ctx.last_question)
        if follow.kind is followups.Kind.REJECT:
            return _Understood(rejected=True, question=text)
        if follow.kind is followups.Kind.CHOOSE:
            return _Understood(choose=tuple(ctx.suggestions or ctx.related), question=ctx.last_question)
        if follow.kind is followups.Kind.MORE and follow.topic in self.knowledge.entries:
            return _Understood(topic=follow.topic, more=True, question=ctx.last_question)
        if follow.kind is followups.Kind.STAY and follow.topic in self.knowledge.entries:
            return _Understood(topic=follow.topic, again=text, question=f"{text} ({ctx.last_question})")
        if follow.kind is followups.Kind.NEXT and follow.topic in self.knowledge.entries:
            return _Understood(topic=follow.topic, done=follow.question or "", question=f"{text} ({ctx.last_question})",
                               stuck_again=ctx.stuck and not follow.question and not follow.act, act=follow.act)
        if follow.kind is followups.Kind.SIMPLER and follow.topic in self.knowledge.entries:
            return _Understood(topic=follow.topic, gist=True, question=ctx.last_question)
        if follow.kind is followups.Kind.REWRITE and follow.question:
            named = self.index.named_entries(text)
            if ctx.answered and named == [ctx.last_topic]:
                # "canvas?" after Badgr's price: another name of the platform just answered (Canvas
                # Credentials is Badgr), so its part on the question, not the general entry (the turn
                # itself names it: a question rewritten from several turns may name it in passing)
                return _Understood(topic=ctx.last_topic, again=follow.question, question=follow.question)
            # "badgr free?" after Coursera asks it of Badgr whatever came before; "and edx?" after
            # what Coursera costs asks edX's answer what it says of that
            if (facet := self._platform_facet(text) or self._platform_facet(follow.question)) is not None:
                return facet
            ranking = self.index.search(follow.question)
            before = self.knowledge.entries.get(ctx.last_topic or "") if ctx.answered else None
            if before is not None and before.names and (other := self._other_platform(text, before.id) or (
                    named[0] if len(named) == 1 and named[0] != before.id else None)):
                # "and futurelearn?" after "whats a micromasters", "what about linkedin learning
                # instead" after Google's: another platform than the one the answer is about. The
                # question rewritten still said "micromasters" and landed on edX's answer again
                # ("That's all I have", turn after turn), or was a chain of turns that found who may enrol.
                # (A platform named in a turn that alone says nothing else, "no, I meant for edX", is it.)
                if ranking.answer == other:
                    return _Understood(ranking=ranking, question=follow.question)
                if self._facet_terms(follow.question) and self._part_on(self.knowledge.entries[other],
                                                                         follow.question) is not None:
                    # "and edx?" after Coursera's *Cost*: what edX's answer says of the price, with
                    # the general entry one number away (its whole answer hid the line on prices)
                    return _Understood(topic=other, again=follow.question, question=follow.question)
                return _Understood(topic=other, question=follow.question)
            if (before is not None and ranking.answer == before.id and len(named) == 1 and named[0] != before.id
                    and not self.index.used_by(self.index.name_terms(named[0]), before.id)):
                # "and futurelearn?" after whether micro-credentials count towards a degree, an answer
                # that never names FutureLearn: what FutureLearn's answer says of it, or all of it,
                # never seen yet, when only its opening does. ("and from accredible?" after adding a
                # Credly badge to LinkedIn: LinkedIn's answer names Accredible.)
                platform = self.knowledge.entries[named[0]]
                part = self._part_on(platform, follow.question)
                again = follow.question if part is not None and part != platform.parts[0] else None
                return _Understood(topic=platform.id, again=again, question=follow.question)
            return _Understood(ranking=ranking, question=follow.question)
        if follow.kind is followups.Kind.CONTEXTUAL:
            if detect_intent(text) is not None:
                return None
            if self._names_a_part(text, ctx):
                return _Understood(topic=ctx.last_topic, again=text, question=f"{text} ({ctx.last_question})")
            return self._in_context(text, ctx, follow.anaphoric)
        if (follow.kind is followups.Kind.NONE and ctx.answered and ctx.last_topic in self.knowledge.entries
                and detect_intent(text) is None and self._facet_only(text)):
            # "what documents should we request?" names no subject and points at nothing, but can
            # only be asked of what came before (alone, it was "did you mean" the name on a badge)
            return self._in_context(text, ctx, anaphoric=True)
        return None

    def _scam_asked(self, text: str) -> _Understood | None:
        """A message that shows a scam's signs and asks something (a badge e-mail pasted, with a fee to
        pay within 48 hours; "do I click its button and pay the 14.99?"): whether it is a scam, whatever
        its words of badges say (they met checking a badge, and accepting one by its e-mail's button)."""
        if shows_scam_signs(text) and asks_something(text) and (asked := self.index.search(_IS_IT_A_SCAM)).answer:
            return _Understood(ranking=asked, question=text)
        return None

    def _weighed_for_hiring(self, understood: _Understood, text: str) -> _Understood | None:
        """What a turn asks of one who said they hire ("I'm in HR ..."), when it asks what certificates or
        badges are worth and lands on an answer for learners or on "did you mean": how an employer weighs
        them. An HR manager's "which of these actually mean something? is a Google cert worth anything vs
        some random badge" got a learner's study plan. None otherwise, and for a follow-up on a part."""
        answer = self._plain_answer(understood)
        ranking = understood.ranking
        unsure = answer is None and ranking is not None and ranking.outcome is Outcome.UNSURE
        # (the recruiters' entry weighs certificates and badges, not degrees: "is that cert worth anything vs a
        # degree?" after checking one is the comparison with degrees)
        if (answer is None and not unsure) or not asks_worth(text) or not mentions_credential(normalize(text)) \
                or (followups.compares(text) and _A_DEGREE.search(text)):
            return None
        weighed = self.index.search(_WEIGHED_FOR_HIRING)
        if weighed.answer is None or weighed.answer == answer:
            return None
        return _Understood(ranking=weighed, question=text)

    def _weighed_for_issuers(self, understood: _Understood, text: str) -> _Understood | None:
        """What a turn asks that says the asker gives badges or certificates to others and asks what that
        costs, when it lands on an entry that is not about issuing, or on "did you mean": what issuing
        costs. A Discord admin's "we just hand out roles ... what are my options that dont cost money?"
        got a learner's financial aid. None otherwise, and for a follow-up on a part."""
        answer = self._plain_answer(understood)
        unsure = answer is None and understood.ranking is not None and understood.ranking.outcome is Outcome.UNSURE
        if (answer is None and not unsure) or not asks_issuers_costs(text):
            return None
        issuing = set(self.index.analyzer.terms(_ISSUING_WORDS))
        if answer is not None and self.index.subject_of(issuing, answer):
            return None
        weighed = self.index.search(_COSTS_OF_ISSUING)
        if weighed.answer is None or weighed.answer == answer or not self.index.subject_of(issuing, weighed.answer):
            return None
        return _Understood(ranking=weighed, question=text)

    def _gone_back(self, text: str) -> tuple[str, Context] | None:
        """"back to the renewal thing, who do i ask": what the turn asks, and a context in which the
        subject it goes back to was just answered (the whole answer on renewing came again). None
        when it goes back to nothing the base answers, or to the asker's own badges."""
        if (back := followups.back_to(text)) is None or detect_intent(back[0]) is not None:
            return None
        subject, rest = back
        found = self.index.search(subject)
        # a subject named in a word or two is one talked of before: the entry that leads, sure or not
        topic = found.answer or (found.best.topic if found.outcome is Outcome.UNSURE and found.best
                                 and len(subject.split()) <= 3 else None)
        if topic is None:
            return None
        if not rest:  # "going back to the linkedin question": that answer, as if asked anew
            return subject, Context()
        return rest, Context(last_question=subject, last_topic=topic, answered=True)

    def _names_a_part(self, text: str, ctx: Context) -> bool:
        """Whether every telling word of a turn is in the heading of one part of the answer just
        given: "how do I apply?" after credit transfer (its "How to apply:"), "what are the limits?"
        (its "**Limits.**"). "how do I apply for financial aid?" names more than the heading does,
        and "what is credly?" asks what a platform is, not what downloading says of it."""
        if not ctx.answered or ctx.last_topic not in self.knowledge.entries:
            return False
        if _WHAT_IS.match(text) and any(t != ctx.last_topic for t in self.index.named_entries(text)):
            return False
        asked = self.index.telling_terms(text)
        return bool(asked) and any(asked <= self._heading_terms(part)
                                   for part in self.knowledge.entries[ctx.last_topic].parts[1:])

    def _heading_terms(self, part: str) -> set[str]:
        """The terms of what a part of an answer says it is about (`lead_of`)."""
        return set(self.index.analyzer.terms(lead_of(part)))

    def _item_heading_terms(self, part: str) -> set[str]:
        """The terms of what each item of a list part says it is about: the bold leads of its later
        items ("- **ExpertTracks**: ...") head them as `lead_of` heads the part with the first."""
        return {t for line in part.split("\n") if LIST_ITEM.match(line)
                for t in self.index.analyzer.terms(lead_of(line))}

    @staticmethod
    def _plain_answer(understood: _Understood) -> str | None:
        """The entry a turn resolved to when it is to be answered whole (not a part, a gist, a pick)."""
        if understood.more or understood.gist or understood.again is not None or understood.rejected \
                or understood.choose or understood.helped is not None or understood.elsewhere is not None \
                or understood.done is not None:
            return None
        return understood.topic or (understood.ranking.answer if understood.ranking else None)

    def _seen_part(self, understood: _Understood, ctx: Context, text: str) -> str | None:
        """The entry a turn lands on whole when it was answered a turn or two before and one part
        of it, past the opening, speaks to the turn: that part, not the whole answer again ("it says
        page not found when i click it" after LinkedIn, then a question on links, is its line on a
        credential link that fails). None otherwise: asked again with nothing narrower, it is given
        whole."""
        answer = self._plain_answer(understood)
        if answer is None or answer not in ctx.earlier:
            return None
        entry = self.knowledge.entries[answer]
        if self._asks_the_title(entry, text):  # the question itself again
            return None
        part = self._part_on(entry, text)
        return answer if part is not None and part != entry.parts[0] else None

    def _place_entry_near(self, understood: _Understood, ctx: Context, text: str) -> str | None:
        """The entry on a place a turn names, ranked close behind (top three), when the turn lands on
        the general entry just given: "whats the website for ontario micro credentials that OSAP
        covers" and "what about that Better Jobs Ontario you said" after funding are Canada's entry
        (funding's answer repeated its line naming Ontario's OSAP, then its line on disability
        support). After the place's own entry, a general answer is given as it comes ("how do we
        decide the EQF level ...?" after the EU's approach is the entry on levels). None otherwise."""
        answer = self._plain_answer(understood) or (understood.topic if understood.again is not None else None)
        if answer != ctx.last_topic or answer not in self.knowledge.entries or self.index.where_terms(answer):
            return None
        # (the place named in so many words: "SWE" is Social Work England, a regulator the answer on CPD
        # speaks of, which asks nothing of England's own entry)
        said = f" {normalize(text)} "
        placed = [topic for topic in self.index.entries_on_place(text)
                  if any(f" {normalize(where)} " in said for where in self.knowledge.entries[topic].where)]
        if not placed:
            return None
        ranking = understood.ranking or self.index.search(text)  # (a part held by the last answer has none)
        return next((m.topic for m in ranking.matches[:3] if m.topic in placed), None)

    def _answered_again(self, understood: _Understood, ctx: Context) -> bool:
        """Whether a turn resolved to a plain answer with the entry answered just before, or with
        the one the learner just said missed ("I meant what happens if I fail", after "that's not
        what I asked": the whole answer again would be what they refused)."""
        answer = self._plain_answer(understood)
        return answer is not None and answer in ((ctx.last_topic if ctx.answered else None), ctx.missed)

    def _in_context(self, text: str, ctx: Context, anaphoric: bool) -> _Understood:
        """An elliptical turn: on its own if it stands alone, else about the last topic.

        "how long does it take?" after Google's certificates is about Google's certificates, even
        though the question alone is about time commitment in general; "can I do it online?" after
        time commitment asks about a new facet and stands on its own.
        """
        terms = self.index.known_terms(text)
        if anaphoric and self._asks_the_platform(terms, ctx.last_topic):
            return _Understood(topic=ctx.last_topic, question=f"{text} ({ctx.last_question})")
        if (not self._speaks_to(text, ctx.last_topic) or not self._names_in_answer(text, ctx.last_topic)) \
                and (facet := self._platform_facet(text)) is not None:
            # "badgr free?" after claiming a badge, as asked first ("is it free on credly?" after
            # issuing badges is what issuing costs, which that answer says; "what about google, is
            # it free for kenyans?" after what courses cost, an answer that never names Google, is
            # Google's line on price)
            return facet

        if anaphoric and followups.compares(text) and _IT_COMPARED.search(text) \
                and ctx.last_topic in self.knowledge.entries \
                and self.index.telling_terms(text) and not self.index.named_entries(text):
            # "is it the same as a badge?" after micro-credentials: "it" is what the last answer is
            # about, so the question is asked with its title (alone, "same" is a stopword and the
            # rest asks what a badge is). One that names an entry ("vs coursera's ibm one?") is about
            # it, and one with no "it" compares other things: "what if the name on badge is different
            # from her cv name" after expiry.
            # (landing on the last answer again, the comparison was no question about its subject:
            # "also is that cert worth anything vs a degree?" after how to check a certificate)
            both = self.index.search(f"{text} {self.knowledge.entries[ctx.last_topic].title}")
            if both.answer is not None and both.answer != ctx.last_topic:
                return _Understood(ranking=both, question=f"{text} ({ctx.last_question})")
        alone = self.index.search(text)
        # ("price?" or "cost?" alone leans on the platform just answered as "is it free?" does)
        leans = anaphoric or len(text.split()) <= 2 or self._facet_only(text)  # ("how much $$")
        if leans and (platform := self._platform_asked_before(text, ctx)) is not None:
            return _Understood(topic=platform, again=text, question=f"{text} ({ctx.last_question})")
        if (leans and alone.answer != ctx.last_topic and self._speaks_to(text, ctx.last_topic)
                and not (alone.answer and self.knowledge.entries[alone.answer].names)
                and not (alone.outcome is Outcome.ANSWER and not self.knowledge.entries[ctx.last_topic].names
                         and self.index.subject_of(terms, alone.answer) - self.index.subject_of(terms, ctx.last_topic))):
            # "how long does it take?" after MicroMasters: what edX's entry says of it, with the
            # general entry on time offered first (but "is it free with my library card?" is about
            # LinkedIn Learning, whatever came before; and after a general answer, "and if i not have
            # money for pay? exist some help" after costs names what financial aid is about)
            return _Understood(topic=ctx.last_topic, again=text, question=f"{text} ({ctx.last_question})")
        before = self.knowledge.entries.get(ctx.last_topic or "")
        if (self._facet_of_nothing_new(text, alone.answer) and ctx.answered and before is not None
                and not self._facet_terms(before.title)  # (time, then "is it expensive?")
                and alone.answer != before.id and self._leads(f"{text} {ctx.last_question} {before.title}", before.id)):
            # "how long does it take?" after changing the name on a badge: how long the change
            # takes, not a course (what the entry on time answers alone). Read with the question and
            # answer before, that answer still leads (sure or not); after "how do I earn a
            # micro-credential?" the entry on time leads, and answers.
            return _Understood(topic=ctx.last_topic, again=text, question=f"{text} ({ctx.last_question})")
        if ((place := followups.place_asked(text)) is not None
                and (alone.outcome is not Outcome.ANSWER or not self.index.names_its_place(alone.answer, place))
                and ctx.last_topic in self.knowledge.entries and not self.index.declined_outright(text)):
            # "and in Canada?" where no entry is about Canada: the answer given, said to be general
            # (a place the base covers, "and in Germany?", is answered from its entry above), or the
            # part of it that names the place (financial aid's Canadian schemes). An entry that only
            # shares a word ("what about in my country?" and finding one "in your country") is no answer.
            if self.index.used_by(self.index.known_terms(place), ctx.last_topic):
                return _Understood(topic=ctx.last_topic, again=text, question=f"{text} ({ctx.last_question})")
            return _Understood(topic=ctx.last_topic, elsewhere=place, question=f"{text} ({ctx.last_question})")
        if (held := self._held_by_last(text, ctx, alone, pointing_back=anaphoric)) is not None:
            return held
        if anaphoric and self._platform_in_the_answer(text, ctx, alone):
            return _Understood(topic=ctx.last_topic, again=text, question=f"{text} ({ctx.last_question})")
        asked = terms - _ASKING_WORDS
        used = self.index.used_by(asked, ctx.last_topic)
        if (anaphoric and alone.outcome is not Outcome.ANSWER
                and self._weight(asked - used) > self._weight(used)
                and not self.index.subject_of(terms, ctx.last_topic) and not self._facet_only(text)):
            # "what about Canada?" after the EU's approach names what the last entry never mentions,
            # and nothing it is about: read with the last question, it was the EU again, with confidence
            # (but "can I delete it completely" after privacy is about deleting, which privacy speaks of)
            return _Understood(ranking=alone, question=text)
        best = alone.best
        if alone.outcome is Outcome.ANSWER and best is not None and (
            best.topic == ctx.last_topic or alone.confidence >= STANDS_ALONE
        ):
            return _Understood(ranking=alone, question=text)
        if not anaphoric and (not terms or alone.outcome is Outcome.DECLINE):
            # nothing pointing back, and nothing close alone: "what is netflix?" is not about Credly
            return _Understood(ranking=alone, question=text)
        # it names what the entry it lands on is about (title and tags) and the last one is not:
        # "are they online?" after costs, "it went to the wrong address actually" after a badge
        # e-mail that never arrived, "why does the image have data in it?" after downloading a badge
        subject = self.index.subject_of(terms, alone.answer)
        # ("what about germany?" after New Zealand's rules names the place the EU's entry is about)
        moved_on = bool(subject - self.index.subject_of(terms, ctx.last_topic)) or (
            self.index.names_its_place(alone.answer, text) and not self.index.names_its_place(ctx.last_topic, text))
        last = next((m for m in alone.matches[:3] if m.topic == ctx.last_topic), None)
        # (further behind where the last answer uses every word asked: "can i appeal" after a revoked
        # badge is how to appeal that, which its answer says, not a mark, which it leads to alone)
        margin = STAYS_ON_TOPIC * (2 if asked and asked == used else 1)
        if last is not None and best is not None and best.score - last.score <= margin and not moved_on:
            return _Understood(topic=last.topic, question=f"{text} ({ctx.last_question})")
        if alone.answer and (not anaphoric or moved_on):
            return _Understood(ranking=alone, question=text)
        context = ctx.last_question
        if ctx.last_topic in self.knowledge.entries:
            context = f"{context} {self.knowledge.entries[ctx.last_topic].title}"
        leaning = self.index.search(text, context=context)
        agree = anaphoric and best is not None and leaning.best is not None and best.topic == leaning.best.topic
        if leaning.outcome is Outcome.ANSWER or (agree and leaning.confidence >= AGREEMENT_IS_ENOUGH):
            # the question alone and the question in context point at the same entry: answer it
            return _Understood(topic=leaning.best.topic, question=f"{text} ({ctx.last_question})")
        return _Understood(ranking=alone, question=text)

    def _weight(self, terms: set[str]) -> float:
        """How much `terms` tell, as the index weighs them (rare words weigh more). Summed exactly
        (`math.fsum`): a float sum over a set, whose order varies by run, broke ties differently."""
        return math.fsum(self.index.idf.get(t, 0.0) for t in terms)

    def _leads(self, text: str, topic: str) -> bool:
        """Whether `topic` ranks first for `text`, sure enough to answer or not."""
        best = self.index.search(text).best
        return best is not None and best.topic == topic

    def _in_short(self, text: str) -> _Understood | None:
        """"what's a microcredential in one sentence?": the gist of the entry its question answers
        outright. Searched whole, "sentence" and "briefly" were words to match ("not sure", and
        LinkedIn first)."""
        if (asked := briefly(text)) is None or (answer := self.index.search(asked).answer) is None:
            return None
        return _Understood(topic=answer, gist=True, question=text)

    def _held_by_last(self, text: str, ctx: Context, alone: Ranking | None,
                      pointing_back: bool = False) -> _Understood | None:
        """A turn not answered on its own (`alone`) that one part of the answer just given speaks to,
        using every telling word of it (two at least), as that part: "will the earner get notified?"
        after revoking on Credly, whose answer says Credly lets you notify them (alone, it was "Did
        you mean" three other entries). So is a turn unsure alone whose first guess is that answer,
        or level with it. Answered on its own by an entry no part of which uses all those words, it
        is held too: "the logo is missing" after LinkedIn is its *Logo missing* line, not a badge
        that never arrived. A turn `pointing_back` ("it") is held, short of an answer sure alone, by
        a part whose heading names one of its words: "will employers see it?" after a revoked badge
        is its *What you see* (whose employers check it), not whether employers recognise badges;
        or by a part past the opening that uses them all (see below). None otherwise."""
        if alone is None or not ctx.answered or followups.says_unanswered(text):
            return None
        entry = self.knowledge.entries.get(ctx.last_topic or "")
        # ("how long" and "take" are no subject: "how long does aid approval take?" after funding
        # asks of aid and approval, its line on platforms' aid)
        asked = self.index.telling_terms(_without_idioms(text)) - _FRAMING
        if entry is None:
            return None
        if alone.outcome is Outcome.UNSURE and alone.best is not None and any(
                m.topic == entry.id and alone.best.score - m.score < MIN_LEAD for m in alone.matches[:2]):
            # unsure alone, with the answer just given the first guess or level with it: the
            # conversation says which ("will the student get notified?" after revoking a badge was
            # "did you mean" revoking; "what are the mandatory elements we have to include?" after
            # the EU's approach, its standard elements)
            return _Understood(topic=entry.id, again=text, question=f"{text} ({ctx.last_question})")
        # (every part of a platform's answer is about it, named or not: "does moodle bake the badges?"
        # after Moodle is its line on downloading badges "with the data baked in")
        holding = self._parts_using(entry, asked - self.index.name_terms(entry.id))
        if len(asked) < 2 or not holding:
            return None
        # Or by a part past the opening that uses them all, where they are three or more ("what
        # happens if they already shared it on linkedin" after revoking, not how to add a badge to
        # LinkedIn), or name nothing the entry found alone is about ("will it disappear from
        # linkedin?" after expiry, which revoking says of too; but "and in New Zealand?" after
        # credits is New Zealand's entry).
        past_opening = any(part != entry.parts[0] for part in holding)
        headed = pointing_back and alone.confidence < STANDS_ALONE and (
            any(asked & self._heading_terms(part) for part in holding if part != entry.parts[0])
            or past_opening and (len(asked) > 2 or not self.index.subject_of(asked, alone.answer)))
        # (one asked about all of them answers it: "and how do i share it on linkedin" after claiming
        # a badge is sharing on LinkedIn, whose answer says "add", not claiming's line that you can)
        if alone.outcome is Outcome.ANSWER and not headed and (
                alone.answer == ctx.last_topic or self._parts_using(self.knowledge.entries[alone.answer], asked)
                or self.index.asked_about(asked, alone.answer) == asked):
            return None
        return _Understood(topic=ctx.last_topic, again=text, question=f"{text} ({ctx.last_question})")

    def _parts_using(self, entry: Entry, asked: set[str]) -> list[str]:
        """The parts of an answer that use every one of the `asked` terms."""
        return [part for part in entry.parts if asked <= set(self.index.analyzer.terms(part))]

    def _search(self, text: str) -> _Understood:
        """A message read on its own; one that asks two things is answered as a whole, and names
        the entries that answer its other questions ("how much do badges cost and how long do they
        take?")."""
        if (named := what_the_story_names(text)) is not None and (asked := self.index.search(named)).answer:
            return _Understood(ranking=asked, question=text)
        ranking = self.index.search(text)
        if ranking.answer is not None and (questions := self._questions_overrule(text, ranking)) is not None:
            return _Understood(ranking=questions, question=text)
        if ranking.answer is None and (question := after_introduction(text) or reported_question(text)) is not None:
            # (who the asker is tells the answer nothing: "hi im switching from retail to data
            # analytics, ..." read whole was "did you mean"; nor whom a question is asked for: "a lady
            # asked me how she can put her certificate on LinkedIn")
            if (asked := self.index.search(question)).answer is not None:
                return _Understood(ranking=self._questions_overrule(text, asked) or asked, question=text)
        if ranking.answer is None and ranking.outcome is Outcome.UNSURE:
            # a message that tells its situation before asking: one clause that asks, answered
            # outright by an entry the whole message already offers first or second, the first
            # winning where clauses land on both. (It can miss the situation: "..., im 62 and
            # worried its a scam, how do i know which ones are real" gets how to check a badge, its
            # clause's answer, where how to tell a real provider was offered first.)
            asking = _questions_to_the_base(text)
            clauses = [self.index.search(clause) for clause in asking]
            found = {asked.answer: asked for asked in clauses if asked.answer is not None}
            # a clause in words of its own, no "it" or "this" standing for the story
            own_words = {asked.answer for clause, asked in zip(asking, clauses) if not followups.points_back(clause)}
            # (a second far behind the first is no offer: "my sister found a pós EAD ... 'autorizado
            # pelo MEC'. how to check if this is true" leads to Brazil's entry, and its clause alone
            # met scam warning signs, at half Brazil's score)
            # A clause in its own words may answer the third entry the whole message offers: "wots a
            # micro credential, my work coach at the job centre keeps saying it ..." ranks three entries
            # level, the story's words spread over them. ("Is it like a short course, or something
            # bigger?" after a story is about the story's micro-credentials, not badges.)
            near = [m.topic for m in ranking.matches[:3] if m.score >= CLAUSE_NEAR_FIRST * ranking.matches[0].score]
            for topic in near:
                if topic in found and (topic in near[:2] or topic in own_words):
                    return _Understood(ranking=found[topic], question=text)
            # or, unsure both, the clause that asks and the whole message put the same entry first:
            # they agree ("..., how are those different from an industry certification or a licence?",
            # level with adding a licence to LinkedIn alone, is the comparison the whole message leads to)
            asked = clauses[0] if clauses else None
            # (one that only points back says nothing to agree with: "... say 'NMBI Category 1 approved' and
            # give CEUs on the cert. what does that mean exactly?" put the entry on Open Badges first, as the story)
            if asked is not None and followups.points_back(asking[0]) and len(self.index.telling_terms(asking[0])) < 2:
                asked = None
            if (asked is not None and asked.outcome is Outcome.UNSURE and asked.best is not None
                    and ranking.best is not None and asked.best.topic == ranking.best.topic
                    and asked.confidence >= AGREEMENT_IS_ENOUGH):
                return _Understood(topic=ranking.best.topic, question=text)
        if (ranking.answer is None and ranking.outcome is Outcome.UNSURE and ranking.best is not None
                and (verdict := verdict_asked(text)) is not None
                and (ranking.evidence[1] >= MIN_LEAD or self._leads(verdict, ranking.best.topic))):
            # only whether what it tells of is real: the entry the whole message leads to by more than
            # an ambiguity's margin, or the one its question leads to as well ("... is this a scam"), is
            # what it asks about ("... for rs 499, no exam needed, just pay and download. legit?" was
            # "did you mean" with the entry on scams first, its words spread by the story)
            return _Understood(topic=ranking.best.topic, question=text)
        parts = questions_in(text)
        # (answering one part of a message the engine can't read as a whole would be a guess)
        if len(parts) == 1 or ranking.answer is None:
            return _Understood(ranking=ranking, question=text)
        # (an other question is one sure alone: "Is there any regulator?" after "Who checks the
        # quality of badges?" asks of the same badges, and met the entry on CPD by "regulator")
        found = map(self.index.search, parts)
        answers = (alone.answer for alone in found if alone.confidence >= ANOTHER_QUESTION_AT)
        others = tuple(dict.fromkeys(a for a in answers if a is not None and a != ranking.answer))
        return _Understood(ranking=ranking, question=text, asked_too=others)

    def _questions_overrule(self, text: str, found: Ranking) -> Ranking | None:
        """The ranking of a message's questions when each of them answers one other entry surely and
        the message as read (`found`) barely answers its own: "I'm a nurse ... planning to migrate to
        Australia. I see many short courses saying 'accredited' and 'CPD points'. What does accredited
        really mean? Is it accredited by who?" is about accreditation, not CPD. None otherwise."""
        if found.confidence >= QUESTIONS_OVERRULE_BELOW:
            return None
        asked = [self.index.search(clause) for clause in _questions_to_the_base(text)]
        if asked and len({a.answer for a in asked}) == 1 and asked[0].answer not in (None, found.answer) \
                and min(a.confidence for a in asked) >= QUESTIONS_ARE_SURE:
            return asked[0]
        return None

    def _other_platform(self, text: str, topic: str) -> str | None:
        """The platform's entry a turn answers on its own ("and futurelearn?"), when it is not `topic`."""
        alone = self.index.search(text).answer
        return alone if alone is not None and alone != topic and self.knowledge.entries[alone].names else None

    def _platform_facet(self, text: str) -> _Understood | None:
        """"how much does a google certificate cost?": what that platform's answer says of the price
        (its *Cost*), with the general entry on costs one number away. Read as a whole, the general
        entry answered (every provider's pricing models), or it was "did you mean" between the two.
        Only where the turn names one platform, asks how long, how much or whether worth it, that
        platform's answer has a part headed so (Coursera's says no price but "check the page"), and
        the turn asks nothing that answer never speaks of. A story that names the platform first asks
        in its last clause: "thinking about the google it support certificate. how much does it
        actually cost" (the story's warehouse job was a word Google's answer never uses)."""
        named = self._platforms_named(text)
        if len(named) > 1:
            # ("how much is the google one per month on coursera": where it is taken is no second subject)
            named = [topic for topic in named if not self._named_as_where(text, topic)] or named
        if len(named) != 1 or not self._speaks_to(text, named[0], under_a_heading=True):
            return None
        asked = next((clause for clause in asking_clauses(text) if _idioms_in(clause)), text)
        # (where it is asked is no facet the answer lacks: "is it free for kenyans?")
        rest = self.index.telling_terms(_without_idioms(asked)) - self.index.place_terms(asked)
        if rest - self.index.used_by(rest, named[0]):
            return None
        return _Understood(topic=named[0], again=asked, question=text)

    def _headed_part_asked(self, understood: _Understood, text: str) -> _Understood:
        """"how long does a cisco certification last?" asked first: the part of the answer found that
        is headed by what the turn asks (IT certifications' *Duration and renewal*), not the whole
        answer, which put it under how to check one. Only of an entry about no platform (a platform's
        facets are `_platform_facet`'s) whose title does not ask it already (the entry on how long a
        micro-credential takes answers "how long" whole, and whether they are worth it "worth the
        cost?"), and where one part alone is headed so."""
        ranking = understood.ranking
        if (ranking is None or understood.topic is not None or understood.asked_too or ranking.answer is None
                or not _ASKS_A_FACET.search(text)):  # (most turns ask none: their clauses go unread)
            return understood
        # (asked, not said in passing: "a link to claim a free badge, safe to click?" asks no price)
        clauses = _questions_to_the_base(text) or [text]
        if len(clauses) > 1:
            # ("how many CEU i need for A+ renew? and how much it cost": the whole answer has both; the
            # part on fees alone left the first question out)
            return understood
        asked = next((clause for clause in clauses if _ASKS_A_FACET.search(clause)), None)
        entry = self.knowledge.entries[ranking.answer]
        if asked is None or entry.names or not (facet := self._facet_terms(asked)):
            return understood
        if facet & set(self.index.analyzer.terms(entry.title)) or set(_idioms_in(asked)) & set(_idioms_in(entry.title)):
            return understood
        if len(self._parts_headed(entry, facet)) != 1:
            return understood
        return _Understood(topic=entry.id, again=asked, question=text)

    def _named_as_where(self, text: str, topic: str) -> bool:
        """Whether a text names the platform `topic` only as where something is taken ("on coursera")."""
        plain = normalize(text)
        names = "|".join(re.escape(normalize(name)) for name in self.knowledge.entries[topic].names)
        return bool(re.search(rf"\b(?:{names})\b", plain)) and not re.search(
            rf"(?<!\bon )(?<!\bvia )(?<!\bthrough )\b(?:{names})\b", plain)

    def _platforms_named(self, text: str) -> list[str]:
        """The platforms' entries a text names, by name or else by a programme of theirs ("a nanodegree")."""
        return self.index.named_entries(text) or self.index.programmes_of(text)

    def _names_in_answer(self, text: str, topic: str | None) -> bool:
        """Whether every platform a turn names is named in the answer `topic` too, where it speaks to
        what the turn asks (true of a turn that names none). Of an answer about no platform, that is
        the parts headed so, as `_speaks_to` reads them: Brazil's answer names Google only in its
        opening, and its *Free options* say nothing of Google's price."""
        named = self.index.named_entries(text)
        entry = self.knowledge.entries.get(topic or "")
        if not named or entry is None:
            return not named
        parts = entry.parts
        if not entry.names and (facet := self._facet_terms(text)):
            parts = self._parts_headed(entry, facet) or entry.parts
        said = {t for part in parts for t in self.index.analyzer.terms(part)}
        return all(self.index.name_terms(name) & said for name in named)

    def _platform_asked_before(self, text: str, ctx: Context) -> str | None:
        """The platform a question before named, when its answer was about no platform and the turn
        asks only how long, how much or whether worth it: "how much is it?" after "i want to do
        google career certificates, is there an age limit" (answered by who can enrol) asks what
        Google's cost (it was "That's all I have" on enrolling). So does "how much would it cost us?"
        after Google's certificates, then "is there a minimum age?" (`Context.platform_before`).
        None otherwise."""
        before = self.knowledge.entries.get(ctx.last_topic or "")
        if (before is None or before.names or not ctx.answered or not self._facet_only(text)
                or self._speaks_to(text, before.id)):  # (issuing badges "on credly" has its own costs)
            return None
        named = self._platforms_named(ctx.last_question) or [p for p in (ctx.platform_before,) if p]
        return named[0] if len(named) == 1 and self._speaks_to(text, named[0]) else None

    def _platform_in_the_answer(self, text: str, ctx: Context, alone: Ranking) -> bool:
        """Whether a turn that points back ("can credly fix it?" after a wrong name on a badge) names
        a platform the answer just given speaks of, and asks nothing of that platform's own entry:
        what the answer says of that platform (alone, it was what Credly is). "is it free on
        credly?" asks a price, which the facets answer their own way. A turn that tells, then asks
        a question of its own that points at nothing ("what about canvas, we have some courses there
        too. does canvas have built in badges" after Moodle's badges) asks that platform's entry."""
        named = self.index.named_entries(text)
        entry = self.knowledge.entries.get(ctx.last_topic or "")
        if (entry is None or not ctx.answered or len(named) != 1 or named[0] == entry.id
                or alone.answer != named[0] or self._facet_terms(text)):
            return False
        if (clauses := asking_clauses(text)) and not followups.points_back(clauses[0]):
            return False
        name = self.index.name_terms(named[0])
        rest = self.index.telling_terms(text) - name
        # ("it's from credly" after a badge that never arrived asks nothing else of Credly: its lines)
        return ((bool(rest) or followups.points_back(text)) and not self.index.subject_of(rest, named[0])
                and bool(self.index.used_by(name & self.index.known_terms(text), entry.id)))

    def _asks_the_platform(self, terms: set[str], topic: str | None) -> bool:
        """Whether "is it free?" after an answer on Badgr asks about Badgr: the last answer was a
        platform's entry, and every term of the turn (`terms`) is something that entry is asked about.

        Alone, "is it free?" is the general question on costs; "how do I share it?" after Credly
        is still about sharing, which Credly's entry is never asked about (the boundary notes).
        """
        entry = self.knowledge.entries.get(topic or "")
        if entry is None or not entry.names:
            return False
        return bool(terms) and self.index.asked_about(terms, entry.id) == terms

    def _compared_too(self, understood: _Understood) -> tuple[str, ...]:
        """The platforms a comparison answered by one entry names besides it, to lead its related list."""
        ranking = understood.ranking
        assert ranking is not None and ranking.answer is not None
        return ranking.compared or self._platforms_compared(understood.question, ranking.answer)

    def _platforms_compared(self, question: str, answer: str) -> tuple[str, ...]:
        """"coursera vs edx?" answered from how to choose a provider: the two platforms' own entries,
        first in its related list (the answer itself names neither)."""
        if self.knowledge.entries[answer].names:  # a platform's own answer: `Ranking.compared` has the others
            return ()
        named = tuple(self.index.named_entries(question))
        return named if len(named) > 1 and answer not in named else ()

    @staticmethod
    def _compared_with(understood: _Understood, reply: Reply) -> tuple[str, ...]:
        """After "credly vs badgr?" answered from Credly: Badgr, which "the other one" then opens."""
        ranking = understood.ranking
        return ranking.compared if ranking is not None and ranking.answer == reply.topic else ()

    def _remember(self, key: tuple[str, ...], understood: _Understood, reply: Reply, place: str | None = None,
                  platforms: tuple[str | None, str | None] = (None, None),
                  earlier: list[str] | None = None) -> None:
        # (who the asker said they are and where they are hold for the whole conversation, whichever path
        # answered the turn)
        before = self.conversations.get(key)
        ctx = Context(last_question=understood.question, last_topic=reply.topic,
                      answered=reply.topic is not None and not self._side_by_side_of(understood),
                      place=place or before.place, hiring=before.hiring,
                      platform=platforms[0], platform_before=platforms[1], earlier=earlier or [],
                      shown=reply.text if understood.again is not None and reply.topic == understood.topic else "",
                      stuck=understood.done is not None, missed=understood.topic if understood.helped is False else None,
                      suggestions=list(reply.suggestions), related=list(reply.related),
                      asked_too=list(understood.asked_too or self._compared_with(understood, reply)) if reply.topic else [])
        if reply.topic is None and not reply.suggestions:
            # nothing answered ("Sorry, I didn't follow"): what was shown before is still on screen
            old = self.conversations.get(key)
            ctx.last_topic, ctx.last_question = old.last_topic, old.last_question or understood.question
            ctx.related = old.related
            ctx.awards, ctx.last_badge, ctx.last_pathway = old.awards, old.last_badge, old.last_pathway
            ctx.pathways, ctx.waiting = old.pathways, old.waiting
            ctx.checked = old.checked
            if reply.declined == "no-match":
                # a turn not understood leaves the menu on screen to pick from ("yeah 1" was not
                # read, and the "1" after it picked nothing)
                ctx.suggestions = old.suggestions
        elif reply.topic is None and reply.suggestions and not understood.choose \
                and (old := self.conversations.get(key)).answered:
            # "did you mean" after an answer: beside the choices on screen, the answer before is what
            # "who do i ask?" or "how long does that take?" is still about (the context was lost)
            ctx.last_topic, ctx.last_question, ctx.answered = old.last_topic, old.last_question, True
        self.conversations.save(key, ctx)

    # --- wording ----------------------------------------------------------------------------

    def _word(self, understood: _Understood) -> Reply:
        if understood.rejected:
            return Reply(text="Sorry, I didn't follow. Could you put it another way? " + CAN_HELP_WITH,
                         intent=Intent.OUT_OF_SCOPE, declined="unsure")
        if understood.choose:
            # a clarifying question, not an unanswered one: staff have nothing to add here
            return self._offer(list(understood.choose), "Which one do you mean?", intent=Intent.HELP)
        if understood.helped is not None and understood.topic is not None:
            return self._verdict(understood.topic, understood.helped, understood.question)
        if understood.topic is not None:
            if understood.more:
                return self._more(understood.topic)
            if understood.gist:
                return self._gist(understood.topic, briefly(understood.question) or "")
            if understood.again is not None:
                return self._again(understood.topic, understood.again, understood.shown, understood.after_whole)
            if understood.elsewhere is not None:
                return self._elsewhere(understood.topic, understood.elsewhere)
            if understood.done is not None:
                return self._next_steps(understood.topic, understood.done, understood.stuck_again, understood.act)
            return self._answer(understood.topic, 1.0)
        ranking = understood.ranking
        assert ranking is not None
        if self._side_by_side_of(understood):
            compared = (ranking.answer, *ranking.compared)
            named = [t for t in self.index.named_entries(understood.question) if t in compared]
            return self._side_by_side((*named, *compared), ranking.confidence)
        if ranking.answer is not None:
            reply = self._answer(ranking.answer, ranking.confidence, asked_too=understood.asked_too,
                                 also=self._compared_too(understood))
            if looks_foreign(understood.question):  # matched on the few words it shares with English
                reply = reply.model_copy(update={"text": f"{FOREIGN_GUESS}\n\n{reply.text}"})
            return reply
        if looks_foreign(understood.question):  # three unrelated suggestions would help no one
            return Reply(text="Sorry, I can only read English for now. " + CAN_HELP_WITH,
                         intent=Intent.OUT_OF_SCOPE, confidence=ranking.confidence, declined="not-english")
        if ranking.outcome is Outcome.UNSURE:
            return self._did_you_mean(ranking)
        return self._decline(ranking, understood.question)

    def _verdict(self, topic: str, helped: bool, question: str) -> Reply:
        """The reply to "that helped" or "that's wrong" after an answer.

        A miss offers the entries that came next for the same question, to pick by number, since
        the answer given was the engine's first choice, not its only one.
        """
        if helped:
            return Reply(text="Glad it helped! Ask me anything else about micro-credentials or badges.",
                         intent=Intent.FEEDBACK, confidence=1.0)
        # the runners-up that came close, then what staff relate to the entry that missed
        matches = self.index.search(question).matches if question else ()
        close = [m.topic for m in matches if m.topic != topic and m.score >= _CLOSE_RUNNER_UP * matches[0].score]
        others = list(dict.fromkeys([*close, *self.knowledge.entries[topic].related]))
        others = [t for t in others if t in self.knowledge.entries and t != topic][:3]
        sorry = "Sorry that missed. Staff will see this and improve the answer."
        if not others:
            return Reply(text=f"{sorry} Could you ask it in other words?", intent=Intent.FEEDBACK, confidence=1.0)
        return self._offer(others, f"{sorry} Did you mean one of these?", intent=Intent.FEEDBACK)

    def _answer(self, topic: str, confidence: float, also: tuple[str, ...] = (),
                asked_too: tuple[str, ...] = ()) -> Reply:
        """The entry's answer; `also`, the other platforms a comparison named, lead its related list;
        `asked_too`, the entries that answer the message's other questions, are named after it."""
        entry = self.knowledge.entries[topic]
        related = [r for r in dict.fromkeys([*also, *entry.related])
                   if r in self.knowledge.entries and r not in asked_too][:3]
        text = f"**{entry.title}**\n\n{entry.answer}"
        rest = [self.knowledge.entries[r].title for r in asked_too if r in self.knowledge.entries]
        if rest:
            text += "\n\nYou also asked about: " + "; ".join(rest) + " (say \"yes\" to read it next)"
        if entry.source_url:
            text += f"\n\nSource: {entry.source_url}"
        if related:
            text += "\n\nRelated: " + "; ".join(f"{i}. {self.knowledge.entries[r].title}"
                                                  for i, r in enumerate(related, 1))
        return Reply(
            text=text,
            intent=Intent.FAQ,
            topic=topic,
            confidence=confidence,
            card=Card(title=entry.title, body=entry.answer, source_url=entry.source_url),
            related=tuple(related),
            actions=(
                ReplyAction(kind=ActionKind.HELPFUL, label="Helpful", value=topic),
                ReplyAction(kind=ActionKind.NOT_HELPFUL, label="Not helpful", value=topic),
            ),
        )

    def _side_by_side(self, topics: tuple[str, ...], confidence: float) -> Reply:
        """"futurelearn vs coursera?": each platform's gist, in the order named, and each in full one
        number away. The first one's whole answer, with the other only offered, answered half the
        question."""
        related = tuple(dict.fromkeys(topics))[:_MAX_COMPARED]
        entries = [self.knowledge.entries[t] for t in related]
        heading = " or ".join(entry.names[0] for entry in entries) + "?"
        lines = [f"**{heading}**"]
        for entry in entries:
            lines += ["", f"**{entry.names[0]}**: {entry.parts[0]}"]
        lines += ["", "Say a number to read one in full: " + "; ".join(
            f"{i}. {entry.title}" for i, entry in enumerate(entries, 1))]
        text = "\n".join(lines)
        return self._answer(related[0], confidence).model_copy(update={
            "text": text, "card": Card(title=heading, body=text), "related": related})

    @staticmethod
    def _side_by_side_of(understood: _Understood) -> bool:
        """Whether a turn compares platforms (`Ranking.compared`) and asks nothing else: each one's
        gist is given, none in full, so a pick of either after it is no repeat."""
        ranking = understood.ranking
        return ranking is not None and ranking.answer is not None and bool(ranking.compared) \
            and not understood.asked_too and understood.topic is None

    def _more(self, topic: str) -> Reply:
        entry = self.knowledge.entries[topic]
        return self._aside(topic, [f"More on **{entry.title}**:", *(f"- {url}" for url in entry.sources)])

    def _gist(self, topic: str, asked: str = "") -> Reply:
        """The answer's first paragraph: entries open with the direct answer, the rest is detail.
        Where it does not name what a question in short asks and one line of the rest does, that
        line: "what a MOOC is in plain words" is the glossary's line on MOOCs, not its opening on
        courses and the records of them."""
        entry = self.knowledge.entries[topic]
        gist = entry.parts[0]
        wanted = self.index.telling_terms(asked) - self.index.name_terms(topic)
        if wanted and not wanted & set(self.index.analyzer.terms(gist)):
            lines = [line for part in entry.parts[1:] if (line := self._sentence_on(part, asked, topic))]
            naming = [line for line in lines if wanted & set(self.index.analyzer.terms(line))]
            gist = naming[0] if len(naming) == 1 else gist
        return self._aside(topic, [f"In short: {gist}", "",
                                   "Ask me about any part that is still unclear, or say *more* for where to read further."])

    def _again(self, topic: str, said: str = "", shown: str = "", after_whole: bool = False) -> Reply:
        """"why?", "how do I check that?" or "and edX?" on the answer just given: the whole answer
        again reads as not heard. The part of it that the turn names ("How to check:"), or else
        that there is no more, and who can say more. The part the reply before quoted (`shown`) is
        no answer to the next question: word for word again, it too reads as not heard; nor is a part
        that is most of the answer given whole before (`after_whole`), nor the sentence just quoted."""
        entry = self.knowledge.entries[topic]
        part = self._part_on(entry, said)
        said_of_it = self._item_on(part, said) if part is not None else None
        # (asked by another of its names, "canvas?" after Badgr's price, the same part says that
        # Canvas is Badgr: it is given again; and one line of it, "what format?" after the part on
        # backups, is no repeat but the answer picked out)
        quoted = (part is not None and bool(shown) and part in shown and said_of_it == part
                  and not self.index.named_entries(said))
        # ("ok but the old email is totally gone ... does that help?" got again the four items it had
        # just read, which are most of the answer on e-mail changes): its one line on what is asked, if one
        # says it (else the part, as "its from credly" after a badge that never arrived re-reads its steps)
        read = (after_whole and part is not None and part != entry.parts[0] and said_of_it == part
                and 2 * len(part) >= len(entry.answer))
        sentence = self._sentence_on(part, said, topic) if quoted or read else None
        if sentence is not None and f"As the answer above says: {sentence}" not in shown:
            # ("if i just ignore it?" after the answer on scams, whose paragraph says so in passing:
            # "what I quoted above is all" read as no answer)
            return self._aside(topic, [f"As the answer above says: {sentence}"])
        quoted = quoted or sentence is not None  # (the line it would quote was quoted just before)
        if part is not None and not quoted:
            if part == entry.parts[0]:  # its opening answers it, as briefly as the answer can
                return self._opening(topic)
            # "how long does it take?" of a platform (or a process): its own figure, and the general
            # entry one number away
            return self._aside(topic, [_part_head(entry.title), "", said_of_it],
                               first=self._general_entry(said, topic))
        named = [t for t in self.index.named_entries(said) if t != topic] if said else []
        if len(named) == 1 and (facet := self._facet_terms(entry.title)):
            # "and edX?" (or "no, I meant for edX") after what things cost, take or are worth: what
            # edX's own answer says of it, with the general answer one number away
            other = self.knowledge.entries[named[0]]
            if (part := self._part_saying(other, facet)) is not None:
                return self._aside(named[0], [_part_head(other.title), "", part], first=[topic])
        if said and self._asks_the_title(entry, said):
            return self._opening(topic)  # "is that more secure?" after "are blockchain certificates more secure?"
        if said and _FIXING.search(said) and (trouble := _trouble_part(entry)) is not None:
            # "how do i fix that?" after LinkedIn: its *Troubleshooting* (no heading names "fix")
            return self._aside(topic, [_part_head(entry.title), "", trouble])
        # Else no more than that, said plainly (its opening again read as not heard), and where to
        # read more; the entry the turn names is offered first.
        lines = [f"What I quoted above is all **{entry.title}** says about that." if quoted
                 else f"That's all I have on it: **{entry.title}** says nothing more specific about that."]
        if entry.source_url:
            lines += ["", f"Its source may say more: {entry.source_url}"]
        # ("how long does that take?" of a name change: the entry on time, one number away)
        # ("is it accredited?" after Google's certificates: the entry on accreditation)
        general = self._general_entry(said, topic)
        first = named or general or self._answered_alone(said, topic)
        if first and not named and not quoted and not _FIXING.search(said) \
                and (elsewhere := self._said_elsewhere(first[0], said)
                     or (general and self._of_them_both(said, topic, general[0]))):
            # another entry says it: "does it cost anything to accept?" after checking a badge is
            # costs' line that receiving one is free (a dead end, with it one number away, read as
            # no answer). Fixing "that" is about the answer's own problem ("how do I fix that?"
            # after a badge that never arrived is no misspelt name).
            other = self.knowledge.entries[first[0]]
            lead = f"**{entry.title}** says nothing more on that. From **{other.title}**:"
            return self._aside(other.id, [lead, "", elsewhere], first=[topic])
        return self._aside(topic, lines, first=first or self._guessed_alone(said, topic))

    def _said_elsewhere(self, topic: str, said: str) -> str | None:
        """What the entry `topic`, which answers a turn alone, says of what the turn names: the part
        that uses every telling word of it past how long, how much or whether worth it. None when
        the turn names nothing more ("how long does that take?" of a name change asks of the change,
        which the entry on how long courses take does not know), or no part uses it all."""
        entry = self.knowledge.entries[topic]
        asked = self.index.telling_terms(_without_idioms(said)) - _ASKING_WORDS
        if not asked:
            return None
        # (an opening that says it is the direct answer: "is it accredited?" gets "Some are ...", not
        # the part that says "accreditation" most, on how to check)
        opening = entry.parts[0]
        says_it = asked <= set(self.index.analyzer.terms(opening))
        part = opening if says_it else self._part_saying(entry, asked)
        if part is None or not asked <= set(self.index.analyzer.terms(part)) \
                or (part == opening and entry.names):  # (a platform's opening says what it is)
            return None
        return self._item_on(part, said)

    def _of_them_both(self, said: str, topic: str, general: str) -> str | None:
        """The opening of the `general` entry on how long, how much or whether worth it, where a turn
        asks it of "they", the things both it and `topic` are about (their titles name the same
        subject): "are they worth anything at all?" after whether micro-credentials are legitimate.
        None otherwise: "is that free?" after getting credit for one asks of getting credit, and
        "how long does that take?" of a name change is no course's time."""
        one, two = (self.knowledge.entries[t].title for t in (topic, general))
        shared = (self.index.telling_terms(_without_idioms(one))
                  & self.index.telling_terms(_without_idioms(two))) - _ASKING_WORDS
        return self.knowledge.entries[general].parts[0] if shared and _THEY.search(said) else None

    def _general_entry(self, said: str, topic: str) -> list[str]:
        """The entry that answers a facet turn ("how long does it take?") alone, when it is not
        `topic`: the general answer, to offer beside what `topic` says of it."""
        idioms = _idioms_in(said)
        general = self.index.search(said).answer if idioms else None
        # (one whose title asks it too: "how long does aid approval take?" alone found the name on
        # a badge, for "approve", which is no general answer on how long)
        if general is None or general == topic or not any(
                idiom.pattern.search(self.knowledge.entries[general].title) for idiom in idioms):
            return []
        return [general]

    def _answered_alone(self, said: str, topic: str) -> list[str]:
        """The entry a turn that asks no facet answers on its own, when it is not `topic`: where the
        answer just given has nothing more, the one that may."""
        answer = self.index.search(said).answer if said and not _idioms_in(said) else None
        return [answer] if answer is not None and answer != topic else []

    def _guessed_alone(self, said: str, topic: str) -> list[str]:
        """The entry a turn leads to on its own, unsure, when it is not `topic`: offered first where
        the answer just given has nothing more ("can i pay later for the certificate?" after
        Coursera's price, the entry on upgrading; it offered Coursera's related entries alone)."""
        alone = self.index.search(said) if said else None
        best = alone.best if alone is not None and alone.outcome is Outcome.UNSURE else None
        return [best.topic] if best is not None and best.topic != topic else []

    def _opening(self, topic: str) -> Reply:
        """An answer's opening, where it answers a follow-up."""
        return self._aside(topic, [f"In short: {self.knowledge.entries[topic].parts[0]}", "",
                                   "Say *more* for where to read further."])

    def _asks_the_title(self, entry: Entry, said: str) -> bool:
        """Whether every telling word of a turn is in the entry's title: the question its opening answers."""
        asked = self.index.telling_terms(said)
        return bool(asked) and asked <= set(self.index.analyzer.terms(entry.title))

    def _next_steps(self, topic: str, done: str, again: bool = False, act: bool = False) -> Reply:
        """After "i already checked spam" or "still nothing": the steps of the answer after the one
        done, or else those that say whom to turn to. Never the opening again: it told them to do it.
        Still stuck `again` after those: no step is left to give, and the same ones again would read
        as not heard. Asked to `act` ("can you resend it?"): whom to turn to, under `CANNOT_ACT`."""
        entry = self.knowledge.entries[topic]
        steps = [] if again else entry.steps
        named = self.index.telling_terms(done) if done else set()
        # the step done is the one that uses the most of its words ("a secondary email" names the step
        # that adds one, not the last step that mentions an e-mail)
        scores = [self._weight(named & set(self.index.analyzer.terms(step))) for step in steps]
        if scores and max(scores) > 0:
            rest = steps[scores.index(max(scores)) + 1:]
            lead = f"If you've done that, what's left in **{entry.title}**:"
        else:
            rest = [s for s in steps if _TURN_TO.search(s)]
            lead = f"Who can help, from **{entry.title}**:" if act else f"If that didn't help, from **{entry.title}**:"
            trouble = _trouble_part(entry)
            if not act and not again and trouble is not None:  # (LinkedIn's *Troubleshooting* part)
                return self._aside(topic, [f"If that didn't work, from **{entry.title}**:", "", trouble])
        if not rest:  # nothing left to try here: whom to turn to and where to read, not a dead end
            lines = [f"{'Those were all the steps' if again else 'That was all'} I have in **{entry.title}**. "
                     "For a badge or certificate of your own, the organisation that issued it, or the platform's "
                     "support team, can look at your case."]
            if entry.source_url:
                lines += ["", f"This answer's source may go further: {entry.source_url}"]
            return self._aside(topic, lines)
        if len(rest) > _MAX_STEPS:  # the last step is often whom to turn to: it is kept
            rest = rest[:_MAX_STEPS - 1] + rest[-1:] if _TURN_TO.search(rest[-1]) else rest[:_MAX_STEPS]
        lines = [lead]
        for step in rest:  # list items one under another; a blank line around anything else
            if not (LIST_ITEM.match(step) and LIST_ITEM.match(lines[-1])):
                lines.append("")
            lines.append(step)
        return self._aside(topic, lines)

    def _elsewhere(self, topic: str, place: str) -> Reply:
        """The answer just given, asked of a place no entry covers: its gist, said to be general,
        and recorded as unanswered so staff see which places learners ask about."""
        entry = self.knowledge.entries[topic]
        if entry.where:
            # an answer about one place is no general answer: "and in canada?" after the EU's approach
            lines = [f"I have nothing specific to {neutralize(place, 60)} on that. **{entry.title}** is about "
                     f"{entry.where[0]} only: ask your question again without a place for the general answer."]
        else:
            lines = [f"I have nothing specific to {neutralize(place, 60)} on that. What I can say in general: "
                     f"{entry.parts[0]}", "", "Say *more* for where to read further."]
        reply = self._aside(topic, lines)
        return reply.model_copy(update={"intent": Intent.OUT_OF_SCOPE, "declined": "no-match"})

    def _part_on(self, entry: Entry, said: str) -> str | None:
        """The part of an answer after its opening whose lead names more of `said` than any other,
        rarer words weighing more: "How to check:" for "how do I check that?", "**Renewing.**" for
        "how do I renew it?", "If you fail, ..." (not "Common forms of assessment") for "what if I
        fail the assessment?".
        Else the part that uses its words most (`_part_saying`), which may be the opening ("what is
        NZQA?" after the answer on NZQA); None when no part uses them."""
        asked = self._asked_in(said or "")
        # (nor is the platform's own name, which every part of its answer is about: "coursera.org/verify"
        # after Coursera's answer met its opening's "Coursera offers", not its verification link; unless
        # a part is headed by it, in an answer about two: "what about alison?" is *Alison.*, not *Udemy.*)
        # Nor the place an entry is about, as its opening names it ("can the credit count in a bachelor degree in
        # Spain" after Spain's answer met *Funded places.*, which names Spain, not *Towards a degree.*); a province
        # a later part names is what is asked ("is there a grant in alberta" after Canada's: *Elsewhere.*)
        part_terms = [set(self.index.analyzer.terms(part)) for part in entry.parts]
        own = (self.index.name_terms(entry.id) if entry.names else set()) | (
            self.index.where_terms(entry.id) & part_terms[0])
        if own:
            headed = {t for part in entry.parts[1:] for t in self._heading_terms(part)}
            asked -= own - headed
        if _ASKS_WHETHER_TO.search(said or "") and not _DONE_ALREADY.search(said or "") and (
                warning := next((part for part in entry.parts if self._warns(part, asked)), None)) is not None:
            # "so i click link or no?" asks whether to, which the part warning against it answers, not the part
            # headed "Clicked a link or paid?" for those who did
            return warning
        idioms = _idioms_in(said or "")
        in_passing = bool(asked) or bool(entry.names) or any(idiom.in_passing for idiom in idioms)
        for idiom in idioms:  # "how long does it take?" names a *Duration* or a *Length*
            asked |= set(self.index.analyzer.terms(idiom.heading))
        others = _parts_for_others(entry.parts, said or "")
        best, best_hits = None, (0.0, 0.0, 0.0)  # (the number of the part: the opening counts as none)
        # A heading that names what is asked beats one that names only where: "is that recognised
        # here in alberta", of a micro-credential from an Ontario college, is *Is it recognised?*,
        # not *Ontario.* (where alone, "and in ontario?", still finds *Ontario.*). Of headings naming
        # it alike, the part that says more of it: "does SAAS pay for part time" is *Paying in
        # Scotland, ...*, which names SAAS, not *Paying, in England.*
        subject = asked - self.index.place_terms(said or "")
        # (no part's heading naming it, an item's may: "expert track, what is that?" after
        # FutureLearn is its list's *ExpertTracks* item)
        for heading_of in (self._heading_terms, self._item_heading_terms):
            for number, part in enumerate(entry.parts):
                if number in others:
                    continue
                named = heading_of(part)
                hits = (self._weight(subject & named), self._weight(asked & named),
                        self._weight(asked & part_terms[number]))
                if hits[1] and hits > best_hits:
                    best, best_hits = (number or None), hits
            if best_hits[1]:
                break
        if best is not None and len(asked) > 1 and not asked <= part_terms[best]:
            # a heading that names one word of several is no match for a part that uses them all:
            # "can credly extend the date?" after expiry is its line on what Credly can't change,
            # not *Why a date?*; nor for one saying more of it than the heading and its part together:
            # "can a student use the LLE for a single 15 credit module?" is the line on modules under
            # *Paying*, not *Credit.*
            saying = [0.0 if number in others else self._weight(asked & terms)
                      for number, terms in enumerate(part_terms)]
            fuller = max(range(1, len(entry.parts)), key=saying.__getitem__)
            best = next((number for number in range(1, len(entry.parts))
                         if asked <= part_terms[number] and number not in others),
                        fuller if saying[fuller] >= saying[best] + best_hits[1] else best)
        if best is not None:
            return entry.parts[best]
        # no heading names it, or the opening's names it as well as any: the part whose words say
        # most of it ("and if I put it on LinkedIn and it expires?" after expiry: its LinkedIn line),
        # unless a word in passing is no answer (`_Idiom`: "is that free?" after credit transfer),
        # where the opening alone may still say it ("free Europass tools", for "is it free?")
        found = self._part_saying(entry, asked | self._facet_terms(said or ""), others)
        return found if in_passing or found == entry.parts[0] else None

    def _asked_in(self, said: str) -> set[str]:
        """The words a turn asks about, to find the part or sentence of an answer that says it. The
        idiom's own words are no subject ("many" in "how many hours?" met "Many non-credit ..."),
        nor is a question word ("who decides?" after credit transfer met "who issued it" in the part
        for registry staff, not the opening's "makes the final decision"), nor a "can't" ("i cant
        find the button" met edX's "can't be bought")."""
        # (nor an emphasis: "I asked about Udacity specifically" met its *"Meets Specifications"* item)
        plain = _EMPHASIS.sub(" ", _without_idioms(said))
        return self.index.telling_terms(plain) - _QUESTION_WORDS - NEGATIONS if plain.strip() else set()

    def _sentence_on(self, part: str, said: str, topic: str | None = None) -> str | None:
        """The one sentence of a part of prose, or the one item of a list, that says most of what a
        turn asks (its rarer words weighing more), or None: none using them, or two that tie. ("what
        about my job, would they pay for it" after a list of ways to pay is its line on employers.)
        The words naming what the entry `topic` is about (its platform, its place) are no part of what
        is asked: every sentence is about them ("how does an employer verify NPTEL certificate?"
        after India's entry quoted its line that NPTEL is run by the IITs, twice)."""
        found = self._scored_sentence(part, said, topic)
        return found[1] if found is not None else None

    def _scored_sentence(self, part: str, said: str, topic: str | None = None) -> tuple[float, str] | None:
        """`_sentence_on`, with how much of what is asked the sentence says."""
        asked = self._asked_in(said)
        if topic is not None:
            asked -= self.index.name_terms(topic) | self.index.where_terms(topic)
        # (a part's bold heading that ends itself is no sentence of it: "If yours was revoked." quoted
        # alone said nothing; "**If a check fails** (...), ask ..." runs on into its sentence)
        body = part
        if part.startswith("**") and (heading := lead_of(part)).endswith((".", ":", "?")):
            body = part[len(heading) + 4:].removeprefix(":").lstrip()
        body = body.replace("**", "")
        if any(LIST_ITEM.match(line) for line in part.split("\n")):
            said_in = [" ".join(item.split()) for item in _LIST_ITEMS.split(body)[1:]]
        else:
            said_in = _SENTENCE.split(" ".join(body.split()))
        # ("whats the website for ...": the sentences that give one, sharing a word with the turn or not)
        addressed = [one for one in said_in if _WEB_ADDRESS.search(one)] if _ASKS_ADDRESS.search(said) else []
        said_in = addressed or said_in
        bonus = 1.0 if addressed else 0.0  # (a sentence giving an address answers, whatever words it shares)
        scored = sorted(((self._weight(asked & set(self.index.analyzer.terms(sentence))) + bonus, sentence)
                         for sentence in said_in if sentence), reverse=True)
        if not scored or scored[0][0] == 0 or (len(scored) > 1 and scored[1][0] == scored[0][0]):
            return None
        return scored[0]

    def _sentence_answering(self, entry: Entry, said: str) -> str | None:
        """The one sentence after an answer's opening that says most of what a turn asks, to put first
        when it asks for a yes or no; None when the opening says it as well, or two sentences tie."""
        found = sorted(((scored[0], number, scored[1]) for number, part in enumerate(entry.parts)
                        if (scored := self._scored_sentence(part, said, entry.id)) is not None),
                       key=lambda f: f[0], reverse=True)
        if not found or found[0][1] == 0 or (len(found) > 1 and found[1][0] == found[0][0]):
            return None
        return found[0][2]

    def _item_on(self, part: str, said: str) -> str:
        """Of a part that lists, its lead and the one item that names every telling word of a turn:
        "and on credly?" after a name change is Credly's line, not every platform's again. Else the
        one item whose bold lead names a word of it that no other item uses: "is the experttrack
        recognised by PMI?" after FutureLearn is its *ExpertTracks* line, though no line names PMI.
        The whole part when no item, or more than one, does."""
        asked = self.index.telling_terms(_without_idioms(said))
        lines = part.split("\n")
        items = [n for n, line in enumerate(lines) if LIST_ITEM.match(line)]
        naming = [n for n in items if asked <= set(self.index.analyzer.terms(lines[n]))] if asked else []
        if not naming and asked:
            # (a word the other items use too heads none: "which wallet should i use?" is every wallet)
            used = {n: set(self.index.analyzer.terms(lines[n])) for n in items}
            led = {n: asked & set(self.index.analyzer.terms(lead_of(lines[n]))) for n in items}
            naming = [n for n in items if led[n] - set().union(*(used[m] for m in items if m != n))]
        if len(items) < 2 or len(naming) != 1:
            return part
        facet = self._facet_terms(said)
        if facet and not facet & set(self.index.analyzer.terms(lines[naming[0]])):
            # ("how much does a micromasters cost?": its item says nothing of price, the list does)
            return part
        lead = "\n".join(lines[:items[0]]).strip()
        return f"{lead}\n\n{lines[naming[0]]}" if lead else lines[naming[0]]

    def _facet_terms(self, said: str) -> set[str]:
        """The words a part uses when it speaks to how long, how much or whether worth it (`_IDIOMS`)."""
        return {t for idiom in _idioms_in(said)
                for t in self.index.analyzer.terms(f"{idiom.heading} {idiom.body}")}

    def _facet_only(self, text: str) -> bool:
        """Whether a turn asks only how long, how much or whether worth it ("is it worth it?"): a
        facet of what "it" stands for, which names no new subject (as "what about Canada?" does)."""
        rest = _without_idioms(text)
        return rest != text and not self.index.telling_terms(rest)

    def _facet_of_nothing_new(self, text: str, answer: str | None) -> bool:
        """Whether a turn asks how long, how much or whether worth it, of nothing that the entry it
        lands on alone is about: "how long do they usually take to reply?" (the issuer, after whom
        to contact) is no question on how long a micro-credential takes; "how long does a
        micro-credential take?" names what that entry is about."""
        if self._facet_only(text):
            return True
        if not self._facet_terms(text) or answer is None:
            return False
        return not self.index.subject_of(self.index.telling_terms(_without_idioms(text)), answer)

    def _speaks_to(self, text: str, topic: str | None, under_a_heading: bool = False) -> bool:
        """Whether the entry just answered says, past its opening, something of how long, how much or
        whether worth it, as a short turn asks of it: a platform's entry anywhere ("is it free?" after
        Coursera), any other under a heading that starts with it ("is there a free way to do it?"
        after issuing badges: its *What it costs*). Elsewhere a word in passing is no answer: "weeks"
        in what a micro-credential is does not say how long one takes. `under_a_heading` asks a
        platform's entry for a heading too ("how much does coursera cost?" asked first: its "check
        the programme page for the price" is no answer to give before the general one)."""
        entry = self.knowledge.entries.get(topic or "")
        if entry is None or not (facet := self._facet_terms(text)):
            return False
        if not entry.names or under_a_heading:
            return bool(self._parts_headed(entry, facet))
        return any(facet & set(self.index.analyzer.terms(part)) for part in entry.parts[1:])

    def _parts_headed(self, entry: Entry, facet: set[str]) -> list[str]:
        """The parts after an answer's opening whose heading starts with one of `facet`'s words (a
        heading names its subject first: "the first time" is no *Time*)."""
        return [part for part in entry.parts[1:] if facet & set(self.index.analyzer.terms(lead_of(part))[:2])]

    def _part_saying(self, entry: Entry, asked: set[str], others: frozenset[int] = frozenset()) -> str | None:
        """With no heading naming them, the part that uses the most of the asked words, rarer
        words weighing more and then how often it uses them ("how many hours is that?" after
        credits: the *Size* part, which counts them), the opening included; None when no part uses
        them. (By use alone,
        an opening that says "expire" five times outweighed the line on LinkedIn asked about.)"""
        best, best_hits = None, (0.0, 0.0, False)
        for number, part in enumerate(entry.parts):
            if number in others:  # (written for another side: `_parts_for_others`)
                continue
            used = [t for t in self.index.analyzer.terms(part) if t in asked]
            if all(t.isdigit() for t in used):  # (a number alone is no subject: "600 staff" met "600 by 600 pixels")
                continue
            hits = (self._weight(set(used)), math.fsum(self.index.idf[t] for t in used), self._warns(part, asked))
            if hits > best_hits:
                best, best_hits = part, hits
        return best

    def _warns(self, part: str, asked: set[str]) -> bool:
        """Whether a part warns against doing what is asked of ("Don't click the link"): of two parts
        that say it alike, the one to give to "should i click it?" after a badge nobody expected,
        rather than the opening's "click the accept button"."""
        warned = {t for found in _WARNING.finditer(part) for t in self.index.analyzer.terms(found.group(1))}
        return bool(warned & asked)

    def _aside(self, topic: str, lines: list[str], first: list[str] | None = None) -> Reply:
        """A reply about the entry just answered (its sources, its gist), offering its related
        entries, after `first` (the entries the turn named)."""
        entry = self.knowledge.entries[topic]
        related = [r for r in dict.fromkeys([*(first or ()), *entry.related]) if r in self.knowledge.entries][:3]
        if related:
            lines.append(_ALSO_ASK)
            lines += [f"{i}. {self.knowledge.entries[r].title}" for i, r in enumerate(related, 1)]
        return Reply(
            text="\n".join(lines),
            intent=Intent.FAQ,
            topic=topic,
            confidence=1.0,
            card=Card(title=entry.title, body=entry.answer, source_url=entry.source_url),
            related=tuple(related),  # numbers pick from them, as from an answer's Related line; "ok" picks nothing
            actions=tuple(ReplyAction(kind=ActionKind.SUGGESTION, label=self.knowledge.entries[r].title, value=r)
                          for r in related),
        )

    def _did_you_mean(self, ranking: Ranking) -> Reply:
        return self._offer(ranking.suggestions(3), "I'm not sure I understood. Did you mean:",
                           intent=Intent.OUT_OF_SCOPE, confidence=ranking.confidence, declined="unsure")

    def _offer(self, topics: list[str], lead: str, intent: Intent, confidence: float = 1.0,
               declined: str | None = None) -> Reply:
        """Numbered topics to pick from, with a button each; the pick is read by `followups`."""
        topics = [t for t in topics if t in self.knowledge.entries]
        titles = [self.knowledge.entries[t].title for t in topics]
        lines = [lead]
        lines += [f"{i}. {title}" for i, title in enumerate(titles, 1)]
        lines.append("Pick one, or ask in other words.")
        return Reply(
            text="\n".join(lines),
            intent=intent,
            confidence=confidence,
            declined=declined,
            suggestions=tuple(topics),
            actions=tuple(ReplyAction(kind=ActionKind.SUGGESTION, label=title, value=topic)
                          for topic, title in zip(topics, titles)),
        )

    def _decline(self, ranking: Ranking, question: str) -> Reply:
        if ranking.decline is not None:
            group = ranking.decline
            if (beside := self._entry_beside_decline(ranking, question)) is not None:
                return self._offer([beside], f"{group.reply.strip()}\n\nWhat I can tell you about it:",
                                   intent=Intent.OUT_OF_SCOPE, confidence=ranking.confidence, declined=group.id)
            return Reply(text=group.reply.strip(), intent=Intent.OUT_OF_SCOPE,
                         confidence=ranking.confidence, declined=group.id)
        return Reply(text="I don't have an answer for that. " + CAN_HELP_WITH + " Type *help* for examples.",
                     intent=Intent.OUT_OF_SCOPE, confidence=ranking.confidence, declined="no-match")

    def _entry_beside_decline(self, ranking: Ranking, question: str) -> str | None:
        """A platform's own refund or cancelling stays with its support, but what the base says of
        that platform may be what the asker needs next ("forgot to cancel the coursera free trial,
        can i get a refund": how the trial charges and where the cancel button is): the entry on a
        platform the question names whose subject it asks about, beyond the name ("I forgot my
        Credly password" gets no "What is Credly?")."""
        entries, platforms = self.knowledge.entries, self.index.named_entries(question)
        if not platforms and ranking.decline is not None:
            # With no platform named, an entry that staff tagged with the very words declined ("can I
            # get a refund since I failed?": the general answer on costs, tagged "refund", says what
            # refund windows are like) is what to read next.
            tagged = self.index.tagged_by_decline(question, ranking.decline)
            ranked = [m.topic for m in ranking.matches]  # (of several so tagged, the one nearest the question)
            return min(tagged, key=lambda t: (ranked.index(t) if t in ranked else len(ranked), t), default=None)
        named = {name for topic in platforms for name in entries[topic].names}
        asked = self.index.telling_terms(question).difference(*map(self.index.name_terms, platforms))
        return next((m.topic for m in ranking.matches if named & set(entries[m.topic].names)
                     and m.score >= UNSURE_FLOOR and self.index.subject_of(asked, m.topic)), None)

    def _greeting(self, text: str) -> Reply:
        reply = {
            "thanks": "You're welcome! Ask me anything else about micro-credentials or badges.",
            "unhelped": "Sorry I couldn't help more. If you ask again in other words, I'll try again.",
            "bye": "Goodbye! Come back any time you have a question about credentials or badges.",
            "ack": "Anything else I can help with? Ask me about micro-credentials or badges.",
        }.get(greeting_kind(text), "Hello! I'm credbot. " + CAN_HELP_WITH + " What would you like to know?")
        return Reply(text=reply, intent=Intent.GREETING, confidence=1.0)

    def _help(self, person: bool = False) -> Reply:
        lead = ("I'm credbot, an automated assistant: my answers come from a knowledge base that staff "
                "keep up to date.")
        if person:
            lead += (" I can't pass you to a person, but questions I can't answer are kept for staff."
                     " For an account, password or billing problem, the platform's own support is"
                     " quickest; for your own credential, the organisation that issued it.")
        lines = [f"{lead} {CAN_HELP_WITH}", "", "Try asking:"] + [f"- {q}" for q in EXAMPLES]
        lines += ["", "You can also ask about your own badges (\"what badges do I have?\")."]
        return Reply(text="\n".join(lines), intent=Intent.HELP, confidence=1.0)

    def _credbot_answer(self, about: AboutCredbot) -> str:
        """The fixed answer about credbot itself, with whom to write about one's data where staff named
        someone (a learner asking for a name or an address for her erasure request got none)."""
        text = _ABOUT_CREDBOT[about]
        if about in (AboutCredbot.RECORDS, AboutCredbot.MY_BADGES_HERE):
            text += (f"\n\nAbout your data, write to: {self.privacy_contact}" if self.privacy_contact else
                     "\n\nThe staff here have not given me a contact for data questions: ask whoever told you "
                     "about credbot (your college, employer or community) who their data protection contact is.")
        return text

    @staticmethod
    def _notice(text: str) -> Reply:
        """A fixed answer about credbot itself (`_ABOUT_CREDBOT`)."""
        return Reply(text=text, intent=Intent.HELP, confidence=1.0)

    def _prompt(self) -> Reply:
        return Reply(text="Ask me a question about micro-credentials or digital badges, or type *help*.",
                     intent=Intent.HELP, confidence=1.0)

    # --- clicks -----------------------------------------------------------------------------

    async def _act(self, incoming: Incoming) -> Reply:
        action = incoming.action
        assert action is not None
        if action.kind is ActionKind.SUGGESTION or action.kind is ActionKind.POST_AS_REPLY:
            if action.value not in self.knowledge.entries:
                return Reply(text="That topic is no longer in the knowledge base. Please ask again.",
                             intent=Intent.OUT_OF_SCOPE, private=True)
            reply = self._answer(action.value, 1.0)
            if action.kind is ActionKind.SUGGESTION:
                self._remember(incoming.conversation_key,
                               _Understood(topic=action.value, question=self.knowledge.entries[action.value].title),
                               reply)
            return reply.model_copy(update={"private": False, "in_thread": True})
        if action.kind in (ActionKind.HELPFUL, ActionKind.NOT_HELPFUL):
            helpful = action.kind is ActionKind.HELPFUL
            if action.value in self.knowledge.entries:
                ctx = self.conversations.get(incoming.conversation_key)
                question = ctx.last_question if ctx.last_topic == action.value else None
                self.recorder.feedback(incoming, action.value, helpful, question)
            text = "Thanks for the feedback!" if helpful else (
                "Thanks for telling me. Staff will see this and improve the answer.")
            return Reply(text=text, intent=Intent.FEEDBACK, topic=action.value, private=True, confidence=1.0)
        if action.kind is ActionKind.SHARE:
            return await self.badges.share(incoming, action.value)
        return Reply(text=f"I don't know the action {neutralize(str(action.kind))!r}.",
                     intent=Intent.OUT_OF_SCOPE, private=True)
