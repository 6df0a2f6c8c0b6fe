"""`credbot badges ...`: verify a file, import badges, list a learner's awards, verify again, and
the staff chores (learners, export, link, merge, remove).

Scripts use these: keep the options and the JSON fields stable. Exit status: 0 done, 1 a badge
that fails verification (invalid, revoked or expired) or a rejected import, 2 bad input (no badge,
unreadable file, bad option).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any


def add_parser(sub: Any) -> None:
    badges = sub.add_parser("badges", help="earned badges: verify, import, list")
    bsub = badges.add_subparsers(dest="badges_command", required=True)

    def fetch_options(p: argparse.ArgumentParser) -> None:
        p.add_argument("--with", dest="with_docs", action="append", default=[], metavar="DOC",
                       help="a document (issuer profile, badge class, key, revocation or status list) used "
                            "instead of fetching its id; may be repeated")
        p.add_argument("--offline", action="store_true", help="never fetch anything")

    verify = bsub.add_parser("verify", help="verify a badge file (JSON, JWS, PNG, SVG) and explain it")
    verify.add_argument("path")
    fetch_options(verify)
    verify.add_argument("--email", action="append", default=[], help="a recipient e-mail address to match")
    verify.add_argument("--json", action="store_true", help="print the report as one JSON object")
    verify.set_defaults(func=cmd_verify)

    imp = bsub.add_parser("import", help="import badge files, a Badgr backpack or a Credly profile for a "
                                        "learner, or a staff roster")
    imp.add_argument("paths", nargs="*", metavar="PATH")
    imp.add_argument("--user", help="the learner's chat account, platform:user-id (e.g. slack:T1/U2)")
    imp.add_argument("--email", action="append", default=[], help="an e-mail address of the learner")
    imp.add_argument("--roster", metavar="FILE.csv",
                     help="a CSV of awards: email or user, badge, issuer, issued, expires, evidence")
    imp.add_argument("--badgr-token", metavar="TOKEN",
                     help="import the learner's Badgr / Canvas Credentials backpack with this access token")
    imp.add_argument("--badgr-user", metavar="EMAIL",
                     help="sign in to Badgr with this e-mail address instead of giving a token; the password "
                          "is asked for (or read from BADGR_PASSWORD) and kept nowhere")
    imp.add_argument("--badgr-url", metavar="URL", help="the Badgr API server (default https://api.badgr.io, "
                                                        "or CREDBOT_BADGES_BADGR_URL)")
    imp.add_argument("--credly", metavar="USERNAME", help="import the badges on this public Credly profile")
    imp.add_argument("--credly-url", metavar="URL", help="the Credly server (default https://www.credly.com, "
                                                         "or CREDBOT_BADGES_CREDLY_URL)")
    fetch_options(imp)
    imp.set_defaults(func=cmd_import)

    lst = bsub.add_parser("list", help="a learner's awards, newest first")
    whose = lst.add_mutually_exclusive_group(required=True)
    whose.add_argument("--user", help="the learner's chat account, platform:user-id")
    whose.add_argument("--email", help="an e-mail address of the learner")
    lst.add_argument("--json", action="store_true", help="a JSON array, one object per award")
    lst.set_defaults(func=cmd_list)

    learners = bsub.add_parser("learners", help="the learners by number, with addresses, chat accounts and award "
                                                "counts (staff)")
    learners.add_argument("text", nargs="*", help="only those whose address, chat account or badge name contains "
                                                  "this (any case)")
    learners.add_argument("--limit", type=_count, default=LEARNERS_LISTED,
                          help=f"list at most this many (default {LEARNERS_LISTED}; 0 lists them all)")
    learners.set_defaults(func=cmd_learners)

    export = bsub.add_parser("export", help="the awards as a roster CSV, the one `import --roster` reads (staff)")
    export.add_argument("--learner", metavar="EMAIL_OR_ACCOUNT",
                        help="only this learner's: an e-mail address, platform:user-id or learner number")
    export.add_argument("-o", "--output", metavar="FILE", help="write the CSV to FILE (default: standard output)")
    export.set_defaults(func=cmd_export)

    again = bsub.add_parser("reverify", help="verify stored awards again and record what changed")
    again.add_argument("--user", help="only this learner (platform:user-id)")
    fetch_options(again)
    again.set_defaults(func=cmd_reverify)

    link = bsub.add_parser("link", help="link a chat account to a learner by e-mail (staff)")
    link.add_argument("--user", required=True, help="platform:user-id")
    link.add_argument("--email", action="append", default=[], required=True, help="the learner's e-mail address")
    link.set_defaults(func=cmd_link)

    merge = bsub.add_parser("merge", help="make two learner records of one person one (staff)")
    merge.add_argument("source", help="the learner to fold in: its number, an e-mail address or platform:user-id")
    merge.add_argument("target", help="the learner that stays, named the same ways")
    merge.set_defaults(func=cmd_merge)

    unlink = bsub.add_parser("unlink", help="detach a chat account linked to a learner by mistake, or take a wrong "
                                             "address from its learner (staff)")
    which = unlink.add_mutually_exclusive_group(required=True)
    which.add_argument("--user", help="platform:user-id")
    which.add_argument("--email", help="an e-mail address")
    unlink.set_defaults(func=cmd_unlink)

    remove = bsub.add_parser("remove", help="remove awards imported by mistake (staff)")
    remove.add_argument("learner", help="whose awards: the learner's number, an e-mail address or platform:user-id")
    remove.add_argument("awards", nargs="+", help="award numbers, as `badges list` or `admin badges show` gives them")
    remove.set_defaults(func=cmd_remove)

    requests = bsub.add_parser("requests", help="chat accounts waiting to be linked to a learner")
    requests.add_argument("--json", action="store_true")
    requests.set_defaults(func=cmd_requests)


FAILS = frozenset({"invalid", "revoked", "expired"})  # the verdicts `verify` exits 1 on: the badge cannot be relied on
LEARNERS_LISTED = 50  # `badges learners` in a terminal, where a longer list than in chat still reads well
log = logging.getLogger(__name__)


def _count(text: str) -> int:
    """A number of lines to list: 0 (all) to a million."""
    if not re.fullmatch(r"[0-9]{1,7}", text) or int(text) > 1_000_000:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of learners from 0 (all) to 1000000")
    return int(text)


def _fail(message: str, code: int = 2) -> int:
    print(f"credbot badges: {message}", file=sys.stderr)
    return code


def _fetcher(args: argparse.Namespace):
    from bot.badges.fetch import Fetcher
    from bot.badges.settings import BadgeSettings

    settings = BadgeSettings()
    docs = []
    for name in args.with_docs:
        try:
            docs.append(json.loads(Path(name).read_text(encoding="utf-8-sig")))
        except OSError as exc:
            raise ValueError(f"--with {name}: cannot read it ({exc.strerror or exc})") from None
        except ValueError as exc:
            raise ValueError(f"--with {name}: not a JSON document ({exc})") from None
    return Fetcher(docs, offline=args.offline or settings.offline, timeout=settings.http_timeout,
                   max_bytes=settings.max_bytes, private_hosts=settings.private_hosts)


def _store():
    from bot import database
    from bot.badges.store import BadgeStore
    from bot.settings import Settings

    db = database.create(Settings().database_url)
    database.upgrade(db)
    return BadgeStore(db)


def cmd_verify(args: argparse.Namespace) -> int:
    from bot.badges.openbadges import NotABadge
    from bot.badges.verify import verify_bytes

    try:
        fetcher = _fetcher(args)
        data = Path(args.path).read_bytes()
    except ValueError as exc:
        return _fail(str(exc))
    except OSError as exc:
        return _fail(f"cannot read {args.path} ({exc.strerror or exc})")
    try:
        _, report = verify_bytes(data, fetcher, emails=args.email, name=args.path)
    except NotABadge as exc:
        return _fail(str(exc))
    if args.json:
        print(json.dumps(report.as_dict(), ensure_ascii=False))
    else:
        s = report.summary
        print(f"{s.name} from {s.issuer_name}: {report.status}")
        print(f"format: {report.format}")
        for line in report.plain_words():
            print(f"  {line}")
    return 1 if report.status in FAILS else 0


def cmd_import(args: argparse.Namespace) -> int:
    from bot.badges.importing import import_files
    from bot.badges.store import Account, StoreError

    sources = [name for name, given in (("PATH", args.paths), ("--roster", args.roster),
                                        ("--badgr-token", args.badgr_token), ("--badgr-user", args.badgr_user),
                                        ("--credly", args.credly)) if given]
    if len(sources) > 1:
        return _fail(f"import one kind of source at a time, not {' and '.join(sources)}")
    if args.roster:
        if args.user or args.email:
            return _fail("--roster imports a CSV on its own: give no --user or --email with it "
                         "(the CSV's email and user columns say whose each award is)")
        return _import_roster(args.roster)
    if not sources:
        return _fail("give the badge files to import, --badgr-token (or --badgr-user), --credly USERNAME "
                     "or --roster FILE.csv")
    if not args.user:
        return _fail("--user platform:user-id is required: whose badges are these?")
    try:
        account = Account.parse(args.user)
        fetcher = _fetcher(args)
    except (StoreError, ValueError) as exc:
        return _fail(str(exc))
    if args.badgr_token or args.badgr_user or args.credly:
        return _import_service(args, account, fetcher)
    try:
        results = import_files(_store(), account, [Path(p) for p in args.paths], fetcher, args.email)
    except StoreError as exc:
        return _fail(str(exc), 1)
    _print_results(results)
    return 0 if all(r.ok for r in results) else 1


def _print_results(results: list[Any]) -> None:
    """One line per badge imported or rejected (rejections on stderr), and what to look at in one imported."""
    for result in results:
        print(f"{result.name}: {result.message}", file=sys.stdout if result.ok else sys.stderr)
        if result.warning:
            print(f"{result.name}: warning: {result.warning}")


def _import_roster(path: str) -> int:
    """A staff roster: checked whole, then written in one transaction, so a refusal or Ctrl-C
    leaves the store as it was (and says so)."""
    from bot.badges.importing import import_roster, roster_summary, roster_text
    from bot.badges.store import StoreError

    try:
        text = roster_text(Path(path).read_bytes(), path)
    except OSError as exc:
        return _fail(f"cannot read {path} ({exc.strerror or exc})")
    except StoreError as exc:
        return _fail(str(exc))
    try:
        results = import_roster(_store(), text, path, _pathways())
    except StoreError as exc:
        return _fail(f"nothing imported:\n{exc}", 1)
    except KeyboardInterrupt:
        return _fail("interrupted: nothing imported", 130)
    for result in results:
        print(f"{result.name}: {result.message}")
    print(roster_summary(path, results))
    return 0


def _pathways() -> list:
    """The configured knowledge base's pathways, to check roster names against; none when it does
    not load (`credbot kb check` says why, and the import itself does not depend on it)."""
    from bot.settings import Settings
    from knowledge.loader import KnowledgeError, knowledge_dir, load_knowledge

    try:
        return list(load_knowledge(Settings().knowledge_dir or knowledge_dir()).pathways)
    except KnowledgeError:
        return []


def _badgr_password() -> str:
    """BADGR_PASSWORD (for scripts), else asked at the terminal without echo; never a command-line
    argument, which other users of the machine could read in the process list."""
    import getpass
    import os

    from bot.badges.remote import ServiceError

    try:
        return os.environ.get("BADGR_PASSWORD") or getpass.getpass("Badgr password: ")
    except (EOFError, KeyboardInterrupt):
        raise ServiceError("no Badgr password was given") from None


def _import_service(args: argparse.Namespace, account: Any, fetcher: Any) -> int:
    """A Badgr backpack or a Credly profile: read it whole, verify each badge, store it in one go."""
    from bot.badges import badgr, credly
    from bot.badges.importing import import_found
    from bot.badges.remote import ServiceError
    from bot.badges.settings import BadgeSettings
    from bot.badges.store import StoreError

    settings = BadgeSettings()
    try:
        if args.badgr_token or args.badgr_user:
            name = "the Badgr backpack"
            url = args.badgr_url or settings.badgr_url
            token = args.badgr_token or badgr.sign_in(fetcher, args.badgr_user, _badgr_password(), url)
            found = badgr.backpack(fetcher, token, url)
        else:
            name = f"the Credly profile {args.credly}"
            found = credly.profile(fetcher, args.credly, args.credly_url or settings.credly_url)
        results = import_found(_store(), account, found, fetcher, args.email)
    except (ServiceError, StoreError) as exc:
        return _fail(f"nothing imported: {exc}", 1)
    _print_results(results)
    done = sum(1 for r in results if r.ok)
    print(f"{name}: {done} badge(s) imported or refreshed, {len(results) - done} rejected")
    return 0 if all(r.ok for r in results) else 1


def cmd_list(args: argparse.Namespace) -> int:
    from bot.badges.store import Account, StoreError, checked_emails

    try:
        who = checked_emails([args.email])[0] if args.email else Account.parse(args.user)
    except StoreError as exc:
        hint = " (an e-mail address goes in --email)" if args.user and "@" in args.user and ":" not in args.user else ""
        return _fail(f"{exc}{hint}")
    store = _store()
    learner = store.learner_by_email(who) if isinstance(who, str) else store.learner_id(who)
    awards = store.awards(learner) if learner is not None else []
    if args.json:
        print(json.dumps([a.as_dict() for a in awards], ensure_ascii=False))
        return 0
    if learner is None:
        print(f"no learner has the address {who}" if isinstance(who, str) else f"{who} is not linked to a learner yet")
        return 0
    for award in awards:
        issued = f"{award.issued:%Y-%m-%d}" if award.issued else "-"
        expires = f"{award.expires:%Y-%m-%d}" if award.expires else "-"
        print(f"{award.id}\t{award.status}\t{issued}\t{expires}\t{award.name}\t{award.issuer}")
    return 0


def cmd_reverify(args: argparse.Namespace) -> int:
    from bot.badges.importing import reverify
    from bot.badges.store import Account, StoreError

    try:
        fetcher = _fetcher(args)
        account = Account.parse(args.user) if args.user else None
    except (StoreError, ValueError) as exc:
        return _fail(str(exc))
    store = _store()
    learner = store.learner_id(account) if account else None
    if account is not None and learner is None:
        return _fail(f"{account} is not linked to a learner")
    checked, changes = reverify(store, fetcher, learner)
    for change in changes:
        print(f"{change.award_id}\t{change.name}\t{change.old} -> {change.new}")
    print(f"checked {checked} award(s), {len(changes)} changed")
    return 0


def cmd_link(args: argparse.Namespace) -> int:
    from bot.badges.store import Account, StoreError, checked_emails

    try:  # (the words are checked first, for exit status 2 as with every other bad input)
        account, emails = Account.parse(args.user), checked_emails(args.email)
    except StoreError as exc:
        return _fail(str(exc))
    return _as_staff(lambda admin, _by: admin.link(str(account), emails))


def _as_staff(chore: Callable[[Any, str], str]) -> int:
    """A staff chore in the terminal, in the words it has in chat (`BadgeAdmin`, given the store and
    the operator's identity for its log); a refusal is exit status 1."""
    from bot.badges.store import StoreError
    from bot.staff.access import operator_identity
    from bot.staff.badge_admin import BadgeAdmin

    try:
        print(chore(BadgeAdmin(_store()), operator_identity()))
    except StoreError as exc:
        return _fail(str(exc), 1)
    return 0


def cmd_merge(args: argparse.Namespace) -> int:
    return _as_staff(lambda admin, _by: admin.merge(args.source, args.target))


def cmd_unlink(args: argparse.Namespace) -> int:
    if args.email is not None:
        from bot.badges.store import StoreError, checked_emails

        try:  # (checked first: a bad address is exit status 2, as with every other bad input)
            email = checked_emails([args.email])[0]
        except StoreError as exc:
            return _fail(str(exc))
        return _as_staff(lambda admin, by: admin.unlink(email, by))
    return _as_staff(lambda admin, by: admin.unlink(args.user, by))


def cmd_remove(args: argparse.Namespace) -> int:
    return _as_staff(lambda admin, by: admin.remove(args.learner, args.awards, by))


def cmd_learners(args: argparse.Namespace) -> int:
    """The list staff pick a learner's number from, in the words `admin badges learners` uses."""
    text = " ".join(args.text)
    return _as_staff(lambda admin, _by: admin.learners(text, limit=args.limit or None))


def cmd_export(args: argparse.Namespace) -> int:
    """The awards as a roster: `badges import --roster` of the file into an empty store gives the
    same awards back (a spreadsheet of them for staff, a move to another server)."""
    from bot.badges.roster_csv import roster_csv, roster_export
    from bot.badges.store import StoreError
    from bot.staff.access import operator_identity
    from bot.staff.badge_admin import BadgeAdmin

    if args.learner is not None and not args.learner.strip():  # (an empty variable exported everyone)
        return _fail("--learner is empty: give a learner number, an e-mail address or platform:user-id")
    store = _store()
    try:
        learner = BadgeAdmin(store).learner(args.learner) if args.learner else None
    except StoreError as exc:  # not a user id, an address or a number
        return _fail(str(exc))
    if args.learner and (learner is None or not store.learner_exists(learner)):
        return _fail(f"no learner is linked to {args.learner!r}", 1)
    exported = roster_export(store, learner)
    text = roster_csv(exported.rows)
    if args.output:
        # Learners' addresses: a new file is the operator's alone (an existing one keeps its mode).
        # With a byte-order mark: Excel reads a UTF-8 file without one in the local code page.
        try:
            fd = os.open(args.output, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with open(fd, "w", encoding="utf-8-sig", newline="") as out:
                out.write(text)
        except OSError as exc:
            return _fail(f"cannot write {args.output} ({exc.strerror or exc})", 1)
    else:
        sys.stdout.write(text)
    log.info("%s exported %d award(s) of %d learner(s)", operator_identity(), len(exported.rows), exported.learners)
    for note in exported.notes:
        print(f"note: {note}", file=sys.stderr)
    print(f"exported {len(exported.rows)} award(s) of {exported.learners} learner(s)"
          + (f" to {args.output}" if args.output else ""), file=sys.stdout if args.output else sys.stderr)
    return 0


def cmd_requests(args: argparse.Namespace) -> int:
    rows = _store().pending_link_requests()
    items = [{"user": f"{r.platform}:{r.workspace + '/' if r.workspace else ''}{r.user_id}",
              "name": r.display_name, "emails": json.loads(r.emails), "requested": r.requested_at.isoformat()}
             for r in rows]
    if args.json:
        print(json.dumps(items, ensure_ascii=False))
    else:
        for item in items:
            print(f"{item['user']}\t{item['name'] or ''}\t{', '.join(item['emails'])}\t{item['requested']}")
        print(f"{len(items)} request(s) waiting")
    return 0
