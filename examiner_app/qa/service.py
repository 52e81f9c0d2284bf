"""The audited entry point of quality review, shared by the desktop app and the command line.

Quality reviewers (and administrators) draw samples, record blind verdicts and read reports; examiners and
trainers cannot. Reviewers record verdicts, never findings: nothing here writes a suggestion's status or a
Decision. Every sample drawn (plan, frame, seed, exclusions), every item or report viewed and every verdict
is an audit event in the same transaction.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from examiner_app import accounts, audit
from examiner_app.domain import DecisionAction, PageText, Role, User
from examiner_app.errors import NotFoundError, PermissionDeniedError, QualityReviewError
from examiner_app.qa import planning, records, sampling, stats
from examiner_app.qa.agreement import Agreement, Pair, agreement
from examiner_app.qa.charts import ForestRow
from examiner_app.qa.intervals import WILSON, proportion, rate_or_none, rounded
from examiner_app.qa.records import is_form_edit, ocr_band, value_script
from examiner_app.store import Store
from examiner_app.store import repositories as repo
from examiner_app.store.orm import CaseRow, DecisionRow, DocumentRow, PageRow, SuggestionRow
from examiner_app.store.qa_orm import QaItemRow, QaSampleRow, QaVerdictRow

QA_ROLES = frozenset({Role.REVIEWER, Role.ADMIN})
VERDICTS = ("correct", "wrong", "missed")
REVIEW, ADJUDICATION = "review", "adjudication"


@dataclass(frozen=True, slots=True)
class SampleItem:
    """What a blind reviewer sees of one item: where it is and the value, never the decision or the engine."""

    item_id: str
    position: int
    case_id: str
    document_id: str
    file_name: str
    page: int
    start: int | None
    end: int | None
    field: str
    value: str

    def as_json(self) -> dict[str, object]:
        return {
            "item_id": self.item_id,
            "case_id": self.case_id,
            "document": self.document_id,
            "file": self.file_name,
            "page": self.page,
            "start": self.start,
            "end": self.end,
            "field": self.field,
            "value": self.value,
        }


@dataclass(frozen=True, slots=True)
class DrawnSample:
    sample_id: str
    frame: str
    seed: int
    items: list[SampleItem]
    plan: dict[str, Any]
    exclusions: dict[str, int]


@dataclass(frozen=True, slots=True)
class SampleProgress:
    """How far a sample's review has come, for the reviewer's workspace.

    ``agreement`` covers the first ``agreement_items`` judged items, a multiple of ``AGREEMENT_BATCH`` (all of
    them once the sample is complete): the figures move in steps of several items, so a blind reviewer cannot
    read the examiner's decision on the item just judged off the change.
    """

    sample_id: str
    size: int
    judged: int
    mine: int
    agreement: Agreement | None
    agreement_items: int
    forest: list[ForestRow]


AGREEMENT_BATCH = 5


@dataclass(frozen=True, slots=True)
class ItemView:
    """The blind pane's content: the page (text, words, image) and the span and value to judge."""

    item: SampleItem
    page: PageText
    image_png: bytes | None
    mine: str | None  # the verdict this reviewer already recorded, if any


def _require_reviewer(user: User | None) -> User:
    if user is None:
        raise PermissionDeniedError("Sign in as a quality reviewer first.")
    if user.role not in QA_ROLES:
        raise PermissionDeniedError(
            f"{user.name} is signed in as {user.role.value}; quality review is for reviewers and administrators."
        )
    return user


def _item(row: QaItemRow) -> SampleItem:
    return SampleItem(
        row.id,
        row.position,
        row.case_id,
        row.document_id,
        row.file_name,
        row.page_number,
        row.span_start,
        row.span_end,
        row.field,
        row.value,
    )


class QaService:
    def __init__(self, store: Store, user: User | None) -> None:
        self.store = store
        self.user = user

    # --- plans (no case content: not audited until a sample is drawn with them) ---------------

    @staticmethod
    def plan(
        *,
        margin: float | None = None,
        max_error: float | None = None,
        confidence: float = 0.95,
        expected: float = 0.5,
        population: int | None = None,
        allowed_errors: int = 0,
    ) -> planning.Plan:
        if (margin is None) == (max_error is None):
            raise QualityReviewError("Give either --margin (to estimate a rate) or --max-error (to show a bound).")
        if margin is not None:
            return planning.margin_plan(margin, confidence, expected, population)
        assert max_error is not None
        return planning.acceptance_plan(max_error, confidence, allowed_errors)

    # --- frames and samples -----------------------------------------------------------------------

    def _frame(
        self, session: Session, frame: str, dims: Sequence[str], user: User
    ) -> tuple[list[sampling.FrameItem], dict[str, int]]:
        if frame not in sampling.FRAMES:
            raise QualityReviewError(f"Unknown frame {frame}: use one of {', '.join(sampling.FRAMES)}.")
        excluded: dict[str, int] = defaultdict(int)
        languages = _languages(session)
        if frame == "empty-pages":
            return _empty_pages(session, languages, excluded), dict(excluded)
        latest: dict[str, tuple[str, str, str, str | None, str | None, Any]] = {}
        if frame == "decisions":
            q = (
                select(
                    DecisionRow.suggestion_id,
                    DecisionRow.id,
                    DecisionRow.user_id,
                    DecisionRow.action,
                    DecisionRow.value_before,
                    DecisionRow.value_after,
                    DecisionRow.decided_at,
                )
                .where(DecisionRow.action != DecisionAction.ADD.value)
                .order_by(DecisionRow.decided_at, DecisionRow.id)
            )
            for sid, did, uid, action, before, after, at in session.execute(q):
                latest[sid] = (did, uid, action, before, after, at)
        q2 = (
            select(SuggestionRow, CaseRow.anonymized, DocumentRow.mime_type)
            .join(CaseRow, CaseRow.id == SuggestionRow.case_id)
            .outerjoin(DocumentRow, DocumentRow.id == SuggestionRow.document_id)
            .where(SuggestionRow.engine != records.MANUAL_ENGINE)
        )
        items: list[sampling.FrameItem] = []
        for s, anonymized, mime in session.execute(q2):
            decided = latest.get(s.id)
            if frame == "decisions" and decided is None:
                continue
            if anonymized:
                excluded["anonymized_case"] += 1
                continue
            if s.document_id is None or s.page_number is None:
                excluded["no_source_page"] += 1
                continue
            if decided is not None and decided[1] == user.id:
                excluded["decided_by_reviewer"] += 1
                continue
            language = languages.get((s.document_id, s.page_number), "und")
            overturned = None
            strata: dict[str, str] = {
                "field": s.field,
                "language": language,
                "ocr_band": ocr_band(s.ocr_confidence),
                "document_type": records.document_type(mime),
                "engine": f"{s.engine}/{s.model}@{s.model_version}",
            }
            if "script" in dims:
                strata["script"] = value_script(s.value)
            if decided is not None:
                did, uid, action, before, after, at = decided
                form = action == DecisionAction.EDIT.value and is_form_edit(s.field, before, after)
                overturned = action == DecisionAction.REJECT.value or (action == DecisionAction.EDIT.value and not form)
                strata["examiner"] = uid
                strata["week"] = records._week(at)
            items.append(
                sampling.FrameItem(
                    key=s.id,
                    case_id=s.case_id,
                    document_id=s.document_id,
                    file_name=s.file_name,
                    page=s.page_number,
                    start=s.span_start,
                    end=s.span_end,
                    field=s.field,
                    value=s.value,  # the engine's value: an examiner's edit would show their decision
                    suggestion_id=s.id,
                    decision_id=decided[0] if decided else None,
                    decided_by=decided[1] if decided else None,
                    overturned=overturned,
                    strata=tuple(strata.items()),
                )
            )
        return items, dict(excluded)

    def draw_sample(
        self,
        size: int,
        seed: int,
        *,
        frame: str = "decisions",
        field: str | None = None,
        language: str | None = None,
        engine: str | None = None,
        stratify: Sequence[str] = (),
        floor: int = 5,
        plan: planning.Plan | None = None,
        purpose: str = "review",
    ) -> DrawnSample:
        """Draw, store and audit a sample; the items are frozen copies of what the reviewer will judge."""
        user = _require_reviewer(self.user)
        if size < 1:
            raise QualityReviewError("A sample needs at least one item: give --size N.")
        dims = records.check_dimensions(stratify)
        if frame == "empty-pages" and any(d in dims for d in ("engine", "examiner", "week", "ocr_band", "script")):
            raise QualityReviewError(
                "Empty pages have no engine, examiner or value: stratify them by field-free strata (language, document_type)."
            )
        with self.store.session() as session:
            accounts.find_user(session, user.id)
            population, excluded = self._frame(session, frame, dims, user)
            filtered = [
                it
                for it in population
                if (field is None or it.field == field)
                and (language is None or dict(it.strata).get("language") == language)
                and (engine is None or dict(it.strata).get("engine") == engine)
            ]
            excluded["filtered_out"] = len(population) - len(filtered)
            if not filtered:
                raise QualityReviewError(
                    f"Nothing in the {frame} frame matches these filters ({len(population)} items before filtering)."
                )
            chosen, allocation = sampling.draw(filtered, size, seed, dims, floor)
            plan_json: dict[str, Any] = {
                "requested_size": size,
                "frame_size": len(filtered),
                "drawn": len(chosen),
                "stratify": list(dims),
                "floor": floor if dims else None,
                "allocation": [
                    {
                        "stratum": list(a.stratum),
                        "population": a.population,
                        "floor": a.floor,
                        "size": a.size,
                        "sd": a.sd,
                    }
                    for a in allocation
                ]
                if dims
                else None,
                "method": "stratified, Neyman allocation above per-stratum floors" if dims else "simple random",
            }
            if plan is not None:
                plan_json["plan"] = plan.as_json()
            filters = {"field": field, "language": language, "engine": engine}
            row = QaSampleRow(
                created_by=user.id,
                frame=frame,
                seed=seed,
                size=len(chosen),
                purpose=purpose,
                plan=plan_json,
                filters=filters,
                exclusions=dict(excluded),
            )
            session.add(row)
            session.flush()
            out: list[SampleItem] = []
            for position, it in enumerate(chosen, start=1):
                item = QaItemRow(
                    sample_id=row.id,
                    position=position,
                    case_id=it.case_id,
                    document_id=it.document_id,
                    file_name=it.file_name,
                    page_number=it.page,
                    span_start=it.start,
                    span_end=it.end,
                    field=it.field,
                    value=it.value,
                    suggestion_id=it.suggestion_id,
                    decision_id=it.decision_id,
                    stratum=dict(it.strata),
                )
                session.add(item)
                session.flush()
                out.append(_item(item))
            audit.record(
                session,
                user.id,
                "qa.sample",
                subject=row.id,
                details={
                    "user_name": user.name,
                    "frame": frame,
                    "seed": seed,
                    "purpose": purpose,
                    "plan": plan_json,
                    "filters": filters,
                    "exclusions": dict(excluded),
                    "items": len(out),
                    "cases": sorted({i.case_id for i in out}),
                },
            )
            return DrawnSample(row.id, frame, seed, out, plan_json, dict(excluded))

    def samples(self) -> list[dict[str, Any]]:
        """Every sample with how far its review has come (no case content)."""
        user = _require_reviewer(self.user)
        with self.store.session() as session:
            rows = session.execute(select(QaSampleRow).order_by(QaSampleRow.created_at)).scalars().all()
            judged: dict[str, set[str]] = defaultdict(set)
            for sample_id, item_id in session.execute(
                select(QaVerdictRow.sample_id, QaVerdictRow.item_id).where(QaVerdictRow.reviewer_id == user.id)
            ):
                judged[sample_id].add(item_id)
            return [
                {
                    "sample_id": r.id,
                    "created_at": r.created_at,
                    "frame": r.frame,
                    "seed": r.seed,
                    "size": r.size,
                    "purpose": r.purpose,
                    "filters": r.filters,
                    "plan": r.plan,
                    "judged_by_me": len(judged[r.id]),
                }
                for r in rows
            ]

    def sample_items(self, sample_id: str) -> list[SampleItem]:
        user = _require_reviewer(self.user)
        with self.store.session() as session:
            sample = _sample(session, sample_id)
            rows = session.execute(
                select(QaItemRow).where(QaItemRow.sample_id == sample.id).order_by(QaItemRow.position)
            ).scalars()
            items = [_item(r) for r in rows]
            audit.record(
                session,
                user.id,
                "qa.view_sample",
                subject=sample.id,
                details={"user_name": user.name, "items": len(items)},
            )
            return items

    def view_item(self, sample_id: str, item_id: str) -> ItemView:
        """The page and span of one item, audited as a QA view of that case's page."""
        user = _require_reviewer(self.user)
        with self.store.session() as session:
            row = _item_row(session, sample_id, item_id)
            accounts.require_read(session, user, row.case_id)
            page = repo.get_page(session, row.document_id, row.page_number)
            image = repo.page_image(session, row.document_id, row.page_number)
            mine = session.execute(
                select(QaVerdictRow.verdict).where(QaVerdictRow.item_id == row.id, QaVerdictRow.reviewer_id == user.id)
            ).scalar_one_or_none()
            audit.record(
                session,
                user.id,
                "qa.view_item",
                case_id=row.case_id,
                subject=row.id,
                details={"sample_id": row.sample_id, "document_id": row.document_id, "page": row.page_number},
            )
            return ItemView(_item(row), page, image, mine)

    def progress(self, sample_id: str, *, seed: int = 0) -> SampleProgress:
        """Judged counts, agreement (in batches) and blind-verdict accuracy per stratum the sample was drawn for
        (field and language when it was not stratified)."""
        user = _require_reviewer(self.user)
        with self.store.session() as session:
            sample = _sample(session, sample_id)
            judged = _judged_items(session, sample.id)
            done = [j for j in judged if j.reviews]
            done.sort(key=lambda j: j.first_at or "")
            complete = len(done) == len(judged)
            cut = len(done) if complete else len(done) - len(done) % AGREEMENT_BATCH
            agree = _agreement(done[:cut], seed) if cut else None
            groups: dict[str, list[int]] = defaultdict(lambda: [0, 0])
            stratum = {
                r.id: r.stratum
                for r in session.execute(select(QaItemRow).where(QaItemRow.sample_id == sample.id)).scalars()
            }
            dims = list(sample.plan.get("stratify") or ["field", "language"])  # the strata the sample was drawn for
            for j in done:
                labels = {**stratum.get(j.item.item_id, {}), "field": j.item.field}
                key = " · ".join(str(labels[d]) for d in dims if labels.get(d)) or sample.frame
                groups[key][0] += j.reviews[0][1] == "correct"
                groups[key][1] += 1
            forest = [ForestRow(k, proportion(c, n)) for k, (c, n) in sorted(groups.items())]
            mine = sum(1 for j in judged if any(r == user.id for r, _ in j.reviews))
            return SampleProgress(sample.id, len(judged), len(done), mine, agree, cut, forest)

    # --- verdicts ------------------------------------------------------------------------------

    def record_verdict(
        self, sample_id: str, item_id: str, verdict: str, *, value: str | None = None, note: str = ""
    ) -> str:
        """A blind reviewer's verdict, or a third person's adjudication of a disagreement. Never overwrites."""
        user = _require_reviewer(self.user)
        if verdict not in VERDICTS:
            raise QualityReviewError(f"A verdict is one of {', '.join(VERDICTS)}.")
        value = (value or "").strip() or None
        note = note.strip()
        with self.store.session() as session:
            accounts.find_user(session, user.id)
            item = _item_row(session, sample_id, item_id)
            sample = _sample(session, item.sample_id)
            empty_page = sample.frame == "empty-pages"
            if empty_page and verdict == "wrong":
                raise QualityReviewError("On an empty page the verdict is correct (nothing missed) or missed.")
            if not empty_page and verdict == "missed" and value is None:
                raise QualityReviewError("Select or type the missed fact's words: give --value.")
            if empty_page and verdict == "missed" and value is None:
                raise QualityReviewError("Select or type the missed fact's words: give --value.")
            if verdict == "wrong" and value is None and not note:
                raise QualityReviewError("Give the right value (--value), or a note saying why it is not a fact.")
            decision = session.get(DecisionRow, item.decision_id) if item.decision_id else None
            if decision is not None and decision.user_id == user.id:
                raise PermissionDeniedError("You decided this fact yourself; a different reviewer must check it.")
            existing = session.execute(select(QaVerdictRow).where(QaVerdictRow.item_id == item.id)).scalars().all()
            if any(v.reviewer_id == user.id for v in existing):
                raise QualityReviewError(
                    "You already recorded a verdict on this item; verdicts are never overwritten. "
                    "Add a note with the adjudicator if it was a slip."
                )
            reviews = [v for v in existing if v.kind == REVIEW]
            adjudicated = any(v.kind == ADJUDICATION for v in existing)
            if adjudicated:
                raise QualityReviewError("This item was already adjudicated; its verdict is final.")
            examiner_label = _examiner_label(decision, item.field) if decision is not None else None
            disputed = _disputed(examiner_label, [v.verdict for v in reviews])
            kind = ADJUDICATION if disputed else REVIEW
            if kind == REVIEW and len(reviews) >= 2:
                raise QualityReviewError("This item already has two agreeing reviews; nothing is left to judge.")
            row = QaVerdictRow(
                sample_id=item.sample_id,
                item_id=item.id,
                case_id=item.case_id,
                reviewer_id=user.id,
                kind=kind,
                verdict=verdict,
                value=value,
                note=note,
            )
            session.add(row)
            session.flush()
            audit.record(
                session,
                user.id,
                "qa.verdict",
                case_id=item.case_id,
                subject=item.id,
                details={
                    "verdict_id": row.id,
                    "sample_id": item.sample_id,
                    "user_name": user.name,
                    "kind": kind,
                    "verdict": verdict,
                    "value": value,
                    "note": note,
                },
            )
            return row.id

    def disputes(self, sample_id: str) -> list[SampleItem]:
        """Items where the blind reviewer and the examiner (or two reviewers) disagree and no one adjudicated."""
        _require_reviewer(self.user)
        with self.store.session() as session:
            judged = _judged_items(session, _sample(session, sample_id).id)
            return [j.item for j in judged if j.disputed and j.adjudication is None]

    # --- reports --------------------------------------------------------------------------------

    def sample_report(self, sample_id: str, *, seed: int = 0) -> dict[str, Any]:
        user = _require_reviewer(self.user)
        with self.store.session() as session:
            sample = _sample(session, sample_id)
            out = _sample_summary(session, sample, seed)
            audit.record(session, user.id, "qa.report", subject=sample.id, details={"sample": sample.id})
            return out

    def agreement_for(self, sample_id: str, *, seed: int = 0) -> Agreement | None:
        _require_reviewer(self.user)
        with self.store.session() as session:
            return _agreement(_judged_items(session, _sample(session, sample_id).id), seed)

    def report(
        self,
        *,
        by: Sequence[str] = ("field",),
        date_from: date | None = None,
        date_to: date | None = None,
        sample_id: str | None = None,
    ) -> dict[str, Any]:
        """Decision statistics per stratum with 95 % intervals, and agreement for a sample (contract keys)."""
        user = _require_reviewer(self.user)
        dims = records.check_dimensions(by)
        with self.store.session() as session:
            counts = records.count_strata(session, dims, date_from=date_from, date_to=date_to)
            strata = stats.from_counts(counts, dims)
            overall = stats.total(strata)
            sample_part: dict[str, Any] | None = None
            agreement_json: dict[str, Any] | None = None
            if sample_id is not None:
                sample = _sample(session, sample_id)
                sample_part = _sample_summary(session, sample, 0)
                agreement_json = sample_part["agreement"]
            audit.record(
                session,
                user.id,
                "qa.report",
                subject=sample_id,
                details={
                    "user_name": user.name,
                    "by": list(dims),
                    "from": date_from,
                    "to": date_to,
                    "sample": sample_id,
                    "decisions": overall.n,
                    "added": overall.added,
                },
            )
        return {
            "by": list(dims),
            "from": date_from.isoformat() if date_from else None,
            "to": date_to.isoformat() if date_to else None,
            "strata": stats.to_json(strata),
            "total": overall.as_json(),
            "agreement": agreement_json,
            "sample": sample_part,
            "confidence": 0.95,
        }

    def records(
        self, *, dims: Sequence[str], date_from: date | None = None, date_to: date | None = None
    ) -> list[records.DecisionRecord]:
        """The decision records behind a report (for charts), audited as a report view."""
        user = _require_reviewer(self.user)
        with self.store.session() as session:
            recs = records.load_records(session, dims=dims, date_from=date_from, date_to=date_to)
            audit.record(
                session, user.id, "qa.report", details={"user_name": user.name, "by": list(dims), "records": len(recs)}
            )
            return recs

    # --- release gate ---------------------------------------------------------------------------

    def draw_gate(
        self, engine: str, *, max_error: float, confidence: float = 0.95, allowed_errors: int = 0, seed: int = 0
    ) -> DrawnSample:
        """A release-gate sample: a zero-defect (or c = K) plan over one engine version's suggestions."""
        plan = planning.acceptance_plan(max_error, confidence, allowed_errors)
        return self.draw_sample(
            plan.sample_size, seed, frame="suggestions", engine=engine, plan=plan, purpose="release-gate"
        )

    def gate_result(self, sample_id: str) -> dict[str, Any]:
        """Pass or fail of a release-gate sample once its items are judged; recorded in the audit log."""
        user = _require_reviewer(self.user)
        with self.store.session() as session:
            sample = _sample(session, sample_id)
            if sample.purpose != "release-gate" or "plan" not in sample.plan:
                raise QualityReviewError("This sample was not drawn as a release gate: draw one with qa gate --engine.")
            p = sample.plan["plan"]
            plan = planning.acceptance_plan(p["max_error"], p["confidence"], p.get("allowed_errors", 0))
            judged = _judged_items(session, sample.id)
            final = [j.final for j in judged if j.final is not None]
            errors = sum(1 for v in final if v != "correct")
            checked = len(final)
            status = (
                "incomplete"
                if checked < plan.sample_size
                else ("pass" if planning.passes(plan, errors, checked) else "fail")
            )
            error = proportion(errors, checked)
            accuracy = proportion(checked - errors, checked)
            out = {
                "sample_id": sample.id,
                "engine": sample.filters.get("engine"),
                "plan": plan.as_json(),
                "checked": checked,
                "errors": errors,
                "unresolved_disputes": sum(1 for j in judged if j.disputed and j.adjudication is None),
                "result": status,
                "error_rate": rate_or_none(error.rate),
                "error_ci_exact": rounded(error.exact),
                "accuracy": rate_or_none(accuracy.rate),
                "accuracy_ci_exact": rounded(accuracy.exact),
                "interval": "clopper-pearson",
            }
            audit.record(
                session, user.id, "qa.release_gate", subject=sample.id, details={"user_name": user.name, **out}
            )
            return out


# --- helpers ------------------------------------------------------------------------------------


def _languages(session: Session) -> dict[tuple[str, int], str]:
    out: dict[tuple[str, int], str] = {}
    for document_id, page_number, guesses in session.execute(
        select(PageRow.document_id, PageRow.page_number, PageRow.languages)
    ):
        out[(document_id, page_number)] = str(guesses[0][0]) if guesses else "und"
    return out


def _empty_pages(
    session: Session, languages: dict[tuple[str, int], str], excluded: dict[str, int]
) -> list[sampling.FrameItem]:
    used = {
        (d, p)
        for d, p in session.execute(
            select(SuggestionRow.document_id, SuggestionRow.page_number).where(SuggestionRow.document_id.is_not(None))
        )
    }
    q = (
        select(
            PageRow.document_id,
            PageRow.page_number,
            DocumentRow.case_id,
            DocumentRow.file_name,
            DocumentRow.mime_type,
            CaseRow.anonymized,
        )
        .join(DocumentRow, DocumentRow.id == PageRow.document_id)
        .join(CaseRow, CaseRow.id == DocumentRow.case_id)
    )
    items = []
    for document_id, page, case_id, file_name, mime, anonymized in session.execute(q):
        if (document_id, page) in used:
            continue
        if anonymized:
            excluded["anonymized_case"] += 1
            continue
        items.append(
            sampling.FrameItem(
                key=f"{document_id}:{page:06d}",
                case_id=case_id,
                document_id=document_id,
                file_name=file_name,
                page=page,
                start=None,
                end=None,
                field="",
                value="",
                strata=(
                    ("language", languages.get((document_id, page), "und")),
                    ("document_type", records.document_type(mime)),
                ),
            )
        )
    return items


def _sample(session: Session, sample_id: str) -> QaSampleRow:
    row = session.get(QaSampleRow, sample_id)
    if row is None:
        raise NotFoundError(
            f"No QA sample with id {sample_id}. List samples with qa report or draw one with qa sample."
        )
    return row


def _item_row(session: Session, sample_id: str, item_id: str) -> QaItemRow:
    row = session.get(QaItemRow, item_id)
    if row is None or row.sample_id != sample_id:
        raise NotFoundError(
            f"No item {item_id} in QA sample {sample_id}. See the sample's items with qa sample output."
        )
    return row


def _examiner_label(decision: DecisionRow, field: str) -> str:
    if decision.action == DecisionAction.ACCEPT.value:
        return "correct"
    if decision.action == DecisionAction.EDIT.value and is_form_edit(
        field, decision.value_before, decision.value_after
    ):
        return "correct"
    return "wrong"


def _disputed(examiner_label: str | None, reviews: Sequence[str]) -> bool:
    labels = [*([examiner_label] if examiner_label else []), *reviews]
    return len(labels) >= 2 and len(set(labels)) > 1


@dataclass(frozen=True, slots=True)
class _Judged:
    item: SampleItem
    examiner: str | None
    reviews: tuple[tuple[str, str], ...]  # (reviewer id, verdict)
    adjudication: str | None
    first_at: str | None = None  # when the first review verdict was recorded (ISO), for batching

    @property
    def disputed(self) -> bool:
        return _disputed(self.examiner, [v for _, v in self.reviews])

    @property
    def final(self) -> str | None:
        """The verdict that stands: the adjudication, else the review(s) when nobody disagrees; None while disputed."""
        if self.adjudication is not None:
            return self.adjudication
        if self.disputed:
            return None  # waits for a third person's adjudication
        verdicts = {v for _, v in self.reviews}
        return next(iter(verdicts)) if len(verdicts) == 1 else None


def _judged_items(session: Session, sample_id: str) -> list[_Judged]:
    items = (
        session.execute(select(QaItemRow).where(QaItemRow.sample_id == sample_id).order_by(QaItemRow.position))
        .scalars()
        .all()
    )
    verdicts: dict[str, list[QaVerdictRow]] = defaultdict(list)
    for v in session.execute(
        select(QaVerdictRow)
        .where(QaVerdictRow.sample_id == sample_id)
        .order_by(QaVerdictRow.recorded_at, QaVerdictRow.id)
    ).scalars():
        verdicts[v.item_id].append(v)
    decision_ids = [i.decision_id for i in items if i.decision_id]
    decisions = (
        {d.id: d for d in session.execute(select(DecisionRow).where(DecisionRow.id.in_(decision_ids))).scalars()}
        if decision_ids
        else {}
    )
    out = []
    for i in items:
        vs = verdicts.get(i.id, [])
        decision = decisions.get(i.decision_id or "")
        out.append(
            _Judged(
                _item(i),
                _examiner_label(decision, i.field) if decision is not None else None,
                tuple((v.reviewer_id, v.verdict) for v in vs if v.kind == REVIEW),
                next((v.verdict for v in vs if v.kind == ADJUDICATION), None),
                next((f"{v.recorded_at.isoformat()}|{v.id}" for v in vs if v.kind == REVIEW), None),
            )
        )
    return out


def _agreement(judged: Sequence[_Judged], seed: int) -> Agreement | None:
    """Examiner vs first blind reviewer where the item was decided; else first vs second reviewer."""
    with_examiner = [Pair(j.item.document_id, j.examiner, j.reviews[0][1]) for j in judged if j.examiner and j.reviews]
    if with_examiner:
        return agreement(with_examiner, seed=seed, raters=("examiner", "reviewer"))
    between = [Pair(j.item.document_id, j.reviews[0][1], j.reviews[1][1]) for j in judged if len(j.reviews) >= 2]
    if between:
        cats = ("correct", "missed") if any("missed" in (p.a, p.b) for p in between) else ("correct", "wrong")
        between = [p for p in between if p.a in cats and p.b in cats]
        return agreement(between, cats, seed=seed, raters=("reviewer 1", "reviewer 2"))
    return None


def _recall(session: Session, elusion: Any, empty_pages: int) -> dict[str, Any] | None:
    """The engines' recall, estimated from elusion: found / (found + added by examiners + missed on empty pages).

    ``found`` are engine suggestions the examiners kept (accepted or edited), ``added`` the facts they recorded by
    hand (misses on pages that had suggestions), and the missed facts on pages with none are estimated as the
    elusion rate times the pages of the frame (at least one fact per such page: a lower bound, so recall is an upper
    estimate). The interval carries the elusion's Clopper-Pearson bounds through; found and added are counts.
    """
    if elusion.rate is None or elusion.exact is None:
        return None
    kept = (
        select(func.count())
        .select_from(SuggestionRow)
        .where(SuggestionRow.status.in_(("accepted", "edited")), SuggestionRow.engine != records.MANUAL_ENGINE)
    )
    found = int(session.scalar(kept) or 0)
    added = int(
        session.scalar(
            select(func.count()).select_from(DecisionRow).where(DecisionRow.action == DecisionAction.ADD.value)
        )
        or 0
    )

    def recall(rate: float) -> float | None:
        total = found + added + rate * empty_pages
        return round(found / total, 6) if total else None

    return {
        "found": found,
        "added": added,
        "empty_pages": empty_pages,
        "estimated_missed": round(elusion.rate * empty_pages, 2),
        "rate": recall(elusion.rate),
        "ci_exact": [recall(elusion.exact[1]), recall(elusion.exact[0])],
    }


def _sample_summary(session: Session, sample: QaSampleRow, seed: int) -> dict[str, Any]:
    judged = _judged_items(session, sample.id)
    final = [j.final for j in judged if j.final is not None]
    agree = _agreement(judged, seed)
    out: dict[str, Any] = {
        "sample_id": sample.id,
        "frame": sample.frame,
        "seed": sample.seed,
        "purpose": sample.purpose,
        "size": sample.size,
        "judged": sum(1 for j in judged if j.reviews or j.adjudication),
        "disputed": sum(1 for j in judged if j.disputed),
        "adjudicated": sum(1 for j in judged if j.adjudication is not None),
        "unresolved": sum(1 for j in judged if j.disputed and j.adjudication is None),
        "agreement": agree.as_json() if agree else None,
        "interval": WILSON,
    }
    if sample.frame == "empty-pages":
        missed = sum(1 for v in final if v == "missed")
        elusion = proportion(missed, len(final))
        out["elusion"] = {
            "pages": len(final),
            "with_missed_fact": missed,
            "rate": rate_or_none(elusion.rate),
            "ci": rounded(elusion.wilson),
            "ci_exact": rounded(elusion.exact),
        }
        out["recall"] = _recall(session, elusion, int(sample.plan.get("frame_size") or 0))
    else:
        correct = sum(1 for v in final if v == "correct")
        accuracy = proportion(correct, len(final))
        out["accuracy"] = {
            "n": len(final),
            "correct": correct,
            "rate": rate_or_none(accuracy.rate),
            "ci": rounded(accuracy.wilson),
            "ci_exact": rounded(accuracy.exact),
        }
    return out
