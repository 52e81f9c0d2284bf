"""PostgreSQL row-level security: connected as a role that does not own the tables, one examiner's
database session cannot read another examiner's unassigned cases, whatever SQL it runs."""

from __future__ import annotations

import pytest
from sqlalchemy import text

from examiner_app import accounts
from examiner_app.domain import Role
from examiner_app.store import Store
from examiner_app.store import repositories as repo

pytestmark = pytest.mark.postgres
PASSWORD = "correct horse battery"


def test_an_examiner_cannot_read_another_examiners_unassigned_case(owner_and_app_urls: tuple[str, str]) -> None:
    owner_url, app_url = owner_and_app_urls
    app = Store(app_url, migrate=False)
    with app.session() as session:
        admin = accounts.create_account(session, None, "Admin", Role.ADMIN, PASSWORD)
        one = accounts.create_account(session, admin, "Examiner One", Role.EXAMINER, PASSWORD)
        two = accounts.create_account(session, admin, "Examiner Two", Role.EXAMINER, PASSWORD)
    app.acting_user_id = one.id
    with app.session() as session:
        case = repo.create_case(session, "Case of examiner one", created_by=one.id)
    app.acting_user_id = two.id
    with app.session() as session:
        # Raw SQL, no application check in the way: the database itself hides the row.
        assert session.execute(text("SELECT count(*) FROM cases")).scalar() == 0
        assert session.execute(text("SELECT count(*) FROM cases WHERE id = :id"), {"id": case.id}).scalar() == 0
        assert session.execute(text("UPDATE cases SET title = 'x' WHERE id = :id"), {"id": case.id}).rowcount == 0
    app.acting_user_id = None
    with app.session() as session:
        assert session.execute(text("SELECT count(*) FROM cases")).scalar() == 0  # nobody named: nothing
    app.acting_user_id = one.id
    with app.session() as session:
        assert session.execute(text("SELECT title FROM cases")).scalars().all() == ["Case of examiner one"]
    with app.session() as session:
        app.acting_user_id = admin.id
        accounts.assign(session, admin, case.id, two.id)
    app.acting_user_id = two.id
    with app.session() as session:
        assert session.execute(text("SELECT count(*) FROM cases")).scalar() == 1
    # The app role does not own the tables, so it cannot switch the protection off.
    with app.session() as session, pytest.raises(Exception, match="must be owner"):
        session.execute(text("ALTER TABLE cases DISABLE ROW LEVEL SECURITY"))
    app.dispose()
    owner = Store(owner_url, migrate=False)
    with owner.session() as session:
        assert session.execute(text("SELECT count(*) FROM cases")).scalar() == 1
    owner.dispose()


def test_decisions_pins_and_case_vectors_are_hidden_like_their_case(owner_and_app_urls: tuple[str, str]) -> None:
    """A decision carries the examiner's values and reason; it is case content (migration 0007)."""
    from examiner_app import review
    from examiner_app.domain import FactField

    owner_url, app_url = owner_and_app_urls
    app = Store(app_url, migrate=False)
    with app.session() as session:
        admin = accounts.create_account(session, None, "Admin", Role.ADMIN, PASSWORD)
        one = accounts.create_account(session, admin, "Examiner One", Role.EXAMINER, PASSWORD)
        two = accounts.create_account(session, admin, "Examiner Two", Role.EXAMINER, PASSWORD)
    app.acting_user_id = one.id
    with app.session() as session:
        case = repo.create_case(session, "Case of examiner one", created_by=one.id)
    review.add_fact(app, one, case.id, FactField.DATE_OF_BIRTH, "12/03/1990", reason="read on the form")
    count = "SELECT count(*) FROM decisions"
    with app.session() as session:
        assert session.execute(text(count)).scalar() == 1
    app.acting_user_id = two.id
    with app.session() as session:
        assert session.execute(text(count)).scalar() == 0
        assert session.execute(text("UPDATE decisions SET reason = 'x'")).rowcount == 0
    app.dispose()
    owner = Store(owner_url, migrate=False)
    with owner.session() as session:
        protected = session.execute(
            text(
                "SELECT relname FROM pg_class WHERE relrowsecurity AND relname IN "
                "('decisions', 'coi_pins', 'case_vectors', 'summary_sign_offs')"
            )
        ).scalars()
        assert sorted(protected) == ["case_vectors", "coi_pins", "decisions", "summary_sign_offs"]
    owner.dispose()


def test_trainee_scores_are_hidden_like_their_training_case(owner_and_app_urls: tuple[str, str]) -> None:
    """A trainee's scores (migration 0012) follow their training case: trainers read them, an unassigned
    examiner does not, and nobody can file a score under a case they cannot read."""
    from examiner_app.store.orm import TraineeScoreRow

    _owner_url, app_url = owner_and_app_urls
    app = Store(app_url, migrate=False)
    with app.session() as session:
        admin = accounts.create_account(session, None, "Admin", Role.ADMIN, PASSWORD)
        trainer = accounts.create_account(session, admin, "Trainer", Role.TRAINER, PASSWORD)
        trainee = accounts.create_account(session, admin, "Trainee", Role.EXAMINER, PASSWORD)
        other = accounts.create_account(session, admin, "Other Examiner", Role.EXAMINER, PASSWORD)
    app.acting_user_id = admin.id
    with app.session() as session:
        training_case = repo.create_case(session, "Training pack", created_by=admin.id, anonymized=True).id
        real_case = repo.create_case(session, "Real case", created_by=admin.id).id
        accounts.assign(session, admin, training_case, trainee.id)

    def score_row(case_id: str) -> TraineeScoreRow:
        return TraineeScoreRow(
            pack_id="p" * 32, exercise="x", case_id=case_id, trainee_id=trainee.id, scored_by=trainer.id, fields=[]
        )

    app.acting_user_id = trainer.id
    with app.session() as session:
        session.add(score_row(training_case))
    count = "SELECT count(*) FROM trainee_scores"
    for who, seen in ((trainer, 1), (trainee, 1), (other, 0)):
        app.acting_user_id = who.id
        with app.session() as session:
            assert session.execute(text(count)).scalar() == seen, who.name
    app.acting_user_id = trainer.id

    def file_under_the_real_case() -> None:
        with app.session() as session:
            session.add(score_row(real_case))

    with pytest.raises(Exception, match="row-level security"):
        file_under_the_real_case()
    app.dispose()
