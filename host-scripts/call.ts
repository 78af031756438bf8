// Panel side of the host boundary: builds the evalScript text for a host call and reads the reply.
// Arguments travel as a JSON string literal inside the script, so values are data and never code:
//   ClipTriageHost.call("{\"fn\":\"listClips\",\"args\":[\"selection\"]}")
// Typed against HostApi, like bolt-cep's evalTS, so a wrong argument is a compile error.

import { HOST_NAMESPACE } from './contract';
import type { HostApi, HostFunction, HostResult } from './contract';

export type HostArgs<F extends HostFunction> = Parameters<HostApi[F]>;
export type HostValue<F extends HostFunction> = ReturnType<HostApi[F]>;

/**
 * A JavaScript string literal for `text` that is safe in ES3 source: JSON.stringify leaves U+2028
 * and U+2029 raw (line terminators in ES3/ES5 string literals), and non-ASCII is escaped so the
 * script means the same whatever encoding the transport assumes.
 */
export function es3StringLiteral(text: string): string {
  return JSON.stringify(text).replace(/[\u007f-\uffff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

/** The script to pass to CSInterface.evalScript for `fn(...args)`. */
export function buildHostCall<F extends HostFunction>(fn: F, args: HostArgs<F>): string {
  const payload = JSON.stringify({ fn, args });
  return HOST_NAMESPACE + '.call(' + es3StringLiteral(payload) + ')';
}

/** Reads evalScript's reply. Anything that is not a HostResult (e.g. "EvalScript error.", host script not loaded) becomes ok:false. */
export function parseHostReply<T>(raw: string): HostResult<T> {
  if (raw === 'EvalScript error.') {
    return { ok: false, error: 'Premiere could not run the ClipTriage host script (EvalScript error). Is the extension installed completely?' };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return { ok: false, error: 'Unexpected reply from Premiere: ' + String(raw).slice(0, 200) };
  }
  if (parsed && typeof parsed === 'object' && typeof (parsed as { ok?: unknown }).ok === 'boolean') {
    const r = parsed as { ok: boolean; value?: unknown; error?: unknown };
    if (r.ok) return { ok: true, value: r.value as T };
    return { ok: false, error: typeof r.error === 'string' ? r.error : 'Host call failed' };
  }
  return { ok: false, error: 'Unexpected reply from Premiere: ' + String(raw).slice(0, 200) };
}

/** Evaluator shape of CSInterface.evalScript (callback) — lets the panel and tests share one call path. */
export type EvalScript = (script: string, callback: (result: string) => void) => void;

/** Calls a host function through an evalScript-like function. Never rejects: failures are ok:false. */
export function callHost<F extends HostFunction>(evalScript: EvalScript, fn: F, ...args: HostArgs<F>): Promise<HostResult<HostValue<F>>> {
  return new Promise((resolve) => {
    try {
      evalScript(buildHostCall(fn, args), (raw) => resolve(parseHostReply<HostValue<F>>(raw)));
    } catch (err) {
      resolve({ ok: false, error: 'evalScript failed: ' + (err instanceof Error ? err.message : String(err)) });
    }
  });
}
