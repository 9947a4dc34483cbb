/**
 * What the server takes from the MCP SDK and its JSON Schema validator, in one module. The build
 * bundles this file with everything it imports into one file (scripts/bundle-mcp.mjs): the SDK is
 * ~80 packages on disk and ~130 ms of module loading, the bundle one file loaded in ~50 ms, and
 * the installed package needs neither the SDK nor its web-server dependencies.
 */
export { Validator } from "@cfworker/json-schema";
export { Server } from "@modelcontextprotocol/sdk/server/index.js";
export { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
export {
  CallToolRequestSchema,
  ErrorCode,
  ListResourcesRequestSchema,
  ListResourceTemplatesRequestSchema,
  ListToolsRequestSchema,
  ReadResourceRequestSchema,
} from "@modelcontextprotocol/sdk/types.js";
export { CfWorkerJsonSchemaValidator } from "@modelcontextprotocol/sdk/validation/cfworker";
export type { CallToolResult, Resource } from "@modelcontextprotocol/sdk/types.js";
