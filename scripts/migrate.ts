// npm run db:migrate — applies SQL migrations as the owner (DATABASE_URL).
import "dotenv/config";
import { migrate } from "@/lib/db/migrator";

const result = await migrate({ log: (l) => console.log(l) });
console.log(`migrations: ${result.applied.length} applied, ${result.alreadyApplied.length} already applied`);
