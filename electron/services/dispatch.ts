// Routes one untrusted request to its handler: look up, validate the payload, run, map failures to data.
// Node side; shared by the Electron IPC transport and the browser-mode HTTP host.
import { findMethod, type ApiHandlers, type HandlerContext } from '../../common/api.js';
import { fail, type Result } from '../../common/result.js';
import { PayloadError } from '../../common/validate.js';

export async function dispatch(
  handlers: ApiHandlers,
  namespace: string,
  name: string,
  rawArg: unknown,
  ctx: HandlerContext,
): Promise<Result<unknown>> {
  const spec = findMethod(namespace, name);
  const group = (handlers as unknown as Record<string, Record<string, unknown>>)[namespace];
  const handler = group?.[name];
  if (!spec || typeof handler !== 'function') {
    return fail('unknown-method', `No such method: ${namespace}.${name}`);
  }
  let arg: unknown;
  try {
    arg = spec.validate(rawArg);
  } catch (err) {
    if (err instanceof PayloadError) return fail('invalid-argument', `${namespace}.${name}: ${err.message}`);
    throw err;
  }
  try {
    return (await (handler as (a: unknown, c: HandlerContext) => Promise<Result<unknown>>)(arg, ctx));
  } catch (err) {
    // A handler bug must not take the host down; the analyst gets a message and the app keeps its state.
    const message = err instanceof Error ? err.message : String(err);
    console.error(`[uad] ${namespace}.${name} failed:`, err);
    return fail('internal', `${namespace}.${name} failed unexpectedly: ${message}`);
  }
}
