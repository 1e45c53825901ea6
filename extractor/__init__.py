"""xxgk-audit: audits 政府信息公开工作年度报告 (read → structure → extract → check → report)."""

__version__ = "0.1.0"
