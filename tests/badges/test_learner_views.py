"""Staff's views of the learners they manage: `badges learners` (and `admin badges learners` in chat),
`badges list --email`, and `badges export`, whose CSV `badges import --roster` reads back into the
same awards. Real SQLite files (and PostgreSQL where the `store` fixture offers it)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot import database
from bot.badges.fetch import Fetcher
from bot.badges.importing import import_bytes, import_roster
from bot.badges.openbadges import UNKNOWN_ISSUER
from bot.badges.roster_csv import for_spreadsheet, from_spreadsheet, roster_row
from bot.badges.store import Account, AwardView, BadgeStore, LearnerView
from bot.cli import main
from bot.engine import Engine
from bot.messages import Incoming
from bot.settings import Settings
from bot.staff.badge_admin import BadgeAdmin
from bot.staff.commands import StaffTools
from tests.badges.issuing import Issuer

# a roster with what spreadsheets and people put in one: formulas, a leading minus or plus, an
# apostrophe, a comma, quotes, accents, two spaces (read as one), a timestamp, no issuer, no issue date
TRICKY = (
    "email,user,badge,issuer,issued,expires,evidence\n"
    "ana@example.org,slack:T1/U1,SQL Foundations,Example University,2025-03-01,2027-03-01,https://example.org/ana\n"
    'ana@example.org,,"=HYPERLINK(""http://evil.example/"",""x"")",+Plus Academy,2025-04-02,,@mention here\n'
    '-bo@example.org,,"Data Analysis, Level 1",-Minus Institute,2025-05-03T10:30:00Z,,\'Tis the season\n'
    ",discord:1234,'=already marked,,2024-12-01,2025-01-01,\n"
    'carla@example.org,,"Ciência ""de"" Dados",Universidade Exemplo,2025-06-01,,\n'
    "carla@example.org,,Big  Data,Example University,,,\n"
)
FORMULA_START = ("=", "+", "-", "@")


@pytest.fixture
def cli_db(tmp_path, monkeypatch):
    """Point `credbot badges ...` at a database of the test's own; `open(name)` switches to another
    one (an empty database to import an export into) and returns its store."""
    engines = []

    def open_db(name: str) -> BadgeStore:
        url = f"sqlite:///{tmp_path / name}"
        monkeypatch.setenv("DATABASE_URL", url)
        engine = database.create(url)
        database.upgrade(engine)
        engines.append(engine)
        return BadgeStore(engine)

    yield open_db
    for engine in engines:
        engine.dispose()


def _holdings(store: BadgeStore) -> dict[tuple, list[tuple]]:
    """Every learner's awards as staff see them, keyed by the learner's address and chat account."""
    found, _total = store.learners()
    return {(view.emails, tuple(map(str, view.accounts))):
            sorted((a.name, a.issuer, a.issued, a.expires, a.status, tuple(a.evidence))
                   for a in store.every_award(view.id))
            for view in found if view.awards}


def _cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


# --- learners --------------------------------------------------------------------------------


def test_learners_match_an_address_an_account_or_a_badge_name_in_any_case(store):
    import_roster(store, TRICKY)
    everyone, total = store.learners()
    assert total == 4 and [v.id for v in everyone] == sorted(v.id for v in everyone)
    ana, bo, discord, carla = everyone
    assert ana.emails == ("ana@example.org",) and ana.accounts == (Account.parse("slack:T1/U1"),) and ana.awards == 2
    assert bo.accounts == ()  # the stand-in a roster gives an address alone is no chat account
    assert discord.emails == () and discord.accounts == (Account("discord", "", "1234"),)
    assert (carla.emails, carla.awards) == (("carla@example.org",), 2)

    def ids(text: str) -> list[int]:
        return [v.id for v in store.learners(text)[0]]

    assert ids("EXAMPLE.ORG") == [ana.id, bo.id, carla.id]
    assert ids("t1/u1") == ids("SLACK:T1") == [ana.id]  # the account as `platform:user` is written
    assert ids("Discord:12") == [discord.id]
    assert ids("sql") == [ana.id] and ids("DATA") == [bo.id, carla.id]
    assert ids("email:") == []  # (the stand-in account is not searched either)
    assert ids("%") == ids("_") == ids("zzz") == []  # matched literally, no wildcards
    assert ids("  data  ") == ids("data")


def test_learners_are_paged_by_number_with_the_count_of_all_that_match(store, monkeypatch):
    roster = "email,badge,issued\n" + "".join(f"l{n}@example.org,SQL,2025-01-01\n" for n in range(7))
    import_roster(store, roster)
    first, total = store.learners("example", limit=3)
    rest, again = store.learners("example", limit=3, offset=3)
    assert total == again == 7 and len(first) == 3 and len(rest) == 3
    assert [v.emails[0] for v in first + rest] == [f"l{n}@example.org" for n in range(6)]
    assert store.learner(first[0].id) == first[0] and store.learner(99999) is None
    monkeypatch.setattr("bot.badges.store._IDS_A_QUERY", 2)  # a long list is read a few learners at a time
    everyone, _total = store.learners()
    assert [(v.emails, v.awards) for v in everyone] == [((f"l{n}@example.org",), 1) for n in range(7)]


@pytest.fixture
def staffed(db, bundled_kb):
    store = BadgeStore(db)
    engine = Engine(bundled_kb)
    engine.staff = StaffTools(Settings(CREDBOT_STAFF="slack:T1/UBOSS"), db, engine, badges=BadgeAdmin(store))
    return engine, store


BOSS = {"platform": "slack", "workspace": "T1", "user": "UBOSS"}


async def _admin(engine: Engine, text: str, **who: str) -> str:
    return (await engine.handle(Incoming(command="admin", text=text, **(who or BOSS)))).text


async def test_admin_badges_learners_in_chat(staffed):
    engine, store = staffed
    assert (await _admin(engine, "badges learners")).startswith("No learners yet")
    import_roster(store, TRICKY)
    ana = store.learner_by_email("ana@example.org")
    found = await _admin(engine, "badges learners SQL")
    assert found.splitlines() == [
        "1 learner(s) matching 'SQL', by number:",
        f"- Learner {ana}: ana@example.org; `slack:T1/U1`; 2 award(s)",
        "A learner's awards: `admin badges show <number>`."]
    assert "matching 'ciência \"de\"'" in await _admin(engine, 'badges learners ciência "de"')  # words, as typed
    # quotes around the whole search are a shell habit (staff commands take quoted words)
    assert "1 learner(s) matching 'SQL Foundations'" in await _admin(engine, 'badges learners "SQL Foundations"')
    assert await _admin(engine, "badges learners nobody") == (
        "No learner has an address, chat account or badge name containing 'nobody'.")
    refused = await _admin(engine, "badges learners", platform="slack", workspace="T1", user="U1")
    assert "only for the people who look after credbot" in refused and "ana@example.org" not in refused
    import_roster(store, "email,badge,issued\n" + "".join(f"x{n}@example.org,SQL,2025-01-01\n" for n in range(30)))
    capped = (await _admin(engine, "badges learners")).splitlines()
    assert capped[0] == "34 learner(s), by number:" and len([line for line in capped if line.startswith("- ")]) == 20
    assert capped[-2].startswith("... and 14 more: narrow it")


def test_cli_learners_lists_by_number_and_caps(cli_db, capsys):
    store = cli_db("cli.sqlite3")
    import_roster(store, TRICKY)
    assert main(["badges", "learners", "data", "analysis"]) == 0  # the words are one text
    assert main(["badges", "learners", "example", "--limit", "1"]) == 0
    both = capsys.readouterr().out.split("A learner's awards")
    assert "1 learner(s) matching 'data analysis'" in both[0] and "-bo@example.org; no chat account" in both[0]
    assert "3 learner(s) matching 'example'" in both[1] and both[1].count("- Learner") == 1
    assert "... and 2 more" in both[1]
    assert main(["badges", "learners", "--limit", "0"]) == 0
    assert capsys.readouterr().out.count("- Learner") == 4
    assert main(["badges", "learners", "nobody"]) == 0
    assert "No learner has" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main(["badges", "learners", "--limit", "-1"])


def test_a_learner_number_past_any_integer_or_an_empty_one_is_refused_plainly(cli_db, capsys):
    """Each was an overflow traceback, and an empty --learner exported every learner."""
    import_roster(cli_db("big.sqlite3"), TRICKY)
    huge = "99999999999999999999"
    assert main(["badges", "remove", huge, "1"]) == 1
    assert main(["badges", "export", "--learner", huge]) == 1
    assert main(["badges", "export", "--learner", ""]) == 2
    err = capsys.readouterr().err
    assert err.count(f"no learner is linked to '{huge}'") == 2 and "--learner is empty" in err
    assert "Traceback" not in err
    with pytest.raises(SystemExit):
        main(["badges", "learners", "--limit", huge])


# --- list by address -------------------------------------------------------------------------


def test_list_takes_an_email_address_as_well_as_an_account(cli_db, capsys):
    store = cli_db("cli.sqlite3")
    import_roster(store, TRICKY)
    assert main(["badges", "list", "--email", "ANA@example.org", "--json"]) == 0
    by_address = json.loads(capsys.readouterr().out)
    assert main(["badges", "list", "--user", "slack:T1/U1", "--json"]) == 0
    assert by_address == json.loads(capsys.readouterr().out) and len(by_address) == 2
    assert main(["badges", "list", "--email=-bo@example.org"]) == 0
    assert "Data Analysis, Level 1\t-Minus Institute" in capsys.readouterr().out
    assert main(["badges", "list", "--email", "nobody@example.org"]) == 0
    assert capsys.readouterr().out == "no learner has the address nobody@example.org\n"
    assert main(["badges", "list", "--email", "<ana@example.org>"]) == 2
    assert "not an e-mail address" in capsys.readouterr().err
    assert main(["badges", "list", "--user", "ana@example.org"]) == 2
    assert "an e-mail address goes in --email" in capsys.readouterr().err
    with pytest.raises(SystemExit):  # one or the other
        main(["badges", "list", "--user", "slack:T1/U1", "--email", "ana@example.org"])


# --- export ----------------------------------------------------------------------------------


def test_export_then_import_into_an_empty_database_gives_the_same_awards(cli_db, tmp_path, capsys):
    source = cli_db("source.sqlite3")
    import_roster(source, TRICKY)
    out = tmp_path / "awards.csv"
    assert main(["badges", "export", "-o", str(out)]) == 0
    assert capsys.readouterr().out == f"exported 6 award(s) of 4 learner(s) to {out}\n"
    written = out.read_bytes().decode("utf-8")
    assert written.startswith("\ufeff")  # for Excel
    assert out.stat().st_mode & 0o077 == 0  # learners' addresses: readable by the operator alone
    cells = _cells(written)
    assert cells[0] == ["email", "user", "badge", "issuer", "issued", "expires", "evidence"]
    assert not [cell for row in cells for cell in row if cell.startswith(FORMULA_START)]
    assert ["ana@example.org", "slack:T1/U1", "'=HYPERLINK(\"http://evil.example/\",\"x\")", "'+Plus Academy",
            "2025-04-02", "", "'@mention here"] in cells
    assert ["'-bo@example.org", "", "Data Analysis, Level 1", "'-Minus Institute", "2025-05-03T10:30:00+00:00", "",
            "''Tis the season"] in cells
    assert ["", "discord:1234", "'=already marked", "", "2024-12-01", "2025-01-01", ""] in cells
    assert main(["badges", "export"]) == 0  # the same to standard output, the summary aside
    printed = capsys.readouterr()
    assert printed.out == written.removeprefix("\ufeff") and "exported 6 award(s)" in printed.err

    target = cli_db("empty.sqlite3")
    assert main(["badges", "import", "--roster", str(out)]) == 0
    assert "6 new award(s)" in capsys.readouterr().out
    assert _holdings(target) == _holdings(source)
    assert {a.name for view in target.learners()[0] for a in target.every_award(view.id)} >= {
        '=HYPERLINK("http://evil.example/","x")', "=already marked", 'Ciência "de" Dados', "Big Data"}

    cli_db("source.sqlite3")  # into the database it came from: every row is the award it was
    assert main(["badges", "import", "--roster", str(out)]) == 0
    assert "6 row(s), 0 new award(s), 6 already there" in capsys.readouterr().out


def test_export_of_one_learner(cli_db, capsys):
    store = cli_db("cli.sqlite3")
    import_roster(store, TRICKY)
    for who in ("slack:T1/U1", "ANA@example.org", str(store.learner_by_email("ana@example.org"))):
        assert main(["badges", "export", "--learner", who]) == 0
        rows = _cells(capsys.readouterr().out)[1:]
        assert [row[2] for row in rows] == ["SQL Foundations", "'=HYPERLINK(\"http://evil.example/\",\"x\")"]
        assert {(row[0], row[1]) for row in rows} == {("ana@example.org", "slack:T1/U1")}
    assert main(["badges", "export", "--learner", "nobody@example.org"]) == 1
    assert "no learner is linked to 'nobody@example.org'" in capsys.readouterr().err
    assert main(["badges", "export", "--learner", "slack:U1"]) == 2
    assert main(["badges", "export", "-o", "/nonexistent/folder/awards.csv"]) == 1
    assert "cannot write" in capsys.readouterr().err


def test_export_says_what_a_roster_cannot_carry(cli_db, capsys):
    store = cli_db("cli.sqlite3")
    import_roster(store, "user,badge,issued\ndiscord:55,Lost Badge,2025-01-01\n")
    store.unlink(Account.parse("discord:55"))  # their only way to be named
    import_roster(store, TRICKY)
    store.ensure_learner(Account.parse("slack:T1/U1"), ["ana.home@example.org"])  # a second address
    issuer = Issuer()
    signed = json.dumps(issuer.sign(issuer.credential("Verified SQL"))).encode()
    learner = store.learner_by_email("ana@example.org")
    assert import_bytes(store, learner, signed, "sql.json", Fetcher([issuer.profile()], offline=True)).ok
    assert main(["badges", "export"]) == 0
    printed = capsys.readouterr()
    badges = [row[2] for row in _cells(printed.out)[1:]]
    assert "Verified SQL" in badges and "Lost Badge" not in badges and len(badges) == 7
    assert "note: 1 award(s) left out: their learner has no e-mail address or chat account" in printed.err
    assert "note: 1 learner(s) have more than one address or chat account" in printed.err
    assert "note: 1 award(s) came from badge files, Badgr or Credly" in printed.err


def test_a_roster_row_keeps_one_line_per_cell_and_an_unknown_issuer_empty():
    award = AwardView(id=1, learner_id=1, name="Peer\r\nMentor", issuer=UNKNOWN_ISSUER, issuer_url=None,
                      issued=None, expires=None, status="unverified", revoked=False, revocation_reason=None,
                      format="x", credential_id=None, evidence=["Led a study group\n\nfor a term.", "https://e.x/1"])
    whose = LearnerView(1, ("a@example.org", "b@example.org"), (Account.parse("discord:1"),), 1)
    assert roster_row(award, whose) == {"email": "a@example.org", "user": "discord:1", "badge": "Peer Mentor",
                                        "issuer": "", "issued": "", "expires": "",
                                        "evidence": "Led a study group for a term.; https://e.x/1"}


def test_a_roster_row_gives_an_expiry_as_the_day_it_is_read_back_as():
    """An expiry day is read as that day's end (valid through it): written as the day, and any other
    moment (a badge's own midnight) as itself, so that the row imports back into the same expiry."""
    import datetime as dt

    whose = LearnerView(1, ("a@example.org",), (), 1)

    def expires(moment: dt.datetime) -> str:
        award = AwardView(id=1, learner_id=1, name="SQL", issuer="U", issuer_url=None,
                          issued=dt.datetime(2024, 1, 2, tzinfo=dt.UTC), expires=moment, status="unverified",
                          revoked=False, revocation_reason=None, format="x", credential_id=None)
        row = roster_row(award, whose)
        assert row["issued"] == "2024-01-02"
        return row["expires"]

    assert expires(dt.datetime.combine(dt.date(2025, 1, 1), dt.time.max, dt.UTC)) == "2025-01-01"
    assert expires(dt.datetime(2025, 1, 1, tzinfo=dt.UTC)) == "2025-01-01T00:00:00+00:00"


# --- the spreadsheet mark --------------------------------------------------------------------


@given(st.text())
def test_the_spreadsheet_mark_is_never_a_formula_and_reads_back_exactly(value):
    marked = for_spreadsheet(value)
    assert not marked.startswith(FORMULA_START)
    assert from_spreadsheet(marked) == value


def test_a_roster_reads_a_cell_marked_as_text_without_its_mark(store):
    import_roster(store, "email,badge,issuer,issued,evidence\n"
                         "'+plus@example.org,'=1+1,'@Home Academy,2025-01-01,''quoted\n"
                         "ana@example.org,'Tis a badge,'Example,2025-01-01,'-\n")
    plus = store.learner_by_email("+plus@example.org")
    assert plus is not None and store.learner_by_email("'+plus@example.org") is None
    [award] = store.every_award(plus)
    assert (award.name, award.issuer, award.evidence) == ("=1+1", "@Home Academy", ["'quoted"])
    [other] = store.every_award(store.learner_by_email("ana@example.org"))
    assert (other.name, other.issuer, other.evidence) == ("'Tis a badge", "'Example", ["-"])
