"""The model: a book with a title and an author. It stays as it is in the move."""

from django.db import models


class Book(models.Model):
    title = models.CharField(max_length=200)
    author = models.CharField(max_length=100)

    class Meta:
        ordering = ["id"]
