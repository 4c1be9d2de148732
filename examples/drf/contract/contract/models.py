"""The shared API's `world` table as a Django model: read-only, created and seeded by world.py."""

from django.db import models


class World(models.Model):
    random_number = models.IntegerField(db_column="randomNumber")

    class Meta:
        managed = False  # Django never creates, alters or drops this table
        db_table = "world"
