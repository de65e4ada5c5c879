"""The test Micropub site's addresses."""

from django.conf import settings
from django.urls import include, path, re_path
from django.views.static import serve

from tests.micropub_server.blog import views

urlpatterns = [
    path("", views.home),
    path("posts/<slug:slug>/", views.post_page),
    re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    path("indieweb/", include("indieweb.urls")),
    path("link-header/", views.link_header_home),
    # Sites whose endpoint misbehaves, each with its home page naming it:
    path("form-only/", views.home, {"endpoint": "/form-only/micropub/"}),
    path("form-only/micropub/", views.FormOnlyMicropubView.as_view()),
    path("portal/", views.home, {"endpoint": "/portal/sign-in/"}),
    path("portal/sign-in/", views.sign_in_page),
    path("moved/", views.home, {"endpoint": "/moved/micropub/"}),
    path("moved/micropub/", views.moved),
    path("insecure/", views.home, {"endpoint": "http://micropub.example/endpoint"}),
]
