"""The badge dialogs through the engine: private by default, shared only by the owner."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlparse

import pytest

from bot.badges.fetch import FetchError, Fetcher
from bot.badges.importing import import_bytes
from bot.badges.settings import BadgeSettings
from bot.badges.skill import BadgeSkill
from bot.badges.store import Account
from bot.badges.verify import verify_bytes
from bot.engine import Engine
from bot.messages import ActionKind, Attachment, ClickedAction, Incoming
from tests.badges.issuing import Issuer, Ob2Issuer


@pytest.fixture(scope="module")
def issuer():
    return Issuer(name="Example University & Co")


@pytest.fixture
def setup(sqlite_store, issuer, bundled_kb):
    docs = [issuer.profile()]
    # the bundled pathways, as if this issuer gave their badges (progress counts only a pathway's issuer's)
    pathways = [pathway.model_copy(update={"issuer": issuer.name}) for pathway in bundled_kb.pathways]
    skill = BadgeSkill(sqlite_store, pathways=lambda: pathways, settings=BadgeSettings(offline=True),
                       fetcher=lambda: Fetcher(docs, offline=True))
    engine = Engine(bundled_kb, badges=skill)
    learner = sqlite_store.ensure_learner(Account("slack", "T1", "U1"), ["ana@example.org"])
    for number, (name, when, until) in enumerate([
        ("SQL Foundations", "2024-01-10T00:00:00Z", None),
        ("Spreadsheets for Data Analysis", "2024-05-10T00:00:00Z", "2025-01-01T00:00:00Z"),
        ("Agile and Scrum Fundamentals", "2024-09-10T00:00:00Z", "2031-06-30T00:00:00Z"),
    ], 1):
        credential = issuer.credential(name, number=number, valid_until=until)
        credential["validFrom"] = when
        result = import_bytes(sqlite_store, learner, json.dumps(issuer.sign(credential)).encode(), name,
                              Fetcher(docs, offline=True))
        assert result.ok
    return engine, sqlite_store, docs


def ask(engine, text, user="U1", **kw):
    return engine.handle(Incoming(platform="slack", workspace="T1", user=user, channel="C1", is_direct=False,
                                  text=text, **kw))


async def test_my_badges_newest_first_with_status_and_issuer_privately(setup):
    engine, *_ = setup
    reply = await ask(engine, "what badges do I have?")
    assert reply.private and reply.intent.value == "my-badges"
    lines = [l for l in reply.text.splitlines() if l[:2] in ("1.", "2.", "3.")]
    assert ["Agile" in lines[0], "Spreadsheets" in lines[1], "SQL" in lines[2]] == [True, True, True]
    assert "EXPIRED" in lines[1] and "verified" in lines[0] and "Example University" in lines[0]


async def test_badge_detail_by_fuzzy_name(setup):
    engine, *_ = setup
    reply = await ask(engine, "when does my Scrum badge expire?")
    assert reply.private and "Agile and Scrum Fundamentals" in reply.text
    assert "Expires: 2031-06-30" in reply.text and "Issuer confirmed" in reply.text
    assert any(a.kind is ActionKind.SHARE for a in reply.actions)
    typo = await ask(engine, "is my spredsheets badge still valid?")
    assert "Spreadsheets for Data Analysis" in typo.text and "Expired: 2025-01-01" in typo.text


async def test_a_badge_the_learner_does_not_hold_is_never_answered_with_another(setup):
    engine, *_ = setup
    # "data" is in "Spreadsheets for Data Analysis" too, but this names another badge of the pathway
    reply = await ask(engine, "did I get the data viz badge yet?")
    assert "Spreadsheets for Data Analysis**:" not in reply.text
    assert "Next: Data Visualization and Storytelling" in reply.text  # where it stands on that pathway
    missing = await ask(engine, "do I have an AWS badge?")
    assert missing.private and 'None of your badges is called "aws"' in missing.text
    assert "SQL Foundations" in missing.text  # and what they do have
    inside = await ask(engine, "do I have the risk and budget management badge?")  # "and" inside a name
    assert inside.intent.value == "badge-detail"


async def test_sharing_an_expired_badge_says_it_has_expired(setup):
    engine, *_ = setup
    reply = await ask(engine, "share my Spreadsheets badge on LinkedIn")  # expired 2025-01-01
    assert "It expired on 2025-01-01" in reply.text and "linkedin.com" in reply.text
    assert "expired" not in (await ask(engine, "share my SQL badge")).text  # no expiry date


async def test_a_number_after_my_badge_list_opens_that_badge(setup):
    engine, *_ = setup
    listed = await ask(engine, "what badges do I have?")
    assert "by its number" in listed.text
    second = await ask(engine, "the second one")
    assert second.private and second.text.startswith("**Spreadsheets for Data Analysis**")
    assert (await ask(engine, "3")).text.startswith("**SQL Foundations**")
    # the list is not another learner's to pick from
    assert "Spreadsheets" not in (await ask(engine, "the second one", user="U2")).text


async def test_a_number_beyond_my_badge_list_asks_for_one_on_it(setup):
    engine, *_ = setup
    await ask(engine, "what badges do I have?")
    beyond = await ask(engine, "7")  # it was searched, and met the entry on credits and levels
    assert beyond.topic is None and "pick a number from 1 to" in beyond.text


async def test_after_my_badge_list_a_badge_by_place_or_name_is_shared_or_opened(setup):
    engine, *_ = setup
    await ask(engine, "what badges do I have?")
    first = await ask(engine, "share the first one")  # it was searched, and answered from learning paths
    assert not first.private and "Agile and Scrum Fundamentals" in first.text and "linkedin.com" in first.text
    named = await ask(engine, "share the sql badge")  # without "my": it was the entry on sharing
    assert not named.private and "SQL Foundations" in named.text and "linkedin.com" in named.text
    opened = await ask(engine, "when does the scrum one expire?")
    assert opened.private and "Agile and Scrum Fundamentals**:" in opened.text and "2031-06-30" in opened.text
    # a how-to about badges in general is still a question for the knowledge base
    assert (await ask(engine, "how do I share a badge on LinkedIn?")).topic == "share-badge-linkedin"
    # a name none of the listed badges has is a question too
    assert (await ask(engine, "what is credly?")).topic == "platform-credly"


async def test_my_badge_named_in_a_message_is_found_without_a_list(setup, issuer):
    engine, store, docs = setup
    assert "SQL Foundations**: verified" in (await ask(engine, "is my sql badge ok")).text  # was a "did you mean"
    shared = await ask(engine, "put my scrum badge on linkedin")  # was 'None of your badges is called "put scrum"'
    assert not shared.private and "Agile and Scrum Fundamentals" in shared.text and "linkedin.com" in shared.text
    assert "SQL Foundations" in (await ask(engine, "share the SQL one")).text
    assert "SQL Foundations" in (await ask(engine, "how do I share my sql badge on linkedin")).text
    # a how-to that shares nothing, or names none of the learner's badges, is a question
    assert (await ask(engine, "how do I renew my scrum badge?")).intent.value == "faq"
    assert (await ask(engine, "is my coursera certificate still valid?")).intent.value != "badge-detail"
    # "security badge" declines door and ID badges, but not the learner's own Security Principles
    learner = store.learner_id(Account("slack", "T1", "U1"))
    credential = issuer.credential("Security Principles", number=9)
    assert import_bytes(store, learner, json.dumps(issuer.sign(credential)).encode(), "sec", Fetcher(docs, offline=True)).ok
    assert "Security Principles**: verified" in (await ask(engine, "is my security badge still valid?")).text


async def test_why_after_one_of_my_badges_explains_its_status_and_names_the_issuer(setup):
    engine, *_ = setup
    await ask(engine, "show my Spreadsheets badge")
    why = await ask(engine, "why?")  # was "Sorry, I didn't follow"
    assert why.private and "is EXPIRED" in why.text and "Example University & Co" in why.text


async def test_a_badge_is_named_by_words_that_are_mostly_its_own(setup):
    engine, *_ = setup
    # "foundations" is half of "SQL Foundations", but this names a pathway: it shared SQL Foundations
    reply = await ask(engine, "share my cybersecurity foundations badge")
    assert "SQL Foundations" not in reply.text.split("You have:")[0] and "None of your badges" in reply.text
    assert "SQL Foundations" in (await ask(engine, "share my sql foundations badge")).text


async def test_up_to_the_tenth_on_my_list_and_follow_ups_after_a_share(setup):
    engine, *_ = setup
    await ask(engine, "what badges do I have?")
    assert "SQL Foundations" in (await ask(engine, "the third one")).text
    await ask(engine, "what badges do I have?")
    shared = await ask(engine, "share the 2nd one")
    assert "Spreadsheets for Data Analysis" in shared.text and "expired" in shared.text
    why = await ask(engine, "why?")  # it was "Sorry, I didn't follow"
    assert "Spreadsheets for Data Analysis** is EXPIRED" in why.text
    await ask(engine, "what badges do I have?")
    assert "pick a number from 1 to 3" in (await ask(engine, "the fifth one")).text  # it was searched


async def test_slack_emoji_shortcodes_are_reactions_not_picks(setup):
    engine, *_ = setup
    await ask(engine, "can a badge expire?")
    assert (await ask(engine, ":+1:")).intent.value == "feedback"  # it opened the first "Related" entry
    await ask(engine, "what badges do I have?")
    assert (await ask(engine, ":+1::skin-tone-3:")).intent.value == "greeting"  # it opened badge 1


async def test_which_ones_are_expired_after_my_list_names_them(setup):
    engine, *_ = setup
    await ask(engine, "what badges do I have?")
    expired = await ask(engine, "which ones are expired?")  # it was the general entry on expiry
    assert expired.private and expired.text.startswith("Expired: **Spreadsheets for Data Analysis** (2025-01-01)")
    assert "None of the badges in your list is REVOKED" in (await ask(engine, "which are revoked?")).text


async def test_after_my_list_follow_ups_are_about_the_list_not_an_earlier_answer(setup):
    engine, *_ = setup
    await ask(engine, "what is credly?")
    await ask(engine, "what badges do I have?")
    # they were "why?" and a "not helpful" verdict on the answer about Credly, two turns back
    assert (await ask(engine, "why?")).topic is None
    assert (await ask(engine, "not what I asked")).intent.value != "feedback"
    # the list is still there to pick from, by status too; "what is SQL?" asks about SQL
    assert "Spreadsheets for Data Analysis**: EXPIRED" in (await ask(engine, "the expired one")).text
    await ask(engine, "what badges do I have?")
    assert (await ask(engine, "what is SQL?")).intent.value != "badge-detail"


async def test_why_about_one_of_my_badges_by_name_is_its_status(setup):
    engine, *_ = setup
    why = await ask(engine, "why doesn't my data analysis badge count?")  # it was a did-you-mean
    assert why.private and why.text.startswith("**Spreadsheets for Data Analysis** is EXPIRED.")
    assert (await ask(engine, "why do my badges expire?")).topic == "badge-expiry"  # names none: a question


async def test_the_expired_one_with_no_list_shown_is_of_all_my_badges(setup):
    engine, *_ = setup
    shared = await ask(engine, "share the expired one")  # with no list, it was the entry on expiry
    assert "Spreadsheets for Data Analysis" in shared.text and "It expired on" in shared.text
    assert (await ask(engine, "the revoked one", user="U1")).text == "None of your badges is REVOKED."


async def test_share_and_a_badge_name_shares_that_badge_of_mine(setup):
    engine, *_ = setup
    shared = await ask(engine, "share SQL Foundations")  # it was searched in the knowledge base
    assert "SQL Foundations" in shared.text and "linkedin.com" in shared.text
    assert (await ask(engine, "share badges on linkedin")).topic == "share-badge-linkedin"


async def test_share_the_expired_one_after_my_list_shares_it_with_its_warning(setup):
    engine, *_ = setup
    await ask(engine, "what badges do I have?")
    shared = await ask(engine, "share the expired one")  # it was the entry on expiry
    assert "Spreadsheets for Data Analysis" in shared.text and "It expired on 2025-01-01" in shared.text


async def test_questions_on_all_my_badges_show_the_list(setup):
    engine, *_ = setup
    # the list says of each whether it is valid and when it expires (it was the general entry on expiry)
    assert (await ask(engine, "do any of my badges expire?")).intent.value == "my-badges"
    # how things work, with "my" in it, is a question
    assert (await ask(engine, "do my certificates expire if I don't renew them?")).intent.value == "faq"


async def test_and_on_my_website_after_sharing_a_badge_shares_it_there(setup):
    engine, *_ = setup
    await ask(engine, "share my sql badge")
    again = await ask(engine, "and on my website?")  # it was "What is Credly?"
    assert "SQL Foundations" in again.text and "Verify it:" in again.text


@pytest.mark.parametrize("question", [
    "Can you check the cost of a Google certificate?", "Can you confirm this certificate is accredited?",
    "What pathways does Coursera offer?", "I would like to share my Coursera certificate on LinkedIn",
    "How do I share a SQL certificate on my CV?", "Do my certificates expire if I don't renew them?",
    "How do I connect my Credly account?", "check this course: https://www.edx.org/masters/micromasters",
    "What do I need to earn a digital badge?", "How many more credentials do I need for a degree?",
    "Do my badges expire?", "verify https://www.coursera.org/verify/ABC123XYZ",
    "what data is in my badge?",  # "data" alone named Spreadsheets for Data Analysis
])
async def test_questions_with_badge_words_stay_questions_for_a_learner_with_badges(setup, question):
    # each was read, by a rule for one's own badges, as a badge to check, to share or a pathway
    engine, *_ = setup
    assert (await ask(engine, question)).intent.value in ("faq", "out-of-scope")


async def test_share_by_place_with_no_list_shown_shows_the_list(setup):
    engine, *_ = setup
    listed = await ask(engine, "share the second one")  # it was "did you mean ... Europass"
    assert listed.intent.value == "my-badges" and "Spreadsheets" in listed.text
    assert "Spreadsheets for Data Analysis" in (await ask(engine, "share the second one")).text


async def test_tell_me_more_after_one_of_my_badges_is_that_badge(setup):
    engine, *_ = setup
    await ask(engine, "show my SQL badge")
    assert "SQL Foundations**: verified" in (await ask(engine, "tell me more")).text  # "I don't have an answer"


async def test_follow_ups_after_a_pathways_progress_stay_on_pathways(setup):
    engine, *_ = setup
    await ask(engine, "how close am I to the Data Analytics certificate?")
    missing = await ask(engine, "what's missing?")  # it was the entry on badges that never arrived
    assert "Data Analytics Certificate" in missing.text and "Next: Data Visualization" in missing.text
    other = await ask(engine, "and project management?")  # it was "did you mean ... Google Career Certificates"
    assert "Project Management Essentials Certificate" in other.text


async def test_what_is_left_of_a_pathway_is_its_progress(setup):
    engine, *_ = setup
    # it was "did you mean" three entries of the knowledge base
    reply = await ask(engine, "i have 2 badges from the data analytics pathway, what do i have left")
    assert "Data Analytics Certificate" in reply.text and "Next: Data Visualization" in reply.text


async def test_progress_towards_a_pathway_i_cannot_track_names_those_i_can(setup):
    engine, *_ = setup
    reply = await ask(engine, "how close am I to the AWS certificate?")  # was 'None of your badges is called...'
    assert "Data Analytics Certificate" in reply.text and "don't know that pathway" in reply.text
    listed = await ask(engine, "what pathways are there?")  # it was the entry on Badgr
    assert "Data Analytics Certificate" in listed.text and "don't know" not in listed.text


async def test_the_pathway_list_is_numbered_and_a_number_picks_one(setup):
    engine, *_ = setup
    listed = await ask(engine, "what pathways are there?")
    assert "2. **Project Management Essentials**: any 3 of 4 badges" in listed.text
    picked = await ask(engine, "2")  # it was "I don't have an answer for that"
    assert picked.private and "Project Management Essentials Certificate**: you have 1 of the 3" in picked.text
    await ask(engine, "what pathways are there?")
    assert "pick a number from 1 to 3" in (await ask(engine, "7")).text
    assert "pick a number from 1 to 3" in (await ask(engine, "0")).text  # it opened the last one
    await ask(engine, "what badges do I have?")
    assert "pick a number from 1 to 3" in (await ask(engine, "share 0")).text  # it shared the last badge


async def test_a_number_picks_from_the_list_shown_last(setup):
    engine, *_ = setup
    await ask(engine, "what badges do I have?")
    await ask(engine, "what pathways are there?")
    assert "Data Analytics Certificate" in (await ask(engine, "1")).text  # not the newest badge
    await ask(engine, "what badges do I have?")
    assert "Agile and Scrum Fundamentals**:" in (await ask(engine, "1")).text


async def test_someone_not_linked_still_sees_the_pathways(setup):
    engine, store, _ = setup
    listed = await ask(engine, "what pathways are there?", user="U406")  # it was "not linked"
    assert "1. **Data Analytics Certificate**" in listed.text and "not linked" not in listed.text
    assert store.pending_link_requests() == []  # asking what exists is no request to be linked
    steps = await ask(engine, "3", user="U406")
    assert "Cybersecurity Foundations" in steps.text and "- Security Principles" in steps.text
    assert "not linked" in steps.text and "you have" not in steps.text
    mine = await ask(engine, "how close am I to the data analytics certificate?", user="U407")
    assert "- SQL Foundations: Querying" in mine.text and "not linked" in mine.text
    assert [r.user_id for r in store.pending_link_requests()] == ["U407"]  # their progress needs the link


async def test_is_it_mine_and_sharing_say_whose_address_a_badge_was_issued_to(setup, issuer):
    engine, store, docs = setup
    learner = store.learner_id(Account("slack", "T1", "U1"), [])
    other = json.dumps(issuer.sign(issuer.credential("Teamwork Basics", number=9, email="someone.else@example.org")))
    # a staff import of someone else's badge is refused ...
    refused = import_bytes(store, learner, other.encode(), "t", Fetcher(docs, offline=True))
    assert not refused.ok and "issued to another e-mail address" in refused.message
    # ... but a backpack or profile import can hold one (issued to an address credbot does not know)
    document, report = verify_bytes(other.encode(), Fetcher(docs, offline=True), emails=store.emails(learner))
    store.save_award(learner, document, report)
    await ask(engine, "show my teamwork badge")
    assert "not one of yours" in (await ask(engine, "is it mine?")).text  # it was "I don't have an answer"
    shared = await ask(engine, "share it")
    assert "linkedin.com" in shared.text and "not one of yours" in shared.text  # it was shared without a word
    await ask(engine, "show my SQL badge")
    assert (await ask(engine, "is it mine?")).text.startswith("Yes:")


@pytest.mark.parametrize("follow_up", ["why?", "who do I contact?", "how long does that take?",
                                       "how do i add one"])  # (it met sharing on LinkedIn)
async def test_after_being_told_the_account_is_not_linked_a_follow_up_is_about_linking(setup, follow_up):
    engine, *_ = setup
    await ask(engine, "what badges do I have?", user="U408")
    reply = await ask(engine, follow_up, user="U408")  # it was "Sorry, I didn't follow" or a course's length
    assert reply.private and "Only staff can link a chat account" in reply.text
    assert (await ask(engine, "why?")).text != reply.text  # a linked learner's "why?" is something else


async def test_why_after_a_roster_badge_says_there_is_no_document_to_check(setup):
    engine, store, _ = setup
    from bot.badges.importing import import_roster

    import_roster(store, "email,badge,issuer,issued\nana@example.org,Data Visualization and Storytelling,"
                         "Example U,2025-01-02\n", "roster.csv")
    await ask(engine, "show my data visualization badge")
    why = await ask(engine, "why?")
    # it gave the usual reasons: an unreachable server, a key from the badge itself, a revocation list
    assert "recorded by staff from a roster" in why.text and "server" not in why.text
    mine = await ask(engine, "is it mine?")  # it was "I can't tell"
    assert mine.text.startswith("**Data Visualization and Storytelling** was recorded by staff from a roster")
    shared = await ask(engine, "share it")  # it said to share "the badge file itself", which does not exist
    assert "no badge file or web address others can verify" in shared.text and "file itself" not in shared.text


async def test_why_after_a_badge_with_no_issuer_name_does_not_send_the_learner_to_unknown_issuer(setup):
    engine, store, docs = setup
    nameless = Issuer(id="https://nameless.test/issuer", name="")
    learner = store.learner_id(Account("slack", "T1", "U1"), [])
    credential = nameless.sign(nameless.credential("Lab Safety", number=11))
    fetcher = Fetcher([nameless.profile()], offline=True)
    assert import_bytes(store, learner, json.dumps(credential).encode(), "l", fetcher).ok
    await ask(engine, "show my lab safety badge")
    why = await ask(engine, "why?")  # it said "Its issuer is Unknown issuer: they can tell you more"
    assert "names no issuer I could read" in why.text and "Unknown issuer:" not in why.text


async def test_pathway_follow_ups_from_someone_not_linked(setup):
    engine, *_ = setup
    await ask(engine, "what pathways are there?", user="U409")
    await ask(engine, "1", user="U409")
    again = await ask(engine, "what is missing?", user="U409")  # it was the entry on badges that never arrived
    assert "- SQL Foundations" in again.text and "not linked" in again.text
    assert "Data Analytics" in (await ask(engine, "how close am I to it?", user="U409")).text  # it was the list
    assert "Only staff can link" in (await ask(engine, "why?", user="U409")).text  # "Sorry, I didn't follow"


async def test_a_learner_not_linked_is_told_how_long_and_how_to_send_a_badge(setup):
    engine, *_ = setup
    assert "not linked" in (await ask(engine, "show my badges", user="U410")).text
    # two questions after the news: the first was read as how long a micro-credential takes
    reply = await ask(engine, "oh ok. how long does that take? and how do i send u a file, this is just a chat",
                      user="U410")
    assert "Only staff can link" in reply.text and "paste its public link" in reply.text and reply.topic is None


async def test_a_learner_who_did_not_mean_to_ask_to_be_linked_can_withdraw_the_request(setup):
    engine, store, _ = setup
    reply = await ask(engine, "what badges do I have?", user="U413")  # one of the examples help gives
    assert 'say "cancel my request"' in reply.text
    assert any(r.user_id == "U413" for r in store.pending_link_requests())
    # it kept the chat account until staff handled it, with no way to take it back
    reply = await ask(engine, "wait, I didn't ask to be linked, I was testing. can you cancel that request?",
                      user="U413")
    assert reply.text.startswith("Done: I've withdrawn your request")
    assert not any(r.user_id == "U413" for r in store.pending_link_requests())
    assert (await ask(engine, "cancel my request", user="U413")).text.startswith("There is no request from you")
    # a question on deleting a badge is no request withdrawn
    await ask(engine, "what badges do I have?", user="U414")
    await ask(engine, "can i delete that badge from credly", user="U414")
    assert any(r.user_id == "U414" for r in store.pending_link_requests())
    assert (await ask(engine, "how do i cancel my coursera request", user="U414")).topic == "coursera-subscriptions"
    # withdrawn turns later, and with a badge to check in the same message: it stayed, both times
    await ask(engine, "what is credly?", user="U414")
    reply = await ask(engine, "oh i didnt want staff, cancel my request. can you check this "
                              "https://api.badgr.io/public/assertions/Xk3fP9qLT2aB7cD1eF4gHw", user="U414")
    assert reply.text.startswith("Done: I've withdrawn your request") and reply.intent.value == "verify"
    assert reply.private and not any(r.user_id == "U414" for r in store.pending_link_requests())
    reply = await ask(engine, "did you cancel the staff thing?", user="U414")  # it was an account question elsewhere
    assert reply.text.startswith("There is no request from you")


async def test_asked_to_check_a_badge_it_says_how_to_send_one_and_files_no_request(setup):
    engine, store, _ = setup
    for number, text in enumerate(("check my badge", "oh cool. can i just send the png to you and you check it?",
                                   "no i mean can YOU check my badge file if i attach it here")):
        reply = await ask(engine, text, user=f"U42{number}")  # a request to be linked, then how to download one
        assert reply.intent.value == "verify" and "attach" in reply.text, text
    assert not any(r.user_id.startswith("U42") for r in store.pending_link_requests())


async def test_a_command_typed_with_a_slash_is_the_command(setup):
    engine, *_ = setup
    reply = await ask(engine, "/badges")  # it was the entry on what a digital badge is
    assert reply.intent.value == "my-badges" and "SQL Foundations" in reply.text
    assert (await ask(engine, "/help")).intent.value == "help"
    assert (await ask(engine, "/badges sql")).text.startswith("**SQL Foundations**")


async def test_the_pathways_here_asked_in_a_students_words_are_listed(setup):
    engine, store, _ = setup
    # edX's MicroMasters, then "I don't know that pathway" for the words "our uni"
    for number, text in enumerate(("ok but like what pathways does OUR uni have?",
                                   "hey! someone in my cohort said there are like stackable badge pathways here?? "
                                   "what pathways exist")):
        reply = await ask(engine, text, user=f"U43{number}")
        assert reply.text.startswith("The pathways I can track:") and reply.pathways, text
    # a story told in the first person asks for no one's progress: no request to be linked was filed for it
    assert not any(r.user_id.startswith("U43") for r in store.pending_link_requests())
    reply = await ask(engine, "can you track my progress on a badge pathway", user="U439")
    assert "The pathways I can track:" in reply.text and "not linked" in reply.text


async def test_progress_asked_as_what_is_missing_is_the_pathway_not_a_lost_badge(setup):
    engine, *_ = setup
    reply = await ask(engine, "how far am i along my pathway? i'm doing the data analytics one", user="U411")
    assert reply.pathway == "data-analytics-certificate" and "not linked" in reply.text  # it was "did you mean"
    reply = await ask(engine, "what badges am i missing to finish the pathway", user="U412")
    # the entry on badges that never arrived came first, above the pathways
    assert reply.topic is None and "never arrived" not in reply.text.split("\n")[0]


async def test_why_after_no_badges_yet_says_staff_add_them(setup):
    engine, store, _ = setup
    store.ensure_learner(Account("slack", "T1", "U410"), ["bob@example.org"])
    await ask(engine, "what badges do I have?", user="U410")
    why = await ask(engine, "why?", user="U410")  # it was "Sorry, I didn't follow"
    assert why.private and "no badges have been added to your record yet" in why.text


async def test_a_status_word_after_my_badges_is_explained(setup):
    engine, *_ = setup
    await ask(engine, "what badges do I have?")
    meaning = await ask(engine, "what does expired mean?")
    assert meaning.private and meaning.text.startswith("**Expired** means")
    await ask(engine, "show my Scrum badge")
    assert (await ask(engine, "why is it unverified?")).text.startswith("**Unverified** means")
    # without the learner's badges on screen, the word is a question for the knowledge base
    assert (await ask(engine, "what does unverified mean?", user="U3")).intent.value != "badge-detail"


async def test_a_status_my_badges_show_is_explained_with_nothing_on_screen(setup):
    engine, *_ = setup
    # it was the entry on moving badges between platforms
    assert (await ask(engine, "why is one of my badges expired?")).text.startswith("**Expired** means")
    # a status none of theirs shows is the knowledge base's question
    assert (await ask(engine, "what does revoked mean?")).intent.value == "faq"


async def test_it_after_one_of_my_badges_is_that_badge(setup):
    engine, *_ = setup
    await ask(engine, "show my Scrum badge")
    valid = await ask(engine, "is it still valid?")
    assert valid.private and "Agile and Scrum Fundamentals**:" in valid.text and "Expires: 2031-06-30" in valid.text
    shared = await ask(engine, "share it on LinkedIn")
    assert "linkedin.com" in shared.text and "Agile and Scrum Fundamentals" in shared.text
    # once the talk moves to a knowledge question, "it" is what that answer was about
    await ask(engine, "what is an open badge?")
    assert (await ask(engine, "can it expire?")).topic == "badge-expiry"
    # and another learner's "it" is never this learner's badge
    assert "Agile" not in (await ask(engine, "is it still valid?", user="U2")).text


async def test_pathway_progress(setup):
    engine, *_ = setup
    reply = await engine.handle(Incoming(platform="slack", workspace="T1", user="U1", command="badges",
                                         text="how close am I to the Data Analytics certificate?"))
    assert reply.private
    assert "you have 1 of the 3" in reply.text  # the spreadsheet badge has expired
    assert "Spreadsheets for Data Analysis: expired, renew it to count." in reply.text
    assert "Next: Data Visualization and Storytelling" in reply.text
    assert reply.text.count("Data Analytics Certificate") == 1  # it was "X (X (a stackable ...))"
    # three of four: what is left is any two of the three not held
    reply = await engine.handle(Incoming(platform="slack", workspace="T1", user="U1", command="badges",
                                         text="how close am I to project management essentials?"))
    assert "you have 1 of the 3" in reply.text
    assert ("Still needed: 2 more of Project Planning and Scheduling, Stakeholder Communication or Risk and Budget "
            "Management") in reply.text


async def test_pathway_progress_counts_only_badges_from_the_pathways_issuer(setup):
    engine, store, docs = setup
    other = Issuer(id="https://other.test/profile", name="Other College")
    docs.append(other.profile())
    credential = other.credential("Data Visualization and Storytelling", number=7)
    learner = store.learner_id(Account("slack", "T1", "U1"))
    assert import_bytes(store, learner, json.dumps(other.sign(credential)).encode(), "other.json",
                        Fetcher(docs, offline=True)).ok
    reply = await engine.handle(Incoming(platform="slack", workspace="T1", user="U1", command="badges",
                                         text="how close am I to the Data Analytics certificate?"))
    assert "you have 1 of the 3" in reply.text  # it was 2: a same-named badge from another issuer counted
    assert ("Data Visualization and Storytelling: yours is from Other College; only Example University & Co's "
            "counts towards this pathway.") in reply.text
    assert "Still needed: Data Visualization and Storytelling; Spreadsheets for Data Analysis" in reply.text


@pytest.fixture
def by_id(setup, issuer, bundled_kb):
    """The dialogs of `setup` with pathways that give their issuer's id as well as its name."""
    _engine, store, docs = setup
    pathways = [p.model_copy(update={"issuer": issuer.name, "issuer_id": issuer.id}) for p in bundled_kb.pathways]
    skill = BadgeSkill(store, pathways=lambda: pathways, settings=BadgeSettings(offline=True),
                       fetcher=lambda: Fetcher(docs, offline=True))
    return Engine(bundled_kb, badges=skill), store


def _import_from(store, issuer, name, number):
    learner = store.learner_id(Account("slack", "T1", "U1"))
    credential = issuer.credential(name, number=number)
    assert import_bytes(store, learner, json.dumps(issuer.sign(credential)).encode(), f"{number}.json",
                        Fetcher([issuer.profile()], offline=True)).ok


async def test_a_pathway_with_an_issuer_id_does_not_count_another_issuer_of_the_same_name(by_id, issuer):
    engine, store = by_id
    namesake = Issuer(id="https://namesake.test/profile", name=issuer.name)
    _import_from(store, namesake, "Data Visualization and Storytelling", 7)
    reply = await ask(engine, "how close am I to the Data Analytics certificate?")
    assert "you have 1 of the 3" in reply.text  # by name alone it was 2
    assert ("Data Visualization and Storytelling: yours is from another Example University & Co, at "
            "https://namesake.test/profile; only the one at https://issuer.test/profile counts") in reply.text


async def test_a_pathway_with_an_issuer_id_counts_its_issuer_under_a_new_name(by_id, issuer):
    engine, store = by_id
    renamed = Issuer(id=issuer.id, name="Example Online University", key=issuer.key)
    _import_from(store, renamed, "Data Visualization and Storytelling", 7)
    held = {a.name: a for a in store.awards(store.learner_id(Account("slack", "T1", "U1")))}
    # the renamed issuer is a row of its own (the old name stays on the old awards), at the same id
    assert held["Data Visualization and Storytelling"].issuer == "Example Online University"
    assert held["Data Visualization and Storytelling"].issuer_id == held["SQL Foundations"].issuer_id == issuer.id
    reply = await ask(engine, "how close am I to the Data Analytics certificate?")
    assert "you have 2 of the 3" in reply.text  # by name alone it was 1, the new name another issuer's
    assert "yours is from" not in reply.text


async def test_a_pathway_with_an_issuer_id_matches_a_roster_badge_by_name(by_id, issuer):
    from bot.badges.importing import import_roster

    engine, store = by_id
    import_roster(store, "email,badge,issuer,issued\nana@example.org,Data Visualization and Storytelling,"
                         f"{issuer.name},2025-01-02\nana@example.org,Stakeholder Communication,Other U,2025-01-02\n",
                  "roster.csv")
    assert {a.issuer_id for a in store.awards(store.learner_id(Account("slack", "T1", "U1")))
            if a.format == "staff roster"} == {None}  # a roster row gives no issuer id
    reply = await ask(engine, "how close am I to the Data Analytics certificate?")
    assert "you have 2 of the 3" in reply.text
    reply = await ask(engine, "how close am I to project management essentials?")
    assert "you have 1 of the 3" in reply.text  # Other U's badge still does not count
    assert "Stakeholder Communication: yours is from Other U; only Example University & Co's counts" in reply.text


async def test_share_is_public_with_an_encoded_linkedin_link(setup):
    engine, store, _ = setup
    award = store.awards(store.learner_id(Account("slack", "T1", "U1")))[0]
    reply = await engine.handle(Incoming(platform="slack", workspace="T1", user="U1",
                                         action=ClickedAction(kind=ActionKind.SHARE, value=str(award.id))))
    assert not reply.private
    link = next(w for w in reply.text.split() if w.startswith("https://www.linkedin.com/"))
    query = parse_qs(urlparse(link).query)
    assert query["name"] == ["Agile and Scrum Fundamentals"]
    assert query["organizationName"] == ["Example University & Co"]
    assert (query["issueYear"], query["issueMonth"]) == (["2024"], ["9"])
    assert (query["expirationYear"], query["expirationMonth"]) == (["2031"], ["6"])
    assert query["certUrl"] == [award.credential_id] and "&Co" not in link
    assert f"Verify it: {award.credential_id}" in reply.text


async def test_someone_else_cannot_share_my_award(setup):
    engine, store, _ = setup
    award = store.awards(store.learner_id(Account("slack", "T1", "U1")))[0]
    store.ensure_learner(Account("slack", "T1", "U2"), ["bob@example.org"])
    reply = await engine.handle(Incoming(platform="slack", workspace="T1", user="U2",
                                         action=ClickedAction(kind=ActionKind.SHARE, value=str(award.id))))
    assert reply.private and "Agile" not in reply.text


async def test_unlinked_user_is_told_and_the_request_is_kept(setup):
    engine, store, _ = setup
    reply = await ask(engine, "what badges do I have?", user="U404")
    assert reply.private and "staff" in reply.text
    assert [(r.workspace, r.user_id) for r in store.pending_link_requests()] == [("T1", "U404")]


async def test_a_badge_named_by_one_everyday_word_is_asked_back_not_denied(setup):
    """"share my data badge" said "None of your badges is called 'data'", then listed it."""
    engine, *_ = setup
    reply = await ask(engine, "share my data badge")
    assert reply.text.startswith("Did you mean:\n1. **Spreadsheets for Data Analysis**") and "None of" not in reply.text
    assert '"share 1"' in reply.text  # asked to share: how to share the one meant
    assert "Spreadsheets for Data Analysis" in (await ask(engine, "1")).text
    await ask(engine, "share my data badge")
    assert "Spreadsheets for Data Analysis" in (await ask(engine, "yes")).text  # it was "Anything else?"
    await ask(engine, "share my data badge")
    assert "linkedin.com" in (await ask(engine, "share 1")).text
    # a word in no name is still said to be none of theirs
    assert "None of your badges is called" in (await ask(engine, "share my pottery badge")).text


async def test_an_unlinked_learner_naming_a_badge_is_offered_the_general_answer_too(setup):
    engine, *_ = setup
    reply = await ask(engine, "my comptia badge expired yesterday", user="U407")
    assert reply.private and "not linked" in reply.text  # their badge cannot be shown
    # (in general: how CompTIA's certifications expire and renew, the IT certifications entry since it
    # took "does CompTIA Security+ expire"; before that, the entry on badge expiry)
    assert reply.suggestions == ("vendor-certifications",) and "If you meant in general: 1." in reply.text
    picked = await ask(engine, "1", user="U407")  # it was "I don't have an answer"
    assert picked.topic == "vendor-certifications" and "three years" in picked.text


async def test_an_unlinked_learner_asking_about_their_badge_gets_the_answer_first(setup):
    # "did i lose my cert" got only "I don't know which badges are yours yet", the answer hidden behind a number
    engine, *_ = setup
    reply = await ask(engine, "my aws badge says expired on my linkedin, did i lose my cert", user="U409")
    assert reply.topic == "badge-expiry" and reply.text.startswith("**Can a badge expire")
    assert reply.private and "not linked" in reply.text
    assert (await ask(engine, "how do I renew it", user="U409")).topic == "badge-expiry"  # its follow-ups work


async def test_a_linked_learner_naming_a_badge_gets_no_general_offer(setup):
    engine, *_ = setup
    reply = await ask(engine, "when does my SQL Foundations badge expire?")
    assert "SQL Foundations" in reply.text and not reply.suggestions


async def test_how_do_i_link_my_account_is_about_the_askers_record(setup):
    engine, store, _ = setup
    # not linked: it was declined as a question about another service's account
    reply = await ask(engine, "how do I link my account?", user="U405")
    assert reply.private and "not linked" in reply.text
    assert ("T1", "U405") in [(r.workspace, r.user_id) for r in store.pending_link_requests()]
    # linked: says so, and who adds badges
    reply = await ask(engine, "how do I connect my credly account to credbot?")
    assert reply.private and "already linked" in reply.text and "SQL Foundations" in reply.text
    # linking a badge to LinkedIn is sharing it, a question for the knowledge base
    assert (await ask(engine, "can I link my credly account to linkedin?")).topic == "share-badge-linkedin"


async def test_vouched_email_links_on_first_question(setup):
    engine, *_ = setup
    reply = await ask(engine, "what badges do I have?", user="U777", emails=("ana@example.org",))
    assert "SQL Foundations" in reply.text


async def test_attached_badge_is_verified_and_explained(setup, issuer):
    engine, *_ = setup
    good = json.dumps(issuer.sign(issuer.credential("Security Principles", number=50))).encode()
    forged = issuer.sign(issuer.credential("Security Principles", number=51))
    forged["credentialSubject"]["achievement"]["name"] = "@everyone Hacker"
    reply = await ask(engine, "is this real?", attachments=(
        Attachment(name="good.json", data=good), Attachment(name="forged.json", data=json.dumps(forged).encode()),
        Attachment(name="cat.png", data=b"\x89PNG\r\n\x1a\nnot really")))
    assert reply.private and reply.intent.value == "verify"
    parts = reply.text.split("\n\n")
    assert "genuine: verified" in parts[0] and "Recipient: matches ana@example.org" in parts[0]
    assert "NOT genuine" in parts[1] and "@everyone" not in reply.text
    assert "not a badge" in parts[2]


async def test_pasted_jws_is_verified(setup):
    engine, *_ = setup
    ob2 = Ob2Issuer()
    skill = engine.badges
    skill._fetcher = lambda: Fetcher(ob2.documents(), offline=True)
    reply = await engine.handle(Incoming(platform="slack", workspace="T1", user="U1", command="badges",
                                         text=ob2.sign(ob2.assertion())))
    assert reply.private and "Agile and Scrum Fundamentals" in reply.text and "genuine: verified" in reply.text


async def test_a_badge_address_asked_about_in_a_message_is_fetched_and_verified(setup, server):
    engine, *_ = setup
    ob2 = Ob2Issuer(base=server.url)
    for doc in ob2.documents():
        server.add(doc["id"].removeprefix(server.url), json.dumps(doc))
    hosted = ob2.assertion(1, hosted=True)
    server.add("/assertions/1", json.dumps(hosted))
    engine.badges._fetcher = lambda: Fetcher(private_hosts=True)
    # as Slack sends a typed link: between angle brackets
    for text in (f"is this badge real? <{hosted['id']}>", hosted["id"]):
        reply = await ask(engine, text)
        assert reply.intent.value == "verify" and reply.private and "genuine: verified" in reply.text, text
    # an address among other words is no badge to check
    reply = await ask(engine, f"read {server.url}/about for more on open badges")
    assert reply.intent.value != "verify" and "/about" not in server.hits


async def test_a_badge_address_while_fetching_is_off_says_so(setup):
    engine, *_ = setup  # its fetcher is offline
    reply = await ask(engine, "https://badges.example.org/assertions/1")
    assert reply.intent.value == "verify" and "switched off" in reply.text and "image" in reply.text


async def test_a_credly_badge_page_is_checked_through_its_assertion(setup):
    engine, *_ = setup
    asked = []

    class Recording(Fetcher):
        def get(self, url, **kw):
            asked.append(url)
            raise FetchError(url, "not reachable in this test")

    engine.badges._fetcher = lambda: Recording()
    reply = await ask(engine, "https://www.credly.com/badges/0B1C2D3E-0000-4000-8000-000000000003/public_url")
    assert reply.intent.value == "verify"
    assert asked == ["https://api.credly.com/v1/obi/v2/badge_assertions/0b1c2d3e-0000-4000-8000-000000000003"]


async def test_why_after_a_pasted_badge_is_about_its_report(setup):
    engine, *_ = setup
    ob2 = Ob2Issuer()
    engine.badges._fetcher = lambda: Fetcher(ob2.documents(), offline=True)
    checked = await ask(engine, f"can you check this badge? {ob2.sign(ob2.assertion())}")
    assert "genuine: verified" in checked.text
    assert (await ask(engine, "why?")).text.startswith("**Verified** means")  # it was "Sorry, I didn't follow"
    assert (await ask(engine, "so is it fake?")).text.startswith("**Verified** means")
    assert (await ask(engine, "so does that mean its fake??")).text.startswith("**Verified** means")  # it was the
    assert (await ask(engine, "what does revoked mean?")).text.startswith("**Revoked** means")  # checking entry
    # a knowledge question after it is one
    assert (await ask(engine, "what is credly?")).topic == "platform-credly"
    assert (await ask(engine, "why?")).topic == "platform-credly"


# --- autocomplete (`/badge name:` and `/share name:` on Discord) ------------------------------


def discord_asker(user="D1", text=""):
    return Incoming(platform="discord", user=user, channel="C1", is_direct=False, command="badges", text=text)


async def test_badge_choices_are_my_own_awards_matching_what_i_typed(setup):
    engine, store, _ = setup
    skill = engine.badges
    store.ensure_learner(Account("discord", "", "D1"), ["ana@example.org"])  # Ana, on Discord too
    everything = await skill.badge_choices(discord_asker(), "")
    assert [label.split(" \u00b7 ")[0] for label, _ in everything] == [
        "Agile and Scrum Fundamentals", "Spreadsheets for Data Analysis", "SQL Foundations"]
    assert everything[0][0] == "Agile and Scrum Fundamentals \u00b7 Example University & Co \u00b7 verified 2024-09"
    assert "expired 2024-05" in everything[1][0]
    mine = {a.id for a in store.awards(store.learner_id(Account("slack", "T1", "U1")))}
    assert {int(value) for _, value in everything} == mine

    assert [label.split(" \u00b7 ")[0] for label, _ in await skill.badge_choices(discord_asker(), "sq")] == \
        ["SQL Foundations"]
    assert [label.split(" \u00b7 ")[0] for label, _ in await skill.badge_choices(discord_asker(), "DATA")] == \
        ["Spreadsheets for Data Analysis"]
    assert [label.split(" \u00b7 ")[0] for label, _ in await skill.badge_choices(discord_asker(), "scrm")] == \
        ["Agile and Scrum Fundamentals"]  # a typo is forgiven
    assert await skill.badge_choices(discord_asker(), "kubernetes") == []


async def test_badge_choices_for_strangers_are_empty_and_leave_no_request(setup):
    engine, store, _ = setup
    assert await engine.badges.badge_choices(discord_asker(user="D404"), "") == []
    assert store.pending_link_requests() == []


async def test_badge_choices_stop_at_25_with_labels_within_100_characters(sqlite_store, issuer):
    docs = [issuer.profile()]
    skill = BadgeSkill(sqlite_store, settings=BadgeSettings(offline=True), fetcher=lambda: Fetcher(docs, offline=True))
    learner = sqlite_store.ensure_learner(Account("discord", "", "D1"), ["ana@example.org"])
    long_name = "Advanced @everyone <@123> " + "Very Long Badge Name " * 8
    for number in range(30):
        credential = issuer.credential(f"{long_name} {number}" if number == 29 else f"Badge {number:02d}",
                                       number=number + 100)
        credential["validFrom"] = f"2024-01-{number + 1:02d}T00:00:00Z"
        assert import_bytes(sqlite_store, learner, json.dumps(issuer.sign(credential)).encode(), "b",
                            Fetcher(docs, offline=True)).ok
    choices = await skill.badge_choices(discord_asker(), "")
    assert len(choices) == 25 and all(len(label) <= 100 for label, _ in choices)
    assert "@everyone" not in choices[0][0] and "<@123>" not in choices[0][0]
    assert choices[0][0].startswith("Advanced everyone Very Long")  # newest first, mentions disarmed
    assert not any(label.startswith("Badge 00") for label, _ in choices)  # the oldest is past the 25 newest
    typed = [label.split(" \u00b7 ")[0] for label, _ in await skill.badge_choices(discord_asker(), "badge 0")]
    assert typed == [f"Badge {n:02d}" for n in range(9, -1, -1)]  # typing reaches it


async def test_the_chosen_value_opens_that_badge_and_shares_it(setup):
    engine, store, _ = setup
    store.ensure_learner(Account("discord", "", "D1"), ["ana@example.org"])
    label, value = (await engine.badges.badge_choices(discord_asker(), "sql"))[0]
    detail = await engine.handle(discord_asker(text=value))
    assert detail.private and detail.text.startswith("**SQL Foundations**")
    shared = await engine.handle(Incoming(platform="discord", user="D1", channel="C1", command="share", text=value))
    assert not shared.private and "SQL Foundations" in shared.text
    # someone else's award id is not theirs to open
    other = await engine.handle(discord_asker(user="D2", text=value))
    assert "SQL Foundations" not in other.text


async def test_a_badge_is_quoted_as_named_and_found_without_its_accents(setup):
    engine, store, _ = setup
    from bot.badges.importing import import_roster

    import_roster(store, "email,badge,issuer,issued\nana@example.org,C# Programming,Example U,2025-01-02\n"
                         "ana@example.org,Gestión de Proyectos (Nivel 2),Universidad X,2025-01-03\n", "roster.csv")
    listed = await ask(engine, "what badges do I have?")  # they were "C Programming" and "... Nivel 2"
    assert "**C# Programming**" in listed.text and "**Gestión de Proyectos (Nivel 2)**" in listed.text
    found = await ask(engine, "is my gestion badge still valid?")  # "None of your badges is called gestion"
    assert found.text.startswith("**Gestión de Proyectos (Nivel 2)**")
    # a roster gives no end date and checks nothing: it said "Expires: never" and "checked <today>"
    assert "Expires: not given" in found.text and "Verification (staff roster):" in found.text
    shared = await ask(engine, "share my c# badge")
    assert shared.text.startswith("**C# Programming** from Example U")


async def test_a_question_back_between_badges_is_numbered_and_a_name_said_exactly_wins(setup):
    engine, store, _ = setup
    from bot.badges.importing import import_roster

    import_roster(store, "email,badge,issuer,issued\nana@example.org,SQL Foundation,Example U,2025-01-02\n"
                         "ana@example.org,SQL Advanced,Example U,2025-01-03\n", "roster.csv")
    # "SQL Foundations" was a tie with "SQL Foundation", and the question back led nowhere
    exact = await ask(engine, "show my SQL Foundations badge")
    assert exact.text.startswith("**SQL Foundations**")
    asked = await ask(engine, "show my sql badge")
    assert "Several of your badges fit:\n1. **" in asked.text and "Answer with its number" in asked.text
    second = asked.text.splitlines()[2].split("**")[1]
    picked = await ask(engine, "2")  # it went to the knowledge base
    assert picked.text.startswith(f"**{second}**")


async def test_why_one_named_badge_has_its_status_is_that_badges_own_reason(setup):
    engine, store, _ = setup
    from bot.badges.importing import import_roster

    import_roster(store, "email,badge,issuer,issued\nana@example.org,Teamwork Basics,Example U,2025-01-02\n", "r.csv")
    # it gave the usual reasons (a server down, a key from the badge itself), none of which apply
    named = await ask(engine, "why is my teamwork badge unverified?")
    assert named.text.startswith("**Teamwork Basics** is unverified") and "recorded by staff from a roster" in named.text
    await ask(engine, "what badges do I have?")
    listed = await ask(engine, "why is the teamwork one unverified?")
    assert listed.text.startswith("**Teamwork Basics** is unverified")


async def test_more_after_a_list_cut_at_its_length_shows_the_rest_numbered_on(setup):
    engine, store, _ = setup
    from bot.badges.importing import import_roster
    from bot.badges.skill import LIST_LIMIT

    rows = "".join(f"ana@example.org,Extra {n:02d},Example U,2026-01-{n:02d}\n" for n in range(1, LIST_LIMIT + 1))
    import_roster(store, "email,badge,issuer,issued\n" + rows, "many.csv")  # 3 badges + 20: 23 in all
    first = await ask(engine, "what badges do I have?")
    assert '... and 3 more: say "more" to see them.' in first.text
    rest = await ask(engine, "more")  # it was "I don't have an answer for that"
    assert rest.text.startswith(f"Your badges, from number {LIST_LIMIT + 1}:") and f"\n{LIST_LIMIT + 3}. **" in rest.text
    picked = await ask(engine, str(LIST_LIMIT + 1))  # "pick a number from 1 to 20"
    assert picked.text.startswith("**") and "Issuer:" in picked.text
    again = await ask(engine, "more")  # after a badge: that badge in full, as before
    assert again.text == picked.text


async def test_a_badge_removed_since_the_list_was_shown_is_said_to_be_gone(setup):
    engine, store, _ = setup
    listed = await ask(engine, "what badges do I have?")
    second = store.awards(store.learner_id(Account("slack", "T1", "U1")))[1]
    assert f"2. **{second.name}**" in listed.text
    store.remove_awards(second.learner_id, [second.id])
    # it answered 'None of your badges is called "<its number>"'
    assert (await ask(engine, "2")).text.startswith("That badge is no longer among yours")
    assert (await ask(engine, "share the second one")).text.startswith("That badge is no longer among yours")


async def test_an_expired_badge_never_checked_is_not_called_genuine(setup):
    engine, store, _ = setup
    from bot.badges.importing import import_roster

    import_roster(store, "email,badge,issuer,issued,expires\nana@example.org,Forklift Safety,Example U,2023-01-02,"
                         "2024-01-02\n", "r.csv")
    why = await ask(engine, "why is my forklift badge expired?")  # a roster row: nothing was checked
    assert why.text.startswith("**Forklift Safety** is EXPIRED") and "genuine" not in why.text


async def test_after_why_one_badge_has_its_status_it_is_the_badge_talked_about(setup):
    await ask(setup[0], "why is my agile badge verified?")
    # "share it" went to the knowledge base, and "is it mine?" had no answer
    assert (await ask(setup[0], "share it")).text.startswith("**Agile and Scrum Fundamentals**")
    assert "Agile and Scrum Fundamentals" in (await ask(setup[0], "is it mine?")).text


async def test_a_revoked_badge_s_follow_ups_stay_on_it_and_say_what_to_do(setup, issuer):
    # a learner whose badge showed REVOKED asked why in anger, whom to contact, whether he could appeal and
    # about his other badge, and got the entries on revoking in general, on badges that never arrived and on
    # how badges are earned
    engine, store, docs = setup
    learner = store.ensure_learner(Account("slack", "T1", "U7"), ["marcus@example.org"])
    statuses = issuer.status_list({4})
    for number, (name, index) in enumerate([("Forklift Safety", 4), ("Warehouse Teamwork", 5)], 1):
        credential = issuer.credential(name, number=40 + number, email="marcus@example.org", status_index=index)
        assert import_bytes(store, learner, json.dumps(issuer.sign(credential)).encode(), name,
                            Fetcher([*docs, statuses], offline=True)).ok
    assert "REVOKED" in (await ask(engine, "can I see my badges please", user="U7")).text  # was the privacy entry
    why = await ask(engine, "REVOKED?? what the hell, I never got told anything about this. why was Forklift "
                            "Safety revoked", user="U7")
    assert why.private and why.text.startswith("**Forklift Safety** is REVOKED.")
    assert "Only the issuer can reverse it" in why.text and "LinkedIn" in why.text
    for follow_up in ("so who do I even contact? whos Example University, never heard of them", "can I appeal it?"):
        assert (await ask(engine, follow_up, user="U7")).text.startswith("**Forklift Safety** is REVOKED."), follow_up
    other = await ask(engine, "what about my other badge, is that one still ok?", user="U7")
    assert other.text.startswith("**Warehouse Teamwork**: verified"), other.text


async def test_an_unverified_badge_of_mine_said_in_passing_is_its_own_status_and_what_to_do(setup, issuer):
    # a nursing student asked what "unverified" next to her Teamwork badge meant, and whether that meant it
    # was fake: she got the entry on correcting a name, then how anyone checks a badge, three times
    engine, store, docs = setup
    learner = store.ensure_learner(Account("slack", "T1", "U8"), ["priya@example.org"])
    other = Issuer(id="https://corp.test/profile", name="Example Corp")  # its profile unreachable: unverified
    for number, (name, by) in enumerate([("Teamwork", other), ("First Aid", issuer)], 1):
        credential = by.credential(name, number=50 + number, email="priya@example.org")
        assert import_bytes(store, learner, json.dumps(by.sign(credential)).encode(), name,
                            Fetcher(docs, offline=True)).ok
    listed = await ask(engine, "hi! I've got a Teamwork badge from Example Corp, can you show me my badges?", user="U8")
    assert listed.intent.value == "my-badges" and "Teamwork" in listed.text  # was a "did you mean"
    status = await ask(engine, "it says unverified next to my Teamwork one, what does that mean? is something wrong "
                               "with it?", user="U8")
    assert status.text.startswith("**Teamwork** is unverified.") and "says nothing against you" in status.text
    await ask(engine, "show my Teamwork badge", user="U8")
    fake = await ask(engine, "ok I don't really get that. issuer not confirmed - does that mean it's fake?? will an "
                             "employer think I made it up?", user="U8")
    assert fake.text.startswith("**Issuer not confirmed** means") and "does not mean the badge is fake" in fake.text
    assert (await ask(engine, "so does that mean it's fake?", user="U8")).text.startswith("**Teamwork** is unverified.")


async def test_a_badge_whose_address_is_an_example_domain_is_not_shared_as_verifiable(setup, issuer):
    # a learner was given "Verify it: http://example.com/credentials/3527" for her CV and e-mail signature
    engine, store, docs = setup
    learner = store.ensure_learner(Account("slack", "T1", "U9"), ["dev@example.org"])
    credential = issuer.credential("Teamwork", number=60, email="dev@example.org")
    credential["id"] = "http://example.com/credentials/3527"
    assert import_bytes(store, learner, json.dumps(issuer.sign(credential)).encode(), "t.json",
                        Fetcher(docs, offline=True)).ok
    shared = await ask(engine, "share my teamwork badge", user="U9")
    assert "Verify it:" not in shared.text and "(example.com) is a placeholder" in shared.text
    query = parse_qs(urlparse(shared.text.split("Add it to LinkedIn: ")[1].split()[0]).query)
    assert "certUrl" not in query and query["name"] == ["Teamwork"]


async def test_pathways_asked_after_a_story_and_named_by_title_after_the_list(setup):
    # a learner planning a stack was told "I don't know that pathway" (her story's words read as a name), then
    # got menus for a pathway named by its title
    engine, *_ = setup
    listed = await ask(engine, "Hi! I'm planning to stack a few badges into something bigger. What pathways are "
                               "there here?")
    assert listed.text.startswith("The pathways I can track:")
    named = await ask(engine, "what about cybersecurity foundations, what badges does that need?")
    assert "Cybersecurity Foundations" in named.text and "Networking Basics" in named.text, named.text
    await ask(engine, "what pathways are there?")
    long = await ask(engine, "how long would it take me to finish the Data Analytics Certificate?")
    assert "you have 1 of the 3 badges" in long.text and "for its issuer" in long.text, long.text


async def test_a_pathway_none_of_whose_steps_i_hold_says_my_badges_do_not_count(setup, issuer):
    engine, store, docs = setup
    learner = store.ensure_learner(Account("slack", "T1", "U10"), ["aiko@example.org"])
    credential = issuer.credential("Teamwork", number=70, email="aiko@example.org")
    assert import_bytes(store, learner, json.dumps(issuer.sign(credential)).encode(), "t.json",
                        Fetcher(docs, offline=True)).ok
    await ask(engine, "what pathways are there?", user="U10")
    progress = await ask(engine, "1", user="U10")
    assert "Your badges (Teamwork) are not among its steps" in progress.text, progress.text


async def test_a_badge_s_image_address_is_in_its_details(setup, issuer):
    # a learner on a phone asked for "the img url" to put in his e-mail signature, and got the details without it
    engine, store, docs = setup
    learner = store.ensure_learner(Account("slack", "T1", "U11"), ["dev@example.org"])
    credential = issuer.credential("Teamwork", number=80, email="dev@example.org")
    credential["credentialSubject"]["achievement"]["image"] = {"id": "https://issuer.test/teamwork.png",
                                                               "type": "Image"}
    assert import_bytes(store, learner, json.dumps(issuer.sign(credential)).encode(), "t.json",
                        Fetcher(docs, offline=True)).ok
    assert "Image: https://issuer.test/teamwork.png" in (await ask(engine, "show my teamwork badge", user="U11")).text


async def test_asked_to_delete_one_of_my_badges_says_who_can_and_that_no_one_else_sees_it(setup):
    # an angry learner said "delete my Achievement 1 badge" twice and got the badge shown again
    engine, *_ = setup
    await ask(engine, "what badges do I have?")
    for text in ("delete my SQL Foundations badge", "can I at least delete the expired badge from my list here?"):
        reply = await ask(engine, text)
        assert reply.private and reply.text.startswith("I can't delete a badge"), text
    # how to delete one on a platform is a question for the base
    assert (await ask(engine, "how do I delete my badge on credly")).intent.value == "faq"


async def test_putting_a_revoked_badge_on_linkedin_asked_at_length_is_refused_with_what_to_do(setup, issuer):
    # asked in two questions, "can I put this one on LinkedIn or no?" got the steps to add a badge to LinkedIn
    engine, store, docs = setup
    learner = store.ensure_learner(Account("slack", "T1", "U12"), ["tom@example.org"])
    credential = issuer.credential("Forklift Safety", number=90, email="tom@example.org", status_index=7)
    assert import_bytes(store, learner, json.dumps(issuer.sign(credential)).encode(), "f.json",
                        Fetcher([*docs, issuer.status_list({7})], offline=True)).ok
    await ask(engine, "tell me about my Forklift Safety badge", user="U12")
    reply = await ask(engine, "so I can put this Forklift one also on LinkedIn or no? who I ask why revoked", user="U12")
    assert "I won't make a share link" in reply.text and "take it off" in reply.text, reply.text


async def test_a_badge_named_after_a_sentence_of_another_kind_is_looked_up_by_its_name(setup):
    engine, *_ = setup
    await ask(engine, "what is a digital badge?")
    # the whole message was taken as the badge's name: 'None of your badges is called "none those m afraid ..."'
    found = await ask(engine, "None of those I'm afraid. Could you tell me about my Scrum badge please?")
    assert found.private and found.text.startswith("**Agile and Scrum Fundamentals**: verified"), found.text
    missing = await ask(engine, "None of those I'm afraid. Could you tell me about my Teamwork badge please?")
    assert missing.text.startswith('None of your badges is called "teamwork".'), missing.text
