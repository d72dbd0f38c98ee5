"""Minimal hand-written safetensors reader/writer (float32 only on the write side).

Layout of a .safetensors file:
  * 8 bytes: little-endian uint64 N, the length of the JSON header;
  * N bytes: UTF-8 JSON object mapping each tensor name to
    {"dtype": "F32", "shape": [...], "data_offsets": [begin, end]} plus an optional
    "__metadata__" object of string -> string; padded with spaces so N % 8 == 0;
  * the data section: raw little-endian tensor bytes, offsets relative to its start.

This module deliberately does not use the `safetensors` package. It needs only numpy;
torch tensors are accepted on input (anything with .detach()/.cpu()/.numpy()).
"""

import json
import struct

import numpy as np

# dtype tags understood by `read`; `write` always emits F32.
_DTYPES = {
    "F64": "<f8",
    "F32": "<f4",
    "F16": "<f2",
    "I64": "<i8",
    "I32": "<i4",
    "I16": "<i2",
    "I8": "i1",
    "U8": "u1",
    "BOOL": "?",
}

_HEADER_LIMIT = 100 * 1024 * 1024  # refuse absurd header lengths


def _as_float32(value):
    """Convert a torch tensor / numpy array / nested list into a C-contiguous <f4 array."""
    if hasattr(value, "detach"):
        value = value.detach().cpu().numpy()
    arr = np.asarray(value)
    if arr.dtype.kind not in "fiub":
        raise TypeError("cannot store dtype %s as F32" % arr.dtype)
    return np.ascontiguousarray(arr, dtype="<f4")


def write(path, tensors, metadata=None):
    """Write `tensors` (name -> array-like) as F32 and `metadata` (str -> str) to `path`.

    Tensors are laid out in the dict's iteration order.
    """
    header = {}
    chunks = []
    offset = 0
    for name, value in tensors.items():
        if not isinstance(name, str) or name == "__metadata__":
            raise ValueError("invalid tensor name %r" % (name,))
        arr = _as_float32(value)
        raw = arr.tobytes(order="C")
        header[name] = {
            "dtype": "F32",
            "shape": [int(d) for d in arr.shape],
            "data_offsets": [offset, offset + len(raw)],
        }
        chunks.append(raw)
        offset += len(raw)
    if metadata:
        meta = {}
        for key, val in metadata.items():
            if not isinstance(key, str) or not isinstance(val, str):
                raise TypeError("metadata must map str to str, got %r: %r" % (key, val))
            meta[key] = val
        header["__metadata__"] = meta

    blob = json.dumps(header, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    blob += b" " * ((-len(blob)) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(blob)))
        f.write(blob)
        for raw in chunks:
            f.write(raw)


def read(path):
    """Read a safetensors file. Returns (tensors: dict name -> numpy array, metadata: dict)."""
    with open(path, "rb") as f:
        content = f.read()
    if len(content) < 8:
        raise ValueError("%s: file too short for a safetensors header" % path)
    (n,) = struct.unpack("<Q", content[:8])
    if n > _HEADER_LIMIT or 8 + n > len(content):
        raise ValueError("%s: bad header length %d" % (path, n))
    header = json.loads(content[8:8 + n].decode("utf-8"))
    if not isinstance(header, dict):
        raise ValueError("%s: header is not a JSON object" % path)
    data = memoryview(content)[8 + n:]

    metadata = dict(header.pop("__metadata__", None) or {})
    tensors = {}
    for name, info in header.items():
        dtype = _DTYPES.get(info.get("dtype"))
        if dtype is None:
            raise ValueError("%s: tensor %s has unsupported dtype %r" % (path, name, info.get("dtype")))
        shape = tuple(int(d) for d in info["shape"])
        begin, end = (int(x) for x in info["data_offsets"])
        count = int(np.prod(shape, dtype=np.int64)) if shape else 1
        if not (0 <= begin <= end <= len(data)) or end - begin != count * np.dtype(dtype).itemsize:
            raise ValueError("%s: tensor %s has inconsistent data_offsets %r" % (path, name, [begin, end]))
        arr = np.frombuffer(data[begin:end], dtype=dtype).reshape(shape)
        tensors[name] = arr.astype(arr.dtype.newbyteorder("="), copy=True)
    return tensors, metadata
