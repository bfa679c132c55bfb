import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';

/**
 * CSP for the web app (a Vite-built React SPA served from this origin: scripts and styles are files under 'self';
 * Mantine injects <style> elements, hence 'unsafe-inline' for styles only) and the API. No inline script anywhere.
 */
export const API_CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/**
 * The stored report HTML needs nothing but its own inline <style> and inline SVG; sandboxed so even an injected
 * script could not run or reach the api origin's cookies or storage.
 */
export const REPORT_HTML_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'; sandbox";

/**
 * helmet for every response (nosniff, frame-ancestors none, no X-Powered-By, referrer policy …). In demo mode the
 * Apollo sandbox page at GET /graphql loads its script from Apollo's CDN, so that one page goes without a CSP.
 */
export function securityHeaders(opts: {
  demoMode: boolean;
}): (req: IncomingMessage, res: ServerResponse, next: (err?: unknown) => void) => void {
  const strict = helmet({
    contentSecurityPolicy: { useDefaults: false, directives: API_CSP_DIRECTIVES },
    crossOriginEmbedderPolicy: false,
  });
  const sandbox = helmet({ contentSecurityPolicy: false, crossOriginEmbedderPolicy: false });
  return (req, res, next) =>
    (opts.demoMode && req.method === 'GET' && (req.url ?? '').split('?')[0] === '/graphql' ? sandbox : strict)(
      req,
      res,
      next,
    );
}
