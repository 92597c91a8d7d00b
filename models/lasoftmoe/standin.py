# Stand-in models for tests and benchmarks: a torchvision ResNet-18 (random init) exported as a plain third-party
# classifier ONNX (input `image [B,3,224,224]`, output `logits [B,1000]`; no sidecar, no routing outputs).
# Python entry point (models/): python3 -m lasoftmoe.standin --out DIR [--seed N]
from __future__ import annotations

import argparse
import os

import torch


def export_resnet18(path: str, seed: int = 0) -> None:
    import torchvision  # Debian's python3-torchvision; only this stand-in needs it
    torch.manual_seed(seed)
    model = torchvision.models.resnet18(weights=None).eval()
    torch.onnx.export(model, (torch.zeros(2, 3, 224, 224),), path, input_names=["image"], output_names=["logits"],
                      dynamic_axes={"image": {0: "batch"}, "logits": {0: "batch"}}, opset_version=17)


def main(argv=None):
    ap = argparse.ArgumentParser(prog="python3 -m lasoftmoe.standin", description=__doc__)
    ap.add_argument("--out", required=True, help="output folder (writes resnet18-standin.onnx)")
    ap.add_argument("--seed", type=int, default=0)
    a = ap.parse_args(argv)
    torch.set_num_threads(1)
    os.makedirs(a.out, exist_ok=True)
    path = os.path.join(a.out, "resnet18-standin.onnx")
    export_resnet18(path, a.seed)
    print(f"wrote {path} ({os.path.getsize(path) / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
