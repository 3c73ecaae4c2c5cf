/**
 * Bytes to text. UTF-8 (a BOM is dropped) is the contract; what cannot be decoded is replaced
 * and reported with its byte offset so the run can go on.
 */
export interface Decoded {
  text: string;
  encoding: string;
  warnings: string[];
}

export function decode(bytes: Uint8Array): Decoded {
  const warnings: string[] = [];
  let body = bytes;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) body = bytes.subarray(3);
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf-8', warnings };
  } catch {
    const text = new TextDecoder('utf-8').decode(body);
    const at = firstInvalidUtf8(body);
    warnings.push(`invalid UTF-8 at byte ${at}: undecodable bytes replaced with U+FFFD`);
    return { text, encoding: 'utf-8', warnings };
  }
}

/** Byte offset of the first invalid UTF-8 sequence, or -1. */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    let n = 0;
    if (c < 0x80) n = 0;
    else if (c >= 0xc2 && c <= 0xdf) n = 1;
    else if (c >= 0xe0 && c <= 0xef) n = 2;
    else if (c >= 0xf0 && c <= 0xf4) n = 3;
    else return i;
    for (let k = 1; k <= n; k++) if (i + k >= b.length || (b[i + k]! & 0xc0) !== 0x80) return i;
    i += n + 1;
  }
  return -1;
}
