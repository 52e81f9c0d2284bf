"""Word lists and the gazetteer used by the fact rules (JSON; a package so setuptools ships them)."""
