// The panel's typed view of the host script (ClipTriageHost in Premiere). Every call goes through
// evalScript with JSON-encoded arguments, built and parsed by the host-scripts call helper; here we
// turn the host's { ok:false } answers and evalScript failures into plain-words Errors.

import type { HostApi, HostFunction } from '../../host-scripts/contract';

/** Calls one host function (argument values as JSON data) and resolves with its answer. */
export type HostCall = <F extends HostFunction>(fn: F, ...args: Parameters<HostApi[F]>) => Promise<ReturnType<HostApi[F]>>;

export class HostError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HostError';
  }
}

export class HostClient {
  constructor(private readonly call: HostCall) {}

  ping(): Promise<ReturnType<HostApi['ping']>> {
    return this.call('ping');
  }

  listClips(...args: Parameters<HostApi['listClips']>): Promise<ReturnType<HostApi['listClips']>> {
    return this.call('listClips', ...args);
  }

  applyRatings(...args: Parameters<HostApi['applyRatings']>): Promise<ReturnType<HostApi['applyRatings']>> {
    return this.call('applyRatings', ...args);
  }

  clearRatings(...args: Parameters<HostApi['clearRatings']>): Promise<ReturnType<HostApi['clearRatings']>> {
    return this.call('clearRatings', ...args);
  }

  revealClip(...args: Parameters<HostApi['revealClip']>): Promise<ReturnType<HostApi['revealClip']>> {
    return this.call('revealClip', ...args);
  }

  makeSelects(...args: Parameters<HostApi['makeSelects']>): Promise<ReturnType<HostApi['makeSelects']>> {
    return this.call('makeSelects', ...args);
  }

  clearSelects(): Promise<ReturnType<HostApi['clearSelects']>> {
    return this.call('clearSelects');

  }

  watchImports(...args: Parameters<HostApi['watchImports']>): Promise<ReturnType<HostApi['watchImports']>> {
    return this.call('watchImports', ...args);
  }

  listClipsById(...args: Parameters<HostApi['listClipsById']>): Promise<ReturnType<HostApi['listClipsById']>> {
    return this.call('listClipsById', ...args);
  }

  applyTakes(...args: Parameters<HostApi['applyTakes']>): Promise<ReturnType<HostApi['applyTakes']>> {
    return this.call('applyTakes', ...args);
  }
}
