"""The rules for a new item, for implementations with no validation layer of their
own (Starlette and the bare baselines): one home, so they cannot drift apart."""

import math
import re


def as_int(text: str | None) -> int | None:
    """Path and query values arrive as text; only plain ASCII integers pass (int() alone
    would also take " 12", "1_000" or other scripts' digits, such as Arabic-Indic ones)."""
    if not text or not re.fullmatch(r"-?[0-9]+", text):
        return None
    try:
        return int(text)
    except ValueError:  # more digits than int() converts (4,300 by default)
        return None


def item_errors(payload: object) -> list[str]:
    """Every broken rule for a new item (an empty list when the body is valid)."""
    if not isinstance(payload, dict):
        return ["the body must be a JSON object"]
    errors = []
    name = payload.get("name")
    if not isinstance(name, str) or not 1 <= len(name) <= 100:
        errors.append("name: a string of 1 to 100 characters is required")
    price = payload.get("price")
    if isinstance(price, bool) or not isinstance(price, int | float) or not 0 <= price < math.inf:
        errors.append("price: a finite number >= 0 is required")
    tags = payload.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(tag, str) for tag in tags):
        errors.append("tags: must be a list of strings")
    return errors
