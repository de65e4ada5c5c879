"""The test site's own pages, the variants of its endpoint the tests need, and its request log."""

from __future__ import annotations

import html
import json
import threading

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.views.decorators.csrf import csrf_exempt
from indieweb.views import MicropubView

from tests.micropub_server.blog.models import Post

TITLE = "Longhand Micropub Test Site"
_log_lock = threading.Lock()


def _page(title: str, head: str, body: str = "") -> HttpResponse:
    return HttpResponse(
        f"<!doctype html><html><head><meta charset=utf-8><title>{html.escape(title)}</title>{head}</head>"
        f"<body>{body}</body></html>"
    )


def home(request, endpoint: str = "/indieweb/micropub/"):
    """The site's home page, naming its Micropub endpoint as IndieWeb sites do."""
    posts = Post.objects.filter(deleted=False).order_by("-published")
    items = "".join(
        f'<li><a href="{p.path}">{html.escape(str((p.properties.get("name") or [""])[0]))}</a></li>' for p in posts
    )
    return _page(TITLE, f'<link rel="micropub" href="{endpoint}">', f'<ul class="h-feed">{items}</ul>')


def post_page(request, slug: str):
    """A published, public post as readers see it; drafts, private and deleted posts are not found."""
    post = Post.objects.filter(path=f"/posts/{slug}/", deleted=False).first()
    props = post.properties if post else {}
    if not post or props.get("post-status") != ["published"] or props.get("visibility") == ["private"]:
        raise Http404
    content = (props.get("content") or [""])[0]
    content = content.get("html", "") if isinstance(content, dict) else html.escape(str(content))
    name = html.escape(str((props.get("name") or [""])[0]))
    return _page(name, "", f'<article class="h-entry"><h1 class="p-name">{name}</h1>{content}</article>')


def link_header_home(request):
    """A home page naming its endpoint in a Link header only, as the specification also allows."""
    response = _page(TITLE, "")
    response["Link"] = '</indieweb/micropub/>; rel="micropub"'
    return response


# -- variants of the endpoint ----------------------------------------------------------------------------
class FormOnlyMicropubView(MicropubView):
    """A server that takes only the form-encoded create the specification requires (JSON is a MAY): it
    answers a JSON create with 415. Updates, which are JSON by the specification, pass."""

    def post(self, request, *args, **kwargs):
        if request.content_type == "application/json" and "action" not in json.loads(request.body or b"{}"):
            return HttpResponse("unsupported_media_type", status=415, content_type="text/plain")
        return super().post(request, *args, **kwargs)


@csrf_exempt
def sign_in_page(request):
    """What a captive portal or a sign-in wall answers to every request: a web page, with 200."""
    return _page("Sign in", "", "<form method=post><input name=password type=password></form>")


@csrf_exempt
def moved(request):
    """An endpoint that sends its clients elsewhere (another host name for this same server)."""
    return HttpResponseRedirect(
        settings.SITE_URL.replace("127.0.0.1", "localhost") + "/indieweb/micropub/?" + request.GET.urlencode(),
        status=307,
    )


class RequestLog:
    """Middleware: one JSON line per request (host, method, path, which query and form fields it had, whether
    it carried a bearer token), so the tests can see where the token went and how."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        form_keys = (
            sorted(request.POST.keys())
            if request.method == "POST" and request.content_type != "application/json"
            else []
        )
        line = {
            "host": request.get_host(),
            "method": request.method,
            "path": request.path,
            "query": sorted(request.GET.keys()),
            "form": form_keys,
            "content_type": request.content_type,
            "bearer": request.headers.get("authorization", "").lower().startswith("bearer "),
        }
        response = self.get_response(request)
        line["status"] = response.status_code
        with _log_lock, open(settings.REQUEST_LOG, "a", encoding="utf-8") as log:
            log.write(json.dumps(line) + "\n")
        return response
