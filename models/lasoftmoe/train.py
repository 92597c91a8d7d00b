# Train La-SoftMoE / Soft-MoE / dense CLIP on a synthetic-proxy protocol, then evaluate dev -> test.
# Python entry point (models/), CPU (one thread) or CUDA. Writes <out>/<variant>-<protocol>.pt and .metrics.json.
# A comma list of variants trains them in lockstep: same batches, same steps, each from the same seed.
#
#   cd models && /usr/bin/python3 -m lasoftmoe.train --config tiny --variant lasoftmoe --protocol p1
# The shipped models come from six runs of this module (batch 128; see run_ablation.sh for the flags).
from __future__ import annotations

import argparse
import copy
import json
import math
import os
import time

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")  # torch.set_num_threads does not reach OpenBLAS's own pool

import numpy as np
import torch
import torch.nn.functional as F

from .checkpoints import MODELS_DIR
from .config import LaSoftMoEConfig, load_config
from .data import identity_of, load_split, to_tensor
from .metrics import eer_threshold
from .model import LaSoftMoECLIP
from .scoring import evaluate, predict


def shift_batch(xb: np.ndarray, max_shift: int, rng: np.random.Generator) -> np.ndarray:
    """uint8 [b, H, W, 3] -> each image translated by up to ±max_shift px, edges replicated."""
    b, h, w, _ = xb.shape
    padded = np.pad(xb, ((0, 0), (max_shift, max_shift), (max_shift, max_shift), (0, 0)), mode="edge")
    dy, dx = rng.integers(0, 2 * max_shift + 1, (2, b))
    return np.stack([padded[i, dy[i]:dy[i] + h, dx[i]:dx[i] + w] for i in range(b)])


def initial_model(cfg: LaSoftMoEConfig, seed: int, highpass: bool) -> LaSoftMoECLIP:
    """A fresh model from `seed`; with `highpass`, half the patch filters start blind to flat patches
    (zero mean over each patch window)."""
    torch.manual_seed(seed)
    model = LaSoftMoECLIP(cfg)
    if highpass:
        with torch.no_grad():
            w = model.visual.conv1.weight  # [d, 3, p, p]
            half = w.shape[0] // 2
            w[:half] -= w[:half].mean(dim=(2, 3), keepdim=True)
    return model


@torch.no_grad()
def ema_update(averaged: torch.nn.Module, model: torch.nn.Module, decay: float) -> None:
    """averaged <- decay * averaged + (1 - decay) * model, tensor by tensor (non-float buffers are copied)."""
    for avg, cur in zip(averaged.state_dict().values(), model.state_dict().values()):
        if avg.dtype.is_floating_point:
            avg.mul_(decay).add_(cur, alpha=1.0 - decay)
        else:
            avg.copy_(cur)


class Run:
    """One variant's model, training-only species head, optimiser, optional weight average and best-on-dev state."""

    def __init__(self, variant: str, a, n_species: int):
        self.variant = variant
        try:
            self.cfg = load_config(a.config, variant, **size_overrides(a))
        except ValueError as err:
            raise SystemExit(str(err))
        # every variant starts from the same seed, as if trained alone (the seed also fixes the species head)
        self.model = initial_model(self.cfg, a.seed, a.highpass_init and not a.init)
        self.init_from = None
        if a.init:  # a new schedule and optimiser over trained weights (the training-only head starts afresh)
            self.init_from = os.path.join(a.init, f"{variant}-{a.protocol}.pt")
            ck = torch.load(self.init_from, map_location="cpu")
            if ck["config"] != self.cfg.to_dict():
                raise SystemExit(f"{self.init_from}: its architecture differs from this run's")
            self.model.load_state_dict(ck["state_dict"])
        # training-only auxiliary head: species (live + each attack species) from the image embedding; not exported
        self.aux_head = torch.nn.Linear(self.cfg.embed_dim, n_species) if a.aux_species > 0 else None
        self.model.to(a.device)
        if self.aux_head is not None:
            self.aux_head.to(a.device)

        # experiment switches (1.0 ships): larger steps for the patch embedding, or for the text tower whose prompt
        # embeddings start nearly collinear (cos ≈ 0.96); neither helped in the recipe search (models/README.md)
        def mult(name: str) -> float:
            if name.startswith("visual.conv1"):
                return a.embed_lr_mult
            return a.text_lr_mult if name.startswith(("text.", "logit_scale")) else 1.0

        groups_by_mult = {}
        for n, p in self.model.named_parameters():
            groups_by_mult.setdefault(mult(n), []).append(p)
        param_groups = [{"params": ps, "lr_mult": m} for m, ps in groups_by_mult.items()]
        if self.aux_head is not None:
            param_groups.append({"params": list(self.aux_head.parameters()), "lr_mult": 1.0})
        self.opt = torch.optim.Adam(param_groups, lr=a.lr)
        # --ema: an exponential moving average of the weights is what dev scores, selects and saves; it smooths
        # the step-to-step jitter that made single checkpoints indistinguishable on the small dev set
        self.ema_decay = a.ema
        self.averaged = copy.deepcopy(self.model) if a.ema else None
        self.best = (math.inf, -1, None)  # (dev EER, step, state_dict)
        self.log = []

    @property
    def scored(self) -> torch.nn.Module:
        """The weights that dev scores and the run saves: the average with --ema, else the trained model."""
        return self.averaged if self.averaged is not None else self.model

    def step(self, x: torch.Tensor, y: torch.Tensor, sp: torch.Tensor, lr: float, aux_weight: float) -> torch.Tensor:
        for g in self.opt.param_groups:
            g["lr"] = lr * g["lr_mult"]
        self.model.train()
        out = self.model(x)
        loss = F.cross_entropy(out["logits"], y)
        if self.aux_head is not None:
            loss = loss + aux_weight * F.cross_entropy(self.aux_head(out["embedding"] * 10.0), sp)
        self.opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_([p for g in self.opt.param_groups for p in g["params"]], 1.0)
        self.opt.step()
        if self.averaged is not None:
            ema_update(self.averaged, self.model, self.ema_decay)
        return loss.detach()


def size_overrides(a) -> dict:
    """Architecture switches given on the command line (unset ones keep the --config's values)."""
    names = ("width", "depth", "heads", "expert_width", "pool")
    return {n: getattr(a, n) for n in names if getattr(a, n) is not None}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--config", default="tiny", help="tiny | vit_b16 | a JSON file (lasoftmoe/config.py: load_config)")
    ap.add_argument("--variant", required=True,
                    help="dense | softmoe | lasoftmoe, or a comma list trained in lockstep on identical batches")
    ap.add_argument("--protocol", default="p1")
    ap.add_argument("--data", default=os.path.join(MODELS_DIR, ".work/synth"))
    ap.add_argument("--root-name", default="SynthUAD")
    ap.add_argument("--out", default=os.path.join(MODELS_DIR, ".work/runs"))
    ap.add_argument("--cache", default=os.path.join(MODELS_DIR, ".work/cache"))
    ap.add_argument("--device", default="cpu", help="torch device: cpu, cuda")
    ap.add_argument("--steps", type=int, default=7000)
    ap.add_argument("--budget-s", type=float, default=0,
                    help="if > 0: time steps 5-45, then set --steps to what fits this many seconds")
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--warmup", type=int, default=100)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--width", type=int)
    ap.add_argument("--depth", type=int)
    ap.add_argument("--heads", type=int)
    ap.add_argument("--expert-width", type=int)
    ap.add_argument("--shift", type=int, default=0, help="random translation up to N px (edge padding); no resampling")
    ap.add_argument("--eval-every", type=int, default=250, help="score dev every N steps and keep the lowest dev EER")
    ap.add_argument("--embed-lr-mult", type=float, default=1.0, help="learning-rate multiplier of the patch embedding")
    ap.add_argument("--text-lr-mult", type=float, default=1.0, help="learning-rate multiplier of the text tower")
    ap.add_argument("--aux-species", type=float, default=1.0, help="weight of a training-only species loss")
    ap.add_argument("--highpass-init", action=argparse.BooleanOptionalAction, default=True,
                    help="zero-mean init of half the patch filters")
    ap.add_argument("--pool", choices=["cls", "cls+mean"], help="image feature pooling (default: the config's)")
    ap.add_argument("--ema", type=float, default=0.0,
                    help="if > 0: score, select and save an exponential moving average of the weights (decay per step)")
    ap.add_argument("--init", help="continue from checkpoints: a folder holding <variant>-<protocol>.pt of this script")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    if a.device.startswith("cuda"):
        torch.backends.cuda.matmul.allow_tf32 = True
        torch.backends.cudnn.allow_tf32 = True
    rng = np.random.default_rng(a.seed)
    try:
        size = load_config(a.config, **size_overrides(a)).image_size
    except ValueError as err:
        raise SystemExit(str(err))
    imgs, labels, species, rel = load_split(a.data, os.path.join(a.data, f"{a.root_name}@{a.protocol}_image_train.txt"),
                                            size, a.cache)
    species_names = sorted(set(species))
    species_idx = np.array([species_names.index(sp) for sp in species])
    runs = [Run(v, a, len(species_names)) for v in a.variant.split(",")]
    y_all = (labels > 0).astype(np.int64)
    # identity-paired, class-balanced batches: each batch holds a few identities, each with as many bona fide
    # as attack images, so identity and scene nuisance cancel inside the batch (the data are ID-consistent)
    ids = np.array([identity_of(r) for r in rel])
    groups = [(np.flatnonzero((ids == u) & (y_all == 0)), np.flatnonzero((ids == u) & (y_all == 1)))
              for u in sorted(set(ids))]
    per_class = 4
    per_batch = max(1, a.batch // (2 * per_class))
    dev = load_split(a.data, os.path.join(a.data, f"{a.root_name}@{a.protocol}_image_dev.txt"), size, a.cache) \
        if a.eval_every else None
    steps, eval_every = a.steps, a.eval_every
    t0 = time.time()
    t_probe = None
    step = 0
    while step < steps:
        chosen = rng.choice(len(groups), per_batch, replace=False)
        idx = np.concatenate([np.concatenate([
            rng.choice(groups[g][0], per_class, replace=len(groups[g][0]) < per_class),
            rng.choice(groups[g][1], per_class, replace=len(groups[g][1]) < per_class)]) for g in chosen])
        xb = imgs[idx]
        flip = rng.random(len(idx)) < 0.5
        xb = np.where(flip[:, None, None, None], xb[:, :, ::-1], xb)
        if a.shift:  # whole-pixel translation keeps every artefact's pixel statistics (no interpolation)
            xb = shift_batch(xb, a.shift, rng)
        x = to_tensor(xb, a.device)
        y = torch.from_numpy(y_all[idx]).to(a.device)
        sp = torch.from_numpy(species_idx[idx]).to(a.device)
        lr = a.lr * min(1.0, (step + 1) / a.warmup) * 0.5 * (1 + math.cos(math.pi * step / steps))
        losses = [r.step(x, y, sp, lr, a.aux_species) for r in runs]
        if a.budget_s and step in (5, 45):  # the step count must be fixed before the cosine schedule matters
            if a.device.startswith("cuda"):
                torch.cuda.synchronize()
            if step == 5:
                t_probe = time.time()
            else:
                per_step = (time.time() - t_probe) / 40
                steps = max(50, int((a.budget_s - (time.time() - t0)) / (per_step * 1.1)) + 46)
                eval_every = max(50, steps // 28)
                print(f"{per_step * 1e3:.1f} ms/step -> {steps} steps in {a.budget_s:.0f} s", flush=True)
        if step % 50 == 0 or step == steps - 1:
            for r, loss in zip(runs, losses):
                r.log.append((step, float(loss), time.time() - t0))
            print(f"step {step} loss {' '.join(f'{float(v):.4f}' for v in losses)} lr {lr:.2e} "
                  f"{time.time() - t0:.0f}s", flush=True)
        fixed = not a.budget_s or step > 45  # in budget mode the step count is known from step 46 on
        if dev is not None and fixed and ((step + 1) % eval_every == 0 or step == steps - 1):
            for r in runs:
                dev_eer = eer_threshold(predict(r.scored, dev[0]), dev[1] > 0)[1]
                print(f"{r.variant} step {step + 1} dev EER {100 * dev_eer:.2f}%", flush=True)
                if dev_eer <= r.best[0]:
                    r.best = (dev_eer, step + 1, {k: v.detach().clone() for k, v in r.scored.state_dict().items()})
        step += 1
    train_s = time.time() - t0
    os.makedirs(a.out, exist_ok=True)
    for r in runs:
        model = r.scored
        if r.best[2] is not None:  # model selection on dev only; test is scored once, below
            model.load_state_dict(r.best[2])
            print(f"{r.variant} selected step {r.best[1]} (dev EER {100 * r.best[0]:.2f}%)", flush=True)
        metrics = evaluate(model, a.data, a.protocol, a.root_name, a.cache)
        metrics.update(train_seconds=train_s, steps=steps, selected_step=r.best[1] if r.best[2] is not None else steps,
                       shift=a.shift, pool=r.cfg.pool, config=a.config, embed_lr_mult=a.embed_lr_mult, text_lr_mult=a.text_lr_mult,
                       aux_species=a.aux_species, highpass_init=a.highpass_init, batch=a.batch, lr=a.lr, seed=a.seed,
                       ema=a.ema,
                       train_samples=int(len(imgs)), variant=r.variant, device=a.device,
                       trained_with=[v.variant for v in runs], init_from=r.init_from,
                       **{k: v for k, v in size_overrides(a).items() if k != "pool"})
        print(json.dumps({k: v for k, v in metrics.items() if k != "apcer_per_species"}), flush=True)
        stem = os.path.join(a.out, f"{r.variant}-{a.protocol}")
        state = {k: v.cpu() for k, v in model.state_dict().items()}
        torch.save({"config": r.cfg.to_dict(), "state_dict": state, "log": r.log}, stem + ".pt")
        with open(stem + ".metrics.json", "w") as f:
            json.dump(metrics, f, indent=1)


if __name__ == "__main__":
    main()
