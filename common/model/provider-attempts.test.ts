// The fallback rule: a provider present here that failed is a fallback; one not installed here is not.
import { describe, expect, it } from 'vitest';
import { fallbackAttempts, NOT_IN_BUILD } from './provider-attempts.js';

describe('fallbackAttempts', () => {
  it('counts a provider that failed to start, not one that is absent from this machine', () => {
    const failed = { provider: 'cuda', ok: false, error: 'CUDA failure 100: no CUDA-capable device is detected' };
    expect(fallbackAttempts([
      { provider: 'dml', ok: false, error: NOT_IN_BUILD },
      { provider: 'cuda', ok: false, error: 'CUDA provider libraries not installed', absent: true },
      { provider: 'cpu', ok: true },
    ])).toEqual([]);
    expect(fallbackAttempts([failed, { provider: 'cpu', ok: true }])).toEqual([failed]);
  });
});
