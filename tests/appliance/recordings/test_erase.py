"""APPI: a person's recordings are in their export, and erasure removes them (keys first)."""

from __future__ import annotations

from appliance.core.actor import Actor
from appliance.core.privacy import erase_customer, export_person
from appliance.db.models import Call, Recording, Transcript
from appliance.db.store import Store
from appliance.recordings import rows
from appliance.recordings.store import RecordingStore
from tests.appliance.recordings.audio import voice
from tests.appliance.recordings.conftest import customer_call


def _record(rstore: RecordingStore, call_id: int) -> str:
    sink = rstore.open(call_id)
    sink.write(voice(0.8))
    sink.close()
    return sink.uid


def test_erase_removes_the_persons_recordings_only(store: Store, rstore: RecordingStore) -> None:
    erased, call_a = customer_call(store, "中村 恵子", "090-3344-5566")
    _, call_b = customer_call(store, "Emily Carter", "+1 415 555 0134")
    mine = [_record(rstore, call_a), _record(rstore, call_a)]
    theirs = _record(rstore, call_b)

    def transcribe() -> None:
        row = rows.by_uid(mine[0])
        Transcript.create(recording=row, engine="pocketsphinx", text="the usual order")

    store.executor.call(transcribe)
    doc = store.executor.call(export_person, erased)
    assert sorted(r["uid"] for r in doc["recording"]) == sorted(mine)
    assert doc["transcript"][0]["text"] == "the usual order"
    assert all("file_key" not in r for r in doc["recording"])

    store.executor.call(erase_customer, Actor.system("privacy"), erased)
    left = store.executor.call(lambda: [r.uid for r in Recording.select()])
    assert left == [theirs]
    assert store.executor.call(Transcript.select().count) == 0
    assert store.executor.call(lambda: Call.get_by_id(call_a).recording_ref) == ""
    assert rstore.sweep_orphans() == 2
    assert sorted(p.name for p in rstore.root.iterdir()) == [f"{theirs}.rdrec"]
