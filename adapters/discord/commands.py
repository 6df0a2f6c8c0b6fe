"""The slash commands and the message context-menu command credbot registers.

Each command only names what the user asked for; the client turns it into an `Incoming` with the
matching core command (`/ask` -> "ask", `/badges` and `/badge` -> "badges", `/share` -> "share",
`/help` -> "help", `/admin` -> "admin") and answers it. Keep the names and options stable: they
are what server members learn, and `/ask question:` is part of the adapter's contract.
"""

from __future__ import annotations

import inspect
import logging
from typing import TYPE_CHECKING

import discord
from discord import app_commands

from adapters.discord import incoming as convert

if TYPE_CHECKING:
    from adapters.discord.client import Credbot

log = logging.getLogger(__name__)
AUTOCOMPLETE_MAX = 25
# Commands whose answers are about the asker themself: always ephemeral, whatever the reply says.
PERSONAL = frozenset({"badges", "admin"})


async def _badge_choices(bot: "Credbot", interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
    """Autocomplete from the asker's own badges, when the badge skill can list them.

    The badge skill may offer `badge_choices(incoming, current)` returning names or
    `(label, value)` pairs (sync or async); without it, no suggestions are shown.
    """
    method = getattr(bot.engine.badges, "badge_choices", None)
    if method is None:
        return []
    try:
        result = method(convert.from_interaction(interaction, command="badges", text=current), current)
        if inspect.isawaitable(result):
            result = await result
        choices = []
        for item in list(result or [])[:AUTOCOMPLETE_MAX]:
            label, value = item if isinstance(item, tuple) else (item, item)
            choices.append(app_commands.Choice(name=str(label)[:100] or "?", value=str(value)[:100]))
        return choices
    except Exception:
        log.exception("badge autocomplete failed")
        return []


def register(bot: "Credbot", tree: app_commands.CommandTree) -> None:
    @tree.command(name="ask", description="Ask credbot about micro-credentials and digital badges")
    @app_commands.describe(question="Your question, e.g. can a badge expire?")
    async def ask(interaction: discord.Interaction, question: app_commands.Range[str, 1, 2000]) -> None:
        await bot.answer_command(interaction, "ask", question)

    @tree.command(name="badges", description="List your badges (only you see the answer)")
    async def badges(interaction: discord.Interaction) -> None:
        await bot.answer_command(interaction, "badges", "")

    @tree.command(name="badge", description="Details of one of your badges (only you see the answer)")
    @app_commands.describe(name="The badge's name")
    async def badge(interaction: discord.Interaction, name: app_commands.Range[str, 1, 200]) -> None:
        await bot.answer_command(interaction, "badges", name)

    @badge.autocomplete("name")
    async def badge_name(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        return await _badge_choices(bot, interaction, current)

    @tree.command(name="share", description="Share one of your badges in this channel")
    @app_commands.describe(name="The badge's name")
    async def share(interaction: discord.Interaction, name: app_commands.Range[str, 1, 200]) -> None:
        await bot.answer_command(interaction, "share", name)

    @share.autocomplete("name")
    async def share_name(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
        return await _badge_choices(bot, interaction, current)

    @tree.command(name="help", description="What credbot can do")
    async def help_(interaction: discord.Interaction) -> None:
        await bot.answer_command(interaction, "help", "")

    @tree.command(name="admin", description="credbot staff commands (e.g. unanswered, stats, reload)")
    @app_commands.describe(command="The staff command and its arguments",
                           file="A file for the command, e.g. the CSV roster for `badges import`")
    async def admin(interaction: discord.Interaction, command: app_commands.Range[str, 0, 2000] = "",
                    file: discord.Attachment | None = None) -> None:
        await bot.answer_command(interaction, "admin", command, [file] if file is not None else [])

    @tree.context_menu(name="Answer with credbot")
    @app_commands.default_permissions(manage_messages=True)
    @app_commands.guild_only()
    async def answer_with_credbot(interaction: discord.Interaction, message: discord.Message) -> None:
        await bot.suggest_answer(interaction, message)
