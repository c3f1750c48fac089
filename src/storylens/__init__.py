"""storylens: read many news articles about the same events and tell what actually happened.

The public API lives in ``storylens.api``; records in ``storylens.records``.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
