"""Trains one model on samples generated on the fly from the train split; keeps the checkpoint
with the best validation score (validation photos are a separate split; the test photos are never
touched here).  usage: python3 train.py blur|exposure --minutes 25 [--threads 1] [--seed 0]"""
import argparse
import json
import os
import time

import numpy as np
import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader, IterableDataset

import samples as S
from nets import BlurNet, ExposureNet

WORK = os.path.join(S.MODELS, '.work')


class Stream(IterableDataset):
    def __init__(self, kind, split, seed):
        self.kind, self.split, self.seed = kind, split, seed

    def __iter__(self):
        info = torch.utils.data.get_worker_info()
        rng = np.random.default_rng(self.seed + (info.id if info else 0) * 7919)
        photos = S.load_photos(self.split)
        while True:
            if self.kind == 'blur':
                x, lab, ev = S.blur_patch(rng, photos)
                yield torch.from_numpy(x[None].copy()), torch.from_numpy(lab.astype(np.int64)), torch.from_numpy(ev.astype(np.float32))
            else:
                x, lab = S.exposure_frame(rng, photos)
                if lab < 0:
                    continue
                yield torch.from_numpy(x.transpose(2, 0, 1).copy()), torch.tensor(lab), torch.tensor(0.0)


def fixed_set(kind, split, n, seed):
    it = iter(Stream(kind, split, seed))
    items = [next(it) for _ in range(n)]
    return [torch.stack([it_[i] for it_ in items]) for i in range(3)]


def blur_loss(out, lab, ev):
    blur_logit, ev_logit = out[:, 0], out[:, 1]
    m = ((lab >= 0) & (ev > 0.5)).float()
    lb = (F.binary_cross_entropy_with_logits(blur_logit, lab.clamp(min=0).float(), reduction='none') * m).sum() / m.sum().clamp(min=1)
    le = F.binary_cross_entropy_with_logits(ev_logit, ev)
    return lb + 0.5 * le, m


def evaluate(kind, net, val):
    net.eval()
    with torch.no_grad():
        x, lab, ev = val
        outs = torch.cat([net(x[i:i + 256].float() / 255) for i in range(0, len(x), 256)])
        if kind == 'blur':
            loss, m = blur_loss(outs, lab, ev)
            pred = (outs[:, 0] > 0).long()
            ok = ((pred == lab).float() * m)
            pos = (lab == 1).float() * m
            neg = (lab == 0).float() * m
            bacc = 0.5 * ((ok * pos).sum() / pos.sum() + (ok * neg).sum() / neg.sum())
            ev_acc = ((outs[:, 1] > 0).float() == ev).float().mean()
            return float(bacc), {'loss': float(loss), 'cell_bacc': float(bacc), 'evidence_acc': float(ev_acc)}
        acc = (outs.argmax(1) == lab).float().mean()
        return float(acc), {'loss': float(F.cross_entropy(outs, lab)), 'acc': float(acc)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('kind', choices=['blur', 'exposure'])
    ap.add_argument('--minutes', type=float, default=25)
    ap.add_argument('--threads', type=int, default=1)
    ap.add_argument('--seed', type=int, default=0)
    ap.add_argument('--batch', type=int, default=48)
    ap.add_argument('--val', type=int, default=1200)
    ap.add_argument('--lr', type=float, default=3e-3)
    ap.add_argument('--resume', action='store_true', help='continue from the saved checkpoint')
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    os.makedirs(WORK, exist_ok=True)
    t0 = time.time()
    val = fixed_set(a.kind, 'val', a.val, 10_000 + a.seed)
    print(f'val set {len(val[0])} in {time.time() - t0:.0f}s', flush=True)
    net = BlurNet() if a.kind == 'blur' else ExposureNet()
    ckpt = os.path.join(WORK, f'{a.kind}.pt')
    prev = None
    if a.resume:
        net.load_state_dict(torch.load(ckpt))
        prev = json.load(open(os.path.join(WORK, f'{a.kind}-train.json')))
    opt = torch.optim.AdamW(net.parameters(), lr=a.lr, weight_decay=1e-4)
    dl = DataLoader(Stream(a.kind, 'train', a.seed), batch_size=a.batch, num_workers=1, prefetch_factor=4)
    budget = a.minutes * 60
    start = time.time()
    best, step, log = -1.0, 0, []
    if prev:
        best = evaluate(a.kind, net, val)[0]
        print(f'resumed from {prev["steps"]} steps, val {best:.4f}', flush=True)
    for x, lab, ev in dl:
        frac = (time.time() - start) / budget
        if frac >= 1:
            break
        for g in opt.param_groups:  # warm-up then cosine decay over the time budget
            g['lr'] = a.lr * min(1.0, (step + 1) / 100) * 0.5 * (1 + np.cos(np.pi * frac))
        net.train()
        out = net(x.float() / 255)
        loss = blur_loss(out, lab, ev)[0] if a.kind == 'blur' else F.cross_entropy(out, lab)
        opt.zero_grad()
        loss.backward()
        opt.step()
        step += 1
        if step % 100 == 0:
            score, m = evaluate(a.kind, net, val)
            log.append({'step': step, 'sec': round(time.time() - start), 'train_loss': float(loss), **m})
            print(log[-1], flush=True)
            if score > best:
                best = score
                torch.save(net.state_dict(), ckpt)
    print(f'done: {step} steps, best val {best:.4f} -> {ckpt}', flush=True)
    runs = (prev.get('runs') or [{k: prev.get(k) for k in ('steps', 'minutes', 'seed', 'batch')}] if prev else []) + [{'steps': step, 'minutes': a.minutes, 'lr': a.lr, 'seed': a.seed, 'batch': a.batch}]
    json.dump({'kind': a.kind, 'steps': sum(r['steps'] for r in runs), 'best_val': best, 'runs': runs,
               'log': (prev['log'] if prev else []) + log}, open(os.path.join(WORK, f'{a.kind}-train.json'), 'w'), indent=1)


if __name__ == '__main__':
    main()
