# Soft Mixture-of-Experts layer with softmax (Soft MoE) or linear-attention (La-SoftMoE) combine weights.
# Python / PyTorch (models/). Follows google-research/vmoe soft_moe/router.py; models/README.md (The model) lists the choices.
#
# Notation: b batch, n tokens (CLS at index 0), d model width, e experts, s slots per expert,
#           h expert hidden width. Router maths in float32, as [b, n, e*s] views.
from __future__ import annotations

import math
from typing import Tuple

import torch
import torch.nn.functional as F
from torch import nn

from .config import LaSoftMoEConfig


def feature_map(x: torch.Tensor, phi: str) -> torch.Tensor:
    """Non-negative feature map phi used by the linear (La) weighting."""
    if phi == "elu1":
        return F.elu(x) + 1.0
    if phi == "relu":
        return F.relu(x) + 1e-6
    if phi == "softplus":
        return F.softplus(x)
    if phi == "exp":
        return torch.exp(x)
    raise ValueError(f"unknown phi {phi!r}")


def instance_norm(logits: torch.Tensor, axis: str, eps: float) -> torch.Tensor:
    """Normalise logits [b, n, es] to zero mean, unit variance per slot over tokens (or per token over slots)."""
    if axis == "none":
        return logits
    dim = 1 if axis == "tokens" else -1
    if axis not in ("tokens", "slots"):
        raise ValueError(f"unknown la_norm_axis {axis!r}")
    mean = logits.mean(dim=dim, keepdim=True)
    var = (logits - mean).pow(2).mean(dim=dim, keepdim=True)
    return (logits - mean) / torch.sqrt(var + eps)


def combine_weights(logits: torch.Tensor, cfg: LaSoftMoEConfig) -> torch.Tensor:
    """Per-token weights over all e*s slots, rows sum to 1. logits [b, n, es] -> [b, n, es]."""
    if cfg.weighting == "softmax":
        return torch.softmax(logits, dim=-1)
    if cfg.weighting == "linear":
        k = feature_map(instance_norm(logits, cfg.la_norm_axis, cfg.la_eps), cfg.phi)  # [b, n, es] >= 0
        return k / k.sum(dim=-1, keepdim=True)
    raise ValueError(f"unknown weighting {cfg.weighting!r}")


class SoftMoE(nn.Module):
    """Soft MoE: slots are convex mixes of tokens (dispatch), tokens are convex mixes of slot outputs (combine)."""

    def __init__(self, cfg: LaSoftMoEConfig):
        super().__init__()
        d, e, s, h = cfg.width, cfg.experts, cfg.num_slots, cfg.expert_width
        self.cfg, self.e, self.s = cfg, e, s
        self.phi = nn.Parameter(torch.randn(d, e * s) / math.sqrt(d))  # [d, es] slot parameters
        self.scale = nn.Parameter(torch.ones(()))  # learnable logit scale, init 1
        # experts stacked so they run as one batched matmul
        self.w1 = nn.Parameter(torch.randn(e, d, h) / math.sqrt(d))  # [e, d, h]
        self.b1 = nn.Parameter(torch.zeros(e, 1, h))  # [e, 1, h]
        self.w2 = nn.Parameter(torch.randn(e, h, d) / math.sqrt(h) * 0.5)  # [e, h, d]
        self.b2 = nn.Parameter(torch.zeros(e, 1, d))  # [e, 1, d]

    def router_logits(self, x: torch.Tensor) -> torch.Tensor:
        """x [b, n, d] -> logits [b, n, es], float32."""
        x = x.float()
        phi = self.phi.float()
        if self.cfg.normalize_router:
            x = F.normalize(x, dim=-1)
            phi = F.normalize(phi, dim=0)
        return self.scale.float() * torch.matmul(x, phi)  # [b, n, es]

    def experts(self, slots_in: torch.Tensor) -> torch.Tensor:
        """slots_in [b, es, d] -> [b, es, d]; expert i sees slots i*s .. i*s+s-1."""
        b, _, d = slots_in.shape
        xs = slots_in.reshape(b, self.e, self.s, d)  # [b, e, s, d]
        hid = F.gelu(torch.matmul(xs, self.w1) + self.b1)  # [b, e, s, h] (broadcast over b)
        ys = torch.matmul(hid, self.w2) + self.b2  # [b, e, s, d]
        return ys.reshape(b, self.e * self.s, d)

    def forward(self, x: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        """x [b, n, d] -> (y [b, n, d], dispatch [b, n, e, s], combine [b, n, e, s])."""
        b, n, d = x.shape
        logits = self.router_logits(x)  # [b, n, es]
        dispatch = torch.softmax(logits, dim=1)  # over tokens: each slot is a convex mix of tokens
        combine = combine_weights(logits, self.cfg)  # over slots: each token a convex mix of slots
        slots_in = torch.matmul(dispatch.transpose(1, 2), x.float())  # [b, es, d] = D^T X
        slots_out = self.experts(slots_in.to(x.dtype))  # [b, es, d]
        y = torch.matmul(combine.to(x.dtype), slots_out)  # [b, n, d] = C Y~
        return y, dispatch.reshape(b, n, self.e, self.s), combine.reshape(b, n, self.e, self.s)


def soft_moe_reference(moe: SoftMoE, x: torch.Tensor) -> torch.Tensor:
    """Slow per-slot loop implementation of the same maths, for tests. x [b, n, d] -> [b, n, d]."""
    cfg = moe.cfg
    b, n, d = x.shape
    out = torch.zeros_like(x)
    for bi in range(b):
        xb = x[bi]
        logits = torch.zeros(n, moe.e * moe.s)
        for j in range(moe.e * moe.s):
            col = moe.phi[:, j]
            for t in range(n):
                xt = xb[t]
                if cfg.normalize_router:
                    logits[t, j] = moe.scale * torch.dot(xt / xt.norm().clamp_min(1e-12), col / col.norm().clamp_min(1e-12))
                else:
                    logits[t, j] = moe.scale * torch.dot(xt, col)
        slot_out = torch.zeros(moe.e * moe.s, d)
        for j in range(moe.e * moe.s):
            w = torch.exp(logits[:, j] - logits[:, j].max())
            w = w / w.sum()
            slot_in = (w[:, None] * xb).sum(0)
            ei = j // moe.s
            hid = F.gelu(slot_in @ moe.w1[ei] + moe.b1[ei, 0])
            slot_out[j] = hid @ moe.w2[ei] + moe.b2[ei, 0]
        for t in range(n):
            row = logits[t]
            if cfg.weighting == "softmax":
                c = torch.exp(row - row.max())
            else:
                if cfg.la_norm_axis == "tokens":
                    mu, var = logits.mean(0), logits.var(0, unbiased=False)
                    z = (row - mu) / torch.sqrt(var + cfg.la_eps)
                elif cfg.la_norm_axis == "slots":
                    z = (row - row.mean()) / torch.sqrt(row.var(unbiased=False) + cfg.la_eps)
                else:
                    z = row
                c = feature_map(z, cfg.phi)
            c = c / c.sum()
            out[bi, t] = (c[:, None] * slot_out).sum(0)
    return out
