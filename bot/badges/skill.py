"""The badge dialogs: the engine's `BadgeSkill` on the badge store.

"what badges do I have?", "when does my Scrum badge expire?", "how close am I to the Data Analytics
certificate?", "share my SQL badge", a badge file or pasted JWS/JSON/URL to check. Every reply about
a learner's badges is private; only the owner asking to share one makes a public reply. A chat user
not linked to a learner yet is told how to get linked, and the request is kept for staff.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable, Sequence

from rapidfuzz import fuzz

from bot.badges import credly, sharing
from bot.badges.fetch import FetchError, Fetcher
from bot.badges.openbadges import UNKNOWN_ISSUER, NotABadge
from bot.badges.settings import BadgeSettings
from bot.badges.store import Account, AwardView, BadgeStore
from bot.badges.verify import BadgeUnreachable, Report, verify_bytes
from bot.conversation import Context
from bot.english import is_everyday
from bot.followups import asks_more, picked, stays
from bot.messages import ActionKind, Incoming, Intent, Reply, ReplyAction
from bot.safety import neutralize
from bot.understanding import (SENTENCE_END, asking_clauses, asks_how_to_link, asks_something, badge_named,
                               credential_in, may_name_a_badge, may_name_own_badge, names_a_platform, normalize,
                               status_asked, withdraws_link_request)
from knowledge.schema import Pathway, PathwayStep, badge_key, name_words

LIST_LIMIT = 20
CHOICES_LIMIT = 25  # Discord shows at most 25 autocomplete choices
CHOICE_LABEL_LIMIT = 100  # and cuts each one at 100 characters
STATUS_WORDS = {
    "verified": "verified", "expired": "EXPIRED", "revoked": "REVOKED", "unverified": "unverified",
    "invalid": "INVALID",
}
# What each status means, for "what does unverified mean?" after a list or a badge that shows one.
STATUS_MEANINGS = {
    "verified": "**Verified** means I checked the badge and it holds up: its data is intact (the signature or the "
                "issuer's hosted copy matches), the issuer is confirmed as the one who issued it, and it has not "
                "been revoked.",
    "unverified": "**Unverified** means I could not check the badge all the way, not that it is fake. Usually the "
                  "issuer's server could not be reached, the key that signed it came from the badge itself (so it "
                  "proves the badge is intact but not who issued it), or its revocation list could not be read. "
                  "Its page on the issuer's own site is the place to confirm it; staff can check it again later.",
    # (nothing about it being genuine: a roster's badge, or one checked offline, expires unchecked)
    "expired": "**Expired** means the badge's end date has passed: it still shows what you achieved, but not "
               "that it is current, and anyone who checks it sees the date. Ask the issuer whether it can be "
               "renewed.",
    "revoked": "**Revoked** means the issuer has withdrawn the badge, so it no longer counts, and anyone who checks "
               "it is told so. If you think that is a mistake, contact the issuer.",
    "invalid": "**Invalid** means the badge fails verification: its data does not match its signature or the "
               "issuer's hosted copy, so it may have been changed since it was issued. Ask the issuer for a "
               "fresh copy.",
}
# "what's missing?", "what should I take next?" after a pathway's progress: that pathway again
_PATHWAY_AGAIN = re.compile(r"^(so |ok |and )?(whats|what is|what|what am i|what do i|what else do i|which ones? (am i|are)|"
                            r"what should i (take|do|get))( still)? (missing|left|next|need|take next|do next|get next|"
                            r"need next|need to do|missing then)( then| now)?$|^(what|whats|what is) next$|^(and |so )?how many more$|"
                            r"^(so |and |ok )?how (close|far) am i( (from|to) (it|that|this|that one|this one))?( now)?$")
# what a pathway's issuer, not credbot, knows of it
_OF_THE_COURSE = re.compile(r"\b(how long|how many (hours|weeks|months)|cost|costs|price|fee|fees|pay|credits?|ects|"
                            r"sign up|enrol|enroll|register|apply|who runs|university)\b")
_ELLIPTIC = re.compile(r"^(and|what about|how about|and for|and the|and what about)\b")
# "and on my website?" after one of the learner's badges: sharing it there
_ELSEWHERE_TOO = re.compile(r"^(and |what about |how about |also )?(on |to |in )?(my )?(website|site|blog|cv|resume|"
                            r"portfolio|twitter|x|facebook|instagram|email signature|signature|github)( too| as well)?$")
# "which ones are expired?" after the learner's list: those of it
_WHICH_STATUS = re.compile(r"^(so |and |ok )?(which|what)( ones?| of them| of these| badges?)?( of them)? (are|is|have|has)"
                           r"( been| still)? (?P<status>expired|revoked|verified|valid|unverified|invalid)( then| now)?$")
# "the revoked one" after the learner's list: the badge of it with that status
_THE_STATUS_ONE = re.compile(r"^(and |so |ok )?((what|how) about |show me |open |(?P<share>share|post) )?the "
                             r"(?P<status>expired|revoked|verified|valid|unverified|invalid) (one|badge)"
                             r"( (on|to) (linkedin|my profile))?$")
# Awards known from a listing only, with no document to verify (`store.Listed`, by its format), and where from.
_LISTED_ONLY = {"staff roster": "recorded by staff from a roster", "Credly profile entry": "listed on your public Credly profile"}
_NO_PROGRESS = ("Your chat account is not linked to your badges yet, so I can't show your progress: say \"my "
                "badges\" to ask staff to link it.")
# "how long does that take?" after being told the account is not linked yet
_ABOUT_LINKING = re.compile(r"^(ok |so |and |but )?(how long (does|will) (that|it|this|linking)( take)?|when will (that|it|this|i)"
                            r"( be)?( happen| done| linked)?|(why|how come) (am i|is it|is my account) not linked|"
                            r"why not|what do i do( now| then)?|who (links|does) (it|that|this)|how do i get linked|"
                            # "how do i add one?": how badges get into credbot (it met sharing on LinkedIn)
                            r"how (do|can) i (add|get|put|import|upload) (one|some|them|it|mine|badges|my badges)"
                            r"( (in|into|to) (here|credbot|it|this))?( then)?)$")
# "how do i send u a file, this is just a chat": how a badge reaches credbot where nothing can be attached
_HOW_TO_SEND = re.compile(r"\bhow (?:do|can|would|should) i (?:send|give|attach|upload) (?:you |u |it |this |that )?"
                          r"(?:a |the |my |one |that )?(?:badge )?(?:file|badge|png|svg|json|it|one)\b")
_WITHDRAWN = ("Done: I've withdrawn your request to be linked, and your chat account is no longer kept for it. Ask for "
              "your badges again whenever you want to be linked.")
_SEND_ONE = ("Until then I can still check a badge for you: attach its file (PNG, SVG or JSON) to a message, or "
             "paste its public link or its JSON here.")
# "is it mine?" after one of the learner's badges: whose address it was issued to
_IS_IT_MINE = re.compile(r"^(so |and |but |ok )?(is (it|this|that)( really| actually)? (mine|in my name|my badge|for me)|"
                         r"was (it|this|that) (issued|awarded|given) to me|is it issued to me|whose (badge )?is (it|this|that))$")
# what a learner does about a badge of theirs with that status (a learner whose badge was revoked asked
# whether credbot could undo it, whether to take it off LinkedIn, and whom to appeal to)
_WHAT_TO_DO = {
    "revoked": "Only the issuer can reverse it: I can't, and neither can the badge platform. Ask them why and how "
               "to appeal. Until they restore or replace it, anyone who checks it is told it is revoked, so take it "
               "off your LinkedIn profile and CV, or update the entry if a new badge replaces it.",
    "unverified": "It says nothing against you. To have it confirmed, ask the issuer for the badge's page on their own "
                  "site, or for a copy signed with a key they publish, and share that link: an employer can check it.",
}
# whether one of theirs is a fake, asked after it was shown
_FAKE_ASKED = re.compile(r"\b(does|do) (that|this|it) mean (that )?(its|it is|it s|it|the badge is|my badge is)( a)? (fake|"
                         r"forged|not real|invalid|worthless)\b|\bwill (an |my |the )?employers? think (i|its|it is) "
                         r"(made it up|fake|faked it)\b")
# a badge of one's own said in passing: "next to my Teamwork one"
_ONE_OF_MINE = re.compile(r"\b(my|mine|the (\w+ ){1,3}one)\b")
# "Issuer not confirmed", a line of credbot's own verification report, asked about
_ISSUER_NOT_CONFIRMED = re.compile(r"\bissuer (not|isnt|is not|wasnt|was not|un) ?confirmed\b|\bnot confirmed issuer\b")
_ISSUER_NOT_CONFIRMED_MEANS = (
    "**Issuer not confirmed** means the signature checks, so the badge has not been altered since it was signed, "
    "but I could not tie the key that signed it to the issuer: the key came with the badge itself, or the issuer's "
    "profile, which should list it, does not or could not be reached. Anyone can sign a badge with a key of their "
    "own, so only a key the issuer publishes shows who issued it. It does not mean the badge is fake: ask the "
    "issuer for a copy signed with a key listed in their profile (or a did:web they control), or for the badge's "
    "page on their own site, and share that.")
# asked to delete one of the learner's badges, here
_DELETE_MINE = re.compile(r"^(?:(?:please|pls|can you|could you|i want to|i want you to|just) )*(?:delete|remove|erase|"
                          r"get rid of) (?:my|the|this|that|it)\b|\b(?:delete|remove|erase|get rid of)\b.{0,40}?"
                          r"\bfrom (?:my|the|this) (?:list|record|account here)\b")
_NOT_DELETED = ("I can't delete a badge, and nobody else sees your list here: I show it only to you. If it was added "
                "to your record by mistake, the staff who run credbot can remove it: ask them, naming the badge. The "
                "badge itself stays with its issuer; on a platform such as Credly you can usually make it private "
                "or take it off your profile.")
# "can I appeal it?" after one badge: what its status means and whom to ask (it got how badges are earned)
_APPEAL = re.compile(r"^(so |and |but |ok )?(can|could|how (do|can|could|would|should)) i (even )?(appeal|challenge|"
                     r"dispute|contest)( it| this| that| the decision| the revocation)?( then)?$")
# "what about my other badge?" after one of two listed
_THE_OTHER = re.compile(r"\b(the|my) other (one|badge|credential|certificate|cert|award)\b")
# "so is it fake?" after a pasted badge's report: what its status means
_IS_IT_REAL = re.compile(r"^(so |ok |and |but )?(is it|is this|is that|so its|its|it is|thats|that is)( really| actually)? "
                         r"(real|fake|genuine|legit|valid|ok|okay|trustworthy)( or (not|fake|real))?( then)?$|"
                         # "so does that mean its fake??" after a report that could not verify all the way
                         r"^(so |ok |but )?(does|do) (that|this|it) mean (that )?(its|it is|the badge is|this is|"
                         r"it s)( a)? (fake|forged|not real|not genuine|invalid|scam)$")
# Words that say which badge only in the sense of "a badge", never as part of a name.
_FILLER = frozenset("""
a an the my me i is it its of to for in on and or do does did when what which how still valid
badge badges credential credentials certificate certificates cert microcredential expire expires expiry
expired when whats issued issuer who show tell about details detail status verify verified share
linkedin post add profile link url please with can you is are was will have has get got earned
yet already now ever currently any one
put open see view close far am twitter facebook instagram x website cv resume ok okay fine good up whats
going active current want like would id let help need embed display include upload portfolio signature email
why revoked invalid unverified mean means wrong broken
doesnt dont isnt arent wasnt didnt doesn don isn aren wasn didn t s count counts counted counting toward towards anymore
""".split())
_SHARE_WORDS = re.compile(r"\b(share|linkedin|add (it )?to (my )?profile|post (it|my)|embed|website|resume|cv|"
                          r"portfolio|twitter|facebook|instagram|email signature)\b", re.I)
# words around a question on the pathways that name none ("what pathways does our uni have")
_NOT_A_PATHWAY = frozenset("there track know exist available offer list our uni university school college institution "
                           "faculty department here this run stackable badge follow take".split())
_PATHWAY_WORDS = re.compile(r"\b(how close|how far|left|missing|still need|remaining|next|pathways?|progress|"
                            r"towards?|complete|finish|stack)\b", re.I)


# "how close am I ...", "my progress": a question about the asker's own progress, not the pathway
_ABOUT_ME = re.compile(r"\b(i|i'm|im|me|my|mine|am i)\b", re.I)
# my own progress asked ("how close am I to ...", "track my progress"), not a story told in the first
# person around a question on the pathways ("someone in my cohort said ... what pathways exist")
_MY_PROGRESS = re.compile(r"\b(how (close|far) (am i|i am|im)|my progress|(am i|i am|im) (missing|close|near)|"
                          r"(do|did) i (need|have|still need)|i (still )?need|have i|my badges?)\b", re.I)
# where a question names the pathway it asks of: "how close am I to the AWS certificate?"
_NAMED_GOAL = re.compile(r"\b(?:to|towards?|for|of) (?:the |my |a |an )?(?P<name>[^?.!]+)", re.I)


def _goal_words(text: str) -> list[str]:
    """The words that name the pathway a question asks of, after "to", "for" or "of" ("how close am I to
    the AWS certificate?"); none where it names none ("what pathways does our uni have": no unknown
    pathway called "our uni"). Read in the last sentence that speaks of pathways: in "I'm planning to stack
    a few badges into something bigger. What pathways are there here?" no pathway is named."""
    speaking = [s for s in SENTENCE_END.split(text.strip()) if _PATHWAY_WORDS.search(s)]
    goal = _NAMED_GOAL.search(speaking[-1] if speaking else text)
    return _words(goal.group("name")) if goal else []


def _needs(pathway: Pathway) -> str:
    """How many of a pathway's badges it takes: "3 badges", or "any 3 of 4 badges"."""
    count, required = len(pathway.steps), pathway.required or len(pathway.steps)
    return f"{count} badge{'s' if count > 1 else ''}" if required >= count else f"any {required} of {count} badges"


def _words(text: str) -> list[str]:
    return name_words(text)


def _norm(name: str) -> str:
    """Names compared with case and punctuation ignored (as pathways.yaml promises, and `kb check` reads them)."""
    return badge_key(name)


def _same_word(a: str, b: str) -> bool:
    return a == b or (len(a) > 3 and fuzz.ratio(a, b) >= 85)


def _match_score(name: str, said: list[str]) -> float:
    """How much of `name` the user said (0..1), forgiving typos."""
    wanted = [w for w in _words(name) if w not in _FILLER] or _words(name)
    if not wanted or not said:
        return 0.0
    hits = sum(1 for w in wanted if any(_same_word(w, s) for s in said))
    return hits / len(wanted)


def _fits(name: str, said: list[str]) -> bool:
    """Whether the user named this badge: at least half of its name, in words that are mostly its
    own, or nothing but words of it.

    "my python badge" names "Python Programming Basics"; "the data viz badge" does not name
    "Spreadsheets for Data Analysis", though "data" is in both, nor "my cybersecurity foundations
    badge" "SQL Foundations", though "foundations" is half of its name.
    """
    named = [w for w in said if w not in _FILLER]
    words = _words(name)
    inside = [w for w in named if any(_same_word(w, n) for n in words)]
    if _match_score(name, said) >= 0.5 and len(inside) > len(named) - len(inside):
        return True
    # nothing but words of it; one everyday word alone ("what data is in my badge?") names nothing
    return bool(named) and len(inside) == len(named) and (
        len(named) > 1 or not is_everyday(named[0]))


def _safe_url(url: str | None) -> str | None:
    if not url or not url.startswith(("https://", "http://")) or re.search(r"[\s<>|\"']", url):
        return None
    return url


def _inert(line: str, limit: int = 400) -> str:
    """Our own sentence with document text inside: no pings, no markup, parentheses and e-mails kept."""
    line = re.sub(r"<[!@#/&][^>]*>", "", line)
    line = re.sub(r"@(everyone|here|channel|all)\b", r"\1", line, flags=re.I)
    line = re.sub(r"(^|\s)@", r"\1", line)
    line = re.sub(r"[<>*_~`|]", "", " ".join(line.split()))
    return line if len(line) <= limit else line[: limit - 1] + "\u2026"


def _newest_of_each_name(awards: list[AwardView]) -> list[AwardView]:
    """The newest award of each name (`awards` come newest first), at most five to choose from."""
    return list({a.name: a for a in reversed(awards)}.values())[::-1][:5]


def _numbered(options: list[AwardView], lead: str, tail: str) -> Reply:
    """A question back between the learner's badges, numbered and remembered as a list, so that "2"
    (or a name) then answers it."""
    lines = [f"{n}. **{neutralize(a.name, 80)}** from {neutralize(a.issuer, 60)}" for n, a in enumerate(options, 1)]
    return Reply(text="\n".join([lead, *lines, tail]), intent=Intent.BADGE_DETAIL, private=True,
                 awards=tuple(str(a.id) for a in options))


def _gone() -> Reply:
    """A badge picked by its id (from a list or a button) that is no longer the asker's."""
    return Reply(text="That badge is no longer among yours. Say \"my badges\" to see your list as it is now.",
                 intent=Intent.BADGE_DETAIL, private=True)


def _date(moment) -> str:
    return f"{moment:%Y-%m-%d}" if moment else "not given"


class BadgeSkill:
    """Implements the engine's BadgeSkill protocol on a `BadgeStore`."""

    def __init__(self, store: BadgeStore, *, pathways: Callable[[], Sequence[Pathway]] = lambda: (),
                 settings: BadgeSettings | None = None, fetcher: Callable[[], Fetcher] | None = None):
        self.store = store
        self.pathways = pathways
        self.settings = settings or BadgeSettings()
        self._fetcher = fetcher or (lambda: Fetcher(offline=self.settings.offline, timeout=self.settings.http_timeout,
                                                    max_bytes=self.settings.max_bytes,
                                                    private_hosts=self.settings.private_hosts))

    # --- the protocol ------------------------------------------------------------------------

    async def my_badges(self, incoming: Incoming, start: int = 0) -> Reply:
        """The learner's badges, newest first, `LIST_LIMIT` at a time from number `start` + 1."""
        learner = await self._learner(incoming)
        if learner is None:
            return await self._unlinked(incoming, Intent.MY_BADGES)
        awards = (await asyncio.to_thread(self.store.awards, learner, limit=start + LIST_LIMIT + 1))[start:]
        if start and not awards:
            return Reply(text=f"That was all of them: you have {start} badge{'s' if start > 1 else ''} in credbot.",
                         intent=Intent.MY_BADGES, confidence=1.0, private=True)
        # "how do I link my account?" from someone linked already: say so, and who adds badges
        linked = ("Your chat account is already linked to your learner record. Staff add badges to it (from a "
                  "roster, your Credly profile or your Badgr backpack), so ask them if one is missing. "
                  if asks_how_to_link(incoming.text) else "")
        if not awards:
            return Reply(text=linked + "You have no badges in credbot yet. Send me a badge file (PNG, SVG or JSON) "
                                       "to check it, or ask staff to import your badges.",
                         intent=Intent.MY_BADGES, private=True, waiting=True)
        lines = ([linked.strip()] if linked else []) + [
            "Your badges, newest first:" if not start else f"Your badges, from number {start + 1}:"]
        for number, award in enumerate(awards[:LIST_LIMIT], start + 1):
            lines.append(f"{number}. **{neutralize(award.name, 120)}** from {neutralize(award.issuer, 120)}: "
                         f"{STATUS_WORDS.get(award.status, award.status)} (issued {_date(award.issued)}"
                         + (f", expires {_date(award.expires)}" if award.expires and award.status != "expired" else "")
                         + (f", expired {_date(award.expires)}" if award.status == "expired" else "") + ")")
        if len(awards) > LIST_LIMIT:
            total = await asyncio.to_thread(self.store.count, learner)
            lines.append(f"... and {total - start - LIST_LIMIT} more: say \"more\" to see them.")
        lines.append("\nAsk about one by its number or name (\"when does my <name> badge expire?\"), or say "
                     "\"share my <name> badge\".")
        return Reply(text="\n".join(lines), intent=Intent.MY_BADGES, confidence=1.0, private=True,
                     awards=tuple(str(a.id) for a in awards[:LIST_LIMIT]))

    async def badge_detail(self, incoming: Incoming) -> Reply:
        text = incoming.text.strip()
        if (pasted := credential_in(text)) is not None:
            return await self._verify_text(incoming, pasted)
        learner = await self._learner(incoming)
        if learner is None:
            if _PATHWAY_WORDS.search(text) and self.pathways():  # pathways are no one's private data
                return await self._pathway_unlinked(incoming, self._pathway(_words(text)))
            return await self._unlinked(incoming, Intent.BADGE_DETAIL)
        if text.isdigit():  # an award id, as autocomplete hands it over (`/badge name:`), or a list's pick
            award = await asyncio.to_thread(self.store.award, int(text))
            if award is not None and award.learner_id == learner:
                return self._detail(award)
            return _gone()  # removed by staff since the list was shown: its id is no name to look for
        awards = await self._awards_of(learner)
        said = _words(text)
        if _SHARE_WORDS.search(text):
            award = self._pick(awards, said, allow_only=True)
            if isinstance(award, AwardView):
                return self._share_reply(award)
            return award or self._no_match(text, awards)
        pathway = self._pathway(said)
        if pathway is not None and (_PATHWAY_WORDS.search(text) or self._pick(awards, said) is None):
            return self._progress(pathway, awards)
        award, asked = self._pick(awards, said), text
        if award is None and (named := badge_named(text)) is not None and _words(named) != said:
            # "None of those I'm afraid. Could you tell me about my Teamwork badge please?": the words
            # around "my <name> badge" are no part of its name (the whole message was looked up)
            award, asked = self._pick(awards, _words(named)), named
        if isinstance(award, AwardView):
            return self._detail(award)
        if award is None and _PATHWAY_WORDS.search(text) and self.pathways():
            # "how close am I to the AWS certificate?": no such pathway, and no such badge; or "what
            # pathways are there?", which names none
            return self._pathway_list(_goal_words(text))
        return award or self._no_match(asked, awards)

    async def withdrawal(self, incoming: Incoming) -> tuple[Reply, str] | None:
        """The asker's waiting request to be linked, withdrawn at their word ("cancel my request", "oh i
        didnt want staff"), whenever they say it, not only right after it was made: a tester said so with
        a badge's link to check in the same message, and again two turns later, and both times it stayed.
        Gives the reply that says so, and what else the message asks ("" for nothing); None when the
        message withdraws nothing, or names a platform ("how do i cancel my coursera request"). With no
        request waiting, a short one is told so ("did you cancel the staff thing?" after it was); a
        longer one is a question."""
        plain = normalize(incoming.text)
        if not withdraws_link_request(plain) or names_a_platform(re.sub(r"\S+://\S+", " ", incoming.text)):
            return None
        if not await asyncio.to_thread(self.store.withdraw_link_request, Account.of(incoming)):
            if len(plain.split()) > 6:
                return None
            return (Reply(text="There is no request from you waiting to be linked, so nothing is kept for it.",
                          intent=Intent.MY_BADGES, confidence=1.0, private=True), "")
        rest = " ".join(s for s in SENTENCE_END.split(incoming.text.strip()) if not withdraws_link_request(s))
        return (Reply(text=_WITHDRAWN, intent=Intent.MY_BADGES, confidence=1.0, private=True, waiting=True),
                rest if asks_something(rest) or credential_in(rest) else "")

    async def about_shown(self, incoming: Incoming, shown: Context) -> Reply | None:
        """A turn about the learner's own badges, or None to read it as a question; read whole, then
        each of its asking clauses, last first ("REVOKED?? what the hell, I never got told. why was
        Achievement 1 revoked", "so who do I even contact? whos 1EdTech Testing" got the entries on
        revoking in general and on badges that never arrived)."""
        if (reply := await self._about_shown(incoming, shown)) is not None:
            return reply
        sentences = [s for s in SENTENCE_END.split(incoming.text.strip()) if s.strip()]
        for clause in dict.fromkeys([*asking_clauses(incoming.text), *(sentences if len(sentences) > 1 else [])]):
            if (reply := await self._about_shown(incoming.model_copy(update={"text": clause}), shown)) is not None:
                return reply
        return None

    async def _about_shown(self, incoming: Incoming, shown: Context) -> Reply | None:
        """One reading of `about_shown`. `shown` is what the conversation last showed of them:

        - what a status means ("what does unverified mean?"), once badges have been shown;
        - "why?", "who do I contact?" after one badge (`last_badge`): its status explained, and its
          issuer; after a pasted or attached badge's report (`checked`, the status it found), that status;
        - "what's missing?", "and project management?" after a pathway's progress (`last_pathway`);
        - one of their badges by name: of the list just shown (`awards`, "share the teamwork one"),
          or any of theirs when the message says it is theirs ("is my security badge still valid?").
        """
        text, plain = incoming.text, normalize(incoming.text)
        listed, last, checked = shown.awards, shown.last_badge, shown.checked
        if _DELETE_MINE.search(plain) and not names_a_platform(plain) and (
                listed or last or may_name_own_badge(text)) and await self._learner(incoming) is not None:
            # "delete my Achievement 1 badge", "can I delete the revoked badge from my list here?": it showed
            # the badge again
            return Reply(text=_NOT_DELETED, intent=Intent.BADGE_DETAIL, confidence=1.0, private=True)
        if shown.pathways and (place := picked(text)) is not None:
            return await self._pathway_picked(incoming, shown.pathways, place)
        # ("oh ok. how long does that take? and how do i send u a file": each question on its own, read
        # only after a reply that said the asker's badges cannot be shown)
        if shown.waiting and (stays(text) or _HOW_TO_SEND.search(plain) or any(
                _ABOUT_LINKING.match(c) for c in [normalize(c) for c in asking_clauses(text)] or [plain])):
            learner = await self._learner(incoming)
            if learner is None:
                return self._linking_explained()
            if not await asyncio.to_thread(self.store.awards, learner, limit=1):
                return self._adding_explained()
        if (shown.last_pathway or shown.pathways) and (
                pathway := self._next_on_pathway(plain, shown.last_pathway or "")) is not None:
            learner = await self._learner(incoming)
            if learner is None:  # its badges again, and why there is no progress to show
                return self._steps(pathway, _NO_PROGRESS, waiting=True)
            reply = self._progress(pathway, await self._awards_of(learner))
            if _OF_THE_COURSE.search(plain):  # ("how long would it take me to finish ...?": not ours to say)
                whose = f"its issuer, {pathway.issuer}," if pathway.issuer else "its issuer"
                reply = reply.model_copy(update={"text": f"{reply.text}\n\nHow long it takes, what it costs, what its "
                                                         f"credits count for and where to sign up are for {whose} to "
                                                         "say: I only track which of its badges you hold."})
            return reply
        if (listed or last or checked) and _ISSUER_NOT_CONFIRMED.search(plain):
            # the report's own words asked about ("what does issuer not confirmed mean?", a menu, then a
            # question-bank answer on self-uploaded images)
            return Reply(text=_ISSUER_NOT_CONFIRMED_MEANS, intent=Intent.BADGE_DETAIL, confidence=1.0, private=True,
                         award=last)  # (still the badge talked about: "so is it fake?" next is about it)
        if (status := status_asked(text)) is not None and (
                listed or last or checked or await self._holds_status(incoming, status)):
            # (with nothing on screen, "why are all my badges unverified?" is about theirs when theirs
            # show that status; from anyone else it is a question for the knowledge base)
            if (named := await self._named_in(incoming, text, listed)) is not None:
                # "why is my agile badge unverified?": that badge's own reason, which a roster's
                # badge (nothing to check) does not share with the usual ones (a server down)
                return self._status_of(named)
            if listed and _ONE_OF_MINE.search(plain) and (learner := await self._learner(incoming)) is not None \
                    and len(alike := [a for a in await self._awards_of(learner, listed) if a.status == status]) == 1:
                # "it says unverified next to my Teamwork one, what does that mean?": the one listed so
                return self._status_of(alike[0])
            return Reply(text=STATUS_MEANINGS[status], intent=Intent.BADGE_DETAIL, confidence=1.0, private=True)
        why = stays(text)
        if checked in STATUS_MEANINGS and not last and (why or _IS_IT_REAL.match(plain)):
            # "why?", "so is it fake?" after a pasted badge's report
            return Reply(text=STATUS_MEANINGS[checked] + " The issuer named in the report can tell you more about it.",
                         intent=Intent.VERIFY, confidence=1.0, private=True)
        if listed and (which := _WHICH_STATUS.match(plain)) is not None:
            return await self._with_status(incoming, listed, which.group("status"))
        if (one := _THE_STATUS_ONE.match(plain)) is not None:
            # of the list on screen, or with none, of all their badges ("share the expired one")
            return await self._with_status(incoming, listed, one.group("status"), one=True,
                                           share=one.group("share") is not None)
        if last and len(others := [a for a in listed if a != last]) == 1 and _THE_OTHER.search(plain):
            # "what about my other badge, is that one still ok?" with two listed, after one of them
            learner = await self._learner(incoming)
            award = await asyncio.to_thread(self.store.award, int(others[0])) if others[0].isdigit() else None
            if learner is not None and award is not None and award.learner_id == learner:
                return self._detail(award)
        named_in_list = bool(listed) and may_name_a_badge(text)
        elsewhere = bool(last) and _ELSEWHERE_TOO.match(plain) is not None
        mine = bool(last) and _IS_IT_MINE.match(plain) is not None
        why = why or (bool(last) and _APPEAL.match(plain) is not None)  # what it means, and whom to ask
        # ("issuer not confirmed - does that mean it's fake?? will an employer think I made it up?")
        why = why or (bool(last) and _FAKE_ASKED.search(plain) is not None)
        about_last = bool(last) and (why or asks_more(text) or elsewhere or mine)
        if not about_last and not named_in_list and not may_name_own_badge(text):
            return None
        learner = await self._learner(incoming)
        if learner is None:
            return None
        if about_last:
            # "why?" after one badge: what its status means; "tell me more": the badge in full again
            award = await asyncio.to_thread(self.store.award, int(last)) if last and last.isdigit() else None
            if award is None or award.learner_id != learner:
                return None
            if elsewhere:  # "and on my website?" after sharing it: the same links serve there
                return self._share_reply(award)
            if mine:
                return self._whose(award)
            return self._status_of(award) if why else self._detail(award)
        chosen = self._pick(await self._awards_of(learner, listed if named_in_list else ()), _words(text))
        if not isinstance(chosen, AwardView):
            return chosen  # a question back when two fit, or None
        if _SHARE_WORDS.search(text):
            return self._share_reply(chosen)
        return self._status_of(chosen) if plain.startswith("why ") else self._detail(chosen)

    async def share(self, incoming: Incoming, award_id: str) -> Reply:
        learner = await self._learner(incoming)
        if learner is None:
            return await self._unlinked(incoming, Intent.BADGE_DETAIL)
        award = None
        if award_id.strip().isdigit():
            award = await asyncio.to_thread(self.store.award, int(award_id.strip()))
            if award is None or award.learner_id != learner:  # removed since it was listed: no name to look for
                return _gone()
        if award is None:
            picked = self._pick(await self._awards_of(learner), _words(award_id), allow_only=not award_id.strip())
            if not isinstance(picked, AwardView):
                return picked or Reply(text="I couldn't find that badge among yours. Say \"my badges\" to see them.",
                                       intent=Intent.BADGE_DETAIL, private=True)
            award = picked
        return self._share_reply(award)

    async def verify(self, incoming: Incoming) -> Reply:
        if not incoming.attachments:
            if (pasted := credential_in(incoming.text)) is not None:
                return await self._verify_text(incoming, pasted)
            return Reply(text="Yes, I can check a badge for you: attach the badge image (PNG or SVG) or its JSON "
                              "file, or paste the signed badge (JWS) or its web address.", intent=Intent.VERIFY,
                         private=True)
        emails = await self._emails(incoming)
        parts = []
        for attachment in incoming.attachments[:5]:
            name = neutralize(attachment.name, 80) or "the file"
            data = attachment.data
            if data is None and attachment.url:
                try:
                    data = await asyncio.to_thread(lambda: self._fetcher().get(attachment.url).body)
                except FetchError as exc:
                    parts.append((f"**{name}**: I couldn't download it ({neutralize(exc.reason, 120)}).", None))
                    continue
            if data is None:
                parts.append((f"**{name}**: the file did not come through; please send it again.", None))
                continue
            parts.append(await self._explain(data, name, emails))
        statuses = [status for _, status in parts if status]
        return Reply(text="\n\n".join(text for text, _ in parts), intent=Intent.VERIFY, confidence=1.0, private=True,
                     checked=statuses[0] if len(parts) == 1 and statuses else None)

    async def badge_choices(self, incoming: Incoming, current: str) -> list[tuple[str, str]]:
        """Autocomplete for `/badge name:` and `/share name:`: the asker's own awards matching what
        they typed so far, as (label, award id); nothing for someone not linked to a learner.

        Called on every keystroke, so an unlinked asker is not recorded as a link request here
        (asking for their badges does that), and the list is the store's newest 500 at most.
        """
        learner = await self._learner(incoming)
        if learner is None:
            return []
        awards = await asyncio.to_thread(self.store.awards, learner, limit=500)
        typed = " ".join(current.lower().split())[:100]
        said = _words(typed)
        ranked = []
        for position, award in enumerate(awards):  # newest first
            name, issuer = award.name.lower(), award.issuer.lower()
            if not typed:
                rank = 0
            elif name.startswith(typed):
                rank = 0
            elif typed in name:
                rank = 1
            elif typed in issuer:
                rank = 2
            elif _match_score(award.name, said) > 0:
                rank = 3
            else:
                continue
            ranked.append((rank, position, award))
        ranked.sort(key=lambda item: item[:2])
        return [(self._choice_label(award), str(award.id)) for _, _, award in ranked[:CHOICES_LIMIT]]

    @staticmethod
    def _choice_label(award: AwardView) -> str:
        """Name, issuer, status and month issued (what tells two awards apart), in 100 characters.

        e.g. "SQL Foundations · Example University · verified 2024-01"; the name is kept whole first.
        """
        tail = f" \u00b7 {STATUS_WORDS.get(award.status, award.status).lower()}"
        if award.issued:
            tail += f" {award.issued:%Y-%m}"
        name = neutralize(award.name, 70)
        room = CHOICE_LABEL_LIMIT - len(name) - len(tail) - 3
        issuer = neutralize(award.issuer, room) if room >= 8 else ""
        return (f"{name} \u00b7 {issuer}{tail}" if issuer else f"{name}{tail}")[:CHOICE_LABEL_LIMIT]

    # --- pieces ------------------------------------------------------------------------------

    async def _named_in(self, incoming: Incoming, text: str, listed: Sequence[str]) -> AwardView | None:
        """The one badge of theirs a message names (of the list on screen, if any), or None."""
        learner = await self._learner(incoming)
        if learner is None:
            return None
        chosen = self._pick(await self._awards_of(learner, listed), _words(text))
        return chosen if isinstance(chosen, AwardView) else None

    async def _awards_of(self, learner: int, among: Sequence[str] = ()) -> list[AwardView]:
        """The learner's awards, with details; only those of a list shown (`among`, award ids) if given."""
        awards = await asyncio.to_thread(self.store.awards, learner, details=True)
        return [a for a in awards if str(a.id) in among] if among else awards

    async def _learner(self, incoming: Incoming) -> int | None:
        return await asyncio.to_thread(self.store.learner_id, Account.of(incoming), incoming.emails)

    async def _emails(self, incoming: Incoming) -> list[str]:
        learner = await self._learner(incoming)
        known = await asyncio.to_thread(self.store.emails, learner) if learner is not None else []
        return sorted(set(known) | {e.lower() for e in incoming.emails})

    async def _unlinked(self, incoming: Incoming, intent: Intent) -> Reply:
        await asyncio.to_thread(self.store.request_link, Account.of(incoming), incoming.emails, incoming.display_name)
        text = ("I don't know which badges are yours yet: your chat account is not linked to a learner record. "
                "I've passed your request to staff, who will link it (didn't mean to ask? say \"cancel my request\"). "
                + _SEND_ONE)
        if self.settings.link_help:
            text += " " + self.settings.link_help
        return Reply(text=text, intent=intent, private=True, waiting=True)

    @staticmethod
    def _adding_explained() -> Reply:
        """"why?" after "You have no badges in credbot yet": who adds them, and what to do meanwhile."""
        return Reply(text="Your account is linked, but no badges have been added to your record yet: staff add them "
                          "from a roster, your Credly profile or your Badgr backpack. Ask them to import yours. "
                          + _SEND_ONE,
                     intent=Intent.MY_BADGES, confidence=1.0, private=True, waiting=True)

    def _linking_explained(self) -> Reply:
        """"why?", "who do I contact?", "how long does that take?" after being told the account is not
        linked: why staff do it, and what happens next (no promise of how soon: that is staff's)."""
        text = ("Only staff can link a chat account to a learner record: that is what keeps your badges visible to "
                "you alone. Your request is waiting in their list; once they link you, \"my badges\" shows your "
                "badges. How soon depends on your staff, so ask them if it is urgent. " + _SEND_ONE)
        if self.settings.link_help:
            text += " " + self.settings.link_help
        return Reply(text=text, intent=Intent.MY_BADGES, confidence=1.0, private=True, waiting=True)

    async def _verify_text(self, incoming: Incoming, text: str) -> Reply:
        # a Credly badge page is HTML; the badge it shows is hosted as an Open Badges assertion
        text = credly.assertion_url(text) or text
        emails = await self._emails(incoming)
        said, status = await self._explain(text.encode(), "the pasted badge", emails)
        return Reply(text=said, intent=Intent.VERIFY, confidence=1.0, private=True, checked=status)

    async def _explain(self, data: bytes, name: str, emails: list[str]) -> tuple[str, str | None]:
        """The report in words, and the status found (None when nothing could be checked)."""
        fetcher = self._fetcher()
        try:
            _, report = await asyncio.to_thread(verify_bytes, data, fetcher, emails=emails, name=name)
        except BadgeUnreachable as exc:  # the address is echoed by the chat already, and markup-free it would be wrong
            if fetcher.offline:
                return ("I can't fetch badges from web addresses here (that is switched off). Send me the badge "
                        "image or its file instead, and I'll check it."), None
            return (f"I couldn't download the badge from that address: {neutralize(exc.reason, 200)}. That says "
                    "nothing about whether the badge is genuine: the address may be mistyped, or the issuer's site "
                    "(or my connection to it) may be down. Open the link in your browser, or send me the badge image "
                    "or file instead."), None
        except NotABadge as exc:
            return f"**{name}**: this is not a badge I can read. {neutralize(str(exc), 300)}", None
        except Exception:  # a damaged file must cost one answer, never the conversation
            return f"**{name}**: I could not read this file as a badge (it may be damaged).", None
        return self._report_text(report, name), report.status

    @staticmethod
    def _report_text(report: Report, name: str) -> str:
        summary = report.summary
        verdict = {
            "verified": "genuine: verified",
            # genuine: intact, and from the issuer it names (a key from the credential itself proves neither)
            "expired": ("genuine but EXPIRED" if report.intact and report.issuer_confirmed
                        else "EXPIRED, and it could not be fully verified"),
            "revoked": "REVOKED by its issuer",
            "invalid": "NOT genuine: it fails verification",
            "unverified": "could not be fully verified",
        }[report.status]
        lines = [f"**{neutralize(summary.name, 120)}** from {neutralize(summary.issuer_name, 120)} ({name}): {verdict}.",
                 f"Format: {report.format}."]
        lines += [f"- {_inert(line)}" for line in report.plain_words()]
        return "\n".join(lines)

    def _pick(self, awards: list[AwardView], said: list[str], *, allow_only: bool = False) -> AwardView | Reply | None:
        """The award the user named; a question back when two fit equally; None when none does."""
        if allow_only and len(awards) == 1 and not [w for w in said if w not in _FILLER]:
            return awards[0]
        scored = sorted(((_match_score(a.name, said), a) for a in awards if _fits(a.name, said)), key=lambda p: -p[0])
        if not scored or scored[0][0] <= 0:
            return None
        best = scored[0][0]
        tied = [a for s, a in scored if s == best]
        # every word of one name said as it is beats a near spelling: "SQL Foundations" is not "SQL Foundation"
        exact = [a for a in tied if set(_words(a.name)) <= set(said)]
        if len({a.name for a in exact}) == 1:
            return exact[0]
        options = _newest_of_each_name(tied)
        if len(options) > 1:
            return _numbered(options, "Several of your badges fit:", "Which one do you mean? Answer with its number.")
        return tied[0]  # newest first: the latest award of that badge

    def _no_match(self, text: str, awards: list[AwardView]) -> Reply:
        if not awards:
            return Reply(text="You have no badges in credbot yet.", intent=Intent.BADGE_DETAIL, private=True)
        words = [w for w in _words(text) if w not in _FILLER]
        near = [a for a in awards if words and all(any(_same_word(w, n) for n in _words(a.name)) for w in words)]
        if near:  # "my cloud badge": one everyday word names nothing for sure, but it is in these names
            share = ' (or "share 1" to share it)' if _SHARE_WORDS.search(text) else ""
            return _numbered(_newest_of_each_name(near), "Did you mean:", f"Answer with its number{share}.")
        names = "; ".join(neutralize(a.name, 80) for a in awards[:10])
        named = " ".join(words)
        lead = (f'None of your badges is called "{neutralize(named, 60)}".' if named
                else "I couldn't tell which of your badges you mean.")
        return Reply(text=f"{lead} You have: {names}.", intent=Intent.BADGE_DETAIL, private=True)

    async def _with_status(self, incoming: Incoming, listed: Sequence[str], said: str,
                           one: bool = False, share: bool = False) -> Reply | None:
        """"which ones are expired?" after the list: those of it with that status; "the revoked
        one" (`one`): that badge, when the list has just one ("share the expired one": its links)."""
        learner = await self._learner(incoming)
        if learner is None:
            return None
        status = {"valid": "verified", "expiring": "expired"}.get(said, said)
        found = [a for a in await self._awards_of(learner, listed) if a.status == status]
        if one and len(found) == 1:
            return self._share_reply(found[0]) if share else self._detail(found[0])
        if not found:
            return Reply(text=f"None of {'the badges in your list' if listed else 'your badges'} is "
                              f"{STATUS_WORDS.get(status, status)}.",
                         intent=Intent.MY_BADGES, confidence=1.0, private=True)
        names = "; ".join(f"**{neutralize(a.name, 120)}**" + (f" ({_date(a.expires)})" if a.expires else "")
                          for a in found)
        return Reply(text=f"{STATUS_WORDS.get(status, status).capitalize()}: {names}. {STATUS_MEANINGS[status]}",
                     intent=Intent.MY_BADGES, confidence=1.0, private=True)

    def _status_of(self, award: AwardView) -> Reply:
        """"why?" after one of the learner's badges: what its status means, and whom to ask."""
        issuer = neutralize(award.issuer, 120) + (f" ({u})" if (u := _safe_url(award.issuer_url)) else "")
        meaning = STATUS_MEANINGS.get(award.status, "")
        if award.report.get("recipient") == "not matched":
            meaning += " It was also issued to an e-mail address that is not one of yours."
        if award.status == "unverified" and award.format in _LISTED_ONLY:
            # a roster row or a profile listing has no document: none of the usual reasons applies
            meaning = (f"There is no badge document for me to check: it was {_LISTED_ONLY[award.format]}. "
                       "Send me the badge file or its web address and I'll check it.")
        who = (f"Its issuer is {issuer}: they can tell you more about this badge, and change it if something is wrong."
               if award.issuer != UNKNOWN_ISSUER else
               "It names no issuer I could read: whoever awarded it to you is the one to ask about it.")
        if award.issuer != UNKNOWN_ISSUER and not _safe_url(award.issuer_url):
            who += (" The badge gives no web address for them: the e-mail that brought it, or the course's page, "
                    "says whom to write to.")
        text = (f"**{neutralize(award.name, 120)}** is {STATUS_WORDS.get(award.status, award.status)}. "
                f"{meaning}\n\n{who}")
        if award.status in _WHAT_TO_DO:
            text += f"\n\n{_WHAT_TO_DO[award.status]}"
        # (remembered: "share it" or "is it mine?" next is about this badge)
        return Reply(text=text, intent=Intent.BADGE_DETAIL, confidence=1.0, private=True, award=str(award.id))

    def _detail(self, award: AwardView) -> Reply:
        report = award.report or {}
        lines = [f"**{neutralize(award.name, 120)}**: {STATUS_WORDS.get(award.status, award.status)}",
                 f"Issuer: {neutralize(award.issuer, 120)}" + (f" ({u})" if (u := _safe_url(award.issuer_url)) else ""),
                 f"Issued: {_date(award.issued)}"]
        if award.status == "expired":
            lines.append(f"Expired: {_date(award.expires)}")
        else:
            # (a listing that gives no end date does not say the badge has none)
            never = "not given" if award.format in _LISTED_ONLY else "never"
            lines.append(f"Expires: {_date(award.expires)}" if award.expires else f"Expires: {never}")
        if award.revoked:
            lines.append("Revoked" + (f": {neutralize(award.revocation_reason, 200)}" if award.revocation_reason else ""))
        if award.description:
            lines.append(f"About: {neutralize(award.description, 300)}")
        if award.criteria:
            criteria = _safe_url(award.criteria) or neutralize(award.criteria, 300)
            lines.append(f"Criteria: {criteria}")
        skills = [neutralize(a.get("name", ""), 80) for a in award.alignments if a.get("name")]
        skills += [neutralize(t, 40) for t in award.tags]
        if skills:
            lines.append("Skills: " + ", ".join(skills[:10]))
        evidence = [_safe_url(e) or neutralize(e, 120) for e in award.evidence[:3]]
        if evidence:
            lines.append("Evidence: " + "; ".join(evidence))
        if image := _safe_url(award.image):  # (asked for to put in an e-mail signature: "whats the img url for it")
            lines.append(f"Image: {image}")
        if report:
            when = ("" if award.format in _LISTED_ONLY  # nothing was checked: it was recorded as listed
                    else f", checked {(report.get('checked_at') or '')[:10] or 'at import'}")
            lines.append(f"\nVerification ({report.get('format', award.format)}{when}):")
            lines += [f"- {line}" for line in _report_lines(report)]
        return Reply(text="\n".join(lines), intent=Intent.BADGE_DETAIL, confidence=1.0, private=True,
                     actions=(ReplyAction(kind=ActionKind.SHARE, label="Share", value=str(award.id)),))

    @staticmethod
    def _whose(award: AwardView) -> Reply:
        """"is it mine?" after one badge: what its check found of the address it was issued to."""
        found = award.report.get("recipient")
        name = f"**{neutralize(award.name, 120)}**"
        if award.format in _LISTED_ONLY:
            text = (f"{name} was {_LISTED_ONLY[award.format]} for your record; there is no badge document naming "
                    "its recipient for me to check. Its issuer can confirm it.")
        elif found == "matched":
            text = f"Yes: {name} was issued to one of your e-mail addresses."
        elif found == "not matched":
            text = (f"{name} was issued to an e-mail address that is not one of yours. If it is an old or work "
                    "address of yours, ask staff to add it to your record; if not, it is someone else's badge.")
        else:
            text = (f"I can't tell: {name} names its recipient in a way I could not check against your "
                    "addresses. Its issuer can confirm it.")
        return Reply(text=text, intent=Intent.BADGE_DETAIL, confidence=1.0, private=True, award=str(award.id))

    def _share_reply(self, award: AwardView) -> Reply:
        linkedin = sharing.linkedin_link(award)
        public = sharing.public_link(award)
        lines = [f"**{neutralize(award.name, 120)}** from {neutralize(award.issuer, 120)} "
                 f"(issued {_date(award.issued)})."]
        if award.status in ("revoked", "invalid"):
            return Reply(text=f"{lines[0]} This badge is {award.status}; I won't make a share link for it: anyone "
                              "who checks it is told it no longer counts. Don't list it, and if it is on your "
                              "LinkedIn profile or CV already, take it off unless the issuer restores it.",
                         intent=Intent.BADGE_DETAIL, private=True, award=str(award.id))
        if award.status == "expired":
            lines.append(f"It expired on {_date(award.expires)}: anyone who checks it will see that, so renew it "
                         "with the issuer first if you can.")
        if award.report.get("recipient") == "not matched":
            lines.append("It was issued to an e-mail address that is not one of yours: anyone who checks it will "
                         "see that. If the address is an old one of yours, ask staff to add it to your record.")
        lines.append(f"Add it to LinkedIn: {linkedin}")
        if public and (host := sharing.placeholder_host(public)):
            lines.append(f"Its web address ({host}) is a placeholder kept for examples, so it leads to no badge page "
                         "and anyone who clicks it finds nothing: ask the issuer for the badge's real link before you "
                         "share it, and add that on LinkedIn as the credential URL.")
        elif public:
            lines.append(f"Verify it: {public}")
        elif award.format in _LISTED_ONLY:  # a roster row has no file, nor anything anyone could verify
            lines.append(f"It was {_LISTED_ONLY[award.format]}, so there is no badge file or web address others can "
                         "verify: ask its issuer for the badge itself to share that.")
        else:
            lines.append("It has no public web address; share the badge file itself, anyone can verify it.")
        return Reply(text="\n".join(lines), intent=Intent.BADGE_DETAIL, confidence=1.0, private=False,
                     award=str(award.id))

    def _next_on_pathway(self, plain: str, last: str) -> Pathway | None:
        """After a pathway's progress: the pathway a follow-up (`plain`, normalised) asks about
        ("what's missing?": the same one; "and project management?": that one), or None."""
        if _PATHWAY_AGAIN.match(plain):
            return next((p for p in self.pathways() if p.id == last), None)
        if _ELLIPTIC.match(plain) and not names_a_platform(plain):  # ("and Google's data analytics one?" is Google's)
            return self._pathway(_words(plain))
        if not names_a_platform(plain):
            # one of them by its whole title, asked anything: "what about cybersecurity foundations, what badges
            # does that need?", "how long would it take me to finish the Data Analytics Certificate?" (menus)
            return next((p for p in self.pathways() if _says_title(p.title, plain)), None)
        return None

    def _pathway(self, said: list[str]) -> Pathway | None:
        best, best_score = None, 0.0
        for pathway in self.pathways():
            score = max(_match_score(pathway.title, said), _match_score(pathway.id.replace("-", " "), said))
            if score > best_score:
                best, best_score = pathway, score
        return best if best_score >= 0.5 else None

    def _pathway_list(self, said: list[str]) -> Reply:
        """The pathways credbot tracks, numbered so that "2" can pick one; said not to know the one
        asked about when the question names one ("how close am I to the AWS certificate?")."""
        known = self.pathways()
        named = [w for w in said if w not in _FILLER and not _PATHWAY_WORDS.search(w) and w not in _NOT_A_PATHWAY]
        lines = ["I don't know that pathway. The pathways I can track:" if named else "The pathways I can track:"]
        lines += [f"{number}. **{p.title}**: {_needs(p)}" for number, p in enumerate(known, 1)]
        lines.append("Pick one by its number, or ask \"how close am I to the <name>?\"")
        return Reply(text="\n".join(lines), intent=Intent.BADGE_DETAIL, private=True,
                     pathways=tuple(p.id for p in known))

    async def _pathway_picked(self, incoming: Incoming, ids: Sequence[str], place: int) -> Reply:
        """A pick from the numbered pathway list: its progress, or its steps for someone not linked."""
        if not -1 <= place < len(ids):
            return Reply(text=f"The list above has {len(ids)} pathways: pick a number from 1 to {len(ids)}.",
                         intent=Intent.BADGE_DETAIL, private=True, pathways=tuple(ids))
        pathway = next((p for p in self.pathways() if p.id == ids[place]), None)
        if pathway is None:  # the knowledge was reloaded without it
            return self._pathway_list([])
        learner = await self._learner(incoming)
        if learner is None:
            return self._steps(pathway, _NO_PROGRESS, waiting=True)
        return self._progress(pathway, await self._awards_of(learner))

    async def _holds_status(self, incoming: Incoming, status: str) -> bool:
        """Whether the asker has a badge that shows `status` in their list."""
        learner = await self._learner(incoming)
        return learner is not None and any(
            a.status == status for a in await asyncio.to_thread(self.store.awards, learner))

    async def _pathway_unlinked(self, incoming: Incoming, pathway: Pathway | None) -> Reply:
        """A pathway question from someone not linked: the pathway's steps (or the list), and, when
        they asked about their own progress, the request to link them that `_unlinked` records."""
        if pathway is None:
            listed = self._pathway_list(_goal_words(incoming.text))
            if not _MY_PROGRESS.search(incoming.text):
                return listed
            unlinked = await self._unlinked(incoming, Intent.BADGE_DETAIL)
            return listed.model_copy(update={"text": unlinked.text + "\n\n" + listed.text, "waiting": True})
        if not _ABOUT_ME.search(incoming.text):
            return self._steps(pathway, "")
        unlinked = await self._unlinked(incoming, Intent.BADGE_DETAIL)
        return self._steps(pathway, unlinked.text, waiting=True)

    def _steps(self, pathway: Pathway, note: str, waiting: bool = False) -> Reply:
        """What a pathway asks for, without anyone's progress (pathways.yaml is staff's own text, as in
        `_progress`)."""
        lines = [f"**{pathway.awards or pathway.title}**" + (f", from {pathway.issuer}" if pathway.issuer else "")
                 + f": {_needs(pathway)}"]
        lines += [f"- {s.badge}" + (f": {s.description}" if s.description else "") for s in pathway.steps]
        if note:
            lines.append("\n" + note)
        return Reply(text="\n".join(lines), intent=Intent.BADGE_DETAIL, confidence=1.0, private=True,
                     pathway=pathway.id, waiting=waiting)

    def _progress(self, pathway: Pathway, awards: list[AwardView]) -> Reply:
        by_name: dict[str, AwardView] = {}
        elsewhere: dict[str, AwardView] = {}  # a badge of a step's name from another issuer than the pathway's
        for award in awards:  # newest first: keep the newest award of each badge
            counts = pathway.counts_issuer(award.issuer, award.issuer_id)
            (by_name if counts else elsewhere).setdefault(_norm(award.name), award)
        # `kb check` refuses repeated badges and a `required` above the steps; counted defensively
        # all the same, since a learner must never meet a crash over staff's file
        keys = [_norm(step.badge) for step in pathway.steps]
        steps = [step for i, step in enumerate(pathway.steps) if keys.index(keys[i]) == i]
        required = min(pathway.required or len(steps), len(steps))
        have, lapsed, missing, foreign = [], [], [], []
        for step in steps:
            award = by_name.get(_norm(step.badge))
            if award is not None and award.status in ("verified", "unverified"):
                have.append(step)
            elif award is not None and award.status in ("expired", "revoked", "invalid"):
                lapsed.append((step, award.status))
            else:
                missing.append(step)
                if (other := elsewhere.get(_norm(step.badge))) is not None:
                    foreign.append((step, other))
        # (what it awards names it, and says more: "Data Analytics Certificate (worth 12 credits)")
        lines = [f"**{pathway.awards or pathway.title}**: you have {len(have)} of the {required} badges it needs."]
        if have:
            lines.append("Done: " + "; ".join(s.badge for s in have))
        why = {"expired": "expired, renew it to count", "revoked": "revoked by its issuer, so it does not count",
               "invalid": "fails verification, so it does not count"}
        lines += [f"{step.badge}: {why[status]}." for step, status in lapsed]
        # (said, or a learner holding a badge of that name would take the pathway's count for a mistake)
        lines += [_not_counted(step, other, pathway) for step, other in foreign]
        if not have and not lapsed and not foreign and awards:
            # ("hmm I thought I had two badges already, do those not count towards anything?")
            held = list(dict.fromkeys(neutralize(a.name, 80) for a in awards))
            lines.append(f"Your badges ({', '.join(held[:5])}{', ...' if len(held) > 5 else ''}) are not among its "
                         "steps, so they don't count towards it.")
        if len(have) >= required:
            lines.append("You have everything this pathway needs: ask its issuer for the certificate.")
        else:
            # what is left to take: the badges not held, then those held that no longer count
            left = missing + [step for step, _ in lapsed]
            needed = required - len(have)
            if needed < len(left):
                names = [s.badge for s in left]
                lines.append(f"Still needed: {needed} more of " + ", ".join(names[:-1]) + " or " + names[-1])
            else:
                lines.append("Still needed: " + "; ".join(s.badge for s in left))
            if left:
                step = left[0]
                lines.append(f"Next: {step.badge}" + (f" ({step.description})" if step.description else ""))
        return Reply(text="\n".join(lines), intent=Intent.BADGE_DETAIL, confidence=1.0, private=True,
                     pathway=pathway.id)


def _says_title(title: str, plain: str) -> bool:
    """Whether a normalised message says a pathway's whole title, word for word."""
    return re.search(rf"\b{re.escape(' '.join(_words(title)))}\b", plain) is not None


def _not_counted(step: PathwayStep, other: AwardView, pathway: Pathway) -> str:
    """Why a held badge of a step's name does not count. When its issuer has the pathway's issuer's
    name, only the ids tell them apart, so both are said: "yours is from X; only X's counts" would
    read as a mistake."""
    if badge_key(other.issuer) != badge_key(pathway.issuer):
        return (f"{step.badge}: yours is from {neutralize(other.issuer, 80)}; only {pathway.issuer}'s counts "
                "towards this pathway.")
    return (f"{step.badge}: yours is from another {neutralize(other.issuer, 80)}, at "
            f"{neutralize(other.issuer_id or '', 120)}; only the one at {pathway.issuer_id} counts towards this "
            "pathway.")


def _report_lines(report: dict) -> list[str]:
    """The stored report in plain words (the same words as a fresh check)."""
    lines = []
    signature, hosted = report.get("signature"), report.get("hosted")
    if signature == "valid":
        lines.append("Signature valid: not altered since it was signed.")
    elif signature == "invalid":
        lines.append(f"Signature INVALID ({_inert(report.get('signature_detail') or '', 200)}).")
    elif hosted == "verified":
        lines.append("Hosted badge: the issuer's server holds the same badge.")
    elif report.get("signature_detail"):
        lines.append(_inert(report["signature_detail"], 200).rstrip(".") + ".")
    key = report.get("key") or {}
    if key.get("source") and key.get("source") != "not found":
        lines.append("Issuer confirmed: the key is listed by the issuer." if key.get("issuer_confirmed") else
                     f"Issuer not confirmed: the key came from {_inert(key['source'], 120)}.")
    if report.get("revoked") is True:
        lines.append("Revoked" + (f": {_inert(report['revocation_reason'], 200)}." if report.get("revocation_reason") else "."))
    elif report.get("revoked") is False:
        lines.append("Not revoked.")
    elif report.get("status_detail"):
        lines.append(f"Revocation not checked ({_inert(report['status_detail'], 200)}).")
    if report.get("recipient") == "matched":
        lines.append("Issued to your e-mail address.")
    elif report.get("recipient") == "not matched":
        lines.append("Issued to an e-mail address that is not one of yours.")
    for error in report.get("errors") or []:
        lines.append(f"Problem: {_inert(error, 200)}")
    return lines
