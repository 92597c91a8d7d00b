# Probe: how a trained checkpoint's attack calls change when test images are translated by whole pixels.
# Python CLI (models/): /usr/bin/python3 models/shift_probe.py --runs .work/runs --variant lasoftmoe
# Translation moves 8x8 block seams (JPEG, advdrop's DCT grid) off the patch grid; a model that relies on
# seams it can only see off-grid calls more attacks when shifted.
from __future__ import annotations

import argparse
import json
import os
import sys

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import numpy as np  # noqa: E402
import torch  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lasoftmoe.data import load_split  # noqa: E402
from train import HERE, load_trained, predict  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--variant", default="lasoftmoe")
    ap.add_argument("--runs", default=os.path.join(HERE, ".work/runs"))
    ap.add_argument("--data", default=os.path.join(HERE, ".work/synth"))
    ap.add_argument("--species", nargs="+", default=["live", "advdrop", "fgtm"])
    ap.add_argument("--shifts", type=int, nargs="+", default=[0, 2, 4])
    a = ap.parse_args()
    torch.set_num_threads(1)
    model = load_trained(os.path.join(a.runs, f"{a.variant}-p1.pt"))
    with open(os.path.join(a.runs, f"{a.variant}-p1.metrics.json")) as f:
        tau = json.load(f)["threshold"]  # the dev-EER threshold the test figures use
    imgs, _, species, _ = load_split(a.data, os.path.join(a.data, "SynthUAD@p1_image_test.txt"), 112,
                                     os.path.join(HERE, ".work/cache"))
    species = np.array(species)
    for name in a.species:
        x = imgs[species == name]
        for s in a.shifts:  # translate down-right by s px, edges replicated
            xs = np.pad(x, ((0, 0), (s, 0), (s, 0), (0, 0)), mode="edge")[:, :112, :112] if s else x
            p = predict(model, np.ascontiguousarray(xs))
            print(f"{name:10s} shift {s} px: called attack {100 * (p >= tau).mean():5.1f} % (n={len(x)})")


if __name__ == "__main__":
    main()
