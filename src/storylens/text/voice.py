"""Whose voice a sentence is in: the reporter's third person, or a reader's or columnist's "I".

News prose reports in the third person; "I"/"my"/"me" outside quotation marks is a comment
thread, a column or a reader's letter that a page carried beside the story. Summaries and
timelines say what happened, in the sources' reporting voice, so they leave such sentences out.
"""

from __future__ import annotations

import re

__all__ = ["QUOTED", "in_first_person", "unquoted"]

#: A quoted passage (straight or curly double quotes).
QUOTED = re.compile(r"[\"\u201c][^\"\u201d]*[\"\u201d]")
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I've|I'd|my|me)\b")
_FIRST_PERSON_PLURAL = re.compile(r"\b(?:[Ww]e|[Ww]e're|[Ww]e've|[Oo]ur|us)\b")


def unquoted(text: str) -> str:
    """``text`` with its quoted passages blanked: what the writer says in their own voice."""
    return QUOTED.sub(" ", text)


def in_first_person(text: str, plural: bool = False) -> bool:
    """Whether the writer speaks as "I" (or, with ``plural``, "we") outside quotation marks.

    "We" is left to the caller: a summary keeps "we" in a speaker's unmarked words more often
    than a timeline, where "On 1st March we moved to a new blogging system" is a site's note.

    Example:
        >>> in_first_person("I got my degree there in 1996.")
        True
        >>> in_first_person('"I will rebuild," the mayor said.')
        False
    """
    own = unquoted(text)
    if _FIRST_PERSON.search(own):
        return True
    return plural and _FIRST_PERSON_PLURAL.search(own) is not None
