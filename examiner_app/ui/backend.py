"""What the UI needs from the core, as a Protocol: :class:`examiner_app.services.Workbench` fits it.

The UI depends on this shape rather than importing ``services`` at module level, so widgets can be
tested with a small fake and the composition root (``app.py``) is the only place that builds the
real thing. Every method blocks; the UI calls them from workers only.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from examiner_app.domain import Case, Decision, Document, PageText, Role, Suggestion, User
from examiner_app.progress import ProgressReporter


class CaseDetailLike(Protocol):
    @property
    def case(self) -> Case: ...

    @property
    def documents(self) -> list[Document]: ...

    @property
    def suggestions(self) -> list[Suggestion]: ...

    @property
    def decisions(self) -> list[Decision]: ...


class WorkbenchPort(Protocol):
    user: User | None

    def has_accounts(self) -> bool: ...

    def sign_in(self, name: str, role: Role) -> User: ...

    def sign_in_with_password(self, name: str, password: str) -> User: ...

    def users(self) -> list[User]: ...

    def list_cases(self) -> list[Case]: ...

    def create_case(self, title: str, reference: str = "") -> Case: ...

    def case_detail(self, case_id: str, *, audit_open: bool = True) -> CaseDetailLike: ...

    def pages(self, document_id: str) -> list[PageText]: ...

    def page_image(self, document_id: str, page_number: int) -> bytes | None: ...

    def import_files(
        self, case_id: str, paths: Iterable[Path], progress: ProgressReporter | None = None
    ) -> list[Any]: ...

    def accept(self, suggestion_id: str, *, source_viewed: bool = False, reason: str = "") -> Decision: ...

    def edit(self, suggestion_id: str, new_value: str, reason: str, *, source_viewed: bool = False) -> Decision: ...

    def reject(self, suggestion_id: str, reason: str, *, source_viewed: bool = False) -> Decision: ...


@dataclass(frozen=True)
class UiContext:
    """Frozen facts about this session that widgets show; never read from globals by workers."""

    user: User
    ai_enabled: bool = True
    data_location: str = ""
    samples_dir: Path | None = None
