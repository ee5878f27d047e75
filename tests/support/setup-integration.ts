import { afterAll } from "vitest";
import { applyTestEnv } from "./test-env";

applyTestEnv();

afterAll(async () => {
  const { closePools } = await import("@/lib/db/pools");
  await closePools();
});
