"""Pop strings for calls without a number."""
# ruff: noqa: E501  (catalogue rows read best one per line, whatever their length)

STRINGS: dict[str, tuple[str, str]] = {
    "pop.no_number_hint": (
        "番号が通知されていません: お名前を伺い、n で新規顧客、a で既存の顧客にこの通話を記録できます",
        "No number was sent: ask the caller's name, then n for a new customer or a to record "
        "this call on an existing one",
    ),
}
