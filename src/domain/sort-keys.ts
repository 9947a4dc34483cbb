/** The orders `list` (and the MCP list tool) can sort by: a module of its own, so naming them loads no date code. */
export const SORT_KEYS = ["due", "priority", "status", "owner", "created", "title", "id"] as const;
export type SortKey = (typeof SORT_KEYS)[number];
