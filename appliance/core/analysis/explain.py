"""One line per figure saying how it is computed, in Japanese and English (report and API)."""

from __future__ import annotations

HOW: dict[str, tuple[str, str]] = {
    "customers": (
        "その月に注文した顧客の数(取消を除く)",
        "customers with an order that month (cancelled ones left out)",
    ),
    "new": ("初回注文がその月の顧客", "customers whose first order fell in that month"),
    "repeat": ("顧客数 − 新規", "customers − new"),
    "repeat_rate": ("リピート ÷ 顧客数", "repeat ÷ customers"),
    "orders": ("その月の注文数(取消を除く)", "orders that month (cancelled left out)"),
    "revenue": ("その月の注文合計(税込)", "sum of that month's order totals"),
    "average_order": ("売上 ÷ 注文数", "revenue ÷ orders"),
    "spend_per_customer": ("売上 ÷ 顧客数", "revenue ÷ customers"),
    "orders_per_customer": ("注文数 ÷ 顧客数", "orders ÷ customers"),
    "churn": (
        "前月の顧客のうち今月注文しなかった割合",
        "last month's customers who did not order this month",
    ),
    "revenue_churn": (
        "前月売上のうち来なかった顧客の分",
        "share of last month's revenue from customers who did not return",
    ),
    "nps": ("推奨者(9–10)% − 批判者(0–6)%", "% promoters (9–10) − % detractors (0–6)"),
    "cohort": (
        "初回注文月ごとの顧客が k か月後に注文した割合",
        "share of a first-order month's customers ordering k months later",
    ),
    "cohort_revenue": ("k か月後の売上 ÷ 初月の売上", "revenue k months later ÷ the first month's"),
    "rank": (
        "期間内売上の累計 70% までが A、90% までが B、残りが C",
        "A: customers making the first 70 % of the window's spend, B to 90 %, C the rest",
    ),
    "rfm": (
        "最終注文日・期間内注文数・期間内売上の五分位 1–5",
        "quintiles 1–5 of last order, orders and spend in the window",
    ),
    "ltv": (
        "平均注文額 × 年間注文数 × 想定継続年数",
        "average order × orders a year × expected years",
    ),
    "health": (
        "最近度 35% + 頻度 35% + 最新 NPS 15% + 苦情なし 15%",
        "recency 35 % + frequency 35 % + last NPS 15 % + no complaint 15 %",
    ),
    "heat": (
        "店の時間帯・営業日で曜日 × 時刻ごとの件数",
        "count per weekday × hour in the shop's time zone",
    ),
    "talk": ("通話時間の平均(秒)", "average call duration (s)"),
    "claim": (
        "着信から端末が取るまでの平均(秒)",
        "average seconds from ring to a desk claiming the call",
    ),
    "after_call": (
        "通話終了から通話メモ保存までの平均(秒)",
        "average seconds from hang-up to the call's note saved",
    ),
    "note_writing": (
        "メモに記録された作成時間の合計(秒)",
        "sum of the writing time recorded on notes (s)",
    ),
}


def how(key: str, lang: str) -> str:
    """The line for key in lang ('ja' or 'en')."""
    ja, en = HOW[key]
    return ja if lang == "ja" else en
