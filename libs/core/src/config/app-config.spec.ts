import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadConfig } from './app-config';

const base = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/capacity',
  REDIS_URL: 'redis://127.0.0.1:6379',
  JWT_SECRET: 'x'.repeat(32),
};

describe('loadConfig', () => {
  it('accepts a minimal valid environment with documented defaults', () => {
    const c = loadConfig(base);
    expect(c).toMatchObject({
      port: 3000,
      demoMode: false,
      logLevel: 'info',
      earlyWarningWorkingDays: 5,
      offerExpiryWorkingDays: 3,
      queuePrefix: 'cx',
      providerKindOrder: ['PUBLIC', 'PRIVATE', 'FOREIGN'],
    });
  });

  it('builds PUBLIC_URL from PORT on localhost by default and drops a trailing slash', () => {
    expect(loadConfig(base).publicUrl).toBe('http://localhost:3000');
    expect(loadConfig({ ...base, PORT: '3106' }).publicUrl).toBe('http://localhost:3106');
    expect(loadConfig({ ...base, PUBLIC_URL: 'https://kapacitet.example.dk/api/' }).publicUrl).toBe(
      'https://kapacitet.example.dk/api',
    );
  });

  it.each([
    [{ DATABASE_URL: undefined }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ REDIS_URL: 'not a url' }, 'REDIS_URL'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET'],
    [{ JWT_SECRET: 'change-me-change-me-change-me-change-me' }, 'JWT_SECRET'],
    [{ JWT_SECRET: 'CHANGEME-please-0123456789abcdef0123' }, 'JWT_SECRET'],
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DEMO_MODE: 'maybe' }, 'DEMO_MODE'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ EARLY_WARNING_WORKING_DAYS: '-1' }, 'EARLY_WARNING_WORKING_DAYS'],
    [{ QUEUE_PREFIX: 'a:b' }, 'QUEUE_PREFIX'],
    [{ PROVIDER_KIND_ORDER: 'PUBLIC,PUBLIC,FOREIGN' }, 'PROVIDER_KIND_ORDER'],
    [{ PUBLIC_URL: 'kapacitet.example.dk' }, 'PUBLIC_URL'],
    [{ PUBLIC_URL: 'ftp://kapacitet.example.dk' }, 'PUBLIC_URL'],
    [{ PUBLIC_URL: 'https://kapacitet.example.dk/?x=1' }, 'PUBLIC_URL'],
  ])('rejects %j naming %s', (override, variable) => {
    const env = { ...base, ...override } as Record<string, string | undefined>;
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`^Invalid configuration: ${variable} `));
  });

  it('the .env.example file as it stands does not start: its placeholder JWT_SECRET fails validation', () => {
    const text = readFileSync(join(__dirname, '../../../../.env.example'), 'utf8');
    const env = Object.fromEntries(
      text
        .split('\n')
        .filter((l) => /^[A-Z_]+=/.test(l))
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );
    expect(env.JWT_SECRET).toBeDefined();
    expect(() => loadConfig(env)).toThrow(/^Invalid configuration: JWT_SECRET .*placeholder/);
    expect(() => loadConfig({ ...env, JWT_SECRET: 'a3f9c1d2e8b7a6f5c4d3e2f1a0b9c8d7' })).not.toThrow();
  });
});
