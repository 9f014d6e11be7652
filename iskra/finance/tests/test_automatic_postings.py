"""Nothing typed twice: outings, print runs and bundles post to the books by themselves."""

from decimal import Decimal

from django.utils import timezone

from iskra.audit.models import LogEntry
from iskra.distribution import services as distribution
from iskra.distribution.models import OutingLine
from iskra.distribution.tests import factories
from iskra.finance import queries, services
from iskra.finance.models import Posting, Transaction
from iskra.press import services as press


def _cash(collective):
    return sum(
        Posting.objects.filter(collective=collective, category="cash").values_list(
            "amount_minor", flat=True
        )
    )


def _log(member, collective, issue, money="12.00", currency="USD"):
    return distribution.outing_log(
        actor=member,
        collective=collective,
        starts_at=timezone.now(),
        place="March",
        kind="march",
        lines=[
            distribution.LineInput(issue=issue, copies=30, money=Decimal(money), currency=currency)
        ],
    )


def test_an_outing_with_money_posts_paper_sales(usa, los_angeles, member):
    issue = factories.stocked_paper(usa, los_angeles)
    outing = _log(member, los_angeles, issue)
    record = Transaction.objects.get(source_type="distribution.outing", source_id=outing.pk)
    assert record.kind == "outing"
    assert _cash(los_angeles) == 1200
    sales = queries.paper_sales_by_issue([los_angeles.pk], outing.day, outing.day)
    assert sales == [(issue, Decimal("12.00"), "USD")]


def test_a_changed_outing_is_corrected_and_a_deleted_one_reversed(usa, los_angeles, member):
    issue = factories.stocked_paper(usa, los_angeles)
    outing = _log(member, los_angeles, issue)
    OutingLine.objects.filter(outing=outing).update(money=Decimal("15.00"))
    services.outing_post(actor=member, outing=outing)
    assert _cash(los_angeles) == 1500
    assert Transaction.objects.filter(kind="reversal").count() == 1
    services.outing_post(actor=member, outing=outing)  # unchanged: nothing new
    assert Transaction.objects.count() == 3
    services.outing_unpost(actor=member, outing_id=outing.pk)
    assert _cash(los_angeles) == 0


def test_outing_money_in_a_currency_without_a_rate_is_left_to_the_treasurer(
    usa, los_angeles, member
):
    issue = factories.stocked_paper(usa, los_angeles)
    outing = _log(member, los_angeles, issue, currency="EUR")
    assert OutingLine.objects.filter(outing=outing).exists()
    assert not Transaction.objects.filter(source_id=outing.pk, kind="outing").exists()
    assert LogEntry.objects.filter(action="finance.outing.not_posted").count() == 1


def test_a_print_run_posts_printing_at_the_publishing_collective(usa, international):
    from conftest import make_user
    from iskra.network.models import Role
    from iskra.network.services import membership_create

    paper = factories.publication(usa)
    issue = factories.printed_issue(paper, copies=0)
    editor = make_user("eddie", two_factor=True)
    membership_create(actor=None, user=editor, collective=usa, role=Role.EDITOR)
    press.printrun_record(actor=editor, issue=issue, copies=500, cost=Decimal("310.40"))
    assert _cash(usa) == -31040
    summary = queries.period_summary(
        collectives=[usa], start=timezone.localdate(), end=timezone.localdate()
    )
    assert summary.expenses_by_category == {"printing": Decimal("310.40")}


def test_a_bundle_with_a_price_is_owed_by_the_receiver(usa, los_angeles, treasurer):
    issue = factories.stocked_paper(usa, los_angeles)
    bundle = issue.bundles.first()
    services.bundle_charge(actor=treasurer, bundle=bundle, price="50.00")
    owed_by = Posting.objects.get(collective=usa, category="owed-by")
    owed_to = Posting.objects.get(collective=los_angeles, category="owed-to")
    assert (owed_by.amount_minor, owed_by.counterparty) == (5000, los_angeles)
    assert (owed_to.amount_minor, owed_to.counterparty) == (-5000, usa)
    day = bundle.sent_on
    both = queries.period_summary(collectives=[usa, los_angeles], start=day, end=day)
    assert both.income_by_category == {} and both.expenses_by_category == {}
