"""The release id every cache key carries, so a deploy starts with an empty cache of its own."""

import functools
import hashlib
import os
from pathlib import Path

from django.conf import settings

# What makes up a release when RELEASE_ID is not set: the code, templates and translations, and
# the static-file manifest that names the hashed files a page links to.
SOURCE_SUFFIXES = (".py", ".html", ".txt", ".css", ".js", ".json", ".mo")
SKIPPED_FOLDERS = {"node_modules", "staticfiles", "media", "tests", "bench", "__pycache__"}


def release_id():
    """RELEASE_ID from the settings, else a hash of this release's code and static manifest."""
    return getattr(settings, "RELEASE_ID", "") or _hash_of_this_release()


@functools.cache
def _hash_of_this_release():
    return code_hash(Path(settings.BASE_DIR), Path(settings.STATIC_ROOT))


def code_hash(base_dir, static_root):
    """A short hash of every source file below `base_dir` and the manifest in `static_root`."""
    digest = hashlib.sha256()
    files = sorted(_source_files(base_dir))
    manifest = static_root / "staticfiles.json"
    if manifest.is_file():
        files.append(manifest)
    for path in files:
        digest.update(str(path.relative_to(base_dir) if path.is_relative_to(base_dir) else path).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _source_files(base_dir):
    for folder, subfolders, files in os.walk(base_dir):
        subfolders[:] = [name for name in subfolders if name not in SKIPPED_FOLDERS and not name.startswith(".")]
        for name in files:
            if name.endswith(SOURCE_SUFFIXES):
                yield Path(folder) / name
