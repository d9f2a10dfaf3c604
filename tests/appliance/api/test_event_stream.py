"""Ready-made event frames: what a standard WebSocket client reads back, at every length form."""

from __future__ import annotations

import pytest
from websockets.frames import Frame, Opcode
from websockets.protocol import Protocol, Side, State

from appliance.api.event_stream import FrameCache, text_frame
from appliance.core.events import EventHub


def _read(*chunks: bytes) -> list[Frame]:
    client = Protocol(Side.CLIENT, state=State.OPEN)
    for chunk in chunks:
        client.receive_data(chunk)
    frames = client.events_received()
    assert all(isinstance(f, Frame) for f in frames)
    return frames  # type: ignore[return-value]


@pytest.mark.parametrize("size", [0, 1, 125, 126, 127, 65535, 65536, 200_000])
def test_a_frame_of_any_length_reads_back_whole(size: int) -> None:
    payload = ("予約" * size).encode("utf-8")[:size]
    [frame] = _read(text_frame(payload))
    assert frame.opcode is Opcode.TEXT and frame.fin and frame.data == payload


def test_frames_written_together_and_split_anywhere_read_back_in_order() -> None:
    hub = EventHub()
    cache = FrameCache(hub)
    events = [
        hub.publish("pop", {"name": "山田 花子", "n": i, "pad": "x" * (i * 997)}) for i in range(12)
    ]
    blob = b"".join(cache.frame(e) for e in events)
    for cut in (1, 2, 125, 4000, len(blob) - 1):
        got = _read(blob[:cut], blob[cut:])
        assert [f.data.decode() for f in got] == [hub.encoded(e) for e in events]


def test_each_event_is_framed_once_and_only_the_newest_are_kept() -> None:
    hub = EventHub()
    cache = FrameCache(hub, keep=4)
    first = hub.publish("ring", {"line": "1"})
    assert cache.frame(first) is cache.frame(first)
    for i in range(6):
        cache.frame(hub.publish("ring", {"line": str(i)}))
    again = cache.frame(first)  # dropped from the cache, built anew: the same bytes
    assert again == text_frame(hub.encoded(first).encode())
