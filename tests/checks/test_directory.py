"""site.directory: a directory of associations, services or facilities (link, titled page, list page)."""

from __future__ import annotations

import pytest

from tests.conftest import audit_pages

HOME = "https://www.ville-exemple.fr/"
ROWS = "".join(f"<tr><td>Association {i}</td><td>0{i} 12 34 56 78</td></tr>" for i in range(1, 7))


def page(body: str, title: str = "Accueil - Ville d'Exemple") -> str:
    return f"<html lang='fr'><head><title>{title}</title></head><body>{body}</body></html>"


@pytest.mark.parametrize(
    "body",
    [
        "<nav><a href='/annuaire-des-associations'>Annuaire des associations</a></nav>",
        "<nav><a href='/assos'>Guide des associations</a></nav>",
        "<footer><a href='/annuaire'>ANNUAIRE</a></footer>",
        "<nav><a href='/services'>Annuaire des services municipaux</a></nav>",
        "<nav><a href='/equipements'>Liste des équipements</a></nav>",
        "<main><a href='/recherche-asso'>Trouver une association</a></main>",
        "<nav><a href='/repertoire'>Répertoire des associations</a></nav>",
    ],
)
def test_directory_link(body: str) -> None:
    answer = audit_pages([(HOME, page(body))])["site.directory"]
    assert answer["status"] == "present"
    assert answer["evidence"][0]["locator"]


@pytest.mark.parametrize(
    ("title", "body"),
    [
        ("Annuaire des associations - Ville", "<h1>Annuaire des associations</h1>"),
        ("Vie locale - Ville", f"<main><h1>Vie locale</h1><h2>Annuaire des associations</h2><table>{ROWS}</table></main>"),
        ("Les associations | Ville", f"<main><h1>Les associations</h1><table>{ROWS}</table></main>"),
        ("Équipements sportifs - Ville", "<main><h1>Équipements sportifs</h1><ul>"
         + "".join(f"<li>Salle {i}</li>" for i in range(6)) + "</ul></main>"),
    ],
)
def test_directory_page(title: str, body: str) -> None:
    pages = [(HOME, page("<p>Bienvenue</p>")), (HOME + "page", page(body, title))]
    answer = audit_pages(pages)["site.directory"]
    assert answer["status"] == "present"
    assert answer["evidence"][0]["url"] == HOME + "page"


@pytest.mark.parametrize(
    "body",
    [
        "<footer><a href='https://lannuaire.service-public.fr/'>Annuaire de l'administration</a></footer>",
        "<nav><a href='/elus'>Annuaire des élus</a></nav>",
        "<main><a href='/actu/forum'>Forum des associations le 7 septembre</a></main>",
        "<nav><a href='/associations'>Associations</a></nav>",  # a menu entry alone
        "<p>Consultez l'annuaire des associations en mairie.</p>",  # text, no link
        "<nav><a href='#'>Annuaire</a></nav>",
    ],
)
def test_no_directory(body: str) -> None:
    assert audit_pages([(HOME, page(body))])["site.directory"]["status"] == "absent"


def test_section_page_without_list_is_no_directory() -> None:
    body = ("<nav class='breadcrumb'><ol><li>Accueil</li><li>Vie locale</li><li>Associations</li></ol></nav>"
            "<main><h1>Associations</h1><p>La commune soutient la vie associative.</p></main>")
    pages = [(HOME, page("<nav><a href='/associations'>Associations</a></nav>")), (HOME + "associations", page(body, "Associations"))]
    assert audit_pages(pages)["site.directory"]["status"] == "absent"


@pytest.mark.parametrize(
    ("title", "body"),
    [
        # A table of four clubs (name / activity / contact), the h1 naming the town.
        ("Villemoustier : Associations", "<div id='contenu'><h1>Les associations de Villemoustier</h1><table>"
         "<tr><th>Nom</th><th>Activité</th><th>Contact</th></tr>"
         "<tr><td>Amicale laïque</td><td>Loisirs</td><td>02 41 00 00 01</td></tr>"
         "<tr><td>Tennis club</td><td>Tennis</td><td>tc.villemoustier@laposte.net</td></tr>"
         "<tr><td>Les Joyeux Marcheurs</td><td>Marche</td><td><a href='https://marcheurs.example.org/'>Site</a></td>"
         "</tr></table></div>"),
        # Three list items with their phone numbers, under "Vie associative".
        ("Vie associative - Montbrison-le-Haut", "<h1>Vie associative</h1><ul>"
         "<li>Société de pêche « La Truite » – M. Lebrun, 06 11 22 33 44</li>"
         "<li>Gymnastique volontaire – 06 55 66 77 88</li><li>Club du 3e âge – 04 77 00 00 02</li></ul>"),
        # Cards: a heading per facility with its contact.
        ("Nos équipements sportifs | Ville", "<main><h1>Nos équipements sportifs</h1>"
         "<h3>Gymnase Jean-Moulin</h3><p>Rue des Sports</p><p>Tél. 03 80 00 00 01</p>"
         "<h3>Stade municipal</h3><p>Route de Dijon – 03 80 00 00 02</p>"
         "<h3>Piscine intercommunale</h3><p><a href='mailto:piscine@cc-exemple.fr'>Écrire</a></p></main>"),
        # An old layout: a bold line titles the page, the table lists the clubs.
        ("Bienvenue à Roquebrune", "<table><tr><td><p><b><font size='4'>Répertoire des associations</font></b></p>"
         "<table><tr><td>Comité des fêtes</td><td>Mme Dupuy</td></tr></table></td></tr></table>"),
        # Definition list of services with their e-mails.
        ("Les services municipaux - Ville", "<h1>Les services municipaux</h1><dl>"
         "<dt>État civil</dt><dd>etat-civil@ville.fr</dd><dt>Urbanisme</dt><dd>urbanisme@ville.fr</dd>"
         "<dt>Services techniques</dt><dd>st@ville.fr</dd></dl>"),
    ],
)
def test_directory_list_pages_with_few_entries(title: str, body: str) -> None:
    pages = [(HOME, page("<p>Bienvenue</p>")), (HOME + "page", page(body, title))]
    answer = audit_pages(pages)["site.directory"]
    assert answer["status"] == "present"
    assert answer["evidence"][0]["url"] == HOME + "page"


@pytest.mark.parametrize(
    ("title", "body"),
    [
        # Three news items about associations: internal links, no contacts.
        ("Vie associative - Ville", "<h1>Vie associative</h1><ul><li><a href='/actu/forum'>Forum le 7 septembre</a></li>"
         "<li><a href='/actu/subventions'>Subventions 2024</a></li><li><a href='/actu/salle'>Prêt de salle</a></li></ul>"),
        # A subsidies page with the town hall's own contact only.
        ("Associations : demande de subvention", "<h1>Associations : demande de subvention</h1>"
         "<p>Dossier à déposer avant le 31 mars.</p><p>Mairie : 02 41 00 00 00</p>"),
        # Three contacts, but the page is not about associations, services or facilities.
        ("Conseil municipal - Ville", "<h1>Le conseil municipal</h1><ul><li>Le maire – 06 00 00 00 01</li>"
         "<li>1er adjoint – 06 00 00 00 02</li><li>2e adjoint – 06 00 00 00 03</li></ul>"),
        # A bold line naming associations in an article is not a directory title.
        ("Fête du village", "<h1>Fête du village</h1><p><b>Merci aux associations</b></p><p>Texte</p>"),
    ],
)
def test_section_pages_that_are_no_directory(title: str, body: str) -> None:
    pages = [(HOME, page("<p>Bienvenue</p>")), (HOME + "page", page(body, title))]
    assert audit_pages(pages)["site.directory"]["status"] == "absent"


@pytest.mark.parametrize(
    "body",
    [
        # One-page site: a "Vie du village" section with an h3 over a list of clubs and their contacts.
        "<main><section id='village'><h2>Vie du village</h2><h3>Nos associations</h3><ul>"
        "<li>Amicale des pompiers – 06 12 34 56 78</li><li>Foyer rural – foyer.rural@free.fr</li>"
        "<li>Gym douce – Mme Petit, 07 81 00 00 00</li></ul><h3>Marché</h3><p>Le jeudi matin.</p></section></main>",
        # Flat layout: cards per club under an h2, each with a website or an e-mail.
        "<div id='contenu'><h2>Les clubs sportifs</h2>"
        "<div class='club'><h4>Judo club</h4><a href='https://judo-exemple.org/'>Site du club</a></div>"
        "<div class='club'><h4>Football</h4><p>Contact : 03 85 00 00 01</p></div>"
        "<div class='club'><h4>Pétanque</h4><p><a href='mailto:petanque@exemple.fr'>Écrire</a></p></div>"
        "<h2>Horaires de la mairie</h2><p>Lundi 9h-12h</p></div>",
        # Facilities in a table under a heading wrapped in its own block.
        "<main><div class='titre'><h2>Salles municipales</h2></div><table>"
        "<tr><td>Salle des fêtes</td><td>04 73 00 00 01</td></tr><tr><td>Salle du Prieuré</td><td>04 73 00 00 02</td></tr>"
        "<tr><td>Maison des jeunes</td><td>04 73 00 00 03</td></tr></table></main>",
        # Old layout: a bold paragraph titles the section, paragraphs give the entries.
        "<td><p><b>Associations de la commune</b></p><p>Chorale « Les Voix du Lot » : 05 65 00 00 01</p>"
        "<p>ACCA (chasse) : 05 65 00 00 02</p><p>Club de l’amitié : 05 65 00 00 03</p></td>",
    ],
)
def test_directory_in_a_section_of_a_page(body: str) -> None:
    answer = audit_pages([(HOME, page(body))])["site.directory"]
    assert answer["status"] == "present"
    assert answer["evidence"][0]["url"] == HOME


@pytest.mark.parametrize(
    "body",
    [
        # The directory is announced, not there.
        "<main><h2>Associations</h2><p>L’annuaire des associations sera bientôt en ligne. "
        "Renseignements en mairie au 05 55 00 00 00.</p></main>",
        # Names without any contact.
        "<main><h2>Les associations</h2><ul><li>Comité des fêtes</li><li>Club des aînés</li><li>Tennis</li></ul></main>",
        # The contacts belong to the next section (elected officials), not to the associations.
        "<main><h2>Associations</h2><p>Plus de vingt associations animent la commune.</p>"
        "<h2>Vos élus</h2><ul><li>Maire – 06 00 00 00 01</li><li>Adjoint – 06 00 00 00 02</li>"
        "<li>Adjointe – 06 00 00 00 03</li></ul></main>",
        # A "Services" heading in the footer, over the usual contacts of the town.
        "<footer><h3>Services</h3><ul><li>Mairie 05 00 00 00 01</li><li>Poste 05 00 00 00 02</li>"
        "<li>École 05 00 00 00 03</li></ul></footer>",
    ],
)
def test_sections_that_are_no_directory(body: str) -> None:
    assert audit_pages([(HOME, page(body))])["site.directory"]["status"] == "absent"
