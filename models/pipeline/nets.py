"""The two small CNNs. Normalisation lives inside the graph so the engine feeds plain 0..1 values."""
import torch
import torch.nn as nn


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


class ExposureNet(nn.Module):
    """RGB [N,3,72,128] in 0..1 (the frame squashed to 128x72 by area averaging) -> [N,3] logits
    for good / under / over."""

    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(cbr(3, 16, 2), cbr(16, 24), cbr(24, 32, 2), cbr(32, 48, 2), cbr(48, 64, 2))
        self.head = nn.Sequential(nn.Linear(128, 64), nn.ReLU(inplace=True), nn.Linear(64, 3))

    def forward(self, x):
        f = self.body((x - 0.45) / 0.25)
        # Mean and max pooling: overall brightness and the extent of clipped highlights both matter.
        g = torch.cat([f.mean(dim=(2, 3)), f.amax(dim=(2, 3))], dim=1)
        return self.head(g)
