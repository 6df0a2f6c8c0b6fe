"""Staff tools: access control, unanswered grouping, feedback, stats, retention, reload, CLI."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys

import pytest
from sqlmodel import Session

from bot.engine import Engine
from bot.messages import ActionKind, ClickedAction, Incoming, Intent, Reply
from bot.records import DatabaseRecorder, QuestionRecord, installation_secret, purge
from bot.settings import Settings
from bot.staff import reports
from bot.knowledge_watch import fingerprint
from bot.staff.commands import StaffTools
from knowledge import BUNDLED_DIR
from knowledge.loader import load_knowledge


@pytest.fixture
def staffed(db, bundled_kb):
    recorder = DatabaseRecorder(db, installation_secret(db))
    engine = Engine(bundled_kb, recorder=recorder)
    settings = Settings(CREDBOT_STAFF="slack:T1/UBOSS, discord:42", DISCORD_STAFF_ROLE="Credential Team",
                        CREDBOT_STAFF_SPACES="slack:T1, discord:G")
    engine.staff = StaffTools(settings, db, engine)
    yield engine
    recorder.close()


def admin(text: str, **who) -> Incoming:
    return Incoming(command="admin", text=text, **who)


@pytest.mark.parametrize(
    ("who", "allowed"),
    [
        ({"platform": "slack", "workspace": "T1", "user": "UBOSS"}, True),  # named in CREDBOT_STAFF
        ({"platform": "slack", "workspace": "T1", "user": "U2"}, False),
        ({"platform": "slack", "workspace": "T1", "user": "U2", "platform_admin": True}, True),  # workspace admin
        ({"platform": "discord", "workspace": "G", "user": "42"}, True),
        ({"platform": "discord", "workspace": "G", "user": "7"}, False),
        ({"platform": "discord", "workspace": "G", "user": "7", "roles": ("Credential Team",)}, True),
        ({"platform": "discord", "workspace": "G", "user": "7", "roles": ("Everyone",)}, False),
        ({"platform": "console", "user": "operator"}, True),  # the terminal runs as the server's operator
        # an admin, or a role named alike, in a workspace or server of someone else's: anyone can
        # invite the bot to a server of their own (they were staff, and could read any learner's badges)
        ({"platform": "slack", "workspace": "T9", "user": "U2", "platform_admin": True}, False),
        ({"platform": "discord", "workspace": "OTHER", "user": "7", "platform_admin": True}, False),
        ({"platform": "discord", "workspace": "OTHER", "user": "7", "roles": ("Credential Team",)}, False),
        ({"platform": "discord", "workspace": "", "user": "7", "roles": ("Credential Team",)}, False),
        ({"platform": "discord", "workspace": "OTHER", "user": "42"}, True),  # named in CREDBOT_STAFF: anywhere
    ],
)
async def test_access_control_on_each_platform(staffed, who, allowed, caplog):
    reply = await staffed.handle(admin("stats", **who))
    assert reply.private and reply.intent is Intent.ADMIN
    if allowed:
        assert "Last 30 days" in reply.text
    else:
        assert "only for the people who look after credbot" in reply.text
        assert "refused staff command 'stats'" in caplog.text


async def test_unanswered_questions_are_grouped_with_counts_and_closest_topics(staffed, db):
    asks = ["does the library lend laptops", "does the library lend laptops?", "do libraries lend laptops to students",
            "what's the weather in Paris", "email"]
    for n, text in enumerate(asks):
        await staffed.handle(Incoming(platform="slack", workspace="T1", user=f"U{n % 2}", text=text))
    await staffed.handle(Incoming(platform="slack", workspace="T1", user="U1", text="can a badge expire?"))  # answered
    staffed.recorder.flush()
    groups = reports.unanswered(db, staffed.index)
    assert sum(g.count for g in groups) == 5
    top = groups[0]
    assert top.count == 3 and len(top.examples) == 3 and top.askers == 2
    assert top.first_seen <= top.last_seen
    email = next(g for g in groups if g.examples == ["email"])
    assert email.closest and all(t in staffed.knowledge.entries for t in email.closest)


async def test_unanswered_says_now_answered_only_of_what_the_bot_would_answer(staffed, db):
    # the index alone matches "not helpful" to an entry, but the bot reads it as feedback on nothing
    await staffed.handle(Incoming(platform="slack", workspace="T1", user="U9", text="not helpful", is_direct=True))
    staffed.recorder.flush()
    [group] = reports.unanswered(db, staffed.index)
    assert group.examples == ["not helpful"] and group.now_answered is None


async def test_admin_unanswered_lists_groups_privately(staffed):
    for text in ["is there a badge for knitting", "is there a badge for knitting?", "what is the weather"]:
        await staffed.handle(Incoming(text=text))
    reply = await staffed.handle(admin("unanswered"))
    assert reply.private and "2x" in reply.text and "knitting" in reply.text


async def test_admin_unanswered_shows_an_address_as_written(staffed):
    # it was shown with a full-width "＠", which copies wrong
    await staffed.handle(Incoming(text="ann_lee@example.org here, is there a pottery badge"))
    assert "ann_lee@example.org" in (await staffed.handle(admin("unanswered"))).text


async def test_feedback_report_shows_the_question_that_led_there(staffed, db):
    who = {"platform": "slack", "workspace": "T1", "user": "U5"}
    await staffed.handle(Incoming(text="can a badge expire?", **who))
    await staffed.handle(Incoming(action=ClickedAction(kind=ActionKind.NOT_HELPFUL, value="badge-expiry"), **who))
    await staffed.handle(Incoming(action=ClickedAction(kind=ActionKind.HELPFUL, value="platform-credly"), **who))
    staffed.recorder.flush()
    items = {f.topic: f for f in reports.feedback(db)}
    assert (items["badge-expiry"].helpful, items["badge-expiry"].not_helpful) == (0, 1)
    assert items["badge-expiry"].questions == ["can a badge expire?"]
    assert items["platform-credly"].helpful == 1
    reply = await staffed.handle(admin("feedback"))
    assert "badge-expiry: 0 helpful, 1 not helpful" in reply.text


async def test_stats_per_platform(staffed, db):
    await staffed.handle(Incoming(platform="slack", user="a", text="can a badge expire?"))
    await staffed.handle(Incoming(platform="discord", user="b", text="what is the weather"))
    await staffed.handle(Incoming(platform="discord", user="b", text="hello"))
    staffed.recorder.flush()
    s = reports.stats(db)
    assert s["questions"] == 3 and s["knowledge_questions"] == 2 and s["answer_rate"] == 0.5
    assert s["platforms"]["slack"] == {"questions": 1, "answered": 1}
    assert s["platforms"]["discord"] == {"questions": 2, "answered": 0}
    assert s["top_topics"][0]["topic"] == "badge-expiry"


def test_retention_purge_removes_only_old_records(db):
    old = dt.datetime.now(dt.UTC) - dt.timedelta(days=100)
    with Session(db) as session:
        session.add(QuestionRecord(platform="slack", asker="x", text="old", intent="faq", asked_at=old))
        session.add(QuestionRecord(platform="slack", asker="x", text="new", intent="faq"))
        session.commit()
    assert purge(db, retention_days=90) == 1
    with Session(db) as session:
        assert [r.text for r in session.query(QuestionRecord).all()] == ["new"]


async def test_admin_reload_keeps_the_last_good_base(db, kb_copy):
    engine = Engine(load_knowledge(kb_copy))
    engine.staff = StaffTools(Settings(), db, engine)
    entries = len(engine.knowledge.entries)
    (kb_copy / "entries" / "broken.md").write_text("---\nid: [\n---\n", encoding="utf-8")
    reply = await engine.handle(admin("reload"))
    assert "kept the last good one" in reply.text and "broken.md" in reply.text
    assert len(engine.knowledge.entries) == entries
    (kb_copy / "entries" / "broken.md").unlink()
    reply = await engine.handle(admin("reload"))
    assert reply.text.startswith("Reloaded:")


async def test_admin_teach_adds_an_unanswered_question_to_an_entry(db, kb_copy):
    recorder = DatabaseRecorder(db, installation_secret(db))
    engine = Engine(load_knowledge(kb_copy), recorder=recorder)
    engine.staff = StaffTools(Settings(CREDBOT_STAFF="slack:T1/UBOSS"), db, engine)
    learner = {"platform": "slack", "workspace": "T1", "user": "U7"}
    asked = "my micro-credential says it lapses after two years, what do I do"
    before = await engine.handle(Incoming(text=asked, **learner))
    assert before.topic != "badge-expiry"  # not answered from the expiry entry yet
    recorder.flush()
    refused = await engine.handle(admin("teach 1 badge-expiry", **learner))
    assert "only for the people who look after credbot" in refused.text
    listed = await engine.handle(admin("unanswered", platform="slack", workspace="T1", user="UBOSS"))
    assert "lapses" in listed.text.split("\n")[1]  # group 1
    taught = await engine.handle(admin("teach 1 badge-expiry", platform="slack", workspace="T1", user="UBOSS"))
    assert taught.private and "Added to badge-expiry" in taught.text and "now answered from it" in taught.text
    assert asked in (kb_copy / "entries" / "badge-expiry.md").read_text(encoding="utf-8")
    after = await engine.handle(Incoming(text=asked, **learner))
    assert after.topic == "badge-expiry"
    listed = await engine.handle(admin("unanswered", platform="slack", workspace="T1", user="UBOSS"))
    assert "now answered from badge-expiry" in listed.text  # still on record, no longer to act on
    again = await engine.handle(admin(f"teach badge-expiry {asked}", platform="slack", workspace="T1", user="UBOSS"))
    assert "already has that phrasing" in again.text
    recorder.close()


async def test_a_group_keeps_its_number_while_staff_teach_down_the_list(db, kb_copy):
    # groups were numbered 1, 2, 3 by place: a taught group went to the end, so the "2" staff had
    # read was another group by then, and its questions went into the wrong entry
    recorder = DatabaseRecorder(db, installation_secret(db))
    engine = Engine(load_knowledge(kb_copy), recorder=recorder)
    engine.staff = StaffTools(Settings(), db, engine)
    lapses, chefs, laptops = ("my micro-credential says it lapses after two years, what do I do",
                               "what badge suits a chef", "does the library lend laptops")
    for text in [lapses] * 3 + [chefs] * 2 + [laptops]:
        await engine.handle(Incoming(text=text))
    recorder.flush()
    listed = (await engine.handle(admin("unanswered"))).text
    shown = {text: number for number, text in re.findall(r'^- #([0-9]+): .*?"(.+?)"', listed, re.M)}
    assert list(shown) == [lapses, chefs, laptops], listed  # most asked first
    taught = await engine.handle(admin(f"teach {shown[lapses]} badge-expiry"))
    assert "now answered from it" in taught.text
    taught = await engine.handle(admin(f"teach #{shown[chefs]} choose-microcredential"))  # as copied from the list
    assert f'"{chefs}"' in taught.text and laptops not in taught.text
    chosen = (kb_copy / "entries" / "choose-microcredential.md").read_text(encoding="utf-8")
    assert chefs in chosen and laptops not in chosen
    relisted = (await engine.handle(admin("unanswered"))).text
    assert f'- #{shown[laptops]}: 1x' in relisted and relisted.index(laptops) < relisted.index(lapses)
    recorder.close()


async def test_a_number_no_group_has_now_is_refused_never_another_groups(db, kb_copy):
    # the retention purge deleted every question; SQLite gave the next one the number 1 again
    recorder = DatabaseRecorder(db, installation_secret(db))
    engine = Engine(load_knowledge(kb_copy), recorder=recorder)
    engine.staff = StaffTools(Settings(), db, engine)
    await engine.handle(Incoming(text="what badge suits a chef"))
    recorder.flush()
    [old] = reports.unanswered(db, engine.index)
    purge(db, retention_days=1, now=dt.datetime.now(dt.UTC) + dt.timedelta(days=2))
    await engine.handle(Incoming(text="does the library lend laptops"))
    recorder.flush()
    [new] = reports.unanswered(db, engine.index)
    assert new.number != old.number
    stale = await engine.handle(admin(f"teach {old.number} choose-microcredential"))
    assert stale.text.startswith(f"There is no group {old.number}")
    assert "library" not in (kb_copy / "entries" / "choose-microcredential.md").read_text(encoding="utf-8")
    recorder.close()


async def test_admin_teach_leaves_out_a_question_a_decline_group_still_catches(db, kb_copy):
    # it was added, and the reply said it "still goes to ... (decline)"; kb check then warned about it
    engine = Engine(load_knowledge(kb_copy))
    engine.staff = StaffTools(Settings(CREDBOT_STAFF="slack:T1/UBOSS"), db, engine)
    boss = {"platform": "slack", "workspace": "T1", "user": "UBOSS"}
    before = (kb_copy / "entries" / "badge-expiry.md").read_text(encoding="utf-8")
    reply = await engine.handle(admin("teach badge-expiry what is the weather tomorrow", **boss))
    assert reply.text.startswith('Not added: "what is the weather tomorrow" is declined as off-topic')
    assert (kb_copy / "entries" / "badge-expiry.md").read_text(encoding="utf-8") == before


async def test_admin_teach_leaves_out_a_question_holding_an_address_or_phone_number(db, kb_copy):
    # a learner's address and phone number were copied into an entry file kept under version control
    engine = Engine(load_knowledge(kb_copy))
    engine.staff = StaffTools(Settings(CREDBOT_STAFF="slack:T1/UBOSS"), db, engine)
    boss = {"platform": "slack", "workspace": "T1", "user": "UBOSS"}
    before = (kb_copy / "entries" / "badge-not-received.md").read_text(encoding="utf-8")
    for question in ("my email is john.doe@example.com, why is my badge missing",
                     "call me on 555-123-4567 about my missing badge"):
        reply = await engine.handle(admin(f"teach badge-not-received {question}", **boss))
        assert reply.text.startswith("Not added:") and "e-mail address or phone number" in reply.text
    assert (kb_copy / "entries" / "badge-not-received.md").read_text(encoding="utf-8") == before
    kept = await engine.handle(admin("teach badge-not-received why is my badge missing after 2 weeks", **boss))
    assert "Added to badge-not-received" in kept.text  # a number that is no phone number is fine


async def test_admin_teach_refuses_the_bundled_base_and_unknown_entries(staffed):
    console = {"platform": "console", "user": "operator"}
    bundled = await staffed.handle(admin("teach badge-expiry how long is a badge good for", **console))
    assert "Nothing added" in bundled.text and "CREDBOT_KNOWLEDGE_DIR" in bundled.text
    assert str(BUNDLED_DIR) in bundled.text  # on credbot's own machine: the folder to copy
    # in a chat, the server's folders are not shown (staff in Slack saw the installed package's path)
    chat = await staffed.handle(admin("teach badge-expiry how long is a badge good for", platform="slack",
                                      workspace="T1", user="UBOSS"))
    assert "Nothing added" in chat.text and "CREDBOT_KNOWLEDGE_DIR" in chat.text
    assert str(BUNDLED_DIR) not in chat.text and "site-packages" not in chat.text and "/" not in chat.text
    unknown = await staffed.handle(admin("teach nope how long is a badge good for", **console))
    assert "No entry 'nope'" in unknown.text
    assert "Usage" in (await staffed.handle(admin("teach", **console))).text
    assert "no group 9" in (await staffed.handle(admin("teach 9 badge-expiry", **console))).text


async def test_admin_commands_are_not_recorded_as_questions(staffed, db):
    await staffed.handle(admin("stats"))
    staffed.recorder.flush()
    assert reports.stats(db)["questions"] == 0


def test_staff_cli_json_contract(tmp_path):
    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    env = {**os.environ, "DATABASE_URL": url}
    asked = "is there a badge for knitting\nis there a badge for knitting?\ncan a badge expire?\n"
    subprocess.run([sys.executable, "-m", "bot.cli", "ask", "-"], input=asked, env=env, check=True,
                   capture_output=True, text=True, timeout=60)
    out = subprocess.run([sys.executable, "-m", "bot.cli", "staff", "unanswered", "--json"], env=env,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    groups = json.loads(out.stdout)
    assert len(groups) == 1
    group = groups[0]
    assert group["count"] == 2
    assert group["examples"] == ["is there a badge for knitting", "is there a badge for knitting?"]
    assert {"first_seen", "last_seen", "closest"} <= set(group) and group["now_answered"] is None
    for report in ("feedback", "stats"):
        out = subprocess.run([sys.executable, "-m", "bot.cli", "staff", report, "--json"], env=env,
                             capture_output=True, text=True, timeout=60)
        assert out.returncode == 0 and json.loads(out.stdout) is not None


async def test_watcher_reloads_on_change_and_keeps_the_last_good_base(kb_copy):
    import re

    from bot.knowledge_watch import KnowledgeWatcher

    engine = Engine(load_knowledge(kb_copy))
    watcher = KnowledgeWatcher(engine)
    watcher._seen = fingerprint(kb_copy)
    assert watcher.check() is False  # nothing changed
    entry = kb_copy / "entries" / "badge-expiry.md"
    entry.write_text(re.sub(r"(?m)^title: .*$", "title: Expiry and renewal (edited)", entry.read_text(), count=1),
                     encoding="utf-8")
    assert watcher.check() is True
    assert engine.knowledge.entries["badge-expiry"].title == "Expiry and renewal (edited)"
    (kb_copy / "entries" / "broken.md").write_text("---\nid: [\n---\n", encoding="utf-8")
    assert watcher.check() is True
    assert engine.knowledge.entries["badge-expiry"].title == "Expiry and renewal (edited)"  # last good kept


@pytest.fixture
def with_badges(db, bundled_kb):
    from bot.badges.skill import BadgeSkill
    from bot.badges.store import BadgeStore
    from bot.staff.badge_admin import BadgeAdmin

    store = BadgeStore(db)
    engine = Engine(bundled_kb, badges=BadgeSkill(store, pathways=lambda: bundled_kb.pathways))
    engine.staff = StaffTools(Settings(CREDBOT_STAFF="slack:T1/UBOSS"), db, engine, badges=BadgeAdmin(store))
    return engine


async def test_in_the_terminal_a_roster_is_named_by_its_path(with_badges, tmp_path):
    roster = tmp_path / "awards.csv"
    roster.write_text("email,badge,issuer,issued\nana@example.org,SQL Foundations,Example U,2026-03-01\n")
    operator = {"platform": "console", "user": "operator"}
    reply = await with_badges.handle(admin(f"badges import {roster}", **operator))  # it asked for an attachment
    assert "1 row(s), 1 new award(s)" in reply.text
    assert "Name the roster's file" in (await with_badges.handle(admin("badges import", **operator))).text
    # in Slack a path is no file of the server's to read
    slack = await with_badges.handle(admin(f"badges import {roster}", platform="slack", workspace="T1", user="UBOSS"))
    assert "Attach the roster" in slack.text


async def test_in_the_terminal_a_roster_path_with_spaces_is_quoted_as_in_a_shell(with_badges, tmp_path):
    # the path was cut at its first space: "cannot read /tmp/.../My"
    folder = tmp_path / "My Rosters"
    folder.mkdir()
    roster = folder / "spring term.csv"
    roster.write_text("email,badge,issuer,issued\nana@example.org,SQL Foundations,Example U,2026-03-01\n")
    operator = {"platform": "console", "user": "operator"}
    first = await with_badges.handle(admin(f'badges import "{roster}"', **operator))
    assert "1 row(s), 1 new award(s)" in first.text
    escaped = str(roster).replace(" ", "\\ ")  # as a terminal writes a file dropped on it
    for typed in (f"'{roster}'", escaped):
        again = await with_badges.handle(admin(f"badges import {typed}", **operator))
        assert "0 new award(s), 1 already there" in again.text, again.text
    unclosed = await with_badges.handle(admin(f'badges import "{roster}', **operator))
    assert unclosed.text.startswith('The quote (") before') and "is not closed" in unclosed.text
    assert "Nothing was run" in unclosed.text


@pytest.mark.parametrize(("typed", "words"), [
    ('badges import "a b.csv"', ["badges", "import", "a b.csv"]),
    ("badges import 'a b.csv'", ["badges", "import", "a b.csv"]),
    ("badges import a\\ b.csv", ["badges", "import", "a b.csv"]),
    ('badges import "My Rosters"/a.csv', ["badges", "import", "My Rosters/a.csv"]),
    ("badges import C:\\Rosters\\a.csv", ["badges", "import", "C:\\Rosters\\a.csv"]),  # a Windows path
    ("badges learners O'Brien", ["badges", "learners", "O'Brien"]),  # an apostrophe is no quote
    ("teach badge-expiry what's the  shelf life", ["teach", "badge-expiry", "what's", "the", "shelf", "life"]),
    ("  stats   7 ", ["stats", "7"]),
])
def test_every_staff_command_splits_its_words_as_a_shell_would(typed, words):
    from bot.staff.commands import command_words

    assert command_words(typed) == words


async def test_admin_badges_roster_link_and_show(with_badges):
    from bot.messages import Attachment

    boss = {"platform": "slack", "workspace": "T1", "user": "UBOSS"}
    learner = {"platform": "slack", "workspace": "T1", "user": "ULEARN"}
    roster = ("email,badge,issuer,issued\nana@example.org,SQL Foundations,Example University,2026-03-01\n"
              "ana@example.org,Networking Basics,Example Polytechnic,2026-04-01\n").encode()
    reply = await with_badges.handle(admin("badges import", attachments=(Attachment(name="roster.csv", data=roster),),
                                           **boss))
    assert "2 row(s), 2 new award(s)" in reply.text
    again = await with_badges.handle(admin("badges import", attachments=(Attachment(name="roster.csv", data=roster),),
                                           **boss))
    assert "0 new award(s), 2 already there" in again.text  # idempotent

    asked = await with_badges.handle(Incoming(text="what badges do I have?", **learner))
    assert asked.private and "SQL Foundations" not in asked.text  # not linked yet
    pending = await with_badges.handle(admin("badges requests", **boss))
    assert "slack:T1/ULEARN" in pending.text

    linked = await with_badges.handle(admin("badges link slack:T1/ULEARN ana@example.org", **boss))
    assert "Linked" in linked.text
    mine = await with_badges.handle(Incoming(text="what badges do I have?", **learner))
    assert mine.private and "SQL Foundations" in mine.text and "Networking Basics" in mine.text
    shown = await with_badges.handle(admin("badges show ana@example.org", **boss))
    assert "2 award(s)" in shown.text

    refused = await with_badges.handle(admin("badges show ana@example.org", **learner))
    assert "only for the people who look after credbot" in refused.text


async def test_admin_badges_merge_joins_a_roster_learner_and_a_chat_account(with_badges):
    from bot.messages import Attachment

    boss = {"platform": "slack", "workspace": "T1", "user": "UBOSS"}
    learner = {"platform": "slack", "workspace": "T1", "user": "ULEARN"}
    await with_badges.handle(admin("badges link slack:T1/ULEARN ana.home@example.org", **boss))
    roster = b"email,badge,issuer,issued\nana@example.org,SQL Foundations,Example University,2026-03-01\n"
    await with_badges.handle(admin("badges import", attachments=(Attachment(name="roster.csv", data=roster),), **boss))

    refused = await with_badges.handle(admin("badges link slack:T1/ULEARN ana@example.org", **boss))
    assert refused.text.startswith("Nothing was changed") and "admin badges merge" in refused.text
    merged = await with_badges.handle(admin("badges merge ana@example.org slack:T1/ULEARN", **boss))
    assert "1 e-mail address(es) and 1 award(s) moved" in merged.text
    mine = await with_badges.handle(Incoming(text="what badges do I have?", **learner))
    assert "SQL Foundations" in mine.text

    not_staff = await with_badges.handle(admin("badges merge 1 2", **learner))
    assert "only for the people who look after credbot" in not_staff.text
    unknown = await with_badges.handle(admin("badges merge nobody@example.org slack:T1/ULEARN", **boss))
    assert unknown.text.startswith("Nothing was changed") and "no learner is linked to" in unknown.text


async def test_admin_badges_bad_roster_changes_nothing(with_badges):
    from bot.messages import Attachment

    boss = {"platform": "slack", "workspace": "T1", "user": "UBOSS"}
    bad = b"email,badge,issued\nnot-an-email,SQL,2026-01-01\nana@example.org,,yesterday\n"
    reply = await with_badges.handle(admin("badges import", attachments=(Attachment(name="r.csv", data=bad),), **boss))
    assert reply.text.startswith("Nothing was changed") and "r.csv:2" in reply.text and "r.csv:3" in reply.text
    shown = await with_badges.handle(admin("badges show ana@example.org", **boss))
    assert "No learner" in shown.text


def test_terminal_admin_path(tmp_path):
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 't.sqlite3'}"}
    operator = subprocess.run([sys.executable, "-m", "bot.cli", "chat"], input=":admin stats\nquit\n",
                              capture_output=True, text=True, timeout=60, env=env)
    assert "Last 30 days" in operator.stdout
    other = subprocess.run([sys.executable, "-m", "bot.cli", "chat", "--user", "slack:T1/U2"],
                           input=":admin stats\nquit\n", capture_output=True, text=True, timeout=60, env=env)
    assert "only for the people who look after credbot" in other.stdout and "Last 30 days" not in other.stdout


def test_a_long_running_recorder_purges_daily(db, monkeypatch):
    import bot.records as records

    old = dt.datetime.now(dt.UTC) - dt.timedelta(days=100)
    with Session(db) as session:
        session.add(QuestionRecord(platform="slack", asker="x", text="old", intent="faq", asked_at=old))
        session.commit()
    recorder = DatabaseRecorder(db, b"k", retention_days=90)
    recorder._purged -= records.PURGE_EVERY_SECONDS + 1  # a day has passed since the last purge
    recorder.question(Incoming(text="new question"), Reply(text="x", intent=Intent.FAQ, topic="badge-expiry"))
    recorder.close()
    with Session(db) as session:
        assert [r.text for r in session.query(QuestionRecord).all()] == ["new question"]


async def test_a_number_of_days_must_be_one_to_a_hundred_years(staffed, tmp_path):
    # "admin stats abc" meant 30 days without a word, "admin stats 0" said "0 messages", and
    # 100000000 days went further back than the calendar: a traceback
    for days in ("abc", "0", "100000000"):
        reply = await staffed.handle(admin(f"stats {days}", platform="slack", workspace="T1", user="UBOSS"))
        assert "1 to 36500" in reply.text
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'cli.sqlite3'}"}
    for days in ("0", "100000000"):
        out = subprocess.run([sys.executable, "-m", "bot.cli", "staff", "stats", "--days", days], env=env,
                             capture_output=True, text=True, timeout=60)
        assert out.returncode == 2 and "give 1 to 36500 days" in out.stderr and "Traceback" not in out.stderr


async def test_a_mistyped_badge_command_says_what_was_wrong(with_badges):
    # each was the bare list of commands, and "show 9999" said "Learner 9999 has no awards yet"
    boss = {"platform": "slack", "workspace": "T1", "user": "UBOSS"}
    assert (await with_badges.handle(admin("badges shwo slack:T1/U1", **boss))).text.startswith(
        "There is no `admin badges shwo`")
    assert (await with_badges.handle(admin("badges link slack:T1/U1", **boss))).text.startswith(
        "`admin badges link` needs a user id and an e-mail address")
    assert (await with_badges.handle(admin("badges show 9999", **boss))).text == "No learner is linked to '9999'."
