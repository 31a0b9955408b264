// Work that falls due on the mock clock: job stages finishing, webhook attempts, key grace ends.
// Tasks live in the store, so snapshots keep them, and run in due order with the due time as
// their "now", so a frozen clock advanced by a day replays a day of work exactly.
import type { Store } from './store.ts';
import type { ScheduledTask } from './types.ts';

export type TaskRunner = (task: ScheduledTask, dueAt: number) => void;

export class Scheduler {
  private readonly runners = new Map<string, TaskRunner>();
  private sequence = 0;

  constructor(private readonly store: Store) {}

  register(kind: string, runner: TaskRunner): void {
    this.runners.set(kind, runner);
  }

  schedule(kind: string, dueAt: number, payload: Record<string, unknown>): string {
    if (!this.runners.has(kind)) {
      throw new Error(`Failed to schedule a task: no runner is registered for kind ${kind}.`);
    }

    this.sequence += 1;
    const id = `task_${String(this.sequence).padStart(8, '0')}_${kind}`;
    this.store.tasks.set(id, { id, kind, dueAt, payload });
    return id;
  }

  cancel(taskId: string): void {
    this.store.tasks.delete(taskId);
  }

  /** Runs every task due at or before `now`, earliest first, including tasks they schedule. */
  runDue(now: number): number {
    let ran = 0;

    for (;;) {
      const next = this.nextDue(now);
      if (next === undefined) {
        return ran;
      }

      this.store.tasks.delete(next.id);
      const runner = this.runners.get(next.kind);
      if (runner === undefined) {
        throw new Error(`Failed to run task ${next.id}: no runner is registered for kind ${next.kind}.`);
      }
      runner(next, next.dueAt);
      ran += 1;
    }
  }

  private nextDue(now: number): ScheduledTask | undefined {
    let next: ScheduledTask | undefined;

    for (const task of this.store.tasks.values()) {
      if (task.dueAt > now) {
        continue;
      }
      if (next === undefined || task.dueAt < next.dueAt || (task.dueAt === next.dueAt && task.id < next.id)) {
        next = task;
      }
    }

    return next;
  }

  /** The sequence number of the last task, kept in snapshots. */
  get position(): number {
    return this.sequence;
  }

  set position(value: number) {
    this.sequence = value;
  }
}
