"""Camera-like degradations of real photographs with labels known by construction.

Everything follows the path a video frame takes before the engine sees it: the photo is scaled to a
"video" resolution, blurred there in linear light (defocus disk, Gaussian, straight or random-
trajectory camera motion, or only inside / only outside a feathered mask), exposed (-4..+4 EV) with
sensor-like noise and clipping, encoded to 8-bit sRGB, compressed (JPEG at video resolution stands
in for H.264 intra coding), and finally downscaled to the analysis scale as the engine's ffmpeg
scaler would. Blur labels are decided at the ANALYSIS scale (what is visible at ~384 px wide), by
the PSF's standard deviation along its major axis.
"""
import io
import math

import numpy as np
from PIL import Image
from scipy.ndimage import gaussian_filter
from scipy.signal import fftconvolve

# Blur extent (PSF major-axis standard deviation, in analysis pixels) that separates the classes.
# The exam's mildest defocus is gblur sigma 3 at 720p = 0.9 px at 384 wide; a sharp frame scaled
# down from 720p/1080p is ~0.3-0.5 px. Between the two bounds the label is ambiguous and ignored.
SHARP_MAX_SIGMA = 0.4
BLURRY_MIN_SIGMA = 0.75

EXPOSURE_GOOD_MAX_EV = 0.6
EXPOSURE_BAD_MIN_EV = 1.5
RESAMPLERS = [Image.BILINEAR, Image.BICUBIC, Image.LANCZOS, Image.BOX]


def srgb_to_lin(x):
    return np.where(x <= 0.04045, x / 12.92, ((x + 0.055) / 1.055) ** 2.4).astype(np.float32)


def lin_to_srgb(x):
    x = np.clip(x, 0.0, 1.0)
    return np.where(x <= 0.0031308, 12.92 * x, 1.055 * np.power(x, 1 / 2.4) - 0.055).astype(np.float32)


def load_photo(path):
    im = Image.open(path)
    im = im.convert('RGB')
    return im


# ---------------------------------------------------------------- PSFs (video pixels) -----------

def _splat(points, weights=None):
    """Bilinear splat of sub-pixel points into a normalised kernel centred on their mean."""
    pts = points - points.mean(axis=0)
    r = int(math.ceil(np.abs(pts).max())) + 2
    size = 2 * r + 1
    k = np.zeros((size, size), np.float64)
    x = pts[:, 0] + r
    y = pts[:, 1] + r
    x0 = np.floor(x).astype(int)
    y0 = np.floor(y).astype(int)
    fx = x - x0
    fy = y - y0
    w = np.ones(len(pts)) if weights is None else weights
    np.add.at(k, (y0, x0), w * (1 - fx) * (1 - fy))
    np.add.at(k, (y0, x0 + 1), w * fx * (1 - fy))
    np.add.at(k, (y0 + 1, x0), w * (1 - fx) * fy)
    np.add.at(k, (y0 + 1, x0 + 1), w * fx * fy)
    return (k / k.sum()).astype(np.float32)


def psf_sigma(k):
    """Standard deviation of a kernel along its major axis (px)."""
    h, w = k.shape
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float64)
    m = k.sum()
    cx = (k * xx).sum() / m
    cy = (k * yy).sum() / m
    cxx = (k * (xx - cx) ** 2).sum() / m
    cyy = (k * (yy - cy) ** 2).sum() / m
    cxy = (k * (xx - cx) * (yy - cy)).sum() / m
    tr = cxx + cyy
    det = cxx * cyy - cxy * cxy
    lam = tr / 2 + math.sqrt(max(tr * tr / 4 - det, 0.0))
    return math.sqrt(lam)


def disk_psf(radius):
    r = int(math.ceil(radius)) + 1
    ss = 4  # supersampling for an anti-aliased edge
    g = (np.arange(-(r * ss) - ss // 2, r * ss + ss // 2) + 0.5) / ss
    yy, xx = np.meshgrid(g, g, indexing='ij')
    inside = (xx * xx + yy * yy <= radius * radius).astype(np.float64)
    k = inside.reshape(2 * r + 1, ss, 2 * r + 1, ss).sum(axis=(1, 3))
    return (k / k.sum()).astype(np.float32)


def line_psf(length, angle):
    t = np.linspace(-0.5, 0.5, max(int(length * 8), 8))
    pts = np.stack([t * length * math.cos(angle), t * length * math.sin(angle)], axis=1)
    return _splat(pts)


def trajectory_psf(rng, extent):
    """Random camera-shake trajectory in the spirit of Boracchi & Foi (2012): a particle with
    inertia, random accelerations and occasional impulsive jerks, scaled to `extent` pixels."""
    n = 600
    v = rng.normal(size=2)
    v /= np.linalg.norm(v) + 1e-9
    x = np.zeros(2)
    pts = np.empty((n, 2))
    anxiety = rng.uniform(0.0, 0.3)
    for i in range(n):
        if rng.random() < 0.005:  # impulsive jerk
            v = -v + rng.normal(scale=0.5, size=2)
        v = v + anxiety * rng.normal(size=2) - 0.02 * x / (1 + np.linalg.norm(x))
        v /= np.linalg.norm(v) + 1e-9
        x = x + v / n
        pts[i] = x
    span = np.ptp(pts, axis=0).max()
    pts = pts / max(span, 1e-6) * extent
    # Exposure-time weighting: the camera lingers at some positions.
    w = rng.uniform(0.3, 1.0, size=n)
    return _splat(pts, w)


def convolve(img, k):
    r = k.shape[0] // 2
    if r == 0:
        return img
    pad = np.pad(img, r, mode='reflect')
    return fftconvolve(pad, k, mode='valid').astype(np.float32)


def sample_psf(rng, scale, kind=None, min_sigma_out=0.0, max_sigma_out=3.5):
    """A random blur kernel at video resolution; `scale` = analysis px / video px.
    Returns (kernel or None for Gaussian, gaussian_sigma, kind, sigma_out)."""
    kind = kind or rng.choice(['gauss', 'disk', 'line', 'traj'], p=[0.25, 0.3, 0.25, 0.2])
    sig_out = rng.uniform(min_sigma_out, max_sigma_out) if rng.random() < 0.7 else \
        math.exp(rng.uniform(math.log(max(min_sigma_out, 0.15)), math.log(max_sigma_out)))
    sig_v = sig_out / scale
    if kind == 'gauss':
        return None, sig_v, kind, sig_out
    if kind == 'disk':
        k = disk_psf(max(sig_v * 2, 0.5))
    elif kind == 'line':
        k = line_psf(max(sig_v * math.sqrt(12), 1.0), rng.uniform(0, math.pi))
    else:
        k = trajectory_psf(rng, max(sig_v * 2.5, 1.0))
    return k, 0.0, kind, psf_sigma(k) * scale


def apply_psf(img, k, gsig):
    if k is None:
        return gaussian_filter(img, gsig, mode='reflect') if gsig > 0 else img
    return convolve(img, k)


def blur_label(sig_out):
    if sig_out <= SHARP_MAX_SIGMA:
        return 0
    if sig_out >= BLURRY_MIN_SIGMA:
        return 1
    return -1


def feathered_mask(rng, h, w, cover=(0.1, 0.45)):
    """A soft ellipse covering roughly `cover` of the area (a moving subject, or the in-focus
    region of a shallow depth-of-field shot)."""
    a = rng.uniform(*cover) * h * w
    ar = rng.uniform(0.5, 2.0)
    ry = math.sqrt(a / math.pi / ar)
    rx = ry * ar
    cy = rng.uniform(0.2, 0.8) * h
    cx = rng.uniform(0.2, 0.8) * w
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    d = np.sqrt(((yy - cy) / ry) ** 2 + ((xx - cx) / rx) ** 2)
    feather = rng.uniform(0.05, 0.3)
    return np.clip((1 + feather - d) / (2 * feather), 0, 1).astype(np.float32)


# ---------------------------------------------------------------- exposure / sensor -------------

def expose(lin, rng, ev):
    """Scales linear light by 2^ev, adds signal-dependent (shot) and read noise, clips."""
    x = lin * (2.0 ** ev)
    if rng.random() < 0.8:
        shot = rng.uniform(0, 0.004)
        read = rng.uniform(0, 0.002)
        x = x + rng.normal(size=x.shape).astype(np.float32) * np.sqrt(shot * np.clip(x, 0, 1) + read * read)
    return np.clip(x, 0, 1)


def encode(srgb01, rng, jpeg_prob=0.7):
    """8-bit quantisation plus optional lossy compression (JPEG as a stand-in for H.264)."""
    u8 = np.clip(np.round(srgb01 * 255), 0, 255).astype(np.uint8)
    if rng.random() < jpeg_prob:
        buf = io.BytesIO()
        Image.fromarray(u8).save(buf, format='JPEG', quality=int(rng.integers(35, 96)))
        u8 = np.asarray(Image.open(io.BytesIO(buf.getvalue())))
    return u8


def resize(u8_or_f, size, resample):
    """size = (w, h). Works on uint8 images (fast path) and float arrays (mode F per channel)."""
    if u8_or_f.dtype == np.uint8:
        return np.asarray(Image.fromarray(u8_or_f).resize(size, resample))
    if u8_or_f.ndim == 2:
        return np.asarray(Image.fromarray(u8_or_f, mode='F').resize(size, resample))
    return np.stack([np.asarray(Image.fromarray(np.ascontiguousarray(u8_or_f[..., c]), mode='F')
                                .resize(size, resample)) for c in range(u8_or_f.shape[2])], axis=2)


def luma709(rgb):
    return 0.2126 * rgb[..., 0] + 0.7152 * rgb[..., 1] + 0.0722 * rgb[..., 2]


def sample_ev(rng):
    """Exposure offsets: a third near correct, the rest spread over -4..+4 EV."""
    if rng.random() < 0.35:
        return rng.uniform(-EXPOSURE_GOOD_MAX_EV, EXPOSURE_GOOD_MAX_EV)
    return rng.uniform(-4, 4)


def exposure_label(ev):
    if abs(ev) <= EXPOSURE_GOOD_MAX_EV:
        return 0
    if ev <= -EXPOSURE_BAD_MIN_EV:
        return 1
    if ev >= EXPOSURE_BAD_MIN_EV:
        return 2
    return -1


def scene_variation(srgb, rng):
    """Photographic variation of the as-shot image that does not change its exposure class: a
    tone curve that keeps black and white where they are (a low-key forest or a high-key foggy
    pier is correctly exposed as long as its highlights reach white and its shadows black), and
    white balance. Exposure errors, by contrast, move the whole range (see expose())."""
    if rng.random() < 0.7:
        g = math.exp(rng.uniform(math.log(0.55), math.log(1.9)))
        srgb = np.clip(srgb, 0, 1) ** g
    if rng.random() < 0.5 and srgb.ndim == 3:
        srgb = np.clip(srgb * rng.uniform(0.92, 1.08, size=3).astype(np.float32), 0, 1)
    return srgb.astype(np.float32)
