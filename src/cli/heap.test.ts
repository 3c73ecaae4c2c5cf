import { PerformanceObserver, constants } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { fullCollection, HeapTrimmer } from './heap.js';

describe('HeapTrimmer', () => {
  it('collects once per interval of input bytes, carrying nothing over', () => {
    let calls = 0;
    const t = new HeapTrimmer(100, () => calls++);
    t.add(40);
    t.add(40);
    expect(calls).toBe(0);
    t.add(40); // 120 >= 100
    expect(calls).toBe(1);
    t.add(99);
    expect(calls).toBe(1);
    t.add(1);
    expect(calls).toBe(2);
    t.add(1000); // one huge document: one collection, not ten
    expect(calls).toBe(3);
  });

  it('does nothing without a collector', () => {
    const t = new HeapTrimmer(1, null);
    expect(() => t.add(10)).not.toThrow();
  });
});

describe('fullCollection', () => {
  it('is V8 full collection, obtained without --expose-gc on the command line', async () => {
    const gc = fullCollection();
    expect(gc).toBeTypeOf('function');
    // The same function every time (the flag is set once).
    expect(fullCollection()).toBe(gc);
    // Calling it runs a major (mark-compact) collection, seen by a GC performance observer.
    const kinds: number[] = [];
    const seen = new Promise<void>((resolve) => {
      const obs = new PerformanceObserver((list) => {
        for (const e of list.getEntries()) kinds.push((e.detail as { kind: number }).kind);
        if (kinds.includes(constants.NODE_PERFORMANCE_GC_MAJOR)) {
          obs.disconnect();
          resolve();
        }
      });
      obs.observe({ entryTypes: ['gc'] });
    });
    gc!();
    await seen;
    expect(kinds).toContain(constants.NODE_PERFORMANCE_GC_MAJOR);
    // The flag is off again: a new context gets no `gc`.
    const { runInNewContext } = await import('node:vm');
    expect(runInNewContext('typeof gc')).toBe('undefined');
  });
});
