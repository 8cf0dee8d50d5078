"""RSS / Atom feeds: declared in the head or linked, not sitemaps, others' feeds or mere mentions."""

from __future__ import annotations

import pytest

from tests.conftest import CORPUS, audit_pages

HOME = "https://www.ville-exemple.fr/"


def page(head: str = "", body: str = "") -> str:
    return f"<html lang='fr'><head><title>Mairie d'Exemple</title>{head}</head><body>{body}</body></html>"


@pytest.mark.parametrize(
    ("head", "body"),
    [
        ('<link rel="alternate" type="application/rss+xml" title="Actualités" href="/feed/">', ""),
        ('<link rel="alternate" type="application/atom+xml" href="https://www.ville-exemple.fr/atom.xml">', ""),
        ("", '<footer><a href="/actualites.rss">Flux RSS</a></footer>'),
        ("", '<footer><a href="/feed.xml">RSS</a></footer>'),
        ("", '<footer><a href="/spip.php?page=backend"><img src="rss.png" alt="Syndiquer le site"></a></footer>'),
        ("", '<footer><a href="/index.php?option=com_content&amp;format=feed&amp;type=rss">S\'abonner</a></footer>'),
        ("", '<nav><a href="/flux-rss">Nos flux RSS</a></nav>'),
        ("", '<main><a href="/agenda/feed/">Fil de l\'agenda</a></main>'),
        ("", '<footer><a href="https://feeds.feedburner.com/VilleExemple">Flux Atom</a></footer>'),
    ],
)
def test_feed_is_found(head: str, body: str) -> None:
    answer = audit_pages([(HOME, page(head, body))])["social.rss"]
    assert answer["status"] == "present"
    assert answer["evidence"][0]["url"] == HOME
    assert answer["confidence"] >= 0.6


@pytest.mark.parametrize(
    ("head", "body"),
    [
        ('<link rel="alternate" hreflang="en" href="/en/">', ""),
        ('<link rel="alternate" type="application/rss+xml" href="https://www.service-public.fr/rss/actualites.rss">', ""),
        ("", '<footer><a href="/sitemap.xml">Plan du site XML</a></footer>'),
        ("", '<main><p>Le site ne propose pas de flux RSS pour le moment.</p></main>'),
        ("", '<main><p>Abonnez-vous aux flux RSS de Service-Public.fr.</p>'
             '<a href="https://www.service-public.fr/P10003/rss">flux RSS de service-public</a></main>'),
        ("", '<main><a href="/bulletin.pdf">Bulletin municipal (RSS : réseau santé social)</a></main>'),
    ],
)
def test_no_feed(head: str, body: str) -> None:
    assert audit_pages([(HOME, page(head, body))])["social.rss"]["status"] == "absent"


def test_real_footer_feed_link() -> None:
    html = (CORPUS / "dashlord-actions" / "declaration-a11y" / "__test__" / "samples" / "fabrique.html").read_text("utf-8")
    answer = audit_pages([("https://fabrique.social.gouv.fr/", html)])["social.rss"]
    assert answer["status"] == "present"
    assert "feed.xml" in answer["evidence"][0]["excerpt"]
