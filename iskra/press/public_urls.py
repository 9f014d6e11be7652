"""The public site, mounted at /p/ without login (see public_views)."""

from django.urls import path

from iskra.press import public_views as views

app_name = "public"
urlpatterns = [
    path("", views.home, name="home"),
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path("houses.css", views.houses_css, name="houses_css"),
    path("search/", views.search, name="search"),
    path("a/<int:pk>/<slug:slug>/", views.article, name="article"),
    path("images/<int:pk>/w/<int:width>.<slug:extension>", views.image_size, name="image_size"),
    path("a/<int:pk>/<slug:slug>/bundle.json", views.article_bundle, name="article_bundle"),
    path("images/<int:pk>/<str:name>", views.image, name="image"),
    path("topics/<slug:slug>/<slug:language>/", views.topic, name="topic"),
    path("confirm/<str:token>/", views.subscribe_confirm, name="subscribe_confirm"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("<slug:slug>/", views.publication, name="publication"),
    path("<slug:slug>/submit/", views.submit, name="submit"),
    path("<slug:slug>/submit/thanks/", views.submit_thanks, name="submit_thanks"),
    path("<slug:slug>/submit/qr.svg", views.submit_qr, name="submit_qr"),
    path("<slug:slug>/subscribe/", views.subscribe, name="subscribe"),
    path("<slug:slug>/<slug:language>/atom.xml", views.feed, name="feed"),
    path("<slug:slug>/<int:number>/<slug:language>/", views.issue, name="issue"),
    path(
        "<slug:slug>/<int:number>/<slug:language>/edition.pdf",
        views.edition_pdf,
        name="edition_pdf",
    ),
    path(
        "<slug:slug>/<int:number>/<slug:language>/front.png",
        views.edition_front,
        name="edition_front",
    ),
]
