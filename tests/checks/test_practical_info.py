"""site.practical_info: address + phone + hours, in a footer or on a contact page; all three needed."""

import pytest

from tests.conftest import audit_pages

HOME = "https://www.ville-exemple.fr/"
ADDRESS = "Mairie de Trifouilly<br>1 place de l’Église<br>12345 Trifouilly-les-Oies"
PHONE = "Tél. : 01 23 45 67 89"
HOURS = "Horaires : du lundi au vendredi de 8h30 à 12h00 et de 13h30 à 17h"


def _run(pages: list[tuple[str, str]]) -> dict:
    return audit_pages(pages)["site.practical_info"]


@pytest.mark.parametrize("footer, expected", [
    (f"<p>{ADDRESS}</p><p>{PHONE}</p><p>{HOURS}</p>", {"phone": "01 23 45 67 89"}),
    ("<address>12, rue de la République - 34000 MONTPELLIER</address><p>04.67.00.00.00</p>"
     "<p>Lundi : 8h30 - 12h00 / Mardi au vendredi : 8h30-12h et 14h-17h30</p>", {"phone": "04.67.00.00.00"}),
    ("<p>Hôtel de Ville, Place Charles de Gaulle, BP 12, 59000 Lille Cedex</p><p>+33 (0)3 20 49 50 00</p>"
     "<p>Ouvert du lundi au samedi, 9 h - 12 h</p>", {"phone": "+33 (0)3 20 49 50 00"}),
    ("<p>Le Bourg 23000 Guéret</p><p>0555000000</p><p>Accueil du public : 9h-12h, les mardis et jeudis</p>",
     {"phone": "0555000000"}),
    ("<p>Mairie de Villeneuve, 23160 Villeneuve</p><p>Portable du maire : 06 12 34 56 78</p>"
     "<table><tr><th>Lundi</th><td>8h30</td><td>12h00</td></tr></table>", {"phone": "06 12 34 56 78"}),
])
def test_footer_details_are_present(footer: str, expected: dict) -> None:
    html = f"<html><body><main><p>Bienvenue</p></main><footer>{footer}</footer></body></html>"
    answer = _run([(HOME, html), (HOME + "vie-locale", html)])
    assert answer["status"] == "present"
    assert answer["value"]["phone"] == expected["phone"]
    assert answer["value"]["address"] and answer["value"]["hours"]
    assert len(answer["evidence"]) == 3


def test_contact_page_gives_the_details() -> None:
    contact = (
        "<html><head><title>Contact - Mairie</title></head><body><h1>Nous contacter</h1>"
        f"<p>{ADDRESS}</p><p>{PHONE}</p><table><tr><td>Lundi</td><td>8h30 - 12h00</td></tr></table></body></html>"
    )
    answer = _run([(HOME, "<html><body><p>Accueil</p></body></html>"), (HOME + "contact", contact)])
    assert answer["status"] == "present"
    assert answer["evidence"][0]["url"].endswith("/contact")


@pytest.mark.parametrize("footer", [
    f"<p>{ADDRESS}</p><p>{PHONE}</p>",  # no hours
    f"<p>{ADDRESS}</p><p>{HOURS}</p>",  # no phone
    f"<p>{PHONE}</p><p>{HOURS}</p>",  # no address
    f"<p>{ADDRESS}</p><p>Fax : 01 23 45 67 90</p><p>{HOURS}</p>",  # a fax is not a phone
    f"<p>{ADDRESS}</p><p>{PHONE}</p><p>Conseil municipal lundi 12 mars à 20h</p>",  # a meeting is not hours
    f"<p>{ADDRESS}</p><p>{PHONE}</p><p>Horaires d’ouverture</p>",  # a label without hours
])
def test_incomplete_details_are_absent(footer: str) -> None:
    html = f"<html><body><footer>{footer}</footer></body></html>"
    answer = _run([(HOME, html)])
    assert answer["status"] == "absent"
    assert sum(v is not None for v in answer["value"].values()) == 2


@pytest.mark.parametrize("content, expected", [
    # Accents and case kept, the address cut at the postcode's town, not run into the previous sentence.
    ("<p>Le repas des aînés se tiendra en mairie. Réservez vite !</p>"
     "<p>Mairie d’Échirac – Le Bourg – 19260 Échirac</p><p>Tél. 05 55 00 11 22</p>"
     "<p>Accueil : mercredi de 9h à 12h</p>",
     {"address": "Le Bourg – 19260 Échirac", "hours": "mercredi de 9h à 12h"}),
    # The afternoon slot and the next days belong to the hours; œ in the text does not shift the value.
    ("<p>Vœux du maire le 10 janvier.</p><p>Hôtel de Ville<br>2 rue Étienne-Dolet<br>81000 Albi</p>"
     "<p>Téléphone : 05 63 00 00 00</p>"
     "<p>Secrétariat ouvert :<br>Lundi et jeudi : 8h30 - 12h et 13h30 - 17h<br>Samedi de 9 h à 11 h 30</p>",
     {"address": "2 rue Étienne-Dolet / 81000 Albi",
      "hours": "Lundi et jeudi : 8h30 - 12h et 13h30 - 17h / Samedi de 9 h à 11 h 30"}),
    # An opening-hours table, one day per row.
    ("<p>Place du Marché, 46100 FIGEAC</p><p>05 65 11 22 33</p>"
     "<table><tr><td>Mardi</td><td>14h00</td><td>18h00</td></tr><tr><td>Vendredi</td><td>9h00</td><td>12h00</td></tr>"
     "</table>",
     {"address": "Place du Marché, 46100 FIGEAC", "hours": "Mardi 14h00 18h00 / Vendredi 9h00 12h00"}),
])
def test_values_are_the_original_text_cut_to_the_details(content: str, expected: dict) -> None:
    html = f"<html><head><title>La mairie</title></head><body><h1>La mairie</h1>{content}</body></html>"
    answer = _run([(HOME, "<html><body><p>Accueil</p></body></html>"), (HOME + "la-mairie", html)])
    assert answer["status"] == "present"
    for kind, value in expected.items():
        assert answer["value"][kind] == value


@pytest.mark.parametrize("line, address", [
    ("4 rue Haute – 49730 Les Ormeaux-sur-Loire", "4 rue Haute – 49730 Les Ormeaux-sur-Loire"),
    ("Place de l’Église 64500 Saint Jean de Luz", "Place de l’Église 64500 Saint Jean de Luz"),
    ("9 avenue Alsace-Lorraine 01000 Bourg en Bresse Tél. 04 74 00 00 00", "9 avenue Alsace-Lorraine 01000 Bourg en Bresse"),
    ("Le Bourg 46170 Cazelles de 9h à 12h le mardi", "Le Bourg 46170 Cazelles"),
    ("Rue du Four 23000 Guéret Bienvenue", "Rue du Four 23000 Guéret"),
])
def test_town_names_of_several_words(line: str, address: str) -> None:
    html = (f"<html><body><footer><p>{line}</p><p>05 55 00 00 00</p><p>Ouvert le lundi de 9h à 12h</p>"
            "</footer></body></html>")
    assert _run([(HOME, html)])["value"]["address"] == address
