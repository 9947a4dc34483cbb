import { describe, expect, it } from "vitest";
import { configWith, context, makeTask, member } from "../../../test/helpers/tasks.js";
import { unknownOwnerRule } from "./unknown-owner.js";

const team = configWith({ team: [member("alice", "Europe/Berlin")] });
const run = (config: ReturnType<typeof configWith>, owner: string | null) =>
  unknownOwnerRule.check(context({ config, tasks: [makeTask({ status: "todo", owner })] }), { severity: "warning", days: 0 });

describe("unknown-owner", () => {
  it.each([
    ["alice", false],
    ["alice@example.com", false], // an email on the roster is that person
    ["ALICE@EXAMPLE.COM", false],
    ["bob", true],
    ["mallory@evil.example", true],
    [null, false], // ownerless speaks for that one
  ])("owner %j → fires: %s", (owner, fires) => {
    expect(run(team, owner).length).toBe(fires ? 1 : 0);
  });

  it("is silent without a roster", () => {
    expect(run(configWith(), "anyone")).toEqual([]);
  });

  it("names the owner on the owner line", () => {
    expect(run(team, "bob")[0]).toMatchObject({ line: 5, severity: "warning", message: 'owner "bob" is not on the team roster' });
  });
});
