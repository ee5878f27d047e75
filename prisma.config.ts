import "dotenv/config";
import { defineConfig } from "prisma/config";

// Prisma's own CLI is used only for `generate` here (its migrate engine cannot be
// downloaded on our machines); migrations run through scripts/migrate.ts.
export default defineConfig({
  schema: "./prisma/schema.prisma",
  migrations: { path: "./prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/crm" },
});
