"""The summary: a short account of the story in which every sentence cites every source that supports it.

:class:`~storylens.summarize.core.Summarizer` works on plain ``(id, text)`` documents (so the
Multi-News benchmark runs it without the rest of the pipeline); the stage
(``storylens.summarize.stage``) feeds it a story's articles with the provenance stage's
independent-source groups and fills ``StoryAnalysis.summary`` and the story's headline.
See docs/summary.md.
"""
