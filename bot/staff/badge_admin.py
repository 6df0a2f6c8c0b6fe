"""`admin badges ...`: the badge-record chores staff do from chat.

- `admin badges requests`: chat users who asked for their badges but are not linked to a learner;
- `admin badges link platform:user email [email ...]`: link one of them (or anyone) to a learner;
- `admin badges learners [text]`: the learners, by number, with their addresses, accounts and
  award counts; those whose address, account or badge name contains the text;
- `admin badges show platform:user|email`: a learner's accounts, addresses and awards;
- `admin badges unlink platform:user|email`: undo a link made by mistake, or take a wrong address
  from its learner;
- `admin badges merge <from> <into>`: one person with two learner records (a roster's e-mail and a
  chat account, say) becomes one;
- `admin badges remove <learner> <award number> ...`: take back awards imported by mistake (a wrong
  row, a date corrected by a second import);
- `admin badges import` with a CSV roster attached: award badges in bulk, all rows checked first.

The work itself is the badge store's (the same functions `credbot badges ...` uses); this module
only parses the words, runs the store off the event loop, and words the result.

Replies go to staff only, and staff copy addresses and commands out of them, so they are not
passed through `bot.safety.neutralize` (which is for quoting users in public, and turns
"ana_lopez@uni.example.edu" into "analopez＠uni.example.edu"): `bot.safety.private_echo` only takes
out what would ping someone.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
from pathlib import Path
from collections.abc import Callable, Sequence

from bot.badges.importing import Imported, import_roster, roster_summary, roster_text
from bot.badges.store import Account, AwardView, BadgeStore, LearnerView, StoreError, checked_emails
from bot.messages import Attachment, Incoming, Intent, Reply
from bot.safety import private_echo
from bot.staff.commands import QUOTES, list_number
from knowledge.schema import Pathway

USAGE = """Badge administration:
- `admin badges requests`: who is waiting to be linked to their badges
- `admin badges link platform:user-id email@example.org`: link a chat user to a learner
- `admin badges learners [text]`: the learners by number, or those whose address, account or badge name contains the text
- `admin badges show platform:user-id` (or an e-mail address): a learner's accounts, addresses and awards
- `admin badges unlink platform:user-id` (or an e-mail address): detach a chat account linked by mistake, or take a wrong address from its learner (the learner keeps their badges)
- `admin badges merge <from> <into>` (learner numbers, e-mail addresses or platform:user-ids): make two learner records one
- `admin badges remove <learner> <award number> [...]`: remove awards imported by mistake (numbers from `admin badges show`)
- `admin badges import` with a CSV file attached (columns: email or user, badge, issuer, issued, expires, evidence)"""
MAX_ROSTER_BYTES = 5_000_000
# what each command takes, said when it is given too little or too much
_NEEDS = {"link": "a user id and an e-mail address (`admin badges link discord:123 ana@example.org`)",
          "unlink": "one user id or e-mail address (`admin badges unlink discord:123`)",
          "show": "one learner: a user id, an e-mail address or a learner number",
          "merge": "two learners: the one to fold in, then the one that stays",
          "remove": "a learner and the award number(s) to remove (`admin badges remove 12 34`)"}
LEARNERS_SHOWN = 20  # a list in chat: more than this, and a search narrows it better than scrolling
log = logging.getLogger(__name__)


def _with_local_files(incoming: Incoming, paths: list[str]) -> Incoming:
    """In the terminal, where nothing can be attached, `:admin badges import roster.csv` names the
    file: read as if attached (the terminal's user can read it anyway). Elsewhere a path is a word."""
    if incoming.platform != "console" or incoming.attachments or not paths:
        return incoming
    files = []
    for path in paths:
        try:
            files.append(Attachment(name=path, content_type="text/csv", data=Path(path).expanduser().read_bytes()))
        except OSError as exc:
            raise StoreError(f"cannot read {path} ({exc.strerror or exc})") from None
    return incoming.model_copy(update={"attachments": files})


class BadgeAdmin:
    def __init__(self, store: BadgeStore, pathways: Callable[[], Sequence[Pathway]] = lambda: ()):
        self.store = store
        self.pathways = pathways  # a roster's badge names are checked against them

    async def __call__(self, incoming: Incoming, args: list[str]) -> Reply:
        args = [_mentioned(arg, incoming) for arg in args]
        sub = args[0].lower() if args else "help"
        try:
            if sub == "requests":
                text = await asyncio.to_thread(self._requests)
            elif sub == "link" and len(args) >= 3:
                text = await asyncio.to_thread(self.link, args[1], args[2:])
            elif sub == "unlink" and len(args) == 2:
                text = await asyncio.to_thread(self.unlink, args[1], incoming.identity)
            elif sub == "learners":
                text = await asyncio.to_thread(self.learners, _search_text(incoming))
            elif sub == "show" and len(args) == 2:
                text = await asyncio.to_thread(self._show, args[1])
            elif sub == "merge" and len(args) == 3:
                text = await asyncio.to_thread(self.merge, args[1], args[2])
            elif sub == "remove" and len(args) >= 3:
                text = await asyncio.to_thread(self.remove, args[1], args[2:], incoming.identity)
            elif sub == "import":
                text = await self._import(_with_local_files(incoming, args[1:]))
            elif sub in _NEEDS:
                text = f"`admin badges {sub}` needs {_NEEDS[sub]}.\n\n{USAGE}"
            elif sub == "help":
                text = USAGE
            else:
                text = f"There is no `admin badges {private_echo(sub, 40)}`.\n\n{USAGE}"
        except StoreError as exc:
            text = f"Nothing was changed: {private_echo(str(exc), 1500, lines=True)}"
        return Reply(text=text, intent=Intent.ADMIN, private=True, confidence=1.0)

    def _requests(self) -> str:
        rows = self.store.pending_link_requests()
        if not rows:
            return "No one is waiting to be linked."
        lines = [f"**{len(rows)} link request(s)** (oldest first):"]
        for r in rows:
            who = f"{r.platform}:{r.workspace + '/' if r.workspace else ''}{r.user_id}"
            emails = ", ".join(json.loads(r.emails or "[]")) or "no e-mail known"
            lines.append(f"- `{who}` {private_echo(r.display_name or '', 60)} ({private_echo(emails, 200)}), "
                         f"asked {r.requested_at:%Y-%m-%d}")
        lines.append("Link one with `admin badges link platform:user-id email@example.org`.")
        return "\n".join(lines)

    def link(self, user: str, emails: list[str]) -> str:
        """Also what `credbot badges link` runs."""
        wanted = checked_emails(emails)
        account = Account.parse(user)
        before = self.store.learner_id(account)
        had = set(self.store.emails(before)) if before is not None else set()
        if before is not None and not had & set(wanted) and all(self.store.learner_by_email(e) is None for e in wanted):
            # linked by mistake and now linked "again" to its owner's address: that address would join
            # the wrong learner, and every later award to it would show there
            raise StoreError(
                f"`{account}` is already linked to learner {before} ({', '.join(sorted(had)) or 'no address'}), "
                f"which does not have {', '.join(wanted)}. If the link is a mistake, unlink it first "
                f"(`admin badges unlink {account}`, or `credbot badges unlink --user {account}`); to add an "
                "address to that learner, name one of its addresses too.")
        learner = self.store.ensure_learner(account, wanted)
        if before is not None:  # the address goes to the learner the account already is: say so
            added = [e for e in wanted if e not in had]
            text = (f"`{account}` was already linked to learner {learner}"
                    + (f"; added {', '.join(added)} to that learner." if added else ", with that address."))
        else:
            text = f"Linked `{account}` to learner {learner} ({', '.join(wanted)}). They can now ask for their badges."
        others = [str(a) for a in self.store.accounts(learner) if a != account]
        if others:  # the address was someone's already: a mistyped id would show a stranger their badges
            text += (f"\nLearner {learner} also has {', '.join(f'`{a}`' for a in others)}. If `{account}` is not "
                     f"the same person, undo it: `admin badges unlink {account}`.")
        return text

    def unlink(self, user: str, by: str) -> str:
        """Also what `credbot badges unlink` runs: a chat account, or an e-mail address, leaves its learner."""
        if "@" in user and ":" not in user:
            email = checked_emails([user])[0]
            learner = self.store.remove_email(email)
            log.warning("%s took %s from learner %s", by, email, learner)
            return (f"Took {email} from learner {learner}: a later award to it no longer goes to them. Learner "
                    f"{learner} keeps their awards; if some were issued to that address and are not theirs, take them "
                    f"back with `admin badges remove {learner} <award number> ...` (`credbot badges remove` in a "
                    f"terminal; the numbers are in `admin badges show {learner}`).")
        account = Account.parse(user)
        learner = self.store.unlink(account)
        log.warning("%s unlinked %s from learner %s", by, account, learner)
        return (f"Unlinked `{account}` from learner {learner}: it no longer sees their badges. Learner {learner} "
                f"keeps their awards and addresses.")

    def merge(self, source: str, target: str) -> str:
        """Also what `credbot badges merge` runs: the same words in the terminal as in chat."""
        ids = []
        for who in (source, target):
            learner = self.learner(who)
            if learner is None or not self.store.learner_exists(learner):
                raise StoreError(f"no learner is linked to {who!r}")
            ids.append(learner)
        merged = self.store.merge_learners(*ids)
        return (f"Merged learner {ids[0]} into learner {ids[1]}: {merged.accounts} chat account(s), "
                f"{merged.emails} e-mail address(es) and {merged.awards} award(s) moved; "
                f"{merged.duplicates} award(s) both held were kept once.")

    def remove(self, who: str, numbers: Sequence[str], by: str) -> str:
        """Also what `credbot badges remove` runs. The learner is named as well as the numbers, so a
        slip of one digit is refused instead of removing someone else's award."""
        learner = self.learner(who)
        if learner is None or not self.store.learner_exists(learner):
            raise StoreError(f"no learner is linked to {who!r}")
        ids = []
        for number in (n for item in numbers for n in item.split(",") if n):
            if (award := list_number(number)) is None:
                raise StoreError(f"{number!r} is not an award number; `admin badges show {who}` lists them")
            ids.append(award)
        removed = self.store.remove_awards(learner, ids)
        for award in removed:
            log.warning("%s removed award %s (%r from %r) of learner %s", by, award.id, award.name, award.issuer, learner)
        lines = [f"Removed {len(removed)} award(s) of learner {learner}:"]
        lines += [f"- #{a.id} {_award_line(a)}" for a in removed]
        lines.append("To restore one, import its roster row, file, Credly profile or Badgr backpack again.")
        return "\n".join(lines)

    def learner(self, who: str) -> int | None:
        """A learner named by number, e-mail address or chat account (also how `credbot badges
        export --learner` names one)."""
        if re.fullmatch(r"[0-9]+", who):
            # (a number past any database's integer is no learner: it was an overflow traceback)
            return int(who) if len(who) <= 18 else 0
        if "@" in who:
            return self.store.learner_by_email(who.lower())
        return self.store.learner_id(Account.parse(who))

    def learners(self, text: str = "", limit: int | None = LEARNERS_SHOWN) -> str:
        """Also what `credbot badges learners` runs. Staff pick a learner here, then `show`, `merge` or
        `remove` it by number; one line each, so a list of hundreds is capped (`limit`, None for
        all) and says how many it leaves out rather than filling the chat."""
        found, total = self.store.learners(text, limit=limit)
        asked = f" {private_echo(text, 100)!r}" if text.strip() else ""
        if not found:
            return (f"No learner has an address, chat account or badge name containing{asked}." if asked
                    else "No learners yet: import a roster (`admin badges import`) or link a chat account.")
        lines = [f"{total} learner(s)" + (f" matching{asked}" if asked else "") + ", by number:"]
        lines += [f"- {_learner_line(learner)}" for learner in found]
        if total > len(found):
            lines.append(f"... and {total - len(found)} more: narrow it with part of an address, account or badge "
                         "name (`credbot badges learners --limit 0` lists them all in a terminal).")
        lines.append("A learner's awards: `admin badges show <number>`.")
        return "\n".join(lines)

    def _show(self, who: str) -> str:
        learner = self.learner(who)
        if learner is None or not self.store.learner_exists(learner):
            return f"No learner is linked to {private_echo(who, 100)!r}."
        awards = self.store.awards(learner)
        accounts = ", ".join(f"`{a}`" for a in self.store.accounts(learner)) or "none"
        addresses = private_echo(", ".join(self.store.emails(learner)), 500) or "none"
        lines = [f"**Learner {learner}**: {len(awards)} award(s)", f"Chat accounts: {accounts}",
                 f"Addresses: {addresses}"]
        if not awards:
            return "\n".join([*lines, "No awards yet."])
        lines += [f"- #{a.id} {_award_line(a)}" for a in awards]
        lines.append(f"An award imported by mistake: `admin badges remove {learner} <number>`.")
        return "\n".join(lines)

    async def _import(self, incoming: Incoming) -> str:
        """Each attached roster is its own transaction: the reply says, file by file, what was
        imported and what was refused, and "Nothing was changed" only when that is so."""
        rosters = [a for a in incoming.attachments if a.name.lower().endswith(".csv") or "csv" in a.content_type]
        if not rosters:
            where = ("Name the roster's file: `:admin badges import path/to/roster.csv` (in quotes if it has spaces)."
                     if incoming.platform == "console"
                     else "Attach the roster as a .csv file to the `admin badges import` message.")
            return f"{where}\n\n{USAGE}"
        lines, imported = [], False
        for attachment in rosters:
            try:
                results = await asyncio.to_thread(self._import_roster, attachment)
            except StoreError as exc:
                why = private_echo(str(exc), 1500, lines=True)
                lines.append(f"Not imported, nothing from this file was written:\n{why}")
                continue
            imported = True
            lines.append(private_echo(roster_summary(attachment.name, results), 3000, lines=True))
        return "\n".join(lines if imported else ["Nothing was changed.", *lines])

    def _import_roster(self, attachment: Attachment) -> list[Imported]:
        if attachment.data is None:
            raise StoreError(f"{attachment.name}: the file could not be downloaded; try again, or use "
                             "`credbot badges import --roster FILE` on the server.")
        if len(attachment.data) > MAX_ROSTER_BYTES:
            raise StoreError(f"{attachment.name}: larger than {MAX_ROSTER_BYTES // 1_000_000} MB; "
                             "split it or import it on the server.")
        return import_roster(self.store, roster_text(attachment.data, attachment.name), attachment.name,
                             self.pathways())


# "<@U123>" (Slack, or "<@U123|name>") and "<@123>" / "<@!123>" (Discord): a user picked from the
# mention list, which staff type more easily than an id
_MENTION = re.compile(r"<@!?([A-Z0-9]+)(?:\|[^>]*)?>")


def _search_text(incoming: Incoming) -> str:
    """What `admin badges learners` searches for: the rest of the message as typed, a mention read
    as the account it names. A search is one phrase, so its quotes are letters of it (a badge
    named 'Ciência "de" Dados'), except one pair around the whole of it, which is a shell habit."""
    found = re.search(r"\blearners\b", incoming.text, re.I)
    rest = incoming.text[found.end():].strip() if found else ""
    if len(rest) >= 2 and rest[0] == rest[-1] and rest[0] in QUOTES:
        rest = rest[1:-1].strip()
    return " ".join(_mentioned(word, incoming) for word in rest.split())


def _mentioned(arg: str, incoming: Incoming) -> str:
    """A chat mention in a staff command as the `platform:user` it names on the platform it was
    typed on (it was "'' is not a user id"); any other word as it is."""
    found = _MENTION.fullmatch(arg.strip())
    if found is None or incoming.platform not in ("slack", "discord"):
        return arg
    if incoming.platform == "slack":
        return f"slack:{incoming.workspace}/{found.group(1)}" if incoming.workspace else arg
    return f"discord:{found.group(1)}" if found.group(1).isdigit() else arg


def _learner_line(learner: LearnerView) -> str:
    addresses = private_echo(", ".join(learner.emails), 300) or "no address"
    accounts = ", ".join(f"`{private_echo(str(a), 100)}`" for a in learner.accounts) or "no chat account"
    return f"Learner {learner.id}: {addresses}; {accounts}; {learner.awards} award(s)"


def _award_line(award: AwardView) -> str:
    issued = f"{award.issued:%Y-%m-%d}" if award.issued else "date unknown"
    return f"{private_echo(award.name, 120)} ({private_echo(award.issuer, 80)}, {issued}): {award.status}"
