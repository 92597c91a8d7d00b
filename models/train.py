# Train one tiny La-SoftMoE / Soft-MoE / dense CLIP on a synthetic-proxy protocol, then evaluate dev -> test.
# Python CLI (models/), CPU, one thread. Writes <out>/<variant>-<protocol>.pt and .metrics.json.
#
#   /usr/bin/python3 models/train.py --variant lasoftmoe --protocol p1 --steps 600
from __future__ import annotations

import argparse
import json
import math
import os
import sys
import time

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")  # torch.set_num_threads does not reach OpenBLAS's own pool

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lasoftmoe import LaSoftMoECLIP, tiny  # noqa: E402
from lasoftmoe.data import identity_of, load_split, to_tensor  # noqa: E402
from lasoftmoe.metrics import eer_threshold, report  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


@torch.no_grad()
def predict(model, imgs: np.ndarray, batch: int = 64) -> np.ndarray:
    model.eval()
    text = model.class_embeddings()
    out = [model(to_tensor(imgs[i:i + batch]), text)["attack_score"].numpy() for i in range(0, len(imgs), batch)]
    return np.concatenate(out)


def evaluate(model, data_root: str, protocol: str, root_name: str, cache: str) -> dict:
    """Threshold at the dev-set EER, applied to the test set (UAD challenge protocol)."""
    res = {}
    dev = load_split(data_root, os.path.join(data_root, f"{root_name}@{protocol}_image_dev.txt"), 112, cache)
    test = load_split(data_root, os.path.join(data_root, f"{root_name}@{protocol}_image_test.txt"), 112, cache)
    s_dev = predict(model, dev[0])
    tau, dev_eer = eer_threshold(s_dev, dev[1] > 0)
    s_test = predict(model, test[0])
    res = report(s_test, test[1], test[2], tau)
    res.update(protocol=protocol, threshold_source="dev EER", dev_eer=dev_eer)
    return res


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--variant", choices=["dense", "softmoe", "lasoftmoe"], required=True)
    ap.add_argument("--protocol", default="p1")
    ap.add_argument("--data", default=os.path.join(HERE, ".work/synth"))
    ap.add_argument("--root-name", default="SynthUAD")
    ap.add_argument("--out", default=os.path.join(HERE, ".work/runs"))
    ap.add_argument("--steps", type=int, default=1800)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--warmup", type=int, default=100)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--threads", type=int, default=1)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    rng = np.random.default_rng(a.seed)
    cache = os.path.join(HERE, ".work/cache")
    imgs, labels, _, rel = load_split(a.data, os.path.join(a.data, f"{a.root_name}@{a.protocol}_image_train.txt"),
                                      112, cache)
    cfg = tiny(a.variant)
    model = LaSoftMoECLIP(cfg)
    opt = torch.optim.Adam(model.parameters(), lr=a.lr)
    y_all = (labels > 0).astype(np.int64)
    # identity-paired, class-balanced batches: each batch holds a few identities, each with as many bona fide
    # as attack images, so identity and scene nuisance cancel inside the batch (the data are ID-consistent)
    ids = np.array([identity_of(r) for r in rel])
    groups = [(np.flatnonzero((ids == u) & (y_all == 0)), np.flatnonzero((ids == u) & (y_all == 1)))
              for u in sorted(set(ids))]
    per_class = 4
    per_batch = max(1, a.batch // (2 * per_class))
    t0 = time.time()
    log = []
    for step in range(a.steps):
        chosen = rng.choice(len(groups), per_batch, replace=False)
        idx = np.concatenate([np.concatenate([rng.choice(groups[g][0], per_class, replace=len(groups[g][0]) < per_class),
                                              rng.choice(groups[g][1], per_class, replace=len(groups[g][1]) < per_class)])
                              for g in chosen])
        xb = imgs[idx]
        flip = rng.random(len(idx)) < 0.5
        xb = np.where(flip[:, None, None, None], xb[:, :, ::-1], xb)
        lr = a.lr * min(1.0, (step + 1) / a.warmup) * 0.5 * (1 + math.cos(math.pi * step / a.steps))
        for g in opt.param_groups:
            g["lr"] = lr
        model.train()
        out = model(to_tensor(np.ascontiguousarray(xb)))
        loss = F.cross_entropy(out["logits"], torch.from_numpy(y_all[idx]))
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        if step % 50 == 0 or step == a.steps - 1:
            log.append((step, float(loss), time.time() - t0))
            print(f"step {step} loss {float(loss):.4f} lr {lr:.2e} {time.time() - t0:.0f}s", flush=True)
    train_s = time.time() - t0
    metrics = evaluate(model, a.data, a.protocol, a.root_name, cache)
    metrics.update(train_seconds=train_s, steps=a.steps, batch=a.batch, lr=a.lr, seed=a.seed,
                   train_samples=int(len(imgs)), variant=a.variant)
    print(json.dumps({k: v for k, v in metrics.items() if k != "apcer_per_species"}), flush=True)
    os.makedirs(a.out, exist_ok=True)
    stem = os.path.join(a.out, f"{a.variant}-{a.protocol}")
    torch.save({"config": cfg.to_dict(), "state_dict": model.state_dict(), "log": log}, stem + ".pt")
    with open(stem + ".metrics.json", "w") as f:
        json.dump(metrics, f, indent=1)


if __name__ == "__main__":
    main()
