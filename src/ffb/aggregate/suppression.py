"""Disclosure control: no published cell counts fewer than `min_n` citizens, and no hidden cell
can be worked out from the published ones.

A figure's cells form a table with margins: every cell whose value on an additive dimension is
a real category adds up, with its siblings, to the cell that has `alle` there instead. Those
sums are the constraints an attacker can use: `parent = child_1 + … + child_k` on the counted
units (and on the summed measure, which follows the same pattern).

1. Primary suppression hides every cell with fewer than `min_n` citizens.
2. Secondary suppression repeats until stable: a constraint with exactly one hidden member
   gets one more, the smallest visible child (the parent only when no child is left).
3. An audit then solves, for every hidden cell, the smallest and the largest value it can take
   given every published cell, the constraints and that a hidden cell holds at least one unit
   (cells with no units are not published, so an attacker knows a published-but-hidden cell is
   not empty). A cell whose smallest and largest values are equal could be recovered: the
   smallest visible member of one of its constraints is hidden too, and the audit runs again.

The audit is a linear programme per hidden cell (scipy's HiGHS), run per connected group of
hidden cells, so its cost follows the number of hidden cells, not the size of the table.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import csr_matrix

ALL = "alle"
TOLERANCE = 1e-6


@dataclass
class Table:
    """Cells of one table: `keys[i]` is the cell's value on each additive dimension."""

    keys: list[tuple]
    units: list[float]
    citizens: list[int]

    def constraints(self) -> list[tuple[int, list[int]]]:
        """(parent, children) for every margin along every additive dimension."""
        index = {key: i for i, key in enumerate(self.keys)}
        groups: dict[tuple[int, int], list[int]] = defaultdict(list)
        for i, key in enumerate(self.keys):
            for d, value in enumerate(key):
                if value != ALL:
                    parent = index.get(key[:d] + (ALL,) + key[d + 1:])
                    if parent is not None:
                        groups[(parent, d)].append(i)
        return [(parent, children) for (parent, _), children in groups.items()]


def _secondary(table: Table, hidden: set[int], constraints) -> None:
    changed = True
    while changed:
        changed = False
        for parent, children in constraints:
            members = [parent, *children]
            if sum(1 for m in members if m in hidden) != 1:
                continue
            visible = [c for c in children if c not in hidden]
            pick = min(visible, key=lambda c: (table.units[c], c)) if visible else parent
            if pick in hidden:  # only the parent is visible and it is the hidden one's twin
                continue
            hidden.add(pick)
            changed = True


def _components(hidden: set[int], constraints) -> list[list[int]]:
    """Groups of hidden cells tied together by a constraint holding two or more of them."""
    parent_of = {h: h for h in hidden}

    def find(x):
        while parent_of[x] != x:
            parent_of[x] = parent_of[parent_of[x]]
            x = parent_of[x]
        return x

    for parent, children in constraints:
        members = [m for m in (parent, *children) if m in hidden]
        for other in members[1:]:
            parent_of[find(other)] = find(members[0])
    groups: dict[int, list[int]] = defaultdict(list)
    for h in hidden:
        groups[find(h)].append(h)
    return list(groups.values())


def recoverable(table: Table, hidden: set[int], constraints=None) -> list[tuple[int, float, float]]:
    """Hidden cells whose value the published cells pin down: (cell, lowest, highest)."""
    constraints = constraints if constraints is not None else table.constraints()
    found = []
    for component in _components(hidden, constraints):
        position = {cell: j for j, cell in enumerate(component)}
        rows, cols, data, rhs = [], [], [], []
        for parent, children in constraints:
            members = [(parent, 1.0)] + [(c, -1.0) for c in children]
            if not any(m in position for m, _ in members):
                continue
            r = len(rhs)
            known = 0.0
            for cell, sign in members:
                if cell in position:
                    rows.append(r)
                    cols.append(position[cell])
                    data.append(sign)
                elif cell in hidden:
                    raise AssertionError("a constraint spans two components")
                else:
                    known -= sign * table.units[cell]
            rhs.append(known)
        size = len(component)
        if not rhs:  # a hidden cell in no constraint: nothing published says anything about it
            continue
        matrix = csr_matrix((data, (rows, cols)), shape=(len(rhs), size))
        bounds = [(1, None)] * size
        # A few solutions first (the sum of all hidden cells smallest and largest, every cell at
        # its smallest in turn would be too many LPs): a cell that already takes values at least
        # one apart in two solutions cannot be pinned down, and needs no LP of its own.
        low_seen = np.full(size, np.inf)
        high_seen = np.full(size, -np.inf)
        for objective in (np.ones(size), -np.ones(size)):
            result = linprog(objective, A_eq=matrix, b_eq=rhs, bounds=bounds, method="highs")
            if result.status == 0:
                low_seen = np.minimum(low_seen, result.x)
                high_seen = np.maximum(high_seen, result.x)
            elif result.status == 3:  # unbounded: nothing pins these cells from above
                high_seen[:] = np.inf
        for j, cell in enumerate(component):
            if high_seen[j] - low_seen[j] >= 1 - TOLERANCE:
                continue
            objective = np.zeros(size)
            objective[j] = 1.0
            low = linprog(objective, A_eq=matrix, b_eq=rhs, bounds=bounds, method="highs")
            if low.status != 0:
                continue
            high = linprog(-objective, A_eq=matrix, b_eq=rhs, bounds=bounds, method="highs")
            top = -high.fun if high.status == 0 else float("inf")
            # Both solutions are feasible points: they may prove other cells free as well.
            for solution in (low, high):
                if solution.status == 0:
                    low_seen = np.minimum(low_seen, solution.x)
                    high_seen = np.maximum(high_seen, solution.x)
            if top - low.fun < 1 - TOLERANCE:
                found.append((cell, low.fun, top))
    return found


def suppress(table: Table, min_n: int) -> set[int]:
    """The cells to hide so that none is under `min_n` citizens and none can be recovered."""
    constraints = table.constraints()
    hidden = {i for i, n in enumerate(table.citizens) if n < min_n}
    if not hidden:
        return hidden
    while True:
        _secondary(table, hidden, constraints)
        exposed = recoverable(table, hidden, constraints)
        if not exposed:
            return hidden
        before = len(hidden)
        groups = {cell: group for group in _components(hidden, constraints) for cell in group}
        for cell, _, _ in exposed:
            # the smallest visible cell next to it; failing that, next to any hidden cell it is tied to
            for around in ({cell}, set(groups.get(cell, [cell]))):
                touching = [(p, c) for p, c in constraints if p in around or around.intersection(c)]
                candidates = [m for p, c in touching for m in (*c, p) if m not in hidden]
                if candidates:
                    hidden.add(min(candidates, key=lambda m: (table.units[m], m)))
                    break
        if len(hidden) == before:  # nothing visible is left around it: hide the whole table
            return set(range(len(table.keys)))
