#!/usr/bin/python3
"""Exports the seed tutorial's network shape — ResNeXt50-32x4d at 224x224 — to ONNX for the
speed benchmark. Weights are random: inference time does not depend on their values, and nothing
large is committed (the benchmark runs this into its gitignored cache folder).

usage: /usr/bin/python3 bench/export_seed_model.py OUT.onnx
Exit code 3 when torch/torchvision are missing, so the benchmark can say so and skip that part.
"""
import os
import sys


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    out = sys.argv[1]
    try:
        import torch
        import torchvision
    except ImportError as e:  # python3-torch / python3-torchvision not installed
        print(f"torch/torchvision not available: {e}", file=sys.stderr)
        return 3
    torch.manual_seed(0)
    # torchvision >= 0.13 takes weights=None; older versions pretrained=False. Both: random init.
    try:
        net = torchvision.models.resnext50_32x4d(weights=None)
    except TypeError:
        net = torchvision.models.resnext50_32x4d(pretrained=False)
    # The tutorial fine-tuned a 2-/3-class head; the head size does not change the cost.
    net.fc = torch.nn.Linear(net.fc.in_features, 3)
    net.eval()
    dummy = torch.zeros(1, 3, 224, 224)
    tmp = out + ".part"
    with torch.no_grad():
        torch.onnx.export(
            net, dummy, tmp,
            input_names=["input"], output_names=["logits"],
            dynamic_axes={"input": {0: "batch"}, "logits": {0: "batch"}},
            opset_version=17, do_constant_folding=True,
        )
    os.replace(tmp, out)  # atomic: an interrupted export never leaves a half model behind
    params = sum(p.numel() for p in net.parameters())
    print(f"exported ResNeXt50-32x4d ({params / 1e6:.1f} M parameters, torch {torch.__version__}) to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
