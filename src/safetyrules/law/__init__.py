"""The legal backbone (法律基础): instruments, citations, dated rules, jurisdictions and
explanations, shared by every rule module.

>>> from datetime import date
>>> from safetyrules.law import Citation, jurisdiction
>>> str(Citation.parse("《生产安全事故报告和调查处理条例》第三条第二款"))
'《生产安全事故报告和调查处理条例》（国务院令第493号）第三条第二款'
>>> jurisdiction("330400").full_name
'浙江省嘉兴市'
"""

from safetyrules.law.band import Band, BandTable, Convention
from safetyrules.law.catalogue import (
    Catalogue,
    catalogue,
    in_force,
    instrument,
    register_instruments,
    require_in_force,
)
from safetyrules.law.citation import Citation
from safetyrules.law.confidence import Confidence
from safetyrules.law.instrument import Instrument, InstrumentKind
from safetyrules.law.jurisdiction import NATION, Jurisdiction, Level, jurisdiction
from safetyrules.law.overlay import Overlay, Resolved
from safetyrules.law.parameters import read_parameters
from safetyrules.law.provision import Provision
from safetyrules.law.reason import Explanation, Reason
from safetyrules.law.timeline import Dated, Timeline

__all__ = [
    "NATION",
    "Band",
    "BandTable",
    "Catalogue",
    "Citation",
    "Confidence",
    "Convention",
    "Dated",
    "Explanation",
    "Instrument",
    "InstrumentKind",
    "Jurisdiction",
    "Level",
    "Overlay",
    "Provision",
    "Reason",
    "Resolved",
    "Timeline",
    "catalogue",
    "in_force",
    "instrument",
    "jurisdiction",
    "read_parameters",
    "register_instruments",
    "require_in_force",
]
