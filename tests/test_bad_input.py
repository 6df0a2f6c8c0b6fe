"""Whatever people paste, the engine answers sensibly and never raises."""

from __future__ import annotations

import asyncio

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.engine import Engine
from bot.messages import Incoming, Intent
from bot.safety import neutralize, readable_text

NASTY = [
    "",
    "   \n\t  ",
    "a" * 100_000,
    "what is a badge " * 6000,
    "\x00\x01\x02\x1b[31mred\x1b[0m",
    bytes(range(256)).decode("latin-1"),
    "🎓🏅🎉",
    "¿Qué es una microcredencial?",
    "Was ist ein Open Badge?",
    "マイクロクレデンシャルとは何ですか",
    "<script>alert(1)</script>",
    "**bold** _it_ [link](http://evil.example) <https://evil.example|click>",
    "{{ 7*7 }} ${jndi:ldap://x} {% raw %}",
    "'; DROP TABLE awards; --",
    "\u202eevil\u202c",
    "micro\u200b\u200b\u200bcredential",
    "?",
    "1",
    "yes",
    # a story's thing ("about <1 to 4 words>") followed by more words than that: a pattern that let a
    # long word split into pieces backtracked without end on it
    "my boss talks about " + "a" * 1900 + " b c d e what is that",
]


@pytest.mark.parametrize("text", NASTY, ids=range(len(NASTY)))
async def test_nasty_input_gets_a_sensible_reply(engine, text):
    reply = await engine.handle(Incoming(text=text))
    assert reply.text.strip()
    assert reply.intent in set(Intent)
    assert "<script>" not in reply.text and "DROP TABLE" not in reply.text


@pytest.fixture(scope="module")
def shared_engine(bundled_kb):
    return Engine(bundled_kb)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(max_size=400))
def test_any_text_gets_a_reply(shared_engine, bundled_kb, text):
    reply = asyncio.run(shared_engine.handle(Incoming(text=text, user="prop")))
    assert reply.text.strip()
    assert reply.intent in set(Intent)
    if reply.intent is Intent.FAQ:
        assert reply.topic in bundled_kb.entries
    assert all(s in bundled_kb.entries for s in reply.suggestions)


@given(text=st.text(max_size=300))
def test_neutralize_never_leaves_a_mention(text):
    safe = neutralize(text)
    assert "@" not in safe and "<" not in safe and ">" not in safe
    assert len(safe) <= 200


def test_neutralize_examples():
    assert neutralize("hi @everyone <!channel> <@U1> **x**") == "hi everyone x"
    # a badge's own name is quoted as named (they were "C Programming" and "Level 2 Python")
    assert neutralize("C# Programming") == "C# Programming"
    assert neutralize("Data Analysis (Level 2)") == "Data Analysis (Level 2)"
    assert neutralize("# big [click](https://x.example) #general") == "big click(https://x.example) general"


@pytest.mark.parametrize("text", ["<@U123> what is credly?", "<@!4567> <#C12|general> what is credly?",
                                  "<!channel> what is <b>credly</b>?"])
async def test_mentions_and_markup_are_no_part_of_the_question(engine, text):
    # the pinged id and the tag's name counted as words of the question: "did you mean" instead
    plain = await engine.handle(Incoming(text="what is credly?", user="plain"))
    marked = await engine.handle(Incoming(text=text, user="marked"))
    assert marked.topic == plain.topic == "platform-credly"
    assert marked.confidence == plain.confidence


async def test_a_pasted_link_counts_as_a_link_in_the_question(engine):
    # the address's letters counted as unknown words: "did you mean" instead of the advice not to
    # click a badge link one was not expecting
    reply = await engine.handle(Incoming(
        text="someone dmed me https://bit.ly/3xYzAb saying i won a free badge, is it safe?", user="linked"))
    assert reply.topic == "scam-warning-signs" and "don't click its link" in reply.text


def test_readable_text_keeps_a_links_label():
    assert readable_text("[Credly](https://evil.example) <b>badges</b>") == "Credly  badges"
    # Slack's form of a typed link is what the person typed, not a tag to drop
    assert readable_text("is <http://credly.com|credly.com> legit?") == "is credly.com legit?"
    # an address reads as a link to its site: "3xYzAb" and "https" are no words of the question
    assert readable_text("see <https://openbadges.org>") == "see link openbadges"
    assert readable_text("is this safe? https://bit.ly/3xYzAb") == "is this safe? link bit"
    assert readable_text("https://www.coursera.org/verify/AB12?x=1 real?") == "link coursera real?"
    assert readable_text("@everyone what is a badge").split() == ["what", "is", "a", "badge"]
    # a script's code is no part of the question: "alert(1)" made "how do i verify a badge" a decline
    assert readable_text("<script>alert(1)</script> how do i verify?").split() == ["how", "do", "i", "verify?"]
    assert readable_text("<SCRIPT>x</script > what <style>p{}</style>is").split() == ["what", "is"]
    assert readable_text("<script>alert(1) what is a badge").split() == ["alert(1)", "what", "is", "a", "badge"]


def test_text_that_was_no_utf8_can_be_stored():
    # a terminal reads the bytes \xff\xfe as lone surrogates, which no database can encode
    incoming = Incoming(text=b"\xff\xfe what is a badge".decode("utf-8", "surrogateescape"))
    assert incoming.text.encode("utf-8").endswith(b" what is a badge") and "\ufffd" in incoming.text


def test_readable_text_keeps_an_address_that_looks_like_a_mass_mention():
    assert readable_text("my badge went to ana@here.org") == "my badge went to ana@here.org"
