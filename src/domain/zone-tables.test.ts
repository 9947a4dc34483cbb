import { describe, expect, it } from "vitest";
import { zoneOffset } from "./time.js";
import { checkZoneYear, keepZoneTables, useZoneTableStore, type ZoneTablesSnapshot } from "./zone-tables.js";

const Y2026 = Date.UTC(2026, 0, 1);
const Y2027 = Date.UTC(2027, 0, 1);
const JULY = Date.UTC(2026, 6, 1);

describe("zone tables kept between runs", () => {
  // Installed before time.ts looks anything up: it reads the kept tables once, on the first miss.
  const saved: ZoneTablesSnapshot[] = [];
  useZoneTableStore({
    load: () => ({
      // Deliberately not Berlin's real offsets, to show a kept table is used as it is.
      "Europe/Berlin|2026": { initial: 61, transitions: [] },
      // Damaged entries: each is worked out afresh instead.
      "America/New_York|2026": { initial: "-300", transitions: [] },
      "Asia/Tokyo|2026": { initial: 540, transitions: [[Y2027 + 1, 600]] },
      "Asia/Kolkata|2026": { initial: 330, transitions: [[JULY, 9999]] },
    }),
    save: (snapshot) => saved.push(snapshot),
  });

  it("a kept table answers without working the year out again", () => {
    expect(zoneOffset("Europe/Berlin", JULY)).toBe(61);
  });

  it("a damaged entry is worked out afresh, so the answer stays right", () => {
    expect(zoneOffset("America/New_York", JULY)).toBe(-240);
    expect(zoneOffset("Asia/Tokyo", JULY)).toBe(540);
    expect(zoneOffset("Asia/Kolkata", JULY)).toBe(330);
  });

  it("what was worked out is saved, with the kept entries, in the shape it is read back", () => {
    keepZoneTables();
    const last = saved.at(-1) as ZoneTablesSnapshot;
    expect(last["Europe/Berlin|2026"]).toEqual({ initial: 61, transitions: [] });
    const newYork = last["America/New_York|2026"];
    expect(newYork?.initial).toBe(-300);
    expect(newYork?.transitions.map(([, offset]) => offset)).toEqual([-240, -300]);
    expect(checkZoneYear(newYork, Y2026, Y2027)).toEqual(newYork);
  });
});

describe("checkZoneYear", () => {
  it.each([
    ["not an object", 5],
    ["null", null],
    ["an offset that is text", { initial: "60", transitions: [] }],
    ["an offset beyond a day", { initial: 1441, transitions: [] }],
    ["transitions not a list", { initial: 60, transitions: {} }],
    ["a transition before the year", { initial: 60, transitions: [[Y2026 - 1, 120]] }],
    ["a transition after the year", { initial: 60, transitions: [[Y2027, 120]] }],
    ["transitions out of order", { initial: 60, transitions: [[JULY, 120], [JULY - 1, 60]] }],
    ["a fractional instant", { initial: 60, transitions: [[JULY + 0.5, 120]] }],
    ["too many transitions", { initial: 60, transitions: Array.from({ length: 65 }, (_, i) => [Y2026 + i, 60]) }],
  ])("refuses %s", (_name, value) => {
    expect(checkZoneYear(value, Y2026, Y2027)).toBeUndefined();
  });

  it("takes a well-formed year", () => {
    const value = { initial: 60, transitions: [[Date.UTC(2026, 2, 29, 1), 120], [Date.UTC(2026, 9, 25, 1), 60]] };
    expect(checkZoneYear(value, Y2026, Y2027)).toEqual(value);
  });
});
