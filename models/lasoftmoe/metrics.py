# ISO/IEC 30107-3 style metrics in numpy for the training/eval scripts (the app's own metrics are in TypeScript).
# Python (models/). Positive class = attack; a sample is called an attack when score >= threshold.
#
# Tie policy: AUC uses average ranks (equals sklearn.roc_auc_score); thresholds are the unique scores.
# NaN scores are rejected. Complexity O(n log n).
from __future__ import annotations

from typing import Dict, Sequence

import numpy as np


def _check(scores: np.ndarray, is_attack: np.ndarray):
    scores = np.asarray(scores, np.float64)
    is_attack = np.asarray(is_attack, bool)
    if scores.shape != is_attack.shape or scores.ndim != 1:
        raise ValueError("scores and labels must be 1-D and the same length")
    if np.isnan(scores).any():
        raise ValueError("NaN score")
    if is_attack.all() or (~is_attack).all():
        raise ValueError("need both bona fide and attack samples")
    return scores, is_attack


def auc(scores, is_attack) -> float:
    """Area under the ROC curve (attack positive), Mann-Whitney with average ranks for ties."""
    s, y = _check(scores, is_attack)
    order = np.argsort(s, kind="mergesort")
    ranks = np.empty(len(s))
    sorted_s = s[order]
    i = 0
    while i < len(s):  # average ranks over tie groups
        j = i
        while j + 1 < len(s) and sorted_s[j + 1] == sorted_s[i]:
            j += 1
        ranks[order[i:j + 1]] = (i + j) / 2 + 1
        i = j + 1
    n_pos, n_neg = y.sum(), (~y).sum()
    return float((ranks[y].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def error_rates(scores, is_attack, threshold: float):
    """(APCER pooled, BPCER) at threshold: attacks called bona fide, bona fide called attack."""
    s, y = _check(scores, is_attack)
    return float((s[y] < threshold).mean()), float((s[~y] >= threshold).mean())


def eer_threshold(scores, is_attack):
    """Threshold where pooled APCER and BPCER are closest (first such unique score); returns (tau, eer)."""
    s, y = _check(scores, is_attack)
    cands = np.unique(s)
    att, live = np.sort(s[y]), np.sort(s[~y])
    apcer = np.searchsorted(att, cands, side="left") / len(att)  # attacks with s < tau
    bpcer = 1 - np.searchsorted(live, cands, side="left") / len(live)  # live with s >= tau
    k = int(np.argmin(np.abs(apcer - bpcer)))
    return float(cands[k]), float((apcer[k] + bpcer[k]) / 2)


def report(scores, labels: Sequence[int], species: Sequence[str], threshold: float) -> Dict[str, object]:
    """Test-set figures at a given (dev) threshold. labels: 0 live, >0 attack; species: name per sample."""
    s = np.asarray(scores, np.float64)
    y = np.asarray(labels) > 0
    sp = np.asarray(species)
    apcer_pooled, bpcer = error_rates(s, y, threshold)
    per_species = {str(name): float((s[(sp == name) & y] < threshold).mean()) for name in sorted(set(sp[y]))}
    apcer_max = max(per_species.values())
    pred = s >= threshold
    _, eer = eer_threshold(s, y)
    return {
        "threshold": float(threshold), "auc": auc(s, y), "eer": eer,
        "apcer_pooled": apcer_pooled, "apcer_max": apcer_max, "bpcer": bpcer,
        "acer": (apcer_pooled + bpcer) / 2, "acer_iso": (apcer_max + bpcer) / 2,
        "acc": float((pred == y).mean()), "apcer_per_species": per_species,
        "n_bona_fide": int((~y).sum()), "n_attack": int(y.sum()),
    }
