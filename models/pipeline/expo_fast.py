"""Fast exposure training: every photo is decoded and cropped ONCE into a bank of 256x144 sRGB crops
(models/.work/expo-bank-*.npy, gitignored); each training step then degrades a whole batch in torch
(scene tone curve and white balance, optional softening, -4..+4 EV in linear light, shot + read
noise, clipping, 8-bit sRGB) and area-downscales it 2x to the net's 128x72 -- milliseconds a step
instead of a full-resolution photo per sample (samples.exposure_frame, kept as the reference).

The recipe follows samples.exposure_frame(): random crop of 45-100 % of the photo's width at a random
aspect ratio, squashed to the frame; labels by construction (degrade.exposure_label). JPEG is left
out: at 128x72 after a 2-3x area downscale its blocks are averaged away.

  python3 expo_fast.py --minutes 20 [--seed 0] [--batch 64]   -> ../.work/exposure.pt (best on VALIDATION)

Validation (model selection) = the mean of two accuracies, both on the validation photos only:
a fixed set of banked samples degraded like training, and the val frames of `evaluate.py frames`
(built like the engine's frames, as the test frames are)."""
import argparse
import json
import math
import os
import time

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

import samples as S
from degrade import EXPOSURE_BAD_MIN_EV, EXPOSURE_GOOD_MAX_EV
from nets import ExposureNet, ExposureNetPlain, load_exposure

WORK = os.path.join(S.MODELS, '.work')
BANK_W, BANK_H = 2 * S.EXPO_W, 2 * S.EXPO_H
PREVIEW_SIDE = 1024  # photos are first reduced to this (never enlarged): crops of >=45 % stay >=2x the bank size
# Other files of TRAIN scenes (stereo partners) and two photos in no split yet; none is a val/test scene
# (leuvenB, the partner of the test photo leuvenA, stays out).
EXTRA_TRAIN = [
    'usr/share/doc/opencv-doc/examples/data/aloeR.jpg',
    'usr/share/doc/opencv-doc/examples/data/right.jpg',
    'usr/share/doc/opencv-doc/examples/data/rubberwhale2.png',
    'usr/lib/python3/dist-packages/skimage/data/motorcycle_right.png',
    'usr/share/doc/opencv-doc/examples/data/pca_test1.jpg',
    'usr/share/doc/opencv-doc/examples/data/licenseplate_motion.jpg',
]


def bank_paths(split):
    paths = S.split_paths(split)
    if split == 'train':
        paths = paths + EXTRA_TRAIN
    banned = set(S.split_paths('test')) | (set(S.split_paths('val')) if split == 'train' else set())
    assert not banned & set(paths), 'a held-out photo would leak into training'
    return paths


def build_bank(split, per_photo, seed):
    """[M, BANK_H, BANK_W, 3] uint8 sRGB crops, cached; the cache key names everything that shapes it."""
    path = os.path.join(WORK, f'expo-bank-{split}-{per_photo}-{seed}-{len(bank_paths(split))}.npy')
    if os.path.exists(path):
        return np.load(path)
    rng = np.random.default_rng(seed)
    out = np.empty((len(bank_paths(split)) * per_photo, BANK_H, BANK_W, 3), np.uint8)
    i = 0
    for p in bank_paths(split):
        im = Image.open(os.path.join(S.DATA_ROOT, p)).convert('RGB')
        if max(im.size) > PREVIEW_SIDE:
            f = PREVIEW_SIDE / max(im.size)
            im = im.resize((round(im.size[0] * f), round(im.size[1] * f)), Image.LANCZOS)
        w, h = im.size
        for _ in range(per_photo):
            aspect = rng.choice([16 / 9, 4 / 3, 3 / 2, 9 / 16], p=[0.6, 0.15, 0.15, 0.1])
            cw = rng.uniform(0.45, 1.0) * min(w, h * aspect)
            ch = cw / aspect
            x0 = rng.uniform(0, w - cw)
            y0 = rng.uniform(0, h - ch)
            out[i] = np.asarray(im.resize((BANK_W, BANK_H), Image.BICUBIC, box=(x0, y0, x0 + cw, y0 + ch)))
            i += 1
    os.makedirs(WORK, exist_ok=True)
    np.save(path, out)
    return out


def srgb_to_lin(x):
    return torch.where(x <= 0.04045, x / 12.92, ((x + 0.055) / 1.055) ** 2.4)


def lin_to_srgb(x):
    x = x.clamp(0, 1)
    return torch.where(x <= 0.0031308, 12.92 * x, 1.055 * x.clamp(min=1e-8) ** (1 / 2.4) - 0.055)


def sample_evs(g, n):
    """degrade.sample_ev, batched: a third near correct, the rest spread over -4..+4 EV."""
    near = torch.rand(n, generator=g) < 0.35
    good = (torch.rand(n, generator=g) * 2 - 1) * EXPOSURE_GOOD_MAX_EV
    wide = (torch.rand(n, generator=g) * 2 - 1) * 4
    return torch.where(near, good, wide)


def labels(ev):
    lab = torch.full_like(ev, -1, dtype=torch.long)
    lab[ev.abs() <= EXPOSURE_GOOD_MAX_EV] = 0
    lab[ev <= -EXPOSURE_BAD_MIN_EV] = 1
    lab[ev >= EXPOSURE_BAD_MIN_EV] = 2
    return lab


# sRGB code -> linear light, and linear light on a fine grid -> nearest 8-bit sRGB code: table
# look-ups instead of per-pixel powers keep a batch's degradation in the tens of milliseconds.
CODES = torch.arange(256, dtype=torch.float32) / 255
FINE = 1 << 16
TO_CODE = torch.round(lin_to_srgb(torch.arange(FINE, dtype=torch.float32) / (FINE - 1)) * 255)


def degrade(crops_u8, g, ev=None):
    """crops [B,H,W,3] uint8 -> (net input [B,3,72,128] in 0..1, labels [B] with -1 = ambiguous)."""
    b = crops_u8.shape[0]
    # Scene variation that keeps the exposure class (degrade.scene_variation): a tone curve that
    # keeps black and white in place (low-key / high-key scenes) and white balance -- folded, with
    # the exposure in linear light (degrade.expose), into one 256-entry table per image and channel.
    tone = torch.rand(b, generator=g) < 0.7
    gamma = torch.where(tone, torch.exp(torch.empty(b).uniform_(math.log(0.55), math.log(1.9), generator=g)), torch.ones(b))
    wb = torch.rand(b, generator=g) < 0.5
    gains = torch.where(wb.view(b, 1), torch.empty(b, 3).uniform_(0.92, 1.08, generator=g), torch.ones(b, 3))
    ev = sample_evs(g, b) if ev is None else ev
    srgb = (CODES.view(1, 1, 256) ** gamma.view(b, 1, 1) * gains.view(b, 3, 1)).clamp(0, 1)
    lut = srgb_to_lin(srgb) * (2.0 ** ev).view(b, 1, 1)                       # [B,3,256]
    h, w = crops_u8.shape[1:3]
    u = torch.from_numpy(crops_u8).permute(0, 3, 1, 2).reshape(b, 3, h * w).long()
    lin = torch.gather(lut, 2, u).view(b, 3, h, w)
    # Optional softening (focus), in linear light, for 30 % of the batch: one or two 3x3 box
    # passes (sigma ~0.8 / 1.15 px here, ~1.2 / 1.7 px at 384 wide).
    soft = torch.rand(b, generator=g) < 0.3
    if soft.any():
        part = lin[soft]
        for _ in range(1 + int(torch.rand(1, generator=g) < 0.5)):
            part = F.avg_pool2d(F.pad(part, (1, 1, 1, 1), mode='replicate'), 3, stride=1)
        lin[soft] = part
    # Sensor-like shot + read noise, clipping, 8-bit sRGB.
    noisy = torch.rand(b, generator=g) < 0.8
    shot = torch.empty(b).uniform_(0, 0.004, generator=g) * noisy
    read = torch.empty(b).uniform_(0, 0.002, generator=g) * noisy
    std = torch.sqrt(shot.view(b, 1, 1, 1) * lin.clamp(0, 1) + read.view(b, 1, 1, 1) ** 2)
    lin = (lin + torch.randn(lin.shape, generator=g) * std).clamp(0, 1)
    u8 = TO_CODE[(lin * (FINE - 1)).round().long()]
    # The engine's area-average squash to 128x72, then 8-bit again; mirrored half the time.
    small = torch.round(F.avg_pool2d(u8, 2)) / 255
    flip = torch.rand(b, generator=g) < 0.5
    small = torch.where(flip.view(b, 1, 1, 1), small.flip(3), small)
    return small, labels(ev)


def fixed_val(bank, n, seed):
    g = torch.Generator().manual_seed(seed)
    idx = torch.randint(len(bank), (n,), generator=g).numpy()
    xs, ys = [], []
    for s in range(0, n, 200):
        x, y = degrade(bank[idx[s:s + 200]], g)
        xs.append(x)
        ys.append(y)
    x, y = torch.cat(xs), torch.cat(ys)
    keep = y >= 0
    return x[keep], y[keep]


def val_frames():
    """The val frames of `evaluate.py frames`, squashed as the engine does (PIL BOX = area)."""
    from evaluate import load_frames
    frames = [f for f in load_frames('val') if f['exposure'] >= 0]
    x = np.stack([np.asarray(Image.fromarray(f['rgb']).resize((S.EXPO_W, S.EXPO_H), Image.BOX), dtype=np.float32) / 255
                  for f in frames])
    return torch.from_numpy(x.transpose(0, 3, 1, 2).copy()), torch.tensor([f['exposure'] for f in frames])


def accuracy(net, x, y):
    net.eval()
    with torch.no_grad():
        pred = torch.cat([net(x[i:i + 256]).argmax(1) for i in range(0, len(x), 256)])
    return float((pred == y).float().mean())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--minutes', type=float, default=20)
    ap.add_argument('--seed', type=int, default=0)
    ap.add_argument('--batch', type=int, default=64)
    ap.add_argument('--lr', type=float, default=3e-3)
    ap.add_argument('--per-photo', type=int, default=120)
    ap.add_argument('--eval-every', type=int, default=250)
    ap.add_argument('--out', default='exposure', help='checkpoint name under models/.work/')
    ap.add_argument('--arch', choices=['hist', 'plain'], default='hist', help='with the histogram branch, or the CNN alone')
    ap.add_argument('--score', nargs='+', metavar='CKPT', help='only print the validation score of these checkpoints')
    a = ap.parse_args()
    torch.set_num_threads(1)  # the machine is shared
    if a.score:
        vx, vy = fixed_val(build_bank('val', a.per_photo, 2), 2000, 10_000)
        fx, fy = val_frames()
        for c in a.score:
            net = load_exposure(c)
            acc_s, acc_f = accuracy(net, vx, vy), accuracy(net, fx, fy)
            print(json.dumps({'checkpoint': c, 'val_samples_acc': round(acc_s, 4), 'val_frames_acc': round(acc_f, 4),
                              'score': round(0.5 * (acc_s + acc_f), 4)}), flush=True)
        return
    torch.manual_seed(a.seed)
    t0 = time.time()
    train_bank = build_bank('train', a.per_photo, 1)
    val_bank = build_bank('val', a.per_photo, 2)
    vx, vy = fixed_val(val_bank, 2000, 10_000)
    fx, fy = val_frames()
    print(f'banks train {train_bank.shape} val {val_bank.shape}, val samples {len(vy)}, val frames {len(fy)} '
          f'in {time.time() - t0:.0f}s', flush=True)
    net = ExposureNet() if a.arch == 'hist' else ExposureNetPlain()
    opt = torch.optim.AdamW(net.parameters(), lr=a.lr, weight_decay=1e-4)
    g = torch.Generator().manual_seed(a.seed)
    ckpt = os.path.join(WORK, f'{a.out}.pt')
    budget = a.minutes * 60
    start = time.time()
    best, step, log = -1.0, 0, []
    while True:
        frac = (time.time() - start) / budget
        if frac >= 1:
            break
        for pg in opt.param_groups:  # warm-up then cosine decay over the time budget
            pg['lr'] = a.lr * min(1.0, (step + 1) / 200) * 0.5 * (1 + math.cos(math.pi * frac))
        idx = torch.randint(len(train_bank), (a.batch,), generator=g).numpy()
        x, lab = degrade(train_bank[idx], g)
        net.train()
        loss = F.cross_entropy(net(x), lab, ignore_index=-1)
        opt.zero_grad()
        loss.backward()
        opt.step()
        step += 1
        if step % a.eval_every == 0:
            acc_s, acc_f = accuracy(net, vx, vy), accuracy(net, fx, fy)
            score = 0.5 * (acc_s + acc_f)
            log.append({'step': step, 'sec': round(time.time() - start), 'train_loss': round(float(loss), 4),
                        'val_samples_acc': round(acc_s, 4), 'val_frames_acc': round(acc_f, 4), 'score': round(score, 4)})
            print(log[-1], flush=True)
            if score > best:
                best = score
                torch.save(net.state_dict(), ckpt)
    print(f'done: {step} steps, best val {best:.4f} -> {ckpt}', flush=True)
    json.dump({'kind': 'exposure', 'trainer': 'expo_fast.py', 'steps': step, 'best_val': best,
               'best_step': max(log, key=lambda r: r['score'])['step'] if log else None,
               'arch': a.arch, 'runs': [{'steps': step, 'minutes': a.minutes, 'lr': a.lr, 'seed': a.seed, 'batch': a.batch,
                         'perPhoto': a.per_photo, 'trainPhotos': len(bank_paths('train'))}],
               'log': log}, open(os.path.join(WORK, f'{a.out}-train.json'), 'w'), indent=1)


if __name__ == '__main__':
    main()
