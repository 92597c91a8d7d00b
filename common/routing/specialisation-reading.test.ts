// The reading of a specialisation test keeps detectability (p) and size (NMI) apart.
import { describe, expect, it } from 'vitest';
import { specialisationReading } from './specialisation-reading.js';

describe('specialisationReading', () => {
  it('reads a tiny NMI with a small p as detectable but negligible, not as specialisation', () => {
    expect(specialisationReading(0.01, 0.005)).toBe('statistically detectable but negligible specialisation');
  });
  it('reads a large p as nothing detectable, whatever the NMI', () => {
    expect(specialisationReading(0.3, 0.4)).toBe('no detectable specialisation: shuffled labels do as well');
    expect(specialisationReading(0.3, Number.NaN)).toBe('no detectable specialisation: shuffled labels do as well');
  });
  it('grades a detectable effect by its size', () => {
    expect(specialisationReading(0.1, 0.001)).toBe('weak specialisation');
    expect(specialisationReading(0.3, 0.001)).toBe('moderate specialisation');
    expect(specialisationReading(0.7, 0.001)).toBe('strong specialisation');
  });
});
