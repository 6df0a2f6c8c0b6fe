"""Staff rosters as staff write them: checked whole, written in one transaction, errors naming the
file's own lines, and staff replies that keep addresses readable. Real SQLite files (and PostgreSQL
where the `store` fixture offers it); the QA report's cases, one test each."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from bot.badges.importing import import_roster, roster_summary
from bot.badges.store import Account, BadgeStore, StoreError
from bot.cli import main
from bot.messages import Attachment, Incoming
from bot.records import utcnow
from bot.safety import private_echo
from bot.staff.badge_admin import BadgeAdmin

HEADER = "email,badge,issuer,issued,expires,evidence\n"


def _refusal(store: BadgeStore, text: str, name: str = "r.csv") -> str:
    with pytest.raises(StoreError) as caught:
        import_roster(store, text, name)
    return str(caught.value)


@pytest.fixture
def cli_store(tmp_path, monkeypatch) -> BadgeStore:
    """The database `credbot badges ...` writes to in this test, opened to look at afterwards."""
    from bot import database

    url = f"sqlite:///{tmp_path / 'cli.sqlite3'}"
    monkeypatch.setenv("DATABASE_URL", url)
    engine = database.create(url)
    database.upgrade(engine)
    yield BadgeStore(engine)
    engine.dispose()


async def _staff_import(store: BadgeStore, *files: tuple[str, bytes]) -> str:
    attachments = tuple(Attachment(name=name, content_type="text/csv", data=data) for name, data in files)
    reply = await BadgeAdmin(store)(Incoming(command="admin", text="badges import", attachments=attachments),
                                    ["import"])
    return reply.text


# --- 1: checked whole, one transaction -------------------------------------------------------


def test_an_account_conflict_rejects_the_whole_roster_before_any_row_is_written(store):
    import_roster(store, "email,badge,issuer,issued\nana@uni.example.edu,Intro to SQL,Example U,2025-04-02\n")
    store.ensure_learner(Account.parse("slack:T1/U7"), ["ana.personal@gmail.com"])
    conflict = ("user,email,badge,issuer,issued\n"
                ",new1@uni.example.edu,Python Basics,Example U,2025-05-01\n"
                ",new2@uni.example.edu,Python Basics,Example U,2025-05-01\n"
                "slack:T1/U7,ana@uni.example.edu,Python Basics,Example U,2025-05-01\n")
    message = _refusal(store, conflict, "conflict.csv")
    assert message.startswith("conflict.csv:4: ana@uni.example.edu already belongs to learner")
    assert store.learner_by_email("new1@uni.example.edu") is None  # rows 2 and 3 were not written
    assert store.learner_by_email("new2@uni.example.edu") is None


def test_an_interrupted_roster_leaves_nothing_behind(sqlite_store, monkeypatch):
    saves = []
    real = sqlite_store._save_listed

    def interrupted(*args, **kwargs):
        if saves:
            raise KeyboardInterrupt  # Ctrl-C while the second row is written
        saves.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(sqlite_store, "_save_listed", interrupted)
    roster = HEADER + "a@example.org,SQL,U,2025-01-01,,\nb@example.org,SQL,U,2025-01-01,,\n"
    with pytest.raises(KeyboardInterrupt):
        import_roster(sqlite_store, roster)
    assert sqlite_store.learner_by_email("a@example.org") is None


async def test_chat_reports_each_attached_roster_truthfully(sqlite_store):
    good = (HEADER + "ana@example.org,SQL Foundations,Example U,2025-03-01,,\n").encode()
    bad = b"name,when\nx,y\n"
    text = await _staff_import(sqlite_store, ("users.csv", good), ("broken.csv", bad))
    assert not text.startswith("Nothing was changed")
    assert "users.csv: 1 row(s), 1 new award(s)" in text
    assert "Not imported" in text and "broken.csv:1: unknown column 'name', 'when'" in text
    assert sqlite_store.learner_by_email("ana@example.org") is not None
    refused = await _staff_import(sqlite_store, ("broken.csv", bad))
    assert refused.startswith("Nothing was changed")


# --- 2, 6, 7, 8: what spreadsheets produce ---------------------------------------------------


def test_an_unquoted_comma_names_the_line_not_a_traceback(sqlite_store, cli_store, tmp_path, capsys):
    extra = HEADER + "extra@uni.example.edu,Data Analysis, Level 1,Example University,2025-04-02,,\n"
    assert _refusal(sqlite_store, extra, "extra_field.csv").startswith(
        "extra_field.csv:2: 7 fields but the header has 6: quote a badge name that contains a comma")
    path = tmp_path / "extra_field.csv"
    path.write_text(extra)
    assert main(["badges", "import", "--roster", str(path)]) == 1
    err = capsys.readouterr().err
    assert "extra_field.csv:2: 7 fields" in err and "Traceback" not in err


def test_unknown_columns_are_named_and_email_is_refused_with_a_roster(sqlite_store, cli_store, tmp_path, capsys):
    typo = ("email,badge,issuer,issued,expiry date,evidence\n"
            "q2@uni.example.edu,Intro to SQL,Example University,2025-04-02,2026-04-02,\n")
    message = _refusal(sqlite_store, typo, "typo_col2.csv")
    assert message.startswith("typo_col2.csv:1: unknown column 'expiry date'")
    assert "email, user, badge, issuer, issued, expires, evidence" in message
    path = tmp_path / "good.csv"
    path.write_text(HEADER + "ana@example.org,SQL,U,2025-01-01,,\n")
    assert main(["badges", "import", "--roster", str(path), "--email", "someone@x.org"]) == 2
    assert "--email" in capsys.readouterr().err
    assert cli_store.learner_by_email("ana@example.org") is None


def test_line_numbers_are_the_files_own(sqlite_store):
    text = (HEADER + "\n"
            "s@uni.example.edu,Intro to SQL,Example University,2025-04-02,,\n\n\n"
            't@uni.example.edu,"Data Analysis\nFundamentals",Example University,2025-04-02,,\n'
            "bad-email,Intro to SQL,Example University,2025-04-02,,\n")
    message = _refusal(sqlite_store, text, "blank_lines.csv")
    assert "blank_lines.csv:8: 'bad-email' is not an e-mail address" in message
    assert "blank_lines.csv:6: the badge 'Data Analysis\\nFundamentals' has a line break" in message


def test_semicolons_and_empty_spreadsheet_rows(sqlite_store):
    semicolons = ("email;badge;issuer;issued;expires;evidence\r\n"
                  "semi@uni.example.edu;Data Analysis, Level 1;Example University;2025-04-02;;\r\n"
                  ";;;;;\r\n \r\n")
    results = import_roster(sqlite_store, semicolons, "semicolon.csv")
    assert [r.message for r in results] == ["imported: Data Analysis, Level 1 (issued 2025-04-02)"]
    tabs = "email\tbadge\tissuer\tissued\nx@example.org\tSQL\tU\t2025-01-01\n"
    assert "separated by tabs" in _refusal(sqlite_store, tabs)
    assert "no rows under the header" in _refusal(sqlite_store, HEADER + ",,,,,\n")


async def test_a_non_utf8_roster_says_what_to_do_in_the_terminal_and_in_chat(cli_store, tmp_path, capsys):
    latin1 = "email,badge,issuer,issued\njose@uni.example.edu,Gestión de proyectos,U,2025-04-02\n".encode("cp1252")
    path = tmp_path / "latin1.csv"
    path.write_bytes(latin1)
    assert main(["badges", "import", "--roster", str(path)]) == 2
    assert "latin1.csv:2: not UTF-8 text: save the CSV as UTF-8" in capsys.readouterr().err
    text = await _staff_import(cli_store, ("latin1.csv", latin1))
    assert "latin1.csv:2: not UTF-8 text: save the CSV as UTF-8" in text


# --- 9, 10: dates and re-imports -------------------------------------------------------------


def test_dates_are_strict_and_in_order(sqlite_store):
    text = ("email,badge,issuer,issued,expires\n"
            "zoe@uni.example.edu,Data Analysis Fundamentals,Example University,2025-03-01garbage,\n"
            "vi@uni.example.edu,SQL,Example University,2025-03-01,2024-01-01\n"
            "yan@uni.example.edu,SQL,Example University,2025-03-01 junk,\n")
    message = _refusal(sqlite_store, text, "dates.csv")
    assert "dates.csv:2: issued '2025-03-01garbage' is not a date (use YYYY-MM-DD)" in message
    assert "dates.csv:3: expires 2024-01-01 is before issued 2025-03-01 (columns swapped?)" in message
    assert "dates.csv:4: issued '2025-03-01 junk' is not a date" in message
    stamped = "email,badge,issuer,issued\nzoe@example.org,SQL,U,2025-03-01T09:30:00Z\n"
    assert import_roster(sqlite_store, stamped)[0].ok


def test_a_control_character_in_a_field_is_refused(sqlite_store):
    # an escape sequence in a badge name reached the terminal of whoever imported or listed it
    message = _refusal(sqlite_store, HEADER + "a@example.org,\x1b[31mRed\x1b[0m Badge\x07,U,2025-01-01,,\n", "c.csv")
    assert message.startswith("c.csv:2: the badge") and "control or invisible character" in message
    hidden = _refusal(sqlite_store, HEADER + "a@example.org,Admin\u202eSQL,U,2025-01-01,,\n", "h.csv")
    assert hidden.startswith("h.csv:2: the badge") and "invisible character" in hidden
    assert import_roster(sqlite_store, HEADER + "a@example.org,\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645,U,2025-01-01,,\n")[0].ok


def test_a_date_that_must_be_a_typo_is_refused(sqlite_store):
    # "2030" for "2025" was imported, and counted towards a pathway
    message = _refusal(sqlite_store, HEADER + "a@example.org,SQL,U,2030-01-01,,\n"
                                              "b@example.org,SQL,U,0001-01-01,,\n"
                                              "c@example.org,SQL,U,2025-01-01,9999-12-31,\n", "d.csv")
    assert "d.csv:2: issued 2030-01-01 is in the future" in message
    assert "d.csv:3: issued 0001-01-01 is not a plausible date" in message
    assert "d.csv:4: expires 9999-12-31 is not a plausible date (leave expires empty" in message


def test_a_repeated_award_is_flagged_and_a_changed_expiry_is_an_update(store):
    row = "ana@uni.example.edu,Data Analysis Fundamentals,Example University,2025-03-14,{},\n"
    twice = HEADER + row.format("") + row.format("2026-03-14")
    message = _refusal(store, twice, "dup.csv")
    assert message.startswith("dup.csv:3: the same award as line 2")
    assert store.learner_by_email("ana@uni.example.edu") is None
    first = import_roster(store, HEADER + row.format(""))[0]
    updated = import_roster(store, HEADER + row.format("2026-03-14"))[0]
    assert updated.updated and not updated.created and updated.award_id == first.award_id
    assert updated.message == "updated: Data Analysis Fundamentals (issued 2025-03-14, expires 2026-03-14)"
    again = import_roster(store, HEADER + row.format("2026-03-14"))[0]
    assert not again.updated and again.message.startswith("already there")
    assert len(store.awards(store.learner_by_email("ana@uni.example.edu"))) == 1


# --- 11, 12: staff commands ------------------------------------------------------------------


def test_link_refuses_a_non_address_like_its_chat_twin(cli_store, capsys):
    assert main(["badges", "link", "--user", "slack:T1/U9", "--email", "notanemail"]) == 2
    assert "'notanemail' is not an e-mail address" in capsys.readouterr().err
    assert cli_store.learner_id(Account.parse("slack:T1/U9")) is None


async def test_staff_replies_keep_addresses_and_parentheses(sqlite_store):
    admin = BadgeAdmin(sqlite_store)
    ask = Incoming(command="admin", text="badges")
    shown = await admin(ask, ["show", "ana_lopez@uni.example.edu"])
    assert "'ana_lopez@uni.example.edu'" in shown.text
    sqlite_store.ensure_learner(Account.parse("console:ana"), ["ana@uni.example.edu"])
    sqlite_store.ensure_learner(Account.parse("slack:T1/U7"), ["ana.home@example.org"])
    refused = await admin(ask, ["link", "slack:T1/U7", "ana@uni.example.edu"])
    assert refused.text.startswith("Nothing was changed: ana@uni.example.edu already belongs to learner 1")
    assert "(credbot badges merge 1 2 in a terminal)" in refused.text


def test_staff_text_still_takes_out_pings():
    text = private_echo("<@U123> <!channel> @everyone ana@here.org\nline two", lines=True)
    assert "<@U123>" not in text and "<!channel>" not in text
    assert "@\u200beveryone" in text and "ana@here.org" in text and text.endswith("\nline two")
    many = private_echo("\n".join(f"r.csv:{n}: the badge name is empty" for n in range(2, 200)), 300, lines=True)
    assert len(many) < 400 and many.endswith("more line(s)")
    assert json.dumps(private_echo("a\nb")) == '"a b"'


def test_a_badge_named_nearly_as_a_pathway_step_is_imported_with_a_warning(sqlite_store, bundled_kb):
    # it was imported without a word, and the learner's progress was one badge short
    text = ("email,badge,issuer,issued\nkim@example.org,SQL Foundation,Example U,2025-03-10\n"
            "kim@example.org,Welding Basics,Example U,2025-03-10\n")
    results = import_roster(sqlite_store, text, "r.csv", bundled_kb.pathways)
    assert [bool(r.warning) for r in results] == [True, False]
    summary = roster_summary("r.csv", results)
    assert "'SQL Foundation' is not a step of any pathway, but nearly 'SQL Foundations'" in summary


def test_a_pathway_step_from_another_issuer_than_the_pathways_is_imported_with_a_warning(sqlite_store, bundled_kb):
    # progress counts only the pathway's issuer's badges: a roster naming no issuer, or another, counted none
    text = ("email,badge,issuer,issued\nkim@example.org,SQL Foundations,,2025-03-10\n"
            "kim@example.org,Networking Basics,Example U,2025-03-10\n"
            "kim@example.org,Security Principles,example polytechnic,2025-03-10\n")
    results = import_roster(sqlite_store, text, "r.csv", bundled_kb.pathways)
    assert [bool(r.warning) for r in results] == [True, True, False]
    summary = roster_summary("r.csv", results)
    assert ("r.csv:2: 'SQL Foundations' is a step of 'Data Analytics Certificate', which counts only 'Example "
            "University Continuing Education''s badges, and this row's issuer is empty") in summary
    assert "r.csv:3: 'Networking Basics' is a step of 'Cybersecurity Foundations'" in summary
    assert "this row's issuer is 'Example U': it does not count towards that pathway" in summary


def test_a_roster_evidence_link_to_no_web_page_is_left_out_with_a_warning(sqlite_store):
    # "javascript:..." was stored as the award's evidence; a narrative with a colon in it is no link
    text = (HEADER + "kim@example.org,SQL,Example U,2025-03-10,,javascript:alert(1)\n"
            "kim@example.org,Git,Example U,2025-03-10,,Note: led the team's migration\n"
            "kim@example.org,Python,Example U,2025-03-10,,HTTPS://example.org/work/1\n")
    results = import_roster(sqlite_store, text, "r.csv")
    assert [bool(r.warning) for r in results] == [True, False, False]
    assert ("warning: r.csv:2: 'SQL': its evidence 'javascript:alert(1)' is no web address (http or https), so it was "
            "left out") in roster_summary("r.csv", results)
    learner = sqlite_store.learner_by_email("kim@example.org")
    assert {a.name: a.evidence for a in sqlite_store.awards(learner, details=True)} == {
        "SQL": [], "Git": ["Note: led the team's migration"], "Python": ["HTTPS://example.org/work/1"]}


def test_a_roster_badge_is_valid_through_its_expiry_day(store):
    # an expiry given as a day alone was that day's first moment: the badge read "expired" all its last day
    today = utcnow().date()
    issued, yesterday = today - dt.timedelta(days=30), today - dt.timedelta(days=1)
    results = import_roster(store, HEADER + f"ana@example.org,SQL,Example U,{issued},{today},\n"
                                            f"ana@example.org,Git,Example U,{issued},{yesterday},\n")
    assert [r.status for r in results] == ["unverified", "expired"]
    assert results[0].message == f"imported: SQL (issued {issued}, expires {today})"
    held = {a.name: (a.status, a.expires) for a in store.awards(store.learner_by_email("ana@example.org"))}
    assert held == {"SQL": ("unverified", dt.datetime.combine(today, dt.time.max, dt.UTC)),
                    "Git": ("expired", dt.datetime.combine(yesterday, dt.time.max, dt.UTC))}
    # (a badge issued at noon that expires the same day was refused as "expires ... is before issued")
    same_day = import_roster(store, HEADER + f"bo@example.org,SQL,Example U,{issued}T12:00:00Z,{issued},\n")
    assert same_day[0].status == "expired"


# --- taking back an award imported by mistake --------------------------------------------------


def test_a_corrected_date_warns_of_the_second_award_and_remove_takes_the_old_one_back(store):
    first = import_roster(store, HEADER + "ana@example.org,Data Visualisation,Example U,2026-03-02,,\n")[0]
    fixed = import_roster(store, HEADER + "ana@example.org,Data Visualisation,Example U,2026-03-12,,\n", "fix.csv")[0]
    learner = store.learner_by_email("ana@example.org")
    assert fixed.created and f"#{first.award_id} issued 2026-03-02" in fixed.warning
    assert f"admin badges remove {learner} {first.award_id}" in roster_summary("fix.csv", [fixed])
    assert import_roster(store, HEADER + "ana@example.org,SQL,Example U,2026-03-12,,\n")[0].warning is None

    removed = BadgeAdmin(store).remove("ana@example.org", [f"#{first.award_id}"], "console:staff")
    assert f"#{first.award_id} Data Visualisation (Example U, 2026-03-02)" in removed
    assert sorted(a.name for a in store.awards(learner)) == ["Data Visualisation", "SQL"]
    assert [a.issued.day for a in store.awards(learner) if a.name == "Data Visualisation"] == [12]


def test_remove_refuses_a_number_that_is_not_the_named_learners_and_removes_none(store):
    ana = import_roster(store, HEADER + "ana@example.org,SQL,U,2026-01-01,,\nana@example.org,Git,U,2026-01-02,,\n")
    bob = import_roster(store, HEADER + "bob@example.org,SQL,U,2026-01-01,,\n")[0]
    admin = BadgeAdmin(store)
    with pytest.raises(StoreError, match=f"holds no award {bob.award_id}"):
        admin.remove("ana@example.org", [str(ana[0].award_id), str(bob.award_id)], "console:staff")
    assert len(store.awards(store.learner_by_email("ana@example.org"))) == 2  # not even her own one went
    assert len(store.awards(store.learner_by_email("bob@example.org"))) == 1
    with pytest.raises(StoreError, match="'x1' is not an award number"):
        admin.remove("ana@example.org", ["x1"], "console:staff")
    with pytest.raises(StoreError, match="no learner is linked to 'zed@example.org'"):
        admin.remove("zed@example.org", ["1"], "console:staff")
    admin.remove("ana@example.org", [f"{ana[0].award_id},{ana[1].award_id}"], "console:staff")
    assert store.awards(store.learner_by_email("ana@example.org")) == []


async def test_staff_remove_in_chat_and_the_terminal(sqlite_store, cli_store, tmp_path, capsys, caplog):
    # in chat: `admin badges show` numbers the awards, `admin badges remove` takes one back
    import_roster(sqlite_store, HEADER + "ana@example.org,SQL,U,2026-01-01,,\n")
    admin, ask = BadgeAdmin(sqlite_store), Incoming(command="admin", text="badges", platform="slack", workspace="T1",
                                                   user="UBOSS")
    award = sqlite_store.awards(sqlite_store.learner_by_email("ana@example.org"))[0]
    shown = await admin(ask, ["show", "ana@example.org"])
    assert f"- #{award.id} SQL (U, 2026-01-01)" in shown.text and "admin badges remove" in shown.text
    removed = await admin(ask, ["remove", "ana@example.org", str(award.id)])
    assert removed.private and removed.text.startswith("Removed 1 award(s)")
    assert f"slack:T1/UBOSS removed award {award.id}" in caplog.text  # who took what back is logged
    again = await admin(ask, ["remove", "ana@example.org", str(award.id)])
    assert again.text.startswith("Nothing was changed") and f"holds no award {award.id}" in again.text

    path = tmp_path / "r.csv"
    path.write_text(HEADER + "kim@example.org,SQL,U,2026-01-01,,\n")
    assert main(["badges", "import", "--roster", str(path)]) == 0
    kim = cli_store.learner_by_email("kim@example.org")
    number = cli_store.awards(kim)[0].id
    assert main(["badges", "remove", "kim@example.org", str(number + 1)]) == 1
    assert "holds no award" in capsys.readouterr().err
    assert main(["badges", "remove", "kim@example.org", str(number)]) == 0
    assert "Removed 1 award(s)" in capsys.readouterr().out and cli_store.awards(kim) == []


def test_a_roster_without_an_expires_or_evidence_column_keeps_what_an_earlier_one_gave(store):
    # it wiped them: an expired badge became "unverified" and counted towards a pathway again
    full = HEADER + "ana@example.org,SQL,Example U,2024-01-01,2025-01-01,https://example.org/work\n"
    first = import_roster(store, full)[0]
    again = import_roster(store, "email,badge,issuer,issued\nana@example.org,SQL,Example U,2024-01-01\n")[0]
    assert again.award_id == first.award_id and not again.updated and again.message.startswith("already there")
    award = store.award(first.award_id)
    assert award.status == "expired" and award.expires.year == 2025 and award.evidence == ["https://example.org/work"]
    cleared = import_roster(store, HEADER + "ana@example.org,SQL,Example U,2024-01-01,,\n")[0]  # columns there, empty
    assert cleared.updated and store.award(first.award_id).expires is None


def test_an_award_reads_as_expired_once_its_date_passes_without_being_checked_again(store, monkeypatch):
    import datetime as dt

    import bot.badges.store as store_module

    award = import_roster(store, HEADER + "ana@example.org,SQL,Example U,2026-01-01,2027-01-01,\n")[0]
    assert store.award(award.award_id).status == "unverified"
    later = dt.datetime(2027, 6, 1, tzinfo=dt.UTC)
    monkeypatch.setattr(store_module, "utcnow", lambda: later)
    assert store.award(award.award_id).status == "expired"  # it stayed "unverified" and counted as held
    assert [a.status for a in store.awards(store.learner_by_email("ana@example.org"))] == ["expired"]


# --- who an award reaches ------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "why"), [
    ("slack:U456", "Slack ids are per workspace"), ("discord:<@123>", "not a name or a mention"),
    ("discord: 115", "has a space"), ("teams:abc", "names no platform"), ("slack:t1/u2", "in capitals"),
    ("discord:\uff11\uff12\uff13", "not a Discord user id"),  # full-width digits: imported, reaching no one
])
def test_a_user_id_no_chat_account_could_have_is_refused(text, why):
    # they were accepted, and the awards went to accounts that could never match anyone
    with pytest.raises(StoreError, match=why):
        Account.parse(text)
    assert str(Account.parse("Discord:99")) == "discord:99" and str(Account.parse("slack:T1/U2")) == "slack:T1/U2"


@pytest.mark.parametrize("address", ["mailto:ana@example.org", "ana@example.org.", "<ana@example.org>", "ana@localhost"])
def test_an_address_pasted_with_its_wrapping_is_refused(sqlite_store, address):
    with pytest.raises(StoreError, match="write the address alone"):
        import_roster(sqlite_store, f"email,badge,issuer,issued\n{address},SQL,U,2026-01-01\n")
    assert sqlite_store.learner_by_email("ana@example.org") is None


def test_every_warning_of_a_row_is_given_and_a_link_beside_any_other_account_is_one(sqlite_store, bundled_kb):
    # a pathway-name warning hid the link warning, and a Slack link beside a Discord one gave none
    import_roster(sqlite_store, "email,user,badge,issuer,issued\nana@example.org,discord:111,SQL,U,2026-01-01\n")
    row = "ana@example.org,slack:T1/U9,SQL Foundation,U,2026-01-02\n"
    result = import_roster(sqlite_store, "email,user,badge,issuer,issued\n" + row, "r.csv", bundled_kb.pathways)[0]
    summary = roster_summary("r.csv", [result])
    assert "warning: r.csv:2: 'SQL Foundation' is not a step of any pathway" in summary
    assert "warning: r.csv:2: slack:T1/U9 is now linked to learner" in summary and "already had discord:111" in summary


def test_a_linked_accounts_row_with_an_address_its_learner_lacks_is_refused(sqlite_store):
    """It joined the account's learner silently: with a mistyped user column, that learner then saw
    every later award to the address."""
    import_roster(sqlite_store, "email,user,badge,issuer,issued\nana@example.org,console:ana,SQL,U,2026-01-01\n")
    with pytest.raises(StoreError) as refused:
        import_roster(sqlite_store, "email,user,badge,issuer,issued\nnewguy@example.org,console:ana,Git,U,2026-01-02\n",
                      "typo.csv")
    assert "typo.csv:2: console:ana is linked to learner" in str(refused.value)
    assert "which does not have newguy@example.org" in str(refused.value)
    assert sqlite_store.learner_by_email("newguy@example.org") is None  # nothing written
    # the same person's other address, added first, is then fine
    BadgeAdmin(sqlite_store).link("console:ana", ["ana@example.org", "newguy@example.org"])
    import_roster(sqlite_store, "email,user,badge,issuer,issued\nnewguy@example.org,console:ana,Git,U,2026-01-02\n")
    assert len(sqlite_store.awards(sqlite_store.learner_by_email("ana@example.org"))) == 2


async def test_staff_can_name_a_chat_user_by_mention(sqlite_store):
    # "admin badges link <@U2> ana@example.org" said "'' is not a user id"
    admin = BadgeAdmin(sqlite_store)
    slack = Incoming(command="admin", text="badges", platform="slack", workspace="T1")
    linked = await admin(slack, ["link", "<@U2|ana>", "ana@example.org"])
    assert linked.text.startswith("Linked `slack:T1/U2`")
    discord = Incoming(command="admin", text="badges", platform="discord")
    assert (await admin(discord, ["link", "<@!1234>", "bo@example.org"])).text.startswith("Linked `discord:1234`")


async def test_a_link_beside_another_account_is_reported_and_unlink_undoes_it(sqlite_store, cli_store, capsys):
    # a typo in a roster's user column silently showed a stranger all of a learner's badges
    import_roster(sqlite_store, "email,user,badge,issuer,issued\nana@example.org,discord:111,SQL,U,2026-01-01\n")
    result = import_roster(sqlite_store, "email,user,badge,issuer,issued\nana@example.org,discord:999,Git,U,2026-01-02\n",
                           "typo.csv")[0]
    assert "discord:999 is now linked to learner" in result.warning and "already had discord:111" in result.warning
    assert "admin badges unlink discord:999" in result.warning
    admin, ask = BadgeAdmin(sqlite_store), Incoming(command="admin", text="badges")
    linked = await admin(ask, ["link", "discord:112", "ana@example.org"])
    assert "also has `discord:111`, `discord:999`" in linked.text
    shown = await admin(ask, ["show", "ana@example.org"])
    assert "Chat accounts: `discord:111`, `discord:999`, `discord:112`" in shown.text and "ana@example.org" in shown.text
    unlinked = await admin(ask, ["unlink", "discord:999"])
    assert unlinked.text.startswith("Unlinked `discord:999`")
    assert sqlite_store.learner_id(Account.parse("discord:999")) is None
    assert len(sqlite_store.awards(sqlite_store.learner_by_email("ana@example.org"))) == 2  # the badges stay
    again = await admin(ask, ["unlink", "discord:999"])
    assert again.text.startswith("Nothing was changed") and "not linked" in again.text

    # an account linked already, given only an address its learner does not have, is refused: linked
    # by mistake, that address (and every later award to it) joined the wrong learner
    refused = await admin(ask, ["link", "discord:111", "bob.new@example.org"])
    assert "already linked to learner" in refused.text and "unlink it first" in refused.text
    assert sqlite_store.learner_by_email("bob.new@example.org") is None
    # naming one of its addresses too adds the other: said, not "Linked" as if new
    again = await admin(ask, ["link", "discord:111", "ana@example.org", "bob.new@example.org"])
    assert again.text.startswith("`discord:111` was already linked to learner") and "added bob.new@example.org" in again.text
    assert main(["badges", "link", "--user", "discord:5", "--email", "kim@example.org"]) == 0
    assert main(["badges", "unlink", "--user", "discord:5"]) == 0
    assert "Unlinked `discord:5`" in capsys.readouterr().out and cli_store.learner_id(Account.parse("discord:5")) is None


async def test_a_wrong_address_is_taken_from_its_learner_and_a_later_award_to_it_goes_elsewhere(
        sqlite_store, cli_store, capsys):
    # there was no way to undo an address linked to the wrong learner: every later award to it showed there
    admin, ask = BadgeAdmin(sqlite_store), Incoming(command="admin", text="badges")
    await admin(ask, ["link", "discord:111", "ana@example.org", "bo@example.org"])  # bo's address, by mistake
    import_roster(sqlite_store, HEADER + "ana@example.org,SQL,U,2025-01-01,,\n")
    ana = sqlite_store.learner_by_email("ana@example.org")
    taken = await admin(ask, ["unlink", "Bo@Example.org"])
    assert taken.text.startswith(f"Took bo@example.org from learner {ana}")
    assert sqlite_store.emails(ana) == ["ana@example.org"] and len(sqlite_store.awards(ana)) == 1
    import_roster(sqlite_store, HEADER + "bo@example.org,Git,U,2025-02-01,,\n")
    bo = sqlite_store.learner_by_email("bo@example.org")
    assert bo not in (None, ana) and [a.name for a in sqlite_store.awards(ana)] == ["SQL"]
    # a learner's last way to be named stays: without it, their awards could never be listed again
    refused = await admin(ask, ["unlink", "bo@example.org"])
    assert refused.text.startswith("Nothing was changed") and f"only address of learner {bo}" in refused.text
    assert sqlite_store.learner_by_email("bo@example.org") == bo
    unknown = await admin(ask, ["unlink", "nobody@example.org"])
    assert "not an address of any learner" in unknown.text

    assert main(["badges", "link", "--user", "discord:5", "--email", "kim@example.org", "--email", "k@example.org"]) == 0
    assert main(["badges", "unlink", "--email", "k@example.org"]) == 0
    assert "Took k@example.org from learner" in capsys.readouterr().out
    assert cli_store.learner_by_email("k@example.org") is None and cli_store.learner_by_email("kim@example.org")
    assert main(["badges", "unlink", "--email", "not-an-address"]) == 2


def test_one_award_named_by_account_on_one_line_and_by_address_on_another_is_a_repeat(sqlite_store):
    # the last line silently won
    roster = ("email,user,badge,issuer,issued,expires\nana@example.org,discord:111,SQL,U,2025-01-01,2026-01-01\n"
              "ana@example.org,,SQL,U,2025-01-01,2030-01-01\n")
    message = _refusal(sqlite_store, roster, "mixed.csv")
    assert message.startswith("mixed.csv:3: the same award as mixed.csv:2")
    assert sqlite_store.learner_by_email("ana@example.org") is None  # nothing written


def test_a_removed_awards_number_is_never_given_to_another(store):
    # SQLite gave the highest number out again: "3" on a list shown before a removal (or "share it")
    # opened another badge
    first = import_roster(store, HEADER + "ana@example.org,SQL,U,2025-01-01,,\nana@example.org,Git,U,2025-01-02,,\n")
    store.remove_awards(store.learner_by_email("ana@example.org"), [first[1].award_id])
    later = import_roster(store, HEADER + "ana@example.org,Python,U,2025-01-03,,\n")[0]
    assert later.award_id > first[1].award_id


def test_a_row_with_a_cell_left_out_is_refused_not_shifted(sqlite_store):
    # the issuer cell is missing: its date would be stored as the issuer, and the award undated
    short = HEADER + "short@uni.example.edu,SQL,2025-04-02\n"
    message = _refusal(sqlite_store, short, "short.csv")
    assert message.startswith("short.csv:2: 3 fields but the header has 6 (no issued, expires, evidence)")
    assert sqlite_store.learner_by_email("short@uni.example.edu") is None
    # a quote left open makes a short row too: the open quote is what is named
    opened = _refusal(sqlite_store, HEADER + 'q@uni.example.edu,"SQL,U,2025-04-02,,\nr@uni.example.edu,Git,U,2025-04-02,,\n',
                      "open.csv")
    assert "has a line break in it (a quote left open?)" in opened and "fields but the header" not in opened
    # a header's trailing empty column (a spreadsheet's stray comma) needs no cell
    import_roster(sqlite_store, HEADER.rstrip("\n") + ",\n" + "full@uni.example.edu,SQL,U,2025-04-02,,\n")
    assert sqlite_store.learner_by_email("full@uni.example.edu") is not None


def test_a_badge_name_typed_with_two_spaces_is_the_same_badge(sqlite_store):
    # it was "1 new award(s)" beside the one already there, with no warning
    import_roster(sqlite_store, HEADER + "ana@example.org,SQL Foundations,Example U,2025-01-10,,\n")
    again = import_roster(sqlite_store, HEADER + "ana@example.org,SQL  Foundations,Example  U,2025-01-10,,\n")
    assert not again[0].created and len(sqlite_store.awards(sqlite_store.learner_by_email("ana@example.org"))) == 1
