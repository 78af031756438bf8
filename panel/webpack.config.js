// Bundles the panel for CEP 11 (Chromium 88): React + our TypeScript into build/panel/bundle.js,
// with index.html and styles.css copied beside it (CSXS/manifest.xml points at index.html).
const path = require('path');
const fs = require('fs');

const OUT = path.resolve(__dirname, '..', 'build', 'panel');
const STATIC_FILES = ['index.html', 'styles.css'];

/** Copies the static files into the output (no plugin dependency needed for two files). */
class CopyStaticFiles {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap('CopyStaticFiles', (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: 'CopyStaticFiles', stage: compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONAL },
        () => {
          for (const name of STATIC_FILES) {
            const src = path.join(__dirname, 'src', name);
            compilation.fileDependencies.add(src);
            compilation.emitAsset(name, new compiler.webpack.sources.RawSource(fs.readFileSync(src)));
          }
        },
      );
    });
  }
}

module.exports = (env, argv) => ({
  mode: argv && argv.mode ? argv.mode : 'production',
  context: __dirname,
  entry: './src/index.tsx',
  // Chromium 88 understands ES2019 (+ most of ES2020); keep webpack's runtime in that range too.
  target: ['web', 'es2019'],
  devtool: 'source-map',
  output: { path: OUT, filename: 'bundle.js', clean: true },
  resolve: { extensions: ['.tsx', '.ts', '.js'] },
  module: {
    rules: [
      {
        test: /\.tsx?$/,
        loader: 'ts-loader',
        options: { configFile: path.join(__dirname, 'tsconfig.json') },
        exclude: /node_modules/,
      },
    ],
  },
  plugins: [new CopyStaticFiles()],
  performance: { hints: false },
});
