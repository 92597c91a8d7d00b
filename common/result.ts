// Expected failures as data: every contract method returns Result<T> instead of throwing.
// Pure shared code (common/): no Node, no DOM.

export interface AppError {
  /** Stable machine-readable code, e.g. 'not-found', 'invalid-argument', 'unsupported'. */
  code: string;
  /** One clear sentence for the analyst. */
  message: string;
  /** Optional pointer to what failed: a path, a line number, a field. */
  detail?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });

export const fail = (code: string, message: string, detail?: string): Result<never> => ({
  ok: false,
  error: detail === undefined ? { code, message } : { code, message, detail },
});
