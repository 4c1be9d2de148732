"""The Tortoise ORM model behind the FastAPI users example.

Models live in an importable module so Tortoise can find them by name under
any server; the article's ``"__main__"`` only works when run as a script.
"""

from tortoise import fields
from tortoise.models import Model


class User(Model):
    id = fields.IntField(primary_key=True)
    username = fields.CharField(max_length=50, unique=True)

    class Meta:
        table = "users"
