from django.urls import path

from iskra.finance import views

app_name = "finance"
urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>/", views.books, name="books"),
    path("<slug:slug>/record/", views.record, name="record"),
    path("<slug:slug>/accounts/new/", views.account_new, name="account_new"),
    path("<slug:slug>/transactions/<int:pk>/reverse/", views.reverse, name="reverse"),
    path("<slug:slug>/dues/", views.dues, name="dues"),
    path("<slug:slug>/my-dues/", views.my_dues, name="my_dues"),
    path("<slug:slug>/close/", views.close, name="close"),
    path("<slug:slug>/transfers/", views.transfers, name="transfers"),
    path(
        "<slug:slug>/transfers/<int:pk>/confirm/", views.transfer_confirm, name="transfer_confirm"
    ),
    path("<slug:slug>/bundles/<int:pk>/price/", views.bundle_price, name="bundle_price"),
    path("<slug:slug>/drives/", views.drives, name="drives"),
    path("<slug:slug>/drives/<int:pk>/money/", views.drive_money, name="drive_money"),
    path("<slug:slug>/report/", views.report_page, name="report"),
    path("<slug:slug>/report.csv", views.report_csv, name="report_csv"),
    path("<slug:slug>/report.pdf", views.report_pdf, name="report_pdf"),
]
