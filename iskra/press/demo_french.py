"""The French section's paper, Drapeau Rouge: its own masthead, and issue 1 made of three of
Red Banner's articles in French, linked to them as translations (one also in Haitian Creole
for the Haitian section). Loaded by `iskra.press.demo`; idempotent."""

from datetime import date
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model

from iskra.distribution import services as distribution
from iskra.network.models import Collective
from iskra.press import services
from iskra.press.models import Article, Publication

SLUG = "drapeau-rouge"

# (English title of Red Banner's original, French (title, summary, body), Creole or None)
ARTICLES: list[tuple[str, tuple[str, str, str], tuple[str, str, str] | None]] = [
    (
        "Labor Day: 540 papers along the parade route",
        (
            "Fête du travail : 540 journaux le long du cortège",
            "Quatorze camarades et sympathisants ont défilé ; deux nouveaux ont porté des "
            "pancartes.",
            "Quatorze camarades et sympathisants ont rejoint le défilé de la fête du travail "
            "derrière notre banderole. Nous avons diffusé 540 exemplaires du journal et "
            "100 brochures.\n\n"
            "Deux nouveaux sympathisants ont porté des pancartes tout au long du parcours. "
            "L'une d'elles, ouvrière dans un entrepôt, veut en faire plus : elle aidera à "
            "diffuser sur son lieu de travail.\n\n"
            "Beaucoup de manifestants se sont arrêtés pour parler de la guerre et des "
            "prochaines élections. La question la plus fréquente : « Si ce n'est pas eux, "
            "alors quoi ? » Notre réponse est dans ce numéro.",
        ),
        None,
    ),
    (
        "One international workers' party, not electoral parties",
        (
            "Un parti ouvrier international, pas des partis électoraux",
            "",
            "La classe ouvrière a besoin de son propre parti : non pas une machine électorale, "
            "mais une organisation de travailleurs dans chaque entreprise et chaque pays, avec "
            "un seul programme.\n\n"
            "Ce parti n'existe pas encore. Prétendre en être le noyau, ou attendre qu'un autre "
            "mouvement social le construise, ne le fera pas naître. Il se construit par le "
            "chemin lent : des groupes dans les entreprises, un bulletin régulier qui répond "
            "aux questions politiques du moment, et des militants gagnés au programme "
            "communiste.\n\n"
            "Chaque exemplaire de ce journal diffusé à une porte d'usine ou dans une "
            "manifestation est une pièce de ce travail.",
        ),
        None,
    ),
    (
        "What is the state? Not a neutral referee",
        (
            "Qu'est-ce que l'État ? Pas un arbitre neutre",
            "Lire Lénine au cercle d'études.",
            "Notre cercle d'études lit *L'État et la révolution*. Sa première leçon est "
            "simple : l'État naît là où les antagonismes de classe ne peuvent pas être "
            "conciliés. Ce n'est pas un arbitre au-dessus des classes, mais l'instrument de la "
            "classe dominante.\n\n"
            "La police sur un piquet de grève, les tribunaux qui exécutent les expulsions, les "
            "lois qui rendent les grèves illégales : ce ne sont pas des accidents d'un mauvais "
            "gouvernement. C'est à cela que sert l'État. Voilà pourquoi changer ceux qui "
            "siègent au gouvernement ne change pas celui qu'il sert.",
        ),
        (
            "Kisa Leta ye? Se pa yon abit net",
            "Nou li Lenin nan sèk etid la.",
            "Sèk etid nou an ap li *Leta ak revolisyon*. Premye leson li senp: Leta parèt kote "
            "kontradiksyon ant klas yo pa ka rekonsilye. Se pa yon abit ki kanpe anwo klas "
            "yo, se yon zouti klas ki domine a.\n\n"
            "Lapolis sou yon liy grèv, tribinal ki egzekite degèpisman, lwa ki fè grèv yo "
            "ilegal: se pa aksidan yon move gouvènman. Se pou sa Leta la. Se poutèt sa, chanje "
            "moun ki chita nan gouvènman an pa chanje pou ki moun li travay.",
        ),
    ),
]


BYLINES = {
    "Correspondent": {"fr": "Correspondant", "ht": "Korespondan"},
    "Study group": {"fr": "Groupe d'études", "ht": "Gwoup etid"},
}


def load_french_paper() -> bool:
    """Drapeau Rouge and its first issue; False when they exist already."""
    if Publication.objects.filter(slug=SLUG).exists():
        return False
    julien = get_user_model().objects.get(username="julien")
    france = Collective.objects.get(slug="france")
    paper = services.publication_create(
        actor=julien,
        collective=france,
        slug=SLUG,
        kind=Publication.Kind.PAPER,
        names={"fr": "Drapeau Rouge", "ht": "Drapo Wouj"},
        languages=["fr", "ht"],
        schedule=Publication.Schedule.MONTHLY,
        print_format=Publication.PrintFormat.TABLOID,
        bilingual=Publication.Bilingual.SEPARATE,
        mastheads={
            "fr": "Journal des travailleurs communistes internationalistes",
            "ht": "Jounal travayè kominis entènasyonalis yo",
        },
        mottos={
            "fr": "L'émancipation des travailleurs sera l'œuvre des travailleurs eux-mêmes.",
            "ht": "Liberasyon travayè yo se travayè yo menm ki pou fè l.",
        },
    )
    issue = services.issue_create(actor=julien, publication=paper, date=date(2024, 10, 1))
    for index, (english_title, french, creole) in enumerate(ARTICLES):
        original = Article.objects.get(
            title=english_title, translation_of__isnull=True, publication__slug="red-banner"
        )
        versions = [_version(julien, paper, original, "fr", french)]
        if creole:
            versions.append(_version(julien, paper, original, "ht", creole))
        for version in versions:
            for state in (Article.State.REVIEW, Article.State.APPROVED, Article.State.PUBLISHED):
                services.article_set_state(actor=julien, article=version, state=state)
        services.placement_add(
            actor=julien, issue=issue, article=original, page=1 + index // 2, is_lead=index == 0
        )
    for issue_state in ("editing", "ready", "printed", "published"):
        services.issue_set_state(actor=julien, issue=issue, state=issue_state)
    services.printrun_record(
        actor=julien,
        issue=issue,
        copies=400,
        cost=Decimal("180.00"),
        currency="EUR",
        language="fr",
    )
    # Copies for Paris and the car plant, so that their members can log outings with them.
    paris = Collective.objects.get(slug="paris")
    plant = Collective.objects.get(slug="paris-car-plant")
    distribution.bundle_send(actor=None, issue=issue, source=france, collective=paris, copies=250)
    distribution.bundle_send(actor=None, issue=issue, source=paris, collective=plant, copies=80)
    return True


def _version(
    actor: Any, paper: Publication, original: Article, language: str, text: tuple[str, str, str]
) -> Article:
    title, summary, body = text
    version = services.article_translate(
        actor=actor,
        article=original,
        language=language,
        title=title,
        summary=summary,
        body=body,
        publication=paper,
        dateline_country="États-Unis" if language == "fr" else "Etazini",
    )
    byline = BYLINES.get(original.byline, {}).get(language)
    if byline:
        services.article_update(actor=actor, article=version, byline=byline, matches_original=True)
    return version
