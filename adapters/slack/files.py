"""Files sent to credbot in Slack (a baked badge, a badge JSON, a staff roster CSV), downloaded
so the engine gets their bytes as `Attachment(name, content_type, data=...)`.

Slack keeps shared files behind the bot token (`url_private_download`, `files:read` scope), so the
core cannot fetch them itself; the adapter does, through one HTTP client with a timeout and a size
limit. The token is only ever sent to Slack's own file hosts over HTTPS (or to the origin of
`SLACK_API_URL`, for a proxy), never to an address a message merely names. What could not be
downloaded is not silently dropped: each file that failed comes back with a reason a person can
act on ("larger than 5 MB", "Slack refused the download (HTTP 403)").
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.messages import Attachment
from bot.safety import neutralize

from adapters.slack.errors import api_error

log = logging.getLogger(__name__)

MAX_FILE_BYTES = 5_000_000
MAX_FILES = 5  # a message carries up to 10; the badge check reads at most 5
TIMEOUT_SECONDS = 20.0
CHUNK = 64 * 1024
SLACK_FILE_HOSTS = ("slack.com", "slack-edge.com", "slack-files.com")


@dataclass(frozen=True)
class Downloaded:
    """The files that came through, and one sentence for each that did not."""

    attachments: tuple[Attachment, ...] = ()
    problems: tuple[str, ...] = ()


class _Failure(Exception):
    """A file that could not be downloaded, and why, in words for the person who sent it."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def shared_files(event: dict[str, Any]) -> list[dict[str, Any]]:
    """The file objects of a message or mention event (none for an ordinary message)."""
    return [f for f in event.get("files") or [] if isinstance(f, dict)]


def _name(file: dict[str, Any], index: int) -> str:
    return str(file.get("name") or file.get("title") or f"file {index + 1}")


def size_text(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB" if size >= 100_000 else f"{max(1, size // 1000)} kB"


@dataclass
class FileDownloader:
    """Downloads Slack files with the bot token; one pooled client, created in the running loop."""

    api_url: str
    max_bytes: int = MAX_FILE_BYTES
    timeout: float = TIMEOUT_SECONDS
    max_files: int = MAX_FILES
    _session: aiohttp.ClientSession | None = field(default=None, init=False, repr=False)

    @property
    def limit_text(self) -> str:
        return size_text(self.max_bytes)

    def trusted(self, url: str) -> bool:
        """Whether the bot token may be sent to this address."""
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        if parts.scheme == "https" and any(host == h or host.endswith("." + h) for h in SLACK_FILE_HOSTS):
            return True
        api = urlsplit(self.api_url)
        return (parts.scheme, parts.netloc.lower()) == (api.scheme, api.netloc.lower())

    async def download(self, client: AsyncWebClient, files: list[dict[str, Any]]) -> Downloaded:
        attachments: list[Attachment] = []
        problems: list[str] = []
        for index, file in enumerate(files):
            shown = _name(file, index)
            if index >= self.max_files:
                problems.append(f"{neutralize(shown, 80)}: not checked; send at most {self.max_files} files at a time.")
                continue
            try:
                file = await self._complete(client, file)
                shown = _name(file, index)
                data = await self._fetch(client.token, file)
            except _Failure as failure:
                log.warning("could not download Slack file %s: %s", file.get("id"), failure.reason)
                problems.append(f"{neutralize(shown, 80) or 'the file'}: {failure.reason}")
                continue
            attachments.append(Attachment(name=shown, data=data,
                                          content_type=file.get("mimetype") or "application/octet-stream"))
        return Downloaded(tuple(attachments), tuple(problems))

    async def _complete(self, client: AsyncWebClient, file: dict[str, Any]) -> dict[str, Any]:
        """Some events carry only the file's id (`file_access: check_file_info`): ask `files.info`."""
        if file.get("file_access") != "check_file_info" and (file.get("url_private_download") or file.get("url_private")):
            return file
        if not file.get("id"):
            raise _Failure("Slack did not say where the file is; please send it again.")
        try:
            response = await client.files_info(file=file["id"])
        except SlackApiError as exc:
            raise _Failure(f"Slack did not let me read the file ({api_error(exc)}).") from exc
        return {**file, **(response.get("file") or {})}

    async def _fetch(self, token: str | None, file: dict[str, Any]) -> bytes:
        if file.get("mode") in ("tombstone", "hidden_by_limit") or file.get("is_external"):
            raise _Failure("Slack does not give me this file's content (deleted, hidden, or a link to an "
                           "external file); upload the file itself.")
        declared = file.get("size")
        if isinstance(declared, int) and declared > self.max_bytes:
            raise _Failure(f"too large to check ({size_text(declared)}; the limit is {self.limit_text}).")
        url = file.get("url_private_download") or file.get("url_private") or ""
        if not self.trusted(url):
            raise _Failure("not a Slack file address, so I did not download it.")
        if not token:
            raise _Failure("I have no token to download files in this workspace.")
        try:
            async with self._client().get(url, headers={"Authorization": f"Bearer {token}"},
                                          max_redirects=3) as response:
                if response.status != 200:
                    raise _Failure(f"Slack refused the download (HTTP {response.status}); please try again later.")
                kind = response.content_type or ""
                if kind == "text/html" and "html" not in (file.get("mimetype") or ""):
                    # Slack answers a request it will not authorise with its sign-in page, not an error
                    raise _Failure("Slack sent a sign-in page instead of the file: the app needs the "
                                   "`files:read` scope (reinstall it after adding the scope).")
                if (response.content_length or 0) > self.max_bytes:
                    raise _Failure(f"too large to check ({size_text(response.content_length)}; "
                                   f"the limit is {self.limit_text}).")
                body = bytearray()
                async for chunk in response.content.iter_chunked(CHUNK):
                    body += chunk
                    if len(body) > self.max_bytes:
                        raise _Failure(f"too large to check (more than {self.limit_text}).")
                return bytes(body)
        except _Failure:
            raise
        except (asyncio.TimeoutError, TimeoutError) as exc:
            raise _Failure("the download took too long; please try again.") from exc
        except aiohttp.ClientError as exc:
            raise _Failure(f"the download failed ({type(exc).__name__}); please try again.") from exc

    def _client(self) -> aiohttp.ClientSession:
        if self._session is None or self._session.closed:
            # (trust_env: through the proxy in HTTPS_PROXY / HTTP_PROXY, as the Web API calls go, where one is set)
            self._session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=self.timeout), trust_env=True)
        return self._session

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
