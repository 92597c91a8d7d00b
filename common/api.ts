// The one API contract between the renderer and the Node side, used by both transports
// (Electron IPC and the browser-mode HTTP host). Pure shared code (common/).
// Methods take one plain-data argument and resolve to Result<T>; push events are onX(listener) → unsubscribe.
import { analyticsContract } from './contract/analytics.js';
import { annotationsContract } from './contract/annotations.js';
import { appContract } from './contract/app.js';
import { casesContract } from './contract/cases.js';
import { datasetContract } from './contract/dataset.js';
import { explainContract } from './contract/explain.js';
import type { EventSpec, MethodSpec } from './contract/define.js';
import { modelContract } from './contract/model.js';
import { runContract } from './contract/run.js';
import { samplesContract } from './contract/samples.js';
import { thresholdsContract } from './contract/thresholds.js';
import { workspaceContract } from './contract/workspace.js';

export type { EventSpec, MethodSpec } from './contract/define.js';
export type { ExpertUsage, RoutingSpecialisation, SpecialisationStat } from './contract/analytics.js';
export type { AppInfo, HostMode, RecentKind, RecentPaths } from './contract/app.js';
export type { Annotation, AnnotationOverview, AnnotationStatus, Verdict } from './contract/annotations.js';
export type { CaseExportRequest, CaseExportSummary, CaseImport, CaseProblem, CaseVerification, EvidenceMode, OperatingPoint } from './contract/cases.js';
export type { ScanProgress } from './contract/dataset.js';
export type { SimilarSamples } from './contract/explain.js';
export type { ModelInfo, ModelSlot } from './contract/model.js';
export type { CheckedFace, CheckResult, RunDomainCounts, RunFinished, RunProgress, RunResultRow, RunWorkerProgress, ScoringSettings } from './contract/run.js';
export type { SampleDetailPayload, SampleEvidence, SampleImage, SampleTable, UnscoredSample } from './contract/samples.js';
export type { RunInfo, WorkspaceSummary } from './contract/workspace.js';

/** Every namespace of the contract; each lives in common/contract/<namespace>.ts. */
export const contract = {
  app: appContract,
  dataset: datasetContract,
  workspace: workspaceContract,
  model: modelContract,
  run: runContract,
  samples: samplesContract,
  analytics: analyticsContract,
  thresholds: thresholdsContract,
  annotations: annotationsContract,
  cases: casesContract,
  explain: explainContract,
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

/** The handlers of one namespace; each lives in electron/services/<namespace>-handlers.ts. */
export type NamespaceHandlers<N extends Namespace> = ApiHandlers[N];

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

/** The browser-mode host's routes (electron/host/server.ts, renderer/bridge/http-client.ts); derived, never typed by hand. */
export const HTTP_ROUTES = { api: '/api/', events: '/api/events', contract: '/api/contract', callPrefix: '/api/call/' } as const;

/** The route of one method call: POST /api/call/<namespace>/<name>. */
export const callRoute = (namespace: string, name: string): string => `${HTTP_ROUTES.callPrefix}${namespace}/${name}`;

/** The namespace and name of a call route (letters only, as the contract's names are), or null for any other path. */
export function parseCallRoute(pathname: string): { namespace: string; name: string } | null {
  if (!pathname.startsWith(HTTP_ROUTES.callPrefix)) return null;
  const match = /^([A-Za-z]+)\/([A-Za-z]+)$/.exec(pathname.slice(HTTP_ROUTES.callPrefix.length));
  return match ? { namespace: match[1]!, name: match[2]! } : null;
}

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
