"""Time: find time expressions, resolve them against each article's date, build the timeline.

Public API: ``TimeTagger`` (text + publication date -> ``Timex`` records) and the analysis stage
in ``storylens.time.stage``.
"""

from storylens.time.tagger import TimeTagger, Timex

__all__ = ["TimeTagger", "Timex"]
