"""Social accounts: links to the commune's own profiles, not share buttons, videos or others' pages."""

from __future__ import annotations

import pytest

from tests.conftest import CORPUS, audit_pages

HOME = "https://www.ville-exemple.fr/"
ARTICLE = "https://www.ville-exemple.fr/actualites/fete"


def page(body: str, title: str = "Mairie d'Exemple") -> str:
    return f"<html lang='fr'><head><title>{title}</title></head><body>{body}</body></html>"


def footer(links: str) -> str:
    return page(f"<main><h1>Accueil</h1><p>Bienvenue.</p></main><footer><p>Suivez-nous</p><ul>{links}</ul></footer>")


@pytest.mark.parametrize(
    ("href", "text", "criterion", "value"),
    [
        ("https://www.facebook.com/VilleExemple", "Facebook", "social.facebook", "https://www.facebook.com/VilleExemple"),
        ("https://fr-fr.facebook.com/mairie.exemple/", "", "social.facebook", "https://www.facebook.com/mairie.exemple"),
        ("https://www.facebook.com/profile.php?id=100064", "Page Facebook", "social.facebook",
         "https://www.facebook.com/profile.php?id=100064"),
        ("https://twitter.com/VilleExemple", "Twitter", "social.x_twitter", "https://twitter.com/VilleExemple"),
        ("https://x.com/villeexemple", "X (anciennement Twitter)", "social.x_twitter", "https://x.com/villeexemple"),
        ("https://twitter.com/intent/follow?screen_name=VilleEx", "Suivre", "social.x_twitter", "https://twitter.com/VilleEx"),
        ("https://twitter.com/VilleDeKaltenbourg", "", "social.x_twitter", "https://twitter.com/VilleDeKaltenbourg"),
        ("https://x.com/Mairie_de_Saint_Aubin", "Suivez-nous sur X", "social.x_twitter", "https://x.com/Mairie_de_Saint_Aubin"),
        ("https://www.instagram.com/ville_exemple/", "Instagram", "social.instagram", "https://www.instagram.com/ville_exemple"),
        ("https://www.youtube.com/@VilleExemple", "YouTube", "social.youtube", "https://www.youtube.com/@VilleExemple"),
        ("https://www.youtube.com/channel/UC123abc/videos", "Notre chaîne", "social.youtube",
         "https://www.youtube.com/channel/UC123abc"),
        ("https://www.youtube.com/playlist?list=PL42", "Vidéos", "social.youtube", "https://www.youtube.com/playlist?list=PL42"),
        ("https://www.dailymotion.com/villeexemple", "Dailymotion", "social.youtube", "https://www.dailymotion.com/villeexemple"),
        ("https://vimeo.com/villeexemple", "Vimeo", "social.youtube", "https://vimeo.com/villeexemple"),
        ("https://www.linkedin.com/company/ville-exemple/", "LinkedIn", "social.linkedin",
         "https://www.linkedin.com/company/ville-exemple"),
        ("https://piaille.fr/@villeexemple", "Piaille", "social.other_networks", ["https://piaille.fr/@villeexemple"]),
        ("https://social.exemple.org/@mairie", "Mastodon", "social.other_networks", ["https://social.exemple.org/@mairie"]),
        ("https://bsky.app/profile/ville-exemple.fr", "Bluesky", "social.other_networks",
         ["https://bsky.app/profile/ville-exemple.fr"]),
        ("https://www.tiktok.com/@villeexemple", "TikTok", "social.other_networks", ["https://www.tiktok.com/@villeexemple"]),
        ("https://www.flickr.com/photos/villeexemple/", "Flickr", "social.other_networks",
         ["https://www.flickr.com/photos/villeexemple"]),
        ("https://www.whatsapp.com/channel/0029VaXYZ", "Chaîne WhatsApp", "social.other_networks",
         ["https://www.whatsapp.com/channel/0029VaXYZ"]),
    ],
)
def test_account_in_footer_is_found(href: str, text: str, criterion: str, value: object) -> None:
    result = audit_pages([(HOME, footer(f'<li><a href="{href}" title="{text}"><img alt=""></a></li>'))])
    answer = result[criterion]
    assert answer["status"] == "present"
    assert answer["value"] == value
    assert answer["evidence"][0]["url"] == HOME
    assert answer["evidence"][0]["locator"]
    assert answer["confidence"] >= 0.8


@pytest.mark.parametrize(
    ("href", "criterion"),
    [
        ("https://www.facebook.com/sharer.php?u=https://www.ville-exemple.fr/", "social.facebook"),
        ("https://www.facebook.com/sharer/sharer.php?u=x", "social.facebook"),
        ("https://www.facebook.com/dialog/share?app_id=1&href=x", "social.facebook"),
        ("https://www.facebook.com/", "social.facebook"),
        ("https://www.facebook.com/VilleExemple/posts/1234", "social.facebook"),
        ("https://twitter.com/intent/tweet?text=F%C3%AAte&url=x", "social.x_twitter"),
        ("https://twitter.com/share?url=x", "social.x_twitter"),
        ("https://x.com/Prefet/status/1234567", "social.x_twitter"),
        ("https://www.instagram.com/p/Cabc123/", "social.instagram"),
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "social.youtube"),
        ("https://youtu.be/dQw4w9WgXcQ", "social.youtube"),
        ("https://www.youtube.com/embed/dQw4w9WgXcQ", "social.youtube"),
        ("https://www.dailymotion.com/video/x8abc", "social.youtube"),
        ("https://vimeo.com/123456789", "social.youtube"),
        ("https://www.linkedin.com/shareArticle?mini=true&url=x", "social.linkedin"),
        ("https://www.linkedin.com/sharing/share-offsite/?url=x", "social.linkedin"),
        ("https://bsky.app/intent/compose?text=x", "social.other_networks"),
        ("https://pinterest.com/pin/create/button/?url=x", "social.other_networks"),
        ("https://api.whatsapp.com/send?text=x", "social.other_networks"),
        ("https://wa.me/?text=x", "social.other_networks"),
        ("https://t.me/share/url?url=x", "social.other_networks"),
        ("https://medium.com/@someone", "social.other_networks"),
    ],
)
def test_share_buttons_posts_and_videos_are_not_accounts(href: str, criterion: str) -> None:
    body = f'<main><h1>Fête</h1><div class="share"><a href="{href}">Partager</a></div></main>'
    result = audit_pages([(HOME, footer("")), (ARTICLE, page(body))])
    assert result[criterion]["status"] == "absent"


@pytest.mark.parametrize(
    ("body", "criterion"),
    [
        ('<main><h1>Conseil</h1><iframe src="https://www.youtube.com/embed/abc123" title="Vidéo"></iframe></main>',
         "social.youtube"),
        ('<main><iframe src="https://www.facebook.com/plugins/like.php?href=https%3A%2F%2Fwww.ville-exemple.fr%2F">'
         '</iframe></main>', "social.facebook"),
    ],
)
def test_embeds_without_an_account_are_not_accounts(body: str, criterion: str) -> None:
    assert audit_pages([(HOME, page(body))])[criterion]["status"] == "absent"


@pytest.mark.parametrize(
    "body",
    [
        '<main><h1>Associations</h1><p>Le comité des fêtes organise le bal. '
        '<a href="https://www.facebook.com/comitedesfetesexemple">Facebook du comité des fêtes</a></p></main>',
        '<main><h1>Vie associative</h1><ul><li>Club de foot : '
        '<a href="https://www.facebook.com/fcexemple">page Facebook</a></li></ul></main>',
        '<main><h1>Fête</h1><p>Programme complet sur <a href="https://www.facebook.com/festivaldelete">facebook</a>.</p></main>',
        '<main><h1>Les associations</h1><p><b>Les Jeunes du bourg</b><br>Contact : Léa Martin - 06 12 34 56 78 - '
        '<a href="https://www.facebook.com/jeunesdubourg.exemple">sur Facebook</a></p></main>',
    ],
)
def test_someone_elses_page_in_an_article_is_not_the_communes(body: str) -> None:
    result = audit_pages([(HOME, footer("")), (ARTICLE, page(body))])
    assert result["social.facebook"]["status"] == "absent"


@pytest.mark.parametrize(
    ("credit", "criterion"),
    [
        ('Site réalisé par <a href="https://agence.fr/">Agence Brume</a> '
         '<a href="https://x.com/AgenceBrume" aria-label="Agence Brume sur X">X</a>', "social.x_twitter"),
        ('Conception et réalisation : <a href="https://studio.fr/">Studio K</a> '
         '<a href="https://www.linkedin.com/company/studio-k/">LinkedIn</a>', "social.linkedin"),
        ('Webmaster : Jean Dupont - <a href="https://www.facebook.com/jean.dupont.12">retrouvez-moi sur Facebook</a>',
         "social.facebook"),
        ('Thème conçu par <a href="https://www.instagram.com/themeur/">@themeur</a>', "social.instagram"),
    ],
)
def test_account_in_a_credit_line_is_the_makers(credit: str, criterion: str) -> None:
    home = page(f"<main><h1>Accueil</h1></main><footer><ul><li><a href='/mentions'>Mentions légales</a></li></ul>"
                f"<p class='credits'>{credit}</p></footer>")
    assert audit_pages([(HOME, home)])[criterion]["status"] == "absent"


@pytest.mark.parametrize(("href", "criterion"), [
    ("https://twitter.com/jimdo", "social.x_twitter"), ("https://www.instagram.com/jimdo/", "social.instagram"),
    ("https://www.facebook.com/wix", "social.facebook"),
])
def test_the_site_builders_own_accounts_are_not_the_communes(href: str, criterion: str) -> None:
    assert audit_pages([(HOME, footer(f'<li><a href="{href}">Suivez-nous</a></li>'))])[criterion]["status"] == "absent"


def test_communes_account_beside_a_credit_line_is_kept() -> None:
    home = page("<main><h1>Accueil</h1></main><footer><p>Suivez-nous : <a href='https://x.com/VilleExemple'>X</a></p>"
                "<p>Site réalisé par <a href='https://x.com/AgenceBrume'>Agence Brume</a></p></footer>")
    assert audit_pages([(HOME, home)])["social.x_twitter"]["value"] == "https://x.com/VilleExemple"


def test_commune_account_is_preferred_over_an_association() -> None:
    home = footer('<li><a href="https://www.facebook.com/VilleExemple">Facebook</a></li>')
    article = page('<main><p><a href="https://www.facebook.com/comitedesfetes">Facebook du comité des fêtes</a></p></main>')
    result = audit_pages([(HOME, home), (ARTICLE, article), (ARTICLE + "2", article)])
    assert result["social.facebook"]["value"] == "https://www.facebook.com/VilleExemple"


@pytest.mark.parametrize(
    "body",
    [
        '<aside><iframe src="https://www.facebook.com/plugins/page.php?href=https%3A%2F%2Fwww.facebook.com%2Fmairieexemple'
        '&tabs=timeline"></iframe></aside>',
        '<aside><div class="fb-page" data-href="https://www.facebook.com/mairieexemple"></div></aside>',
    ],
)
def test_facebook_page_plugin_names_the_page(body: str) -> None:
    result = audit_pages([(HOME, page(body))])
    assert result["social.facebook"]["status"] == "present"
    assert result["social.facebook"]["value"] == "https://www.facebook.com/mairieexemple"


def test_all_networks_of_one_follow_block() -> None:
    links = "".join(
        f'<li><a href="{u}">{t}</a></li>' for u, t in [
            ("https://www.facebook.com/villeexemple", "Facebook"), ("https://x.com/villeexemple", "X"),
            ("https://www.instagram.com/villeexemple", "Instagram"), ("https://www.tiktok.com/@villeexemple", "TikTok"),
            ("https://mastodon.social/@villeexemple", "Mastodon"),
        ]
    )
    result = audit_pages([(HOME, page(f'<div class="reseaux"><h2>Suivez-nous</h2><ul>{links}</ul></div>'))])
    assert [result[c]["status"] for c in ("social.facebook", "social.x_twitter", "social.instagram")] == ["present"] * 3
    assert sorted(result["social.other_networks"]["value"]) == [
        "https://mastodon.social/@villeexemple", "https://www.tiktok.com/@villeexemple",
    ]
    assert result["social.linkedin"]["status"] == "absent"


@pytest.mark.parametrize("name", ["follow", "share"])
def test_dsfr_placeholders_and_share_buttons_give_no_account(name: str) -> None:
    html = (CORPUS / "dsfr" / "example" / "component" / name / "index.html").read_text(encoding="utf-8")
    result = audit_pages([(f"https://www.ville-exemple.fr/{name}/", html)])
    for criterion in ("social.facebook", "social.x_twitter", "social.instagram", "social.youtube", "social.linkedin",
                      "social.other_networks"):
        assert result[criterion]["status"] == "absent", criterion


@pytest.mark.parametrize(
    ("sample", "criterion", "value"),
    [
        ("declaration-a11y/__test__/samples/opentermsarchive.org.html", "social.x_twitter", "https://twitter.com/OpenTerms"),
        ("declaration-rgpd/__test__/samples/beta.html", "social.linkedin", "https://www.linkedin.com/company/betagouv"),
    ],
)
def test_real_public_service_pages(sample: str, criterion: str, value: str) -> None:
    html = (CORPUS / "dashlord-actions" / sample).read_text(encoding="utf-8")
    result = audit_pages([("https://example.gouv.fr/", html)])
    assert result[criterion]["status"] == "present"
    assert result[criterion]["value"] == value
    assert result["social.facebook"]["status"] == "absent"


def test_link_in_a_home_page_news_teaser_is_not_the_communes() -> None:
    teaser = (
        "<div class='actus'><p>Le festival de jazz revient cet été avec de nombreux concerts gratuits sur la place ; "
        "tout le programme est sur <a href='https://www.facebook.com/jazzfestivalx'>leur page</a>.</p></div>"
    )
    assert audit_pages([(HOME, page(teaser))])["social.facebook"]["status"] == "absent"


def test_inner_page_link_named_like_the_site_counts() -> None:
    body = "<main><h1>Contact</h1><p>Suivez la ville : <a href='https://www.instagram.com/ville_exemple'>Instagram</a></p></main>"
    result = audit_pages([(HOME, page("<main><h1>Accueil</h1></main>")), (ARTICLE, page(body))])
    assert result["social.instagram"]["status"] == "present"


@pytest.mark.parametrize(
    "sentence",
    [
        "Revivez les temps forts de l'année sur la chaîne Dailymotion de la ville : {link}.",
        "Les séances du conseil sont filmées et diffusées sur {link}, notre chaîne vidéo.",
        "Toutes nos vidéos sont en ligne : {link}. Bonne visite !",
        "La mairie publie chaque semaine un reportage sur {link} (le compte officiel).",
        "Pour ne rien manquer, abonnez-vous à {link} et partagez-la autour de vous.",
    ],
)
def test_channel_claimed_by_its_own_sentence_on_an_inner_page(sentence: str) -> None:
    link = "<a href='https://www.youtube.com/@rivebelle-officiel'>YouTube</a>"
    prose = (
        "La commune organise tout au long de l'année des rencontres, des concerts et des expositions ouvertes à tous. "
        + sentence.format(link=link)
    )
    body = f"<main><h1>Vidéos</h1><p>{prose}</p></main>"
    result = audit_pages([(HOME, page("<main><h1>Accueil</h1></main>")), (ARTICLE, page(body))])
    assert result["social.youtube"]["status"] == "present"
    assert result["social.youtube"]["value"] == "https://www.youtube.com/@rivebelle-officiel"


@pytest.mark.parametrize(
    "sentence",
    [
        "Les répétitions de l'harmonie de la ville sont en ligne sur la chaîne de l'association : {link}.",
        "Le club de handball de la commune diffuse ses matchs sur {link}.",
        "L'office de tourisme présente la commune en images sur {link}.",
        "Un beau reportage sur le marché de Noël a été tourné par un habitant : {link}.",
        "La mairie vous propose de revoir la cérémonie : {video}.",
    ],
)
def test_someone_elses_channel_or_a_video_in_running_text_is_not_the_communes(sentence: str) -> None:
    link = "<a href='https://www.youtube.com/@rivebelle-media'>YouTube</a>"
    video = "<a href='https://www.youtube.com/watch?v=abc123XYZ'>la vidéo</a>"
    prose = (
        "La commune organise tout au long de l'année des rencontres, des concerts et des expositions ouvertes à tous. "
        + sentence.format(link=link, video=video)
    )
    body = f"<main><h1>Actualités</h1><p>{prose}</p></main>"
    result = audit_pages([(HOME, page("<main><h1>Accueil</h1></main>")), (ARTICLE, page(body))])
    assert result["social.youtube"]["status"] == "absent"


PORTAL = "https://www.agglo-des-coteaux.fr/"
PORTAL_PAGE = PORTAL + "communes/rivebelle/"


def portal_page(sidebar: str, footer_links: str, title: str = "Rivebelle - Agglo des Coteaux") -> str:
    return page(
        f"<main><h1>Commune de Rivebelle</h1><p>Horaires de la mairie.</p></main><aside>{sidebar}</aside>"
        f"<footer><p>Communauté d'agglomération des Coteaux - Suivez-nous</p><ul>{footer_links}</ul></footer>",
        title=title,
    )


@pytest.mark.parametrize(
    ("sidebar", "footer_href", "value"),
    [
        ("<p><a href='https://www.facebook.com/MairieRivebelle'>Suivez la mairie sur Facebook</a></p>",
         "https://www.facebook.com/CoteauxAgglomeration", "https://www.facebook.com/MairieRivebelle"),
        ("<h2>La commune sur les réseaux</h2><ul><li><a href='https://www.facebook.com/rivebelle.village'>"
         "Facebook</a></li></ul>", "https://www.facebook.com/LesCoteaux", "https://www.facebook.com/rivebelle.village"),
        ("<p><a href='https://www.facebook.com/villederivebelle'>Facebook</a></p>",
         "https://www.facebook.com/agglocoteaux", "https://www.facebook.com/villederivebelle"),
    ],
)
def test_communes_own_page_beats_the_interco_footer_account(sidebar: str, footer_href: str, value: str) -> None:
    footer_links = f"<li><a href='{footer_href}'>Facebook</a></li>"
    pages = [
        (PORTAL, portal_page("", footer_links, title="Agglo des Coteaux")),
        (PORTAL_PAGE, portal_page(sidebar, footer_links)),
        (PORTAL + "transports/", portal_page("", footer_links, title="Transports - Agglo des Coteaux")),
    ]
    assert audit_pages(pages)["social.facebook"]["value"] == value


@pytest.mark.parametrize("href", [
    "https://www.facebook.com/ComiteDesFetesExemple", "https://www.facebook.com/jumelage.exemple",
    "https://www.facebook.com/AmicaleLaiqueExemple",
])
def test_a_site_wide_bar_linking_an_associations_account_is_not_the_communes(href: str) -> None:
    html = page(f"<main><h1>Accueil</h1></main><footer><ul><li><a href='{href}' aria-label='Facebook'>"
                "<img alt='Facebook' src='/f.png'></a></li></ul></footer>")
    assert audit_pages([(HOME, html)])["social.facebook"]["status"] == "absent"


@pytest.mark.parametrize(
    ("href", "criterion"),
    [
        ("https://www.instagram.com/agglo_des_coteaux/", "social.instagram"),
        ("https://www.linkedin.com/company/communaute-de-communes-des-coteaux/", "social.linkedin"),
        ("https://www.instagram.com/coteauxtourisme/", "social.instagram"),
        ("https://www.linkedin.com/company/cc-des-coteaux/", "social.linkedin"),
    ],
)
def test_interco_only_accounts_are_not_the_communes(href: str, criterion: str) -> None:
    pages = [(PORTAL_PAGE, portal_page("", f"<li><a href='{href}'>Réseau</a></li>"))]
    assert audit_pages(pages)[criterion]["status"] == "absent"


@pytest.mark.parametrize(
    ("footer_text", "href"),
    [
        ("Suivez-nous", "https://www.instagram.com/rivebelle_officiel/"),
        ("Mairie de Rivebelle, membre de la communauté de communes des Coteaux. Suivez-nous",
         "https://www.instagram.com/rivebelle/"),
    ],
)
def test_unnamed_or_commune_account_stays_the_communes(footer_text: str, href: str) -> None:
    html = page(f"<main><h1>Accueil</h1></main><footer><p>{footer_text}</p>"
                f"<ul><li><a href='{href}'>Instagram</a></li></ul></footer>")
    assert audit_pages([(HOME, html)])["social.instagram"]["status"] == "present"


def test_footer_account_kept_over_a_municipal_service_named_with_the_town() -> None:
    home = footer('<li><a href="https://www.facebook.com/rivebelle">Facebook</a></li>')
    article = page("<main><h1>Lecture</h1><p>Suivez la page Facebook de la médiathèque de la ville : "
                   "<a href='https://www.facebook.com/mediatheque.rivebelle'>Facebook</a></p></main>")
    result = audit_pages([(HOME, home), (ARTICLE, article)])
    assert result["social.facebook"]["value"] == "https://www.facebook.com/rivebelle"
