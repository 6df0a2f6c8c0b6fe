"""`credbot badges ...` as scripts call it: stable JSON, clear errors, non-zero exits."""

from __future__ import annotations

import json

import pytest

from bot.cli import main
from tests.badges.issuing import Issuer


@pytest.fixture
def files(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cli.sqlite3'}")
    issuer = Issuer()
    good = tmp_path / "good.json"
    good.write_text(json.dumps(issuer.sign(issuer.credential(valid_until="2030-01-01T00:00:00Z"))))
    forged = issuer.sign(issuer.credential(number=2))
    forged["credentialSubject"]["achievement"]["name"] = "Forged"
    (tmp_path / "forged.json").write_text(json.dumps(forged))
    (tmp_path / "profile.json").write_text(json.dumps(issuer.profile()))
    expired = issuer.credential(number=3, valid_until="2024-12-31T00:00:00Z")
    (tmp_path / "expired.json").write_text(json.dumps(issuer.sign(expired)))
    (tmp_path / "notes.txt").write_text("just some notes")
    return tmp_path


def test_verify_json_fields(files, capsys):
    code = main(["badges", "verify", str(files / "good.json"), "--with", str(files / "profile.json"),
                 "--offline", "--json"])
    report = json.loads(capsys.readouterr().out)
    assert code == 0
    assert report["signature"] == "valid" and report["key"]["issuer_confirmed"] is True
    assert report["expired"] is False and report["expires"].startswith("2030-01-01")
    assert report["revoked"] is False and report["name"] == "SQL Foundations" and report["errors"] == []
    assert isinstance(report["format"], str) and report["issuer"] == "Test University"


def test_verify_exits_1_for_a_badge_that_cannot_be_relied_on(files, capsys):
    """A revoked or expired badge exited 0, as a good one does: a script could not tell them apart."""
    assert main(["badges", "verify", str(files / "expired.json"), "--with", str(files / "profile.json"),
                 "--offline"]) == 1
    assert "expired" in capsys.readouterr().out.lower()


def test_verify_errors(files, capsys):
    assert main(["badges", "verify", str(files / "forged.json"), "--with", str(files / "profile.json"),
                 "--offline", "--json"]) == 1
    assert json.loads(capsys.readouterr().out)["signature"] == "invalid"
    assert main(["badges", "verify", str(files / "notes.txt")]) == 2
    err = capsys.readouterr().err
    assert "notes.txt" in err and "not a badge" in err and "Traceback" not in err
    assert main(["badges", "verify", str(files / "missing.json")]) == 2
    assert main(["badges", "verify", str(files / "good.json"), "--with", str(files / "notes.txt")]) == 2
    assert "not a JSON document" in capsys.readouterr().err


def test_import_then_list(files, capsys):
    args = ["badges", "import", str(files / "good.json"), str(files / "forged.json"), "--user", "console:ana",
            "--with", str(files / "profile.json"), "--offline"]
    # issued to an address, for a learner with none on record: anyone's badge would do (it was "verified")
    assert main(args) == 1
    assert "learner 1 has none on record to check it against: give the learner's address with --email" in \
        capsys.readouterr().err
    assert main(["badges", "list", "--user", "console:ana", "--json"]) == 0 and json.loads(capsys.readouterr().out) == []
    args += ["--email", "ana@example.org"]
    assert main(args) == 1  # one of them was rejected
    out = capsys.readouterr()
    assert "imported: SQL Foundations (verified)" in out.out and "forged.json" in out.err
    assert main(args[:3] + args[4:-2]) == 0  # (the address is on record now)
    assert "already there" in capsys.readouterr().out
    assert main(["badges", "list", "--user", "console:ana", "--json"]) == 0
    awards = json.loads(capsys.readouterr().out)
    assert [(a["name"], a["status"]) for a in awards] == [("SQL Foundations", "verified")]
    assert {"name", "issuer", "issued", "expires", "status"} <= set(awards[0])
    assert main(["badges", "list", "--user", "console:nobody", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main(["badges", "import", str(files / "good.json")]) == 2


def test_roster_and_link_requests(files, capsys):
    roster = files / "roster.csv"
    roster.write_text("email,badge,issuer,issued,expires\nana@example.org,SQL Foundations,Example U,2024-01-02,\n")
    assert main(["badges", "import", "--roster", str(roster)]) == 0
    assert main(["badges", "link", "--user", "slack:T1/U1", "--email", "ana@example.org"]) == 0
    capsys.readouterr()
    assert main(["badges", "list", "--user", "slack:T1/U1", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["name"] == "SQL Foundations"


def test_an_import_says_which_evidence_it_left_out(files, capsys):
    issuer = Issuer()
    credential = issuer.credential(number=4)
    credential["evidence"] = ["javascript:alert(1)", "https://example.org/portfolio/1"]
    (files / "evidence.json").write_text(json.dumps(issuer.sign(credential)))
    (files / "profile.json").write_text(json.dumps(issuer.profile()))
    assert main(["badges", "import", str(files / "evidence.json"), "--user", "console:ana", "--email",
                 "ana@example.org", "--with", str(files / "profile.json"), "--offline"]) == 0
    out = capsys.readouterr().out
    assert "imported: SQL Foundations (verified)" in out
    assert (f"{files / 'evidence.json'}: warning: its evidence 'javascript:alert(1)' is no web address (http or "
            "https), so it was left out") in out
