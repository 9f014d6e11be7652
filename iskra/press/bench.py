"""`iskra bench --only press`: printing, the static export, article pages and search.

Scale: ISKRA_BENCH_PRESS_EXPORT_ARTICLES (default 10,000) articles for the export and
ISKRA_BENCH_PRESS_ARTICLES (default 50,000) for the page and search percentiles; both are
half originals and half their Spanish translations. ISKRA_BENCH_PRESS_TABLOID_PAGES (8) and
ISKRA_BENCH_PRESS_BOOKLET_PAGES (32) size the tabloid and the imposed booklet. The data
stays in the database (a bench paper under the collective `bench-press`), so later runs only
add what is missing.
"""

import os
import random
import resource
import tempfile
import time
import tracemalloc
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection
from django.test import Client, override_settings

from iskra.core.benchmarks import BenchContext, Result, p95_ms, timed
from iskra.press import dataset, export, printing, search
from iskra.press.demo import demo_picture
from iskra.press.models import Article, ArticleImage, Issue, IssuePlacement, Publication

GROUP = "press"
SEARCH_WORDS = ["strike", "wages", "safety", "police", "contract", "overtime", "picket"]


def _scale(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


def run(context: BenchContext) -> list[Result]:
    rng = random.Random(1917)
    results = [*_print_results(context, rng)]
    export_articles = _scale("ISKRA_BENCH_PRESS_EXPORT_ARTICLES", 10_000)
    publication = dataset.ensure_articles(export_articles, rng=rng, out=context.out)
    results += _export_results(context, export_articles)
    results.append(_impose_result(context, _scale("ISKRA_BENCH_PRESS_BOOKLET_PAGES", 32)))
    dataset.ensure_articles(_scale("ISKRA_BENCH_PRESS_ARTICLES", 50_000), rng=rng, out=context.out)
    results += _page_and_search_results(context, publication, rng)
    return results


# Printing


def _print_issue(
    publication: Publication, rng: random.Random, pages: int, pictures: int = 0
) -> Issue:
    """A fresh issue of the bench paper filled with `pages` pages' worth of articles, the
    first `pictures` of them with a picture; ready to print (not a proof)."""
    number = (publication.issues.order_by("-number").first() or Issue(number=0)).number + 1
    issue = Issue.objects.create(
        publication=publication, number=number, date=date(2024, 9, 15), state=Issue.State.READY
    )
    for page in range(1, pages + 1):
        for order in range(3):  # three articles a page fill a tabloid page
            article = Article.objects.create(
                collective=publication.collective,
                publication=publication,
                language="en",
                title=dataset._sentence("en", rng, 6)[:-1],
                slug="print-bench",
                body=dataset._text("en", rng),
                dateline_place="Detroit",
                dateline_country="USA",
                dateline_date=date(2024, 9, 9),
            )
            IssuePlacement.objects.create(
                issue=issue,
                article=article,
                page=page,
                order=order,
                is_lead=page == 1 and order == 0,
            )
            if pictures > 0:
                pictures -= 1
                ArticleImage.objects.create(
                    article=article,
                    image=default_storage.save(
                        f"press/images/bench/{article.pk}.jpg", demo_picture(article.pk)
                    ),
                    alt_text="A crowd with a red banner",
                    caption="Drawn for the bench.",
                )
    return issue


def _measure_print(name: str, issue: Issue, target: float, context: BenchContext) -> list[Result]:
    pages = len(printing.render_document(issue, language="en").pages)  # also warms fonts

    def render() -> None:
        printing.issue_pdf(issue, language="en")

    seconds = min(timed(render) for _ in range(3))
    tracemalloc.start()
    printing.issue_pdf(issue, language="en")
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    # Baseline: WeasyPrint laying out the same text as one plain column, without our CSS.
    from weasyprint import HTML

    plain = "".join(
        f"<h2>{p.article.title}</h2><p>{p.article.body}</p>"
        for p in issue.placements.select_related("article")
    )
    baseline = min(timed(lambda: HTML(string=plain).write_pdf()) for _ in range(2))
    context.say(f"{name}: {seconds:.2f} s, {pages} pages, peak {peak / 2**20:.0f} MiB")
    return [
        Result(
            f"press.{name}_s",
            seconds,
            "s",
            f"<= {target} s",
            baseline=baseline,
            ratio=seconds / baseline,
            note=f"{pages} pages; baseline: same text, one plain column",
            met=seconds <= target,
        ),
        Result(
            f"press.{name}_peak_mb",
            peak / 2**20,
            "MiB",
            "report",
            note="Python allocations (tracemalloc) during one render",
        ),
    ]


def _print_results(context: BenchContext, rng: random.Random) -> list[Result]:
    publication = dataset.bench_publication()
    pages = _scale("ISKRA_BENCH_PRESS_TABLOID_PAGES", 8)
    tabloid = _print_issue(publication, rng, pages=pages, pictures=8)
    results = _measure_print("print_tabloid", tabloid, 3.0, context)
    sheet_paper, _created = Publication.objects.get_or_create(
        slug="bench-sheet",
        defaults={
            "collective": publication.collective,
            "kind": Publication.Kind.NEWSLETTER,
            "names": {"en": "Bench Sheet"},
            "languages": ["en"],
            "print_format": Publication.PrintFormat.LETTER_SHEET,
        },
    )
    sheet = _print_issue(sheet_paper, rng, pages=0)
    for page, count in ((1, 1), (2, 3)):
        for order in range(count):
            article = Article.objects.create(
                collective=sheet_paper.collective,
                publication=sheet_paper,
                language="en",
                title=dataset._sentence("en", rng, 5)[:-1],
                slug="sheet-bench",
                body=dataset._text("en", rng)[: 600 if page == 2 else 1800],
            )
            IssuePlacement.objects.create(issue=sheet, article=article, page=page, order=order)
    results += _measure_print("print_sheet", sheet, 1.5, context)
    return results


# The static export


@dataclass
class _Timed:
    """An export with its wall time, this process's CPU time, its child processes' CPU time
    (Pagefind) and the load average when it ended (the machine may be shared)."""

    result: export.ExportResult
    cpu: float
    children_cpu: float
    load: float

    @property
    def note(self) -> str:
        return (
            f"CPU {self.cpu:.1f} s + Pagefind {self.children_cpu:.1f} s, "
            f"load {self.load:.1f} on {os.cpu_count()} cores"
        )


def _timed_export(directory: Path, *, search_index: bool = True) -> _Timed:
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = time.process_time()
    result = export.export_site(
        directory, base_url="https://bench.example.org", search_index=search_index
    )
    cpu = time.process_time() - cpu
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    children_cpu = max(0.0, after.ru_utime + after.ru_stime - children.ru_utime - children.ru_stime)
    return _Timed(result, cpu, children_cpu, os.getloadavg()[0])


def _prepare_editions(context: BenchContext, issues: int) -> None:
    """A live site has each published issue's editions, made by the job queued on
    publishing. Printing all of the bench's (250 issues, 500 tabloid editions of a minute's
    layout each) would take hours, so the newest `issues` issues get theirs, made by the
    same code (and kept between runs); the export lists the others as missing."""
    call_command(
        "make_editions",
        "--publication",
        dataset.bench_publication().slug,
        "--limit",
        str(issues),
        stdout=context.out,
    )


def _export_results(context: BenchContext, articles: int) -> list[Result]:
    """A full export, then the same folder exported again after one article changed (with
    and without the Pagefind index)."""
    published = Article.objects.filter(state=Article.State.PUBLISHED).count()
    _prepare_editions(context, _scale("ISKRA_BENCH_PRESS_EDITIONS", 1))
    with tempfile.TemporaryDirectory() as directory:
        full = _timed_export(Path(directory))
        changed = Article.objects.filter(state=Article.State.PUBLISHED).order_by("pk").first()
        incremental = []
        for search_index in (True, False):
            if changed is not None:
                changed.body += " Updated."
                changed.save(update_fields=["body", "updated_at"])
            incremental.append(_timed_export(Path(directory), search_index=search_index))
    with_search, without_search = incremental
    first, again = full.result, with_search.result
    editions = (
        f"{first.edition_files} edition files (PDF, front page) copied, "
        f"{len(first.missing_editions)} editions not made yet"
    )
    context.say(
        f"export: {first.pages} pages, {first.feeds} feeds in {first.seconds:.1f} s "
        f"({full.note}; {published} published articles; {editions}); search: {first.search}; "
        f"again after one change: {again.seconds:.2f} s ({with_search.note}; "
        f"{again.articles_rendered} article made again, search {again.search}), "
        f"{without_search.result.seconds:.2f} s without the index ({without_search.note})"
    )
    ratio = again.seconds / first.seconds if first.seconds else 0.0
    big = published >= 10_000
    return [
        Result(
            "press.export_site_s",
            first.seconds,
            "s",
            "<= 120 s for 10,000 articles",
            note=f"{published} published articles, {first.pages} pages; {full.note}; "
            f"{editions}; search: {first.search}",
            met=first.seconds <= 120 if big else None,
        ),
        Result(
            "press.export_incremental_s",
            again.seconds,
            "s",
            "<= 5 s and <= 1/8 of a full export",
            baseline=first.seconds,
            ratio=ratio,
            note=f"one article changed, {again.articles_rendered} page made again, "
            f"{again.written} files written; {with_search.note}; search: {again.search}",
            met=(again.seconds <= 5 and ratio <= 1 / 8) if big else None,
        ),
        Result(
            "press.export_incremental_nosearch_s",
            without_search.result.seconds,
            "s",
            "report",
            baseline=first.seconds,
            ratio=without_search.result.seconds / first.seconds if first.seconds else 0.0,
            note=f"the same without the search index (--no-search); {without_search.note}",
        ),
    ]


def _impose_result(context: BenchContext, pages: int) -> Result:
    """Imposing a booklet of `pages` A5 pages for saddle stitching."""
    from weasyprint import HTML

    body = "".join(
        f'<section style="break-before: page"><h1>Page {n}</h1><p>{"Text. " * 200}</p></section>'
        for n in range(pages)
    )
    pdf = bytes(HTML(string=f"<style>@page {{ size: A5 }}</style>{body}").write_pdf())
    seconds = min(timed(lambda: printing.impose_booklet(pdf)) for _ in range(3))
    context.say(f"booklet imposition: {pages} pages in {seconds:.3f} s")
    return Result(
        "press.booklet_impose_s",
        seconds,
        "s",
        "<= 1 s",
        note=f"{pages} A5 pages onto {pages // 4} sheets (pypdf)",
        met=seconds <= 1.0,
    )


# Article pages and search


def _page_and_search_results(
    context: BenchContext, publication: Publication, rng: random.Random
) -> list[Result]:
    ids = list(
        Article.objects.filter(publication=publication, state=Article.State.PUBLISHED).values_list(
            "pk", "slug"
        )
    )
    total = len(ids)
    client = Client()
    with override_settings(ALLOWED_HOSTS=["testserver"], SECURE_SSL_REDIRECT=False):

        def page() -> None:
            pk, slug = rng.choice(ids)
            response = client.get(f"/p/a/{pk}/{slug}/")
            assert response.status_code == 200, response.status_code

        page_ms = p95_ms(page, repeat=200)

        def raw_page() -> None:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT title, body FROM press_article WHERE id = %s AND state = %s",
                    [rng.choice(ids)[0], "published"],
                )
                cursor.fetchone()

        raw_page_ms = p95_ms(raw_page, repeat=200)

        def search_page() -> None:
            words = " ".join(rng.sample(SEARCH_WORDS, 2))
            response = client.get("/p/search/", {"q": words, "language": "en"})
            assert response.status_code == 200

        search_ms = p95_ms(search_page, repeat=100)

        def raw_search() -> None:
            search.search_ids(language="en", query=" ".join(rng.sample(SEARCH_WORDS, 2)))

        raw_search_ms = p95_ms(raw_search, repeat=100)
    context.say(
        f"article page p95 {page_ms:.1f} ms (raw {raw_page_ms:.2f}); "
        f"search p95 {search_ms:.1f} ms (raw {raw_search_ms:.1f}) over {total} articles"
    )
    return [
        Result(
            "press.article_page_p95_ms",
            page_ms,
            "ms",
            "<= 30 ms over 50,000 articles",
            baseline=raw_page_ms,
            ratio=page_ms / raw_page_ms if raw_page_ms else None,
            note=f"{total} articles; baseline: the raw SELECT by id",
            met=page_ms <= 30,
        ),
        Result(
            "press.search_p95_ms",
            search_ms,
            "ms",
            "<= 100 ms over 50,000 articles",
            baseline=raw_search_ms,
            ratio=search_ms / raw_search_ms if raw_search_ms else None,
            note=f"{total} articles; two words; baseline: the raw full-text query "
            f"({connection.vendor})",
            met=search_ms <= 100,
        ),
    ]
