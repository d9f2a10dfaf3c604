"""The desk's box client, without Textual: HTTPS and the event WebSocket to the pinned box,
pairing, the keystore, finding boxes on the LAN and getting to a logged-in session."""
