"""site.technology: CMS and builders from the Wappalyzer dataset and the French table; libraries alone are not enough."""

import pytest

from audit.checks.framework.model import SiteFacts
from tests.conftest import audit_pages

HOME = "https://www.ville-exemple.fr/"


def _run(head: str = "", body: str = "", headers: dict[str, str] | None = None) -> dict:
    facts = SiteFacts(start_url=HOME, final_url=HOME, home_headers=headers or {})
    return audit_pages([(HOME, f"<html><head>{head}</head><body>{body}</body></html>")], facts)["site.technology"]


def _names(answer: dict) -> dict[str, dict]:
    return {t["name"]: t for t in answer["value"] or []}


@pytest.mark.parametrize("head, body, headers, name, version", [
    ('<meta name="generator" content="WordPress 6.4.2">', "", None, "WordPress", "6.4.2"),
    ('<link rel="stylesheet" href="/wp-content/themes/ville/style.css">'
     '<script src="/wp-includes/js/wp-embed.min.js"></script>', "", None, "WordPress", None),
    ('<meta name="Generator" content="Drupal 10 (https://www.drupal.org)">', "", None, "Drupal", "10"),
    ("", "", {"X-Generator": "Drupal 9 (https://www.drupal.org)"}, "Drupal", "9"),
    ('<meta name="generator" content="Joomla! - Open Source Content Management">', "", None, "Joomla", None),
    ('<meta name="generator" content="SPIP 4.2.8 [24466]">', "", None, "SPIP", "4.2.8 [24466]"),
    ('<meta name="generator" content="TYPO3 CMS">', "", None, "TYPO3 CMS", None),
    ('<meta name="generator" content="Wix.com Website Builder">', "", None, "Wix", None),
    ('<meta name="generator" content="e-monsite (e-monsite.com)">', "", None, "e-monsite", None),
    ("", '<footer><p>Réalisation : <a href="https://www.stratis.fr/">Stratis</a></p></footer>', None, "Stratis", None),
    ("", '<footer><a href="https://www.agence-exemple.fr">Site réalisé par Agence Exemple</a></footer>', None,
     "Agence Exemple", None),
])
def test_builder_is_present(head: str, body: str, headers: dict | None, name: str, version: str | None) -> None:
    answer = _run(head, body, headers)
    assert answer["status"] == "present"
    assert answer["evidence"]
    assert _names(answer)[name]["version"] == version


@pytest.mark.parametrize("head, body, name, version", [
    ('<meta name="generator" content="Hugo 0.121.1">', "", "Hugo", "0.121.1"),
    ('<meta name="generator" content="Jekyll v4.3.2">', "", "Jekyll", "4.3.2"),
    ('<meta name="generator" content="Territoires Connectés 3.2 - plateforme mutualisée">', "", "Territoires Connectés", "3.2"),
    ("", '<footer><a href="https://sites.google.com/new?usp=viewer_footer">Google Sites</a></footer>', "Google Sites", None),
    ("", '<footer><a href="https://fr.wix.com/about/privacy">Politique de confidentialité de Wix</a></footer>', "Wix", None),
])
def test_a_declared_generator_or_the_builders_own_link_names_the_tool(head: str, body: str, name: str,
                                                                      version: str | None) -> None:
    answer = _run(head, body)
    assert answer["status"] == "present"
    assert (_names(answer)[name]["version"] or None) == version


def test_implied_and_french_tools_are_listed() -> None:
    answer = _run(
        '<meta name="generator" content="WordPress 6.5"><link rel="stylesheet" href="/dist/dsfr.min.css">'
        '<script src="/tarteaucitron/tarteaucitron.js"></script>',
        '<a href="https://www.payfip.gouv.fr/tpa/paiement.web">Payer en ligne</a>',
    )
    names = _names(answer)
    assert {"WordPress", "PHP", "tarteaucitron.js", "PayFiP", "DSFR (Système de design de l'État)"} <= set(names)
    assert answer["value"][0]["name"] == "WordPress"  # the CMS comes first
    assert "CMS" in names["WordPress"]["categories"]


@pytest.mark.parametrize("head, body", [
    ('<script src="/js/jquery-3.7.1.min.js"></script><script src="https://www.googletagmanager.com/gtag/js?id=G-1"></script>', ""),
    ('<link rel="stylesheet" href="/dist/dsfr.min.css">', '<div class="fr-header">x</div>'),
    ("", '<footer><p>Hébergement : <a href="https://www.ovhcloud.com">OVH</a></p></footer>'),
    ("", '<footer><p>Crédits photos : <a href="https://photographe.fr">Jean Photo</a></p></footer>'),
    ("", '<main><article><p>WordPress et Drupal sont des CMS</p></article></main>'),
])
def test_libraries_and_mentions_are_not_a_cms(head: str, body: str) -> None:
    assert _run(head, body)["status"] == "absent"


def test_generator_on_an_inner_page_counts() -> None:
    facts = SiteFacts(start_url=HOME, final_url=HOME)
    answer = audit_pages([
        (HOME, "<html><body>Accueil</body></html>"),
        (HOME + "page", '<html><head><meta name="generator" content="Joomla! 4"></head><body></body></html>'),
    ], facts)["site.technology"]
    assert answer["status"] == "present"
    assert answer["evidence"][0]["url"] == HOME + "page"


@pytest.mark.parametrize("body, name, confidence", [
    # Known vendors named in the credit, with or without a link, in any credit wording.
    ('<footer><p class="credits">Conception et réalisation : Stratis</p></footer>', "Stratis", 0.8),
    ('<footer><p>Site internet réalisé par INOVAGORA</p></footer>', "Inovagora", 0.8),
    ('<div id="pied">Création – Neopse | Hébergement : OVH</div>', "Neopse", 0.8),
    ('<footer><small>Développé par <span>iMio</span></small></footer>', "iMio", 0.8),
    ('<footer><p>Hébergement : OVH — Conception graphique et développement : Kosmos</p></footer>', "Kosmos", 0.8),
    ('<footer><p>Ce site est propulsé par <b>Campagnol</b></p></footer>', "Campagnol", 0.8),
    # Unknown agencies: the credit wording before or in an outside link.
    ('<footer><p>Webdesign &amp; intégration : <a href="https://pixel-et-cie.fr">Pixel &amp; Cie</a></p></footer>',
     "Pixel & Cie", 0.65),
    ('<footer><a href="https://www.studio-brume.fr/">Conçu par Studio Brume</a></footer>', "Studio Brume", 0.65),
])
def test_builder_credit_names_the_maker(body: str, name: str, confidence: float) -> None:
    answer = _run("", body)
    assert answer["status"] == "present"
    assert name in _names(answer)
    assert answer["confidence"] == pytest.approx(confidence)


@pytest.mark.parametrize("body", [
    '<footer><p>Hébergement : <a href="https://www.o2switch.fr">o2switch</a></p></footer>',
    '<footer><p>Photos réalisées par <a href="https://studio-photo.fr">Studio Lumière</a></p></footer>',
    '<footer><p>Logo créé par <a href="https://graphiste.fr">Anne Graphiste</a></p></footer>',
    '<footer><p>Conception et réalisation : service communication de la mairie</p></footer>',  # no vendor, no link
    '<footer><a href="https://bpifrance-creation.fr">Aide à la création d’entreprise</a></footer>',
    '<footer><p>Webmaster : Paul Martin</p></footer>',
    '<main><p>La stratégie de réalisation du gymnase…</p><a href="https://exemple.org">Réalisation</a></main>',
])
def test_credits_that_name_no_maker(body: str) -> None:
    assert _run("", body)["status"] == "absent"


def test_credit_on_the_legal_notice_page() -> None:
    facts = SiteFacts(start_url=HOME, final_url=HOME)
    answer = audit_pages([
        (HOME, "<html><body>Accueil</body></html>"),
        (HOME + "mentions-legales", "<html><head><title>Mentions légales</title></head><body><main>"
         "<h1>Mentions légales</h1><h2>Réalisation</h2><p>Conception du site : <a href='https://www.agence-sud.fr'>"
         "Agence Sud</a></p></main></body></html>"),
    ], facts)["site.technology"]
    assert answer["status"] == "present"
    assert "Agence Sud" in _names(answer)
