// A file uploaded for the wrong entity, through the upload route and the mapping
// action: when its headers fit another entity much better, the refusal says which
// entity to choose (and what is missing as it is); otherwise the plain required-field
// message stays. The same file uploaded as the right entity is accepted. The import
// page says it at the mapping step — in its notice and in the mapping form's own check,
// as the server's refusal does — and its "start over" links preselect the entity the
// file looks like (or the one chosen, after a failed check); it links a finished
// import to what it imported.
import { afterAll, describe, expect, it, vi } from "vitest";
import { randomUUID } from "node:crypto";
import { sessionModuleMock, signInAs } from "@/tests/support/session";
import { addMember, createTenant } from "@/tests/factories/tenants";
import { AppError } from "@/lib/errors";
import { withTenant } from "@/lib/db/tenant";
import { translator } from "@/lib/i18n/translate";
import type { ImportMapping } from "@/lib/import/mapping";
import { closeQueues } from "@/lib/jobs/queues";
import { closeSharedRedis } from "@/lib/redis";
import { elements, textOf, type El } from "@/tests/support/react-tree";

vi.mock("@/lib/auth/session", () => sessionModuleMock);
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

process.env.QUEUE_PREFIX = `{crmtest-${randomUUID().slice(0, 8)}}`;
const { job, uploadAs } = await import("@/tests/fixtures/import/jobs/import-driver");
const { csv, wrongEntityMessage } = await import("@/tests/fixtures/import/jobs/record-imports");
const { saveMappingAction } = await import("@/app/(app)/imports/actions");
const { saveMappingAndCheck } = await import("@/lib/imports/requests");
const { loadAuthContext } = await import("@/lib/auth/context");
const ImportPage = (await import("@/app/(app)/imports/[id]/page")).default;
const NewImportPage = (await import("@/app/(app)/imports/new/page")).default;
const { MappingForm } = await import("@/components/imports/MappingForm");
const { UploadForm } = await import("@/components/imports/UploadForm");
const { mappingProblems } = await import("@/components/imports/mapping-problems");

const render = (id: string) => ImportPage({ params: Promise.resolve({ id }), searchParams: Promise.resolve({}) });
const byTestId = (tree: unknown, id: string) => elements(tree).find((e) => e.props["data-testid"] === id);
const byType = (tree: unknown, type: unknown) => elements(tree).find((e) => e.type === type);
const hrefs = (node: unknown) => elements(node).map((e) => e.props.href).filter((h) => typeof h === "string");

type FormProps = Parameters<typeof MappingForm>[0];
/** What the mapping form's own check says on submit, the form as the page fills it. */
function formCheck(form: El | undefined): string[] {
  const p = form!.props as unknown as FormProps;
  const state = Object.fromEntries(p.fields.map((f) => [f.key, { column: p.initial.fields[f.key]?.column ?? "", default: p.initial.fields[f.key]?.transform?.default ?? "" }]));
  return mappingProblems({ fields: p.fields, groups: p.groups, text: p.text, wrongEntity: p.wrongEntity }, state);
}

afterAll(async () => {
  await closeQueues();
  await closeSharedRedis();
});

const MEMBERS = csv(["会员卡号,手机号,等级,积分,入会时间", "M1,13800138000,金卡,100,2024-01-01"]);
const ORDER_LINES = csv(["订单号,下单时间,收货人手机,商品编码,商品名称,数量,单价", "O1,2024-01-01 10:00,13800138000,SKU1,T恤,1,99"]);

describe("a file uploaded for the wrong entity", () => {
  it("a member file uploaded as customers: says it looks like a member file, naming its member columns, and what customers lack", async () => {
    const admin = await addMember(await createTenant("WrongEntityA"), "admin");
    const message = await wrongEntityMessage(admin, MEMBERS, "customers");
    expect(message).toBe("This file looks like a member file (会员卡号, 等级, 积分): choose “Members” as the entity. As it is, no column fills: Name.");
  });

  it("an order-line file uploaded as members: says to choose the order-line entity", async () => {
    const admin = await addMember(await createTenant("WrongEntityB"), "admin");
    const message = await wrongEntityMessage(admin, ORDER_LINES, "members");
    expect(message).toContain("looks like an order-line file");
    expect(message).toContain("“Order lines”");
    expect(message).toContain("Member no.");
  });

  it("reads the same in Chinese (the refusal's key and params, translated for zh-CN)", async () => {
    const admin = await addMember(await createTenant("WrongEntityZh"), "admin");
    const up = await uploadAs(admin, MEMBERS, "wrong.csv", "customers");
    const j = await job(admin, up.body.importId as string);
    const ctx = await loadAuthContext(admin);
    const err = await saveMappingAndCheck(ctx!, {
      importId: up.body.importId, mapping: j!.mapping as ImportMapping, matchKeys: ["phone"], policy: "fill_empty", saveTemplate: false,
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    const { key, params } = err as AppError;
    expect(translator("zh-CN")(key, params)).toBe("这个文件看起来是会员文件（会员卡号、等级、积分）：请把导入类型选为“会员”。按当前类型，以下字段没有对应的列：姓名。");
  });

  it("keeps the plain required-field message when no other entity fits much better", async () => {
    const admin = await addMember(await createTenant("WrongEntityC"), "admin");
    const message = await wrongEntityMessage(admin, csv(["姓名,手机,城市", "张三,13800138000,上海"]), "members");
    expect(message).toBe("The required field “Member no.” is not matched with a column.");
  });

  it("accepts the same file uploaded as the entity it is", async () => {
    const admin = await addMember(await createTenant("WrongEntityD"), "admin");
    const up = await uploadAs(admin, MEMBERS, "members.csv", "members");
    expect(up.status).toBe(201);
    const j = await job(admin, up.body.importId as string);
    signInAs(admin);
    const res = await saveMappingAction({
      importId: up.body.importId, mapping: JSON.stringify(j!.mapping), matchKeys: ["phone"], policy: "fill_empty", saveTemplate: false,
    });
    expect(res).toMatchObject({ ok: true });
  });
});

describe("the import page", () => {
  it("says at the mapping step that a member file uploaded as customers looks like a member file, and not for the right entity", async () => {
    const admin = await addMember(await createTenant("WrongEntityPage"), "admin");
    const wrong = await uploadAs(admin, MEMBERS, "wrong.csv", "customers");
    const right = await uploadAs(admin, MEMBERS, "right.csv", "members");
    signInAs(admin);
    const notice = byTestId(await render(wrong.body.importId as string), "import-wrong-entity");
    expect(textOf(notice)).toBe("This file looks like a member file (会员卡号, 等级, 积分): choose “Members” as the entity. Start a new import with that entity");
    expect(byTestId(await render(right.body.importId as string), "import-wrong-entity")).toBeUndefined();
  });

  it("the mapping form's own check names the better entity, word for word as the server's refusal, in English and Chinese", async () => {
    const admin = await addMember(await createTenant("WrongEntityForm"), "admin");
    const wrong = await uploadAs(admin, MEMBERS, "wrong.csv", "customers");
    const right = await uploadAs(admin, MEMBERS, "right.csv", "members");
    const serverEn = await wrongEntityMessage(admin, MEMBERS, "customers");
    signInAs(admin);
    const form = byType(await render(wrong.body.importId as string), MappingForm);
    expect(formCheck(form)).toEqual([serverEn]);
    expect(formCheck(form)).toEqual(["This file looks like a member file (会员卡号, 等级, 积分): choose “Members” as the entity. As it is, no column fills: Name."]);
    // The right entity: no guess, and a missing field is said plainly.
    const rightForm = byType(await render(right.body.importId as string), MappingForm);
    expect(rightForm!.props.wrongEntity).toBeNull();
    const p = rightForm!.props as unknown as FormProps;
    const plain = mappingProblems({ fields: p.fields, groups: p.groups, text: p.text, wrongEntity: null }, {});
    expect(plain[0]).toBe("Choose a column (or a default value) for the required field “Member no.”.");
    expect(plain.at(-1)).toMatch(/^Choose a column for at least one of: .+, .+\.$/);

    await withTenant(admin, (tx) => tx.user.update({ where: { id: admin.userId }, data: { locale: "zh-CN" } }));
    signInAs(admin);
    expect(formCheck(byType(await render(wrong.body.importId as string), MappingForm))).toEqual([
      "这个文件看起来是会员文件（会员卡号、等级、积分）：请把导入类型选为“会员”。按当前类型，以下字段没有对应的列：姓名。",
    ]);
  });

  it("starting over preselects the entity the file looks like, or after a failed check the one chosen", async () => {
    const admin = await addMember(await createTenant("WrongEntityStartOver"), "admin");
    const wrong = await uploadAs(admin, MEMBERS, "wrong.csv", "customers");
    signInAs(admin);
    expect(hrefs(byTestId(await render(wrong.body.importId as string), "import-wrong-entity"))).toEqual(["/imports/new?entity=members"]);

    const failed = await uploadAs(admin, MEMBERS, "failed.csv", "members");
    const id = failed.body.importId as string;
    await withTenant(admin, (tx) => tx.importJob.update({
      where: { tenantId_id: { tenantId: admin.tenantId, id } },
      data: { status: "failed", mode: "dry_run", error: { key: "imports.error.jobFailed" }, finishedAt: new Date() },
    }));
    signInAs(admin);
    const alert = byTestId(await render(id), "import-error");
    expect(textOf(alert)).toContain("Start a new import");
    expect(hrefs(alert)).toEqual(["/imports/new?entity=members"]);

    // The upload step takes it: an entity the caller may import is preselected, anything else is not.
    const upload = async (entity: string) => byType(
      await NewImportPage({ params: Promise.resolve({}), searchParams: Promise.resolve({ entity }) }), UploadForm,
    )!.props.initial;
    signInAs(admin);
    expect(await upload("members")).toBe("members");
    expect(await upload("serviceTickets")).toBe("serviceTickets");
    expect(await upload("nonsense")).toBeUndefined();
  });

  it("links a finished import to the list of what it imported", async () => {
    const admin = await addMember(await createTenant("ImportLinks"), "admin");
    const cases = [
      ["members", "/members", "Open the member list"], ["interactions", "/interactions", "Open the interaction list"],
      ["serviceTickets", "/tickets", "Open the service-ticket list"], ["orderLines", "/orders", "Open the order list"],
      ["products", "/products", "Open the product list"], ["customers", "/customers", "Open the customer list"],
    ] as const;
    for (const [entity, href, label] of cases) {
      const up = await uploadAs(admin, MEMBERS, `${entity}.csv`, entity);
      expect(up.status, entity).toBe(201);
      const id = up.body.importId as string;
      // Only the link is looked at here: the run itself is the entity tests' business.
      await withTenant(admin, (tx) => tx.importJob.update({ where: { tenantId_id: { tenantId: admin.tenantId, id } }, data: { status: "succeeded", finishedAt: new Date() } }));
      signInAs(admin);
      const done = byTestId(await render(id), "import-done");
      const link = elements(done).find((e) => typeof e.props.href === "string");
      expect(link?.props.href, entity).toBe(href);
      expect(textOf(link), entity).toBe(label);
    }
  });
});
