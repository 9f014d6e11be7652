from django.urls import path

from iskra.distribution import views

app_name = "distribution"
urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>/outings/", views.outing_list, name="outings"),
    path("<slug:slug>/outings/new/", views.outing_new, name="outing_new"),
    path("<slug:slug>/outings/<int:pk>/", views.outing_detail, name="outing"),
    path("<slug:slug>/outings/<int:pk>/summary/", views.outing_summary, name="outing_summary"),
    path("<slug:slug>/outings/<int:pk>/drafts/", views.outing_to_drafts, name="outing_to_drafts"),
    path("<slug:slug>/outings/<int:pk>/people/", views.outing_person_add, name="outing_person_add"),
    path(
        "<slug:slug>/outings/<int:pk>/people/<int:contact>/up/",
        views.outing_person_move_up,
        name="outing_person_move_up",
    ),
    path("<slug:slug>/stock/", views.stock, name="stock"),
    path("<slug:slug>/stock/received/", views.bundle_receive, name="bundle_receive"),
    path("<slug:slug>/stock/adjust/", views.stock_adjust, name="stock_adjust"),
    path("<slug:slug>/bundles/new/", views.bundle_new, name="bundle_new"),
    path("<slug:slug>/reports/", views.report_monthly, name="report_monthly"),
    path("<slug:slug>/reports/issues/<int:pk>/", views.report_issue, name="report_issue"),
    path("<slug:slug>/reports/charts/<slug:name>.svg", views.chart, name="chart"),
]
