"""site.cookie_consent: consent managers loaded, trackers referenced, and banners that are not managers."""

import pytest

from tests.conftest import audit_pages

HOME = "https://www.ville-exemple.fr/"
GTAG = '<script async src="https://www.googletagmanager.com/gtag/js?id=G-XXXX"></script>'


def _run(head: str = "", body: str = "") -> dict:
    return audit_pages([(HOME, f"<html><head>{head}</head><body>{body}</body></html>")])["site.cookie_consent"]


@pytest.mark.parametrize("head, body, tool", [
    ('<script src="/tarteaucitron/tarteaucitron.js"></script><script>tarteaucitron.init({"privacyUrl": ""});</script>', "", "tarteaucitron"),
    ('<script src="https://tarteaucitron.io/load.js?domain=ville.fr&uuid=1"></script>', "", "tarteaucitron"),
    ('<script>window.axeptioSettings = {clientId: "1"};</script><script src="https://static.axept.io/sdk.js"></script>', "", "Axeptio"),
    ('<script>window.didomiConfig = {};</script>', "", "Didomi"),
    ('<script id="Cookiebot" src="https://consent.cookiebot.com/uc.js" data-cbid="1"></script>', "", "Cookiebot"),
    ('<script src="https://cdn.cookielaw.org/scripttemplates/otSDKStub.js"></script>', "", "OneTrust"),
    ('<script defer src="/js/klaro.js"></script><script>var klaroConfig = {};</script>', "", "Klaro"),
    ('<link rel="stylesheet" href="/wp-content/plugins/complianz-gdpr/assets/css/cookieblocker.min.css">', "", "Complianz"),
    ('<script src="/wp-content/plugins/cookie-law-info/public/js/cookie-law-info-public.js"></script>', "", "CookieYes"),
    ('<script src="/assets/orejime.js"></script>', "", "Orejime"),
    ("", '<div class="fr-consent-banner"><h2>À propos des cookies</h2><button>Tout accepter</button></div>',
     "DSFR (gestionnaire de consentement)"),
    ("", '<div id="cookie-bar"><p>Nous utilisons des cookies.</p><button>Accepter</button><button>Refuser</button></div>',
     "bandeau de consentement (sans outil connu)"),
])
def test_consent_manager_is_present(head: str, body: str, tool: str) -> None:
    answer = _run(head + GTAG, body)
    assert answer["status"] == "present"
    assert answer["evidence"]
    assert answer["value"]["tool"] == tool
    assert answer["value"]["trackers"] == [{"host": "googletagmanager.com", "name": "Google Analytics (gtag.js)"}]


@pytest.mark.parametrize("head, body, hosts", [
    (GTAG, "", {"googletagmanager.com"}),
    ("<script>(function(i,s,o,g,r,a,m){})(window,document,'script','https://www.google-analytics.com/analytics.js','ga');</script>",
     "", {"google-analytics.com"}),
    ('<script>var _paq = window._paq = window._paq || []; (function() { var u="https://stats.ville-exemple.fr/";'
     " _paq.push(['setTrackerUrl', u+'matomo.php']); })();</script>", "", {"stats.ville-exemple.fr"}),
    ('<script src="https://cdn.matomo.cloud/ville.matomo.cloud/matomo.js"></script>', "", {"cdn.matomo.cloud"}),
    ("", '<noscript><img height="1" width="1" src="https://www.facebook.com/tr?id=1&ev=PageView"></noscript>',
     {"facebook.com"}),
    ('<script src="https://tag.aticdn.net/123/smarttag.js"></script><script src="https://static.hotjar.com/c/hotjar-1.js"></script>',
     "", {"tag.aticdn.net", "static.hotjar.com"}),
    ("", '<p>Ce site n’utilise pas de cookies. <a href="/cookies">Politique cookies</a></p>', set()),
    # A link to a cookie policy, a share button and a YouTube video are not consent managers.
    ("", '<div class="cookies"><a href="/politique-cookies">En savoir plus sur les cookies</a></div>'
         '<a href="https://www.facebook.com/sharer/sharer.php?u=x">Partager</a>', set()),
])
def test_no_consent_manager_is_absent(head: str, body: str, hosts: set[str]) -> None:
    answer = _run(head, body)
    assert answer["status"] == "absent"
    assert answer["value"]["tool"] is None
    assert {t["host"] for t in answer["value"]["trackers"]} == hosts
