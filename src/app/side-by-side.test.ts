import { describe, expect, it } from "vitest";
import { sideBySide } from "./side-by-side.js";

const later = <T>(ms: number, value: T, fail = false): Promise<T> =>
  new Promise((resolve, reject) => setTimeout(() => (fail ? reject(new Error(String(value))) : resolve(value)), ms));

describe("sideBySide", () => {
  it("gives both values in order", async () => {
    await expect(sideBySide(later(5, "a"), later(1, 2))).resolves.toEqual(["a", 2]);
  });

  it("reports the first read's failure even when the second failed sooner", async () => {
    await expect(sideBySide(later(20, "history", true), later(1, "links", true))).rejects.toThrow("history");
    await expect(sideBySide(later(1, "history"), later(5, "links", true))).rejects.toThrow("links");
  });
});
