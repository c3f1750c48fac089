"""The bundled demo corpus: invented articles (written by the storylens project) in ``corpus/``."""
