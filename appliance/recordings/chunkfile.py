"""The IO shell of the format: an append-only file where every chunk is fsynced as written."""

from __future__ import annotations

import errno
import os
from pathlib import Path

from appliance.recordings.chunks import HEADER, Header, chunk_cipher, seal_chunk
from appliance.recordings.errors import StorageError

_FULL = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)
_GONE = (errno.ENOENT, errno.EIO, errno.ENODEV, errno.ENXIO, errno.ESTALE, errno.EROFS)


def storage_error(exc: OSError, path: Path) -> StorageError:
    """A clear ja/en message for a failed write: disk full, drive removed, or other."""
    if exc.errno in _FULL:
        return StorageError(
            f"録音先のディスクが一杯です。この通話の録音はここまで保存されています / the recording "
            f"disk is full ({path.parent}); this call's recording is kept up to this point"
        )
    if exc.errno in _GONE:
        return StorageError(
            f"録音先のドライブが見つかりません (外されましたか?) / the recording drive is gone "
            f"({path.parent}: {exc.strerror}); what was written before is kept on it"
        )
    return StorageError(
        f"録音を書き込めません / cannot write the recording ({path.name}: {exc.strerror}); "
        "what was written before is kept"
    )


def fsync_dir(path: Path) -> None:
    """Make a new directory entry durable."""
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


class ChunkFile:
    """Creates the file (never overwrites), then appends sealed chunks, each fsynced."""

    def __init__(self, path: Path, file_key: bytes, header: Header) -> None:
        self.path = Path(path)
        self._cipher = chunk_cipher(file_key, header)
        self._header = header.pack()
        self.index = 0
        self.size = 0
        self.closed = False
        try:
            self._fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_APPEND, 0o600)
        except OSError as exc:
            raise storage_error(exc, self.path) from None
        self._write(self._header)
        try:
            fsync_dir(self.path.parent)
        except OSError as exc:
            raise storage_error(exc, self.path) from None

    def _write(self, data: bytes) -> None:
        try:
            view = memoryview(data)
            while view:
                n = os.write(self._fd, view)
                view = view[n:]
                self.size += n
            os.fsync(self._fd)
        except OSError as exc:
            self.close()
            raise storage_error(exc, self.path) from None

    def append(self, packets: list[bytes], *, last: bool = False) -> int:
        """Seal and append one chunk, fsynced before returning; returns its byte size."""
        if self.closed:
            raise StorageError(f"録音ファイルは閉じています / recording {self.path.name} is closed")
        frame = seal_chunk(self._cipher, self._header, self.index, last, packets)
        self._write(frame)
        self.index += 1
        if last:
            self.close()
        return len(frame)

    def close(self) -> None:
        """Close the descriptor (a file without a last chunk reads as cut short)."""
        if not self.closed:
            self.closed = True
            os.close(self._fd)


HEADER_BYTES = HEADER.size
