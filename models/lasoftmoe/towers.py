# CLIP-style transformer blocks with an optional Soft-MoE branch, the ViT image tower and the text tower.
# Python / PyTorch (models/). Parameter names follow OpenAI CLIP closely so weight mapping stays simple.
#
# Notation: b batch, n tokens, d width, t text context length, g grid side (n = g*g + 1).
from __future__ import annotations

from typing import List, Optional, Tuple

import torch
import torch.nn.functional as F
from torch import nn

from .config import LaSoftMoEConfig
from .softmoe import SoftMoE


class QuickGELU(nn.Module):
    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x * torch.sigmoid(1.702 * x)  # OpenAI CLIP's activation


class Attention(nn.Module):
    """Multi-head self-attention with CLIP's packed in_proj layout ([3d, d])."""

    def __init__(self, d: int, heads: int):
        super().__init__()
        self.heads = heads
        self.in_proj_weight = nn.Parameter(torch.randn(3 * d, d) * d ** -0.5)
        self.in_proj_bias = nn.Parameter(torch.zeros(3 * d))
        self.out_proj = nn.Linear(d, d)

    def forward(self, x: torch.Tensor, mask: Optional[torch.Tensor] = None) -> torch.Tensor:
        b, n, d = x.shape
        hd = d // self.heads
        qkv = F.linear(x, self.in_proj_weight, self.in_proj_bias)  # [b, n, 3d]
        q, k, v = qkv.split(d, dim=-1)
        q = q.reshape(b, n, self.heads, hd).transpose(1, 2)  # [b, heads, n, hd]
        k = k.reshape(b, n, self.heads, hd).transpose(1, 2)
        v = v.reshape(b, n, self.heads, hd).transpose(1, 2)
        att = torch.matmul(q, k.transpose(-2, -1)) * (hd ** -0.5)  # [b, heads, n, n]
        if mask is not None:
            att = att + mask
        att = torch.softmax(att, dim=-1)
        y = torch.matmul(att, v).transpose(1, 2).reshape(b, n, d)  # [b, n, d]
        return self.out_proj(y)


class MLP(nn.Module):
    def __init__(self, d: int, hidden: int):
        super().__init__()
        self.c_fc = nn.Linear(d, hidden)
        self.gelu = QuickGELU()
        self.c_proj = nn.Linear(hidden, d)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.c_proj(self.gelu(self.c_fc(x)))


class Block(nn.Module):
    """Pre-LN block. parallel: x + MLP(h) + MoE(h); replace: x + MoE(h); dense: x + MLP(h); h = LN2(x)."""

    def __init__(self, d: int, heads: int, mlp_ratio: float, cfg: Optional[LaSoftMoEConfig] = None):
        super().__init__()
        self.ln_1 = nn.LayerNorm(d)
        self.attn = Attention(d, heads)
        self.ln_2 = nn.LayerNorm(d)
        self.placement = cfg.placement if cfg is not None else None
        self.mlp = MLP(d, int(d * mlp_ratio)) if self.placement != "replace" else None
        self.moe = SoftMoE(cfg) if cfg is not None else None

    def forward(self, x: torch.Tensor, mask: Optional[torch.Tensor] = None
                ) -> Tuple[torch.Tensor, Optional[torch.Tensor], Optional[torch.Tensor]]:
        x = x + self.attn(self.ln_1(x), mask)
        h = self.ln_2(x)
        dispatch = combine = None
        out = x
        if self.mlp is not None:
            out = out + self.mlp(h)
        if self.moe is not None:
            y, dispatch, combine = self.moe(h)
            out = out + y
        return out, dispatch, combine


class VisionTower(nn.Module):
    """ViT image encoder: patches -> [CLS; tokens] -> blocks -> LN(CLS) @ proj. Returns embedding and routing."""

    def __init__(self, cfg: LaSoftMoEConfig):
        super().__init__()
        d = cfg.width
        self.cfg = cfg
        self.conv1 = nn.Conv2d(3, d, kernel_size=cfg.patch_size, stride=cfg.patch_size, bias=False)
        self.class_embedding = nn.Parameter(torch.randn(d) * d ** -0.5)
        self.positional_embedding = nn.Parameter(torch.randn(cfg.tokens, d) * d ** -0.5)
        self.ln_pre = nn.LayerNorm(d) if cfg.ln_pre else nn.Identity()
        moe_layers = set(cfg.moe_layer_indices)
        self.blocks = nn.ModuleList(
            Block(d, cfg.heads, cfg.mlp_ratio, cfg if i in moe_layers else None) for i in range(cfg.depth)
        )
        self.ln_post = nn.LayerNorm(d)
        self.proj = nn.Parameter(torch.randn(d, cfg.embed_dim) * d ** -0.5)

    def forward(self, pixel_values: torch.Tensor):
        """pixel_values [b, 3, H, W] -> (features [b, D], dispatch list, combine list of [b, n, e, s])."""
        x = self.conv1(pixel_values)  # [b, d, g, g]
        b, d = x.shape[0], x.shape[1]
        x = x.reshape(b, d, -1).transpose(1, 2)  # [b, g*g, d]
        cls = self.class_embedding.reshape(1, 1, d).expand(b, 1, d)
        x = torch.cat([cls, x], dim=1) + self.positional_embedding  # [b, n, d]
        x = self.ln_pre(x)
        dispatches: List[torch.Tensor] = []
        combines: List[torch.Tensor] = []
        for blk in self.blocks:
            x, dsp, cmb = blk(x)
            if dsp is not None:
                dispatches.append(dsp)
                combines.append(cmb)
        pooled = x[:, 0, :] if self.cfg.pool == "cls" else x[:, 0, :] + x[:, 1:, :].mean(dim=1)  # [b, d]
        feats = self.ln_post(pooled) @ self.proj  # [b, D]
        return feats, dispatches, combines


class TextTower(nn.Module):
    """CLIP text encoder: causal transformer, features at the EOT position @ text_projection."""

    def __init__(self, cfg: LaSoftMoEConfig, eot_token: int):
        super().__init__()
        w, t = cfg.text_width, cfg.context_length
        self.eot_token = eot_token
        self.token_embedding = nn.Embedding(cfg.vocab_size, w)
        nn.init.normal_(self.token_embedding.weight, std=0.02)
        self.positional_embedding = nn.Parameter(torch.randn(t, w) * 0.01)
        self.blocks = nn.ModuleList(Block(w, cfg.text_heads, 4.0) for _ in range(cfg.text_depth))
        self.ln_final = nn.LayerNorm(w)
        self.text_projection = nn.Parameter(torch.randn(w, cfg.embed_dim) * w ** -0.5)
        self.register_buffer("causal_mask", torch.full((t, t), float("-inf")).triu(1), persistent=False)

    def forward(self, ids: torch.Tensor) -> torch.Tensor:
        """ids [k, t] -> features [k, D]."""
        x = self.token_embedding(ids) + self.positional_embedding  # [k, t, w]
        for blk in self.blocks:
            x, _, _ = blk(x, self.causal_mask)
        x = self.ln_final(x)
        eot = (ids == self.eot_token).int().argmax(dim=-1)  # [k]
        return x[torch.arange(x.shape[0]), eot] @ self.text_projection
