"""Forms are mostly labels, names and numbers: the page's language is the labels' language.

A detector that learnt an "unsupported language" class from Portuguese or Malay text must not claim a form full
of South Asian or Arabic names for it (names like "Perera" or "Kamal" are common in those corpora).
"""

from __future__ import annotations

import pytest

from examiner_app.extraction.language import detect_language

FORMS = [
    ("en", "Name: Kamal Perera\nDate of birth: 12 March 1990\nNationality: Sri Lankan"),
    ("en", "Surname: Haroun\nGiven names: Youssef Abdelrahman\nPlace of birth: El Geneina\nSex: M"),
    ("en", "Full name: Maung Aung Kyaw\nDate of arrival: 03/04/2022\nPort of entry: Narita Airport"),
    ("fr", "Nom : Diallo\nPrénom : Mamadou\nDate de naissance : 14 mars 1995\nNationalité : guinéenne"),
    ("tr", "Adı: Mehmet\nSoyadı: Demir\nDoğum tarihi: 12 Mart 1988\nDoğum yeri: Diyarbakır\nUyruğu: Türkiye"),
    (
        "es",
        "Nombre: Carlos Andrés\nApellidos: Pérez Gómez\nFecha de nacimiento: 3 de mayo de 1992\nNacionalidad: venezolana",
    ),
]


@pytest.mark.parametrize(("expected", "text"), FORMS)
def test_a_form_is_in_the_language_of_its_labels(expected: str, text: str) -> None:
    best = detect_language(text)[0]
    assert best.code == expected, detect_language(text)
