"""Sample uploads for attachment tests in any service: real file signatures, and raw multipart bodies for
names a test client would tidy up before sending (it keeps only the base name)."""

import os

from django.core.files.uploadedfile import SimpleUploadedFile

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00" + b"\x00" * 32
)
TEXT = b"2026-01-05 09:30 printer: paper jam in tray 2\n"
CSV = b"asset,serial\nlaptop,ABC123\n"
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 120
MZ = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 120
RANDOM = bytes([0x00, 0xFF, 0x13, 0x80]) + os.urandom(252)
HTML = b"<!DOCTYPE html><html><body><script>fetch('/api/v1/users/profile/')</script></body></html>\n"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(document.domain)"/>\n'

# Upload attacks every endpoint that takes files must refuse with a 400, storing nothing.
# (case, file name, content): bytes that are not what the name says.
DISGUISED = [
    ("exe renamed .pdf", "invoice.pdf", MZ),
    ("ELF renamed .pdf", "report.pdf", ELF),
    ("random bytes named .pdf", "scan.pdf", RANDOM),
    ("HTML renamed .png", "photo.png", HTML),
    ("SVG with script renamed .png", "logo.png", SVG),
    ("PNG renamed .pdf", "report.pdf", PNG),
]
# (case, file name as sent): names that try to leave their folder or hide their real end.
TRAVERSAL_NAMES = [
    ("dot-dot slash", "../../etc/passwd.txt"),
    ("dot-dot backslash", "..\\..\\x.txt"),
    ("absolute", "/etc/passwd.txt"),
    ("windows path", "C:\\Windows\\win.ini.txt"),
    ("windows UNC path", "\\\\server\\share\\x.txt"),
    ("NUL", "notes\x00.txt"),
    ("NUL before the extension", "shell.exe\x00.png"),
]


def upload(name: str, content: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def multipart(field: str, filename: str, content: bytes, **fields: str) -> tuple[bytes, str]:
    """(body, content type) of a form whose file part carries ``filename`` exactly as given."""
    boundary = "tts-test-boundary-7f3a"
    parts = [
        f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        for name, value in fields.items()
    ]
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; filename="{filename}"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n".encode()
        + content
        + b"\r\n"
    )
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def stored_files(root) -> list:
    """Every file under ``root`` (a test's MEDIA_ROOT): what storage holds after a request."""
    return [p for p in root.rglob("*") if p.is_file()]
