# Machine sgemm ceiling for the inference benchmark: median GFLOP/s of a float32 1024x1024 matmul
# (torch.mm, and numpy as a cross-check), at the thread count set by the caller. Python (/usr/bin/python3).
import argparse
import json
import os
import sys
import time


def blas_libraries():
    """BLAS/LAPACK shared objects actually mapped into this process (e.g. OpenBLAS pthread)."""
    with open("/proc/self/maps") as maps:
        return sorted({line.split()[-1] for line in maps if "blas" in line or "lapack" in line})


def median_gflops(mm, n, repeats, warmup):
    for _ in range(warmup):
        mm()
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        mm()
        times.append(time.perf_counter() - t0)
    times.sort()
    return 2 * n ** 3 / times[len(times) // 2] / 1e9, [2 * n ** 3 / t / 1e9 for t in times]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, required=True)
    ap.add_argument("--n", type=int, default=1024)
    ap.add_argument("--repeats", type=int, default=21)
    ap.add_argument("--warmup", type=int, default=5)
    args = ap.parse_args()
    import numpy as np
    import torch

    torch.set_num_threads(args.threads)
    g = torch.Generator().manual_seed(0)
    a = torch.rand(args.n, args.n, generator=g)
    b = torch.rand(args.n, args.n, generator=g)
    out = torch.empty(args.n, args.n)
    torch_gflops, torch_all = median_gflops(lambda: torch.mm(a, b, out=out), args.n, args.repeats, args.warmup)
    an, bn = a.numpy(), b.numpy()
    outn = np.empty_like(an)
    numpy_gflops, _ = median_gflops(lambda: np.matmul(an, bn, out=outn), args.n, args.repeats, args.warmup)
    json.dump({
        "threads": args.threads, "n": args.n, "repeats": args.repeats,
        "torch_gflops": torch_gflops, "torch_gflops_max": max(torch_all), "numpy_gflops": numpy_gflops,
        "torch_num_threads": torch.get_num_threads(),
        "env": {k: os.environ.get(k) for k in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS")},
        "blas": blas_libraries(), "torch": torch.__version__, "numpy": np.__version__,
        "python": sys.version.split()[0],
    }, sys.stdout)
    print()


if __name__ == "__main__":
    main()
