"""Projection of many short blocks onto a few tones, kept on the calling thread."""

from __future__ import annotations

import numpy as np

SLICE = 256  # rows per product: OpenBLAS starts threads above about this size, costing CPU


def project(rows: np.ndarray, basis: np.ndarray) -> np.ndarray:
    """rows @ basis, computed in slices small enough that BLAS never starts its threads."""
    if rows.shape[0] <= SLICE:
        return np.asarray(rows @ basis)
    out = np.empty((rows.shape[0], basis.shape[1]))
    for i in range(0, rows.shape[0], SLICE):
        np.matmul(rows[i : i + SLICE], basis, out=out[i : i + SLICE])
    return out
