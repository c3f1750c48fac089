"""Renderers: a list of briefs to JSON (the versioned contract), Markdown or HTML."""

from storylens.render.json import SCHEMA, brief_to_dict, briefs_to_json

__all__ = ["SCHEMA", "brief_to_dict", "briefs_to_json"]
