"""Training/validation samples generated on the fly from the photos of one split.

blur_patch():     a PATCH x PATCH luma patch at analysis scale + per-cell (stride CELL) labels:
                  blur (0 sharp / 1 blurry / -1 ambiguous) and evidence (1 = the sharp scene has
                  texture there and it is not clipped, so blur is observable).
exposure_frame(): a whole frame squashed to EXPO_W x EXPO_H RGB + class (0 good, 1 under, 2 over).
"""
import json
import math
import os

import numpy as np
from PIL import Image
from scipy.ndimage import gaussian_filter

from degrade import (RESAMPLERS, apply_psf, blur_label, encode, exposure_label, expose,
                     feathered_mask, lin_to_srgb, luma709, resize, sample_ev, sample_psf,
                     scene_variation, srgb_to_lin)

HERE = os.path.dirname(os.path.abspath(__file__))
MODELS = os.path.dirname(HERE)
DATA_ROOT = os.path.join(MODELS, 'data', 'root')

PATCH = 112
CELL = 16
MARGIN = 48          # video px kept around a crop so blur kernels see real content at its edges
TEXTURE_MIN = 1.0    # mean |high-pass| (0..255 luma) of the SHARP cell below which it is "flat"
CLIPPED_MAX = 0.7    # a cell whose pixels are mostly clipped carries no blur evidence
EXPO_W, EXPO_H = 128, 72


def split_paths(split):
    s = json.load(open(os.path.join(MODELS, 'splits.json')))
    if split == 'test':
        return s['test']['exam'] + s['test']['other']
    if split == 'exam':
        return s['test']['exam']
    return s[split]


def load_photos(split):
    out = []
    for p in split_paths(split):
        im = Image.open(os.path.join(DATA_ROOT, p)).convert('RGB')
        out.append((p, im))
    return out


def cell_texture(y_u8):
    """Mean absolute high-pass per CELL x CELL cell (the evidence a sharp scene offers)."""
    y = y_u8.astype(np.float32)
    hp = np.abs(y - gaussian_filter(y, 1.0))
    h, w = y.shape
    ch, cw = h // CELL, w // CELL
    return hp[:ch * CELL, :cw * CELL].reshape(ch, CELL, cw, CELL).mean(axis=(1, 3))


def cell_clipped(y_u8):
    h, w = y_u8.shape
    ch, cw = h // CELL, w // CELL
    c = ((y_u8 <= 2) | (y_u8 >= 253)).astype(np.float32)
    return c[:ch * CELL, :cw * CELL].reshape(ch, CELL, cw, CELL).mean(axis=(1, 3))


def cell_cover(mask):
    h, w = mask.shape
    ch, cw = h // CELL, w // CELL
    return mask[:ch * CELL, :cw * CELL].reshape(ch, CELL, cw, CELL).mean(axis=(1, 3))


def _video_crop(rng, im, out_px):
    """Picks the analysis/video scale and returns a linear-luminance crop at video resolution
    (with MARGIN) plus the scale (analysis px per video px)."""
    w, h = im.size
    s = math.exp(rng.uniform(math.log(0.2), math.log(0.6)))
    v = int(math.ceil(out_px / s))
    side = min(w, h)
    if v + 2 * MARGIN > side:
        v = side - 2 * MARGIN
        s = out_px / v
    full = v + 2 * MARGIN
    # The photo itself is first brought to "video" resolution (never enlarged).
    f = rng.uniform(max(full / side, 0.5), 1.0) if full / side < 1 else 1.0
    reg = int(round(full / f))
    x0 = int(rng.integers(0, w - reg + 1))
    y0 = int(rng.integers(0, h - reg + 1))
    crop = im.crop((x0, y0, x0 + reg, y0 + reg))
    if reg != full:
        crop = crop.resize((full, full), Image.LANCZOS)
    rgb = np.asarray(crop, dtype=np.float32) / 255.0
    return luma709(srgb_to_lin(rgb)).astype(np.float32), s, v


def _to_analysis(y_lin_v, rng, v, out_px, resample, jpeg_prob, sharpen):
    srgb = lin_to_srgb(y_lin_v)
    if sharpen > 0:  # in-camera sharpening, applied to whatever the lens/motion delivered
        srgb = np.clip(srgb + sharpen * (srgb - gaussian_filter(srgb, 1.0)), 0, 1)
    u8 = encode(srgb, rng, jpeg_prob)
    u8 = u8[MARGIN:MARGIN + v, MARGIN:MARGIN + v]
    return resize(u8, (out_px, out_px), resample)


def blur_patch(rng, photos):
    _, im = photos[int(rng.integers(len(photos)))]
    y_lin, s, v = _video_crop(rng, im, PATCH)
    full = y_lin.shape[0]
    mode = rng.choice(['uniform', 'subject', 'dof'], p=[0.7, 0.15, 0.15])
    ch = PATCH // CELL
    if mode == 'uniform':
        if rng.random() < 0.4:
            blurred, sig = y_lin, 0.0
        else:
            k, g, _, sig = sample_psf(rng, s)
            blurred = apply_psf(y_lin, k, g)
        labels = np.full((ch, ch), blur_label(sig), np.int8)
    else:
        kind = rng.choice(['line', 'traj']) if mode == 'subject' else rng.choice(['disk', 'gauss'])
        k, g, _, sig = sample_psf(rng, s, kind=kind, min_sigma_out=0.9, max_sigma_out=4.0)
        if sig < 0.8:
            k, g, sig = None, 0.9 / s, 0.9
        soft = apply_psf(y_lin, k, g)
        m = feathered_mask(rng, full, full, (0.12, 0.5))
        if mode == 'subject':  # blur inside the mask only (a moving subject on a steady frame)
            blurred, blur_m = m * soft + (1 - m) * y_lin, m
        else:                  # sharp inside the mask only (shallow depth of field)
            blurred, blur_m = m * y_lin + (1 - m) * soft, 1 - m
        bm = resize(blur_m[MARGIN:MARGIN + v, MARGIN:MARGIN + v], (PATCH, PATCH), Image.BILINEAR)
        cov = cell_cover(bm)
        labels = np.where(cov >= 0.9, 1, np.where(cov <= 0.1, 0, -1)).astype(np.int8)
    ev = rng.uniform(-0.3, 0.3) if rng.random() < 0.5 else rng.uniform(-3, 2.5)
    exposed = expose(blurred, rng, ev)
    resample = RESAMPLERS[int(rng.integers(len(RESAMPLERS)))]
    sharpen = rng.uniform(0.2, 1.0) if rng.random() < 0.25 else 0.0
    x = _to_analysis(exposed, rng, v, PATCH, resample, 0.7, sharpen)
    clean = _to_analysis(y_lin, rng, v, PATCH, resample, 0.0, 0.0)
    evidence = ((cell_texture(clean) >= TEXTURE_MIN) & (cell_clipped(x) < CLIPPED_MAX)).astype(np.int8)
    return x, labels, evidence


def exposure_frame(rng, photos, ev=None, width=384):
    _, im = photos[int(rng.integers(len(photos)))]
    w, h = im.size
    aspect = rng.choice([16 / 9, 4 / 3, 3 / 2, 9 / 16], p=[0.6, 0.15, 0.15, 0.1])
    cw = rng.uniform(0.45, 1.0) * min(w, h * aspect)
    chh = cw / aspect
    x0 = rng.uniform(0, w - cw)
    y0 = rng.uniform(0, h - chh)
    out_h = max(2, int(round(width / aspect / 2)) * 2)
    crop = im.resize((width, out_h), Image.BICUBIC, box=(x0, y0, x0 + cw, y0 + chh))
    srgb = scene_variation(np.asarray(crop, dtype=np.float32) / 255.0, rng)
    if rng.random() < 0.3:
        srgb = gaussian_filter(srgb, (rng.uniform(0.3, 2.0),) * 2 + (0,))
    ev = sample_ev(rng) if ev is None else ev
    lin = expose(srgb_to_lin(srgb), rng, ev)
    u8 = encode(lin_to_srgb(lin), rng, 0.7)
    small = resize(u8, (EXPO_W, EXPO_H), Image.BOX)
    return small, exposure_label(ev)
