// Resolves the `@app/<lib>` path aliases of tsconfig.json for compiled code in dist/ (node -r ./scripts/paths.js).
const Module = require('node:module');
const path = require('node:path');

const dist = path.resolve(__dirname, '..', 'dist');
const original = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const m = /^@app\/([a-z]+)(\/.*)?$/.exec(request);
  if (m) request = path.join(dist, 'libs', m[1], 'src', m[2] ?? '');
  return original.call(this, request, ...rest);
};
