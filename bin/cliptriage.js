#!/usr/bin/env node
// `npx cliptriage`: runs the compiled CLI (built by `npm ci`/`npm run build:engine`).
require('../build/extension/cli.js').main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
