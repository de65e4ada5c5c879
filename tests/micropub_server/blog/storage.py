"""The site's file storage: django-indieweb's media endpoint saves uploads through it under a random name; it
also records each file's original name in the Media index, which the handler lists for `q=source`."""

from django.core.files.storage import FileSystemStorage


class IndexedStorage(FileSystemStorage):
    def _save(self, name, content):
        stored = super()._save(name, content)
        from tests.micropub_server.blog.models import Media  # models load after the storage is configured

        Media.objects.create(
            stored=stored, original=getattr(content, "name", "") or "", mime=getattr(content, "content_type", "") or ""
        )
        return stored
