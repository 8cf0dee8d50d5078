"""Budget documents: wording variants and traps."""

import pytest

from tests.conftest import as_pages, audit_pages, followed

SITE = "https://www.ville-exemple.fr"
HOME = (SITE + "/", "<html><head><title>Accueil</title></head><body><main><p>Bienvenue</p></main></body></html>")


def page(body: str, title: str = "Ville d'Exemple", path: str = "/page") -> tuple[str, str]:
    return (SITE + path, f"<html><head><title>{title}</title></head><body>{body}</body></html>")


def answer(criterion: str, *pages: tuple[str, str]) -> dict:
    result = audit_pages([HOME, *pages])[criterion]
    if result["status"] == "present":
        assert result["evidence"] and all(e["url"] and e["excerpt"] for e in result["evidence"])
    return result


#: What the juror finds on the page the link leads to.
BUDGET_PAGE = '<ul><li><a href="/docs/budget-primitif-2025.pdf">Budget primitif 2025 (PDF, 1,2 Mo)</a></li></ul>'


BUDGET = [
    ("budget primitif pdf", page('<main><a href="/bp2024.pdf">Budget primitif 2024</a></main>'), "present"),
    ("compte administratif", page('<main><a href="/ca.pdf">Compte administratif 2023</a></main>'), "present"),
    ("rob", page('<main><a href="/rob.pdf">Rapport d’orientation budgétaire</a></main>'), "present"),
    ("dob no accent", followed(page('<main><a href="/dob">DEBAT D\'ORIENTATION BUDGETAIRE 2025</a></main>'), BUDGET_PAGE), "present"),
    ("cfu", page('<main><a href="/cfu.pdf">Compte financier unique</a></main>'), "present"),
    ("budget menu", followed(page('<nav><a href="/budget">Budget</a></nav>'), BUDGET_PAGE), "present"),
    ("finances page title", page("<main><h1>Les finances communales</h1>" + BUDGET_PAGE + "</main>", "Finances communales"), "present"),
    ("trap finances page sending readers to the town hall", page("<main><h1>Les finances communales</h1><p>Les documents budgétaires sont consultables en mairie aux heures d’ouverture.</p></main>", "Finances communales"), "absent"),
    ("trap documents held at the town hall",
     followed(page('<nav><a href="/finances">Finances</a></nav>'),
              "<p>Le budget primitif 2026 et le compte administratif 2025 sont tenus à la disposition du public en mairie, "
              "aux heures d’ouverture.</p>"), "absent"),
    ("trap budget menu to an empty page", followed(page('<nav><a href="/budget">Budget</a></nav>'), ""), "absent"),
    ("trap budget menu, page not read", page('<nav><a href="/budget">Budget</a></nav>'), "absent"),
    ("url only", page('<main><a href="/files/budget-primitif-2024.pdf">Télécharger</a></main>'), "present"),
    ("trap participatory budget", page('<nav><a href="/bp">Budget participatif</a></nav>'), "absent"),
    ("trap tax office", page('<main><a href="https://www.impots.gouv.fr">Centre des finances publiques</a></main>'), "absent"),
    ("trap news vote", page("<main><p>Le conseil municipal a voté le budget primitif lors de sa dernière séance.</p></main>"), "absent"),
]


@pytest.mark.parametrize("name,page_,expected", BUDGET, ids=[c[0] for c in BUDGET])
def test_budget_documents(name, page_, expected):
    assert answer("edemocracy.budget_documents", *as_pages(page_))["status"] == expected
