# pytest setup for the La-SoftMoE package: single-threaded torch (models/pytest.ini sets the import path).
# Python (models/tests).
import torch

torch.set_num_threads(1)
