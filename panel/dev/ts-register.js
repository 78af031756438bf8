// Lets `node` run the harness's TypeScript directly (like ts-node, without the dependency): each
// .ts file is transpiled with the project's TypeScript when it is required. Type-checking is done
// separately (`tsc -p panel/dev/tsconfig.json --noEmit`, part of build:panel); running from source
// keeps __dirname-relative paths in shared modules (test/premiere-sim, test/fixtures) correct.
'use strict';
const fs = require('fs');
const ts = require('typescript');

require.extensions['.ts'] = function compileTs(module, filename) {
  const source = fs.readFileSync(filename, 'utf8');
  const out = ts.transpileModule(source, {
    fileName: filename,
    compilerOptions: {
      target: ts.ScriptTarget.ES2020,
      module: ts.ModuleKind.CommonJS,
      esModuleInterop: true,
      sourceMap: false,
      inlineSourceMap: true,
    },
  });
  module._compile(out.outputText, filename);
};
