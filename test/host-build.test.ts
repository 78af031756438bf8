// The host script as Premiere gets it: one ES3 file, one global, no eval, ASCII only.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import * as acorn from 'acorn';
import { createPremiereSim } from './premiere-sim';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildHost, assertEs3 } = require('../scripts/build-host.js') as { buildHost(out: string): string; assertEs3(text: string): void };

let built: string;
beforeAll(() => {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cliptriage-host-')), 'cliptriage.jsx');
  built = fs.readFileSync(buildHost(out), 'utf8');
});

test('the built .jsx parses as ES3 with reserved words disallowed', () => {
  expect(() => acorn.parse(built, { ecmaVersion: 3, allowReserved: 'never', sourceType: 'script' })).not.toThrow();
});

test('the ES3 check rejects what ExtendScript cannot parse', () => {
  expect(() => assertEs3('var o = { get x() { return 1; } };')).toThrow();
  expect(() => assertEs3('var o = { a: 1, };')).toThrow();
  expect(() => assertEs3('var d = o.default;')).toThrow();
  expect(() => assertEs3('let x = 1;')).toThrow();
  expect(() => assertEs3('var d = o["default"];')).not.toThrow();
});

test('the .jsx is pure ASCII (ExtendScript reads BOM-less files in the legacy encoding)', () => {
  expect(built).toMatch(/^[\x00-\x7f]*$/);
});

test('the .jsx never evaluates text as code', () => {
  const ast = acorn.parse(built, { ecmaVersion: 3, sourceType: 'script' }) as unknown as acorn.Node;
  const offenders: string[] = [];
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const n = node as Record<string, unknown> & { type?: string };
    if (n.type === 'Identifier' && (n.name === 'eval' || n.name === 'Function')) offenders.push(String(n.name));
    for (const v of Object.values(n)) {
      if (Array.isArray(v)) v.forEach(visit);
      else if (v && typeof v === 'object') visit(v);
    }
  };
  visit(ast);
  expect(offenders).toEqual([]);
});

test('loading it in an ES3 context defines exactly one global: ClipTriageHost', () => {
  const sim = createPremiereSim({ items: [] });
  // The simulated engine really is ES3: no JSON, no Array#indexOf, no Object.keys.
  expect(sim.evalScript('typeof JSON')).toBe('undefined');
  expect(sim.evalScript('typeof [].indexOf')).toBe('undefined');
  expect(sim.evalScript('typeof Object.keys')).toBe('undefined');
  // Arrays made inside the context lack ES5 methods too, hence Array.from.
  const globals = () => Array.from(vm.runInContext('(function (g) { var k = []; for (var n in g) k.push(n); return k; })(this)', sim.context) as string[]);
  const before = new Set(globals());
  vm.runInContext(built, sim.context);
  const after = globals().filter((k) => !before.has(k));
  expect(after).toEqual(['ClipTriageHost']);
  expect(sim.evalScript('typeof ClipTriageHost.call')).toBe('function');
});
