"""Offres d'emploi de la collectivité : recrutement publié en ligne."""

from __future__ import annotations

import re

from audit.artifacts.page import Page
from audit.artifacts.text import words_pattern
from audit.checks.common.civic_vocab import Feature, decide_feature, observe_feature
from audit.checks.framework.model import Answer, Observation, SiteFacts

CRITERIA = ("inclusion.jobs",)
NEEDS = frozenset({"html"})

JOB_PHRASES = (
    r"offres? d'emplois?", r"offres? de (?:stages?|postes?|recrutements?)", r"recrutements?",
    r"(?:la|notre|votre) (?:ville|mairie|commune|collectivite|communaute de communes|agglo) (?:recrute|embauche)",
    r"(?:nous|on) (?:recrut|embauch)(?:e|ons)", r"nous rejoindre", r"rejoignez-nous", r"rejoigne[rz] (?:nos|les) equipes",
    r"travailler (?:a|pour|avec) la (?:ville|mairie|commune|collectivite)", r"candidatures? spontanees?",
    r"postes? (?:a pourvoir|vacants?|ouverts?)", r"emplois? (?:et|&) (?:stages?|recrutements?|carrieres?)",
    r"emplois? (?:saisonniers?|municipaux|communaux)", r"jobs? d'ete", r"carrieres? (?:et|&) (?:emplois?|recrutements?)",
)
JOB_NAMES = words_pattern(*JOB_PHRASES)
#: What body text says when the commune itself recruits: a notice of the territorial civil service.
JOB_MENTIONS = words_pattern(
    r"(?:la|notre|votre) (?:ville|mairie|commune|collectivite|communaute de communes|agglo) (?:recrute|embauche)",
    r"(?:nos|les) offres d'emplois? (?:de la|du) (?:ville|mairie|commune|collectivite|ccas)", r"nos offres d'emplois?",
    r"postes? (?:a pourvoir|vacants?)", r"cadres? d'emplois? des", r"(?:fonction publique|filiere) territoriale",
    r"recrute (?:un|une|des) (?:agents?|adjoints?|animat\w+|educat\w+|responsables?|directeur|directrice|chargee?)",
    r"lettre de motivation et (?:un )?cv", r"(?:adjoint|agent|redacteur|technicien|attache) (?:technique |administratif )?territorial",
)
#: Jobs of others: the employment agency, job fairs, local companies, the army or the fire brigade.
JOB_TRAPS = words_pattern(
    r"pole[- ]emploi", r"france[- ]travail", r"missions? locales?", r"maisons? de l'emploi",
    r"(?:forums?|salons?|job ?datings?) (?:de l'|des |pour l'|du )?(?:emplois?|jobs?|recrutements?)",
    r"demandeurs? d'emplois?", r"recherche d'emplois?", r"aides? (?:a|au) (?:l'emploi|retour)", r"points? emplois?",
    r"bureau (?:municipal )?de l'emploi", "indeed", "apec", r"offres? (?:d'emplois? )?(?:locales?|du territoire|des entreprises|du bassin)",
    r"entreprises? (?:locales?|du territoire)", r"sdis", r"(?:sapeurs-)?pompiers", r"armee", "gendarmerie", "police nationale",
    "marine nationale", r"service civique", r"rejoignez-nous sur", r"suivez-nous", r"benevoles?",
)
#: Another employer named beside the offers: the interco, the Département, the Région, a hospital, a syndicate.
OTHER_EMPLOYERS = words_pattern(
    r"(?:de l'|du |de la |des |l'|la |le )(?:agglo(?:meration)?|communaute (?:de communes|d'agglomeration|urbaine)"
    r"|metropole|intercommunalite|interco|departement|conseil departemental|region|conseil regional|prefecture"
    r"|hopital|centre hospitalier|chu|ch|syndicat(?: intercommunal| mixte)?|sivom|sivu|sictom|smictom"
    r"|office de tourisme|etat|education nationale|armee|gendarmerie)",
    r"cc [a-z][a-z' -]{2,40}", r"cdc [a-z][a-z' -]{2,40}", r"(?:offres?|emplois?) (?:departementa|regiona|hospitalie)\w*",
)
#: The commune says it recruits through that body: a shared service, "la mairie recrute via...".
OWN_RECRUITMENT = words_pattern(
    r"(?:la|notre|votre) (?:ville|mairie|commune|municipalite) recrute", r"pour (?:le compte de )?(?:la|notre) (?:ville|mairie|commune)",
    r"(?:postes?|offres?|emplois?|agents?) (?:de la|du|de notre) (?:ville|mairie|commune|ccas)",
    r"services? (?:communs?|mutualises?)(?: des ressources humaines| rh)?", r"(?:rh|ressources humaines) mutualisees?",
)
#: Outside hosts of other employers: an interco, a Département, a hospital.
OTHER_EMPLOYER_HOSTS = re.compile(
    r"agglo|communaute|intercom|metropole|(?:^|[.-])cc[a-z]{0,3}-|(?:^|[.-])cdc-|departement|(?:^|\.)cd\d\d\."
    r"|region|hopital|chu-|centre-?hospitalier|sdis|francetravail|pole-emploi"
)
JOB_HOSTS = (
    "emploi-territorial.fr", "place-emploi-public.gouv.fr", "choisirleservicepublic.gouv.fr", "softy.pro",
    "flatchr.io", "taleez.com", "jobaffinity.fr", "beetween.com", "teamtailor.com", "welcometothejungle.com",
)
JOB_URLS = re.compile(
    r"offres?-d?-?emplois?|/recrutements?(?:[/.?_-]|$)|(?:ville|mairie|commune)-recrute|nous-rejoindre"
    r"|//(?:www\.)?(?:recrutement|emplois?|jobs|carrieres?)\."
)

JOBS = Feature(
    "inclusion.jobs", JOB_NAMES, mentions=JOB_MENTIONS, traps=JOB_TRAPS, hosts=JOB_HOSTS, urls=JOB_URLS,
    text_strength=0.6, others=OTHER_EMPLOYERS, mine=OWN_RECRUITMENT, other_hosts=OTHER_EMPLOYER_HOSTS,
)


def observe(page: Page) -> list[Observation]:
    return observe_feature(page, JOBS)


def decide(observations: list[Observation], site: SiteFacts | None) -> dict[str, Answer]:
    return {JOBS.criterion: decide_feature(observations, JOBS.criterion)}
