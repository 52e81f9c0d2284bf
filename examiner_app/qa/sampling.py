"""Drawing QA samples: simple random or stratified, always from a fixed seed, from one of three frames.

Frames:

* ``decisions`` — suggestions an examiner decided (latest decision), to check the review itself;
* ``suggestions`` — every engine suggestion, decided or not, to measure the engines directly;
* ``empty-pages`` — pages where nothing was suggested and nothing added, to estimate missed facts (elusion).

Stratified samples give each stratum a floor (``floor`` items, or all it has) and share the rest by Neyman
allocation, n_h ∝ N_h S_h, with S_h = sqrt(p_h (1 - p_h)) from the stratum's observed overturn rate
(decisions frame; 0.5, i.e. proportional allocation, elsewhere), rounded by largest remainder. Within a
stratum items are drawn without replacement by ``numpy.random.default_rng(seed)`` over a stable order (by id),
so the same frame and seed give the same sample.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from dataclasses import field as dc_field

import numpy as np

FRAMES = ("decisions", "suggestions", "empty-pages")


@dataclass(frozen=True, slots=True)
class FrameItem:
    """One unit of a frame: what the blind reviewer will be shown and the strata it belongs to."""

    key: str  # stable id (suggestion id, or document:page)
    case_id: str
    document_id: str
    file_name: str
    page: int
    start: int | None
    end: int | None
    field: str
    value: str
    suggestion_id: str | None = None
    decision_id: str | None = None
    decided_by: str | None = None
    overturned: bool | None = None  # decisions frame: edited or rejected
    strata: tuple[tuple[str, str], ...] = dc_field(default=())

    def stratum(self, dims: Sequence[str]) -> tuple[str, ...]:
        values = dict(self.strata)
        return tuple(values.get(d, "(none)") for d in dims)


@dataclass(frozen=True, slots=True)
class Allocation:
    stratum: tuple[str, ...]
    population: int
    floor: int
    size: int
    sd: float


def allocate(groups: Mapping[tuple[str, ...], Sequence[FrameItem]], size: int, floor: int) -> list[Allocation]:
    """Per-stratum sample sizes: floors first, the rest by Neyman allocation (largest remainder)."""
    keys = sorted(groups)
    pop = {k: len(groups[k]) for k in keys}
    size = min(size, sum(pop.values()))
    floors = {k: min(floor, pop[k]) for k in keys}
    if sum(floors.values()) > size:  # not even the floors fit: give each stratum an equal share
        floors = {k: 0 for k in keys}
        for i in range(size):
            k = keys[i % len(keys)]
            while floors[k] >= pop[k]:
                i += 1
                k = keys[i % len(keys)]
            floors[k] += 1
    sds: dict[tuple[str, ...], float] = {}
    for k in keys:
        outcomes = [it.overturned for it in groups[k] if it.overturned is not None]
        p = sum(outcomes) / len(outcomes) if outcomes else 0.5
        p = min(max(p, 0.02), 0.98)  # a stratum with no overturns yet still gets a share
        sds[k] = math.sqrt(p * (1 - p))
    sizes = dict(floors)
    rest = size - sum(sizes.values())
    while rest > 0:
        room = {k: pop[k] - sizes[k] for k in keys if pop[k] > sizes[k]}
        weight = {k: pop[k] * sds[k] for k in room}
        total = sum(weight.values())
        quota = {k: rest * weight[k] / total for k in room}
        take = {k: min(room[k], int(quota[k])) for k in room}
        given = sum(take.values())
        leftovers = sorted(room, key=lambda k: (-(quota[k] - int(quota[k])), k))
        for k in leftovers:
            if given >= rest:
                break
            if take[k] < room[k]:
                take[k] += 1
                given += 1
        for k in room:
            sizes[k] += take[k]
        rest -= given
        if given == 0:  # pragma: no cover - every stratum full
            break
    return [Allocation(k, pop[k], floors[k], sizes[k], round(sds[k], 6)) for k in keys]


def draw(
    frame: Sequence[FrameItem], size: int, seed: int, stratify: Sequence[str] = (), floor: int = 5
) -> tuple[list[FrameItem], list[Allocation]]:
    """The sample, in draw order, and the allocation per stratum (one stratum when not stratified)."""
    groups: dict[tuple[str, ...], list[FrameItem]] = defaultdict(list)
    for item in frame:
        groups[item.stratum(stratify)].append(item)
    for items in groups.values():
        items.sort(key=lambda it: it.key)
    if not groups:
        return [], []
    if stratify:
        allocation = allocate(groups, size, floor)
    else:
        only = next(iter(groups))
        allocation = [Allocation(only, len(groups[only]), 0, min(size, len(groups[only])), 0.5)]
    rng = np.random.default_rng(seed)
    chosen: list[FrameItem] = []
    for alloc in allocation:
        items = groups[alloc.stratum]
        if alloc.size:
            picks = rng.choice(len(items), size=alloc.size, replace=False)
            chosen.extend(items[int(i)] for i in picks)
    if stratify:  # interleave strata so a reviewer who stops early still has some of each
        order = rng.permutation(len(chosen))
        chosen = [chosen[int(i)] for i in order]
    return chosen, allocation
