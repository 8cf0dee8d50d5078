"""Citizen apps: PanneauPocket, IntraMuros, Illiwap, CityAll... or the commune's own app in the stores."""

from __future__ import annotations

import pytest

from tests.conftest import audit_pages

HOME = "https://www.ville-exemple.fr/"
INNER = "https://www.ville-exemple.fr/vie-pratique"


def page(body: str, title: str = "Mairie d'Exemple") -> str:
    return f"<html lang='fr'><head><title>{title}</title></head><body>{body}</body></html>"


@pytest.mark.parametrize(
    ("body", "apps"),
    [
        ('<aside><a href="https://app.panneaupocket.com/ville/123-exemple"><img alt="PanneauPocket"></a></aside>',
         ["PanneauPocket"]),
        ('<main><p>Téléchargez l\'application Panneau Pocket pour recevoir les alertes de la mairie.</p></main>',
         ["PanneauPocket"]),
        ('<footer><a href="https://appli-intramuros.fr/">Application IntraMuros</a></footer>', ["IntraMuros"]),
        ('<main><iframe src="https://www.intramuros.org/widget/agenda?commune=123"></iframe></main>', ["IntraMuros"]),
        ('<nav><a href="/illiwap">Alertes Illiwap</a></nav>', ["Illiwap"]),
        ('<main><p>Retrouvez toute l’actualité sur l’application CityAll.</p></main>', ["CityAll"]),
        ('<footer><a href="https://apps.apple.com/fr/app/ville-d-exemple/id123456">App Store</a>'
         '<a href="https://play.google.com/store/apps/details?id=fr.villeexemple.app">Google Play</a></footer>',
         ["ville d exemple"]),
        ('<footer><p>Téléchargez l\'application mobile de la ville</p>'
         '<a href="https://play.google.com/store/apps/details?id=com.agence.monapp">Disponible sur Google Play</a></footer>',
         ["com.agence.monapp"]),
        ('<nav><a href="/application-mobile">Application mobile</a></nav>', ["application de la commune"]),
    ],
)
def test_app_is_found(body: str, apps: list[str]) -> None:
    answer = audit_pages([(HOME, page(body))])["social.citizen_app"]
    assert answer["status"] == "present"
    assert answer["value"] == apps
    assert answer["evidence"][0]["url"] == HOME


@pytest.mark.parametrize(
    "body",
    [
        '<main><p>Le centre intra-muros sera fermé à la circulation samedi.</p></main>',
        '<main><p>Le stationnement intramuros est gratuit le dimanche.</p></main>',
        '<main><a href="https://apps.apple.com/fr/app/tousanticovid/id1511279125">TousAntiCovid</a></main>',
        '<main><p>Téléchargez l\'application <a href="https://play.google.com/store/apps/details?id=fr.gouv.android.ma_securite">'
        'Ma Sécurité</a> de la gendarmerie.</p></main>',
        '<main><a href="https://play.google.com/store/apps/details?id=com.waze">Waze</a></main>',
        '<main><p>La commune n\'utilise plus PanneauPocket depuis janvier.</p></main>',
        '<main><p>La CAF propose une application mobile pour vos démarches.</p></main>',
    ],
)
def test_no_app(body: str) -> None:
    assert audit_pages([(HOME, page(body))])["social.citizen_app"]["status"] == "absent"


def test_several_apps_are_listed() -> None:
    home = page('<aside><a href="https://www.illiwap.com/fr/">Illiwap</a></aside>')
    inner = page('<main><h1>Alertes</h1><a href="https://app.panneaupocket.com/ville/1">PanneauPocket</a></main>')
    answer = audit_pages([(HOME, home), (INNER, inner)])["social.citizen_app"]
    assert sorted(answer["value"]) == ["Illiwap", "PanneauPocket"]
