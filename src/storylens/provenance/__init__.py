"""Provenance: who cites, republishes, copies, rewrites or translates whom in a story.

The stage (``storylens.provenance.stage``) combines explicit attribution (``according to X``,
bylines, republication notices) with implicit derivation found by sentence alignment, and fills
``StoryAnalysis.provenance``, ``article_provenance`` and ``fact_provenance``.
:class:`~storylens.provenance.report.ProvenanceReport` turns those into what later stages need:
each article's original share and which sources are independent. See docs/provenance.md.
"""

from storylens.provenance.report import ProvenanceReport
from storylens.provenance.settings import ProvenanceSettings

__all__ = ["ProvenanceReport", "ProvenanceSettings"]
