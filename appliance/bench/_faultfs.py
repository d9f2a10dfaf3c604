"""A FUSE passthrough that holds every written byte in memory until the file is fsynced.

`python -m appliance.bench._faultfs BACKING MOUNT STATE` serves BACKING at MOUNT. Data writes
and truncations are kept per file (by backing inode) in this process's memory; fsync/fdatasync
of a file applies its held changes to BACKING and fsyncs them there. SIGKILL this process and
everything not fsynced is gone, as in a power cut. Namespace changes (create, unlink, rename)
are journalled in STATE and undone after the kill unless a directory fsync covered them
(`_faultfs_namespace.undo`), so BACKING then holds what a disk that honours only fsync would.
"""

from __future__ import annotations

import errno
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import mfusepy as fuse  # type: ignore[import-untyped]

from appliance.bench._faultfs_namespace import Journal

PAGE = 4096


@dataclass
class Held:
    """Unsynced changes of one file: its logical size, pages written, and truncation."""

    size: int
    zero_from: int | None = None  # backing bytes at or past this were truncated away
    pages: dict[int, bytearray] = field(default_factory=dict)


class FaultFS(fuse.Operations):  # type: ignore[misc]
    """Passthrough to root with a volatile write cache that only fsync makes durable."""

    use_ns = True

    def __init__(self, root: Path, state: Path) -> None:
        self.root = root
        self.journal = Journal(root, state)
        self.held: dict[int, Held] = {}
        self.fds: dict[int, tuple[int, int]] = {}  # our handle -> (backing fd, inode)
        self._next = 1

    def _p(self, path: str) -> Path:
        return self.root / path.lstrip("/")

    def _handle(self, fd: int) -> int:
        fh, self._next = self._next, self._next + 1
        self.fds[fh] = (fd, os.fstat(fd).st_ino)
        return fh

    # --- metadata, passed through ---------------------------------------------------------
    def getattr(self, path: str, fh: Any = None) -> dict[str, Any]:
        try:
            st = os.lstat(self._p(path))
        except OSError as exc:
            raise fuse.FuseOSError(exc.errno) from None
        attrs = {
            k: getattr(st, k)
            for k in ("st_mode", "st_nlink", "st_uid", "st_gid", "st_size", "st_ino")
        }
        attrs.update(st_atime=st.st_atime_ns, st_mtime=st.st_mtime_ns, st_ctime=st.st_ctime_ns)
        held = self.held.get(st.st_ino)
        if held is not None:
            attrs["st_size"] = held.size
        return attrs

    def readdir(self, path: str, fh: int) -> list[str]:
        return [".", "..", *(p.name for p in self._p(path).iterdir())]

    def access(self, path: str, amode: int) -> int:
        if not os.access(self._p(path), amode):
            raise fuse.FuseOSError(errno.EACCES)
        return 0

    def statfs(self, path: str) -> dict[str, Any]:
        sv = os.statvfs(self._p(path))
        return {
            k: getattr(sv, k)
            for k in (
                "f_bavail",
                "f_bfree",
                "f_blocks",
                "f_bsize",
                "f_favail",
                "f_ffree",
                "f_files",
                "f_flag",
                "f_frsize",
                "f_namemax",
            )
        }

    def mkdir(self, path: str, mode: int) -> int:
        self.journal.created(self._p(path))
        self._p(path).mkdir(mode)
        return 0

    def rmdir(self, path: str) -> int:
        if any(self._p(path).iterdir()):
            raise fuse.FuseOSError(errno.ENOTEMPTY)
        self.journal.set_aside(self._p(path))
        return 0

    def unlink(self, path: str) -> int:
        self.journal.set_aside(self._p(path))  # kept, so a cut can bring it back
        return 0

    def rename(self, old: str, new: str) -> int:
        if self._p(new).exists():
            self.journal.set_aside(self._p(new))
        self.journal.renamed(self._p(old), self._p(new))
        self._p(old).rename(self._p(new))
        return 0

    def chmod(self, path: str, mode: int) -> int:
        self._p(path).chmod(mode)
        return 0

    def chown(self, path: str, uid: int, gid: int) -> int:
        os.chown(self._p(path), uid, gid)
        return 0

    def utimens(self, path: str, times: tuple[int, int] | None = None) -> int:
        if times is None:
            os.utime(self._p(path))
        else:
            os.utime(self._p(path), ns=times)
        return 0

    # --- files ----------------------------------------------------------------------------
    def create(self, path: str, mode: int, fi: Any = None) -> int:
        if not self._p(path).exists():
            self.journal.created(self._p(path))
        return self._handle(os.open(self._p(path), os.O_CREAT | os.O_RDWR, mode))

    def open(self, path: str, flags: int) -> int:
        try:
            fd = os.open(self._p(path), os.O_RDWR)
        except PermissionError:
            fd = os.open(self._p(path), flags & os.O_ACCMODE)
        return self._handle(fd)

    def release(self, path: str, fh: int) -> int:
        fd, ino = self.fds.pop(fh)
        if os.fstat(fd).st_nlink == 0 and ino not in {i for _f, i in self.fds.values()}:
            self.held.pop(ino, None)
        os.close(fd)
        return 0

    def flush(self, path: str, fh: int) -> int:
        return 0  # close() is not a sync

    def _page(self, fd: int, held: Held, index: int) -> bytearray:
        page = held.pages.get(index)
        if page is not None:
            return page
        page = bytearray(os.pread(fd, PAGE, index * PAGE).ljust(PAGE, b"\0"))
        if held.zero_from is not None and held.zero_from < (index + 1) * PAGE:
            cut = max(held.zero_from - index * PAGE, 0)
            page[cut:] = bytes(PAGE - cut)
        return page

    def read(self, path: str, size: int, offset: int, fh: int) -> bytes:
        fd, ino = self.fds[fh]
        held = self.held.get(ino)
        if held is None:
            return os.pread(fd, size, offset)
        end = min(offset + size, held.size)
        out = bytearray()
        pos = offset
        while pos < end:
            index, within = divmod(pos, PAGE)
            take = min(PAGE - within, end - pos)
            out += self._page(fd, held, index)[within : within + take]
            pos += take
        return bytes(out)

    def _held(self, fd: int, ino: int) -> Held:
        held = self.held.get(ino)
        if held is None:
            held = self.held[ino] = Held(size=os.fstat(fd).st_size)
        return held

    def write(self, path: str, data: bytes, offset: int, fh: int) -> int:
        fd, ino = self.fds[fh]
        held = self._held(fd, ino)
        pos, view = offset, memoryview(data)
        while view:
            index, within = divmod(pos, PAGE)
            take = min(PAGE - within, len(view))
            page = self._page(fd, held, index)
            page[within : within + take] = view[:take]
            held.pages[index] = page
            pos, view = pos + take, view[take:]
        held.size = max(held.size, offset + len(data))
        return len(data)

    def truncate(self, path: str, length: int, fh: Any = None) -> int:
        fd = os.open(self._p(path), os.O_RDONLY)
        try:
            held = self._held(fd, os.fstat(fd).st_ino)
        finally:
            os.close(fd)
        if length < held.size:
            held.zero_from = length if held.zero_from is None else min(held.zero_from, length)
            for index in [i for i in held.pages if i * PAGE >= length]:
                del held.pages[index]
            index, within = divmod(length, PAGE)
            if within and index in held.pages:
                held.pages[index][within:] = bytes(PAGE - within)
        held.size = length
        return 0

    def fsync(self, path: str, datasync: int, fh: int) -> int:
        fd, ino = self.fds[fh]
        held = self.held.pop(ino, None)
        if held is not None:
            if held.zero_from is not None:
                os.ftruncate(fd, held.zero_from)
            for index, page in sorted(held.pages.items()):
                keep = min(PAGE, held.size - index * PAGE)
                if keep > 0:
                    os.pwrite(fd, page[:keep], index * PAGE)
            os.ftruncate(fd, held.size)
        os.fsync(fd)
        return 0

    def fsyncdir(self, path: str, datasync: int, fh: int) -> int:
        self.journal.synced(self._p(path))
        return 0


def main(argv: list[str]) -> int:
    """Serve argv[0] at argv[1] (journal in argv[2]) in the foreground until killed."""
    root, mount, state = argv
    layer = FaultFS(Path(root).resolve(), Path(state).resolve())
    fuse.FUSE(layer, mount, foreground=True, nothreads=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
