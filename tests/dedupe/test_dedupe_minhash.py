"""Duplicate detection: exact and near copies, chains, the window, persistence."""

from __future__ import annotations

import datetime as dt

import pytest

from storylens.dedupe import DedupeSettings, DuplicateDetector, shingle_hashes, shingles
from storylens.errors import ConfigError
from storylens.records import Article, ProvenanceHint

BODY = (
    "Volunteers in Marrow Bay cleared four tonnes of plastic from the northern beach on Sunday, "
    "the largest haul since the yearly clean-up began in 2015. Organiser Petra Lund said most of "
    "it was fishing net washed in by the autumn storms, and that the council had promised a skip "
    "at the harbour for the rest. Children from the village school sorted bottle caps by colour "
    "for an art project that will hang in the library over the winter."
)
OTHER = (
    "The regional bus company will add a night service between Marrow Bay and the county town "
    "from December, after a petition signed by more than two thousand residents. Buses will run "
    "every ninety minutes on Fridays and Saturdays, and the fare will match the day service."
)


def _article(article_id: str, text: str, day: int = 1, **extra: object) -> Article:
    return Article(
        id=article_id, origin=f"{article_id}.txt", title=None, text=text,
        published=dt.date(2024, 10, day), **extra,  # type: ignore[arg-type]
    )


def test_exact_copy_is_found_whatever_the_whitespace_and_case() -> None:
    detector = DuplicateDetector(DedupeSettings())
    assert detector.check_and_add(_article("a", BODY)) is None
    match = detector.check_and_add(_article("b", "  " + BODY.upper().replace(" ", "\n ")))
    assert match is not None and match.exact and match.original == "a" and match.duplicate == "b"


def test_near_copy_is_found_and_a_different_article_is_not() -> None:
    detector = DuplicateDetector(DedupeSettings())
    detector.check_and_add(_article("a", BODY))
    edited = BODY.replace("Sunday", "Sunday morning").replace("promised", "pledged")
    match = detector.check_and_add(_article("b", edited + " Read more at the council's site."))
    assert match is not None and not match.exact and match.original == "a"
    assert 0.8 <= match.similarity < 1.0
    assert detector.check_and_add(_article("c", OTHER)) is None


def test_a_rewrite_in_other_words_is_not_a_duplicate() -> None:
    detector = DuplicateDetector(DedupeSettings())
    detector.check_and_add(_article("a", BODY))
    rewrite = (
        "Four tonnes of plastic, mostly storm-tossed fishing net, were hauled off Marrow Bay's "
        "northern beach by volunteers on Sunday according to organiser Petra Lund, a record for "
        "the clean-up held every year since 2015. Pupils turned the bottle caps into artwork."
    )
    assert detector.check_and_add(_article("b", rewrite)) is None


def test_chains_resolve_to_the_first_original() -> None:
    detector = DuplicateDetector(DedupeSettings())
    detector.check_and_add(_article("a", BODY))
    detector.check_and_add(_article("b", BODY + " Shared from the Bay Post."))
    match = detector.check_and_add(_article("c", BODY + " Shared from the Bay Post. Comments closed."))
    assert match is not None and match.original == "a"


def test_a_credited_same_day_copy_becomes_the_original() -> None:
    detector = DuplicateDetector(DedupeSettings())
    detector.check_and_add(_article("copy", BODY))
    byline = (ProvenanceHint("byline", "Bay Post", "By Ola Ness, Bay Post", "Ola Ness"),)
    match = detector.check_and_add(_article("wire", BODY + " More later.", hints=byline))
    assert match is not None and (match.duplicate, match.original) == ("copy", "wire")


def test_the_index_forgets_articles_older_than_the_window() -> None:
    detector = DuplicateDetector(DedupeSettings(window_days=7))
    detector.check_and_add(_article("a", BODY, day=1))
    detector.expire(dt.date(2024, 10, 20))
    assert len(detector) == 0 and "a" not in detector
    assert detector.check_and_add(_article("b", BODY, day=20)) is None


def test_state_round_trip_keeps_the_window() -> None:
    detector = DuplicateDetector(DedupeSettings())
    detector.check_and_add(_article("a", BODY))
    detector.check_and_add(_article("short", "Too short to shingle."))
    restored = DuplicateDetector(DedupeSettings())
    restored.import_state(detector.export_state())
    assert len(restored) == 2
    match = restored.check_and_add(_article("b", BODY + " Updated at noon."))
    assert match is not None and match.original == "a"


def test_shingle_hashes_count_distinct_shingles() -> None:
    text = "one two three one two three"
    assert len(shingle_hashes(text, 3, 100)) == len(shingles(text, 3, 100)) == 3


def test_bad_settings_say_how_to_fix_them() -> None:
    with pytest.raises(ConfigError, match="typical"):
        DedupeSettings(threshold=1.5)
