"""Write the sample site's documents: small, valid PDF files the project makes itself.

Run `python tools/sample_documents.py` to write them into content/files/. The files are
byte-for-byte the same every time (no creation date, fixed ids).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

FILES = Path(__file__).resolve().parents[1] / "content" / "files"
# Helvetica's WinAnsi encoding has no ə, ğ, ı, İ or ş: the sample text spells them plainly.
PLAIN = str.maketrans(
    {"ə": "e", "Ə": "E", "ğ": "g", "Ğ": "G", "ı": "i", "İ": "I", "ş": "s", "Ş": "S"}
)


@dataclass(frozen=True)
class SampleDocument:
    """One document: its file name and the lines of text of each page."""

    name: str
    title: str
    pages: list[list[str]]


def pdf(document: SampleDocument) -> bytes:
    """Return a minimal PDF 1.4 file with one Helvetica text block per page."""
    objects: list[bytes] = []
    page_ids = [4 + 2 * index for index in range(len(document.pages))]
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    kids = " ".join(f"{page_id} 0 R" for page_id in page_ids)
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {len(page_ids)} >>".encode())
    objects.append(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    )
    for page_id, lines in zip(page_ids, document.pages, strict=True):
        text = ["BT", "/F1 14 Tf", "72 770 Td", "18 TL"]
        for line in lines:
            escaped = (
                line.translate(PLAIN).replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            )
            text.append(f"({escaped}) Tj T*")
        text.append("ET")
        stream = "\n".join(text).encode("cp1252", errors="replace")
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {page_id + 1} 0 R "
            "/Resources << /Font << /F1 3 0 R >> >> >>".encode()
        )
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
    info_id = len(objects) + 1
    title = document.title.translate(PLAIN).encode("cp1252", errors="replace")
    objects.append(b"<< /Title (" + title + b") /Producer (newsroom sample) >>")
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\n" % (len(objects) + 1, info_id)
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


DOCUMENTS = [
    SampleDocument(
        "annual-report-2023.az.pdf",
        "Illik meruze 2023",
        [
            [
                "Insan huquqlari uzre muvekkilin 2023-cu il uzre illik meruzesi",
                "",
                "Numune senedi.",
            ],
            ["1. Vetendaslarin muracietleri", "2. Usaq huquqlarinin mudafiesi"],
            ["3. Beynelxalq emekdasliq", "4. Tovsiyeler"],
        ],
    ),
    SampleDocument(
        "annual-report-2023.en.pdf",
        "Annual report 2023",
        [
            ["Annual report of the Commissioner for Human Rights, 2023", "", "A sample document."],
            ["1. Applications from citizens", "2. Protecting children's rights"],
            ["3. International cooperation", "4. Recommendations"],
        ],
    ),
    SampleDocument(
        "children-in-migration-2024.az.pdf",
        "Miqrasiya seraitinde usaqlar",
        [
            ["Xususi meruze: miqrasiya seraitinde usaqlarin huquqlari", "", "Numune senedi."],
            ["Tapintilar ve tovsiyeler"],
        ],
    ),
    SampleDocument(
        "children-in-migration-2024.en.pdf",
        "Children in migration",
        [
            ["Special report: the rights of children in migration", "", "A sample document."],
            ["Findings and recommendations"],
        ],
    ),
    SampleDocument(
        "how-to-apply-to-the-ombudsman.az.pdf",
        "Ombudsmana nece muraciet etmeli",
        [["Ombudsmana nece muraciet etmeli", "", "Yazili, sifahi ve elektron muraciet qaydalari."]],
    ),
]


def main() -> None:
    """Write every sample document."""
    FILES.mkdir(parents=True, exist_ok=True)
    for document in DOCUMENTS:
        (FILES / document.name).write_bytes(pdf(document))
        print(f"wrote {FILES / document.name}")


if __name__ == "__main__":
    main()
