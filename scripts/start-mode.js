// Which mode `npm start` runs in, and why (plain CommonJS: used before any build).
'use strict';

const TRUE = ['1', 'true', 'yes', 'on'];
const FALSE = ['0', 'false', 'no', 'off'];

/**
 * DEMO_MODE when set; otherwise demo only on the embedded PostgreSQL. With an explicit DATABASE_URL the database may
 * be a real one, so demo logins (password "demo") are never switched on there without asking for them.
 */
function startMode(env) {
  const raw = (env.DEMO_MODE ?? '').trim().toLowerCase();
  if (TRUE.includes(raw)) return { demo: true, reason: `DEMO_MODE=${env.DEMO_MODE}` };
  if (FALSE.includes(raw)) return { demo: false, reason: `DEMO_MODE=${env.DEMO_MODE}` };
  if (raw) throw new Error(`DEMO_MODE must be true or false (got "${env.DEMO_MODE}")`);
  if (env.DATABASE_URL)
    return { demo: false, reason: 'DATABASE_URL is set and DEMO_MODE is not; DEMO_MODE=true for demo data' };
  return { demo: true, reason: 'embedded PostgreSQL and DEMO_MODE not set; DEMO_MODE=false turns it off' };
}

const describeMode = ({ demo, reason }) =>
  demo
    ? `DEMO mode — demo logins, sandbox and introspection on (${reason})`
    : `PRODUCTION mode — no demo logins, no sandbox (${reason})`;

module.exports = { startMode, describeMode };
