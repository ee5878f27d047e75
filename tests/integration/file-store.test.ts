// Files in Postgres chunks: what is written is what is read back, in constant
// memory per chunk, and another tenant cannot see a byte of it.
import { beforeAll, describe, expect, it } from "vitest";
import { createHash, randomBytes } from "node:crypto";
import { CHUNK_BYTES, createFile, fileInfo, readFileChunks } from "@/lib/files/store";
import { withTenantPg } from "@/lib/db/tenant";
import { createTenant, type TestTenant } from "@/tests/factories/tenants";

let a: TestTenant;
let b: TestTenant;

beforeAll(async () => {
  [a, b] = await Promise.all([createTenant("FilesA"), createTenant("FilesB")]);
});

describe("file store", () => {
  it("round-trips a multi-chunk file byte for byte", async () => {
    const parts = Array.from({ length: 9 }, (_, i) => randomBytes(CHUNK_BYTES / 3 + i * 1000));
    const w = await createFile(a.owner, { purpose: "export", name: "x.csv", createdBy: a.ownerUserId });
    for (const p of parts) await w.write(p);
    const whole = Buffer.concat(parts);
    const { byteSize, sha256 } = await w.close();
    expect(byteSize).toBe(whole.length);
    expect(sha256).toBe(createHash("sha256").update(whole).digest("hex"));

    const back: Buffer[] = [];
    let biggest = 0;
    for await (const c of readFileChunks(a.owner, w.fileId, 2)) {
      back.push(c);
      biggest = Math.max(biggest, c.length);
    }
    expect(Buffer.concat(back).equals(whole)).toBe(true);
    expect(back.length).toBeGreaterThan(2);
    expect(biggest).toBeLessThan(CHUNK_BYTES * 2);
    expect(await fileInfo(a.owner, w.fileId)).toMatchObject({ status: "ready", byteSize: whole.length, name: "x.csv" });
  });

  it("another tenant sees neither the file nor its chunks", async () => {
    const w = await createFile(a.owner, { purpose: "export", name: "secret.csv" });
    await w.write("手机,姓名\r\n13800138000,张三\r\n");
    await w.close();
    expect(await fileInfo(b.owner, w.fileId)).toBeNull();
    const chunks: Buffer[] = [];
    for await (const c of readFileChunks(b.owner, w.fileId)) chunks.push(c);
    expect(chunks).toEqual([]);
    const raw = await withTenantPg(b.owner, (c) => c.query("SELECT count(*)::int AS n FROM stored_file_chunks WHERE file_id = $1", [w.fileId]));
    expect(raw.rows[0].n).toBe(0);
  });
});
