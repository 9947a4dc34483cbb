import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { assertBuilt } from "../helpers/cli.js";
import { makeRepo, seedTask, writeConfig } from "../helpers/repo.js";

beforeAll(assertBuilt);

/**
 * Zone offsets are worked out once per zone and year and kept under .git/tasks-cache, like the
 * parse cache: local to the clone, never committed, and never able to change an answer when
 * damaged. Kiritimati (UTC+14) and Pago Pago (UTC-11) make a date-only due land on different
 * instants, so a wrong table would reorder the list.
 */
describe("kept zone tables", () => {
  it("are written by a reading command, and a damaged file changes no answer", async () => {
    const repo = makeRepo();
    writeConfig(repo);
    seedTask(repo, { id: "k2222", title: "Kiri's", status: "todo", owner: "kiri", due: "2026-11-20" });
    seedTask(repo, { id: "p3333", title: "Pago's", status: "todo", owner: "pago", due: "2026-11-20" });
    seedTask(repo, { id: "a4444", title: "Alice's", status: "todo", owner: "alice", due: "2026-11-20T12:00:00+01:00" });
    repo.commit("seed");
    const env = { TASKS_NOW: "2026-11-20T09:00:00Z" };
    const first = await repo.tasks(["list", "--sort", "due", "--json"], { env });
    expect(first.code).toBe(0);
    // Nov 20 ends at 09:59:59Z in Kiritimati and at 10:59:59Z on Nov 21 in Pago Pago; Alice's is 11:00Z.
    const order = (stdout: string) => (JSON.parse(stdout) as { tasks: { id: string }[] }).tasks.map((t) => t.id);
    expect(order(first.stdout)).toEqual(["k2222", "a4444", "p3333"]);
    const kept = join(repo.dir, ".git", "tasks-cache", "zones-v1.json");
    expect(existsSync(kept)).toBe(true);
    expect(Object.keys((JSON.parse(readFileSync(kept, "utf8")) as { zones: object }).zones)).toEqual(expect.arrayContaining(["Pacific/Kiritimati|2026", "Pacific/Pago_Pago|2026"]));
    expect(repo.git(["status", "--porcelain"])).toBe("");

    for (const damage of ["{ not json", JSON.stringify({ source: "other", zones: {} }), JSON.stringify({ ...JSON.parse(readFileSync(kept, "utf8")), zones: { "Pacific/Kiritimati|2026": { initial: "x" } } })]) {
      writeFileSync(kept, damage);
      const again = await repo.tasks(["list", "--sort", "due", "--json"], { env });
      expect(again.stderr).toBe("");
      expect(order(again.stdout)).toEqual(order(first.stdout));
    }
  });
});
