"""Kept speakers (issue 12): a re-brief reuses an article's resolved speakers without reading its
parse while the story's entities answer its lookups the same, and resolves it again when they
do not."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Sequence

import pytest

from counted_resources_support import CountedResources
from storylens.entities.index import EntityIndex
from storylens.nlp import NlpResources
from storylens.quotes.extract import extract_quotes
from storylens.quotes.resolve import ResolvedSpeaker, SpeakerResolver
from storylens.quotes.settings import QuoteSettings
from storylens.quotes.speakers import RecordingIndex, SpeakerMemo, answers_digest
from storylens.quotes.stage import QuotesAnalyser
from storylens.records import Article, Entity, Mention, Story, StoryAnalysis
from storylens.store import MemoryStore

DAM = (
    'Mayor Oleg Petrenko visited the dam on Monday. "We will rebuild every house" the mayor '
    "said.\n\nThe mayor said the bridge over the river was safe."
)
PORT = 'Ivan Kovalenko, the mayor of Odesa, spoke at the port. "The port is open again," he said.'
QUIET = "The river rose by two metres overnight and the water reached the lower streets."
SETTINGS = QuoteSettings(use_wordnet=False)


def _article(article_id: str, text: str, day: int) -> Article:
    return Article(article_id, f"{article_id}.txt", None, text, published=dt.date(2023, 9, day))


def _person(eid: str, name: str, article_id: str, text: str, roles: tuple[str, ...]) -> Entity:
    mentions = []
    for alias in (name, name.split()[-1]):
        start = text.find(alias)
        if start >= 0:
            mentions.append(Mention(article_id, start, start + len(alias), alias))
    return Entity(eid, name, "PERSON", (name,), tuple(mentions), roles)


PETRENKO = _person("e-petrenko", "Oleg Petrenko", "dam", DAM, ("mayor",))
KOVALENKO = _person("e-kovalenko", "Ivan Kovalenko", "port", PORT, ("mayor of Odesa", "mayor"))


def _analysis(articles: Sequence[Article], entities: Sequence[Entity]) -> StoryAnalysis:
    story = Story("s1", tuple(a.id for a in articles), "Dam")
    return StoryAnalysis(story=story, articles=tuple(articles), entities=tuple(entities))


def _speakers(analysis: StoryAnalysis) -> list[tuple[str, str | None, str | None]]:
    quotes = [(q.text, q.speaker, q.speaker_id) for q in analysis.quotes]
    return quotes + [(a.content, a.speaker, a.speaker_id) for a in analysis.attributions]


@pytest.fixture(scope="module")
def store() -> MemoryStore:
    """A store filled by a cold run over the dam article and a quiet one."""
    filled = MemoryStore()
    articles = [_article("dam", DAM, 1), _article("quiet", QUIET, 1)]
    QuotesAnalyser(SETTINGS, NlpResources(store=filled)).analyse(_analysis(articles, [PETRENKO]))
    return filled


def _rerun(
    store: MemoryStore, articles: Sequence[Article], entities: Sequence[Entity]
) -> tuple[StoryAnalysis, list[str]]:
    resources = CountedResources(store)
    done = QuotesAnalyser(SETTINGS, resources).analyse(_analysis(articles, entities))
    return done, resources.read


def _cold(articles: Sequence[Article], entities: Sequence[Entity]) -> StoryAnalysis:
    return QuotesAnalyser(SETTINGS, NlpResources()).analyse(_analysis(articles, entities))


def test_grown_story_reuses_old_speakers_without_their_parse(store: MemoryStore) -> None:
    articles = [_article("dam", DAM, 1), _article("quiet", QUIET, 1), _article("port", PORT, 2)]
    entities = [PETRENKO, KOVALENKO]  # a second mayor, but not in the dam article
    done, read = _rerun(store, articles, entities)
    assert read == ["port", "port"]  # extracted, then resolved: the new article only
    assert ("We will rebuild every house", "Oleg Petrenko", "e-petrenko") in _speakers(done)
    assert _speakers(done) == _speakers(_cold(articles, entities))


def test_changed_answers_resolve_again(store: MemoryStore) -> None:
    renamed = dataclasses.replace(PETRENKO, name="Oleg V. Petrenko")
    articles = [_article("dam", DAM, 1), _article("quiet", QUIET, 1)]
    done, read = _rerun(store, articles, [renamed])
    assert read == ["dam"]
    found = _speakers(done)
    assert ("We will rebuild every house", "Oleg V. Petrenko", "e-petrenko") in found
    assert found == _speakers(_cold(articles, [renamed]))


def test_role_made_ambiguous_in_the_article_resolves_again(store: MemoryStore) -> None:
    # the other mayor now also mentioned in the dam article: "the mayor" names no one person,
    # so the resolver takes another path (here it finds Petrenko in apposition)
    other = dataclasses.replace(
        KOVALENKO, mentions=(*KOVALENKO.mentions, Mention("dam", 0, 5, "Mayor"))
    )
    articles = [_article("dam", DAM, 1), _article("quiet", QUIET, 1)]
    done, read = _rerun(store, articles, [PETRENKO, other])
    assert "dam" in read
    assert _speakers(done) == _speakers(_cold(articles, [PETRENKO, other]))


def test_trace_digest_follows_the_answers() -> None:
    recorder = RecordingIndex(EntityIndex([PETRENKO]))
    assert recorder.by_role("mayor", "dam") is PETRENKO
    assert recorder.at("dam", 6, 19) is PETRENKO
    assert recorder.person_mentions("dam")
    lookups, answers = recorder.trace()
    assert len(lookups) == 3
    assert answers_digest(lookups, EntityIndex([PETRENKO, KOVALENKO])) == answers
    assert answers_digest(lookups, EntityIndex([])) != answers
    retyped = dataclasses.replace(PETRENKO, type="ORG")  # the resolver reads the type too
    assert answers_digest(lookups, EntityIndex([retyped])) != answers


def test_memo_without_store_keeps_speakers_in_memory() -> None:
    memo, calls = SpeakerMemo(None, "quotes/speakers/test"), []

    def resolve(article: Article, lookups):  # type: ignore[no-untyped-def]
        calls.append(article.id)
        entity = lookups.by_role("mayor")
        if entity is None:
            return (ResolvedSpeaker("the mayor", None),), ()
        return (ResolvedSpeaker(entity.name, entity.id),), ()

    articles = [_article("dam", DAM, 1)]
    memo.get(articles, EntityIndex([PETRENKO]), resolve)
    kept = memo.get(articles, EntityIndex([PETRENKO]), resolve)
    assert calls == ["dam"]
    assert kept["dam"].quotes == (ResolvedSpeaker("Oleg Petrenko", "e-petrenko"),)
    again = memo.get(articles, EntityIndex([PETRENKO, KOVALENKO]), resolve)  # now ambiguous
    assert calls == ["dam", "dam"]
    assert again["dam"].quotes == (ResolvedSpeaker("the mayor", None),)
    assert (memo.reused, memo.computed) == (1, 2)


def test_entity_order_does_not_change_the_answers() -> None:
    # a grown story lists its entities in another order: the resolver reads the same people
    text = "Oleg Petrenko met Ivan Kovalenko at the dam."
    first = _person("e-petrenko", "Oleg Petrenko", "dam", text, ("mayor",))
    second = _person("e-kovalenko", "Ivan Kovalenko", "dam", text, ())
    recorder = RecordingIndex(EntityIndex([first, second]))
    recorder.person_mentions("dam")
    lookups, answers = recorder.trace()
    assert answers_digest(lookups, EntityIndex([second, first])) == answers
    moved = dataclasses.replace(second, mentions=(Mention("dam", 19, 32, "van Kovalenko"),))
    assert answers_digest(lookups, EntityIndex([first, moved])) != answers


def test_people_looked_up_only_for_pronouns(resources: NlpResources) -> None:
    doc = resources.nlp(PORT)
    quote = extract_quotes("port", PORT, doc, SETTINGS)[0]
    named = quote.speaker
    assert named is not None and named.text == "he"
    recorder = RecordingIndex(EntityIndex([KOVALENKO]))
    resolver = SpeakerResolver("port", doc, recorder)
    assert not any(lookup[0] == "person_mentions" for lookup in recorder.trace()[0])
    assert resolver.resolve(named) == ResolvedSpeaker("Ivan Kovalenko", "e-kovalenko")
    assert any(lookup[0] == "person_mentions" for lookup in recorder.trace()[0])


def test_new_speakers_replace_rows_of_older_code() -> None:
    fresh = MemoryStore()
    fresh.put_artifacts([("dam", "quotes/speakers/0123456789ab", b"[]")])
    fresh.put_artifacts([("dam", "figures/figures/0123456789ab", b"[]")])  # another stage
    articles = [_article("dam", DAM, 1)]
    QuotesAnalyser(SETTINGS, NlpResources(store=fresh)).analyse(_analysis(articles, [PETRENKO]))
    assert fresh.get_artifact("dam", "quotes/speakers/0123456789ab") is None
    assert fresh.get_artifact("dam", "figures/figures/0123456789ab") == b"[]"
