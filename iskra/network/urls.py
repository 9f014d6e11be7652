from django.urls import path

from iskra.network import views

app_name = "network"
urlpatterns = [
    path("", views.collective_list, name="collectives"),
    path("<slug:slug>/", views.collective_detail, name="collective"),
    path("<slug:slug>/edit/", views.collective_edit, name="collective_edit"),
    path("<slug:slug>/add/", views.collective_add_child, name="collective_add_child"),
    path("<slug:slug>/history/", views.collective_history, name="collective_history"),
    path("<slug:slug>/invitations/new/", views.invitation_create, name="invitation_create"),
    path(
        "<slug:slug>/invitations/<int:pk>/revoke/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path("<slug:slug>/members/<int:pk>/", views.membership_edit, name="membership_edit"),
    path("<slug:slug>/members/<int:pk>/end/", views.membership_end, name="membership_end"),
    path(
        "<slug:slug>/members/<int:pk>/history/",
        views.membership_history,
        name="membership_history",
    ),
]
