from iskra.core.testing import Case, World
from iskra.distribution.tests import factories


def _la(world: World) -> dict[str, str]:
    return {"slug": world.los_angeles.slug}


def _issue(world: World):
    if "issue" not in world.extra:
        world.extra["issue"] = factories.stocked_paper(world.usa, world.los_angeles)
    return world.extra["issue"]


def _la_issue(world: World) -> dict[str, object]:
    return {"slug": world.los_angeles.slug, "pk": _issue(world).pk}


def _la_outing(world: World) -> dict[str, object]:
    outing = factories.outing(world.member, world.los_angeles, _issue(world))
    return {"slug": world.los_angeles.slug, "pk": outing.pk}


def _la_outing_person(world: World) -> dict[str, object]:
    outing = factories.outing(
        world.member,
        world.los_angeles,
        _issue(world),
        contacts_met=[factories.services.ContactMet(display_name="R")],
    )
    contact = outing.contacts_met.get().contact
    return {"slug": world.los_angeles.slug, "pk": outing.pk, "contact": contact.pk}


def _chart(world: World) -> dict[str, str]:
    return {"slug": world.los_angeles.slug, "name": "weekly"}


MATRIX = [
    Case("distribution:index", outsider=200, other=200),
    Case("distribution:outings", _la, centre=200),
    Case("distribution:outing_new", _la),
    Case("distribution:outing", _la_outing, centre=200),
    Case("distribution:outing_summary", _la_outing, method="post", member=302, organizer=302),
    Case("distribution:outing_to_drafts", _la_outing, method="post", member=302, organizer=302),
    Case("distribution:outing_person_add", _la_outing, method="post", centre=404),
    Case(
        "distribution:outing_person_move_up",
        _la_outing_person,
        method="post",
        member=302,
        organizer=302,
        centre=404,
    ),
    Case("distribution:stock", _la, centre=200),
    Case("distribution:bundle_new", _la, member=404),
    Case("distribution:bundle_receive", _la, member=404, centre=404),
    Case("distribution:stock_adjust", _la, member=404, centre=404),
    Case("distribution:report_monthly", _la, centre=200),
    Case("distribution:report_issue", _la_issue, centre=200),
    Case("distribution:chart", _chart, centre=200),
]
