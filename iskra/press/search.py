"""Full-text search of published articles, one table per database kind, kept by the services.

SQLite (the embedded default): an FTS5 table `press_article_fts` whose rowid is the article id.
PostgreSQL: a table `press_article_search` with a `tsvector` built with the article language's
text-search configuration (English stemming for English, Spanish for Spanish...), GIN-indexed.
Only published articles are ever in the index, so a search can never reveal a draft; and the
ids found are loaded through `published_articles()` again, so a stale row cannot either.
"""

import re
import unicodedata
from typing import Any

from django.db import connection

from iskra.press.models import Article
from iskra.press.rendering import plain_text

# Language code -> PostgreSQL text-search configuration; others fall back to 'simple'.
POSTGRES_CONFIGS = {
    "en": "english",
    "es": "spanish",
    "fr": "french",
    "pt": "portuguese",
    "de": "german",
    "it": "italian",
}
MAX_QUERY_TERMS = 12

SQLITE_SCHEMA = [
    "CREATE VIRTUAL TABLE IF NOT EXISTS press_article_fts USING fts5("
    "title, body, language UNINDEXED, tokenize='unicode61 remove_diacritics 2')",
]
POSTGRES_SCHEMA = [
    # No foreign key to press_article, as with the SQLite FTS table: Django's flush (tests,
    # `iskra flush`) truncates press_article alone, which PostgreSQL refuses while another
    # table references it. The services take articles out of the index; searches re-read
    # the ids through published_articles(), so a stale row can never show anything.
    "CREATE TABLE IF NOT EXISTS press_article_search ("
    " article_id bigint PRIMARY KEY,"
    " language varchar(10) NOT NULL, document tsvector NOT NULL)",
    "CREATE INDEX IF NOT EXISTS press_article_search_document"
    " ON press_article_search USING gin (document)",
    "CREATE INDEX IF NOT EXISTS press_article_search_language ON press_article_search (language)",
]
DROP_SCHEMA = {
    "sqlite": ["DROP TABLE IF EXISTS press_article_fts"],
    "postgresql": ["DROP TABLE IF EXISTS press_article_search"],
}


def create_schema(schema_editor: Any) -> None:
    statements = {"sqlite": SQLITE_SCHEMA, "postgresql": POSTGRES_SCHEMA}.get(
        schema_editor.connection.vendor, []
    )
    for statement in statements:
        schema_editor.execute(statement)


def drop_schema(schema_editor: Any) -> None:
    for statement in DROP_SCHEMA.get(schema_editor.connection.vendor, []):
        schema_editor.execute(statement)


def fold(text: str) -> str:
    """Without accents, so that "linea" finds "línea" (SQLite's tokenizer does the same;
    PostgreSQL would need the unaccent extension, which needs a superuser to install)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def config_for(language: str) -> str:
    return POSTGRES_CONFIGS.get(language, "simple")


def index_article(article: Article) -> None:
    """Put a published article in the index, or take any other out of it."""
    if not article.is_published:
        unindex_article(article.pk)
        return
    body = " ".join(filter(None, [article.summary, plain_text(article.body), article.byline]))
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "INSERT INTO press_article_search (article_id, language, document) VALUES"
                " (%s, %s, setweight(to_tsvector(%s::regconfig, %s), 'A')"
                " || setweight(to_tsvector(%s::regconfig, %s), 'B'))"
                " ON CONFLICT (article_id) DO UPDATE"
                " SET language = EXCLUDED.language, document = EXCLUDED.document",
                [
                    article.pk,
                    article.language,
                    config_for(article.language),
                    fold(article.title),
                    config_for(article.language),
                    fold(body),
                ],
            )
        else:
            cursor.execute("DELETE FROM press_article_fts WHERE rowid = %s", [article.pk])
            cursor.execute(
                "INSERT INTO press_article_fts (rowid, title, body, language)"
                " VALUES (%s, %s, %s, %s)",
                [article.pk, article.title, body, article.language],
            )


def unindex_article(article_id: int) -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("DELETE FROM press_article_search WHERE article_id = %s", [article_id])
        else:
            cursor.execute("DELETE FROM press_article_fts WHERE rowid = %s", [article_id])


def terms(query: str) -> list[str]:
    return re.findall(r"\w+", query.lower())[:MAX_QUERY_TERMS]


def search_ids(*, language: str, query: str, limit: int = 30) -> list[int]:
    """Ids of published articles in `language` matching every word of `query`, best first."""
    words = terms(query)
    if not words:
        return []
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT article_id FROM press_article_search,"
                " plainto_tsquery(%s::regconfig, %s) query"
                " WHERE language = %s AND document @@ query"
                " ORDER BY ts_rank(document, query) DESC, article_id DESC LIMIT %s",
                [config_for(language), fold(" ".join(words)), language, limit],
            )
        else:
            # Each word quoted (FTS5 syntax cannot leak through); the last one as a prefix.
            match = " ".join(f'"{word}"' for word in words[:-1])
            match = f'{match} "{words[-1]}"*'.strip()
            cursor.execute(
                "SELECT rowid FROM press_article_fts WHERE press_article_fts MATCH %s"
                " AND language = %s ORDER BY rank LIMIT %s",
                [match, language, limit],
            )
        return [row[0] for row in cursor.fetchall()]
