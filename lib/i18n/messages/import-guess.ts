// A file uploaded for the wrong entity (lib/import/guess-entity.ts), and the link to
// what an import brought in (app/(app)/imports/[id]/page.tsx).
export const en = {
  "imports.guess.wrongEntity.customers": "This file looks like a customer file ({columnsEn}): choose “Customers” as the entity.",
  "imports.guess.wrongEntity.products": "This file looks like a product file ({columnsEn}): choose “Products” as the entity.",
  "imports.guess.wrongEntity.orders": "This file looks like an order file ({columnsEn}): choose “Orders” as the entity.",
  "imports.guess.wrongEntity.orderItems": "This file looks like an order-item file ({columnsEn}): choose “Order items” as the entity.",
  "imports.guess.wrongEntity.members": "This file looks like a member file ({columnsEn}): choose “Members” as the entity.",
  "imports.guess.wrongEntity.interactions": "This file looks like an interaction file ({columnsEn}): choose “Interactions” as the entity.",
  "imports.guess.wrongEntity.serviceTickets": "This file looks like a service-ticket file ({columnsEn}): choose “Service tickets” as the entity.",
  "imports.guess.wrongEntity.orderLines": "This file looks like an order-line file, orders with their items ({columnsEn}): choose “Order lines” as the entity.",
  "imports.guess.startOver": "Start a new import with that entity",
  "imports.detail.startOver": "Start a new import",
  "imports.guess.refused": "{guessEn} As it is, no column fills: {missingEn}.",
  "imports.detail.toMembers": "Open the member list",
  "imports.detail.toInteractions": "Open the interaction list",
  "imports.detail.toTickets": "Open the service-ticket list",
};

export const zh: Record<keyof typeof en, string> = {
  "imports.guess.wrongEntity.customers": "这个文件看起来是客户文件（{columnsZh}）：请把导入类型选为“客户”。",
  "imports.guess.wrongEntity.products": "这个文件看起来是商品文件（{columnsZh}）：请把导入类型选为“商品”。",
  "imports.guess.wrongEntity.orders": "这个文件看起来是订单文件（{columnsZh}）：请把导入类型选为“订单”。",
  "imports.guess.wrongEntity.orderItems": "这个文件看起来是订单明细文件（{columnsZh}）：请把导入类型选为“订单明细”。",
  "imports.guess.wrongEntity.members": "这个文件看起来是会员文件（{columnsZh}）：请把导入类型选为“会员”。",
  "imports.guess.wrongEntity.interactions": "这个文件看起来是互动记录文件（{columnsZh}）：请把导入类型选为“互动记录”。",
  "imports.guess.wrongEntity.serviceTickets": "这个文件看起来是服务工单文件（{columnsZh}）：请把导入类型选为“服务工单”。",
  "imports.guess.wrongEntity.orderLines": "这个文件看起来是订单及商品行文件（{columnsZh}）：请把导入类型选为“订单明细文件”。",
  "imports.guess.startOver": "用该类型重新导入",
  "imports.detail.startOver": "重新开始导入",
  "imports.guess.refused": "{guessZh}按当前类型，以下字段没有对应的列：{missingZh}。",
  "imports.detail.toMembers": "打开会员列表",
  "imports.detail.toInteractions": "打开互动记录列表",
  "imports.detail.toTickets": "打开服务工单列表",
};
