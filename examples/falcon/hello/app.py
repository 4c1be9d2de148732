"""The article's Falcon sample, on today's Falcon."""

import falcon


class QuoteResource:
    def on_get(self, req: falcon.Request, resp: falcon.Response) -> None:
        """Answer GET /quote with a quotation as JSON."""
        resp.media = {
            "quote": "I've always been more interested in the future than in the past.",
            "author": "Grace Hopper",
        }


api = falcon.App()
api.add_route("/quote", QuoteResource())
