"""Accessibility statement, declared compliance level and footer mention: wording variants and traps."""

from __future__ import annotations

import pytest

from audit.checks.accessibility.accessibility_statement import find_compliance_rate, find_level, find_mention
from audit.checks.framework.model import FetchRecord, SiteFacts
from tests.conftest import audit_pages

HOME = "https://www.ville-exemple.fr/"


def page(title: str = "Accueil - Ville d'Exemple", main: str = "<p>Bienvenue</p>", footer: str = "") -> str:
    return (
        f"<html lang='fr'><head><title>{title}</title></head><body>"
        f"<header><nav><a href='/demarches'>Démarches</a></nav></header>"
        f"<main>{main}</main><footer>{footer}<a href='/plan-du-site'>Plan du site</a></footer></body></html>"
    )


def run(*pages: tuple[str, str], facts: SiteFacts | None = None) -> dict:
    return audit_pages(list(pages), facts)


STATEMENT_BODY = (
    "<h1>{h1}</h1><p>La commune s'engage à rendre son site accessible conformément à l'article 47 de la loi "
    "n° 2005-102 du 11 février 2005.</p><h2>État de conformité</h2><p>{state}</p>"
)


@pytest.mark.parametrize(("footer", "level"), [
    ("<a href='/accessibilite'>Accessibilité : partiellement conforme</a>", "partiellement_conforme"),
    ("<a href='/accessibilite'>Accessibilité&nbsp;: non conforme</a>", "non_conforme"),
    ("<a href='/declaration'>ACCESSIBILITE : TOTALEMENT CONFORME</a>", "totalement_conforme"),
    ("<a href='/declaration'>Accessibilité (partiellement conforme)</a>", "partiellement_conforme"),
    ("<a href='/declaration'>Accessibilité du site : non-conforme</a>", "non_conforme"),
    ("<a href='/declaration'><span>Accessibilité</span> : <strong>partiellement conforme</strong></a>",
     "partiellement_conforme"),
])
def test_footer_mention_with_link_gives_statement_level_and_mention(footer: str, level: str) -> None:
    criteria = run((HOME, page(footer=footer)))
    statement = criteria["accessibility.statement"]
    assert statement["status"] == "present"
    assert statement["value"].startswith(HOME)
    assert criteria["accessibility.compliance_level"]["status"] == "present"
    assert criteria["accessibility.compliance_level"]["value"] == {"level": level, "rate": None}
    assert criteria["accessibility.footer_mention"]["status"] == "present"
    assert criteria["accessibility.footer_mention"]["value"] == 1.0


def test_mention_linking_to_a_missing_page_is_a_mention_but_no_statement() -> None:
    facts = SiteFacts(start_url=HOME, final_url=HOME,
                      fetches={HOME + "accessibilite": FetchRecord(status=404, referrers=[HOME])})
    criteria = run((HOME, page(footer="<a href='/accessibilite'>Accessibilité : non conforme</a>")), facts=facts)
    assert criteria["accessibility.statement"]["status"] == "absent"
    assert criteria["accessibility.footer_mention"]["status"] == "present"
    assert criteria["accessibility.compliance_level"]["value"] == {"level": "non_conforme", "rate": None}


@pytest.mark.parametrize("footer", [
    "<a href='#'>Accessibilité : partiellement conforme</a>",
    "<a>Accessibilité : partiellement conforme</a>",
    "<a href='javascript:void(0)'>Accessibilité : partiellement conforme</a>",
    "<span>Accessibilité : partiellement conforme</span>",
])
def test_mention_without_real_link_gives_level_but_no_statement(footer: str) -> None:
    criteria = run((HOME, page(footer=footer)))
    assert criteria["accessibility.statement"]["status"] == "absent"
    assert criteria["accessibility.compliance_level"]["value"]["level"] == "partiellement_conforme"
    assert criteria["accessibility.footer_mention"]["status"] == "present"


@pytest.mark.parametrize("footer", [
    # The DSFR template: every level at once, and a placeholder address.
    "<a href='[url - à modifier]'>Accessibilité : non/partiellement/totalement conforme</a>",
    "<a href='/accessibilite'>Accessibilité : non / partiellement / totalement conforme</a>",
    "<a href='[À MODIFIER - Lien vers la déclaration]'>Déclaration d'accessibilité</a>",
    "<a href='/accessibilite'>Accessibilité : conforme</a>",
    "<a href='/commission'>Commission accessibilité</a>",
])
def test_placeholders_and_lookalikes_are_not_statements(footer: str) -> None:
    criteria = run((HOME, page(footer=footer)))
    assert criteria["accessibility.statement"]["status"] == "absent"
    assert criteria["accessibility.compliance_level"]["status"] == "absent"
    assert criteria["accessibility.footer_mention"]["status"] == "absent"


@pytest.mark.parametrize(("title", "h1", "state", "level", "rate"), [
    ("Déclaration d'accessibilité | Ville d'Exemple", "Déclaration d'accessibilité",
     "Le site www.ville-exemple.fr est partiellement conforme avec le RGAA version 4.1. L'audit révèle que "
     "72,5 % des critères du RGAA sont respectés.", "partiellement_conforme", 72.5),
    ("Accessibilité - Ville d'Exemple", "Accessibilité numérique",
     "Le site est non conforme avec le référentiel général d'amélioration de l'accessibilité (RGAA).",
     "non_conforme", None),
    ("Déclaration de conformité RGAA", "Déclaration de conformité RGAA",
     "Le taux de conformité global est de 100 %. Le site est totalement conforme au RGAA 4.1.",
     "totalement_conforme", 100.0),
    ("Accessibilité du site", "Accessibilité du site",
     "Le site n'est pas encore conforme au RGAA 4.1 : aucun audit n'a été réalisé.", "non_conforme", None),
    # No stated level: the rate implies it (50 % and more = partiellement conforme).
    ("Déclaration d'accessibilité", "Déclaration d'accessibilité",
     "Un audit réalisé par la société Access42 révèle que 64 % des critères du RGAA 4.1 sont respectés.",
     "partiellement_conforme", 64.0),
])
def test_statement_page_gives_url_level_and_rate(title: str, h1: str, state: str, level: str, rate: float | None) -> None:
    url = HOME + "accessibilite"
    criteria = run(
        (HOME, page(footer="<a href='/accessibilite'>Accessibilité</a>")),
        (url, page(title=title, main=STATEMENT_BODY.format(h1=h1, state=state))),
    )
    assert criteria["accessibility.statement"]["status"] == "present"
    assert criteria["accessibility.statement"]["value"] == url
    assert criteria["accessibility.compliance_level"]["value"] == {"level": level, "rate": rate}


def test_statement_page_wins_over_footer_mention() -> None:
    footer = "<a href='/accessibilite'>Accessibilité : totalement conforme</a>"
    state = "La commune est partiellement conforme avec le RGAA 4.1, avec un taux de conformité de 81,25 %."
    criteria = run(
        (HOME, page(footer=footer)),
        (HOME + "accessibilite", page("Déclaration d'accessibilité", STATEMENT_BODY.format(h1="Déclaration", state=state),
                                      footer)),
    )
    assert criteria["accessibility.compliance_level"]["value"] == {"level": "partiellement_conforme", "rate": 81.25}


@pytest.mark.parametrize(("title", "main"), [
    ("Commission communale pour l'accessibilité", "<h1>Commission communale pour l'accessibilité</h1>"
     "<p>La commission se réunit chaque année. Elle dresse le constat de l'état d'accessibilité du cadre bâti.</p>"),
    ("Accessibilité - Ville d'Exemple", "<h1>Accessibilité</h1><p>Le plan de mise en accessibilité de la voirie "
     "(PAVE) et l'agenda d'accessibilité programmée des ERP sont partiellement réalisés.</p>"),
    ("Actualités", "<h1>La mairie est désormais accessible</h1><p>Les travaux d'accessibilité de la mairie sont "
     "terminés : la rampe est totalement conforme aux normes.</p>"),
])
def test_pages_about_buildings_or_councils_are_not_statements(title: str, main: str) -> None:
    criteria = run((HOME, page()), (HOME + "page", page(title, main)))
    assert criteria["accessibility.statement"]["status"] == "absent"
    assert criteria["accessibility.compliance_level"]["status"] == "absent"


def test_statement_link_text_without_mention() -> None:
    criteria = run((HOME, page(footer="<a href='/declaration-accessibilite.pdf'>Déclaration d'accessibilité</a>")))
    assert criteria["accessibility.statement"]["status"] == "present"
    assert criteria["accessibility.statement"]["value"] == HOME + "declaration-accessibilite.pdf"
    assert criteria["accessibility.compliance_level"]["status"] == "absent"


@pytest.mark.parametrize(("carrying", "total", "status"), [(10, 10, "present"), (9, 10, "present"), (8, 10, "absent"),
                                                          (0, 3, "absent")])
def test_footer_mention_share(carrying: int, total: int, status: str) -> None:
    footer = "<a href='/accessibilite'>Accessibilité : partiellement conforme</a>"
    pages = [(f"{HOME}p{i}", page(footer=footer if i < carrying else "")) for i in range(total)]
    facts = SiteFacts(start_url=HOME, html_pages=total)
    answer = run(*pages, facts=facts)["accessibility.footer_mention"]
    assert answer["status"] == status
    assert answer["value"] == pytest.approx(carrying / total)


@pytest.mark.parametrize(("text", "rate"), [
    ("Le taux de conformité au RGAA v 4.1 est dorénavant de 88,52 %.", 88.52),
    ("Le site respecte 56 % des critères du RGAA.", 56.0),
    ("Résultat : 12 critères non conformes sur 50 applicables, soit 76 pour cent.", None),
    ("La population a augmenté de 12 %.", None),
])
def test_compliance_rate(text: str, rate: float | None) -> None:
    assert find_compliance_rate(text) == rate


@pytest.mark.parametrize(("text", "level"), [
    ("Ville d'Exemple est en conformité partielle avec le RGAA.", "partiellement"),
    ("[Nom du site] est [totalement | partiellement | non] conforme avec le RGAA.", None),
    ("Le site est entièrement conforme au RGAA.", "totalement"),
    ("Les critères non conformes sont listés ci-dessous.", None),
    ("Le site n'est pas en conformité avec le RGAA 4.1.", "non"),
    ("Aucun audit de conformité n'a encore été réalisé.", "non"),
    ("État de conformité : partielle.", "partiellement"),
])
def test_level_in_prose(text: str, level: str | None) -> None:
    assert find_level(text) == level


def test_mention_typo_is_not_a_mention() -> None:
    assert find_mention("Accessibillité : partiellement conforme") is None
