"""The kernel's upload checks (tts_common.files) on the shared attack samples every service's
upload tests also send through HTTP (tts_common.upload_samples)."""

import pytest

from tts_common.files import FileRejected, check_filename, check_upload
from tts_common.upload_samples import CSV, DISGUISED, PDF, PNG, TEXT, TRAVERSAL_NAMES, upload


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("scan.pdf", PDF, "application/pdf"),
        ("photo.png", PNG, "image/png"),
        ("printer.log", TEXT, "text/plain"),
        ("assets.csv", CSV, "text/csv"),
    ],
)
def test_a_file_is_typed_by_its_bytes(name, content, content_type):
    checked = check_upload(upload(name, content))

    assert (checked.name, checked.content_type, checked.size) == (name, content_type, len(content))


@pytest.mark.parametrize(
    ("name", "content"), [(n, c) for _, n, c in DISGUISED], ids=[c for c, _, _ in DISGUISED]
)
def test_a_file_whose_bytes_are_not_what_its_name_says_is_refused(name, content):
    with pytest.raises(FileRejected, match="not accepted|does not match"):
        check_upload(upload(name, content))


@pytest.mark.parametrize("name", [n for _, n in TRAVERSAL_NAMES], ids=[c for c, _ in TRAVERSAL_NAMES])
def test_a_name_that_leaves_its_folder_or_hides_its_end_is_refused(name):
    with pytest.raises(FileRejected, match="path separators"):
        check_filename(name)


def test_a_file_over_the_limit_is_refused(settings):
    settings.ATTACHMENT_MAX_BYTES = len(PDF) - 1

    with pytest.raises(FileRejected, match="the limit is"):
        check_upload(upload("scan.pdf", PDF))
