# Probe: how a trained checkpoint's attack calls change when test images are translated by whole pixels.
# Python entry point (models/): cd models && /usr/bin/python3 -m lasoftmoe.shift_probe --runs .work/runs --variant lasoftmoe
# Translation moves 8x8 block seams (JPEG, advdrop's DCT grid) off the patch grid; a model that relies on
# seams it can only see off-grid calls more attacks when shifted.
from __future__ import annotations

import argparse
import json
import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import numpy as np  # noqa: E402
import torch  # noqa: E402

from .checkpoints import MODELS_DIR, load_trained  # noqa: E402
from .config import load_config  # noqa: E402
from .data import load_split  # noqa: E402
from .scoring import predict  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--variant", default="lasoftmoe")
    ap.add_argument("--runs", default=os.path.join(MODELS_DIR, ".work/runs"))
    ap.add_argument("--data", default=os.path.join(MODELS_DIR, ".work/synth"))
    ap.add_argument("--species", nargs="+", default=["live", "advdrop", "fgtm"])
    ap.add_argument("--shifts", type=int, nargs="+", default=[0, 2, 4])
    ap.add_argument("--config", help="refuse a checkpoint whose architecture differs from this config "
                                     "(tiny | vit_b16 | a JSON file)")
    a = ap.parse_args()
    torch.set_num_threads(1)
    model = load_trained(os.path.join(a.runs, f"{a.variant}-p1.pt"))
    if a.config:
        try:
            want = load_config(a.config, a.variant)
        except ValueError as err:
            raise SystemExit(str(err))
        if want.to_dict() != model.cfg.to_dict():
            raise SystemExit(f"the {a.variant}-p1 checkpoint's architecture differs from --config {a.config}")
    size = model.cfg.image_size
    with open(os.path.join(a.runs, f"{a.variant}-p1.metrics.json")) as f:
        tau = json.load(f)["threshold"]  # the dev-EER threshold the test figures use
    imgs, _, species, _ = load_split(a.data, os.path.join(a.data, "SynthUAD@p1_image_test.txt"), size,
                                     os.path.join(MODELS_DIR, ".work/cache"))
    species = np.array(species)
    for name in a.species:
        x = imgs[species == name]
        for s in a.shifts:  # translate down-right by s px, edges replicated
            xs = np.pad(x, ((0, 0), (s, 0), (s, 0), (0, 0)), mode="edge")[:, :size, :size] if s else x
            p = predict(model, np.ascontiguousarray(xs))
            print(f"{name:10s} shift {s} px: called attack {100 * (p >= tau).mean():5.1f} % (n={len(x)})")


if __name__ == "__main__":
    main()
