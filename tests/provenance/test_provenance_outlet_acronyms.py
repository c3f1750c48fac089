"""Short forms made of an outlet's initials resolve to it, also for outlets added late (the
initials of each name are computed once and kept)."""

from __future__ import annotations

from storylens.provenance.outlets import OutletDirectory


def test_initials_resolve_to_the_outlet() -> None:
    directory = OutletDirectory.build(["The Northern Daily Courier"])
    assert directory.resolve("NDC") == "The Northern Daily Courier"
    assert directory.resolve("NDX") is None
    directory.add("Bilyanka Valley Herald")
    assert directory.resolve("BVH") == "Bilyanka Valley Herald"
    again = OutletDirectory.build(["Tarnova Morning Star"])  # kept initials, another directory
    assert again.resolve("NDC") is None and again.resolve("TMS") == "Tarnova Morning Star"
