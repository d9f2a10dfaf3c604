"""The browser desk's login page."""

STRINGS: dict[str, tuple[str, str]] = {
    "serve.login_refused": (
        "ユーザー名かパスワードが違います",
        "wrong user name or password",
    ),
    "serve.login_later": (
        "ログインの試行が多すぎます: しばらく待ってからやり直してください",
        "too many login attempts: wait a while and try again",
    ),
    "serve.box_unreachable": (
        "箱に接続できません: 箱の電源とネットワークを確認してください",
        "cannot reach the box: check its power and network",
    ),
}
