// China's 34 provincial-level divisions and their prefecture-level cities, as the
// standard full names the customer table stores (and the region filters and the
// province map group by). Names as in the national administrative-division codes.

export type ProvinceEntry = {
  /** The standard full name: 广东省, 北京市, 广西壮族自治区, 香港特别行政区. */
  name: string;
  /** What people write without the suffix: 广东, 北京, 广西. */
  core: string;
  /** Other short forms accepted in a province column (one-character abbreviations, ethnic-name forms). Never used to split addresses. */
  aliases: readonly string[];
  /** Romanized and English names, compared lower-case without spaces. */
  latin: readonly string[];
  municipality?: boolean;
  /**
   * Prefecture-level cities: "深圳" means 深圳市; "延边朝鲜族自治州:延边/延边州" is a full name with its short forms.
   * Also the county-level cities a province administers directly (仙桃, 济源).
   */
  cities: string;
};

export const PROVINCES: readonly ProvinceEntry[] = [
  { name: "北京市", core: "北京", aliases: ["京"], latin: ["beijing", "peking"], municipality: true, cities: "" },
  { name: "天津市", core: "天津", aliases: ["津"], latin: ["tianjin"], municipality: true, cities: "" },
  { name: "上海市", core: "上海", aliases: ["沪", "申"], latin: ["shanghai"], municipality: true, cities: "" },
  { name: "重庆市", core: "重庆", aliases: ["渝"], latin: ["chongqing"], municipality: true, cities: "" },
  { name: "河北省", core: "河北", aliases: ["冀"], latin: ["hebei"], cities: "石家庄 唐山 秦皇岛 邯郸 邢台 保定 张家口 承德 沧州 廊坊 衡水" },
  { name: "山西省", core: "山西", aliases: ["晋"], latin: ["shanxi"], cities: "太原 大同 阳泉 长治 晋城 朔州 晋中 运城 忻州 临汾 吕梁" },
  {
    name: "内蒙古自治区", core: "内蒙古", aliases: ["内蒙", "蒙"], latin: ["innermongolia", "neimenggu", "neimongol"],
    cities: "呼和浩特 包头 乌海 赤峰 通辽 鄂尔多斯 呼伦贝尔 巴彦淖尔 乌兰察布 兴安盟:兴安 锡林郭勒盟:锡林郭勒 阿拉善盟:阿拉善",
  },
  { name: "辽宁省", core: "辽宁", aliases: ["辽"], latin: ["liaoning"], cities: "沈阳 大连 鞍山 抚顺 本溪 丹东 锦州 营口 阜新 辽阳 盘锦 铁岭 朝阳 葫芦岛" },
  { name: "吉林省", core: "吉林", aliases: ["吉"], latin: ["jilin"], cities: "长春 吉林 四平 辽源 通化 白山 松原 白城 延边朝鲜族自治州:延边/延边州" },
  {
    name: "黑龙江省", core: "黑龙江", aliases: ["黑"], latin: ["heilongjiang"],
    cities: "哈尔滨 齐齐哈尔 鸡西 鹤岗 双鸭山 大庆 伊春 佳木斯 七台河 牡丹江 黑河 绥化 大兴安岭地区:大兴安岭",
  },
  { name: "江苏省", core: "江苏", aliases: ["苏"], latin: ["jiangsu"], cities: "南京 无锡 徐州 常州 苏州 南通 连云港 淮安 盐城 扬州 镇江 泰州 宿迁" },
  { name: "浙江省", core: "浙江", aliases: ["浙"], latin: ["zhejiang"], cities: "杭州 宁波 温州 嘉兴 湖州 绍兴 金华 衢州 舟山 台州 丽水" },
  { name: "安徽省", core: "安徽", aliases: ["皖"], latin: ["anhui"], cities: "合肥 芜湖 蚌埠 淮南 马鞍山 淮北 铜陵 安庆 黄山 滁州 阜阳 宿州 六安 亳州 池州 宣城" },
  { name: "福建省", core: "福建", aliases: ["闽"], latin: ["fujian"], cities: "福州 厦门 莆田 三明 泉州 漳州 南平 龙岩 宁德" },
  { name: "江西省", core: "江西", aliases: ["赣"], latin: ["jiangxi"], cities: "南昌 景德镇 萍乡 九江 新余 鹰潭 赣州 吉安 宜春 抚州 上饶" },
  { name: "山东省", core: "山东", aliases: ["鲁"], latin: ["shandong"], cities: "济南 青岛 淄博 枣庄 东营 烟台 潍坊 济宁 泰安 威海 日照 临沂 德州 聊城 滨州 菏泽" },
  {
    name: "河南省", core: "河南", aliases: ["豫"], latin: ["henan"],
    cities: "郑州 开封 洛阳 平顶山 安阳 鹤壁 新乡 焦作 濮阳 许昌 漯河 三门峡 南阳 商丘 信阳 周口 驻马店 济源",
  },
  {
    name: "湖北省", core: "湖北", aliases: ["鄂"], latin: ["hubei"],
    cities: "武汉 黄石 十堰 宜昌 襄阳 鄂州 荆门 孝感 荆州 黄冈 咸宁 随州 恩施土家族苗族自治州:恩施/恩施州 仙桃 潜江 天门 神农架林区:神农架",
  },
  {
    name: "湖南省", core: "湖南", aliases: ["湘"], latin: ["hunan"],
    cities: "长沙 株洲 湘潭 衡阳 邵阳 岳阳 常德 张家界 益阳 郴州 永州 怀化 娄底 湘西土家族苗族自治州:湘西/湘西州",
  },
  {
    name: "广东省", core: "广东", aliases: ["粤"], latin: ["guangdong", "canton"],
    cities: "广州 韶关 深圳 珠海 汕头 佛山 江门 湛江 茂名 肇庆 惠州 梅州 汕尾 河源 阳江 清远 东莞 中山 潮州 揭阳 云浮",
  },
  {
    name: "广西壮族自治区", core: "广西", aliases: ["广西壮族", "桂"], latin: ["guangxi"],
    cities: "南宁 柳州 桂林 梧州 北海 防城港 钦州 贵港 玉林 百色 贺州 河池 来宾 崇左",
  },
  { name: "海南省", core: "海南", aliases: ["琼"], latin: ["hainan"], cities: "海口 三亚 三沙 儋州" },
  {
    name: "四川省", core: "四川", aliases: ["川", "蜀"], latin: ["sichuan"],
    cities: "成都 自贡 攀枝花 泸州 德阳 绵阳 广元 遂宁 内江 乐山 南充 眉山 宜宾 广安 达州 雅安 巴中 资阳 "
      + "阿坝藏族羌族自治州:阿坝/阿坝州 甘孜藏族自治州:甘孜/甘孜州 凉山彝族自治州:凉山/凉山州",
  },
  {
    name: "贵州省", core: "贵州", aliases: ["黔", "贵"], latin: ["guizhou"],
    cities: "贵阳 六盘水 遵义 安顺 毕节 铜仁 黔西南布依族苗族自治州:黔西南/黔西南州 黔东南苗族侗族自治州:黔东南/黔东南州 黔南布依族苗族自治州:黔南/黔南州",
  },
  {
    name: "云南省", core: "云南", aliases: ["滇", "云"], latin: ["yunnan"],
    cities: "昆明 曲靖 玉溪 保山 昭通 丽江 普洱 临沧 楚雄彝族自治州:楚雄/楚雄州 红河哈尼族彝族自治州:红河/红河州 "
      + "文山壮族苗族自治州:文山/文山州 西双版纳傣族自治州:西双版纳/版纳 大理白族自治州:大理/大理州 "
      + "德宏傣族景颇族自治州:德宏/德宏州 怒江傈僳族自治州:怒江/怒江州 迪庆藏族自治州:迪庆/迪庆州",
  },
  { name: "西藏自治区", core: "西藏", aliases: ["藏"], latin: ["xizang", "tibet"], cities: "拉萨 日喀则 昌都 林芝 山南 那曲 阿里地区:阿里" },
  { name: "陕西省", core: "陕西", aliases: ["陕", "秦"], latin: ["shaanxi"], cities: "西安 铜川 宝鸡 咸阳 渭南 延安 汉中 榆林 安康 商洛" },
  {
    name: "甘肃省", core: "甘肃", aliases: ["甘", "陇"], latin: ["gansu"],
    cities: "兰州 嘉峪关 金昌 白银 天水 武威 张掖 平凉 酒泉 庆阳 定西 陇南 临夏回族自治州:临夏/临夏州 甘南藏族自治州:甘南/甘南州",
  },
  {
    name: "青海省", core: "青海", aliases: ["青"], latin: ["qinghai"],
    cities: "西宁 海东 海北藏族自治州:海北/海北州 黄南藏族自治州:黄南/黄南州 海南藏族自治州:海南州 果洛藏族自治州:果洛/果洛州 "
      + "玉树藏族自治州:玉树/玉树州 海西蒙古族藏族自治州:海西/海西州",
  },
  { name: "宁夏回族自治区", core: "宁夏", aliases: ["宁夏回族", "宁"], latin: ["ningxia"], cities: "银川 石嘴山 吴忠 固原 中卫" },
  {
    name: "新疆维吾尔自治区", core: "新疆", aliases: ["新疆维吾尔", "新"], latin: ["xinjiang"],
    cities: "乌鲁木齐 克拉玛依 吐鲁番 哈密 昌吉回族自治州:昌吉/昌吉州 博尔塔拉蒙古自治州:博尔塔拉/博州 巴音郭楞蒙古自治州:巴音郭楞/巴州 "
      + "阿克苏地区:阿克苏 克孜勒苏柯尔克孜自治州:克孜勒苏/克州 喀什地区:喀什 和田地区:和田 伊犁哈萨克自治州:伊犁/伊犁州 "
      + "塔城地区:塔城 阿勒泰地区:阿勒泰 石河子 阿拉尔 图木舒克 五家渠",
  },
  { name: "台湾省", core: "台湾", aliases: ["台", "臺灣", "台湾地区", "中国台湾"], latin: ["taiwan"], cities: "" },
  { name: "香港特别行政区", core: "香港", aliases: ["港", "香港特区", "中国香港"], latin: ["hongkong", "hk", "hksar"], cities: "" },
  { name: "澳门特别行政区", core: "澳门", aliases: ["澳", "澳門", "澳门特区", "中国澳门"], latin: ["macau", "macao", "mo"], cities: "" },
];

export type CityEntry = { name: string; province: string; short: readonly string[] };

/** Every listed city with the province it belongs to. */
export const CITIES: readonly CityEntry[] = PROVINCES.flatMap((p) =>
  p.cities.split(/\s+/).filter(Boolean).map((spec) => {
    const [full, shorts] = spec.split(":");
    // "深圳" → 深圳市 (short form 深圳); "延边朝鲜族自治州:延边/延边州" → as written.
    return shorts === undefined
      ? { name: `${full}市`, province: p.name, short: [full] }
      : { name: full, province: p.name, short: shorts.split("/") };
  }),
);
