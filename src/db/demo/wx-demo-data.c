#define G_LOG_DOMAIN "wx-db-demo"

/* The demo's data: the paths an order takes, the steps, the staff, the
 * words names and addresses are made of, the machines, their faults and
 * parts, and the wording of the forms. */

#define WX_DEMO_DEFINING_TABLES
#include "wx-demo.h"

const DemoPathSpec demo_paths[] = {
  { "carry_in", WX_ORDER_KIND_CARRY_IN, 44, 6,
    "-received-> received -dispatch_inspection-> inspecting -inspect-> inspected"
    " -quote-> quoted -agree-> agreed -dispatch_repair-> repairing -repair_done-> repaired"
    " -notify-> notified -pickup-> picked_up"
    " -enter-> entered -review-> entered -reconcile-> reconciled -invoice-> archived" },
  { "carry_in_delivered", WX_ORDER_KIND_CARRY_IN, 8, 2,
    "-received-> received -dispatch_inspection-> inspecting -inspect-> inspected"
    " -quote-> quoted -agree-> agreed -dispatch_repair-> repairing -repair_done-> repaired"
    " -notify-> notified -dispatch_delivery-> delivering -deliver-> picked_up"
    " -enter-> entered -review-> entered -reconcile-> reconciled -invoice-> archived" },
  { "warranty", WX_ORDER_KIND_CARRY_IN, 0, 80,
    "-received-> received -dispatch_inspection-> inspecting -inspect-> inspected"
    " -dispatch_repair-> repairing -repair_done-> repaired"
    " -notify-> notified -pickup-> picked_up"
    " -enter-> entered -review-> entered -reconcile-> reconciled -invoice-> archived" },
  { "declined", WX_ORDER_KIND_CARRY_IN, 14, 2,
    "-received-> received -dispatch_inspection-> inspecting -inspect-> inspected"
    " -quote-> quoted -decline-> declined -pickup-> picked_up"
    " -enter-> entered -review-> entered -reconcile-> reconciled -invoice-> archived" },
  { "waiting_parts", WX_ORDER_KIND_CARRY_IN, 16, 4,
    "-received-> received -dispatch_inspection-> inspecting -inspect-> inspected"
    " -quote-> quoted -agree-> agreed -order_parts-> waiting_parts -parts_arrived-> agreed"
    " -dispatch_repair-> repairing -repair_done-> repaired"
    " -notify-> notified -pickup-> picked_up"
    " -enter-> entered -review-> entered -reconcile-> reconciled -invoice-> archived" },
  { "outsourced", WX_ORDER_KIND_CARRY_IN, 6, 1,
    "-received-> received -dispatch_inspection-> inspecting -inspect-> inspected"
    " -quote-> quoted -agree-> agreed -dispatch_repair-> repairing"
    " -outsource-> outsourced -outsource_return-> repaired"
    " -notify-> notified -pickup-> picked_up"
    " -enter-> entered -review-> entered -reconcile-> reconciled -invoice-> archived" },
  { "cancelled", WX_ORDER_KIND_CARRY_IN, 4, 3,
    "-received-> received -cancel-> cancelled" },
  { "on_site_fixed", WX_ORDER_KIND_ON_SITE, 55, 60,
    "-call_logged-> call_logged -dispatch_onsite-> onsite_dispatched"
    " -book_visit-> appointment_booked -arrive-> on_site"
    " -fix_on_site-> fixed_on_site -accept-> picked_up"
    " -enter-> entered -review-> entered -reconcile-> reconciled -invoice-> archived" },
  { "on_site_taken_back", WX_ORDER_KIND_ON_SITE, 18, 15,
    "-call_logged-> call_logged -dispatch_onsite-> onsite_dispatched"
    " -book_visit-> appointment_booked -arrive-> on_site"
    " -take_back-> received -dispatch_inspection-> inspecting -inspect-> inspected"
    " -quote-> quoted -agree-> agreed -dispatch_repair-> repairing -repair_done-> repaired"
    " -notify-> notified -dispatch_delivery-> delivering -deliver-> picked_up"
    " -enter-> entered -review-> entered -reconcile-> reconciled -invoice-> archived" },
  { "on_site_parts", WX_ORDER_KIND_ON_SITE, 18, 12,
    "-call_logged-> call_logged -dispatch_onsite-> onsite_dispatched"
    " -book_visit-> appointment_booked -arrive-> on_site -inspect-> inspected"
    " -quote-> quoted -agree-> agreed -order_parts-> waiting_parts -parts_arrived-> agreed"
    " -dispatch_onsite-> onsite_dispatched -book_visit-> appointment_booked -arrive-> on_site"
    " -fix_on_site-> fixed_on_site -accept-> picked_up"
    " -enter-> entered -review-> entered -reconcile-> reconciled -invoice-> archived" },
  { "on_site_cancelled", WX_ORDER_KIND_ON_SITE, 7, 5,
    "-call_logged-> call_logged -cancel-> cancelled" },
  { "sale", WX_ORDER_KIND_SALE, 70, 70,
    "-received-> received -quote-> quoted -agree-> agreed -pickup-> picked_up"
    " -enter-> entered -review-> entered -reconcile-> reconciled -invoice-> archived" },
  { "sale_delivered", WX_ORDER_KIND_SALE, 30, 30,
    "-received-> received -quote-> quoted -agree-> agreed"
    " -dispatch_delivery-> delivering -deliver-> picked_up"
    " -enter-> entered -review-> entered -reconcile-> reconciled -invoice-> archived" },
};

const DemoEventSpec demo_events[N_EVENTS] = {
  [EV_RECEIVED]            = { "received",            ACTOR_COORDINATOR,   0,    0,    0,     0 },
  [EV_CALL_LOGGED]         = { "call_logged",         ACTOR_COORDINATOR,   0,    0,    0,     0 },
  [EV_DISPATCH_INSPECTION] = { "dispatch_inspection", ACTOR_COORDINATOR,   3,   55,  190,   480 },
  [EV_INSPECT]             = { "inspect",             ACTOR_ENGINEER,     20,  180,  250,  1200 },
  [EV_QUOTE]               = { "quote",               ACTOR_COORDINATOR,   3,   28,   35,   300 },
  [EV_AGREE]               = { "agree",               ACTOR_COORDINATOR,  15,  900, 1100,  3500 },
  [EV_DECLINE]             = { "decline",             ACTOR_COORDINATOR,  15,  900, 1100,  3500 },
  [EV_ORDER_PARTS]         = { "order_parts",         ACTOR_ENGINEER,     10,  120,  150,   540 },
  [EV_PARTS_ARRIVED]       = { "parts_arrived",       ACTOR_COORDINATOR, 540, 2160, 2700,  5400 },
  [EV_DISPATCH_REPAIR]     = { "dispatch_repair",     ACTOR_COORDINATOR,   5,   60,  120,   600 },
  [EV_REPAIR_DONE]         = { "repair_done",         ACTOR_ENGINEER,     30,  400,  500,  2000 },
  [EV_OUTSOURCE]           = { "outsource",           ACTOR_ENGINEER,     30,  300,  300,   900 },
  [EV_OUTSOURCE_RETURN]    = { "outsource_return",    ACTOR_ENGINEER,    900, 2700, 2700,  5400 },
  [EV_NOTIFY]              = { "notify",              ACTOR_COORDINATOR,   5,  240,  560,  1200 },
  [EV_PICKUP]              = { "pickup",              ACTOR_COORDINATOR,  30, 1620, 1620,  5400 },
  [EV_DISPATCH_DELIVERY]   = { "dispatch_delivery",   ACTOR_COORDINATOR,  30,  540,  540,  1080 },
  [EV_DELIVER]             = { "deliver",             ACTOR_ENGINEER,     40,  240,  240,   600 },
  [EV_DISPATCH_ONSITE]     = { "dispatch_onsite",     ACTOR_COORDINATOR,   3,   55,  190,   400 },
  [EV_BOOK_VISIT]          = { "book_visit",          ACTOR_ENGINEER,      1,    9,   11,    90 },
  [EV_ARRIVE]              = { "arrive",              ACTOR_ENGINEER,     20,  170,  250,   900 },
  [EV_FIX_ON_SITE]         = { "fix_on_site",         ACTOR_ENGINEER,     20,  150,  150,   400 },
  [EV_TAKE_BACK]           = { "take_back",           ACTOR_ENGINEER,     15,   90,   90,   200 },
  [EV_ACCEPT]              = { "accept",              ACTOR_ENGINEER,      2,   30,   30,   120 },
  [EV_ENTER]               = { "enter",               ACTOR_COORDINATOR,   5,  300,  560,  1200 },
  [EV_REVIEW]              = { "review",              ACTOR_SUPERVISOR,   30,  540,  600,  1620 },
  [EV_RECONCILE]           = { "reconcile",           ACTOR_COORDINATOR, 540, 4860, 5400, 10800 },
  [EV_INVOICE]             = { "invoice",             ACTOR_COORDINATOR, 540, 4860, 5400, 10800 },
  [EV_CANCEL]              = { "cancel",              ACTOR_COORDINATOR,  10,  600,  600,  2700 },
};

const guint demo_kind_weights[] = {
  [WX_ORDER_KIND_CARRY_IN] = 65,
  [WX_ORDER_KIND_ON_SITE]  = 25,
  [WX_ORDER_KIND_SALE]     = 10,
};

const DemoStaff demo_staff[] = {
  { "zhang_wei",  "张伟", WX_ROLE_COORDINATOR, "13802211456" },
  { "chen_jing",  "陈静", WX_ROLE_COORDINATOR, "13926087731" },
  { "li_qiang",   "李强", WX_ROLE_ENGINEER,    "13560142289" },
  { "wang_lei",   "王磊", WX_ROLE_ENGINEER,    "18620315547" },
  { "liu_yang",   "刘洋", WX_ROLE_ENGINEER,    "15989012263" },
  { "huang_jun",  "黄俊", WX_ROLE_ENGINEER,    "13631458870" },
  { "zhou_min",   "周敏", WX_ROLE_SUPERVISOR,  "13719265508" },
};

const DemoWord demo_surnames[] = {
  { "王", "wang" }, { "李", "li" }, { "张", "zhang" }, { "刘", "liu" }, { "陈", "chen" },
  { "杨", "yang" }, { "黄", "huang" }, { "赵", "zhao" }, { "吴", "wu" }, { "周", "zhou" },
  { "徐", "xu" }, { "孙", "sun" }, { "马", "ma" }, { "朱", "zhu" }, { "胡", "hu" },
  { "郭", "guo" }, { "何", "he" }, { "林", "lin" }, { "罗", "luo" }, { "郑", "zheng" },
  { "梁", "liang" }, { "谢", "xie" }, { "宋", "song" }, { "唐", "tang" }, { "邓", "deng" },
  { "冯", "feng" }, { "曾", "zeng" }, { "彭", "peng" }, { "苏", "su" }, { "卢", "lu" },
  { "蔡", "cai" }, { "叶", "ye" }, { "潘", "pan" }, { "钟", "zhong" }, { "欧阳", "ouyang" },
  { "麦", "mai" }, { "关", "guan" }, { "谭", "tan" }, { "廖", "liao" }, { "邱", "qiu" },
  { "江", "jiang" }, { "袁", "yuan" }, { "温", "wen" }, { "莫", "mo" }, { "区", "ou" },
};

const DemoWord demo_given_names[] = {
  { "伟", "wei" }, { "芳", "fang" }, { "娜", "na" }, { "敏", "min" }, { "静", "jing" },
  { "丽", "li" }, { "强", "qiang" }, { "磊", "lei" }, { "军", "jun" }, { "洋", "yang" },
  { "勇", "yong" }, { "艳", "yan" }, { "杰", "jie" }, { "娟", "juan" }, { "涛", "tao" },
  { "明", "ming" }, { "超", "chao" }, { "霞", "xia" }, { "平", "ping" }, { "刚", "gang" },
  { "建华", "jianhua" }, { "志强", "zhiqiang" }, { "晓东", "xiaodong" }, { "丽华", "lihua" },
  { "海燕", "haiyan" }, { "俊杰", "junjie" }, { "嘉欣", "jiaxin" }, { "雨婷", "yuting" },
  { "浩然", "haoran" }, { "文博", "wenbo" }, { "思颖", "siying" }, { "伟明", "weiming" },
  { "国强", "guoqiang" }, { "淑芬", "shufen" }, { "少华", "shaohua" }, { "美玲", "meiling" },
  { "家豪", "jiahao" }, { "志明", "zhiming" }, { "永康", "yongkang" }, { "婉婷", "wanting" },
  { "宇航", "yuhang" }, { "子健", "zijian" }, { "晓燕", "xiaoyan" }, { "锦荣", "jinrong" },
  { "振华", "zhenhua" }, { "慧敏", "huimin" }, { "佩珊", "peishan" }, { "国华", "guohua" },
};

const char * const demo_mobile_prefixes[] = {
  "133", "135", "136", "137", "138", "139", "150", "151", "152", "155", "158", "159",
  "176", "177", "180", "181", "186", "187", "188", "189", "199",
};

const DemoDistrict demo_districts[] = {
  { "天河区", { "体育西路", "天河路", "天河北路", "黄埔大道西", "中山大道西", "林和西路" } },
  { "越秀区", { "环市东路", "东风中路", "北京路", "解放北路", "中山五路", "越秀南路" } },
  { "海珠区", { "江南大道中", "新港西路", "工业大道中", "昌岗中路", "宝岗大道" } },
  { "荔湾区", { "中山八路", "芳村大道中", "龙津西路", "康王南路" } },
  { "白云区", { "机场路", "白云大道北", "广园中路", "同和路" } },
  { "黄埔区", { "科学大道", "开创大道", "黄埔东路", "开发大道" } },
  { "番禺区", { "清河东路", "迎宾路", "兴业大道", "市广路" } },
  { "花都区", { "公益路", "迎宾大道", "新华路" } },
  { "南沙区", { "进港大道", "海滨路", "环市大道" } },
  { "从化区", { "河滨北路", "街口大道" } },
  { "增城区", { "府佑路", "增城大道", "荔城大道" } },
};

const char * const demo_buildings[] = {
  "中信广场", "维多利广场 B 座", "富力盈凯广场", "时代地产中心", "科技园 3 栋", "创意园 A 区",
  "商务中心", "综合楼", "发展大厦", "国际金融中心",
};

const DemoWord demo_trade_names[] = {
  { "宏达", "hongda" }, { "金穗", "jinsui" }, { "粤华", "yuehua" }, { "恒信", "hengxin" },
  { "誉峰", "yufeng" }, { "天海", "tianhai" }, { "新世纪", "xinshiji" }, { "丰泰", "fengtai" },
  { "立信", "lixin" }, { "嘉禾", "jiahe" }, { "瑞丰", "ruifeng" }, { "汇鑫", "huixin" },
  { "中誉", "zhongyu" }, { "广信", "guangxin" }, { "东方", "dongfang" }, { "德润", "derun" },
  { "鸿运", "hongyun" }, { "长盛", "changsheng" }, { "华星", "huaxing" }, { "安达", "anda" },
  { "明辉", "minghui" }, { "永利", "yongli" }, { "盈科", "yingke" }, { "凯达", "kaida" },
  { "信诚", "xincheng" }, { "骏业", "junye" }, { "穗丰", "suifeng" }, { "粤海", "yuehai" },
  { "东信", "dongxin" }, { "万和", "wanhe" }, { "宝华", "baohua" }, { "富盈", "fuying" },
  { "合盛", "hesheng" }, { "金利", "jinli" }, { "思远", "siyuan" }, { "致远", "zhiyuan" },
  { "卓越", "zhuoyue" }, { "海达", "haida" }, { "华粤", "huayue" }, { "中联", "zhonglian" },
  { "锦程", "jincheng" }, { "通达", "tongda" }, { "联创", "lianchuang" }, { "启航", "qihang" },
  { "顺昌", "shunchang" }, { "博雅", "boya" },
};

const char * const demo_company_kinds[] = {
  "贸易有限公司", "电子科技有限公司", "信息技术有限公司", "物流有限公司", "建筑工程有限公司",
  "装饰设计工程有限公司", "会计师事务所有限公司", "广告有限公司", "房地产开发有限公司",
  "医药有限公司", "进出口有限公司", "餐饮管理有限公司", "服装有限公司", "物业管理有限公司",
  "文化传播有限公司", "投资咨询有限公司", "印刷有限公司", "汽车服务有限公司",
};

const DemoWord demo_institution_names[] = {
  { "岭南", "lingnan" }, { "南粤", "nanyue" }, { "羊城", "yangcheng" }, { "珠江", "zhujiang" },
  { "华南", "huanan" }, { "南方", "nanfang" }, { "白云", "baiyun" }, { "花城", "huacheng" },
  { "五羊", "wuyang" }, { "穗华", "suihua" }, { "东山", "dongshan" }, { "荔湾", "liwan" },
};

const char * const demo_institution_kinds[] = {
  "大学", "理工学院", "职业技术学院", "外国语学校", "医院", "口腔医院", "中西医结合医院", "大酒店",
};

const char * const demo_district_units[] = {
  "人民医院", "中医医院", "妇幼保健院", "税务局", "教育局", "市场监督管理局", "图书馆",
  "第一中学", "第二中学", "实验小学", "人民法院", "疾病预防控制中心", "政务服务中心",
};

const char * const demo_departments[] = {
  "行政部", "财务部", "信息中心", "人事部", "销售部", "办公室", "档案室", "教务处",
  "门诊部 2 楼", "住院部 5 楼护士站", "前台", "设计部", "仓库", "总经理办公室", "网络机房",
};

const char * const demo_asset_patterns[] = {
  "GZ-IT-#####", "GDZC-######", "ZC-####-###", "IT#######",
};

const DemoCategorySpec demo_categories[N_CATEGORIES] = {
  [CAT_PC]        = { "pc",             20, 6, 4, TRUE,  { "电源线", "键盘", "鼠标", "显示器信号线" } },
  [CAT_LAPTOP]    = { "laptop",         22, 9, 1, TRUE,  { "电源适配器", "电脑包", "鼠标", "U 盘" } },
  [CAT_SERVER]    = { "server",          5, 1, 8, TRUE,  { "电源线", "导轨", "硬盘托架", "管理口网线" } },
  [CAT_LASER]     = { "laser_printer",  28, 8, 4, FALSE, { "硒鼓", "电源线", "USB 数据线", "纸盒" } },
  [CAT_INKJET]    = { "inkjet_printer",  8, 8, 2, FALSE, { "电源线", "USB 数据线", "墨水", "出纸托盘" } },
  [CAT_PLOTTER]   = { "plotter",         5, 1, 8, FALSE, { "电源线", "墨盒", "卷纸轴", "USB 数据线" } },
  [CAT_PROJECTOR] = { "projector",       7, 7, 3, FALSE, { "遥控器", "电源线", "VGA 线", "便携包" } },
  [CAT_NETWORK]   = { "network",         5, 2, 8, FALSE, { "电源适配器", "Console 线", "上架挂耳", "网线" } },
};

const DemoModel demo_models[] = {
  { CAT_LASER,     "激光打印机",       "HP",      "LaserJet Pro M404dn",      "CN@#@#####",       10 },
  { CAT_LASER,     "激光多功能一体机", "HP",      "LaserJet Pro MFP M227fdw", "CN@#@#####",        6 },
  { CAT_LASER,     "激光打印机",       "Canon",   "LBP2900",                  "@@@######",         8 },
  { CAT_LASER,     "激光多功能一体机", "Canon",   "imageCLASS MF643Cdw",      "@@@######",         3 },
  { CAT_LASER,     "激光打印机",       "Brother", "HL-2260D",                 "E7####@#N######",   6 },
  { CAT_LASER,     "激光打印机",       "Lenovo",  "LJ2405D",                  "PF******",          3 },
  { CAT_INKJET,    "喷墨打印机",       "Epson",   "L3158",                    "X@@@######",        8 },
  { CAT_INKJET,    "喷墨打印机",       "Canon",   "PIXMA G3800",              "@@@######",         4 },
  { CAT_INKJET,    "喷墨打印机",       "HP",      "Smart Tank 519",           "CN@#@#####",        3 },
  { CAT_PLOTTER,   "绘图仪",           "HP",      "DesignJet T650",           "CN@#@#####",        5 },
  { CAT_PLOTTER,   "绘图仪",           "Canon",   "imagePROGRAF TM-5300",     "@@@######",         2 },
  { CAT_PLOTTER,   "绘图仪",           "Epson",   "SureColor T5480",          "X@@@######",        2 },
  { CAT_LAPTOP,    "笔记本电脑",       "Lenovo",  "ThinkPad T14",             "PF******",          8 },
  { CAT_LAPTOP,    "笔记本电脑",       "Lenovo",  "ThinkPad E14",             "PF******",          5 },
  { CAT_LAPTOP,    "笔记本电脑",       "Dell",    "Latitude 5420",            "*******",           6 },
  { CAT_LAPTOP,    "笔记本电脑",       "HP",      "EliteBook 840 G8",         "5CG####@@@",        6 },
  { CAT_LAPTOP,    "笔记本电脑",       "Huawei",  "MateBook 14",              "@@@@##########",    3 },
  { CAT_PC,        "台式电脑",         "Lenovo",  "ThinkCentre M720t",        "PC******",          7 },
  { CAT_PC,        "台式电脑",         "Lenovo",  "启天 M430",                "PC******",          5 },
  { CAT_PC,        "台式电脑",         "Dell",    "OptiPlex 7090",            "*******",           6 },
  { CAT_PC,        "台式电脑",         "HP",      "ProDesk 400 G7",           "CZC####@@@",        5 },
  { CAT_SERVER,    "服务器",           "Dell",    "PowerEdge R740",           "*******",           5 },
  { CAT_SERVER,    "服务器",           "Lenovo",  "ThinkSystem SR650",        "J30*****",          4 },
  { CAT_SERVER,    "服务器",           "HPE",     "ProLiant DL380 Gen10",     "CZJ####@@@",        3 },
  { CAT_SERVER,    "服务器",           "Inspur",  "NF5280M5",                 "###########",       2 },
  { CAT_PROJECTOR, "投影仪",           "Epson",   "CB-X49",                   "X4@@#######",       7 },
  { CAT_PROJECTOR, "投影仪",           "BenQ",    "MX560",                    "PD@@#######",       3 },
  { CAT_PROJECTOR, "投影仪",           "Sony",    "VPL-EX570",                "#######",           2 },
  { CAT_NETWORK,   "交换机",           "H3C",     "S5130-28S-EI",             "210235A1@@@######", 5 },
  { CAT_NETWORK,   "路由器",           "Huawei",  "AR1220C",                  "2102##########",    3 },
  { CAT_NETWORK,   "交换机",           "TP-LINK", "TL-SG1024DT",              "############",      3 },
};

const DemoFault demo_faults[] = {
  { CAT_LASER, "卡纸", "搓纸轮磨损打滑，分页器老化", "更换搓纸轮和分页器，清洁进纸通道，连续打印 50 页正常",
    { { "RM1-6414", "搓纸轮组件", 6000 }, { "RM1-6397", "分页器组件", 8000 } }, 8000 },
  { CAT_LASER, "打印有黑线", "硒鼓感光鼓表面划伤", "更换硒鼓，打印测试页无黑线",
    { { "CF276A", "HP 76A 原装硒鼓", 68000 } }, 5000 },
  { CAT_LASER, "硒鼓漏粉", "硒鼓刮板老化导致漏粉，机内积粉", "更换硒鼓，清洁机内碳粉",
    { { "CRG-303", "原装硒鼓", 32000 } }, 6000 },
  { CAT_LASER, "打印字迹一擦就掉", "定影膜破损，定影温度不足", "更换定影膜，清洁加热组件",
    { { "RM1-4554", "定影膜", 15000 } }, 10000 },
  { CAT_LASER, "开机报错 50.2 定影器故障", "定影组件加热管损坏", "更换定影组件，开机自检通过",
    { { "RM2-5425", "定影组件 220V", 65000 } }, 12000 },
  { CAT_INKJET, "打印有断线、缺色", "喷头堵塞", "清洗喷头三次，喷嘴检查图案正常",
    { { NULL } }, 8000 },
  { CAT_INKJET, "提示废墨垫已满，无法打印", "废墨垫吸满，计数已到上限", "更换废墨垫并清零计数",
    { { "1830528", "废墨垫组件", 6000 } }, 6000 },
  { CAT_INKJET, "进纸歪斜、卡纸", "进纸辊脏污打滑", "清洁进纸辊，校正导纸板",
    { { NULL } }, 5000 },
  { CAT_PLOTTER, "出图偏色、有横纹", "打印头老化，部分喷嘴失效", "更换打印头并校准",
    { { "3ED58A", "HP 713 打印头", 95000 } }, 20000 },
  { CAT_PLOTTER, "裁纸刀无法切纸", "裁纸刀组件磨损", "更换裁纸刀组件",
    { { "CQ890-67045", "裁纸刀组件", 42000 } }, 15000 },
  { CAT_LAPTOP, "键盘部分按键失灵", "键盘进液，排线腐蚀", "更换键盘，逐键测试正常",
    { { "01YP080", "笔记本键盘", 28000 } }, 8000 },
  { CAT_LAPTOP, "开机无反应，充电指示灯不亮", "电源适配器损坏", "更换电源适配器，充电正常",
    { { "ADLX65YLC3A", "65W 电源适配器", 18000 } }, 3000 },
  { CAT_LAPTOP, "屏幕闪烁、偶尔黑屏", "屏线磨损接触不良", "更换屏线，屏幕显示正常",
    { { "DC02C00LP10", "屏线", 12000 } }, 10000 },
  { CAT_LAPTOP, "电池续航不到半小时", "电池老化，容量衰减严重", "更换原装电池",
    { { "L18M3P71", "原装电池", 45000 } }, 5000 },
  { CAT_LAPTOP, "主板不通电", "主板供电芯片损坏", "主板芯片级维修，更换供电芯片",
    { { NULL } }, 60000 },
  { CAT_PC, "开机无显示", "内存条金手指氧化，接触不良", "清洁内存金手指并更换一条内存，开机正常",
    { { "KVR26N19S8/8", "8GB DDR4 内存", 26000 } }, 5000 },
  { CAT_PC, "风扇异响", "CPU 散热风扇轴承磨损", "更换 CPU 风扇，清理机箱灰尘",
    { { "FAN-CPU-92", "CPU 散热风扇", 6000 } }, 4000 },
  { CAT_PC, "频繁蓝屏、系统很慢", "硬盘有坏道", "更换固态硬盘，重装系统并恢复数据",
    { { "SA400S37/480G", "480GB 固态硬盘", 32000 } }, 15000 },
  { CAT_PC, "无法联网", "网卡损坏", "更换 PCIe 千兆网卡，网络测试正常",
    { { "TG-3468", "PCIe 千兆网卡", 8000 } }, 5000 },
  { CAT_PC, "开机后自动重启", "电源输出电压不稳", "更换 300W 电源，拷机 2 小时正常",
    { { "PS-300W", "300W 电源", 22000 } }, 5000 },
  { CAT_SERVER, "硬盘告警灯亮，阵列降级", "RAID 5 阵列中一块硬盘故障", "更换硬盘并重建阵列，数据完整",
    { { "400-ATJL", "600GB 10K SAS 硬盘", 120000 } }, 30000 },
  { CAT_SERVER, "风扇异响并告警", "系统风扇故障", "更换风扇模块，告警消除",
    { { "0384-FAN", "系统风扇模块", 45000 } }, 20000 },
  { CAT_SERVER, "电源告警，冗余失效", "电源模块损坏", "更换热插拔电源模块",
    { { "450-AEBN", "750W 热插拔电源", 150000 } }, 20000 },
  { CAT_PROJECTOR, "投影画面偏暗、发黄", "灯泡老化", "更换灯泡，灯泡计时清零",
    { { "ELPLP96", "投影灯泡", 78000 } }, 10000 },
  { CAT_PROJECTOR, "开机几分钟后自动关机", "风扇积灰导致过热保护", "清洁除尘，更换散热风扇",
    { { "FAN-PJ-60", "散热风扇", 12000 } }, 15000 },
  { CAT_PROJECTOR, "画面有黄斑", "液晶板老化", "更换液晶板组件",
    { { "LCD-X49", "液晶板组件", 180000 } }, 30000 },
  { CAT_NETWORK, "无法联网", "交换机电源适配器损坏", "更换电源适配器，网络恢复",
    { { "PA-12V2A", "12V 电源适配器", 8000 } }, 10000 },
  { CAT_NETWORK, "交换机频繁重启", "电源模块老化", "更换电源模块，观察 24 小时正常",
    { { "PSR150-A", "电源模块", 68000 } }, 20000 },
  { CAT_NETWORK, "部分电脑无法获取 IP", "路由器 DHCP 配置丢失", "重新配置 DHCP 与 VLAN，测试正常",
    { { NULL } }, 20000 },
};

const DemoSaleItem demo_sale_items[] = {
  { "CF226A",        "HP 26A 原装黑色硒鼓",        52000,  4 },
  { "CRG-328",       "佳能 CRG-328 硒鼓",          42000,  4 },
  { "TN-2325",       "兄弟 TN-2325 粉盒",          26000,  6 },
  { "T03Y1",         "爱普生 003 黑色墨水",         4500, 10 },
  { "A4-70G",        "A4 复印纸 70g（5 包/箱）",   13500, 10 },
  { "KVR26N19S8/8",  "金士顿 8GB DDR4 内存条",     19900,  4 },
  { "SA400S37/480G", "金士顿 480GB 固态硬盘",      29900,  4 },
  { "MK275",         "罗技 MK275 无线键鼠套装",    10900, 10 },
  { "TL-SG1008D",    "TP-LINK 8 口千兆交换机",     11900,  3 },
  { "CAT5E-305",     "超五类网线（305 米/箱）",    35000,  2 },
  { "ELPLP96",       "爱普生投影机原装灯泡",       78000,  1 },
  { "HP-713-BK",     "HP 713 绘图仪黑色墨盒",      38000,  4 },
};

const DemoSupplierSpec demo_suppliers[] = {
  { "广州市天河区捷修电子维修部", "peer_shop", "广州市天河区天河路 590 号 百脑汇 5 楼 512", "020-85201234", "黄师傅" },
  { "广州粤科笔记本芯片级维修中心", "peer_shop", "广州市越秀区东华南路 98 号 海印电器城 3 楼", "020-83761125", "林工" },
  { "广州市百联办公设备配件有限公司", "supplier", "广州市海珠区工业大道中 268 号", "020-84421678", "吴小姐" },
  { "广州新科电脑配件贸易行", "both", "广州市天河区石牌西路 太平洋电脑城 2 楼", "020-38820456", "何先生" },
};

const DemoCatalogPart demo_catalog[] = {
  { "RM1-6414",      "搓纸轮组件",                 "激光打印机", 6000,   3500,   8, 3 },
  { "RM1-6397",      "分页器组件",                 "激光打印机", 8000,   4500,   5, 2 },
  { "CF276A",        "HP 76A 原装硒鼓",             "激光打印机", 68000,  52000,  3, 1 },
  { "CRG-303",       "佳能 303 原装硒鼓",           "激光打印机", 32000,  24000,  4, 1 },
  { "RM1-4554",      "定影膜",                     "激光打印机", 15000,  8000,   6, 2 },
  { "RM2-5425",      "定影组件 220V",               "激光打印机", 65000,  48000,  2, 1 },
  { "RM1-2345",      "定影器加热组件",              "激光打印机", 45000,  32000,  1, 1 },
  { "RL1-1802",      "进纸辊",                     "激光打印机", 4500,   2000,  10, 3 },
  { "1830528",       "废墨垫组件",                 "喷墨打印机", 6000,   3000,   6, 2 },
  { "CB780-60022",   "喷墨打印机喷头",              "喷墨打印机", 38000,  28000,  2, 1 },
  { "3ED58A",        "HP 713 打印头",               "绘图仪",     95000,  76000,  1, 1 },
  { "CQ890-67045",   "裁纸刀组件",                 "绘图仪",     42000,  30000,  1, 0 },
  { "01YP080",       "ThinkPad 笔记本键盘",         "笔记本",     28000,  18000,  4, 2 },
  { "ADLX65YLC3A",   "65W 电源适配器",              "笔记本",     18000,  11000,  6, 2 },
  { "DC02C00LP10",   "笔记本屏线",                 "笔记本",     12000,  6000,   3, 1 },
  { "L18M3P71",      "笔记本原装电池",              "笔记本",     45000,  32000,  2, 1 },
  { "NV140FHM-N48",  "14 英寸笔记本液晶屏",         "笔记本",     68000,  50000,  2, 1 },
  { "KVR26N19S8/8",  "8GB DDR4 内存",               "台式机",     26000,  17000,  8, 3 },
  { "FAN-CPU-92",    "CPU 散热风扇",                "台式机",     6000,   3000,  10, 3 },
  { "SA400S37/480G", "480GB 固态硬盘",              "台式机",     32000,  23000,  5, 2 },
  { "TG-3468",       "PCIe 千兆网卡",               "台式机",     8000,   4500,   4, 1 },
  { "PS-300W",       "300W 电源",                   "台式机",     22000,  14000,  3, 1 },
  { "CR2032",        "主板纽扣电池",                "台式机",     500,    150,   30, 10 },
  { "400-ATJL",      "600GB 10K SAS 硬盘",          "服务器",     120000, 92000,  2, 1 },
  { "0384-FAN",      "服务器系统风扇模块",          "服务器",     45000,  33000,  1, 1 },
  { "450-AEBN",      "750W 热插拔电源",             "服务器",     150000, 115000, 1, 0 },
  { "ELPLP96",       "爱普生投影机原装灯泡",        "投影机",     78000,  60000,  2, 1 },
  { "FAN-PJ-60",     "投影机散热风扇",              "投影机",     12000,  7000,   3, 1 },
  { "LCD-X49",       "投影机液晶板组件",            "投影机",     180000, 140000, 0, 0 },
  { "PA-12V2A",      "12V 电源适配器",              "网络设备",   8000,   4000,   5, 2 },
};

const char * const demo_appearance[] = {
  "外观完好", "外观完好", "外壳有轻微划痕", "外壳有明显磨损", "左上角外壳破损", "机身灰尘较多",
  "缺少一颗螺丝", "前面板有裂痕",
};

const char * const demo_backups[] = { "backed_up", "may_lose_data", "customer_keeps_disk" };

const char * const demo_evidence[] = { "card_and_invoice", "invoice", "card", "none" };

const guint demo_evidence_weights[] = { 35, 25, 15, 25 };

const char * const demo_quote_methods[] = { "phone", "email", "chat", "fax", "in_person" };

const guint demo_quote_method_weights[] = { 50, 15, 20, 5, 10 };

const char * const demo_pay_methods[] = { "wechat", "alipay", "bank_transfer", "cash", "card", "cheque" };

const guint demo_pay_method_weights[] = { 35, 20, 20, 15, 8, 2 };

const char * const demo_old_parts[] = { "returned_to_customer", "kept_by_supervisor" };

const char * const demo_slow_decisions[] = {
  "客户需内部审批", "等待使用人确认", "客户在比较其他报价", "负责人出差，回来后再定",
};

const char * const demo_decline_reasons[] = {
  "维修费用过高，客户决定换新机", "客户认为不值得维修", "机器已到报废年限", "客户选择送原厂维修",
};

const char * const demo_cancel_reasons[] = {
  "客户来电取消送修，机器已取回", "客户决定购买新机，不再维修", "机器已过报废年限，客户取消维修",
};

const char * const demo_onsite_cancel_reasons[] = {
  "客户已自行解决问题，取消上门", "电话指导后确认为操作问题，已解决", "客户改期，另行报修",
};

const char * const demo_repair_periods[] = { "1 个工作日", "2 个工作日", "3 个工作日" };

/* The declarations every other part reads, checked against the tables above. */
#include "wx-demo-tables.h"
