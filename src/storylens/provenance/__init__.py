"""Provenance: who cites, republishes, copies, rewrites or translates whom in a story.

The stage (``storylens.provenance.stage``) combines explicit attribution (``according to X``,
bylines, republication notices) with implicit derivation found by sentence alignment, and fills
``StoryAnalysis.provenance``. :class:`~storylens.provenance.report.ProvenanceReport` turns those
links into what later stages need: each article's original share and which sources are
independent. See docs/provenance.md.
"""
