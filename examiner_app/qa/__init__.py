"""Quality review: measured accuracy of the suggestions and of the human review on top of them.

Reads decisions, never writes a finding. ``stats`` counts what examiners did per stratum with 95 % intervals
(``intervals``), ``planning`` sizes samples, ``sampling`` draws them, ``verdicts`` records blind second reviews
and adjudications, ``agreement`` measures how far reviewers and examiners agree, ``charts`` draws the figures
(matplotlib, no Qt), ``report`` assembles a period's report (JSON and PDF) and ``gate`` runs a release gate on a
new engine or model version. ``service.QaService`` is the audited entry point the UI and the CLI use.
See docs/qa.md for the methods and why they were chosen.
"""

from __future__ import annotations
