"""Real zeroconf on loopback: advertise, browse, re-announce, withdraw."""

from __future__ import annotations

import pytest

from appliance.discovery import SERVICE_TYPE, Advertiser, BoxAd, browse

LOOP = ["127.0.0.1"]
FP = "ab" * 32


async def test_advertise_browse_and_withdraw() -> None:
    ad = BoxAd("ringdesk-test-office", "127.0.0.1", 8443, FP, locked=True)
    adv = Advertiser(ad, interfaces=LOOP)
    await adv.start()
    try:
        found = await browse(timeout_s=5, interfaces=LOOP)
        assert found == [ad]
        await adv.update(locked=False)
        again = await browse(timeout_s=5, interfaces=LOOP)
        assert [b.locked for b in again] == [False]
    finally:
        await adv.stop()
    assert await browse(timeout_s=1, interfaces=LOOP) == []


async def test_a_second_box_of_the_same_name_starts_under_another_name() -> None:
    first = Advertiser(BoxAd("ringdesk-twin", "127.0.0.1", 8443, FP, False), interfaces=LOOP)
    second = Advertiser(BoxAd("ringdesk-twin", "127.0.0.1", 8444, FP, False), interfaces=LOOP)
    await first.start()
    try:
        await second.start()  # used to raise NonUniqueNameException and stop the box
        try:
            found = await browse(timeout_s=5, interfaces=LOOP)
            assert 8444 in [b.port for b in found]  # desks find the second box
        finally:
            await second.stop()
    finally:
        await first.stop()


def test_service_type_is_ringdesk_tcp() -> None:
    assert SERVICE_TYPE == "_ringdesk._tcp.local."


@pytest.mark.parametrize("fp", ["", "zz"])
async def test_bad_fingerprint_is_not_a_box(fp: str) -> None:
    adv = Advertiser(BoxAd("ringdesk-bad", "127.0.0.1", 1, fp, False), interfaces=LOOP)
    await adv.start()
    try:
        assert await browse(timeout_s=1, interfaces=LOOP) == []
    finally:
        await adv.stop()
