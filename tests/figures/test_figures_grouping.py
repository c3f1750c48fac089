"""Grouping and agree / updated / conflict on hand-built figures (no parsing involved)."""

from __future__ import annotations

from storylens.figures.grouping import figure_interval, group_figures
from storylens.records import Figure

OUTLETS = {"a": "Alpha News", "b": "Beta Times", "c": "Gamma Post", "d": "Delta Wire"}


def fig(
    fid: str,
    article: str,
    value: float,
    date: str | None,
    *,
    key: str = "deaths",
    approx: str | None = None,
    unit: str | None = None,
    scope: str | None = None,
    claimant: str | None = None,
    predicate: str | None = None,
    text: str | None = None,
    kind: str = "casualties",
) -> Figure:
    return Figure(
        id=fid, value=value, unit=unit, approx=approx, counts=key, counts_key=key,
        claimant=claimant, date=date, article_id=article, start=0, end=5,
        text=text or str(value), scope=scope, kind=kind, predicate=predicate,
    )  # fmt: skip


def test_same_value_agrees() -> None:
    groups = group_figures(
        [fig("1", "a", 52, "2023-09-12"), fig("2", "b", 52, "2023-09-12")], OUTLETS
    )
    assert [g.status for g in groups] == ["agree"]
    assert "Alpha News" in groups[0].explanation and "Beta Times" in groups[0].explanation


def test_approximators_widen_what_agrees() -> None:
    figures = [
        fig("1", "a", 50, "2023-09-12", approx="about"),
        fig("2", "b", 53, "2023-09-12"),
        fig("3", "c", 50, "2023-09-12", approx="more_than"),
    ]
    assert [g.status for g in group_figures(figures, OUTLETS)] == ["agree"]


def test_rounded_numbers_agree_within_their_precision() -> None:
    a = fig("1", "a", 1.2e6, "2023-09-12", key="voter", text="1.2 million", kind="people")
    b = fig("2", "b", 1_213_000, "2023-09-12", key="voter", text="1,213,000", kind="people")
    assert figure_interval(a).low <= 1_213_000 <= figure_interval(a).high
    assert [g.status for g in group_figures([a, b], OUTLETS)] == ["agree"]


def test_a_later_count_is_an_update() -> None:
    figures = [
        fig("1", "a", 40, "2023-09-09", approx="at_least"),
        fig("2", "b", 40, "2023-09-10", approx="at_least"),
        fig("3", "c", 52, "2023-09-12"),
    ]
    (group,) = group_figures(figures, OUTLETS)
    assert group.status == "updated"
    assert "at least" not in group.explanation or "->" in group.explanation


def test_same_day_disagreement_is_a_conflict() -> None:
    figures = [
        fig(
            "1",
            "a",
            4500,
            "2023-09-10",
            key="evacuations",
            approx="more_than",
            claimant="Emergency Service",
        ),
        fig(
            "2",
            "b",
            2800,
            "2023-09-10",
            key="evacuations",
            approx="about",
            claimant="Regional administration",
        ),
    ]
    (group,) = group_figures(figures, OUTLETS)
    assert group.status == "conflict"
    assert "Emergency Service" in group.explanation and "2023-09-10" in group.explanation


def test_one_article_quoting_two_rival_claimants_is_a_conflict() -> None:
    figures = [
        fig(
            "1",
            "a",
            1200,
            "2023-09-12",
            key="worker",
            approx="about",
            claimant="union",
            kind="people",
        ),
        fig(
            "2",
            "a",
            900,
            "2023-09-12",
            key="worker",
            approx="less_than",
            claimant="port authority",
            kind="people",
        ),
        fig(
            "3",
            "b",
            1200,
            "2023-09-11",
            key="worker",
            approx="about",
            claimant="union",
            kind="people",
        ),
    ]
    statuses = {g.status for g in group_figures(figures, OUTLETS)}
    assert "conflict" in statuses


def test_different_scopes_never_conflict() -> None:
    figures = [
        fig("1", "a", 140, "2023-09-10", key="rescued", scope="past 24 hours"),
        fig("2", "b", 300, "2023-09-10", key="rescued", approx="more_than", scope="this year"),
        fig("3", "c", 140, "2023-09-10", key="rescued", scope="past 24 hours"),
    ]
    groups = group_figures(figures, OUTLETS)
    assert all(g.status != "conflict" for g in groups)


def test_undated_figures_never_conflict() -> None:
    figures = [
        fig("1", "a", 50, None, key="year", unit="year"),
        fig("2", "b", 2, "2023-09-13", key="year", unit="year"),
    ]
    assert all(g.status != "conflict" for g in group_figures(figures, OUTLETS))


def test_two_units_compare_after_conversion() -> None:
    figures = [
        fig("1", "a", 120, "2023-09-09", key="front", unit="km", kind="distance"),
        fig("2", "b", 75, "2023-09-09", key="front", unit="mi", kind="distance"),
        fig("3", "c", 72, "2023-09-09", key="strike", unit="h", kind="duration"),
        fig("4", "d", 3, "2023-09-09", key="strike", unit="day", kind="duration"),
    ]
    assert [g.status for g in group_figures(figures, OUTLETS)] == ["agree", "agree"]


def test_different_verbs_in_one_article_are_different_quantities() -> None:
    figures = [
        fig("1", "a", 600, "2023-09-09", key="homes", predicate="check", kind="settlements"),
        fig(
            "2",
            "a",
            1400,
            "2023-09-09",
            key="homes",
            approx="about",
            predicate="flood",
            kind="settlements",
        ),
        fig("3", "b", 600, "2023-09-09", key="homes", predicate="check", kind="settlements"),
        fig(
            "4",
            "b",
            1400,
            "2023-09-09",
            key="homes",
            approx="about",
            predicate="flood",
            kind="settlements",
        ),
        fig(
            "5",
            "c",
            1400,
            "2023-09-10",
            key="homes",
            approx="about",
            predicate="destroy",
            kind="settlements",
        ),
    ]
    groups = group_figures(figures, OUTLETS)
    assert sorted(len(g.figure_ids) for g in groups) == [2, 3]
    assert all(g.status == "agree" for g in groups)


def test_a_restatement_keeps_the_date_of_the_claim_it_repeats() -> None:
    figures = [
        fig("1", "a", 3000, "2023-09-09", key="evacuations", approx="about"),
        fig("2", "b", 3000, "2023-09-10", key="evacuations", approx="about"),
        fig("3", "c", 4500, "2023-09-10", key="evacuations", approx="more_than"),
        fig("4", "d", 2800, "2023-09-10", key="evacuations", approx="about"),
    ]
    groups = {g.status: g for g in group_figures(figures, OUTLETS)}
    assert set(groups) == {"agree", "conflict"}
    assert set(groups["agree"].figure_ids) == {"1", "2"}
    assert set(groups["conflict"].figure_ids) == {"3", "4"}


def test_a_single_source_makes_no_group() -> None:
    assert (
        group_figures([fig("1", "a", 40, "2023-09-09"), fig("2", "a", 40, "2023-09-09")], OUTLETS)
        == ()
    )


def test_counts_far_apart_are_different_quantities_not_a_conflict() -> None:
    figures = [
        fig("1", "a", 150, "2009-04-29", approx="more_than", claimant="Mexico"),
        fig("2", "b", 7, "2009-04-29", claimant="WHO"),
        fig("3", "c", 150, "2009-04-29", approx="more_than", claimant="Mexico"),
    ]
    groups = group_figures(figures, OUTLETS)
    assert [g.status for g in groups] == ["agree"]
    assert set(groups[0].figure_ids) == {"1", "3"}
