# CLI: python3 -m tfjs_onnx MODEL.json --out MODEL.onnx [--package NAME --version V] (run in models/).
# Converts a TF.js graph model and records its origin (package, version, file, SHA-256) in the ONNX metadata.
import argparse
import os
import sys

import onnx

from .convert import ConversionError, convert, sha256


def main(argv=None):
    p = argparse.ArgumentParser(prog='python3 -m tfjs_onnx', description=__doc__)
    p.add_argument('model_json')
    p.add_argument('--out', required=True)
    p.add_argument('--package', default='')
    p.add_argument('--version', default='')
    a = p.parse_args(argv)
    src = {'source_package': a.package, 'source_version': a.version,
           'source_file': os.path.basename(a.model_json), 'source_json_sha256': sha256(a.model_json)}
    try:
        model = convert(a.model_json, source=src)
    except (ConversionError, OSError) as e:
        print(f'error: {e}', file=sys.stderr)
        return 2
    onnx.save(model, a.out)
    print(f'{a.out}: {len(model.graph.node)} nodes, sha256 {sha256(a.out)}')
    return 0


if __name__ == '__main__':
    sys.exit(main())
