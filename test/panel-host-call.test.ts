// The panel's host client over the real host script in the Premiere simulator: values cross as
// data (a hostile clip name stays a name), host refusals become plain-words errors, and a host
// that never answers fails the call instead of hanging the panel.

import { createHostCall } from '../panel/host/hostCall';
import { HostClient, HostError } from '../panel/host/hostClient';
import { createPremiereSim } from './premiere-sim';

const HOSTILE = '"); app.quit(); ("';

function client() {
  const sim = createPremiereSim({
    items: [{ bin: 'Day 1', children: [{ clip: 'A001', path: '/media/A001.mov' }, { clip: HOSTILE, path: `/media/${HOSTILE}.mov` }] }],
  });
  sim.loadHostScript();
  const host = new HostClient(createHostCall((script) => Promise.resolve(sim.evalScript(script))));
  return { sim, host };
}

describe('panel host client', () => {
  it('lists clips through evalScript, names as data', async () => {
    const { sim, host } = client();
    const res = await host.listClips('project', { max: 50 });
    expect(res.clips.map((c) => c.name).sort()).toEqual([HOSTILE, 'A001'].sort());
    expect(res.clips.find((c) => c.name === HOSTILE)?.mediaPath).toBe(`/media/${HOSTILE}.mov`);
    expect(sim.app.quitCalls).toBe(0);
  });

  it('turns the host’s refusals into plain-words errors', async () => {
    const { host } = client();
    const err = await host.listClips('selection').catch((e: Error) => e);
    expect(err).toBeInstanceOf(HostError);
    expect((err as Error).message).toMatch(/Nothing is selected/);
  });

  it('explains an EvalScript error (host script not loaded)', async () => {
    const sim = createPremiereSim({ items: [] });
    const host = new HostClient(createHostCall((script) => Promise.resolve(sim.evalScript(script))));
    await expect(host.ping()).rejects.toThrow(/could not run the ClipTriage host script/);
  });

  it('gives up on a host that never answers', async () => {
    const host = new HostClient(createHostCall(() => new Promise<string>(() => undefined), 50));
    await expect(host.listClips('project')).rejects.toThrow(/did not answer within/);
  });
});
