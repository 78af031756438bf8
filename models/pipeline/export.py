"""Exports the trained checkpoints to models/*.onnx (opset 13, dynamic batch) and writes the
metadata the engine reads next to each model (models/*.json): input/output contract, normalisation,
pooling calibration, and the sha256 of the .onnx file.  usage: python3 export.py [blur] [exposure]
(both when none is named)"""
import hashlib
import json
import os
import sys

import onnx
import torch

import samples as S
from nets import BlurNet, load_exposure

WORK = os.path.join(S.MODELS, '.work')
OPSET = 13


def sha256(path):
    return hashlib.sha256(open(path, 'rb').read()).hexdigest()


def export(net, dummy, path, in_name, out_name, dyn):
    net.eval()
    torch.onnx.export(net, dummy, path, opset_version=OPSET, input_names=[in_name], output_names=[out_name],
                      dynamic_axes=dyn, do_constant_folding=True)
    m = onnx.load(path)
    onnx.checker.check_model(m)
    return os.path.getsize(path)


def main(which):
    train_info = {k: json.load(open(os.path.join(WORK, f'{k}-train.json'))) for k in which}
    if 'blur' in which:
        export_blur(train_info)
    if 'exposure' in which:
        export_exposure(train_info)


def export_blur(train_info):
    pooling = json.load(open(os.path.join(WORK, 'pooling.json')))
    blur = BlurNet()
    blur.load_state_dict(torch.load(os.path.join(WORK, 'blur.pt')))
    bpath = os.path.join(S.MODELS, 'blur.onnx')
    size = export(blur, torch.rand(2, 1, 216, 384), bpath, 'luma', 'cells',
                  {'luma': {0: 'batch', 2: 'height', 3: 'width'}, 'cells': {0: 'batch', 2: 'cells_y', 3: 'cells_x'}})
    json.dump({
        'name': 'blur', 'file': 'blur.onnx', 'sha256': sha256(bpath), 'bytes': size, 'opset': OPSET,
        'input': {'name': 'luma', 'shape': ['batch', 1, 'height', 'width'], 'type': 'float32',
                  'meaning': 'BT.709 luma of the full-range RGB frame, Y = 0.2126 R + 0.7152 G + 0.0722 B, divided by 255 (0..1); the frame as the engine samples it (analysisWidth, default 384 px wide); normalisation (x - 0.45) / 0.25 is inside the graph'},
        'output': {'name': 'cells', 'shape': ['batch', 2, 'ceil(height/16)', 'ceil(width/16)'], 'type': 'float32',
                   'meaning': 'per 16x16 cell logits: channel 0 = blurry, channel 1 = evidence (the scene has observable texture there)'},
        'cell': S.CELL,
        'pooling': pooling,
        'training': {'steps': train_info['blur']['steps'], 'bestValCellBalancedAccuracy': round(train_info['blur']['best_val'], 4)},
    }, open(os.path.join(S.MODELS, 'blur.json'), 'w'), indent=2)
    print('exported', bpath)


def exposure_training(info):
    out = {'steps': info['steps'], 'bestValAccuracy': round(info['best_val'], 4)}
    if info.get('trainer') == 'expo_fast.py':  # its validation score is a mean of two accuracies
        out.update(trainer='expo_fast.py', bestStep=info['best_step'],
                   validation='mean of the accuracies on banked val-photo samples and on the val frames of evaluate.py')
    return out


def export_exposure(train_info):
    expo = load_exposure(os.path.join(WORK, 'exposure.pt'))
    epath = os.path.join(S.MODELS, 'exposure.onnx')
    size = export(expo, torch.rand(2, 3, S.EXPO_H, S.EXPO_W), epath, 'rgb', 'logits',
                  {'rgb': {0: 'batch'}, 'logits': {0: 'batch'}})
    json.dump({
        'name': 'exposure', 'file': 'exposure.onnx', 'sha256': sha256(epath), 'bytes': size, 'opset': OPSET,
        'input': {'name': 'rgb', 'shape': ['batch', 3, S.EXPO_H, S.EXPO_W], 'type': 'float32',
                  'meaning': 'the full-range RGB frame squashed (aspect ignored) to 128x72 by area averaging, planar CHW, divided by 255 (0..1); normalisation (x - 0.45) / 0.25 is inside the graph'},
        'output': {'name': 'logits', 'shape': ['batch', 3], 'type': 'float32', 'classes': ['good', 'under', 'over']},
        'training': exposure_training(train_info['exposure']),
    }, open(os.path.join(S.MODELS, 'exposure.json'), 'w'), indent=2)
    print('exported', epath)


if __name__ == '__main__':
    main([k for k in ('blur', 'exposure') if k in sys.argv[1:]] or ['blur', 'exposure'])
