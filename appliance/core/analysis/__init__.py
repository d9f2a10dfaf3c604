"""Knowing the business: per-customer ranks, RFM, LTV and cycles, lists, KPIs and reports."""
