"""The COI library on the store (SQLite and, with EXAMINER_TEST_PG_URL, PostgreSQL): import, hybrid and
full-text search, filters, superseded warnings, pins (audited), excerpts for a case, prior and similar cases."""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from sqlalchemy import inspect, select

from examiner_app import audit
from examiner_app.coi import repository as coi_repo
from examiner_app.coi.embeddings import Calibration, NullEmbedder
from examiner_app.coi.importer import embed_missing, import_reports
from examiner_app.coi.pins import pin_excerpt, unpin_excerpt
from examiner_app.coi.prior_cases import load_prior_cases, similar_cases, similar_to_json
from examiner_app.coi.search import search, suggest_excerpts
from examiner_app.config import Settings
from examiner_app.domain import FactField, Role, Suggestion, SuggestionStatus, User
from examiner_app.errors import CancelledError, PermissionDeniedError
from examiner_app.services import Workbench
from examiner_app.store import Store
from examiner_app.store import repositories as repo
from examiner_app.store.coi_orm import PriorCaseRow
from examiner_app.store.orm import AuditEventRow
from examiner_app.summaries.similar import SimilarFilters

REPO = Path(__file__).resolve().parents[2]
COI = REPO / "resources" / "coi"
REPORTS = COI / "reports"
LK_OLD = "lk-nrdc-2021-tamils-returnees.txt"
LK_NEW = "lk-nrdc-2024-tamils-returnees.pdf"


class HashEmbedder:
    """A fast, deterministic bag-of-words engine for store tests (the real engine has its own tests)."""

    name = "test/hash@1"
    dim = 256
    available = True
    reason = ""
    calibration = Calibration(floor=0.05, ceiling=0.6)

    def _embed(self, texts: Sequence[str]) -> np.ndarray:
        from examiner_app.coi.text import content_words

        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in content_words(text):
                out[row, int(hashlib.md5(word.encode()).hexdigest(), 16) % self.dim] += 1.0
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        norms[norms == 0] = 1.0
        return out / norms

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._embed(texts)

    def embed_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._embed(texts)


def report_files(*names: str) -> list[Path]:
    if names:
        return [REPORTS / n for n in names]
    return sorted(p for p in REPORTS.iterdir() if not p.name.endswith(".meta.json"))


@pytest.fixture
def library(any_store: Store) -> Store:
    import_reports(any_store, report_files(), engine=NullEmbedder("AI off in this test"))
    return any_store


def user(store: Store, name: str = "Aiko Tanaka", role: Role = Role.EXAMINER) -> User:
    with store.session() as session:
        return repo.get_or_create_user(session, name, role)


def make_case(
    store: Store, owner: User, facts: Sequence[tuple[FactField, str, str | None]], status: str = "pending"
) -> tuple[str, list[str]]:
    with store.session() as session:
        case = repo.create_case(session, "COI test case", created_by=owner.id)
        ids = []
        for field, value, normalized in facts:
            suggestion = Suggestion(
                id="",
                case_id=case.id,
                field=field,
                value=value,
                normalized=normalized,
                confidence=0.9,
                provenance=None,
                status=SuggestionStatus(status),
            )
            ids.append(repo.add_suggestion(session, case.id, suggestion).id)
    return case.id, ids


def test_import_stores_passages_with_pages_paragraphs_and_reports_duplicates(library: Store) -> None:
    with library.session() as session:
        reports = coi_repo.list_reports(session)
        assert len(reports) == len(report_files())
        new = next(r for r in reports if r.file_name == LK_NEW)
        assert (new.source, new.country, new.published, new.page_count) == ("NRDC", "LK", date(2024, 6, 10), 2)
        assert new.fictional
        assert new.extra["source_full"].startswith("Northmere")
        passages = coi_repo.list_passages(session, new.id)
    law = next(p for p in passages if p.text.startswith("The Prevention of Terrorism Act remained"))
    assert (law.page, law.paragraph) == (2, 3)
    again = import_reports(library, report_files(LK_NEW), engine=NullEmbedder())
    assert again[0].duplicate
    assert again[0].coi_id == new.id


def test_full_text_search_with_country_and_date_filters_says_it_is_text_only(library: Store) -> None:
    results = search(library, "Prevention of Terrorism Act detention without charge", engine=NullEmbedder("AI off"))
    assert results.mode == "full_text"
    assert "Full-text search only: AI off" in results.notice
    assert results.hits
    assert {h.report.country for h in results.hits[:2]} == {"LK"}
    assert all(h.matched_by == ("text",) and h.relevance is None for h in results.hits)
    syria = search(library, "military service deserters", country="SY", engine=NullEmbedder())
    assert syria.hits
    assert {h.report.country for h in syria.hits} == {"SY"}
    recent = search(library, "Prevention of Terrorism Act", published_from=date(2022, 1, 1), engine=NullEmbedder())
    assert recent.hits
    assert LK_OLD not in {h.report.file_name for h in recent.hits}
    old_only = search(library, "Prevention of Terrorism Act", published_to=date(2021, 12, 31), engine=NullEmbedder())
    assert {h.report.file_name for h in old_only.hits} == {LK_OLD}
    assert search(library, "   ", engine=NullEmbedder()).hits == ()
    assert search(library, "x", country="Atlantis", engine=NullEmbedder()).notice.startswith("Unknown country")
    japanese = search(library, "人民兵役法", engine=NullEmbedder())
    assert japanese.hits[0].report.file_name == "mm-kjk-2024-activists.txt", "CJK text is searchable by bigrams"


def test_superseded_report_is_flagged_with_the_newer_one(library: Store) -> None:
    results = search(library, "Prevention of Terrorism Act", country="LK", top=20, engine=NullEmbedder())
    old = next(h for h in results.hits if h.report.file_name == LK_OLD)
    new = next(h for h in results.hits if h.report.file_name == LK_NEW)
    assert old.superseded_by is not None
    assert old.superseded_by.file_name == LK_NEW
    assert "Superseded" in old.superseded_warning
    assert "2024-06-10" in old.superseded_warning
    assert new.superseded_by is None
    assert new.superseded_warning == ""
    assert old.age_days > new.age_days > 0
    assert old.citation.startswith("NRDC, Sri Lanka: Situation of Tamils and Returnees, 15 March 2021, https://")


def test_hybrid_search_uses_vectors_stored_in_the_database(any_store: Store) -> None:
    engine = HashEmbedder()
    import_reports(any_store, report_files(LK_OLD, "sy-hics-2022-military-service.txt"), engine=NullEmbedder())
    assert embed_missing(any_store, engine) > 0, "passages imported with AI off get vectors later"
    results = search(any_store, "military service compulsory", engine=engine)
    assert results.mode == "hybrid"
    assert results.notice == ""
    assert results.hits[0].report.country == "SY"
    assert "meaning" in results.hits[0].matched_by
    assert results.hits[0].relevance is not None
    assert 0 < results.hits[0].score <= 1
    # A fresh Store object on the same database reads the vectors back from the database.
    again = Store(any_store.url)
    try:
        assert (
            search(again, "military service compulsory", engine=engine).hits[0].passage.id == results.hits[0].passage.id
        )
    finally:
        again.dispose()


def test_pinning_an_excerpt_is_stored_and_audited(library: Store) -> None:
    examiner = user(library)
    case_id, (fact_id,) = make_case(library, examiner, [(FactField.EVENT, "I was questioned at the airport.", None)])
    passage_id = search(library, "returnees airport CID", engine=NullEmbedder()).hits[0].passage.id
    with library.session() as session:
        pin = pin_excerpt(session, examiner, case_id, passage_id, suggestion_id=fact_id, note="airport")
    with library.session() as session:
        same = pin_excerpt(session, examiner, case_id, passage_id, suggestion_id=fact_id)
        to_case = pin_excerpt(session, examiner, case_id, passage_id)
    assert same.id == pin.id
    assert to_case.id != pin.id
    assert pin.fact_label == "event: I was questioned at the airport."
    assert f"para. {pin.passage.paragraph}" in pin.citation
    with library.session() as session:
        events = session.execute(select(AuditEventRow).where(AuditEventRow.action == "coi.pin")).scalars().all()
        assert [(e.actor, e.case_id, e.details["passage_id"], e.details["suggestion_id"]) for e in events] == [
            (examiner.id, case_id, passage_id, fact_id),
            (examiner.id, case_id, passage_id, None),
        ]
        assert {p.id for p in coi_repo.list_pins(session, case_id)} == {pin.id, to_case.id}
    reviewer = user(library, "Rita Reviewer", Role.REVIEWER)
    with library.session() as session, pytest.raises(PermissionDeniedError):
        pin_excerpt(session, reviewer, case_id, passage_id)
    with library.session() as session:
        unpin_excerpt(session, examiner, pin.id)
    with library.session() as session:
        assert [p.id for p in coi_repo.list_pins(session, case_id)] == [to_case.id]
        assert session.execute(select(AuditEventRow).where(AuditEventRow.action == "coi.unpin")).scalars().one()
        assert audit.verify(session).ok


def test_excerpts_are_suggested_from_the_case_facts(library: Store) -> None:
    examiner = user(library)
    case_id, ids = make_case(
        library,
        examiner,
        [
            (FactField.COUNTRY_OF_ORIGIN, "Sri Lanka", "LK"),
            (FactField.EVENT, "The TID summoned me to ask about the sources of my newspaper articles.", None),
            (FactField.CLAIMED_GROUND, "political opinion", "political_opinion"),
        ],
    )
    suggestions = suggest_excerpts(library, case_id, top=3, engine=NullEmbedder())
    assert suggestions
    assert {s.hit.report.country for s in suggestions} == {"LK"}
    assert any("19 such summonses" in s.hit.passage.text and ids[1] in s.suggestion_ids for s in suggestions)
    with library.session() as session:
        pin_excerpt(session, examiner, case_id, suggestions[0].hit.passage.id)
    assert suggest_excerpts(library, case_id, top=3, engine=NullEmbedder())[0].pinned


def test_prior_cases_load_without_outcomes_and_similar_cases_explain_matches(any_store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "prior"
    shutil.copytree(COI / "prior_cases", folder)
    (folder / "with-outcome.json").write_text(
        json.dumps(
            {
                "reference": "PRIOR-XX-OUTCOME",
                "country": "LK",
                "claimed_grounds": ["political_opinion"],
                "profile": {"occupation": "journalist", "outcome": "granted"},
                "summary": "A journalist summoned about sources.",
                "outcome": "granted",
                "decision": "refugee status",
            }
        ),
        encoding="utf-8",
    )
    report = load_prior_cases(any_store, folder, engine=NullEmbedder())
    assert report.loaded == 13
    assert set(report.ignored_keys) == {"outcome", "decision", "profile.outcome"}
    columns = {c["name"] for c in inspect(any_store.engine).get_columns("prior_cases")}
    assert not columns & {"outcome", "decision", "result", "status"}
    examiner = user(any_store)
    case_id, _ = make_case(
        any_store,
        examiner,
        [
            (FactField.NATIONALITY, "Sri Lankan", "LK"),
            (FactField.ETHNICITY, "Tamil", "Tamil"),
            (FactField.CLAIMED_GROUND, "political opinion", "political_opinion"),
            (
                FactField.EVENT,
                "The Terrorism Investigation Division summoned me about my sources after I wrote about land seizures.",
                None,
            ),
        ],
    )
    results = similar_cases(any_store, case_id, top=5, engine=NullEmbedder("AI off"))
    assert results.mode == "facts+words"
    assert "shared words only" in results.notice
    assert results.results[0].reference == "PRIOR-LK-0001"
    best = results.results[0]
    assert {m.kind for m in best.reasons} >= {"country", "ground", "profile", "text"}
    assert best.passages
    assert "summoned" in best.passages[0].shared_terms
    data = similar_to_json(results)

    def keys(value: Any) -> set[str]:
        if isinstance(value, dict):
            return set(value) | {k for v in value.values() for k in keys(v)}
        if isinstance(value, list):
            return {k for v in value for k in keys(v)}
        return set()

    assert not any("outcome" in k or k in ("decision", "verdict", "granted") for k in keys(data))
    assert "granted" not in json.dumps(data)
    assert "refugee status" not in json.dumps(data)
    filtered = similar_cases(any_store, case_id, filters=SimilarFilters(country="AF"), engine=NullEmbedder())
    assert filtered.results
    assert {r.countries for r in filtered.results} == {("AF",)}


def test_store_cases_with_recorded_facts_are_candidates(any_store: Store) -> None:
    examiner = user(any_store)
    facts = [(FactField.COUNTRY_OF_ORIGIN, "Eritrea", "ER"), (FactField.CLAIMED_GROUND, "religion", "religion")]
    recorded, _ = make_case(any_store, examiner, facts, status="accepted")
    pending_only, _ = make_case(any_store, examiner, facts, status="pending")
    target, _ = make_case(any_store, examiner, facts, status="pending")
    found = similar_cases(any_store, target, engine=NullEmbedder()).results
    assert [r.id for r in found] == [recorded], "pending facts of other cases are not findings"
    assert found[0].kind == "case"
    assert similar_cases(any_store, target, engine=NullEmbedder(), allowed_case_ids=set()).results == ()
    assert pending_only not in [r.id for r in found]


def test_workbench_audits_searches_and_hides_unreadable_cases(library: Store, tmp_path: Path) -> None:
    bench = Workbench(library, Settings(data_dir=tmp_path, ai_enabled=False))
    bench.sign_in("Aiko Tanaka", Role.EXAMINER)
    results = bench.coi_search("exit visa", country="ER", top=3)
    assert results.hits
    assert results.mode == "full_text"
    with library.session() as session:
        event = session.execute(select(AuditEventRow).where(AuditEventRow.action == "coi.search")).scalars().one()
        assert event.details["query"] == "exit visa"
        assert event.details["country"] == "ER"
    other = user(library, "Other Examiner")
    foreign, _ = make_case(
        library,
        other,
        [(FactField.COUNTRY_OF_ORIGIN, "Eritrea", "ER"), (FactField.CLAIMED_GROUND, "religion", "religion")],
        status="accepted",
    )
    mine = bench.create_case("Mine")
    with library.session() as session:
        for field, value, normalized in [(FactField.COUNTRY_OF_ORIGIN, "Eritrea", "ER")]:
            repo.add_suggestion(
                session, mine.id, Suggestion("", mine.id, field, value, normalized, 0.9, None, SuggestionStatus.PENDING)
            )
    found = bench.similar_cases(mine.id)
    assert foreign not in [r.id for r in found.results], "another examiner's case is not shown"
    with library.session() as session:
        assert session.execute(select(AuditEventRow).where(AuditEventRow.action == "similar.search")).scalars().one()


def test_encrypted_store_has_full_text_search_too(tmp_path: Path) -> None:
    pytest.importorskip("sqlcipher3")
    path = tmp_path / "encrypted.db"
    store = Store(f"sqlite:///{path}", passphrase="correct horse battery staple")
    try:
        import_reports(store, report_files("er-nrdc-2022-national-service.txt"), engine=NullEmbedder())
        hits = search(store, "exit visa", engine=NullEmbedder()).hits
        assert hits
        assert "exit visa" in hits[0].passage.text
    finally:
        store.dispose()
    assert not path.read_bytes().startswith(b"SQLite format 3"), "the file, FTS index included, is encrypted"
    assert b"exit visa" not in path.read_bytes()


def test_cli_coi_import_search_and_similar(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from examiner_app.cli import main

    monkeypatch.setenv("EXAMINER_AI_ENABLED", "0")
    monkeypatch.delenv("EXAMINER_DB_URL", raising=False)
    data = ["--data-dir", str(tmp_path)]
    assert main(["coi", "import", *map(str, report_files(LK_OLD, LK_NEW)), *data]) == 0
    imported = json.loads(capsys.readouterr().out)
    assert [d["passages"] for d in imported["documents"]] == [7, 8]
    assert "AI features are switched off" in imported["notice"]
    plain = tmp_path / "note.txt"
    plain.write_text("Returnees are questioned by the CID at the airport.", encoding="utf-8")
    args = [
        "--country",
        "LK",
        "--source",
        "Own notes",
        "--title",
        "Airport note",
        "--published",
        "2025-01-02",
        "--url",
        "https://coi.example.org/n",
    ]
    assert main(["coi", "import", str(plain), *args, *data]) == 0
    capsys.readouterr()
    assert main(["coi", "search", "CID airport", "--country", "LK", "--top", "3", *data]) == 0
    found = json.loads(capsys.readouterr().out)
    assert found["mode"] == "full_text"
    assert len(found["results"]) == 3
    first = found["results"][0]
    for key in ("coi_id", "title", "source", "published", "country", "page", "paragraph", "text", "score", "citation"):
        assert first[key] not in (None, ""), key
    assert any(r["superseded"] and r["warning"] for r in found["results"] if r["published"] == "2021-03-15") or all(
        r["published"] != "2021-03-15" for r in found["results"]
    )
    assert main(["coi", "prior-import", str(COI / "prior_cases"), *data]) == 0
    assert json.loads(capsys.readouterr().out)["loaded"] == 12
    assert main(["coi", "countries", *data]) == 0
    assert json.loads(capsys.readouterr().out)["countries"] == [
        {"country": "LK", "name": "Sri Lanka", "reports": 3, "passages": 7 + 8 + 1}
    ]
    assert main(["case", "new", "--title", "Similar", *data]) == 0
    case_id = json.loads(capsys.readouterr().out)["case_id"]
    assert main(["similar", case_id, "--top", "3", *data]) == 0
    similar = json.loads(capsys.readouterr().out)
    assert similar["results"] == []
    assert "no facts" in similar["notice"]
    with pytest.raises(SystemExit) as bad_usage:
        main(["coi", "search", "x", "--from", "yesterday", *data])
    assert bad_usage.value.code == 2


class RecordingProgress:
    """A ProgressReporter that remembers stages and cancels once ``stage`` is reported."""

    def __init__(self, cancel_at: str | None = None) -> None:
        self.cancel_at = cancel_at
        self.updates: list[tuple[int, int, str]] = []

    def update(self, done: int, total: int, stage: str) -> None:
        self.updates.append((done, total, stage))

    def cancelled(self) -> bool:
        return any(stage == self.cancel_at for _, _, stage in self.updates)


def test_loading_prior_cases_reports_progress_and_a_cancel_writes_nothing(any_store: Store) -> None:
    folder = COI / "prior_cases"
    cancelling = RecordingProgress(cancel_at="embedding prior cases")
    with pytest.raises(CancelledError):
        load_prior_cases(any_store, folder, engine=HashEmbedder(), progress=cancelling)
    with any_store.session() as session:
        assert session.execute(select(PriorCaseRow)).first() is None  # nothing half loaded
        assert not session.execute(select(AuditEventRow).where(AuditEventRow.action == "prior_cases.load")).first()

    progress = RecordingProgress()
    report = load_prior_cases(any_store, folder, engine=HashEmbedder(), progress=progress)
    stages = [stage for _, _, stage in progress.updates]
    assert stages[0] == "reading prior cases"
    assert "embedding prior cases" in stages
    assert progress.updates[-1] == (1, 1, "saving prior cases")
    assert report.loaded > 0
    assert report.embedded == report.loaded


def test_coi_countries_lists_the_librarys_countries_with_counts(library: Store, tmp_path: Path) -> None:
    bench = Workbench(library, Settings(data_dir=tmp_path, ai_enabled=False), user(library))
    countries = bench.coi_countries()
    by_code = {c.code: c for c in countries}
    assert [c.code for c in countries] == sorted(by_code)
    assert set(by_code) == {"AF", "ER", "IR", "LK", "MM", "SY"}
    assert (by_code["LK"].name, by_code["LK"].reports) == ("Sri Lanka", 3)
    with library.session() as session:
        assert by_code["LK"].passages == sum(
            r.passage_count for r in coi_repo.list_reports(session) if r.country == "LK"
        )


def test_document_frequencies_count_each_term_up_to_the_cap_in_one_statement(library: Store) -> None:
    from examiner_app.coi.search import document_frequencies
    from examiner_app.store.coi_orm import CoiPassageRow

    with library.session() as session:
        texts = [t.split() for t in session.execute(select(CoiPassageRow.search_text)).scalars()]
        counts = document_frequencies(session, ["tamil", "returnees", "兵役", "zzzznothing"], cap=1000)
        capped = document_frequencies(session, ["tamil"], cap=2)
    for term in ("tamil", "returnees", "兵役"):
        assert counts[term] == sum(1 for words in texts if term in words) > 0
    assert counts["zzzznothing"] == 0
    assert capped == {"tamil": 2}
