from iskra.core.testing import Case
from iskra.network.models import Membership
from iskra.network.services import invitation_create


def _la(world):
    return {"slug": world.los_angeles.slug}


def _la_membership(world):
    membership = Membership.objects.get(user=world.member, collective=world.los_angeles)
    return {"slug": world.los_angeles.slug, "pk": membership.pk}


def _la_invitation(world):
    invitation, _token = invitation_create(actor=world.organizer, collective=world.los_angeles)
    return {"slug": world.los_angeles.slug, "pk": invitation.pk}


MATRIX = [
    Case("network:collectives", outsider=200, other=200),
    Case("network:collective", _la, centre=200),
    Case("network:collective_edit", _la, member=404, centre=404),
    Case("network:collective_add_child", _la, member=404, centre=404),
    Case("network:collective_history", _la, member=404, centre=404),
    Case("network:invitation_create", _la, member=404, centre=404),
    Case("network:invitation_revoke", _la_invitation, method="post", member=404, organizer=302),
    Case("network:membership_edit", _la_membership, member=404),
    Case("network:membership_end", _la_membership, method="post", member=404, organizer=302),
    Case("network:membership_history", _la_membership, member=404, centre=404),
]
