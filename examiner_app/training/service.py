"""Training use cases for the command line and the desktop app: preview, export, check, import, score.

Every call opens its own session (blocking: the UI calls these from worker threads) and is audited.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import select

from examiner_app import audit
from examiner_app.domain import Role, SuggestionStatus, User
from examiner_app.errors import NotFoundError, PermissionDeniedError
from examiner_app.progress import ProgressReporter
from examiner_app.store import Store
from examiner_app.store import repositories as repo
from examiner_app.store.orm import DecisionRow, SuggestionRow, UserRow

from . import pack as packs
from . import progress, scoring


class Training:
    def __init__(self, store: Store, user: User | None) -> None:
        self.store = store
        self.user = user

    def _trainer(self) -> User:
        if self.user is None or self.user.role not in (Role.TRAINER, Role.ADMIN):
            raise PermissionDeniedError("Sign in as a trainer or an administrator to work with training packs.")
        return self.user

    def preview(
        self, case_id: str, options: packs.PackOptions, progress: ProgressReporter | None = None
    ) -> packs.PackDraft:
        """The pack as it would be exported (links, replacements, redacted pages), without writing it."""
        user = self._trainer()
        with self.store.session() as session:
            draft = packs.build_pack(session, user, case_id, options, progress)
            audit.record(
                session, user.id, "training.pack_preview", case_id=case_id, details={"pages": len(draft.pages)}
            )
            return draft

    def export(
        self, case_id: str, out: Path, options: packs.PackOptions, progress: ProgressReporter | None = None
    ) -> packs.PackDraft:
        with self.store.session() as session:
            return packs.export_pack(session, self._trainer(), case_id, out, options, progress)

    def forget(self, pack_id: str, reason: str) -> None:
        """Destroy the kept mapping of a pack (administrators; a recorded decision)."""
        from . import mapping

        with self.store.session() as session:
            mapping.destroy(session, self.user, pack_id, reason)

    def check(self, path: Path, k: int | None = None) -> dict[str, Any]:
        """Integrity and re-identification check; the names, birth dates and numbers of this store's own cases are
        searched for in the pack's texts too."""
        user = self._trainer()
        loaded = packs.read_pack(path)
        with self.store.session() as session:
            result = packs.check_pack(loaded, k, packs.store_secrets(session))
            audit.record(
                session,
                user.id,
                "training.pack_check",
                subject=loaded.pack_id,
                details={"ok": result["ok"], "findings": len(result["findings"])},
            )
        return result

    def import_pack(self, path: Path) -> str:
        loaded = packs.read_pack(path)
        with self.store.session() as session:
            return packs.import_pack(session, self._trainer(), loaded)

    def trainee_facts(self, case_id: str, trainee: str) -> list[dict[str, Any]]:
        """The facts a trainee recorded in a training case (accepted, edited or added by them), in pack terms."""
        with self.store.session() as session:
            case = repo.get_case(session, case_id)
            if not case.anonymized:
                raise PermissionDeniedError("Only training cases (imported packs) are scored.")
            user = session.execute(select(UserRow).where(UserRow.name == trainee.strip())).scalar_one_or_none()
            if user is None:
                raise NotFoundError(f"No account named {trainee}. Check the trainee's name as they sign in.")
            docs = {d.id: d.file_name for d in repo.list_documents(session, case_id)}
            rows = session.execute(
                select(SuggestionRow)
                .join(DecisionRow, DecisionRow.suggestion_id == SuggestionRow.id)
                .where(SuggestionRow.case_id == case_id, DecisionRow.user_id == user.id)
                .where(SuggestionRow.status.in_([SuggestionStatus.ACCEPTED.value, SuggestionStatus.EDITED.value]))
                .order_by(SuggestionRow.created_at)
            ).scalars()
            out = []
            seen: set[str] = set()
            for row in rows:
                if row.id in seen:
                    continue
                seen.add(row.id)
                s = repo.suggestion_to_domain(row)
                prov = s.provenance
                out.append(
                    {
                        "field": s.field.value,
                        "value": s.effective_value,
                        "normalized": s.normalized,
                        "file": docs.get(prov.document_id) if prov else None,
                        "page": prov.page if prov else None,
                        "start": prov.start if prov else None,
                        "end": prov.end if prov else None,
                        "boxes": [b.as_list() for b in prov.bboxes] if prov else [],
                        "suggestion_id": s.id,
                    }
                )
            return out

    def score(self, path: Path, trainee: str) -> tuple[scoring.ExerciseScore, packs.LoadedPack, str]:
        """Score a trainee against the pack's key; a trainer or admin, or the trainee for their own work."""
        if self.user is None:
            raise PermissionDeniedError("Sign in first.")
        if self.user.role not in (Role.TRAINER, Role.ADMIN) and self.user.name != trainee.strip():
            raise PermissionDeniedError("Trainees see their own scores only; a trainer sees every trainee's.")
        loaded = packs.read_pack(path)
        with self.store.session() as session:
            case_id = packs.find_training_case(session, loaded.pack_id)
        if case_id is None:
            raise NotFoundError(f"Pack {loaded.pack_id} is not imported in this store: run 'train import' first.")
        file_to_doc = {d["file"]: d["document"] for d in loaded.manifest["documents"]}
        trainee_facts = self.trainee_facts(case_id, trainee)
        for fact in trainee_facts:
            fact["document"] = file_to_doc.get(fact.pop("file") or "")
        result = scoring.score(loaded.answer_key, trainee_facts)
        with self.store.session() as session:
            trainee_id = session.execute(select(UserRow.id).where(UserRow.name == trainee.strip())).scalar_one()
            stored = progress.record(
                session,
                trainee_id=trainee_id,
                scored_by=self.user.id,
                case_id=case_id,
                pack_id=loaded.pack_id,
                exercise=str(loaded.manifest.get("title") or loaded.pack_id),
                result=result,
            )
            audit.record(
                session,
                self.user.id,
                "training.score",
                case_id=case_id,
                subject=loaded.pack_id,
                details={
                    "trainee": trainee.strip(),
                    "f1": result.as_json()["f1"],
                    "stored": stored.id if stored is not None else None,
                },
            )
        return result, loaded, case_id

    def progress(self) -> dict[str, list[progress.ScorePoint]]:
        """Each trainee's scored exercises over time: every trainee for a trainer or administrator, a trainee's
        own otherwise. Audited (who looked, at how many trainees)."""
        if self.user is None:
            raise PermissionDeniedError("Sign in first.")
        own_only = self.user.role not in (Role.TRAINER, Role.ADMIN)
        with self.store.session() as session:
            result = progress.series(session, [self.user.id] if own_only else None)
            audit.record(
                session,
                self.user.id,
                "training.progress_view",
                details={"trainees": len(result), "points": sum(len(v) for v in result.values())},
            )
        return result

    def progress_exported(self, path: Path, trainees: list[str]) -> None:
        """Record that the progress chart was written to ``path`` (the chart names trainees, so it is audited)."""
        if self.user is None:
            raise PermissionDeniedError("Sign in first.")
        with self.store.session() as session:
            audit.record(
                session,
                self.user.id,
                "training.progress_export",
                subject=path.name,
                details={"path": str(path), "format": path.suffix.lower().lstrip("."), "trainees": sorted(trainees)},
            )
