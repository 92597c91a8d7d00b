# La-SoftMoE CLIP: ViT image tower with Soft-MoE blocks + CLIP text tower; cosine-similarity classifier.
# Python / PyTorch (models/). forward() returns the named intermediates of the model contract (ARCHITECTURE.md §3).
#
# Notation: b batch, n tokens, e experts, s slots, D embedding width, k classes (live, fake).
from __future__ import annotations

from typing import Dict

import torch
import torch.nn.functional as F
from torch import nn

from .config import CLASS_NAMES, PROMPT_TEMPLATES, LaSoftMoEConfig
from .tokenizer import WordTokenizer
from .towers import TextTower, VisionTower


def class_prompts(cfg: LaSoftMoEConfig):
    return [PROMPT_TEMPLATES[cfg.prompt_template].format(c) for c in CLASS_NAMES]


class LaSoftMoECLIP(nn.Module):
    def __init__(self, cfg: LaSoftMoEConfig):
        super().__init__()
        self.cfg = cfg
        self.tokenizer = WordTokenizer(cfg.vocab_size) if cfg.vocab_size <= 1024 else None
        eot = self.tokenizer.eot if self.tokenizer is not None else cfg.vocab_size - 1  # CLIP BPE: EOT = 49407
        self.visual = VisionTower(cfg)
        self.text = TextTower(cfg, eot)
        self.logit_scale = nn.Parameter(torch.tensor(cfg.logit_scale_init))
        if self.tokenizer is not None:
            self.register_buffer("prompt_ids", self.tokenizer(class_prompts(cfg), cfg.context_length), persistent=False)
        else:
            self.register_buffer("prompt_ids", torch.zeros(2, cfg.context_length, dtype=torch.long), persistent=False)

    def class_embeddings(self) -> torch.Tensor:
        """L2-normalised prompt embeddings [k, D]."""
        return F.normalize(self.text(self.prompt_ids), dim=-1)

    def forward(self, pixel_values: torch.Tensor, text_emb: torch.Tensor = None) -> Dict[str, object]:
        feats, dispatches, combines = self.visual(pixel_values)  # [b, D], lists of [b, n, e, s]
        emb = F.normalize(feats, dim=-1)  # [b, D]
        if text_emb is None:
            text_emb = self.class_embeddings()  # [k, D]
        logits = self.logit_scale.exp().clamp(max=100.0) * emb @ text_emb.t()  # [b, k]
        attack_score = torch.softmax(logits, dim=-1)[:, 1]  # [b] P(fake)
        return {"logits": logits, "attack_score": attack_score, "embedding": emb,
                "dispatch": dispatches, "combine": combines}


class ImageOnlyExport(nn.Module):
    """Export wrapper: prompt embeddings precomputed, so the ONNX graph takes only pixel_values."""

    def __init__(self, model: LaSoftMoECLIP):
        super().__init__()
        self.model = model
        with torch.no_grad():
            self.register_buffer("text_emb", model.class_embeddings().detach().clone())

    def forward(self, pixel_values: torch.Tensor):
        out = self.model(pixel_values, self.text_emb)
        flat = [out["logits"], out["attack_score"], out["embedding"]]
        for dsp, cmb in zip(out["dispatch"], out["combine"]):
            flat += [dsp, cmb]
        return tuple(flat)


def output_names(cfg: LaSoftMoEConfig):
    names = ["logits", "attack_score", "embedding"]
    for layer in cfg.moe_layer_indices:
        names += [f"moe{layer}_dispatch", f"moe{layer}_combine"]
    return names
