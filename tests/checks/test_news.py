"""site.news: news sections, dated items counted once across pages, freshness against the crawl date."""

import pytest

from audit.checks.common.dates import find_dates, parse_date
from audit.checks.framework.model import SiteFacts
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


def _card(title: str, when: str, href: str | None = None, tag: str = "article") -> str:
    heading = f'<h3><a href="{href}">{title}</a></h3>' if href else f"<h3>{title}</h3>"
    return f'<{tag} class="bloc">{heading}{when}<p>Quelques lignes de présentation.</p></{tag}>'


@pytest.mark.parametrize("pages, latest, recent", [
    # A section named neither "Actualités" nor "Infos": repeated <article> cards, each a title and a <time>.
    ([(HOME, _html('<nav><a href="/ca-bouge">Ça bouge chez nous</a></nav>')),
      (HOME + "ca-bouge", _html('<main><h1>Ça bouge chez nous</h1>'
       + _card("Nouveau parking près de l’école", '<time datetime="2024-03-14">14 mars 2024</time>', "/ca-bouge/parking")
       + _card("Le marché passe au samedi", '<time datetime="2024-02-02">2 février 2024</time>', "/ca-bouge/marche")
       + '</main>', "<title>Ça bouge chez nous</title>"))], "2024-03-14", 2),
    # Home cards without links, dated "15.03.2024" in a small meta line, under an unnamed block.
    ([(HOME, _html('<main><div class="grille">'
       + _card("Ouverture de la maison médicale", '<p class="meta">Santé · 15.03.2024</p>', tag="div")
       + _card("Concours des maisons fleuries", '<p class="meta">Cadre de vie · 01.03.2024</p>', tag="div")
       + '</div></main>'))], "2024-03-15", 2),
    # Labels other than "Actualités" for a news section.
    ([(HOME, _html('<nav><a href="/informe">La commune vous informe</a></nav>'))], None, 0),
    ([(HOME, _html('<nav><a href="/fil">Le fil d’actu</a></nav>'))], None, 0),
    ([(HOME, _html('<footer><a href="/dernieres">Dernières publications</a></footer>'))], None, 0),
])
def test_news_recognised_by_structure_and_labels(pages: list, latest: str | None, recent: int) -> None:
    answer = _run(pages)
    assert answer["status"] == "present"
    assert answer["value"] == {"latest": latest, "recent_count": recent}


@pytest.mark.parametrize("body", [
    # Dated cards under an events heading, even past ones, are the agenda.
    '<main><h2>Vos rendez-vous</h2>' + _card("Thé dansant", "<time>2 mars 2024</time>")
    + _card("Bourse aux vêtements", "<time>9 mars 2024</time>") + "</main>",
    # Official papers listed as dated cards are not news.
    '<main><h1>Publications officielles</h1>' + _card("Arrêté de circulation rue Haute", "<p>Le 04/03/2024</p>")
    + _card("Délibération budget primitif", "<p>Le 27/02/2024</p>") + "</main>",
    # Cards only dated in the future are coming events.
    '<main>' + _card("Course cycliste du printemps", "<time>14 avril 2024</time>")
    + _card("Fête de la musique", "<time>21 juin 2024</time>") + "</main>",
    # Cards whose only date stands in their title or inside a sentence of their summary.
    '<main><div class="bloc"><h3>Fermeture de la poste le 2 mars 2024</h3><p>Voir le détail.</p></div>'
    '<div class="bloc"><h3>Travaux de la salle</h3><p>Les travaux ont commencé le 1er mars 2024 et dureront un mois.</p></div></main>',
    # Links to official publications and council papers are not a news section.
    '<nav><a href="/raa">Recueil des actes administratifs</a><a href="/po">Publications officielles</a></nav>',
])
def test_structure_traps(body: str) -> None:
    answer = _run([(HOME, _html(body))])
    assert answer["status"] == "absent"
    assert answer["value"]["latest"] is None


@pytest.mark.parametrize("pages, latest, recent", [
    # A future date in the title does not displace the card's publication date.
    ([(HOME, _html('<main><h2>Actualités</h2>'
       + _card("Fermeture de la piscine le 2 avril 2024", '<p class="meta">Sport · 15.03.2024</p>', "/actualites/piscine")
       + _card("Élagage des platanes", '<p class="meta">Travaux · 11.03.2024</p>', "/actualites/elagage")
       + '</main>'))], "2024-03-15", 2),
    # An article page: the date in its title and summary is the event's, the date line is its publication.
    ([(HOME, _html('<nav><a href="/actualites">Actualités</a></nav>')),
      (HOME + "actualites/marche-nocturne", _html(
          "<main><h1>Marché nocturne le 28 mars</h1><p>Le marché aura lieu le 28 mars 2024 sur la place, venez nombreux.</p>"
          "<p>Service communication – 09/03/2024</p><p>Texte.</p></main>"))], "2024-03-09", 1),
    # "Publié le" wins over a date in the summary on a listing card.
    ([(HOME + "actualites", _html('<main><h1>Actualités</h1><ul>'
       '<li><a href="/actualites/bus">Nouveaux horaires de bus dès le 1er avril 2024</a> Publié le 12/03/2024</li>'
       '<li><a href="/actualites/cantine">Menus de la cantine</a> Publié le 05/03/2024</li></ul></main>',
       "<title>Actualités</title>"))], "2024-03-12", 2),
])
def test_publication_date_not_title_date(pages: list, latest: str, recent: int) -> None:
    answer = _run([(HOME, _html("<p>x</p>")), *pages] if pages[0][0] != HOME else pages)
    assert answer["status"] == "present"
    assert answer["value"] == {"latest": latest, "recent_count": recent}


@pytest.mark.parametrize("pages, recent", [
    # The same items on the home page (other host form, trailing slash), the listing and their own pages.
    ([(HOME, _html('<main><h2>À la une</h2>'
       + _card("Repas des aînés", "<time>10 mars 2024</time>", "https://ville-exemple.fr/nouvelles/repas/")
       + _card("Collecte de sang", "<time>3 mars 2024</time>", "http://www.ville-exemple.fr/nouvelles/sang")
       + '</main>')),
      (HOME + "nouvelles", _html('<main><h1>Nouvelles</h1>'
       + _card("Repas des aînés", "<time>10 mars 2024</time>", "/nouvelles/repas")
       + _card("Collecte de sang", "<time>3 mars 2024</time>", "/nouvelles/sang") + "</main>", "<title>Nouvelles</title>")),
      (HOME + "nouvelles/repas", _html("<main><h1>Repas des aînés !</h1><p>Publié le 10/03/2024</p></main>"))], 2),
    # Cards without their own page repeated on two pages, punctuation aside, are the same items.
    ([(HOME, _html('<main><h2>Infos de la mairie</h2><div>'
       + _card("Fermeture estivale : l’accueil", "<time>12 mars 2024</time>", tag="div")
       + _card("Inscriptions à la cantine", "<time>8 mars 2024</time>", tag="div") + '</div></main>')),
      (HOME + "infos", _html('<main><h1>Infos de la mairie</h1>'
       + _card("Fermeture estivale – l'accueil", "<time>12 mars 2024</time>")
       + _card("Inscriptions a la cantine", "<time>8 mars 2024</time>") + "</main>", "<title>Infos de la mairie</title>"))], 2),
    # Two items of the same title weeks apart are two items.
    ([(HOME, _html('<main><h2>Actualités</h2>'
       + _card("Menus de la cantine", "<time>11 mars 2024</time>", "/actualites/menus-mars")
       + _card("Menus de la cantine", "<time>12 février 2024</time>", "/actualites/menus-fevrier") + '</main>'))], 2),
])
def test_items_counted_once_across_pages(pages: list, recent: int) -> None:
    answer = _run(pages)
    assert answer["status"] == "present"
    assert answer["value"]["recent_count"] == recent
