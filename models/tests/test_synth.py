# SynthUAD generator tests: deterministic by seed, UniAttackData-shaped paths, protocol list contents.
# Python / pytest (models/tests).
import hashlib

import pytest

from lasoftmoe.data import identity_of, read_list, species_of
from lasoftmoe.synth.attacks import LABEL
from lasoftmoe.synth.generate import GenerateError, generate, listed_identities, write_protocols


def _digest(root, rows):
    h = hashlib.sha256()
    for split in sorted(rows):
        for rel, lab in rows[split]:
            h.update(f"{rel} {lab}".encode())
            h.update((root / rel).read_bytes())
    return h.hexdigest()


def test_generator_is_deterministic_and_paths_parse(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    rows_a = generate(str(a), (2, 1, 1), seed=5, root="SynthUAD")
    rows_b = generate(str(b), (2, 1, 1), seed=5, root="SynthUAD", workers=2)  # same output in parallel
    assert rows_a == rows_b
    assert _digest(a, rows_a) == _digest(b, rows_b)
    all_rows = [r for split in rows_a.values() for r in split]
    assert len(all_rows) == 4 * 15
    species = {species_of(rel) for rel, _ in all_rows}
    assert species == {"live"} | set(LABEL)
    assert len(LABEL) >= 8
    for rel, lab in all_rows:
        sp = species_of(rel)
        assert lab == (0 if sp == "live" else LABEL[sp])
    ids = {split: {identity_of(rel) for rel, _ in rows} for split, rows in rows_a.items()}
    assert not (ids["train"] & ids["dev"]) and not (ids["train"] & ids["test"]) and not (ids["dev"] & ids["test"])
    names = write_protocols(str(a), "SynthUAD", rows_a)
    p21 = read_list(str(a / "SynthUAD@p2.1_image_test.txt"))
    assert {lab for _, lab in p21} == {0, 1}  # unseen physical: live + physical only
    p22_train = read_list(str(a / "SynthUAD@p2.2_image_train.txt"))
    assert {lab for _, lab in p22_train} == {0, 1}
    assert len(names) == 9


def test_real_uniattackdata_paths_parse():
    assert species_of("UniAttackData/Data/spoof/east-asia/EA-456/cloth-outdoor/color/0145.jpg") == "cloth-outdoor"
    assert species_of("UniAttackData/Data/adv-attacks/fgtm/ai_fgtm_africa-112x112/AF-1/0081.jpg") == "fgtm"
    assert species_of("UniAttackData/Data/DaGAN/africa_faces/AF-441-To-CA-330/27.jpg") == "DaGAN"
    assert species_of("UniAttackData/Data/live/east-asia/EA-456/real.rssdk/color/0129.jpg") == "live"
    assert identity_of("UniAttackData/Data/OneShotTH/east-asia/EA-335-To-ref2/27.jpg") == "EA-335"


def test_append_extends_lists_and_refuses_listed_identities(tmp_path):
    out = str(tmp_path)
    base = generate(out, (1, 1, 1), seed=5, root="SynthUAD")
    write_protocols(out, "SynthUAD", base)
    before = {split: read_list(str(tmp_path / f"SynthUAD@p1_image_{split}.txt")) for split in ("train", "dev", "test")}
    taken = listed_identities(out, "SynthUAD")
    assert len(taken) == 3
    with pytest.raises(GenerateError, match="at least 2 identities"):  # a face swap needs a donor
        generate(str(tmp_path / "one"), (1, 0, 0), seed=6, root="SynthUAD", id_offset=100)
    with pytest.raises(GenerateError, match="already listed"):  # same offset: the base identities again
        generate(str(tmp_path / "clash"), (2, 0, 0), seed=6, root="SynthUAD", taken=taken)
    assert not (tmp_path / "clash").exists() and not (tmp_path / "one").exists()  # refused before writing
    ext = generate(out, (2, 1, 0), seed=6, root="SynthUAD", id_offset=100, taken=taken)
    write_protocols(out, "SynthUAD", ext, append=True)
    after = {split: read_list(str(tmp_path / f"SynthUAD@p1_image_{split}.txt")) for split in ("train", "dev", "test")}
    assert after["train"] == before["train"] + ext["train"] and len(after["train"]) == 3 * 15
    assert after["dev"] == before["dev"] + ext["dev"]
    assert after["test"] == before["test"]  # no test identities drawn: the test list is untouched
    ids = {split: {identity_of(rel) for rel, _ in rows} for split, rows in after.items()}
    assert not (ids["train"] & ids["dev"]) and not (ids["train"] & ids["test"]) and not (ids["dev"] & ids["test"])
    for rel, _ in after["train"] + after["dev"]:
        assert (tmp_path / rel).exists()
