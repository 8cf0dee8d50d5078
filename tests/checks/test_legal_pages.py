"""Legal notice and personal-data policy: link wordings, page titles, legal-notice sections and traps."""

from __future__ import annotations

import pytest

from tests.conftest import audit_pages

HOME = "https://www.mairie-exemple.fr/"


def page(title: str = "Accueil", main: str = "<p>Bienvenue</p>", footer: str = "") -> str:
    return (
        f"<html lang='fr'><head><title>{title}</title></head><body><header><nav><a href='/agenda'>Agenda</a></nav>"
        f"</header><main>{main}</main><footer>{footer}</footer></body></html>"
    )


@pytest.mark.parametrize(("footer", "target"), [
    ("<a href='/mentions-legales'>Mentions légales</a>", "mentions-legales"),
    ("<a href='/infos'>MENTIONS LEGALES</a>", "infos"),
    ("<a href='/informations-legales'>Informations légales</a>", "informations-legales"),
    ("<a href='/credits'>Mentions légales et crédits</a>", "credits"),
    ("<a href='/page/12'>Crédits &amp; mentions légales</a>", "page/12"),
    ("<a href='/mentions-legales' title='Mentions légales'><img src='/i.png' alt=''></a>", "mentions-legales"),
])
def test_legal_notice_links(footer: str, target: str) -> None:
    answer = audit_pages([(HOME, page(footer=footer))])["site.legal_notice"]
    assert answer["status"] == "present"
    assert answer["value"] == HOME + target


@pytest.mark.parametrize("footer", [
    "<a href='[url - à modifier]'>Mentions légales</a>",
    "<a href='#'>Mentions légales</a>",
    "<span>Mentions légales</span>",
    "<a href='/cgu'>Conditions générales d'utilisation</a>",
])
def test_legal_notice_traps(footer: str) -> None:
    assert audit_pages([(HOME, page(footer=footer))])["site.legal_notice"]["status"] == "absent"


def test_legal_notice_page_title() -> None:
    url = HOME + "la-mairie/mentions"
    criteria = audit_pages([(HOME, page()), (url, page("Mentions légales - Mairie", "<h1>Mentions légales</h1>"))])
    assert criteria["site.legal_notice"]["status"] == "present"
    assert criteria["site.legal_notice"]["value"] == url


@pytest.mark.parametrize(("footer", "target"), [
    ("<a href='/donnees-personnelles'>Données personnelles</a>", "donnees-personnelles"),
    ("<a href='/confidentialite'>Politique de confidentialité</a>", "confidentialite"),
    ("<a href='/rgpd'>RGPD</a>", "rgpd"),
    ("<a href='/vie-privee'>Vie privée</a>", "vie-privee"),
    ("<a href='/page-5'>Protection des données</a>", "page-5"),
    ("<a href='/suivi'>Données personnelles et cookies</a>", "suivi"),
    ("<a href='/charte'>Charte de protection des données à caractère personnel</a>", "charte"),
])
def test_privacy_links(footer: str, target: str) -> None:
    answer = audit_pages([(HOME, page(footer=footer))])["site.privacy"]
    assert answer["status"] == "present"
    assert answer["value"] == HOME + target


@pytest.mark.parametrize(("footer", "main"), [
    ("<a href='/cookies'>Gestion des cookies</a>", ""),
    ("<a href='/cookies'>Cookies</a><a href='/cgu'>CGU</a>", ""),
    ("<a href='[url - à modifier]'>Données personnelles</a>", ""),
    # The site builder's own policy, in the footer it adds to every site it hosts.
    ("<a href='https://fr.wix.com/about/privacy'>Politique de confidentialité de Wix</a>", ""),
    ("<a href='https://www.jimdo.com/fr/info/confidentialite/'>Confidentialité</a>", ""),
    # A news headline in the content is not the site's policy.
    ("", "<a href='/actu/rgpd-associations'>RGPD : ce qui change pour les associations sportives de la commune "
         "à partir de la rentrée</a>"),
    ("", "<p>Vos données personnelles sont traitées conformément au RGPD.</p>"),
])
def test_privacy_traps(footer: str, main: str) -> None:
    assert audit_pages([(HOME, page(main=main or "<p>x</p>", footer=footer))])["site.privacy"]["status"] == "absent"


@pytest.mark.parametrize("heading", [
    "Protection des données personnelles", "Données personnelles", "3. Traitement des données personnelles",
    "Politique de confidentialité",
])
def test_privacy_section_of_legal_notice(heading: str) -> None:
    url = HOME + "mentions-legales"
    main = f"<h1>Mentions légales</h1><h2>Éditeur</h2><p>Mairie</p><h2>{heading}</h2><p>Les données…</p>"
    criteria = audit_pages([(HOME, page()), (url, page("Mentions légales", main))])
    assert criteria["site.privacy"]["status"] == "present"
    assert criteria["site.privacy"]["value"] == url


def test_privacy_heading_outside_legal_notice_is_not_a_policy() -> None:
    main = "<h1>Cybersécurité : les bons réflexes</h1><h2>Protégez vos données personnelles</h2><p>…</p>"
    criteria = audit_pages([(HOME, page()), (HOME + "actu", page("Actualité", main))])
    assert criteria["site.privacy"]["status"] == "absent"


@pytest.mark.parametrize("main, footer", [
    # A one-page site: the legal notice is a section of the page, at any heading level.
    ("<section id='infos'><h2>Mentions légales</h2><p>Directeur de la publication : le maire, M. Durand.</p>"
     "<p>Hébergeur : OVH SAS, 2 rue Kellermann, 59100 Roubaix.</p></section>", ""),
    ("", "<h3>Informations légales</h3><p>Site édité par la commune de Saint-Exemple (SIRET 213 400 000 00012).</p>"
     "<p>Hébergé par Netlify.</p>"),
    ("<div class='bloc'><div class='titre'><h4>MENTIONS LEGALES</h4></div></div>"
     "<div class='texte'><p>Éditeur du site : mairie de Villebois</p><p>Hébergement : o2switch</p></div>", ""),
    ("<p><strong>Mentions légales</strong></p><p>Responsable de publication : Mme la maire.</p>"
     "<p>Site hébergé par Gandi SAS.</p>", ""),
    ("", "<div><b>Mentions légales</b><br>Édité par la mairie<br>Hébergeur : Infomaniak</div>"),
])
def test_legal_notice_section(main: str, footer: str) -> None:
    answer = audit_pages([(HOME, page(main=main, footer=footer))])["site.legal_notice"]
    assert answer["status"] == "present"
    assert answer["evidence"][0]["locator"]


@pytest.mark.parametrize("main", [
    "<h2>Mentions légales</h2><p>[À MODIFIER]</p>",  # a template placeholder
    "<h2>Mentions légales</h2><p>Page en construction.</p><h2>Hébergement des randonneurs</h2><p>Gîte d’étape</p>",
    "<h2>Nos partenaires</h2><p>Directeur de la publication : le maire. Hébergement : OVH.</p>",  # no heading
    "<p>Les mentions légales du site sont disponibles en mairie ; l'hébergeur est OVH.</p>",  # a sentence
])
def test_legal_notice_section_traps(main: str) -> None:
    assert audit_pages([(HOME, page(main=main))])["site.legal_notice"]["status"] == "absent"
