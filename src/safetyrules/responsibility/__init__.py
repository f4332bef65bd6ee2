"""Safety responsibility (安全生产责任): statutory duties, an enterprise's 全员安全生产责任制,
staffing thresholds, and the three lists (重大风险清单、风险管控责任清单、责任追究清单) with the
包保责任 of major hazard installations."""
