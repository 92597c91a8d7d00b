# ONNX export under the model contract (ARCHITECTURE.md §3): graph, model.json sidecar, metadata_props, external data
# above 2 GB, and the onnxruntime-node parity check on the exported file. Python / PyTorch + onnx (models/).
# Extra sidecar blocks: pass `extra_blocks` ({key: JSON-able value}) to build_sidecar / write_model.
from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from typing import Dict, Optional

import numpy as np
import onnx
import torch

from .config import CLASS_NAMES, CLIP_MEAN, CLIP_STD, LaSoftMoEConfig
from .model import ImageOnlyExport, LaSoftMoECLIP, class_prompts, output_names

VERSION = "0.2.0"
OPSET = 17
PROTOBUF_LIMIT = 2 * 1024 ** 3 - 64 * 1024 ** 2  # keep a margin below protobuf's 2 GiB message limit
MODELS_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REPO = os.path.dirname(MODELS_DIR)
PARITY_SCRIPT = os.path.join(MODELS_DIR, "scripts", "ort_parity.mjs")
TOLERANCE = 1e-4


def export_graph(model: LaSoftMoECLIP, path: str) -> None:
    """Trace the image-only graph to `path` (opset 17, dynamic batch, every other dim static).
    A graph above the protobuf limit is written with its weights in `<path>.data`."""
    cfg = model.cfg
    wrapper = ImageOnlyExport(model).eval()
    names = output_names(cfg)
    dummy = torch.zeros(2, 3, cfg.image_size, cfg.image_size)
    dyn = {"pixel_values": {0: "batch"}, **{n: {0: "batch"} for n in names}}
    with tempfile.TemporaryDirectory() as tmp:  # torch writes one file per tensor when it goes external
        raw = os.path.join(tmp, "raw.onnx")
        torch.onnx.export(wrapper, (dummy,), raw, input_names=["pixel_values"], output_names=names,
                          dynamic_axes=dyn, opset_version=OPSET, do_constant_folding=True)
        proto = onnx.load(raw)  # loads external tensors too
    # the tracer leaves the token axis symbolic; pin every non-batch dim to the contract's static shape
    n, e, s = cfg.tokens, cfg.experts, cfg.num_slots
    static = {"logits": [len(CLASS_NAMES)], "attack_score": [], "embedding": [cfg.embed_dim]}
    for o in proto.graph.output:
        dims = o.type.tensor_type.shape.dim
        want = static.get(o.name, [n, e, s])
        for d, v in zip(dims[1:], want):
            d.Clear()
            d.dim_value = v
    save(proto, path)


def weight_bytes(proto: onnx.ModelProto) -> int:
    return sum(int(np.prod(t.dims)) * 4 for t in proto.graph.initializer)


def save(proto: onnx.ModelProto, path: str) -> Optional[str]:
    """Save `proto`; above the protobuf limit the weights go to `<name>.onnx.data` beside it (returned)."""
    if weight_bytes(proto) < PROTOBUF_LIMIT:
        onnx.save(proto, path)
        return None
    data = os.path.basename(path) + ".data"
    if os.path.exists(os.path.join(os.path.dirname(path), data)):
        os.remove(os.path.join(os.path.dirname(path), data))  # onnx appends to an existing data file
    onnx.save(proto, path, save_as_external_data=True, all_tensors_to_one_file=True, location=data,
              size_threshold=1024)
    return data


def sha256(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def build_sidecar(cfg: LaSoftMoEConfig, *, training: dict, metrics: dict, metrics_note: str,
                  thresholds: list, prompts_note: Optional[str] = None,
                  extra_blocks: Optional[Dict[str, object]] = None) -> dict:
    """The model.json of the contract for an image-only export of `cfg` (extra_blocks are added as given)."""
    n, e, s = cfg.tokens, cfg.experts, cfg.num_slots
    outputs = [{"name": "logits", "shape": ["B", len(CLASS_NAMES)]}, {"name": "attack_score", "shape": ["B"]},
               {"name": "embedding", "shape": ["B", cfg.embed_dim]}]
    for layer in cfg.moe_layer_indices:
        outputs += [{"name": f"moe{layer}_dispatch", "shape": ["B", n, e, s]},
                    {"name": f"moe{layer}_combine", "shape": ["B", n, e, s]}]
    tokenizer = "word-level (tiny)" if cfg.vocab_size <= 1024 else "CLIP BPE ids"
    card = {
        "name": cfg.name, "version": VERSION, "format": "uad-workbench-model/1",
        "architecture": {"family": "clip-vit", "variant": cfg.variant, "image_size": cfg.image_size,
                         "patch_size": cfg.patch_size, "grid": [cfg.grid, cfg.grid], "tokens": n,
                         "cls_token_index": 0, "pool": cfg.pool, "width": cfg.width, "depth": cfg.depth,
                         "heads": cfg.heads,
                         "mlp_ratio": cfg.mlp_ratio, "embed_dim": cfg.embed_dim,
                         "text": {"width": cfg.text_width, "depth": cfg.text_depth, "heads": cfg.text_heads,
                                  "context_length": cfg.context_length, "tokenizer": tokenizer}},
        "moe": None if not cfg.moe else {
            "layers": list(cfg.moe_layer_indices), "experts": e, "slots": s, "capacity": cfg.capacity,
            "weighting": cfg.weighting, "placement": cfg.placement,
            "phi": cfg.phi if cfg.weighting == "linear" else None,
            "norm_axis": cfg.la_norm_axis if cfg.weighting == "linear" else None,
            "expert_width": cfg.expert_width, "router_dtype": "float32"},
        "classes": {"names": list(CLASS_NAMES), "prompts": class_prompts(cfg), "attack_index": 1},
        "inputs": [{"name": "pixel_values", "shape": ["B", 3, cfg.image_size, cfg.image_size], "dtype": "float32"}],
        "outputs": outputs,
        "preprocessing": {"resize": cfg.image_size, "resize_mode": "shorter_side", "interpolation": "bicubic",
                          "crop": cfg.image_size, "crop_mode": "center", "rescale": 1 / 255,
                          "mean": list(CLIP_MEAN), "std": list(CLIP_STD), "colour_order": "RGB", "layout": "NCHW"},
        "score": {"output": "attack_score", "definition": "softmax(logits)[:, 1] (probability of 'fake')",
                  "range": [0, 1], "higher_means": "attack", "decision": "attack when attack_score >= threshold"},
        "thresholds": thresholds,
        "training": training,
        "metrics": metrics,
        "metrics_note": metrics_note,
        "exporter": {"module": "lasoftmoe.export", "torch": torch.__version__, "onnx": onnx.__version__,
                     "opset": OPSET},
    }
    if prompts_note:
        card["classes"]["prompts_note"] = prompts_note
    for key, block in (extra_blocks or {}).items():
        card[key] = block
    return card


def write_model(model: LaSoftMoECLIP, out_dir: str, name: str, card: dict) -> dict:
    """Export `model` to <out_dir>/<name>.onnx with `card` in metadata_props, write <name>.model.json;
    returns the card as written (with sha256, onnx_file and, above 2 GB, external_data)."""
    os.makedirs(out_dir, exist_ok=True)
    onnx_path = os.path.join(out_dir, f"{name}.onnx")
    card = {**card, "name": name}
    export_graph(model, onnx_path)
    proto = onnx.load(onnx_path)
    onnx.checker.check_model(onnx_path)  # by path: works for external data too
    del proto.metadata_props[:]
    for k, val in (("model.json", json.dumps(card)), ("name", name), ("version", VERSION),
                   ("variant", model.cfg.variant)):
        entry = proto.metadata_props.add()
        entry.key, entry.value = k, val
    proto.producer_name = "uad-workbench lasoftmoe.export"
    data = save(proto, onnx_path)
    card["onnx_file"] = os.path.basename(onnx_path)
    card["sha256"] = sha256(onnx_path)
    if data:
        card["external_data"] = {"file": data, "sha256": sha256(os.path.join(out_dir, data))}
    card["metadata_props_note"] = "ONNX metadata_props['model.json'] mirrors this file minus sha256/onnx_file"
    with open(os.path.join(out_dir, f"{name}.model.json"), "w") as f:
        json.dump(card, f, indent=1)
    return card


def write_tensor(path: str, t: np.ndarray, stride: int = 1) -> dict:
    flat = np.ascontiguousarray(t, dtype="<f4").reshape(-1)
    flat[::stride].tofile(path)
    return {"file": os.path.basename(path), "shape": list(t.shape), "dtype": "float32", "stride": stride}


def reference_outputs(model: LaSoftMoECLIP, x: np.ndarray) -> Dict[str, np.ndarray]:
    with torch.no_grad():
        outs = ImageOnlyExport(model).eval()(torch.from_numpy(x))
    return {n: t.numpy() for n, t in zip(output_names(model.cfg), outs)}


def run_parity(index_path: str) -> str:
    """Run models/scripts/ort_parity.mjs on a parity index; returns its report, raises if any output > 1e-4."""
    node = shutil.which("node")
    if node is None:
        raise RuntimeError("node is not on PATH: the onnxruntime-node parity check cannot run")
    res = subprocess.run([node, PARITY_SCRIPT, index_path], cwd=REPO, capture_output=True, text=True)
    report = res.stdout + res.stderr
    if res.returncode != 0:
        raise RuntimeError("ONNX Runtime parity check failed:\n" + report)
    return report


def check_parity(model: LaSoftMoECLIP, onnx_path: str, x: np.ndarray, work_dir: str) -> str:
    """torch vs onnxruntime-node on the exported file itself, every output (scores and routing), full tensors."""
    os.makedirs(work_dir, exist_ok=True)
    index = {"input": write_tensor(os.path.join(work_dir, "pixel_values.f32"), x),
             "models": {"m": {"onnx": os.path.abspath(onnx_path), "outputs": {
                 n: write_tensor(os.path.join(work_dir, f"{n}.f32"), t)
                 for n, t in reference_outputs(model, x).items()}}}}
    path = os.path.join(work_dir, "index.json")
    with open(path, "w") as f:
        json.dump(index, f)
    return run_parity(path)
