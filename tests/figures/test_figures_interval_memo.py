"""``figure_interval`` is remembered per (figure, settings): equal inputs, equal answers; other
settings are answered afresh."""

from __future__ import annotations

import dataclasses

from storylens.figures.grouping import _interval, figure_interval
from storylens.figures.settings import FigureSettings
from storylens.records import Figure


def test_remembered_interval_follows_figure_and_settings() -> None:
    figure = Figure("f", 50, None, "about", "dead", "deaths", None, None, "a", 0, 8, "about 50")
    loose = FigureSettings(about_tolerance=0.2)
    before = _interval.cache_info().hits
    first = figure_interval(figure)
    assert figure_interval(dataclasses.replace(figure)) == first  # an equal figure: a hit
    assert _interval.cache_info().hits > before
    assert first.low < 50 < first.high
    wider = figure_interval(figure, loose)
    assert wider.low < first.low and wider.high > first.high
