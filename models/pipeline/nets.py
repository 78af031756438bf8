"""The two small CNNs. Normalisation lives inside the graph so the engine feeds plain 0..1 values."""
import torch
import torch.nn as nn
import torch.nn.functional as F


def cbr(cin, cout, stride=1):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, stride, 1, bias=False), nn.BatchNorm2d(cout), nn.ReLU(inplace=True))


class BlurNet(nn.Module):
    """Fully convolutional: luma [N,1,H,W] in 0..1 (any H, W; multiples of 16 use every pixel) ->
    [N,2,H/16,W/16] logits per 16x16 cell: channel 0 = blurry, channel 1 = evidence (the cell
    shows a scene with texture, so its blur is observable). Receptive field ~100 px."""
    STRIDE = 16

    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(
            cbr(1, 12), cbr(12, 16, 2), cbr(16, 16), cbr(16, 32, 2), cbr(32, 32),
            cbr(32, 48, 2), cbr(48, 48), cbr(48, 64, 2), cbr(64, 64))
        self.head = nn.Conv2d(64, 2, 1)

    def forward(self, x):
        return self.head(self.body((x - 0.45) / 0.25))


class ExposureNetPlain(nn.Module):
    """The first exposure net (CNN only). Kept so its checkpoints stay loadable for comparison."""

    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(cbr(3, 16, 2), cbr(16, 24), cbr(24, 32, 2), cbr(32, 48, 2), cbr(48, 64, 2))
        self.head = nn.Sequential(nn.Linear(128, 64), nn.ReLU(inplace=True), nn.Linear(64, 3))

    def forward(self, x):
        f = self.body((x - 0.45) / 0.25)
        # Mean and max pooling: overall brightness and the extent of clipped highlights both matter.
        g = torch.cat([f.mean(dim=(2, 3)), f.amax(dim=(2, 3))], dim=1)
        return self.head(g)


class ExposureNet(nn.Module):
    """RGB [N,3,72,128] in 0..1 (the frame squashed to 128x72 by area averaging) -> [N,3] logits
    for good / under / over.

    Two branches: the CNN sees content (is this a dark scene or a dark exposure of a normal one?)
    and a global branch sees soft histograms of luma and of max(R,G,B) (where the range ends:
    crushed shadows, clipped highlights), which a small CNN's pooled features only approximate."""
    BINS = 32

    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(cbr(3, 16, 2), cbr(16, 24), cbr(24, 32, 2), cbr(32, 48, 2), cbr(48, 64, 2))
        self.register_buffer('centers', ((torch.arange(self.BINS, dtype=torch.float32) + 0.5) / self.BINS).view(1, self.BINS, 1))
        self.hist = nn.Sequential(nn.Linear(2 * self.BINS, 64), nn.ReLU(inplace=True))
        self.head = nn.Sequential(nn.Linear(128 + 64, 64), nn.ReLU(inplace=True), nn.Linear(64, 3))

    def soft_hist(self, v):
        """v [N,P] in 0..1 -> [N,BINS] triangular-kernel histogram (differentiable, exportable)."""
        w = torch.relu(1 - torch.abs(v.unsqueeze(1) - self.centers) * self.BINS)
        return w.mean(dim=2) * self.BINS

    def forward(self, x):
        f = self.body((x - 0.45) / 0.25)
        g = torch.cat([f.mean(dim=(2, 3)), f.amax(dim=(2, 3))], dim=1)
        # Histograms over 4x4 blocks (32x18 = 576 values): the distribution's shape survives and
        # the branch costs a sixteenth; max-pooling keeps a small clipped highlight visible.
        n = x.shape[0]
        y = F.avg_pool2d(0.2126 * x[:, 0:1] + 0.7152 * x[:, 1:2] + 0.0722 * x[:, 2:3], 4).reshape(n, -1)
        m = F.max_pool2d(x.amax(dim=1, keepdim=True), 4).reshape(n, -1)
        h = self.hist(torch.cat([self.soft_hist(y), self.soft_hist(m)], dim=1))
        return self.head(torch.cat([g, h], dim=1))


def load_exposure(path):
    """Loads an exposure checkpoint of either architecture (picked by its parameter names)."""
    sd = torch.load(path)
    net = ExposureNet() if 'centers' in sd else ExposureNetPlain()
    net.load_state_dict(sd)
    return net
