"""The press's URLs for the permission meta-test. The world's organizer is made an editor of
Los Angeles for these cases (the cast has no editor): members, the Detroit member, the
outsider and the centre must all get 404 from the editorial office."""

from datetime import date

from iskra.core.testing import Case
from iskra.network.models import Membership, Role
from iskra.network.services import membership_create
from iskra.press import services
from iskra.press.models import Article, ArticleImage


def _editor(world):
    if not Membership.objects.active().filter(user=world.organizer, role=Role.EDITOR).exists():
        membership_create(
            actor=None, user=world.organizer, collective=world.los_angeles, role=Role.EDITOR
        )
    return world.organizer


def _paper(world):
    editor = _editor(world)
    publication = world.extra.get("paper")
    if publication is None:
        publication = services.publication_create(
            actor=editor,
            collective=world.los_angeles,
            slug="la-paper",
            kind="paper",
            names={"en": "LA Paper", "es": "Periódico de LA"},
            languages=["en", "es"],
        )
        world.extra["paper"] = publication
    return publication


def _pub(world):
    return {"slug": _paper(world).slug}


def _article(world):
    publication = _paper(world)
    article = services.article_create(
        actor=world.organizer,
        collective=world.los_angeles,
        publication=publication,
        language="en",
        title="A report",
        body="Text.",
    )
    world.extra["article"] = article
    return article


def _article_pk(world):
    return {"pk": _article(world).pk}


def _issue(world):
    publication = _paper(world)
    issue = services.issue_create(
        actor=world.organizer, publication=publication, date=date(2024, 9, 1)
    )
    return {"slug": publication.slug, "number": issue.number}


def _placement(world):
    kwargs = _issue(world)
    article = _article(world)
    issue = world.extra["paper"].issues.get(number=kwargs["number"])
    placement = services.placement_add(actor=world.organizer, issue=issue, article=article)
    return {**kwargs, "pk": placement.pk}


def _submission(world):
    publication = _paper(world)
    submission = services.submission_create(
        publication=publication, body="The line speed went up again.", language="en"
    )
    return {"slug": publication.slug, "pk": submission.pk}


EDITOR_ONLY = {"member": 404, "other": 404, "outsider": 404, "centre": 404}


def _editor_kwargs(world):
    _editor(world)
    return {}


def _image(world):
    from iskra.press.tests.factories import png_upload

    article = _article(world)
    picture = services.image_add(
        actor=world.organizer, article=article, image=png_upload(), alt_text="A picket line"
    )
    return {"pk": article.pk, "image_pk": picture.pk}


MATRIX = [
    Case("press:publications", _editor_kwargs, outsider=200, other=200, member=200, centre=200),
    Case("press:publication_create", _editor_kwargs, **EDITOR_ONLY),
    Case(
        "press:site_export",
        _editor_kwargs,
        method="post",
        data=lambda world: {"base_url": "https://paper.example.org/"},
        organizer=302,
        **EDITOR_ONLY,
    ),
    Case("press:publication", _pub, **EDITOR_ONLY),
    Case("press:publication_edit", _pub, **EDITOR_ONLY),
    Case(
        "press:issue_create",
        _pub,
        method="post",
        data=lambda world: {"date": "2024-10-01"},
        organizer=302,
        **EDITOR_ONLY,
    ),
    Case("press:article_create", _pub, **EDITOR_ONLY),
    Case("press:article_import", _pub, **EDITOR_ONLY),
    Case("press:submissions", _pub, **EDITOR_ONLY),
    Case("press:submission_accept", _submission, method="post", organizer=302, **EDITOR_ONLY),
    Case("press:submission_discard", _submission, method="post", organizer=302, **EDITOR_ONLY),
    Case("press:issue", _issue, **EDITOR_ONLY),
    Case(
        "press:issue_state",
        _issue,
        method="post",
        data=lambda world: {"state": "editing"},
        organizer=302,
        **EDITOR_ONLY,
    ),
    Case(
        "press:placement_add",
        _issue,
        method="post",
        data=lambda world: {"article": _article(world).pk, "page": 1},
        organizer=302,
        **EDITOR_ONLY,
    ),
    Case(
        "press:placement_update",
        _placement,
        method="post",
        data=lambda world: {"page": 2, "order": 1},
        organizer=302,
        **EDITOR_ONLY,
    ),
    Case("press:issue_print", _issue, method="post", organizer=302, **EDITOR_ONLY),
    Case("press:issue_send", _issue, method="post", organizer=302, **EDITOR_ONLY),
    Case("press:placement_remove", _placement, method="post", organizer=302, **EDITOR_ONLY),
    Case(
        "press:print_run_add",
        _issue,
        method="post",
        data=lambda world: {"copies": 500, "cost": "120.00", "currency": "USD"},
        organizer=302,
        **EDITOR_ONLY,
    ),
    Case("press:article", _article_pk, **EDITOR_ONLY),
    Case("press:article_edit", _article_pk, **EDITOR_ONLY),
    Case(
        "press:article_state",
        _article_pk,
        method="post",
        data=lambda world: {"state": Article.State.REVIEW},
        organizer=302,
        **EDITOR_ONLY,
    ),
    Case(
        "press:article_comment",
        _article_pk,
        method="post",
        data=lambda world: {"body": "Shorter, please."},
        organizer=302,
        **EDITOR_ONLY,
    ),
    Case("press:article_translate", _article_pk, **EDITOR_ONLY),
    Case("press:article_image_add", _article_pk, method="post", organizer=302, **EDITOR_ONLY),
    Case("press:article_image_remove", _image, method="post", organizer=302, **EDITOR_ONLY),
]


# The public site: everyone, signed in or not, gets the same published pages.
PUBLIC = {"anonymous": 200, "outsider": 200, "other": 200, "member": 200, "organizer": 200}


def _published(world):
    if "published" not in world.extra:
        publication = _paper(world)
        article = _article(world)
        for state in (Article.State.REVIEW, Article.State.APPROVED, Article.State.PUBLISHED):
            services.article_set_state(actor=world.organizer, article=article, state=state)
        services.article_set_topics(article, ["Strikes"])
        issue = services.issue_create(
            actor=world.organizer, publication=publication, date=date(2024, 9, 1)
        )
        services.placement_add(actor=world.organizer, issue=issue, article=article)
        for state in ("editing", "ready", "printed", "published"):
            services.issue_set_state(actor=world.organizer, issue=issue, state=state)
        world.extra["published"] = (publication, issue, article)
    return world.extra["published"]


def _public_pub(world):
    return {"slug": _published(world)[0].slug}


def _public_issue(world):
    publication, issue, _article_ = _published(world)
    return {"slug": publication.slug, "number": issue.number, "language": "en"}


def _public_edition(world):
    """A published issue whose editions the job queued on publishing has made."""
    from iskra.press.tests.conftest import make_editions

    if "edition" not in world.extra:
        make_editions(_published(world)[1])
        world.extra["edition"] = True
    return _public_issue(world)


def _public_article(world):
    article = _published(world)[2]
    return {"pk": article.pk, "slug": article.slug}


def _public_image(world):
    from iskra.press.tests.factories import png_upload

    article = _published(world)[2]
    picture = services.image_add(
        actor=world.organizer, article=article, image=png_upload(), alt_text="A picket line"
    )
    return {"pk": picture.pk, "name": picture.image_name}


def _public_image_size(world):
    from iskra.press import images

    kwargs = _public_image(world)
    picture = ArticleImage.objects.get(pk=kwargs["pk"])
    return {"pk": picture.pk, "width": images.widths_for(picture)[0], "extension": "webp"}


def _public_topic(world):
    _published(world)
    return {"slug": "strikes", "language": "en"}


def _public_feed(world):
    return {"slug": _published(world)[0].slug, "language": "es"}


def _subscriber(world):
    publication = _published(world)[0]
    return services.subscriber_signup(publication=publication, email="r@example.org", language="en")


def _confirm_token(world):
    from iskra.press.tokens import confirm_token

    return {"token": confirm_token(_subscriber(world))}


def _unsubscribe_token(world):
    from iskra.press.tokens import unsubscribe_token

    return {"token": unsubscribe_token(_subscriber(world))}


MATRIX += [
    Case("public:home", lambda world: _published(world) and {}, **PUBLIC),
    Case("public:sitemap", lambda world: _published(world) and {}, **PUBLIC),
    Case("public:search", lambda world: _published(world) and {}, **PUBLIC),
    Case("public:publication", _public_pub, **PUBLIC),
    Case("public:issue", _public_issue, **PUBLIC),
    Case("public:article", _public_article, **PUBLIC),
    Case("public:article_bundle", _public_article, **PUBLIC),
    Case("public:topic", _public_topic, **PUBLIC),
    Case("public:image", _public_image, **PUBLIC),
    Case("public:image_size", _public_image_size, **PUBLIC),
    Case("public:houses_css", lambda world: {}, **PUBLIC),
    Case("public:edition_pdf", _public_edition, **PUBLIC),
    Case("public:edition_front", _public_edition, **PUBLIC),
    Case("public:feed", _public_feed, **PUBLIC),
    Case("public:submit", _public_pub, **PUBLIC),
    Case("public:submit_thanks", _public_pub, **PUBLIC),
    Case("public:submit_qr", _public_pub, **PUBLIC),
    Case("public:subscribe", _public_pub, **PUBLIC),
    Case("public:subscribe_confirm", _confirm_token, **PUBLIC),
    Case("public:unsubscribe", _unsubscribe_token, **PUBLIC),
]
