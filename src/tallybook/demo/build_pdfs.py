"""Build the demo corpus PDFs from their page texts.

Each PDF in `corpus/manifest.json` has its source in `corpus-src/<same name>.txt`:
plain text, pages separated by a line holding only a form feed (\\f). Every page
must carry the FICTIONAL notice; the build refuses a page without it.

The PDFs are written with the project's hand-made PDF writer, `tests/pdfgen.py`
(imported by path, since `tests` is not a package that ships), so the output is
byte-for-byte reproducible: run

    python src/tallybook/demo/build_pdfs.py          # write the PDFs
    python src/tallybook/demo/build_pdfs.py --check  # and read them back

from the repository root. `--check` opens every PDF with pypdfium2 and checks
that each page's text extracts and still carries the notice.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from datetime import date
from pathlib import Path
from types import ModuleType

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
SOURCES = HERE / "corpus-src"
REPO = HERE.parents[2]
PDFGEN = REPO / "tests" / "pdfgen.py"

NOTICE = (
    "FICTIONAL — written for the tallybook demo; events, people and organisations are invented."
)
PAGE_BREAK = "\f"


def load_pdfgen(path: Path = PDFGEN) -> ModuleType:
    if not path.is_file():
        raise SystemExit(f"cannot build the PDFs: {path.name} not found under tests/")
    spec = importlib.util.spec_from_file_location("tallybook_demo_pdfgen", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read_pages(source: Path) -> list[str]:
    """The page texts of one source file, split at lines holding only a form feed."""
    pages: list[list[str]] = [[]]
    for line in source.read_text(encoding="utf-8").split("\n"):
        if line.strip(" \t\r") == PAGE_BREAK:
            pages.append([])
        else:
            pages[-1].append(line.rstrip())
    texts = ["\n".join(lines).strip("\n") for lines in pages]
    for number, text in enumerate(texts, start=1):
        if NOTICE not in text:
            raise SystemExit(f"{source.name}: page {number} lacks the FICTIONAL notice")
    return texts


def pdf_entries() -> list[dict[str, str]]:
    manifest = json.loads((CORPUS / "manifest.json").read_text(encoding="utf-8"))
    return [entry for entry in manifest if entry["file"].endswith(".pdf")]


def build(pdfgen: ModuleType) -> list[Path]:
    written = []
    for entry in pdf_entries():
        target = CORPUS / entry["file"]
        source = SOURCES / (Path(entry["file"]).stem + ".txt")
        pages = read_pages(source)
        data = pdfgen.make_pdf(
            pages,
            title=entry.get("title"),
            author=entry["publisher"],
            created=date.fromisoformat(entry["published"]),
        )
        target.write_bytes(data)
        written.append(target)
    return written


def check(paths: list[Path]) -> None:
    import pypdfium2 as pdfium  # type: ignore[import-untyped]

    for path in paths:
        source = SOURCES / (path.stem + ".txt")
        expected = read_pages(source)
        pdf = pdfium.PdfDocument(str(path))
        try:
            if len(pdf) != len(expected):
                raise SystemExit(f"{path.name}: {len(pdf)} pages, expected {len(expected)}")
            for number in range(len(pdf)):
                page = pdf[number]
                text = page.get_textpage().get_text_range()
                flat = " ".join(text.split())
                if NOTICE not in flat:
                    raise SystemExit(f"{path.name}: page {number + 1} text lacks the notice")
        finally:
            pdf.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="read the PDFs back with pypdfium2")
    args = parser.parse_args(argv)
    written = build(load_pdfgen())
    if args.check:
        check(written)
    for path in written:
        print(f"{path.relative_to(REPO)}  {path.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
