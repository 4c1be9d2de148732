"""The Tortoise ORM model behind the FastAPI users example.

Models live in their own module so Tortoise can import them by name under any
server; the article's ``"__main__"`` only works when the app is run as a script.
"""

from tortoise import fields
from tortoise.models import Model


class User(Model):
    id = fields.IntField(primary_key=True)
    username = fields.CharField(max_length=50, unique=True)

    class Meta:
        table = "users"
