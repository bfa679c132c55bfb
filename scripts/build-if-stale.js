// `npm start` rebuilds only what changed: the api/worker (tsc, incremental) and the web app (codegen + vite), each
// skipped when a content hash of its inputs equals the one stored with its last build. Plain CommonJS (runs before any build).
'use strict';
const { spawnSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');

function files(rel, skip) {
  const abs = path.join(root, rel);
  if (!fs.existsSync(abs)) return [];
  if (fs.statSync(abs).isFile()) return [rel];
  const out = [];
  for (const e of fs.readdirSync(abs, { withFileTypes: true })) {
    const r = path.join(rel, e.name);
    if (e.name === 'node_modules' || e.name === 'dist' || skip.some((s) => r.startsWith(s))) continue;
    if (e.isDirectory()) out.push(...files(r, skip));
    else out.push(r);
  }
  return out;
}

function hashOf(inputs, skip) {
  const h = crypto.createHash('sha256');
  for (const f of inputs.flatMap((i) => files(i, skip)).sort())
    h.update(f)
      .update('\0')
      .update(fs.readFileSync(path.join(root, f)));
  return h.digest('hex');
}

const TARGETS = [
  {
    name: 'api and worker (tsc)',
    inputs: ['apps', 'libs', 'scripts', 'bench', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'],
    skip: [path.join('apps', 'web')],
    stamp: 'dist/.build-hash',
    output: 'dist/scripts/prepare.js',
    commands: [['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json']],
  },
  {
    name: 'web app (vite)',
    inputs: ['apps/web', 'schema.gql', 'package-lock.json'],
    skip: [
      path.join('apps', 'web', 'src', 'gql'),
      path.join('apps', 'web', 'e2e'),
      path.join('apps', 'web', 'test-results'),
    ],
    stamp: 'apps/web/dist/.build-hash',
    output: 'apps/web/dist/index.html',
    commands: [
      ['node_modules/@graphql-codegen/cli/cjs/bin.js', '--config', 'apps/web/codegen.ts'],
      ['node_modules/vite/bin/vite.js', 'build', '--config', 'apps/web/vite.config.mts', '--logLevel', 'warn'],
    ],
  },
];

/** Builds what is out of date; returns the names built. Throws with the tool's output when a build fails. */
function buildIfStale(say = () => {}) {
  const built = [];
  for (const t of TARGETS) {
    const hash = hashOf(t.inputs, t.skip);
    const stampFile = path.join(root, t.stamp);
    const fresh =
      fs.existsSync(path.join(root, t.output)) &&
      fs.existsSync(stampFile) &&
      fs.readFileSync(stampFile, 'utf8') === hash;
    if (fresh) continue;
    say(`building ${t.name}…`);
    const started = Date.now();
    for (const [script, ...args] of t.commands) {
      const r = spawnSync(process.execPath, [path.join(root, script), ...args], {
        cwd: root,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      if (r.status !== 0) throw new Error(`build of ${t.name} failed:\n${r.stdout}${r.stderr}`);
    }
    fs.writeFileSync(stampFile, hash);
    say(`built ${t.name} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    built.push(t.name);
  }
  return built;
}

module.exports = { buildIfStale };

if (require.main === module) {
  try {
    buildIfStale((m) => console.log(`[build] ${m}`));
  } catch (err) {
    console.error(err.message);
    process.exit(1);
  }
}
