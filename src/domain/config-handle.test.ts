import { describe, expect, it } from "vitest";
import { type Config, DEFAULT_CONFIG, DEFAULT_DAYS, DEFAULT_HOURS, handleFor } from "./config.js";

const config: Config = {
  ...DEFAULT_CONFIG,
  team: [{ handle: "bob", name: "Bob Okafor", emails: ["bob@example.com", "b@okafor.dev"], timezone: "America/New_York", hours: DEFAULT_HOURS, days: DEFAULT_DAYS }],
};

describe("handleFor: a person typed on the command line, as written in task files", () => {
  it.each([
    ["me", "alice@example.com", "alice@example.com"],
    ["bob", "alice", "bob"],
    ["BOB@example.com", "alice", "bob"],
    ["b@okafor.dev", "alice", "bob"],
    ["carol@example.com", "alice", "carol@example.com"],
    ["carol", "alice", "carol"],
  ])("%s (me = %s) → %s", (named, me, expected) => {
    expect(handleFor(config, named, me)).toBe(expected);
  });
});
