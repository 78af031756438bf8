#!/usr/bin/env node
// Assembles an installable CEP extension folder: dist/com.cliptriage.panel/
//
//   CSXS/manifest.xml, CSXS/icons/     the manifest (MainPath/ScriptPath are relative to this folder)
//   build/panel/                       the panel (webpack output)
//   build/host/cliptriage.jsx          the ExtendScript host script (built here, ES3-checked)
//   build/extension/                   the rating engine (tsc output; panel starts build/extension/server.js)
//   bin/cliptriage.js                  the CLI entry
//   package.json                       runtime fields only
//   node_modules/                      production dependencies only
//   node/bin/node[.exe]                optional (--bundle-node): a Node runtime for the engine
//
// Usage: node scripts/package-extension.js [--out DIR] [--debug] [--bundle-node]
//                                         [--platform win32-x64|darwin-arm64|darwin-x64|linux-x64]
//   default         production node_modules copied from this checkout's node_modules (offline;
//                   platform-specific binaries are this machine's).
//   --platform P    installs production dependencies for another OS/CPU with
//                   `npm ci --omit=dev --ignore-scripts --os --cpu` inside the staging folder
//                   (needs the npm registry), so ffmpeg/ffprobe binaries match the target.
//   --debug         also copies .debug (CEP remote debugging on port 8088).
//   --bundle-node   copies the running Node executable to node/bin (same platform only).
// Everything runs with argument arrays; no shell.
'use strict';
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const ROOT = path.resolve(__dirname, '..');
const BUNDLE_ID = 'com.cliptriage.panel';

function parseArgs(argv) {
  const opts = { root: ROOT, out: path.join(ROOT, 'dist', BUNDLE_ID), debug: false, bundleNode: false, platform: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--out') opts.out = path.resolve(argv[++i]);
    else if (a === '--debug') opts.debug = true;
    else if (a === '--bundle-node') opts.bundleNode = true;
    else if (a === '--platform') opts.platform = argv[++i];
    else throw new Error(`Unknown option ${a}`);
  }
  if (opts.platform && !/^(win32|darwin|linux)-(x64|arm64)$/.test(opts.platform)) {
    throw new Error('--platform must be one of win32-x64, win32-arm64, darwin-x64, darwin-arm64, linux-x64, linux-arm64');
  }
  return opts;
}

function copy(src, dest) {
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  fs.cpSync(src, dest, { recursive: true, dereference: true, filter: (p) => !p.endsWith('.tsbuildinfo') });
}

function requirePath(root, rel, hint) {
  const p = path.join(root, rel);
  if (!fs.existsSync(p)) throw new Error(`${rel} is missing: ${hint}`);
  return p;
}

/** The installed production dependency tree: package dirs reachable from `dependencies` (and installed optionals), resolved like Node does. */
function productionPackages(root = ROOT) {
  const rootPkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const found = new Map(); // absolute dir -> true
  const resolveFrom = (fromDir, name) => {
    for (let dir = fromDir; ; dir = path.dirname(dir)) {
      const cand = path.join(dir, 'node_modules', name);
      if (fs.existsSync(path.join(cand, 'package.json'))) return cand;
      if (dir === root || path.dirname(dir) === dir) return null;
    }
  };
  const visit = (fromDir, deps, optional) => {
    for (const name of Object.keys(deps || {})) {
      const dir = resolveFrom(fromDir, name);
      if (!dir) {
        if (optional.has(name)) continue; // optional deps for other platforms are not installed
        throw new Error(`Production dependency ${name} is not installed (run npm install)`);
      }
      if (found.has(dir)) continue;
      found.set(dir, true);
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
      const opt = new Set(Object.keys(pkg.optionalDependencies || {}));
      visit(dir, { ...pkg.dependencies, ...pkg.optionalDependencies }, opt);
    }
  };
  visit(root, { ...rootPkg.dependencies, ...rootPkg.optionalDependencies }, new Set(Object.keys(rootPkg.optionalDependencies || {})));
  return [...found.keys()].sort();
}

function runtimePackageJson(root) {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const keep = ['name', 'version', 'description', 'license', 'private', 'engines', 'bin', 'dependencies', 'optionalDependencies'];
  const out = {};
  for (const k of keep) if (pkg[k] !== undefined) out[k] = pkg[k];
  return out;
}

function dirSize(p) {
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.size;
  return fs.readdirSync(p).reduce((n, e) => n + dirSize(path.join(p, e)), 0);
}

function packageExtension(options) {
  const opts = { root: ROOT, out: path.join(ROOT, 'dist', BUNDLE_ID), debug: false, bundleNode: false, platform: null, ...options };
  const root = opts.root;
  const { buildHost } = require('./build-host.js');
  const { generateIcons } = require('./generate-icons.js');

  // Inputs built by their owners' build steps.
  const panelIndex = requirePath(root, 'build/panel/index.html', 'build the panel first (npm run build)');
  const engineServer = requirePath(root, 'build/extension/server.js', 'build the engine first (npm run build:engine)');

  const out = opts.out;
  const stage = out + '.staging-' + process.pid;
  fs.rmSync(stage, { recursive: true, force: true });
  fs.mkdirSync(stage, { recursive: true });
  try {
    // Manifest + icons (icons regenerated so they always match the script).
    copy(path.join(root, 'CSXS', 'manifest.xml'), path.join(stage, 'CSXS', 'manifest.xml'));
    generateIcons(path.join(stage, 'CSXS', 'icons'));
    if (opts.debug) copy(path.join(root, '.debug'), path.join(stage, '.debug'));

    copy(path.dirname(panelIndex), path.join(stage, 'build', 'panel'));
    buildHost(path.join(stage, 'build', 'host', 'cliptriage.jsx'));
    copy(path.dirname(engineServer), path.join(stage, 'build', 'extension'));
    copy(path.join(root, 'bin', 'cliptriage.js'), path.join(stage, 'bin', 'cliptriage.js'));
    fs.writeFileSync(path.join(stage, 'package.json'), JSON.stringify(runtimePackageJson(root), null, 2) + '\n');

    if (opts.platform && opts.platform !== `${process.platform}-${process.arch}`) {
      // Another OS/CPU: let npm pick that platform's optional binaries (needs the registry).
      const [os, cpu] = opts.platform.split('-');
      copy(path.join(root, 'package-lock.json'), path.join(stage, 'package-lock.json'));
      const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
      const r = spawnSync(npm, ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', `--os=${os}`, `--cpu=${cpu}`], { cwd: stage, stdio: 'inherit' });
      if (r.status !== 0) throw new Error(`npm ci for ${opts.platform} failed (exit ${r.status}); it needs the npm registry`);
      fs.rmSync(path.join(stage, 'package-lock.json'), { force: true });
    } else {
      for (const dir of productionPackages(root)) {
        copy(dir, path.join(stage, path.relative(root, dir)));
      }
    }

    if (opts.bundleNode) {
      if (opts.platform && opts.platform !== `${process.platform}-${process.arch}`) {
        throw new Error('--bundle-node copies this machine\'s Node; it cannot be combined with another --platform');
      }
      const exe = process.platform === 'win32' ? 'node.exe' : 'node';
      copy(process.execPath, path.join(stage, 'node', 'bin', exe));
    }

    fs.rmSync(out, { recursive: true, force: true });
    fs.renameSync(stage, out);
  } catch (err) {
    fs.rmSync(stage, { recursive: true, force: true });
    throw err;
  }
  return { out, platform: opts.platform || `${process.platform}-${process.arch}`, bytes: dirSize(out) };
}

module.exports = { packageExtension, productionPackages, parseArgs };

if (require.main === module) {
  try {
    const r = packageExtension(parseArgs(process.argv.slice(2)));
    console.log(`extension folder: ${path.relative(process.cwd(), r.out)} (${r.platform}, ${(r.bytes / 1048576).toFixed(1)} MiB)`);
    console.log('Install: see README, "Installing the Premiere panel".');
  } catch (err) {
    console.error('package-extension: ' + err.message);
    process.exit(1);
  }
}
