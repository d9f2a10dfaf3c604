"""The desk's message catalogue: every user-facing string in Japanese and English."""
# ruff: noqa: E501  (catalogue rows read best one per line, whatever their length)

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType
from typing import Literal

from tui import strings as _strings

Lang = Literal["ja", "en"]

# key: (日本語, English); placeholders in str.format style.
CATALOGUE: dict[str, tuple[str, str]] = {
    "app.title": ("Ringdesk デスク", "Ringdesk desk"),
    "link.up": ("接続中", "connected"),
    "link.down": (
        "接続が切れました — {retry:.1f} 秒後に再接続",
        "connection lost — retrying in {retry:.1f} s",
    ),
    "link.connecting": ("接続しています…", "connecting…"),
    "link.resync": ("再同期しました", "resynchronised"),
    "box.locked": ("箱はロック中: 解錠待ち", "box locked: waiting for unlock"),
    "warning.backup_target": (
        "バックアップ先に書けません (USB メモリ・空き容量を確認してください){since}",
        "cannot write backups (check the USB stick and free space){since}",
    ),
    "warning.backup_failed": ("バックアップに失敗しました{since}", "the backup failed{since}"),
    "warning.backup_drill_failed": (
        "バックアップの復元テストに失敗しました",
        "the backup restore drill failed",
    ),
    "warning.since_hours": (
        ": 最後の成功は {hours} 時間前",
        ": the last good one is {hours} h old",
    ),
    "warning.since_recent": (
        ": 最後の成功は 1 時間以内",
        ": the last good one is under an hour old",
    ),
    "warning.since_never": (": まだ一度も成功していません", ": there is no good backup yet"),
    "warning.database_damaged": (
        "データベースに破損があります ({pages} ページ): バックアップから復元してください",
        "the database has {pages} damaged page(s): restore it from a backup",
    ),
    "warning.recordings": (
        "録音に問題があります (容量か保存先): 詳細は箱のログに",
        "a problem with recordings (space or drive): details in the box's log",
    ),
    "warning.disk_full": (
        "箱のディスクがいっぱいです: 予備の領域で着信を記録中。すぐに空きを作ってください",
        "the box's disk is full: calls are kept in its reserve; free some space now",
    ),
    "warning.disk_low": (
        "箱のディスクの空きが少なくなっています (残り {free_mb} MB)",
        "the box's disk is nearly full ({free_mb} MB left)",
    ),
    "warning.other": ("箱からの警告: {code}", "a warning from the box: {code}"),
    "find.title": ("箱を探す", "Find a box"),
    "find.searching": ("LAN 上の箱を探しています…", "looking for boxes on the LAN…"),
    "find.none": (
        "箱が見つかりません。アドレスを入力してください",
        "no box found; type its address",
    ),
    "find.address": ("アドレス (ホスト:ポート)", "address (host:port)"),
    "find.rescan": ("再検索", "search again"),
    "pair.title": ("ペアリング", "Pairing"),
    "pair.code": ("箱に表示された 8 桁のコード", "the 8-digit code shown on the box"),
    "pair.desk_name": ("このデスクの名前", "name of this desk"),
    "pair.go": ("ペアリング", "Pair"),
    "pair.working": ("ペアリング中…", "pairing…"),
    "pair.open": ("新しいデスクをペアリング (コードを表示)", "Pair a new desk (show a code)"),
    "pair.open_key": ("デスク追加", "Pair a desk"),
    "pair.open_title": ("新しいデスクのペアリング", "Pair a new desk"),
    "pair.open_how": (
        "新しいデスクの「箱に表示された 8 桁のコード」欄にこのコードを入力してください。",
        'Type this code into the new desk\'s "8-digit code" field.',
    ),
    "pair.open_window": (
        "受付は {minutes} 分間、{until} までです。",
        "Pairing is open for {minutes} minutes, until {until}.",
    ),
    "pair.admin_only": (
        "新しいデスクのペアリングを開けるのは管理者だけです。管理者でログインしてください",
        "only an admin can open pairing for a new desk; log in as an admin",
    ),
    "login.title": ("ログイン", "Log in"),
    "login.user": ("ユーザー名", "user name"),
    "login.password": ("パスワード", "password"),
    "login.go": ("ログイン", "Log in"),
    "login.bad_address": ("アドレスは ホスト:ポート です", "an address is host:port"),
    "home.title": ("ホーム", "Home"),
    "home.ringing": ("着信中", "Ringing"),
    "home.recent": ("最近の通話", "Recent calls"),
    "home.no_calls": ("着信はまだありません", "no calls yet"),
    "pop.title": ("着信 — 回線 {line}", "Incoming call — line {line}"),
    "pop.unknown": ("未登録の番号", "Unknown number"),
    "pop.shared": ("共有の番号: 顧客を選んでください", "Shared number: pick the customer"),
    "pop.claim": ("応対する", "I'll take it"),
    "pop.claimed_by": ("{who} が応対中", "{who} has it"),
    "pop.claimed_me": ("あなたが応対中", "you have it"),
    "pop.open": ("カードを開く", "Open card"),
    "pop.new": ("新規顧客", "New customer"),
    "pop.attach": ("既存の顧客に登録", "Attach to a customer"),
    "pop.dismiss": ("閉じる", "Dismiss"),
    "pop.waiting": (
        "着信中 — 入力が止まると表示します (F3ですぐ表示)",
        "A call is ringing — it shows when you pause typing (F3 shows it now)",
    ),
    "pop.lines": ("着信中の回線", "Lines ringing"),
    "pop.calls": ("通話 {count} 回 · 最終 {last}", "{count} calls · last {last}"),
    "pop.blocked_number": ("着信拒否の番号", "blocked number"),
    "pop.after_hours": ("営業時間外", "after hours"),
    "pop.withheld": ("番号なし", "no number"),
    "call.state.ringing": ("呼出中", "ringing"),
    "call.state.answered": ("通話中", "answered"),
    "call.state.missed": ("不在", "missed"),
    "call.state.ended": ("終了", "ended"),
    "call.state.dialing": ("発信中", "dialing"),
    "call.event.claimed": ("応対中", "taken"),
    "call.event.handed_off": ("引き継ぎ", "handed off"),
    "call.event.attached": ("顧客に登録", "attached to a customer"),
    "disp.completed": ("完了", "completed"),
    "disp.order": ("注文", "order"),
    "disp.inquiry": ("問い合わせ", "inquiry"),
    "disp.complaint": ("苦情", "complaint"),
    "disp.wrong_number": ("番号違い", "wrong number"),
    "disp.sales": ("営業電話", "sales call"),
    "disp.missed": ("不在", "missed"),
    "disp.remote_hangup": ("相手が切断", "caller hung up"),
    "disp.voicemail": ("留守電", "voicemail"),
    "disp.other": ("その他", "other"),
    "disp.taken_at_desk": ("内線で応対", "taken on an extension"),
    "disp.answered_elsewhere": ("他の電話で応対", "answered on another phone"),
    "flag.vip": ("VIP", "VIP"),
    "flag.caution": ("要注意", "caution"),
    "flag.blocked": ("拒否", "blocked"),
    "card.title": ("顧客カード", "Customer card"),
    "card.profile": ("プロフィール", "Profile"),
    "card.contacts": ("連絡先", "Contacts"),
    "card.timeline": ("履歴", "Timeline"),
    "card.orders": ("注文", "Orders"),
    "card.tasks": ("コールバック", "Callbacks"),
    "card.pinned": ("固定メモ", "Pinned notes"),
    "card.delivery": ("配達メモ", "delivery notes"),
    "card.saved": ("保存しました", "saved"),
    "card.loading": ("読み込み中…", "loading…"),
    "card.name_needed": (
        "氏名を入力してください (空のカードは保存しません)",
        "type a name first (an empty card is not saved)",
    ),
    "card.unchanged": ("変更はありません", "nothing changed"),
    "unsaved.title": ("保存していない変更があります", "You have unsaved changes"),
    "unsaved.body": ("閉じる前にどうしますか?", "What should happen to them?"),
    "unsaved.save": ("保存して閉じる", "Save and close"),
    "unsaved.discard": ("破棄して閉じる", "Discard"),
    "unsaved.keep": ("編集を続ける", "Keep editing"),
    "field.display_name": ("氏名", "Name"),
    "field.reading": ("ふりがな", "Reading"),
    "field.company": ("会社", "Company"),
    "field.department": ("部署", "Department"),
    "field.title": ("役職", "Title"),
    "field.occupation": ("職業", "Occupation"),
    "field.household": ("世帯", "Household"),
    "field.interests": ("趣味・関心", "Interests"),
    "field.caution_note": ("注意事項", "Caution note"),
    "field.vip": ("VIP", "VIP"),
    "field.caution": ("要注意", "Caution"),
    "field.blocked": ("着信拒否", "Blocked"),
    "field.phone": ("電話", "Phone"),
    "stale.title": ("他の人が先に変更しました", "Someone changed this first"),
    "stale.field": ("項目", "Field"),
    "stale.mine": ("あなたの変更", "Your change"),
    "stale.theirs": ("現在の値", "Now on the box"),
    "stale.merge": ("自分の変更を上書き保存", "Keep mine (save again)"),
    "stale.take": ("現在の値を使う", "Use theirs"),
    "stale.cancel": ("キャンセル", "Cancel"),
    "note.title": ("メモ", "Note"),
    "note.timer": ("経過 {time}", "time {time}"),
    "note.pinned": ("カードに固定", "Pin to card"),
    "note.save": ("保存", "Save"),
    "note.saved": ("メモを保存しました ({time})", "note saved ({time})"),
    "order.title": ("注文入力", "Quick order"),
    "order.product": ("商品", "Product"),
    "order.qty": ("数量", "Qty"),
    "order.price": ("単価", "Price"),
    "order.line_total": ("小計", "Subtotal"),
    "order.total": ("合計 {total}", "Total {total}"),
    "order.add": ("追加", "Add"),
    "order.save": ("注文を確定", "Place order"),
    "order.saved": ("注文を登録しました: {total}", "order placed: {total}"),
    "order.empty": ("商品を追加してください", "add a product first"),
    "order.filter": ("商品を検索", "find a product"),
    "order.status.open": ("受付", "open"),
    "order.status.confirmed": ("確定", "confirmed"),
    "order.status.delivered": ("配達済み", "delivered"),
    "order.status.cancelled": ("取消", "cancelled"),
    "task.state.open": ("未完了", "open"),
    "task.state.done": ("完了", "done"),
    "task.state.cancelled": ("取消", "cancelled"),
    "callback.title": ("コールバック設定", "Set a callback"),
    "callback.reason": ("理由", "Reason"),
    "callback.due": (
        "期限 (例: 15:30, +30m, 2026-12-02 10:00)",
        "Due (e.g. 15:30, +30m, 2026-12-02 10:00)",
    ),
    "callback.bad_due": ("期限が読めません: {value}", "cannot read the due time: {value}"),
    "callback.save": ("設定", "Set"),
    "callback.saved": ("コールバックを設定しました", "callback set"),
    "callback.due_now": (
        "コールバックの時間です: {who} — {reason}",
        "Callback due: {who} — {reason}",
    ),
    "board.title": ("コールバック一覧", "Callback board"),
    "board.done": ("完了にする", "Mark done"),
    "board.empty": ("コールバックはありません", "no callbacks"),
    "board.folded": ("（{n}回・最終 {at}）", "({n} calls, last {at})"),
    "search.title": ("検索", "Search"),
    "search.placeholder": ("名前・ふりがな・電話番号・住所…", "name, reading, phone, address…"),
    "search.none": ("見つかりません", "nothing found"),
    "segments.title": ("セグメント", "Segments"),
    "segments.query": (
        "条件 (例: orders >= 3 かつ tag = 常連)",
        "conditions (e.g. orders >= 3 and tag = VIP)",
    ),
    "segments.save": ("条件を保存", "Save query"),
    "segments.name": ("名前", "Name"),
    "segments.count": ("{count} 件", "{count} customers"),
    "log.title": ("通話履歴", "Call log"),
    "log.missed": ("不在のみ", "missed only"),
    "log.line": ("回線", "line"),
    "log.desk": ("デスク ID", "desk id"),
    "log.date": ("日付 (YYYY-MM-DD)", "date (YYYY-MM-DD)"),
    "col.time": ("時刻", "Time"),
    "col.line": ("回線", "Line"),
    "col.number": ("番号", "Number"),
    "col.name": ("名前", "Name"),
    "col.state": ("状態", "State"),
    "col.who": ("担当", "Handled by"),
    "col.due": ("期限", "Due"),
    "col.reason": ("理由", "Reason"),
    "col.phone": ("電話", "Phone"),
    "col.company": ("会社", "Company"),
    "col.kind": ("種別", "Kind"),
    "col.summary": ("内容", "Summary"),
    "key.search": ("検索", "Search"),
    "key.board": ("コールバック", "Callbacks"),
    "key.log": ("通話履歴", "Call log"),
    "key.segments": ("セグメント", "Segments"),
    "key.home": ("ホーム", "Home"),
    "key.lang": ("English", "日本語"),
    "key.theme": ("テーマ", "Theme"),
    "key.claim": ("応対", "Claim"),
    "key.end_call": ("終話", "End call"),
    "call.ended_here": ("通話を終了しました（{time}）", "Call ended ({time})"),
    "call.none_to_end": ("応対中の通話はありません", "No call in progress at this desk"),
    "key.note": ("メモ", "Note"),
    "key.order": ("注文", "Order"),
    "key.callback": ("コールバック", "Callback"),
    "key.edit": ("編集", "Edit"),
    "key.save": ("保存", "Save"),
    "key.close": ("閉じる", "Close"),
    "key.pop": ("着信", "Calls"),
    "key.quit": ("終了", "Quit"),
    "key.palette": ("コマンド", "Commands"),
    "serve.ended": ("デスクの接続が終わりました", "This desk session has ended"),
    "serve.again": ("もう一度開く", "Open again"),
    "pop.notify": ("着信", "Incoming call"),
    "mark.pin": ("[固定]", "[pinned]"),
    "mark.order": ("[注文]", "[order]"),
    "mark.phone": ("電話", "Tel"),
    "mark.mail": ("メール", "Mail"),
    "mark.address": ("住所", "Address"),
    "mark.task": ("[折返し]", "[callback]"),
    "pair.desk_name_needed": (
        "このデスクの名前を入力してください (例: 受付2)",
        "name this desk first (e.g. front desk 2)",
    ),
    "key.logout": ("ログアウト", "Log out"),
    "cmd.lang": ("言語を切り替え (日本語 / English)", "Switch language (日本語 / English)"),
    "cmd.theme": ("ライト / ダーク を切り替え", "Toggle light / dark theme"),
    "card.recordings": ("録音", "Recordings"),
    "col.length": ("長さ", "Length"),
    "col.transcript": ("文字起こし", "Transcript"),
    "key.play": ("再生/一時停止", "Play/pause"),
    "key.back5": ("5 秒戻る", "Back 5 s"),
    "key.ahead5": ("5 秒進む", "Ahead 5 s"),
    "key.speed": ("速度", "Speed"),
    "key.export": ("WAV 書き出し", "Export WAV"),
    "rec.title": ("録音", "Recording"),
    "rec.call": ("通話録音", "Call recording"),
    "rec.voicemail": ("留守番電話", "Voicemail"),
    "rec.line": ("回線 {line}", "line {line}"),
    "rec.live": ("● 録音中", "● recording"),
    "rec.playing": ("▶ 再生中", "▶ playing"),
    "rec.paused": ("⏸ 一時停止", "⏸ paused"),
    "rec.ended": ("■ 終わりまで再生しました", "■ played to the end"),
    "rec.failed": ("再生できません", "cannot play"),
    "rec.transcript": ("文字起こし", "Transcript"),
    "rec.transcribing": ("文字起こし中… {percent}%", "transcribing… {percent}%"),
    "rec.no_transcript": ("文字起こしはまだありません", "no transcript yet"),
    "rec.no_words": ("(聞き取れる言葉はありませんでした)", "(no words were recognised)"),
    "rec.transcript_failed": ("文字起こしに失敗しました", "transcription failed"),
    "rec.export_refused": (
        "WAV の書き出しはマネージャーか管理者だけができます",
        "only a manager or an admin may export a WAV",
    ),
    "rec.exported": ("WAV を書き出しました: {path}", "WAV exported: {path}"),
    "rec.export_failed": ("WAV を保存できません: {error}", "cannot save the WAV: {error}"),
    "rec.none": ("録音はありません", "no recordings"),
    "cmd.logout": ("ログアウト", "Log out"),
    "logout.done": ("ログアウトしました", "logged out"),
    "logout.offline": (
        "箱に届かないため、このデスクでだけログアウトしました: {error}",
        "the box is out of reach: logged out on this desk only: {error}",
    ),
    "callback.assignee": ("担当者", "Assignee"),
    "callback.me": ("{name} (自分)", "{name} (me)"),
    "key.interaction": ("対応記録", "Log contact"),
    "ia.title": ("対応を記録", "Log a contact"),
    "ia.kind.call": ("通話", "Call"),
    "ia.kind.note": ("メモ", "Note"),
    "ia.kind.order": ("注文", "Order"),
    "ia.kind.recording": ("録音", "recording"),
    "ia.kind.email": ("メール", "Email"),
    "ia.kind.fax": ("FAX", "Fax"),
    "ia.kind.visit": ("来店・訪問", "Visit"),
    "ia.kind.sms": ("SMS", "SMS"),
    "ia.kind.letter": ("手紙", "Letter"),
    "ia.kind.web": ("ウェブ", "Web"),
    "ia.dir.in": ("先方から", "Incoming"),
    "ia.dir.out": ("こちらから", "Outgoing"),
    "ia.summary": ("内容 (何の件か)", "Summary (what it was about)"),
    "ia.timer": ("所要時間 {time}", "time spent {time}"),
    "ia.spent": ("所要 {time}", "time spent {time}"),
    "ia.save": ("記録", "Save"),
    "ia.saved": ("対応を記録しました", "contact logged"),
    "ia.empty": ("内容を入力してください", "write what it was about"),
    "ia.bad_minutes": (
        "所要時間が読めません: {value} (分、または 分:秒)",
        "cannot read the time spent: {value} (minutes, or minutes:seconds)",
    ),
    "key.handoff": ("引き継ぎ", "Hand off"),
    "handoff.title": ("別のデスクへ引き継ぐ", "Hand the card to another desk"),
    "handoff.none": ("ほかにログイン中のデスクはありません", "no other desk is logged in"),
    "handoff.no_call": (
        "引き継ぐ通話がありません (通話中のカードで使えます)",
        "no call to hand off (use it on a call's card)",
    ),
    "handoff.done": ("{desk} に引き継ぎました", "handed to {desk}"),
    "handoff.received": (
        "通話が引き継がれました: {name}",
        "a call was handed to this desk: {name}",
    ),
    "error.title": ("エラー", "Error"),
    "error.unexpected": (
        "思わぬエラーが起きました。記録して作業を続けます",
        "Something went wrong; it was logged and the desk carries on",
    ),
    "key.offline": ("複製を表示", "Replica"),
    "offline.query": (
        "名前・よみ・電話番号 (複製から検索)",
        "name, reading or number (searched in the replica)",
    ),
    "offline.none": (
        "このデスクにはまだ複製がありません (箱に接続中にログインしてください)",
        "this desk holds no replica yet (log in while the box is reachable)",
    ),
    "offline.banner": (
        "読み取り専用: デスクの複製から表示しています (最終同期 {synced} UTC)、変更は箱に接続してから",
        "read-only: shown from this desk's replica (last synced {synced} UTC); changes wait for the box",
    ),
    "replica_key.wrong_password": (
        "パスワードが違います: 複製は開きません",
        "wrong password: the replica stays closed",
    ),
    "replica_key.unknown_user": (
        "{user} はこのデスクで一度もログインしていないため、複製を開けません (箱に接続中に一度ログインしてください)",
        "{user} never logged in at this desk, so cannot open its replica (log in once while the box is reachable)",
    ),
    "replica_key.damaged": (
        "複製の鍵ファイルを読めません: {path}: {error}",
        "cannot read the replica key file {path}: {error}",
    ),
    "replica_key.migrated": (
        "複製の鍵をパスワードで保護しました (平文の鍵ファイルは消去しました)",
        "the replica key is now protected by your password (the plain key file was erased)",
    ),
    "replica_key.remade": (
        "複製の鍵を開けなかったため複製を作り直します (箱から再取得)。オフラインで開けなくなった利用者: {users} (次回の接続中ログインで戻ります)",
        "the replica key could not be opened, so the replica is made again from the box; users who cannot open it offline until their next online login: {users}",
    ),
    "replica_key.legacy": (
        "注意: このデスクの複製の鍵はまだ保護されていません。箱に接続中に一度ログインすると保護されます",
        "note: this desk's replica key is not yet protected; log in once while the box is reachable to protect it",
    ),
    "replica_key.no_session_key": (
        "記憶されたセッションでは複製を開けません (この箱は鍵を預かっていません): パスワードでログインし直すと複製が更新されます",
        "a remembered session cannot open the replica (this box keeps no escrow for it): log in again with your password to keep it up to date",
    ),
    "offline.unlock": (
        "箱に接続できません: 複製を開くにはこのデスクでログインしたことのあるユーザーのパスワードを入力してください",
        "the box is unreachable: to open this desk's replica, enter the password of a user who has logged in here",
    ),
    "replica_key.user_needed": (
        "複製を開くユーザーを --user で指定してください",
        "give the user who opens the replica with --user",
    ),
    "replica_key.prompt_user": ("ユーザー名", "user name"),
    "replica_key.prompt_password": ("パスワード", "password"),
    "replica_key.exported": (
        "複製の鍵を書き出しました: {path} (復元後は消去してください)",
        "replica key written to {path} (erase it after the restore)",
    ),
    "headless.listening": (
        "{box} に接続、イベント待ち (Ctrl-C で終了)",
        "connected to {box}, waiting for events (Ctrl-C to stop)",
    ),
    "headless.not_paired": (
        "このデスクは未ペアリングです: --pair CODE (と --box HOST:PORT) を指定してください",
        "this desk is not paired: give --pair CODE (and --box HOST:PORT)",
    ),
    "headless.no_box": (
        "LAN に箱が見つかりません: --box HOST:PORT を指定してください",
        "no box found on the LAN: give --box HOST:PORT",
    ),
    "headless.paired": (
        "{box} とペアリングしました (デスク ID {desk})",
        "paired with {box} (desk id {desk})",
    ),
    "headless.login_needed": (
        "ログインが必要です: --user U --password-file F",
        "log in first: --user U --password-file F",
    ),
}


def merge_catalogues(target: dict[str, tuple[str, str]], package: ModuleType) -> None:
    """Add each module's STRINGS in package to target; a key defined twice raises."""
    for info in pkgutil.iter_modules(package.__path__):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        rows: dict[str, tuple[str, str]] = module.STRINGS
        clash = target.keys() & rows.keys()
        if clash:
            raise RuntimeError(f"catalogue keys defined twice: {sorted(clash)}")
        target.update(rows)


merge_catalogues(CATALOGUE, _strings)

_lang: list[Lang] = ["ja"]


def set_language(lang: Lang) -> None:
    """Switch every later t() to lang."""
    _lang[0] = lang


def language() -> Lang:
    """The current language."""
    return _lang[0]


def t(key: str, **values: object) -> str:
    """The string for key in the current language, with values filled in."""
    ja, en = CATALOGUE[key]
    text = ja if _lang[0] == "ja" else en
    return text.format(**values) if values else text


def both(key: str, **values: object) -> str:
    """'日本語 / English' for messages that must read in both (logs, CLI errors)."""
    ja, en = CATALOGUE[key]
    return f"{ja.format(**values)} / {en.format(**values)}"
