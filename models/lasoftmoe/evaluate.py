# Evaluate a trained checkpoint on another protocol's dev/test lists (dev-EER threshold applied to test).
# Python entry point (models/): cd models && /usr/bin/python3 -m lasoftmoe.evaluate --variant lasoftmoe --trained p1 \
#   --protocol p2.1   (image size and architecture come from the checkpoint's config; --config checks it)
from __future__ import annotations

import argparse
import json
import os

for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import torch  # noqa: E402

from .checkpoints import MODELS_DIR, STAGE_KEYS, load_trained  # noqa: E402
from .config import load_config  # noqa: E402
from .scoring import evaluate  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--variant", required=True)
    ap.add_argument("--trained", default="p1")
    ap.add_argument("--protocol", required=True)
    ap.add_argument("--data", default=os.path.join(MODELS_DIR, ".work/synth"))
    ap.add_argument("--runs", default=os.path.join(MODELS_DIR, ".work/runs"))
    ap.add_argument("--root-name", default="SynthUAD")
    ap.add_argument("--config", help="refuse a checkpoint whose architecture differs from this config "
                                     "(tiny | vit_b16 | a JSON file)")
    a = ap.parse_args()
    torch.set_num_threads(1)
    checkpoint = os.path.join(a.runs, f"{a.variant}-{a.trained}.pt")
    model = load_trained(checkpoint)
    if a.config:
        try:
            want = load_config(a.config, a.variant)
        except ValueError as err:
            raise SystemExit(str(err))
        if want.to_dict() != model.cfg.to_dict():
            raise SystemExit(f"{checkpoint}: its architecture differs from --config {a.config}")
    m = evaluate(model, a.data, a.protocol, a.root_name, os.path.join(MODELS_DIR, ".work/cache"))
    with open(checkpoint[: -len(".pt")] + ".metrics.json") as f:
        trained = json.load(f)
    for k in STAGE_KEYS:
        m[k] = trained.get(k)  # how the scored model was trained (make_table's training column)
    m.update(trained_on=a.trained, variant=a.variant)
    with open(os.path.join(a.runs, f"{a.variant}-{a.trained}-on-{a.protocol}.metrics.json"), "w") as f:
        json.dump(m, f, indent=1)
    print(json.dumps({k: v for k, v in m.items() if k != "apcer_per_species"}))


if __name__ == "__main__":
    main()
