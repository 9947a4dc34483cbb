import { envelope, taskFields } from "./common.js";
import { array, boolean, extend, integer, nullable, object, oneOf, open, string } from "./schema.js";

/** `tasks import --json`: what was (or, with --dry-run, would be) created and updated. */
export const importSchema = envelope(
  "import",
  {
    source: oneOf(["backlog", "github", "csv"] as const),
    dryRun: boolean(),
    tasks: array(
      object({
        action: oneOf(["create", "update", "unchanged"] as const),
        id: string({ description: "our task id" }),
        sourceId: string({ description: "the record's id upstream (source-id)" }),
        title: string(),
        path: nullable(string()),
        changed: array(string(), { description: "the fields an update changes" }),
      }),
    ),
    unknownPeople: array(string(), { description: "people named upstream whom the roster does not know; left out" }),
    conflicts: array(object({ id: string(), sourceId: string(), path: string(), field: string(), message: string() }), {
      description: "what was changed both here and upstream since the last import (the body): left as it is here",
    }),
    commit: nullable(string()),
  },
  { description: "tasks import" },
);

/** `tasks export --format json`: the filtered tasks, each with its body, for another tool to read. */
export const exportSchema = envelope(
  "export",
  {
    count: integer(),
    tasks: array(open(extend(taskFields, { body: string({ description: "the Markdown after the frontmatter, ## Log included" }) }))),
  },
  { description: "tasks export --format json" },
);
