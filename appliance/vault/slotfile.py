"""The slot file: public slot records wrapping the data key, with an integrity tag (JSON)."""

from __future__ import annotations

import base64
import hmac
import json
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from appliance.vault.atomic import atomic_write
from appliance.vault.errors import SlotFileDamagedError
from appliance.vault.keys import Argon2Params, mac

FORMAT = "ringdesk-vault"
VERSION = 1
KINDS = ("desk", "recovery", "keyfile")


@dataclass(frozen=True)
class Slot:
    """One way to unlock: its public key and the data key sealed to it (name bound in)."""

    name: str
    kind: str
    salt: bytes
    public: bytes
    wrapped: bytes
    created_at: str
    next_wrapped: bytes | None = None  # set only while a key rotation is under way
    argon: Argon2Params | None = None  # recovery slots
    path: str | None = None  # key-file slots: where the file is looked for

    def aad(self) -> bytes:
        """Associated data of the wrap: kind and name, so a slot cannot be renamed or moved."""
        return f"ringdesk-slot:{self.kind}:{self.name}".encode()


@dataclass(frozen=True)
class SlotFile:
    """Everything in the slot file. mac is over the rest, keyed from the current data key."""

    key_id: str
    inbox_public: bytes
    slots: tuple[Slot, ...] = ()
    next_key_id: str | None = None
    mac: str = field(default="", compare=False)

    def slot(self, name: str) -> Slot | None:
        """The slot called name, if any."""
        return next((s for s in self.slots if s.name == name), None)

    def body(self) -> bytes:
        """Canonical bytes the integrity tag covers."""
        return json.dumps(_to_json(self, with_mac=False), sort_keys=True).encode()

    def signed(self, mac_key: bytes) -> SlotFile:
        """This file with its tag computed under mac_key."""
        return replace(self, mac=mac(mac_key, self.body()))

    def tag_ok(self, mac_key: bytes) -> bool:
        """True when the tag matches (constant time); a damaged tag of any text never does."""
        return hmac.compare_digest(
            self.mac.encode("utf-8", "surrogatepass"), mac(mac_key, self.body()).encode()
        )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode()


def _to_json(sf: SlotFile, *, with_mac: bool) -> dict[str, Any]:
    slots = []
    for s in sf.slots:
        item: dict[str, Any] = {
            "name": s.name,
            "kind": s.kind,
            "salt": _b64(s.salt),
            "public": _b64(s.public),
            "wrapped": _b64(s.wrapped),
            "created_at": s.created_at,
        }
        if s.next_wrapped is not None:
            item["next_wrapped"] = _b64(s.next_wrapped)
        if s.argon is not None:
            a = s.argon
            item["argon2id"] = {"t": a.time_cost, "m": a.memory_kib, "p": a.parallelism}
        if s.path is not None:
            item["path"] = s.path
        slots.append(item)
    out: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "key_id": sf.key_id,
        "inbox_public": _b64(sf.inbox_public),
        "slots": slots,
    }
    if sf.next_key_id is not None:
        out["next_key_id"] = sf.next_key_id
    if with_mac:
        out["mac"] = sf.mac
    return out


def dumps(sf: SlotFile) -> bytes:
    """Serialise (tag included)."""
    return json.dumps(_to_json(sf, with_mac=True), indent=1, sort_keys=True).encode() + b"\n"


def _damaged(path: Path | str, why: str) -> SlotFileDamagedError:
    return SlotFileDamagedError(
        f"鍵スロットファイルが壊れているか改ざんされています / the slot file {path} is "
        f"damaged or has been tampered with ({why}); nothing was changed. Restore it from the "
        "recovery kit or a backup of the data directory"
    )


def _bytes(value: Any, size: int | None = None) -> bytes:
    raw = base64.b64decode(value, validate=True)
    if size is not None and len(raw) != size:
        raise ValueError(f"expected {size} bytes, got {len(raw)}")
    return raw


def _slot(item: dict[str, Any]) -> Slot:
    kind = str(item["kind"])
    if kind not in KINDS:
        raise ValueError(f"unknown slot kind {kind!r}")
    argon = None
    if "argon2id" in item:
        a = item["argon2id"]
        argon = Argon2Params(int(a["t"]), int(a["m"]), int(a["p"]))
        # Bounds, so an edited file cannot make unlock exhaust the box's memory or time.
        if not (
            1 <= argon.time_cost <= 64
            and 8 * argon.parallelism <= argon.memory_kib <= 4 * 1024 * 1024
            and 1 <= argon.parallelism <= 16
        ):
            raise ValueError(f"Argon2id parameters out of range: {a}")
    nxt = item.get("next_wrapped")
    return Slot(
        name=str(item["name"]),
        kind=kind,
        salt=_bytes(item["salt"]),
        public=_bytes(item["public"], 32),
        wrapped=_bytes(item["wrapped"]),
        created_at=str(item["created_at"]),
        next_wrapped=None if nxt is None else _bytes(nxt),
        argon=argon,
        path=None if item.get("path") is None else str(item["path"]),
    )


def loads(data: bytes, path: Path | str = "slot file") -> SlotFile:
    """Parse; SlotFileDamagedError (with a clear reason) on anything truncated or malformed."""
    try:
        doc = json.loads(data.decode())
        if not isinstance(doc, dict) or doc.get("format") != FORMAT:
            raise ValueError("not a Ringdesk slot file")
        if doc.get("version") != VERSION:
            raise ValueError(f"unsupported version {doc.get('version')!r}")
        slots = tuple(_slot(item) for item in doc["slots"])
        names = [s.name for s in slots]
        if len(set(names)) != len(names):
            raise ValueError("two slots share a name")
        nxt = doc.get("next_key_id")
        return SlotFile(
            key_id=str(doc["key_id"]),
            inbox_public=_bytes(doc["inbox_public"], 32),
            slots=slots,
            next_key_id=None if nxt is None else str(nxt),
            mac=str(doc["mac"]),
        )
    except (ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
        raise _damaged(path, str(exc) or type(exc).__name__) from None


def read(path: Path) -> SlotFile:
    """Read and parse the slot file at path."""
    return loads(Path(path).read_bytes(), path)


def write(path: Path, sf: SlotFile) -> None:
    """Atomically replace the slot file."""
    atomic_write(path, dumps(sf))


def tampered(path: Path | str) -> SlotFileDamagedError:
    """The error for a file that parses but whose integrity tag does not match."""
    return _damaged(path, "integrity tag mismatch")
