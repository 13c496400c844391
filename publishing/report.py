"""What a run of the Facebook publisher did, item by item, for the command, the task and the logs."""

from dataclasses import dataclass, field
from enum import StrEnum


class Outcome(StrEnum):
    POSTED = "opslået"
    SKIPPED = "sprunget over"
    FAILED = "fejlet"
    WOULD_POST = "ville opslå"
    WOULD_RECONCILE = "ville tjekke"
    WOULD_SKIP = "ville springe over"


@dataclass(frozen=True)
class ItemResult:
    outcome: Outcome
    title: str
    detail: str


@dataclass
class RunReport:
    dry_run: bool = False
    items: list[ItemResult] = field(default_factory=list)
    stopped: str = ""  # why the run ended early, e.g. an invalid token
    problems: list[str] = field(default_factory=list)  # what the operator must know, e.g. an incomplete answer

    def count(self, outcome: Outcome) -> int:
        return sum(1 for item in self.items if item.outcome == outcome)

    @property
    def has_failures(self) -> bool:
        return bool(self.stopped) or bool(self.problems) or self.count(Outcome.FAILED) > 0
