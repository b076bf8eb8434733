"""Files written all at once or not at all, put in place without overwriting, hashed in one read."""

from __future__ import annotations

import hashlib
import os

import pytest

from desktop_app.errors import FieldDeskError
from desktop_app.fileio import atomic_write, hash_file, publish_file, sha256_file

MiB = 1024 * 1024


@pytest.mark.parametrize("size", [0, 1, MiB, 2 * MiB + 17])
def test_hash_file_streams_sha256_and_size(tmp_path, size):
    path = tmp_path / "f.bin"
    data = os.urandom(size)
    path.write_bytes(data)
    assert hash_file(path) == (hashlib.sha256(data).hexdigest(), size)
    assert sha256_file(path) == hashlib.sha256(data).hexdigest()


def test_publish_never_overwrites_unless_asked(tmp_path):
    final, tmp = tmp_path / "key.pem", tmp_path / ".key.pem.partial"
    final.write_bytes(b"the key headquarters registered")
    tmp.write_bytes(b"another key")
    with pytest.raises(FieldDeskError, match="key.pem: already exists; not overwritten"):
        publish_file(tmp, final)
    assert final.read_bytes() == b"the key headquarters registered" and tmp.exists()
    publish_file(tmp, final, overwrite=True)
    assert final.read_bytes() == b"another key" and not tmp.exists()


def test_publish_gives_the_file_its_name_and_leaves_no_temporary(tmp_path):
    final, tmp = tmp_path / "bundle.zip", tmp_path / ".bundle.zip.partial"
    tmp.write_bytes(b"PK")
    publish_file(tmp, final)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bundle.zip"]


def test_atomic_write_replaces_the_whole_file(tmp_path):
    target = tmp_path / "settings.json"
    atomic_write(target, b"old")
    atomic_write(target, b"new and longer")
    assert target.read_bytes() == b"new and longer"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["settings.json"]
