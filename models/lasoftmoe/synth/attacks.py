# Attack species of the synthetic unified-attack benchmark: physical, adversarial-style and digital edits.
# Python / numpy + PIL (models/). Each takes a strength in [0, 1] so that weak attacks approach bona fide.
#
# Synthetic effects stand in for UniAttackData species names so the same path->species rules apply:
#   cloth-indoor  = printed photo, indoor recapture (halftone, gamut loss, paper texture, border)
#   cloth-outdoor = printed photo, outdoor recapture (same print, daylight, paper sheen)
#   screen-rs     = screen replay (subpixel grid, moire, glare, gamma, black level)
#   fgtm = sign noise; ssah = low-frequency colour perturbation; advdrop = DCT quantisation; advpatch = patch
#   simswap = swap with colour mismatch + sharp seam; InsightFace = low-resolution swap, soft seam;
#   DaGAN = GAN upsampling (checkerboard) artefacts; FaceDancer = morph with a second identity (ghosting)
from __future__ import annotations

import math

import numpy as np
from PIL import Image, ImageFilter

from .faces import OUT, RENDER, Identity, camera, face_mask, render_scene

PHYSICAL = ("cloth-indoor", "cloth-outdoor", "screen-rs")
ADVERSARIAL = ("fgtm", "ssah", "advdrop", "advpatch")
DIGITAL = ("simswap", "InsightFace", "DaGAN", "FaceDancer")
LABEL = {**{s: 1 for s in PHYSICAL}, **{s: 2 for s in ADVERSARIAL}, **{s: 3 for s in DIGITAL}}


def _resize(x: np.ndarray, size: int, method=Image.BICUBIC) -> np.ndarray:
    chans = [np.asarray(Image.fromarray(x[..., c].astype(np.float32)).resize((size, size), method))
             for c in range(x.shape[-1])]
    return np.stack(chans, -1).astype(np.float32)


def _print(scene: np.ndarray, s: float, rng: np.random.Generator) -> np.ndarray:
    """Printed photo at render resolution: gamut loss, halftone screen, paper texture, visible border."""
    S = scene.shape[0]
    # gamut loss: lower saturation and contrast, paper white and ink black limits
    grey = scene.mean(-1, keepdims=True)
    sat = 1 - 0.6 * s * rng.uniform(0.6, 1)
    x = grey + (scene - grey) * sat
    lo, hi = 0.06 + 0.12 * s, 1 - 0.10 * s
    x = lo + x * (hi - lo)
    # halftone: rotated per-channel dot screens, period 2.5-4 render px
    yy, xx = np.mgrid[0:S, 0:S].astype(np.float32)
    period = rng.uniform(2.5, 4.0)
    for c, ang in enumerate((15, 75, 0)):
        a = math.radians(ang + rng.uniform(-5, 5))
        u = (xx * math.cos(a) + yy * math.sin(a)) * 2 * math.pi / period
        v = (-xx * math.sin(a) + yy * math.cos(a)) * 2 * math.pi / period
        screen = (np.cos(u) * np.cos(v)) * 0.5  # [-0.5, 0.5]
        x[..., c] = x[..., c] + (0.25 + 0.25 * s) * screen * (1 - np.abs(x[..., c] - 0.5))
    # paper texture: anisotropic fibre noise
    fib = rng.normal(0, 1, (S // 2, S)).astype(np.float32)
    fib = np.asarray(Image.fromarray(fib).resize((S, S), Image.BILINEAR), np.float32)
    fib = (fib + np.roll(fib, 1, 1) + np.roll(fib, -1, 1)) / 3.0
    x = x + (0.01 + 0.03 * s) * fib[..., None]
    # border: at higher strength the sheet does not fill the frame and its edge shows
    if s > 0.45 and rng.random() < 0.7:
        w = int(S * rng.uniform(0.03, 0.10) * s)
        side = rng.integers(0, 4)
        paper = np.array([0.93, 0.92, 0.88], np.float32)
        if side == 0:
            x[:w] = paper
        elif side == 1:
            x[-w:] = paper
        elif side == 2:
            x[:, :w] = paper
        else:
            x[:, -w:] = paper
    return np.clip(x, 0, 1)


def physical(ident: Identity, cap: dict, species: str, s: float, rng: np.random.Generator) -> np.ndarray:
    scene = render_scene(ident, cap)
    if species in ("cloth-indoor", "cloth-outdoor"):
        x = _print(scene, s, rng)
        if species == "cloth-outdoor":  # daylight: cool white balance, brighter, specular sheen band
            x = x * np.array([0.95, 1.0, 1.07], np.float32) * rng.uniform(1.0, 1.15)
            yy, xx = np.mgrid[0:RENDER, 0:RENDER].astype(np.float32) / RENDER
            a = rng.uniform(0, math.pi)
            band = np.exp(-((xx * math.cos(a) + yy * math.sin(a) - rng.uniform(0.3, 0.9)) ** 2) / 0.01)
            x = x + (0.05 + 0.15 * s) * band[..., None]
        else:  # indoor: warm lamp
            x = x * np.array([1.06, 1.0, 0.9], np.float32)
    elif species == "screen-rs":
        x = _replay(scene, s, rng)
    else:
        raise ValueError(species)
    recap = dict(cap, blur=cap["blur"] + rng.uniform(0.1, 0.3), noise=cap["noise"] + rng.uniform(0, 1.0))
    return camera(np.clip(x, 0, 1), recap, rng)


def _replay(scene: np.ndarray, s: float, rng: np.random.Generator) -> np.ndarray:
    """Screen replay at render resolution: gamma, raised black, blue cast, subpixel grid, moire, glare."""
    S = scene.shape[0]
    gamma = 1 + rng.choice([-1, 1]) * rng.uniform(0.1, 0.4) * s
    x = np.power(np.clip(scene, 0, 1), gamma)
    x = 0.03 + 0.1 * s * 0.5 + x * (1 - 0.05 - 0.1 * s * 0.5)
    x = x * np.array([0.95, 1.0, 1.08], np.float32)
    yy, xx = np.mgrid[0:S, 0:S].astype(np.float32)
    # subpixel grid: R, G, B stripes every 3 render px, dark row gaps
    amp = 0.15 + 0.20 * s
    for c in range(3):
        x[..., c] *= 1 - amp * (((xx.astype(int) + c) % 3) != 0)
    x *= (1 - 0.5 * amp * ((yy.astype(int) % 3) == 0))[..., None]
    # moire: beat between screen pitch and sensor pitch -> slanted low-frequency fringes
    a = rng.uniform(0, math.pi)
    f = rng.uniform(0.03, 0.09)
    fringe = np.cos(2 * math.pi * f * (xx * math.cos(a) + yy * math.sin(a)) + rng.uniform(0, 6.3))
    x = x * (1 + (0.08 + 0.12 * s) * fringe[..., None])
    # glare: bright soft blob
    gx, gy, gr = rng.uniform(0.1, 0.9) * S, rng.uniform(0.1, 0.9) * S, rng.uniform(0.1, 0.3) * S
    glare = np.exp(-((xx - gx) ** 2 + (yy - gy) ** 2) / (2 * gr * gr))
    x = x + rng.uniform(0.0, 0.35) * s * glare[..., None]
    if s > 0.6 and rng.random() < 0.5:  # bezel
        w = int(S * rng.uniform(0.02, 0.06))
        x[:, :w] = 0.05
    return np.clip(x, 0, 1)


def adversarial(live: np.ndarray, ident: Identity, cap: dict, species: str, s: float,
                rng: np.random.Generator) -> np.ndarray:
    """Adversarial-style perturbation of the bona fide capture [112, 112, 3] (no real gradients: a proxy)."""
    H = live.shape[0]
    if species == "fgtm":  # L_inf sign noise, eps 6-16 / 255, on a 1-2 px grain
        eps = (6 + 10 * s) / 255.0
        cell = int(rng.integers(1, 3))
        g = rng.normal(0, 1, (H // cell + 1, H // cell + 1, 3))
        g = np.repeat(np.repeat(g, cell, 0), cell, 1)[:H, :H]
        return np.clip(live + eps * np.sign(g), 0, 1)
    if species == "ssah":  # low-frequency, colour-decorrelated perturbation on the face
        g = np.random.default_rng(int(rng.integers(1 << 31)))
        from .faces import _smooth_field
        field = _smooth_field(g, H, int(rng.integers(6, 12)), 3)
        field = field - field.mean(-1, keepdims=True) * 0.7
        m = face_mask(ident, cap, H, inner=False)[..., None]
        return np.clip(live + (20 + 25 * s) / 255.0 * field * (0.4 + 0.6 * m), 0, 1)
    if species == "advdrop":  # drop high frequencies: 8x8 DCT quantisation in YCbCr
        return _dct_quantise(live, q=40 + 80 * s)
    if species == "advpatch":  # adversarial patch: noisy colourful square on the face
        size = int(H * (0.15 + 0.15 * s))
        patch = rng.uniform(0, 1, (size // 2 + 1, size // 2 + 1, 3)).astype(np.float32)
        patch = np.repeat(np.repeat(patch, 2, 0), 2, 1)[:size, :size]
        cy = int(H * (0.45 + rng.uniform(-0.12, 0.15)))
        cx = int(H * (0.5 + rng.uniform(-0.15, 0.15)))
        y0, x0 = max(0, cy - size // 2), max(0, cx - size // 2)
        out = live.copy()
        region = out[y0:y0 + size, x0:x0 + size]
        alpha = 0.5 + 0.5 * s
        out[y0:y0 + size, x0:x0 + size] = (1 - alpha) * region + alpha * patch[: region.shape[0], : region.shape[1]]
        return out
    raise ValueError(species)


def _dct_matrix(n: int = 8) -> np.ndarray:
    k = np.arange(n)[:, None]
    i = np.arange(n)[None, :]
    m = np.cos(math.pi * (2 * i + 1) * k / (2 * n)) * math.sqrt(2 / n)
    m[0] /= math.sqrt(2)
    return m.astype(np.float32)


def _dct_quantise(x: np.ndarray, q: float) -> np.ndarray:
    H = x.shape[0]
    rgb2y = np.array([[0.299, 0.587, 0.114], [-0.1687, -0.3313, 0.5], [0.5, -0.4187, -0.0813]], np.float32)
    ycc = (x * 255) @ rgb2y.T
    D = _dct_matrix()
    freq = np.add.outer(np.arange(8), np.arange(8)).astype(np.float32)
    out = np.empty_like(ycc)
    for c in range(3):
        step = 1 + q * (freq / 14.0) * (1.0 if c == 0 else 2.0)
        blocks = ycc[..., c].reshape(H // 8, 8, H // 8, 8).transpose(0, 2, 1, 3)
        coef = D @ blocks @ D.T
        coef = np.round(coef / step) * step
        out[..., c] = (D.T @ coef @ D).transpose(0, 2, 1, 3).reshape(H, H)
    return np.clip(out @ np.linalg.inv(rgb2y).T / 255.0, 0, 1).astype(np.float32)


def digital(live: np.ndarray, ident: Identity, donor: Identity, cap: dict, species: str, s: float,
            rng: np.random.Generator) -> np.ndarray:
    """Face edits of the bona fide capture using a donor identity (same pose)."""
    H = live.shape[0]
    if species == "DaGAN":  # transposed-conv checkerboard + over-smoothed texture
        smooth = np.asarray(Image.fromarray((live * 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(0.6)),
                            np.float32) / 255.0
        x = live * (0.6 - 0.4 * s) + smooth * (0.4 + 0.4 * s)
        yy, xx = np.mgrid[0:H, 0:H]
        period = int(rng.choice([2, 4]))
        checker = (((yy // (period // 2)) + (xx // (period // 2))) % 2) * 2 - 1.0
        x = x * (1 + (0.05 + 0.08 * s) * checker[..., None])
        return np.clip(x, 0, 1).astype(np.float32)
    donor_params = {k: donor.params[k] for k in ("eye_dx", "eye_w", "eye_h", "iris", "brow_t", "brow_dy",
                                                 "nose_len", "nose_w", "mouth_w", "lip", "glasses")}
    if species == "FaceDancer":  # morph: blend with the donor's own face in a slightly different pose
        cap2 = dict(cap, dx=cap["dx"] + rng.uniform(-0.02, 0.02), dy=cap["dy"] + rng.uniform(-0.02, 0.02),
                    rot=cap["rot"] + rng.uniform(-4, 4))
        other = render_scene(donor, cap2, params_override={"bg": ident.params["bg"], "cloth": ident.params["cloth"]})
        other = camera(other, cap, rng)
        alpha = 0.35 + 0.3 * s
        m = face_mask(ident, cap, H, inner=False)[..., None]
        m = np.asarray(Image.fromarray((m[..., 0] * 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(3)),
                       np.float32)[..., None] / 255.0
        return np.clip(live * (1 - alpha * m) + other * alpha * m, 0, 1).astype(np.float32)
    # swaps: donor's inner face rendered in the target's pose, pasted inside an elliptical mask
    skin_shift = (donor.params["skin"] - ident.params["skin"]) * (0.5 + 0.5 * s)
    swapped = render_scene(ident, cap, skin_override=np.clip(ident.params["skin"] + skin_shift, 0, 255),
                           params_override=donor_params)
    swapped = camera(swapped, dict(cap, noise=0.3), rng)
    if species == "simswap":  # colour mismatch + sharp seam, smooth generator output
        feather, tint = 0.5 + 1.2 * (1 - s), rng.normal(0, 0.08 + 0.08 * s, 3).astype(np.float32)
        swapped = np.clip(swapped + tint, 0, 1)
    else:  # InsightFace: 128-px generator -> low-resolution region, softer seam
        low = max(12, int(H * (0.35 - 0.2 * s)))
        swapped = _resize(_resize(swapped, low, Image.BILINEAR), H, Image.BILINEAR)
        feather = 2.0 + 2.0 * (1 - s)
    m = face_mask(ident, cap, H, inner=True)
    m = np.asarray(Image.fromarray((m * 255).astype(np.uint8)).filter(ImageFilter.GaussianBlur(feather)),
                   np.float32)[..., None] / 255.0
    return np.clip(live * (1 - m) + swapped * m, 0, 1).astype(np.float32)
