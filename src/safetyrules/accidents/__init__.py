"""Production-safety accidents (生产安全事故): grades, reporting, investigation, statistics.

Rules of 《生产安全事故报告和调查处理条例》（国务院令第493号） and 《中华人民共和国安全生产法》
（2021年修正）第五章, with every threshold and deadline read from dated, cited data; and the
accident categories of GB 6441 (事故类别), dated by edition.

>>> from datetime import date, datetime
>>> c = classify(deaths=3, occurred_on=date(2024, 5, 1))
>>> c.grade.value
'较大事故'
>>> investigating_authority(c.grade, has_casualties=True).level.value
'设区的市级人民政府'
>>> reporting_chain(datetime(2024, 5, 1, 10, tzinfo=SHANGHAI), c.grade)[-1].recipient.name
'PROVINCE'
"""

from safetyrules.accidents.category import (
    AccidentCategory,
    CategoryEdition,
    CategoryMapping,
    MappingRelation,
    accident_categories,
    accident_category,
    categories_on,
    convert_to_2025,
    legacy_categories,
    map_to_2025,
)
from safetyrules.accidents.deadline import Deadline, last_day
from safetyrules.accidents.grade import (
    AccidentClassification,
    AccidentGrade,
    Dimension,
    DimensionGrade,
    classify,
    grade_table,
)
from safetyrules.accidents.investigation import (
    InvestigationAuthority,
    InvestigationDeadline,
    InvestigationLevel,
    follow_up_evaluation_deadline,
    investigating_authority,
    investigation_level,
    investigation_report_deadline,
    reply_deadline,
)
from safetyrules.accidents.record import AccidentFindings, AccidentRecord
from safetyrules.accidents.reporting import (
    ReportCheck,
    ReportingCheck,
    ReportingStep,
    ReportRecipient,
    check_reporting,
    reporting_chain,
)
from safetyrules.accidents.statistics import (
    DeclineAssessment,
    Indicator,
    IndicatorChange,
    YearFigures,
    three_declines,
)
from safetyrules.accidents.supplementary import (
    AccidentKind,
    Regrading,
    regrade,
    supplementary_report_deadline,
)
from safetyrules.checks import SHANGHAI

__all__ = [
    "SHANGHAI",
    "AccidentCategory",
    "AccidentClassification",
    "AccidentFindings",
    "AccidentGrade",
    "AccidentKind",
    "AccidentRecord",
    "CategoryEdition",
    "CategoryMapping",
    "Deadline",
    "DeclineAssessment",
    "Dimension",
    "DimensionGrade",
    "Indicator",
    "IndicatorChange",
    "InvestigationAuthority",
    "InvestigationDeadline",
    "InvestigationLevel",
    "MappingRelation",
    "Regrading",
    "ReportCheck",
    "ReportRecipient",
    "ReportingCheck",
    "ReportingStep",
    "YearFigures",
    "accident_categories",
    "accident_category",
    "categories_on",
    "check_reporting",
    "classify",
    "convert_to_2025",
    "follow_up_evaluation_deadline",
    "grade_table",
    "investigating_authority",
    "investigation_level",
    "investigation_report_deadline",
    "last_day",
    "legacy_categories",
    "map_to_2025",
    "regrade",
    "reply_deadline",
    "reporting_chain",
    "supplementary_report_deadline",
    "three_declines",
]
