"""Command-line glue of the shared queue: ``audit enqueue`` and ``audit worker``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from audit.history.cli import add_db_option, print_error
from audit.spiders.options import add_crawl_options, settings_overrides
from audit.spiders.sites import InputError, from_csv, report_rejected, unique_slugs

EXIT_OK = 0
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
QUEUE_HELP = "file d'attente Redis partagée, redis://HÔTE:PORT/BASE"


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"nombre de secondes attendu, pas « {text} »") from None
    if value < 1:
        raise argparse.ArgumentTypeError("doit être au moins 1")
    return value


def add_commands(sub: Any) -> None:
    """Add ``audit enqueue`` and ``audit worker`` to the sub-command parser."""

    enqueue = sub.add_parser("enqueue", help="mettre les sites d'un fichier CSV dans la file d'attente partagée (Redis)")
    enqueue.add_argument("--queue", required=True, metavar="URL", help=QUEUE_HELP)
    enqueue.add_argument("--from", dest="csv", type=Path, required=True, metavar="CSV",
                         help="fichier CSV avec une colonne url (name, insee facultatifs)")
    enqueue.add_argument("--label", metavar="NOM", help="nommer l'exécution dans la base d'historique (ex. 2026-12)")
    enqueue.set_defaults(handler=enqueue_command)

    worker = sub.add_parser("worker", help="auditer les sites de la file d'attente partagée, un à la fois")
    worker.add_argument("--queue", required=True, metavar="URL", help=QUEUE_HELP)
    worker.add_argument("--out", type=Path, required=True, help="dossier de sortie (<site>/audit.json)")
    add_db_option(worker)
    worker.add_argument("--exit-when-empty", action="store_true",
                        help="s'arrêter quand plus aucun site n'attend ni n'est en cours (sinon : attendre sans fin)")
    worker.add_argument("--lease", type=_seconds, default=300.0, metavar="SECONDES",
                        help="durée du bail d'un site, renouvelé pendant son audit ; un site dont le travailleur "
                             "s'est arrêté revient dans la file après ce délai (défaut : 300)")
    add_crawl_options(worker)
    worker.set_defaults(handler=worker_command)


def enqueue_command(args: argparse.Namespace) -> int:
    """Put every valid row of the CSV on the queue; invalid rows go to ``rejected.csv`` beside the file."""
    from audit.queue.redis_queue import SiteQueue, entry_payload, shown_url

    sites, rejected = from_csv(args.csv)
    report_rejected(rejected, args.csv.parent)
    if not sites:
        raise InputError("aucun site valide à mettre dans la file")
    queue = SiteQueue.connect(args.queue)
    slugs = unique_slugs(sites)
    added = queue.put([(slugs[site], entry_payload(site, slugs[site], args.label)) for site in sites])
    counts = queue.counts()
    print(f"{added} site(s) ajouté(s) à la file {shown_url(args.queue)}"
          + (f", {len(sites) - added} déjà présent(s)" if added < len(sites) else "")
          + f" ; dans la file : {counts['pending']} en attente, {counts['leased']} en cours, {counts['done']} fait(s)")
    if rejected:
        print(f"{len(rejected)} ligne(s) rejetée(s) : voir {args.csv.parent / 'rejected.csv'}")
    return EXIT_OK


def worker_command(args: argparse.Namespace) -> int:
    """Audit sites from the queue until it is empty (``--exit-when-empty``) or forever."""
    from audit.queue.history import QueueHistory
    from audit.queue.redis_queue import SiteQueue
    from audit.queue.worker import Worker, WorkerConfig

    settings = settings_overrides(args)
    queue = SiteQueue.connect(args.queue)
    history = QueueHistory.open(args.db, queue, args.out)
    worker = Worker(queue, WorkerConfig(out=args.out, settings=settings, lease=args.lease,
                                        exit_when_empty=args.exit_when_empty), history)
    try:
        worker.run()
    except KeyboardInterrupt:
        print_error("travailleur interrompu : le site en cours revient dans la file à la fin de son bail")
        return EXIT_INTERRUPTED
    finally:
        if history is not None:
            history.close()
    print(f"{len(worker.audited)} site(s) audité(s) par ce travailleur : résultats dans {args.out}/ "
          f"(rapports : audit report {args.out})")
    if history is not None and history.error:
        print_error(history.error)
        return EXIT_USAGE
    return EXIT_OK
