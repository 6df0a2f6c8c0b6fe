"""The dialog engine: intents, follow-ups, clicked actions, safety, reload."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.engine import Engine
from bot.messages import ActionKind, ClickedAction, Incoming, Intent, Reply
from knowledge.loader import load_knowledge


class RecordingRecorder:
    def __init__(self):
        self.questions: list[tuple[Incoming, Reply]] = []
        self.feedbacks: list[tuple[str, bool]] = []

    def question(self, incoming, reply):
        self.questions.append((incoming, reply))

    def feedback(self, incoming, topic, helpful, question=None):
        self.feedbacks.append((topic, helpful, question))


@pytest.fixture
def kb_without_canada(kb_copy):
    """The bundled base less Canada's entry: the answers that name Canada then speak for it alone."""
    (kb_copy / "entries" / "canada-microcredentials.md").unlink()
    return load_knowledge(kb_copy)


def say(text: str, user: str = "u1", channel: str = "c1", thread: str | None = None) -> Incoming:
    return Incoming(platform="test", workspace="w", channel=channel, thread=thread, user=user, text=text)


def click(kind: ActionKind, value: str, user: str = "u1") -> Incoming:
    return Incoming(platform="test", workspace="w", channel="c1", user=user, action=ClickedAction(kind=kind, value=value))


async def test_answer_has_card_source_and_feedback_buttons(engine):
    reply = await engine.handle(say("can a badge expire?"))
    assert reply.intent is Intent.FAQ and reply.topic == "badge-expiry"
    assert reply.card is not None and reply.card.source_url.startswith("https://")
    assert {a.kind for a in reply.actions} == {ActionKind.HELPFUL, ActionKind.NOT_HELPFUL}
    assert engine.knowledge.entries["badge-expiry"].answer in reply.text


@pytest.mark.parametrize(
    ("text", "intent"),
    [("hello!", Intent.GREETING), ("thanks!", Intent.GREETING), ("help", Intent.HELP),
     ("what badges do I have?", Intent.MY_BADGES), ("when does my Scrum badge expire?", Intent.BADGE_DETAIL),
     # asked to check a badge that did not come along: how to send one (it was the FAQ on verifying)
     ("hey can u verify a candidate's badge for me", Intent.VERIFY),
     # a hello with a name: they were "I don't have an answer for that"
     ("hello, im john", Intent.GREETING), ("hey there i'm priya from kerala", Intent.GREETING),
     ("hi im confused about badges", Intent.FAQ)],  # ... but a hello whose words the base knows asks
)
async def test_intents_get_their_replies(engine, text, intent):
    reply = await engine.handle(say(text))
    assert reply.intent is intent and reply.text


async def test_badge_lookup_says_it_is_not_available_yet_and_is_private(engine):
    reply = await engine.handle(say("show me my badges"))
    assert reply.intent is Intent.MY_BADGES
    assert "not available" in reply.text and reply.private


async def test_help_lists_example_questions(engine):
    reply = await engine.handle(say("what can you do?"))
    assert reply.intent is Intent.HELP
    assert "?" in reply.text and "micro-credential" in reply.text.lower()


async def test_out_of_scope_is_declined_politely(engine):
    reply = await engine.handle(say("how do I reset my Coursera password"))
    assert reply.intent is Intent.OUT_OF_SCOPE and reply.topic is None
    assert "support" in reply.text.lower()


@pytest.mark.parametrize("text", ["what badges do I have on xbox", "which badges have I got on stack overflow"])
async def test_my_badges_in_another_sense_are_declined_not_listed(engine, text):
    reply = await engine.handle(say(text))
    assert reply.intent is Intent.OUT_OF_SCOPE and reply.declined == "other-badges"


async def test_a_community_giving_its_members_badges_is_issuing_but_discord_s_own_badges_are_declined(engine):
    # it was declined with forum and game badges: credbot lives in such communities
    reply = await engine.handle(say("we are a discord community and want to give badges to our members"))
    assert reply.topic == "badge-issuing"
    reply = await engine.handle(say("discord server booster badge how"))
    assert reply.intent is Intent.OUT_OF_SCOPE and reply.declined == "other-badges"


async def test_unsure_then_yes_answers_the_first_suggestion(small_kb):
    engine = Engine(small_kb)
    unsure = await engine.handle(say("email"))
    assert unsure.intent is Intent.OUT_OF_SCOPE and len(unsure.suggestions) == 3
    assert "Did you mean" in unsure.text
    assert [a.value for a in unsure.actions] == list(unsure.suggestions)
    yes = await engine.handle(say("yes"))
    assert yes.intent is Intent.FAQ and yes.topic == unsure.suggestions[0]


@pytest.mark.parametrize(("pick", "index"), [("2", 1), ("the third one", 2), ("first", 0)])
async def test_unsure_then_number_picks_that_suggestion(small_kb, pick, index):
    engine = Engine(small_kb)
    unsure = await engine.handle(say("email"))
    picked = await engine.handle(say(pick))
    assert picked.topic == unsure.suggestions[index]


async def test_no_after_suggestions_asks_to_rephrase(small_kb):
    engine = Engine(small_kb)
    await engine.handle(say("email"))
    reply = await engine.handle(say("no"))
    assert reply.intent is Intent.OUT_OF_SCOPE and "another way" in reply.text


@pytest.mark.parametrize("asked", ["tell me more", "why?", "but why"])  # ("why?" found why badges are useful)
async def test_tell_me_more_while_suggestions_wait_asks_which_one(small_kb, asked):
    engine = Engine(small_kb)
    unsure = await engine.handle(say("email"))
    which = await engine.handle(say(asked))
    # a clarifying question with the same choices, not "I don't have an answer"
    assert which.intent is Intent.HELP and which.declined is None
    assert which.suggestions == unsure.suggestions and "which one" in which.text.lower()
    picked = await engine.handle(say("2"))
    assert picked.intent is Intent.FAQ and picked.topic == unsure.suggestions[1]


async def test_follow_up_switches_platform(engine):
    first = await engine.handle(say("what is a coursera professional certificate?"))
    assert first.topic == "platform-coursera"
    second = await engine.handle(say("and on edX?"))
    assert second.topic == "platform-edx-micromasters"


async def test_a_platform_added_to_a_question_about_badges_in_general_keeps_the_question(engine):
    assert (await engine.handle(say("can badges be revoked?"))).topic == "badge-revocation"
    # revoking, on Accredible: the boundary notes give a named platform's lifecycle question to the topic
    assert (await engine.handle(say("what about on Accredible?"))).topic == "badge-revocation"
    assert (await engine.handle(say("how do I share a badge on social media?"))).topic == "share-badge-social"
    # LinkedIn is where badges are shared to: sharing there instead, not as well
    assert (await engine.handle(say("and on LinkedIn?"))).topic == "share-badge-linkedin"


async def test_a_follow_up_on_what_the_last_topic_is_never_asked_moves_on(engine):
    await engine.handle(say("how do I download my badge as a pdf"))
    # the image's data is in the download answer, but no one asks that entry about it
    assert (await engine.handle(say("why does the image have data in it?"))).topic == "badge-metadata"


async def test_a_follow_up_naming_another_entrys_subject_moves_on(engine):
    assert (await engine.handle(say("how much do microcredentials cost"))).topic == "cost"
    # "online" is in a phrasing on costs, but it is what the delivery entry is about
    assert (await engine.handle(say("are they online?"))).topic == "delivery-format"


async def test_a_follow_up_answered_on_its_own_leaves_the_last_topic(engine):
    assert (await engine.handle(say("how long does a micro-credential take"))).topic == "time-commitment"
    # read with the last question's words, it was "How long does a micro-credential take?" again
    assert (await engine.handle(say("is it expensive?"))).topic == "cost"


async def test_a_follow_up_the_base_knows_nothing_of_is_not_the_last_topic(engine):
    assert (await engine.handle(say("what is credly"))).topic == "platform-credly"
    other = await engine.handle(say("what is netflix?"))
    assert other.intent is Intent.OUT_OF_SCOPE and other.topic is None


async def test_a_follow_up_naming_what_the_last_entry_never_mentions_is_not_that_entry(kb_without_canada, engine):
    engine_elsewhere = Engine(kb_without_canada)
    assert (await engine_elsewhere.handle(say("how does the EU approach micro-credentials?"))).topic == "eu-microcredentials"
    # read with the last question's words, it was the EU's approach again, at confidence 1.0
    other = await engine_elsewhere.handle(say("what about Canada?"))
    assert other.topic != "eu-microcredentials" and other.intent is Intent.OUT_OF_SCOPE
    # a region the base has an entry for is that entry
    assert (await engine_elsewhere.handle(say("and in New Zealand?"))).topic == "nzqa-microcredentials"
    await engine.handle(say("how does the EU approach micro-credentials?"))
    assert (await engine.handle(say("what about Canada?"))).topic == "canada-microcredentials"


async def test_the_last_answer_asked_of_a_place_it_names_gets_that_part(kb_without_canada, engine):
    # funding names Ontario, Canada: it said "nothing specific to Canada"
    engine_elsewhere = Engine(kb_without_canada)
    await engine_elsewhere.handle(say("can i get funding for a micro-credential"))
    reply = await engine_elsewhere.handle(say("and in Canada?"))
    assert reply.topic == "financial-aid" and reply.text.startswith("On that") and "OSAP" in reply.text
    # where the place has an entry of its own, that entry says more than one line of the general answer
    await engine.handle(say("can i get funding for a micro-credential"))
    assert (await engine.handle(say("and in Canada?"))).topic == "canada-microcredentials"


@pytest.mark.parametrize(("first", "then", "place"), [
    ("can I get credit for a micro-credential?", "what about in canada?", "canada"),
    ("do employers recognise micro-credentials?", "and in Nigeria?", "Nigeria"),
    ("how much do micro-credentials cost?", "what about in my country?", "your country"),
    # a word of chat after it was read as part of its name: "nothing specific to nigeria tho"
    ("do employers recognise micro-credentials?", "what about in nigeria tho", "nigeria"),
])
async def test_the_last_answer_asked_of_a_place_no_entry_covers_is_said_to_be_general(kb_without_canada, first, then,
                                                                                     place):
    # "and in India?" was "I don't have an answer for that" (India has an entry now), and "canada"
    # met the off-topic reply
    recorder = RecordingRecorder()
    engine = Engine(kb_without_canada, recorder=recorder)
    topic = (await engine.handle(say(first))).topic
    reply = await engine.handle(say(then))
    gist = kb_without_canada.entries[topic].parts[0]
    assert reply.text.startswith(f"I have nothing specific to {place} on that.") and gist in reply.text
    assert reply.intent is Intent.OUT_OF_SCOPE and recorder.questions[-1][1].declined == "no-match"  # staff see it
    assert (await engine.handle(say("more"))).text.startswith(f"More on **{kb_without_canada.entries[topic].title}**")


async def test_another_place_after_an_answer_about_one_place_moves_to_that_places_entry(engine):
    await engine.handle(say("how many credits is a microcredential?"))
    assert (await engine.handle(say("and in New Zealand?"))).topic == "nzqa-microcredentials"
    # it was "That's all I have on it" about New Zealand: the turn before names New Zealand
    # (Germany, in the EU too, has an entry of its own)
    assert (await engine.handle(say("what about germany?"))).topic == "germany-microcredentials"
    assert (await engine.handle(say("and ireland?"))).topic == "ireland-microcredentials"


async def test_a_place_no_entry_covers_after_an_answer_about_another_place_is_not_told_it_is_general(
        kb_without_canada):
    engine = Engine(kb_without_canada)
    assert (await engine.handle(say("what is the eu approach to micro-credentials?"))).topic == "eu-microcredentials"
    reply = await engine.handle(say("and in canada?"))
    # it said "What I can say in general:" and gave the EU's Council Recommendation
    assert reply.text.startswith("I have nothing specific to canada on that.")
    assert "is about the EU only" in reply.text and "in general:" not in reply.text


@pytest.mark.parametrize(("first", "topic"), [
    ("the name on my badge is wrong, how do I change it?", "badge-name-change"),
    ("what is RPL?", "credit-transfer"),
])
async def test_how_long_after_a_process_is_how_long_the_process_takes(engine, first, topic):
    assert (await engine.handle(say(first))).topic == topic
    # it was the entry on how long a micro-credential course takes
    reply = await engine.handle(say("how long does that take?"))
    assert reply.topic == topic and reply.text.startswith(("That's all I have on it", "On that, from"))
    assert "time-commitment" in reply.related[:1]  # the general entry, one number away


async def test_how_long_after_an_email_problem_is_about_that_problem(engine):
    assert (await engine.handle(say("my badge went to my old email"))).topic == "badge-email-change"
    # read with what came before, no entry answers outright, but the answer just given still leads
    assert (await engine.handle(say("how long does that take?"))).topic == "badge-email-change"


async def test_what_a_process_needs_is_the_part_that_says_what_to_give(engine):
    assert (await engine.handle(say("the name on my badge is wrong"))).topic == "badge-name-change"
    reply = await engine.handle(say("what do i need for that?"))
    assert reply.topic == "badge-name-change" and "give the badge title" in reply.text


async def test_how_credbot_comes_to_a_server_is_said_and_who_sees_chats_is_the_records_notice(engine):
    setup = await engine.handle(say("how do i add you to our discord server"))
    assert setup.intent is Intent.HELP and "credbot discord invite-url" in setup.text and "never administration" in setup.text
    assert "Here is what I keep" in (await engine.handle(say("who sees what i type here"))).text
    assert (await engine.handle(say("how do i install credbot on slack"))).text == setup.text
    # what staff can change, and how (it was "did you mean" LinkedIn and email signatures)
    custom = await engine.handle(say("how do i add my own faq"))
    assert custom.intent is Intent.HELP and "`admin teach ENTRY-ID QUESTION`" in custom.text
    assert (await engine.handle(say("can i change the name on my badge"))).topic == "badge-name-change"


async def test_what_documents_to_request_is_asked_of_the_answer_before(engine):
    assert (await engine.handle(say("how do we evaluate a micro-credential for transfer credit"))).topic == "credit-transfer"
    # it names no subject and points at nothing, but it was "did you mean" the name on a badge
    reply = await engine.handle(say("what documents should we request"))
    assert reply.topic == "credit-transfer" and "syllabus" in reply.text


async def test_a_price_after_an_answer_with_a_part_on_cost_is_that_part(engine):
    assert (await engine.handle(say("how do i issue badges to my students"))).topic == "badge-issuing"
    # it was the general entry on costs, a learner's ("you usually pay online by card")
    reply = await engine.handle(say("is there a free way to do it?"))
    assert reply.topic == "badge-issuing" and "**What it costs.**" in reply.text
    # a word in passing is no part on it: "the first time" in how badges are earned is no *Time*
    await engine.handle(say("how do I earn a micro-credential?"))
    assert (await engine.handle(say("how long does that take?"))).topic == "time-commitment"


async def test_what_if_i_do_not_is_what_follows_not_how_to_do_it(engine):
    await engine.handle(say("can a badge expire?"))
    assert "**Renewing.**" in (await engine.handle(say("how do i renew it"))).text
    # it was the *Renewing* part again: "renew" named its heading
    reply = await engine.handle(say("what if i dont renew"))
    assert reply.topic == "badge-expiry" and "**What happens when it expires?**" in reply.text
    assert "**Renewing.**" not in reply.text


async def test_the_credential_id_field_is_the_line_that_names_it(engine):
    assert (await engine.handle(say("how do i add a badge to linkedin"))).topic == "share-badge-linkedin"
    # "id" alone is chat's "I'd"; the answer's opening ("the easiest way to put a badge") won on "put"
    reply = await engine.handle(say("the credential id field, what do i put there"))
    assert reply.topic == "share-badge-linkedin" and "into Credential ID" in reply.text


async def test_a_price_word_in_passing_is_no_part_on_the_price(engine):
    assert (await engine.handle(say("can i get credit for a microcredential at university?"))).topic == "credit-transfer"
    # it was *How to apply* again, for its "ask for a written decision before you enrol or pay"
    reply = await engine.handle(say("is that free?"))
    assert reply.topic == "credit-transfer" and reply.text.startswith("That's all I have on it")
    assert reply.related[:1] == ("cost",)  # the general entry on costs, one number away
    # ... but an opening that says it is one ("the European Commission's free Europass tools")
    await engine.handle(say("what is europass"))
    assert "free Europass tools" in (await engine.handle(say("is europass free?"))).text


async def test_a_platform_asked_of_a_list_by_platform_is_its_line(engine):
    assert (await engine.handle(say("my name is wrong on my badge"))).topic == "badge-name-change"
    # it was the whole list, every platform's line again
    reply = await engine.handle(say("and on credly?"))
    assert reply.topic == "badge-name-change" and "**Credly**:" in reply.text
    assert "**Accredible**" not in reply.text and "What to do depends on the platform:" in reply.text


async def test_a_part_written_for_the_other_side_answers_no_follow_up_of_this_one(engine):
    # a learner asking whether to delete his expired badge got the issuers' line on setting expiry, twice
    await engine.handle(say("my credly badge has expired, have I lost my qualification?"))
    reply = await engine.handle(say("Should I just delete the expired badge from my Credly so it doesn't look bad?"))
    assert reply.topic == "badge-expiry" and "Rather than delete it" in reply.text and "For issuers" not in reply.text
    # an issuer still gets the issuers' part
    reply = await engine.handle(say("we issue badges, where do we set the expiry?"))
    assert reply.topic == "badge-expiry" and "**For issuers:**" in reply.text
    # a student asking whom to ask got the paragraph for admissions and registry staff
    await engine.handle(say("can my micro-credential credits count towards my degree?", user="student"))
    reply = await engine.handle(say("ok so i ask the admisions office even tho im allready a student at the uni? or my "
                                    "personal tutor", user="student"))
    assert reply.topic == "credit-transfer" and "registry staff" not in reply.text


def test_which_side_a_part_is_written_for_is_read_from_its_heading_and_the_asker_from_the_question():
    from bot.engine import _parts_for_others

    parts = ["Edubadges are ...", "**For learners.** You sign in ...", "**For employers.** Open the link ...", "**Diplomas.** ..."]
    assert _parts_for_others(parts, "my hogeschool gave me an edubadge, how do I share it") == {2}
    assert _parts_for_others(parts, "how do I check an edubadge a Dutch applicant sent me") == set()
    assert _parts_for_others(parts, "we issue edubadges at our college, what do our students do") == set()
    assert _parts_for_others(parts, "what is an edubadge") == set()  # no side taken: every part


async def test_going_back_to_an_earlier_subject_asks_the_rest_of_it(engine):
    await engine.handle(say("can a badge expire?"))
    assert (await engine.handle(say("how do i share it on linkedin"))).topic == "share-badge-linkedin"
    # it was the whole answer on expiry again
    reply = await engine.handle(say("back to the renewal thing, who do i ask"))
    assert reply.topic == "badge-expiry" and reply.text.startswith("Who can help") and "ask the issuer" in reply.text
    # named in a word the base is unsure of alone ("name problem"), a subject talked of before
    await engine.handle(say("what is credly"))
    reply = await engine.handle(say("so back to the name problem - how long does it take?"))
    assert reply.topic == "badge-name-change"


async def test_an_answer_given_four_turns_back_is_not_pasted_again_whole(engine):
    # a veteran read the US answer on GI Bill exam fees, asked of three other things, then of college
    # credit: the same long answer again, word for word ("the third time I've got this article")
    first = await engine.handle(say("what is Workforce Pell and can I use it for a short certificate"))
    assert first.topic == "us-microcredentials"
    for question in ("how do i add my badge to linkedin", "can a badge expire?", "what is credly"):
        await engine.handle(say(question))
    reply = await engine.handle(say("in the US can I get college credit for training through ACE"))
    assert reply.topic == "us-microcredentials" and reply.text.startswith("On that, from")
    assert "**College credit.**" in reply.text and "no national body registers" not in reply.text


async def test_one_who_said_they_hire_is_told_how_employers_weigh_certificates(engine):
    # an HR manager's "which of these actually mean something?" got a learner's plan for choosing a learning path
    await engine.handle(say("Hi. I'm in HR at a logistics company in Joburg. We're seeing more CVs listing Coursera "
                            "certificates and Credly badges. How do I quickly check that these are real?"))
    asked = ("Right. Next question - which of these actually mean something? Like is a Google Project Management "
             "cert on Coursera worth anything vs some random badge")
    assert (await engine.handle(say(asked))).topic == "hiring-with-credentials"
    # asked by someone who said nothing of hiring, it is no recruiter's question
    assert (await engine.handle(say(asked, user="u2"))).topic != "hiring-with-credentials"
    # said in a greeting, it is kept too
    await engine.handle(say("hi, im a recruiter", user="u3"))
    reply = await engine.handle(say("which of these certificates on a CV actually mean something?", user="u3"))
    assert reply.topic == "hiring-with-credentials"


async def test_backing_up_badges_is_downloading_them_not_taking_them_back(engine):
    # "back" met revocation's "taken back"; "shuts down" met a student email that was shut down
    assert (await engine.handle(say("how do i back up my badges"))).topic == "badge-download"
    reply = await engine.handle(say("what happens to my badges if credly shuts down"))
    assert reply.topic == "badge-download" and "**If the platform shuts down**" in reply.text


async def test_another_platform_after_a_platforms_answer_is_asked_of_that_platform(engine):
    assert (await engine.handle(say("whats a micromasters"))).topic == "platform-edx-micromasters"
    # "whats a micromasters on futurelearn" landed on edX's answer: "That's all I have", turn after turn
    assert (await engine.handle(say("and futurelearn?"))).topic == "platform-futurelearn"
    assert (await engine.handle(say("how much is it"))).topic == "platform-futurelearn"
    # an answer about no one platform that names the other still answers for it
    assert (await engine.handle(say("how do i add my credly badge to linkedin"))).topic == "share-badge-linkedin"
    assert (await engine.handle(say("and from accredible?"))).topic == "share-badge-linkedin"
    # ... one that never names it is asked of that platform (it was "That's all I have", three times)
    assert (await engine.handle(say("can micro-credentials count toward a masters degree"))).topic == "stackable-credentials"
    assert (await engine.handle(say("and futurelearn?"))).topic == "platform-futurelearn"
    assert (await engine.handle(say("how much does that cost"))).topic == "platform-futurelearn"


async def test_a_turn_one_line_of_the_answer_speaks_to_is_that_line_not_another_entry(engine):
    assert (await engine.handle(say("how do i add my badge to linkedin"))).topic == "share-badge-linkedin"
    # alone, "missing" is a badge that never arrived, an entry that never speaks of a logo
    reply = await engine.handle(say("the logo is missing"))
    assert reply.topic == "share-badge-linkedin" and "*Logo missing or wrong issuer:*" in reply.text
    assert "*Button does nothing" not in reply.text  # that line alone


async def test_a_platform_the_answer_speaks_of_asked_with_it_is_what_the_answer_says_of_it(engine):
    assert (await engine.handle(say("my name is misspelled on my badge"))).topic == "badge-name-change"
    # alone, it was what Credly is
    reply = await engine.handle(say("can credly fix it"))
    assert reply.topic == "badge-name-change" and "Credly's support team cannot change" in reply.text
    await engine.handle(say("can a badge expire"))
    reply = await engine.handle(say("can credly extend it"))
    assert reply.topic == "badge-expiry" and "Credly can't change or extend" in reply.text
    # a heading naming one word of several ("Why a date?") is no match for the line using them all
    assert "Credly can't change or extend" in (await engine.handle(say("can credly extend the date"))).text
    # "it's from credly" after a badge that never arrived asks nothing else of Credly (it was what Credly is)
    await engine.handle(say("i never got my badge"))
    reply = await engine.handle(say("its from credly"))
    assert reply.topic == "badge-not-received" and "admin@credly.com" in reply.text
    # ... but what a platform is, is its own entry (it was the download answer's line on Credly)
    await engine.handle(say("how do i download my badge"))
    assert (await engine.handle(say("what is credly"))).topic == "platform-credly"


async def test_a_badge_one_did_not_expect_is_warned_of_before_the_steps_to_claim_it(engine):
    reply = await engine.handle(say("got an email saying i earned a badge but i never took a course. scam?"))
    # the warning was the last paragraph of claiming, after "click the accept button" and every
    # step; the entry on scams opens with it
    assert reply.topic == "scam-warning-signs" and "don't click its link" in reply.text
    assert "click the accept" not in reply.text
    # "should i click it?" is about that answer ("should" names no new subject: it was "did you mean")
    reply = await engine.handle(say("should i click it"))
    assert reply.topic == "scam-warning-signs" and "click the accept" not in reply.text
    # one expected is claimed as usual, with the warning before the steps
    reply = await engine.handle(say("I got an email saying I earned a badge, what do I do now", user="u2"))
    assert reply.topic == "claim-badge"
    text = " ".join(reply.text.split())
    assert -1 < text.index("Don't click the link") < text.index("Once you accept")


async def test_the_question_after_a_sentence_about_the_asker_is_answered(engine):
    # read whole, the asker's retail job and data analytics made it "did you mean"
    text = "hi im switching from retail to data analytics, coursera or udacity which is better"
    alone = await engine.handle(say("coursera or udacity which is better", user="u2"))
    reply = await engine.handle(say(text))
    assert reply.intent is Intent.FAQ and reply.topic == alone.topic


@pytest.mark.parametrize(("text", "topic"), [
    ("I'm in IT and already hold a couple of vendor certs that need renewing every few years. Now my employer is "
     "pushing micro-credentials from a local college, how are those different from an industry certification or "
     "a licence?", "microcredential-vs-certification"),
    ("Our school uses Canvas and the instructional design team wants to start awarding badges for module "
     "completion. Is Canvas Badges something built into Canvas courses, and does it cost extra for the "
     "institution?", "platform-badgr"),
    # asked first, then the story after a comma: the story's words had spread the whole message over
    # three entries level, this one third
    ("wots a micro credential, my work coach at the job centre keeps saying it and i dont want to look stupid",
     "what-is-microcredential"),
    # ... where the whole message was answered: the story's "hiring a junior" had weighed as much as the
    # question's words and led to Google's answer
    ("how do i check if someones google cert is real, hiring a junior rn", "badge-verification"),
])
async def test_a_situation_told_before_the_question_is_answered_by_the_clause_that_asks(engine, text, topic):
    # read whole it was "did you mean", with this entry offered first
    reply = await engine.handle(say(text))
    assert reply.intent is Intent.FAQ and reply.topic == topic


async def test_hours_a_week_after_a_platform_is_that_platforms_figure(engine):
    await engine.handle(say("what is the google career certificate"))
    # "a week" was a subject of its own: the general entry on time
    reply = await engine.handle(say("how many hrs a week"))
    assert reply.topic == "platform-google-career-certificates" and reply.text.startswith("On that, from")


async def test_a_list_items_bold_lead_heads_it(engine):
    await engine.handle(say("what is futurelearn"))
    # only the list's first item heads the part: it was the answer's opening again ("In short")
    reply = await engine.handle(say("expert track wat is that"))
    assert reply.topic == "platform-futurelearn" and "- **ExpertTracks**:" in reply.text
    assert "**Short courses**" not in reply.text and "In short" not in reply.text
    # ... though no line names PMI (it was the whole list again)
    await engine.handle(say("what is futurelearn"))
    reply = await engine.handle(say("is the experttrack recognised by PMI or anything"))
    assert "- **ExpertTracks**:" in reply.text and "**Short courses**" not in reply.text
    # ... while a word every item uses heads none of them
    await engine.handle(say("what is a badge wallet"))
    reply = await engine.handle(say("which wallet should i use"))
    assert reply.topic == "badge-wallet" and reply.text.count("\n- **") > 1


@pytest.mark.parametrize(("first", "then", "topic", "said"), [
    # they were how assessments work, and what a revoked badge is
    ("my badge was revoked", "can i appeal", "badge-revocation", "how to appeal"),
    ("can a badge expire", "will it disappear from linkedin", "badge-expiry", "such as a LinkedIn entry"),
    # a part whose heading names a word of "it" asked of: its *What you see* (it was whether
    # employers recognise badges, an entry that uses both words too)
    ("what happens if my badge is revoked", "will employers see it", "badge-revocation", "any employer who checks"),
])
async def test_a_badge_holders_follow_up_is_answered_from_the_answer_before(engine, first, then, topic, said):
    await engine.handle(say(first))
    reply = await engine.handle(say(then))
    assert reply.topic == topic and said in reply.text


async def test_asking_the_boss_after_funding_is_the_line_on_employers(engine):
    assert (await engine.handle(say("can my employer pay for a microcredential"))).topic == "financial-aid"
    # it was every source of funding again, Ontario's and New York's grants first
    reply = await engine.handle(say("how do i ask my boss"))
    assert "**Your employer.**" in reply.text and "**Government schemes.**" not in reply.text


async def test_how_long_of_a_step_in_the_answer_is_that_step(engine):
    assert (await engine.handle(say("can i get financial aid for a microcredential"))).topic == "financial-aid"
    # "how long" and "take" are no subject: it was the name on a badge, for "approve"
    reply = await engine.handle(say("how long does aid approval take"))
    assert reply.topic == "financial-aid" and "approval can take up to 15 days" in reply.text
    assert "badge-name-change" not in reply.related  # no general answer on how long, either


async def test_the_part_just_quoted_is_not_quoted_again_word_for_word(engine):
    await engine.handle(say("how many credits is a micro-credential worth?"))
    size = await engine.handle(say("how many hours is that?"))
    assert size.text.startswith("On that, from")
    # it was the same part again, which reads as not heard
    reply = await engine.handle(say("one credit is how many hours"))
    assert reply.topic == "credits-and-levels" and "What I quoted above is all" in reply.text
    assert size.text.split("\n")[2] not in reply.text
    # ... but one line of it, which a new question picks out, is the answer
    await engine.handle(say("my badge was sent to my old work email and i left the job"))
    assert "**Add a secondary email.**" in (await engine.handle(say("how do i add it"))).text
    merge = await engine.handle(say("can they merge accounts"))
    assert "**Merge accounts.**" in merge.text and "**Add a secondary email.**" not in merge.text


@pytest.mark.parametrize(("first", "then", "topic", "said"), [
    # "useless" asks whether it is worth it (it was "I don't have an answer for that")
    ("what is a nanodegree", "so was it useless", "platform-udacity-nanodegree", "**Recognition:**"),
    # employers accepting it is its worth, not how to accept a badge (it was claiming a badge)
    ("is the google data analytics cert real or just marketing", "do employers accept it",
     "platform-google-career-certificates", "**Job value**"),
    # "back them up" is backing up, not revoking ("back" met "taken back")
    ("what happens to my badges if credly shuts down", "how do i back them up", "badge-download", "For a good backup"),
    ("can a badge expire", "src?", "badge-expiry", "More on"),  # (it was "I don't have an answer")
    # "decides" is a decision, and "who" no subject: it was the part for registry staff ("who issued it")
    ("can i get credit for a microcredential at university?", "who decides", "credit-transfer",
     "makes the final decision"),
])
async def test_a_short_follow_up_in_chat_words_is_asked_of_the_answer_before(engine, first, then, topic, said):
    await engine.handle(say(first))
    reply = await engine.handle(say(then))
    assert reply.topic == topic and said in reply.text


async def test_a_platform_named_in_a_question_answered_in_general_is_what_its_facets_ask_of(engine):
    first = await engine.handle(say("my high school students want to do google career certificates, is there an age limit"))
    assert first.topic == "who-can-enroll"
    # "it" is Google's certificates (it was "That's all I have" on who may enrol, turn after turn)
    for then in ("how much is it", "how long does it take"):
        reply = await engine.handle(say(then))
        assert reply.topic == "platform-google-career-certificates" and reply.text.startswith("On that, from")
    # another platform named after Google's: that platform (a question rewritten from the whole chain
    # named Google's "career certificates" in passing, and found who may enrol)
    assert (await engine.handle(say("what about linkedin learning instead"))).topic == "platform-linkedin-learning"


async def test_an_answer_given_a_turn_before_the_last_is_not_given_whole_again(engine, bundled_kb):
    linkedin = bundled_kb.entries["share-badge-linkedin"]
    await engine.handle(say("my badge from credly isnt showing on my linkedin profile"))
    await engine.handle(say("how do i check a badge is genuine"))
    # it was the whole LinkedIn answer again, from its opening
    reply = await engine.handle(say("it says page not found when i click it"))
    assert reply.topic == "share-badge-linkedin" and reply.text.startswith("On that, from")
    assert "page not found" in reply.text and linkedin.parts[0] not in reply.text
    # ... while asked again with nothing narrower, it is given whole
    await engine.handle(say("how do i check a badge is genuine"))
    again = await engine.handle(say("how do i add a badge to linkedin"))
    assert again.text.startswith(f"**{linkedin.title}**")


async def test_a_platform_answered_the_turn_before_the_last_is_what_its_facets_ask_of(engine):
    await engine.handle(say("my son wants to do a google certificate instead of college, good idea?"))
    assert (await engine.handle(say("is there a minimum age?"))).topic == "who-can-enroll"
    # "it" is still Google's certificate (it was "That's all I have" on who may enrol)
    reply = await engine.handle(say("how much would it cost us all in"))
    assert reply.topic == "platform-google-career-certificates" and "**Cost:**" in reply.text
    # ... two turns on, it is forgotten
    await engine.handle(say("my son wants to do a google certificate instead of college, good idea?", user="u3"))
    await engine.handle(say("is there a minimum age?", user="u3"))
    await engine.handle(say("do i need a degree", user="u3"))
    assert (await engine.handle(say("how much would it cost us all in", user="u3"))).topic != \
        "platform-google-career-certificates"


async def test_where_the_answer_has_nothing_more_the_entry_the_turn_answers_alone_says_it(engine, bundled_kb):
    await engine.handle(say("is the google data analytics cert real or just marketing"))
    reply = await engine.handle(say("is it accredited"))
    # it was "That's all I have" on Google's certificates, with the entry on accreditation one number
    # away (and before that, Coursera's entry); its opening says it, and Google's entry is offered back
    accredited = bundled_kb.entries["accreditation-check"]
    assert reply.topic == "accreditation-check" and reply.text.startswith("**Google Career Certificates** says nothing")
    assert accredited.parts[0] in reply.text and accredited.parts[1] not in reply.text
    assert reply.related[:1] == ("platform-google-career-certificates",)
    await engine.handle(say("how can i tell if a badge is real"))
    reply = await engine.handle(say("does it cost anything to accept"))
    assert reply.topic == "cost" and "accepting a badge is normally free" in reply.text  # (not its pricing models)
    # ... but how long a name change takes is no course's length: still a plain "that's all I have"
    await engine.handle(say("how do i change my name on a badge"))
    reply = await engine.handle(say("how long does that take"))
    assert reply.topic == "badge-name-change" and reply.text.startswith("That's all I have")


async def test_whether_worth_it_of_what_the_answer_is_about_gets_the_general_entry(engine):
    await engine.handle(say("is this micro credential thing a scam honestly"))
    # it was "that's all I have" on legitimacy, with the entry on value only offered
    reply = await engine.handle(say("ok but are they worth anything at all"))
    value = engine.knowledge.entries["microcredential-value"]
    assert reply.topic == "microcredential-value" and value.parts[0] in reply.text
    assert reply.related[:1] == ("accreditation-check",)


async def test_asking_whether_to_contact_the_issuer_gets_the_step_that_says_so(engine):
    await engine.handle(say("candidate sent me a credly link, how do i verify it's real"))
    # it was a badge that never arrived
    reply = await engine.handle(say("can i just contact the issuer"))
    assert reply.topic == "badge-verification" and ("report it to the issuer named on it" in reply.text
                                                    or "ask the issuer (contact details from its own website)" in reply.text)


async def test_after_a_did_you_mean_the_answer_before_is_still_what_follow_ups_ask_about(engine):
    assert (await engine.handle(say("added my credly badge to linkedin but the image is blank"))).topic == "share-badge-linkedin"
    fix = await engine.handle(say("how do i fix that?"))  # no heading names "fix": its troubleshooting
    assert fix.topic == "share-badge-linkedin" and "**Troubleshooting**" in fix.text
    offered = (await engine.handle(say("can i do it myself?"))).suggestions  # "did you mean"
    assert offered
    # it was another "did you mean": the context was lost with the unclear turn
    assert (await engine.handle(say("who do i ask?"))).topic == "share-badge-linkedin"
    # and the choices on screen still pick
    await engine.handle(say("added my credly badge to linkedin but the image is blank", user="u2"))
    assert (await engine.handle(say("can i do it myself?", user="u2"))).suggestions == offered
    assert (await engine.handle(say("2", user="u2"))).topic == offered[1]


async def test_whom_to_ask_about_credit_is_the_step_that_names_the_office(engine):
    await engine.handle(say("what is RPL?"))
    reply = await engine.handle(say("who do i ask at my uni"))
    # "... RPL policy and contact the admissions or credit-transfer office": it was "That was all I
    # have", pointing at a badge's issuer or platform
    assert reply.text.startswith("Who can help") and "admissions" in reply.text


async def test_setting_that_up_stays_on_what_that_is(engine):
    assert (await engine.handle(say("how do i issue badges in canvas"))).topic == "badge-issuing"
    # alone, "set" found the wallet entry's title ("how do I set one up?")
    assert (await engine.handle(say("what do we need to set that up?"))).topic == "badge-issuing"


async def test_how_long_the_issuer_takes_to_reply_is_no_question_on_course_length(engine):
    await engine.handle(say("never got my badge email from the course i finished"))
    await engine.handle(say("who do i contact?"))
    # "reply" is nothing the entry on time is about: it was how long a micro-credential takes
    assert (await engine.handle(say("how long do they usually take to reply"))).topic == "badge-not-received"
    await engine.handle(say("the name on my badge is wrong"))
    assert (await engine.handle(say("how long does a micro-credential take?"))).topic == "time-commitment"


async def test_how_long_after_how_to_earn_a_micro_credential_is_the_entry_on_time(engine):
    assert (await engine.handle(say("how do I earn a micro-credential?"))).topic == "assessment-criteria"
    assert (await engine.handle(say("how long does that take?"))).topic == "time-commitment"


async def test_the_price_after_a_platform_whose_answer_gives_it_is_that_platforms(engine):
    assert (await engine.handle(say("tell me about LinkedIn Learning"))).topic == "platform-linkedin-learning"
    # its answer says how access is paid for (Premium, or free through an employer or library)
    assert (await engine.handle(say("how much does it cost?"))).topic == "platform-linkedin-learning"


async def test_a_follow_up_that_points_back_and_names_no_subject_stays(engine):
    assert (await engine.handle(say("my badge never arrived"))).topic == "badge-not-received"
    # alone, "fix" is found in a phrasing on misspelt names; here "that" is the missing badge
    assert (await engine.handle(say("how do I fix that"))).topic == "badge-not-received"


async def test_it_after_a_platform_is_the_platform_when_its_entry_is_asked_that(engine):
    assert (await engine.handle(say("what is badgr"))).topic == "platform-badgr"
    # alone, "is it free?" is the general question on costs; Badgr's entry is asked "is badgr free"
    assert (await engine.handle(say("is it free?"))).topic == "platform-badgr"
    await engine.handle(say("what is credly"))
    # sharing is never asked of Credly's entry: the boundary notes give it to the sharing topics
    assert (await engine.handle(say("how do I share it?"))).topic != "platform-credly"


async def test_a_message_asking_two_things_names_the_entry_for_the_other(engine):
    reply = await engine.handle(say("how much do badges cost and how long do they take?"))
    assert reply.topic == "cost"
    title = engine.knowledge.entries["time-commitment"].title
    assert f"You also asked about: {title}" in reply.text
    one = await engine.handle(say("how much do badges cost?"))
    assert "You also asked" not in one.text
    # a second question that leans on the first's subject is no other question: "regulator" met the
    # entry on CPD, "approval" the one on names, "does it matter" accreditation
    for text in ("Who checks the quality of badges? Is there any regulator?",
                 "Who is allowed to issue an Open Badge? Does an issuer need any approval?",
                 "whats actually the difference between open badges 2.0 and 3.0? does it matter for us"):
        assert "You also asked" not in (await engine.handle(say(text))).text
    # after a word of chat ("hey so ...", "also ..."), a question is still one: only the first was heard
    reply = await engine.handle(say("hey so what exactly is a digital badge and can i put it on linkedin? also do they "
                                    "cost money", user="u2"))
    title = engine.knowledge.entries["share-badge-linkedin"].title
    assert reply.topic == "what-is-digital-badge" and f"You also asked about: {title}" in reply.text



@pytest.mark.parametrize("answer", ["yes", "ok tell me about that", "and the second thing?",
                                    "ok but you missed my other question?? how long"])
async def test_yes_after_you_also_asked_about_opens_that_entry(engine, answer):
    await engine.handle(say("how much do badges cost and how long do they take?"))
    assert (await engine.handle(say(answer))).topic == "time-commitment"  # it was "I don't have an answer"


async def test_why_after_an_answer_is_its_gist_not_the_answer_again(engine):
    first = await engine.handle(say("what is credly"))
    why = await engine.handle(say("why?"))
    assert why.topic == first.topic and why.text.startswith("That's all I have on it")
    assert engine.knowledge.entries[first.topic].answer not in why.text  # it was the whole answer again


@pytest.mark.parametrize(("question", "follow_up", "part"), [
    ("can a badge be revoked?", "why?", "**Why issuers revoke**"),
    ("how can I check a micro-credential is accredited?", "how do I check that", "How to check:"),  # "all I have"
    ("can a badge expire?", "how do I renew it", "**Renewing.**"),  # it was the whole answer again
    # a heading on a line of its own comes with what follows it (it was shown alone)
    ("can a badge expire?", "what happens when it expires?", "**What happens when it expires?**\n\n- "),
    ("tell me about google career certificates", "will it get me a job?", "**Job value**\n\n- "),
    # a whole question that lands on the answer just given gets its part too (it was all of it again)
    ("are micro-credentials worth it?", "what does the evidence say?", "**What the evidence says:**"),
    # a turn naming nothing but a heading of the answer (they went to privacy and to enrolment)
    ("what does revoked mean", "what do I see?", "**What you see.**"),
    ("can I get university credit for a micro-credential?", "how do I apply?", "How to apply:"),
    ("are micro-credentials worth it?", "any downsides?", "**Limits:**"),  # a synonym of its heading
    # no heading names it: the part that uses its words most (it was "That's all I have")
    ("how many credits is a micro-credential worth?", "how many hours is that?", "**Size** is measured"),
    # the opening names "expire" as a heading does, and says it five times: the part with the LinkedIn line
    ("my google cert on coursera - does it expire?", "and if i put it on linkedin and it expires?",
     "such as a LinkedIn entry"),
    ("whats the difference between open badges 2.0 and 3.0", "is 3.0 backwards compatible",  # it was the 3.0 list
     "3.0 is not backwards compatible"),
    # whether 2.0 badges stop working got the 2.0 list, which says nothing of it
    ("whats the difference between open badges 2.0 and 3.0",
     "if we stay on OB 2.0 in moodle will those badges stop working when everyone moves to 3.0?",
     "2.0 badges already issued keep"),
    # an emphasis is no subject: "specifically" met Udacity's *"Meets Specifications"* item
    ("what is a udacity nanodegree", "I asked about Udacity specifically. Is a Udacity nanodegree accredited, yes or no?",
     "**Recognition:**"),
    # an idiom asks for a heading that shares none of its words (they were "That's all I have")
    ("what are google career certificates", "how long does it take?", "**Duration:**"),
    ("what is a udacity nanodegree", "how long does it take?", "**Length:**"),
    ("what is a udacity nanodegree", "is it worth it?", "**Recognition:**"),
])
async def test_a_follow_up_on_the_answer_just_given_gets_the_part_it_asks_about(engine, question, follow_up, part):
    first = await engine.handle(say(question))
    reply = await engine.handle(say(follow_up))
    assert reply.topic == first.topic and part in reply.text and reply.text.startswith("On that")
    assert engine.knowledge.entries[first.topic].parts[0] not in reply.text


@pytest.mark.parametrize(("question", "follow_up", "says", "general"), [
    # a platform's answer that speaks to it without a heading (both went to the general entry)
    ("what is a micromasters", "how long does it take?", "over a year part-time", "time-commitment"),
    ("what is linkedin learning", "is it free?", "free access", "cost"),
    # a one-word fragment leans on the platform too ("price?" after Badgr, "cost?" after edX)
    ("badgr?", "price?", "the learner Backpack is free", "cost"),
    ("what is an edx micromasters", "cost?", "less up to 90% with financial", "cost"),
    # ... and Google's answer now says how it is paid (it gave the paragraph on job value)
    ("tell me about google career certificates", "is it free?", "monthly subscription", "cost"),
])
async def test_how_long_or_how_much_after_a_platform_is_asked_of_that_platform(engine, question, follow_up, says,
                                                                               general):
    first = await engine.handle(say(question))
    reply = await engine.handle(say(follow_up))
    assert reply.topic == first.topic and says in reply.text and reply.text.startswith("On that")
    assert reply.related[0] == general  # the general answer is one number away


async def test_an_everyday_word_the_last_answer_never_uses_does_not_leave_it(engine):
    # "completely" weighs less than "delete", which privacy speaks of: it was "did you mean" expiry
    await engine.handle(say("can I hide a badge from my public profile?"))
    assert (await engine.handle(say("can I delete it completely"))).topic == "badge-privacy"


async def test_a_turn_that_names_another_general_entrys_subject_leaves_a_general_answer(engine):
    # "money" and "help" are what financial aid is about: it was costs' pricing models again
    await engine.handle(say("how much does a micro credential cost"))
    assert (await engine.handle(say("and if i not have money for pay? exist some help"))).topic == "financial-aid"


async def test_a_facet_asked_of_another_platform_goes_to_that_platform(engine):
    await engine.handle(say("tell me about coursera"))  # its answer speaks of price
    reply = await engine.handle(say("is it free with my library card?"))  # it stayed on Coursera
    assert reply.topic == "platform-linkedin-learning"


async def test_how_long_after_a_platform_that_says_nothing_of_it_is_the_general_answer(engine):
    await engine.handle(say("what is credly"))  # a badge platform: no course, no duration
    assert (await engine.handle(say("how long does it take?"))).topic == "time-commitment"


async def test_a_step_already_done_gets_the_steps_after_it_not_the_opening_again(engine, bundled_kb):
    first = await engine.handle(say("my credly badge email never arrived"))
    steps = bundled_kb.entries[first.topic].steps
    spam = next(i for i, step in enumerate(steps) if "spam" in step.lower())
    reply = await engine.handle(say("i already checked spam"))
    assert reply.topic == first.topic and reply.text.startswith("If you've done that")
    assert steps[spam] not in reply.text and steps[spam + 1] in reply.text
    assert bundled_kb.entries[first.topic].parts[0] not in reply.text  # it said to check spam first


async def test_a_step_done_is_the_one_it_names_best_and_not_working_gets_troubleshooting(engine):
    await engine.handle(say("my badge went to my old work email"))
    reply = await engine.handle(say("i already added a secondary email"))  # it was "That was the last step"
    assert reply.text.startswith("If you've done that") and "Merge accounts" in reply.text
    await engine.handle(say("how do I add my badge to linkedin"))
    trouble = await engine.handle(say("that didnt work"))  # it was "That was the last step"
    assert trouble.topic == "share-badge-linkedin" and "**Troubleshooting**" in trouble.text


async def test_still_stuck_with_no_step_named_gets_whom_to_turn_to(engine):
    await engine.handle(say("the name on my certificate is spelled wrong"))
    reply = await engine.handle(say("i already did that, the issuer isn't replying"))
    assert reply.topic == "badge-name-change" and reply.text.startswith("If that didn't help")
    assert "Contact the issuing organisation" in reply.text and "Why so strict" not in reply.text
    # stuck again after those: they are not given twice
    again = await engine.handle(say("it's been 2 weeks"))
    assert again.topic == "badge-name-change" and "Contact the issuing organisation" not in again.text
    assert again.text.startswith("Those were all the steps I have") and "the organisation that issued it" in again.text
    # no troubleshooting part and no step that says whom to turn to: it was "That was the last step I have"
    signature = await engine.handle(say("how do I put my badge in my email signature?"))
    stuck = await engine.handle(say("that didn't work"))
    assert stuck.topic == signature.topic and stuck.text.startswith("That was all I have in")
    assert "can look at your case" in stuck.text and "source may go further: https://" in stuck.text


async def test_asked_to_do_what_only_an_issuer_can_it_says_so_and_who_can(engine):
    """"can you resend it?" got the gist that said to check spam; nothing said credbot cannot."""
    await engine.handle(say("my credly badge email never arrived"))
    reply = await engine.handle(say("can you resend it?"))
    assert reply.text.startswith("I can't do that myself") and reply.topic == "badge-not-received"
    assert "**Ask the issuer.**" in reply.text and "Search spam" not in reply.text
    first = await engine.handle(say("can you change the name on my certificate?"))  # asked straight away
    assert first.text.startswith("I can't do that myself") and first.topic == "badge-name-change"
    assert not (await engine.handle(say("can you explain what a badge is?"))).text.startswith("I can't")
    await engine.handle(say("my credly badge email never arrived"))
    whom = await engine.handle(say("who do I contact?"))  # it was the first steps again, spam first
    assert whom.text.startswith("Who can help") and "**Ask the issuer.**" in whom.text and "Search spam" not in whom.text


async def test_tell_me_more_stays_on_the_topic(engine):
    await engine.handle(say("what is credly"))
    more = await engine.handle(say("tell me more"))
    assert more.intent is Intent.FAQ and more.topic == "platform-credly"
    assert "https://" in more.text


async def test_a_simpler_explanation_is_the_gist_of_the_answer(engine):
    first = await engine.handle(say("can a badge expire?"))
    simpler = await engine.handle(say("explain that more simply"))
    gist, rest = first.card.body.split("\n\n", 1)
    assert simpler.topic == first.topic and gist in simpler.text and rest[:60] not in simpler.text


async def test_a_follow_up_that_names_something_new_changes_the_subject(engine):
    await engine.handle(say("how do I share my badge on twitter"))
    # "CV" is nowhere in the answer on social media: the user moved on, not deeper
    assert (await engine.handle(say("and on my cv?"))).topic == "share-badge-resume"
    await engine.handle(say("what is a google career certificate"))
    # nothing new named: "it" is still Google's certificate
    assert (await engine.handle(say("how long does it take?"))).topic == "platform-google-career-certificates"


async def test_a_close_follow_up_naming_another_entrys_subject_leaves_the_topic(engine):
    await engine.handle(say("my badge email never arrived"))
    # the last topic is close behind, but "wrong" is what e-mail changes are asked about
    assert (await engine.handle(say("it went to the wrong email address actually"))).topic == "badge-email-change"
    await engine.handle(say("can I hide a badge from my public profile?"))
    # "completely" is new to privacy, but no entry is asked about it: still privacy or removal
    assert (await engine.handle(say("can I delete it completely"))).topic in {"badge-privacy", "badge-revocation"}


async def test_a_comparison_sets_the_platforms_side_by_side(engine, bundled_kb):
    credly, badgr = bundled_kb.entries["platform-credly"], bundled_kb.entries["platform-badgr"]
    reply = await engine.handle(say("badgr vs credly?"))
    # it was Credly's whole answer, with Badgr only offered: half the question
    assert reply.topic == "platform-badgr" and reply.related == ("platform-badgr", "platform-credly")
    assert reply.card.title == "Badgr or Credly?" and reply.text.startswith("**Badgr or Credly?**\n")
    assert f"**Badgr**: {badgr.parts[0]}" in reply.text and f"**Credly**: {credly.parts[0]}" in reply.text
    assert badgr.parts[1] not in reply.text  # the gists only
    # a number reads one in full (the first, too: only its gist was given)
    assert (await engine.handle(say("2"))).text.startswith(f"**{credly.title}**\n\n{credly.answer}")
    await engine.handle(say("badgr vs credly?"))
    assert (await engine.handle(say("1"))).text.startswith(f"**{badgr.title}**\n\n{badgr.answer}")


async def test_providers_compared_offer_each_providers_own_entry_first(engine):
    """"coursera vs edx, which should I pick?" is answered from how to choose a provider, whose related
    list named neither; "coursera vs edx" and nothing else sets the two side by side (it got the
    checklist for choosing, which named neither)."""
    reply = await engine.handle(say("coursera vs edx, which one should i pick for my career?"))
    assert reply.topic == "choose-microcredential"
    assert reply.related[:2] == ("platform-coursera", "platform-edx-micromasters")
    assert (await engine.handle(say("2"))).topic == "platform-edx-micromasters"
    reply = await engine.handle(say("coursera vs edx", user="u2"))
    assert reply.text.startswith("**Coursera or edX?**") and reply.related[:2] == ("platform-coursera",
                                                                                   "platform-edx-micromasters")


async def test_the_other_one_after_a_comparison_is_the_other_platform(engine):
    await engine.handle(say("credly vs badgr?"))
    assert (await engine.handle(say("what about the other one"))).topic == "platform-badgr"  # it was Credly again


async def test_context_is_per_user_and_per_thread(engine):
    await engine.handle(say("what is credly", user="alice"))
    other = await engine.handle(say("tell me more", user="bob"))
    assert other.topic != "platform-credly"
    elsewhere = await engine.handle(say("tell me more", user="alice", thread="t9"))
    assert elsewhere.topic != "platform-credly"


async def test_context_expires(bundled_kb):
    now = [1000.0]
    engine = Engine(bundled_kb, context_ttl=60, clock=lambda: now[0])
    await engine.handle(say("what is credly"))
    now[0] += 61
    later = await engine.handle(say("tell me more"))
    assert later.topic != "platform-credly"


async def test_clicking_a_suggestion_answers_it(engine):
    reply = await engine.handle(click(ActionKind.SUGGESTION, "badge-revocation"))
    assert reply.intent is Intent.FAQ and reply.topic == "badge-revocation"


async def test_clicking_an_unknown_topic_is_a_clear_reply(engine):
    reply = await engine.handle(click(ActionKind.SUGGESTION, "no-such-topic"))
    assert reply.intent is Intent.OUT_OF_SCOPE and "no longer" in reply.text


async def test_feedback_is_recorded(bundled_kb):
    recorder = RecordingRecorder()
    engine = Engine(bundled_kb, recorder=recorder)
    reply = await engine.handle(click(ActionKind.NOT_HELPFUL, "badge-expiry"))
    assert reply.intent is Intent.FEEDBACK and reply.private
    assert recorder.feedbacks == [("badge-expiry", False, None)]
    await engine.handle(say("can a badge expire?"))
    await engine.handle(click(ActionKind.HELPFUL, "badge-expiry"))
    assert recorder.feedbacks[-1] == ("badge-expiry", True, "can a badge expire?")


async def test_a_typed_verdict_on_an_answer_is_feedback(bundled_kb):
    recorder = RecordingRecorder()
    engine = Engine(bundled_kb, recorder=recorder)
    await engine.handle(say("can a badge expire?"))
    thanks = await engine.handle(say("thanks, that helped!"))
    assert thanks.intent is Intent.FEEDBACK and thanks.topic is None  # not the answer again
    assert recorder.feedbacks[-1] == ("badge-expiry", True, "can a badge expire?")
    await engine.handle(say("can a badge expire?"))
    missed = await engine.handle(say("that's not what I asked"))
    assert recorder.feedbacks[-1] == ("badge-expiry", False, "can a badge expire?")
    # the entries that came next for the same question, to pick from
    assert missed.intent is Intent.FEEDBACK and missed.suggestions and "badge-expiry" not in missed.suggestions
    picked = await engine.handle(say("1"))
    assert picked.topic == missed.suggestions[0]
    # a thumbs up or down typed as the message is the same (it got "Ask me a question ...")
    await engine.handle(say("can a badge expire?"))
    assert (await engine.handle(say("\U0001F44D\U0001F3FD"))).intent is Intent.FEEDBACK
    assert recorder.feedbacks[-1] == ("badge-expiry", True, "can a badge expire?")
    await engine.handle(say("can a badge expire?"))
    await engine.handle(say("\U0001F44E"))
    assert recorder.feedbacks[-1] == ("badge-expiry", False, "can a badge expire?")
    # with no answer to rate, it is no question either
    assert (await engine.handle(say("\U0001F44D", user="u9"))).intent is Intent.HELP


async def test_asking_for_a_person_says_where_people_are(engine):
    reply = await engine.handle(say("can I talk to a human?"))
    assert reply.intent is Intent.HELP and "can't pass you to a person" in reply.text
    assert "can't pass you" not in (await engine.handle(say("help"))).text


async def test_a_question_in_another_language_is_told_english_only(engine):
    reply = await engine.handle(say("¿Qué es una insignia digital?"))
    assert reply.declined == "not-english" and "English" in reply.text and not reply.suggestions
    # a word the base knows (Spain's entry names "microcredencial") is answered, saying it is a guess
    known = await engine.handle(say("¿Qué es una microcredencial?", user="u-es"))
    assert known.topic == "spain-microcredentials" and known.text.startswith("I can only read English")
    # an English question that names a place stays English
    assert (await engine.handle(say("what is the EU approach to micro-credentials?"))).intent is Intent.FAQ


async def test_an_answer_to_another_language_says_it_is_a_guess(engine):
    # matched on the words it shares with English ("badge", "credly", "linkedin"), which may mislead
    reply = await engine.handle(say("como compartir mi badge de credly en linkedin"))
    assert reply.intent is Intent.FAQ and reply.text.startswith("I can only read English")
    plain = await engine.handle(say("how do i share my credly badge on linkedin"))
    assert plain.intent is Intent.FAQ and "read English" not in plain.text


async def test_an_offer_is_forgotten_once_the_talk_moves_on(engine):
    offered = await engine.handle(say("email"))
    assert offered.suggestions
    await engine.handle(say("thanks"))
    # "ok" now acknowledges; it would have picked the first suggestion of the old offer
    assert (await engine.handle(say("ok"))).intent is Intent.GREETING


async def test_a_miss_offers_close_runners_up_or_what_staff_relate(engine):
    question = "are micro-credentials recognised by employers?"
    answered = await engine.handle(say(question))
    offered = await engine.handle(say("that's wrong"))
    matches = engine.index.search(question).matches
    close = {m.topic for m in matches if m.score >= 0.6 * matches[0].score}
    related = set(engine.knowledge.entries[answered.topic].related)
    assert offered.suggestions and set(offered.suggestions) <= (close | related) - {answered.topic}
    # a far runner-up (financial aid shares only "micro-credentials") is not offered
    far = [m.topic for m in matches if m.topic not in close | related]
    assert far and not set(far) & set(offered.suggestions)


async def test_one_answer_gets_one_verdict(bundled_kb):
    recorder = RecordingRecorder()
    engine = Engine(bundled_kb, recorder=recorder)
    await engine.handle(say("what is credly"))
    await engine.handle(say("thanks, that helped"))
    await engine.handle(say("nope"))  # to "anything else?", not to the answer
    await engine.handle(say("how do I reset my Credly password"))  # declined
    await engine.handle(say("that's not what I asked"))  # about the decline, not the earlier answer
    assert recorder.feedbacks == [("platform-credly", True, "what is credly")]


async def test_a_question_that_says_wrong_is_not_a_verdict(bundled_kb):
    recorder = RecordingRecorder()
    engine = Engine(bundled_kb, recorder=recorder)
    await engine.handle(say("can a badge expire?"))
    reply = await engine.handle(say("my name is wrong on my certificate"))
    assert reply.topic == "badge-name-change" and recorder.feedbacks == []


async def test_every_question_is_reported_to_the_recorder(bundled_kb):
    recorder = RecordingRecorder()
    engine = Engine(bundled_kb, recorder=recorder)
    await engine.handle(say("what is the weather tomorrow"))
    await engine.handle(say("can a badge expire"))
    assert [r.intent for _, r in recorder.questions] == [Intent.OUT_OF_SCOPE, Intent.FAQ]


@pytest.mark.parametrize(
    "text",
    ["@everyone what is a badge", "<!channel> what is credly", "@here hi", "<@U123> badges <!everyone>"],
)
async def test_replies_never_carry_mass_mentions(engine, text):
    reply = await engine.handle(say(text))
    for bad in ("@everyone", "@here", "<!channel>", "<!everyone>", "<@U123>"):
        assert bad not in reply.text


async def test_a_failing_recorder_does_not_cost_the_reply(bundled_kb):
    class Broken:
        def question(self, incoming, reply):
            raise RuntimeError("database down")

        def feedback(self, incoming, topic, helpful, question=None):
            raise RuntimeError("database down")

    engine = Engine(bundled_kb, recorder=Broken())
    reply = await engine.handle(say("can a badge expire?"))
    assert reply.topic == "badge-expiry"


async def test_reload_keeps_the_last_good_base(kb_copy):
    from knowledge.loader import load_knowledge

    engine = Engine(load_knowledge(kb_copy))
    (kb_copy / "entries" / "broken.md").write_text("---\nid: [\n---\n", encoding="utf-8")
    result = engine.reload()
    assert result.errors and any("broken.md" in str(p) for p in result.errors)
    reply = await engine.handle(say("can a badge expire?"))
    assert reply.topic == "badge-expiry"


async def test_reload_picks_up_a_new_entry(kb_copy):
    from knowledge.loader import load_knowledge

    engine = Engine(load_knowledge(kb_copy))
    (kb_copy / "entries" / "campus-library.md").write_text(
        "---\nid: campus-library\ntitle: Borrowing from the campus library\nquestions:\n"
        "  - how do I borrow library books with my learner card\n  - campus library loans\n"
        "updated: 2026-11-29\n---\n" + "The library lends books. " * 15,
        encoding="utf-8",
    )
    assert not engine.reload().errors
    reply = await engine.handle(say("how do I borrow library books?"))
    assert reply.topic == "campus-library"


@pytest.mark.parametrize(
    ("identity", "platform", "workspace", "user"),
    [("slack:T1/U7", "slack", "T1", "U7"), ("discord:42", "discord", "", "42"), ("console:ana", "console", "", "ana"),
     ("ana", "console", "", "ana")],
)
def test_speaking_as_an_identity_round_trips(identity, platform, workspace, user):
    incoming = Incoming.speaking_as(identity, text="hi")
    assert (incoming.platform, incoming.workspace, incoming.user) == (platform, workspace, user)
    assert incoming.identity == (identity if ":" in identity else f"console:{identity}")


async def test_a_note_that_the_question_is_now_in_english_is_no_part_of_it(engine):
    await engine.handle(say("c'est quoi un badge numérique?"))
    reply = await engine.handle(say("sorry, english: what is an open badge"))  # it was a did-you-mean
    assert reply.topic == "what-is-open-badge"
    assert (await engine.handle(say("sorry english what is credly"))).topic == "platform-credly"


def test_a_part_is_named_by_its_heading_not_by_its_first_sentence():
    from knowledge.schema import lead_of

    assert lead_of("**Renewing.** The issuer sets the rules.") == "Renewing."
    assert lead_of("How to check:\n\n- look it up") == "How to check"
    # a plain paragraph names nothing: "Many ... state only hours" answered "how many hours is that?"
    assert lead_of("Many non-credit micro-credentials state only hours. Converting is approximate.") == ""
    assert lead_of("Red flags: no named issuer, pay-per-certificate.") == "Red flags"
    # a sentence with a colon in it is no heading (it took "how can I tell if it was accredited?")
    assert lead_of('"Accredited" can mean different things: a university is accredited...') == ""


async def test_a_follow_up_that_the_opening_answers_gets_the_gist_not_a_later_part(engine):
    await engine.handle(say("will a micro credential from new zealand be recognised in europe?"))
    reply = await engine.handle(say("what is NZQA"))  # it was a part saying what NZQA does with results
    assert reply.topic == "nzqa-microcredentials" and "New Zealand Qualifications Authority" in reply.text


async def test_ok_after_a_part_of_an_answer_is_an_acknowledgement_and_a_number_still_picks(engine):
    await engine.handle(say("can a badge expire?"))
    part = await engine.handle(say("how do I renew it"))
    assert (await engine.handle(say("ok"))).intent is Intent.GREETING  # it opened the first entry offered
    assert (await engine.handle(say("1"))).topic == part.related[0]


async def test_a_turn_naming_more_than_a_heading_of_the_answer_is_its_own_question(engine):
    await engine.handle(say("can I get university credit for a micro-credential?"))
    assert (await engine.handle(say("how do I apply for financial aid?"))).topic == "financial-aid"


@pytest.mark.parametrize(("text", "intent"), [("show my bagdes", Intent.MY_BADGES), ("my badgez", Intent.MY_BADGES),
                                             ("what is my newst badge", Intent.MY_BADGES),
                                             ("how clse am i to the data analytics certificate", Intent.BADGE_DETAIL),
                                             ("thnks", Intent.GREETING)])
async def test_a_request_with_a_typo_is_still_that_request(engine, text, intent):
    # they were searched: "my badgez" got "What is a digital badge?", and "clse", a word no entry
    # uses, became "case", which sent a learner's progress question to Google's certificates
    assert (await engine.handle(say(text))).intent is intent


@pytest.mark.parametrize(("text", "topic", "said"), [
    # the general entry answered (every provider's pricing models), or Badgr's whole history came first
    ("how much does a google certificate cost", "platform-google-career-certificates", "**Cost:**"),
    ("badgr free?", "platform-badgr", "**Cost:** the learner Backpack is free"),
    ("how long does a nanodegree take", "platform-udacity-nanodegree", "**Length:**"),  # (a programme's name)
    # where it is taken is no second platform asked about (two named: the general entry on costs)
    ("how much is the google one per month on coursera", "platform-google-career-certificates", "**Cost:**"),
])
async def test_a_platform_asked_how_much_or_how_long_is_its_part_on_it(engine, text, topic, said):
    reply = await engine.handle(say(text))
    assert reply.topic == topic and reply.text.startswith("On that, from") and said in reply.text


@pytest.mark.parametrize("before", ["how do i claim my badge", "coursera vs futurelearn"])
async def test_a_platform_asked_how_much_after_another_answer_is_its_part_on_it(engine, before):
    await engine.handle(say(before))
    if before.endswith("futurelearn"):
        await engine.handle(say("1"))  # (Coursera in full: "badgr" was swapped into its question)
    # it was Badgr's whole answer, history first
    reply = await engine.handle(say("badgr free?"))
    assert reply.topic == "platform-badgr" and "**Cost:** the learner Backpack is free" in reply.text
    assert reply.text.startswith("On that, from")


async def test_a_platform_whose_answer_heads_no_part_on_it_leaves_it_to_the_general_entry(engine):
    # Udacity's answer heads no part on its price (its last line sends you to the program page)
    assert (await engine.handle(say("how much does udacity cost"))).topic == "cost"


async def test_an_issuing_platform_s_price_is_its_cost_line(engine):
    # it was the learner's pricing models of courses
    reply = await engine.handle(say("how much does credly cost for a company"))
    assert reply.topic == "platform-credly" and "Issuing organisations pay" in reply.text
    reply = await engine.handle(say("how much does coursera cost"))
    assert reply.topic == "platform-coursera" and "audited free" in reply.text and reply.related[:1] == ("cost",)


@pytest.mark.parametrize("follow_up", ["and edx?", "no, I meant for edX"])
async def test_a_platform_asked_after_costs_gets_what_its_answer_says_of_them(engine, follow_up):
    # the costs entry names no platform: it was all of it again, then its gist with edX offered
    await engine.handle(say("how much does coursera cost"))
    reply = await engine.handle(say(follow_up))
    assert reply.topic == "platform-edx-micromasters" and "less up to 90% with financial" in reply.text
    assert reply.text.startswith("On that") and reply.related[0] == "cost"  # the general answer one number away
    assert (await engine.handle(say("1"))).topic == "cost"


@pytest.mark.parametrize("text", ["thank you po", "ok bet 👍", "yes", "nope"])
async def test_a_social_turn_with_nothing_asked_is_no_unanswered_question(bundled_kb, text):
    # they were "I don't have an answer for that", and staff saw "thank you po" among the unanswered
    recorder = RecordingRecorder()
    engine = Engine(bundled_kb, recorder=recorder)
    reply = await engine.handle(say(text))
    assert reply.intent is Intent.GREETING and recorder.questions[-1][1].declined is None


@pytest.mark.parametrize(("follow_up", "kind"), [("what do you mean?", "In short: "), ("huh?", "In short: "),
                                                 ("explain like im five", "In short: "), ("wdym", "In short: ")])
async def test_asking_what_the_answer_meant_gets_its_gist(engine, follow_up, kind):
    # "what do you mean?" was a "did you mean", "huh?" a decline, "explain like im five" stackable credentials
    first = await engine.handle(say("what is an open badge"))
    reply = await engine.handle(say(follow_up))
    assert reply.topic == first.topic and reply.text.startswith(kind)


async def test_a_signature_in_one_mail_client_then_a_website_is_the_same_question_of_it(engine):
    await engine.handle(say("how do i put my badge in my outlook signature"))
    assert (await engine.handle(say("and on my website?"))).topic == "share-badge-social"  # it was "What is Credly?"


async def test_no_after_an_acknowledgement_is_no_verdict_on_the_answer_before(bundled_kb):
    # "yes" (an acknowledgement), then "no" recorded "not helpful" against the answer two turns back
    recorder = RecordingRecorder()
    engine = Engine(bundled_kb, recorder=recorder)
    await engine.handle(say("what is credly"))
    await engine.handle(say("yes"))
    done = await engine.handle(say("no"))
    assert done.intent is Intent.GREETING and done.text.startswith("Goodbye") and recorder.feedbacks == []
    await engine.handle(say("what is credly"))
    assert (await engine.handle(say("no"))).intent is Intent.FEEDBACK  # straight after an answer: a verdict


@pytest.mark.parametrize(("text", "topic"), [
    # code and shouting around a question: it was "I don't have an answer for that"
    ("**URGENT** <script>alert(1)</script> how do i verify a badge???", "badge-verification"),
    # a link to a site asked about: it was fetched as a badge, and the question never answered
    ("[click here](http://evil.example.com) is this a legit credential site", "accreditation-check"),
])
async def test_a_question_inside_noise_is_answered(engine, text, topic):
    reply = await engine.handle(say(text))
    # ("a legit credential site" is near level between accreditation and Accredible, whose site is
    # credential.net: within a hair of each other, "did you mean" with the right entry first is as
    # right, and the lead moves with any entry's wording)
    assert (reply.intent is Intent.FAQ and reply.topic == topic) or reply.suggestions[:1] == (topic,)
    assert reply.awards == () and reply.checked is None  # read as a question, never as a badge to check


@pytest.mark.parametrize("text", ["ok fine, what's a microcredential in one sentence",
                                  "explain micro-credentials briefly", "what is a micro credential tldr",
                                  # (with "like" in it, and after thanks: they were "did you mean")
                                  "ty 🙏 also whats a micro credential in like one sentence",
                                  # said of the answer before, then asked: it was the whole answer again
                                  "too long. whats a micro credential"])
async def test_a_question_asked_in_short_gets_the_gist(engine, bundled_kb, text):
    # "sentence" and "briefly" were searched as words: "not sure", with LinkedIn first
    reply = await engine.handle(say(text))
    gist = bundled_kb.entries["what-is-microcredential"].parts[0]
    assert reply.topic == "what-is-microcredential" and reply.text.startswith(f"In short: {gist}")
    assert bundled_kb.entries["what-is-microcredential"].parts[1] not in reply.text


async def test_quickly_asks_for_a_fast_way_not_a_short_answer(engine):
    reply = await engine.handle(say("how do i share my badge on linkedin quickly"))
    assert reply.topic == "share-badge-linkedin" and not reply.text.startswith("In short")


@pytest.mark.parametrize(("first", "then", "topic"), [
    ("what is a micro credential", "is it same as badge?", "badge-vs-microcredential"),  # it was what a badge is
    ("what is a micro credential", "how is it different from a certificate", "microcredential-vs-certificate"),
])
async def test_it_compared_with_something_is_the_last_answers_subject_compared(engine, first, then, topic):
    await engine.handle(say(first))
    assert (await engine.handle(say(then))).topic == topic


async def test_is_it_worth_it_after_a_general_answer_asks_it_of_micro_credentials(engine):
    # "worth" is a word the answer on time never uses: read alone, it was "Did you mean ... What is Credly?"
    await engine.handle(say("how long does a microcredential take?"))
    assert (await engine.handle(say("is it worth it?"))).topic == "microcredential-value"


async def test_asked_again_after_a_miss_the_same_entry_gives_the_part_asked_not_all_of_it(engine):
    # it gave the whole answer the learner had just refused, with the part they wanted in the middle
    first = await engine.handle(say("how are micro-credentials assessed"))
    await engine.handle(say("that's not what I asked"))
    reply = await engine.handle(say("I meant what happens if I fail the assessment"))
    assert reply.topic == first.topic and reply.text.startswith("On that")
    assert "If you fail" in reply.text and "Common forms of assessment" not in reply.text


async def test_a_sentence_pasted_many_times_is_read_once(engine):
    # read whole, it was a long text about badges, answered with why badges are useful
    reply = await engine.handle(say("I need help with my badge. " * 200))
    assert reply.intent is Intent.HELP


@pytest.mark.parametrize("follow_up", ["what if the link is dead?", "wat if its fake", "hw do i report it"])
async def test_a_badge_that_fails_its_checks_gets_what_to_do_then(engine, follow_up):
    # the answer said how to check, not what to do when a check fails: "That's all I have", twice
    await engine.handle(say("how do i verfy a badgge somone sent me"))
    reply = await engine.handle(say(follow_up))
    assert reply.topic == "badge-verification" and "If a link is dead or a check fails" in reply.text


@pytest.mark.parametrize("text", ["do you keep a log of my questions", "are my chats private?", "what do you store",
                                  "can you delete my data",
                                  "can the university see what i ask you? i dont want my advisor to know"])
async def test_asked_what_credbot_records_it_says_so_plainly(engine, text):
    # they got the entries on CPD logs and Credly's privacy settings, or "I can't do that... Here is who can"
    reply = await engine.handle(say(text))
    assert reply.intent is Intent.HELP and reply.text.startswith("Here is what I keep")
    assert "staff who run credbot here can read them" in reply.text and "deleted after" in reply.text


@pytest.mark.parametrize(("text", "topic"), [("can my employer see my badges", "badge-privacy"),
                                             ("is my badge private", "badge-privacy")])
async def test_who_can_see_a_learners_badges_is_still_the_entry_on_privacy(engine, text, topic):
    assert (await engine.handle(say(text))).topic == topic


async def test_verifying_without_logging_in_is_no_sign_in_problem(engine):
    # "logging in" declined it as a platform's account problem
    reply = await engine.handle(say("can my new employer verify them without me logging in"))
    assert reply.declined != "account-support" and (reply.topic or reply.suggestions[0]) == "badge-verification"
    assert (await engine.handle(say("I can't log in to my account", user="u2"))).declined == "account-support"


@pytest.mark.parametrize("text", ["is udacity still around?", "does udacity still exist"])
async def test_whether_a_platform_still_runs_gets_the_part_that_says(engine, text):
    # it got the whole of Udacity's answer, Accenture's purchase in its last lines
    reply = await engine.handle(say(text))
    assert reply.topic == "platform-udacity-nanodegree" and reply.text.startswith("On that")
    assert "Accenture bought Udacity" in reply.text and "Graduation requirements" not in reply.text


async def test_meta_the_company_is_no_meta_badge(engine):
    # "meta badge" was a two-word name, so "meta" alone was its word: Meta's certificate got stacking
    reply = await engine.handle(say("meta marketing cert or google digital marketing cert which is better"))
    assert reply.topic != "stackable-credentials" and "stackable-credentials" not in reply.suggestions
    assert (await engine.handle(say("what is a meta-badge", user="u2"))).topic == "stackable-credentials"


async def test_where_a_platform_stores_the_data_is_no_question_about_credbots_records(engine):
    # "is the data stored" read as asking what credbot keeps: a data officer got "Here is what I keep"
    reply = await engine.handle(say("where is the data stored, credly is american, is that a problem under uk gdpr"))
    assert reply.intent is Intent.FAQ and not reply.text.startswith("Here is what I keep")


async def test_a_turn_the_answer_just_given_speaks_to_gets_that_part(engine):
    # alone it was "Did you mean" three entries; the answer on revoking says Credly lets you notify the earner
    await engine.handle(say("how do i revoke a badge we issued by mistake on credly"))
    reply = await engine.handle(say("will the earner get notified"))
    assert reply.topic == "badge-revocation" and reply.text.startswith("On that") and "notify the earner" in reply.text


@pytest.mark.parametrize(("text", "place"), [
    ("im in lagos, does the nigerian govt fund microcredentials", "Nigeria"),  # Ontario's OSAP read as theirs
    # a country no entry names was a word the base had never seen: "did you mean"
    ("are micro-credentials recognized in Japan?", "Japan"),
])
async def test_a_country_the_answer_never_mentions_is_said_to_get_the_general_answer(engine, text, place):
    reply = await engine.handle(say(text))
    assert reply.intent is Intent.FAQ and reply.text.startswith(f"I have nothing specific to {place} on this")


@pytest.mark.parametrize("text", ["can i get funding in canada",  # the answer speaks of Canada's scheme
                                  "how do i share my badge on linkedin from india",  # the same everywhere
                                  "can you tell us how to share a badge on linkedin"])  # "us" is no country
async def test_a_country_the_answer_covers_or_that_changes_nothing_gets_no_note(engine, text):
    assert "nothing specific to" not in (await engine.handle(say(text))).text


async def test_the_country_named_earlier_is_remembered_for_the_answers_after(engine):
    await engine.handle(say("im in my final year in lagos, is the google data analytics cert worth it"))
    # Ontario's and New York's schemes read as if they applied in Nigeria
    reply = await engine.handle(say("is there financial aid"))
    assert reply.topic == "financial-aid" and reply.text.startswith("I have nothing specific to Nigeria on this")
    # ... and an answer the same everywhere gets no note
    assert "nothing specific" not in (await engine.handle(say("how do i share a badge on linkedin"))).text
    other = await engine.handle(say("is there financial aid", user="u2"))  # (another learner named no country)
    assert other.topic == "financial-aid" and "nothing specific" not in other.text
    # an answer that speaks of Europe speaks to an EU member (ECTS is Ireland's too)
    await engine.handle(say("hi im an admissions officer at a uni in dublin", user="u4"))
    reply = await engine.handle(say("how many credits and hours is a typical micro-credential", user="u4"))
    assert reply.topic == "credits-and-levels" and "nothing specific" not in reply.text


async def test_the_country_named_earlier_outlives_a_turn_going_back_to_an_earlier_subject(engine):
    # a turn going back is read in a context of its own, and remembering it forgot the country: Ontario's
    # and New York's schemes came next as if they applied in Nigeria
    await engine.handle(say("im in my final year in lagos, is the google data analytics cert worth it"))
    await engine.handle(say("how do i share a badge on linkedin"))
    assert (await engine.handle(say("back to the google cert question, how long does it take"))).topic \
        == "platform-google-career-certificates"
    reply = await engine.handle(say("is there financial aid"))
    assert reply.topic == "financial-aid" and reply.text.startswith("I have nothing specific to Nigeria on this")


async def test_a_part_of_an_answer_on_other_countries_says_it_has_nothing_for_the_askers(engine):
    # an L&D manager at a hospital in Sydney asked about fringe benefits tax and got the UK's and the US's
    # rules, with no word that they were not hers; then "thats uk and us. anything for australia?" was read as
    # asked of the UK ("for the UK, see also")
    await engine.handle(say("Hi, I'm L&D manager at a hospital in Sydney, we pay for staff courses"))
    reply = await engine.handle(say("ok. tax question - can the hospital claim the subscription, and is it fringe "
                                    "benefits tax if we pay for staff courses? we're in NSW"))
    assert reply.topic == "employer-staff-credentials" and "**Tax.**" in reply.text
    assert reply.text.startswith("I have nothing specific to Australia on this")
    reply = await engine.handle(say("thats uk and us. anything for australia? ATO?"))
    assert "for the UK" not in reply.text
    # nor a part that names no country, whatever the titles offered under it name
    await engine.handle(say("im in lagos", user="u3"))
    await engine.handle(say("my college is holding my transcript because i owe fees", user="u3"))
    reply = await engine.handle(say("meanwhile can they confirm my completion to an employer directly?", user="u3"))
    assert reply.topic == "withheld-credentials" and "**Meanwhile**" in reply.text and "nothing specific" not in reply.text
    # a part that speaks of the asker's country needs no note
    await engine.handle(say("im in ontario", user="u2"))
    await engine.handle(say("can I get funding for a micro-credential", user="u2"))
    assert "nothing specific" not in (await engine.handle(say("is there a grant in alberta", user="u2"))).text


def test_places_are_named_as_said_and_us_is_mostly_a_pronoun():
    from bot.places import EVERY_PLACE, place_named
    assert place_named("im in pune").name == "India" and place_named("hi from lagos").name == "Nigeria"
    assert "town" not in EVERY_PLACE.split()  # (Cape Town is a place, "town" alone is not)
    assert place_named("does the australian govt fund it").name == "Australia"
    assert place_named("in the us do employers care").name == "the US"
    assert place_named("can you send us the link") is None
    assert place_named("recognised in new zealand").asked_in and not place_named("im from india").asked_in
    # the one asked of, when none is where the asker is: "thats uk and us. anything for australia?"
    assert place_named("thats uk and us. anything for australia").name == "Australia"
    assert place_named("im from india, is it valid in the uk").name == "India"  # (where the asker is, first)
    # a province is its country, whole: "british columbia" was the UK, by "british"
    assert place_named("im in british columbia").name == "Canada" and place_named("in ohio").name == "the US"
    # where the asker says they are beats a place named before it ("thats uk and australia tho. im in
    # ontario" kept the UK, and the next answer led "for the UK, see also"); living beats coming from
    assert place_named("thats uk and australia tho im in ontario cno").name == "Canada"
    assert place_named("im from kenya but live in the uk").name == "the UK"
    assert place_named("is it the same in the uk as in canada").name == "the UK"  # first named, else


def test_the_entry_on_a_place_is_the_one_for_that_country(bundled_kb):
    from bot.retrieval import KnowledgeIndex
    index = KnowledgeIndex(bundled_kb, encoder=None)
    # Canada's entry, listing British Columbia, was offered as "for the UK, see also"
    assert index.entries_on_place("the UK") == ["uk-microcredentials"]
    assert index.entries_on_place("im in the us") == ["us-microcredentials"]  # ("us", a stopword to the index)


async def test_another_name_of_the_platform_just_answered_gets_its_part_and_a_comparison_names_both(engine):
    # "canvas?" after Badgr's price got the general costs entry; "diff from credly?" then a line of it
    await engine.handle(say("badgr?"))
    await engine.handle(say("price?"))
    canvas = await engine.handle(say("canvas?"))
    assert canvas.topic == "platform-badgr" and "the learner Backpack is free" in canvas.text
    credly = await engine.handle(say("diff from credly?"))
    assert credly.topic == "platform-credly" and "platform-badgr" in credly.related


async def test_a_comparison_naming_an_entry_is_about_that_entry(engine):
    # "vs coursera's ibm one?" was read with the last answer's title: "That's all I have" on employers
    await engine.handle(say("what are google career certificates"))
    await engine.handle(say("will employers actually care tho"))
    assert (await engine.handle(say("vs coursera's ibm one?"))).topic == "platform-coursera"


async def test_a_turn_asking_what_the_title_asks_gets_the_opening_and_no_red_flag_is_whom_to_ask(engine):
    await engine.handle(say("are badges on the blockchain"))
    secure = await engine.handle(say("is that more secure"))  # it said the entry had nothing on it
    assert secure.text.startswith("In short: Not necessarily")
    await engine.handle(say("coursera vs edx which is better"))
    other = await engine.handle(say("the other one"))  # it quoted a red flag as who can tell more
    assert "no named issuer" not in other.text


async def test_a_summary_of_ones_own_story_is_no_request_for_a_short_answer(engine):
    reply = await engine.handle(say("sorry. short version: my badge shows unverified after I uploaded it to my "
                                    "backpack, why"))
    assert not reply.text.startswith("In short")  # it got the opening, which never says why


@pytest.mark.parametrize(("text", "topic", "line"), [
    ("what about employees who leave, do they keep the badges", "badge-wallet", "stops verifying"),
    ("can i add my open badges to europass", "european-digital-credentials", "an Open Badge cannot"),
    ("my name is spelled wrong on my coursera certificate, how to fix", "badge-name-change", "Request a name change"),
    ("we use moodle 4, can i make a badge that needs 3 other badges first", "platform-moodle",
     "other badges"),
    ("i audited an edx course, is it too late to buy the certificate?", "audit-and-upgrade", "upgrade deadline"),
    # an issuers' word for a badge awarded for others: it was declined as unknown
    ("whats a metabadge", "stackable-credentials", "meta-badge"),
    # it was Accredible's site, or "did you mean"
    ("someone in the server posted a link to claim a free badge, safe to click?", "scam-warning-signs",
     "don't click its link"),
    # registering for a course is enrolling: it was the difference between a micro-credential and a certificate
    ("how do i register for a micro credential course", "who-can-enroll", "open to anyone who wants to learn"),
    # vendors' IT certifications: checked and renewed at the vendor (they got the comparison with
    # micro-credentials, or checking an Open Badge)
    ("recruiter here, how do i confirm a candidates aws cert, i have their validation number",
     "vendor-certifications", "aws.amazon.com/verification"),
    ("how long before my azure certification needs renewing", "vendor-certifications", "online assessment"),
    # course sites' certificates of completion got "did you mean" (Udemy, YouTube) or what courses cost (Alison);
    # "my udemy certificate" was read as the name of a badge of the asker's, to look up
    ("is a certificate from udemy worth putting on my cv", "course-site-certificates", "not an accredited"),
    ("what about alison, they say its free", "course-site-certificates", "something you buy"),
    ("does my udemy certificate expire", "badge-expiry", "Many never do"),
    # everyday wordings of newcomers that were "did you mean" (a badge as a qualification, how long one
    # lasts, certificates or a degree, making an account) or a wrong entry (a real qualification as genuine)
    ("is a digital badge a real qualification", "what-is-digital-badge", "not a formal qualification"),
    ("how long do badges last", "badge-expiry", "Many never do"),
    ("should i go to college or just do certificates online", "microcredential-vs-degree", "is not a degree"),
    ("do i have to make an account to get my badge", "claim-badge", "create an earner account"),
    # a story naming a thing, then "what is that": the story's words led elsewhere (Credly's was the
    # difference between a micro-credential and a certificate) or to "did you mean"
    ("the whole team keeps going on about credly, whats that", "platform-credly", "Pearson"),
    ("hi my boss said we all need to get some micro creds lol what is that", "what-is-microcredential",
     "certified record"),
    # an employer's worries: a badge revoked after hiring (the answer never said nobody else is told), and
    # an issuer nobody has heard of ("did you mean" without the entry on telling a real provider)
    ("if a badge gets revoked after we hired the person, does anyone tell us", "badge-revocation",
     "Nobody else is told"),
    ("a badge from some council nobody has heard of, is that a red flag", "accreditation-check", "accredited"),
    # a nurse moving to Australia got the UK's and the US's rules, and Australia's general entry
    ("will ahpra count my online course as cpd", "cpd-nurses-teachers", "at least 20 hours a year"),
    ("my agency says i need a bridging program for nurses in australia, can a micro credential do instead",
     "australia-microcredentials", "outcomes-based assessment"),
    ("would ahpra accept a short course for my registration as a nurse", "australia-microcredentials",
     "outcomes-based assessment"),
    # Spanish words in an English message were unknown ones: "did you mean"
    ("what is an insignia digital? my universidad gave me one for a curso", "what-is-digital-badge", "online record"),
    ("is an insignia digital the same as a certificado?", "what-is-digital-badge", "A badge or a certificate?"),
    # a question asked for someone else, its last sentence asking credbot to act: "did you mean"
    ("Good morning. I help at our library and a gentleman asked me how he can add his certificate to LinkedIn. "
     "Could you explain it simply?", "share-badge-linkedin", "Add to LinkedIn profile"),
    # an employer's short questions on checking were "did you mean"
    ("pdf cert looks photoshopped", "badge-verification", "don't trust the image"),
    ("is 3.0 more tamper proof than 2.0 badges", "open-badges-versions", "digitally signed"),
    ("is college legit check", "accreditation-check", "quality-assured"),
    ("what do i look at on a candidates badge page", "badge-verification", "no account needed"),
    ("is AWS Certified Cloud Practitioner worth much for a backend dev role", "vendor-certifications",
     "Foundational (Cloud Practitioner)"),
    # a training manager's and HR's questions were "did you mean" with nothing that fitted
    ("can we track which of our 40 staff completed their courses", "employer-staff-credentials",
     "progress and completions"),
    ("is employer-paid training a taxable benefit in the uk", "employer-staff-credentials",
     "free of tax and National Insurance"),
    ("our hr policy says 2 micro-credentials = one pay step, sensible?", "employer-staff-credentials",
     "rather than on a count of badges"),
    # "is it spam?" asks whether it is a scam: it got the entry on badges that never arrived (check the spam folder)
    ("got a mail from credly saying i earned a badge but i never did a course, is it spam", "scam-warning-signs",
     "don't click its link"),
    ("do colleges give credit for my online course certificates", "credit-transfer", "ACE"),
    # words spelt as said, too far from theirs for typo correction: "did you mean" or a wrong entry
    ("wat is a open baj", "what-is-open-badge", "Open Badge"),
    ("i got a sertifikit from my course, can my boss check it", "badge-verification", "don't trust the image"),
    # a certificate named with no platform is no question about Coursera's (a phrasing of its answer took it)
    ("how can my employer check my certificate", "badge-verification", "don't trust the image"),
    # where Coursera's verification link is: it was the entry on badges that never arrived
    ("where do i find the verification link on my coursera certificate", "platform-coursera",
     "coursera.org/verify/"),
    # "ID" alone reads as "I'd", so it was "verification" on Coursera: how to check a badge is genuine
    ("do I need ID verification on coursera", "platform-coursera", "photo ID"),
    ("is coursera ID verification required", "platform-coursera", "photo ID"),
    # a worry about a scam: the first got the entry on checking a badge, whose first step is to
    # follow the badge's link; the second "a billing question for another service"; the third how to
    # check a badge image
    ("My son (16) received an email saying he has earned a badge and must click a link to claim it. He doesn't "
     "remember doing any course. I'm worried it is a phishing email trying to get his details. How can we tell?",
     "scam-warning-signs", "don't click its link"),
    ("If he claims it, will it ask for payment or card details?", "scam-warning-signs", "don't click its link"),
    # a certificate given without any exam, and one sold with a job guaranteed, were "did you mean"
    ("a site gives certificates without any exam for a few dollars, is that legit", "scam-warning-signs",
     "That is a fake"),
    ("this ad says their certificate comes with a job guarantee, real?", "scam-warning-signs", "guarantee no job"),
    # a story of an offer, then only "legit?" or "is this a scam": "did you mean" with the scam entry first
    ("some website gives a cisco certified network engineer certificate for rs 999 no exam needed, just pay and "
     "download. legit?", "scam-warning-signs", "That is a fake"),
    ("my cousin got a whatsapp message, he won a free google badge but must pay a 2000 rs processing fee to claim. "
     "real?", "scam-warning-signs", "Paying to accept one?"),
    ("saw an ad on instagram for a google certificate in 2 days with a guaranteed job for 39 dollars is this a scam",
     "scam-warning-signs", "guarantee no job"),
    ("got a whatsapp msg saying i won a free google cybersecurity certificate badge, need to pay 1500 rs processing "
     "fee to claim. real?", "scam-warning-signs", "Paying to accept one?"),
    # a fake certificate offered for sale got Google's answer, whose monthly fee made the offer look real
    ("got a dm saying i can get a 'verified google certificate' for 49 bucks no course needed, legit?",
     "scam-warning-signs", "That is a fake"),
    ("a website offers an accredited diploma in counselling for £19.99 if I pay today, the offer ends at midnight. "
     "Is it real", "scam-warning-signs", "don't click its link"),
    # an employer's "send us the badge file" met the entry on badges that never arrived
    ("Can we ask candidates to send us the actual badge file instead of a link? Our ATS can't open links from "
     "outside.", "badge-verification", "Upload the image"),
    # a hiring manager's questions got the learner's checklist for choosing a course, or checking a badge
    ("What questions should I ask a candidate in the interview about their certificates?",
     "hiring-with-credentials", "walk you through a project"),
    ("Honest question: how hard is it to get a Coursera certificate? Could someone just click through the quizzes?",
     "hiring-with-credentials", "identity seldom"),
    # a journalist's count of badges, and whether 1EdTech checks their quality, were "did you mean"
    ("Roughly how many digital badges have been issued worldwide?", "open-badges-standard", "320 million"),
    # whether the PMP needs experience got its renewal line; "is that true?" of the CAPM the scam entry
    ("can i even do the pmp? i havent officially been a project manager", "microcredential-vs-certification",
     "36 months leading projects"),
    ("someone at work said capm is the entry level pmp, is that true? how much is it",
     "microcredential-vs-certification", "23 hours of education"),
    # a learning designer's questions got the learner's path from job ads, then the buyer's checklist
    ("Hi, I'm a learning designer at a community college and I've been asked to design our first "
     "micro-credential. Where do I even start?", "design-microcredential", "Start from a need"),
    ("what kind of assessment should a micro-credential have? our faculty want to just do a multiple choice quiz "
     "at the end", "design-microcredential", "not only in"),
    # a nurse asking whether older hours count got the renewal part of expiry (certificates carry no expiry)
    ("do CE hours have to be from the current renewal period or can they be older", "cpd-and-ceus",
     "most count only hours from the"),
    # issuers' questions got what learners read: CPD hours, the earner's privacy settings
    ("Should the badge criteria say the number of CPD hours? We have 40 hrs with 20 verifiable", "badge-design",
     "For a CPD badge, state the hours"),
    ("we're in Ireland so GDPR applies. what do we need to think about before uploading learners names and emails "
     "to a badge platform?", "badge-data-protection", "controller"),
    # a phishing DM offering a badge to claim at a lookalike address got the steps to claim it (harmful)
    ("some random guy dmed me on discord 'Congrats! You earned a Verified Developer badge 🎉 claim here: "
     "dlscord-badges.gift/claim' is this legit??", "scam-warning-signs", "A lookalike address"),
    # a night worker with 20 minutes a day was told it is "outside what I know"
    ("work nights, got a kid, maybe 20 min a day max. what certificate can i actually finish", "time-commitment",
     "about 2.5 hours a week"),
    # free certificates: the answers said how to audit and what courses cost; OpenLearn was never named
    ("So nothing is actually free? What about OpenLearn, I heard the Open University does free ones",
     "find-microcredentials", "free digital badge on its badged courses"),
    # a teacher trained in Nigeria got the UK's loans and credit levels, five times
    ("How do I get my foreign degree recognised in the UK?", "uk-microcredentials", "UK ENIC compares a foreign"),
    # an ad with a job guaranteed, asked "is this good for me?", was "did you mean"
    ("my friend sent me ad: 'canadian engineering certificate 4 weeks, $1900, job guaranteed after'. is this "
     "good for me?", "scam-warning-signs", "guarantee no job"),
    # "what even are these badges" after a story about them was "did you mean" issuing badges
    ("hi! im a 4th grade teacher in texas and my district started giving us badges for PD sessions. what even "
     "are these badges?", "what-is-digital-badge", "online record"),
    # a marriage certificate sent for a name change is evidence, not a civil record to decline
    ("do I need to send my marriage certificate to get the name on my badge changed", "badge-name-change",
     "such as a marriage certificate"),
    # "my aws cert" is a vendor's certification, not a badge of the asker's to look up
    ("does my aws cert expire", "vendor-certifications", "three years from the day"),
    # what a job pays is no price: "how much do they pay" got the cost of micro-credentials
    ("how much do they pay", "microcredential-value", "what a job pays depends on the role"),
    ("do badges lead to a higher salary", "microcredential-value", "what a job pays depends on the role"),
    # a 16-year-old got "did you mean", then "nothing more specific" and an EU law
    ("hii so im 16 can i even sign up for coursera or do u have to be 18", "who-can-enroll", "13 on Coursera"),
    # testers abroad got the general answers, whose examples are American, British or Canadian
    ("my cousin says her coursera cert is SAQA accredited, is that a thing?", "south-africa-microcredentials",
     "Quality councils do that"),
    ("im in nairobi, can HELB pay for a short course", "kenya-microcredentials", "bachelor's degrees only"),
    ("does the MEC recognise my google certificate?", "brazil-microcredentials", "e-MEC"),
    ("will the arbeitsagentur pay for a google certificate", "germany-microcredentials", "Bildungsgutschein"),
    # learners in the US, the UK and Canada got the general answers, with Ontario's and New York's schemes
    ("im in ohio, can workforce pell pay for a short certificate course", "us-microcredentials",
     "150 to 599 clock hours"),
    ("here in the UK, is a futurelearn certificate a regulated qualification", "uk-microcredentials",
     "Ofqual's register"),
    ("im in vancouver, is there any funding for short courses", "canada-microcredentials", "StrongerBC"),
    # "us" is a stopword: "in the us" named no place an entry lists, so the US entry weighed half
    ("im in the us, can i get pell for a short course", "us-microcredentials", "Workforce Pell"),
    # two entries say it in passing (e-mail changes, wallets): it was "did you mean" between them
    ("if i leave my job do i lose my badges", "badge-email-change", "stay yours when you leave"),
    # Moodle's answer says which Open Badges versions it issues and how to issue 3.0 (it got what an Open
    # Badge is, or the entry on choosing a platform)
    ("what are my options for issuing OB 3.0 compliant badges from moodle courses", "platform-moodle",
     "its developers plan 3.0"),
    # nurses and teachers got the general rules of CPD (PMI, accountants) only
    ("does my state board of nursing accept coursera for CE", "cpd-nurses-teachers", "ANCC-accredited"),
    ("uk nursing student here, for NMC revalidation do futurelearn courses count as CPD", "cpd-nurses-teachers",
     "35 hours of CPD in the three years since you joined or last renewed"),
    # staff who issue: changed criteria and duplicate awards were "did you mean" or revoking in general
    ("can we change the criteria for a badge after some students already have it", "badge-corrections",
     "Make a new badge"),
    ("we issued a badge twice to the same person by mistake", "badge-corrections", "refuse duplicates"),
    # an issuer's data protection officer got the earner's privacy settings, or credbot's own records
    ("our badge platform is american, is that a problem under uk gdpr", "badge-data-protection",
     "Data Privacy Framework"),
    ("a learner asked us to delete their badge data, what do we do", "badge-data-protection",
     "Answer within one month"),
    # a first-aid trainer in Dublin, told of the ICO, asked whether it was hers: it got CPD credits for Irish health
    # professionals
    ("we issue badges from dublin, who do learners complain to about their data, is it the ICO?",
     "badge-data-protection", "Ireland's is the Data Protection Commission"),
    # a hobby club's members go by handles; "a badge needs a name" is no rule of the standard
    ("do we need a members real name to issue a badge, some only use a username", "badge-data-protection",
     "The standard needs only an identifier"),
    # a charity asking for a free way to issue got what courses cost learners
    ("our volunteer group has no budget, which badge platform is free", "badge-platform-choice",
     "Moodle's own badges"),
    # a student with dyslexia two weeks before a proctored exam got five menus and "no answer"
    ("hi i have dyslexia and adhd and im about to do a proctored online cert exam, can i get extra time?? its in "
     "like 2 weeks", "exam-accommodations", "approved **before you book**"),
    ("will my certificate or badge say that i had extra time or accommodations? i dont want employers to know",
     "exam-accommodations", "ask when you apply"),
    # told her Security+ had lapsed, a learner read "renewed with continuing-education credits" as still open
    ("can i still renew my comptia security+ with CE credits even tho its already expired?", "vendor-certifications",
     "only the current exam restores it"),
    # an HR officer checking a PDF, and a badge in a maiden name, got how to download a badge and how to
    # choose a course; "does verified mean accredited?" never heard what verified means
    ("an applicant sent a pdf certificate with a logo and signature but no link. is a pdf enough?",
     "hiring-with-credentials", "ask for its link or credential ID"),
    ("the name on a candidate's badge is her maiden name, not the one on her CV. red flag?", "hiring-with-credentials",
     "ask for evidence of the change"),
    ("does a verified tick on a badge mean the course is accredited", "accreditation-check",
     "it only shows the record is"),
    # FutureLearn Unlimited was asked twice and never named; where Coursera keeps certificates got Credly's
    ("what is futurelearn unlimited", "platform-futurelearn", "FutureLearn Unlimited** is the subscription"),
    ("where do i find my coursera certificates to download them", "badge-download", "Accomplishments page"),
    # a union's education officer asked three times whether a course badge reveals union membership
    ("union membership is special category data under GDPR - if we issue a badge that says 'Unison rep course' isnt "
     "that publishing that someone is a union member?", "badge-data-protection", "reveals trade union membership"),
    # the Canada Training Credit was offered to a student with no word of its ages (25 to 64 to build, 26 to claim)
    ("im 22 and a student in toronto, can i claim the canada training credit for a micro-credential",
     "canada-microcredentials", "you claim it at 26 to 65"),
    # teachers in New South Wales and Victoria, and a nurse in Ontario, got UK and Australian nurses' hours
    ("im a primary teacher in NSW. do micro-credentials count for my NESA accreditation hours?",
     "cpd-nurses-teachers", "100 hours of professional development per maintenance period"),
    ("does my friend in victoria need a set number of PD hours for VIT registration renewal", "cpd-nurses-teachers",
     "at least 20 hours of professional learning a year"),
    ("does the college of nurses of ontario count micro-credentials for my quality assurance?",
     "cpd-nurses-teachers", "learning plan with two learning goals"),
    # "library" met LinkedIn Learning (through libraries), and the honest question got a menu
    ("be honest does anyone actually care about a library workshop badge tho", "employer-acceptance",
     "recognition is uneven"),
    # an HR manager in Bangalore asked six times how to check an NPTEL certificate and what Elite means
    ("how does an employer verify an NPTEL certificate", "india-online-credit", "where an employer can check"),
    # a teacher trained in Nigeria heard only that "some countries" may apply for QTS
    ("can teachers from nigeria apply for QTS in england?", "uk-microcredentials", "from Nigeria or India, only if"),
    # a screener asked whether a screenshot is enough, and why a link is dead: the quick checks, five times
    ("is a screenshot of a badge enough to verify it", "badge-verification", "A screenshot, PDF or printout is not"),
    ("the badge link a candidate gave is dead, does that mean its fake", "badge-verification", "that alone proves no"),
    # "edx free?" got the general costs, and "and edx" after "coursera free?" edX's list of credentials
    ("is edx free", "platform-edx-micromasters", "audited free"),
    # a CPA in Toronto was left to count on the Canada Training Credit for a Coursera subscription
    ("would the canada training credit work for coursera", "canada-microcredentials", "such as Coursera is neither"),
    # a parent asked three times for help with the cost for a son on disability benefits; a learner in
    # Vietnam asked where to click for Coursera's aid
    ("We're in Ohio. Someone mentioned vocational rehabilitation might pay for training. Is that true for these "
     "online certificates?", "financial-aid", "vocational rehabilitation agency can pay for"),
    ("where do i click to apply for coursera financial aid", "financial-aid", "*Financial aid available* link"),
    # a retiree asked what a MOOC is three times: the size of a micro-credential, then costs
    ("what is a MOOC", "terms-explained", "massive open online course"),
    # a retiree and a learner in Vietnam asked where the certificate is free too: badge wallets
    ("any place give certificate 100% free no pay?", "cost", "OpenLearn's statements"),
    # a learner whose claim link had lapsed got the claim steps four times, then the fix through a menu
    ("i clicked the button but it says the link is invalid, what do i do now", "claim-badge",
     "a pending badge waits there"),
    # a military spouse asked three times about MyCAA: funding in Ontario and New York, then menus
    ("is there money for military spouses? someone mentioned mycaa", "us-microcredentials", "up to $4,000 (MyCAA)"),
    # a CPA asking whether to pause Coursera through busy season was told it was another service's account question
    ("is it smarter to cancel the subscription and come back in may? or will i lose stuff", "coursera-subscriptions",
     "subscribe again later"),
    # a sceptic got two menus in a row
    ("just answer: are digital badges worth anything or are they marketing crap", "badge-benefits", "easy to check"),
    # a nurse in Dublin got the UK's NMC hours, Australia's and the US's rules: Ireland had no entry
    ("does a foreign course get recognised in ireland? like for cpd or towards a qqi award",
     "ireland-microcredentials", "NARIC Ireland"),
    ("can i get a micro-credential in northern ireland", "uk-microcredentials", "Northern Ireland"),
    # an engineer in Munich was told the cap on credit for learning outside higher education, and got edX
    ("Hi, I'm an engineer in München. can a Hochschulzertifikat from a university be credited towards a master's?",
     "germany-microcredentials", "not under that cap"),
    # a learner whose badge was revoked, with an interview next week, asked twice whether LinkedIn removes it
    ("the badge is from credly, i added it to linkedin. does linkedin remove it automatically when its revoked",
     "share-badge-linkedin", "LinkedIn won't change the entry itself"),
    # a learner in Ohio whose college held her transcript over a $340 fee got menus and the entry on costs
    ("thats not what i asked. the college is holding my transcript and certificate hostage over a $340 fee. can they "
     "legally do that in ohio?", "withheld-credentials", "Since 1 July 2024"),
    ("i cant pay 340 right now. if i set up a payment plan would they have to release it?", "withheld-credentials",
     "on a payment plan"),
    ("the college also said they give a digital badge for the certificate thru credly. can they hold back or revoke "
     "my badge because i owe them money?", "withheld-credentials", "a debt is not one of the usual reasons"),
    # a French employee asked whether his CPF pays for a Coursera certificate, and got Google's entry or a menu
    ("can I use my CPF (Mon Compte Formation) in France to pay for a Coursera certificate?", "france-microcredentials",
     "Mon Compte Formation catalogue"),
    ("what is RNCP and the Répertoire spécifique?", "france-microcredentials", "Répertoire spécifique"),
    # a Californian weighing a bootcamp paid by an income share agreement got "did you mean", seven times
    ("is an income share agreement legally a loan? the bootcamp says its not a loan so no interest",
     "bootcamps-and-isas", "private student loans"),
    ("they also have a 'job guarantee or your money back'. what should i look for in the fine print of that?",
     "bootcamps-and-isas", "what counts as a qualifying job"),
    # an employee in Vancouver asked for $2,000 back for her certificate as she quit got menus and other entries
    ("Not really what I asked. I never remember signing anything about paying it back. Can an employer in BC make "
     "me repay the course?", "training-repayment", "British Columbia"),
    ("my employer paid for my certificate and now wants 2000 dollars back because I'm quitting, is that normal",
     "training-repayment", "the certificate itself stays yours"),
    # a retail worker in Sheffield asking what Level 3 means, and whether she is too old for an apprenticeship,
    # got credit systems of other countries, then a line saying apprenticeships are for school leavers
    ("sorry thats not what i asked, I'm in England not New Zealand lol. On the RQF is Level 3 same as A levels? and "
     "whats level 4?", "uk-levels-and-routes", "Level 3 is A levels"),
    ("what about apprenticeships, can i even do a level 3 apprenticeship at 38 or are they just for school leavers?",
     "uk-levels-and-routes", "no upper age limit"),
    # a young man in Manila asked by a recruiter for a fee for "training and NC II" got Canada's entry and menus
    ("im asking about TESDA NC II philippines, caregiving NC II", "philippines-microcredentials",
     "competency assessment"),
    ("how do i check if the agency is licensed by DMW?", "philippines-microcredentials", "Department of Migrant Workers"),
    # a hospital's recruiter asked whether "verified" proves who issued a badge (it got how to start issuing),
    # and how to tell a PDF certificate is fake (it got how to download one)
    ("If the validator says 'verified', does that mean the university really issued it? or could anybody create an "
     "issuer called 'Universiteit Utrecht'?", "badge-verification", "anyone can create a profile under any name"),
    ("How can I tell if a certificate PDF is fake?", "badge-verification", "Type the link or code printed"),
    # a nurse in Lagos got the CPD rules for nurses already registered, and an agent's fee for "processing" her
    # NMC registration was answered with a menu, then "check the recruiter is licensed"
    ("I'm a registered nurse in Lagos. I want to move to the UK. Will Coursera certificates help me get NMC "
     "registration?", "qualifications-abroad", "never replace a qualification or a"),
    ("an agent is asking me for 1.5 million naira to process my NMC registration and find me a job. is that allowed?",
     "qualifications-abroad", "may not charge applicants for finding them work"),
    # a mother back at work in England with a certificate from China got a menu on moving badges
    ("I have accounting certificate from China, I get it 2012 before I move here to UK. Can it be recognise here? Or "
     "I must study again?", "qualifications-abroad", "Statement of Comparability"),
    # a supervisor in Valencia got the general answers on credit, with "nothing specific to Spain"
    ("Hola, I am in Valencia. My uni offers microcredenciales. Do they count towards a degree?",
     "spain-microcredentials", "at most 15% of the degree's credits"),
    ("my company pays a course with FUNDAE, do i get a certificate?", "spain-microcredentials",
     "certificate of attendance"),
    # a learner in Pune asked where her friend, who had paid a fake course, could complain: menus, then "tell your bank"
    ("she got scammed by a fake course, paid money. how to report a course scam", "scam-warning-signs",
     "cybercrime.gov.in"),
    # a hospital's recruiter in Utrecht asked about edubadges and an MBO diploma, and got menus
    ("Hi, I work in HR at a hospital in Utrecht. Applicants send us edubadges with their CV. How do I check those?",
     "netherlands-edubadges", "the issuer is the institution itself"),
    ("can an employer check an MBO diploma online with DUO", "netherlands-edubadges", "digital extract"),
    # a careers adviser asked what a college must do before giving under-18s' data to a badge platform: Credly's entry
    ("if the college itself wanted to issue badges, is it safe/legal to give under-18 students' names and emails to "
     "a badge platform like Credly? what do we need to do?", "badge-data-protection", "Children's code"),
    # "check the recruiter is licensed" read as "then it is fine to pay"
    ("an agent wants 1.5 million naira to get me a job in a UK hospital, is this normal?", "scam-warning-signs",
     "recruiters may not charge for finding work"),
    # a pharmacist in Abuja was given the nurses' route
    ("I'm a pharmacist trained in Nigeria. How do I get registered to work in a UK pharmacy?", "qualifications-abroad",
     "OSPAP"),
    # only India's channel was named; Action Fraud gave way to Report Fraud in December 2025
    ("I paid a fake course provider, I live in Manchester, who do I report it to?", "scam-warning-signs",
     "reportfraud.police.uk"),
    # a registrar whose university's name was used by someone else's issuer profile was told how to create one
    ("someone has made an issuer profile with our university's name on a badge platform, what should we do?",
     "badge-issuing", "any profile that uses your name"),
    # a learner in Singapore asking about SkillsFuture got a menu led by Canada's entry
    ("ok but i in singapore. can use skillsfuture credit to pay for the google cert or not?", "singapore-skillsfuture",
     "MySkillsFuture directory"),
    # a man made redundant in Glasgow got Europe's, New Zealand's and Australia's levels, and the learning pace for PACE
    ("SCQF level 7, what is that compared to an HNC or a degree", "scotland-levels-and-support",
     "level 9 an ordinary degree"),
    ("I've been made redundant from my job in Aberdeen, is there help to retrain?", "scotland-levels-and-support",
     "0800 917 8000"),
    # a dyslexic student who reads under her breath got "I don't have an answer for that"
    ("i read questions out loud under my breath to understand them will the webcam thing say im cheating",
     "exam-accommodations", "reading aloud"),
    # a Discord organiser got the issuing steps for these two
    ("if our Discord server closes one day, do members lose their badges?", "badge-download",
     "**If the platform shuts down**"),
    ("can I give badges to 14 year olds in our discord?", "badge-data-protection", "under 18"),
    # a recruiter asking how a Coursera link looks got the Open Badges validator, which a genuine one fails
    ("Coursera verify URL format?", "platform-coursera", "coursera.org/verify/"),
    # a Ghanaian graduate offered a "Level 7 diploma = Master's" got the entry comparing micro-credentials with degrees
    ("is a level 7 diploma equivalent to a masters degree?", "credits-and-levels", "not more hours"),
    # an employer whose staff train everywhere got Coursera's and LinkedIn's plans for tracking
    ("is a spreadsheet enough to track which courses my staff did and when their certificates expire?",
     "employer-staff-credentials", "a spreadsheet will do"),
    # a graduate asking whether he may list his audited edX courses got "audit = no certificate" and a menu
    ("can i put an audited edx course on my resume", "share-badge-resume", "never list it as certified"),
    # an Ohio employer asking whether the company can deduct training got the $5,250 employee limit, twice
    ("can the company deduct my employees training as a business expense in the US?", "employer-staff-credentials",
     "deductible business expense"),
    # a project manager renewing her PMP got a menu, the general CPD entry three times, then whether a badge is a
    # micro-credential
    ("hi! I have my PMP and my renewal is coming up next year, I still need like 35 PDUs. do coursera or linkedin "
     "learning courses count?", "pmp-pdus", "a Coursera or LinkedIn Learning course"),
    ("how do I actually record PDUs with PMI? is there a form?", "pmp-pdus", "CCRS"),
    # a Houston teacher got the accountants' CPE hours, and nothing on Texas
    ("I'm in Texas though. who approves CPE providers here? is it TEA?", "cpd-nurses-teachers", "150 CPE hours"),
    # a junior developer in Lagos asking about freeCodeCamp got the Udemy and Alison lines again
    ("what about freecodecamp certs, are they legit? do employers abroad know them", "course-site-certificates",
     "verification page in your name"),
    # a Houston teacher asking whether her district would pay got the entry on badges sent to an old school e-mail
    ("do you know if school districts usually pay for these kind of courses? mine is HISD", "financial-aid",
     "**Your employer.**"),
    # "you don't lose it" after a PMP badge's expiry (judged harmful: the certification itself lapses)
    ("my PMP badge on credly, does it expire? what happens to it if I dont renew in time", "badge-expiry",
     "A certification itself, though, lapses"),
    # a Toronto museum issuing badges to 9-14 year olds got adult learners' minimum ages, then menus, then UK law
    ("Hello! I'm an education officer at a science museum in Toronto. We run workshops for kids 9-14 and want to give "
     "them digital badges. Can children have badges?", "badges-for-children", "the Open Badges standard sets no age"),
    # a veteran asking whether the GI Bill's test fee uses entitlement got ACE credit; Army Credentialing
    # Assistance got "I don't have an answer"; a Credly account on a .mil e-mail got two menus
    ("does using the GI Bill for a certification test fee use up my entitlement", "us-military-credentials",
     "It does use entitlement"),
    ("Army Credentialing Assistance. Army COOL. Know anything about it", "us-military-credentials",
     "you request it in ArmyIgnitED"),
    # the GI Bill named by two entries was a menu between them once the veterans' entry came
    ("ok whatever. does GI Bill pay for A+ exam", "us-military-credentials", "up to $2,000 a test"),
    ("Credly account is on my .mil email. What happens when that email gets shut off", "badge-email-change",
     "Make Default"),
    # an HR manager in Johannesburg asking how to check a candidate's NQF claim and whether faking one is a crime
    # got how credits and levels work, then the scam entry's fraud lines
    ("how can an employer verify a candidate's qualification with SAQA", "south-africa-microcredentials",
     "with the holder's consent"),
    ("is it illegal in South Africa to fake a qualification on your CV", "south-africa-microcredentials",
     "Misrepresenting a qualification is an offence"),
    # a nurse in Manila asking NMC's English scores got a menu that offered moving badges first
    ("what IELTS score does the NMC need for overseas nurses", "qualifications-abroad", "IELTS Academic 7.0"),
    # ... and her agency's placement fee, asked after a different answer, a menu
    ("u already said that lol. diff topic — a recruitment agency in makati says they can process my NMC application "
     "but i have to pay 150k pesos placement fee. is that normal?", "qualifications-abroad",
     "recruitment agencies may not charge applicants"),
    # a Discord moderator asking whether anyone may hand out badges got who may take a course; an HR manager's
    # "verify in bulk" got issuing in bulk
    ("yo! i mod a coding discord, ~4k members. we run weekly challenges and wanna give ppl badges when they complete "
     "them. is that even allowed? like can just anyone hand out badges lol", "badge-issuing", "Anyone can issue"),
    ("is there a way to verify in bulk? we get like 200 applications for some roles", "hiring-with-credentials",
     "check the shortlist"),
    # an electrician from Syria without his papers got what micro-credentials are worth, badges, and "I don't have an
    # answer" for the skills analysis his friend had named
    ("Hello. I am from Syria, now I live in Hamburg. In Syria I work as electrician 8 years. But I lost my papers in "
     "the war, I have no diploma now. Can micro credential help me to show I am electrician?",
     "germany-foreign-qualifications", "Online certificates do not replace it"),
    ("I dont want university. My friend say there is something, Qualifikationsanalyse, at Handwerkskammer. You know "
     "this?", "germany-foreign-qualifications", "skills analysis (Qualifikationsanalyse)"),
    # a retired teacher asking twice whether a certificate is worth buying when learning for fun got two menus
    ("None of those, I'm afraid. Let me put it simply: is a certificate worth buying if I'm retired and just learning "
     "for fun?", "audit-and-upgrade", "Learning for pleasure? Auditing is enough"),
    # a 15-year-old got an issuer's data duties for his age, a Lagos graduate how long a micro-credential takes for
    # how long financial aid takes, and an HR assistant how courses are delivered for whether Coursera checks ID
    ("do i even need to be 18 for coursera or google stuff? im 15", "who-can-enroll", "13 on Coursera"),
    ("Tell me more about the financial aid. How do I apply and how long does it take?", "financial-aid",
     "up to 15 days"),
    ("does coursera check the person's ID? like could someone take the course for someone else", "platform-coursera",
     "Most courses verify only your name"),
    # a first-aid trainer in Dublin who said she was the provider got "Before you enrol, ask the provider", and a
    # menu for PHECC
    ("i run a first aid training company in dublin. what's the process for a provider to get approved by QQI?",
     "ireland-microcredentials", "a new private provider first"),
    ("for first aid in ireland is it PHECC i need? the workplaces ask for occupational first aid",
     "ireland-microcredentials", "PHECC's First Aid Response (FAR)"),
    # a student about to post her badge image on her website asked whether her email can be read from it: she got
    # "What is Credly?", then a menu
    ("Is my email visible to anyone who downloads my badge image? I want to post the png on my website",
     "badge-metadata", "anyone who knows or guesses"),
    # a hospital's L&D manager asked three ways whether staff keep Coursera certificates after leaving the plan
    ("can staff keep their coursera certificates if they leave the hospital and we cancel their licence?",
     "employer-staff-credentials", "keep the certificates they earned"),
    # a community college in Ohio asked about TechCred and got "do employers recognise badges", then a menu
    ("does ohio pay employers for staff credentials, like TechCred?", "us-microcredentials",
     "Ohio's TechCred repays employers up to $2,000"),
    # a librarian in rural Kenya with weak internet and six shared computers got three menus for learning offline,
    # and LinkedIn Learning's library access, then a menu, for registering every patron on the library's email
    ("our internet is very weak and we share 6 computers. can patrons download courses and learn offline?",
     "learning-offline-shared-devices", "downloads course videos to play offline"),
    ("so is it ok to make one library gmail account and register all the patrons on coursera with it?",
     "learning-offline-shared-devices", "Don't register patrons on one shared login"),
    # an IT support worker in Manila with CompTIA A+ got stacking in general, then IACET's "one CEU is ten contact
    # hours" twice for how many CEUs A+ needs; a question on exam dumps was declined as faking a certificate
    ("ok how many CEU i need for A+ renew? and how much it cost", "comptia-certifications", "A+ needs 20 CEUs"),
    ("does passing security+ renew my a+ too", "comptia-certifications", "Security+ renews Network+"),
    ("and exam dumps for network+, can i use it for study? my friend say its ok", "comptia-certifications",
     "bans you from its exams for at least 12 months"),
    ("hello po, i just passed CompTIA A+ and got badge from Credly. how can i stack it to something bigger like "
     "higher cert?", "comptia-certifications", "*Secure Infrastructure Specialist*"),
    # round 28: a badge pending for a course never taken got the entry on badges that never arrived
    ("how do i decline a badge on credly that isnt mine", "claim-badge", "A badge you never earned"),
    # ... a warehouse supervisor asking whether a Skills Bootcamp needs him unemployed, twice
    ("skills bootcamp, is there ones for IT support? and do i have to be unemployed", "uk-levels-and-routes",
     "in work or not"),
    # ... a nursing student in Auckland asking what NZQA micro-credentials are got a menu
    ("kia ora! im a nursing student at uni in auckland (2nd yr BN). my tutor mentioned NZQA micro-credentials, what "
     "even are they and are they worth doing alongside my degree?", "nzqa-microcredentials", "NZQA"),
    # ... a graduate asked how to prove her degree to an old-school HR officer: a menu, then Australia's micro-credentials
    ("how do i prove to an employer in australia that i have my degree, other than the wallet thing",
     "degree-verification", "myequals.net"),
    ("my equals", "degree-verification", "My eQuals"),
    # ... a Syrian civil engineer with a university degree got the route for trades
    ("but i am not trade, i have university degree Bachelor civil engineering from Damascus university. is it same "
     "way? someone told me about ZAB and anabin", "germany-foreign-degrees", "Statement of Comparability"),
    # ... an expired AWS certification, a New Zealand nurse, an Ontario teacher, a Texan veteran, a bootcamp in
    # Kenya and an employer in Singapore got answers that said nothing of them
    ("my AWS cloud practitioner already expired, will passing solutions architect associate bring it back",
     "vendor-certifications", "brings back no expired one"),
    ("what does the Nursing Council of NZ require for CPD", "cpd-nurses-teachers", "60 days (or 450 hours)"),
    ("does the Ontario College of Teachers require PD hours", "cpd-nurses-teachers", "no set hours"),
    ("im a veteran in texas, is there any state thing for vets too? someone said hazlewood", "us-military-credentials",
     "Hazlewood Act"),
    ("how do i check if a bootcamp is really GI bill approved", "us-military-credentials", "GI Bill Comparison Tool"),
    ("we are a small coding bootcamp in Kenya, do we need to register with the data protection commissioner",
     "badge-data-protection", "odpc.go.ke"),
    ("as an employer in singapore, what funding do we get for sending staff on skillsfuture courses",
     "singapore-skillsfuture", "Absentee Payroll"),
    # ... a graduate whose Open Badges 3.0 credential failed an employer's checker got what a wallet is
    ("g'day. my uni (monash) issued me a verifiable credential for my degree into a wallet app on my phone. i shared it "
     "w an employer and their checker tool says 'unable to verify'. wtf? is something wrong with it",
     "badge-verification", "Open Badges 2.0 only"),
])
async def test_what_the_answers_lacked_is_found_where_it_now_is(engine, text, topic, line):
    # each was missing from the base: asked, the answer was there but said nothing of it
    reply = await engine.handle(say(text))
    assert reply.topic == topic and line in reply.text


async def test_a_message_with_a_scams_signs_is_told_so_first(engine):
    # a learner with a gift card bought and a code on her phone asked three times "yes or no, is scam?" and got the
    # general checks each time
    reply = await engine.handle(say("I get message on WhatsApp, I must pay £150 fee with Amazon gift card to secure "
                                    "the place. Is this normal?"))
    assert reply.topic == "scam-warning-signs" and reply.text.startswith("What you describe has the usual signs of a scam")
    plain = await engine.handle(say("how can I tell if a badge email is a scam?", user="u-plain"))
    assert plain.topic == "scam-warning-signs" and not plain.text.startswith("What you describe")


async def test_an_unexpected_badge_email_is_checked_by_going_to_the_platform_yourself(engine):
    # judged harmful: after the scam answer, "how i know it real credly" got how to check a badge, whose first
    # tip was to follow the badge's link
    await engine.handle(say("i get email say claim your badge. i never open it. is it safe or is virus?"))
    await engine.handle(say("is this badge email a scam or real"))
    reply = await engine.handle(say("email is from credly. how i know it real credly"))
    assert reply.topic == "scam-warning-signs" and "Type the platform's address yourself" in reply.text
    # judged worse on replay: "so i click link or no?" got the part for those who already clicked
    reply = await engine.handle(say("so i click link or no? i am confuse"))
    assert reply.topic == "scam-warning-signs" and "don't click its link" in reply.text
    assert "Clicked a link or paid?" not in reply.text
    # a QR code on a certificate sold in a chat was believed to prove it real (it got registration abroad)
    reply = await engine.handle(say("How do I report this in Nigeria? And the man says the certificate has a QR code "
                                    "so it must be real", user="u2"))
    assert reply.topic == "scam-warning-signs" and "A QR code proves nothing" in reply.text


@pytest.mark.parametrize("text, topic, part, not_shown", [
    # the whole answer put the renewal periods under how to check a certification
    ("how long does a cisco certification last", "vendor-certifications", "**Duration and renewal.**",
     "**Checking one.**"),
    # the whole answer on issuing put its costs under who can issue
    ("how much does it cost to issue badges", "badge-issuing", "**What it costs.**", "**How issuing works**"),
])
async def test_a_first_question_on_a_facet_gets_the_part_headed_so(engine, text, topic, part, not_shown):
    reply = await engine.handle(say(text))
    assert reply.topic == topic and part in reply.text and not_shown not in reply.text


@pytest.mark.parametrize("text, topic", [
    # the entry's title asks it already ("how long", "worth"): the whole answer
    ("how long does a micro-credential take", "time-commitment"),
    ("Are Microcredentials Worth the Cost?", "microcredential-value"),
])
async def test_a_first_question_its_entry_is_about_gets_the_whole_answer(engine, bundled_kb, text, topic):
    reply = await engine.handle(say(text))
    assert reply.topic == topic and bundled_kb.entries[topic].answer in reply.text


async def test_an_issuer_s_follow_ups_on_revoking_stay_on_revoking(engine):
    await engine.handle(say("i accidentally awarded a badge to the wrong student in canvas, can i take it back"))
    # unsure alone, with revoking its first guess: it was "did you mean"
    reply = await engine.handle(say("will the student get notified?"))
    assert reply.topic == "badge-revocation" and "notify the earner" in reply.text
    # ... and so does one level with the answer just given: this was "did you mean" the entry on skills
    await engine.handle(say("what does the eu recommendation on micro-credentials say"))
    reply = await engine.handle(say("what are the mandatory elements we have to include when describing a micro-credential"))
    assert reply.topic == "eu-microcredentials" and "Mandatory elements" in reply.text
    await engine.handle(say("i accidentally awarded a badge to the wrong student in canvas, can i take it back"))
    # three words of it in one of its parts: it was how to add a badge to LinkedIn
    reply = await engine.handle(say("and what happens if they already shared it on linkedin"))
    assert reply.topic == "badge-revocation" and "LinkedIn for example, stays until removed" in reply.text


async def test_a_learner_whose_badge_was_revoked_gets_what_to_do_not_the_issuer_s_steps(engine):
    await engine.handle(say("my badge says REVOKED in red. am i in trouble?? i passed the course"))
    # "who do I email" got what Credly is; the LinkedIn question the issuers' part ("Prefer revoking to deleting")
    reply = await engine.handle(say("i didnt cheat i promise. who do i even email, credly or my college?"))
    assert reply.topic == "badge-revocation" and "Email the issuer" in reply.text
    reply = await engine.handle(say("will employers see it says revoked? i already put it on my linkedin last month"))
    assert "update your LinkedIn entry" in reply.text and "Prefer revoking" not in reply.text


async def test_a_step_of_the_last_answer_taken_as_done_leaves_the_question_after_it(engine):
    await engine.handle(say("i got a badge with my maiden name on it, how do i get it changed"))
    # "fixed" held it on the name change, whose platform list came again
    reply = await engine.handle(say("ok cool. once its fixed how do i share it"))
    assert reply.topic in ("share-badge-linkedin", "share-badge-social")


async def test_a_comparison_that_does_not_point_back_is_not_asked_of_the_last_answer(engine):
    await engine.handle(say("can a badge expire"))
    # "different" compared the names, not expiry: it was expiry's opening again
    reply = await engine.handle(say("what if the name on badge is different from her cv name, she got married"))
    assert reply.topic == "badge-name-change"
    await engine.handle(say("what is a micro-credential"))
    assert (await engine.handle(say("is it the same as a badge?"))).topic == "badge-vs-microcredential"


async def test_cpd_is_asked_as_accountants_cpe_and_recorded_from_its_answer(engine):
    # "CPE" was unknown: it was Coursera's credentials
    assert (await engine.handle(say("im a CPA, do coursera courses count for CPE credits"))).topic == "cpd-and-ceus"
    # it was the Comprehensive Learner Record, for "record"
    reply = await engine.handle(say("how do i record them"))
    assert reply.topic == "cpd-and-ceus" and "Keep a CPD record" in reply.text


async def test_where_the_answer_has_nothing_more_the_entry_the_turn_leads_to_alone_is_offered_first(engine):
    # alone the turn is unsure, with upgrading first: it offered Coursera's related entries only
    await engine.handle(say("is coursera free?"))
    reply = await engine.handle(say("can i pay later for the certificate"))
    assert reply.topic == "platform-coursera" and "says about that" in reply.text
    assert reply.related[:1] == ("audit-and-upgrade",)


async def test_issuers_awarding_or_revoking_many_at_once_learn_how(engine):
    await engine.handle(say("how do I issue badges"))
    reply = await engine.handle(say("can I issue like 300 at once"))
    # the part on awarding, not the line on looking after badges "issued by mistake" alone
    assert reply.topic == "badge-issuing" and "5,000" in reply.text
    reply = await engine.handle(say("can I revoke several badges at once on canvas credentials?", channel="c2"))
    assert reply.topic == "badge-revocation" and "Bulk Revoke" in reply.text


async def test_edx_microbachelors_is_told_apart_from_micromasters(engine):
    # it was answered as a MicroMasters, which is graduate-level
    await engine.handle(say("tell me about edx"))
    reply = await engine.handle(say("and microbachelors?"))
    assert reply.topic == "platform-edx-micromasters" and "undergraduate-level" in reply.text
    assert "graduate-level online courses" not in reply.text  # its line, not the opening on MicroMasters


async def test_a_story_naming_a_platform_then_asking_its_price_gets_that_platforms_cost(engine):
    # the story's words (a warehouse job) are none of Google's answer: it was the general entry on costs
    reply = await engine.handle(say("hey so im 35 and work in a warehouse, thinking about the google it support "
                                    "certificate. how much does it actually cost"))
    assert reply.topic == "platform-google-career-certificates" and "monthly subscription" in reply.text


@pytest.mark.parametrize(("question", "topic"), [("how much is credly per year", "platform-credly"),
                                                 ("how much does badgr cost per user", "platform-badgr")])
async def test_a_price_per_year_or_per_user_is_the_platforms_cost_line(engine, question, topic):
    # "year" and "user" were words the platform's answer never uses: it was the general entry on costs
    reply = await engine.handle(say(question))
    assert reply.topic == topic and "**Cost:**" in reply.text


async def test_a_new_question_pointing_back_is_not_held_by_a_line_that_merely_mentions_it(engine):
    # claiming's answer says you can then add it to LinkedIn; the entry asked about sharing on
    # LinkedIn answers it (it was claiming's line again)
    await engine.handle(say("how do i claim a badge"))
    reply = await engine.handle(say("and how do i share it on linkedin"))
    assert reply.topic == "share-badge-linkedin"


async def test_ok_and_leans_on_the_answer_before(engine):
    # "ok and ..." was read on its own: how long courses take, not Google's line on paying monthly
    await engine.handle(say("google it support certificate"))
    reply = await engine.handle(say("ok and if i finish fast do i pay less"))
    assert reply.topic == "platform-google-career-certificates" and "finishing sooner costs less" in reply.text


async def test_badges_in_moodle_have_their_own_answer_and_canvas_after_them_is_canvas(engine):
    reply = await engine.handle(say("how do i set up badges in moodle? our site admin says badges are enabled but i "
                                    "cant find where to make one"))
    assert reply.topic == "platform-moodle" and "More > Badges" in reply.text
    reply = await engine.handle(say("ok and can the moodle badges be open badges so students can put them in a backpack?"))
    assert reply.topic == "platform-moodle" and "Backpack settings" in reply.text
    # a question of its own about another platform, told after a story: that platform's answer (it
    # was Moodle's opening, whose answer names Canvas Credentials as a backpack)
    reply = await engine.handle(say("what about canvas, we have some courses there too. does canvas have built in badges"))
    assert reply.topic == "platform-badgr"


async def test_a_clause_asking_credbot_to_act_answers_nothing(engine):
    # "can you fix it" was answered outright by the entry on wrong names, offered second
    reply = await engine.handle(say("my canvas course page won't load, can you fix it"))
    assert reply.topic != "badge-name-change" and reply.intent is not Intent.FAQ


async def test_a_platform_the_answer_never_named_gets_its_own_price_line(engine):
    # costs' answer never names Google: its pricing models again were no answer to Google's price
    await engine.handle(say("which micro credentials are completely free including the certificate"))
    reply = await engine.handle(say("what about google, is it free for kenyans? i heard something about scholarships"))
    assert reply.topic == "platform-google-career-certificates" and "financial aid" in reply.text
    # so does one whose part on price never names it: issuing's *What it costs* names Moodle, Canvas
    # and Open Badge Factory, and Credly's own line says issuers pay; Brazil's answer names Google
    # only in its opening (its price was Brazil's gist, and "can i get it free" nothing more)
    await engine.handle(say("how do i issue badges", channel="c2"))
    reply = await engine.handle(say("is it free on credly?", channel="c2"))
    assert reply.topic == "platform-credly" and "Issuing organisations pay" in reply.text
    await engine.handle(say("is a Coursera certificate recognised by MEC in brazil", channel="c3"))
    reply = await engine.handle(say("and the google data analytics one, how much cost in brazil?", channel="c3"))
    assert reply.topic == "platform-google-career-certificates" and "monthly subscription" in reply.text
    # an answer whose part on price names the platform keeps it
    await engine.handle(say("how do i issue badges", channel="c4"))
    reply = await engine.handle(say("is it free on moodle?", channel="c4"))
    assert reply.topic == "badge-issuing"


async def test_australian_learners_get_australias_answer(engine):
    # a Certificate IV was declined, and TAFE funding got Ontario's and New York's schemes
    await engine.handle(say("hi im doing a cert IV in IT at TAFE NSW. what actually is a micro credential?"))
    reply = await engine.handle(say("ok so is my TAFE cert one of those or no"))
    assert reply.topic == "australia-microcredentials" and "full qualification" in reply.text
    reply = await engine.handle(say("are there any micro creds that are govt funded in australia? money is tight"))
    assert reply.topic == "australia-microcredentials" and "Fee-Free TAFE" in reply.text


async def test_trivia_about_a_country_the_base_covers_is_declined(engine):
    # Australia's entry answered "what's the capital of Australia" once it existed
    assert (await engine.handle(say("what's the capital of Australia"))).declined == "off-topic"


async def test_a_general_answer_to_a_place_with_its_own_entry_points_there(engine):
    # the general answer on funding, which named Ontario's and New York's schemes and said it had
    # nothing on Australia: Australia's entry, with Fee-Free TAFE, is one number away
    reply = await engine.handle(say("im in melbourne, is there funding for micro-credentials"))
    assert reply.topic == "financial-aid" and "for Australia, see also" in reply.text
    assert reply.related[:1] == ("australia-microcredentials",)
    assert (await engine.handle(say("1"))).topic == "australia-microcredentials"


@pytest.mark.parametrize(("text", "place"), [
    ("im in melb, is there any govt funding for microcreds", "Australia"),
    # "new" of New South Wales met the answer's New York, as if it spoke of Australia
    ("is there funding for short courses in new south wales", "Australia"),
    ("im in auckland, is there funding for short courses", "New Zealand"),
])
async def test_a_city_or_state_points_to_its_countrys_entry(engine, text, place):
    assert f"for {place}, see also" in (await engine.handle(say(text))).text


async def test_the_pointer_to_a_places_entry_names_the_most_particular_one(engine):
    # Germany has an entry of its own; the EU's and Europass's list Germany among the member states,
    # and the first of them in file order was offered to a learner in Munich
    reply = await engine.handle(say("im in munich, is there funding for micro-credentials"))
    assert reply.topic == "financial-aid" and reply.related[:1] == ("germany-microcredentials",)
    reply = await engine.handle(say("im in dublin, is there funding for micro-credentials", user="u2"))
    assert reply.related[:1] == ("ireland-microcredentials",)
    reply = await engine.handle(say("im in vienna, is there funding for micro-credentials", user="u3"))
    assert reply.related[:1] == ("eu-microcredentials",)


async def test_a_clause_and_its_whole_message_agreeing_unsure_is_answered(engine):
    # the clause alone was level with adding a licence to LinkedIn, the whole message unsure; both
    # put the comparison with certifications first
    reply = await engine.handle(say(
        "I'm in IT and already hold a couple of vendor certs that need renewing every few years. Now my employer "
        "is pushing micro-credentials from a local college, how are those different from an industry "
        "certification or a licence?"))
    assert reply.intent is Intent.FAQ and reply.topic == "microcredential-vs-certification"


async def test_learners_in_india_get_swayam_and_the_academic_bank_of_credits(engine):
    # all were "did you mean" (a CPD answer was picked from one): nothing spoke of UGC's rules
    reply = await engine.handle(say("I work in IT in Bangalore and have done 3 coursera certificates. Can these be "
                                    "counted as credits for my MCA or any indian university degree?"))
    assert reply.topic == "india-online-credit" and "SWAYAM" in reply.text
    reply = await engine.handle(say("also what is this ABC academic bank of credits, can coursera go there"))
    assert reply.topic == "india-online-credit" and "Your institution uploads" in reply.text


async def test_printing_a_certificate_and_a_paper_copy_are_answered(engine):
    # an older learner without LinkedIn got the badge download answer (Credly, PNG and SVG files),
    # then "I don't have an answer" to a posted copy and "did you mean" to a black-and-white printer
    reply = await engine.handle(say("How do I print my edX certificate, I don't have LinkedIn"))
    assert reply.topic == "certificate-print" and "dashboard" in reply.text
    assert (await engine.handle(say("does edx send a paper one in the post"))).topic == "certificate-print"
    reply = await engine.handle(say("my printer is black and white only will that matter"))
    assert reply.topic == "certificate-print" and "black and white" in reply.text


async def test_a_clause_answers_only_an_entry_near_the_first_of_the_whole(engine):
    # "how to check if this is true" alone is scam warning signs, which the whole message ranks
    # second at half the score of Brazil's entry (e-MEC): not the answer (it was "did you mean" with Brazil's entry
    # first, until a long message with one entry clearly ahead was answered by it)
    reply = await engine.handle(say("my sister found a pós EAD in data science for R$ 89 per month, the site says "
                                    "'autorizado pelo MEC'. how to check if this is true"))
    assert reply.topic == "brazil-microcredentials"


async def test_a_badge_or_a_certificate_is_answered_plainly(engine):
    # "did you mean" three comparisons of micro-credentials, then credit-bearing courses
    reply = await engine.handle(say("whats the difference between a digital badge and a certificate"))
    assert reply.topic == "what-is-digital-badge" and "A badge or a certificate?" in reply.text
    reply = await engine.handle(say("so is a badge worth less than a certificate"))
    assert reply.topic == "what-is-digital-badge" and "Neither is better" in reply.text


async def test_azure_after_the_checks_were_quoted_is_microsofts_line(engine):
    # the part on checking quoted, "ms azure cert how do i check" got its AWS sentence again
    for text in ("aws cert verify how", "what if he only gives me a screenshot of the badge"):
        await engine.handle(say(text))
    reply = await engine.handle(say("ms azure cert how do i check"))
    assert reply.topic == "vendor-certifications" and "Microsoft Learn profile" in reply.text
    assert "validation number" not in reply.text


async def test_a_message_whose_questions_all_answer_one_entry_surely_is_about_it(engine):
    # the story's nurse, Australia and CPD points barely led to CPD, over two questions on accreditation
    reply = await engine.handle(say("Hello, I'm a nurse from Cebu moving to Australia soon. Lots of short online "
                                    "courses say 'accredited' and 'CPD points'. What does accredited actually mean? "
                                    "Who accredits them?"))
    assert reply.topic == "accreditation-check"


async def test_a_dead_link_after_checking_a_badge_is_its_line_on_a_failed_check(engine):
    # it was "did you mean" three unrelated entries, the answer's words spread by the new phrasings
    await engine.handle(say('hi, a candidate lists a "Google Data Analytics Professional Certificate" with a credly '
                            "link. how do i check its real?"))
    reply = await engine.handle(say("what if the link is dead or goes to a different name"))
    assert reply.topic == "badge-verification" and "If a link is dead or a check fails" in reply.text


async def test_a_comparison_after_a_how_to_is_no_question_on_the_how_to(engine):
    # "that cert ... vs a degree" was read as comparing what checking a certificate is about: the
    # quick checks again, to a recruiter asking what the certificate is worth
    await engine.handle(say("a candidate lists a google certificate with a credly link, how do i check its real?"))
    reply = await engine.handle(say("also is that cert worth anything vs a degree? honestly"))
    assert reply.topic == "microcredential-vs-degree"


@pytest.mark.parametrize(("first", "then", "topic", "says"), [
    # a platform's own name picks no part of its answer, which is all about it: Coursera's name
    # outweighed "verify", and an employer got the opening's kinds of credential
    ("what does a coursera certificate prove?", "the pdf has a url at the bottom, coursera.org/verify/XXXX",
     "platform-coursera", "verification link"),
    # "can i check one" after edX's certificates met "Check the program page's pathways"
    ("edX verified certificate vs honor certificate - what does verified mean", "can i check one",
     "platform-edx-micromasters", "anyone can open to check it"),
    # a "can't" picks no part: "i cant find the button" met edX's certificate that "can't be bought";
    # the opening says a course may offer no audit option
    ("can i do the course free and just not get the cert", "how do i do that i cant find the button",
     "audit-and-upgrade", "may not offer one"),
    # someone who clicked or paid gets what to do now, and an expired badge is not lost (it was
    # "what I quoted above", and "That's all I have")
    ("I received an email saying my digital certificate will expire unless I pay a 29.99 renewal fee.",
     "I already clicked the link but I did not pay. Should I be worried", "scam-warning-signs", "Gave a password? Change it."),
    ("my aws badge expired on credly wat do", "do i lose it forever?", "badge-expiry", "You don't lose the badge"),
    # "sit the whole thing again" asks how it is renewed: it got the opening again
    ("my credly badge has expired, have I lost my qualification?", "Right. So do I have to sit the whole thing again? "
     "It was a 3 day course and I'm not doing all that again at my age.", "badge-expiry", "**Renewing.**"),
    # moving university is credit transfer (it was credit sizes again, the answer before)
    ("whats ects", "and if i change uni do the credits come with me", "credit-transfer", "receiving institution"),
    # ... and "i just dont renew" is not doing it too (it was *Renewing.*)
    ("my aws badge expired on credly wat do", "what if i just dont renew, will it get deleted", "badge-expiry",
     "You don't lose the badge"),
    # "pay for" is the idiom on price, whose headings were *Cost*, *Price* and *Fees*: the part headed
    # by Coursera answered instead of Kenya's *Paying* (HELB's loans)
    ("Hello from Nairobi. Are coursera certificates recognised by KNQA?",
     "hmm ok. can HELB loan pay for coursera or edX course?", "kenya-microcredentials", "**Paying.**"),
    # a province or nation the answer speaks of in passing: BC's grant was offered in Alberta, and
    # England's loans in Glasgow
    ("in alberta, is a micro-credential from an ontario college recognised here?", "is there a grant in alberta",
     "canada-microcredentials", "**Elsewhere.**"),
    # the place the whole entry is about is no subject: *Funded places.* (which names Spain) answered this
    ("hola, I am in Valencia, what are microcredenciales?",
     "none. I ask if the university credit from the microcredential can count in a bachelor degree in Spain",
     "spain-microcredentials", "**Towards a degree.**"),
    ("what are SCQF levels", "im in scotland, is there funding for short courses", "scotland-levels-and-support",
     "**Funding a course.**"),
    # "roughly" and "ballpark" ask nothing Credly's answer lacks (it was the general costs); Accredible's
    # answer says what issuers pay (it was its line on credential.net links)
    ("how much does credly cost for an organisation roughly? ballpark", "and accredible?",
     "platform-accredible", "charged per recipient"),
    # "where is my credly badge" said in the entry on badges that never arrived (it was "did you mean")
    ("finished the ibm data analyst cert, where tf is my credly badge", "its been like 2 weeks and nothing in my email",
     "badge-not-received", "never arrived"),
    # LLE is the Lifelong Learning Entitlement ("when does LLE start" was "did you mean"), and a part
    # saying more of a question than a heading that names one word of it answers: it was *Credit.*
    ("what is the lifelong learning entitlement", "when does LLE start", "uk-microcredentials",
     "**Paying, in England.**"),
    ("what is the lifelong learning entitlement", "can a student use the LLE for a single 15 credit module?",
     "uk-microcredentials", "Single modules only in priority subjects"),
    # of two headings naming it alike (*Paying*), the part saying more of it: it was England's
    ("im in scotland, is there funding for short courses", "and does SAAS pay for part time",
     "scotland-levels-and-support", "Student Awards Agency Scotland"),
    # a heading naming what is asked beats one naming only where: it was *Ontario.* (OSAP)
    ("hey, in alberta (calgary). can i use the canada training credit for a micro-credential course",
     "i did a micro-credential at an ontario college online, is that recognised here in alberta",
     "canada-microcredentials", "**Is it recognised?**"),
    ("what is a digital badge", "is it a proper qualification tho", "what-is-digital-badge", "**A qualification?**"),
    # "how many credits" asks a size, which *Size* says: it got the closing line on NZQA's register
    ("what are nzqa micro-credentials", "how many credits is a nzqa micro credential usually",
     "nzqa-microcredentials", "**Size:** from 1 to 40 credits"),
    # a platform's certificate in New Zealand: it got the line on credit recognition, as if it counted
    ("what are nzqa micro-credentials", "do the coursera ones count for anything in NZ then",
     "nzqa-microcredentials", "not NZQA-approved"),
    # no LinkedIn account: it got the answer's opening again, "in short"
    ("how do i add my certificate to linkedin", "she has no linkedin account, does she need one",
     "share-badge-linkedin", "**No LinkedIn account?**"),
    # "charge" asks a price: it got Coursera's subscriptions, the entry alone leading
    ("what is credly", "will they charge me later", "platform-credly", "free for earners"),
    # the course offer's part says such an offer is a fake: "fake" met the badge email's "can be faked"
    ("an ad says a google career certificate with a guaranteed job for $29, real?", "so the google one is fake?",
     "scam-warning-signs", "**A course offer.**"),
    # every part of Moodle's answer is about Moodle; its line on badges "with the data baked in" never names it, so
    # the turn went to what is inside a badge in general
    ("how do badges work in moodle", "does moodle bake the badges?", "platform-moodle", "baked in"),
    # a learner whose friend bought a "verified" Google certificate on Telegram got how to check a badge, then a menu
    ("there are guys on telegram selling 'google certificate' and 'coursera certificate' for like 15k naira, they say "
     "its verified and will show on linkedin. is that real? my friend bought one",
     "so should i tell my friend to not use it? can he get in trouble if he put it on linkedin already",
     "scam-warning-signs", "misrepresentation, which can lose you a job: take it down"),
    # a social worker in Leeds got hours and CEUs however often he said his regulator counts none
    ("hiya, social worker in Leeds here, registered with SWE. do short online courses count towards my CPD?",
     "SWE doesnt really do hours though does it? how do I actually show it to them", "cpd-and-ceus",
     "at least two pieces of CPD"),
    # a bootcamp owner whose curriculum senior developers had reviewed got the learner's checks twice, and no answer
    ("last big one. can we call our bootcamp 'accredited'? our curriculum was reviewed by a couple of senior devs from "
     "local companies. marketing wants to put 'accredited program' on the site",
     "so is that a no? can i use the word accredited or not, i dont want to get in legal trouble",
     "accreditation-check", "An industry review is not that"),
    # a university designer asking what it needs to issue EDCs got the learner's opening: "not as a student" read as
    # a student's word, and the base had no line for issuers
    ("what is European Digital Credentials for Learning exactly",
     "I'm asking as the ISSUER not as a student. what do we as university need to start issuing EDCs? do we need some "
     "electronic seal?", "european-digital-credentials", "electronic seal from a trust service provider"),
    # a cloud engineer got a menu, though the answer before said "or a higher-level one"
    ("do employers actually check if an AWS cert is still valid",
     "ok useful. if I pass the SA Professional instead does that renew my associate too?", "vendor-certifications",
     "higher-level exam also renews a current Associate"),
    # after a PMP badge's expiry, whether the PMP itself is lost got a menu (judged harmful)
    ("my PMP badge on credly, does it expire? what happens to it if I dont renew in time",
     "wait so if i miss the deadline do i lose the PMP itself or just the badge??", "pmp-pdus", "the PMP lapses"),
    # the museum's consent question got menus, then UK and EU law
    ("Hello! I'm an education officer at a science museum in Toronto. We run workshops for kids 9-14 and want to give "
     "them digital badges. Can children have badges?",
     "ok. what about parental consent and privacy? we're in Ontario. do we need parents to agree before we issue a "
     "badge with a child's name?", "badges-for-children", "must come from a parent or guardian"),
    # a soldier on terminal leave, after the GI Bill's test fees, got a menu that offered repaying an employer
    ("does the GI Bill pay for the CompTIA A+ exam", "Still on terminal leave actually. Can Army pay for the cert "
     "before I'm out?", "us-military-credentials", "It is for serving Soldiers only"),
    # ... and Credly badges after leaving, asked after it, got its part on serving Soldiers
    ("does the GI Bill pay for the CompTIA A+ exam", "Got a bunch of Credly badges from Army training. Do those carry "
     "over after I separate or do they disappear with my AKO account", "badge-email-change", "Make Default"),
    # a part-time MBA asking when to submit her SkillsFuture claim got a menu that offered claiming a badge
    ("I would like to use my SkillsFuture Credit on micro-credentials, either NUS ones or on Coursera. Which of them "
     "qualify?", "Thank you. When exactly must the claim be submitted, before or after the course starts? And can the "
     "credit cover the full fee or only the net fee after subsidies?", "singapore-skillsfuture",
     "within the 60 days before the course starts"),
    # the SAQA database asked of after South Africa's answer got its sentence on the NQF again
    ("Does SAQA recognise any of these? Coursera, Google, Credly stuff. Are they on the NQF?",
     "No I mean in South Africa. the SAQA database - how do I search it", "south-africa-microcredentials",
     "Search SAQA's qualifications database"),
    # judged worse on replay: after a Facebook offer of vouchers and exam dumps, "i only ask if the voucher seller is
    # legit" got a menu
    ("is it safe to put my credly badge link in my resume? someone msg me on facebook offering cheap comptia voucher "
     "and exam dumps", "i did not fake anything!! i earn my A+ myself. i only ask if the voucher seller is legit",
     "scam-warning-signs", "**A course offer.**"),
    # round 28: a veteran comparing Google's certificate with Security+ got Google's *Job value* part again and again
    ("does the google cyber cert count as college credit? i heard ACE something", "ok whatever. real question: for "
     "cybersecurity jobs what's better, google cyber cert or comptia security+? lot of DoD contractor jobs here",
     "microcredential-vs-certification", "DoD 8140 qualification matrix"),
    # ... a Discord community weighing roles against badges was told "No: I don't give or change roles", twice
    ("i'm the community manager for a ux design discord. want to give people badges for mentoring. how would i even do "
     "that", "we're on discord tho, not an LMS. do i just use discord roles? or is that not a 'real' badge",
     "what-is-open-badge", "as a Discord role or a forum rank shows only there"),
    # ... and, asking which platform fits a volunteer community, got the answer on issuing again
    ("i'm the community manager for a ux design discord. want to give people badges for mentoring. how would i even do "
     "that", "we have zero budget tho (volunteer run). which platform should a community like ours use? and we only "
     "know ppl's discord handles not their emails", "badge-platform-choice", "What it costs an issuer"),
    # ... and, asking for a free option that isn't Moodle, got the one line on Moodle
    ("we have zero budget, which badge platform should we use", "is there ANY free option that isnt moodle",
     "badge-platform-choice", "Accredible: yearly plans"),
    # ... and, writing members a how-to for LinkedIn after Open Badge Factory's answer, a menu
    ("ok say we get open badge factory basic. how do members share them on linkedin and their portfolio sites",
     "ok but HOW on linkedin specifically. step by step pls, i need to write a how-to for members",
     "share-badge-linkedin", "Add to LinkedIn profile"),
    # ... and, as an issuer, how to stop fakes: a menu, then the checks for those who receive a badge
    ("how do members add our badges to linkedin", "next worry: how do we stop ppl faking them? like someone just "
     "screenshots a badge and puts it on linkedin without earning it", "badge-verification", "If you issue badges"),
])
async def test_a_follow_up_gets_the_part_of_the_answer_it_asks_about(engine, first, then, topic, says):
    await engine.handle(say(first))
    reply = await engine.handle(say(then))
    assert reply.topic == topic and says in " ".join(reply.text.split())


async def test_a_question_one_item_of_the_quoted_list_answers_gets_that_item(engine):
    # "What I quoted above is all" read as no answer: the list of ways to pay has a line on employers,
    # and "my job" is the employer
    await engine.handle(say("im a community college student in texas, does the google it support certificate "
                            "count for college credit"))
    assert (await engine.handle(say("can i use my fafsa / pell grant to pay for the coursera subscription?"))
            ).text.startswith("On that")  # the list of ways to pay, quoted
    reply = await engine.handle(say("what about my job, i work at walmart part time, would they pay for it"))
    assert reply.topic == "us-microcredentials"
    assert reply.text.startswith("As the answer above says: Employers can pay up to $5,250")


async def test_a_question_the_quoted_part_answers_in_passing_gets_that_sentence(engine):
    # a recruiter's "what if the link is dead", after the part that says it, got "What I quoted
    # above is all", which read as no answer
    await engine.handle(say("verify credly badge?"))
    await engine.handle(say("candidate sent me a link credly.com/badges/... how do i know it's not faked"))
    reply = await engine.handle(say("what if the link is dead"))
    assert reply.topic == "badge-verification" and reply.text.startswith("As the answer above says: If a link is dead or a check fails")


async def test_how_a_coursera_trial_and_subscription_charge_is_answered_but_billing_help_is_declined(engine):
    # a worry that a free trial turns into monthly charges got "did you mean", and cancelling one
    # got the entry on revoked badges
    reply = await engine.handle(say("I signed up for a free trial on Coursera and now I am worried I will be charged "
                                    "every month without realising"))
    assert reply.topic == "coursera-subscriptions" and "keeps charging every month" in reply.text
    reply = await engine.handle(say("If I cancel do I lose the work I have already done"))
    assert reply.topic == "coursera-subscriptions"
    # a platform's billing problem stays with its support (the boundary notes)
    assert (await engine.handle(say("Coursera charged me twice this month", user="u2"))).declined == "account-support"
    # another platform's free month is not Coursera's trial (it got Coursera's 7 days and menus)
    reply = await engine.handle(say("linkedin learning free month, will it charge me after", user="u4"))
    assert reply.topic != "coursera-subscriptions" and "Coursera subscription" not in reply.text
    # and Coursera's own entry still answers what Coursera costs
    assert (await engine.handle(say("is coursera free", user="u3"))).topic == "platform-coursera"


async def test_a_declined_billing_question_offers_what_the_base_says_of_that_platform(engine):
    # a forgotten trial's refund stays with Coursera's support, but how the trial charges and where the
    # cancel button is was the help the asker got one turn too late
    text = ("im in florida, signed up for the coursera free trial for the google project management cert and "
            "i forgot to cancel, they charged me 49 dollars. can i get a refund??")
    reply = await engine.handle(say(text))
    assert reply.declined == "account-support" and reply.suggestions == ("coursera-subscriptions",)
    assert reply.text.startswith("That sounds like an account") and "1. Free trials" in reply.text
    assert (await engine.handle(say("1"))).topic == "coursera-subscriptions"
    # Udacity's entry says its refund window: it was declined with nothing beside
    reply = await engine.handle(say("Can I get a refund for udacity? He's only done two weeks.", user="u5"))
    assert reply.declined == "account-support" and reply.suggestions == ("platform-udacity-nanodegree",)
    assert "first 7 days" in (await engine.handle(say("1", user="u5"))).text
    # nothing in the base is about a forgotten password: no "What is Credly?" beside the decline
    reply = await engine.handle(say("I forgot my Credly password", user="u2"))
    assert reply.declined == "account-support" and not reply.suggestions and "1." not in reply.text
    # naming no platform, a refund after failing met the decline alone; the entry on costs, tagged with
    # the word declined, says what refund windows are like
    reply = await engine.handle(say("can i get a refund since i failed? $600 is a lot for me", user="u6"))
    assert reply.declined == "account-support" and reply.suggestions == ("cost",)
    reply = await engine.handle(say("how do I update my credit card details", user="u7"))
    assert reply.declined == "account-support" and not reply.suggestions


async def test_a_phrase_said_not_to_be_the_question_declines_nothing(engine):
    # "not a billing question" was declined as a billing question, three times in a row
    reply = await engine.handle(say("not a billing question. does the canada training credit cover micro-credentials"))
    assert reply.topic == "canada-microcredentials"
    assert (await engine.handle(say("billing question: was I charged twice?", user="u2"))).declined == "account-support"
    # ("can not log in" is a sign-in problem still: only "not a ... question" says what it is not)
    assert (await engine.handle(say("i can not log in to credly", user="u3"))).declined == "account-support"


async def test_a_number_alone_picks_no_part(engine):
    # "600 staff" met the image sizes' "600 by 600 pixels": a price asked of the entry on design,
    # which says none, is "that's all I have", with costs offered
    await engine.handle(say("what size should a badge image be"))
    reply = await engine.handle(say("how much would that cost for 600 staff"))
    assert "pixels" not in reply.text and reply.related[:1] == ("cost",)


async def test_a_price_asked_after_a_programme_named_in_passing_is_asked_of_its_platform(engine):
    # the question named a Nanodegree but was answered by the comparison with degrees: "how much $$"
    # was "that's all I have" on degrees
    await engine.handle(say("whats a nanodegree lol is it like a real degree"))
    reply = await engine.handle(say("how much $$"))
    assert reply.topic == "platform-udacity-nanodegree" and "pricing" in reply.text


_SAME_EVERY_RUN = """
import asyncio
from bot.engine import Engine
from bot.messages import Incoming
from knowledge.loader import load_knowledge
async def main():
    engine = Engine(load_knowledge())
    for text in ("how do i set up badges in moodle",
                 "ok and can the moodle badges be open badges so students can put them in a backpack?"):
        reply = await engine.handle(Incoming(platform="test", channel="c", user="u", text=text))
    print(reply.text)
asyncio.run(main())
"""


def test_a_reply_is_the_same_whatever_order_a_run_keeps_its_sets_in():
    # two parts of Moodle's answer scored level, and sums over sets, whose order changes from run to
    # run, broke the tie one way or the other: the part for learners, or the opening
    root = Path(__file__).resolve().parent.parent
    replies = {subprocess.run([sys.executable, "-c", _SAME_EVERY_RUN], cwd=root, capture_output=True, text=True,
                              env={**os.environ, "PYTHONHASHSEED": str(seed), "DATABASE_URL": "sqlite://"},
                              check=True).stdout for seed in (1, 2, 3, 4)}
    assert len(replies) == 1 and "Backpack settings" in replies.pop()


async def test_a_comparison_from_a_place_with_its_own_entry_keeps_its_platforms(engine):
    # the pointer to Australia's entry rebuilt the answer without the platforms compared, and set a
    # side-by-side of two platforms out as one platform's whole answer
    reply = await engine.handle(say("im in sydney, credly vs badgr"))
    assert "**Credly or Badgr?**" in reply.text
    reply = await engine.handle(say("im in sydney, coursera vs edx which is better for getting into data analytics",
                                    channel="c2"))
    assert reply.related[:3] == ("australia-microcredentials", "platform-coursera", "platform-edx-micromasters")
    # compared and nothing else asked, they are set side by side, the place said to have nothing of its own
    reply = await engine.handle(say("im in sydney, coursera vs edx which is better", channel="c3"))
    assert "**Coursera or edX?**" in reply.text


async def test_most_of_an_answer_just_read_is_not_given_again_word_for_word(engine):
    # the four items on e-mail changes, most of its answer, came again whole after the answer, then
    # again after "you just said the same thing again"
    await engine.handle(say("hi, i got an aws badge on credly a while back but used my old work email and ive left "
                            "that job now, cant get into that email anymore. how do i get the badge onto my personal "
                            "account?"))
    reply = await engine.handle(say("ok but the old email is totally gone, i cant confirm anything there. i think i "
                                    "still remember my credly password tho. does that help?"))
    assert reply.text.startswith("As the answer above says: Losing a work or school email?")
    assert "If you still know your password, sign in" in reply.text and "**Merge accounts.**" not in reply.text
    reply = await engine.handle(say("you just said the same thing again lol. if i log in with the old email + "
                                    "password can i just add my gmail and make it the main one?"))
    assert reply.text.startswith("What I quoted above is all") and "Losing a work" not in reply.text
    # a part with no one line on what is asked is still given ("its from credly" after a lost badge)
    await engine.handle(say("i never got my badge", user="u2"))
    assert "admin@credly.com" in (await engine.handle(say("its from credly", user="u2"))).text


async def test_where_to_start_after_a_story_stands_for_the_story(engine):
    # alone it asks for help; after a bakery's plan to give its staff badges it was planning a learning path
    reply = await engine.handle(say("hi! i run a little bakery cafe, 10 staff, we do in house training (food "
                                    "hygiene, barista, allergens etc) and id love to give them digital badges when "
                                    "they finish. where do i even start, which platform?"))
    assert reply.topic != "learning-path" and reply.suggestions[:1] == ("badge-issuing",)


async def test_a_fail_asked_of_after_retakes_is_the_line_on_transcripts(engine):
    # a learner who failed a paid micro-credential never heard whether it shows on a transcript
    await engine.handle(say("i failed the final assessment of my online micro-credential. i paid like $600 for it. "
                            "can i retake it?"))
    reply = await engine.handle(say("ok so probably yes. will the fail show up anywhere? like on a transcript or if "
                                    "an employer checks"))
    assert reply.topic == "assessment-criteria" and "whether a failed attempt shows on your transcript" in reply.text


async def test_who_can_revoke_is_the_issuer_not_whoever_paid(engine):
    # a learner whose employer had paid for his exam asked whether his old boss could revoke it
    reply = await engine.handle(say("my badge was revoked, could my old employer have done it? they paid for the exam"))
    assert reply.topic == "badge-revocation" and "the only one who can withdraw it (not whoever paid for it)" in reply.text


async def test_privacy_settings_are_said_to_hide_nothing_from_the_issuing_employer(engine):
    # a manager asked whether setting his badges private hid them from his boss; he was told only how
    await engine.handle(say("is my badge data public or shared outside the company?"))
    reply = await engine.handle(say("and can my manager or HR see how many badges i have or havent got, like will they "
                                    "use it in my performance review?"))
    assert reply.topic == "badge-privacy" and "not from whoever issued it" in reply.text
    reply = await engine.handle(say("if i set my badges private can my boss still see them", user="u2"))
    assert reply.topic == "badge-privacy" and "not from whoever issued it" in reply.text


async def test_where_credbot_runs_and_what_it_connects_to_is_said_plainly(engine):
    # an IT admin got Open Badge Factory, and what an Open Badge is
    for text in ("how is credbot set up and hosted - does it run on our servers or yours, does it send student "
                 "questions to an external AI service like OpenAI?",
                 "I'm asking whether credbot itself can connect to Canvas or Canvas Credentials to look up a "
                 "student's badges."):
        reply = await engine.handle(say(text))
        assert reply.intent is Intent.HELP and "no question is sent to an outside AI service" in reply.text, text
        assert "no live link to a learning platform" in reply.text
    # a platform connecting to another is the platforms' own question
    assert (await engine.handle(say("can credly connect to linkedin", user="u2"))).intent is not Intent.HELP


async def test_a_term_asked_in_plain_words_is_its_line_not_the_opening(engine):
    # the glossary's opening speaks of courses and their records: "In short" gave it, with no MOOC in it
    reply = await engine.handle(say("That is a lot of jargon, ECTS? NZQA? I just want to know what a MOOC is in "
                                    "plain words"))
    assert reply.topic == "terms-explained" and reply.text.startswith("In short: MOOC (massive open online course)")
    # an opening that says it is still the gist
    reply = await engine.handle(say("what's a micro-credential in one sentence", user="u2"))
    assert reply.text.startswith("In short: A micro-credential is a certified record")


SCAM_EMAIL = ("Now I also got this email, is it real?\n\nFrom: Credly <notifications@credly-badges-verify.com>\n"
              "Subject: ACTION REQUIRED: Your badge will be deleted in 48 hours\n\nDear Earner,\n\nCongratulations! "
              "Acme University has issued you the badge 'Project Management Essentials'. However, our records show your "
              "badge has not been accepted. To keep your badge, you must verify your identity and pay a one-time "
              "processing fee of $14.99 within 48 hours, otherwise it will be permanently deleted.\n\n"
              "[Accept & Verify Badge]\n\nCredly Support Team")


async def test_a_pasted_message_with_a_scams_signs_is_asked_whether_it_is_one(engine):
    # judged harmful: it got how to check a badge, then how to accept one ("click the accept button")
    reply = await engine.handle(say(SCAM_EMAIL))
    assert reply.topic == "scam-warning-signs" and "asking a fee or card details" in reply.text
    reply = await engine.handle(say("so should I click the Accept & Verify button in the email to check? and do I "
                                    "have to pay the 14.99?"))
    assert reply.topic == "scam-warning-signs" and "click the accept or claim button" not in reply.text
    reply = await engine.handle(say("they want payment by gift card or crypto, is that normal?", user="u2"))
    assert reply.topic == "scam-warning-signs"
    # a fee asked about with no other sign is a question about costs
    assert (await engine.handle(say("is there a fee of $50 to issue badges?", user="u3"))).topic != "scam-warning-signs"


@pytest.mark.parametrize("text, says", [
    # a Discord moderator got "did you mean" the glossary, issuing badges, scams and claiming a badge
    ("ok so i'm a mod but not the owner. do i have perms to add it or does the owner need to?", "manage the server"),
    ("what discord permissions does credbot need", "never administration"),
    ("so does it read every message in the channel or only when someone pings it", "I read only what is meant for me"),
    ("can it give people discord roles when they earn a badge? like auto role for python badge holders",
     "I don't give or change roles"),
    ("yes or no: can credbot assign discord roles", "I don't give or change roles"),
    ("if a member wants their stuff deleted who do they contact", "I can't delete anything myself"),
    # a learning-team member, not technical, got menus of learner topics
    ("How do I change what it says? One of its answers about our certificate fees is out of date", "Not technical?"),
    ("can I see the questions people asked that you couldn't answer?", "`admin unanswered`"),
    ("how do I add a new FAQ to the bot", "Not technical?"),
    # a privacy-minded learner got her badge list, Credly's privacy settings and an issuer's data duties
    ("Can my employer see which badges I have through this?", "Nobody else can ask me for your list"),
    ("Does credbot share my data with Credly or LinkedIn?", "I send nothing to Credly, LinkedIn"),
    ("Please delete my badge list from credbot and stop showing it.", "I can't delete anything myself"),
    ("I mean here, in this chat. What does credbot itself store about me?", "Here is what I keep"),
    # a learning technologist got the learner's entries on moving badges, on scams and on data duties
    ("I have an Excel spreadsheet of which students earned which badges. How do I get that into credbot so they "
     "can see them?", "`admin badges import`"),
    ("a learner says credbot can't find her badges. how do I link her chat account to her badges?",
     "`admin badges link"),
    ("what do learners ask about most?", "`admin stats`"),
    ("how do learners leave feedback? I see none", "Not helpful buttons"),
    # the head of a training provider, not technical, got menus of learner topics for each
    ("Hi, I run a small training company and I'd like my team to be able to use you in our Slack. How do I set that "
     "up? I'm not technical.", "a workspace admin installs"),
    ("None of those. I'm staff here. Is there a list of what staff can do?", "`admin unanswered`"),
    ("How do I see what my learners asked that you couldn't answer?", "`admin unanswered`"),
    ("OK so for my spreadsheet: I have it in Excel with columns Name, Email, Course, Date passed. What exactly do I "
     "do - save it as something? and where do I attach it in here?", "save it as CSV"),
    # a college's learning technologist trying credbot out before telling students got three menus and learning outcomes
    ("Hiya, just added you to our college slack. Before I tell the students about you - what can you actually do?",
     "I'm credbot"),
    ("none of those. I mean what topics do you cover, what are you for? im the learning technologist trying you out",
     "I'm credbot"),
    ("ok. important one for safeguarding/GDPR: are conversations with you private? will staff see what students ask "
     "you? does anything get stored?", "Here is what I keep"),
    ("none of those, I mean YOU, the bot. what happens to the messages students type into this chat?",
     "Here is what I keep"),
    ("ok. if a student asks something you cant answer, how do staff find out? is there a way we get the unanswered "
     "questions?", "`admin unanswered`"),
    # a Discord moderator asking how credbot works there got a menu of issuing badges, what a badge is and scams
    ("wait so how does credbot work in discord exactly? what commands are there", "`/badges` for your badges"),
    ("what commands do you have", "`/credbot` followed by a question"),
    ("how do i use credbot in the terminal", "`:badges` for your badges"),  # (the terminal's were left out)
    ("are there admin commands?", "`admin unanswered`"),  # (staff's own, as before)
])
async def test_what_credbot_itself_does_is_said_plainly(engine, text, says):
    reply = await engine.handle(say(text))
    assert reply.intent is Intent.HELP and says in reply.text, text


async def test_a_place_the_asker_is_not_in_is_no_place_asked_about(engine):
    # "I am not american" was read as asking about the US: its entry answered again
    from bot.places import place_named

    assert place_named("i am not american") is None and place_named("im not from the uk but live in london").name == "the UK"
    reply = await engine.handle(say("I'm not in the US, can I get college credit for a micro-credential?"))
    assert "for the US, see also" not in reply.text


async def test_a_turn_saying_the_answer_left_its_question_out_is_no_step_of_that_answer(engine):
    # an anxious learner who had checked spam said the answer never got to his cancelled subscription, and got its
    # spam-folder line again
    await engine.handle(say("I finished the Google Project Management certificate on Coursera 3 weeks ago but never got "
                            "an email or a Credly badge, and I cancelled my Coursera subscription. Have I lost it?"))
    reply = await engine.handle(say("ok I checked spam, nothing from credly. but you didnt say about the main thing, I "
                                    "CANCELLED my coursera subscription. does that mean the certificate is gone?"))
    assert "spam" not in reply.text.split("\n")[0] and "Search spam" not in reply.text
    assert "coursera-subscriptions" in (reply.topic, *reply.suggestions)


async def test_a_yes_or_no_asked_gets_the_line_that_answers_it_first(engine):
    # an anxious learner asked three times whether cancelling Coursera loses his certificate; the answer sat in the
    # third paragraph of the whole answer
    reply = await engine.handle(say("PLEASE just tell me yes or no, if I cancel coursera plus do I lose the certificate "
                                    "I already earned"))
    assert reply.topic == "coursera-subscriptions"
    assert reply.text.startswith("**In short:** Cancelling stops future payments; you keep the certificates")
    plain = await engine.handle(say("if I cancel coursera plus do I lose the certificate I already earned", user="u2"))
    assert plain.topic == "coursera-subscriptions" and not plain.text.startswith("**In short:**")
    # a place said first leads the answer with where to look for it; the line still comes first
    placed = await engine.handle(say("im in melbourne, yes or no: if I cancel coursera plus do I lose the certificate "
                                     "I already earned", user="u3"))
    assert placed.text.startswith("**In short:** Cancelling stops future payments") and "for Australia" in placed.text


async def test_a_spreadsheet_of_staff_training_asks_nothing_of_credbot(engine):
    # an employer tracking his technicians' certificates got credbot's own staff commands
    reply = await engine.handle(say("just tell me, spreadsheet ok or do i need software? what columns"))
    assert reply.intent is not Intent.HELP and "admin badges import" not in reply.text


async def test_weighing_roles_against_badges_asks_nothing_of_credbot(engine):
    # a community organiser musing aloud was told "No: I don't give or change roles"
    reply = await engine.handle(say("maybe I should just give people a Discord role instead of a real badge?"))
    assert reply.intent is not Intent.HELP and "I don't give or change roles" not in reply.text


@pytest.mark.parametrize("text", ["do i just use discord roles? or is that not a 'real' badge",
                                  "i wasnt asking you to give roles lol. is a discord role good enough as recognition"])
async def test_asking_whether_roles_will_do_asks_nothing_of_credbot(engine, text):
    reply = await engine.handle(say(text))
    assert reply.intent is not Intent.HELP and "I don't give or change roles" not in reply.text


async def test_a_staff_command_typed_without_a_slash_is_the_command(engine):
    # "admin unanswered", as the answer on customising names it, was "did you mean" Moodle's badges
    reply = await engine.handle(say("admin unanswered"))
    assert reply.intent is Intent.ADMIN
    assert (await engine.handle(say("administration of badges in moodle", user="u2"))).intent is not Intent.ADMIN


async def test_who_makes_credbot_and_whether_its_answers_are_bought_is_said_plainly(engine):
    # a sceptic asking who pays credbot got financial aid, twice, and a "did you mean" on Credly
    for number, text in enumerate(("ok whatever. who pays you? credly? coursera? youre obviously a sales bot",
                                   "LOL. not funding for ME. who runs THIS BOT", "are you sponsored by coursera")):
        reply = await engine.handle(say(text, user=f"u{number}"))
        assert reply.intent is Intent.HELP and "No course platform or badge company pays" in reply.text, text
    reply = await engine.handle(say("does my employer pay for it", user="u9"))
    assert reply.intent is not Intent.HELP


async def test_an_angry_parent_after_a_revocation_is_answered_and_legal_rights_declined(engine):
    await engine.handle(say("my son's college REVOKED his badge with no warning!!! he worked all semester for it. "
                            "WHY would they do this??"))
    # in capitals, with no word the entry used, it was "I don't have an answer for that"
    reply = await engine.handle(say("THAT DOESNT ANSWER ME. WHO DO I COMPLAIN TO"))
    assert reply.topic == "badge-revocation" and "appeal or complain" in reply.text
    # "legal rights" met the legal name on a badge, twice
    reply = await engine.handle(say("what are our legal rights here? can they just take it away? we PAID tuition for "
                                    "that course. should i get a lawyer"))
    assert reply.declined == "legal-advice"
    reply = await engine.handle(say("forget it. will this hurt his job chances? he already put it on his linkedin"))
    assert reply.topic == "badge-revocation"  # it was "I don't have an answer for that"


async def test_a_training_cost_clawback_is_declined_as_legal_advice(engine):
    # a menu of badges sent to old addresses, then of costs, met a question on a contract
    reply = await engine.handle(say("training cost clawback clause, employer funded course, do i owe them money if i "
                                    "quit?"))
    assert reply.declined == "legal-advice"


async def test_whether_tuition_reimbursement_is_taxed_is_the_employers_entry(engine):
    await engine.handle(say("hey - my company has tuition reimbursement up to 5250/yr. do coursera or udacity "
                            "certificates usually qualify for that?"))
    # it quoted "ask HR" from the entry on funding, then pointed at Ontario's student loans as a source
    reply = await engine.handle(say("ok but is the reimbursement taxable? i heard 5250 is some irs limit"))
    assert reply.topic == "employer-staff-credentials" and "tax-free up to $5,250 a year" in reply.text


async def test_certificates_sold_without_an_exam_are_a_scam_and_using_one_is_declined(engine):
    # "3,500 bob" was read as a job, and the message was Google's certificates; then a menu, then Kenya
    reply = await engine.handle(say("Also on WhatsApp people are selling 'Google certificates' for 3,500 bob, no exam, "
                                    "delivered in 2 days, they say it's verifiable. Is that legit?"))
    assert reply.topic == "scam-warning-signs"
    reply = await engine.handle(say("none of those. is using a fake certificate on a CV illegal in Kenya, can he be "
                                    "fired?"))
    assert reply.declined == "faked-credentials"
    assert (await engine.handle(say("how do i spot a fake certificate", user="u2"))).topic == "badge-verification"


async def test_a_salary_is_no_question_for_credbot(engine):
    # naming Texas and a nurse, it met the Texas teachers' CPE line
    reply = await engine.handle(say("what's the average salary for a registered nurse in texas"))
    assert reply.declined == "off-topic"
    assert (await engine.handle(say("do micro-credentials increase your salary", user="u2"))).intent is Intent.FAQ


async def test_an_issuer_who_caught_a_cheat_is_told_how_to_revoke_not_refused(engine):
    # a bootcamp owner was told "I can't help with that ... can count as fraud", as if the cheat were his
    reply = await engine.handle(say("we caught a student cheating on the final project AFTER we already issued the badge "
                                    "(copied someone elses repo). how do i revoke it? and do i need to tell the student?"))
    assert reply.topic == "badge-revocation"
    assert (await engine.handle(say("how do I cheat on the exam", user="u2"))).declined == "faked-credentials"


async def test_a_lawyer_or_a_password_said_in_passing_declines_nothing(engine):
    # "...stamped at a post office or a lawyer?" was declined as legal advice; "i set a password and logged
    # in ... what paper should i print it on" as an account question
    reply = await engine.handle(say("the HR lady said they need a 'certified copy'. who can certify it, can i just get "
                                    "it stamped at a post office or a lawyer?"))
    assert reply.declined != "legal-advice"
    reply = await engine.handle(say("ok i set a password and logged in and now theres a download button, got the pdf. "
                                    "what paper or settings should i print it on so it looks nice", user="u2"))
    assert reply.declined is None
    assert (await engine.handle(say("should i get a lawyer about my revoked badge", user="u3"))).declined == "legal-advice"


async def test_a_menu_survives_a_turn_not_understood_and_yeah_picks(engine):
    # "yeah 1" was "I don't have an answer for that", and the "1" after it picked nothing
    # (said whole, "... like we want people to redo the laser induction every year or so", it is now answered)
    reply = await engine.handle(say("right but for safety stuff should it expire?"))
    assert reply.suggestions[:1] == ("badge-expiry",)
    assert (await engine.handle(say("yeah 1"))).topic == "badge-expiry"
    offered = await engine.handle(say("right but for safety stuff should it expire?", user="u2"))
    assert (await engine.handle(say("qwzx vbnm", user="u2"))).declined == "no-match"
    assert (await engine.handle(say("2", user="u2"))).topic == offered.suggestions[1]


async def test_a_dropped_subject_and_a_place_word_hold_no_turn(engine):
    await engine.handle(say("Many freshers attach NPTEL and SWAYAM certificates to their resume. How can I verify "
                            "these certificates are genuine? I work in HR in Bangalore."))
    await engine.handle(say("what is NPTEL"))
    await engine.handle(say("the nptel certificate pdf has roll number and some QR code. where do i check it?"))
    # the line that NPTEL is run by the IITs, quoted for every question naming NPTEL
    reply = await engine.handle(say("simple question: how does an employer verify NPTEL certificate?"))
    assert not reply.text.startswith("As the answer above says: NPTEL, run by the IITs")
    # "ok leave nptel" held the turn on India's entry, six times over
    reply = await engine.handle(say("ok leave nptel. one candidate has Coursera certificate from Google, another has "
                                    "only Udemy certificate. are both verifiable? which one counts more?"))
    assert reply.topic != "india-online-credit"


async def test_whom_to_write_to_about_ones_data_is_the_contact_staff_set(bundled_kb):
    # a learner asking for a name or an address for her erasure request, and who the data controller is, got
    # an issuer's data duties, then "ask the staff" with no one named
    question = "Which staff? Give me a name or email address. Who is the data controller?"
    named = await Engine(bundled_kb, privacy_contact="privacy@example.edu (data protection officer)").handle(say(question))
    assert named.intent is Intent.HELP and named.text.endswith("write to: privacy@example.edu (data protection officer)")
    unnamed = await Engine(bundled_kb).handle(say(question))
    assert "have not given me a contact for data questions" in unnamed.text
    # an issuer asking of its own duties is answered from the base
    issuer = await Engine(bundled_kb).handle(say("who is the data controller when we issue badges on Credly?"))
    assert issuer.intent is Intent.FAQ


async def test_a_title_typed_back_picks_that_offer(engine):
    # a dean typed the menu's "Choosing a platform to issue badges" and got the entry on who can issue badges
    offered = await engine.handle(say("no, not choosing a course. choosing an issuing PLATFORM. fine, show me 3"))
    assert "badge-platform-choice" in offered.suggestions
    assert (await engine.handle(say("Choosing a platform to issue badges"))).topic == "badge-platform-choice"
    # typed with nothing offered, a title is searched as any question
    assert (await engine.handle(say("Choosing a platform to issue badges", user="u2"))).topic is not None


async def test_a_place_named_after_a_general_answer_is_that_places_entry(engine):
    # a laid-off worker in Ontario asked after funding's answer; she got its line naming OSAP again, then its
    # line on US disability support for "what about that Better Jobs Ontario you said"
    await engine.handle(say("Im in Ontario Canada. whats the canada training credit"))
    await engine.handle(say("can i get financial aid for a course"))
    reply = await engine.handle(say("what about that Better Jobs Ontario you said. whats that, is it for people "
                                    "laid off like me"))
    assert reply.topic == "canada-microcredentials" and "Better Jobs Ontario" in reply.text
    await engine.handle(say("can i get financial aid for a course", user="u2"))
    reply = await engine.handle(say("whats the website for ontario micro credentials that OSAP covers", user="u2"))
    assert reply.topic == "canada-microcredentials" and "microlearnontario.ca" in reply.text
    # after the place's own entry, a general answer is given as it comes: a university in Valencia asking how to
    # set the EQF level got the EU's mandatory elements again, where the entry on levels answers
    await engine.handle(say("how big and how advanced is a micro-credential, credits and levels?", user="u3"))
    await engine.handle(say("what does the EU council recommendation on micro-credentials say?", user="u3"))
    reply = await engine.handle(say("ok. practical question: how do we decide the EQF level of each micro-credential? "
                                    "e.g. a 5 ECTS course in data analysis for professionals who already have a "
                                    "degree. Is it automatically level 7 because the students are graduates?",
                                    user="u3"))
    assert reply.topic == "credits-and-levels"


async def test_an_issuers_question_on_costs_is_what_issuing_costs(engine):
    # a Discord admin who hands out roles asked for options that cost nothing, and got a learner's financial aid
    reply = await engine.handle(say("hey! i help run the discord for an open source project (~2k members). right now "
                                    "we just hand out roles like 'contributor' and 'core maintainer' but ppl want "
                                    "something they can actually show on linkedin / cv that's verifiable. what are my "
                                    "options that dont cost money? we have zero budget lol"))
    assert reply.topic == "badge-platform-choice"
    assert (await engine.handle(say("we want to give our students badges, how much does it cost?", user="u2"))).topic \
        == "badge-platform-choice"
    # a learner's question on costs is still a learner's
    learner = await engine.handle(say("what are my options that dont cost money? we have zero budget", user="u3"))
    assert learner.topic != "badge-platform-choice"


async def test_issuing_platforms_compared_are_the_choice_of_a_platform(engine):
    # a college comparing three issuing platforms got the entry on Credly, then a learner's checklist for courses
    for text in ("Can you compare Credly vs Canvas Credentials vs Accredible for a community college with a small "
                 "budget? we'd issue maybe 1500 badges a year",
                 "We're on Canvas for the credit side. What platform should we use to issue badges - Credly, Canvas "
                 "Credentials (Badgr), Accredible, something else? Budget is tight"):
        assert (await engine.handle(say(text, user=text[:9]))).topic == "badge-platform-choice", text


@pytest.mark.parametrize(("question", "topic", "says"), [
    # an HR manager's levy questions got a learner's financial aid, then a menu, four times over
    ("we pay the apprenticeship levy (payroll about £4m) and honestly we never use most of it. can we spend levy funds "
     "on short courses or micro-credentials?", "uk-apprenticeship-levy", "Apprenticeship units"),
    ("can we transfer unused levy funds to another company", "uk-apprenticeship-levy", "up to 50%"),
    # a dean asked twice whether a college may award CEUs without IACET, and got the same paragraph twice
    ("Can a college just award CEUs on its own or is that meaningless without IACET?", "cpd-and-ceus",
     "only\nIACET-accredited providers"),
    # an Irish nurse's CEUs were read as the US ten-hour unit
    ("my nursing course certificate says NMBI approved and gives CEUs, how many hours is a CEU", "cpd-and-ceus",
     "about an hour"),
    # an Azure badge expired last month: the renewal line said only how to renew before expiry
    ("Can I renew an expired Microsoft certification without taking the exam again?", "vendor-certifications",
     "once expired, retake the exam"),
    # a Discord admin asked whether the reason for revoking a banned member's badge is public
    ("if we revoke a badge, is the reason visible to anyone who checks it?", "badge-revocation", "keep it neutral"),
])
async def test_round_29_gaps_are_answered(engine, question, topic, says):
    reply = await engine.handle(say(question))
    assert reply.topic == topic and " ".join(says.split()) in " ".join(reply.text.split()), reply.text[:300]
