// Which execution-provider attempts count as a fallback: a provider present on this machine that could not
// start. One rule for the CLI's stderr and the renderer's provider badge (ARCHITECTURE.md §2).

export interface ProviderAttemptLike {
  provider: string;
  ok: boolean;
  error?: string;
  /** The provider is not installed here (not in this onnxruntime build, or its libraries are missing). */
  absent?: boolean;
}

/** The reason given for providers this onnxruntime build lacks (e.g. DirectML on Linux). */
export const NOT_IN_BUILD = 'not available in this onnxruntime build';

/** The attempts that failed on a provider this machine has: the ones worth a warning. */
export function fallbackAttempts<T extends ProviderAttemptLike>(attempts: readonly T[]): T[] {
  return attempts.filter((a) => !a.ok && !a.absent && a.error !== NOT_IN_BUILD);
}
