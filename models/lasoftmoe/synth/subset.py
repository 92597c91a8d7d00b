# Renders a bounded subset of the SynthUAD base set (seed 0, 1 200 / 60 / 120 identities): the first N identities
# of each split, with exactly the images the full generator writes for them, plus P1 lists of what was rendered.
# Python (models/); used for the domain statistics of the shipped models.
#   /usr/bin/python3 -m lasoftmoe.synth.subset --out .work/synth-domain --take 60 60 120   (cwd: models/)
import argparse
import os

import numpy as np

from . import generate as g


def render_subset(out, take, ids=(1200, 60, 120), seed=0, root='SynthUAD'):
    """Identities are drawn in the generator's order (so each keeps its parameters); only the first
    take[k] of split k are rendered. Face-swap donors come from the same split, as in the full set."""
    master = np.random.default_rng(seed)
    eths = list(g.ETHNICITIES)
    idents = []
    for n_split, split in zip(ids, g.SPLITS):
        for _ in range(n_split):
            eth = eths[len(idents) % 3]
            idents.append((split, g.make_identity(master, eth, len(idents) + 1)))
    g._IDENTITIES = idents
    start = 0
    rows = {s: [] for s in g.SPLITS}
    for n_split, n_take, split in zip(ids, take, g.SPLITS):
        for i in range(start, start + min(n_take, n_split)):
            _, written = g._render_identity((out, root, seed, (94, 96), i))
            rows[split].extend(written)
        start += n_split
    for split in g.SPLITS:
        with open(os.path.join(out, f'{root}@p1_image_{split}.txt'), 'w') as fh:
            for rel, lab in rows[split]:
                fh.write(f'{rel} {lab}\n')
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument('--out', required=True)
    ap.add_argument('--take', type=int, nargs=3, default=(60, 60, 120), help='identities rendered per split')
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    rows = render_subset(a.out, a.take)
    print({k: len(v) for k, v in rows.items()})


if __name__ == '__main__':
    main()
