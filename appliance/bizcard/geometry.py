"""Plane geometry for cards: the perspective map between two quadrilaterals."""

from __future__ import annotations

import numpy as np

Quad = tuple[
    tuple[float, float], ...
]  # four corners: top-left, top-right, bottom-right, bottom-left


def perspective_coeffs(dst: Quad, src: Quad) -> tuple[float, ...]:
    """PIL PERSPECTIVE coefficients taking each point of dst (output) to src (input)."""
    rows = []
    rhs = []
    for (x, y), (u, v) in zip(dst, src, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        rhs.extend([u, v])
    sol = np.linalg.solve(np.array(rows, dtype=float), np.array(rhs, dtype=float))
    return tuple(float(c) for c in sol)
