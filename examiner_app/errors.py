"""Typed errors. Every message tells the user what to do next.

Third-party failures are wrapped at the boundary (``raise InputFileError(...) from exc``) so the
UI and the CLI only ever show one of these, never a raw traceback.
"""

from __future__ import annotations

from pathlib import Path


class ExaminerError(Exception):
    """Base class: ``message`` is shown to the user as is."""

    #: Short machine-readable state recorded on a document that failed with this error.
    state = "failed"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class ConfigurationError(ExaminerError):
    """The installation is incomplete (a binary, language pack or model is missing)."""


class MissingDependencyError(ConfigurationError):
    pass


class PassphraseRequiredError(ConfigurationError):
    """The store is encrypted and no passphrase was given."""


class WrongPassphraseError(ConfigurationError):
    """The passphrase does not open this store (or the file is damaged)."""


class InputFileError(ExaminerError):
    """A file could not be read. Subclasses name the reason; the rest of the case is kept."""

    state = "malformed"

    def __init__(self, path: Path | str, message: str) -> None:
        super().__init__(f"{Path(path).name}: {message}")
        self.path = Path(path)


class UnsupportedFormatError(InputFileError):
    state = "unsupported"


class EncryptedFileError(InputFileError):
    state = "encrypted"


class MalformedFileError(InputFileError):
    state = "malformed"


class FileTooLargeError(InputFileError):
    state = "too_large"


class ProcessingTimeoutError(InputFileError):
    state = "timed_out"


class OutOfMemoryError(InputFileError):
    state = "out_of_memory"


class OcrError(ExaminerError):
    """Tesseract failed on a page."""


class CancelledError(ExaminerError):
    """The user cancelled long-running work; everything finished before that is kept."""

    state = "cancelled"

    def __init__(
        self, message: str = "Cancelled. Work finished before the cancel was kept; import again to resume."
    ) -> None:
        super().__init__(message)


class NotFoundError(ExaminerError):
    pass


class PermissionDeniedError(ExaminerError):
    """The signed-in user's role does not allow this action."""


class ReviewError(ExaminerError):
    """A review action was refused (missing reason, suggestion already decided, ...)."""


class StaleDecisionError(ReviewError):
    """Another examiner decided on this suggestion after it was shown: nothing was recorded.

    ``current`` is the suggestion as it is now (a ``domain.Suggestion``), to show instead of the stale one.
    """

    def __init__(self, message: str, current: object = None) -> None:
        super().__init__(message)
        self.current = current


class AuditIntegrityError(ExaminerError):
    """The audit log's hash chain is broken: someone changed or removed an event."""


class ReidentificationRiskError(ExaminerError):
    """A training pack's quasi-identifiers are shared by fewer than k cases of the training corpus."""


class RedactionLeakError(ExaminerError):
    """An original value (name, date of birth, document number, MRZ line) is still readable in a training pack."""


class QualityReviewError(ExaminerError):
    """A quality-review step cannot go ahead (a plan, a sample or a verdict); the message says what to change."""
