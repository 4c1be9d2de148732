"""The JWT apps refuse to start without JWT_SECRET. The real servers get the demo key
from the registry entry; in-process tests import the apps, so they get the same key
here, before any test module is imported."""

import os

from apiguide import registry

os.environ["JWT_SECRET"] = registry.get("python-jose").env["JWT_SECRET"]
