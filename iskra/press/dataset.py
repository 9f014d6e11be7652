"""Synthetic press data for benchmarks: a bench paper in English and Spanish with published
articles (half originals, half their translations), in issues of 20, indexed for search."""

import random
from datetime import date, timedelta
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from iskra.network.models import Collective
from iskra.press import search
from iskra.press.models import Article, Issue, IssuePlacement, Publication

BENCH_COLLECTIVE = "bench-press"
BENCH_PAPER = "bench-paper"
ARTICLES = 50_000
PER_ISSUE = 20
CHUNK = 1000

WORDS = {
    "en": [
        "workers",
        "strike",
        "union",
        "plant",
        "wages",
        "shift",
        "line",
        "boss",
        "speed",
        "safety",
        "rent",
        "police",
        "state",
        "election",
        "party",
        "march",
        "war",
        "capital",
        "profit",
        "contract",
        "overtime",
        "nurse",
        "dockers",
        "miners",
        "organize",
        "council",
        "assembly",
        "solidarity",
        "factory",
        "warehouse",
        "picket",
        "layoffs",
        "inflation",
    ],
    "es": [
        "trabajadores",
        "huelga",
        "sindicato",
        "planta",
        "salarios",
        "turno",
        "línea",
        "patrón",
        "velocidad",
        "seguridad",
        "renta",
        "policía",
        "estado",
        "elección",
        "partido",
        "marcha",
        "guerra",
        "capital",
        "ganancia",
        "contrato",
        "horas",
        "enfermera",
        "estibadores",
        "mineros",
        "organizar",
        "consejo",
        "asamblea",
        "solidaridad",
        "fábrica",
        "bodega",
        "piquete",
        "despidos",
        "inflación",
    ],
}


# A Zipf-like vocabulary: the topical words above sit among 3,000 filler words at moderate
# ranks, so that a search term matches a realistic share of the articles (not all of them).
SYLLABLES = ["ka", "lo", "mi", "ter", "san", "do", "ri", "ven", "pa", "tu", "ne", "gor", "al"]
FILLER = sorted(
    {"".join(random.Random(index).choices(SYLLABLES, k=2 + index % 3)) for index in range(6000)}
)[:3000]


def _vocabulary(language: str) -> tuple[list[str], list[float]]:
    words = list(FILLER)
    for offset, word in enumerate(WORDS[language]):
        words.insert(200 + 30 * offset, word)
    return words, [1 / (rank + 1) for rank in range(len(words))]


VOCABULARY = {language: _vocabulary(language) for language in WORDS}


def generate(*, contacts: int, rng: random.Random, out: Any) -> None:
    ensure_articles(ARTICLES, rng=rng, out=out)


def bench_publication() -> Publication:
    collective = Collective.objects.filter(slug=BENCH_COLLECTIVE).first()
    if collective is None:
        collective = Collective.objects.create(
            slug=BENCH_COLLECTIVE, name="Bench press", kind="international", languages=["en"]
        )
        collective.path = f"/{collective.pk}/"
        collective.save(update_fields=["path"])
    publication, _created = Publication.objects.get_or_create(
        slug=BENCH_PAPER,
        defaults={
            "collective": collective,
            "kind": Publication.Kind.PAPER,
            "names": {"en": "Bench Paper", "es": "Periódico de prueba"},
            "languages": ["en", "es"],
            "mastheads": {"en": "For benchmarks", "es": "Para pruebas"},
        },
    )
    return publication


def _sentence(language: str, rng: random.Random, length: int) -> str:
    vocabulary, weights = VOCABULARY[language]
    words = rng.choices(vocabulary, weights=weights, k=length)
    return " ".join(words).capitalize() + "."


def _text(language: str, rng: random.Random) -> str:
    return "\n\n".join(
        " ".join(_sentence(language, rng, rng.randint(8, 18)) for _ in range(4)) for _ in range(4)
    )


def ensure_articles(total: int, *, rng: random.Random, out: Any) -> Publication:
    """Bring the bench paper to `total` published articles (originals plus translations)."""
    publication = bench_publication()
    existing = Article.objects.filter(
        publication=publication, state=Article.State.PUBLISHED
    ).count()
    while existing < total:
        pairs = min(CHUNK, (total - existing + 1) // 2)
        _add_pairs(publication, pairs, rng)
        existing += 2 * pairs
        out.write(f"bench articles: {existing}\n")
    analyze()
    return publication


def analyze() -> None:
    """Fresh planner statistics after a bulk load, as autovacuum would give them in time."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


@transaction.atomic
def _add_pairs(publication: Publication, pairs: int, rng: random.Random) -> None:
    collective = publication.collective
    now = timezone.now()
    originals = Article.objects.bulk_create(
        [
            Article(
                collective=collective,
                publication=publication,
                language="en",
                state=Article.State.PUBLISHED,
                title=_sentence("en", rng, 6)[:-1],
                slug="bench",
                body=_text("en", rng),
                dateline_place="Detroit",
                dateline_country="USA",
                published_at=now - timedelta(minutes=rng.randint(0, 500_000)),
            )
            for _ in range(pairs)
        ]
    )
    translations = Article.objects.bulk_create(
        [
            Article(
                collective=collective,
                publication=publication,
                language="es",
                translation_of=original,
                source_version=1,
                state=Article.State.PUBLISHED,
                title=_sentence("es", rng, 6)[:-1],
                slug="bench",
                body=_text("es", rng),
                published_at=original.published_at,
            )
            for original in originals
        ]
    )
    highest = Issue.objects.filter(publication=publication).order_by("-number").first()
    number = highest.number if highest else 0
    placements = []
    for start in range(0, len(originals), PER_ISSUE):
        number += 1
        issue = Issue.objects.create(
            publication=publication,
            number=number,
            date=date(2000, 1, 1) + timedelta(days=number),
            state=Issue.State.PUBLISHED,
            published_at=now,
        )
        placements += [
            IssuePlacement(issue=issue, article=article, page=1 + index // 4, order=index)
            for index, article in enumerate(originals[start : start + PER_ISSUE])
        ]
    IssuePlacement.objects.bulk_create(placements)
    for article in [*originals, *translations]:
        search.index_article(article)
