from examples.clients import requests_basic_auth


def test_prints_what_its_comments_say(check_prints):
    check_prints(requests_basic_auth)
