// What the demo retailer is: 星辰手机连锁, a phone chain with stores in five regions
// and three online shops, selling phones of the big six brands plus accessories and
// care plans at real list prices (CNY). Fixed data: the seed only decides customers
// and what they do.

export const DEMO_TENANT = { name: "星辰手机连锁", slug: "demo", locale: "zh-CN" as const };

export type RegionCode = "south" | "east" | "north" | "southwest" | "central";

export type RegionDef = { code: RegionCode; name: string };

export const REGIONS: readonly RegionDef[] = [
  { code: "south", name: "华南大区" },
  { code: "east", name: "华东大区" },
  { code: "north", name: "华北大区" },
  { code: "southwest", name: "西南大区" },
  { code: "central", name: "华中大区" },
];

export type StoreDef = {
  code: string; name: string; region: RegionCode; province: string; city: string; district: string;
  openedAt: string;
  /** Relative footfall: how many of the customers call this store home. */
  weight: number;
};

// Province and city names are the short forms ("广东", "上海") used by the China map.
export const STORES: readonly StoreDef[] = [
  { code: "GZ01", name: "广州天河城店", region: "south", province: "广东", city: "广州", district: "天河区", openedAt: "2015-05-01", weight: 1.5 },
  { code: "GZ02", name: "广州北京路店", region: "south", province: "广东", city: "广州", district: "越秀区", openedAt: "2016-09-10", weight: 1.0 },
  { code: "SZ01", name: "深圳华强北店", region: "south", province: "广东", city: "深圳", district: "福田区", openedAt: "2014-03-18", weight: 1.6 },
  { code: "SZ02", name: "深圳南山科技园店", region: "south", province: "广东", city: "深圳", district: "南山区", openedAt: "2018-11-01", weight: 1.1 },
  { code: "DG01", name: "东莞东城万达店", region: "south", province: "广东", city: "东莞", district: "东城街道", openedAt: "2019-04-20", weight: 0.7 },
  { code: "FS01", name: "佛山祖庙店", region: "south", province: "广东", city: "佛山", district: "禅城区", openedAt: "2019-08-08", weight: 0.7 },
  { code: "NN01", name: "南宁朝阳广场店", region: "south", province: "广西", city: "南宁", district: "兴宁区", openedAt: "2020-06-18", weight: 0.6 },
  { code: "XM01", name: "厦门中山路店", region: "south", province: "福建", city: "厦门", district: "思明区", openedAt: "2020-10-01", weight: 0.7 },
  { code: "SH01", name: "上海南京东路店", region: "east", province: "上海", city: "上海", district: "黄浦区", openedAt: "2015-01-16", weight: 1.5 },
  { code: "SH02", name: "上海徐家汇店", region: "east", province: "上海", city: "上海", district: "徐汇区", openedAt: "2017-07-01", weight: 1.1 },
  { code: "HZ01", name: "杭州湖滨银泰店", region: "east", province: "浙江", city: "杭州", district: "上城区", openedAt: "2017-03-15", weight: 1.0 },
  { code: "NB01", name: "宁波天一广场店", region: "east", province: "浙江", city: "宁波", district: "海曙区", openedAt: "2020-05-01", weight: 0.6 },
  { code: "NJ01", name: "南京新街口店", region: "east", province: "江苏", city: "南京", district: "秦淮区", openedAt: "2016-12-12", weight: 1.0 },
  { code: "SU01", name: "苏州观前街店", region: "east", province: "江苏", city: "苏州", district: "姑苏区", openedAt: "2018-06-01", weight: 0.8 },
  { code: "BJ01", name: "北京西单店", region: "north", province: "北京", city: "北京", district: "西城区", openedAt: "2014-10-01", weight: 1.4 },
  { code: "BJ02", name: "北京中关村店", region: "north", province: "北京", city: "北京", district: "海淀区", openedAt: "2016-04-01", weight: 1.2 },
  { code: "TJ01", name: "天津滨江道店", region: "north", province: "天津", city: "天津", district: "和平区", openedAt: "2018-09-01", weight: 0.8 },
  { code: "JN01", name: "济南泉城路店", region: "north", province: "山东", city: "济南", district: "历下区", openedAt: "2019-05-01", weight: 0.7 },
  { code: "QD01", name: "青岛台东店", region: "north", province: "山东", city: "青岛", district: "市北区", openedAt: "2019-07-15", weight: 0.7 },
  { code: "SJZ01", name: "石家庄北国商城店", region: "north", province: "河北", city: "石家庄", district: "长安区", openedAt: "2021-03-01", weight: 0.5 },
  { code: "CD01", name: "成都春熙路店", region: "southwest", province: "四川", city: "成都", district: "锦江区", openedAt: "2016-01-08", weight: 1.3 },
  { code: "CD02", name: "成都天府广场店", region: "southwest", province: "四川", city: "成都", district: "青羊区", openedAt: "2019-10-01", weight: 0.9 },
  { code: "CQ01", name: "重庆解放碑店", region: "southwest", province: "重庆", city: "重庆", district: "渝中区", openedAt: "2017-05-20", weight: 1.1 },
  { code: "KM01", name: "昆明南屏街店", region: "southwest", province: "云南", city: "昆明", district: "五华区", openedAt: "2020-08-01", weight: 0.6 },
  { code: "GY01", name: "贵阳喷水池店", region: "southwest", province: "贵州", city: "贵阳", district: "云岩区", openedAt: "2021-01-10", weight: 0.5 },
  { code: "WH01", name: "武汉江汉路店", region: "central", province: "湖北", city: "武汉", district: "江汉区", openedAt: "2017-09-01", weight: 1.0 },
  { code: "CS01", name: "长沙五一广场店", region: "central", province: "湖南", city: "长沙", district: "芙蓉区", openedAt: "2018-04-28", weight: 0.9 },
  { code: "ZZ01", name: "郑州二七广场店", region: "central", province: "河南", city: "郑州", district: "二七区", openedAt: "2019-12-01", weight: 0.8 },
];

/** Other districts of each city, for customers' addresses. */
export const CITY_DISTRICTS: Record<string, readonly string[]> = {
  广州: ["天河区", "越秀区", "海珠区", "白云区", "番禺区", "黄埔区", "荔湾区"],
  深圳: ["福田区", "南山区", "罗湖区", "宝安区", "龙岗区", "龙华区"],
  东莞: ["东城街道", "南城街道", "莞城街道", "松山湖", "长安镇", "虎门镇"],
  佛山: ["禅城区", "南海区", "顺德区"],
  南宁: ["兴宁区", "青秀区", "西乡塘区", "江南区"],
  厦门: ["思明区", "湖里区", "集美区", "海沧区"],
  上海: ["黄浦区", "徐汇区", "静安区", "浦东新区", "长宁区", "闵行区", "杨浦区"],
  杭州: ["上城区", "拱墅区", "西湖区", "滨江区", "余杭区"],
  宁波: ["海曙区", "鄞州区", "江北区"],
  南京: ["秦淮区", "鼓楼区", "玄武区", "建邺区", "江宁区"],
  苏州: ["姑苏区", "工业园区", "吴中区", "虎丘区"],
  北京: ["西城区", "东城区", "海淀区", "朝阳区", "丰台区", "昌平区"],
  天津: ["和平区", "南开区", "河西区", "河东区"],
  济南: ["历下区", "市中区", "槐荫区", "历城区"],
  青岛: ["市北区", "市南区", "李沧区", "崂山区"],
  石家庄: ["长安区", "桥西区", "新华区", "裕华区"],
  成都: ["锦江区", "青羊区", "武侯区", "成华区", "金牛区", "高新区"],
  重庆: ["渝中区", "江北区", "南岸区", "沙坪坝区", "九龙坡区"],
  昆明: ["五华区", "盘龙区", "官渡区", "西山区"],
  贵阳: ["云岩区", "南明区", "观山湖区"],
  武汉: ["江汉区", "武昌区", "洪山区", "江岸区", "汉阳区"],
  长沙: ["芙蓉区", "天心区", "岳麓区", "开福区"],
  郑州: ["二七区", "金水区", "中原区", "管城回族区"],
};

export const STREETS = ["人民路", "解放路", "中山路", "建设路", "和平路", "文化路", "新华路", "胜利路", "青年路",
  "长江路", "黄河路", "花园路", "滨江路", "友谊路", "学府路", "科技路", "东风路", "光明路"] as const;
export const COMPOUNDS = ["阳光花园", "翠湖苑", "锦绣家园", "金色港湾", "御景华庭", "幸福里", "书香门第", "碧桂园",
  "万科城", "保利花园", "绿地新都会", "世纪城"] as const;

/** Sales channels: the chain's own stores and three online shops (stores rows of kind "online"). */
export type Channel = "store" | "tmall" | "jd" | "wechat";

export type OnlineShopDef = { code: string; name: string; channel: Exclude<Channel, "store"> };

export const ONLINE_SHOPS: readonly OnlineShopDef[] = [
  { code: "TMALL", name: "星辰手机天猫旗舰店", channel: "tmall" },
  { code: "JD", name: "星辰手机京东旗舰店", channel: "jd" },
  { code: "WECHAT", name: "星辰手机微信小程序商城", channel: "wechat" },
];

export const CHANNEL_NAMES: Record<Channel, string> = { store: "门店", tmall: "天猫", jd: "京东", wechat: "微信小程序" };

/** Order-number prefixes per channel. */
export const ORDER_PREFIX: Record<Channel, string> = { store: "MD", tmall: "TM", jd: "JD", wechat: "WX" };

export type Brand = "Apple" | "华为" | "小米" | "OPPO" | "vivo" | "荣耀";
export const PHONE_BRANDS: readonly Brand[] = ["Apple", "华为", "小米", "OPPO", "vivo", "荣耀"];
/** Share of customers who favour each brand. */
export const BRAND_SHARE: readonly number[] = [0.3, 0.24, 0.15, 0.11, 0.11, 0.09];

export type ProductKind = "phone" | "case" | "film" | "charger" | "cable" | "powerbank" | "earbuds" | "watch" | "care";

export type ProductDef = {
  sku: string; name: string; category: string; brand: string; price: number; kind: ProductKind;
  /** The phone brand it goes with; undefined for universal accessories. */
  fits?: Brand;
  /** Launch day of phones (they are not sold before it). */
  launched?: string;
  /** Relative popularity within its kind. */
  weight: number;
};

const phone = (sku: string, name: string, brand: Brand, price: number, launched: string, weight = 1): ProductDef =>
  ({ sku, name, category: "手机", brand, price, kind: "phone", fits: brand, launched, weight });

export const PRODUCTS: readonly ProductDef[] = [
  phone("AP-IP15-128", "iPhone 15 128GB", "Apple", 5999, "2023-09-22", 0.8),
  phone("AP-IP16-128", "iPhone 16 128GB", "Apple", 5999, "2024-09-20", 1.3),
  phone("AP-IP16P-128", "iPhone 16 Pro 128GB", "Apple", 7999, "2024-09-20", 1.0),
  phone("AP-IP16PM-256", "iPhone 16 Pro Max 256GB", "Apple", 9999, "2024-09-20", 0.9),
  phone("AP-IP16E-128", "iPhone 16e 128GB", "Apple", 4499, "2025-02-28", 0.6),
  phone("AP-IP17-256", "iPhone 17 256GB", "Apple", 5999, "2025-09-19", 1.4),
  phone("AP-IPAIR-256", "iPhone Air 256GB", "Apple", 7999, "2025-10-22", 0.5),
  phone("AP-IP17P-256", "iPhone 17 Pro 256GB", "Apple", 8999, "2025-09-19", 1.0),
  phone("AP-IP17PM-256", "iPhone 17 Pro Max 256GB", "Apple", 9999, "2025-09-19", 1.0),
  phone("HW-M60P-256", "华为 Mate 60 Pro 12+256GB", "华为", 6999, "2023-08-29", 0.8),
  phone("HW-P70-256", "华为 Pura 70 12+256GB", "华为", 5499, "2024-04-18", 0.8),
  phone("HW-NOVA13-256", "华为 nova 13 256GB", "华为", 2699, "2024-10-22", 1.0),
  phone("HW-M70-256", "华为 Mate 70 12+256GB", "华为", 5499, "2024-11-26", 1.1),
  phone("HW-M70P-256", "华为 Mate 70 Pro 12+256GB", "华为", 6499, "2024-11-26", 1.0),
  phone("HW-MX6-512", "华为 Mate X6 折叠屏 12+512GB", "华为", 12999, "2024-11-26", 0.3),
  phone("HW-NOVA14-256", "华为 nova 14 256GB", "华为", 2799, "2025-05-20", 0.9),
  phone("HW-P80P-256", "华为 Pura 80 Pro 12+256GB", "华为", 6499, "2025-06-11", 0.8),
  phone("XM-14-256", "小米 14 12+256GB", "小米", 3999, "2023-10-26", 0.6),
  phone("XM-15-256", "小米 15 12+256GB", "小米", 4499, "2024-10-29", 1.0),
  phone("XM-15P-256", "小米 15 Pro 12+256GB", "小米", 5299, "2024-10-29", 0.7),
  phone("RM-K80-256", "Redmi K80 12+256GB", "小米", 2499, "2024-11-27", 1.0),
  phone("RM-N14P-256", "Redmi Note 14 Pro 8+256GB", "小米", 1399, "2024-09-26", 1.1),
  phone("XM-17-256", "小米 17 12+256GB", "小米", 4499, "2025-09-27", 1.0),
  phone("XM-17P-256", "小米 17 Pro 12+256GB", "小米", 4999, "2025-09-27", 0.8),
  phone("OP-FX7-256", "OPPO Find X7 12+256GB", "OPPO", 3999, "2024-01-08", 0.7),
  phone("OP-RENO12-256", "OPPO Reno12 12+256GB", "OPPO", 2699, "2024-05-23", 0.8),
  phone("OP-FX8-256", "OPPO Find X8 12+256GB", "OPPO", 4199, "2024-10-24", 1.0),
  phone("OP-FX8P-256", "OPPO Find X8 Pro 12+256GB", "OPPO", 5299, "2024-10-24", 0.6),
  phone("OP-RENO13-256", "OPPO Reno13 12+256GB", "OPPO", 2699, "2024-11-25", 1.1),
  phone("OP-A5P-256", "OPPO A5 Pro 8+256GB", "OPPO", 1999, "2024-12-24", 0.9),
  phone("OP-RENO14-256", "OPPO Reno14 12+256GB", "OPPO", 2799, "2025-05-15", 1.0),
  phone("OP-FX9-256", "OPPO Find X9 12+256GB", "OPPO", 4399, "2025-10-16", 0.9),
  phone("VV-X100-256", "vivo X100 12+256GB", "vivo", 3999, "2023-11-13", 0.7),
  phone("VV-S19-256", "vivo S19 12+256GB", "vivo", 2499, "2024-05-30", 0.8),
  phone("VV-X200-256", "vivo X200 12+256GB", "vivo", 4299, "2024-10-14", 1.0),
  phone("VV-X200P-256", "vivo X200 Pro 12+256GB", "vivo", 5299, "2024-10-14", 0.6),
  phone("VV-S20-256", "vivo S20 12+256GB", "vivo", 2299, "2024-11-28", 1.1),
  phone("VV-IQ13-256", "iQOO 13 12+256GB", "vivo", 3999, "2024-10-30", 0.7),
  phone("VV-Y300-256", "vivo Y300 8+256GB", "vivo", 1399, "2024-10-25", 0.9),
  phone("VV-S30-256", "vivo S30 12+256GB", "vivo", 2499, "2025-05-29", 1.0),
  phone("VV-X300-256", "vivo X300 12+256GB", "vivo", 4399, "2025-10-13", 0.9),
  phone("HO-M6-256", "荣耀 Magic6 12+256GB", "荣耀", 4399, "2024-01-11", 0.7),
  phone("HO-200-256", "荣耀 200 12+256GB", "荣耀", 2699, "2024-05-27", 0.8),
  phone("HO-M7-256", "荣耀 Magic7 12+256GB", "荣耀", 4499, "2024-10-30", 0.9),
  phone("HO-M7P-512", "荣耀 Magic7 Pro 12+512GB", "荣耀", 5699, "2024-10-30", 0.5),
  phone("HO-300-256", "荣耀 300 12+256GB", "荣耀", 2299, "2024-12-02", 1.0),
  phone("HO-X60-256", "荣耀 X60 8+256GB", "荣耀", 1199, "2024-10-16", 1.0),
  phone("HO-400-256", "荣耀 400 12+256GB", "荣耀", 2499, "2025-05-28", 0.9),
  phone("HO-M8-256", "荣耀 Magic8 12+256GB", "荣耀", 4499, "2025-10-15", 0.8),

  { sku: "AP-CASE-MS", name: "Apple MagSafe 硅胶保护壳", category: "保护配件", brand: "Apple", price: 399, kind: "case", fits: "Apple", weight: 0.6 },
  { sku: "XC-CASE-IP", name: "星辰优选 iPhone 磁吸透明手机壳", category: "保护配件", brand: "星辰优选", price: 99, kind: "case", fits: "Apple", weight: 1.4 },
  { sku: "XC-CASE-AD", name: "星辰优选 安卓手机保护壳", category: "保护配件", brand: "星辰优选", price: 59, kind: "case", weight: 1 },
  { sku: "HW-CASE", name: "华为原装智能视窗保护套", category: "保护配件", brand: "华为", price: 199, kind: "case", fits: "华为", weight: 0.6 },
  { sku: "XC-FILM-2", name: "星辰优选 高清钢化膜（两片装）", category: "保护配件", brand: "星辰优选", price: 39, kind: "film", weight: 1.5 },
  { sku: "XC-FILM-PRIV", name: "星辰优选 防窥钢化膜", category: "保护配件", brand: "星辰优选", price: 59, kind: "film", weight: 0.7 },
  { sku: "XC-LENS", name: "星辰优选 镜头保护膜", category: "保护配件", brand: "星辰优选", price: 29, kind: "film", weight: 0.5 },
  { sku: "AP-CHG-20W", name: "Apple 20W USB-C 电源适配器", category: "充电配件", brand: "Apple", price: 149, kind: "charger", fits: "Apple", weight: 1.2 },
  { sku: "HW-CHG-66W", name: "华为 66W 超级快充充电器", category: "充电配件", brand: "华为", price: 149, kind: "charger", fits: "华为", weight: 1 },
  { sku: "XM-CHG-67W", name: "小米 67W 充电器套装", category: "充电配件", brand: "小米", price: 129, kind: "charger", fits: "小米", weight: 1 },
  { sku: "UG-CHG-65W", name: "绿联 65W 氮化镓充电器", category: "充电配件", brand: "绿联", price: 169, kind: "charger", weight: 0.9 },
  { sku: "AK-CHG-20W", name: "Anker 安克 20W 快充头", category: "充电配件", brand: "Anker", price: 79, kind: "charger", weight: 0.8 },
  { sku: "BS-CABLE-1M", name: "倍思 Type-C 快充数据线 1m", category: "充电配件", brand: "倍思", price: 39, kind: "cable", weight: 1 },
  { sku: "UG-CABLE-2M", name: "绿联 编织数据线 2m", category: "充电配件", brand: "绿联", price: 49, kind: "cable", weight: 0.7 },
  { sku: "AP-CABLE-240W", name: "Apple 240W USB-C 充电线 2m", category: "充电配件", brand: "Apple", price: 229, kind: "cable", fits: "Apple", weight: 0.4 },
  { sku: "AK-PB-10K", name: "Anker 安克 磁吸充电宝 10000mAh", category: "充电配件", brand: "Anker", price: 249, kind: "powerbank", weight: 1 },
  { sku: "XM-PB-20K", name: "小米 充电宝 20000mAh 22.5W", category: "充电配件", brand: "小米", price: 149, kind: "powerbank", weight: 1 },
  { sku: "AP-APP2", name: "AirPods Pro 2", category: "耳机音频", brand: "Apple", price: 1899, kind: "earbuds", fits: "Apple", weight: 1 },
  { sku: "AP-AP4", name: "AirPods 4", category: "耳机音频", brand: "Apple", price: 999, kind: "earbuds", fits: "Apple", weight: 1 },
  { sku: "HW-FBP4", name: "华为 FreeBuds Pro 4", category: "耳机音频", brand: "华为", price: 1299, kind: "earbuds", fits: "华为", weight: 1 },
  { sku: "RM-BUDS6", name: "Redmi Buds 6", category: "耳机音频", brand: "小米", price: 199, kind: "earbuds", fits: "小米", weight: 1 },
  { sku: "OP-ENCO-X3", name: "OPPO Enco X3", category: "耳机音频", brand: "OPPO", price: 999, kind: "earbuds", fits: "OPPO", weight: 1 },
  { sku: "VV-TWS4", name: "vivo TWS 4", category: "耳机音频", brand: "vivo", price: 499, kind: "earbuds", fits: "vivo", weight: 1 },
  { sku: "HO-EARBUDS-X7", name: "荣耀亲选 Earbuds X7", category: "耳机音频", brand: "荣耀", price: 199, kind: "earbuds", fits: "荣耀", weight: 1 },
  { sku: "AP-AW10", name: "Apple Watch Series 10 GPS 42mm", category: "智能穿戴", brand: "Apple", price: 2999, kind: "watch", fits: "Apple", weight: 1 },
  { sku: "HW-GT5", name: "华为 WATCH GT 5 46mm", category: "智能穿戴", brand: "华为", price: 1488, kind: "watch", fits: "华为", weight: 1 },
  { sku: "HW-BAND9", name: "华为手环 9", category: "智能穿戴", brand: "华为", price: 269, kind: "watch", fits: "华为", weight: 0.8 },
  { sku: "XM-BAND9", name: "小米手环 9", category: "智能穿戴", brand: "小米", price: 249, kind: "watch", fits: "小米", weight: 1.2 },
  { sku: "OP-WATCH4P", name: "OPPO Watch 4 Pro", category: "智能穿戴", brand: "OPPO", price: 2299, kind: "watch", fits: "OPPO", weight: 0.6 },
  { sku: "VV-WATCH3", name: "vivo WATCH 3", category: "智能穿戴", brand: "vivo", price: 1299, kind: "watch", fits: "vivo", weight: 0.6 },
  { sku: "HO-WATCH4", name: "荣耀手表 4", category: "智能穿戴", brand: "荣耀", price: 999, kind: "watch", fits: "荣耀", weight: 0.6 },
  { sku: "AP-ACPLUS", name: "AppleCare+ iPhone 服务计划（2年）", category: "服务", brand: "Apple", price: 1098, kind: "care", fits: "Apple", weight: 1 },
  { sku: "XC-SCREEN-1Y", name: "星辰碎屏保障（1年）", category: "服务", brand: "星辰优选", price: 199, kind: "care", weight: 1.2 },
  { sku: "XC-EXT-1Y", name: "星辰延长保修（1年）", category: "服务", brand: "星辰优选", price: 299, kind: "care", weight: 0.8 },
];

export type TierDef = { rank: number; name: string; threshold: number; benefits: string; pointsMultiplier: number };

/** Member tiers by cumulative spend (CNY, received and not refunded). */
export const TIERS: readonly TierDef[] = [
  { rank: 1, name: "普通会员", threshold: 0, benefits: "消费 1 元积 1 分；生日月双倍积分", pointsMultiplier: 1 },
  { rank: 2, name: "银卡会员", threshold: 3000, benefits: "1.2 倍积分；免费贴膜；以旧换新加价 100 元", pointsMultiplier: 1.2 },
  { rank: 3, name: "金卡会员", threshold: 10000, benefits: "1.5 倍积分；配件 95 折；专属顾问；延保 8 折", pointsMultiplier: 1.5 },
  { rank: 4, name: "钻石会员", threshold: 30000, benefits: "2 倍积分；新机优先购；免费碎屏保障；专属客服热线", pointsMultiplier: 2 },
];

export type TagDef = { name: string; color: string };

export const TAGS: readonly TagDef[] = [
  { name: "果粉", color: "#6b7280" },
  { name: "花粉", color: "#dc2626" },
  { name: "米粉", color: "#f97316" },
  { name: "学生", color: "#2563eb" },
  { name: "银发族", color: "#a16207" },
  { name: "商务人士", color: "#1f2937" },
  { name: "摄影爱好者", color: "#7c3aed" },
  { name: "手游玩家", color: "#16a34a" },
  { name: "以旧换新意向", color: "#0891b2" },
  { name: "企业采购", color: "#4338ca" },
  { name: "价格敏感", color: "#ca8a04" },
  { name: "高价值", color: "#be123c" },
];
