# Soft-MoE layer tests: normalisation invariants, vectorised == per-slot loop reference, no NaN.
# Python / pytest (models/tests).
import pytest
import torch

from lasoftmoe import tiny
from lasoftmoe.softmoe import SoftMoE, soft_moe_reference


def small_cfg(weighting, **kw):
    return tiny("lasoftmoe" if weighting == "linear" else "softmoe", width=16, expert_width=8, experts=3,
                slots=4, **kw)


@pytest.mark.parametrize("weighting", ["softmax", "linear"])
def test_dispatch_and_combine_normalised(weighting):
    torch.manual_seed(0)
    moe = SoftMoE(small_cfg(weighting))
    x = torch.randn(2, 11, 16)
    y, dispatch, combine = moe(x)
    assert y.shape == (2, 11, 16)
    assert dispatch.shape == combine.shape == (2, 11, 3, 4)
    assert torch.allclose(dispatch.sum(dim=1), torch.ones(2, 3, 4), atol=1e-5)  # over tokens
    assert torch.allclose(combine.sum(dim=(2, 3)), torch.ones(2, 11), atol=1e-5)  # over slots
    assert (combine >= 0).all() and (dispatch >= 0).all()
    assert not torch.isnan(y).any()


@pytest.mark.parametrize("weighting,phi,axis", [("softmax", "elu1", "tokens"), ("linear", "elu1", "tokens"),
                                                ("linear", "softplus", "slots"), ("linear", "relu", "none")])
def test_vectorised_matches_loop_reference(weighting, phi, axis):
    torch.manual_seed(1)
    moe = SoftMoE(small_cfg(weighting, phi=phi, la_norm_axis=axis))
    with torch.no_grad():
        moe.scale.fill_(2.5)
        x = torch.randn(2, 9, 16)
        y, _, _ = moe(x)
        ref = soft_moe_reference(moe, x)
    assert torch.allclose(y, ref, atol=1e-5), (y - ref).abs().max()


def test_slot_rule_and_token_count():
    cfg = tiny()
    assert cfg.grid == 14 and cfg.tokens == 197
    assert cfg.num_slots == 49 and cfg.experts == 4
    assert cfg.moe_layer_indices == tuple(range(cfg.depth))


def test_extreme_logits_stay_finite():
    torch.manual_seed(2)
    for weighting in ("softmax", "linear"):
        moe = SoftMoE(small_cfg(weighting))
        with torch.no_grad():
            moe.scale.fill_(200.0)
        x = torch.randn(1, 7, 16) * 1e3
        y, d, c = moe(x)
        assert torch.isfinite(y).all() and torch.isfinite(d).all() and torch.isfinite(c).all()
    # a constant input makes every logit per slot equal: instance norm must not divide by zero
    moe = SoftMoE(small_cfg("linear"))
    y, d, c = moe(torch.ones(1, 5, 16))
    assert torch.isfinite(c).all() and torch.allclose(c.sum(dim=(2, 3)), torch.ones(1, 5), atol=1e-5)
