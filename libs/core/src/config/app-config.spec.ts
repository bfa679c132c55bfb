import { ConfigError, loadConfig } from './app-config';

const base = {
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/capacity',
  REDIS_URL: 'redis://127.0.0.1:6379',
  JWT_SECRET: 'x'.repeat(32),
};

describe('loadConfig', () => {
  it('accepts a minimal valid environment with documented defaults', () => {
    const c = loadConfig(base);
    expect(c).toMatchObject({ port: 3000, demoMode: false, logLevel: 'info', earlyWarningWorkingDays: 5, offerExpiryWorkingDays: 3, queuePrefix: 'cx', providerKindOrder: ['PUBLIC', 'PRIVATE', 'FOREIGN'] });
  });

  it('builds PUBLIC_URL from PORT on localhost by default and drops a trailing slash', () => {
    expect(loadConfig(base).publicUrl).toBe('http://localhost:3000');
    expect(loadConfig({ ...base, PORT: '3106' }).publicUrl).toBe('http://localhost:3106');
    expect(loadConfig({ ...base, PUBLIC_URL: 'https://kapacitet.example.dk/api/' }).publicUrl).toBe('https://kapacitet.example.dk/api');
  });

  it.each([
    [{ DATABASE_URL: undefined }, 'DATABASE_URL'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ REDIS_URL: 'not a url' }, 'REDIS_URL'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET'],
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
});
