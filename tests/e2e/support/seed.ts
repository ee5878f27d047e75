// Data for e2e scenarios, written straight into the e2e database through the
// app's own tenant-bound code (the same factories the integration tests use).
import { e2eServerEnv } from "./e2e-env";

Object.assign(process.env, e2eServerEnv());

export async function seedCustomerScenario() {
  const { createTenant, addMember, TEST_PASSWORD } = await import("@/tests/factories/tenants");
  const { createCustomer } = await import("@/tests/factories/customers");
  const tenant = await createTenant("E2E Customers");
  const sales = await addMember(tenant, "sales_staff");
  const admin = await addMember(tenant, "admin");
  const other = await addMember(tenant, "sales_staff");
  const zhang = await createCustomer(tenant, { name: "张三", phone: "+8613800138000", email: "zhang@example.com", city: "深圳市", province: "广东省", ownerUserId: sales.userId });
  await createCustomer(tenant, { name: "李四", phone: "+8613900139000", city: "深圳市", province: "广东省", ownerUserId: other.userId });
  await createCustomer(tenant, { name: "王五", phone: "+8613700137000", city: "广州市", province: "广东省", ownerUserId: sales.userId });
  for (let i = 0; i < 12; i++) await createCustomer(tenant, { name: `深圳客户${i}`, city: "深圳市", province: "广东省", ownerUserId: other.userId });
  return { tenant, sales, admin, password: TEST_PASSWORD, zhangId: zhang.id };
}
