"""Safe file writes: a crash leaves the old file or the new one, never half of either.

A regular file (or a new one) is written to a temporary file beside it, synced,
then renamed over it, keeping its permissions. Anything else is written straight:
renaming over /dev/null or a named pipe would replace the device node with a
plain file. A symlink stays a symlink: the rename happens beside its target.
Temporary files carry a recognisable name, so one left by a killed process is
cleaned up the next time the design is opened.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
import time
from pathlib import Path
from typing import IO, Any

STDOUT = "-"
TEMP_MARK = ".designer-tmp-"
# A temporary file older than this belongs to a write that is not running any more.
STALE_SECONDS = 60.0


def temp_prefix(path: Path) -> str:
    """The name every temporary file for `path` starts with: `.NAME.designer-tmp-`."""
    return f".{path.name}{TEMP_MARK}"


def destination(path: Path) -> Path:
    """Where a write to `path` really lands: the end of its symlink chain (the link itself stays)."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def read_only(path: Path) -> bool:
    """Whether the file may not be written, or says it should not be (no write bit: 0444, even for root)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not os.access(path, os.W_OK) or not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)


def write_atomic(
    path: Path | str, text: str | bytes, encoding: str = "utf-8", *, force: bool = False, sync: bool = True
) -> None:
    """Write `text` to `path`: atomically for a regular or new file, straight for devices, pipes and `-`.

    `text` may be bytes (a PDF): written as they are, `encoding` unused.
    A read-only file is refused (PermissionError) unless `force`: the rename would
    otherwise replace it without a word, as the folder's permissions allow.
    `sync=False` skips the flushes to disk: still never half a file, but a crash
    may lose the write; for output that can be made again (a site's thousand
    pages, where the flushes cost more than the rendering).
    """
    if str(path) == STDOUT:
        if isinstance(text, bytes):
            sys.stdout.flush()
            sys.stdout.buffer.write(text)
            sys.stdout.buffer.flush()
        else:
            sys.stdout.write(text)
            sys.stdout.flush()
        return
    target = destination(Path(path))
    try:
        mode: int | None = target.stat().st_mode
    except FileNotFoundError:
        mode = None
    if mode is not None and not stat.S_ISREG(mode):
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(21, "Is a directory", str(path))
        # A device or a named pipe: open it as it is, never replace it.
        with _open(target, text, encoding) as handle:
            handle.write(text)
        return
    if mode is not None and not force and read_only(target):
        raise PermissionError(13, "The file is read-only", str(path))
    _replace(target, text, encoding, mode, sync)


def _open(target: Path | int, text: str | bytes, encoding: str) -> IO[Any]:
    """The file (a path or a descriptor) opened for `text`: binary for bytes, else text without newline translation."""
    if isinstance(text, bytes):
        return open(target, "wb")
    return open(target, "w", encoding=encoding, newline="")


def _replace(target: Path, text: str | bytes, encoding: str, mode: int | None, sync: bool = True) -> None:
    folder = target.parent
    fd, tmp = tempfile.mkstemp(prefix=temp_prefix(target), dir=folder)
    try:
        with _open(fd, text, encoding) as handle:
            handle.write(text)
            if sync:
                handle.flush()
                os.fsync(handle.fileno())
        if mode is not None:
            os.chmod(tmp, stat.S_IMODE(mode))
        else:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    if not sync:
        return
    with contextlib.suppress(OSError):
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def clean_stale_temps(path: Path, max_age: float = STALE_SECONDS) -> list[Path]:
    """Remove temporary files a killed write left beside `path` (ours, older than `max_age`); returns them."""
    target = destination(path)
    folder = target.parent
    prefix = temp_prefix(target)
    now = time.time()
    removed: list[Path] = []
    try:
        candidates = [entry for entry in os.scandir(folder) if entry.name.startswith(prefix)]
    except OSError:
        return removed
    for entry in candidates:
        try:
            info = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISREG(info.st_mode) or info.st_uid != os.getuid() or now - info.st_mtime < max_age:
            continue  # someone else's, or a write that may still be running
        with contextlib.suppress(OSError):
            os.unlink(entry.path)
            removed.append(Path(entry.path))
    return removed
