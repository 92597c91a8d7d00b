# Train one tiny La-SoftMoE / Soft-MoE / dense CLIP on a synthetic-proxy protocol, then evaluate dev -> test.
# Python CLI (models/), CPU, one thread. Writes <out>/<variant>-<protocol>.pt and .metrics.json.
#
#   /usr/bin/python3 models/train.py --variant lasoftmoe --protocol p1      (defaults = the shipped recipe)
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
from lasoftmoe import LaSoftMoECLIP, LaSoftMoEConfig, tiny  # noqa: E402
from lasoftmoe.data import identity_of, load_split, to_tensor  # noqa: E402
from lasoftmoe.metrics import eer_threshold, report  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


@torch.no_grad()
def predict(model, imgs: np.ndarray, batch: int = 64) -> np.ndarray:
    model.eval()
    text = model.class_embeddings()
    out = [model(to_tensor(imgs[i:i + batch]), text)["attack_score"].numpy() for i in range(0, len(imgs), batch)]
    return np.concatenate(out)


def load_trained(path: str) -> LaSoftMoECLIP:
    """A checkpoint written by this script (config + weights) -> model in eval mode."""
    ck = torch.load(path, map_location="cpu")
    model = LaSoftMoECLIP(LaSoftMoEConfig(**ck["config"]))
    model.load_state_dict(ck["state_dict"])
    return model.eval()


def shift_batch(xb: np.ndarray, max_shift: int, rng: np.random.Generator) -> np.ndarray:
    """uint8 [b, H, W, 3] -> each image translated by up to ±max_shift px, edges replicated."""
    b, h, w, _ = xb.shape
    padded = np.pad(xb, ((0, 0), (max_shift, max_shift), (max_shift, max_shift), (0, 0)), mode="edge")
    dy, dx = rng.integers(0, 2 * max_shift + 1, (2, b))
    return np.stack([padded[i, dy[i]:dy[i] + h, dx[i]:dx[i] + w] for i in range(b)])


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
    ap.add_argument("--steps", type=int, default=7000)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--warmup", type=int, default=100)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--shift", type=int, default=0, help="random translation up to N px (edge padding); no resampling")
    ap.add_argument("--eval-every", type=int, default=250, help="score dev every N steps and keep the lowest dev EER")
    ap.add_argument("--embed-lr-mult", type=float, default=1.0, help="learning-rate multiplier of the patch embedding")
    ap.add_argument("--text-lr-mult", type=float, default=1.0, help="learning-rate multiplier of the text tower")
    ap.add_argument("--aux-species", type=float, default=1.0, help="weight of a training-only species loss")
    ap.add_argument("--highpass-init", action=argparse.BooleanOptionalAction, default=True,
                    help="zero-mean init of half the patch filters")
    ap.add_argument("--pool", choices=["cls", "cls+mean"], default="cls+mean")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    rng = np.random.default_rng(a.seed)
    cache = os.path.join(HERE, ".work/cache")
    imgs, labels, species, rel = load_split(a.data, os.path.join(a.data, f"{a.root_name}@{a.protocol}_image_train.txt"),
                                      112, cache)
    cfg = tiny(a.variant, pool=a.pool)
    model = LaSoftMoECLIP(cfg)
    if a.highpass_init:  # half the patch filters start blind to flat patches (zero mean over each 8x8 window)
        with torch.no_grad():
            w = model.visual.conv1.weight  # [d, 3, p, p]
            half = w.shape[0] // 2
            w[:half] -= w[:half].mean(dim=(2, 3), keepdim=True)
    # experiment switches (1.0 ships): larger steps for the patch embedding, or for the text tower whose prompt
    # embeddings start nearly collinear (cos ≈ 0.96); neither helped in the recipe search (models/README.md)
    def mult(name: str) -> float:
        if name.startswith("visual.conv1"):
            return a.embed_lr_mult
        return a.text_lr_mult if name.startswith(("text.", "logit_scale")) else 1.0

    named = list(model.named_parameters())
    # training-only auxiliary head: species (live + each attack species) from the image embedding; not exported
    species_names = sorted(set(species))
    species_idx = np.array([species_names.index(sp) for sp in species])
    aux_head = torch.nn.Linear(cfg.embed_dim, len(species_names)) if a.aux_species > 0 else None
    groups_by_mult = {}
    for n, p in named:
        groups_by_mult.setdefault(mult(n), []).append(p)
    param_groups = [{"params": ps, "lr_mult": m} for m, ps in groups_by_mult.items()]
    if aux_head is not None:
        param_groups.append({"params": list(aux_head.parameters()), "lr_mult": 1.0})
    opt = torch.optim.Adam(param_groups, lr=a.lr)
    y_all = (labels > 0).astype(np.int64)
    # identity-paired, class-balanced batches: each batch holds a few identities, each with as many bona fide
    # as attack images, so identity and scene nuisance cancel inside the batch (the data are ID-consistent)
    ids = np.array([identity_of(r) for r in rel])
    groups = [(np.flatnonzero((ids == u) & (y_all == 0)), np.flatnonzero((ids == u) & (y_all == 1)))
              for u in sorted(set(ids))]
    per_class = 4
    per_batch = max(1, a.batch // (2 * per_class))
    dev = load_split(a.data, os.path.join(a.data, f"{a.root_name}@{a.protocol}_image_dev.txt"), 112, cache) \
        if a.eval_every else None
    best = (math.inf, -1, None)  # (dev EER, step, state_dict)
    t0 = time.time()
    log = []
    for step in range(a.steps):
        chosen = rng.choice(len(groups), per_batch, replace=False)
        idx = np.concatenate([np.concatenate([
            rng.choice(groups[g][0], per_class, replace=len(groups[g][0]) < per_class),
            rng.choice(groups[g][1], per_class, replace=len(groups[g][1]) < per_class)]) for g in chosen])
        xb = imgs[idx]
        flip = rng.random(len(idx)) < 0.5
        xb = np.where(flip[:, None, None, None], xb[:, :, ::-1], xb)
        if a.shift:  # whole-pixel translation keeps every artefact's pixel statistics (no interpolation)
            xb = shift_batch(xb, a.shift, rng)
        lr = a.lr * min(1.0, (step + 1) / a.warmup) * 0.5 * (1 + math.cos(math.pi * step / a.steps))
        for g in opt.param_groups:
            g["lr"] = lr * g["lr_mult"]
        model.train()
        out = model(to_tensor(np.ascontiguousarray(xb)))
        loss = F.cross_entropy(out["logits"], torch.from_numpy(y_all[idx]))
        if aux_head is not None:
            loss = loss + a.aux_species * F.cross_entropy(aux_head(out["embedding"] * 10.0),
                                                          torch.from_numpy(species_idx[idx]))
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_([p for g in opt.param_groups for p in g["params"]], 1.0)
        opt.step()
        if step % 50 == 0 or step == a.steps - 1:
            log.append((step, float(loss), time.time() - t0))
            print(f"step {step} loss {float(loss):.4f} lr {lr:.2e} {time.time() - t0:.0f}s", flush=True)
        if dev is not None and ((step + 1) % a.eval_every == 0 or step == a.steps - 1):
            dev_eer = eer_threshold(predict(model, dev[0]), dev[1] > 0)[1]
            print(f"step {step + 1} dev EER {100 * dev_eer:.2f}%", flush=True)
            if dev_eer <= best[0]:
                best = (dev_eer, step + 1, {k: v.clone() for k, v in model.state_dict().items()})
    train_s = time.time() - t0
    if best[2] is not None:  # model selection on dev only; test is scored once, below
        model.load_state_dict(best[2])
        print(f"selected step {best[1]} (dev EER {100 * best[0]:.2f}%)", flush=True)
    metrics = evaluate(model, a.data, a.protocol, a.root_name, cache)
    metrics.update(train_seconds=train_s, steps=a.steps, selected_step=best[1] if best[2] is not None else a.steps,
                   shift=a.shift, pool=a.pool, embed_lr_mult=a.embed_lr_mult, text_lr_mult=a.text_lr_mult,
                   aux_species=a.aux_species, highpass_init=a.highpass_init, batch=a.batch, lr=a.lr, seed=a.seed,
                   train_samples=int(len(imgs)), variant=a.variant)
    print(json.dumps({k: v for k, v in metrics.items() if k != "apcer_per_species"}), flush=True)
    os.makedirs(a.out, exist_ok=True)
    stem = os.path.join(a.out, f"{a.variant}-{a.protocol}")
    torch.save({"config": cfg.to_dict(), "state_dict": model.state_dict(), "log": log}, stem + ".pt")
    with open(stem + ".metrics.json", "w") as f:
        json.dump(metrics, f, indent=1)


if __name__ == "__main__":
    main()
