// Jest environment for code that runs ONNX Runtime: onnxruntime-node's native binding creates its
// output typed arrays in Node's main realm, while jest gives each test file its own realm, so
// onnxruntime-common's `data instanceof Float32Array` check rejects every result. Sharing the
// typed-array constructors (and ArrayBuffer) of the main realm with the test realm fixes that.
// Every test file runs in it (jest.config.js), so in-process engine tests use the learned models too.
'use strict';
const { TestEnvironment } = require('jest-environment-node');

const SHARED = [
  'ArrayBuffer', 'SharedArrayBuffer', 'DataView',
  'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array',
  'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array',
];

class OnnxRuntimeEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    for (const name of SHARED) if (typeof globalThis[name] === 'function') this.global[name] = globalThis[name];
  }
}

module.exports = OnnxRuntimeEnvironment;
