"""The shared API's `world` table as a Django model (read-only, in its own database)."""

from django.db import models


# --8<-- [start:world]
class World(models.Model):
    random_number = models.IntegerField(db_column="randomNumber")

    class Meta:
        managed = False  # the table is created and seeded by examples/common/world.py
        db_table = "world"


# --8<-- [end:world]
