/* global window, document, MutationObserver, requestAnimationFrame -- code inside page.evaluate runs in the browser */
// Web app benchmark (issue #17): the worklist with 50,000 open pathways, measured in Chromium from a cold page load.
//   first meaningful paint: navigation start → the first worklist row painted (rAF after it is in the DOM)
//   interactive: first row painted and no long task (> 50 ms) after it for 500 ms, i.e. the end of the last long task
//   JavaScript for the first screen: every script the page loads for `/`, gzip -9 sizes summed
// Needs `npm run build`, `npm run web:build`, PostgreSQL (DATABASE_URL) and Chromium. Writes its section of bench/results.md.
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const services = require('../scripts/services.js');

const root = path.resolve(__dirname, '..');
const RUNS = Number(process.env.WEB_BENCH_RUNS ?? 5);
const PATHWAYS = Number(process.env.WEB_BENCH_PATHWAYS ?? 50000);

async function main() {
  require('../scripts/paths.js');
  const { chromium } = require('@playwright/test');
  const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!fs.existsSync(executablePath))
    throw new Error(`Chromium not found at ${executablePath}: apt-get install -y chromium or set CHROMIUM_PATH`);
  const serverUrl = process.env.DATABASE_URL;
  if (!serverUrl || !process.env.REDIS_URL)
    throw new Error('set DATABASE_URL and REDIS_URL (a PostgreSQL server and a Redis)');
  const dbName = `cx_bench_web_${Date.now().toString(36)}`;
  const databaseUrl = await services.createDatabase(serverUrl, dbName);
  const procs = [];
  try {
    const { prepareDatabase } = require(path.join(root, 'dist/scripts/prepare.js'));
    await prepareDatabase(databaseUrl, true, false);
    const { Client } = require('pg');
    const c = new Client({ connectionString: databaseUrl });
    await c.connect();
    const t0 = Date.now();
    // 50,000 open pathways of Region Hovedstaden, deadlines spread over ±20 days around today, half of them at risk.
    await c.query(
      `
      INSERT INTO pathway (reference, region_code, home_municipality_code, cancer_area, phase, modality, clock_start, deadline, base_deadline,
                           paused_days, rule_set, expected_date)
      SELECT 'BENCH-' || lpad(i::text, 6, '0'), 1084, 101, (ARRAY['BREAST','LUNG','LOWER_GI','GYNAECOLOGICAL','URINARY','UPPER_GI'])[1 + i % 6],
             'PRIMARY_TREATMENT', 'SURGERY', current_date - 28 + (i % 40), current_date + (i % 40), current_date + (i % 40), 0, 'DK-2024',
             CASE WHEN i % 2 = 0 THEN current_date + (i % 40) - 3 END
        FROM generate_series(1, $1) AS i`,
      [PATHWAYS],
    );
    await c.query('ANALYZE pathway');
    const loadMs = Date.now() - t0;
    await c.end();

    const port = await services.freePort();
    const env = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      JWT_SECRET: 'bench-secret-bench-secret-bench-secret',
      DEMO_MODE: 'true',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      QUEUE_PREFIX: dbName,
      SCHEDULERS: 'false',
    };
    procs.push(
      spawn(
        process.execPath,
        ['-r', path.join(root, 'scripts/paths.js'), path.join(root, 'dist/apps/api/src/main.js')],
        { env, cwd: root, stdio: 'inherit' },
      ),
    );
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; i < 300; i++) {
      try {
        if ((await fetch(`${base}/health`)).ok) break;
      } catch {
        /* starting */
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    const login = await (
      await fetch(`${base}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query:
            'mutation { login(input: {email: "planner.hovedstaden@demo.dk", password: "demo"}) { accessToken user { id email role regionCode cancerAreas } } }',
        }),
      })
    ).json();
    const session = JSON.stringify({ token: login.data.login.accessToken, user: login.data.login.user });

    const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
    const runs = [];
    let scripts = [];
    for (let i = 0; i < RUNS + 1; i++) {
      const ctx = await browser.newContext({ viewport: { width: 1400, height: 900 }, locale: 'da-DK' }); // fresh context = cold cache
      await ctx.addInitScript((s) => {
        localStorage.setItem('cx.session', s);
        window.__longTasks = [];
        new PerformanceObserver((l) => {
          for (const e of l.getEntries()) window.__longTasks.push(e.startTime + e.duration);
        }).observe({ type: 'longtask', buffered: true });
        new MutationObserver((_, obs) => {
          if (document.querySelector('[data-testid="worklist"] tbody tr')) {
            obs.disconnect();
            requestAnimationFrame(() =>
              setTimeout(() => {
                window.__firstRow = performance.now();
              }, 0),
            );
          }
        }).observe(document, { childList: true, subtree: true });
      }, session);
      const page = await ctx.newPage();
      const loaded = [];
      page.on('response', async (r) => {
        if (r.request().resourceType() === 'script')
          loaded.push(
            r.body().then((b) => ({ url: r.url(), raw: b.length, gzip: zlib.gzipSync(b, { level: 9 }).length })),
          );
      });
      await page.goto(base + '/', { waitUntil: 'load' });
      await page.waitForFunction(() => window.__firstRow !== undefined, null, { timeout: 30000 });
      await page.waitForTimeout(800);
      const m = await page.evaluate(() => {
        const fr = window.__firstRow;
        const after = window.__longTasks.filter((end) => end > fr - 50);
        const gqlEnd = Math.max(
          0,
          ...performance
            .getEntriesByType('resource')
            .filter((e) => e.name.endsWith('/graphql'))
            .map((e) => e.responseEnd),
        );
        const nav = performance.getEntriesByType('navigation')[0];
        return {
          fmp: fr,
          tti: Math.max(fr, ...after),
          rows: document.querySelectorAll('[data-testid="worklist"] tbody tr').length,
          gqlEnd,
          dcl: nav.domContentLoadedEventEnd,
        };
      });
      if (i > 0) runs.push(m); // the first load warms the api (connection pool, query plans), not the browser
      if (i === 1) scripts = await Promise.all(loaded);
      await ctx.close();
    }
    await browser.close();
    const med = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const fmp = med(runs.map((r) => r.fmp));
    const tti = med(runs.map((r) => r.tti));
    const js = scripts.reduce((s, x) => s + x.gzip, 0);
    const jsRaw = scripts.reduce((s, x) => s + x.raw, 0);
    const rows = [
      [
        'worklist first meaningful paint, 50,000 open pathways, cold load (median of ' + RUNS + ')',
        `${fmp.toFixed(0)} ms`,
        '<= 1500 ms',
        fmp <= 1500,
        `runs ${runs.map((r) => r.fmp.toFixed(0)).join(', ')} ms; of which DOMContentLoaded (JS parsed) median ${med(runs.map((r) => r.dcl)).toFixed(0)} ms and the worklist query answered at median ${med(runs.map((r) => r.gqlEnd)).toFixed(0)} ms; load average ${require('node:os').loadavg()[0].toFixed(1)} on ${require('node:os').cpus().length} cores during the run; ${runs[0].rows} rows on the first page; ${PATHWAYS.toLocaleString('en')} pathways inserted in ${loadMs} ms`,
      ],
      [
        'worklist interactive (no long task after the first row), cold load (median of ' + RUNS + ')',
        `${tti.toFixed(0)} ms`,
        '<= 2000 ms',
        tti <= 2000,
        `runs ${runs.map((r) => r.tti.toFixed(0)).join(', ')} ms`,
      ],
      [
        'JavaScript for the first screen (gzip -9)',
        `${(js / 1024).toFixed(0)} KB`,
        '<= 350 KB',
        js / 1024 <= 350,
        `${scripts.length} scripts, ${(jsRaw / 1024).toFixed(0)} KB raw: ${scripts.map((s) => `${path.basename(s.url)} ${(s.gzip / 1024).toFixed(0)} KB`).join(', ')}`,
      ],
    ];
    const section = [
      '<!-- web-bench:start -->',
      '## Web app (#17)',
      '',
      `Measured ${new Date().toISOString()} by \`npm run bench:web\` (Chromium ${browser.version?.() ?? ''} headless, api from dist/ on the same machine).`,
      '',
      '| issue | measured | value | target | pass | note |',
      '|---|---|---|---|---|---|',
      ...rows.map(
        ([what, value, target, pass, note]) =>
          `| #17 web | ${what} | ${value} | ${target} | ${pass ? 'yes' : '**no**'} | ${note} |`,
      ),
      '<!-- web-bench:end -->',
      '',
    ].join('\n');
    const file = path.join(root, 'bench/results.md');
    const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Benchmark results\n';
    const next = current.includes('<!-- web-bench:start -->')
      ? current.replace(/<!-- web-bench:start -->[\s\S]*<!-- web-bench:end -->\n?/, section)
      : `${current.trimEnd()}\n\n${section}`;
    fs.writeFileSync(file, next);
    console.log(section);
  } finally {
    for (const p of procs) p.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 1000));
    await services.dropDatabase(serverUrl, dbName).catch((e) => console.error('drop failed:', e.message));
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
