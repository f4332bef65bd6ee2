"""Where in an instrument a rule is written (条款项目 / 标准条款).

A statute is cited by article (条), paragraph (款), item (项) and sub-item (目):
``第一百一十四条第一款第（一）项``. A standard or a normative document is cited by clause
number (``第4.2.1条``), chapter (``第2章``), table (``表1``), appendix (``附录A``) or annex (``附件1``).
:class:`Provision` holds either form, renders it as Chinese legal text writes it, and parses
that text back.
"""

from __future__ import annotations

import re
from typing import Self

from pydantic import BaseModel, ConfigDict, Field, model_validator

from safetyrules.errors import CitationSyntaxError
from safetyrules.law.numerals import from_chinese, to_chinese

_CN = "〇零一二两三四五六七八九十百千"
_STATUTE = re.compile(
    rf"^第(?P<article>[{_CN}]+)条"
    rf"(?:之(?P<suffix>[{_CN}]+))?"
    rf"(?:第(?P<paragraph>[{_CN}]+)款)?"
    rf"(?:第[（(](?P<item>[{_CN}]+)[）)]项)?"
    r"(?:第(?P<sub_item>\d+)目)?$"
)
# 4.2.1, or an appendix clause such as A.1.2 (a letter alone is no clause).
_CLAUSE_NUMBER = re.compile(r"^第(?P<clause>(?:[0-9]+|[A-Z](?=\.))(?:\.[0-9]+)*)条$")
# Chapters, tables, appendices, annexes and attached tables are cited by their own label
# (第2章, 表1, 表A.1, 附录A, 附件2, 附表, 附表2).
_LABELLED_PART = re.compile(
    r"^(?:第[0-9]+章|表[0-9A-Z]+(?:\.[0-9]+)*|附录[A-Z]|附件[0-9]+|附表[0-9]*)$"
)


class Provision(BaseModel):
    """A provision inside an instrument (条款): 条/款/项/目, or a standard's clause.

    >>> p = Provision(article=114, paragraph=1, item=1)
    >>> str(p)
    '第一百一十四条第一款第（一）项'
    >>> Provision.parse("第一百一十四条第一款第（一）项") == p
    True
    >>> str(Provision(clause="4.2.1")), str(Provision(clause="表1"))
    ('第4.2.1条', '表1')
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    article: int | None = Field(default=None, ge=1, description="条")
    article_suffix: int | None = Field(default=None, ge=1, description="条之N（如 第二十六条之一）")
    paragraph: int | None = Field(default=None, ge=1, description="款")
    item: int | None = Field(default=None, ge=1, description="项")
    sub_item: int | None = Field(default=None, ge=1, description="目")
    clause: str | None = Field(
        default=None,
        description="标准或文件的条款号、章、表、附录、附件、附表，如 4.2.1、第2章、表1、附录A、附表",
    )

    @model_validator(mode="after")
    def _one_form(self) -> Self:
        statutory = (self.article_suffix, self.paragraph, self.item, self.sub_item)
        if self.clause is not None:
            if self.article is not None or any(part is not None for part in statutory):
                raise ValueError("条款号（clause）不能与条/款/项/目同时使用")
            if not (
                _CLAUSE_NUMBER.match(f"第{self.clause}条") or _LABELLED_PART.match(self.clause)
            ):
                raise ValueError(f"无法识别的条款号: {self.clause!r}")
            return self
        if self.article is None:
            raise ValueError("必须给出条（article）或条款号（clause）")
        if self.sub_item is not None and self.item is None:
            raise ValueError("目（sub_item）必须属于某一项（item）")
        return self

    def __str__(self) -> str:
        if self.clause is not None:
            return self.clause if _LABELLED_PART.match(self.clause) else f"第{self.clause}条"
        assert self.article is not None
        text = f"第{to_chinese(self.article)}条"
        if self.article_suffix is not None:
            text += f"之{to_chinese(self.article_suffix)}"
        if self.paragraph is not None:
            text += f"第{to_chinese(self.paragraph)}款"
        if self.item is not None:
            text += f"第（{to_chinese(self.item)}）项"
        if self.sub_item is not None:
            # 目 are numbered with Arabic numerals in statutes (1. 2. 3.), so they are cited so.
            text += f"第{self.sub_item}目"
        return text

    @classmethod
    def parse(cls, text: str) -> Provision:
        """Read a provision written as Chinese legal text (解析条款).

        Half-width parentheses are accepted for 项; the rendering always uses full-width ones.

        >>> Provision.parse("第二十一条第(三)项")
        Provision(article=21, article_suffix=None, paragraph=None, item=3, sub_item=None, clause=None)
        >>> Provision.parse("附录A").clause
        '附录A'
        """
        text = text.strip()
        if match := _STATUTE.match(text):
            parts = {
                key: (int(value) if key == "sub_item" else from_chinese(value))
                for key, value in match.groupdict().items()
                if value is not None
            }
            return cls(
                article=parts["article"],
                article_suffix=parts.get("suffix"),
                paragraph=parts.get("paragraph"),
                item=parts.get("item"),
                sub_item=parts.get("sub_item"),
            )
        if match := _CLAUSE_NUMBER.match(text):
            return cls(clause=match["clause"])
        if _LABELLED_PART.match(text):
            return cls(clause=text)
        raise CitationSyntaxError(text, "不是条/款/项/目或标准条款的写法")
