"""One hierarchy for every error the library raises (错误类型).

Everything derives from :class:`SafetyRulesError`, so an application can catch the
library's errors in one place. Errors about bad input also derive from :class:`ValueError`;
errors about a rule that does not apply on a date derive from :class:`LookupError`.

>>> from safetyrules.errors import SafetyRulesError, NotInForce
>>> issubclass(NotInForce, SafetyRulesError)
True
"""

from __future__ import annotations

from datetime import date


class SafetyRulesError(Exception):
    """Root of every error raised by safetyrules (本库所有错误的基类).

    >>> try:
    ...     raise SafetyRulesError("示例")
    ... except SafetyRulesError as error:
    ...     print(error)
    示例
    """


class InvalidInput(SafetyRulesError, ValueError):
    """Input that breaks a rule's domain (输入不合法), naming the field and the value.

    >>> print(InvalidInput("deaths", -1, "死亡人数不能为负数"))
    deaths = -1: 死亡人数不能为负数
    """

    def __init__(self, field: str, value: object, message: str) -> None:
        self.field = field
        self.value = value
        self.message = message
        super().__init__(f"{field} = {value!r}: {message}")


class RuleDataError(SafetyRulesError):
    """A rule data file that fails validation (规则数据错误), naming the file and the key.

    >>> print(RuleDataError("instruments/laws.toml", "instrument[0].id", "缺少 id"))
    instruments/laws.toml [instrument[0].id]: 缺少 id
    """

    def __init__(self, file: str, key: str, message: str) -> None:
        self.file = file
        self.key = key
        self.message = message
        super().__init__(f"{file} [{key}]: {message}")


class NotInForce(SafetyRulesError, LookupError):
    """No rule is in force on the date asked about (该日期无有效规则).

    ``successor`` names the rule that replaced it, when the rule was repealed and a
    successor is known.

    >>> from datetime import date
    >>> print(NotInForce("work-safety-law-2014", date(2021, 9, 1), "已废止", "work-safety-law-2021"))
    work-safety-law-2014 于 2021-09-01 不在有效期内: 已废止；后继规则 work-safety-law-2021
    """

    def __init__(self, rule: str, on: date, message: str, successor: str | None = None) -> None:
        self.rule = rule
        self.on = on
        self.message = message
        self.successor = successor
        text = f"{rule} 于 {on.isoformat()} 不在有效期内: {message}"
        if successor:
            text += f"；后继规则 {successor}"
        super().__init__(text)


class UnknownReference(SafetyRulesError, LookupError):
    """An identifier that names nothing known (未知标识): an instrument, a code, a rule.

    >>> print(UnknownReference("行政区划代码", "339999"))
    未知的行政区划代码: '339999'
    """

    def __init__(self, kind: str, value: object) -> None:
        self.kind = kind
        self.value = value
        super().__init__(f"未知的{kind}: {value!r}")


class CitationSyntaxError(SafetyRulesError, ValueError):
    """Text that cannot be read as a citation or a provision (引用格式错误).

    >>> print(CitationSyntaxError("第X条", "无法识别条文序号"))
    无法解析引用 '第X条': 无法识别条文序号
    """

    def __init__(self, text: str, message: str) -> None:
        self.text = text
        self.message = message
        super().__init__(f"无法解析引用 {text!r}: {message}")


class InvalidRule(SafetyRulesError, ValueError):
    """A rule defined inconsistently (规则定义不一致): periods out of order or overlapping,
    a band table with a gap or an overlap, a citation to nothing.

    Loading a data file turns it into a :class:`RuleDataError` that names the file and key.

    >>> print(InvalidRule("生效日期必须递增"))
    生效日期必须递增
    """
