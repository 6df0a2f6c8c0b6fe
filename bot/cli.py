"""The `credbot` command. Other tools script against `ask`, `kb` and `eval`: keep their output stable.

Adapters are imported only when asked to run, so `credbot ask` never pays for Slack or Discord.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path

from bot.badges.commands import add_parser as add_badges_parser
from bot.database import DatabaseError
from bot.engine import Engine
from bot.messages import Incoming
from bot.retrieval import KnowledgeIndex
from bot.runtime import running
from bot.settings import Settings
from bot.staff.access import operator_identity
from bot.staff.reports import MAX_DAYS
from knowledge.loader import KnowledgeError, check_knowledge, knowledge_dir, load_knowledge


def _incoming(question: str, user: str, conversation: str, number: int) -> Incoming:
    """A line as the terminal chat reads it: ":admin unanswered" is a command there and here alike."""
    from adapters.console import parse_command

    command, text = parse_command(question)
    return Incoming.speaking_as(user, channel=conversation, is_direct=True, event_id=f"cli-{number}", text=text,
                                command=command)


def _json_line(question: str, reply) -> str:
    return json.dumps({
        "question": question,
        "intent": reply.intent.value,
        "topic": reply.topic if reply.intent.value == "faq" else None,
        "confidence": round(reply.confidence, 3),
        "text": reply.text,
        "suggestions": list(reply.suggestions),
    }, ensure_ascii=False)


async def _ask(engine: Engine, args: argparse.Namespace) -> int:
    user = args.user or operator_identity()
    if args.question == ["-"]:
        for number, raw in enumerate(sys.stdin, 1):
            question = raw.rstrip("\n").removesuffix("\r")
            # each line its own conversation unless --conversation joins them
            conversation = "cli" if args.conversation else f"cli-{number}"
            reply = await engine.handle(_incoming(question, user, conversation, number))
            print(_json_line(question, reply) if args.json else reply.text + "\n", flush=True)
        return 0
    question = " ".join(args.question)
    reply = await engine.handle(_incoming(question, user, "cli", 1))
    print(_json_line(question, reply) if args.json else reply.text)
    return 0


def cmd_ask(args: argparse.Namespace) -> int:
    with running() as rt:
        return asyncio.run(_ask(rt.engine, args))


def cmd_chat(args: argparse.Namespace) -> int:
    from adapters import console

    with running() as rt:
        return console.run(rt.engine, args.user)


def _days(text: str) -> int:
    """A number of days for a report: 0 or fewer would report nothing, or (for stats) 30 days."""
    try:
        days = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of days") from None
    if not 1 <= days <= MAX_DAYS:  # (a date further back than the calendar goes overflowed)
        raise argparse.ArgumentTypeError(f"{days}: give 1 to {MAX_DAYS} days")
    return days


def cmd_staff(args: argparse.Namespace) -> int:
    """Staff reports from the shell: whoever can run this on the server is trusted."""
    from bot import database
    from bot.staff import reports

    settings = Settings()
    db = database.create(settings.database_url)
    try:
        database.upgrade(db)
        if args.report == "unanswered":
            index = KnowledgeIndex(load_knowledge(settings.knowledge_dir or knowledge_dir()))
            data = reports.unanswered(db, index, days=args.days)
            if args.json:
                print(reports.as_json(data))
            else:
                for g in data:
                    print(f"{g.count:>4}x  {g.first_seen[:10]}..{g.last_seen[:10]}  {g.examples[0]}  [{g.status()}]")
                print(f"{sum(g.count for g in data)} unanswered question(s) in {len(data)} group(s)")
        elif args.report == "feedback":
            data = reports.feedback(db, days=args.days)
            if args.json:
                print(reports.as_json(data))
            else:
                for f in data:
                    print(f"{f.topic}: {f.helpful} helpful, {f.not_helpful} not helpful"
                          + (f"; asked as: {' | '.join(f.questions[:3])}" if f.questions else ""))
                print(f"feedback on {len(data)} entr{'y' if len(data) == 1 else 'ies'}")
        else:
            data = reports.stats(db, days=args.days or 30)
            print(reports.as_json(data) if args.json else _stats_text(data))
    finally:
        db.dispose()
    return 0


def _stats_text(s: dict) -> str:
    rate = f"{s['answer_rate']:.1%}" if s["answer_rate"] is not None else "n/a"
    lines = [f"last {s['days']} days: {s['questions']} messages, {s['knowledge_questions']} questions, answer rate {rate}"]
    lines += [f"  {day}: {n}" for day, n in s["per_day"].items()]
    lines += ["top topics:"] + [f"  {t['count']:>4}  {t['topic']}" for t in s["top_topics"]]
    lines += ["top unanswered:"] + [f"  {t['count']:>4}  {t['question']}" for t in s["top_unanswered"]]
    lines += ["per platform:"] + [f"  {p}: {v['questions']} messages, {v['answered']} answered"
                                  for p, v in s["platforms"].items()]
    return "\n".join(lines)


def cmd_doctor(args: argparse.Namespace) -> int:
    from bot.doctor import diagnose

    settings = Settings()
    findings = diagnose(settings)
    if args.live:  # ask the platforms themselves whether the tokens work (needs the network)
        from adapters.discord.doctor import live as discord_live
        from adapters.slack.doctor import live as slack_live

        findings += slack_live(settings) + discord_live(settings)
    for finding in findings:
        print(finding)
    failed = sum(f.level == "fail" for f in findings)
    warned = sum(f.level == "warn" for f in findings)
    # ("all good" after "could not reach Slack" read as if the token had been checked)
    print(f"{failed} problem(s) to fix" if failed else f"nothing failed, but read the {warned} warning(s) above"
          if warned else "all good")
    return 1 if failed else 0


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    from bot import database

    settings = Settings()
    db = database.create(settings.database_url)
    database.upgrade(db)
    print(f"database at {db.url.render_as_string(hide_password=True)} is at revision "
          f"{', '.join(database.current_revisions(db))}")
    db.dispose()
    return 0


def cmd_db_backup(args: argparse.Namespace) -> int:
    from bot import database

    settings = Settings()
    try:
        db = database.create(settings.database_url)
        try:
            size = database.backup(db, Path(args.file))
        finally:
            db.dispose()
    except database.DatabaseError as exc:
        print(f"credbot db backup: {exc}", file=sys.stderr)
        return 1
    print(f"backed up the database at {db.url.render_as_string(hide_password=True)} to {args.file} "
          f"({size / 1024:.0f} KB); to restore, stop credbot and put it in the database file's place")
    return 0


def cmd_kb_check(args: argparse.Namespace) -> int:
    directory = Path(args.dir) if args.dir else (Settings().knowledge_dir or knowledge_dir())
    result = check_knowledge(directory)
    for problem in result.problems:
        print(problem)
    entries = len(result.knowledge.entries) if result.knowledge else 0
    status = "errors" if result.errors else "ok"
    print(f"{directory}: {status}: {len(result.errors)} error(s), {len(result.warnings)} warning(s)"
          + (f", {entries} entries" if result.knowledge else ""))
    return 1 if result.errors else 0


def cmd_kb_teach(args: argparse.Namespace) -> int:
    """The terminal twin of `admin teach`: a phrasing added, the base checked, undone if it broke."""
    from knowledge import editing

    directory = Path(args.dir) if args.dir else (Settings().knowledge_dir or knowledge_dir())
    if not editing.clean_question(" ".join(args.question)):  # ("" was "already has that phrasing")
        print("credbot kb teach: no phrasing given: write the question after the entry id", file=sys.stderr)
        return 2
    try:
        edit = editing.add_questions(directory, args.entry, [" ".join(args.question)])
    except (editing.EditError, OSError) as exc:
        print(f"credbot kb teach: {exc}", file=sys.stderr)
        return 2
    if edit.personal:
        print("credbot kb teach: not added: it holds an e-mail address or phone number, which must not go into the "
              "knowledge base; teach it in your own words", file=sys.stderr)
        return 2
    if not edit.added:
        print(f"{args.entry} already has that phrasing")
        return 0
    result = check_knowledge(directory)
    if result.errors:
        editing.restore(edit)
        print(f"credbot kb teach: the knowledge base did not load afterwards, so nothing was added: {result.errors[0]}",
              file=sys.stderr)
        return 1
    ranking = KnowledgeIndex(result.knowledge).search(edit.added[0])
    if ranking.decline is not None:  # as `admin teach`: a phrasing a decline group catches is no use
        editing.restore(edit)
        print(f"credbot kb teach: not added: {edit.added[0]!r} is declined as {ranking.decline.id} "
              "(out_of_scope.yaml), whatever an entry says; change that group first", file=sys.stderr)
        return 1
    best = ranking.best.topic if ranking.best else None
    print(f"added to {edit.path}: {edit.added[0]!r}; it now "
          + ("answers from that entry" if ranking.answer == args.entry
             else f"still goes to {best or 'nothing'} ({ranking.outcome.value})"))
    return 0


def cmd_kb_export(args: argparse.Namespace) -> int:
    settings = Settings()
    kb = load_knowledge(settings.knowledge_dir or knowledge_dir())
    rows = [
        {"id": e.id, "title": e.title, "questions": [e.title, *e.questions], "answer": e.answer,
         "tags": e.tags, "names": e.names, "where": e.where, "sources": e.sources}
        for e in kb.entries.values()
    ]
    print(json.dumps(rows, ensure_ascii=False, indent=2))
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from bot.evaluation import evaluate, read_examples

    try:
        examples = read_examples(Path(args.file))
    except (OSError, ValueError) as exc:
        print(f"credbot eval: {exc}", file=sys.stderr)
        return 2
    settings = Settings()
    # Evaluation questions are not users' questions: they are not recorded for staff.
    engine = Engine(load_knowledge(settings.knowledge_dir or knowledge_dir()), context_ttl=settings.context_ttl_seconds)
    report = asyncio.run(evaluate(engine, examples))
    if args.json:
        summary = report.summary(args.most)
        if args.misses:
            summary["misses"] = [{"q": q, "expected": e, "got": g, "offered": list(o)} for q, e, g, o in report.misses]
        print(json.dumps(summary, indent=2))
    else:
        print(report.text(args.most))
        if args.misses:
            print("\nmissed questions:\n" + report.misses_text())
    return 0


def _adapter(name: str):
    """The adapter package, imported only when asked for (the core never needs it)."""
    import importlib

    try:
        module = importlib.import_module(f"adapters.{name}")
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith(f"adapters.{name}"):
            return None
        raise
    return module if hasattr(module, "run") else None


def cmd_run(args: argparse.Namespace) -> int:
    if args.platform == "console":
        return cmd_chat(args)
    adapter = _adapter(args.platform)
    if adapter is None:
        print(f"credbot run {args.platform}: this adapter is not built yet; use 'credbot chat' to try credbot.",
              file=sys.stderr)
        return 2
    return adapter.run(Settings(), args)


def cmd_platform_tool(args: argparse.Namespace) -> int:
    """`credbot slack manifest`, `credbot discord invite-url`: set-up helpers of an adapter."""
    adapter = _adapter(args.platform)
    tool = getattr(adapter, args.tool.replace("-", "_"), None) if adapter else None
    if tool is None:
        print(f"credbot {args.platform} {args.tool}: not available yet", file=sys.stderr)
        return 2
    return tool(Settings(), args)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="credbot", description="A micro-credential and digital-badge advisor.")
    sub = p.add_subparsers(dest="command", required=True)

    chat = sub.add_parser("chat", help="chat in the terminal")
    chat.add_argument("--user", help="who you are, as platform:user-id (default console:<login>)")
    chat.set_defaults(func=cmd_chat)

    ask = sub.add_parser("ask", help="answer one question (or one per line of standard input with '-')")
    ask.add_argument("question", nargs="+", help="the question, or '-' to read one per line")
    ask.add_argument("--json", action="store_true", help="one JSON object per answer")
    ask.add_argument("--user", help="the asker as platform:user-id (default console:<login>)")
    ask.add_argument("--conversation", action="store_true", help="with '-': the lines are turns of one conversation")
    ask.set_defaults(func=cmd_ask)

    kb = sub.add_parser("kb", help="the knowledge base")
    kb_sub = kb.add_subparsers(dest="kb_command", required=True)
    check = kb_sub.add_parser("check", help="list every problem in the knowledge base")
    check.add_argument("dir", nargs="?", help="the folder (default CREDBOT_KNOWLEDGE_DIR or the bundled one)")
    check.set_defaults(func=cmd_kb_check)
    teach = kb_sub.add_parser("teach", help="add a phrasing to an entry (of a folder of your own)")
    teach.add_argument("entry", help="the entry id")
    teach.add_argument("question", nargs="+", help="the question, as learners ask it")
    teach.add_argument("--dir", help="the knowledge folder (default: CREDBOT_KNOWLEDGE_DIR)")
    teach.set_defaults(func=cmd_kb_teach)
    export = kb_sub.add_parser("export", help="print the knowledge base")
    export.add_argument("--json", action="store_true", required=True, help="as a JSON array (the only format)")
    export.set_defaults(func=cmd_kb_export)

    ev = sub.add_parser("eval", help="measure answers on a JSONL file of labelled questions")
    ev.add_argument("file")
    ev.add_argument("--json", action="store_true", help="print a JSON summary")
    ev.add_argument("--most", type=int, default=10, help="how many confusions to list")
    ev.add_argument("--misses", action="store_true", help="also list every missed question with what it got")
    ev.set_defaults(func=cmd_eval)

    staff = sub.add_parser("staff", help="staff reports: unanswered questions, feedback, stats")
    staff.add_argument("report", choices=["unanswered", "feedback", "stats"])
    staff.add_argument("--json", action="store_true", help="machine-readable output")
    staff.add_argument("--days", type=_days, help="only the last N days, 1 or more (stats: default 30)")
    staff.set_defaults(func=cmd_staff)

    doctor = sub.add_parser("doctor", help="check settings, tokens, database and knowledge base")
    doctor.add_argument("--live", action="store_true",
                        help="also ask Slack and Discord whether the tokens work (needs the network)")
    doctor.set_defaults(func=cmd_doctor)

    db = sub.add_parser("db", help="the database")
    db_sub = db.add_subparsers(dest="db_command", required=True)
    up = db_sub.add_parser("upgrade", help="apply the schema migrations (also done at every start)")
    up.set_defaults(func=cmd_db_upgrade)
    back = db_sub.add_parser("backup", help="copy a SQLite database to a new file, safely while credbot runs")
    back.add_argument("file", help="the new file to write (never an existing one)")
    back.set_defaults(func=cmd_db_backup)

    add_badges_parser(sub)

    run = sub.add_parser("run", help="run credbot on a platform")
    run.add_argument("platform", choices=["console", "slack", "discord"])
    run.add_argument("--port", type=int, help="slack: serve HTTP on this port (HTTP mode)")
    run.add_argument("--host", default="0.0.0.0", help="slack: the address to listen on")
    run.add_argument("--user", help=argparse.SUPPRESS)
    run.set_defaults(func=cmd_run)

    for platform, tools in (("slack", ["manifest"]), ("discord", ["invite-url"])):
        plat = sub.add_parser(platform, help=f"{platform} set-up helpers")
        plat_sub = plat.add_subparsers(dest="tool", required=True)
        for tool in tools:
            t = plat_sub.add_parser(tool)
            t.add_argument("--client-id", help="discord: the application id (default: asked from the token)")
            t.set_defaults(func=cmd_platform_tool, platform=platform)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    from pydantic import ValidationError

    from bot import logs

    from bot.badges.settings import BadgeSettings

    try:
        settings = Settings()
        BadgeSettings()  # (read again where badges are used: a bad value is reported here, once, not as a traceback)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        print(f"credbot: a setting is invalid ({problems}): check the environment and .env", file=sys.stderr)
        return 2
    logs.configure(settings.log_level, settings.log_format)
    try:
        return args.func(args)
    except KnowledgeError as exc:
        print(f"credbot: {exc}\nFix these and run 'credbot kb check' again.", file=sys.stderr)
        return 1
    except DatabaseError as exc:
        print(f"credbot: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
