"""Recordings over the API of a real box process: a customer's list, PCM from any second
(also while the call is still recorded), WAV export for managers only, and the box's own
transcription queue turning a spoken sentence (espeak-ng, pocketsphinx) into searchable text:
one recorded before the box starts (caught up at start), one heard on a real `wav:` sound-card
line (ring, caller ID, answered, the sentence) through the whole call path."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import httpx
import numpy as np

from appliance.contract import AUDIO_LIVE_HEADER, AUDIO_RATE_HEADER
from appliance.core.access.passwords import hash_password
from appliance.core.actor import Actor
from appliance.core.call_log import create_call
from appliance.core.customers import create_customer
from appliance.core.users import create_user
from appliance.db.models import AuditLog
from appliance.recordings.store import OpenBox, RecordingStore
from appliance.vault.vault import Vault
from drivers.callerid import synth
from drivers.modem import hangup, talk
from tests.appliance.recordings.speech import spoken
from tests.appliance.service.boxproc import (
    PASSWORD,
    answering_box,
    init_box,
    line_wav,
    login,
    pair_desk,
    run_box,
)

SENTENCE = "I would like to order two pizzas for delivery tomorrow"
ACTOR = Actor.system("test")


def _add_operator(data: Path) -> None:
    store = Vault(data).unlock_with_keyfile().open_store()
    try:
        store.executor.call(
            create_user, ACTOR, "suzuki", role="operator", password_hash=hash_password(PASSWORD)
        )
    finally:
        store.close()


async def _until(http: httpx.AsyncClient, path: str, done: Any, wait_s: float = 120.0) -> Any:
    """GET path until done(json) holds; the last answer."""
    async with asyncio.timeout(wait_s):
        while True:
            r = await http.get(path)
            r.raise_for_status()
            if done(r.json()):
                return r.json()
            await asyncio.sleep(0.3)


async def _customer_id(http: httpx.AsyncClient, query: str) -> int:
    r = await http.get("/customers/search", params={"q": query})
    r.raise_for_status()
    hits = r.json()
    assert len(hits) == 1, hits
    return int(hits[0]["id"])


async def _pcm(http: httpx.AsyncClient, recording_id: int, start_s: float = 0.0) -> bytes:
    async with http.stream(
        "GET", f"/recordings/{recording_id}/audio", params={"start_s": start_s}
    ) as r:
        assert r.status_code == 200
        assert r.headers[AUDIO_RATE_HEADER] == "8000"
        return b"".join([block async for block in r.aiter_bytes()])


async def test_recordings_listed_streamed_live_exported_for_managers(tmp_path: Path) -> None:
    emulator, data = await answering_box(tmp_path)
    _add_operator(data)
    try:
        async with run_box(data) as box:
            desk = await pair_desk(box)
            await login(desk)
            async with desk.http() as http:  # the admin opens pairing for the next desk
                box.code = (await http.post("/pair/open")).json()["code"]
            operator = await pair_desk(box, "二階の机")
            await login(operator, "suzuki")
            await asyncio.sleep(2.0)  # the box initialises the modem
            emulator.place_call(
                "0927114455",
                None,
                rings=3,
                ring_interval_s=0.5,
                japan=True,
                caller=[talk(4.0), hangup("busy")],
            )
            async with desk.http() as http, operator.http() as op:
                customer = await _customer_id(http, "岡田")
                path = f"/customers/{customer}/recordings"
                live = await _until(http, path, lambda rows: rows and rows[0]["recording"], 60)
                rid = live[0]["id"]
                assert live[0]["kind"] == "voicemail" and live[0]["state"] == "recording"
                async with http.stream("GET", f"/recordings/{rid}/audio") as r:
                    assert r.headers[AUDIO_LIVE_HEADER] == "1"  # opened while recording
                    followed = b"".join([block async for block in r.aiter_bytes()])
                rows = await _until(http, path, lambda rows: not rows[0]["recording"], 30)
                seconds = rows[0]["duration_s"]
                assert seconds > 1.0 and rows[0]["state"] == "complete"
                assert len(followed) >= (seconds - 0.5) * 16000  # followed to the call's end
                later = await _pcm(http, rid, start_s=1.0)  # seek: a second less of audio
                assert len(followed) - 24000 <= len(later) <= len(followed) - 8000
                wav = await http.get(f"/recordings/{rid}/wav")
                assert wav.status_code == 200 and wav.content[:4] == b"RIFF"
                assert wav.content[44:] == followed
                assert (await op.get(f"/recordings/{rid}/wav")).status_code == 403
                assert (await op.get(f"/recordings/{rid}/audio")).status_code == 403
                listed = (await op.get(path)).json()  # operators see the list and transcripts
                assert [r["id"] for r in listed] == [rid]
                assert (await op.get("/recordings/9999")).status_code == 404
                assert (await http.get(f"/calls/{rows[0]['call_id']}/recordings")).json()[0][
                    "id"
                ] == rid
                done = await _until(
                    http,
                    f"/recordings/{rid}/transcript",
                    lambda t: t["state"] in ("done", "failed"),
                )
                assert done["state"] == "done", done  # a tone: words or none, but a transcript
    finally:
        await emulator.stop()
    store = Vault(data).unlock_with_keyfile().open_store()
    try:
        actions = store.executor.call(
            lambda: [a.action for a in AuditLog.select().where(AuditLog.entity == "recording")]
        )
    finally:
        store.close()
    assert {"play", "export", "export_refused", "play_refused"} <= set(actions)


def _seed_spoken_recording(data: Path) -> None:
    """Before the box starts: a customer, their call, and its recording of a sentence."""
    store = Vault(data).unlock_with_keyfile().open_store()
    try:

        def seed() -> int:
            customer = create_customer(ACTOR, "Olivia Bennett", phones=["+1 415 555 0188"])
            call = create_call(ACTOR, "line1", number="+14155550188", customer_id=int(customer.id))
            return int(call.id)

        call_id = store.executor.call(seed)
        rstore = RecordingStore(data / "recordings", OpenBox(store), create_root=True)
        sink = rstore.open(call_id)
        pcm = spoken(SENTENCE)
        for i in range(0, len(pcm), 480):
            sink.write(pcm[i : i + 480])
        sink.close()
    finally:
        store.close()


async def test_the_box_transcribes_a_spoken_sentence_and_search_finds_it(tmp_path: Path) -> None:
    data = tmp_path / "box"
    init_box(data, toml='region = "JP"\n', customers=[("山本 健一", "03-5412-7788")])
    _seed_spoken_recording(data)
    async with run_box(data) as box:
        desk = await pair_desk(box)
        await login(desk)
        async with desk.http() as http:
            customer = await _customer_id(http, "Bennett")
            rows = (await http.get(f"/customers/{customer}/recordings")).json()
            assert len(rows) == 1 and not rows[0]["recording"]
            rid = rows[0]["id"]
            done = await _until(
                http, f"/recordings/{rid}/transcript", lambda t: t["state"] in ("done", "failed")
            )
            assert done["state"] == "done" and done["engine"] == "pocketsphinx", done
            words = done["text"].split()
            assert "order" in words and "tomorrow" in words, done["text"]
            hits = (await http.get("/customers/search", params={"q": "tomorrow"})).json()
            assert [h["id"] for h in hits] == [customer]
            rows = (await http.get(f"/customers/{customer}/recordings")).json()
            assert (
                rows[0]["transcript_state"] == "done" and "tomorrow" in rows[0]["transcript_text"]
            )


def _replayed_call(path: Path) -> Path:
    """A US line heard by a sound card: a ring, Bell 202 caller ID from Olivia Bennett's
    number, then (answered) her spoken sentence; a WAV file for a `wav:` line."""
    cid = synth.mdmf([(0x01, b"12011030"), (0x02, b"4155550188"), (0x07, b"BENNETT OLIVIA")])
    ring = 0.3 * np.sin(2 * np.pi * 20 * np.arange(8000 * 2) / 8000)
    speech = np.frombuffer(spoken(SENTENCE), dtype="<i2").astype(np.float64) / 32768
    x = np.concatenate(
        [
            synth.silence(0.3),
            ring,
            synth.silence(0.5),
            synth.fsk(cid),
            synth.silence(1.5),
            speech,
            synth.silence(0.5),
        ]
    )
    return line_wav(path, x, 35.0)


async def test_a_call_on_a_sound_card_line_is_recorded_transcribed_and_found(
    tmp_path: Path,
) -> None:
    wav = _replayed_call(tmp_path / "bennett-call.wav")
    data = tmp_path / "box"
    init_box(
        data,
        toml=f"""
region = "US"
[[lines]]
name = "line1"
driver = "soundcard"
device = "wav:{wav}"
answer_after_s = 0.5
record = true
""",
        customers=[("Olivia Bennett", "+1 415 555 0188")],
    )
    async with run_box(data) as box:
        desk = await pair_desk(box)
        await login(desk)
        async with desk.http() as http:
            customer = await _customer_id(http, "Bennett")
            path = f"/customers/{customer}/recordings"
            rows = await _until(http, path, lambda rows: rows and not rows[0]["recording"], 60)
            assert len(rows) == 1 and rows[0]["kind"] == "call" and rows[0]["line"] == "line1"
            rid = rows[0]["id"]
            done = await _until(
                http, f"/recordings/{rid}/transcript", lambda t: t["state"] in ("done", "failed")
            )
            assert done["state"] == "done", done
            assert "tomorrow" in done["text"].split(), done["text"]
            hits = (await http.get("/customers/search", params={"q": "tomorrow"})).json()
            assert [h["id"] for h in hits] == [customer]
