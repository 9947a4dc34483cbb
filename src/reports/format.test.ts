import { describe, expect, it } from "vitest";
import { dayText, localText } from "./format.js";

describe("moments in notes", () => {
  const now = new Date("2026-11-20T12:00:00Z");

  it("leave the year out within half a year of now, in either direction", () => {
    expect(localText("2026-11-19T08:00:00Z", "Europe/Berlin", now)).toBe("Thu 19 Nov 09:00");
    expect(dayText(new Date("2027-03-02T12:00:00Z"), "UTC", now)).toBe("Tue 2 Mar");
  });

  it("name the year of a moment over half a year away, so a blocker from last year does not read as this week's", () => {
    expect(localText("2025-12-03T18:35:00Z", "Europe/Berlin", now)).toBe("Wed 3 Dec 2025 19:35");
    expect(dayText(new Date("2027-12-01T12:00:00Z"), "UTC", now)).toBe("Wed 1 Dec 2027");
  });

  it("leave it out when the caller gives no now (window bounds, times of day)", () => {
    expect(localText("2025-12-03T18:35:00Z", "UTC")).toBe("Wed 3 Dec 18:35");
  });

  it("take the year from the zone's calendar, not UTC's", () => {
    expect(localText("2025-12-31T23:30:00Z", "Asia/Tokyo", now)).toBe("Thu 1 Jan 2026 08:30");
  });
});
