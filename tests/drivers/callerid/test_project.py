"""Block projections: the sliced product equals the plain one at any size."""

from __future__ import annotations

import numpy as np
import pytest

from drivers.callerid.project import SLICE, project


@pytest.mark.parametrize("rows", [1, SLICE, SLICE + 1, 3 * SLICE + 5])
def test_sliced_product_equals_the_whole_product(rows: int) -> None:
    rng = np.random.default_rng(rows)
    x, basis = rng.normal(size=(rows, 40)), rng.normal(size=(40, 16))
    assert np.allclose(project(x, basis), x @ basis)
