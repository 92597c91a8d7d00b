# TF.js graph model (model.json + weight shards) → ONNX, for the small convolutional graphs the
# face pipeline uses (BlazeFace detector, anti-spoof CNN, faceres). Python / numpy + onnx.helper (models/).
#
# Notation: TF.js tensors are NHWC; the ONNX graph keeps the NHWC input and outputs of the original
# (same names, same shapes, dynamic batch) and runs NCHW inside: the input is transposed once, every
# 4-D activation stays NCHW, and a tensor leaves NCHW (Transpose back) only where an op needs the
# original layout (Reshape/flatten, graph outputs). Filters: TF [kh, kw, cin, cout] → ONNX
# [cout, cin, kh, kw]; depthwise TF [kh, kw, cin, m] → ONNX [cin·m, 1, kh, kw], group = cin.
# "SAME" padding is made explicit from the static spatial sizes (TF puts the odd pixel at the end).
import base64
import hashlib
import json
import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OPSET = 13
SUPPORTED = ('Placeholder', 'Const', 'Identity', '_FusedConv2D', 'Conv2D', 'DepthwiseConv2dNative',
             'FusedDepthwiseConv2dNative', 'AddV2', 'Add', 'Sub', 'Mul', 'Relu', 'Relu6', 'Sigmoid', 'Tanh',
             'Elu', 'MaxPool', 'AvgPool', 'Pad', 'PadV2', 'Reshape', 'MatMul', '_FusedMatMul', 'BiasAdd',
             'Minimum', 'Maximum', 'Mean', 'Softmax')
NCHW_TO_NHWC = [0, 2, 3, 1]
NHWC_TO_NCHW = [0, 3, 1, 2]


class ConversionError(ValueError):
    """The graph uses something this converter does not translate."""


def _dtype(name):
    return {'float32': np.float32, 'int32': np.int32, 'bool': np.bool_}[name]


def read_weights(model_dir, manifest):
    """Decode every weight of a TF.js weightsManifest into numpy arrays (float16/uint8/uint16
    quantisation undone as TF.js does it)."""
    out = {}
    for group in manifest:
        buf = b''.join(open(os.path.join(model_dir, p), 'rb').read() for p in group['paths'])
        off = 0
        for w in group['weights']:
            shape = [int(s) for s in w['shape']]
            count = int(np.prod(shape)) if shape else 1
            q = w.get('quantization')
            width = np.dtype(_dtype(w['dtype']) if q is None else q['dtype']).itemsize
            if off + count * width > len(buf):
                raise ConversionError(f"weight {w['name']}: shard ends before the weight does")
            if q is None:
                dt = _dtype(w['dtype'])
                nbytes = count * np.dtype(dt).itemsize
                arr = np.frombuffer(buf, dtype=dt, count=count, offset=off)
            elif q['dtype'] == 'float16':
                nbytes = count * 2
                arr = np.frombuffer(buf, dtype=np.float16, count=count, offset=off).astype(np.float32)
            elif q['dtype'] in ('uint8', 'uint16'):
                qdt = np.uint8 if q['dtype'] == 'uint8' else np.uint16
                nbytes = count * np.dtype(qdt).itemsize
                raw = np.frombuffer(buf, dtype=qdt, count=count, offset=off).astype(np.float32)
                arr = (raw * np.float32(q['scale']) + np.float32(q['min'])).astype(_dtype(w['dtype']))
            else:
                raise ConversionError(f"weight {w['name']}: quantisation {q['dtype']} not supported")
            out[w['name']] = arr.reshape(shape).copy()
            off += nbytes
    return out


def _attr(node, key, default=None):
    a = node.get('attr', {}).get(key)
    if a is None:
        return default
    if 's' in a:
        return base64.b64decode(a['s']).decode()
    if 'list' in a:
        lst = a['list']
        if 'i' in lst:
            return [int(v) for v in lst['i']]
        if 's' in lst:
            return [base64.b64decode(v).decode() for v in lst['s']]
        return []
    if 'i' in a:
        return int(a['i'])
    if 'f' in a:
        return float(a['f'])
    if 'b' in a:
        return bool(a['b'])
    if 'shape' in a:
        return [int(d['size']) for d in a['shape'].get('dim', [])]
    return default


def _same_pads(size, k, stride, dilation):
    """TF 'SAME': output ceil(size / stride); the odd padded pixel goes to the end."""
    out = -(-size // stride)
    total = max((out - 1) * stride + (k - 1) * dilation + 1 - size, 0)
    return total // 2, total - total // 2, out


def _spatial(node, shape, kh, kw, strides, dilations):
    """Explicit ONNX pads [top, left, bottom, right] and the NHWC output H, W."""
    padding = _attr(node, 'padding', 'VALID')
    h, w = shape[1], shape[2]
    if padding == 'SAME':
        t, b, oh = _same_pads(h, kh, strides[0], dilations[0])
        l, r, ow = _same_pads(w, kw, strides[1], dilations[1])
        return [t, l, b, r], oh, ow
    if padding == 'VALID':
        oh = (h - (kh - 1) * dilations[0] - 1) // strides[0] + 1
        ow = (w - (kw - 1) * dilations[1] - 1) // strides[1] + 1
        return [0, 0, 0, 0], oh, ow
    if padding == 'EXPLICIT':
        e = _attr(node, 'explicit_paddings', [])
        t, b, l, r = e[2], e[3], e[4], e[5]
        oh = (h + t + b - (kh - 1) * dilations[0] - 1) // strides[0] + 1
        ow = (w + l + r - (kw - 1) * dilations[1] - 1) // strides[1] + 1
        return [t, l, b, r], oh, ow
    raise ConversionError(f"{node['name']}: padding {padding}")


def _topo(nodes):
    by_name = {n['name']: n for n in nodes}
    order, seen = [], set()

    def visit(name, stack):
        if name in seen:
            return
        if name in stack:
            raise ConversionError(f'cycle at {name}')
        stack.add(name)
        for i in by_name[name].get('input', []):
            src = i.split(':')[0].lstrip('^')
            if src not in by_name:
                raise ConversionError(f'{name}: input {src} is not in the graph')
            visit(src, stack)
        stack.discard(name)
        seen.add(name)
        order.append(by_name[name])

    for n in nodes:
        visit(n['name'], set())
    return order


class _Builder:
    """Emits ONNX nodes while tracking, per TF tensor, its ONNX name, layout and NHWC shape."""

    def __init__(self, weights):
        self.weights = weights
        self.nodes, self.inits = [], []
        self.t = {}  # tf name → (onnx name, layout 'nchw'|'plain', logical NHWC shape or None)
        self.count = 0

    def fresh(self, base):
        self.count += 1
        return f'{base}__{self.count}'

    def init(self, name, arr):
        self.inits.append(numpy_helper.from_array(np.ascontiguousarray(arr), name))
        return name

    def emit(self, op, inputs, base, **attrs):
        out = self.fresh(base)
        self.nodes.append(helper.make_node(op, inputs, [out], name=out, **attrs))
        return out

    def const(self, name):
        if name not in self.weights:
            raise ConversionError(f'constant {name} has no weight in the manifest')
        return self.weights[name]

    def plain(self, tf_name):
        """ONNX name of the tensor in the original (NHWC) layout."""
        onnx_name, layout, _ = self.t[tf_name]
        if layout == 'nchw':
            return self.emit('Transpose', [onnx_name], tf_name + '_nhwc', perm=NCHW_TO_NHWC)
        return onnx_name


def _inputs(node):
    return [i.split(':')[0] for i in node.get('input', []) if not i.startswith('^')]


def convert(model_json_path, graph_name=None, source=None):
    """Returns an onnx.ModelProto equivalent to the TF.js graph model at model_json_path.
    source: optional dict written to metadata_props (package, version, file, sha256)."""
    model_dir = os.path.dirname(os.path.abspath(model_json_path))
    spec = json.load(open(model_json_path))
    if spec.get('format') != 'graph-model':
        raise ConversionError(f"{model_json_path}: format {spec.get('format')!r}, expected 'graph-model'")
    nodes = spec['modelTopology']['node']
    unsupported = sorted({n['op'] for n in nodes} - set(SUPPORTED))
    if unsupported:
        raise ConversionError(f'unsupported ops: {", ".join(unsupported)}')
    b = _Builder(read_weights(model_dir, spec['weightsManifest']))
    graph_inputs, consumed = [], set()
    for n in nodes:
        consumed.update(_inputs(n))

    for n in _topo(nodes):
        op, name, ins = n['op'], n['name'], _inputs(n)
        if op == 'Const':
            b.t[name] = (None, 'const', None)
        elif op == 'Placeholder':
            shape = _attr(n, 'shape', [])
            if len(shape) != 4:
                raise ConversionError(f'{name}: only 4-D NHWC image inputs are supported')
            dims = ['batch'] + [d if d > 0 else f'{name}_d{i}' for i, d in enumerate(shape[1:], 1)]
            graph_inputs.append(helper.make_tensor_value_info(name, TensorProto.FLOAT, dims))
            x = b.emit('Transpose', [name], name + '_nchw', perm=NHWC_TO_NCHW)
            b.t[name] = (x, 'nchw', [-1] + shape[1:])
        elif op in ('_FusedConv2D', 'Conv2D', 'DepthwiseConv2dNative', 'FusedDepthwiseConv2dNative'):
            _conv(b, n, ins)
        elif op in ('MaxPool', 'AvgPool'):
            x, layout, shape = b.t[ins[0]]
            _, kh, kw, _ = _attr(n, 'ksize')
            _, sh, sw, _ = _attr(n, 'strides')
            pads, oh, ow = _spatial(n, shape, kh, kw, [sh, sw], [1, 1])
            y = b.emit(op, [x], name, kernel_shape=[kh, kw], strides=[sh, sw], pads=pads)
            b.t[name] = (y, 'nchw', [shape[0], oh, ow, shape[3]])
        elif op in ('Relu', 'Sigmoid', 'Tanh', 'Elu', 'Identity', 'Relu6'):
            x, layout, shape = b.t[ins[0]]
            if op == 'Relu6':
                y = b.emit('Clip', [x, b.init(b.fresh('zero'), np.array(0, np.float32)),
                                    b.init(b.fresh('six'), np.array(6, np.float32))], name)
            else:
                y = b.emit(op, [x], name)
            b.t[name] = (y, layout, shape)
        elif op in ('AddV2', 'Add', 'Sub', 'Mul', 'BiasAdd', 'Minimum', 'Maximum'):
            _binary(b, n, ins)
        elif op == 'Mean':
            _mean(b, n, ins)
        elif op == 'Softmax':
            y = b.emit('Softmax', [b.plain(ins[0])], name, axis=-1)
            b.t[name] = (y, 'plain', None)
        elif op in ('Pad', 'PadV2'):
            x, layout, shape = b.t[ins[0]]
            p = b.const(ins[1]).astype(np.int64)
            if layout != 'nchw' or p.shape != (4, 2):
                raise ConversionError(f'{name}: Pad is supported on 4-D activations only')
            p = p[NHWC_TO_NCHW]
            pads = b.init(b.fresh(name + '_pads'), np.concatenate([p[:, 0], p[:, 1]]))
            value = float(b.const(ins[2])) if op == 'PadV2' else 0.0
            y = b.emit('Pad', [x, pads, b.init(b.fresh(name + '_value'), np.array(value, np.float32))],
                       name, mode='constant')
            new = [shape[i] + int(p[NCHW_TO_NHWC][i].sum()) if shape[i] > 0 else -1 for i in range(4)]
            b.t[name] = (y, 'nchw', new)
        elif op == 'Reshape':
            target = b.const(ins[1]).astype(np.int64).copy()
            if target.size > 1 and target[0] in (1, -1) and (target[1:] > 0).all():
                target[0] = 0  # the leading 1 is the batch dimension: copy it from the input
            x = b.plain(ins[0])
            y = b.emit('Reshape', [x, b.init(b.fresh(name + '_shape'), target)], name)
            b.t[name] = (y, 'plain', None)
        elif op in ('MatMul', '_FusedMatMul'):
            _matmul(b, n, ins)
        else:  # pragma: no cover - guarded by SUPPORTED
            raise ConversionError(f'{name}: {op}')

    out_names = _output_names(spec, nodes, consumed)
    outputs = []
    for o in out_names:
        x = b.plain(o)
        b.nodes.append(helper.make_node('Identity', [x], [o], name=o + '_out'))
        outputs.append(helper.make_tensor_value_info(o, TensorProto.FLOAT, None))
    graph = helper.make_graph(b.nodes, graph_name or os.path.basename(model_json_path), graph_inputs,
                              outputs, initializer=b.inits)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid('', OPSET)],
                              producer_name='uad-tfjs-onnx', producer_version='1')
    model.ir_version = 8
    meta = {'converted_from': 'tfjs graph-model', 'tfjs_generated_by': str(spec.get('generatedBy', '')),
            'tfjs_converted_by': str(spec.get('convertedBy', ''))}
    meta.update({k: str(v) for k, v in (source or {}).items()})
    for k, v in meta.items():
        model.metadata_props.add(key=k, value=v)
    _fill_output_shapes(model)
    onnx.checker.check_model(model)
    return model


def _fill_output_shapes(model):
    """Graph outputs get the shapes ONNX shape inference derives (the checker requires one)."""
    inferred = onnx.shape_inference.infer_shapes(model)
    known = {v.name: v for v in list(inferred.graph.value_info) + list(inferred.graph.output)}
    for out in model.graph.output:
        v = known.get(out.name)
        if v is None or not v.type.tensor_type.HasField('shape'):
            raise ConversionError(f'output {out.name}: shape inference gave no shape')
        out.type.CopyFrom(v.type)


def _output_names(spec, nodes, consumed):
    sig = spec.get('signature') or (spec.get('userDefinedMetadata') or {}).get('signature') or {}
    names = [v['name'].split(':')[0] for v in (sig.get('outputs') or {}).values()]
    if not names:
        names = [n['name'] for n in nodes if n['op'] != 'Const' and n['name'] not in consumed]
    return sorted(names)


def _conv(b, n, ins):
    name, op = n['name'], n['op']
    x, layout, shape = b.t[ins[0]]
    if layout != 'nchw':
        raise ConversionError(f'{name}: convolution input is not a 4-D image tensor')
    if _attr(n, 'data_format', 'NHWC') != 'NHWC':
        raise ConversionError(f'{name}: data_format must be NHWC')
    f = b.const(ins[1]).astype(np.float32)
    kh, kw, cin, cout = f.shape
    _, sh, sw, _ = _attr(n, 'strides', [1, 1, 1, 1])
    _, dh, dw, _ = _attr(n, 'dilations', [1, 1, 1, 1])
    pads, oh, ow = _spatial(n, shape, kh, kw, [sh, sw], [dh, dw])
    if 'Depthwise' in op:
        weight = f.reshape(kh, kw, cin * cout).transpose(2, 0, 1)[:, None]
        group, channels = cin, cin * cout
    else:
        weight = f.transpose(3, 2, 0, 1)
        group, channels = 1, cout
    inputs = [x, b.init(b.fresh(name + '_W'), weight)]
    fused = _attr(n, 'fused_ops', []) if op.startswith(('_Fused', 'Fused')) else []
    if fused and fused[0] == 'BiasAdd':
        inputs.append(b.init(b.fresh(name + '_B'), b.const(ins[2]).astype(np.float32).reshape(-1)))
        fused = fused[1:]
    elif fused:
        raise ConversionError(f'{name}: fused ops {fused} (only BiasAdd[, activation])')
    y = b.emit('Conv', inputs, name, kernel_shape=[kh, kw], strides=[sh, sw], dilations=[dh, dw],
               pads=pads, group=group)
    y = _activation(b, fused, y, name)
    b.t[name] = (y, 'nchw', [shape[0], oh, ow, channels])


def _activation(b, fused, y, name):
    for act in fused:
        if act == 'Relu':
            y = b.emit('Relu', [y], name + '_relu')
        elif act == 'Relu6':
            y = b.emit('Clip', [y, b.init(b.fresh('zero'), np.array(0, np.float32)),
                                b.init(b.fresh('six'), np.array(6, np.float32))], name + '_relu6')
        elif act == 'Sigmoid':
            y = b.emit('Sigmoid', [y], name + '_sigmoid')
        else:
            raise ConversionError(f'{name}: fused activation {act}')
    return y


def _binary(b, n, ins):
    name = n['name']
    onnx_op = {'AddV2': 'Add', 'Add': 'Add', 'BiasAdd': 'Add', 'Sub': 'Sub', 'Mul': 'Mul', 'Minimum': 'Min',
               'Maximum': 'Max'}[n['op']]
    operands, layouts, shapes = [], [], []
    for i in ins:
        x, layout, shape = b.t[i]
        if layout == 'const':
            operands.append(None)
            layouts.append('const')
            shapes.append(b.const(i))
        else:
            operands.append(x)
            layouts.append(layout)
            shapes.append(shape)
    any_nchw = 'nchw' in layouts
    for k, layout in enumerate(layouts):
        if layout == 'const':
            c = shapes[k].astype(np.float32)
            if any_nchw:
                if c.ndim == 4:
                    c = c.transpose(NHWC_TO_NCHW)
                elif c.ndim == 1 and c.size > 1:
                    c = c.reshape(-1, 1, 1)
                elif c.ndim > 1:
                    raise ConversionError(f'{name}: constant of rank {c.ndim} against an image tensor')
            operands[k] = b.init(b.fresh(name + '_c'), c)
        elif any_nchw and layout != 'nchw':
            raise ConversionError(f'{name}: mixes an image tensor with a non-image tensor')
    y = b.emit(onnx_op, operands, name)
    shape = next((s for s, l in zip(shapes, layouts) if l == 'nchw'), None)
    b.t[name] = (y, 'nchw' if any_nchw else 'plain', shape)


def _mean(b, n, ins):
    """Mean over the spatial axes of an image tensor (global average pooling), NHWC axes 1 and 2."""
    name = n['name']
    x, layout, shape = b.t[ins[0]]
    asked = [int(a) for a in np.atleast_1d(b.const(ins[1]))]
    if layout != 'nchw' or sorted(a % 4 for a in asked) != [1, 2]:
        raise ConversionError(f'{name}: Mean over axes {asked} is not supported; only the spatial axes [1, 2] '
                              'of a 4-D NHWC image tensor (global average pooling)')
    keep = bool(_attr(n, 'keep_dims', False))
    y = b.emit('ReduceMean', [x], name, axes=[2, 3], keepdims=int(keep))
    b.t[name] = (y, 'nchw', [shape[0], 1, 1, shape[3]]) if keep else (y, 'plain', None)


def _matmul(b, n, ins):
    name = n['name']
    x = b.plain(ins[0])
    w = b.const(ins[1]).astype(np.float32)
    ta, tb = int(_attr(n, 'transpose_a', False)), int(_attr(n, 'transpose_b', False))
    fused = _attr(n, 'fused_ops', []) if n['op'] == '_FusedMatMul' else []
    inputs = [x, b.init(b.fresh(name + '_W'), w)]
    if fused and fused[0] == 'BiasAdd':
        inputs.append(b.init(b.fresh(name + '_B'), b.const(ins[2]).astype(np.float32).reshape(-1)))
        fused = fused[1:]
    y = b.emit('Gemm', inputs, name, transA=ta, transB=tb)
    b.t[name] = (_activation(b, fused, y, name), 'plain', None)


def sha256(path):
    h = hashlib.sha256()
    with open(path, 'rb') as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b''):
            h.update(chunk)
    return h.hexdigest()
