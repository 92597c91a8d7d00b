# La-SoftMoE CLIP configuration: one dataclass holding every architectural switch (models/README.md, The model).
# Python / PyTorch (models/), shared by training, export and tests.
from __future__ import annotations

import dataclasses
import json
import os
from dataclasses import dataclass
from typing import List, Optional, Tuple

CLIP_MEAN = (0.48145466, 0.4578275, 0.40821073)
CLIP_STD = (0.26862954, 0.26130258, 0.27577711)
CLASS_NAMES = ("live", "fake")
PROMPT_TEMPLATES = {
    "image": "This is an image of a {} face",  # best ACER/ACC in the paper (named in models/README.md)
    "photo": "A photo of a {} face",  # best AUC/EER in the paper (named in models/README.md)
}


@dataclass
class LaSoftMoEConfig:
    name: str = "lasoftmoe-tiny"
    # image tower
    image_size: int = 112
    patch_size: int = 8
    width: int = 64
    depth: int = 2
    heads: int = 4
    mlp_ratio: float = 4.0
    embed_dim: int = 64  # joint image/text embedding D
    ln_pre: bool = True  # CLIP's LayerNorm before the blocks; tiny drops it (see README: from-scratch training)
    pool: str = "cls"  # image feature: "cls" token (CLIP) | "cls+mean" (CLS plus mean of patch tokens)
    # text tower (CLIP-style, causal, EOT pooling)
    text_width: int = 64
    text_depth: int = 2
    text_heads: int = 4
    context_length: int = 16
    vocab_size: int = 64
    prompt_template: str = "image"
    # Soft-MoE switches
    moe: bool = True  # False = dense baseline
    moe_layers: Optional[List[int]] = None  # None = every block
    experts: int = 4
    slots: Optional[int] = None  # None = round(tokens * capacity / experts)
    capacity: float = 1.0
    expert_width: int = 64  # hidden width of each expert MLP
    weighting: str = "linear"  # "softmax" (Soft MoE) | "linear" (La-SoftMoE)
    phi: str = "elu1"  # non-negative feature map for linear weighting: elu1 | relu | softplus | exp
    la_norm_axis: str = "tokens"  # instance-norm of logits: per slot over "tokens" | per token over "slots" | "none"
    la_eps: float = 1e-5
    placement: str = "parallel"  # "parallel" to the MLP (x + MLP(h) + MoE(h)) | "replace" the MLP
    normalize_router: bool = True  # L2-normalise X and Phi over d (Soft MoE reference)
    logit_scale_init: float = 2.6592600  # ln(1/0.07), CLIP

    @property
    def grid(self) -> int:
        return self.image_size // self.patch_size

    @property
    def tokens(self) -> int:
        return self.grid * self.grid + 1  # + CLS

    @property
    def num_slots(self) -> int:
        if self.slots is not None:
            return self.slots
        return max(1, round(self.tokens * self.capacity / self.experts))

    @property
    def moe_layer_indices(self) -> Tuple[int, ...]:
        if not self.moe:
            return ()
        if self.moe_layers is None:
            return tuple(range(self.depth))
        return tuple(sorted(self.moe_layers))

    @property
    def variant(self) -> str:
        if not self.moe:
            return "dense"
        return "lasoftmoe" if self.weighting == "linear" else "softmoe"

    def replace(self, **kw) -> "LaSoftMoEConfig":
        return dataclasses.replace(self, **kw)

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)


def tiny(variant: str = "lasoftmoe", **kw) -> LaSoftMoEConfig:
    """Tiny config trainable on one CPU core: 112² / patch 8 -> 14x14 grid (197 tokens), 4 experts x 49 slots.
    From-scratch switches (models/README.md): no ln_pre, CLS + mean-of-patches pooling."""
    base = dict(name=f"{variant}-tiny", ln_pre=False, pool="cls+mean")
    if variant == "dense":
        base.update(moe=False)
    elif variant == "softmoe":
        base.update(weighting="softmax")
    elif variant == "lasoftmoe":
        base.update(weighting="linear")
    else:
        raise ValueError(f"unknown variant {variant!r}")
    base.update(kw)
    return LaSoftMoEConfig(**base)


def vit_b16(variant: str = "lasoftmoe", **kw) -> LaSoftMoEConfig:
    """OpenAI CLIP ViT-B/16 shapes (224², 197 tokens, width 768, 12 blocks), MoE in every block."""
    base = dict(
        name=f"{variant}-vit-b16", image_size=224, patch_size=16, width=768, depth=12, heads=12,
        ln_pre=True, embed_dim=512, text_width=512, text_depth=12, text_heads=8, context_length=77,
        vocab_size=49408, expert_width=3072,
    )
    if variant == "dense":
        base.update(moe=False)
    elif variant == "softmoe":
        base.update(weighting="softmax")
    base.update(kw)
    return LaSoftMoEConfig(**base)


NAMED = {"tiny": tiny, "vit_b16": vit_b16}


def load_config(spec: str, variant: str = "lasoftmoe", **overrides) -> LaSoftMoEConfig:
    """`tiny` | `vit_b16` | a JSON file of LaSoftMoEConfig fields, optionally with `"base": "tiny" | "vit_b16"`
    (the named config the file's fields override; without it the dataclass defaults are the base).
    Keyword overrides (e.g. from command-line flags) win over both. Unknown fields are refused."""
    if spec in NAMED:
        fields = {}
        base = spec
    else:
        if not os.path.isfile(spec):
            raise ValueError(f"--config must be one of {', '.join(NAMED)} or a JSON file; {spec!r} is neither")
        with open(spec) as f:
            fields = json.load(f)
        if not isinstance(fields, dict):
            raise ValueError(f"{spec}: a config file holds one JSON object")
        base = fields.pop("base", None)
        if base is not None and base not in NAMED:
            raise ValueError(f"{spec}: base must be one of {', '.join(NAMED)}, got {base!r}")
        variant = fields.pop("variant", variant)
    known = {f.name for f in dataclasses.fields(LaSoftMoEConfig)}
    unknown = sorted(set(fields) - known)
    if unknown:
        raise ValueError(f"{spec}: unknown config field(s) {', '.join(unknown)}")
    fields.update(overrides)
    if base is None:
        cfg = LaSoftMoEConfig(**fields)
        if variant == "dense":
            cfg = cfg.replace(moe=False)
        elif variant == "softmoe":
            cfg = cfg.replace(weighting="softmax")
        return cfg
    return NAMED[base](variant, **fields)
