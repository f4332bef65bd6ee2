"""Identifiers of organisations under Chinese national standards (机构标识代码).

One small module per standard, in the style of python-stdnum: each has ``compact()``,
``calc_check_digit()``, ``validate()`` (raises), ``is_valid()`` (returns a bool) and
``format()``. Import the module you need; nothing is imported eagerly.

- :mod:`safetyrules.identifiers.uscc`: 统一社会信用代码, GB 32100-2015.
- :mod:`safetyrules.identifiers.organization_code`: 组织机构代码, GB 11714-1997.

Every error raised for a bad code derives from :class:`safetyrules.errors.InvalidInput`.
"""
