# Procedural face renderer for the synthetic unified-attack benchmark (a proxy for UniAttackData).
# Python / numpy + PIL (models/). Identity parameters are fixed per person; capture parameters vary per image.
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

ETHNICITIES = {"east-asia": "EA", "central-asia": "CA", "africa": "AF"}
SKIN = {  # mean RGB of skin per ethnicity cluster (wide spread inside each)
    "east-asia": (224, 184, 150), "central-asia": (205, 160, 122), "africa": (128, 86, 60),
}
RENDER = 224  # faces are drawn at 2x and downsampled to 112 for natural anti-aliasing
OUT = 112


@dataclass
class Identity:
    pid: str
    ethnicity: str
    params: dict


def make_identity(rng: np.random.Generator, ethnicity: str, index: int) -> Identity:
    base = np.array(SKIN[ethnicity], float)
    skin = np.clip(base + rng.normal(0, 14, 3) + rng.normal(0, 10), 20, 250)
    hair_dark = ethnicity != "central-asia" or rng.random() < 0.7
    hair = rng.uniform(10, 45, 3) if hair_dark else rng.uniform(60, 140, 3) * np.array([1.0, 0.8, 0.6])
    p = dict(
        skin=skin, hair=hair, hair_style=int(rng.integers(0, 3)),
        face_w=rng.uniform(0.30, 0.38), face_h=rng.uniform(0.40, 0.48),
        eye_dx=rng.uniform(0.085, 0.12), eye_y=rng.uniform(-0.06, 0.0), eye_w=rng.uniform(0.035, 0.05),
        eye_h=rng.uniform(0.016, 0.026), iris=rng.uniform(20, 110, 3) * np.array([0.8, 0.7, 0.6]),
        brow_t=rng.uniform(0.008, 0.018), brow_dy=rng.uniform(0.045, 0.065), brow_tilt=rng.uniform(-0.015, 0.02),
        nose_len=rng.uniform(0.08, 0.13), nose_w=rng.uniform(0.025, 0.045),
        mouth_y=rng.uniform(0.17, 0.22), mouth_w=rng.uniform(0.06, 0.10),
        lip=np.clip(skin * np.array([0.85, 0.55, 0.55]) + rng.normal(0, 8, 3), 0, 255),
        ear=rng.uniform(0.03, 0.05), cloth=rng.uniform(20, 230, 3), bg=rng.uniform(40, 230, 3),
        glasses=bool(rng.random() < 0.15),
    )
    return Identity(f"{ETHNICITIES[ethnicity]}-{index:03d}", ethnicity, p)


def capture_params(rng: np.random.Generator) -> dict:
    """Per-image pose, lighting, expression and camera settings (the bona fide nuisance factors)."""
    return dict(
        dx=rng.uniform(-0.04, 0.04), dy=rng.uniform(-0.04, 0.04), scale=rng.uniform(0.92, 1.08),
        rot=rng.uniform(-9, 9), light_ang=rng.uniform(0, 2 * math.pi), light=rng.uniform(0.0, 0.35),
        exposure=rng.uniform(0.8, 1.15), wb=rng.uniform(0.92, 1.08, 3), mouth_open=rng.uniform(0, 1) ** 3,
        blink=float(rng.random() < 0.08), bg_jitter=rng.normal(0, 15, 3), noise=rng.uniform(0.5, 2.0),
        blur=rng.uniform(0.0, 0.5), skin_grain=rng.uniform(2.0, 6.0), seed=int(rng.integers(1 << 31)),
    )


def _smooth_field(rng: np.random.Generator, size: int, cells: int, channels: int = 1) -> np.ndarray:
    """Low-frequency random field in [-1, 1] of shape [size, size, channels]."""
    grid = rng.uniform(-1, 1, (cells, cells, channels)).astype(np.float32)
    out = np.stack([np.asarray(Image.fromarray(grid[..., c]).resize((size, size), Image.BICUBIC))
                    for c in range(channels)], -1)
    return np.clip(out, -1.5, 1.5)


def _face_layer(p: dict, cap: dict, size: int, skin_override=None) -> Image.Image:
    """RGBA layer of the head (face, hair, ears, eyes, brows, nose, mouth), centred, before pose."""
    S = size
    img = Image.new("RGBA", (S, S), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    cx, cy = S / 2, S * 0.48
    fw, fh = p["face_w"] * S, p["face_h"] * S
    skin = tuple(int(v) for v in (p["skin"] if skin_override is None else skin_override)) + (255,)
    hair = tuple(int(v) for v in p["hair"]) + (255,)
    if p["hair_style"] == 1:  # long hair behind the head
        d.ellipse([cx - fw * 0.62, cy - fh * 0.58, cx + fw * 0.62, cy + fh * 0.62], fill=hair)
    d.rectangle([cx - fw * 0.22, cy + fh * 0.35, cx + fw * 0.22, S], fill=skin)  # neck
    d.ellipse([cx - fw * 1.1, cy + fh * 0.62, cx + fw * 1.1, cy + fh * 1.6],
              fill=tuple(int(v) for v in p["cloth"]) + (255,))
    e = p["ear"] * S
    for sx in (-1, 1):
        d.ellipse([cx + sx * fw * 0.5 - e * 0.6, cy - e, cx + sx * fw * 0.5 + e * 0.6, cy + e * 1.1], fill=skin)
    d.ellipse([cx - fw / 2, cy - fh / 2, cx + fw / 2, cy + fh / 2], fill=skin)
    if p["hair_style"] != 2:
        d.chord([cx - fw * 0.54, cy - fh * 0.58, cx + fw * 0.54, cy + fh * 0.05], 180, 360, fill=hair)
    ey = cy + p["eye_y"] * S
    ew, eh = p["eye_w"] * S, p["eye_h"] * S * (0.2 if cap["blink"] else 1.0)
    iris = tuple(int(v) for v in p["iris"]) + (255,)
    for sx in (-1, 1):
        ex = cx + sx * p["eye_dx"] * S
        d.ellipse([ex - ew, ey - eh, ex + ew, ey + eh], fill=(245, 245, 240, 255))
        if not cap["blink"]:
            r = eh * 0.95
            d.ellipse([ex - r, ey - r, ex + r, ey + r], fill=iris)
            d.ellipse([ex - r * 0.45, ey - r * 0.45, ex + r * 0.45, ey + r * 0.45], fill=(10, 10, 10, 255))
        by = ey - p["brow_dy"] * S
        t = p["brow_t"] * S
        tilt = sx * p["brow_tilt"] * S
        d.polygon([(ex - ew * 1.2, by + tilt), (ex + ew * 1.2, by - tilt), (ex + ew * 1.2, by - tilt + t),
                   (ex - ew * 1.2, by + tilt + t)], fill=hair)
        if p["glasses"]:
            d.ellipse([ex - ew * 1.5, ey - ew * 1.2, ex + ew * 1.5, ey + ew * 1.2], outline=(30, 30, 30, 255),
                      width=max(1, int(S / 110)))
    shade = tuple(int(v * 0.8) for v in skin[:3]) + (255,)
    nl, nw = p["nose_len"] * S, p["nose_w"] * S
    d.line([(cx, ey + eh), (cx - nw * 0.3, ey + nl)], fill=shade, width=max(1, int(S / 90)))
    for sx in (-1, 1):
        d.ellipse([cx + sx * nw * 0.5 - nw * 0.25, ey + nl - nw * 0.15, cx + sx * nw * 0.5 + nw * 0.25,
                   ey + nl + nw * 0.15], fill=tuple(int(v * 0.6) for v in skin[:3]) + (255,))
    my, mw = cy + p["mouth_y"] * S, p["mouth_w"] * S
    mo = (0.012 + 0.03 * cap["mouth_open"]) * S
    lip = tuple(int(v) for v in p["lip"]) + (255,)
    d.ellipse([cx - mw, my - mo, cx + mw, my + mo], fill=lip)
    if cap["mouth_open"] > 0.2:
        d.ellipse([cx - mw * 0.7, my - mo * 0.5, cx + mw * 0.7, my + mo * 0.5], fill=(50, 15, 20, 255))
    return img


def render_scene(ident: Identity, cap: dict, size: int = RENDER, skin_override=None,
                 params_override: dict | None = None) -> np.ndarray:
    """Clean scene (no camera effects) as float32 [size, size, 3] in [0, 1]."""
    p = dict(ident.params)
    if params_override:
        p.update(params_override)
    rng = np.random.default_rng(cap["seed"])
    bg = np.clip(p["bg"] + cap["bg_jitter"], 0, 255) / 255.0
    yy = np.linspace(-1, 1, size, dtype=np.float32)[:, None, None]
    scene = bg[None, None, :] * (1 + 0.15 * yy) + 0.04 * _smooth_field(rng, size, 6, 3)
    layer = _face_layer(p, cap, size, skin_override)
    layer = layer.rotate(cap["rot"], resample=Image.BICUBIC, center=(size / 2, size * 0.48),
                         translate=(cap["dx"] * size, cap["dy"] * size))
    if abs(cap["scale"] - 1) > 1e-3:
        s = int(round(size * cap["scale"]))
        layer = layer.resize((s, s), Image.BICUBIC)
        canvas = Image.new("RGBA", (size, size), (0, 0, 0, 0))
        canvas.paste(layer, ((size - s) // 2, (size - s) // 2))
        layer = canvas
    arr = np.asarray(layer, dtype=np.float32) / 255.0
    alpha = arr[..., 3:4]
    grain = rng.normal(0, cap["skin_grain"] / 255.0, (size, size, 1)).astype(np.float32)
    face = arr[..., :3] + grain * alpha
    out = scene * (1 - alpha) + face * alpha
    xx = np.linspace(-1, 1, size, dtype=np.float32)[None, :, None]
    light = 1 + cap["light"] * (math.cos(cap["light_ang"]) * xx + math.sin(cap["light_ang"]) * yy)
    return np.clip(out * light, 0, 1).astype(np.float32)


def camera(img: np.ndarray, cap: dict, rng: np.random.Generator, out: int = OUT) -> np.ndarray:
    """Bona fide capture pipeline: exposure, white balance, blur, downsample, sensor noise -> [out, out, 3]."""
    x = np.clip(img * cap["exposure"] * cap["wb"][None, None, :], 0, 1)
    pil = Image.fromarray((x * 255 + 0.5).astype(np.uint8))
    if cap["blur"] > 0.05:
        pil = pil.filter(ImageFilter.GaussianBlur(cap["blur"] * img.shape[0] / out))
    pil = pil.resize((out, out), Image.LANCZOS)
    y = np.asarray(pil, dtype=np.float32) / 255.0
    y = y + rng.normal(0, cap["noise"] / 255.0, y.shape).astype(np.float32)
    return np.clip(y, 0, 1)


def face_mask(ident: Identity, cap: dict, size: int, inner: bool = True) -> np.ndarray:
    """Soft-free binary mask [size, size] of the (inner) face region under the capture's pose."""
    p = ident.params
    S = size
    m = Image.new("L", (S, S), 0)
    d = ImageDraw.Draw(m)
    cx, cy = S / 2, S * 0.48
    k = 0.78 if inner else 1.0
    fw, fh = p["face_w"] * S * k, p["face_h"] * S * k
    d.ellipse([cx - fw / 2, cy - fh / 2 + (0.05 * S if inner else 0), cx + fw / 2, cy + fh / 2], fill=255)
    m = m.rotate(cap["rot"], resample=Image.BILINEAR, center=(S / 2, S * 0.48),
                 translate=(cap["dx"] * S, cap["dy"] * S))
    if abs(cap["scale"] - 1) > 1e-3:
        s = int(round(S * cap["scale"]))
        m2 = Image.new("L", (S, S), 0)
        m2.paste(m.resize((s, s), Image.BILINEAR), ((S - s) // 2, (S - s) // 2))
        m = m2
    return np.asarray(m, dtype=np.float32) / 255.0
