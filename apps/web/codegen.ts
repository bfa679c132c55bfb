import type { CodegenConfig } from '@graphql-codegen/cli';

// Run from the repository root (npm run web:codegen). Typed documents from the api's schema.gql: a schema change that breaks a screen fails codegen or `tsc` on the web app.
const config: CodegenConfig = {
  schema: 'schema.gql',
  documents: ['apps/web/src/**/*.{ts,tsx}', '!apps/web/src/gql/**/*'],
  ignoreNoDocuments: false,
  silent: !process.env.CODEGEN_VERBOSE,
  generates: {
    // Every schema type (enums for labels and selects); operations get their own precise types below.
    'apps/web/src/gql/schema.ts': {
      plugins: ['typescript'],
      config: {
        enumsAsTypes: true,
        useTypeImports: true,
        scalars: { LocalDate: 'string', DateTime: 'string', JSONObject: 'Record<string, unknown>' },
      },
    },
    'apps/web/src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        enumsAsTypes: true,
        useTypeImports: true,
        scalars: { LocalDate: 'string', DateTime: 'string', JSONObject: 'Record<string, unknown>' },
      },
    },
  },
};
export default config;
