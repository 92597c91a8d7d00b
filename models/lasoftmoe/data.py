# Protocol-list loading for training/eval: UniAttackData-format lists -> uint8 arrays (cached) + species.
# Python (models/). The species rules match real UniAttackData paths and the synthetic proxy's paths alike.
from __future__ import annotations

import hashlib
import os
from typing import List, Tuple

import numpy as np
import torch
from PIL import Image

from .config import CLIP_MEAN, CLIP_STD

SWAPS = {"DaGAN", "FaceDancer", "InsightFace", "OneShotTH", "SAFA", "simswap"}


def species_of(rel: str) -> str:
    """Attack species (or 'live') from a UniAttackData-shaped relative path."""
    parts = rel.split("/")
    if "Data" in parts:
        parts = parts[parts.index("Data") + 1:]
    top = parts[0]
    if top == "live":
        return "live"
    if top == "spoof":
        return parts[3]
    if top == "adv-attacks":
        return parts[1]
    return top


def identity_of(rel: str) -> str:
    """Subject identity from a UniAttackData-shaped path (swaps: the target before '-To-')."""
    parts = rel.split("/")
    if "Data" in parts:
        parts = parts[parts.index("Data") + 1:]
    if parts[0] in ("live", "spoof"):
        return parts[2]
    if parts[0] == "adv-attacks":
        return parts[3]
    return parts[2].split("-To-")[0]


def read_list(path: str) -> List[Tuple[str, int]]:
    rows = []
    with open(path) as f:
        for line in f:
            if line.strip():
                rel, lab = line.rsplit(None, 1)
                rows.append((rel, int(lab)))
    return rows


def load_split(root: str, list_path: str, size: int, cache_dir: str):
    """-> (images uint8 [N, size, size, 3], labels int [N], species [N], rel paths)."""
    rows = read_list(list_path)
    key = hashlib.sha256((list_path + str(size) + "".join(r for r, _ in rows)).encode()).hexdigest()[:16]
    cache = os.path.join(cache_dir, f"{os.path.basename(list_path)}.{key}.npy")
    if os.path.exists(cache):
        imgs = np.load(cache)
    else:
        imgs = np.stack([np.asarray(Image.open(os.path.join(root, r)).convert("RGB").resize((size, size),
                                    Image.BICUBIC)) for r, _ in rows])
        os.makedirs(cache_dir, exist_ok=True)
        np.save(cache, imgs)
    labels = np.array([lab for _, lab in rows])
    species = [species_of(r) for r, _ in rows]
    return imgs, labels, species, [r for r, _ in rows]


def to_tensor(imgs: np.ndarray, device: str = "cpu") -> torch.Tensor:
    """uint8 [b, H, W, 3] RGB -> CLIP-normalised float32 [b, 3, H, W] on `device` (uint8 travels, not floats)."""
    x = torch.from_numpy(np.ascontiguousarray(imgs)).to(device).float().div_(255.0).permute(0, 3, 1, 2)
    mean = torch.tensor(CLIP_MEAN, device=device).view(1, 3, 1, 1)
    std = torch.tensor(CLIP_STD, device=device).view(1, 3, 1, 1)
    return (x - mean) / std
