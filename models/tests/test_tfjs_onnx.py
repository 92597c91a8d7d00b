# Tests of the TF.js → ONNX converter (models/tfjs_onnx): the committed face models are exactly what the
# converter makes from the npm package's graphs, and unsupported input is refused clearly. Python (models/tests).
import json
import os

import numpy as np
import onnx
import pytest

from tfjs_onnx import ConversionError, convert, read_weights

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HUMAN = os.path.join(ROOT, 'node_modules', '@vladmandic', 'human', 'models')
FACE = os.path.join(ROOT, 'models', 'face')
needs_human = pytest.mark.skipif(not os.path.isdir(HUMAN), reason='npm devDependency @vladmandic/human not installed')


@needs_human
@pytest.mark.parametrize('name', ['blazeface', 'antispoof'])
def test_committed_onnx_is_the_converters_output(name):
    committed = onnx.load(os.path.join(FACE, f'{name}.onnx'))
    meta = {p.key: p.value for p in committed.metadata_props}
    src = {k: meta[k] for k in ('source_package', 'source_version', 'source_file', 'source_json_sha256')}
    fresh = convert(os.path.join(HUMAN, f'{name}.json'), source=src)
    assert fresh.SerializeToString() == committed.SerializeToString()


@needs_human
def test_blazeface_graph_shape():
    m = onnx.load(os.path.join(FACE, 'blazeface.onnx'))
    assert [i.name for i in m.graph.input] == ['input']
    dims = [d.dim_param or d.dim_value for d in m.graph.input[0].type.tensor_type.shape.dim]
    assert dims == ['batch', 256, 256, 3]
    outs = {o.name: [d.dim_param or d.dim_value for d in o.type.tensor_type.shape.dim] for o in m.graph.output}
    assert sorted(outs) == ['Identity', 'Identity_1', 'Identity_2', 'Identity_3']
    assert sorted(v[1:] for v in outs.values()) == [[384, 1], [384, 16], [512, 1], [512, 16]]


@needs_human
def test_float16_weights_decoded():
    spec = json.load(open(os.path.join(HUMAN, 'antispoof.json')))
    w = read_weights(HUMAN, spec['weightsManifest'])
    assert w['unknown'].shape == (3, 3, 3, 64) and w['unknown'].dtype == np.float32
    assert np.isfinite(w['unknown']).all() and np.abs(w['unknown']).max() > 0


def _write_graph(tmp_path, nodes, weights=(), data=b''):
    (tmp_path / 'w.bin').write_bytes(data)
    spec = {'format': 'graph-model', 'modelTopology': {'node': nodes},
            'weightsManifest': [{'paths': ['w.bin'], 'weights': list(weights)}]}
    path = tmp_path / 'model.json'
    path.write_text(json.dumps(spec))
    return str(path)


def test_unsupported_op_is_refused_by_name(tmp_path):
    nodes = [{'name': 'x', 'op': 'Placeholder', 'attr': {'shape': {'shape': {'dim': [{'size': '1'}, {'size': '4'}, {'size': '4'}, {'size': '3'}]}}}},
             {'name': 'y', 'op': 'ResizeBilinear', 'input': ['x']}]
    with pytest.raises(ConversionError, match='ResizeBilinear'):
        convert(_write_graph(tmp_path, nodes))


def test_short_weight_shard_is_refused(tmp_path):
    nodes = [{'name': 'c', 'op': 'Const'}]
    path = _write_graph(tmp_path, nodes, [{'name': 'c', 'shape': [4], 'dtype': 'float32'}], b'\0' * 8)
    with pytest.raises(ConversionError, match='shard ends'):
        convert(path)
