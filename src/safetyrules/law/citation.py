"""Citations (法律依据): an instrument and the provision inside it.

A :class:`Citation` names an instrument of the catalogue by id and a provision in it. It
renders the way Chinese legal text does and parses that form back:

>>> c = Citation.parse("《中华人民共和国安全生产法》（2021年修正）第一百一十四条第一款第（一）项")
>>> c.instrument, str(c.provision)
('work-safety-law-2021', '第一百一十四条第一款第（一）项')
>>> str(c)
'《中华人民共和国安全生产法》（2021年修正）第一百一十四条第一款第（一）项'

In data files a citation is written either as that text or as a table
``{ instrument = "work-safety-law-2021", provision = "第一百一十四条" }``.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ConfigDict, computed_field, field_validator, model_validator

from safetyrules.errors import CitationSyntaxError
from safetyrules.law.catalogue import catalogue
from safetyrules.law.catalogue import instrument as find_instrument
from safetyrules.law.instrument import Instrument
from safetyrules.law.provision import Provision

# The title runs to the last 》, so a title quoting another (〈〉 or 《》) still parses.
_CITATION = re.compile(r"^《(?P<title>.+)》(?:（(?P<qualifier>[^）]+)）)?(?P<provision>[^》]*)$")


class Citation(BaseModel):
    """A reference to a provision of an instrument (法律依据 / 引用).

    >>> Citation(instrument="accident-reporting-regulation", provision="第三条第一款")
    Citation(instrument='accident-reporting-regulation', provision=Provision(article=3, ...), note=None, text='《生产安全事故报告和调查处理条例》（国务院令第493号）第三条第一款')
    >>> str(Citation(instrument="gb-18218-2018", provision="第4.2.1条"))
    '《危险化学品重大危险源辨识》（GB 18218-2018）第4.2.1条'
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    instrument: str
    provision: Provision | None = None
    note: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, data: Any) -> Any:
        if isinstance(data, str):
            parsed = cls.parse(data)
            return {"instrument": parsed.instrument, "provision": parsed.provision}
        if isinstance(data, dict) and "text" in data:
            # `text` is computed on output; accepting it back makes JSON round-trips work.
            data = {key: value for key, value in data.items() if key != "text"}
        return data

    @field_validator("instrument")
    @classmethod
    def _known(cls, value: str) -> str:
        if value not in catalogue():
            # A ValueError, so that pydantic reports it against the field.
            raise ValueError(f"目录中没有 id 为 {value!r} 的法律文件")
        return value

    @field_validator("provision", mode="before")
    @classmethod
    def _provision_text(cls, value: Any) -> Any:
        return Provision.parse(value) if isinstance(value, str) else value

    @property
    def source(self) -> Instrument:
        """The cited instrument's catalogue entry."""
        return find_instrument(self.instrument)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def text(self) -> str:
        """The citation as Chinese legal text writes it."""
        return self.source.label + (str(self.provision) if self.provision else "")

    def __str__(self) -> str:
        return self.text

    @classmethod
    def parse(cls, text: str) -> Citation:
        """Read a citation written as Chinese legal text (解析引用).

        The parenthesised edition or document number may be left out when the title names
        only one instrument of the catalogue.

        >>> Citation.parse("《生产安全事故报告和调查处理条例》第三条").instrument
        'accident-reporting-regulation'
        >>> Citation.parse("《中华人民共和国安全生产法》第三条")
        Traceback (most recent call last):
        ...
        safetyrules.errors.CitationSyntaxError: 无法解析引用 ...: 标题对应多个版本...请注明版本
        """
        match = _CITATION.match(text.strip())
        if match is None:
            raise CitationSyntaxError(text, "引用应以《文件标题》开头")
        candidates = catalogue().with_title(match["title"])
        qualifier = match["qualifier"]
        if qualifier is not None:
            candidates = [i for i in candidates if qualifier in (i.edition, i.document_number)]
        if not candidates:
            raise CitationSyntaxError(text, "目录中没有这一文件或版本")
        if len(candidates) > 1:
            versions = "、".join(i.qualifier or i.id for i in candidates)
            raise CitationSyntaxError(text, f"标题对应多个版本（{versions}），请注明版本")
        rest = match["provision"].strip()
        return cls(instrument=candidates[0].id, provision=Provision.parse(rest) if rest else None)
