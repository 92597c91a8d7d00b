# int8 dynamic quantisation of an ONNX graph for bench:inference: every MatMul whose second input is a 2-D float
# weight becomes com.microsoft DynamicQuantizeMatMul (the op onnxruntime's own quantize_dynamic emits: activations
# quantised per call to uint8, weights to int8 per tensor, symmetric). Written with `onnx` only (no onnxruntime
# Python package here). Python (/usr/bin/python3): quantize_dynamic.py IN.onnx OUT.onnx -> JSON summary.
import json
import sys

import numpy as np
import onnx
from onnx import helper, numpy_helper


def main():
    src, dst = sys.argv[1], sys.argv[2]
    model = onnx.load(src)
    graph = model.graph
    weights = {t.name: t for t in graph.initializer}
    nodes, converted, skipped = [], 0, 0
    for node in graph.node:
        w = weights.get(node.input[1]) if node.op_type == "MatMul" and len(node.input) == 2 else None
        if w is None or len(w.dims) != 2 or w.data_type != onnx.TensorProto.FLOAT:
            skipped += node.op_type == "MatMul"
            nodes.append(node)
            continue
        arr = numpy_helper.to_array(w).astype(np.float32)
        scale = np.float32(max(float(np.abs(arr).max()), 1e-8) / 127.0)
        q = np.clip(np.round(arr / scale), -127, 127).astype(np.int8)
        base = f"{w.name}_{converted}"
        graph.initializer.extend([numpy_helper.from_array(q, base + "_q"),
                                  numpy_helper.from_array(np.array(scale, dtype=np.float32), base + "_scale"),
                                  numpy_helper.from_array(np.array(0, dtype=np.int8), base + "_zp")])
        nodes.append(helper.make_node("DynamicQuantizeMatMul", [node.input[0], base + "_q", base + "_scale", base + "_zp"],
                                      list(node.output), name=(node.name or base) + "_dq", domain="com.microsoft"))
        converted += 1
    del graph.node[:]
    graph.node.extend(nodes)
    used = {i for n in graph.node for i in n.input}
    keep = [t for t in graph.initializer if t.name in used]
    del graph.initializer[:]
    graph.initializer.extend(keep)
    if not any(o.domain == "com.microsoft" for o in model.opset_import):
        model.opset_import.append(helper.make_opsetid("com.microsoft", 1))
    onnx.save(model, dst)
    print(json.dumps({"converted_matmuls": converted, "skipped_matmuls": skipped, "out": dst}))


if __name__ == "__main__":
    main()
