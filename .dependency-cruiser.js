// The intended structure (docs/architecture.md) as rules; `npm run depcruise` (part of `npm test`) fails on a breach.
// Arrows, each lib may also import everything below what it lists:
//   apps → libs; core → deadline; reference → core; capacity, pathways → reference; matching, offers → capacity,
//   pathways; meetings → matching, offers; audits → offers, pathways; reporting → all libs (its read models aggregate every table).
'use strict';

/** Libs each lib may import (besides itself), transitively closed downwards. */
const MAY_IMPORT = {
  deadline: [],
  core: ['deadline'],
  reference: ['core', 'deadline'],
  capacity: ['reference', 'core', 'deadline'],
  pathways: ['reference', 'core', 'deadline'],
  matching: ['capacity', 'pathways', 'reference', 'core', 'deadline'],
  offers: ['capacity', 'pathways', 'reference', 'core', 'deadline'],
  meetings: ['matching', 'offers', 'capacity', 'pathways', 'reference', 'core', 'deadline'],
  audits: ['offers', 'capacity', 'pathways', 'reference', 'core', 'deadline'],
  reporting: ['audits', 'meetings', 'matching', 'offers', 'capacity', 'pathways', 'reference', 'core', 'deadline'],
};

/** Packages that make code depend on a framework, a database or a queue (pure code must not import them). */
const FRAMEWORK =
  '(^|/)node_modules/(@nestjs/|typeorm/|pg/|pg-[a-z-]+/|ioredis/|bullmq/|@apollo/|graphql/|class-validator/|class-transformer/|express/|rxjs/|reflect-metadata/|nestjs-pino/|dataloader/)';

const layerRules = Object.entries(MAY_IMPORT).map(([lib, allowed]) => ({
  name: `layer-${lib}`,
  comment: `libs/${lib} may import only ${allowed.length ? allowed.join(', ') : 'nothing from other libs'} (docs/architecture.md)`,
  severity: 'error',
  from: { path: `^libs/${lib}/` },
  to: { path: '^libs/([^/]+)/', pathNot: `^libs/(${[lib, ...allowed].join('|')})/` },
}));

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment: 'No import cycles (and so no forwardRef between providers of different files)',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'lib-not-to-app',
      comment:
        'Libs never import apps, tests, benchmarks or scripts (their spec files may share a pure instance generator)',
      severity: 'error',
      from: { path: '^libs/', pathNot: '\\.spec\\.ts$' },
      to: { path: '^(apps|test|bench|scripts)/' },
    },
    {
      name: 'lib-spec-not-to-app',
      comment: 'A spec beside lib code may use a pure generator from bench/ or test/support, never apps or scripts',
      severity: 'error',
      from: { path: '^libs/.*\\.spec\\.ts$' },
      to: { path: '^(apps|scripts)/' },
    },
    {
      name: 'app-not-to-app',
      comment: 'An app does not import another app; shared code lives in a lib',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'lib-via-alias',
      comment: 'Another lib is imported through its @app/<lib> alias, never by a relative path into its folder',
      severity: 'error',
      from: { path: '^(libs|apps)/([^/]+)/' },
      to: { path: '^libs/', pathNot: '^$1/$2/', dependencyTypesNot: ['aliased-tsconfig-paths', 'aliased-tsconfig'] },
    },
    ...layerRules,
    {
      name: 'pure-deadline',
      comment: 'libs/deadline is pure rules: no framework, database or queue (any code imports its functions directly)',
      severity: 'error',
      from: { path: '^libs/deadline/' },
      to: { path: FRAMEWORK, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'pure-allocation',
      comment:
        'The allocation algorithm is tested without a database: no framework, and only libs/deadline besides itself',
      severity: 'error',
      from: { path: '^libs/matching/src/allocation/' },
      to: {
        pathNot:
          '^(libs/matching/src/allocation/|libs/deadline/|node_modules/fast-check/|bench/allocation-instances\\.ts$)',
      },
    },
    {
      name: 'no-dev-dependency-in-production',
      comment: 'Production code (apps, libs, non-test) must not need a devDependency at run time',
      severity: 'error',
      from: { path: '^(apps|libs)/', pathNot: '\\.(spec|e2e-spec)\\.ts$' },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|apps/web)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
