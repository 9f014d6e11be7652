from django.urls import path

from iskra.press import views

app_name = "press"
urlpatterns = [
    path("", views.publication_list, name="publications"),
    path("new/", views.publication_create, name="publication_create"),
    path("export-site/", views.site_export, name="site_export"),
    path("articles/<int:pk>/", views.article_detail, name="article"),
    path("articles/<int:pk>/edit/", views.article_edit, name="article_edit"),
    path("articles/<int:pk>/state/", views.article_state, name="article_state"),
    path("articles/<int:pk>/comment/", views.article_comment, name="article_comment"),
    path("articles/<int:pk>/translate/", views.article_translate, name="article_translate"),
    path("articles/<int:pk>/images/", views.article_image_add, name="article_image_add"),
    path(
        "articles/<int:pk>/images/<int:image_pk>/remove/",
        views.article_image_remove,
        name="article_image_remove",
    ),
    path("<slug:slug>/", views.publication_detail, name="publication"),
    path("<slug:slug>/edit/", views.publication_edit, name="publication_edit"),
    path("<slug:slug>/issues/new/", views.issue_create, name="issue_create"),
    path("<slug:slug>/articles/new/", views.article_create, name="article_create"),
    path("<slug:slug>/articles/take/", views.article_import, name="article_import"),
    path("<slug:slug>/submissions/", views.submission_list, name="submissions"),
    path(
        "<slug:slug>/submissions/<int:pk>/accept/",
        views.submission_accept,
        name="submission_accept",
    ),
    path(
        "<slug:slug>/submissions/<int:pk>/discard/",
        views.submission_discard,
        name="submission_discard",
    ),
    path("<slug:slug>/<int:number>/", views.issue_detail, name="issue"),
    path("<slug:slug>/<int:number>/state/", views.issue_state, name="issue_state"),
    path("<slug:slug>/<int:number>/place/", views.placement_add, name="placement_add"),
    path(
        "<slug:slug>/<int:number>/placements/<int:pk>/",
        views.placement_update,
        name="placement_update",
    ),
    path(
        "<slug:slug>/<int:number>/placements/<int:pk>/remove/",
        views.placement_remove,
        name="placement_remove",
    ),
    path("<slug:slug>/<int:number>/print/", views.issue_print, name="issue_print"),
    path("<slug:slug>/<int:number>/send/", views.issue_send, name="issue_send"),
    path("<slug:slug>/<int:number>/print-runs/", views.print_run_add, name="print_run_add"),
]
