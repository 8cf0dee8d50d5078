"""PayFiP / TIPI and online payment: wording variants, vendors, and negated or future mentions."""

from __future__ import annotations

import pytest

from tests.conftest import audit_pages

HOME = "https://www.ville-exemple.fr/"
PAGE = (
    "<html><head><title>{title}</title></head><body><header><nav><a href='/'>Accueil</a>{nav}</nav></header>"
    "<main><h1>{title}</h1>{main}</main><footer>{footer}</footer></body></html>"
)


def run(nav: str = "", main: str = "", footer: str = "", title: str = "Ville d'Exemple") -> dict:
    """Answers for a one-page site."""
    return audit_pages([(HOME, PAGE.format(nav=nav, main=main, footer=footer, title=title))])


@pytest.mark.parametrize(
    ("nav", "main"),
    [
        ('<a href="https://www.payfip.gouv.fr/tpa/paiement.web?numcli=012345">Payer mes factures</a>', ""),
        ('<a href="https://www.tipi.budget.gouv.fr/tpa/paiement.web">Régler en ligne</a>', ""),
        ('<a href="/factures">Paiement PayFiP</a>', ""),
        ('<a href="/paiement">TIPI : paiement de vos factures</a>', ""),
        ("", "<p>Vos factures d’eau sont payables par carte bancaire grâce au service PAYFIP de la DGFiP.</p>"),
        ("", '<form action="https://www.payfip.gouv.fr/tpa/paiement.web" method="post"><input name="numcli" type="hidden">'
             '<input name="exer"><input name="refdet"><input name="montant"><button>Payer</button></form>'),
    ],
)
def test_payfip_found_and_implies_online_payment(nav: str, main: str) -> None:
    answers = run(nav=nav, main=main)
    assert answers["payment.payfip"]["status"] == "present"
    assert answers["payment.payfip"]["evidence"]
    assert answers["payment.online"]["status"] == "present"
    assert "payfip" in answers["payment.online"]["value"]


@pytest.mark.parametrize(
    ("nav", "main", "means"),
    [
        ('<a href="https://paiement.systempay.fr/vads-payment/">Payer la cantine</a>', "", "card_gateway"),
        ('<a href="https://tpeweb.e-transactions.fr/cgi/MYchoix_pagepaiement.cgi">Piscine : achat de tickets</a>', "", "card_gateway"),
        ("", '<form action="https://tpeweb.paybox.com/cgi/MYchoix_pagepaiement.cgi" method="post">'
             '<input type="hidden" name="PBX_SITE"><button>Régler</button></form>', "card_gateway"),
        ('<a href="https://exemple.portail-familles.net/">Portail Famille : inscriptions et paiement des factures</a>', "",
         "family_portal"),
        ("", "<p>Depuis votre espace famille, vous pouvez réserver les repas et payer vos factures en ligne.</p>",
         "family_portal"),
        ('<a href="/demarches/paiement-en-ligne">Paiement en ligne</a>', "", "other"),
        ('<a href="/payer">Payez vos factures en ligne</a>', "", "other"),
    ],
)
def test_online_payment_means(nav: str, main: str, means: str) -> None:
    answers = run(nav=nav, main=main)
    online = answers["payment.online"]
    assert online["status"] == "present"
    assert online["value"] == [means]
    assert online["evidence"]
    assert answers["payment.payfip"]["status"] == "absent"


@pytest.mark.parametrize(
    "main",
    [
        "<p>Le paiement en ligne n’est pas encore disponible : merci de régler en mairie.</p>",
        "<p>Aucun paiement en ligne n'est possible pour le moment.</p>",
        "<p>Il n'est pas possible de payer en ligne ; les chèques sont acceptés à l'accueil.</p>",
        "<p>Prochainement, vous pourrez payer en ligne vos factures de cantine.</p>",
        "<p>Le paiement en ligne sera bientôt disponible sur le portail famille.</p>",
        "<p>Les enfants ont construit un tipi dans la cour du centre de loisirs.</p>",
        "<p>Le paiement par TIPI n'est plus possible depuis janvier.</p>",
        "<p>Le paiement par TIPI, proposé de 2015 à 2021 pour la cantine, n'est plus disponible.</p>",
        "<p>Le télépaiement des loyers communaux, ouvert en 2016, a été supprimé lors du changement de logiciel.</p>",
        "<p>Marché public : dossier de consultation des entreprises à télécharger.</p>",
    ],
)
def test_denied_or_unrelated_mentions_are_not_online_payment(main: str) -> None:
    answers = run(main=main)
    assert answers["payment.online"]["status"] == "absent"
    assert answers["payment.payfip"]["status"] == "absent"


def test_a_news_link_announcing_payment_is_not_the_feature() -> None:
    answers = run(main='<a href="/actualites/paiement">Bientôt le paiement en ligne de la cantine !</a>')
    assert answers["payment.online"]["status"] == "absent"


@pytest.mark.parametrize("denial", [
    "Pour le moment, la Ville ne propose pas de paiement en ligne. Les factures se règlent par chèque ou en espèces.",
    "Le paiement en ligne n’est pas encore proposé : réglez vos factures au secrétariat ou chez le buraliste.",
])
def test_a_payment_menu_leading_to_a_page_without_online_payment_is_not_the_feature(denial: str) -> None:
    hub = PAGE.format(nav='<a href="/demarches/paiement">Payer une facture</a>',
                      main="<p>Tout ce que vous pouvez faire avec la Ville, en ligne ou au guichet.</p>", footer="",
                      title="Démarches")
    target = PAGE.format(nav="", main=f"<p>{denial}</p>", footer="", title="Payer une facture")
    answers = audit_pages([(HOME, hub), (HOME + "demarches/paiement", target)])
    assert answers["payment.online"]["status"] == "absent"


def test_a_payment_page_offering_payfip_still_counts() -> None:
    hub = PAGE.format(nav='<a href="/paiement">Payer une facture</a>', main="", footer="", title="Accueil")
    target = PAGE.format(nav="", main='<p>Réglez votre facture d’eau sur <a href="https://www.payfip.gouv.fr/">PayFiP</a>.'
                         "</p>", footer="", title="Payer une facture")
    answers = audit_pages([(HOME, hub), (HOME + "paiement", target)])
    assert answers["payment.payfip"]["status"] == "present"


def test_menu_link_repeated_on_many_pages_is_one_sighting() -> None:
    weak = '<p>Vous pouvez payer en ligne.</p>'
    pages = [(f"{HOME}p{i}", PAGE.format(nav="", main=weak, footer="", title="Page")) for i in range(6)]
    assert audit_pages(pages)["payment.online"]["status"] == "absent"


@pytest.mark.parametrize(
    ("main", "expected"),
    [
        ("<p>Réservez les repas et réglez la garderie directement sur votre "
         '<a href="https://ville-exemple.kiosque-famille.fr/">Kiosque Famille</a>.</p>', "present"),
        ('<li>Cantine, études et centre de loisirs : inscription et règlement via l’<a href="/espace-famille">Espace '
         "Famille</a></li>", "present"),
        ("<p>Les inscriptions et le paiement des prestations périscolaires s’effectuent depuis le portail des familles.</p>",
         "present"),
        ('<p>Inscriptions sur le <a href="https://exemple.portail-familles.net/">portail famille</a>, paiement par chèque '
         "en mairie.</p>", "absent"),
        ('<p>Le <a href="https://exemple.portail-familles.net/">portail famille</a> permet de consulter vos factures.</p>',
         "absent"),
        ('<p>Le paiement sur le <a href="https://exemple.portail-familles.net/">portail famille</a> n’est pas encore '
         "ouvert.</p>", "absent"),
        ('<p><a href="https://exemple.portail-familles.net/">Portail famille</a></p><p>Le règlement se fait à l’accueil '
         "de la mairie.</p>", "absent"),
    ],
)
def test_family_portal_described_with_payment(main: str, expected: str) -> None:
    online = run(main=main)["payment.online"]
    assert online["status"] == expected
    if expected == "present":
        assert online["value"] == ["family_portal"]
