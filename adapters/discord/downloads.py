"""Files members send credbot (a baked badge, a badge JSON, a staff roster), downloaded for the engine.

The engine works on bytes (`Attachment.data`) and never touches the network for a chat file, so the
adapter fetches them: through one HTTP client for the whole bot (and the outbound proxy, if one is
set), with a timeout, at most `MAX_FILES` a message, and at most `MAX_BYTES` each. The size Discord
reports is checked before downloading, and the download itself stops at the limit, so a file that
lies about its size cannot fill memory either. Whatever could not be fetched comes back as a short,
safe sentence the adapter shows the member instead of a silent drop.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field

import aiohttp

from bot.messages import Attachment
from bot.proxy import proxy_for
from bot.safety import neutralize

log = logging.getLogger(__name__)

MAX_BYTES = 5_000_000
MAX_FILES = 5
TIMEOUT = 20.0  # seconds for one file, connection included
CHUNK = 64 * 1024


@dataclass(frozen=True)
class Offered:
    """A file as the platform describes it, before downloading (Discord's attachment object)."""

    name: str
    url: str
    size: int | None = None
    content_type: str | None = None


@dataclass
class Fetched:
    attachments: tuple[Attachment, ...] = ()
    problems: list[str] = field(default_factory=list)  # one safe sentence per file not fetched

    def notice(self) -> str:
        return "\n".join(self.problems)


class TooLarge(Exception):
    pass


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def _hint(offered: Offered) -> str:
    """What to do instead, for the two kinds of file credbot takes."""
    if offered.name.lower().endswith(".csv") or "csv" in (offered.content_type or ""):
        return "Split the roster into smaller files, or import it on the server with `credbot badges import --roster FILE`."
    return "A badge image or badge file is far smaller: send the badge itself."


class Downloader:
    """One pooled HTTP client for every file the bot downloads; `close()` it with the bot."""

    def __init__(self, *, max_bytes: int = MAX_BYTES, timeout: float = TIMEOUT):
        self.max_bytes = max_bytes
        self.timeout = timeout
        self._session: aiohttp.ClientSession | None = None

    def _client(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=self.timeout),
                                                  headers={"User-Agent": "credbot (chat file download)"})
        return self._session

    async def close(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()

    async def fetch(self, files: Iterable[Offered]) -> Fetched:
        """Download the files (at most `MAX_FILES`, concurrently); the ones that failed are explained."""
        files = list(files)
        result = Fetched()
        if len(files) > MAX_FILES:
            result.problems.append(f"I only look at the first {MAX_FILES} files of a message; "
                                   f"send the other {len(files) - MAX_FILES} separately.")
            files = files[:MAX_FILES]
        outcomes = await asyncio.gather(*(self._one(f) for f in files))
        result.attachments = tuple(o for o in outcomes if isinstance(o, Attachment))
        result.problems += [o for o in outcomes if isinstance(o, str)]
        return result

    async def _one(self, offered: Offered) -> Attachment | str:
        name = neutralize(offered.name, 80) or "the file"
        limit = f"{self.max_bytes / 1_000_000:g} MB"
        if offered.size is not None and offered.size > self.max_bytes:
            return (f"**{name}** is {_megabytes(offered.size)}, larger than the {limit} I accept, so I did not "
                    f"open it. {_hint(offered)}")
        if not offered.url.startswith(("https://", "http://")):
            return f"**{name}**: I could not download it (no web address); please send it again."
        try:
            data, content_type = await self._download(offered.url)
        except TooLarge:
            return f"**{name}** is larger than the {limit} I accept, so I stopped downloading it. {_hint(offered)}"
        except asyncio.TimeoutError:
            log.warning("downloading an attachment timed out after %.0f s", self.timeout)
            return f"**{name}**: the download timed out; please send it again in a moment."
        except aiohttp.ClientResponseError as exc:
            log.warning("downloading an attachment failed: HTTP %s", exc.status)
            return f"**{name}**: I could not download it (HTTP {exc.status}); please send it again."
        except aiohttp.ClientError as exc:
            log.warning("downloading an attachment failed: %s", exc)
            return f"**{name}**: I could not download it (a network error); please send it again in a moment."
        return Attachment(name=offered.name, content_type=offered.content_type or content_type
                          or "application/octet-stream", url=offered.url, data=data)

    async def _download(self, url: str) -> tuple[bytes, str | None]:
        # Through the proxy the environment names for the CDN's host (which NO_PROXY may list apart
        # from the API's): where only the proxy reaches out, a direct download would time out.
        proxy = proxy_for(url)
        async with self._client().get(url, raise_for_status=True, proxy=proxy.url if proxy else None) as response:
            declared = response.content_length
            if declared is not None and declared > self.max_bytes:
                raise TooLarge()
            body = bytearray()
            async for chunk in response.content.iter_chunked(CHUNK):
                body += chunk
                if len(body) > self.max_bytes:
                    raise TooLarge()
            return bytes(body), response.content_type
