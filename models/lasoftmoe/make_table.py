# Build the ablation table (markdown) from the measured metrics JSONs and write it into models/README.md.
# Python entry point (models/): cd models && /usr/bin/python3 -m lasoftmoe.make_table   (figures are read, never typed in)
from __future__ import annotations

import json
import os

from .checkpoints import MODELS_DIR, training_stages

HERE = MODELS_DIR
RUNS = os.path.join(HERE, ".work/runs")
VARIANTS = [("dense", "dense (no MoE)"), ("softmoe", "Soft-MoE (softmax combine)"),
            ("lasoftmoe", "La-SoftMoE (linear combine)")]
PROTOCOLS = ["p1", "p2.1", "p2.2"]
BEGIN, END = "<!-- ablation:begin -->", "<!-- ablation:end -->"


def pct(v: float) -> str:
    return f"{100 * v:.2f}"


def stages(m: dict) -> str:
    def one(st: dict) -> str:
        averaged = f", EMA {st['ema']}" if st.get("ema") else ""
        images = f" over {st['train_samples']:,} images".replace(",", " ") if st.get("train_samples") else ""
        return f"{st['steps']} × {st['batch']}{images} on {st['device'] or 'cpu'}{averaged} ({st['train_seconds']:.0f} s)"
    return " then ".join(one(st) for st in training_stages(m))


def table() -> str:
    lines = ["| protocol | model | ACER % | ACER-ISO % | APCER pooled % | APCER max % | BPCER % | AUC % | EER % "
             "| ACC % | training: steps × batch over training images on device (wall-clock s) per stage |", "|---|---|---|---|---|---|---|---|---|---|---|"]
    species_lines = []
    for proto in PROTOCOLS:
        for v, label in VARIANTS:
            path = os.path.join(RUNS, f"{v}-{proto}.metrics.json")
            cross = os.path.join(RUNS, f"{v}-p1-on-{proto}.metrics.json")
            if not os.path.exists(path) and os.path.exists(cross):
                path, label = cross, label + " — P1-trained, NOT protocol-specific (test types were seen)"
            if not os.path.exists(path):
                lines.append(f"| {proto.upper()} | {label} | not run | | | | | | | | |")
                continue
            with open(path) as f:
                m = json.load(f)
            lines.append(f"| {proto.upper()} | {label} | {pct(m['acer'])} | {pct(m['acer_iso'])} | "
                         f"{pct(m['apcer_pooled'])} | {pct(m['apcer_max'])} | {pct(m['bpcer'])} | {pct(m['auc'])} | "
                         f"{pct(m['eer'])} | {pct(m['acc'])} | {stages(m)} |")
            per = ", ".join(f"{k} {pct(x)}" for k, x in m["apcer_per_species"].items())
            species_lines.append(f"- {proto.upper()} {label}: {per}")
    return "\n".join(lines) + "\n\nPer-species APCER % on each test set (at the dev-EER threshold):\n\n" + \
        "\n".join(species_lines)


def main():
    readme = os.path.join(HERE, "README.md")
    with open(readme) as f:
        text = f.read()
    head, rest = text.split(BEGIN)
    _, tail = rest.split(END)
    with open(readme, "w") as f:
        f.write(head + BEGIN + "\n" + table() + "\n" + END + tail)
    print(table())


if __name__ == "__main__":
    main()
