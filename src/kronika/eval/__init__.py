"""Accuracy on public gold data. Each module ``kronika.eval.<kind>`` has
``evaluate(path, limit=None) -> Scores``: a table of systems (kronika and a
baseline scored in the same run) by metric, printed by ``kronika eval``."""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.table import Table

KINDS = (
    "entities",
    "quotes",
    "places",
    "times",
    "claims",
    "events",
    "speakers",
    "boilerplate",
    "html",
)


@dataclass
class Scores:
    title: str
    systems: dict[str, dict[str, float | int | str]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def table(self) -> Table:
        names = list(self.systems)
        table = Table(title=self.title, title_justify="left")
        table.add_column("metric")
        for name in names:
            table.add_column(name, justify="right")
        metrics = list(dict.fromkeys(m for s in self.systems.values() for m in s))
        for metric in metrics:
            table.add_row(metric, *(_fmt(self.systems[n].get(metric, "")) for n in names))
        return table


def _fmt(value) -> str:
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1
