"""Command-line options of a crawl and the Scrapy settings they stand for (shared by ``audit run`` and ``audit worker``)."""

from __future__ import annotations

import argparse

from audit.spiders.sites import InputError


def add_crawl_options(parser: argparse.ArgumentParser) -> None:
    """The options of a crawl: ``audit run``, ``audit demo`` and ``audit worker`` take them."""
    parser.add_argument("--max-pages", type=positive, help="pages au plus par site (défaut : 300)")
    parser.add_argument("--max-depth", type=positive, help="profondeur de liens au plus (défaut : 8)")
    parser.add_argument("--no-browser", action="store_true", help="ne rien rendre dans Chromium (HTML statique seulement)")
    parser.add_argument("--render", choices=("key", "all"), help="pages rendues : key = accueil et pages clés (défaut), all = toutes")
    parser.add_argument("-s", "--set", dest="settings", action="append", default=[], metavar="NOM=VALEUR",
                        help="réglage Scrapy (ex. -s CONCURRENT_REQUESTS=32), répétable")
    parser.add_argument("-v", "--verbose", action="store_true", help="journal détaillé de Scrapy")


def positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"entier attendu, pas « {text} »") from None
    if value < 1:
        raise argparse.ArgumentTypeError("doit être au moins 1")
    return value


def settings_overrides(args: argparse.Namespace) -> dict[str, str]:
    """The Scrapy settings the crawl options ask for (``-s NAME=VALUE`` and the shortcuts)."""
    overrides: dict[str, str] = {}
    for item in args.settings:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise InputError(f"réglage invalide « {item} » : la forme attendue est NOM=VALEUR")
        overrides[name.strip()] = value
    if args.max_pages:
        overrides["AUDIT_MAX_PAGES"] = str(args.max_pages)
    if args.max_depth:
        overrides["AUDIT_MAX_DEPTH"] = str(args.max_depth)
    if args.no_browser:
        overrides["AUDIT_BROWSER"] = "off"
    if args.render:
        overrides["AUDIT_RENDER"] = args.render
    overrides.setdefault("LOG_LEVEL", "INFO" if args.verbose else "WARNING")
    return overrides
