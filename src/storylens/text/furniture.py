"""Page furniture inside a sentence: what a page prints around a story, not the story.

Share and subscribe prompts, photo credits, "contributed to this report", cookie and browser
notices, a print edition's "A version appeared on p18 of the Main section", a tweet's "@name"
and links. The summary and the timeline leave sentences holding any of it out: they say what
happened, and such a sentence says where the page came from or what to click.
"""

from __future__ import annotations

import re

__all__ = ["is_furniture"]

_FURNITURE = re.compile(
    r"https?://|www\.|@\w|\bclick here\b|\bsign up\b|\bsubscribe\b|\bnewsletter\b|\bfollow (?:us|him|her)\b"
    r"|\bshare (?:this|on)\b|\badvertisement\b|\bphoto(?:graph)?s?:|\bimage(?: copyright| caption)?:"
    r"|\bgetty images\b|\bcontributed to this report\b|\breporting by\b|\bediting by\b"
    r"|\ball rights reserved\b|\u00a9|\bcopyright\b|\bcaption\b|\bread (?:more|also)\b"
    r"|\bterms of (?:use|service)\b|\bprivacy policy\b|\bcomments?\b.*\bpolicy\b|\bemail\b.*\balerts?\b"
    r"|\bthis (?:article|story|report) (?:originally|was|has been)\b|\bupdated \d|\bfile photo\b"
    r"|\bjavascript\b|\bbrowser\b|\bcookies?\b"
    r"|\ba version (?:of this (?:article|story) )?appeared on p(?:age)?\s*\d",
    re.IGNORECASE,
)


def is_furniture(text: str) -> bool:
    """Whether a sentence carries page furniture.

    Example:
        >>> is_furniture("RT @harbourwatch: the ferry is back.")
        True
        >>> is_furniture("The ferry line said it would buy two new boats.")
        False
    """
    return _FURNITURE.search(text) is not None
