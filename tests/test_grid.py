"""The packaged grid must stay equal to the shared contract."""

import yaml

from audit.grid import load_grid
from tests.conftest import SHARED


def test_packaged_grid_matches_shared_contract():
    shared = yaml.safe_load((SHARED / "grid" / "criteria.yaml").read_text(encoding="utf-8"))
    grid = load_grid()
    assert [(c["id"], c["section"]) for c in shared["criteria"]] == [(c.id, c.section) for c in grid.criteria]
    assert shared["sections"] == grid.sections
    assert len(grid.ids) == len(set(grid.ids)) == 53
