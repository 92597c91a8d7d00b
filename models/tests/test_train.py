# Training-script behaviour: whole-pixel translation, lockstep variants equal solo runs, continuation checks,
# the weight average.
# Python / pytest (models/tests).
import numpy as np
import pytest

from lasoftmoe.train import shift_batch


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


def _train(monkeypatch, data, out, *flags):
    from lasoftmoe import train
    monkeypatch.setattr("sys.argv", ["lasoftmoe.train", "--data", str(data), "--cache", str(data / "cache"),
                                     "--out", str(out), "--batch", "8", "--eval-every", "0", *flags])
    train.main()


def test_lockstep_variants_train_exactly_as_if_alone(tmp_path, monkeypatch):
    # a comma list of variants must see the same batches and initial weights as a solo run of each variant
    import torch
    from lasoftmoe.synth.generate import generate, write_protocols
    data = tmp_path / "synth"
    write_protocols(str(data), "SynthUAD", generate(str(data), (2, 1, 1), seed=3, root="SynthUAD"))
    _train(monkeypatch, data, tmp_path / "solo", "--variant", "softmoe", "--steps", "3")
    _train(monkeypatch, data, tmp_path / "lock", "--variant", "dense,softmoe", "--steps", "3")
    solo = torch.load(tmp_path / "solo" / "softmoe-p1.pt")["state_dict"]
    lock = torch.load(tmp_path / "lock" / "softmoe-p1.pt")["state_dict"]
    from lasoftmoe import tiny
    from lasoftmoe.train import initial_model
    init = initial_model(tiny("softmoe"), 0, True).state_dict()
    assert solo.keys() == lock.keys()
    for k in solo:
        torch.testing.assert_close(lock[k], solo[k], rtol=0, atol=0)
    assert any(not torch.equal(solo[k], init[k]) for k in solo)  # the three steps changed the weights

    # continuing from those checkpoints works; a checkpoint of another architecture is refused
    _train(monkeypatch, data, tmp_path / "cont", "--variant", "softmoe", "--steps", "2", "--init",
           str(tmp_path / "lock"), "--ema", "0.9")
    cont = torch.load(tmp_path / "cont" / "softmoe-p1.pt")["state_dict"]
    assert any(not torch.equal(cont[k], lock[k]) for k in cont)  # the saved average moved with the training
    with pytest.raises(SystemExit, match="architecture differs"):
        _train(monkeypatch, data, tmp_path / "bad", "--variant", "softmoe", "--steps", "2", "--width", "32",
               "--heads", "2", "--init", str(tmp_path / "lock"))


def test_training_stages_follow_init_and_refuse_a_loop(tmp_path):
    import json
    from lasoftmoe.checkpoints import training_stages
    first = {"steps": 10, "batch": 8, "lr": 1e-3, "device": "cuda", "train_seconds": 1.0}
    (tmp_path / "a.metrics.json").write_text(json.dumps(first))
    second = {"steps": 5, "batch": 8, "lr": 5e-4, "device": "cpu", "train_seconds": 2.0,
              "init_from": str(tmp_path / "a.pt")}
    assert [s["steps"] for s in training_stages(second)] == [10, 5]
    # a run saved over the checkpoint it started from: its history would loop forever
    (tmp_path / "b.metrics.json").write_text(json.dumps({**second, "init_from": str(tmp_path / "b.pt")}))
    with pytest.raises(ValueError, match="loops"):
        training_stages({**second, "init_from": str(tmp_path / "b.pt")})


def test_ema_update_is_the_exponential_average_of_the_weights():
    import copy

    import torch
    from lasoftmoe.train import ema_update
    torch.manual_seed(0)
    model = torch.nn.Linear(3, 2)
    averaged = copy.deepcopy(model)
    w0 = model.weight.detach().clone()
    with torch.no_grad():
        model.weight.add_(1.0)
    ema_update(averaged, model, 0.9)
    assert torch.allclose(averaged.weight, 0.9 * w0 + 0.1 * (w0 + 1.0))
    with torch.no_grad():
        model.weight.add_(1.0)
    ema_update(averaged, model, 0.9)
    assert torch.allclose(averaged.weight, 0.9 * (0.9 * w0 + 0.1 * (w0 + 1.0)) + 0.1 * (w0 + 2.0))
    assert not torch.equal(averaged.weight, model.weight)  # a copy, not the trained tensors
