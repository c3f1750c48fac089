"""Time: find time expressions, resolve them against each article's date, build the timeline.

Public API: ``TimeTagger`` (text + publication date -> ``Timex`` records), ``TimeSettings`` (the
stage's knobs), ``summarise_timeline`` (date-wise timeline summarisation of long streams), and
the analysis stage in ``storylens.time.stage`` (``make_analyser``).
"""

from storylens.time.settings import TimeSettings
from storylens.time.tagger import TimeTagger, Timex
from storylens.time.tls import TlsSentence, TlsSettings, baseline_timeline, summarise_timeline

__all__ = [
    "TimeSettings",
    "TimeTagger",
    "Timex",
    "TlsSentence",
    "TlsSettings",
    "baseline_timeline",
    "summarise_timeline",
]
