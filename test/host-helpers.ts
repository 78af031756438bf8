// Shared by the host-script tests: a simulator with the built host script loaded, and a typed call.
import { buildHostCall, parseHostReply, HostArgs, HostValue } from '../host-scripts/call';
import { DEFAULT_LABEL_MAP } from '../host-scripts/contract';
import type { ApplyOptions, ClipRating, HostFunction, HostResult } from '../host-scripts/contract';
import { createPremiereSim, PremiereSim, PremiereSimOptions, PRIVATE_NS } from './premiere-sim';

export const OPTIONS: ApplyOptions = { labelMap: DEFAULT_LABEL_MAP, overrideManualLabels: false, writeMarkers: true, writeLabels: true };

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

/** A project metadata column of the named item ("ClipTriageUsability"…), undefined when absent. */
export function col(sim: PremiereSim, name: string, property: string): string | undefined {
  return sim.item(name).metadata.get(PRIVATE_NS + '\u0000' + property);
}

/** A typical unusable rating with two bad segments (so two markers) for the named clip. */
export function rating(sim: PremiereSim, name: string, over: Partial<ClipRating> = {}): ClipRating {
  return {
    nodeId: sim.item(name).nodeId,
    verdict: 'unusable',
    quality: 23,
    flags: ['blurry', 'dark'],
    segments: [
      { startSec: 0, endSec: 7.5, flags: ['blurry'] },
      { startSec: 9.25, endSec: 11, flags: ['dark', 'blurry'] },
    ],
    ratedBy: 'ClipTriage 0.1.0 (blur b1, exposure e1)',
    scores: { blurry: 0.91, dark: 0.66, bright: 0.02, shaky: 0.1 },
    ...over,
  };
}
