"""A benchmark's figures and the budgets they are held to, printed as text or JSON."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any


@dataclass
class Budget:
    """An upper (or, with at_least, lower) bound a figure must respect."""

    limit: float
    at_least: bool = False

    def met(self, value: float) -> bool:
        """True when value is within the budget."""
        return value >= self.limit if self.at_least else value <= self.limit


@dataclass
class BenchResult:
    """Named figures, their budgets and free-form context (sizes, machine)."""

    name: str
    figures: dict[str, Any] = field(default_factory=dict)
    budgets: dict[str, Budget] = field(default_factory=dict)
    context: dict[str, Any] = field(default_factory=dict)

    def ok(self) -> bool:
        """True when every budgeted figure meets its budget."""
        return all(
            b.met(float(self.figures[k])) for k, b in self.budgets.items() if k in self.figures
        )

    def as_json(self) -> str:
        """One JSON object: figures, budgets, verdicts and context."""
        return json.dumps(
            {
                "bench": self.name,
                **self.figures,
                "budgets": {
                    k: {"limit": b.limit, "at_least": b.at_least} for k, b in self.budgets.items()
                },
                "within_budget": {
                    k: b.met(float(self.figures[k]))
                    for k, b in self.budgets.items()
                    if k in self.figures
                },
                "ok": self.ok(),
                "context": self.context,
            },
            ensure_ascii=False,
        )

    def as_text(self) -> str:
        """Human-readable lines, one per figure, with its budget and verdict."""
        lines = [f"bench {self.name}"]
        for key, value in self.figures.items():
            budget = self.budgets.get(key)
            shown = f"{value:.3f}" if isinstance(value, float) else str(value)
            if budget is None:
                lines.append(f"  {key:<28} {shown}")
            else:
                op = ">=" if budget.at_least else "<="
                verdict = "ok" if budget.met(float(value)) else "OVER BUDGET"
                lines.append(f"  {key:<28} {shown:>12}   budget {op} {budget.limit:g}   {verdict}")
        for key, value in self.context.items():
            lines.append(f"  ({key}: {value})")
        return "\n".join(lines)
