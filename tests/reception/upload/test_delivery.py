"""End to end against the development server on 127.0.0.1: with every fault switch,
every dossier and every file arrives exactly once; offline work is delivered oldest
first; refusals stop retrying and say why."""

from __future__ import annotations

import json
import socket
import threading

import pytest

from reception.upload import queue
from reception.upload.dispatcher import Outcome
from reception.upload.drain import DrainReport, drain
from reception.upload.outbox import JobState
from tests.reception.upload.conftest import (
    Counter,
    ServerFactory,
    make_dispatcher,
    make_uploader,
)
from ui.simulation.devserver.faults import Fault
from ui.simulation.devserver.server import DevServer

DOSSIERS = 5
FILES_EACH = 2

# Each switch, with the fault it must be seen to inject, and all of them at once.
FAULTS: dict[str, tuple[dict[str, object], Fault]] = {
    "5xx": ({"error_rate": 0.3}, Fault.ERROR),
    "slow": ({"slow_rate": 0.3, "slow_seconds": 0.05}, Fault.SLOW),
    "dropped request": ({"drop_request_rate": 0.3}, Fault.DROP_REQUEST),
    "dropped after headers": ({"drop_after_headers_rate": 0.3}, Fault.DROP_AFTER_HEADERS),
    "dropped mid-body": ({"drop_mid_body_rate": 0.3}, Fault.DROP_MID_BODY),
    "lost confirmation": ({"lose_confirmation_rate": 0.5}, Fault.LOSE_CONFIRMATION),
    # Sessions that end before the client expects (on a count, not a clock: a clock's
    # expiry in flight depends on how fast this machine is).
    "session ended": ({"session_requests": 3}, Fault.SESSION_EXPIRED),
    # Down from its start for longer than a loaded machine takes to send the first probe.
    "downtime": ({"downtime": ((0.0, 1.0),)}, Fault.DOWN),
    "everything": (
        {
            "error_rate": 0.05,
            "slow_rate": 0.05,
            "slow_seconds": 0.02,
            "drop_request_rate": 0.05,
            "drop_after_headers_rate": 0.05,
            "drop_mid_body_rate": 0.05,
            "lose_confirmation_rate": 0.3,
            "token_ttl_seconds": 0.3,
            "seed": 11,
        },
        Fault.ERROR,
    ),
}  # fmt: skip


def assert_delivered_exactly_once(server: DevServer, counter: Counter, codes: list[str]) -> None:
    assert sorted(server.store.dossier_codes()) == sorted(codes)
    assert set(server.store.event_counts("dossier").values()) == {1}
    files = server.store.event_counts("file")
    assert len(files) == len(codes) * FILES_EACH and set(files.values()) == {1}
    summary = queue.summary(counter.db)
    assert summary.counts[JobState.SENT] == len(codes) and summary.unsent == 0
    for code in codes:
        record = server.store.record(code)
        assert len(record["TaiLieuNop"]) == FILES_EACH
        assert all(doc["TepDinhKemId"] in files for doc in record["TaiLieuNop"])
    # The confirmation kept locally is the server's reply, replayed or not.
    views = queue.job_views(counter.db, codes)
    receipts = {v.confirmation["SoBienNhan"] for v in views.values() if v.confirmation}
    assert len(receipts) == len(codes)


@pytest.mark.parametrize(("faults", "fault"), list(FAULTS.values()), ids=list(FAULTS))
def test_every_fault_switch_delivers_everything_exactly_once(
    counter: Counter, dev_server: ServerFactory, faults: dict[str, object], fault: Fault
) -> None:
    codes = counter.save(DOSSIERS, files_each=FILES_EACH)
    server = dev_server(**faults)
    stop = threading.Event()
    with make_uploader(server.url) as uploader:
        dispatcher = make_dispatcher(counter.db, uploader)
        report = drain(
            counter.db,
            dispatcher,
            until_empty=True,
            max_seconds=30,
            wait=stop.wait,
            probe_first_seconds=0.02,
        )
    assert report.exit_status == 0, report
    assert server.faults.injected[fault] > 0  # the switch really did something
    assert_delivered_exactly_once(server, counter, codes)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_dossiers_saved_while_the_server_is_down_go_oldest_first(
    counter: Counter, dev_server: ServerFactory
) -> None:
    port = free_port()
    codes = counter.save(5, files_each=FILES_EACH)
    with make_uploader(f"http://127.0.0.1:{port}") as uploader:
        dispatcher = make_dispatcher(counter.db, uploader)
        offline = drain(
            counter.db, dispatcher, until_empty=False, max_seconds=5, wait=threading.Event().wait
        )
        assert offline.exit_status == 1 and dispatcher.online is False
        # One attempt noticed the outage; the others were not tried (no hammering).
        assert offline.outcomes == {Outcome.RETRY: 1}
        codes += counter.save(2, files_each=FILES_EACH)
        server = dev_server(port=port)
        back = drain(
            counter.db,
            dispatcher,
            until_empty=True,
            max_seconds=30,
            wait=threading.Event().wait,
            probe_first_seconds=0.05,
        )
    assert back.exit_status == 0
    assert server.store.dossier_codes() == codes  # in the order they were saved
    assert_delivered_exactly_once(server, counter, codes)


def drain_all(counter: Counter, server: DevServer) -> DrainReport:
    """Drain the counter's queue to ``server`` until nothing is left to try."""
    with make_uploader(server.url) as uploader:
        return drain(
            counter.db,
            make_dispatcher(counter.db, uploader),
            until_empty=True,
            max_seconds=30,
            wait=threading.Event().wait,
        )


def test_a_refused_dossier_needs_attention_with_the_servers_reason(
    counter: Counter, dev_server: ServerFactory
) -> None:
    codes = counter.save(3, files_each=FILES_EACH)
    server = dev_server(refuse_procedures=frozenset({"1.001193.000.00.00.H49"}))
    report = drain_all(counter, server)
    assert report.exit_status == 3
    assert report.outcomes == {Outcome.ATTENTION: 3}  # tried once each, never again
    views = queue.needing_attention(counter.db)
    assert [v.dossier_code for v in views] == codes
    assert views[0].last_error_code == "upload_invalid"
    assert views[0].last_error == "procedure 1.001193.000.00.00.H49 is not handled by this unit"
    assert server.store.dossier_codes() == []


def test_a_kept_document_that_fails_its_check_stops_its_dossier_for_the_clerk(
    counter: Counter, dev_server: ServerFactory
) -> None:
    first, second = counter.save(2, files_each=1)
    damaged = counter.documents / f"{first}_TP0_1.pdf"
    data = bytearray(damaged.read_bytes())
    data[-5] ^= 0x01  # one bit of the last segment's tag
    damaged.write_bytes(bytes(data))
    server = dev_server()
    report = drain_all(counter, server)
    assert report.outcomes == {Outcome.ATTENTION: 1, Outcome.SENT: 1}
    (view,) = queue.needing_attention(counter.db)
    assert view.dossier_code == first and "damaged" in str(view.last_error)
    assert server.store.dossier_codes() == [second]  # nothing of the damaged one was sent


def test_a_conflicting_dossier_needs_attention_and_retry_sends_it_again(
    counter: Counter, dev_server: ServerFactory
) -> None:
    code = counter.save(1)[0]
    server = dev_server()
    other = {"MaHoSo": code, "MaTTHC": "1.000001", "TenTTHC": "x", "ChuHoSo": "KHÁC",
             "NgayTiepNhan": "20261130090000", "TrangThaiHoSo": "2"}  # fmt: skip
    server.store.store_dossier("someone-else", other, validate=server.validate)
    with make_uploader(server.url) as uploader:
        dispatcher = make_dispatcher(counter.db, uploader)
        first = drain(
            counter.db, dispatcher, until_empty=True, max_seconds=30, wait=threading.Event().wait
        )
        assert first.exit_status == 3
        view = queue.needing_attention(counter.db)[0]
        assert view.last_error_code == "upload_conflict" and code in str(view.last_error)
        # The clerk and the province sort it out (here: the server forgets its copy).
        server.store._db.execute("DELETE FROM dossiers")
        queue.retry(counter.db, code, now=dispatcher.clock())
        second = drain(
            counter.db, dispatcher, until_empty=True, max_seconds=30, wait=threading.Event().wait
        )
    assert second.exit_status == 0
    assert json.loads(json.dumps(server.store.record(code)))["ChuHoSo"] != "KHÁC"
