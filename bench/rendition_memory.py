"""Peak memory of making one thumbnail, as Wagtail makes renditions, of an image at
the largest size uploads accept (WAGTAILIMAGES_MAX_IMAGE_PIXELS) and of others: each
in a fresh process, which reports its peak resident set above what it had before.

    python -m bench.rendition_memory [--sizes 4032x3024,8000x5000] [--kinds jpg,png]

The thumbnail is made with Willow's operations as Wagtail's `fill-400x300` filter runs
them (orient, crop, resize, save as WebP), without a database.
"""

import argparse
import os
import subprocess
import sys
import tempfile

MEASURE = """
import io, sys
from django.conf import settings
settings.configure()  # Willow reads its optimizers from Django's settings: none
import willow
def peak_mb():  # this process's own peak (VmHWM), unlike ru_maxrss, which a child inherits
    with open("/proc/self/status") as status:
        line = next(line for line in status if line.startswith("VmHWM:"))
    return int(line.split()[1]) // 1024
path, width, height = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
before = peak_mb()
with open(path, "rb") as handle:
    picture = willow.Image.open(handle).auto_orient()
    # As Wagtail's fill-WxH: crop the middle to the thumbnail's shape, then resize.
    size = picture.get_size()
    scale = min(size[0] / width, size[1] / height)
    crop_w, crop_h = int(width * scale), int(height * scale)
    left, top = (size[0] - crop_w) // 2, (size[1] - crop_h) // 2
    picture = picture.crop((left, top, left + crop_w, top + crop_h)).resize((width, height))
    output = io.BytesIO()
    picture.save_as_webp(output)
after = peak_mb()
print(before, after, after - before)
"""


def make_picture(size, kind, folder):
    """A photo-like picture (noise, which compresses like a photo) of `size`."""
    from PIL import Image

    width, height = size
    path = os.path.join(folder, f"{width}x{height}.{kind}")
    # Random bytes tiled: decoding costs the same as for a real photo.
    tile = Image.frombytes("RGB", (512, 512), os.urandom(512 * 512 * 3))
    picture = Image.new("RGB", size)
    for x in range(0, width, 512):
        for y in range(0, height, 512):
            picture.paste(tile, (x, y))
    picture.save(path, quality=85) if kind == "jpg" else picture.save(path)
    return path


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="4032x3024,8000x5000,8660x5773")
    parser.add_argument("--kinds", default="jpg,png")
    args = parser.parse_args()
    print(f"{'picture':>16} {'MP':>5} {'before MB':>10} {'peak MB':>8} {'added MB':>9}")
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes.split(","):
            width, height = map(int, size.split("x"))
            for kind in args.kinds.split(","):
                path = make_picture((width, height), kind, folder)
                result = subprocess.run(
                    [sys.executable, "-c", MEASURE, path, "400", "300"],
                    capture_output=True,
                    text=True,
                )
                if result.returncode:
                    raise SystemExit(result.stderr)
                before, peak, added = result.stdout.split()[-3:]
                print(
                    f"{size + '.' + kind:>16} {width * height / 1e6:5.1f} {before:>10} "
                    f"{peak:>8} {added:>9}"
                )
                os.remove(path)


if __name__ == "__main__":
    main()
