# %% [markdown]
# # 一次合规审计 / A compliance audit, step by step
#
# 安全评价、咨询人员在 Jupyter 中审计一家企业的流程（本文件可用 Jupytext 或 VS Code 按单元格打开，
# 也可直接用 `python examples/consultant_audit.py` 运行）。示例企业是库内置的虚构企业：
# 嘉兴市南湖区一家涉爆粉尘、涉氨制冷的速冻食品企业。
#
# The steps a safety consultant follows in a notebook (open this file cell by cell with
# Jupytext or VS Code, or run it as a script). The enterprise is the library's fictional demo.

# %%
import shutil
import tempfile
from datetime import date
from pathlib import Path

import safetyrules
from safetyrules.audit import audit, load_inputs
from safetyrules.audit.render import to_markdown

AS_OF = date(2026, 11, 29)

# %% [markdown]
# ## 1. 企业资料目录 / The enterprise's folder
#
# 一个目录放一家企业的资料：`enterprise.toml`、`accidents.toml`、`risks.toml`、`hazard_units.toml`、
# `self_assessment.toml`、`inspections.toml`、`custody.toml`、`responsibility.toml`。这里复制内置示例。

# %%
folder = Path(tempfile.mkdtemp()) / "jiaxing"
shutil.copytree(Path(safetyrules.__file__).parent / "data" / "demo", folder)
inputs = load_inputs(folder)
print(inputs.enterprise.name, len(inputs.risks), "个风险点")

# %% [markdown]
# ## 2. 审计 / Audit
#
# 每个结论都带依据（文件、条款）和可信度。In a notebook, results display as HTML with their
# reasons; here we print the key numbers.

# %%
report = audit(inputs, AS_OF)
assert report.risks is not None
print({level.value: n for level, n in report.risks.counts.items()})
for row in report.risks.major():
    print(row.point.id, row.point.name, row.assessment.level.value)

# %% [markdown]
# ## 3. 事故 / Accidents
#
# 事故等级按国务院令第493号第三条；`_repr_html_` 在笔记本中显示理由。

# %%
for accident in report.accidents:
    print(accident.record.occurred_on, accident.classification.grade.value)
print(report.accidents[-1].classification._repr_markdown_())

# %% [markdown]
# ## 4. 标准化 / Standardization

# %%
assert report.standardization is not None
assert report.standardization.assessment is not None
print(report.standardization.assessment.score, "分")

# %% [markdown]
# ## 5. 检查、隐患与罚款建议 / Inspection, hazards and penalty recommendations

# %%
section = report.inspections[0]
assert section.result is not None
for hazard in section.result.hazards:
    print(hazard.level.value, hazard.description)
for penalty in section.penalties:
    if penalty.recommendation is not None:
        print(penalty.violation, penalty.recommendation.minimum, penalty.recommendation.maximum)

# %% [markdown]
# ## 6. 安全生产责任与三清单 / Responsibility and the three lists

# %%
responsibility = report.responsibility
assert responsibility is not None
assert responsibility.system is not None
print(responsibility.system.text())
assert responsibility.control is not None
for row in responsibility.control.to_rows("zh")[:3]:
    print(row["风险点编号"], row["管控层级"], row["责任人"])

# %% [markdown]
# ## 7. 报告 / The report
#
# Markdown、JSON、Excel（`safetyrules[excel]`）。

# %%
markdown = to_markdown(report)
print(markdown.splitlines()[0])
(folder / "report.md").write_text(markdown, encoding="utf-8")
