// Snapshots of the whole mock: the store plus the clock offset and the id and task sequences, so
// an imported snapshot continues exactly where the exported one stopped.
import type { MockContext } from '../context.ts';
import { restoreStore, snapshotStore, type StoreSnapshot } from '../state/store.ts';

export interface MockSnapshot {
  version: 1;
  clockOffsetMs: number;
  idPosition: number;
  taskPosition: number;
  store: StoreSnapshot;
}

export function exportSnapshot(mock: MockContext): MockSnapshot {
  return {
    version: 1,
    clockOffsetMs: mock.clock.offset,
    idPosition: mock.ids.position,
    taskPosition: mock.scheduler.position,
    store: snapshotStore(mock.store),
  };
}

export function importSnapshot(mock: MockContext, snapshot: MockSnapshot): void {
  restoreStore(mock.store, snapshot.store);
  mock.clock.offset = snapshot.clockOffsetMs;
  mock.ids.position = snapshot.idPosition;
  mock.scheduler.position = snapshot.taskPosition;
}
