"""The sandbox: a child that hangs, balloons or crashes becomes a clear refusal."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from tallybook.core.errors import InputRejected
from tallybook.core.readers import Limits, read_document
from tallybook.gather import sandbox
from tallybook.gather.sandbox import read, read_in_sandbox
from tests.pdfgen import make_pdf

MIB = 2**20


def test_sandboxed_read_equals_direct_read():
    data = make_pdf(["First page: 40 arrested.", "Second page: 12 injured."], title="T")
    assert read_in_sandbox(data, filename="r.pdf") == read_document(data, filename="r.pdf")


def test_read_without_sandbox_is_the_plain_reader():
    assert read(b"plain words", sandbox=False, url="https://x.example/") == read_document(
        b"plain words", url="https://x.example/"
    )


def test_childs_refusal_is_passed_back_with_the_same_reason():
    with pytest.raises(InputRejected) as direct:
        read_document(b"abc \xff def")
    with pytest.raises(InputRejected) as sandboxed:
        read(b"abc \xff def")
    assert sandboxed.value.reason == direct.value.reason


def test_timeout_kills_the_reader():
    started = time.monotonic()
    with pytest.raises(InputRejected, match=r"reading took longer than 0.5 s; refused"):
        read_in_sandbox(b"text", limits=Limits(timeout_s=0.5), _test_hook="sleep")
    assert time.monotonic() - started < 5


def test_memory_blowup_is_refused():
    limits = Limits(memory_bytes=400 * MIB)
    with pytest.raises(InputRejected, match="needed more than 400 MiB of memory; refused"):
        read_in_sandbox(b"text", limits=limits, _test_hook="allocate")


def test_crash_is_refused_with_the_signal():
    with pytest.raises(InputRejected, match=r"the reader crashed \(signal 11\)"):
        read_in_sandbox(b"text", _test_hook="crash")


def test_sandbox_survives_many_calls():
    # The fork server and pipes are reused; nothing leaks between children.
    for n in range(5):
        assert read_in_sandbox(f"call {n}".encode()).text == f"call {n}"


def test_parser_output_on_stdout_does_not_break_the_protocol():
    assert read_in_sandbox(b"still fine", _test_hook="print").text == "still fine"


def test_a_dead_zygote_is_restarted():
    read_in_sandbox(b"start")
    sandbox._zygote.process.kill()
    sandbox._zygote.process.wait()
    assert read_in_sandbox(b"again").text == "again"


def test_concurrent_calls_from_threads_are_served_in_turn():
    texts = [f"thread {n}" for n in range(8)]
    with ThreadPoolExecutor(4) as pool:
        documents = list(pool.map(lambda t: read_in_sandbox(t.encode()), texts))
    assert [d.text for d in documents] == texts


def test_overhead_per_call_is_small():
    read_in_sandbox(b"warm up")
    started = time.perf_counter()
    for _ in range(20):
        read_in_sandbox(b"x")
    assert (time.perf_counter() - started) / 20 < 0.1  # about 4 ms here; generous for slow CI
