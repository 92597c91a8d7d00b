# Evaluate a trained checkpoint on another protocol's dev/test lists (dev-EER threshold applied to test).
# Python CLI (models/): /usr/bin/python3 models/evaluate.py --variant lasoftmoe --trained p1 --protocol p2.1
from __future__ import annotations

import argparse
import json
import os
import sys

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import torch  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from train import HERE, STAGE_KEYS, evaluate, load_trained  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--variant", required=True)
    ap.add_argument("--trained", default="p1")
    ap.add_argument("--protocol", required=True)
    ap.add_argument("--data", default=os.path.join(HERE, ".work/synth"))
    ap.add_argument("--runs", default=os.path.join(HERE, ".work/runs"))
    a = ap.parse_args()
    torch.set_num_threads(1)
    model = load_trained(os.path.join(a.runs, f"{a.variant}-{a.trained}.pt"))
    m = evaluate(model, a.data, a.protocol, "SynthUAD", os.path.join(HERE, ".work/cache"))
    with open(os.path.join(a.runs, f"{a.variant}-{a.trained}.metrics.json")) as f:
        trained = json.load(f)
    for k in STAGE_KEYS:
        m[k] = trained.get(k)  # how the scored model was trained (make_table's training column)
    m.update(trained_on=a.trained, variant=a.variant)
    with open(os.path.join(a.runs, f"{a.variant}-{a.trained}-on-{a.protocol}.metrics.json"), "w") as f:
        json.dump(m, f, indent=1)
    print(json.dumps({k: v for k, v in m.items() if k != "apcer_per_species"}))


if __name__ == "__main__":
    main()
