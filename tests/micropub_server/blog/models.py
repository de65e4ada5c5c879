"""The test site's posts and its index of uploaded files."""

from django.db import models


class Post(models.Model):
    """One h-entry, its Micropub properties kept as they were sent (lists of values)."""

    path = models.CharField(max_length=300, unique=True)  # "/posts/<slug>/"
    properties = models.JSONField(default=dict)
    deleted = models.BooleanField(default=False)
    published = models.DateTimeField()
    updated = models.DateTimeField()


class Media(models.Model):
    """A file the media endpoint stored: under a random name, so its original name is kept here."""

    stored = models.CharField(max_length=300, unique=True)
    original = models.CharField(max_length=300)
    mime = models.CharField(max_length=100)
    uploaded = models.DateTimeField(auto_now_add=True)
