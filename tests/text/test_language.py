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
