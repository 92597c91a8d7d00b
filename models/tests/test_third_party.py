# The ResNet-18 stand-in as a third-party model through the app's CLI: `uad model init` on its graph, `uad score`,
# stored scores equal to softmax(PyTorch logits)[attack index] on the same pixels, and `uad metrics` on them.
# Python / pytest (models/tests); needs node and the repository's node_modules (skipped otherwise).
import csv
import json
import os
import shutil
import subprocess

import numpy as np
import pytest
import torch

from lasoftmoe.onnx_export import REPO

MEAN = (0.485, 0.456, 0.406)
STD = (0.229, 0.224, 0.225)


def uad(*args):
    return subprocess.run(["node", os.path.join(REPO, "bin", "uad.mjs"), *args], cwd=REPO, capture_output=True,
                          text=True, timeout=300)


def test_resnet18_standin_opens_scores_and_evaluates(tmp_path):
    if shutil.which("node") is None or not os.path.isdir(os.path.join(REPO, "node_modules", "onnxruntime-node")):
        pytest.skip("node or onnxruntime-node not installed")
    pytest.importorskip("torchvision")
    from PIL import Image

    from lasoftmoe.standin import export_resnet18
    onnx_path = str(tmp_path / "resnet18.onnx")
    export_resnet18(onnx_path, seed=0)

    init = uad("model", "init", onnx_path, "--logits", "logits", "--attack-index", "1", "--mean",
               ",".join(map(str, MEAN)), "--std", ",".join(map(str, STD)), "--json")
    assert init.returncode == 0, init.stderr
    assert json.loads(init.stdout)["size"] == 224
    sidecar = json.loads((tmp_path / "resnet18.model.json").read_text())
    assert sidecar["moe"] is None and sidecar["io"]["score"] == {"output": "logits", "kind": "logits", "index": 1,
                                                                 "higher_means": "attack"}
    assert len(sidecar["classes"]["names"]) == 1000 and sidecar["classes"]["attack_index"] == 1

    rng = np.random.default_rng(0)
    pixels = {}
    for i in range(6):  # 224² images: the exact resize is the identity, so both sides see the same pixels
        rel = f"{'live' if i < 3 else 'attack/print'}/img-{i}.png"
        arr = rng.integers(0, 256, (224, 224, 3), dtype=np.uint8)
        (tmp_path / "data" / os.path.dirname(rel)).mkdir(parents=True, exist_ok=True)
        Image.fromarray(arr).save(tmp_path / "data" / rel)
        pixels[rel] = arr
    ws = str(tmp_path / "ws")
    scored = uad("score", str(tmp_path / "data"), "--model", onnx_path, "--workspace", ws, "--progress", "none")
    assert scored.returncode == 0, scored.stderr
    out_csv = str(tmp_path / "scores.csv")
    assert uad("export-scores", "--workspace", ws, "--out", out_csv).returncode == 0
    with open(out_csv) as f:
        rows = {r["path"]: float(r["score"]) for r in csv.DictReader(f)}
    assert sorted(rows) == sorted(pixels)

    import torchvision
    torch.manual_seed(0)
    model = torchvision.models.resnet18(weights=None).eval()  # the same seed-0 draw as the export
    x = torch.from_numpy(np.stack(list(pixels.values()))).float().div(255).permute(0, 3, 1, 2)
    x = (x - torch.tensor(MEAN).view(1, 3, 1, 1)) / torch.tensor(STD).view(1, 3, 1, 1)
    with torch.no_grad():
        want = torch.softmax(model(x), dim=-1)[:, 1].numpy()
    got = np.array([rows[k] for k in pixels])
    np.testing.assert_allclose(got, want, atol=1e-5)

    metrics = uad("metrics", "--scores", out_csv, "--json")
    assert metrics.returncode == 0, metrics.stderr
    report = json.loads(metrics.stdout)
    assert 0.0 <= report["auc"] <= 1.0 and list(report["apcer_by_species"]) == ["print"]
