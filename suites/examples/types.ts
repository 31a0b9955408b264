// Example requests, one per operation of the spec, that the generic check sends to show every
// documented operation is served. Areas register theirs in their own file.
import type { ControlClient } from '../lib/control.ts';
import type { SendOptions, TargetClient } from '../lib/target.ts';

export interface ExampleRequest extends SendOptions {
  /** The statuses a well-formed example may get; the operation's 2xx statuses by default. */
  expect?: number[];
}

export interface ExampleContext {
  target: TargetClient;
  control: ControlClient | null;
  /** A shared resource of the run, built once by its builder (a project, a completed container…). */
  resource<T = any>(name: string): Promise<T>;
  /** A new resource of its own, for operations that archive or delete what they touch. */
  fresh<T = any>(name: string): Promise<T>;
  /** Cleanup that runs when the walk ends, such as archiving a child organization a builder created. */
  defer(cleanup: () => Promise<void>): void;
}

export type OperationExample = (context: ExampleContext) => Promise<ExampleRequest> | ExampleRequest;

export type ResourceBuilder = (context: ExampleContext) => Promise<any>;

export interface ExampleArea {
  examples: Record<string, OperationExample>;
  resources: Record<string, ResourceBuilder>;
}
