from django.urls import path

from iskra.people import views

app_name = "people"
urlpatterns = [
    path("followups/", views.followups, name="followups"),
    path("followups/<int:pk>/done/", views.followup_done, name="followup_done"),
    path("followups/<int:pk>/snooze/", views.followup_snooze, name="followup_snooze"),
    path("contact/<int:pk>/", views.contact_detail, name="contact"),
    path("contact/<int:pk>/edit/", views.contact_edit, name="contact_edit"),
    path("contact/<int:pk>/conversation/", views.conversation_add, name="conversation_add"),
    path("contact/<int:pk>/stage/", views.stage_change, name="stage_change"),
    path("c/<slug:slug>/", views.contact_list, name="contacts"),
    path("c/<slug:slug>/add/", views.contact_add, name="contact_add"),
    path("c/<slug:slug>/add/same-name/", views.same_name, name="same_name"),
    path("c/<slug:slug>/bulk/", views.bulk, name="bulk"),
    path("c/<slug:slug>/workplace/", views.workplace_map, name="workplace_map"),
    path("c/<slug:slug>/import/", views.import_contacts, name="import"),
    path("c/<slug:slug>/import/<uuid:pk>/", views.import_columns, name="import_columns"),
    path("c/<slug:slug>/export.csv", views.export_contacts, name="export"),
    path("c/<slug:slug>/duplicates/", views.duplicates, name="duplicates"),
    path("c/<slug:slug>/duplicates/merge/", views.merge, name="merge"),
    path("c/<slug:slug>/stale/", views.stale, name="stale"),
    path("c/<slug:slug>/subscribe/", views.subscribe_contacts, name="subscribe_contacts"),
]
