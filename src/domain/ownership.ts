import type { TaskEvent } from "./history.js";
import { FIELD } from "./task.js";

/**
 * Since when someone has held a task: the last event that made them its owner (created with
 * them as owner, or the owner field changed to them). Pure; events in time order.
 */
export function heldSince(events: readonly TaskEvent[], id: string, owner: string): TaskEvent | undefined {
  let since: TaskEvent | undefined;
  for (const event of events) {
    if (event.id !== id) continue;
    if (event.kind === "created" && event.data[FIELD.owner] === owner) since = event;
    else if (event.kind === "changed" && event.field === FIELD.owner) since = event.to === owner ? event : undefined;
  }
  return since;
}
