# Score images with a model and evaluate a protocol (dev-EER threshold applied to test).
# Python / PyTorch (models/), shared by the train, evaluate and shift_probe entry points.
from __future__ import annotations

import os

import numpy as np
import torch

from .data import load_split, to_tensor
from .metrics import eer_threshold, report


@torch.no_grad()
def predict(model, imgs: np.ndarray) -> np.ndarray:
    """uint8 [N, H, W, 3] at the model's image size -> attack scores [N]."""
    model.eval()
    device = next(model.parameters()).device.type
    batch = 64 if device == "cpu" else 512
    text = model.class_embeddings()
    out = [model(to_tensor(imgs[i:i + batch], device), text)["attack_score"].cpu().numpy()
           for i in range(0, len(imgs), batch)]
    return np.concatenate(out)


def evaluate(model, data_root: str, protocol: str, root_name: str, cache: str) -> dict:
    """Threshold at the dev-set EER, applied to the test set (UAD challenge protocol)."""
    size = model.cfg.image_size
    dev = load_split(data_root, os.path.join(data_root, f"{root_name}@{protocol}_image_dev.txt"), size, cache)
    test = load_split(data_root, os.path.join(data_root, f"{root_name}@{protocol}_image_test.txt"), size, cache)
    s_dev = predict(model, dev[0])
    tau, dev_eer = eer_threshold(s_dev, dev[1] > 0)
    s_test = predict(model, test[0])
    res = report(s_test, test[1], test[2], tau)
    res.update(protocol=protocol, threshold_source="dev EER", dev_eer=dev_eer)
    return res
