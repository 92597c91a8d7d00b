# La-SoftMoE CLIP package: config, Soft-MoE layer, towers, model, metrics, synthetic benchmark.
# Python / PyTorch (models/).
from .config import LaSoftMoEConfig, tiny, vit_b16  # noqa: F401
from .model import ImageOnlyExport, LaSoftMoECLIP, output_names  # noqa: F401
