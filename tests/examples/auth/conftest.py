"""The repository's own auth tests import the example apps in this process, so they get
the suite servers' test-only key and the demo user first, from the registry entry."""

import os

from apiguide import registry

os.environ.update(registry.get("python-jose").env)
