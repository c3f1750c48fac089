"""Figures and claims: who claimed which number when, and where sources agree, update or conflict.

See docs/figures.md. The stage entry point is ``storylens.figures.stage:make_analyser``.
"""

from storylens.figures.extract import Quantity, extract_quantities
from storylens.figures.grouping import classify, figure_interval, group_figures
from storylens.figures.settings import FigureSettings
from storylens.figures.stage import FigureAnalyser, extract_figures, make_analyser

__all__ = [
    "FigureAnalyser",
    "FigureSettings",
    "Quantity",
    "classify",
    "extract_figures",
    "extract_quantities",
    "figure_interval",
    "group_figures",
    "make_analyser",
]
