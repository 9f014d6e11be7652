import io
from decimal import Decimal

from django.db.models import Sum

from iskra.activities import demo as activities_demo
from iskra.activities.models import Event
from iskra.activities.queries import suggestions_for
from iskra.distribution import demo, queries
from iskra.distribution.models import Outing
from iskra.network import demo as network_demo
from iskra.network.models import Collective


def test_the_demo_loads_twice_and_tells_the_labor_day_and_march_stories(db):
    out = io.StringIO()
    for _ in range(2):
        network_demo.load(out)
        demo.load(out)
        activities_demo.load(out)
    parade = Outing.objects.get(place=demo.LABOR_DAY_PLACE)
    assert parade.members.count() + parade.friends_count == 14
    copies = dict(
        parade.lines.values_list("publication__slug").annotate(total=Sum("copies")).order_by()
    )
    assert copies["red-banner"] == 540
    assert sum(copies.values()) == 640
    assert queries.outing_summaries(parade)["en"].startswith(
        "Fourteen comrades and friends distributed 540 copies of Red Banner and 100 pamphlets"
    )
    assert Outing.objects.filter(collective__slug="los-angeles").count() == 15
    assert Outing.objects.filter(kind="factory_gate").values("shift").distinct().count() == 2
    la = Collective.objects.get(slug="los-angeles")
    assert all(stock.left >= 0 for stock in queries.stock_for(la))
    assert Event.objects.filter(circle__title="State and Revolution").count() == 4
    assert len(suggestions_for(la)) == 2
    march = Outing.objects.get(place=demo.PALESTINE_MARCH_PLACE)
    assert dict(march.lines.values_list("language", "copies")) == {"en": 30, "es": 10}
    assert queries.outing_money_lines(march) == [(Decimal("12.00"), "USD", "donation")]
    met = {link.contact.display_name: link.contact for link in march.contacts_met.all()}
    assert met["M (Green Party sign)"].stage.key == "reader"
    follow_up = met["R"].followups.get()
    assert (follow_up.due_on.month, follow_up.due_on.day) == (11, 6)
    assert queries.outing_summaries(march)["en"].endswith(
        "We collected $12 in donations. We met two people who want to stay in touch."
    )
