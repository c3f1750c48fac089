"""The analysis runner: a story's articles go through each analysis stage in order.

Every stage is an ``Analyser``: it receives a ``StoryAnalysis`` and returns a new one with its
own section filled in. Stages are registered by name (``ANALYSERS``) and built from the settings
and the shared ``NlpResources``; the default order respects their dependencies (quotes use
entities; figures use entities, time and quotes; the summary uses provenance).
"""

from __future__ import annotations

import dataclasses
import functools
import importlib
import importlib.util
import time
import warnings
from collections.abc import Callable, Sequence
from typing import Any, Protocol, runtime_checkable

from storylens.ahead import AheadCall, shares_with_children
from storylens.config import Settings
from storylens.errors import ConfigError, StageError
from storylens.gctune import relaxed_gc, small_pages
from storylens.nlp import NlpResources
from storylens.records import Article, Sentence, Story, StoryAnalysis

__all__ = [
    "ANALYSERS",
    "DEFAULT_ANALYSES",
    "Analyser",
    "AnalysisRunner",
    "PreparedAnalyser",
    "available_analyses",
    "build_analysers",
]


class Analyser(Protocol):
    """One analysis stage."""

    name: str

    def analyse(self, analysis: StoryAnalysis) -> StoryAnalysis:
        """Return ``analysis`` with this stage's section filled in."""
        ...


@runtime_checkable
class PreparedAnalyser(Protocol):
    """A stage whose main work (``prepare``) reads only some earlier stages' sections, so it
    can run in a forked process beside the stages in between (``storylens.ahead``);
    ``analyse(a)`` is ``finish(a, prepare(a))``."""

    name: str
    #: The earlier stages whose sections ``prepare`` reads.
    prepare_needs: tuple[str, ...]

    def analyse(self, analysis: StoryAnalysis) -> StoryAnalysis:
        """Return ``analysis`` with this stage's section filled in."""
        ...

    def prepare(self, analysis: StoryAnalysis) -> Any:
        """The stage's main work; its result must pickle (it may come from another process)."""
        ...

    def finish(self, analysis: StoryAnalysis, prepared: Any) -> StoryAnalysis:
        """``analysis`` with the section filled in from ``prepare``'s result."""
        ...


AnalyserFactory = Callable[[Settings, NlpResources], Analyser]

#: Stage name -> ``"module:factory"``; a factory takes ``(settings, resources)``.
#: A stage whose module is not in this build is left out of the default run.
ANALYSERS: dict[str, str] = {
    "entities": "storylens.entities.stage:make_analyser",
    "time": "storylens.time.stage:make_analyser",
    "quotes": "storylens.quotes.stage:make_analyser",
    "figures": "storylens.figures.stage:make_analyser",
    "provenance": "storylens.provenance.stage:make_analyser",
    "summary": "storylens.summarize.stage:make_analyser",
}

#: The stages ``storylens brief`` runs, in dependency order.
DEFAULT_ANALYSES: tuple[str, ...] = (
    "entities",
    "time",
    "quotes",
    "figures",
    "provenance",
    "summary",
)


def _load_factory(name: str) -> AnalyserFactory:
    target = ANALYSERS[name]
    module_name, _, attribute = target.partition(":")
    factory: AnalyserFactory = getattr(importlib.import_module(module_name), attribute)
    return factory


def build_analysers(
    names: Sequence[str], settings: Settings, resources: NlpResources
) -> list[Analyser]:
    """Build the named stages; names not registered in this build raise ``ConfigError``."""
    unknown = [n for n in names if n not in ANALYSERS]
    if unknown:
        raise ConfigError(
            f"unknown analysis stage(s) {', '.join(unknown)}; available: {', '.join(ANALYSERS)}"
        )
    return [_load_factory(name)(settings, resources) for name in names]


def _module_exists(target: str) -> bool:
    module_name = target.partition(":")[0]
    try:
        return importlib.util.find_spec(module_name) is not None
    except ModuleNotFoundError:
        return False


def available_analyses() -> tuple[str, ...]:
    """The default stages that this build has, in order."""
    return tuple(
        name for name in DEFAULT_ANALYSES if name in ANALYSERS and _module_exists(ANALYSERS[name])
    )


class AnalysisRunner:
    """Runs the analysis stages over stories.

    Example:
        >>> runner = AnalysisRunner(Settings(), analyses=())
        >>> runner.names
        ()
    """

    def __init__(
        self,
        settings: Settings,
        analyses: Sequence[str] | None = None,
        resources: NlpResources | None = None,
    ) -> None:
        self.settings = settings
        self.resources = resources or NlpResources()
        self.names = tuple(available_analyses() if analyses is None else analyses)
        self.stages = build_analysers(self.names, settings, self.resources)
        #: CPU seconds spent in each stage so far (for ``storylens bench pipeline`` and
        #: profiling): CPU, not wall time, because stories are analysed while other processes
        #: parse and a stage's wall time then says more about the neighbours than the stage.
        self.timings: dict[str, float] = dict.fromkeys(self.names, 0.0)

    def run(
        self,
        story: Story,
        articles: Sequence[Article],
        sentences: Sequence[Sentence],
        ahead: bool = False,
    ) -> StoryAnalysis:
        """Analyse one story; a failing stage raises ``StageError`` naming the stage and story.

        ``ahead=True`` uses a second core: stages that can (``PreparedAnalyser``) run their
        main work in a forked process as soon as the sections they read exist. Only for a
        story analysed alone with a core to spare, on a store another process can open (a
        SQLite file); the analysis is the same either way.
        """
        with relaxed_gc(), small_pages():
            return self._run(story, articles, sentences, ahead and self._can_fork())

    def _can_fork(self) -> bool:
        return shares_with_children(self.resources.store)

    def _run(
        self, story: Story, articles: Sequence[Article], sentences: Sequence[Sentence], ahead: bool
    ) -> StoryAnalysis:
        analysis = StoryAnalysis(story=story, articles=tuple(articles), sentences=tuple(sentences))
        self.resources.focus(a.id for a in articles)
        calls: dict[str, AheadCall] = {}
        for position, stage in enumerate(self.stages):
            if ahead:
                self._start_ahead(analysis, position, calls)
            started = time.process_time()
            try:
                analysis = self._analyse(stage, analysis, calls.pop(stage.name, None))
            except Exception as exc:
                raise StageError(f"stage {stage.name!r} failed on story {story.id}: {exc}") from exc
            self.timings[stage.name] = self.timings.get(stage.name, 0.0) + time.process_time() - started
            analysis = dataclasses.replace(analysis, analyses=(*analysis.analyses, stage.name))
        return analysis

    def _start_ahead(self, analysis: StoryAnalysis, position: int, calls: dict[str, AheadCall]) -> None:
        """Fork the next later stage whose ``prepare`` can start now, if no other is running
        (one child: the machine this is tuned for has two cores)."""
        if any(not call.ready() for call in calls.values()):
            return
        done = set(analysis.analyses)
        for stage in self.stages[position + 1 :]:
            if (
                isinstance(stage, PreparedAnalyser)
                and stage.name not in calls
                and set(stage.prepare_needs) <= done
            ):
                store = self.resources.store
                calls[stage.name] = AheadCall(
                    functools.partial(stage.prepare, analysis),
                    setup=store.reconnect_in_child,  # type: ignore[union-attr]
                )
                return

    def _analyse(self, stage: Analyser, analysis: StoryAnalysis, call: AheadCall | None) -> StoryAnalysis:
        if call is None:
            return stage.analyse(analysis)
        succeeded, value, child_seconds = call.result()
        self.timings[stage.name] = self.timings.get(stage.name, 0.0) + child_seconds
        if not succeeded:
            warnings.warn(
                f"stage {stage.name!r}: its work run ahead in a forked process failed; "
                f"done again in this one. The child reported:\n{value}",
                RuntimeWarning,
                stacklevel=2,
            )
        prepared = value if succeeded else stage.prepare(analysis)  # type: ignore[attr-defined]
        return stage.finish(analysis, prepared)  # type: ignore[attr-defined]
