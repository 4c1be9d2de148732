from examples.clients import httpx_async


def test_prints_what_its_comments_say(check_prints):
    check_prints(httpx_async)
