from datetime import date

from iskra.core.testing import Case, World
from iskra.finance import services


def _la(world: World) -> dict[str, str]:
    return {"slug": world.los_angeles.slug}


def _la_transaction(world: World) -> dict[str, object]:
    record = services.simple_record(
        actor=None,
        collective=world.los_angeles,
        on=date.today(),
        description="Rent",
        amount="10",
        debit="rent",
        credit="cash",
    )
    return {"slug": world.los_angeles.slug, "pk": record.pk}


def _transfer_to_la(world: World) -> dict[str, object]:
    transfer = services.transfer_send(
        actor=None, sender=world.usa, receiver=world.los_angeles, amount="5"
    )
    return {"slug": world.los_angeles.slug, "pk": transfer.pk}


def _la_drive(world: World) -> dict[str, object]:
    drive = services.fund_drive_create(
        actor=None,
        collective=world.los_angeles,
        name="Press fund",
        target="1000",
        starts_on=date.today(),
        ends_on=date.today(),
    )
    return {"slug": world.los_angeles.slug, "pk": drive.pk}


def _usa_bundle(world: World) -> dict[str, object]:
    from iskra.distribution.tests import factories

    issue = factories.stocked_paper(world.usa, world.los_angeles)
    return {"slug": world.usa.slug, "pk": issue.bundles.get().pk}


def _price(world: World) -> dict[str, str]:
    return {"price": "12.00"}


def _close_data(world: World) -> dict[str, str]:
    return {"month": date.today().strftime("%Y-%m")}


# The books need the finance capacity (the USA treasurer has it on Los Angeles); the report
# and the fund drives are totals for whoever has aggregates; "my dues" is each member's own.
BOOKS = {"member": 404, "organizer": 404, "centre": 404, "treasurer": 200}
MATRIX = [
    Case("finance:index", outsider=200, other=200, centre=200, treasurer=200),
    Case("finance:books", _la, **BOOKS),
    Case("finance:record", _la, **BOOKS),
    Case(
        "finance:account_new",
        _la,
        method="post",
        member=404,
        organizer=404,
        centre=404,
        treasurer=302,
    ),
    Case(
        "finance:reverse",
        _la_transaction,
        method="post",
        member=404,
        organizer=404,
        centre=404,
        treasurer=302,
    ),
    Case("finance:dues", _la, **BOOKS),
    Case("finance:my_dues", _la, centre=200, treasurer=404),
    Case("finance:close", _la, **BOOKS),
    Case(
        "finance:close",
        _la,
        method="post",
        data=_close_data,
        member=404,
        organizer=404,
        centre=404,
        treasurer=302,
    ),
    Case("finance:transfers", _la, **BOOKS),
    Case(
        "finance:transfer_confirm",
        _transfer_to_la,
        method="post",
        member=404,
        organizer=404,
        centre=404,
        treasurer=302,
    ),
    Case(
        "finance:bundle_price",
        _usa_bundle,
        method="post",
        data=_price,
        member=404,
        organizer=404,
        centre=404,
        treasurer=302,
    ),
    Case("finance:drives", _la, centre=200, treasurer=200),
    Case(
        "finance:drive_money",
        _la_drive,
        method="post",
        member=404,
        organizer=404,
        centre=404,
        treasurer=302,
    ),
    Case("finance:report", _la, centre=200, treasurer=200),
    Case("finance:report_csv", _la, centre=200, treasurer=200),
    Case("finance:report_pdf", _la, centre=200, treasurer=200),
]
