from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from iskra.network.queries import collective_tree
from iskra.network.scope import Capacity, visible_collectives
from iskra.people.queries import followup_counts


@login_required
def home(request: HttpRequest) -> HttpResponse:
    board = followup_counts(request.user)
    return render(
        request,
        "core/home.html",
        {
            "collectives": collective_tree(request.user),
            "contact_collectives": visible_collectives(request.user, Capacity.CONTACTS),
            "due_now": board.due_now,
            "due_week": board.due_week,
        },
    )
