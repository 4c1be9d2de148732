#!/usr/bin/env python
"""Scaffold a new framework (CONTRIBUTING.md, "Add a framework").

    python scripts/new_framework.py SLUG "Display Name" --kind asgi|wsgi|own-server

The logic lives in apiguide/scaffold.py.
"""

import sys

from apiguide.scaffold import main

if __name__ == "__main__":
    sys.exit(main())
