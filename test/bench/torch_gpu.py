# PyTorch eager throughput of the La-SoftMoE image path on a device (cuda, or cpu for a dry run), per batch size
# and mode: fp32 (TF32 off), tf32 (TF32 matmuls and convolutions), fp16 (autocast); batch-1 latency p50/p99.
# Same architecture as the ONNX file (built from its sidecar, random weights: speed does not depend on them). Python.
import argparse
import json
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(HERE, "..", "..", "models"))


def percentile(sorted_values, q):
    """Nearest-rank percentile of an ascending list (q in 0..100)."""
    k = max(0, min(len(sorted_values) - 1, int(round(q / 100 * len(sorted_values) + 0.5)) - 1))
    return sorted_values[k]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sidecar", required=True)
    ap.add_argument("--input", required=True, help="raw little-endian float32 [B_max,3,H,W]")
    ap.add_argument("--batches", required=True, help="comma-separated batch sizes")
    ap.add_argument("--device", default="cuda")
    ap.add_argument("--modes", default="fp32,tf32,fp16")
    ap.add_argument("--warmup", type=int, default=5)
    ap.add_argument("--min-iters", type=int, default=20)
    ap.add_argument("--min-seconds", type=float, default=2.0)
    ap.add_argument("--latency-iters", type=int, default=200)
    args = ap.parse_args()

    import numpy as np
    import torch
    from lasoftmoe import ImageOnlyExport, LaSoftMoECLIP
    from torch_throughput import config_from_sidecar

    device = torch.device(args.device)
    if device.type == "cuda" and not torch.cuda.is_available():
        raise SystemExit("torch sees no CUDA device")
    torch.manual_seed(0)
    with open(args.sidecar) as f:
        cfg = config_from_sidecar(json.load(f))
    model = ImageOnlyExport(LaSoftMoECLIP(cfg)).eval().to(device)
    size = cfg.image_size
    batches = [int(b) for b in args.batches.split(",")]
    data = np.fromfile(args.input, dtype="<f4").reshape(-1, 3, size, size)
    if data.shape[0] < max(batches):
        raise SystemExit(f"input holds {data.shape[0]} images, the largest batch is {max(batches)}")
    full = torch.from_numpy(data.copy()).to(device)

    def sync():
        if device.type == "cuda":
            torch.cuda.synchronize()

    def set_mode(mode):
        tf32 = mode == "tf32"
        if device.type == "cuda":
            torch.backends.cuda.matmul.allow_tf32 = tf32
            torch.backends.cudnn.allow_tf32 = tf32
        return torch.autocast(device_type=device.type, dtype=torch.float16) if mode == "fp16" else torch.autocast(device_type=device.type, enabled=False)

    results = []
    for mode in args.modes.split(","):
        for batch in batches:
            x = full[:batch]
            times = []
            with torch.inference_mode(), set_mode(mode):
                for _ in range(args.warmup):
                    model(x)
                sync()
                started = time.perf_counter()
                iters = args.latency_iters if batch == 1 else args.min_iters
                while len(times) < iters or time.perf_counter() - started < args.min_seconds:
                    t0 = time.perf_counter()
                    out = model(x)
                    sync()
                    times.append(time.perf_counter() - t0)
                score = float(out[1].float().mean())
            ordered = sorted(times)
            median = percentile(ordered, 50)
            results.append({
                "mode": mode, "batch": batch, "iters": len(times), "median_ms": median * 1e3,
                "p50_ms": median * 1e3, "p99_ms": percentile(ordered, 99) * 1e3, "images_per_s": batch / median,
                "attack_score_mean": score,
            })
            print(f"torch {mode:5s} batch {batch:4d}: {batch / median:10.1f} img/s (median {median * 1e3:.2f} ms, {len(times)} runs)", file=sys.stderr)

    json.dump({
        "torch": torch.__version__, "device": str(device),
        "device_name": torch.cuda.get_device_name(device) if device.type == "cuda" else "cpu",
        "cuda": torch.version.cuda, "cudnn": torch.backends.cudnn.version() if device.type == "cuda" else None,
        "threads": torch.get_num_threads(), "weights": "random init (seed 0); speed does not depend on weight values",
        "results": results,
    }, sys.stdout)
    print()


if __name__ == "__main__":
    main()
