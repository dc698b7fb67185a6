// The archive's cache of id lists: least recently used first out, within a byte and an entry budget.
import { describe, expect, it } from 'vitest';
import { ListCache } from '../../src/index/archive.ts';

const list = (n: number) => new Uint32Array(n);

describe('ListCache', () => {
  it('drops the least recently used copies once their bytes exceed the budget', () => {
    const cache = new ListCache(36, 100);
    const a = list(4);
    cache.set('a', a, true);
    cache.set('b', list(4), true);
    expect(cache.size).toBe(32);
    expect(cache.get('a')).toBe(a); // now b is the oldest
    cache.set('c', list(2), true);
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(a);
    expect(cache.get('c')).toHaveLength(2);
    expect(cache.size).toBe(24);
  });

  it("does not count the index's own lists against the bytes, but against the entries", () => {
    const cache = new ListCache(8, 3);
    for (const key of ['x', 'y', 'z']) cache.set(key, list(1000), false);
    expect(cache.size).toBe(0);
    expect(cache.count).toBe(3);
    cache.set('w', list(1000), false);
    expect(cache.count).toBe(3);
    expect(cache.get('x')).toBeUndefined();
    expect(cache.get('w')).toHaveLength(1000);
  });

  it('keeps nothing larger than the whole budget, and the first list under a key', () => {
    const cache = new ListCache(16, 10);
    cache.set('big', list(5), true);
    expect(cache.get('big')).toBeUndefined();
    const first = list(2);
    cache.set('k', first, true);
    cache.set('k', list(3), true);
    expect(cache.get('k')).toBe(first);
    expect(cache.size).toBe(8);
  });
});
