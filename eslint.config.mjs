// Lint rules that catch real bugs (floating promises, promises where callbacks are expected, untyped values) over
// the TypeScript sources, with type information from tsconfig.json. Formatting is Prettier's job, not ESLint's.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.data/**', 'apps/web/**'] },
  {
    files: ['**/*.ts'],
    extends: [js.configs.recommended, ...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      // Nest modules and GraphQL object types are classes with decorators only.
      '@typescript-eslint/no-extraneous-class': 'off',
      // Values from raw SQL rows and JSON are `any` in library types; we do not want to annotate each one by hand
      // yet, but `any` must not be written in our own code (no-explicit-any above).
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      // Nest overrides and interface implementations must be async without awaiting anything.
      '@typescript-eslint/require-await': 'off',
      // String(unknown) is how input validation turns a bad value into its error message.
      '@typescript-eslint/no-base-to-string': 'off',
      // `QueueName | string` documents the known names while accepting any.
      '@typescript-eslint/no-redundant-type-constituents': 'off',
    },
  },
  {
    // One clock (docs/architecture.md, Time): services read "now" and "today" from the injected Clock, so tests and the
    // demo can set it. Pure code takes dates as arguments; the Clock itself is the one place that reads the system time.
    files: ['libs/*/src/**/*.ts', 'apps/*/src/**/*.ts'],
    ignores: ['**/*.spec.ts', 'libs/core/src/clock/**', 'libs/deadline/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Use the injected Clock (clock.now()) instead of new Date().',
        },
        {
          selector: "CallExpression[callee.name='todayInCopenhagen'][arguments.length=0]",
          message: 'Use the injected Clock (clock.today()) instead of todayInCopenhagen().',
        },
      ],
    },
  },
  {
    // Scripts, benchmarks and e2e tests load the plain CommonJS launcher helpers (scripts/*.js) with require().
    files: ['bench/**/*.ts', 'scripts/**/*.ts', 'test/**/*.ts'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The plain CommonJS launcher and test set-up (run before any build).
    files: ['**/*.js', '**/*.cjs'],
    extends: [js.configs.recommended],
    languageOptions: { sourceType: 'commonjs', globals: { ...globals.node } },
  },
  {
    files: ['**/*.mjs'],
    extends: [js.configs.recommended],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    // Tests: jest's expect(...).rejects and mocks are fine as they are.
    files: ['**/*.spec.ts', '**/*.e2e-spec.ts', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/unbound-method': 'off',
      // GraphQL response bodies in e2e tests are read ad hoc; typed responses there would add noise, not safety.
      '@typescript-eslint/no-explicit-any': 'warn',
    },
  },
);
