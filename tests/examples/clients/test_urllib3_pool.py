from examples.clients import urllib3_pool


def test_prints_what_its_comments_say(check_prints):
    check_prints(urllib3_pool)
