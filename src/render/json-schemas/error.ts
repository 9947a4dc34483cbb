import { nullable, object, open, string } from "./schema.js";

/**
 * A failure under `--json`: one line on stderr, stdout empty, the exit code as without --json.
 * `code` is the stable TasksError code (USAGE for a usage error, INTERNAL for a bug).
 */
export const errorSchema = object(
  {
    error: object(
      {
        code: string({ pattern: "^[A-Z][A-Z0-9_]*$", description: "stable: TASK_NOT_FOUND, AMBIGUOUS_ID, ALREADY_CLAIMED, USAGE, …" }),
        message: string(),
        hint: nullable(string(), { description: "how to fix it, when there is a way" }),
        details: open(object({}, { description: "structured facts for some codes (the paths, the holder of a claim, …)" })),
      },
      { optional: ["details"] },
    ),
  },
  { description: "an error under --json, written to stderr" },
);
