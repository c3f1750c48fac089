"""Language identification per article."""

from __future__ import annotations

from storylens.text.language import LangidIdentifier


def test_identifies_news_languages() -> None:
    identifier = LangidIdentifier()
    assert identifier.identify("The dam collapsed on Friday night and the village was flooded within minutes.") == "en"
    assert identifier.identify("Der Damm brach in der Nacht zum Samstag, und das Dorf stand binnen Minuten unter Wasser.") == "de"
    assert identifier.identify("La presa se rompió el viernes por la noche y el pueblo quedó inundado en minutos.") == "es"


def test_too_little_text_is_unknown() -> None:
    assert LangidIdentifier().identify("OK 12") is None


def test_identifiers_share_one_loaded_model() -> None:
    # Loading the model costs more than cleaning ten articles: every builder reuses the first.
    first, second = LangidIdentifier(), LangidIdentifier(sample_chars=200)
    assert first._model is second._model
    assert second.identify("Die Regierung hat am Montag neue Regeln beschlossen.") == "de"
