// Split hygiene: subject identities that occur in more than one split (train / dev / test), counted
// per split pair. Pure shared code (common/).

export interface SplitIdentities {
  /** e.g. 'train', 'dev', 'test', or a file name. */
  readonly split: string;
  /** Identities of the split's samples; '' (unknown) is ignored. */
  readonly identities: Iterable<string>;
}

export interface SplitLeak {
  readonly splitA: string;
  readonly splitB: string;
  readonly identitiesA: number;
  readonly identitiesB: number;
  /** Identities present in both splits. */
  readonly shared: number;
  /** The first few shared identities, sorted, for the warning text. */
  readonly examples: readonly string[];
}

export interface LeakageReport {
  /** Every pair of splits that both carry identities, in the order given. */
  readonly pairs: readonly SplitLeak[];
  /** Splits without any identity (the check could not be made for them). */
  readonly withoutIdentities: readonly string[];
  /** One warning line per leaking pair. */
  readonly warnings: readonly string[];
}

const EXAMPLES = 5;

/** Shared identities for every pair of splits. O(total identities). */
export function identityLeakage(splits: readonly SplitIdentities[]): LeakageReport {
  const sets = splits.map(({ split, identities }) => ({ split, set: new Set([...identities].filter((id) => id !== '')) }));
  const withIds = sets.filter((s) => s.set.size > 0);
  const pairs: SplitLeak[] = [];
  for (let i = 0; i < withIds.length; i++) {
    for (let j = i + 1; j < withIds.length; j++) {
      const [small, large] = withIds[i].set.size <= withIds[j].set.size ? [withIds[i].set, withIds[j].set] : [withIds[j].set, withIds[i].set];
      const shared = [...small].filter((id) => large.has(id)).sort();
      pairs.push({
        splitA: withIds[i].split,
        splitB: withIds[j].split,
        identitiesA: withIds[i].set.size,
        identitiesB: withIds[j].set.size,
        shared: shared.length,
        examples: shared.slice(0, EXAMPLES),
      });
    }
  }
  const warnings = pairs
    .filter((pair) => pair.shared > 0)
    .map((pair) => `${pair.shared} identit${pair.shared === 1 ? 'y is' : 'ies are'} in both ${pair.splitA} and ${pair.splitB} (e.g. ${pair.examples.join(', ')}): rates on ${pair.splitB} are not on unseen subjects`);
  return { pairs, withoutIdentities: sets.filter((s) => s.set.size === 0).map((s) => s.split), warnings };
}
