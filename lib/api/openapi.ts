// The OpenAPI 3.1 description of /api/v1 (served at /api/v1/openapi.json; docs/api.md).
// Request bodies are generated from the same zod schemas the routes validate with,
// and the field list of each entity from lib/import/fields.ts, so the description
// cannot drift from what the server accepts.
import { z } from "zod";
import { ENTITIES, IMPORT_ENTITIES } from "@/lib/import/fields";
import { SUPPORTED_ENTITIES } from "@/lib/imports/entities";
import { MATCH_KEYS, UPDATE_POLICIES } from "@/lib/imports/schemas";
import { mappingBodySchema } from "@/lib/api/imports";
import { receiptBatchSchema, receiptSchema, RECEIPT_CHANNELS } from "@/lib/campaigns/delivery/receipts";

const json = (schema: object, description: string) => ({ description, content: { "application/json": { schema } } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const errors = {
  "401": json(ref("Error"), "No valid API key (unknown, revoked, or its maker is no longer an active member)."),
  "403": json(ref("Error"), "The key's role lacks the permission (import:run / import:read, and the entity's own)."),
  "404": json(ref("Error"), "No such import in this tenant."),
  "429": json(ref("Error"), "Too many failed key attempts from this address; wait and retry."),
};
const idParam = { name: "importId", in: "path", required: true, schema: { type: "string", format: "uuid" } };

export function openApiDocument(serverUrl = "/") {
  const fields = Object.fromEntries(IMPORT_ENTITIES.map((e) => [e, ENTITIES[e].fields.map((f) => f.key)]));
  return {
    openapi: "3.1.0",
    info: {
      title: "Analytical CRM — import API",
      version: "1.0.0",
      description: "Programmatic data import through the same pipeline as the import wizard: streaming parse, cleaning, "
        + "dedupe against the CRM, COPY staging and a set-based apply, with a problems CSV per import. "
        + `Entities with a database side today: ${SUPPORTED_ENTITIES.join(", ")}. Field keys per entity: ${JSON.stringify(fields)}.`,
    },
    servers: [{ url: serverUrl }],
    security: [{ apiKey: [] }],
    paths: {
      "/api/v1/imports": {
        get: {
          summary: "The latest 100 imports", operationId: "listImports",
          responses: { "200": json({ type: "object", properties: { imports: { type: "array", items: ref("ImportListItem") } } }, "Imports, newest first."), ...errors },
        },
        post: {
          summary: "Upload a file and (by default) import it", operationId: "createImport",
          parameters: [
            { name: "entity", in: "query", required: true, schema: { type: "string", enum: [...IMPORT_ENTITIES] } },
            { name: "name", in: "query", required: true, schema: { type: "string", maxLength: 255 }, description: "The file's name (shown in the history)." },
            { name: "mode", in: "query", schema: { type: "string", enum: ["run", "dry_run", "upload"], default: "run" },
              description: "run: import with the saved or suggested mapping; dry_run: only check; upload: store the file and wait for a mapping." },
            { name: "policy", in: "query", schema: { type: "string", enum: [...UPDATE_POLICIES] } },
            { name: "matchKeys", in: "query", schema: { type: "string" }, description: `Comma-separated, of ${MATCH_KEYS.join(", ")}.` },
            { name: "Idempotency-Key", in: "header", schema: { type: "string", pattern: "^[A-Za-z0-9._:-]{1,200}$" },
              description: "A retry with the same key returns the first request's import (200, header Idempotent-Replayed: true) and imports nothing again." },
          ],
          requestBody: { required: true, content: { "text/csv": { schema: { type: "string", format: "binary" } }, "application/octet-stream": { schema: { type: "string", format: "binary" } } } },
          responses: {
            "200": json(ref("Import"), "Replay of an earlier request with the same Idempotency-Key."),
            "202": json(ref("Import"), "Stored, and queued when mode is run or dry_run."),
            "400": json(ref("Error"), "The file cannot be imported (empty, binary, too large, header only…) or the parameters are wrong."),
            "409": json(ref("Error"), "The Idempotency-Key was used for a different file or entity."),
            "422": json({ type: "object", properties: { error: ref("Error"), import: ref("Import") } }, "Stored, but the columns could not be matched automatically: PUT a mapping."),
            ...errors,
          },
        },
      },
      "/api/v1/imports/{importId}": {
        get: { summary: "Status, progress and counts", operationId: "getImport", parameters: [idParam], responses: { "200": json(ref("Import"), "The import."), ...errors } },
      },
      "/api/v1/imports/{importId}/mapping": {
        put: {
          summary: "Set the column mapping, then check or run", operationId: "mapImport", parameters: [idParam],
          requestBody: { required: true, content: { "application/json": { schema: z.toJSONSchema(mappingBodySchema, { io: "input" }) } } },
          responses: { "202": json(ref("Import"), "Queued."), "400": json(ref("Error"), "The mapping is not valid for this file."), "409": json(ref("Error"), "The import can no longer be changed."), ...errors },
        },
      },
      "/api/v1/imports/{importId}/start": {
        post: { summary: "Run a checked import", operationId: "startImport", parameters: [idParam], responses: { "202": json(ref("Import"), "Queued."), "409": json(ref("Error"), "Not checked, or already run."), ...errors } },
      },
      "/api/v1/imports/{importId}/cancel": {
        post: { summary: "Cancel; nothing of the file is applied", operationId: "cancelImport", parameters: [idParam], responses: { "202": json(ref("Import"), "Cancelling."), "409": json(ref("Error"), "Already finished."), ...errors } },
      },
      "/api/v1/imports/{importId}/undo": {
        post: { summary: "Undo a finished import (customers, orders, order lines, order items, products)", operationId: "undoImport", parameters: [idParam], responses: { "202": json(ref("Import"), "Undo queued."), "409": json(ref("Error"), "Not finished, already undone, or not undoable."), ...errors } },
      },
      "/api/v1/imports/{importId}/errors": {
        get: {
          summary: "The problems CSV", operationId: "importProblems", parameters: [idParam],
          responses: { "200": { description: "UTF-8 CSV with BOM: row, column, value, reason, then the row's original cells.", content: { "text/csv": { schema: { type: "string" } } } }, ...errors },
        },
      },
      "/api/v1/delivery/{channel}": {
        post: {
          summary: "A provider's delivery receipt(s) for campaign messages", operationId: "deliveryReceipt", security: [],
          description: "Authenticated by the signature, not an API key: header X-CRM-Signature: sha256=<hex HMAC-SHA256 of the raw body> "
            + "with the tenant's webhook secret (Campaigns → Delivery receipts). A receipt names the send by the provider message id "
            + "recorded at sending; it moves a sent message to delivered or failed once (a repeat changes nothing). docs/api.md.",
          parameters: [
            { name: "channel", in: "path", required: true, schema: { type: "string", enum: [...RECEIPT_CHANNELS] } },
            { name: "tenant", in: "query", required: true, schema: { type: "string", format: "uuid" } },
            { name: "X-CRM-Signature", in: "header", required: true, schema: { type: "string", pattern: "^sha256=[0-9a-f]{64}$" } },
          ],
          requestBody: { required: true, content: { "application/json": { schema: { oneOf: [z.toJSONSchema(receiptSchema, { io: "input" }), z.toJSONSchema(receiptBatchSchema, { io: "input" })] } } } },
          responses: {
            "200": json({ type: "object", properties: { received: { type: "integer" }, applied: { type: "integer" }, duplicates: { type: "integer" }, unknown: { type: "integer" } } },
              "Accepted: how many receipts changed a send, repeated an earlier one, or named no send of this tenant on this channel."),
            "400": json(ref("Error"), "Not JSON, or not a receipt (the message names the field), or too large."),
            "401": json(ref("Error"), "Missing or wrong signature, unknown tenant, or no secret set."),
            "404": json(ref("Error"), "Unknown channel."),
            "429": json(ref("Error"), "Too many refused receipts from this address."),
          },
        },
      },
    },
    components: {
      securitySchemes: { apiKey: { type: "http", scheme: "bearer", description: "An API key from Administration → API keys: `crm_<tenant>_<prefix>_<secret>`." } },
      schemas: {
        Error: { type: "object", required: ["code", "message"], properties: { code: { type: "string" }, message: { type: "string" }, fieldErrors: { type: "object", additionalProperties: { type: "string" } } } },
        ImportListItem: { type: "object", properties: { id: { type: "string", format: "uuid" }, entity: { type: "string" }, fileName: { type: "string" }, status: { type: "string" }, createdAt: { type: "string", format: "date-time" } } },
        Import: {
          type: "object",
          properties: {
            id: { type: "string", format: "uuid" }, entity: { type: "string" }, fileName: { type: "string" },
            status: { type: "string", enum: ["uploaded", "validating", "validated", "queued", "running", "succeeded", "failed", "cancelled", "undoing", "undone"] },
            mode: { type: ["string", "null"] }, createdAt: { type: "string", format: "date-time" }, finishedAt: { type: ["string", "null"], format: "date-time" },
            headers: { type: "array", items: { type: "string" } }, mapping: { type: "object" }, matchKeys: { type: "array", items: { type: "string" } }, policy: { type: "string" },
            progress: { type: "object", properties: { percent: { type: "number" }, rowsDone: { type: "integer" }, rowsTotal: { type: ["integer", "null"] }, rate: { type: ["number", "null"] }, secondsLeft: { type: ["number", "null"] } } },
            counts: { type: "object", properties: { created: { type: "integer" }, updated: { type: "integer" }, skipped: { type: "integer" }, failed: { type: "integer" }, total: { type: "integer" }, warnings: { type: "integer" } } },
            dryRun: { type: ["object", "null"] }, report: { type: ["object", "null"] }, error: {}, errorsUrl: { type: ["string", "null"] },
          },
        },
      },
    },
  };
}
