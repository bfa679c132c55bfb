import type { ApolloServerPlugin } from '@apollo/server';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { IncomingHttpHeaders } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Paths the api answers itself; every other GET for an HTML page gets the web app's index.html (client routes). */
const API_PATHS = /^\/(graphql|health|fhir|reports|pathways)(\/|$)/;

interface PageResponse {
  setHeader(name: string, value: string): void;
  sendFile(path: string): void;
}

/** apps/web/dist of the checkout, found upwards from this file (it runs from apps/api/src under jest, dist/apps/api/src otherwise). */
export function webDistDir(): string {
  let dir = __dirname;
  while (dir !== dirname(dir) && !existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return join(dir, 'apps', 'web', 'dist');
}

/**
 * Serves the built web app at `/` on the api's origin: hashed files under /assets cached for a year (immutable),
 * index.html never cached, and index.html for client routes (SPA fallback). Without a build it serves nothing.
 */
export function serveWebApp(app: NestExpressApplication, dir = webDistDir()): boolean {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) return false;
  app.useStaticAssets(join(dir, 'assets'), {
    prefix: '/assets/',
    immutable: true,
    maxAge: '365d',
    index: false,
    fallthrough: false,
  });
  app.useStaticAssets(dir, { index: false, setHeaders: (res) => res.setHeader('cache-control', 'no-cache') });
  app.use(
    (req: { method: string; path: string; headers: IncomingHttpHeaders }, res: PageResponse, next: () => void) => {
      if ((req.method !== 'GET' && req.method !== 'HEAD') || API_PATHS.test(req.path)) return next();
      if (!String(req.headers.accept ?? '').includes('text/html')) return next();
      res.setHeader('cache-control', 'no-cache');
      res.sendFile(index);
    },
  );
  return true;
}

/** Demo mode's GraphiQL at GET /graphql (bundled by the web build, so it works offline) instead of Apollo's CDN sandbox. */
export function graphiqlLandingPage(dir = webDistDir()): ApolloServerPlugin {
  return {
    async serverWillStart() {
      return {
        async renderLandingPage() {
          const file = join(dir, 'graphiql.html');
          const html = existsSync(file)
            ? readFileSync(file, 'utf8')
            : '<!doctype html><html lang="en"><title>GraphiQL</title><body><p>GraphiQL is not built yet: run <code>npm run web:build</code>.</p></body></html>';
          return { html };
        },
      };
    },
  };
}
