// Loads the learned ONNX analysers (models/*.onnx) through onnxruntime-node.
// Placeholder until the models land (issue 3): reports that no model is available so the
// pipeline runs its classical analysers alone.
import type { EngineSettings } from '../contracts/settings';
import type { LoadedAnalyzers } from './types';

export async function loadLearnedAnalyzers(_settings: EngineSettings): Promise<LoadedAnalyzers> {
  return { analyzers: [], executionProvider: 'none', models: {}, warnings: ['learned models not built yet'] };
}
