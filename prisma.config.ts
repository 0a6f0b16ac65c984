import { defineConfig } from "prisma/config";

// The CLI only needs a URL for `prisma migrate deploy` where the native engine can be
// fetched; this project applies migrations itself (scripts/migrate.ts), so an absent URL
// is fine for `prisma generate`.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/unused" },
});
