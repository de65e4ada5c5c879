"""Runs the test Micropub site: `python -m tests.micropub_server.serve DATA_DIR`, with one JSON line on
standard input, `[{"key": TOKEN, "scope": "create update …"}, …]` (tokens never go in argv).

Sets up the SQLite database (migrations), a user, the Site row and the tokens (django-indieweb keeps only
their HMACs), binds 127.0.0.1 on a free port, prints the port and serves with Django's threaded WSGI server
until it is terminated."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path


def main() -> None:
    data = Path(sys.argv[1])
    data.mkdir(parents=True, exist_ok=True)
    os.environ["MICROPUB_TEST_DATA"] = str(data)
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.micropub_server.settings"
    tokens = json.loads(sys.stdin.readline())

    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.contrib.sites.models import Site
    from django.core.management import call_command
    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
    from django.core.wsgi import get_wsgi_application
    from indieweb.models import Token

    call_command("migrate", run_syncdb=True, verbosity=0, interactive=False)
    server = ThreadedWSGIServer(("127.0.0.1", 0), WSGIRequestHandler)
    port = server.server_address[1]
    settings.SITE_URL = f"http://127.0.0.1:{port}"
    Site.objects.update_or_create(id=1, defaults={"domain": f"127.0.0.1:{port}", "name": "Longhand Micropub Test"})
    author = User.objects.create_user("author")
    for token in tokens:
        Token.objects.create(
            key=token["key"],
            owner=author,
            client_id="https://longhand.example/",
            me=settings.SITE_URL + "/",
            scope=token["scope"],
        )
    server.set_app(get_wsgi_application())
    print(port, flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
