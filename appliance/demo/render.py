"""Plain-text screen pops for a terminal, in Japanese or English."""

from __future__ import annotations

from appliance.core.calls.pop import PopCustomer, ScreenPop
from appliance.core.calls.router import CallUpdate

_T = {
    "incoming": {"ja": "着信", "en": "Incoming call"},
    "unknown": {"ja": "未登録の番号", "en": "Unknown number"},
    "shared": {"ja": "共有番号 — 顧客を選択", "en": "Shared number — pick the customer"},
    "vip": {"ja": "★VIP", "en": "★VIP"},
    "caution": {"ja": "⚠要注意", "en": "⚠Caution"},
    "blocked": {"ja": "⛔着信拒否", "en": "⛔Blocked"},
    "pinned": {"ja": "固定メモ", "en": "Pinned"},
    "orders": {"ja": "最近の注文", "en": "Last orders"},
    "tasks": {"ja": "未完了の折り返し", "en": "Open callbacks"},
    "recent": {"ja": "最近の対応", "en": "Recent contacts"},
    "calls": {"ja": "通話", "en": "calls"},
    "answered": {"ja": "応答", "en": "answered"},
    "missed": {"ja": "不在着信 → 折り返しリストへ", "en": "missed → added to callbacks"},
    "ended": {"ja": "終了", "en": "ended"},
    "ring": {"ja": "呼出", "en": "ring"},
}


def t(key: str, lang: str) -> str:
    """A UI string in `lang` ("ja" or "en")."""
    return _T[key]["ja" if lang == "ja" else "en"]


def render_pop(pop: ScreenPop, lang: str = "ja") -> str:
    """The pop as a block of text lines."""
    who = pop.number_display or pop.number or ""
    reason = pop.reason_ja if lang == "ja" else pop.reason_en
    head = f"━━ {t('incoming', lang)} {pop.line} {pop.at:%H:%M:%S}  {who} {reason or ''}".rstrip()
    if pop.cid_name:
        head += f"  ({pop.cid_name})"
    lines = [head]
    if pop.blocked_number:
        lines.append(f"   {t('blocked', lang)}")
    if not pop.customers and pop.number:
        lines.append(f"   {t('unknown', lang)}")
    if pop.shared:
        lines.append(f"   {t('shared', lang)}:")
    for i, c in enumerate(pop.customers, 1):
        lines.extend(_card(c, lang, f"{i}. " if pop.shared else ""))
    return "\n".join(lines)


def _card(c: PopCustomer, lang: str, prefix: str) -> list[str]:
    flags = " ".join(
        t(k, lang)
        for k, on in (("vip", c.vip), ("caution", c.caution), ("blocked", c.blocked))
        if on
    )
    name = c.display_name + (f"（{c.reading}）" if c.reading else "")
    out = [f"   {prefix}{name} {flags}".rstrip()]
    if c.company:
        out.append(f"      {c.company}")
    if c.address:
        out.append(f"      〒 {c.address}")
    if c.delivery_notes:
        out.append(f"      ✎ {c.delivery_notes}")
    if c.tags:
        out.append("      # " + ", ".join(c.tags))
    out.append(f"      {c.call_count} {t('calls', lang)}")
    for n in c.pinned_notes:
        out.append(f"      📌 {t('pinned', lang)}: {n.body}")
    if c.last_orders:
        out.append(f"      {t('orders', lang)}:")
        for o in c.last_orders:
            items = ", ".join(o.items)
            out.append(f"        {o.at:%Y-%m-%d} ¥{o.total:,} {o.status} {items}".rstrip())
    for task in c.open_tasks:
        due = f"{task.due:%m/%d %H:%M}" if task.due else ""
        out.append(f"      ☎ {t('tasks', lang)}: {task.reason} {due}".rstrip())
    if c.recent:
        out.append(f"      {t('recent', lang)}:")
        for r in c.recent:
            by = f" — {r.handled_by}" if r.handled_by else ""
            out.append(f"        {r.at:%Y-%m-%d %H:%M} {r.kind} {r.summary}{by}")
    return out


def render_update(u: CallUpdate, lang: str = "ja") -> str:
    """One line for a call's progress (ring, answered, missed, ended)."""
    extra = f" #{u.rings}" if u.kind == "ring" else ""
    return f"   · {u.line} {u.at:%H:%M:%S} {t(u.kind, lang)}{extra}"
