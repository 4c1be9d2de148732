"""What macros may know about the page they render, on either site engine."""


def source_path(page: object | None) -> str:
    """The page's Markdown path under docs/ (``"frameworks/fastapi.md"``; ``""`` outside
    a page). MkDocs' page has ``.file.src_uri``; Zensical's, the successor engine the
    site keeps the door open to, has only ``.path``."""
    if page is None:
        return ""
    file = getattr(page, "file", None)
    return file.src_uri if file is not None else str(getattr(page, "path", ""))
