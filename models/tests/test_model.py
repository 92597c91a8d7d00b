# Whole-model tests: output shapes, no NaN, every parameter gets a gradient, ONNX export structure.
# Python / pytest (models/tests). ORT parity of the shipped files is also checked by test/unit/onnx-parity.test.ts.
import os

import onnx
import pytest
import torch

from lasoftmoe import LaSoftMoECLIP, output_names, tiny
from lasoftmoe.metrics import auc, eer_threshold, report

VARIANTS = ["dense", "softmoe", "lasoftmoe"]
MODELS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


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
    from lasoftmoe.onnx_export import export_graph
    cfg = tiny(variant, depth=2)
    model = LaSoftMoECLIP(cfg).eval()
    path = str(tmp_path / "m.onnx")
    export_graph(model, path)
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


def _need_node():
    import os
    import shutil

    from lasoftmoe.onnx_export import REPO
    if shutil.which("node") is None or not os.path.isdir(os.path.join(REPO, "node_modules/onnxruntime-node")):
        pytest.skip("node or onnxruntime-node not installed")


def test_export_parity_with_onnxruntime_node(tmp_path):
    """Exported graph == PyTorch within 1e-4 through onnxruntime-node; a perturbed reference fails the check."""
    import json

    import numpy as np

    from lasoftmoe.onnx_export import check_parity, export_graph, run_parity

    _need_node()
    torch.manual_seed(3)
    model = LaSoftMoECLIP(tiny("lasoftmoe")).eval()
    path = str(tmp_path / "m.onnx")
    export_graph(model, path)
    x = torch.randn(2, 3, 112, 112).numpy()
    report = check_parity(model, path, x, str(tmp_path / "parity"))
    assert "moe1_combine" in report and "max abs error" in report
    index = json.loads((tmp_path / "parity" / "index.json").read_text())
    ref = tmp_path / "parity" / index["models"]["m"]["outputs"]["moe1_combine"]["file"]
    data = np.fromfile(ref, dtype="<f4")
    data[7] += 1e-3  # one routing element off by 1e-3 must fail the check
    data.tofile(ref)
    with pytest.raises(RuntimeError, match="parity check failed"):
        run_parity(str(tmp_path / "parity" / "index.json"))


def test_external_data_above_the_protobuf_limit(tmp_path, monkeypatch):
    """A graph above the limit keeps its weights in <name>.onnx.data, hashed in the sidecar; ORT still matches."""
    import json

    from lasoftmoe import onnx_export

    _need_node()
    monkeypatch.setattr(onnx_export, "PROTOBUF_LIMIT", 1024)  # any real model is above this
    torch.manual_seed(4)
    model = LaSoftMoECLIP(tiny("softmoe")).eval()
    card = onnx_export.build_sidecar(model.cfg, training={}, metrics={}, metrics_note="", thresholds=[],
                                     extra_blocks={"domain": {"note": "an extra block"}})
    card = onnx_export.write_model(model, str(tmp_path), "big", card)
    assert card["external_data"]["file"] == "big.onnx.data" and card["domain"] == {"note": "an extra block"}
    assert (tmp_path / "big.onnx").stat().st_size < 200_000 < (tmp_path / "big.onnx.data").stat().st_size
    assert json.loads((tmp_path / "big.model.json").read_text())["external_data"]["sha256"] == \
        onnx_export.sha256(str(tmp_path / "big.onnx.data"))
    onnx_export.check_parity(model, str(tmp_path / "big.onnx"), torch.randn(2, 3, 112, 112).numpy(),
                             str(tmp_path / "parity"))


def test_config_files_and_refusals(tmp_path):
    import json

    from lasoftmoe.config import load_config
    cfg = load_config(os.path.join(MODELS, "configs", "vit_b16_depth2.json"))
    assert (cfg.image_size, cfg.patch_size, cfg.heads, cfg.width, cfg.depth) == (224, 16, 12, 768, 2)
    assert (cfg.tokens, cfg.experts, cfg.num_slots, cfg.moe_layer_indices) == (197, 4, 49, (0, 1))
    assert load_config("vit_b16", "dense").moe is False and load_config("tiny").image_size == 112
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"base": "vit_b16", "widht": 3}))
    with pytest.raises(ValueError, match="unknown config field"):
        load_config(str(bad))
    with pytest.raises(ValueError, match="neither"):
        load_config("vit_b32")


def test_export_cli_reduced_depth_vit_b16(tmp_path, capsys):
    """The export entry point on the 224²/12-head shapes of vit_b16 (2 blocks): files, sidecar, parity printed."""
    import json

    from lasoftmoe.export import main

    _need_node()
    main(["--config", os.path.join(MODELS, "configs", "vit_b16_depth2.json"), "--init", "random", "--seed", "1",
          "--out", str(tmp_path), "--name", "vb"])
    printed = capsys.readouterr().out
    assert "max abs error over all outputs" in printed and "moe1_dispatch" in printed
    card = json.loads((tmp_path / "vb.model.json").read_text())
    assert card["name"] == "vb" and card["architecture"]["image_size"] == 224 and card["architecture"]["heads"] == 12
    assert card["moe"]["layers"] == [0, 1] and card["moe"]["slots"] == 49 and card["metrics"] == {}
    assert "random initialisation, seed 1" in card["training"]["weights"] and "external_data" not in card
    proto = onnx.load(str(tmp_path / "vb.onnx"), load_external_data=False)
    assert json.loads(dict((p.key, p.value) for p in proto.metadata_props)["model.json"])["name"] == "vb"
    dims = [d.dim_value for d in proto.graph.input[0].type.tensor_type.shape.dim[1:]]
    assert dims == [3, 224, 224]
    with pytest.raises(SystemExit):
        main(["--config", "vit_b16", "--out", str(tmp_path)])  # no weights source
