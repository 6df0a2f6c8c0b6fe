"""Share links for an award: LinkedIn's add-to-profile form and the public verification address.

LinkedIn pre-fills its "Add license or certification" form from query parameters; every value is
percent-encoded here (names with '&', '#', accents or spaces survive the trip).
"""

from __future__ import annotations

from urllib.parse import quote, urlencode, urlsplit

from bot.badges.openbadges import UNKNOWN_ISSUER
from bot.badges.store import AwardView

LINKEDIN_ADD = "https://www.linkedin.com/profile/add"


def public_link(award: AwardView) -> str | None:
    """Where anyone can check the badge: its own https address, when it has one."""
    ident = award.credential_id
    if ident and ident.startswith("https://"):
        return ident
    if ident and ident.startswith("http://"):
        return ident
    return None


# Domains kept for examples (RFC 2606): a badge whose address is on one was made from sample data, and
# its link leads to no badge page (a learner was about to put example.com in her e-mail signature)
_EXAMPLE_DOMAINS = ("example.com", "example.net", "example.org")
_EXAMPLE_TLDS = (".example", ".invalid")


def placeholder_host(url: str | None) -> str | None:
    """The host of `url` when it is one kept for examples, which serves no badge page; else None."""
    host = (urlsplit(url).hostname or "") if url else ""
    if host in _EXAMPLE_DOMAINS or host.endswith(tuple("." + d for d in _EXAMPLE_DOMAINS) + _EXAMPLE_TLDS):
        return host
    return None


def linkedin_link(award: AwardView) -> str:
    params: list[tuple[str, str]] = [("startTask", "CERTIFICATION_NAME"), ("name", award.name)]
    if award.issuer and award.issuer != UNKNOWN_ISSUER:
        params.append(("organizationName", award.issuer))
    if award.issued:
        params += [("issueYear", str(award.issued.year)), ("issueMonth", str(award.issued.month))]
    if award.expires:
        params += [("expirationYear", str(award.expires.year)), ("expirationMonth", str(award.expires.month))]
    url = public_link(award)
    if url and not placeholder_host(url):  # (LinkedIn's "Show credential" would lead nowhere)
        params.append(("certUrl", url))
    if award.credential_id:
        params.append(("certId", award.credential_id))
    return f"{LINKEDIN_ADD}?{urlencode(params, quote_via=quote)}"
