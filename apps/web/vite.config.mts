import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// Two pages: the app (index.html) and the offline GraphiQL for demo mode (graphiql.html), so GraphiQL's editor never
// weighs on the app's first screen. JSX is compiled by Vite's own oxc transform (no Babel plugin needed for a build).
export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: resolve(import.meta.dirname, 'dist'),
    emptyOutDir: true,
    assetsDir: 'assets',
    chunkSizeWarningLimit: 4000,
    rolldownOptions: {
      // Libraries' "use client" / "use no memo" directives mean nothing in a client-only bundle.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
      input: {
        index: resolve(import.meta.dirname, 'index.html'),
        graphiql: resolve(import.meta.dirname, 'graphiql.html'),
      },
    },
  },
  server: {
    proxy: {
      '/graphql': 'http://localhost:3000',
      '/pathways': 'http://localhost:3000',
      '/reports': 'http://localhost:3000',
    },
  },
});
