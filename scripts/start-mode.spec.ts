const { startMode, describeMode } = require('./start-mode.js');

describe('npm start mode', () => {
  it('an explicit DATABASE_URL without DEMO_MODE is not silently demo mode', () => {
    expect(startMode({ DATABASE_URL: 'postgres://db.example/capacity' })).toMatchObject({ demo: false });
    expect(describeMode(startMode({ DATABASE_URL: 'postgres://db.example/capacity' }))).toMatch(
      /^PRODUCTION mode .*DATABASE_URL is set/,
    );
  });
  it('the embedded database defaults to demo mode; DEMO_MODE always wins', () => {
    expect(startMode({})).toMatchObject({ demo: true });
    expect(describeMode(startMode({}))).toMatch(/^DEMO mode/);
    expect(startMode({ DATABASE_URL: 'postgres://x/y', DEMO_MODE: 'true' })).toMatchObject({ demo: true });
    expect(startMode({ DEMO_MODE: 'off' })).toMatchObject({ demo: false });
    expect(() => startMode({ DEMO_MODE: 'maybe' })).toThrow(/DEMO_MODE/);
  });
});
