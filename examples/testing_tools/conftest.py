"""pytest configuration for the Bookshelf test modules: a test-only environment.

pytest imports this file before the test modules, so the apps they import see
these values (the Litestar service reads its secret when it is imported).
"""

import os

os.environ.update(
    {
        "BOOKSHELF_SECRET": "test-only-signing-key-never-used-in-production",
        # Every app startup (each TestClient) begins with an empty database.
        "DATABASE_URL": "sqlite+aiosqlite:///:memory:",
        "BOOKSHELF_USERS": "alice:wonderland,bob:builder",
    }
)
