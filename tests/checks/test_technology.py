"""site.technology: CMS and builders from the Wappalyzer dataset and the French table; libraries alone are not enough."""

import pytest

from audit.model import SiteFacts
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
     "Site réalisé par Agence Exemple", None),
])
def test_builder_is_present(head: str, body: str, headers: dict | None, name: str, version: str | None) -> None:
    answer = _run(head, body, headers)
    assert answer["status"] == "present"
    assert answer["evidence"]
    assert _names(answer)[name]["version"] == version


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
