// What each import can fill: per entity, the CRM fields with their type, whether
// they are required, labels in both languages and the header names (Chinese and
// English) files use for them. The mapping step suggests from the synonyms; the row
// cleaner cleans by the type; docs/import-format.md is generated from this file.
import type { EnumDef } from "@/lib/import/clean/enum";
import type { Gender } from "@/lib/import/clean/gender";

export const IMPORT_ENTITIES = ["customers", "products", "orders", "orderItems", "members", "interactions", "serviceTickets", "orderLines"] as const;
export type ImportEntity = (typeof IMPORT_ENTITIES)[number];

export type FieldType =
  | "text" | "phone" | "email" | "date" | "datetime" | "money" | "integer"
  | "gender" | "province" | "city" | "district" | "address" | "enum" | "list";

export type Label = { en: string; zh: string };

export interface FieldDef {
  key: string;
  type: FieldType;
  label: Label;
  /** Header names that mean this field, compared case-, width-, space- and punctuation-blind. */
  synonyms: readonly string[];
  required?: boolean;
  /** An id (order no., SKU): refused in Excel's scientific notation, never split. */
  identifier?: boolean;
  maxLength?: number;
  /** integer: smallest value. */
  min?: number;
  /** money: refuse negative amounts (prices). */
  nonNegative?: boolean;
  enumDef?: EnumDef;
  /** A channel identity (CustomerIdentity): the channel, or "row" for the row's own channel field. */
  identityChannel?: string;
}

export interface EntityDef {
  key: ImportEntity;
  label: Label;
  fields: readonly FieldDef[];
  /** Groups of fields of which each row needs at least one (e.g. some way to find the customer). */
  requireOneOf?: readonly { key: "customerRef" | "price"; fields: readonly string[] }[];
  /** In-file duplicate keys by default: each inner list is one key (a composite when longer); "identity" means each channel id. */
  dedupeKeys: readonly (readonly string[])[];
}

type Extra = Omit<FieldDef, "key" | "type" | "label" | "synonyms">;

function field<const K extends string, const T extends FieldType>(
  key: K, type: T, zh: string, en: string, synonyms: readonly string[], extra: Extra = {},
): FieldDef & { key: K; type: T } {
  return { key, type, label: { en, zh }, synonyms, ...extra };
}

/** What a cleaned value is, per field type. */
export type ValueOf<T extends FieldType> =
  T extends "date" | "datetime" ? Date
    : T extends "integer" ? number
      : T extends "gender" ? Gender
        : T extends "list" ? string[]
          : string;

// ── enums ──

const opt = (value: string, zh: string, en: string, synonyms: string[]) => ({ value, label: { en, zh }, synonyms });

export const SALES_CHANNELS: EnumDef = {
  open: true,
  options: [
    opt("store", "门店", "Store", ["线下", "实体店", "线下门店", "专卖店", "直营店", "offline", "retail", "pos"]),
    opt("tmall", "天猫", "Tmall", ["淘宝", "天猫商城", "天猫旗舰店", "淘宝店", "taobao"]),
    opt("jd", "京东", "JD", ["京东商城", "京东自营", "jd.com", "jingdong"]),
    opt("wechat", "微信", "WeChat", ["小程序", "微信小程序", "公众号", "微商城", "weixin", "mini program"]),
    opt("douyin", "抖音", "Douyin", ["抖店", "抖音小店", "抖音商城", "tiktok"]),
    opt("web", "官网", "Website", ["网站", "官方商城", "网上商城", "商城", "website", "online", "web shop"]),
    opt("referral", "推荐", "Referral", ["转介绍", "老带新", "介绍", "朋友推荐"]),
    opt("other", "其他", "Other", ["其它"]),
  ],
};

export const ORDER_STATUSES: EnumDef = {
  options: [
    opt("created", "待付款", "Awaiting payment", ["等待买家付款", "未付款", "已下单", "待支付", "新建", "已创建", "created", "pending", "unpaid", "new"]),
    opt("paid", "已付款", "Paid", ["已支付", "待发货", "买家已付款", "等待卖家发货", "awaiting shipment"]),
    opt("shipped", "已发货", "Shipped", ["待收货", "卖家已发货", "等待买家确认收货", "运输中", "配送中", "in transit"]),
    opt("received", "已完成", "Completed", ["已收货", "已签收", "交易成功", "完成", "确认收货", "received", "delivered", "complete", "done"]),
    opt("refunded", "已退款", "Refunded", ["退款成功", "退货退款", "全额退款", "refund"]),
    opt("cancelled", "已取消", "Cancelled", ["交易关闭", "取消", "已关闭", "关闭", "canceled", "closed"]),
  ],
};

export const INTERACTION_CHANNELS: EnumDef = {
  options: [
    opt("sms", "短信", "SMS", ["短信息", "text message", "text"]),
    opt("email", "邮件", "E-mail", ["电子邮件", "邮箱", "e-mail", "mail"]),
    opt("wechat", "微信", "WeChat", ["企业微信", "公众号", "weixin"]),
    opt("call", "电话", "Call", ["呼叫", "外呼", "致电", "来电", "回访电话", "phone", "telephone"]),
    opt("visit", "到店", "Visit", ["拜访", "上门", "面访", "门店", "in store", "in person"]),
    opt("web", "网站", "Web", ["官网", "网页", "website", "online"]),
  ],
};

export const TICKET_KINDS: EnumDef = {
  options: [
    opt("consultation", "咨询", "Consultation", ["询问", "问询", "inquiry", "enquiry", "question"]),
    opt("complaint", "投诉", "Complaint", ["抱怨", "差评"]),
    opt("suggestion", "建议", "Suggestion", ["意见", "意见建议", "feedback"]),
    opt("praise", "表扬", "Praise", ["好评", "赞扬", "感谢", "compliment"]),
  ],
};

export const TICKET_STATUSES: EnumDef = {
  options: [
    opt("open", "处理中", "Open", ["待处理", "未处理", "未解决", "进行中", "打开", "新建", "pending", "in progress", "new"]),
    opt("closed", "已关闭", "Closed", ["已解决", "已完成", "关闭", "完成", "已处理", "resolved", "done"]),
  ],
};

export const MEMBER_STATUSES: EnumDef = {
  options: [
    opt("active", "正常", "Active", ["有效", "激活", "已激活", "启用", "正常会员", "在用", "valid", "enabled", "normal"]),
    opt("frozen", "冻结", "Frozen", ["已冻结", "暂停", "停用", "挂失", "suspended", "paused", "blocked", "locked"]),
    opt("cancelled", "注销", "Cancelled", ["已注销", "失效", "已失效", "作废", "退会", "canceled", "closed", "inactive", "expired"]),
  ],
};

export const TICKET_PRIORITIES: EnumDef = {
  options: [
    opt("low", "低", "Low", ["低优先级", "不急", "一般不急", "p4", "minor"]),
    opt("normal", "中", "Normal", ["普通", "一般", "正常", "中等", "中优先级", "p3", "medium"]),
    opt("high", "高", "High", ["高优先级", "重要", "急", "p2", "major"]),
    opt("urgent", "紧急", "Urgent", ["特急", "非常紧急", "加急", "最高", "p1", "p0", "critical", "blocker"]),
  ],
};

// ── shared field groups ──

const ID_SYNONYMS = ["客户编号", "客户ID", "客户代码", "客户号", "客户编码", "外部编号", "外部ID", "用户ID", "用户编号", "customer id", "customer no", "customer number", "customer code", "client id", "external id"];
const NAME_SYNONYMS = ["姓名", "客户姓名", "客户名称", "客户名", "名字", "会员姓名", "顾客姓名", "联系人", "name", "customer name", "full name", "contact name", "client name"];
const PHONE_SYNONYMS = [
  "手机", "手机号", "手机号码", "电话", "联系电话", "电话号码", "联系方式", "移动电话", "会员手机", "客户手机", "客户电话",
  "mobile", "mobile phone", "mobile number", "cell", "cellphone", "cell phone", "phone", "phone number", "telephone", "tel", "contact number",
];
const EMAIL_SYNONYMS = ["邮箱", "电子邮箱", "电子邮件", "邮件", "邮箱地址", "email", "e-mail", "email address", "mail"];
const PROVINCE_SYNONYMS = ["省份", "省", "所在省份", "省/直辖市", "省市", "收货省份", "province", "state"];
const CITY_SYNONYMS = ["城市", "市", "所在城市", "地级市", "收货城市", "city"];
const DISTRICT_SYNONYMS = ["区县", "区/县", "县区", "区", "县", "收货区县", "district", "county"];
const ADDRESS_SYNONYMS = ["地址", "详细地址", "联系地址", "通讯地址", "家庭住址", "住址", "收货地址", "收件地址", "收件人地址", "address", "full address", "street address", "shipping address"];
const ORDER_NO_SYNONYMS = ["订单号", "订单编号", "单号", "订单ID", "主订单编号", "订单", "外部订单号", "order no", "order number", "order id", "order"];
const SKU_SYNONYMS = ["商品编码", "商品编号", "商品代码", "SKU", "SKU编码", "货号", "商家编码", "产品编码", "产品编号", "款号", "sku code", "item code", "product code", "article no", "product id"];
const PRODUCT_NAME_SYNONYMS = ["商品名称", "商品名", "产品名称", "品名", "商品", "宝贝名称", "商品标题", "产品", "product name", "product", "item name", "item", "title"];
const ORDERED_AT_SYNONYMS = ["下单时间", "订单时间", "创建时间", "订单创建时间", "下单日期", "订单日期", "成交时间", "购买时间", "购买日期", "order time", "order date", "ordered at", "created", "created at", "purchase date"];
const PAID_AT_SYNONYMS = ["支付时间", "付款时间", "付款日期", "支付日期", "paid at", "payment time", "pay time", "paid time", "payment date"];
const SHIPPED_AT_SYNONYMS = ["发货时间", "发货日期", "shipped at", "ship time", "shipping time", "ship date"];
const RECEIVED_AT_SYNONYMS = ["收货时间", "签收时间", "确认收货时间", "完成时间", "交易完成时间", "received at", "completed at", "delivered at", "delivery date"];
const REFUNDED_AT_SYNONYMS = ["退款时间", "退款日期", "refunded at", "refund time", "refund date"];
const DISCOUNT_SYNONYMS = ["优惠金额", "优惠", "折扣金额", "折扣", "优惠券金额", "店铺优惠", "discount", "discount amount"];
const PAID_AMOUNT_SYNONYMS = ["实付金额", "支付金额", "实收金额", "付款金额", "买家实际支付金额", "实付款", "实付", "paid amount", "amount paid", "payment amount", "net amount"];
const CHANNEL_SYNONYMS = ["渠道", "销售渠道", "订单来源", "来源", "平台", "销售平台", "channel", "sales channel", "platform", "source"];
const STORE_SYNONYMS = ["门店", "门店编码", "门店编号", "店铺", "下单门店", "店铺名称", "门店名称", "store", "shop", "store code"];
const QUANTITY_SYNONYMS = ["数量", "购买数量", "商品数量", "件数", "qty", "quantity", "count", "pcs"];
const UNIT_PRICE_SYNONYMS = ["单价", "价格", "成交单价", "销售单价", "商品单价", "成交价", "price", "unit price", "sale price"];
const LINE_AMOUNT_SYNONYMS = ["小计", "金额", "商品金额", "行金额", "成交金额", "商品实付", "商品总价", "line amount", "subtotal", "amount", "line total"];

const customerRef = (extraPhone: readonly string[] = [], extraName: readonly string[] = []) => [
  field("customerExternalId", "text", "客户编号", "Customer external id", [...ID_SYNONYMS, "会员ID"], { identifier: true, maxLength: 100 }),
  field("customerName", "text", "客户姓名", "Customer name", [...NAME_SYNONYMS, ...extraName], { maxLength: 100 }),
  field("customerPhone", "phone", "客户手机", "Customer phone", [...PHONE_SYNONYMS, ...extraPhone]),
  field("customerEmail", "email", "客户邮箱", "Customer e-mail", EMAIL_SYNONYMS),
  field("buyerNick", "text", "买家账号", "Buyer account (channel id)",
    ["买家昵称", "买家会员名", "买家账号", "买家ID", "旺旺", "旺旺号", "旺旺名", "淘宝昵称", "京东账号", "用户昵称", "昵称", "openid", "buyer nick", "buyer id", "buyer account", "nick", "nickname"],
    { identifier: true, maxLength: 200, identityChannel: "row" }),
] as const;

const CUSTOMER_REF_KEYS = ["customerExternalId", "customerPhone", "customerEmail", "buyerNick"] as const;

// ── entities ──

const customers = [
  field("externalId", "text", "客户编号", "External id", [...ID_SYNONYMS, "会员ID", "编号", "ID"], { identifier: true, maxLength: 100 }),
  field("name", "text", "姓名", "Name", NAME_SYNONYMS, { required: true, maxLength: 100 }),
  field("gender", "gender", "性别", "Gender", ["性别", "gender", "sex"]),
  field("birthday", "date", "生日", "Birthday", ["生日", "出生日期", "出生年月日", "生日日期", "birthday", "birth date", "date of birth", "dob"]),
  field("phone", "phone", "手机", "Phone", PHONE_SYNONYMS),
  field("email", "email", "邮箱", "E-mail", EMAIL_SYNONYMS),
  field("province", "province", "省份", "Province", PROVINCE_SYNONYMS),
  field("city", "city", "城市", "City", CITY_SYNONYMS),
  field("district", "district", "区县", "District", DISTRICT_SYNONYMS, { maxLength: 50 }),
  field("address", "address", "地址", "Address", ADDRESS_SYNONYMS, { maxLength: 500 }),
  field("occupation", "text", "职业", "Occupation", ["职业", "工作", "行业", "occupation", "job", "profession"], { maxLength: 100 }),
  field("interests", "list", "兴趣爱好", "Interests", ["兴趣", "爱好", "兴趣爱好", "interests", "hobbies"]),
  field("sourceChannel", "enum", "来源渠道", "Source channel",
    ["来源", "渠道", "来源渠道", "客户来源", "获客渠道", "注册渠道", "source", "channel", "source channel", "lead source"], { enumDef: SALES_CHANNELS, maxLength: 50 }),
  field("homeStore", "text", "所属门店", "Home store (code or name)",
    ["所属门店", "门店", "门店编码", "门店编号", "开卡门店", "归属门店", "门店名称", "store", "home store", "store code"], { maxLength: 100 }),
  field("registeredAt", "datetime", "注册时间", "Registered at",
    ["注册时间", "注册日期", "创建时间", "建档时间", "首次到店时间", "registered at", "registration date", "created", "created at", "signup date"]),
  field("tags", "list", "标签", "Tags", ["标签", "客户标签", "tags", "labels"]),
  field("wechatOpenid", "text", "微信 OpenID", "WeChat openid", ["微信openid", "openid", "微信ID", "微信号", "wechat openid", "wechat id", "wechat"],
    { identifier: true, maxLength: 200, identityChannel: "wechat" }),
  field("tmallNick", "text", "淘宝/天猫昵称", "Taobao/Tmall nick",
    ["淘宝昵称", "天猫昵称", "旺旺", "旺旺号", "旺旺名", "买家会员名", "淘宝账号", "taobao nick", "tmall nick", "wangwang"],
    { identifier: true, maxLength: 200, identityChannel: "tmall" }),
  field("jdAccount", "text", "京东账号", "JD account", ["京东账号", "京东用户名", "京东ID", "jd account", "jd pin", "jd id"],
    { identifier: true, maxLength: 200, identityChannel: "jd" }),
] as const;

const products = [
  field("sku", "text", "商品编码", "SKU", [...SKU_SYNONYMS, "编码", "条码"], { required: true, identifier: true, maxLength: 100 }),
  field("name", "text", "商品名称", "Product name", [...PRODUCT_NAME_SYNONYMS, "名称", "name"], { required: true, maxLength: 200 }),
  field("category", "text", "品类", "Category", ["品类", "类目", "分类", "商品分类", "商品类目", "类别", "category", "product category"], { maxLength: 100 }),
  field("brand", "text", "品牌", "Brand", ["品牌", "brand"], { maxLength: 100 }),
  field("price", "money", "价格", "Price", ["价格", "单价", "售价", "零售价", "吊牌价", "标价", "price", "unit price", "retail price", "list price"], { nonNegative: true }),
] as const;

const orderCore = [
  field("orderNo", "text", "订单号", "Order no.", ORDER_NO_SYNONYMS, { required: true, identifier: true, maxLength: 100 }),
  field("orderedAt", "datetime", "下单时间", "Ordered at", ORDERED_AT_SYNONYMS, { required: true }),
  field("paidAt", "datetime", "支付时间", "Paid at", PAID_AT_SYNONYMS),
  field("shippedAt", "datetime", "发货时间", "Shipped at", SHIPPED_AT_SYNONYMS),
  field("receivedAt", "datetime", "收货时间", "Received at", RECEIVED_AT_SYNONYMS),
  field("refundedAt", "datetime", "退款时间", "Refunded at", REFUNDED_AT_SYNONYMS),
  field("status", "enum", "订单状态", "Order status", ["订单状态", "状态", "交易状态", "status", "order status"], { enumDef: ORDER_STATUSES }),
  field("channel", "enum", "渠道", "Channel", CHANNEL_SYNONYMS, { enumDef: SALES_CHANNELS, maxLength: 50 }),
  field("store", "text", "门店", "Store (code or name)", STORE_SYNONYMS, { maxLength: 100 }),
] as const;

const orders = [
  ...orderCore,
  field("reviewedAt", "datetime", "评价时间", "Reviewed at", ["评价时间", "评论时间", "reviewed at", "review time"]),
  ...customerRef(),
  field("amount", "money", "订单金额", "Order amount",
    ["订单金额", "订单总额", "总金额", "商品总额", "应付金额", "总价", "金额", "order amount", "total", "total amount", "amount", "gross amount"]),
  field("discount", "money", "优惠金额", "Discount", DISCOUNT_SYNONYMS),
  field("paidAmount", "money", "实付金额", "Paid amount", PAID_AMOUNT_SYNONYMS),
] as const;

const orderItems = [
  field("orderNo", "text", "订单号", "Order no.", ORDER_NO_SYNONYMS, { required: true, identifier: true, maxLength: 100 }),
  field("sku", "text", "商品编码", "SKU", SKU_SYNONYMS, { required: true, identifier: true, maxLength: 100 }),
  field("productName", "text", "商品名称", "Product name", [...PRODUCT_NAME_SYNONYMS, "名称"], { maxLength: 200 }),
  field("quantity", "integer", "数量", "Quantity", QUANTITY_SYNONYMS, { required: true, min: 1 }),
  field("unitPrice", "money", "单价", "Unit price", UNIT_PRICE_SYNONYMS, { nonNegative: true }),
  field("amount", "money", "小计", "Line amount", LINE_AMOUNT_SYNONYMS),
] as const;

const members = [
  field("memberNo", "text", "会员卡号", "Member no.",
    ["会员卡号", "会员号", "会员编号", "卡号", "会员卡", "会员ID", "member no", "member number", "card no", "card number", "membership number", "member id"],
    { required: true, identifier: true, maxLength: 100 }),
  ...customerRef().filter((f) => f.key !== "customerExternalId"),
  field("customerExternalId", "text", "客户编号", "Customer external id", ID_SYNONYMS, { identifier: true, maxLength: 100 }),
  field("tier", "text", "会员等级", "Tier", ["会员等级", "等级", "会员级别", "卡等级", "级别", "会员卡等级", "tier", "level", "member tier", "membership level", "grade"], { maxLength: 50 }),
  field("joinedAt", "datetime", "入会时间", "Joined at",
    ["入会时间", "入会日期", "开卡时间", "开卡日期", "注册时间", "注册日期", "加入时间", "成为会员时间", "joined at", "join date", "member since", "registered at"]),
  field("points", "integer", "积分", "Points", ["积分", "当前积分", "可用积分", "积分余额", "会员积分", "剩余积分", "points", "point balance", "points balance"], { min: 0 }),
  field("status", "enum", "会员状态", "Member status", ["会员状态", "状态", "卡状态", "status", "member status"], { enumDef: MEMBER_STATUSES }),
] as const;

const interactions = [
  field("interactionId", "text", "互动编号", "Interaction id",
    ["互动编号", "互动ID", "记录编号", "记录ID", "流水号", "interaction id", "interaction no", "record id"], { identifier: true, maxLength: 100 }),
  ...customerRef(),
  field("channel", "enum", "互动渠道", "Channel", ["渠道", "互动渠道", "方式", "互动方式", "触达渠道", "channel", "medium"], { required: true, enumDef: INTERACTION_CHANNELS }),
  field("type", "text", "互动类型", "Type", ["类型", "互动类型", "活动类型", "事件", "事件类型", "type", "interaction type", "event", "event type"], { required: true, maxLength: 50 }),
  field("occurredAt", "datetime", "互动时间", "Occurred at",
    ["互动时间", "时间", "发生时间", "日期", "联系时间", "接触时间", "occurred at", "time", "date", "timestamp"], { required: true }),
  field("pointsEarned", "integer", "获得积分", "Points earned", ["获得积分", "积分", "奖励积分", "points", "points earned"], { min: 0 }),
  field("note", "text", "备注", "Note", ["备注", "内容", "说明", "记录", "note", "notes", "remark", "remarks", "content", "comment"], { maxLength: 2000 }),
] as const;

const serviceTickets = [
  field("ticketNo", "text", "工单号", "Ticket no.",
    ["工单号", "工单编号", "工单ID", "服务单号", "单号", "ticket no", "ticket number", "ticket id", "case no", "case id"], { identifier: true, maxLength: 100 }),
  ...customerRef(),
  field("kind", "enum", "工单类型", "Kind (new tickets without one: consultation)",
    ["类型", "工单类型", "服务类型", "问题类型", "kind", "type", "ticket type"], { enumDef: TICKET_KINDS }),
  field("status", "enum", "状态", "Status", ["状态", "工单状态", "处理状态", "status"], { enumDef: TICKET_STATUSES }),
  field("priority", "enum", "优先级", "Priority", ["优先级", "紧急程度", "紧急度", "级别", "priority", "urgency", "severity"], { enumDef: TICKET_PRIORITIES }),
  field("category", "text", "分类", "Category", ["分类", "问题分类", "工单分类", "业务分类", "类别", "category"], { maxLength: 100 }),
  field("subject", "text", "主题", "Subject", ["主题", "标题", "问题", "摘要", "subject", "title", "summary"], { required: true, maxLength: 200 }),
  field("body", "text", "内容", "Description", ["内容", "描述", "详情", "问题描述", "详细描述", "body", "description", "details", "content"], { maxLength: 5000 }),
  field("openedAt", "datetime", "创建时间", "Opened at", ["创建时间", "提交时间", "受理时间", "开始时间", "日期", "opened at", "created", "created at", "date"]),
  field("closedAt", "datetime", "关闭时间", "Closed at", ["关闭时间", "解决时间", "完成时间", "结束时间", "处理完成时间", "closed at", "resolved at"]),
] as const;

const orderLines = [
  ...orderCore,
  ...customerRef(["收货人手机", "收货人电话", "收件人手机", "收件人电话", "联系手机"], ["收货人", "收货人姓名", "收件人", "收件人姓名", "买家姓名"]),
  field("province", "province", "省份", "Province", PROVINCE_SYNONYMS),
  field("city", "city", "城市", "City", CITY_SYNONYMS),
  field("district", "district", "区县", "District", DISTRICT_SYNONYMS, { maxLength: 50 }),
  field("address", "address", "收货地址", "Address", ADDRESS_SYNONYMS, { maxLength: 500 }),
  field("orderAmount", "money", "订单金额", "Order amount", ["订单金额", "订单总额", "总金额", "应付金额", "订单总价", "order amount", "order total", "total"]),
  field("discount", "money", "优惠金额", "Discount", DISCOUNT_SYNONYMS),
  field("paidAmount", "money", "实付金额", "Paid amount", PAID_AMOUNT_SYNONYMS),
  field("sku", "text", "商品编码", "SKU", SKU_SYNONYMS, { required: true, identifier: true, maxLength: 100 }),
  field("productName", "text", "商品名称", "Product name", PRODUCT_NAME_SYNONYMS, { maxLength: 200 }),
  field("category", "text", "品类", "Category", ["品类", "类目", "分类", "商品分类", "商品类目", "category"], { maxLength: 100 }),
  field("brand", "text", "品牌", "Brand", ["品牌", "brand"], { maxLength: 100 }),
  field("quantity", "integer", "数量", "Quantity", QUANTITY_SYNONYMS, { required: true, min: 1 }),
  field("unitPrice", "money", "单价", "Unit price", UNIT_PRICE_SYNONYMS, { nonNegative: true }),
  field("lineAmount", "money", "小计", "Line amount", LINE_AMOUNT_SYNONYMS),
] as const;

export const ENTITIES = {
  customers: {
    key: "customers", label: { en: "Customers", zh: "客户" }, fields: customers,
    dedupeKeys: [["externalId"], ["phone"], ["email"], ["identity"]],
  },
  products: { key: "products", label: { en: "Products", zh: "商品" }, fields: products, dedupeKeys: [["sku"]] },
  orders: {
    key: "orders", label: { en: "Orders", zh: "订单" }, fields: orders,
    requireOneOf: [{ key: "customerRef", fields: CUSTOMER_REF_KEYS }], dedupeKeys: [["orderNo"]],
  },
  orderItems: {
    key: "orderItems", label: { en: "Order items", zh: "订单明细" }, fields: orderItems,
    requireOneOf: [{ key: "price", fields: ["unitPrice", "amount"] }], dedupeKeys: [],
  },
  members: {
    key: "members", label: { en: "Members", zh: "会员" }, fields: members,
    requireOneOf: [{ key: "customerRef", fields: CUSTOMER_REF_KEYS }], dedupeKeys: [["memberNo"]],
  },
  interactions: {
    key: "interactions", label: { en: "Interactions", zh: "互动记录" }, fields: interactions,
    requireOneOf: [{ key: "customerRef", fields: CUSTOMER_REF_KEYS }], dedupeKeys: [["interactionId"]],
  },
  serviceTickets: {
    key: "serviceTickets", label: { en: "Service tickets", zh: "服务工单" }, fields: serviceTickets,
    requireOneOf: [{ key: "customerRef", fields: CUSTOMER_REF_KEYS }], dedupeKeys: [["ticketNo"]],
  },
  orderLines: {
    key: "orderLines", label: { en: "Order-line file (orders with items)", zh: "订单明细文件（订单及商品行）" }, fields: orderLines,
    requireOneOf: [{ key: "customerRef", fields: CUSTOMER_REF_KEYS }, { key: "price", fields: ["unitPrice", "lineAmount"] }],
    dedupeKeys: [],
  },
} as const satisfies Record<ImportEntity, EntityDef>;

type FieldsOf<E extends ImportEntity> = (typeof ENTITIES)[E]["fields"][number];
export type FieldKey<E extends ImportEntity> = FieldsOf<E>["key"];

/** A cleaned row of entity E: each field's value in its type, null when the cell was empty. */
export type CleanRecord<E extends ImportEntity> = { [F in FieldsOf<E> as F["key"]]?: ValueOf<F["type"]> | null };

export function isImportEntity(value: unknown): value is ImportEntity {
  return typeof value === "string" && (IMPORT_ENTITIES as readonly string[]).includes(value);
}

export function entityDef(entity: ImportEntity): EntityDef {
  return ENTITIES[entity];
}

export function fieldDef(entity: ImportEntity, key: string): FieldDef | undefined {
  return ENTITIES[entity].fields.find((f) => f.key === key);
}

export function fieldLabel(def: FieldDef, locale: "en" | "zh-CN"): string {
  return locale === "en" ? def.label.en : def.label.zh;
}
