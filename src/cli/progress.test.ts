/**
 * The progress bar: only on a terminal, never with --quiet, only after the delay, and gone
 * (stopped) when the run ends. Drawn into a fake terminal stream.
 */
import { Writable } from 'node:stream';
import { describe, expect, test } from 'vitest';
import type { Io } from './io.js';
import { progressFields, startProgress, wantsProgress } from './progress.js';

/** A stderr that looks like a terminal and records what is drawn. */
function fakeTerminal(): { stream: Writable; text: () => string } {
  let out = '';
  const stream = new Writable({
    write(chunk, _enc, cb) {
      out += chunk.toString();
      cb();
    },
  }) as Writable & Record<string, unknown>;
  Object.assign(stream, {
    isTTY: true,
    columns: 100,
    cursorTo: (_x: number, _y?: unknown, cb?: () => void) => (cb?.(), true),
    clearLine: (_d: number, cb?: () => void) => (cb?.(), true),
    moveCursor: (_dx: number, _dy: number, cb?: () => void) => (cb?.(), true),
    clearScreenDown: (cb?: () => void) => (cb?.(), true),
  });
  return { stream, text: () => out };
}

function io(stderr: Writable, tty: boolean): Io {
  return { stdout: new Writable({ write: (_c, _e, cb) => cb() }), stderr, stdin: process.stdin, stdoutIsTTY: false, stderrIsTTY: tty, stdinIsTTY: true, env: {}, cwd: '/' };
}

const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 30));

describe('progress', () => {
  test('shown only on a terminal and without --quiet', () => {
    expect(wantsProgress({ stderrIsTTY: true }, false)).toBe(true);
    expect(wantsProgress({ stderrIsTTY: true }, true)).toBe(false);
    expect(wantsProgress({ stderrIsTTY: false }, false)).toBe(false);
  });

  test('figures: MB and MB/s', () => {
    expect(progressFields(5_000_000, 2)).toEqual({ mb: '5.0', rate: '2.5' });
    expect(progressFields(0, 0)).toEqual({ mb: '0.0', rate: '0.0' });
  });

  test('after the delay, a bar with files done/total is drawn on the terminal', async () => {
    const t = fakeTerminal();
    const p = startProgress(io(t.stream, true), { total: 10, delayMs: 0 });
    p.tick(1_000_000);
    await tick(); // cli-progress is imported lazily
    for (let i = 0; i < 4; i++) p.tick(1_000_000);
    await tick();
    p.stop();
    expect(t.text()).toMatch(/\d+\/10 files/);
    expect(t.text()).toMatch(/MB\/s/);
  });

  test('a message during the run clears the bar line, and the bar is drawn again below it', async () => {
    const t = fakeTerminal();
    const p = startProgress(io(t.stream, true), { total: 10, delayMs: 0 });
    p.tick(1_000_000);
    await tick();
    p.tick(1_000_000);
    await tick(); // drawn at 2/10: the note must draw the same line again
    const before = t.text().length;
    p.note('extract: a.txt: a warning\n');
    const after = t.text().slice(before);
    p.stop();
    expect(after.startsWith('\r\x1b[2Kextract: a.txt: a warning\n')).toBe(true);
    expect(after).toMatch(/2\/10 files/);
  });

  test('without a bar, a message is written as is', () => {
    const t = fakeTerminal();
    startProgress(io(t.stream, false), { total: 10 }).note('extract: plain\n');
    expect(t.text()).toBe('extract: plain\n');
  });

  test('a run shorter than the delay draws nothing', async () => {
    const t = fakeTerminal();
    const p = startProgress(io(t.stream, true), { total: 10, delayMs: 60_000 });
    for (let i = 0; i < 10; i++) p.tick(1000);
    await tick();
    p.stop();
    expect(t.text()).toBe('');
  });

  test('nothing on a pipe, nothing with --quiet', async () => {
    for (const [tty, quiet] of [[false, false], [true, true]] as const) {
      const t = fakeTerminal();
      const p = startProgress(io(t.stream, tty), { total: 10, delayMs: 0, quiet });
      for (let i = 0; i < 10; i++) p.tick(1000);
      await tick();
      p.stop();
      expect(t.text()).toBe('');
    }
  });
});
