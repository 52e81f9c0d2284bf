"""A pseudonym never uses a real name part of anyone in the case (the interpreter's given name for the applicant)."""

from __future__ import annotations

from examiner_app.training.names import _part_key, assign_pseudonyms, split_parts


def test_no_pseudonym_part_is_a_real_name_part_of_the_case_over_many_seeds() -> None:
    names = ["Naveed Ahmad Chaudhry", "نوید احمد چوہدری", "Karim Said", "Bashir Ahmad Chaudhry", "Sadia Naveed"]
    real = {_part_key(p) for n in names for p in split_parts(n)}
    for seed in range(150):
        table = assign_pseudonyms(names, ["ur", "en"], seed=seed)
        for name in names:
            for script_name in (table.render(name, "ur"), table.render(name, "en")):
                used = {_part_key(p) for p in split_parts(script_name)}
                assert not used & real, (seed, name, script_name)
