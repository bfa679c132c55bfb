import { cachedLoad } from './cached';

describe('cachedLoad', () => {
  it('loads once, but tries again after a failure', async () => {
    let calls = 0;
    const get = cachedLoad(async () => {
      calls++;
      if (calls === 1) throw new Error('database restarting');
      return calls;
    });
    await expect(get()).rejects.toThrow('database restarting');
    expect(await get()).toBe(2);
    expect(await get()).toBe(2);
    expect(calls).toBe(2);
  });
});
