/*
 * Code a new allocation worker thread starts with (Worker eval). It makes the thread load the solver the same way
 * the process that started it did:
 * - from dist/ (production): the compiled thread.js next to this pool; `@app/<lib>` resolves as scripts/paths.js
 *   does, to the compiled libs;
 * - from TypeScript sources (jest with ts-jest): thread.ts, compiled on load with the `typescript` package that
 *   ts-jest already depends on (transpile only, as ts-jest's isolatedModules does), and `@app/<lib>` resolved to
 *   libs/<lib>/src.
 * Either way the path alias is mapped relative to this file, so neither needs `node -r` in the thread.
 */
export function bootstrapSource(threadFile: string): string {
  return `
const Module = require('node:module');
const path = require('node:path');
const fs = require('node:fs');
const threadFile = ${JSON.stringify(threadFile)};
const libs = path.resolve(path.dirname(threadFile), '..', '..', '..');
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const m = /^@app\\/([a-z]+)(\\/.*)?$/.exec(request);
  if (m) request = path.join(libs, m[1], 'src', m[2] || '');
  return resolve.call(this, request, ...rest);
};
if (threadFile.endsWith('.ts') && !require.extensions['.ts']) {
  const ts = require(require.resolve('typescript', { paths: [path.dirname(threadFile)] }));
  require.extensions['.ts'] = function (module, filename) {
    const out = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
      fileName: filename,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, sourceMap: false },
    });
    module._compile(out.outputText, filename);
  };
}
require(threadFile);
`;
}
