"""包保责任 for major hazard installations: three named persons per installation, their duties
and how often they check it.

《危险化学品企业重大危险源安全包保责任制办法（试行）》 (应急厅〔2021〕12号) 第三条: every major hazard
installation names a 主要负责人, a 技术负责人 and an 操作负责人. Their duties and check
frequencies are read from :func:`safetyrules.risk.major_hazard.responsible_roles` with their
confidence; the measures' three-year term ran out in February 2024 and what followed is not
known, which :attr:`CustodyList.notes` repeats for later dates.

>>> from datetime import date
>>> custody = custody_list({"氨制冷系统": "四级"},
...     [CustodyAssignment(installation="氨制冷系统", persons={"主要负责人": "张总", "技术负责人": "李工"})],
...     as_of=date(2023, 6, 1))
>>> [(r.role.value, r.person) for r in custody.rows]
[('主要负责人', '张总'), ('技术负责人', '李工'), ('操作负责人', None)]
>>> [p.message for p in custody.problems]
['重大危险源“氨制冷系统”未明确操作负责人']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from safetyrules.checks import day
from safetyrules.errors import InvalidInput
from safetyrules.law.citation import Citation
from safetyrules.law.confidence import Confidence
from safetyrules.responsibility.risk_lists import ListProblem
from safetyrules.responsibility.rows import Column, Language, export
from safetyrules.risk.major_hazard import Role, notes, responsible_roles
from safetyrules.risk.major_hazard.responsibility import RESPONSIBILITY_MEASURES

GRADES = ("一级", "二级", "三级", "四级")
"""The grades of GB 18218-2018 表6."""

THREE_PERSONS = Citation(instrument=RESPONSIBILITY_MEASURES, provision="第三条")
"""Every installation names its three responsible persons (第三条)."""


class CustodyAssignment(BaseModel):
    """The persons an enterprise named for one installation (包保责任人).

    >>> CustodyAssignment(installation="罐区", persons={"安全员": "王五"})
    Traceback (most recent call last):
    ...
    pydantic_core._pydantic_core.ValidationError: 1 validation error for CustodyAssignment
    ...
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    installation: str = Field(min_length=1, description="重大危险源名称")
    persons: dict[Role, Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]] = (
        Field(description="包保责任人：角色 → 姓名或岗位")
    )


class CustodyRow(BaseModel):
    """One responsible person of one installation, with the duties of the role (包保责任清单行).

    >>> from datetime import date
    >>> row = custody_list({"罐区": "二级"}, [], as_of=date(2023, 6, 1)).rows[2]
    >>> row.role.value, row.check_frequency, row.confidence.value
    ('操作负责人', '每周至少一次', 'unverified')
    """

    model_config = ConfigDict(frozen=True)

    installation: str
    grade: str | None
    role: Role
    level: str
    person: str | None
    duties: tuple[str, ...]
    check_frequency: str | None
    basis: Citation
    confidence: Confidence


CUSTODY_COLUMNS = (
    Column("installation", "重大危险源", "installation"),
    Column("grade", "级别", "grade"),
    Column("role", "包保责任人", "role"),
    Column("level", "包保层面", "level"),
    Column("person", "姓名/岗位", "person"),
    Column("duties", "包保职责", "duties"),
    Column("check_frequency", "排查频次", "check_frequency"),
    Column("basis", "依据", "basis"),
    Column("confidence", "可信度", "confidence"),
)
"""The 包保责任 list's columns, in order."""


class CustodyList(BaseModel):
    """The 包保责任 list of an enterprise's major hazard installations, with its defects.

    >>> from datetime import date
    >>> custody_list({"罐区": None}, [], as_of=date(2025, 1, 1)).notes[-1]
    '包保责任制办法的三年有效期已于2024年2月届满；...'
    """

    model_config = ConfigDict(frozen=True)

    rows: tuple[CustodyRow, ...]
    problems: tuple[ListProblem, ...]
    notes: tuple[str, ...]

    def to_rows(self, language: Language = "zh") -> list[dict[str, object]]:
        """The rows keyed by column names (导出为行)."""
        records = [
            {
                **dict(row),
                "role": row.role.value,
                "duties": "；".join(row.duties),
                "basis": row.basis.text,
                "confidence": row.confidence.label,
            }
            for row in self.rows
        ]
        return export(records, CUSTODY_COLUMNS, language)


def custody_list(
    installations: Mapping[str, str | None],
    assignments: Iterable[CustodyAssignment],
    *,
    as_of: date,
) -> CustodyList:
    """The three responsible persons of each installation and what is missing (包保责任清单).

    ``installations`` maps each major hazard installation's name to its grade (一级…四级, or
    None when not graded). An assignment for a name that is not among them is an error.

    >>> from datetime import date
    >>> custody_list({"罐区": "一级"}, [], as_of=date(2020, 6, 1)).problems
    ()
    """
    as_of = day("as_of", as_of)
    for name, grade in installations.items():
        if grade is not None and grade not in GRADES:
            raise InvalidInput(
                "installations", grade, f"“{name}”的级别应为 {'、'.join(GRADES)} 之一"
            )
    named: dict[str, dict[Role, str]] = {}
    for assignment in assignments:
        if assignment.installation not in installations:
            known = "、".join(installations) or "无"
            raise InvalidInput(
                "assignments",
                assignment.installation,
                f"不是已辨识的重大危险源（已有：{known}）",
            )
        if assignment.installation in named:
            raise InvalidInput("assignments", assignment.installation, "同一重大危险源重复指定")
        named[assignment.installation] = assignment.persons
    roles = responsible_roles(as_of=as_of)
    rows: list[CustodyRow] = []
    problems: list[ListProblem] = []
    for installation, grade in installations.items():
        persons = named.get(installation, {})
        for role in roles:
            person = persons.get(role.role)
            rows.append(
                CustodyRow(
                    installation=installation,
                    grade=grade,
                    role=role.role,
                    level=role.level,
                    person=person,
                    duties=tuple(d.text for d in role.duties),
                    check_frequency=None
                    if role.check_frequency is None
                    else role.check_frequency.value,
                    basis=role.citation,
                    # A row is as sure as its least sure duty.
                    confidence=Confidence.weakest([d.confidence for d in role.duties]),
                )
            )
            if person is None:
                problems.append(
                    ListProblem(
                        row=installation,
                        message=f"重大危险源“{installation}”未明确{role.role.value}",
                        citation=THREE_PERSONS,
                    )
                )
    remarks = tuple(
        n.text for n in notes(as_of=as_of) if n.citation.instrument == RESPONSIBILITY_MEASURES
    )
    if not roles:
        remarks = (
            f"{as_of}《危险化学品企业重大危险源安全包保责任制办法（试行）》尚未印发，无包保责任要求",
        )
    return CustodyList(rows=tuple(rows), problems=tuple(problems), notes=remarks)
