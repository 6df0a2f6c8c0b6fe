"""Badges baked into images: the credential carried inside a PNG or an SVG.

Open Badges 2.0 bakes into a PNG `iTXt` chunk with keyword `openbadges` or an SVG
`<openbadges:assertion>` element; 3.0 uses `openbadgecredential` and `<openbadges:credential>`.
The chunk or element holds a JWS / VC-JWT, or the JSON document itself (in the `verify`
attribute or the element's text). openbadgeslib does the parsing, with bounded decompression and
a hardened XML parser; this module only tries both generations and says what it found.
"""

from __future__ import annotations

from dataclasses import dataclass

from openbadgeslib import baking as obl

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


class BakingError(ValueError):
    """The image is damaged or carries no badge."""


@dataclass(frozen=True)
class Baked:
    carrier: str  # "png" or "svg"
    generation: str  # "ob2" or "ob3"
    payload: str  # a compact JWS or a JSON document


def is_png(data: bytes) -> bool:
    return data.startswith(PNG_SIGNATURE)


def is_svg(data: bytes) -> bool:
    head = data[:4096].lstrip().lower()
    return head.startswith((b"<?xml", b"<svg", b"<!doctype svg", b"<!--")) and b"<svg" in data[:65536].lower()


def extract(data: bytes) -> Baked:
    """The credential baked into a PNG or SVG image."""
    if is_png(data):
        for generation, keyword in (("ob3", obl.ITXT_KEYWORD_OB3), ("ob2", obl.ITXT_KEYWORD)):
            try:
                payload = obl.extract_png(data, keyword=keyword)
            except Exception as exc:
                raise BakingError(f"the PNG image is damaged ({_short(exc)})") from None
            if payload:
                return Baked("png", generation, payload.strip())
        raise BakingError("the PNG image carries no badge (no 'openbadges' or 'openbadgecredential' iTXt chunk)")
    if is_svg(data):
        for generation, element in (("ob3", obl.SVG_ELEMENT_OB3), ("ob2", obl.SVG_ELEMENT)):
            try:
                payload = obl.extract_svg(data, element=element, text_fallback=True)
            except Exception as exc:
                raise BakingError(f"the SVG image is not well-formed XML ({_short(exc)})") from None
            if payload:
                return Baked("svg", generation, payload.strip())
        raise BakingError("the SVG image carries no badge (no <openbadges:credential> or "
                          "<openbadges:assertion> element)")
    raise BakingError("not a PNG or SVG image")


def bake_png(image: bytes, payload: str, *, generation: str = "ob3") -> bytes:
    """A copy of `image` carrying `payload` (for issuing tests and re-baking)."""
    keyword = obl.ITXT_KEYWORD_OB3 if generation == "ob3" else obl.ITXT_KEYWORD
    return obl.bake_png(image, payload, keyword=keyword)


def bake_svg(image: bytes, payload: str, *, generation: str = "ob3") -> bytes:
    """A copy of `image` carrying `payload`: a JWS in the `verify` attribute, JSON as the element's text."""
    as_text = payload.lstrip().startswith("{")  # a JSON document goes in the element's text
    if generation == "ob3":
        return obl.bake_svg(image, payload, element=obl.SVG_ELEMENT_OB3, namespace=obl.SVG_NS_OB3, as_text=as_text)
    return obl.bake_svg(image, payload, as_text=as_text)


def _short(exc: Exception) -> str:
    text = str(exc) or type(exc).__name__
    return text[:120]
