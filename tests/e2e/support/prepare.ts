// `npm run test:e2e` runs this before Playwright starts the servers: a fresh crm_e2e
// database, migrated, and the e2e keys in Redis (queues, rate limits) cleared.
import Redis from "ioredis";
import { recreateDatabase } from "@/tests/support/fresh-database";
import { e2eServerEnv } from "./e2e-env";

const env = e2eServerEnv();
Object.assign(process.env, env);
await recreateDatabase(env.DATABASE_URL!);

const redis = new Redis(env.REDIS_URL!, { lazyConnect: true, maxRetriesPerRequest: 1 });
await redis.connect();
const keys = await redis.keys(`${env.QUEUE_PREFIX}*`);
if (keys.length) await redis.del(...keys);
await redis.quit();
console.log(`e2e: database crm_e2e migrated, ${keys.length} old ${env.QUEUE_PREFIX} keys cleared`);
process.exit(0);
