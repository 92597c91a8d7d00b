# PyTorch eager throughput of the La-SoftMoE image path (ImageOnlyExport: the graph the ONNX file holds),
# built from the model's sidecar; same input tensor and batch as the ORT side. Python (/usr/bin/python3).
# Randomly initialised weights: throughput does not depend on their values, so no checkpoint is loaded.
import argparse
import json
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "models"))


def config_from_sidecar(sidecar):
    """LaSoftMoEConfig from the sidecar's architecture and moe fields (the fields the export writes)."""
    from lasoftmoe import LaSoftMoEConfig

    arch, moe, text = sidecar["architecture"], sidecar.get("moe"), sidecar["architecture"].get("text", {})
    kw = dict(name=sidecar["name"], image_size=arch["image_size"], patch_size=arch["patch_size"],
              width=arch["width"], depth=arch["depth"], heads=arch["heads"], mlp_ratio=arch["mlp_ratio"],
              embed_dim=arch["embed_dim"])
    if text:
        kw.update(text_width=text["width"], text_depth=text["depth"], text_heads=text["heads"],
                  context_length=text["context_length"])
    if moe:
        kw.update(moe=True, moe_layers=list(moe["layers"]), experts=moe["experts"], slots=moe["slots"],
                  capacity=moe["capacity"], weighting=moe["weighting"], placement=moe["placement"],
                  expert_width=moe["expert_width"])
        if moe.get("phi"):
            kw["phi"] = moe["phi"]
        if moe.get("norm_axis"):
            kw["la_norm_axis"] = moe["norm_axis"]
    else:
        kw["moe"] = False
    cfg = LaSoftMoEConfig(**kw)
    if cfg.tokens != arch["tokens"]:
        raise SystemExit(f"config gives {cfg.tokens} tokens, sidecar says {arch['tokens']}")
    return cfg


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sidecar", required=True)
    ap.add_argument("--input", required=True, help="raw little-endian float32 [B,3,H,W]")
    ap.add_argument("--batch", type=int, required=True)
    ap.add_argument("--threads", type=int, required=True)
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--min-iters", type=int, default=10)
    ap.add_argument("--min-seconds", type=float, default=6.0)
    args = ap.parse_args()

    import numpy as np
    import torch
    from lasoftmoe import ImageOnlyExport, LaSoftMoECLIP

    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    with open(args.sidecar) as f:
        sidecar = json.load(f)
    cfg = config_from_sidecar(sidecar)
    model = ImageOnlyExport(LaSoftMoECLIP(cfg)).eval()
    size = cfg.image_size
    data = np.fromfile(args.input, dtype="<f4")
    if data.size != args.batch * 3 * size * size:
        raise SystemExit(f"input has {data.size} floats, expected {args.batch}x3x{size}x{size}")
    x = torch.from_numpy(data.reshape(args.batch, 3, size, size).copy())

    times = []
    with torch.inference_mode():
        for _ in range(args.warmup):
            outputs = model(x)
        started = time.perf_counter()
        while len(times) < args.min_iters or time.perf_counter() - started < args.min_seconds:
            t0 = time.perf_counter()
            outputs = model(x)
            times.append(time.perf_counter() - t0)
    ordered = sorted(times)
    median = ordered[len(ordered) // 2]
    json.dump({
        "threads": args.threads, "torch_num_threads": torch.get_num_threads(), "batch": args.batch,
        "iters": len(times), "median_ms": median * 1e3, "min_ms": ordered[0] * 1e3, "max_ms": ordered[-1] * 1e3,
        "images_per_s": args.batch / median, "outputs": len(outputs),
        "attack_score_mean": float(outputs[1].mean()),
        "config": {k: getattr(cfg, k) for k in ("image_size", "patch_size", "width", "depth", "heads", "mlp_ratio",
                                                  "experts", "num_slots", "expert_width", "weighting", "placement",
                                                  "phi", "la_norm_axis", "pool")},
        "moe_layers": list(cfg.moe_layer_indices),
        "weights": "random init (seed 0); throughput does not depend on weight values",
        "torch": torch.__version__,
    }, sys.stdout)
    print()


if __name__ == "__main__":
    main()
