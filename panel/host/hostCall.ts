// Adapts the host-scripts call helper (JSON-in/JSON-out evalScript strings) to the panel's
// promise-based HostCall: ok:false answers become HostErrors with the host's plain-words message,
// and a call Premiere never answers (a modal dialog open, the app hung) fails after a while instead
// of leaving the panel waiting forever.

import { callHost } from '../../host-scripts/call';
import type { HostApi, HostFunction } from '../../host-scripts/contract';
import { HostCall, HostError } from './hostClient';

/** How long one host call may take; the host script works in small chunks, so this is generous. */
export const HOST_CALL_TIMEOUT_MS = 60000;

export function createHostCall(evalScript: (script: string) => Promise<string>, timeoutMs = HOST_CALL_TIMEOUT_MS): HostCall {
  const callbackEval = (script: string, callback: (result: string) => void): void => {
    evalScript(script).then(callback, (err: Error) => callback(`evalScript failed: ${err.message}`));
  };
  return <F extends HostFunction>(fn: F, ...args: Parameters<HostApi[F]>): Promise<ReturnType<HostApi[F]>> =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new HostError(`Premiere did not answer within ${Math.round(timeoutMs / 1000)} s. Close any open dialog in Premiere and try again.`));
      }, timeoutMs);
      callHost(callbackEval, fn, ...args).then((reply) => {
        clearTimeout(timer);
        if (reply.ok) resolve(reply.value);
        else reject(new HostError(reply.error));
      });
    });
}
