# pytest setup for the La-SoftMoE package: import path and single-threaded torch.
# Python (models/tests).
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
torch.set_num_threads(1)
