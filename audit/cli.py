"""Command line: ``audit run``, ``checks``, ``demo``, ``report``, ``history``, ``diff``, ``enqueue``, ``worker``, ``serve``."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import NoReturn

from audit.history.cli import RunHistory, add_commands, add_db_option, print_error, report_histories
from audit.history.store import HistoryError
from audit.queue.cli import add_commands as add_queue_commands
from audit.spiders.options import add_crawl_options, positive, settings_overrides
from audit.spiders.sites import InputError, SiteInput, from_csv, from_urls, report_rejected

EXIT_OK = 0
EXIT_USAGE = 2


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return args.handler(args)
    except (InputError, HistoryError) as exc:
        print_error(str(exc))
        return EXIT_USAGE


class _Parser(argparse.ArgumentParser):
    """argparse with its usage errors in French: ``audit run : erreur : …``, exit status 2."""

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog} : erreur : {message}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="audit", description="Audit des sites web des communes (grille Villes Internet).")
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="auditer des sites (URL ou fichier CSV)")
    run.add_argument("urls", nargs="*", metavar="URL", help="adresse(s) de site à auditer")
    run.add_argument("--from", dest="csv", type=Path, metavar="CSV", help="fichier CSV avec une colonne url (name, insee facultatifs)")
    run.add_argument("--out", type=Path, default=Path("reports"), help="dossier de sortie (défaut : reports)")
    run.add_argument("--resume", action="store_true",
                     help="reprendre un audit interrompu : les sites déjà audités dans --out ne sont pas refaits")
    run.add_argument("--label", metavar="NOM", help="nommer l'exécution dans la base d'historique (ex. 2026-12)")
    run.add_argument("--jobs", type=positive, default=os.cpu_count() or 1, metavar="N",
                     help="processus d'audit en parallèle, chacun avec ses propres sites "
                          f"(défaut : le nombre de cœurs, {os.cpu_count() or 1})")
    add_db_option(run)
    add_crawl_options(run)
    run.set_defaults(handler=_run)

    checks = sub.add_parser("checks", help="lister les vérifications installées et les critères couverts")
    checks.set_defaults(handler=_checks)

    demo = sub.add_parser("demo", help="auditer les sites de démonstration fournis (aucun accès internet)")
    demo.add_argument("--out", type=Path, default=Path("reports/demo"), help="dossier de sortie (défaut : reports/demo)")
    add_crawl_options(demo)
    demo.set_defaults(handler=_demo)

    evaluate = sub.add_parser("evaluate", help="comparer les résultats d'un audit aux fichiers de vérité étiquetés")
    evaluate.add_argument("truth", type=Path, metavar="TRUTH", help="dossier de fichiers de vérité <slug>.yaml (ou un seul fichier)")
    evaluate.add_argument("outdir", type=Path, metavar="OUTDIR", help="dossier de résultats (<slug>/audit.json)")
    evaluate.set_defaults(handler=_evaluate)

    report = sub.add_parser("report", help="refaire les rapports (HTML, XLSX, CSV) d'un dossier de résultats, sans nouvel audit")
    report.add_argument("run_dir", type=Path, metavar="DOSSIER", help="dossier de résultats (<site>/audit.json)")
    report.add_argument("--communes", type=Path, metavar="CSV",
                        help="table INSEE des communes (insee_com, population_2021) pour comparer par strate de population")
    add_db_option(report)
    report.set_defaults(handler=_report)
    add_commands(sub)
    add_queue_commands(sub)

    serve = sub.add_parser("serve", help="service web d'auto-audit : un formulaire, la progression, le rapport")
    serve.add_argument("--host", default="127.0.0.1", help="adresse d'écoute (défaut : 127.0.0.1)")
    serve.add_argument("--port", type=positive, default=8000, help="port d'écoute (défaut : 8000)")
    serve.add_argument("--data", type=Path, default=Path("reports/service"),
                       help="dossier des audits du service, conservés pour l'historique (défaut : reports/service)")
    serve.add_argument("--db", metavar="URL", help="base d'historique des audits (transmise à la couche d'historique)")
    serve.add_argument("--workers", type=positive, default=1, help="audits menés en même temps (défaut : 1)")
    serve.add_argument("--token", default=os.environ.get("AUDIT_SERVICE_TOKEN"),
                       help="code d'accès exigé pour lancer un audit (ou variable AUDIT_SERVICE_TOKEN)")
    serve.add_argument("--allow-network", action="append", default=[], metavar="CIDR",
                       help="plage d'adresses autorisée malgré la règle des adresses publiques (tests), répétable")
    serve.add_argument("--max-pages", type=positive, default=100, help="pages au plus par audit (défaut : 100)")
    serve.add_argument("--max-time", type=positive, default=300, help="secondes au plus par audit (défaut : 300)")
    serve.add_argument("--rate-limit", type=positive, default=10, help="audits par client et par heure (défaut : 10)")
    serve.add_argument("--max-queue", type=positive, default=20, help="audits en attente au plus (défaut : 20)")
    serve.add_argument("--browser", action="store_true",
                       help="rendre aussi les pages dans Chromium (désactivé par défaut, voir le README)")
    serve.add_argument("-s", "--set", dest="settings", action="append", default=[], metavar="NOM=VALEUR",
                       help="réglage Scrapy des audits (ex. -s DOWNLOAD_DELAY=1), répétable")
    serve.set_defaults(handler=_serve)
    return parser


def _run(args: argparse.Namespace) -> int:
    if bool(args.urls) == bool(args.csv):
        raise InputError("donnez soit des URL, soit --from communes.csv")
    sites, rejected = from_csv(args.csv) if args.csv else from_urls(args.urls)
    report_rejected(rejected, args.out)
    if not sites:
        raise InputError("aucun site valide à auditer")
    overrides = settings_overrides(args)
    options = {"inputs": str(args.csv) if args.csv else list(args.urls), "settings": overrides, "resume": args.resume}
    return _crawl(sites, args.out, overrides, resume=args.resume, history=True, db=args.db, label=args.label,
                  options=options, jobs=args.jobs)


def _crawl(sites: list[SiteInput], out: Path, overrides: dict[str, str], resume: bool = False, history: bool = False,
           db: str | None = None, label: str | None = None, options: dict | None = None, jobs: int = 1) -> int:
    """Crawl the pending sites into `out`, render the reports; with `history`, record the run in the database.

    With `jobs` > 1 and several sites pending, the sites are split over that many crawl processes
    (`audit.parallel`); this process alone writes the history database.

    A database problem is reported in one line and makes the exit status 2, but never stops the
    crawl nor the files under `out`; only another run holding the database refuses before crawling.
    """
    from audit.results.output import iter_audits
    from audit.spiders.crawl import pending_inputs, run_crawl
    from audit.parallel import run_parallel
    from audit.reports.build import render_reports
    from audit.reports.summary import write_summary_csv

    inputs = pending_inputs(sites, out, resume)
    record = RunHistory.begin(db, out, sites, inputs, resume, label, options or {}) if history else None
    if record is not None and record.error:
        print_error(f"{record.error} : l'audit continue sans historique")
    try:
        if len(inputs) < len(sites):
            print(f"reprise : {len(sites) - len(inputs)} site(s) déjà audité(s) conservé(s)", file=sys.stderr)
        if record is not None and record.resumed:
            print(f"reprise de l'exécution n° {record.run_id} de la base d'historique", file=sys.stderr)
        recorder = record.record if record is not None and record.active else None
        if inputs and min(jobs, len(inputs)) > 1:
            run_parallel(inputs, sites, out, overrides, jobs, recorder=recorder)
        elif inputs:
            run_crawl(inputs, out, overrides, recorder=recorder)
        else:
            write_summary_csv(out)
        histories = None
        if record is not None:
            record.finish(len(sites))
            histories = record.site_histories([audit for _, audit in iter_audits(out)])
        render_reports(out, overrides.get("AUDIT_COMMUNES_TABLE"), histories)
    finally:
        if record is not None:
            record.close()
    print(f"{len(sites)} site(s) audité(s) : résultats dans {out}/ (summary.html, summary.xlsx, grid.csv, <site>/report.html, <site>/audit.json)")
    if record is not None and record.active:
        print(f"exécution n° {record.run_id} enregistrée dans {record.store.url}", file=sys.stderr)  # type: ignore[union-attr]
    if record is not None and record.error:
        if record.store is not None:  # the database failed midway (the opening failure was told already)
            print_error(record.error)
        return EXIT_USAGE
    return EXIT_OK


def _checks(args: argparse.Namespace) -> int:
    from audit.grid import load_grid
    from audit.checks.framework.registry import load_checks

    checks, errors = load_checks()
    covered: set[str] = set()
    for check in checks:
        covered.update(check.criteria)
        print(f"{check.name}  [{', '.join(sorted(check.needs))}]  {check.doc}")
        for cid in check.criteria:
            print(f"    {cid}")
    missing = [cid for cid in load_grid().ids if cid not in covered]
    print(f"\n{len(checks)} vérification(s), {len(covered)} critère(s) couverts sur {len(load_grid().ids)}.")
    if missing:
        print("Sans vérification (répondus « unknown ») : " + ", ".join(missing))
    for error in errors:
        print(f"Extension non chargée : {error}", file=sys.stderr)
    return EXIT_OK


def _demo(args: argparse.Namespace) -> int:
    from audit.demo import catalogue
    from audit.demo.server import serve_folders

    communes = catalogue.load()
    with serve_folders([c.root for c in communes]) as urls:
        sites = [SiteInput(url=url, name=c.name, insee=c.insee) for c, url in zip(communes, urls)]
        overrides = {"DOWNLOAD_DELAY": "0", "AUTOTHROTTLE_ENABLED": "False", **settings_overrides(args)}
        return _crawl(sites, args.out, overrides)


def _evaluate(args: argparse.Namespace) -> int:
    from audit.evaluate import evaluate, format_report

    print(format_report(evaluate(args.truth, args.outdir)))
    return EXIT_OK


def _report(args: argparse.Namespace) -> int:
    from audit.reports.build import render_reports

    if not args.run_dir.is_dir():
        raise InputError(f"dossier introuvable : {args.run_dir}")
    if args.communes and not args.communes.is_file():
        raise InputError(f"table des communes introuvable : {args.communes}")
    from audit.results.output import iter_audits

    histories, error = report_histories(args.db, [audit for _, audit in iter_audits(args.run_dir)])
    written = render_reports(args.run_dir, args.communes, histories)
    if not written:
        raise InputError(f"aucun audit.json dans {args.run_dir}")
    print(f"{len(written)} rapport(s) écrit(s) dans {args.run_dir}/ (summary.html, summary.xlsx, grid.csv, grid.xlsx, <site>/report.html)")
    if error:
        print_error(f"{error} : rapports écrits sans historique")
        return EXIT_USAGE
    return EXIT_OK


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    from audit.spiders.addresses import parse_networks
    from audit.web.app import ServiceConfig, create_app

    try:
        networks = parse_networks(args.allow_network)
    except ValueError as exc:
        raise InputError(f"plage d'adresses invalide : {exc}") from None
    crawl = argparse.Namespace(settings=args.settings, max_pages=None, max_depth=None, no_browser=False,
                               render=None, verbose=False)
    settings = {k: v for k, v in settings_overrides(crawl).items() if k != "LOG_LEVEL"}
    config = ServiceConfig(
        data_dir=args.data, workers=args.workers, max_pages=args.max_pages, time_budget=float(args.max_time),
        token=args.token or None, allow_networks=networks, rate_limit=args.rate_limit, max_queue=args.max_queue,
        db_url=args.db, browser=args.browser, crawl_settings=settings,
    )
    print(f"audit serve : http://{args.host}:{args.port}/ (audits dans {args.data}/)", file=sys.stderr, flush=True)
    uvicorn.run(create_app(config), host=args.host, port=args.port, proxy_headers=True,
                forwarded_allow_ips="127.0.0.1", server_header=False, log_level="warning")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
