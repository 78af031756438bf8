// The CEP manifest and the extension folder the packaging step assembles.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as acorn from 'acorn';

const ROOT = path.resolve(__dirname, '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { packageExtension } = require('../scripts/package-extension.js') as {
  packageExtension(o: { root?: string; out: string; debug?: boolean }): { out: string; bytes: number };
};
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { DEFAULT_OUT } = require('../scripts/build-host.js') as { DEFAULT_OUT: string };

const manifest = fs.readFileSync(path.join(ROOT, 'CSXS', 'manifest.xml'), 'utf8');
const tag = (name: string) => [...manifest.matchAll(new RegExp(`<${name}[^>]*>([^<]*)</${name}>`, 'g'))].map((m) => m[1].trim());

describe('CSXS/manifest.xml', () => {
  test('targets Premiere 23 through 26 on the CEP 11/12 runtime with Node enabled', () => {
    expect(manifest).toMatch(/<Host Name="PPRO" Version="\[23\.0,26\.9\]" \/>/);
    expect(manifest).toMatch(/<RequiredRuntime Name="CSXS" Version="11\.0" \/>/);
    expect(tag('Parameter')).toEqual(['--enable-nodejs', '--mixed-context']);
    expect(tag('Type')).toEqual(['Panel']);
  });

  test('points at the files the builds produce, and the .debug file names the same extension', () => {
    expect(tag('ScriptPath')).toEqual(['./build/host/cliptriage.jsx']);
    expect(path.resolve(ROOT, tag('ScriptPath')[0])).toBe(DEFAULT_OUT);
    expect(tag('MainPath')).toEqual(['./build/panel/index.html']);
    const id = /<Extension Id="([^"]+)" Version=/.exec(manifest)![1];
    expect(manifest).toContain(`<Extension Id="${id}">`);
    expect(fs.readFileSync(path.join(ROOT, '.debug'), 'utf8')).toContain(`<Extension Id="${id}">`);
  });

  test('icons exist, are PNGs and are tiny', () => {
    const icons = tag('Icon');
    expect(icons).toHaveLength(4);
    for (const rel of icons) {
      const bytes = fs.readFileSync(path.resolve(ROOT, rel));
      expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      expect(bytes.readUInt32BE(16)).toBe(23); // width
      expect(bytes.length).toBeLessThan(10 * 1024);
    }
  });
});

describe('scripts/package-extension.js', () => {
  let root: string;
  beforeAll(() => {
    // A stand-in checkout: the real manifest and node_modules, built panel/engine stand-ins, a model.
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'cliptriage-pkg-'));
    const write = (rel: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
      fs.writeFileSync(path.join(root, rel), text);
    };
    fs.cpSync(path.join(ROOT, 'CSXS'), path.join(root, 'CSXS'), { recursive: true });
    fs.copyFileSync(path.join(ROOT, '.debug'), path.join(root, '.debug'));
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(root, 'node_modules'), 'dir');
    write('build/panel/index.html', '<!doctype html><script src="bundle.js"></script>');
    write('build/panel/bundle.js', 'console.log(1)');
    write('build/extension/server.js', '// engine');
    write('build/extension/cli.js', '// cli');
    write('bin/cliptriage.js', '// bin');
    // A checkout may still hold model files of the removed learned models: they must not ship.
    write('models/blur.onnx', 'onnx bytes');
    write('models/README.md', '# removed');
    write(
      'package.json',
      JSON.stringify({
        name: 'cliptriage',
        version: '0.1.0',
        scripts: { test: 'jest' },
        dependencies: { 'fluent-ffmpeg': '2.1.3' },
        devDependencies: { jest: '*', 'onnxruntime-node': '1.23.2' },
      }),
    );
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  test('assembles manifest, panel, host script, engine and production node_modules only (no models)', () => {
    const out = path.join(root, 'dist', 'com.cliptriage.panel');
    const r = packageExtension({ root, out });
    expect(r.out).toBe(out);
    const has = (rel: string) => fs.existsSync(path.join(out, rel));
    for (const rel of ['CSXS/manifest.xml', 'CSXS/icons/icon-normal.png', 'build/panel/index.html', 'build/panel/bundle.js', 'build/host/cliptriage.jsx', 'build/extension/server.js', 'bin/cliptriage.js']) {
      expect([rel, has(rel)]).toEqual([rel, true]);
    }
    expect(has('models')).toBe(false); // the learned models were removed
    expect(has('node_modules/onnxruntime-node')).toBe(false); // a devDependency (the bench's seed comparison)
    expect(has('.debug')).toBe(false);
    const jsx = fs.readFileSync(path.join(out, 'build/host/cliptriage.jsx'), 'utf8');
    expect(() => acorn.parse(jsx, { ecmaVersion: 3, allowReserved: 'never' })).not.toThrow();
    const pkg = JSON.parse(fs.readFileSync(path.join(out, 'package.json'), 'utf8'));
    expect(pkg.devDependencies).toBeUndefined();
    expect(pkg.scripts).toBeUndefined();
    expect(pkg.dependencies).toEqual({ 'fluent-ffmpeg': '2.1.3' });
    // fluent-ffmpeg and what it needs at run time; nothing from devDependencies.
    expect(has('node_modules/fluent-ffmpeg/package.json')).toBe(true);
    const ff = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules/fluent-ffmpeg/package.json'), 'utf8'));
    for (const dep of Object.keys(ff.dependencies)) {
      const nested = has(`node_modules/fluent-ffmpeg/node_modules/${dep}`) || has(`node_modules/${dep}`);
      expect([dep, nested]).toEqual([dep, true]);
    }
    expect(has('node_modules/jest')).toBe(false);
    expect(has('node_modules/typescript')).toBe(false);
    expect(fs.readdirSync(path.dirname(out)).filter((n) => n.includes('staging'))).toEqual([]);
  });

  test('--debug adds .debug; a missing panel build is a clear error and leaves no folder behind', () => {
    const out = path.join(root, 'dist', 'debug-build');
    packageExtension({ root, out, debug: true });
    expect(fs.existsSync(path.join(out, '.debug'))).toBe(true);

    fs.renameSync(path.join(root, 'build/panel'), path.join(root, 'build/panel-moved'));
    try {
      expect(() => packageExtension({ root, out: path.join(root, 'dist', 'broken') })).toThrow(/build\/panel\/index\.html is missing/);
      expect(fs.existsSync(path.join(root, 'dist', 'broken'))).toBe(false);
    } finally {
      fs.renameSync(path.join(root, 'build/panel-moved'), path.join(root, 'build/panel'));
    }
  });
});
