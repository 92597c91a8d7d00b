# Tests of the TF.js → ONNX converter (models/tfjs_onnx): the committed face models are exactly what the
# converter makes from the npm package's graphs, single ops match numpy on hand-built graphs, and
# unsupported input is refused clearly. Python (models/tests).
import json
import os

import numpy as np
import onnx
import pytest
from onnx import helper, numpy_helper

from tfjs_onnx import ConversionError, convert, read_weights

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HUMAN = os.path.join(ROOT, 'node_modules', '@vladmandic', 'human', 'models')
FACE = os.path.join(ROOT, 'models', 'face')
needs_human = pytest.mark.skipif(not os.path.isdir(HUMAN), reason='npm devDependency @vladmandic/human not installed')


@needs_human
@pytest.mark.parametrize('name', ['blazeface', 'antispoof', 'faceres'])
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
def test_faceres_graph_shape():
    m = onnx.load(os.path.join(FACE, 'faceres.onnx'))
    assert [i.name for i in m.graph.input] == ['input_1']
    dims = [d.dim_param or d.dim_value for d in m.graph.input[0].type.tensor_type.shape.dim]
    assert dims == ['batch', 224, 224, 3]
    outs = {o.name: [d.dim_param or d.dim_value for d in o.type.tensor_type.shape.dim] for o in m.graph.output}
    assert outs == {'age_pred/Softmax': ['batch', 100], 'gender_pred/Sigmoid': ['batch', 1],
                    'global_pooling/Mean': ['batch', 1024]}


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


# --- single ops on hand-built graphs, run by a numpy interpreter of the few ONNX ops they produce ---

def _image(name, c):
    """A TF.js Placeholder for an NHWC image batch [-1, 3, 4, c]."""
    dims = [{'size': str(d)} for d in (-1, 3, 4, c)]
    return {'name': name, 'op': 'Placeholder', 'attr': {'shape': {'shape': {'dim': dims}}}}


def _write_consts(tmp_path, nodes, consts):
    """A graph file whose Const nodes hold the given numpy arrays (float32 or int32) in one weight shard."""
    weights = [{'name': k, 'shape': list(v.shape), 'dtype': {np.float32: 'float32', np.int32: 'int32'}[v.dtype.type]}
               for k, v in consts.items()]
    const_nodes = [{'name': k, 'op': 'Const'} for k in consts]
    data = b''.join(np.ascontiguousarray(v).tobytes() for v in consts.values())
    return _write_graph(tmp_path, const_nodes + nodes, weights, data)


def _softmax(x, axis):
    e = np.exp(x - x.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def _run(model, feeds):
    """Evaluates an ONNX graph with numpy, following the ONNX operator definitions (opset 13) of exactly the
    ops the hand-built graphs below convert to; any other op fails the test."""
    env = {i.name: numpy_helper.to_array(i) for i in model.graph.initializer}
    env.update(feeds)
    for n in model.graph.node:
        a = [env[i] for i in n.input]
        attrs = {x.name: helper.get_attribute_value(x) for x in n.attribute}
        if n.op_type == 'Transpose':
            y = np.transpose(a[0], attrs['perm'])
        elif n.op_type in ('Min', 'Max'):
            y = a[0]
            for other in a[1:]:
                y = (np.minimum if n.op_type == 'Min' else np.maximum)(y, other)
        elif n.op_type == 'ReduceMean':
            y = a[0].mean(axis=tuple(attrs['axes']), keepdims=bool(attrs.get('keepdims', 1)))
        elif n.op_type == 'Softmax':
            y = _softmax(a[0], attrs.get('axis', -1))
        elif n.op_type == 'Identity':
            y = a[0]
        else:
            raise AssertionError(f'the test interpreter has no {n.op_type}')
        env[n.output[0]] = y.astype(np.float32)
    return {o.name: env[o.name] for o in model.graph.output}


RNG = np.random.default_rng(7)
X = (RNG.standard_normal((2, 3, 4, 5)) * 5).astype(np.float32)  # NHWC batch of 2, values well beyond [0, 6]


def test_minimum_maximum_with_scalar_constants_clip(tmp_path):
    # Keras' ReLU6 as TF exports it: clip_by_value = Maximum(Minimum(x, 6), 0) with scalar constants.
    nodes = [_image('x', 5),
             {'name': 'lo', 'op': 'Minimum', 'input': ['x', 'six']},
             {'name': 'y', 'op': 'Maximum', 'input': ['lo', 'zero']}]
    path = _write_consts(tmp_path, nodes, {'six': np.array(6, np.float32), 'zero': np.array(0, np.float32)})
    model = convert(path)
    assert {n.op_type for n in model.graph.node} >= {'Min', 'Max'}
    got = _run(model, {'x': X})['y']
    assert got.shape == X.shape
    np.testing.assert_array_equal(got, np.clip(X, 0, 6))


def test_minimum_maximum_with_per_channel_constants(tmp_path):
    cap = np.array([0.5, 1, 2, 3, 4], np.float32)
    floor = np.array([-4, -3, -2, -1, 0], np.float32)
    nodes = [_image('x', 5),
             {'name': 'lo', 'op': 'Minimum', 'input': ['x', 'cap']},
             {'name': 'y', 'op': 'Maximum', 'input': ['floor', 'lo']}]
    model = convert(_write_consts(tmp_path, nodes, {'cap': cap, 'floor': floor}))
    np.testing.assert_array_equal(_run(model, {'x': X})['y'], np.maximum(floor, np.minimum(X, cap)))


@pytest.mark.parametrize('keep_dims', [False, True])
@pytest.mark.parametrize('axes', [[1, 2], [2, 1], [-3, -2]])
def test_spatial_mean(tmp_path, keep_dims, axes):
    nodes = [_image('x', 5),
             {'name': 'y', 'op': 'Mean', 'input': ['x', 'axes'], 'attr': {'keep_dims': {'b': keep_dims}}}]
    model = convert(_write_consts(tmp_path, nodes, {'axes': np.array(axes, np.int32)}))
    dims = [d.dim_param or d.dim_value for d in model.graph.output[0].type.tensor_type.shape.dim]
    assert dims == (['batch', 1, 1, 5] if keep_dims else ['batch', 5])
    got = _run(model, {'x': X})['y']
    want = X.mean(axis=(1, 2), keepdims=keep_dims)
    assert got.shape == want.shape
    np.testing.assert_allclose(got, want, rtol=1e-6, atol=1e-6)


def test_softmax_over_channels_of_an_image_tensor(tmp_path):
    # TF's Softmax normalises the last axis: the channels of an NHWC tensor, not the NCHW ones inside ONNX.
    nodes = [_image('x', 5), {'name': 'y', 'op': 'Softmax', 'input': ['x']}]
    got = _run(convert(_write_graph(tmp_path, nodes)), {'x': X})['y']
    assert got.shape == X.shape
    np.testing.assert_allclose(got, _softmax(X.astype(np.float64), -1), rtol=1e-5, atol=1e-7)
    np.testing.assert_allclose(got.sum(axis=-1), 1, rtol=1e-6)


def test_softmax_after_global_pooling(tmp_path):
    # The faceres head pattern in miniature: global average pooling, then Softmax of the pooled vector.
    nodes = [_image('x', 5),
             {'name': 'pool', 'op': 'Mean', 'input': ['x', 'axes'], 'attr': {'keep_dims': {'b': False}}},
             {'name': 'y', 'op': 'Softmax', 'input': ['pool']}]
    model = convert(_write_consts(tmp_path, nodes, {'axes': np.array([1, 2], np.int32)}))
    got = _run(model, {'x': X})['y']
    np.testing.assert_allclose(got, _softmax(X.astype(np.float64).mean(axis=(1, 2)), -1), rtol=1e-5, atol=1e-7)


@pytest.mark.parametrize('axes', [[3], [1], [0], [1, 2, 3], [0, 1, 2], [1, 3]])
def test_mean_over_other_axes_is_refused(tmp_path, axes):
    nodes = [_image('x', 5), {'name': 'y', 'op': 'Mean', 'input': ['x', 'axes']}]
    path = _write_consts(tmp_path, nodes, {'axes': np.array(axes, np.int32)})
    with pytest.raises(ConversionError, match=r'y: Mean over axes \[.*\] is not supported; only the spatial axes'):
        convert(path)


def test_mean_of_a_non_image_tensor_is_refused(tmp_path):
    nodes = [_image('x', 5),
             {'name': 'pool', 'op': 'Mean', 'input': ['x', 'axes']},
             {'name': 'y', 'op': 'Mean', 'input': ['pool', 'axes']}]
    path = _write_consts(tmp_path, nodes, {'axes': np.array([1, 2], np.int32)})
    with pytest.raises(ConversionError, match='y: Mean over axes .* of a 4-D NHWC image tensor'):
        convert(path)
