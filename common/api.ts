// The one API contract between the renderer and the Node side, used by both transports
// (Electron IPC and the browser-mode HTTP host). Pure shared code (common/).
// Methods take one plain-data argument and resolve to Result<T>; push events are onX(listener) → unsubscribe.
import type { Result } from './result.js';
import { noPayload, objectOf, type Validator } from './validate.js';
import type { DatasetListing } from './dataset/types.js';

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
const method = <O>() => <I>(validate: Validator<I>): MethodSpec<I, O> => ({ kind: 'method', validate });
const event = <T>(): EventSpec<T> => ({ kind: 'event' });

export type HostMode = 'electron' | 'browser';

export interface AppInfo {
  name: string;
  version: string;
  mode: HostMode;
  platform: string;
  versions: Record<string, string>;
  /** Whether native dialogs exist (Electron); in browser mode the UI offers a path field instead. */
  nativeDialogs: boolean;
}

export interface ScanProgress {
  root: string;
  scanned: number;
  phase: 'walking' | 'checking' | 'done';
}

export const contract = {
  app: {
    info: method<Result<AppInfo>>()(noPayload),
  },
  dataset: {
    /**
     * Open a dataset: a folder (label and species from sub-folders: live/, attack/<species>/, UniAttackData
     * shapes), a UniAttackData protocol list (.txt, .lst) or a CSV manifest (.csv). `imageRoot` is the folder
     * a list's relative paths resolve against (detected when absent).
     */
    openFolder: method<Result<DatasetListing>>()(objectOf({ path: { kind: 'string' }, imageRoot: { kind: 'string', optional: true } })),
    /** Native folder picker; browser mode answers `unsupported`. Resolves to null when cancelled. */
    pickFolder: method<Result<string | null>>()(noPayload),
    onScanProgress: event<ScanProgress>(),
  },
} as const;

export type Contract = typeof contract;
export type Namespace = keyof Contract;

type MethodKeys<S> = { [K in keyof S]: S[K] extends MethodSpec<unknown, unknown> ? K : never }[keyof S];
type EventKeys<S> = { [K in keyof S]: S[K] extends EventSpec<unknown> ? K : never }[keyof S];

export type MethodInput<S> = S extends MethodSpec<infer I, unknown> ? I : never;
export type MethodOutput<S> = S extends MethodSpec<unknown, infer O> ? O : never;
export type EventPayload<S> = S extends EventSpec<infer T> ? T : never;

/** What the renderer sees (window.uad in Electron, the HTTP client in browser mode). */
export type UadApi = {
  [N in Namespace]: {
    [M in MethodKeys<Contract[N]>]: (arg: MethodInput<Contract[N][M]>) => Promise<MethodOutput<Contract[N][M]>>;
  } & {
    [E in EventKeys<Contract[N]>]: (listener: (payload: EventPayload<Contract[N][E]>) => void) => () => void;
  };
};

/** Caller facts a handler may use; the transport fills them in after its own checks. */
export interface HandlerContext {
  transport: 'ipc' | 'http';
}

/** One set of handlers serves both transports. */
export type ApiHandlers = {
  [N in Namespace]: {
    [M in MethodKeys<Contract[N]>]: (
      arg: MethodInput<Contract[N][M]>,
      ctx: HandlerContext,
    ) => Promise<MethodOutput<Contract[N][M]>>;
  };
};

/** Push-event sink the services use; each transport fans it out to its clients. */
export type EventSink = <N extends Namespace, E extends EventKeys<Contract[N]>>(
  namespace: N,
  name: E,
  payload: EventPayload<Contract[N][E]>,
) => void;

export interface ContractEntry {
  namespace: string;
  name: string;
  kind: 'method' | 'event';
  channel: string;
}

/** The transport channel of a method or event; derived, never typed by hand. */
export const channelName = (namespace: string, name: string): string => `uad:${namespace}.${name}`;

/** Every method and event of the contract, in declaration order. */
export function contractEntries(): ContractEntry[] {
  const entries: ContractEntry[] = [];
  for (const [namespace, members] of Object.entries(contract)) {
    for (const [name, spec] of Object.entries(members as Record<string, { kind: 'method' | 'event' }>)) {
      entries.push({ namespace, name, kind: spec.kind, channel: channelName(namespace, name) });
    }
  }
  return entries;
}

/** Looks up a method spec by namespace and name from untrusted strings. */
export function findMethod(namespace: string, name: string): MethodSpec<unknown, unknown> | undefined {
  if (!Object.hasOwn(contract, namespace)) return undefined;
  const members = contract[namespace as Namespace] as Record<string, MethodSpec<unknown, unknown> | EventSpec<unknown>>;
  if (!Object.hasOwn(members, name)) return undefined;
  const spec = members[name]!;
  return spec.kind === 'method' ? spec : undefined;
}
