"""The audit (安全生产合规审计): one report on an enterprise, every verdict with its basis.

>>> from datetime import date
>>> from safetyrules.audit import audit, demo_enterprise
>>> report = audit(demo_enterprise(), date(2026, 11, 29))
>>> report.jurisdiction_chain[0].name
'南湖区'
"""

from safetyrules.audit.inputs import demo_enterprise, load_enterprise
from safetyrules.audit.report import AuditReport, audit

__all__ = ["AuditReport", "audit", "demo_enterprise", "load_enterprise"]
