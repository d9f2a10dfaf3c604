"""Hypothesis streams that hide a well-formed caller-ID line inside an overlong line."""

from __future__ import annotations

from dataclasses import dataclass

from hypothesis import strategies as st


@dataclass(frozen=True)
class Smuggle:
    """A byte stream and where to cut it into reads."""

    data: bytes
    cuts: tuple[int, ...]

    def chunks(self) -> list[bytes]:
        """The stream cut at `cuts` (sorted, any position)."""
        out: list[bytes] = []
        prev = 0
        for cut in [*sorted(self.cuts), len(self.data)]:
            out.append(self.data[prev:cut])
            prev = max(prev, cut)
        return out


def smuggled(
    limit: int, call: bytes, *, ends: bytes = b"\r\n", after: bytes = b""
) -> st.SearchStrategy[Smuggle]:
    """Before-bytes, then a line of `limit`-ish padding ending in `call` (overlong), then `after`.

    `call` ends with its own line end; the padding holds none, so the line
    padding+call is longer than `limit` and `call` is only ever inside it.
    """
    body = call.rstrip(ends)
    no_end = st.integers(min_value=1, max_value=255).filter(lambda b: bytes([b]) not in ends)
    lengths = st.one_of(
        st.sampled_from([limit - 1, limit, limit + 1, limit + 2]),
        st.integers(min_value=max(0, limit + 1 - len(body)), max_value=limit + 64),
    ).filter(lambda n: n + len(body) > limit)

    @st.composite
    def build(draw: st.DrawFn) -> Smuggle:
        n = draw(lengths)
        pad = bytearray([draw(no_end)]) * n
        for k, b in enumerate(draw(st.lists(no_end, max_size=8))):
            if n:
                pad[(k * 7919) % n] = b
        before = draw(st.sampled_from([b"", ends[:1], b"junk" + ends[:1]]))
        data = before + bytes(pad) + call + after
        cuts = draw(st.lists(st.integers(min_value=0, max_value=len(data)), max_size=6))
        return Smuggle(data, tuple(cuts))

    return build()
