// The evalScript boundary: the panel-side helper (host-scripts/call.ts), the host's dispatcher and
// its JSON implementation (ExtendScript has no JSON), with hostile and unicode values.
import * as acorn from 'acorn';
import { buildHostCall, callHost, es3StringLiteral, parseHostReply } from '../host-scripts/call';
import { parse, stringify } from '../host-scripts/src/json';
import { call, simWithHost } from './host-helpers';
import { createPremiereSim } from './premiere-sim';

const NASTY = ['"); app.quit(); ("', '\u2028\u2029', 'back\\slash', 'tab\tnew\nline', '日本語 🎬 é', '\u0000\u001f', '</script>', "'single'", '$(rm -rf /)'];

test('buildHostCall makes one ES3 call expression whose argument is a string literal', () => {
  for (const text of NASTY) {
    const script = buildHostCall('revealClip', [text, 1.5]);
    expect(script).toMatch(/^[\x20-\x7e]*$/);
    const ast = acorn.parse(script, { ecmaVersion: 3, allowReserved: 'never' }) as unknown as {
      body: { type: string; expression: { type: string; callee: { object: { name: string }; property: { name: string } }; arguments: { type: string; value: unknown }[] } }[];
    };
    expect(ast.body).toHaveLength(1);
    const expr = ast.body[0].expression;
    expect(expr.type).toBe('CallExpression');
    expect([expr.callee.object.name, expr.callee.property.name]).toEqual(['ClipTriageHost', 'call']);
    expect(expr.arguments).toHaveLength(1);
    expect(expr.arguments[0].type).toBe('Literal');
    expect(JSON.parse(expr.arguments[0].value as string)).toEqual({ fn: 'revealClip', args: [text, 1.5] });
  }
});

test('es3StringLiteral escapes the line separators JSON.stringify leaves raw', () => {
  expect(JSON.stringify('\u2028')).toBe('"\u2028"');
  expect(es3StringLiteral('\u2028')).toBe('"\\u2028"');
});

test('parseHostReply turns anything that is not a HostResult into ok:false', () => {
  expect(parseHostReply('EvalScript error.')).toEqual({ ok: false, error: expect.stringMatching(/EvalScript error/) });
  expect(parseHostReply('undefined')).toEqual({ ok: false, error: expect.stringMatching(/Unexpected reply/) });
  expect(parseHostReply('{"x":1}')).toEqual({ ok: false, error: expect.stringMatching(/Unexpected reply/) });
  expect(parseHostReply('{"ok":true,"value":[1]}')).toEqual({ ok: true, value: [1] });
  expect(parseHostReply('{"ok":false,"error":"boom"}')).toEqual({ ok: false, error: 'boom' });
});

test('callHost goes through an evalScript-style function and never rejects', async () => {
  const sim = simWithHost({ items: [] });
  const evalScript = (script: string, cb: (r: string) => void) => cb(sim.evalScript(script));
  await expect(callHost(evalScript, 'ping')).resolves.toEqual({ ok: true, value: { host: 'PPRO 24.0.0', version: '0.1.0' } });
  await expect(callHost(() => { throw new Error('no CSInterface'); }, 'ping')).resolves.toEqual({ ok: false, error: expect.stringMatching(/no CSInterface/) });
});

test('before the host script is loaded, a call is a clear error', () => {
  const sim = createPremiereSim({ items: [] });
  const bare = sim.evalScript(buildHostCall('ping', []));
  expect(bare).toBe('EvalScript error.');
  expect(parseHostReply(bare).ok).toBe(false);
});

test('the dispatcher only runs the five API functions', () => {
  const sim = simWithHost({ items: [] });
  for (const fn of ['constructor', 'hasOwnProperty', '__proto__', 'toString', 'call', 'eval', 'quit']) {
    const raw = sim.evalScript('ClipTriageHost.call(' + es3StringLiteral(JSON.stringify({ fn, args: [] })) + ')');
    expect(parseHostReply(raw)).toEqual({ ok: false, error: 'Unknown host function "' + fn + '"' });
  }
  const malformed = ['', 'null', '[]', '{"fn":"ping","args":{}}', '{"fn":', 'app.quit()'];
  for (const text of malformed) {
    const reply = parseHostReply(sim.evalScript('ClipTriageHost.call(' + es3StringLiteral(text) + ')'));
    expect(reply.ok).toBe(false);
  }
  expect(sim.app.quitCalls).toBe(0);
  expect(call(sim, 'ping').ok).toBe(true);
});

// A seeded generator: deterministic, but covers the whole BMP plus surrogate pairs.
function rng(seed: number) {
  return () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
}
function randomValue(rand: () => number, depth: number): unknown {
  const k = Math.floor(rand() * (depth > 3 ? 4 : 7));
  if (k === 0) return Math.round((rand() - 0.5) * 1e6) / 1000;
  if (k === 1) return rand() < 0.5;
  if (k === 2) return null;
  if (k === 3) {
    let s = '';
    const n = Math.floor(rand() * 12);
    for (let i = 0; i < n; i++) s += rand() < 0.1 ? '😀' : String.fromCharCode(Math.floor(rand() * 0xd7ff));
    return s;
  }
  if (k === 4) return Array.from({ length: Math.floor(rand() * 4) }, () => randomValue(rand, depth + 1));
  const o: Record<string, unknown> = {};
  for (let i = Math.floor(rand() * 4); i > 0; i--) o[String(randomValue(rand, 99))] = randomValue(rand, depth + 1);
  return o;
}

test('the host JSON implementation agrees with the platform JSON both ways', () => {
  const rand = rng(42);
  for (let i = 0; i < 500; i++) {
    const v = randomValue(rand, 0);
    const ours = stringify(v);
    expect(ours).toMatch(/^[\x20-\x7e]*$/);
    expect(JSON.parse(ours)).toEqual(v);
    expect(parse(JSON.stringify(v))).toEqual(v);
  }
});

test('the host JSON parser rejects malformed text and keeps __proto__ as data', () => {
  for (const bad of ['', '{', '[1,]', '{"a":1,}', "{'a':1}", 'NaN', '01', '"\\x41"', '"a\nb"', '1 2', 'undefined', 'function(){}']) {
    expect(() => parse(bad)).toThrow(/Invalid JSON/);
  }
  const o = parse('{"__proto__":{"polluted":true},"a":1}') as Record<string, unknown>;
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect((o as { polluted?: unknown }).polluted).toBeUndefined();
  expect(o.a).toBe(1);
});

test('without AdobeXMPScript every metadata call says so plainly; ping still answers', () => {
  const sim = createPremiereSim({ items: [{ clip: 'A' }], xmpScript: false });
  sim.loadHostScript();
  expect(call(sim, 'ping').ok).toBe(true);
  for (const r of [call(sim, 'listClips', 'project'), call(sim, 'clearRatings', { scope: 'project' })]) {
    expect(r).toEqual({ ok: false, error: expect.stringMatching(/XMP scripting library \(AdobeXMPScript\) could not be loaded/) });
  }
});
