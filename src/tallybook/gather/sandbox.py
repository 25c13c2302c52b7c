"""Read untrusted bytes in a child process with bounded memory and time.

The readers bound what they allocate on purpose; this bounds what a parser
bug cannot: a loop that never ends, a C library that balloons or crashes.

A helper process (the "zygote", `python -m tallybook.gather.sandbox`) imports
the parsers once, then forks one worker per input. The worker sets its memory
limit, reads, answers in JSON and exits; the zygote kills it at the deadline
and reports how it ended. A call so costs a fork, not an interpreter start and
the parser imports; the zygote never runs the caller's code (multiprocessing's
fork server re-imports the caller's main module in every child on 3.11).

Answers are JSON, never pickle: the worker's output is the one thing here that
a hostile file could have shaped, and unpickling runs code. One input is read
at a time per parent process; run several processes to read in parallel.
"""

from __future__ import annotations

import atexit
import contextlib
import json
import os
import select
import signal
import subprocess
import sys
import threading
import time
from dataclasses import asdict
from datetime import date
from typing import IO, Any

from tallybook.core.documents import Document, Page
from tallybook.core.errors import InputRejected
from tallybook.core.readers import Limits, read_document

# Modules the zygote imports once, so workers start with them loaded.
_PRELOAD = (
    "tallybook.core.readers.html",
    "tallybook.core.readers.pdf",
    "tallybook.core.readers.xml",
    "tallybook.core.readers.compressed",
    "trafilatura",
    "trafilatura.xml",
    "lxml.html",
    "pypdfium2",
    "defusedxml.ElementTree",
)
_EXIT_MEMORY = 86  # the worker's exit status for MemoryError; it cannot always say so in words
_GIB, _MIB = 2**30, 2**20
_GRACE_S = 10  # beyond the reading deadline, how long the parent waits on the zygote itself


def _size(n: int) -> str:
    if n % _GIB == 0:
        return f"{n // _GIB} GiB"
    if n % _MIB == 0:
        return f"{n // _MIB} MiB"
    return f"{n:,} bytes"


def _to_json(document: Document) -> bytes:
    fields = asdict(document)
    fields["published"] = document.published.isoformat() if document.published else None
    fields["pages"] = [[p.number, p.start, p.end] for p in document.pages]
    return json.dumps({"document": fields}, ensure_ascii=False).encode("utf-8")


def _from_json(raw: bytes) -> Document:
    """The child's answer, checked field by field: it is no more trusted than the input."""
    try:
        answer = json.loads(raw)
        rejected, failed = answer.get("rejected"), answer.get("failed")
        document = _document(answer["document"]) if "document" in answer else None
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise InputRejected(f"the reader returned a malformed answer ({exc})") from None
    if document is not None:
        return document
    if rejected is not None:
        raise InputRejected(str(rejected))
    raise InputRejected(f"the reader failed ({failed})")


def _document(fields: dict[str, Any]) -> Document:
    optional = ("title", "publisher", "author", "language", "url")
    if not isinstance(fields["text"], str) or not isinstance(fields["media_type"], str):
        raise TypeError("text is not a string")
    if any(not isinstance(fields[k], str | None) for k in optional):
        raise TypeError("metadata is not a string")
    return Document(
        text=fields["text"],
        media_type=fields["media_type"],
        published=date.fromisoformat(fields["published"]) if fields["published"] else None,
        pages=tuple(Page(int(n), int(s), int(e)) for n, s, e in fields["pages"]),
        **{k: fields[k] for k in optional},
    )


def _misbehave(name: str | None, limits: Limits) -> None:
    """Misbehaviours for the sandbox's own tests: a reader that hangs, balloons or crashes."""
    if name == "sleep":
        time.sleep(limits.timeout_s + 60)
    elif name == "allocate":
        hoard = []
        while True:
            hoard.append(bytearray(16 * _MIB))
    elif name == "crash":
        os.kill(os.getpid(), signal.SIGSEGV)
    elif name == "print":
        print("stray output from a parser", flush=True)
        os.write(1, b"more stray output\n")


def _max_answer(limits: Limits) -> int:
    # JSON of the text: at most 6 bytes a character (\u escapes), plus metadata and pages.
    return 6 * limits.max_text_chars + 16 * limits.max_pdf_pages + _MIB


# --- the worker (a fork of the zygote) -----------------------------------------------------


def _cap(which: int, value: int) -> None:
    import resource

    _, hard = resource.getrlimit(which)
    value = value if hard == resource.RLIM_INFINITY else min(hard, value)
    resource.setrlimit(which, (value, value))


def _work(data: bytes, kwargs: dict[str, Any], hook: str | None, answer_fd: int) -> None:
    import resource

    # Nothing the parsers print may reach the zygote's protocol on stdin/stdout.
    devnull = os.open(os.devnull, os.O_RDWR)
    os.dup2(devnull, 0)
    os.dup2(devnull, 1)
    limits: Limits = kwargs["limits"]
    _cap(resource.RLIMIT_AS, limits.memory_bytes)
    # A backstop should the zygote die and leave this worker spinning with no one to kill it.
    _cap(resource.RLIMIT_CPU, int(limits.timeout_s) + 2)
    try:
        _misbehave(hook, limits)
        answer = _to_json(read_document(data, **kwargs))
    except InputRejected as exc:
        answer = json.dumps({"rejected": exc.reason}).encode("utf-8")
    except MemoryError:
        os._exit(_EXIT_MEMORY)
    except Exception as exc:  # a reader bug on a hostile file is still a refusal of that file
        answer = json.dumps({"failed": f"{type(exc).__name__}: {exc}"}).encode("utf-8")
    with os.fdopen(answer_fd, "wb") as out:
        out.write(answer)
    os._exit(0)


# --- the zygote ----------------------------------------------------------------------------


def _collect(read_fd: int, pid: int, limits: Limits) -> dict[str, Any]:
    """The worker's answer and how it ended, killing it at the deadline."""
    deadline = time.monotonic() + limits.timeout_s
    chunks, size, status = [], 0, None
    while True:
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([read_fd], [], [], left)[0]:
            status = {"status": "timeout"}
            break
        chunk = os.read(read_fd, _MIB)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
        if size > _max_answer(limits):
            status = {"status": "too-long"}
            break
    if status is not None:
        os.kill(pid, signal.SIGKILL)
    _, wait_status = os.waitpid(pid, 0)
    if status is not None:
        return status
    if os.WIFSIGNALED(wait_status):
        return {"status": "signal", "signal": os.WTERMSIG(wait_status)}
    code = os.WEXITSTATUS(wait_status)
    if code != 0 or not chunks:
        return {"status": "exit", "code": code}
    return {"status": "ok", "answer": b"".join(chunks)}


def serve() -> None:
    """The zygote: read requests on stdin, fork a worker for each, answer on stdout."""
    import importlib

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    for name in _PRELOAD:
        # A missing module is reported by the worker that needs it, for that input only.
        with contextlib.suppress(ImportError):
            importlib.import_module(name)
    requests, replies = sys.stdin.buffer, sys.stdout.buffer
    while header := requests.readline():
        request = json.loads(header)
        data = requests.read(request["size"])
        kwargs = dict(request["kwargs"], limits=Limits(**request["limits"]))
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.close(read_fd)
            try:
                _work(data, kwargs, request.get("hook"), write_fd)
            finally:
                os._exit(70)  # never return into the zygote's loop
        os.close(write_fd)
        try:
            result = _collect(read_fd, pid, kwargs["limits"])
        finally:
            os.close(read_fd)
        answer = result.pop("answer", b"")
        replies.write(json.dumps(dict(result, size=len(answer))).encode() + b"\n" + answer)
        replies.flush()


# --- the parent ----------------------------------------------------------------------------


class _Zygote:
    """The parent's handle on one zygote process, restarted when it fails."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.process: subprocess.Popen[bytes] | None = None

    def forget(self) -> None:
        """In a forked child: the zygote and its pipes belong to the parent, so start anew."""
        self.lock = threading.Lock()
        self.process = None

    def _start(self) -> subprocess.Popen[bytes]:
        # The parent's exact sys.path, and -P so the current folder is not searched.
        code = (
            f"import sys; sys.path[:] = {[os.path.abspath(p) for p in sys.path]!r}; "
            "from tallybook.gather.sandbox import serve; serve()"
        )
        return subprocess.Popen(
            [sys.executable, "-P", "-c", code],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            close_fds=True,
        )

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            for pipe in (self.process.stdin, self.process.stdout):
                if pipe is not None:
                    pipe.close()
            self.process = None

    def ask(self, header: bytes, data: bytes, deadline: float) -> tuple[dict, bytes]:
        with self.lock:
            if self.process is None or self.process.poll() is not None:
                self.stop()
                self.process = self._start()
            process = self.process
            assert process.stdin is not None and process.stdout is not None
            try:
                process.stdin.write(header + data)
                process.stdin.flush()
                reply = json.loads(_read_line(process.stdout, deadline))
                return reply, _read_exact(process.stdout, reply["size"], deadline)
            except BaseException:
                self.stop()  # the conversation is out of step; start afresh next time
                raise


def _wait_readable(stream: IO[bytes], deadline: float) -> None:
    left = deadline - time.monotonic()
    if left <= 0 or not select.select([stream], [], [], left)[0]:
        raise TimeoutError


def _read_line(stream: IO[bytes], deadline: float) -> bytes:
    line = b""
    while not line.endswith(b"\n"):
        _wait_readable(stream, deadline)
        chunk = os.read(stream.fileno(), 1)
        if not chunk:
            raise EOFError
        line += chunk
    return line


def _read_exact(stream: IO[bytes], size: int, deadline: float) -> bytes:
    chunks, left = [], size
    while left:
        _wait_readable(stream, deadline)
        chunk = os.read(stream.fileno(), min(left, _MIB))
        if not chunk:
            raise EOFError
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


_zygote = _Zygote()
atexit.register(_zygote.stop)
os.register_at_fork(after_in_child=_zygote.forget)


def read_in_sandbox(data: bytes, *, _test_hook: str | None = None, **kwargs: Any) -> Document:
    """`read_document(data, **kwargs)` in a worker process limited by `kwargs["limits"]`."""
    limits: Limits = kwargs.pop("limits", Limits())
    request = {"kwargs": kwargs, "limits": asdict(limits), "hook": _test_hook, "size": len(data)}
    header = json.dumps(request).encode() + b"\n"
    try:
        reply, answer = _zygote.ask(header, data, time.monotonic() + limits.timeout_s + _GRACE_S)
    except TimeoutError:
        raise InputRejected(f"reading took longer than {limits.timeout_s:g} s; refused") from None
    except (OSError, EOFError, ValueError) as exc:
        raise InputRejected(
            f"the sandbox stopped unexpectedly ({type(exc).__name__}); refused"
        ) from None
    status = reply.get("status")
    if status == "ok":
        return _from_json(answer)
    if status == "timeout":
        raise InputRejected(f"reading took longer than {limits.timeout_s:g} s; refused")
    if status == "signal":
        raise InputRejected(f"the reader crashed (signal {reply['signal']}); refused")
    if status == "exit" and reply["code"] == _EXIT_MEMORY:
        raise InputRejected(
            f"reading needed more than {_size(limits.memory_bytes)} of memory; refused"
        )
    if status == "too-long":
        raise InputRejected("the reader's answer was larger than the limits allow; refused")
    raise InputRejected(f"the reader stopped without an answer (exit {reply.get('code')}); refused")


def read(data: bytes, *, sandbox: bool = True, **kwargs: Any) -> Document:
    """Read `data`; `sandbox=False` is for trusted, already-checked inputs and benchmarks."""
    if sandbox:
        return read_in_sandbox(data, **kwargs)
    return read_document(data, **kwargs)


if __name__ == "__main__":
    serve()
