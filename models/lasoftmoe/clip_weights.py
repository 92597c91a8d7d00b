# Map an OpenAI CLIP state dict (e.g. ViT-B/16, from a local file the user has) onto LaSoftMoECLIP.
# Python / PyTorch (models/). Nothing is downloaded; Soft-MoE parameters stay freshly initialised
# unless `upcycle` copies the block's MLP into every expert (sparse upcycling, needs expert_width = MLP width).
from __future__ import annotations

import re
from typing import Dict, List, Tuple

import torch

from .model import LaSoftMoECLIP

DROP = {"input_resolution", "context_length", "vocab_size"}  # ints stored in OpenAI's JIT archives
RULES = [
    (r"^visual\.transformer\.resblocks\.(\d+)\.", r"visual.blocks.\1."),
    (r"^transformer\.resblocks\.(\d+)\.", r"text.blocks.\1."),
    (r"^token_embedding\.", "text.token_embedding."),
    (r"^positional_embedding$", "text.positional_embedding"),
    (r"^ln_final\.", "text.ln_final."),
    (r"^text_projection$", "text.text_projection"),
]


def map_key(key: str) -> str:
    for pat, rep in RULES:
        new, n = re.subn(pat, rep, key)
        if n:
            return new
    return key


def convert(openai_sd: Dict[str, torch.Tensor]) -> Dict[str, torch.Tensor]:
    return {map_key(k): v for k, v in openai_sd.items() if k not in DROP}


def load_openai_clip(model: LaSoftMoECLIP, openai_sd: Dict[str, torch.Tensor], upcycle: bool = False
                     ) -> Tuple[List[str], List[str]]:
    """Load mapped weights; returns (missing keys = parameters not in the CLIP file, unexpected keys)."""
    sd = convert(openai_sd)
    own = model.state_dict()
    for k, v in sd.items():
        if k in own and own[k].shape != v.shape:
            raise ValueError(f"shape mismatch for {k}: file {tuple(v.shape)} vs model {tuple(own[k].shape)}")
    if upcycle:
        for i, blk in enumerate(model.visual.blocks):
            if blk.moe is None:
                continue
            pre = f"visual.blocks.{i}.mlp."
            w1, b1 = sd[pre + "c_fc.weight"].t(), sd[pre + "c_fc.bias"]
            w2, b2 = sd[pre + "c_proj.weight"].t(), sd[pre + "c_proj.bias"]
            e = blk.moe.e
            sd[f"visual.blocks.{i}.moe.w1"] = w1.unsqueeze(0).repeat(e, 1, 1)
            sd[f"visual.blocks.{i}.moe.b1"] = b1.view(1, 1, -1).repeat(e, 1, 1)
            sd[f"visual.blocks.{i}.moe.w2"] = w2.unsqueeze(0).repeat(e, 1, 1)
            sd[f"visual.blocks.{i}.moe.b2"] = b2.view(1, 1, -1).repeat(e, 1, 1)
    result = model.load_state_dict(sd, strict=False)
    return list(result.missing_keys), list(result.unexpected_keys)


def load_openai_clip_file(model: LaSoftMoECLIP, path: str, upcycle: bool = False):
    """Read a local OpenAI CLIP checkpoint (TorchScript archive or plain state dict)."""
    try:
        sd = torch.jit.load(path, map_location="cpu").state_dict()
    except RuntimeError:
        sd = torch.load(path, map_location="cpu")
    return load_openai_clip(model, {k: v.float() for k, v in sd.items()}, upcycle)
