"""Huge photos cost little: refused from their header on upload, shown small when stored.

Pillow keeps pixels outside Python's allocator, where tracemalloc does not see them, so each
measure runs in a fresh interpreter and reads its peak resident size (`resource`) before and
after the work.
"""

import json
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

from PIL import Image

from tests import sample_files as files

ROOT = Path(__file__).resolve().parents[2]
MEGABYTE = 1024  # ru_maxrss is in kilobytes on Linux

MEASURE = """
import json, resource, sys
import django
django.setup()
from django.conf import settings
settings.MEDIA_ROOT = sys.argv[1]
{setup}
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
{work}
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({{"grew_kb": after - before, "result": result}}))
"""

CLEAN_UPLOAD = (
    """
from django.core.exceptions import ValidationError
from django.core.files import File
from common.uploads import CheckedImageFormField
from meetings.models import MeetingPhoto
field = MeetingPhoto._meta.get_field("image").formfield()
upload = File(open(sys.argv[1] + "/bomb.png", "rb"), name="现场.png")
""",
    """
try:
    field.clean(upload)
    result = "accepted"
except ValidationError as error:
    result = error.messages
""",
)

LEGACY_RENDITION = (
    """
from meetings.models import MeetingPhoto
photo = MeetingPhoto(image=sys.argv[2])
""",
    """
result = photo.display_url
""",
)


def measure(media_root, script, *args):
    setup, work = script
    completed = subprocess.run(
        [sys.executable, "-c", MEASURE.format(setup=setup, work=work), str(media_root), *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"DJANGO_SETTINGS_MODULE": "config.settings.test", "PATH": "/usr/bin:/bin"},
        check=True,
    )
    return json.loads(completed.stdout.splitlines()[-1])


def test_a_177_megapixel_photo_is_refused_without_decoding_it(tmp_path):
    files.png_bomb(tmp_path / "bomb.png")

    outcome = measure(tmp_path, CLEAN_UPLOAD)

    assert outcome["result"] == ["图片过大：最多 40 百万像素，请缩小后再上传。"]
    assert outcome["grew_kb"] < 20 * MEGABYTE  # decoded, it would be 177 MB


def test_a_stored_177_megapixel_png_is_left_out_of_pages_without_decoding_it(tmp_path):
    (tmp_path / "meetings/photos/2022/06").mkdir(parents=True)
    files.png_bomb(tmp_path / "meetings/photos/2022/06/现场.png")

    outcome = measure(tmp_path, LEGACY_RENDITION, "meetings/photos/2022/06/现场.png")

    assert outcome["result"] == ""
    assert outcome["grew_kb"] < 20 * MEGABYTE


def test_a_stored_70_megapixel_jpeg_is_shown_from_a_small_rendition(tmp_path):
    name = "meetings/photos/2022/06/全景.jpg"
    (tmp_path / name).parent.mkdir(parents=True)
    # Made in a process of its own, so that its 210 MB of pixels count in no measure.
    subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from PIL import Image; "
            "Image.new('RGB', (10000, 7000), 'teal').save(sys.argv[1], quality=50)",
            str(tmp_path / name),
        ],
        check=True,
    )

    outcome = measure(tmp_path, LEGACY_RENDITION, name)

    assert outcome["result"] == f"/media/renditions/{quote(name)}.jpg"
    with Image.open(tmp_path / "renditions" / f"{name}.jpg") as rendition:
        assert rendition.size == (2400, 1680)
    assert outcome["grew_kb"] < 80 * MEGABYTE  # decoded whole, it would be 210 MB
