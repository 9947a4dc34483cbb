import { isMap, isSeq, parseDocument, type YAMLMap } from "./yaml-library.js";
import { TasksError } from "../app/errors.js";
import { CONFIG_PATH } from "../domain/config.js";

/**
 * Edits of `.tasks/config.yml` the tool makes itself (`tasks team away`). The file is the team's:
 * its comments, key order and other settings stay; the edit adds one entry to a member's `away:`
 * list (creating the list, or the member, when missing). The caller validates the result.
 */

export interface AwayEntry {
  readonly from: string;
  readonly to: string;
  readonly note: string | null;
}

export function addAwayPeriod(text: string, handle: string, entry: AwayEntry): string {
  const doc = parseDocument(text, { version: "1.2", schema: "core", merge: false, uniqueKeys: true, keepSourceTokens: false });
  if (doc.errors.length > 0) throw new TasksError("INVALID_CONFIG", `${CONFIG_PATH}: ${doc.errors[0]?.message.split("\n")[0] ?? "invalid YAML"}; nothing was written`);
  if (doc.contents === null) doc.contents = doc.createNode({}) as never;
  if (!isMap(doc.contents)) throw new TasksError("INVALID_CONFIG", `${CONFIG_PATH} must be a YAML mapping; nothing was written`);
  const mapping = (path: string[]): YAMLMap => {
    const node = doc.getIn(path, true);
    if (node === undefined || node === null || (typeof node === "object" && "value" in node && node.value === null)) {
      doc.setIn(path, doc.createNode({}));
      return doc.getIn(path, true) as YAMLMap;
    }
    if (!isMap(node)) throw new TasksError("INVALID_CONFIG", `${CONFIG_PATH}: ${path.join(".")} is not a mapping; nothing was written`, { hint: "fix the file by hand" });
    return node;
  };
  mapping(["team"]);
  mapping(["team", handle]);
  const item = entry.from === entry.to && entry.note === null ? entry.from : entry.note === null ? `${entry.from}..${entry.to}` : { from: entry.from, to: entry.to, note: entry.note };
  const list = doc.getIn(["team", handle, "away"], true);
  if (list === undefined || list === null || (typeof list === "object" && "value" in list && list.value === null)) {
    doc.setIn(["team", handle, "away"], doc.createNode([item]));
  } else if (isSeq(list)) {
    list.add(doc.createNode(item));
  } else {
    throw new TasksError("INVALID_CONFIG", `${CONFIG_PATH}: team.${handle}.away is not a list; nothing was written`, { hint: "write away: as a list of periods" });
  }
  const away = doc.getIn(["team", handle, "away"], true);
  if (isSeq(away)) for (const node of away.items) if (isMap(node)) node.flow = true;
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}
