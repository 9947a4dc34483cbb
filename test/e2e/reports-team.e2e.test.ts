import { beforeAll, describe, expect, it } from "vitest";
import { assertBuilt } from "../helpers/cli.js";
import { makeTeamRepo } from "../helpers/reports-repo.js";

beforeAll(assertBuilt);

describe("tasks team", () => {
  it("shows each member's local time, whether they work now, and their next window in the reader's zone", async () => {
    const repo = makeTeamRepo();
    repo.save({ id: "aa111", title: "Overdue thing", status: "in-progress", owner: "bob", due: "2026-11-18", log: [] }, "2026-11-16T09:00:00Z", "bob");

    const plain = await repo.tasksAt(["team"], "2026-11-20T15:00:00Z");
    expect(plain.code).toBe(0);
    expect(plain.stdout.split("\n").map((line) => line.split("\t").slice(0, 5).join(" "))).toEqual([
      "alice 2026-11-20T16:00:00+01:00 Europe/Berlin working 2026-11-23T09:00:00+01:00",
      "bob 2026-11-20T10:00:00-05:00 America/New_York working 2026-11-23T09:00:00-05:00",
      "chitra 2026-11-20T20:30:00+05:30 Asia/Kolkata off 2026-11-23T09:00:00+05:30",
      "",
    ]);

    const json = await repo.tasksAt(["team", "--json"], "2026-11-20T15:00:00Z");
    const view = JSON.parse(json.stdout) as { kind: string; readerZone: string; members: { handle: string; localTimeText: string; nextWindowStartReaderText: string; counts: Record<string, number> }[] };
    expect(view.kind).toBe("team");
    expect(view.readerZone).toBe("UTC");
    expect(view.members.map((m) => [m.handle, m.localTimeText, m.nextWindowStartReaderText])).toEqual([
      ["alice", "Fri 20 Nov 16:00", "Mon 23 Nov 08:00"],
      ["bob", "Fri 20 Nov 10:00", "Mon 23 Nov 14:00"],
      ["chitra", "Fri 20 Nov 20:30", "Mon 23 Nov 03:30"],
    ]);
    expect(view.members[1]?.counts).toEqual({ open: 0, active: 1, blocked: 0, overdue: 1 });
  });
});
