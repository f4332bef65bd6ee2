"""Tables in spreadsheets (表格读取): Excel and CSV registers read row by row, with row-level
errors, and the fill-in workbooks they come from.

* :func:`~safetyrules.tables.reading.read_table` reads one table (.xlsx, .csv or rows in
  memory) into records, reporting each bad row with its sheet, row, column and reason;
* :mod:`safetyrules.tables.specs` defines the tables of an audit folder and their columns;
* :func:`~safetyrules.tables.hazard_ledger.read_hazard_ledger` reads a 隐患排查治理台账 into a
  :class:`~safetyrules.hazards.HazardLedger`, each row taken through the closed loop;
* :mod:`safetyrules.tables.cells` converts cells (Excel's floats and dates, 是/否, lists);
* :mod:`safetyrules.tables.workbook` reads and writes workbooks (needs ``safetyrules[excel]``).

>>> from safetyrules.accidents.record import AccidentRecord
>>> result = read_table([["发生日期", "事故简况", "死亡人数"], ["2023-05-02", "坍塌", -1]],
...                     AccidentRecord)
>>> print(result.problems[0])
表格 第 2 行 死亡人数（C2）：人数不能为负数（所填：-1）
"""

from safetyrules.tables.cells import CellError, CellKind
from safetyrules.tables.columns import Group, TableColumn, TableSpec
from safetyrules.tables.hazard_ledger import LedgerEntry, read_hazard_ledger
from safetyrules.tables.reading import (
    RowErrors,
    RowProblem,
    TableResult,
    TableSummary,
    read_table,
)
from safetyrules.tables.workbook import ExcelUnavailable, WorkbookError

__all__ = [
    "CellError",
    "CellKind",
    "ExcelUnavailable",
    "Group",
    "LedgerEntry",
    "RowErrors",
    "RowProblem",
    "TableColumn",
    "TableResult",
    "TableSpec",
    "TableSummary",
    "WorkbookError",
    "read_hazard_ledger",
    "read_table",
]
