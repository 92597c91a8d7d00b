# Synthetic unified-attack benchmark generator (a proxy for UniAttackData; deterministic by seed).
# Python CLI (models/): writes JPEGs under <out>/<root>/Data/... and UniAttackData-format protocol lists.
#
#   /usr/bin/python3 -m lasoftmoe.synth.generate --out .work/synth --ids 240 60 120 --seed 0   (cwd: models/)
from __future__ import annotations

import argparse
import multiprocessing
import os
import time
from typing import Dict, List, Set, Tuple

import numpy as np
from PIL import Image

from ..data import identity_of, read_list
from .attacks import ADVERSARIAL, DIGITAL, LABEL, PHYSICAL, adversarial, digital, physical
from .faces import ETHNICITIES, Identity, camera, capture_params, make_identity, render_scene

LIVE_PER_ID = 4
SPLITS = ("train", "dev", "test")


def species_path(species: str, eth: str, pid: str, k: int, ref: str = "") -> str:
    """UniAttackData-shaped relative path (under <root>/Data/) for one sample."""
    if species == "live":
        return f"live/{eth}/{pid}/real.rssdk/color/{k:04d}.jpg"
    if species in PHYSICAL:
        return f"spoof/{eth}/{pid}/{species}/color/{k:04d}.jpg"
    if species in ADVERSARIAL:
        sub = f"ai_{species}" if species == "fgtm" else species
        return f"adv-attacks/{species}/{sub}_{eth}-112x112/{pid}/{k:04d}.jpg"
    if species in DIGITAL:
        return f"{species}/{eth}/{pid}-To-{ref}/27.jpg"
    raise ValueError(species)


class GenerateError(ValueError):
    """A request the generator refuses before writing anything."""


def strength(rng: np.random.Generator) -> float:
    """Per-sample attack strength: many weak attacks so that no protocol is trivially separable."""
    return float(np.clip(rng.beta(2.5, 1.5) * 0.5 + 0.5, 0.5, 1.0))


def generate(out: str, ids: Tuple[int, int, int], seed: int, root: str, quality: Tuple[int, int] = (94, 96),
             id_offset: int = 0, workers: int = 1, taken: Set[str] = frozenset()) -> Dict[str, List[Tuple[str, int]]]:
    """Render every identity's live captures and attacks; returns split -> [(relpath, label)].

    taken: identities that must not be drawn (already listed; their images would be overwritten) -> GenerateError
    before anything is written.
    """
    if sum(ids) < 2:
        raise GenerateError("at least 2 identities per run: every face swap takes its donor from the same run")
    master = np.random.default_rng(seed)
    eths = list(ETHNICITIES)
    idents = []
    for n_split, split in zip(ids, SPLITS):
        for _ in range(n_split):
            eth = eths[len(idents) % 3]
            idents.append((split, make_identity(master, eth, id_offset + len(idents) + 1)))
    clash = sorted(taken & {ident.pid for _, ident in idents})
    if clash:
        raise GenerateError(f"{len(clash)} identities already listed (e.g. {clash[0]}); choose another id offset")
    global _IDENTITIES
    _IDENTITIES = idents  # read by the workers (inherited on fork), so no job pickles the identity list
    jobs = [(out, root, seed, quality, i) for i in range(len(idents))]
    rows: Dict[str, List[Tuple[str, int]]] = {s: [] for s in SPLITS}
    t0 = time.time()
    # each identity draws from its own generator ([seed, i]), so the output does not depend on worker count
    pool = multiprocessing.get_context("fork").Pool(workers) if workers > 1 else None
    try:
        results = pool.imap(_render_identity, jobs, chunksize=4) if pool else map(_render_identity, jobs)
        for i, (split, written) in enumerate(results):
            rows[split].extend(written)
            if (i + 1) % 50 == 0:
                print(f"{i + 1}/{len(idents)} identities, {time.time() - t0:.0f}s", flush=True)
    finally:
        if pool:
            pool.close()
            pool.join()
    return rows


_IDENTITIES: List[Tuple[str, Identity]] = []


def _render_identity(job) -> Tuple[str, List[Tuple[str, int]]]:
    """Render and write one identity's live captures and attacks; -> (split, [(relpath, label)])."""
    out, root, seed, quality, i = job
    split, ident = _IDENTITIES[i]
    same_split = [d for sp, d in _IDENTITIES if sp == split and d.pid != ident.pid] or \
        [d for _, d in _IDENTITIES if d.pid != ident.pid]
    rng = np.random.default_rng([seed, i])
    samples = []
    for k in range(1, LIVE_PER_ID + 1):
        cap = capture_params(rng)
        samples.append(("live", k, "", camera(render_scene(ident, cap), cap, rng)))
    for sp in PHYSICAL:
        cap = capture_params(rng)
        samples.append((sp, 1, "", physical(ident, cap, sp, strength(rng), rng)))
    for sp in ADVERSARIAL:
        cap = capture_params(rng)
        live = camera(render_scene(ident, cap), cap, rng)
        samples.append((sp, 1, "", adversarial(live, ident, cap, sp, strength(rng), rng)))
    for sp in DIGITAL:
        cap = capture_params(rng)
        live = camera(render_scene(ident, cap), cap, rng)
        donor = same_split[int(rng.integers(len(same_split)))]
        samples.append((sp, 27, donor.pid, digital(live, ident, donor, cap, sp, strength(rng), rng)))
    written = []
    for sp, k, ref, img in samples:
        rel = f"{root}/Data/" + species_path(sp, ident.ethnicity, ident.pid, k, ref)
        path = os.path.join(out, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        q = int(rng.integers(quality[0], quality[1]))
        Image.fromarray((np.clip(img, 0, 1) * 255 + 0.5).astype(np.uint8)).save(path, quality=q)
        written.append((rel, 0 if sp == "live" else LABEL[sp]))
    return split, written


def write_protocols(out: str, root: str, rows: Dict[str, List[Tuple[str, int]]], append: bool = False) -> List[str]:
    """P1: all types. P2.1: train/dev live+adversarial+digital, test live+physical. P2.2: the reverse.

    append: add the rows to the lists already in `out` (an extension drawn with another seed and id offset,
    whose identities `generate(..., taken=listed_identities(out, root))` has checked are new).
    """
    keep = {
        "p1": {s: (0, 1, 2, 3) for s in SPLITS},
        "p2.1": {"train": (0, 2, 3), "dev": (0, 2, 3), "test": (0, 1)},
        "p2.2": {"train": (0, 1), "dev": (0, 1), "test": (0, 2, 3)},
    }
    written = []
    for proto, per_split in keep.items():
        for split in SPLITS:
            if not rows[split]:
                continue
            name = os.path.join(out, f"{root}@{proto}_image_{split}.txt")
            with open(name, "a" if append else "w") as f:
                for rel, lab in rows[split]:
                    if lab in per_split[split]:
                        f.write(f"{rel} {lab}\n")
            written.append(name)
    return written


def listed_identities(out: str, root: str) -> Set[str]:
    """Identities already in the P1 lists under `out` (P1 lists every row of every split)."""
    listed: Set[str] = set()
    for split in SPLITS:
        name = os.path.join(out, f"{root}@p1_image_{split}.txt")
        if os.path.exists(name):
            listed |= {identity_of(rel) for rel, _ in read_list(name)}
    return listed


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", default=".work/synth")
    ap.add_argument("--ids", type=int, nargs=3, default=(1200, 60, 120), help="identities in train dev test")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--root", default="SynthUAD")
    ap.add_argument("--id-offset", type=int, default=0)
    ap.add_argument("--append", action="store_true",
                    help="add to the lists already in --out instead of rewriting them (an extension: another seed "
                         "and --id-offset)")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="processes (output is identical)")
    a = ap.parse_args()
    taken = listed_identities(a.out, a.root) if a.append else frozenset()
    try:
        rows = generate(a.out, tuple(a.ids), a.seed, a.root, id_offset=a.id_offset, workers=a.workers, taken=taken)
    except GenerateError as e:
        raise SystemExit(f"error: {e}")
    for name in write_protocols(a.out, a.root, rows, append=a.append):
        print("wrote", name)


if __name__ == "__main__":
    main()
