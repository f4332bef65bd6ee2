"""The audit (安全生产合规审计): one report on an enterprise, every verdict with its basis.

>>> from datetime import date
>>> from safetyrules.audit import audit, demo_inputs
>>> report = audit(demo_inputs(), date(2026, 11, 29))
>>> report.jurisdiction_chain[0].name
'南湖区'
>>> [a.classification.grade.value for a in report.accidents]
['一般事故', '一般事故']
"""

from safetyrules.audit.inputs import AuditInputs, demo_enterprise, demo_inputs, load_inputs
from safetyrules.audit.report import AuditReport, audit

__all__ = ["AuditInputs", "AuditReport", "audit", "demo_enterprise", "demo_inputs", "load_inputs"]
