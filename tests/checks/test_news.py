"""site.news: news sections, dated items counted once across pages, freshness against the crawl date."""

import pytest

from audit.checks._dates import find_dates, parse_date
from audit.model import SiteFacts
from tests.conftest import audit_pages

HOME = "https://www.ville-exemple.fr/"
CRAWLED = "2024-03-20T10:00:00+00:00"


def _run(pages: list[tuple[str, str]], crawled: str = CRAWLED) -> dict:
    return audit_pages(pages, SiteFacts(start_url=HOME, final_url=HOME, crawled_at=crawled))["site.news"]


def _html(body: str, head: str = "") -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


@pytest.mark.parametrize("text, iso", [
    ("12 mars 2024", "2024-03-12"),
    ("mardi 12 mars 2024", "2024-03-12"),
    ("Publié le 1er février 2024", "2024-02-01"),
    ("12 SEPT. 2023", "2023-09-12"),
    ("12/03/2024", "2024-03-12"),
    ("Publié le 12.03.2024", "2024-03-12"),
    ("12-03-24", "2024-03-12"),
    ("05 FÉV", "--02-05"),
    ("2024-03-12T08:00:00+01:00", "2024-03-12"),
])
def test_french_dates(text: str, iso: str) -> None:
    assert parse_date(text).iso() == iso


@pytest.mark.parametrize("text", ["31/02/2024", "tel 01 23 45 67 89", "version 2.10.1", "marsupial 2024"])
def test_not_dates(text: str) -> None:
    assert find_dates(text.lower()) == []


HOME_PAGE = _html(
    '<nav><a href="/actualites">Actualités</a><a href="/agenda">Agenda</a></nav><main>'
    '<section><h2>À la une</h2>'
    '<div class="card"><a href="/actualites/travaux"><img alt=""></a><h3><a href="/actualites/travaux">Travaux rue Pasteur</a></h3>'
    '<span class="date">12 mars 2024</span></div>'
    '<div class="card"><h3><a href="/vie-locale/fete-village">Fête du village</a></h3><p><span>05</span><span>FÉV</span></p></div>'
    '<div class="card"><h3><a href="/actualites/vieux">Ancien</a></h3><time datetime="2023-01-10">10 janvier 2023</time></div>'
    '</section><section><h2>Agenda</h2><div><a href="/agenda/concert">Concert</a> <span>20 avril 2024</span></div></section>'
    '</main>'
)
LISTING = _html(
    '<main><h1>Toute l’actualité</h1><ul>'
    '<li><a href="/actualites/travaux">Travaux rue Pasteur</a> Publié le 12/03/2024</li>'
    '<li><a href="/actualites/conseil">Conseil municipal</a> Publié le 01/03/2024</li>'
    '<li><a href="/actualites/brocante">Brocante de juin</a> 01/06/2024</li>'
    '</ul></main>', "<title>Actualités - Ville</title>"
)
ARTICLE = _html(
    "<h1>Travaux rue Pasteur</h1><p>Texte</p>",
    '<title>Travaux</title><meta property="article:published_time" content="2024-03-11T10:00:00+01:00">',
)


def test_items_are_counted_once_and_future_dates_ignored() -> None:
    answer = _run([(HOME, HOME_PAGE), (HOME + "actualites", LISTING), (HOME + "actualites/travaux", ARTICLE)])
    assert answer["status"] == "present"
    # travaux (article date wins), fête (year inferred), conseil; the old one is outside 90 days, the
    # June "brocante" and the April concert are in the future, the agenda item is not news.
    assert answer["value"] == {"latest": "2024-03-11", "recent_count": 3}
    assert any(e["excerpt"].startswith("Actualités") for e in answer["evidence"])


@pytest.mark.parametrize("pages, latest, recent", [
    ([(HOME, _html('<nav><a href="/infos">Infos municipales</a></nav>'))], None, 0),
    ([(HOME, _html('<nav><a href="/actus">Actus</a></nav>')), (HOME + "actus/rentree",
      _html('<main><h1>La rentrée</h1><p class="meta">Publié le 4 mars 2024 par la mairie</p><p>Texte</p></main>'))],
     "2024-03-04", 1),
    ([(HOME, _html('<p>x</p>')), (HOME + "quoi-de-neuf", _html(
        '<main><h1>Quoi de neuf ?</h1><article><h2><a href="/p/1">Un</a></h2><time datetime="2024-02-01">1/02</time></article>'
        '<article><h2><a href="/p/2">Deux</a></h2><time datetime="2023-10-01">1/10</time></article></main>'))],
     "2024-02-01", 1),
    ([(HOME, _html('<p>x</p>')), (HOME + "blog/post", _html(
        '<h1>Un</h1>', '<script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2024-03-01"}</script>'))],
     "2024-03-01", 1),
])
def test_news_variants(pages: list, latest: str | None, recent: int) -> None:
    answer = _run(pages)
    assert answer["status"] == "present"
    assert answer["value"] == {"latest": latest, "recent_count": recent}


@pytest.mark.parametrize("body", [
    '<nav><a href="/newsletter">Newsletter</a><a href="/lettre">Lettre d’information</a></nav>',
    '<main><p>Les actualités du monde : 12 mars 2024</p></main>',
    '<nav><a href="/agenda">Agenda</a></nav><main><div><a href="/agenda/concert">Concert</a> 12 mars 2024</div></main>',
    '<nav><a href="/infos-pratiques">Infos pratiques</a></nav>',
])
def test_not_news(body: str) -> None:
    answer = _run([(HOME, _html(body))])
    assert answer["status"] == "absent"
    assert answer["value"]["latest"] is None


@pytest.mark.parametrize("body, latest, recent", [
    # Dated paragraphs of an old hand-made site, the date in bold before the title.
    ("<td><h1><font>Les nouvelles</font></h1>"
     "<p><b>10/03/2024</b> - Nettoyage de printemps : rendez-vous sur la place.</p>"
     "<p><font size='2'><b>02/02/2024</b> – Le repas des anciens a réuni 80 convives.</font></p>"
     "<p><b>15/11/2023</b> - Remise des prix du fleurissement.</p></td>"
     "<td class='pied'>Site mis à jour le 12/03/2024</td>", "2024-03-10", 2),
    # A table of dated news, date cell then title cell; "Le 5 mars 2024 :" as a lead.
    ("<h1>Actualités communales</h1><table>"
     "<tr><td>5 mars 2024</td><td>Fermeture exceptionnelle de l’agence postale</td></tr>"
     "<tr><td>Le 1er mars 2024 :</td><td>Ouverture des inscriptions scolaires</td></tr>"
     "<tr><td>28.10.2023</td><td>Collecte des sapins de Noël</td></tr></table>", "2024-03-05", 2),
    # Definition list: the date alone, the title on the next line.
    ("<h1>Infos de la commune</h1><dl><dt>14 février 2024</dt><dd>Coupure d’eau route de Lyon</dd>"
     "<dt>20 janvier 2024</dt><dd>Cérémonie des vœux à la salle des fêtes</dd></dl>", "2024-02-14", 2),
])
def test_news_lines_without_item_pages(body: str, latest: str, recent: int) -> None:
    page = _html(f"<table><tr>{body}</tr></table>" if body.startswith("<td") else body,
                 "<title>Actualités</title>")
    answer = _run([(HOME, _html('<a href="actus.htm">Actualités</a>')), (HOME + "actus.htm", page)])
    assert answer["status"] == "present"
    assert answer["value"] == {"latest": latest, "recent_count": recent}


@pytest.mark.parametrize("body", [
    # A date alone (a card's date line) and an update notice are not news items.
    "<h1>Actualités</h1><p>12/03/2024</p><p>Dernière mise à jour : 12/03/2024</p>",
    # A news line without its year is not dated news.
    "<h1>Actualités</h1><p>14 mars : ramassage des encombrants dans le bourg</p>",
    # Dated lines in the footer.
    "<h1>Actualités</h1><footer><p>12/03/2024 - Mentions légales du site de la commune</p></footer>",
])
def test_news_lines_traps(body: str) -> None:
    answer = _run([(HOME, _html("<p>x</p>")), (HOME + "actualites", _html(body, "<title>Actualités</title>"))])
    assert answer["value"]["latest"] is None


@pytest.mark.parametrize("body, latest, recent", [
    # One-page site: a bare "Infos" section, each item a date element above its heading; a title
    # may itself mention a date.
    ('<nav><a href="#infos">Infos</a><a href="#agenda">Agenda</a></nav><main>'
     '<section id="infos"><h2>Infos</h2>'
     '<div class="item"><p class="date">8 mars 2024</p><h3>Fermeture du secrétariat le 15 mars</h3><p>Texte.</p></div>'
     '<div class="item"><p class="date">19 février 2024</p><h3>Élagage chemin des Saules</h3><p>Texte.</p></div>'
     '<div class="item"><p class="date">3 octobre 2023</p><h3>Repas des aînés</h3><p>Texte.</p></div>'
     '</section><section id="agenda"><h2>À venir</h2><p class="date">2 mars 2024</p><h3>Loto de l’école</h3>'
     '</section></main>', "2024-03-08", 2),
    # Flat layout: "Quoi de neuf ?" and the agenda under one parent, dates in spans before bold titles.
    ('<div id="content"><h2>Quoi de neuf ?</h2>'
     '<p><span class="meta">14/03/2024</span> <strong>Nouveaux horaires de la déchetterie</strong></p>'
     '<p><span class="meta">01/03/2024</span> <strong>Inscriptions au centre de loisirs</strong></p>'
     '<h2>Agenda</h2><p>10/03/2024 Concert de la chorale à l’église</p></div>', "2024-03-14", 2),
    # Sidebar "Dernières nouvelles" with the date under each title.
    ('<main><p>Bienvenue</p></main><aside><h3>Dernières nouvelles</h3>'
     '<h4>Travaux de voirie route de Brive</h4><p class="published">Le 11.03.2024</p>'
     '<h4>Recensement de la population</h4><p class="published">Le 22.01.2024</p></aside>', "2024-03-11", 2),
])
def test_dated_items_in_a_home_section(body: str, latest: str, recent: int) -> None:
    answer = _run([(HOME, _html(body))])
    assert answer["status"] == "present"
    assert answer["value"] == {"latest": latest, "recent_count": recent}


@pytest.mark.parametrize("body", [
    # Dated items under an events heading are the agenda, not news (even past ones).
    '<main><section><h2>Prochaines manifestations</h2><p class="date">2 mars 2024</p><h3>Loto</h3>'
    '<p class="date">9 mars 2024</p><h3>Carnaval des écoles</h3></section></main>',
    # Council minutes dated under their own heading are documents, not news.
    '<main><h2>Comptes rendus</h2><p>12/03/2024</p><p>Séance du conseil municipal</p>'
    '<p>02/02/2024</p><p>Séance du conseil municipal</p></main>',
    # A bare "Infos" section without dated items.
    '<main><section><h2>Infos</h2><p>La mairie est ouverte le mardi.</p><p>Tél. 05 55 00 00 00</p></section></main>',
    # An "Informations" section whose date is only a page-update notice.
    '<main><section><h2>Informations</h2><p>12/03/2024</p><p>Dernière mise à jour de cette page</p>'
    '<p>Horaires d’été de la mairie</p></section></main>',
])
def test_dated_items_traps(body: str) -> None:
    answer = _run([(HOME, _html(body))])
    assert answer["status"] == "absent"
    assert answer["value"]["latest"] is None
