# TF.js graph model → ONNX converter used for the face detector, anti-spoof CNN and faceres (models/face/).
# Python / numpy + onnx (models/); no torch needed.
from .convert import ConversionError, convert, read_weights, sha256  # noqa: F401
