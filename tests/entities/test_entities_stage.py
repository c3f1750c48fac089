"""The stage plugs into the pipeline and stays fast."""

from __future__ import annotations

import time

from storylens.config import Settings
from storylens.entities.stage import EntitiesAnalyser
from storylens.nlp import NlpResources
from storylens.pipeline import build_analysers

from .demo_support import demo_story


def test_stage_is_registered(resources: NlpResources) -> None:
    (stage,) = build_analysers(["entities"], Settings(), resources)
    assert stage.name == "entities"


def test_stage_time_beyond_the_parse(analyser: EntitiesAnalyser, resources: NlpResources) -> None:
    analysis = demo_story(0)
    resources.docs(analysis.articles)  # parse first: only the stage's own work is timed
    analyser.analyse(analysis)  # and load the gazetteer once
    started = time.perf_counter()
    result = analyser.analyse(analysis)
    per_article = (time.perf_counter() - started) / len(analysis.articles)
    assert result.entities
    assert per_article < 0.05
