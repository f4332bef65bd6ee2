"""The distributed path: the bulk functions inside Dask partitions on a local cluster of worker
processes give the same rows as one call on the whole frame, and each worker loads the rule
data once."""

from __future__ import annotations

import pickle
from collections.abc import Iterator
from datetime import date
from typing import Any

import pandas as pd
import pytest

from safetyrules.bulk import grade_risks
from safetyrules.risk import lec, ls

dask = pytest.importorskip("dask")
dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

AS_OF = date(2026, 11, 29)


def register(rows: int) -> pd.DataFrame:
    """A register of LS and LEC rows cycling through table values, with a bad row every 97."""
    l_values, s_values = [1, 2, 3, 4, 5], [1, 2, 3, 4, 5]
    lec_l, lec_e, lec_c = ["0.1", "0.5", "1", "3", "6", "10"], [1, 2, 3, 6, 10], [1, 3, 7, 15, 40]
    data: dict[str, list[Any]] = {"id": [], "method": [], "L": [], "S": [], "E": [], "C": []}
    for n in range(rows):
        data["id"].append(f"R{n}")
        if n % 2:
            data["method"].append("LS")
            data["L"].append(l_values[n % 5])
            data["S"].append(7 if n % 97 == 0 else s_values[(n // 5) % 5])  # 7: not in table
            data["E"].append(None)
            data["C"].append(None)
        else:
            data["method"].append("LEC")
            data["L"].append(lec_l[n % 6])
            data["S"].append(None)
            data["E"].append(lec_e[(n // 6) % 5])
            data["C"].append(lec_c[(n // 30) % 5])
    frame = pd.DataFrame(data)
    # One object column for L: LEC values are written as text ("0.5"), LS values as numbers.
    frame["L"] = frame["L"].astype(object)
    return frame


def grade_partition(part: pd.DataFrame) -> pd.DataFrame:
    return grade_risks(part, as_of=AS_OF)


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    # Worker processes, not threads: the function, its rule data and the results cross a
    # process boundary by pickle, as on a real cluster.
    # Keep the input's object columns as they are: dask otherwise turns them into its own string
    # type, and the frames could not be compared with the single-machine one.
    with (
        dask.config.set({"dataframe.convert-string": False}),
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as running,
    ):
        yield running


def test_partitions_on_a_cluster_give_the_single_machine_rows(client: Any) -> None:
    # One round trip checks both points (a cluster's start and each worker's first imports are
    # most of the cost): the rows, and that each worker loaded the rule data once for the eight
    # partitions it shared with the other.
    frame = register(2_000)
    single = grade_partition(frame)
    parts = dd.from_pandas(frame, npartitions=8)
    meta = single.iloc[:0]
    distributed_rows = parts.map_partitions(grade_partition, meta=meta).compute()
    pd.testing.assert_frame_equal(distributed_rows.reset_index(drop=True), single)
    # Independently of the bulk path: a good row of each method agrees with the scalar one.
    first_ls = single[(single["method"] == "LS") & single["problem"].isna()].iloc[0]
    assert first_ls["level"] == ls(first_ls["L"], first_ls["S"]).level.value
    first_lec = single[single["method"] == "LEC"].iloc[0]
    assert first_lec["level"] == lec(first_lec["L"], first_lec["E"], first_lec["C"]).level.value
    # The bad rows (S = 7) came back flagged in both paths, the others graded.
    assert single["problem"].notna().sum() == len(
        [n for n in range(2_000) if n % 2 and n % 97 == 0]
    )

    def loads() -> int:
        from safetyrules.risk.methods import _methods

        return _methods.cache_info().misses

    per_worker = client.run(loads)
    assert len(per_worker) == 2
    assert set(per_worker.values()) == {1}


def test_the_function_and_its_results_pickle() -> None:
    graded = grade_partition(register(50))
    assert pickle.loads(pickle.dumps(grade_partition)) is grade_partition
    pd.testing.assert_frame_equal(pickle.loads(pickle.dumps(graded)), graded)
