"""Uploaded-file checks shared by every service that accepts attachments.

The type is decided by the bytes, not by the name: the extension must agree with what
the content is, so an executable renamed ``report.pdf`` is refused.
"""

from __future__ import annotations

import hashlib
import html
import io
import re
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.http.multipartparser import MultiPartParser as DjangoMultiPartParser
from django.http.multipartparser import MultiPartParserError
from rest_framework.exceptions import APIException, ParseError
from rest_framework.parsers import DataAndFiles, MultiPartParser, get_encoding

# content type -> extensions a file of that type may carry
ALLOWED_TYPES: dict[str, set[str]] = {
    "application/pdf": {"pdf"},
    "image/png": {"png"},
    "image/jpeg": {"jpg", "jpeg"},
    "image/gif": {"gif"},
    "image/webp": {"webp"},
    "text/plain": {"txt", "log", "md"},
    "text/csv": {"csv"},
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": {"docx"},
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {"xlsx"},
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": {"pptx"},
}
_OFFICE = {
    "word/": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xl/": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ppt/": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
_SAFE_NAME = re.compile(r"^[\w][\w .()+-]{0,150}$")


class FileRejected(ValueError):
    """The upload breaks a rule; the message says which, for the user."""


@dataclass(frozen=True)
class CheckedFile:
    name: str
    content_type: str
    size: int
    sha256: str


def _sniff(head: bytes, data: UploadedFile, extension: str) -> str | None:
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head.startswith(b"PK\x03\x04"):
        data.seek(0)
        try:
            with zipfile.ZipFile(io.BytesIO(data.read())) as archive:
                names = archive.namelist()
        except zipfile.BadZipFile:
            return None
        if "[Content_Types].xml" in names:
            for prefix, content_type in _OFFICE.items():
                if any(n.startswith(prefix) for n in names):
                    return content_type
        return None
    if b"\x00" not in head:
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as exc:
            if exc.start < len(head) - 4:  # a multi-byte character cut by the 8 KB window is fine
                return None
        return "text/csv" if extension == "csv" else "text/plain"
    return None


def check_filename(name: str) -> str:
    """Refuse names that try to leave their folder or carry control characters; keep the rest."""
    if not name or "/" in name or "\\" in name or ".." in name or any(ord(c) < 32 for c in name):
        raise FileRejected("The file name may not contain path separators, '..' or control characters.")
    if not _SAFE_NAME.match(name):
        raise FileRejected("Use letters, digits, spaces and . ( ) + - _ in the file name (at most 150).")
    if "." not in name:
        raise FileRejected("The file name needs an extension, such as .pdf or .png.")
    return name


def check_upload(upload: UploadedFile) -> CheckedFile:
    """Validate an upload's name, size and content; return what to store about it."""
    name = check_filename(upload.name or "")
    limit = settings.ATTACHMENT_MAX_BYTES
    if upload.size > limit:
        raise FileRejected(f"The file is {upload.size} bytes; the limit is {limit} bytes.")
    if upload.size == 0:
        raise FileRejected("The file is empty.")
    extension = name.rsplit(".", 1)[-1].lower()
    upload.seek(0)
    head = upload.read(8192)
    content_type = _sniff(head, upload, extension)
    if content_type is None:
        raise FileRejected(
            "This kind of file is not accepted (PDF, images, text, CSV and Office documents are)."
        )
    if extension not in ALLOWED_TYPES[content_type]:
        raise FileRejected(f"The content is {content_type}, which does not match the extension .{extension}.")
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return CheckedFile(name=name, content_type=content_type, size=upload.size, sha256=digest.hexdigest())


def check_uploads(uploads: list[UploadedFile], *, max_count: int, field: str, per: str) -> list[CheckedFile]:
    """Check every file of one request before anything is stored; a 400 names the bad one."""
    from rest_framework.exceptions import ValidationError

    if len(uploads) > max_count:
        raise ValidationError({field: [f"At most {max_count} files per {per}."]})
    checked = []
    for upload in uploads:
        try:
            checked.append(check_upload(upload))
        except FileRejected as exc:
            raise ValidationError({field: [f"{upload.name}: {exc}"]}) from exc
    return checked


def delete_stored(names: list[str]) -> None:
    """Remove files saved for a transaction that then failed (the database never names them)."""
    from django.core.files.storage import default_storage

    for name in names:
        default_storage.delete(name)


# How the schema documents a download_response: any content type (the file's own).
BINARY = {"type": "string", "format": "binary"}
FILE_DESCRIPTION = "The file, as an attachment, with the content type it was stored with."
TOO_LARGE_DESCRIPTION = "The body is longer than any valid upload; refused before it is read."


def download_response(field_file, *, name: str, content_type: str):
    """A stored file as a download: never rendered inline, never sniffed, sandboxed."""
    from django.http import FileResponse
    from rest_framework.exceptions import NotFound

    try:
        handle = field_file.open("rb")
    except FileNotFoundError as exc:
        raise NotFound("The file is missing from storage.") from exc
    response = FileResponse(handle, as_attachment=True, filename=name, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


class _KeepUnsafeFileNames(DjangoMultiPartParser):
    """Django silently cuts an upload's name to what follows the last slash or backslash
    and drops control characters ("../../etc/passwd.txt" arrives as "passwd.txt"), so
    the kernel's check_filename never saw what the client sent. Pass such a name on,
    with "/" written as "\\" (UploadedFile keeps only what follows the last "/") and
    control characters escaped, so check_filename refuses it with a 400 naming the field."""

    def sanitize_file_name(self, file_name):
        cleaned = super().sanitize_file_name(file_name)
        sent = html.unescape(file_name)
        if cleaned is None or cleaned == sent:
            return cleaned
        return "".join("\\" if c == "/" else c if c.isprintable() else f"\\x{ord(c):02x}" for c in sent)


class RequestTooLarge(APIException):
    status_code = 413
    default_code = "request_too_large"


# room per file for its part's headers in a multipart body
PART_OVERHEAD = 64 * 1024


def upload_body_limit() -> int:
    """The largest multipart body worth reading: the most files a request may carry, each at
    the size limit, plus the form's other fields. Anything longer is refused before a byte
    of it is read or spooled to disk (nginx refuses it earlier in a deployment)."""
    files = settings.ATTACHMENT_MAX_PER_TICKET * (settings.ATTACHMENT_MAX_BYTES + PART_OVERHEAD)
    return files + settings.DATA_UPLOAD_MAX_MEMORY_SIZE


class UploadParser(MultiPartParser):
    """DRF's multipart parser with the unsafe names kept for our checks, and bodies longer
    than any valid upload refused (413) from their Content-Length: every endpoint that
    accepts files uses this instead of DRF's ``MultiPartParser``."""

    def parse(self, stream, media_type=None, parser_context=None):
        request = parser_context["request"]
        length, limit = request.META.get("CONTENT_LENGTH") or "0", upload_body_limit()
        if length.isdigit() and int(length) > limit:
            raise RequestTooLarge(
                f"The request is {int(length)} bytes; uploads are limited to {limit} bytes "
                f"({settings.ATTACHMENT_MAX_PER_TICKET} files of at most {settings.ATTACHMENT_MAX_BYTES} bytes)."
            )
        meta = request.META.copy()
        meta["CONTENT_TYPE"] = media_type
        try:
            parser = _KeepUnsafeFileNames(meta, stream, request.upload_handlers, get_encoding(parser_context))
            return DataAndFiles(*parser.parse())
        except MultiPartParserError as exc:
            raise ParseError(f"Multipart form parse error - {exc}") from exc
