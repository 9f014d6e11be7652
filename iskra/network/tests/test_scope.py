import pytest
from django.http import Http404

from iskra.network.models import Collective, Role
from iskra.network.scope import Capacity, get_collective_or_404, scope_for
from iskra.network.services import membership_create


def test_member_sees_own_collective_only(member, los_angeles, detroit):
    scope = scope_for(member)
    assert scope.ids(Capacity.VIEW) == {los_angeles.pk}
    assert scope.ids(Capacity.CONTACTS) == {los_angeles.pk}
    assert not scope.ids(Capacity.MANAGE)


def test_organizer_reaches_the_subtree(detroit_plant, detroit, los_angeles, outsider):
    membership_create(actor=None, user=outsider, collective=detroit, role=Role.ORGANIZER)
    scope = scope_for(outsider)
    assert scope.ids(Capacity.CONTACTS) == {detroit.pk, detroit_plant.pk}
    assert los_angeles.pk not in scope.ids(Capacity.VIEW)


def test_centre_sees_aggregates_but_no_contacts(centre, los_angeles, detroit):
    scope = scope_for(centre)
    assert {los_angeles.pk, detroit.pk} <= scope.ids(Capacity.AGGREGATES)
    assert not scope.ids(Capacity.CONTACTS)


def test_outsider_gets_404(outsider, los_angeles):
    with pytest.raises(Http404):
        get_collective_or_404(outsider, los_angeles.slug)


def test_path_is_materialized(detroit_plant):
    usa = Collective.objects.get(slug="usa")
    assert detroit_plant.path.startswith(usa.path)
    assert detroit_plant.depth == 3
