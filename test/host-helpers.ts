// Shared by the host-script tests: a simulator with the built host script loaded, and a typed call.
import { buildHostCall, parseHostReply, HostArgs, HostValue } from '../host-scripts/call';
import type { HostFunction, HostResult } from '../host-scripts/contract';
import { createPremiereSim, PremiereSim, PremiereSimOptions } from './premiere-sim';

export function simWithHost(options: PremiereSimOptions): PremiereSim {
  const sim = createPremiereSim(options);
  sim.loadHostScript();
  return sim;
}

export function call<F extends HostFunction>(sim: PremiereSim, fn: F, ...args: HostArgs<F>): HostResult<HostValue<F>> {
  return parseHostReply<HostValue<F>>(sim.evalScript(buildHostCall(fn, args)));
}

/** Like call() but fails the test on ok:false. */
export function callOk<F extends HostFunction>(sim: PremiereSim, fn: F, ...args: HostArgs<F>): HostValue<F> {
  const r = call(sim, fn, ...args);
  if (!r.ok) throw new Error(`${fn} failed: ${r.error}`);
  return r.value;
}
