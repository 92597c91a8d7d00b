// Building blocks of the API contract: method and event descriptors with phantom types.
// Pure shared code (common/). Namespace files (common/contract/*.ts) use these; common/api.ts composes them.
import type { Validator } from '../validate.js';

export interface MethodSpec<I, O> {
  readonly kind: 'method';
  readonly validate: Validator<I>;
  /** Phantom marker carrying the result type; never set at run time. */
  readonly result?: O;
}

export interface EventSpec<T> {
  readonly kind: 'event';
  /** Phantom marker carrying the payload type; never set at run time. */
  readonly payload?: T;
}

/** `method<Result<X>>()(validator)`: the result type is named, the input type comes from the validator. */
export const method = <O>() => <I>(validate: Validator<I>): MethodSpec<I, O> => ({ kind: 'method', validate });
export const event = <T>(): EventSpec<T> => ({ kind: 'event' });
