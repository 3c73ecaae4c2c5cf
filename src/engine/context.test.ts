/** The evidence helper trims exactly what `/\s/` calls white space. */
import { describe, expect, test } from 'vitest';
import { evidence } from './context.js';
import { isSpaceCode } from '../text/chars.js';

describe('evidence', () => {
  test('isSpaceCode agrees with /\\s/ on every UTF-16 code unit', () => {
    const differ: number[] = [];
    for (let c = 0; c < 0x10000; c++) if (isSpaceCode(c) !== /\s/.test(String.fromCharCode(c))) differ.push(c);
    expect(differ).toEqual([]);
  });

  test('evidence is trimmed of surrounding spaces and keeps NFC offsets', () => {
    const nfc = ' \u00a0Province A\u3000\n';
    expect(evidence({ nfc }, 0, nfc.length)).toEqual({ start: 2, end: 12, text: 'Province A' });
  });
});
