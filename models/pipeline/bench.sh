#!/usr/bin/env bash
# Compiles the learned-analyser files of the engine into models/.work/tsbuild and benchmarks them.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
npx tsc --outDir models/.work/tsbuild --rootDir . --module commonjs --target ES2020 --moduleResolution node \
  --strict --esModuleInterop --skipLibCheck --types node extension/analyze/learned.ts extension/contracts/settings.ts
node models/pipeline/bench-onnx.js
