# Checkpoints of lasoftmoe.train (config + weights) and the training history their metrics files chain.
# Python / PyTorch (models/), shared by the train, evaluate, export, shift_probe and make_table entry points.
from __future__ import annotations

import json
import os

import torch

from .config import LaSoftMoEConfig
from .model import LaSoftMoECLIP

MODELS_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))  # models/: .work/ and the shipped files
STAGE_KEYS = ("steps", "selected_step", "batch", "lr", "ema", "device", "train_seconds", "train_samples", "init_from")


def load_trained(path: str) -> LaSoftMoECLIP:
    """A checkpoint written by lasoftmoe.train (config + weights) -> model in eval mode."""
    ck = torch.load(path, map_location="cpu")
    model = LaSoftMoECLIP(LaSoftMoEConfig(**ck["config"]))
    model.load_state_dict(ck["state_dict"])
    return model.eval()


def training_stages(metrics: dict, _seen: tuple = ()) -> list:
    """The runs behind a metrics file, first to last: each run's STAGE_KEYS.
    A continued run (--init) names its starting checkpoint, whose run wrote <checkpoint>.metrics.json beside it
    (a relative name is relative to models/)."""
    stages = [{k: metrics.get(k) for k in STAGE_KEYS}]
    init = metrics.get("init_from")
    if init:
        path = os.path.realpath(init if os.path.isabs(init) else os.path.join(MODELS_DIR, init))
        if path in _seen:  # a later run was written over the checkpoint it started from
            raise ValueError(f"training history loops through {init}")
        with open(path[: -len(".pt")] + ".metrics.json") as f:
            stages = training_stages(json.load(f), _seen + (path,)) + stages
    return stages
