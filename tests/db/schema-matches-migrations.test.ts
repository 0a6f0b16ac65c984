import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { diffSchemas } from "@/lib/db-tools/schema-diff";
import { env } from "@/lib/env";

// scripts/test.ts built this run's database by applying prisma/migrations; Prisma's own schema
// engine (wasm) compares it with schema.prisma. Any drift is a non-empty migration script.

const SCHEMA_FILE = "prisma/schema.prisma";
const schemaText = readFileSync(SCHEMA_FILE, "utf8");
const databaseUrl = () => env().DATABASE_URL!;

function tweakedSchema(from: string, to: string): { kind: "schema"; file: string; content: string } {
  expect(schemaText).toContain(from);
  return { kind: "schema", file: SCHEMA_FILE, content: schemaText.replace(from, to) };
}

describe("migrations match schema.prisma", () => {
  it("the migrated database is exactly what schema.prisma describes", async () => {
    const script = await diffSchemas({
      databaseUrl: databaseUrl(),
      from: { kind: "database" },
      to: { kind: "schema", file: SCHEMA_FILE },
    });
    expect(script).toBe("");
  });

  it("replaying the migrations folder on a shadow database gives the schema too", async () => {
    const script = await diffSchemas({
      databaseUrl: databaseUrl(),
      from: { kind: "migrations", dir: "prisma/migrations" },
      to: { kind: "schema", file: SCHEMA_FILE },
    });
    expect(script).toBe("");
  });
});

describe("the comparison notices drift", () => {
  const fromDb = { kind: "database" } as const;

  it("an index sort order", async () => {
    const script = await diffSchemas({
      databaseUrl: databaseUrl(),
      from: fromDb,
      to: tweakedSchema("@@index([lastActivityAt(sort: Desc), id(sort: Desc)])", "@@index([lastActivityAt, id])"),
    });
    expect(script).toContain('DROP INDEX "conversations_last_activity_at_id_idx"');
    expect(script).toContain('ON "conversations"("last_activity_at", "id")');
  });

  it("a column's nullability and a foreign key's delete action", async () => {
    const script = await diffSchemas({
      databaseUrl: databaseUrl(),
      from: fromDb,
      to: {
        kind: "schema",
        file: SCHEMA_FILE,
        content: tweakedSchema(
          "conversation Conversation? @relation(fields: [conversationId], references: [id], onDelete: SetNull)",
          "conversation Conversation? @relation(fields: [conversationId], references: [id], onDelete: Cascade)",
        ).content.replace(
          'displayName    String?          @map("display_name")',
          'displayName    String           @map("display_name")',
        ),
      },
    });
    expect(script).toMatch(/call_logs_conversation_id_fkey.*ON DELETE CASCADE/s);
    expect(script).toContain('ALTER COLUMN "display_name" SET NOT NULL');
  });

  it("an enum value and a default", async () => {
    const script = await diffSchemas({
      databaseUrl: databaseUrl(),
      from: fromDb,
      to: {
        kind: "schema",
        file: SCHEMA_FILE,
        content: schemaText
          .replace("  too_large\n", "  too_large\n  rate_limited\n")
          .replace("attempts      Int            @default(1)", "attempts      Int            @default(0)"),
      },
    });
    expect(script).toContain(`ALTER TYPE "WebhookOutcome" ADD VALUE 'rate_limited'`);
    expect(script).toContain('ALTER COLUMN "attempts" SET DEFAULT 0');
  });
});
