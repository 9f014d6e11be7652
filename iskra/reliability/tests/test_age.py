"""Iskra's age files are age files: pyrage (rage) opens what Iskra writes, Iskra opens what
pyrage writes, and anything altered, cut short or sealed for someone else is refused."""

import io
import os

import pyrage
import pytest

from iskra.reliability import age

SIZES = [0, 1, age.CHUNK - 1, age.CHUNK, age.CHUNK + 1, 2 * age.CHUNK, 3 * age.CHUNK + 5]


def _ours(data: bytes, recipients: list, pieces: int = 70_000) -> bytes:
    sealed = io.BytesIO()
    writer = age.Writer(sealed, recipients)
    for start in range(0, len(data), pieces):
        writer.write(data[start : start + pieces])
    writer.close()
    return sealed.getvalue()


def _open(sealed: bytes, identities: list, size: int = -1) -> bytes:
    reader = age.Reader(io.BytesIO(sealed), identities)
    if size < 0:
        return reader.read()
    return b"".join(iter(lambda: reader.read(size), b""))


@pytest.fixture(scope="module")
def keys():
    return pyrage.x25519.Identity.generate(), pyrage.x25519.Identity.generate()


@pytest.mark.parametrize("size", SIZES)
def test_pyrage_opens_what_iskra_writes(keys, size):
    data = os.urandom(size)
    sealed = _ours(data, [keys[0].to_public(), str(keys[1].to_public())])
    assert pyrage.decrypt(sealed, [keys[0]]) == data
    assert pyrage.decrypt(sealed, [keys[1]]) == data
    assert data not in sealed or size < 16


@pytest.mark.parametrize("size", SIZES)
def test_iskra_opens_what_pyrage_writes(keys, size):
    data = os.urandom(size)
    sealed = pyrage.encrypt(data, [keys[1].to_public()])  # with rage's grease stanza
    assert _open(sealed, [keys[0], keys[1]]) == data
    assert _open(sealed, [str(keys[1])], size=10_007) == data


def test_someone_elses_file_is_refused(keys):
    sealed = _ours(b"the minutes", [keys[0].to_public()])
    with pytest.raises(age.AgeError, match="None of the identities"):
        _open(sealed, [keys[1]])


def test_an_altered_header_is_refused(keys):
    sealed = bytearray(_ours(b"the minutes", [keys[0].to_public()]))
    end = sealed.index(b"\n--- ")
    sealed[end - 3] = ord("A") if sealed[end - 3] != ord("A") else ord("B")  # the body
    with pytest.raises(age.AgeError):
        _open(bytes(sealed), [keys[0]])
    # an extra stanza that the file key's holder did not write: the MAC fails
    original = _ours(b"the minutes", [keys[0].to_public()])
    forged = original.replace(b"\n--- ", b"\n-> extra\n\n--- ", 1)
    with pytest.raises(age.AgeError, match="MAC"):
        _open(forged, [keys[0]])


def test_an_altered_payload_is_refused(keys):
    data = os.urandom(3 * age.CHUNK)
    sealed = bytearray(_ours(data, [keys[0].to_public()]))
    sealed[len(sealed) // 2] ^= 0x01
    with pytest.raises(age.AgeError, match="altered or cut short"):
        _open(bytes(sealed), [keys[0]])


def test_a_file_cut_at_a_chunk_boundary_or_lengthened_is_refused(keys):
    data = os.urandom(3 * age.CHUNK + 100)
    sealed = _ours(data, [keys[0].to_public()])
    cut = sealed[: -(100 + 16)]  # the last chunk gone: the one before is not marked last
    with pytest.raises(age.AgeError):
        _open(cut, [keys[0]])
    with pytest.raises(age.AgeError):
        _open(sealed + sealed[-116:], [keys[0]])
    with pytest.raises(age.AgeError):
        _open(sealed[:-1], [keys[0]])


def test_armored_and_foreign_files_say_what_they_are(keys):
    armored = pyrage.encrypt(b"x", [keys[0].to_public()], armored=True)
    with pytest.raises(age.AgeError, match="armored"):
        _open(armored, [keys[0]])
    with pytest.raises(age.AgeError, match="not an age file"):
        _open(b"PK\x03\x04 a zip file", [keys[0]])


def test_a_mistyped_key_is_refused(keys):
    public = str(keys[0].to_public())
    assert age.recipient_bytes(public) == age.recipient_bytes(keys[0].to_public())
    typo = public[:10] + ("q" if public[10] != "q" else "p") + public[11:]
    with pytest.raises(age.AgeError, match="checksum"):
        age.recipient_bytes(typo)
    with pytest.raises(age.AgeError):
        age.identity_bytes(public)


class _ShortReads(io.BytesIO):
    """A source that, like a pipe, answers a read with fewer bytes than asked."""

    def read(self, size=-1):
        return super().read(min(size, 30_001) if size and size > 0 else size)


def test_short_reads_from_the_source_are_read_whole(keys):
    data = os.urandom(5 * age.CHUNK + 77)
    sealed = _ours(data, [keys[0].to_public()])
    assert age.Reader(_ShortReads(sealed), [keys[0]]).read() == data
    with pytest.raises(age.AgeError):
        age.Reader(_ShortReads(sealed[:-1]), [keys[0]]).read()
