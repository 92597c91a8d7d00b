# Training-recipe helpers: the translation augmentation moves whole pixels and never resamples.
# Python / pytest (models/tests).
import numpy as np

from train import shift_batch


def test_shift_batch_translates_by_whole_pixels():
    rng = np.random.default_rng(0)
    xb = rng.integers(0, 256, (6, 16, 16, 3), dtype=np.uint8)
    out = shift_batch(xb, 3, np.random.default_rng(1))
    assert out.shape == xb.shape and out.dtype == np.uint8
    padded = np.pad(xb, ((0, 0), (3, 3), (3, 3), (0, 0)), mode="edge")
    dy, dx = np.random.default_rng(1).integers(0, 7, (2, 6))
    for i in range(6):
        np.testing.assert_array_equal(out[i], padded[i, dy[i]:dy[i] + 16, dx[i]:dx[i] + 16])


def test_shift_zero_is_identity():
    xb = np.arange(2 * 8 * 8 * 3, dtype=np.uint8).reshape(2, 8, 8, 3)
    np.testing.assert_array_equal(shift_batch(xb, 0, np.random.default_rng(0)), xb)
