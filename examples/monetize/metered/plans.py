"""The plans a customer can be on, and how many requests per minute each allows."""

from pydantic import BaseModel, ConfigDict


class Plan(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    requests_per_minute: int


FREE = Plan(name="free", requests_per_minute=10)
PRO = Plan(name="pro", requests_per_minute=100)
PLANS = {plan.name: plan for plan in (FREE, PRO)}
