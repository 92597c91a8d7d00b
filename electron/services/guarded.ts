// Turns a handler's expected failures into data: SessionError keeps its code, other errors become the
// given failure code with their message; bugs still reach dispatch's handler. Node side (contract handlers).
import { fail, ok, type Result } from '../../common/result.js';
import { SessionError } from './session.js';

/** Maps expected failures (SessionError, bad files) to data; lets bugs through to dispatch's handler. */
export async function guarded<T>(work: () => T | Promise<T>, failureCode = 'failed'): Promise<Result<T>> {
  try {
    return ok(await work());
  } catch (err) {
    if (err instanceof SessionError) return fail(err.code, err.message);
    const message = err instanceof Error ? err.message : String(err);
    return fail(failureCode, message);
  }
}
