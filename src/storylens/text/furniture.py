"""Page furniture inside a sentence: what a page prints around a story, not the story.

Share and subscribe prompts, photo credits, "contributed to this report", cookie and browser
notices, a print edition's "A version appeared on p18 of the Main section", a tweet's "@name"
and links (``is_furniture``), and photo captions ("A boy wears a mask inside a bus in Bogota
May 4, 2009.", ``is_caption``). The summary and the timeline leave such sentences out: they
say what happened, and such a sentence says where the page came from or what to click.
"""

from __future__ import annotations

import re

__all__ = ["is_caption", "is_furniture"]

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


#: A photo caption's tail: "... in Venice, Louisiana, May 2, 2010.", "A boy wears a mask inside
#: a bus in Bogota May 4, 2009." (a place, then the date the picture was taken; prose puts a
#: weekday or a lower-case word there: "on Monday, May 3, 2010", "since April 24, 2009").
_CAPTION_END = re.compile(
    r"\b(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)[A-Z][\w.'-]+,?\s+"
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2},\s+\d{4}\.$"
)


def is_caption(text: str) -> bool:
    """Whether a sentence ends the way a photo caption does.

    Example:
        >>> is_caption("A boy wears a mask inside a bus in Bogota May 4, 2009.")
        True
        >>> is_caption("The bus service resumed on Monday, May 4, 2009.")
        False
    """
    return _CAPTION_END.search(text) is not None


#: Words every furniture pattern holds one of: a sentence holding none is no furniture, and
#: ``in`` on a lower-cased string is far cheaper than the pattern (the timeline asks for every
#: dated sentence of a story on each brief).
_KEYS = (
    "http", "www.", "@", "click here", "sign up", "subscribe", "newsletter", "follow ", "share ",
    "advertisement", "photo", "image", "contributed to this report", "reporting by",
    "editing by", "all rights reserved", "\u00a9", "copyright", "caption", "read ", "terms of ",
    "privacy policy", "comment", "email", "this article", "this story", "this report",
    "updated ", "javascript", "browser", "cookie", "appeared on p",
)  # fmt: skip


def is_furniture(text: str) -> bool:
    """Whether a sentence carries page furniture.

    Example:
        >>> is_furniture("RT @harbourwatch: the ferry is back.")
        True
        >>> is_furniture("The ferry line said it would buy two new boats.")
        False
    """
    lowered = text.lower()
    if not any(key in lowered for key in _KEYS):
        return False
    return _FURNITURE.search(text) is not None
