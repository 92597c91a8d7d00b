# Whole-model tests: output shapes, no NaN, every parameter gets a gradient, ONNX export structure.
# Python / pytest (models/tests). ORT numeric parity is checked by test/unit/onnx-parity.test.ts.
import onnx
import pytest
import torch

from lasoftmoe import LaSoftMoECLIP, output_names, tiny
from lasoftmoe.metrics import auc, eer_threshold, report

VARIANTS = ["dense", "softmoe", "lasoftmoe"]


@pytest.mark.parametrize("variant", VARIANTS)
def test_forward_shapes_and_gradients(variant):
    torch.manual_seed(0)
    cfg = tiny(variant, depth=2)
    model = LaSoftMoECLIP(cfg)
    x = torch.randn(2, 3, 112, 112)
    out = model(x)
    assert out["logits"].shape == (2, 2)
    assert out["attack_score"].shape == (2,)
    assert out["embedding"].shape == (2, cfg.embed_dim)
    n_moe = 0 if variant == "dense" else 2
    assert len(out["dispatch"]) == len(out["combine"]) == n_moe
    for d, c in zip(out["dispatch"], out["combine"]):
        assert d.shape == c.shape == (2, 197, 4, 49)
        assert torch.allclose(d.sum(1), torch.ones(2, 4, 49), atol=1e-5)
        assert torch.allclose(c.sum((2, 3)), torch.ones(2, 197), atol=1e-5)
    assert torch.allclose(out["attack_score"], torch.softmax(out["logits"], -1)[:, 1])
    for v in out.values():
        for t in (v if isinstance(v, list) else [v]):
            assert torch.isfinite(t).all()
    loss = torch.nn.functional.cross_entropy(out["logits"], torch.tensor([0, 1]))
    loss.backward()
    for name, p in model.named_parameters():
        assert p.grad is not None, name
        assert p.grad.abs().sum() > 0, name


def test_replace_placement_and_layer_subset():
    cfg = tiny("lasoftmoe", depth=3, placement="replace", moe_layers=[1, 2], experts=2)
    model = LaSoftMoECLIP(cfg)
    assert model.visual.blocks[0].moe is None and model.visual.blocks[1].mlp is None
    out = model(torch.randn(1, 3, 112, 112))
    assert [d.shape for d in out["dispatch"]] == [(1, 197, 2, 98)] * 2  # round(197 / 2) = 98 slots
    assert output_names(cfg)[3:] == ["moe1_dispatch", "moe1_combine", "moe2_dispatch", "moe2_combine"]


@pytest.mark.parametrize("variant", ["dense", "lasoftmoe"])
def test_onnx_export_structure(tmp_path, variant):
    from export_onnx import export_onnx
    cfg = tiny(variant, depth=2)
    model = LaSoftMoECLIP(cfg).eval()
    path = str(tmp_path / "m.onnx")
    export_onnx(model, path)
    proto = onnx.load(path)
    onnx.checker.check_model(proto)
    assert proto.opset_import[0].version == 17
    assert [i.name for i in proto.graph.input] == ["pixel_values"]
    names = [o.name for o in proto.graph.output]
    assert names == output_names(cfg)
    dims = {o.name: [d.dim_param or d.dim_value for d in o.type.tensor_type.shape.dim] for o in proto.graph.output}
    assert dims["logits"] == ["batch", 2] and dims["attack_score"] == ["batch"]
    if variant != "dense":
        assert dims["moe0_dispatch"] == ["batch", 197, 4, 49] and dims["moe1_combine"] == ["batch", 197, 4, 49]


def test_metrics_hand_computed():
    scores = [0.1, 0.4, 0.35, 0.8, 0.8, 0.2]
    attack = [0, 0, 1, 1, 1, 0]
    assert auc(scores, attack) == pytest.approx(8 / 9)  # sklearn.roc_auc_score gives 0.888...
    tau, eer = eer_threshold(scores, attack)
    assert tau == pytest.approx(0.4) and eer == pytest.approx(1 / 3)
    r = report(scores, [0, 0, 1, 3, 3, 0], ["live", "live", "print", "swap", "swap", "live"], 0.5)
    assert r["apcer_per_species"] == {"print": 1.0, "swap": 0.0}
    assert r["apcer_max"] == 1.0 and r["apcer_pooled"] == pytest.approx(1 / 3) and r["bpcer"] == 0.0
    assert r["acer"] == pytest.approx(1 / 6) and r["acc"] == pytest.approx(5 / 6)


def test_export_parity_with_onnxruntime_node(tmp_path):
    """Exported graph == PyTorch within 1e-4 through onnxruntime-node (skipped where node/ORT are absent)."""
    import json
    import os
    import shutil
    import subprocess

    from export_onnx import REPO, export_onnx, write_tensor
    from lasoftmoe import ImageOnlyExport

    node = shutil.which("node")
    if node is None or not os.path.isdir(os.path.join(REPO, "node_modules/onnxruntime-node")):
        pytest.skip("node or onnxruntime-node not installed")
    torch.manual_seed(3)
    cfg = tiny("lasoftmoe")
    model = LaSoftMoECLIP(cfg).eval()
    path = str(tmp_path / "m.onnx")
    export_onnx(model, path)
    x = torch.randn(2, 3, 112, 112)
    with torch.no_grad():
        outs = ImageOnlyExport(model).eval()(x)
    index = {"input": write_tensor(str(tmp_path / "x.f32"), x.numpy()),
             "models": {"m": {"onnx": path, "outputs": {
                 n: write_tensor(str(tmp_path / f"{n}.f32"), t.numpy()) for n, t in zip(output_names(cfg), outs)}}}}
    (tmp_path / "index.json").write_text(json.dumps(index))
    res = subprocess.run([node, os.path.join(REPO, "models/scripts/ort_parity.mjs"), str(tmp_path / "index.json")],
                         cwd=REPO, capture_output=True, text=True, timeout=60)
    assert res.returncode == 0, res.stdout + res.stderr
