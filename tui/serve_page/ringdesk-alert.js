// Ringdesk browser desk: a call arriving while this tab is in the background shows a
// notification and beeps. The desk writes "ESC ] 777 ; notify ; title ; body BEL" into its
// terminal output (the notify sequence some terminals show as a desktop notification); this
// watches the page's terminal socket for it. Nothing here talks to any other host.
(function () {
  "use strict";
  var MARK = "\u001b]777;notify;";
  var audio = null;

  function unlock() {  // browsers allow sound and ask for notifications after a key or click
    if (!audio && window.AudioContext) { audio = new AudioContext(); }
    if (audio && audio.state === "suspended") { audio.resume(); }
    if (window.Notification && Notification.permission === "default") {
      Notification.requestPermission();
    }
  }
  window.addEventListener("keydown", unlock, true);
  window.addEventListener("mousedown", unlock, true);
  // "start again" after a session ended (no inline handler: the page's policy forbids them)
  document.addEventListener("click", function (e) {
    if (e.target && e.target.id === "again") { location.reload(); }
  });

  function beep() {
    if (!audio) { return; }
    [0, 0.35].forEach(function (at) {
      var osc = audio.createOscillator(), gain = audio.createGain();
      osc.frequency.value = 880;
      gain.gain.value = 0.2;
      osc.connect(gain); gain.connect(audio.destination);
      osc.start(audio.currentTime + at); osc.stop(audio.currentTime + at + 0.25);
    });
  }

  var shownTitle = null;
  function alert(title, body) {
    window.ringdeskAlerts = (window.ringdeskAlerts || []).concat([[title, body]]);
    if (!document.hidden && document.hasFocus()) { return; }
    beep();
    if (window.Notification && Notification.permission === "granted") {
      var n = new Notification(title, { body: body, tag: "ringdesk-call" });
      n.onclick = function () { window.focus(); n.close(); };
    }
    if (shownTitle === null) { shownTitle = document.title; }
    document.title = "☎ " + body;
  }
  document.addEventListener("visibilitychange", function () {
    if (!document.hidden && shownTitle !== null) { document.title = shownTitle; shownTitle = null; }
  });

  var decoder = new TextDecoder();
  function watch(socket) {
    var tail = "";
    socket.addEventListener("message", function (event) {
      if (typeof event.data === "string") { return; }
      var text = tail + decoder.decode(new Uint8Array(event.data), { stream: true });
      var at;
      while ((at = text.indexOf(MARK)) >= 0) {
        var end = text.indexOf("\u0007", at);
        if (end < 0) { break; }
        var parts = text.slice(at + MARK.length, end).split(";");
        alert(parts[0], parts.slice(1).join(";"));
        text = text.slice(end + 1);
      }
      at = text.lastIndexOf("\u001b]");
      tail = at >= 0 && text.length - at < 1024 ? text.slice(at) : "";
    });
  }

  var Native = window.WebSocket;
  function Watched(url, protocols) {
    var socket = protocols === undefined ? new Native(url) : new Native(url, protocols);
    watch(socket);
    return socket;
  }
  Watched.prototype = Native.prototype;
  ["CONNECTING", "OPEN", "CLOSING", "CLOSED"].forEach(function (k) { Watched[k] = Native[k]; });
  window.WebSocket = Watched;
})();
