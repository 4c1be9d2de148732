"""The contract's routes, at the site root."""

from django.urls import path

from contract import views

urlpatterns = [
    path("json", views.json_hello),
    path("plaintext", views.plaintext),
    path("items/<str:item_id>", views.read_item),  # any text: the serializer validates it
    path("items", views.create_item),
    path("io", views.io),
    path("db", views.db_row),
]
