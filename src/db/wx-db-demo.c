#define G_LOG_DOMAIN "wx-db-demo"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "core/wx-order-number.h"
#include "core/wx-workflow.h"
#include "wx-db.h"
#include "wx-db-demo.h"
#include "wx-db-staff.h"

/* ------------------------------------------------------------------ paths
 *
 * Every way a demo order goes through the shop, written as the paper form
 * records it: "-event-> state" is one step, the event that moves the order
 * into that state. The first step creates the order (its event row has no
 * from_state); "entered -review-> entered" is the supervisor's review, which
 * leaves the state as it is. An order follows one path for as many steps as
 * happened before `now`, so every state and every transition in the demo data
 * is written here, and a workflow engine must allow each of them.
 *
 * weight: share among the paths of the kind when the customer pays;
 * covered_weight: the same for machines under warranty or a service contract.
 */
typedef struct {
  const char  *name;
  WxOrderKind  kind;
  guint        weight;
  guint        covered_weight;
  const char  *steps;
} DemoPathSpec;

static const DemoPathSpec demo_paths[] = {
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

/* ------------------------------------------------------------------ events
 *
 * The event vocabulary: who does each step and how long after the previous
 * step it happens, in business minutes. Most steps are fast enough for the
 * SLA clocks of 004_defaults.sql (dispatch 60/180, reply 240, quote 30,
 * decision 1080, repair 480/1620, notify 540, on-site contact 10, on-site
 * arrival 240, enter 540, review 540); a quarter take the slow range. */
typedef enum {
  EV_RECEIVED, EV_CALL_LOGGED, EV_DISPATCH_INSPECTION, EV_INSPECT, EV_QUOTE, EV_AGREE,
  EV_DECLINE, EV_ORDER_PARTS, EV_PARTS_ARRIVED, EV_DISPATCH_REPAIR, EV_REPAIR_DONE,
  EV_OUTSOURCE, EV_OUTSOURCE_RETURN, EV_NOTIFY, EV_PICKUP, EV_DISPATCH_DELIVERY, EV_DELIVER,
  EV_DISPATCH_ONSITE, EV_BOOK_VISIT, EV_ARRIVE, EV_FIX_ON_SITE, EV_TAKE_BACK, EV_ACCEPT,
  EV_ENTER, EV_REVIEW, EV_RECONCILE, EV_INVOICE, EV_CANCEL,
  N_EVENTS
} DemoEvent;

typedef enum { ACTOR_COORDINATOR, ACTOR_ENGINEER, ACTOR_SUPERVISOR } DemoActor;

typedef struct {
  const char *code;
  DemoActor   actor;
  guint       fast_min, fast_max;
  guint       slow_min, slow_max;
} DemoEventSpec;

static const DemoEventSpec demo_events[N_EVENTS] = {
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

#define DEMO_SLOW_SHARE    0.25
#define DEMO_STALL_SHARE   0.03   /* orders left lying in some state */
#define DEMO_RETURN_SHARE  0.05   /* return repairs (返修) among carry-in orders */
#define DEMO_WINDOW_DAYS   56     /* orders are received in the eight weeks before `now` */
#define DEMO_FUTURE_DAYS   400    /* the calendar runs on for steps not yet taken */
#define DEMO_BATCH         5000   /* orders per round of COPY */
#define DEMO_SEED          0x57584458u

static const guint demo_kind_weights[] = {
  [WX_ORDER_KIND_CARRY_IN] = 65,
  [WX_ORDER_KIND_ON_SITE]  = 25,
  [WX_ORDER_KIND_SALE]     = 10,
};

/* ------------------------------------------------------------------ people */

typedef struct {
  const char *role;
  const char *full_name;
  WxRole      roles;
  const char *phone;
} DemoStaff;

static const DemoStaff demo_staff[] = {
  { "zhang_wei",  "张伟", WX_ROLE_COORDINATOR, "13802211456" },
  { "chen_jing",  "陈静", WX_ROLE_COORDINATOR, "13926087731" },
  { "li_qiang",   "李强", WX_ROLE_ENGINEER,    "13560142289" },
  { "wang_lei",   "王磊", WX_ROLE_ENGINEER,    "18620315547" },
  { "liu_yang",   "刘洋", WX_ROLE_ENGINEER,    "15989012263" },
  { "huang_jun",  "黄俊", WX_ROLE_ENGINEER,    "13631458870" },
  { "zhou_min",   "周敏", WX_ROLE_SUPERVISOR,  "13719265508" },
};

typedef struct {
  const char *hanzi;
  const char *pinyin;
} DemoWord;

static const DemoWord demo_surnames[] = {
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

static const DemoWord demo_given_names[] = {
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

static const char * const demo_mobile_prefixes[] = {
  "133", "135", "136", "137", "138", "139", "150", "151", "152", "155", "158", "159",
  "176", "177", "180", "181", "186", "187", "188", "189", "199",
};

/* ------------------------------------------------------------------ units */

typedef struct {
  const char *district;
  const char *streets[6];
} DemoDistrict;

static const DemoDistrict demo_districts[] = {
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

static const char * const demo_buildings[] = {
  "中信广场", "维多利广场 B 座", "富力盈凯广场", "时代地产中心", "科技园 3 栋", "创意园 A 区",
  "商务中心", "综合楼", "发展大厦", "国际金融中心",
};

static const DemoWord demo_trade_names[] = {
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

static const char * const demo_company_kinds[] = {
  "贸易有限公司", "电子科技有限公司", "信息技术有限公司", "物流有限公司", "建筑工程有限公司",
  "装饰设计工程有限公司", "会计师事务所有限公司", "广告有限公司", "房地产开发有限公司",
  "医药有限公司", "进出口有限公司", "餐饮管理有限公司", "服装有限公司", "物业管理有限公司",
  "文化传播有限公司", "投资咨询有限公司", "印刷有限公司", "汽车服务有限公司",
};

static const DemoWord demo_institution_names[] = {
  { "岭南", "lingnan" }, { "南粤", "nanyue" }, { "羊城", "yangcheng" }, { "珠江", "zhujiang" },
  { "华南", "huanan" }, { "南方", "nanfang" }, { "白云", "baiyun" }, { "花城", "huacheng" },
  { "五羊", "wuyang" }, { "穗华", "suihua" }, { "东山", "dongshan" }, { "荔湾", "liwan" },
};

static const char * const demo_institution_kinds[] = {
  "大学", "理工学院", "职业技术学院", "外国语学校", "医院", "口腔医院", "中西医结合医院", "大酒店",
};

static const char * const demo_district_units[] = {
  "人民医院", "中医医院", "妇幼保健院", "税务局", "教育局", "市场监督管理局", "图书馆",
  "第一中学", "第二中学", "实验小学", "人民法院", "疾病预防控制中心", "政务服务中心",
};

static const char * const demo_departments[] = {
  "行政部", "财务部", "信息中心", "人事部", "销售部", "办公室", "档案室", "教务处",
  "门诊部 2 楼", "住院部 5 楼护士站", "前台", "设计部", "仓库", "总经理办公室", "网络机房",
};

static const char * const demo_asset_patterns[] = {
  "GZ-IT-#####", "GDZC-######", "ZC-####-###", "IT#######",
};

/* ------------------------------------------------------------------ machines */

typedef enum {
  CAT_PC, CAT_LAPTOP, CAT_SERVER, CAT_LASER, CAT_INKJET, CAT_PLOTTER, CAT_PROJECTOR, CAT_NETWORK,
  N_CATEGORIES
} DemoCategory;

typedef struct {
  const char *code;
  guint       weight;               /* share of the customers' machines */
  guint       carry_in, on_site;    /* how such a machine comes to the shop's attention */
  gboolean    holds_data;           /* ask about a backup */
  const char *accessories[4];
} DemoCategorySpec;

static const DemoCategorySpec demo_categories[N_CATEGORIES] = {
  [CAT_PC]        = { "pc",             20, 6, 4, TRUE,  { "电源线", "键盘", "鼠标", "显示器信号线" } },
  [CAT_LAPTOP]    = { "laptop",         22, 9, 1, TRUE,  { "电源适配器", "电脑包", "鼠标", "U 盘" } },
  [CAT_SERVER]    = { "server",          5, 1, 8, TRUE,  { "电源线", "导轨", "硬盘托架", "管理口网线" } },
  [CAT_LASER]     = { "laser_printer",  28, 8, 4, FALSE, { "硒鼓", "电源线", "USB 数据线", "纸盒" } },
  [CAT_INKJET]    = { "inkjet_printer",  8, 8, 2, FALSE, { "电源线", "USB 数据线", "墨水", "出纸托盘" } },
  [CAT_PLOTTER]   = { "plotter",         5, 1, 8, FALSE, { "电源线", "墨盒", "卷纸轴", "USB 数据线" } },
  [CAT_PROJECTOR] = { "projector",       7, 7, 3, FALSE, { "遥控器", "电源线", "VGA 线", "便携包" } },
  [CAT_NETWORK]   = { "network",         5, 2, 8, FALSE, { "电源适配器", "Console 线", "上架挂耳", "网线" } },
};

/* Serial patterns: @ a letter, # a digit, * a letter or digit, anything else as is. */
typedef struct {
  DemoCategory category;
  const char  *product;
  const char  *brand;
  const char  *model;
  const char  *serial;
  guint        weight;
} DemoModel;

static const DemoModel demo_models[] = {
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

/* What goes wrong, what the engineer finds and does, and the price (fen). */
typedef struct {
  const char *part_number;
  const char *name;
  gint64      price;
} DemoPart;

typedef struct {
  DemoCategory category;
  const char  *reported;
  const char  *analysis;
  const char  *measures;
  DemoPart     parts[2];
  gint64       labour;
} DemoFault;

static const DemoFault demo_faults[] = {
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

typedef struct {
  const char *part_number;
  const char *name;
  gint64      price;
  guint       max_quantity;
} DemoSaleItem;

static const DemoSaleItem demo_sale_items[] = {
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

typedef struct {
  const char *name;
  const char *kind;
  const char *address;
  const char *phone;
  const char *contact;
} DemoSupplierSpec;

static const DemoSupplierSpec demo_suppliers[] = {
  { "广州市天河区捷修电子维修部", "peer_shop", "广州市天河区天河路 590 号 百脑汇 5 楼 512", "020-85201234", "黄师傅" },
  { "广州粤科笔记本芯片级维修中心", "peer_shop", "广州市越秀区东华南路 98 号 海印电器城 3 楼", "020-83761125", "林工" },
  { "广州市百联办公设备配件有限公司", "supplier", "广州市海珠区工业大道中 268 号", "020-84421678", "吴小姐" },
  { "广州新科电脑配件贸易行", "both", "广州市天河区石牌西路 太平洋电脑城 2 楼", "020-38820456", "何先生" },
};


/* The parts store (备件库): the parts of the faults above and the common
 * spares of a shop that repairs PCs, laptops, printers and projectors. Price
 * and cost in fen; the stock is received as movements. */
typedef struct {
  const char *part_number;
  const char *name;
  const char *category;
  gint64      price;
  gint64      cost;
  int         stock;
  int         min_stock;
} DemoCatalogPart;

static const DemoCatalogPart demo_catalog[] = {
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

/* ------------------------------------------------------------------ wording */

static const char * const demo_appearance[] = {
  "外观完好", "外观完好", "外壳有轻微划痕", "外壳有明显磨损", "左上角外壳破损", "机身灰尘较多",
  "缺少一颗螺丝", "前面板有裂痕",
};
static const char * const demo_backups[] = { "backed_up", "may_lose_data", "customer_keeps_disk" };
static const char * const demo_evidence[] = { "card_and_invoice", "invoice", "card", "none" };
static const guint demo_evidence_weights[] = { 35, 25, 15, 25 };
static const char * const demo_quote_methods[] = { "phone", "email", "chat", "fax", "in_person" };
static const guint demo_quote_method_weights[] = { 50, 15, 20, 5, 10 };
static const char * const demo_pay_methods[] = { "wechat", "alipay", "bank_transfer", "cash", "card", "cheque" };
static const guint demo_pay_method_weights[] = { 35, 20, 20, 15, 8, 2 };
static const char * const demo_old_parts[] = { "returned_to_customer", "kept_by_supervisor" };
static const char * const demo_slow_decisions[] = {
  "客户需内部审批", "等待使用人确认", "客户在比较其他报价", "负责人出差，回来后再定",
};
static const char * const demo_decline_reasons[] = {
  "维修费用过高，客户决定换新机", "客户认为不值得维修", "机器已到报废年限", "客户选择送原厂维修",
};
static const char * const demo_cancel_reasons[] = {
  "客户来电取消送修，机器已取回", "客户决定购买新机，不再维修", "机器已过报废年限，客户取消维修",
};
static const char * const demo_onsite_cancel_reasons[] = {
  "客户已自行解决问题，取消上门", "电话指导后确认为操作问题，已解决", "客户改期，另行报修",
};
static const char * const demo_repair_periods[] = { "1 个工作日", "2 个工作日", "3 个工作日" };

/* ------------------------------------------------------------------ rows
 *
 * Each table the demo writes is described once: its columns and where each
 * value sits in the C struct of a row. COPY statements and rows come from
 * these descriptions. Times are Unix seconds (0 = NULL), dates are day
 * numbers (0 = NULL), optional numbers are -1 for NULL. */
typedef enum { COL_TEXT, COL_INT, COL_OPT_INT, COL_BOOL, COL_TIME, COL_DATE } DemoColumnType;

typedef struct {
  const char     *name;
  DemoColumnType  type;
  gsize           offset;
} DemoColumn;

#define COLUMN(type, field, kind) { #field, kind, G_STRUCT_OFFSET (type, field) }

typedef struct {
  gint64      id;
  const char *unit_name, *address, *city, *contact_person, *mobile, *phone, *fax, *email;
  gboolean    is_contract;
  const char *notes;
  gint64      created_at;
  /* not stored */
  guint       district;
  const char *pinyin;          /* of the unit's name, for its mail domain, or NULL */
  const char *asset_pattern;   /* how the unit numbers its assets, or NULL */
  guint       first_device, n_devices;
} DemoCustomer;

static const DemoColumn demo_customer_columns[] = {
  COLUMN (DemoCustomer, id, COL_INT),
  COLUMN (DemoCustomer, unit_name, COL_TEXT),
  COLUMN (DemoCustomer, address, COL_TEXT),
  COLUMN (DemoCustomer, city, COL_TEXT),
  COLUMN (DemoCustomer, contact_person, COL_TEXT),
  COLUMN (DemoCustomer, mobile, COL_TEXT),
  COLUMN (DemoCustomer, phone, COL_TEXT),
  COLUMN (DemoCustomer, fax, COL_TEXT),
  COLUMN (DemoCustomer, email, COL_TEXT),
  COLUMN (DemoCustomer, is_contract, COL_BOOL),
  COLUMN (DemoCustomer, notes, COL_TEXT),
  COLUMN (DemoCustomer, created_at, COL_TIME),
};

typedef struct {
  gint64      id, customer_id;
  const char *category, *brand, *model, *serial, *asset_number;
  gint64      purchase_date;
  const char *warranty_evidence;
  gint64      warranty_expires, created_at;
  /* not stored */
  guint       model_index;
} DemoDevice;

static const DemoColumn demo_device_columns[] = {
  COLUMN (DemoDevice, id, COL_INT),
  COLUMN (DemoDevice, customer_id, COL_INT),
  COLUMN (DemoDevice, category, COL_TEXT),
  COLUMN (DemoDevice, brand, COL_TEXT),
  COLUMN (DemoDevice, model, COL_TEXT),
  COLUMN (DemoDevice, serial, COL_TEXT),
  COLUMN (DemoDevice, asset_number, COL_TEXT),
  COLUMN (DemoDevice, purchase_date, COL_DATE),
  COLUMN (DemoDevice, warranty_evidence, COL_TEXT),
  COLUMN (DemoDevice, warranty_expires, COL_DATE),
  COLUMN (DemoDevice, created_at, COL_TIME),
};

typedef struct {
  gint64      id;
  const char *number, *kind, *state;
  gint64      customer_id, device_id;
  const char *unit_name, *unit_address, *contact_person, *contact_mobile, *contact_phone;
  const char *contact_fax, *contact_email, *end_user, *end_user_phone, *floor_department;
  const char *product_name, *model, *serial, *asset_number, *reported_fault, *appearance_check;
  const char *warranty_status, *warranty_evidence, *remarks;
  gboolean    is_return_repair;
  gint64      return_of_order_id;
  const char *backup;
  gboolean    notice_read, customer_signed;
  const char *received_by;
  gint64      received_at;
  const char *owner_role, *engineer;
  gint64      dispatched_at, appointment_at;
  const char *fault_analysis, *measures, *parts_needed;
  gint64      suggested_price;
  const char *explanation, *inspected_by;
  gint64      inspected_at, peer_id, quote_total, quoted_at;
  const char *quote_method, *quote_told, *repair_period, *decision;
  gint64      decided_at;
  const char *decision_contact, *decision_reason, *repaired_by;
  gint64      repaired_at;
  const char *repair_notes, *old_parts;
  gint64      notified_at, picked_up_at;
  const char *picked_up_by, *delivered_by;
  gboolean    accessories_checked, pickup_signed;
  const char *payment_status;
  gint64      entered_at;
  const char *confirmed_by, *reviewed_by;
  gint64      reviewed_at, reconciled_at, invoiced_at;
  const char *cancel_reason;
  gint64      version, created_at, updated_at;
  const char *updated_by;
} DemoOrderRow;

#define ORDER_COLUMN(field, kind) COLUMN (DemoOrderRow, field, kind)

static const DemoColumn demo_order_columns[] = {
  ORDER_COLUMN (id, COL_INT),                   ORDER_COLUMN (number, COL_TEXT),
  ORDER_COLUMN (kind, COL_TEXT),                ORDER_COLUMN (state, COL_TEXT),
  ORDER_COLUMN (customer_id, COL_INT),          ORDER_COLUMN (device_id, COL_OPT_INT),
  ORDER_COLUMN (unit_name, COL_TEXT),           ORDER_COLUMN (unit_address, COL_TEXT),
  ORDER_COLUMN (contact_person, COL_TEXT),      ORDER_COLUMN (contact_mobile, COL_TEXT),
  ORDER_COLUMN (contact_phone, COL_TEXT),       ORDER_COLUMN (contact_fax, COL_TEXT),
  ORDER_COLUMN (contact_email, COL_TEXT),       ORDER_COLUMN (end_user, COL_TEXT),
  ORDER_COLUMN (end_user_phone, COL_TEXT),      ORDER_COLUMN (floor_department, COL_TEXT),
  ORDER_COLUMN (product_name, COL_TEXT),        ORDER_COLUMN (model, COL_TEXT),
  ORDER_COLUMN (serial, COL_TEXT),              ORDER_COLUMN (asset_number, COL_TEXT),
  ORDER_COLUMN (reported_fault, COL_TEXT),      ORDER_COLUMN (appearance_check, COL_TEXT),
  ORDER_COLUMN (warranty_status, COL_TEXT),     ORDER_COLUMN (warranty_evidence, COL_TEXT),
  ORDER_COLUMN (remarks, COL_TEXT),             ORDER_COLUMN (is_return_repair, COL_BOOL),
  ORDER_COLUMN (return_of_order_id, COL_OPT_INT), ORDER_COLUMN (backup, COL_TEXT),
  ORDER_COLUMN (notice_read, COL_BOOL),         ORDER_COLUMN (customer_signed, COL_BOOL),
  ORDER_COLUMN (received_by, COL_TEXT),         ORDER_COLUMN (received_at, COL_TIME),
  ORDER_COLUMN (owner_role, COL_TEXT),          ORDER_COLUMN (engineer, COL_TEXT),
  ORDER_COLUMN (dispatched_at, COL_TIME),       ORDER_COLUMN (appointment_at, COL_TIME),
  ORDER_COLUMN (fault_analysis, COL_TEXT),      ORDER_COLUMN (measures, COL_TEXT),
  ORDER_COLUMN (parts_needed, COL_TEXT),        ORDER_COLUMN (suggested_price, COL_OPT_INT),
  ORDER_COLUMN (explanation, COL_TEXT),         ORDER_COLUMN (inspected_by, COL_TEXT),
  ORDER_COLUMN (inspected_at, COL_TIME),        ORDER_COLUMN (peer_id, COL_OPT_INT),
  ORDER_COLUMN (quote_total, COL_OPT_INT),      ORDER_COLUMN (quoted_at, COL_TIME),
  ORDER_COLUMN (quote_method, COL_TEXT),        ORDER_COLUMN (quote_told, COL_TEXT),
  ORDER_COLUMN (repair_period, COL_TEXT),       ORDER_COLUMN (decision, COL_TEXT),
  ORDER_COLUMN (decided_at, COL_TIME),          ORDER_COLUMN (decision_contact, COL_TEXT),
  ORDER_COLUMN (decision_reason, COL_TEXT),     ORDER_COLUMN (repaired_by, COL_TEXT),
  ORDER_COLUMN (repaired_at, COL_TIME),         ORDER_COLUMN (repair_notes, COL_TEXT),
  ORDER_COLUMN (old_parts, COL_TEXT),           ORDER_COLUMN (notified_at, COL_TIME),
  ORDER_COLUMN (picked_up_at, COL_TIME),        ORDER_COLUMN (picked_up_by, COL_TEXT),
  ORDER_COLUMN (delivered_by, COL_TEXT),        ORDER_COLUMN (accessories_checked, COL_BOOL),
  ORDER_COLUMN (pickup_signed, COL_BOOL),       ORDER_COLUMN (payment_status, COL_TEXT),
  ORDER_COLUMN (entered_at, COL_TIME),          ORDER_COLUMN (confirmed_by, COL_TEXT),
  ORDER_COLUMN (reviewed_by, COL_TEXT),         ORDER_COLUMN (reviewed_at, COL_TIME),
  ORDER_COLUMN (reconciled_at, COL_TIME),       ORDER_COLUMN (invoiced_at, COL_TIME),
  ORDER_COLUMN (cancel_reason, COL_TEXT),       ORDER_COLUMN (version, COL_INT),
  ORDER_COLUMN (created_at, COL_TIME),          ORDER_COLUMN (updated_at, COL_TIME),
  ORDER_COLUMN (updated_by, COL_TEXT),
};

/* An order before anything happened to it: NOT NULL text is empty, the rest NULL. */
static const DemoOrderRow demo_order_defaults = {
  .device_id = -1, .return_of_order_id = -1, .suggested_price = -1, .peer_id = -1, .quote_total = -1,
  .unit_address = "", .contact_person = "", .end_user = "", .floor_department = "",
  .product_name = "", .model = "", .serial = "", .asset_number = "", .reported_fault = "",
  .appearance_check = "", .warranty_status = "unknown", .warranty_evidence = "none", .remarks = "",
  .backup = "not_applicable", .fault_analysis = "", .measures = "", .parts_needed = "",
  .explanation = "", .quote_told = "", .repair_period = "", .decision_contact = "",
  .decision_reason = "", .repair_notes = "", .picked_up_by = "", .payment_status = "unpaid",
  .cancel_reason = "", .version = 0,
};

typedef struct {
  gint64      order_id, position;
  const char *name;
  gboolean    returned;
} DemoAccessoryRow;

static const DemoColumn demo_accessory_columns[] = {
  COLUMN (DemoAccessoryRow, order_id, COL_INT),
  COLUMN (DemoAccessoryRow, position, COL_INT),
  COLUMN (DemoAccessoryRow, name, COL_TEXT),
  COLUMN (DemoAccessoryRow, returned, COL_BOOL),
};

typedef struct {
  gint64      order_id, at;
  const char *actor, *event, *from_state, *to_state, *payload;
} DemoEventRow;

static const DemoColumn demo_event_columns[] = {
  COLUMN (DemoEventRow, order_id, COL_INT),
  COLUMN (DemoEventRow, at, COL_TIME),
  COLUMN (DemoEventRow, actor, COL_TEXT),
  COLUMN (DemoEventRow, event, COL_TEXT),
  COLUMN (DemoEventRow, from_state, COL_TEXT),
  COLUMN (DemoEventRow, to_state, COL_TEXT),
  COLUMN (DemoEventRow, payload, COL_TEXT),
};

typedef struct {
  gint64      order_id, position;
  const char *kind, *part_number, *description;
  gint64      quantity, unit_price;
} DemoQuoteLineRow;

static const DemoColumn demo_quote_line_columns[] = {
  COLUMN (DemoQuoteLineRow, order_id, COL_INT),
  COLUMN (DemoQuoteLineRow, position, COL_INT),
  COLUMN (DemoQuoteLineRow, kind, COL_TEXT),
  COLUMN (DemoQuoteLineRow, part_number, COL_TEXT),
  COLUMN (DemoQuoteLineRow, description, COL_TEXT),
  COLUMN (DemoQuoteLineRow, quantity, COL_INT),
  COLUMN (DemoQuoteLineRow, unit_price, COL_INT),
};

typedef struct {
  gint64      order_id, at, amount;
  const char *method, *received_by, *note;
} DemoPaymentRow;

static const DemoColumn demo_payment_columns[] = {
  COLUMN (DemoPaymentRow, order_id, COL_INT),
  COLUMN (DemoPaymentRow, at, COL_TIME),
  COLUMN (DemoPaymentRow, amount, COL_INT),
  COLUMN (DemoPaymentRow, method, COL_TEXT),
  COLUMN (DemoPaymentRow, received_by, COL_TEXT),
  COLUMN (DemoPaymentRow, note, COL_TEXT),
};

typedef struct {
  gint64      order_id;
  const char *description;
  gint64      supplier_id, ordered_at, expected_on, arrived_at;
  gboolean    prepaid;
  gint64      cost;
} DemoPartOrderRow;

static const DemoColumn demo_part_order_columns[] = {
  COLUMN (DemoPartOrderRow, order_id, COL_INT),
  COLUMN (DemoPartOrderRow, description, COL_TEXT),
  COLUMN (DemoPartOrderRow, supplier_id, COL_OPT_INT),
  COLUMN (DemoPartOrderRow, ordered_at, COL_TIME),
  COLUMN (DemoPartOrderRow, expected_on, COL_DATE),
  COLUMN (DemoPartOrderRow, arrived_at, COL_TIME),
  COLUMN (DemoPartOrderRow, prepaid, COL_BOOL),
  COLUMN (DemoPartOrderRow, cost, COL_OPT_INT),
};

typedef struct {
  gint64      order_id, peer_id, sent_at;
  const char *followed_by;
  gint64      peer_quote, replied_at, returned_at;
  const char *notes;
} DemoOutsourcingRow;

static const DemoColumn demo_outsourcing_columns[] = {
  COLUMN (DemoOutsourcingRow, order_id, COL_INT),
  COLUMN (DemoOutsourcingRow, peer_id, COL_INT),
  COLUMN (DemoOutsourcingRow, sent_at, COL_TIME),
  COLUMN (DemoOutsourcingRow, followed_by, COL_TEXT),
  COLUMN (DemoOutsourcingRow, peer_quote, COL_OPT_INT),
  COLUMN (DemoOutsourcingRow, replied_at, COL_TIME),
  COLUMN (DemoOutsourcingRow, returned_at, COL_TIME),
  COLUMN (DemoOutsourcingRow, notes, COL_TEXT),
};

/* Tables in the order they are loaded (each one's references come earlier).
 * With own_ids the row carries its id; the others get ids reserved when
 * their rows are flushed. */
typedef enum {
  T_CUSTOMERS, T_DEVICES, T_ORDERS, T_ACCESSORIES, T_EVENTS, T_QUOTE_LINES, T_PAYMENTS,
  T_PART_ORDERS, T_OUTSOURCING,
  N_TABLES
} DemoTableId;

typedef struct {
  const char       *name;
  const DemoColumn *columns;
  guint             n_columns;
  gboolean          own_ids;
} DemoTable;

#define TABLE(name, columns, own_ids) { name, columns, G_N_ELEMENTS (columns), own_ids }

static const DemoTable demo_tables[N_TABLES] = {
  [T_CUSTOMERS]   = TABLE ("customers",         demo_customer_columns,    TRUE),
  [T_DEVICES]     = TABLE ("devices",           demo_device_columns,      TRUE),
  [T_ORDERS]      = TABLE ("service_orders",    demo_order_columns,       TRUE),
  [T_ACCESSORIES] = TABLE ("order_accessories", demo_accessory_columns,   FALSE),
  [T_EVENTS]      = TABLE ("order_events",      demo_event_columns,       FALSE),
  [T_QUOTE_LINES] = TABLE ("quote_lines",       demo_quote_line_columns,  FALSE),
  [T_PAYMENTS]    = TABLE ("payments",          demo_payment_columns,     FALSE),
  [T_PART_ORDERS] = TABLE ("part_orders",       demo_part_order_columns,  FALSE),
  [T_OUTSOURCING] = TABLE ("outsourcing",       demo_outsourcing_columns, FALSE),
};

/* ------------------------------------------------------------------ state */

#define DEMO_MAX_STEPS 24
#define DEMO_MAX_LINES 4

typedef struct {
  guint        n_steps;
  DemoEvent    events[DEMO_MAX_STEPS];
  WxOrderState states[DEMO_MAX_STEPS];   /* the state after each step */
  gboolean     has_quote;
} DemoPath;

/* One opening period of the shop's calendar. */
typedef struct {
  gint64 open;     /* Unix seconds */
  gint64 length;   /* seconds */
  gint64 before;   /* business seconds of the calendar before it */
} DemoDay;

typedef enum { WARRANTY_IN, WARRANTY_CONTRACT, WARRANTY_UNKNOWN, WARRANTY_OUT, WARRANTY_NONE } DemoWarranty;

static const char * const demo_warranty_codes[] = {
  [WARRANTY_IN] = "in_warranty", [WARRANTY_CONTRACT] = "contract",
  [WARRANTY_UNKNOWN] = "unknown", [WARRANTY_OUT] = "out_of_warranty", [WARRANTY_NONE] = "unknown",
};

/* The plan of one order: its path, how far it got, and when each step happens. */
typedef struct {
  gint64       received;      /* Unix seconds */
  gint64       id;
  const char  *number;
  guint        seq;           /* order of planning, to sort stably */
  guint        times;         /* index of the first step's time in DemoLoad.times */
  guint        customer;
  gint         device;        /* -1: a sale */
  guint        path;
  guint        n_done;        /* steps taken before `now`, at least 1 */
  guint        fault;
  guint        coordinator, engineer;
  DemoWarranty warranty;
  gboolean     return_repair;
} DemoOrder;

typedef struct {
  gint64      id;
  const char *name;
} DemoSupplier;

typedef struct {
  GString *rows;
  guint    n_rows;
} DemoBuffer;

typedef struct {
  PGconn        *conn;
  GRand         *rand;
  GTimeZone     *tz;
  GStringChunk  *strings;     /* text that lives as long as the load */
  GStringChunk  *scratch;     /* text of the orders of one batch */
  GString       *text;        /* work buffer */
  GString       *json;        /* the payload being built */
  guint          n_orders;
  gint64         now;
  gint64         today;       /* the shop's day number of `now` */
  char          *prefix;
  int            digits;

  GArray        *days;        /* DemoDay, from eight weeks before `now` on */
  gint64         pos_now;     /* business seconds from the first opening to `now` */

  DemoPath       paths[G_N_ELEMENTS (demo_paths)];
  guint          forced_path[WX_N_ORDER_STATES];
  guint          forced_step[WX_N_ORDER_STATES];

  const char    *coordinators[G_N_ELEMENTS (demo_staff)];
  const char    *engineers[G_N_ELEMENTS (demo_staff)];
  const char    *supervisor;
  guint          n_coordinators, n_engineers;

  GArray        *peers;       /* DemoSupplier */
  GArray        *vendors;     /* DemoSupplier */
  const char    *model_names[G_N_ELEMENTS (demo_models)];
  const char    *model_tests[G_N_ELEMENTS (demo_models)];  /* its category's functional tests, comma-separated */
  gint64         decision_limit;   /* business seconds before a decision is late */
  guint          category_faults[N_CATEGORIES][G_N_ELEMENTS (demo_faults)];
  guint          n_category_faults[N_CATEGORIES];

  GHashTable    *unit_names;
  GArray        *customers;   /* DemoCustomer */
  GArray        *contract_customers;  /* guint */
  GArray        *devices;     /* DemoDevice */
  DemoOrder     *orders;
  GArray        *times;       /* gint64, every order's steps */
  gint          *last_order_of_device;

  DemoBuffer     buffers[N_TABLES];
} DemoLoad;

/* What one order is while its history is replayed. */
typedef struct {
  DemoOrderRow        row;
  const DemoOrder    *plan;
  const DemoPath     *path;
  const DemoCustomer *customer;
  const DemoDevice   *device;
  const DemoFault    *fault;
  guint               step;
  gboolean            priced;
  DemoQuoteLineRow    lines[DEMO_MAX_LINES];
  guint               n_lines;
  gint64              total;
  gboolean            machine_back;
  gboolean            has_part_order, has_outsourcing;
  DemoPartOrderRow    part_order;
  DemoOutsourcingRow  outsourcing;
} DemoReplay;

/* ------------------------------------------------------------------ chance */

static guint
rnd_below (GRand *rand, guint n)
{
  return n > 1 ? (guint) g_rand_int_range (rand, 0, (gint32) n) : 0;
}

/* lo … hi, both included. */
static gint64
rnd_between (GRand *rand, gint64 lo, gint64 hi)
{
  if (hi <= lo)
    return lo;
  return MIN (hi, lo + (gint64) (g_rand_double (rand) * (double) (hi - lo + 1)));
}

static gboolean
rnd_chance (GRand *rand, double p)
{
  return g_rand_double (rand) < p;
}

static guint
rnd_weighted (GRand *rand, const guint *weights, guint n)
{
  guint total = 0;
  guint pick;

  for (guint i = 0; i < n; i++)
    total += weights[i];
  pick = rnd_below (rand, total);
  for (guint i = 0; i < n; i++)
    {
      if (pick < weights[i])
        return i;
      pick -= weights[i];
    }
  return n - 1;
}

#define RND_ITEM(rand, array) ((array)[rnd_below ((rand), G_N_ELEMENTS (array))])
#define RND_WEIGHTED(rand, array, weights) \
  ((array)[rnd_weighted ((rand), (weights), G_N_ELEMENTS (weights))])

/* ------------------------------------------------------------------ text */

static void
append_int (GString *out, gint64 v)
{
  char buf[24];
  int i = sizeof buf;
  guint64 u = v < 0 ? (guint64) -(v + 1) + 1 : (guint64) v;

  do
    {
      buf[--i] = (char) ('0' + u % 10);
      u /= 10;
    }
  while (u);
  if (v < 0)
    buf[--i] = '-';
  g_string_append_len (out, buf + i, (gssize) sizeof buf - i);
}

static void
append_digits (GString *out, guint v, int width)
{
  char buf[12];

  for (int i = width - 1; i >= 0; i--, v /= 10)
    buf[i] = (char) ('0' + v % 10);
  g_string_append_len (out, buf, width);
}

/* Day numbers count from 1970-01-01 (H. Hinnant's civil calendar algorithms). */
static gint64
days_from_civil (gint64 y, guint m, guint d)
{
  gint64 era;
  guint yoe, doy, doe;

  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = (guint) (y - era * 400);
  doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + (gint64) doe - 719468;
}

static void
civil_from_days (gint64 z, int *y, guint *m, guint *d)
{
  gint64 era;
  guint doe, yoe, doy, mp;

  z += 719468;
  era = (z >= 0 ? z : z - 146096) / 146097;
  doe = (guint) (z - era * 146097);
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  *d = doy - (153 * mp + 2) / 5 + 1;
  *m = mp < 10 ? mp + 3 : mp - 9;
  *y = (int) ((gint64) yoe + era * 400 + (*m <= 2));
}

static void
append_date (GString *out, gint64 day)
{
  int y;
  guint m, d;

  civil_from_days (day, &y, &m, &d);
  append_digits (out, (guint) y, 4);
  g_string_append_c (out, '-');
  append_digits (out, m, 2);
  g_string_append_c (out, '-');
  append_digits (out, d, 2);
}

/* As UTC, which timestamptz reads whatever the session's zone: "2026-11-20
 * 02:00:00+00" with `iso` FALSE (COPY), "2026-11-20T02:00:00Z" with TRUE
 * (as the clients send a time in a step's data). */
static void
append_utc (GString *out, gint64 unix_time, gboolean iso)
{
  gint64 day = unix_time >= 0 ? unix_time / 86400 : (unix_time - 86399) / 86400;
  guint secs = (guint) (unix_time - day * 86400);

  append_date (out, day);
  g_string_append_c (out, iso ? 'T' : ' ');
  append_digits (out, secs / 3600, 2);
  g_string_append_c (out, ':');
  append_digits (out, secs / 60 % 60, 2);
  g_string_append_c (out, ':');
  append_digits (out, secs % 60, 2);
  g_string_append (out, iso ? "Z" : "+00");
}

static void
append_time (GString *out, gint64 unix_time)
{
  append_utc (out, unix_time, FALSE);
}

static void
json_key (GString *json, const char *key)
{
  g_string_append (json, json->len > 1 ? ",\"" : "\"");
  g_string_append (json, key);
  g_string_append (json, "\":");
}

static void
json_string (GString *json, const char *key, const char *value)
{
  json_key (json, key);
  g_string_append_c (json, '"');
  for (const char *p = value; *p; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (json, '\\');
      if ((guchar) *p < 0x20)
        g_string_append_printf (json, "\\u%04x", (guint) (guchar) *p);
      else
        g_string_append_c (json, *p);
    }
  g_string_append_c (json, '"');
}

/* The step's data are text, as the clients send them to wx_transition:
 * numbers (ids, amounts in fen) as their digits, flags as "true" or
 * "false", times as UTC ISO 8601. */
static void
json_digits (GString *json, const char *key, gint64 value)
{
  json_key (json, key);
  g_string_append_c (json, '"');
  append_int (json, value);
  g_string_append_c (json, '"');
}

static void
json_flag (GString *json, const char *key, gboolean value)
{
  json_key (json, key);
  g_string_append (json, value ? "\"true\"" : "\"false\"");
}

static void
json_time (GString *json, const char *key, gint64 unix_time)
{
  json_key (json, key);
  g_string_append_c (json, '"');
  append_utc (json, unix_time, TRUE);
  g_string_append_c (json, '"');
}

static void
json_date (GString *json, const char *key, gint64 day)
{
  json_key (json, key);
  g_string_append_c (json, '"');
  append_date (json, day);
  g_string_append_c (json, '"');
}

/* ------------------------------------------------------------------ rows out */

static void
put_row (DemoLoad *L, DemoTableId table, gconstpointer row)
{
  const DemoTable *t = &demo_tables[table];
  DemoBuffer *b = &L->buffers[table];

  for (guint i = 0; i < t->n_columns; i++)
    {
      const DemoColumn *c = &t->columns[i];
      gconstpointer field = G_STRUCT_MEMBER_P (row, c->offset);
      gint64 v = 0;

      if (i > 0)
        g_string_append_c (b->rows, '\t');
      if (c->type != COL_TEXT && c->type != COL_BOOL)
        v = *(const gint64 *) field;
      switch (c->type)
        {
        case COL_TEXT:
          wx_db_copy_escape (b->rows, *(const char * const *) field);
          break;
        case COL_BOOL:
          g_string_append_c (b->rows, *(const gboolean *) field ? 't' : 'f');
          break;
        case COL_INT:
          append_int (b->rows, v);
          break;
        case COL_OPT_INT:
          if (v < 0)
            g_string_append (b->rows, "\\N");
          else
            append_int (b->rows, v);
          break;
        case COL_TIME:
        case COL_DATE:
          if (v == 0)
            g_string_append (b->rows, "\\N");
          else if (c->type == COL_TIME)
            append_time (b->rows, v);
          else
            append_date (b->rows, v);
          break;
        }
    }
  g_string_append_c (b->rows, '\n');
  b->n_rows++;
}

/* Takes `n` values of the table's id sequence in one statement and returns
 * them as runs of consecutive numbers (first, last), usually a single run. */
static GArray *
reserve_ids (DemoLoad *L, const char *table, guint n, GError **error)
{
  g_autofree char *count = g_strdup_printf ("%u", n);
  const char *params[2] = { table, count };
  g_autoptr(PGresult) res = wx_db_query (L->conn,
      "WITH seq AS (SELECT pg_get_serial_sequence($1, 'id')::regclass AS s),"
      "     ids AS (SELECT nextval((SELECT s FROM seq)) AS id FROM generate_series(1, $2::bigint))"
      " SELECT min(id), max(id)"
      "   FROM (SELECT id, id - row_number() OVER (ORDER BY id) AS run FROM ids) r"
      "  GROUP BY run ORDER BY 1", 2, params, error);
  GArray *runs;
  gint64 got = 0;

  if (res == NULL)
    return NULL;
  runs = g_array_sized_new (FALSE, FALSE, sizeof (gint64), 2 * PQntuples (res));
  for (int i = 0; i < PQntuples (res); i++)
    {
      gint64 first = g_ascii_strtoll (PQgetvalue (res, i, 0), NULL, 10);
      gint64 last = g_ascii_strtoll (PQgetvalue (res, i, 1), NULL, 10);

      g_array_append_val (runs, first);
      g_array_append_val (runs, last);
      got += last - first + 1;
    }
  if (got != n)
    {
      g_array_unref (runs);
      g_set_error (error, WX_DB_ERROR, WX_DB_ERROR_FAILED,
                   _("The database handed out %u ids for “%s” instead of %u."),
                   (guint) got, table, n);
      return NULL;
    }
  return runs;
}

/* The next id of runs from reserve_ids(); `cursor` starts at 0. */
static gint64
next_id (GArray *runs, gsize *run, gint64 *cursor)
{
  gint64 first = g_array_index (runs, gint64, 2 * *run);
  gint64 last = g_array_index (runs, gint64, 2 * *run + 1);
  gint64 id;

  if (*cursor == 0)
    *cursor = first;
  id = (*cursor)++;
  if (id == last)
    {
      (*run)++;
      *cursor = 0;
    }
  return id;
}

static gboolean
flush_table (DemoLoad *L, DemoTableId table, GError **error)
{
  const DemoTable *t = &demo_tables[table];
  DemoBuffer *b = &L->buffers[table];
  g_autoptr(GString) sql = g_string_new ("COPY ");
  g_autoptr(GString) data = NULL;
  g_autoptr(GArray) runs = NULL;
  gboolean ok;

  if (b->n_rows == 0)
    return TRUE;
  g_string_append (sql, t->name);
  g_string_append (sql, t->own_ids ? " (" : " (id, ");
  for (guint i = 0; i < t->n_columns; i++)
    {
      g_string_append (sql, t->columns[i].name);
      g_string_append (sql, i + 1 < t->n_columns ? ", " : ") FROM STDIN");
    }

  if (!t->own_ids)
    {
      const char *line = b->rows->str;
      const char *end = b->rows->str + b->rows->len;
      gsize run = 0;
      gint64 cursor = 0;

      runs = reserve_ids (L, t->name, b->n_rows, error);
      if (runs == NULL)
        return FALSE;
      data = g_string_sized_new (b->rows->len + (gsize) b->n_rows * 10);
      while (line < end)
        {
          const char *nl = memchr (line, '\n', (gsize) (end - line));

          append_int (data, next_id (runs, &run, &cursor));
          g_string_append_c (data, '\t');
          g_string_append_len (data, line, nl - line + 1);
          line = nl + 1;
        }
    }

  ok = wx_db_copy_in (L->conn, sql->str, data ? data : b->rows, error);
  g_string_truncate (b->rows, 0);
  b->n_rows = 0;
  return ok;
}

static gboolean
flush_all (DemoLoad *L, GError **error)
{
  for (guint t = 0; t < N_TABLES; t++)
    if (!flush_table (L, t, error))
      return FALSE;
  return TRUE;
}

/* ------------------------------------------------------------------ paths */

static gboolean
lookup_event (const char *token, DemoEvent *event)
{
  gsize len = strlen (token);

  if (len < 4 || token[0] != '-' || !g_str_has_suffix (token, "->"))
    return FALSE;
  for (guint e = 0; e < N_EVENTS; e++)
    if (strlen (demo_events[e].code) == len - 3 && strncmp (token + 1, demo_events[e].code, len - 3) == 0)
      {
        *event = e;
        return TRUE;
      }
  return FALSE;
}

/* Reads the path table, and finds for each state the first path that
 * reaches it: the first orders are left in every state once. */
static gboolean
compile_paths (DemoLoad *L, GError **error)
{
  for (guint p = 0; p < G_N_ELEMENTS (demo_paths); p++)
    {
      g_auto(GStrv) tokens = g_strsplit (demo_paths[p].steps, " ", -1);
      DemoPath *path = &L->paths[p];
      gboolean want_event = TRUE;

      for (char **t = tokens; *t; t++)
        {
          DemoEvent *event = &path->events[path->n_steps];
          gboolean ok;

          if (**t == '\0')
            continue;
          /* "-event->" then a state; only the first event creates the order. */
          if (want_event)
            ok = path->n_steps < DEMO_MAX_STEPS && lookup_event (*t, event)
                 && (*event == EV_RECEIVED || *event == EV_CALL_LOGGED) == (path->n_steps == 0);
          else
            ok = wx_workflow_state_from_code (*t, &path->states[path->n_steps++]);
          if (!ok)
            {
              g_set_error (error, WX_DB_ERROR, WX_DB_ERROR_FAILED,
                           _("The demo path “%s” cannot be read at “%s”."), demo_paths[p].name, *t);
              return FALSE;
            }
          if (want_event && *event == EV_QUOTE)
            path->has_quote = TRUE;
          want_event = !want_event;
        }
      if (!want_event || path->n_steps == 0)
        {
          g_set_error (error, WX_DB_ERROR, WX_DB_ERROR_FAILED,
                       _("The demo path “%s” does not end in a state."), demo_paths[p].name);
          return FALSE;
        }
    }

  for (guint s = 0; s < WX_N_ORDER_STATES; s++)
    {
      gboolean found = FALSE;

      for (guint p = 0; p < G_N_ELEMENTS (demo_paths) && !found; p++)
        for (guint k = 0; k < L->paths[p].n_steps && !found; k++)
          if (L->paths[p].states[k] == s)
            {
              L->forced_path[s] = p;
              L->forced_step[s] = k;
              found = TRUE;
            }
      if (!found)
        {
          g_set_error (error, WX_DB_ERROR, WX_DB_ERROR_FAILED,
                       _("No demo path reaches the state “%s”."), wx_order_state_to_code (s));
          return FALSE;
        }
    }
  return TRUE;
}

/* ------------------------------------------------------------------ calendar */

static gint64
local_day (DemoLoad *L, gint64 unix_time)
{
  gint interval = g_time_zone_find_interval (L->tz, G_TIME_TYPE_UNIVERSAL, unix_time);
  gint64 local = unix_time + g_time_zone_get_offset (L->tz, MAX (interval, 0));

  return local >= 0 ? local / 86400 : (local - 86399) / 86400;
}

static int
local_year (DemoLoad *L, gint64 unix_time)
{
  int y;
  guint m, d;

  civil_from_days (local_day (L, unix_time), &y, &m, &d);
  return y;
}

static gint64
local_unix (DemoLoad *L, gint64 day, int minutes)
{
  int y;
  guint m, d;
  g_autoptr(GDateTime) dt = NULL;

  civil_from_days (day, &y, &m, &d);
  dt = g_date_time_new (L->tz, y, (int) m, (int) d, minutes / 60, minutes % 60, 0);
  return dt ? g_date_time_to_unix (dt) : 0;
}

static int
minutes_value (PGresult *res, int row, int col)
{
  return PQgetisnull (res, row, col) ? -1 : atoi (PQgetvalue (res, row, col));
}

/* The shop's opening periods (business_hours, holidays and make-up days of
 * calendar_days) from eight weeks before `now` on. Positions on this
 * calendar count business seconds, so steps land in opening hours. */
static gboolean
build_calendar (DemoLoad *L, GError **error)
{
  int opens[8], closes[8];
  g_autoptr(GHashTable) exceptions = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) exception_days = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) exception_hours = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(PGresult) hours = NULL;
  g_autoptr(PGresult) special = NULL;
  g_autofree char *first_s = NULL;
  g_autofree char *last_s = NULL;
  gint64 first_day = L->today - DEMO_WINDOW_DAYS;
  gint64 last_day = L->today + DEMO_FUTURE_DAYS;
  gint64 before = 0;
  gboolean any_hours = FALSE;
  const char *params[2];

  hours = wx_db_query (L->conn,
                       "SELECT weekday, (extract(epoch FROM opens) / 60)::int, (extract(epoch FROM closes) / 60)::int"
                       "  FROM business_hours", 0, NULL, error);
  if (hours == NULL)
    return FALSE;
  for (int w = 0; w < 8; w++)
    opens[w] = closes[w] = -1;
  for (int i = 0; i < PQntuples (hours); i++)
    {
      int w = atoi (PQgetvalue (hours, i, 0));

      if (w >= 1 && w <= 7)
        {
          opens[w] = minutes_value (hours, i, 1);
          closes[w] = minutes_value (hours, i, 2);
          any_hours = TRUE;
        }
    }
  if (!any_hours)   /* the default of 004_defaults.sql: Monday to Saturday 09:00–18:00 */
    for (int w = 1; w <= 6; w++)
      {
        opens[w] = 9 * 60;
        closes[w] = 18 * 60;
      }
  /* A make-up working day without hours of its own keeps Monday's. */
  opens[0] = opens[1] >= 0 ? opens[1] : 9 * 60;
  closes[0] = closes[1] >= 0 ? closes[1] : 18 * 60;

  first_s = g_strdup_printf ("%" G_GINT64_FORMAT, first_day);
  last_s = g_strdup_printf ("%" G_GINT64_FORMAT, last_day);
  params[0] = first_s;
  params[1] = last_s;
  special = wx_db_query (L->conn,
                         "SELECT day - DATE '1970-01-01', kind = 'workday',"
                         "       (extract(epoch FROM opens) / 60)::int, (extract(epoch FROM closes) / 60)::int"
                         "  FROM calendar_days"
                         " WHERE day BETWEEN DATE '1970-01-01' + $1::int AND DATE '1970-01-01' + $2::int",
                         2, params, error);
  if (special == NULL)
    return FALSE;
  g_array_set_size (exception_days, PQntuples (special));
  for (int i = 0; i < PQntuples (special); i++)
    {
      gboolean workday = g_str_equal (PQgetvalue (special, i, 1), "t");
      int open = workday ? minutes_value (special, i, 2) : -1;
      int close = workday ? minutes_value (special, i, 3) : -1;

      g_array_index (exception_days, gint64, i) = g_ascii_strtoll (PQgetvalue (special, i, 0), NULL, 10);
      if (workday && open < 0)
        {
          open = opens[0];
          close = closes[0];
        }
      g_array_append_val (exception_hours, open);
      g_array_append_val (exception_hours, close);
    }
  for (guint i = 0; i < exception_days->len; i++)
    g_hash_table_insert (exceptions, &g_array_index (exception_days, gint64, i), GUINT_TO_POINTER (i + 1));

  for (gint64 day = first_day; day <= last_day; day++)
    {
      int weekday = (int) ((day % 7 + 7 + 3) % 7) + 1;   /* ISO: 1970-01-01 was a Thursday */
      int open = opens[weekday];
      int close = closes[weekday];
      guint exception = GPOINTER_TO_UINT (g_hash_table_lookup (exceptions, &day));
      DemoDay d;

      if (exception > 0)
        {
          open = g_array_index (exception_hours, int, 2 * (exception - 1));
          close = g_array_index (exception_hours, int, 2 * (exception - 1) + 1);
        }
      if (open < 0 || close <= open)
        continue;
      d.open = local_unix (L, day, open);
      d.length = local_unix (L, day, close) - d.open;
      d.before = before;
      if (d.open == 0 || d.length <= 0 || d.length > 86400)
        continue;   /* a time that does not exist on that day (daylight saving) */
      g_array_append_val (L->days, d);
      before += d.length;
      if (d.open < L->now)
        L->pos_now = d.before + MIN (d.length, L->now - d.open);
    }
  if (L->pos_now < 3600)
    {
      g_set_error_literal (error, WX_DB_ERROR, WX_DB_ERROR_INVALID,
                           _("The shop's business hours leave no working time in the eight weeks before the chosen date, so no demo orders can be placed in them."));
      return FALSE;
    }
  return TRUE;
}

/* The moment `pos` business seconds after the first opening. */
static gint64
calendar_time (DemoLoad *L, gint64 pos)
{
  const DemoDay *days = (const DemoDay *) L->days->data;
  guint lo = 0, hi = L->days->len;

  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;

      if (days[mid].before <= pos)
        lo = mid;
      else
        hi = mid;
    }
  return days[lo].open + (pos - days[lo].before);
}

/* The calendar position of a moment (the opening if the shop is closed then). */
static gint64
calendar_pos (DemoLoad *L, gint64 unix_time)
{
  const DemoDay *days = (const DemoDay *) L->days->data;
  guint lo = 0, hi = L->days->len;

  while (hi - lo > 1)
    {
      guint mid = (lo + hi) / 2;

      if (days[mid].open <= unix_time)
        lo = mid;
      else
        hi = mid;
    }
  return days[lo].before + CLAMP (unix_time - days[lo].open, 0, days[lo].length);
}

/* Business seconds from one step to the next. */
static gint64
step_delay (DemoLoad *L, DemoEvent event)
{
  const DemoEventSpec *e = &demo_events[event];
  gboolean slow = rnd_chance (L->rand, DEMO_SLOW_SHARE);
  gint64 minutes = slow ? rnd_between (L->rand, e->slow_min, e->slow_max)
                        : rnd_between (L->rand, e->fast_min, e->fast_max);

  return MAX (1, minutes) * 60 + rnd_below (L->rand, 60);
}

/* ------------------------------------------------------------------ people and units */

static const char *
keep (GStringChunk *chunk, GString *text)
{
  return g_string_chunk_insert (chunk, text->str);
}

static const char *
fill_pattern (DemoLoad *L, const char *pattern)
{
  static const char letters[] = "ABCDEFGHJKLMNPQRSTUVWXYZ";
  static const char alnum[] = "0123456789BCDFGHJKLMNPQRSTVWXYZ";

  g_string_truncate (L->text, 0);
  for (const char *p = pattern; *p; p++)
    switch (*p)
      {
      case '@': g_string_append_c (L->text, letters[rnd_below (L->rand, sizeof letters - 1)]); break;
      case '#': g_string_append_c (L->text, (char) ('0' + rnd_below (L->rand, 10))); break;
      case '*': g_string_append_c (L->text, alnum[rnd_below (L->rand, sizeof alnum - 1)]); break;
      default:  g_string_append_c (L->text, *p); break;
      }
  return keep (L->strings, L->text);
}

static const char *
make_person (DemoLoad *L, GStringChunk *chunk, const DemoWord **surname, const DemoWord **given)
{
  *surname = &RND_ITEM (L->rand, demo_surnames);
  *given = &RND_ITEM (L->rand, demo_given_names);
  g_string_assign (L->text, (*surname)->hanzi);
  g_string_append (L->text, (*given)->hanzi);
  return keep (chunk, L->text);
}

static const char *
make_mobile (DemoLoad *L, GStringChunk *chunk)
{
  g_string_assign (L->text, RND_ITEM (L->rand, demo_mobile_prefixes));
  append_digits (L->text, (guint) rnd_between (L->rand, 0, 99999999), 8);
  return keep (chunk, L->text);
}

static const char *
make_landline (DemoLoad *L)
{
  static const char first_digits[] = "2368";

  g_string_assign (L->text, "020-");
  g_string_append_c (L->text, first_digits[rnd_below (L->rand, sizeof first_digits - 1)]);
  append_digits (L->text, (guint) rnd_between (L->rand, 0, 9999999), 7);
  return keep (L->strings, L->text);
}

static const char *
make_email (DemoLoad *L, const DemoWord *surname, const DemoWord *given, const char *domain)
{
  static const char * const mail_hosts[] = { "@163.com", "@126.com", "@139.com", "@sina.com" };
  guint style = rnd_below (L->rand, domain ? 3 : 2);

  g_string_truncate (L->text, 0);
  if (style == 0)
    {
      append_int (L->text, rnd_between (L->rand, 10000, 2999999999));
      g_string_append (L->text, "@qq.com");
    }
  else
    {
      g_string_append (L->text, surname->pinyin);
      g_string_append (L->text, style == 2 ? "." : "");
      g_string_append (L->text, given->pinyin);
      if (style == 1)
        {
          append_int (L->text, rnd_between (L->rand, 1, 99));
          g_string_append (L->text, RND_ITEM (L->rand, mail_hosts));
        }
      else
        {
          g_string_append_c (L->text, '@');
          g_string_append (L->text, domain);
        }
    }
  return keep (L->strings, L->text);
}

/* 广州市天河区宏达贸易有限公司, 广州岭南职业技术学院, 广州市海珠区人民医院. */
static const char *
make_unit_name (DemoLoad *L, DemoCustomer *c)
{
  for (guint attempt = 0; ; attempt++)
    {
      guint form = rnd_below (L->rand, 100);

      c->district = rnd_below (L->rand, G_N_ELEMENTS (demo_districts));
      c->pinyin = NULL;
      if (form < 65)
        {
          const DemoWord *trade = &RND_ITEM (L->rand, demo_trade_names);

          g_string_assign (L->text, "广州市");
          g_string_append (L->text, demo_districts[c->district].district);
          g_string_append (L->text, trade->hanzi);
          g_string_append (L->text, RND_ITEM (L->rand, demo_company_kinds));
          c->pinyin = trade->pinyin;
        }
      else if (form < 80)
        {
          const DemoWord *name = &RND_ITEM (L->rand, demo_institution_names);

          g_string_assign (L->text, "广州");
          g_string_append (L->text, name->hanzi);
          g_string_append (L->text, RND_ITEM (L->rand, demo_institution_kinds));
          c->pinyin = name->pinyin;
        }
      else
        {
          g_string_assign (L->text, "广州市");
          g_string_append (L->text, demo_districts[c->district].district);
          g_string_append (L->text, RND_ITEM (L->rand, demo_district_units));
        }
      if (!g_hash_table_contains (L->unit_names, L->text->str))
        break;
      /* Many customers outnumber the names: then branches of the same unit. */
      if (attempt >= 8)
        {
          gsize len = L->text->len;

          for (guint b = 1; b <= G_N_ELEMENTS (demo_districts); b++)
            {
              const char *branch = demo_districts[(c->district + b) % G_N_ELEMENTS (demo_districts)].district;

              g_string_truncate (L->text, len);
              g_string_append_len (L->text, branch, strlen (branch) - strlen ("区"));
              g_string_append (L->text, form < 65 ? "分公司" : "分部");
              if (!g_hash_table_contains (L->unit_names, L->text->str))
                break;
            }
          break;
        }
    }
  c->unit_name = keep (L->strings, L->text);
  g_hash_table_add (L->unit_names, (gpointer) c->unit_name);
  return c->unit_name;
}

static const char *
make_address (DemoLoad *L, guint district)
{
  const DemoDistrict *d = &demo_districts[district];
  guint n_streets = 0;

  while (n_streets < G_N_ELEMENTS (d->streets) && d->streets[n_streets])
    n_streets++;
  g_string_assign (L->text, "广州市");
  g_string_append (L->text, d->district);
  g_string_append (L->text, d->streets[rnd_below (L->rand, n_streets)]);
  g_string_append_c (L->text, ' ');
  append_int (L->text, rnd_between (L->rand, 1, 688));
  g_string_append (L->text, " 号");
  if (rnd_chance (L->rand, 0.6))
    {
      g_string_append_c (L->text, ' ');
      g_string_append (L->text, RND_ITEM (L->rand, demo_buildings));
      g_string_append_c (L->text, ' ');
      append_int (L->text, rnd_between (L->rand, 2, 38));
      append_digits (L->text, (guint) rnd_between (L->rand, 1, 20), 2);
      g_string_append (L->text, " 室");
    }
  return keep (L->strings, L->text);
}

static void
make_devices (DemoLoad *L, DemoCustomer *c)
{
  guint weights[G_N_ELEMENTS (demo_models)];

  for (guint i = 0; i < G_N_ELEMENTS (demo_models); i++)
    weights[i] = demo_models[i].weight * demo_categories[demo_models[i].category].weight;

  c->first_device = L->devices->len;
  c->n_devices = c->is_contract ? (guint) rnd_between (L->rand, 3, 6) : (guint) rnd_between (L->rand, 1, 3);
  for (guint i = 0; i < c->n_devices; i++)
    {
      DemoDevice d = { 0 };
      const DemoModel *m;
      gint64 age = rnd_between (L->rand, DEMO_WINDOW_DAYS + 10, 2400);   /* bought before any order */
      int years = rnd_chance (L->rand, 0.6) ? 1 : 3;
      int y;
      guint mo, da;

      d.model_index = rnd_weighted (L->rand, weights, G_N_ELEMENTS (weights));
      m = &demo_models[d.model_index];
      d.customer_id = c->id;
      d.category = demo_categories[m->category].code;
      d.brand = m->brand;
      d.model = m->model;
      d.serial = fill_pattern (L, m->serial);
      d.asset_number = c->asset_pattern ? fill_pattern (L, c->asset_pattern) : "";
      d.purchase_date = L->today - age;
      d.warranty_evidence = RND_WEIGHTED (L->rand, demo_evidence, demo_evidence_weights);
      civil_from_days (d.purchase_date, &y, &mo, &da);
      d.warranty_expires = days_from_civil (y + years, mo, mo == 2 && da == 29 ? 28 : da) - 1;
      /* Registered when first seen, before the orders of the window. */
      d.created_at = MAX (c->created_at, local_unix (L, d.purchase_date, 12 * 60)) + rnd_between (L->rand, 0, 5 * 86400);
      d.created_at = MIN (d.created_at, g_array_index (L->days, DemoDay, 0).open - 3600);
      g_array_append_val (L->devices, d);
    }
}

static gboolean
make_customers (DemoLoad *L, GError **error)
{
  guint n = MAX (20, L->n_orders / 4);
  guint n_devices = 0;
  g_autoptr(GArray) runs = NULL;
  gsize run = 0;
  gint64 cursor = 0;

  runs = reserve_ids (L, "customers", n, error);
  if (runs == NULL)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      DemoCustomer c = { 0 };
      const DemoWord *surname, *given;

      c.id = next_id (runs, &run, &cursor);
      make_unit_name (L, &c);
      c.address = make_address (L, c.district);
      c.city = "广州";
      c.contact_person = make_person (L, L->strings, &surname, &given);
      c.mobile = rnd_chance (L->rand, 0.85) ? make_mobile (L, L->strings) : NULL;
      c.phone = c.mobile == NULL || rnd_chance (L->rand, 0.6) ? make_landline (L) : NULL;
      c.fax = c.phone && rnd_chance (L->rand, 0.25) ? make_landline (L) : NULL;
      if (rnd_chance (L->rand, 0.45))
        {
          const char *domain = NULL;

          if (c.pinyin)
            {
              g_string_printf (L->text, "%s.com.cn", c.pinyin);
              domain = keep (L->strings, L->text);
            }
          c.email = make_email (L, surname, given, domain);
        }
      c.is_contract = i % 5 == 2;   /* one customer in five has a service contract */
      c.notes = c.is_contract ? "合同客户，月结" : "";
      c.created_at = L->now - (DEMO_WINDOW_DAYS + rnd_between (L->rand, 1, 1500)) * 86400 - rnd_below (L->rand, 86400);
      c.asset_pattern = rnd_chance (L->rand, 0.7) ? RND_ITEM (L->rand, demo_asset_patterns) : NULL;
      make_devices (L, &c);
      if (c.is_contract)
        g_array_append_val (L->contract_customers, i);
      g_array_append_val (L->customers, c);
    }

  n_devices = L->devices->len;
  g_clear_pointer (&runs, g_array_unref);
  runs = reserve_ids (L, "devices", n_devices, error);
  if (runs == NULL)
    return FALSE;
  run = 0;
  cursor = 0;
  for (guint i = 0; i < n_devices; i++)
    g_array_index (L->devices, DemoDevice, i).id = next_id (runs, &run, &cursor);

  for (guint i = 0; i < n; i++)
    put_row (L, T_CUSTOMERS, &g_array_index (L->customers, DemoCustomer, i));
  for (guint i = 0; i < n_devices; i++)
    put_row (L, T_DEVICES, &g_array_index (L->devices, DemoDevice, i));
  return flush_table (L, T_CUSTOMERS, error) && flush_table (L, T_DEVICES, error);
}

/* ------------------------------------------------------------------ staff and suppliers */

static gboolean
ensure_staff (DemoLoad *L, GError **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (demo_staff); i++)
    {
      const DemoStaff *s = &demo_staff[i];
      const char *params[2] = { s->role, s->phone };

      if (!wx_db_staff_ensure (L->conn, s->role, s->full_name, s->roles, error))
        return FALSE;
      if (!wx_db_execute (L->conn, "UPDATE staff SET phone = $2 WHERE role_name = $1 AND phone IS NULL",
                          2, params, error))
        return FALSE;

      if (s->roles & WX_ROLE_COORDINATOR)
        L->coordinators[L->n_coordinators++] = s->role;
      if (s->roles & WX_ROLE_ENGINEER)
        L->engineers[L->n_engineers++] = s->role;
      if (s->roles & WX_ROLE_SUPERVISOR)
        L->supervisor = s->role;
    }
  return TRUE;
}

static gboolean
ensure_suppliers (DemoLoad *L, GError **error)
{
  g_autoptr(PGresult) res = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (demo_suppliers); i++)
    {
      const DemoSupplierSpec *s = &demo_suppliers[i];
      const char *params[5] = { s->name, s->kind, s->address, s->phone, s->contact };

      if (!wx_db_execute (L->conn,
                          "INSERT INTO suppliers (name, kind, address, phone, contact)"
                          " SELECT $1::text, $2::text, $3::text, $4::text, $5::text"
                          "  WHERE NOT EXISTS (SELECT 1 FROM suppliers WHERE name = $1::text)",
                          5, params, error))
        return FALSE;
    }
  res = wx_db_query (L->conn, "SELECT id, name, kind FROM suppliers ORDER BY id", 0, NULL, error);
  if (res == NULL)
    return FALSE;
  for (int i = 0; i < PQntuples (res); i++)
    {
      DemoSupplier s = { g_ascii_strtoll (PQgetvalue (res, i, 0), NULL, 10),
                         g_string_chunk_insert (L->strings, PQgetvalue (res, i, 1)) };
      const char *kind = PQgetvalue (res, i, 2);

      if (!g_str_equal (kind, "supplier"))
        g_array_append_val (L->peers, s);
      if (!g_str_equal (kind, "peer_shop"))
        g_array_append_val (L->vendors, s);
    }
  return TRUE;
}

/* The parts catalogue, once: each part from a supplier, its stock received. */
static gboolean
ensure_parts (DemoLoad *L, GError **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (demo_catalog); i++)
    {
      const DemoCatalogPart *p = &demo_catalog[i];
      g_autofree char *price = g_strdup_printf ("%" G_GINT64_FORMAT, p->price);
      g_autofree char *cost = g_strdup_printf ("%" G_GINT64_FORMAT, p->cost);
      g_autofree char *stock = g_strdup_printf ("%d", p->stock);
      g_autofree char *min = g_strdup_printf ("%d", p->min_stock);
      g_autofree char *supplier = L->vendors->len
        ? g_strdup_printf ("%" G_GINT64_FORMAT, g_array_index (L->vendors, DemoSupplier, i % L->vendors->len).id)
        : NULL;
      const char *params[] = { p->part_number, p->name, p->category, price, cost, min, supplier };
      g_autofree char *id = NULL;
      GError *local = NULL;

      id = wx_db_query_value (L->conn,
             "INSERT INTO parts (part_number, name, category, unit_price, cost, min_stock, supplier_id)"
             " VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (part_number) DO NOTHING RETURNING id",
             7, params, &local);
      if (local)
        {
          g_propagate_error (error, local);
          return FALSE;
        }
      if (id && p->stock > 0)
        {
          const char *receive[] = { id, stock };

          if (!wx_db_execute (L->conn,
                "INSERT INTO stock_movements (part_id, kind, quantity, note) VALUES ($1, 'receive', $2, '期初库存')",
                2, receive, error))
            return FALSE;
        }
    }
  return TRUE;
}

/* ------------------------------------------------------------------ planning */

static guint
pick_path (DemoLoad *L, WxOrderKind kind, gboolean covered)
{
  guint weights[G_N_ELEMENTS (demo_paths)];

  for (guint p = 0; p < G_N_ELEMENTS (demo_paths); p++)
    weights[p] = demo_paths[p].kind != kind ? 0
               : covered ? demo_paths[p].covered_weight : demo_paths[p].weight;
  return rnd_weighted (L->rand, weights, G_N_ELEMENTS (weights));
}

/* A customer and, unless it is a sale, one of its machines that suits the kind. */
static void
pick_machine (DemoLoad *L, WxOrderKind kind, DemoOrder *o)
{
  const DemoCustomer *c;
  guint weights[8];

  if (L->contract_customers->len > 0 && rnd_chance (L->rand, 0.25))
    o->customer = g_array_index (L->contract_customers, guint,
                                 rnd_below (L->rand, L->contract_customers->len));
  else
    o->customer = rnd_below (L->rand, L->customers->len);
  c = &g_array_index (L->customers, DemoCustomer, o->customer);
  o->device = -1;
  if (kind == WX_ORDER_KIND_SALE)
    return;
  for (guint i = 0; i < c->n_devices && i < G_N_ELEMENTS (weights); i++)
    {
      const DemoDevice *d = &g_array_index (L->devices, DemoDevice, c->first_device + i);
      const DemoCategorySpec *cat = &demo_categories[demo_models[d->model_index].category];

      weights[i] = kind == WX_ORDER_KIND_ON_SITE ? cat->on_site : cat->carry_in;
    }
  o->device = (gint) (c->first_device + rnd_weighted (L->rand, weights, MIN (c->n_devices, G_N_ELEMENTS (weights))));
}

static DemoWarranty
warranty_of (DemoLoad *L, const DemoOrder *o)
{
  const DemoCustomer *c = &g_array_index (L->customers, DemoCustomer, o->customer);
  const DemoDevice *d;
  gboolean in_time;

  if (o->device < 0)
    return WARRANTY_NONE;
  d = &g_array_index (L->devices, DemoDevice, o->device);
  in_time = d->warranty_expires >= local_day (L, o->received);
  if (in_time && !g_str_equal (d->warranty_evidence, "none"))
    return WARRANTY_IN;
  if (c->is_contract)
    return WARRANTY_CONTRACT;
  return in_time ? WARRANTY_UNKNOWN : WARRANTY_OUT;
}

/* A return repair brings back a machine an earlier order already had. */
static void
pick_return (DemoLoad *L, guint i, DemoOrder *o, gint64 received_pos, const gint64 *positions)
{
  for (guint attempt = 0; i > 0 && attempt < 8; attempt++)
    {
      const DemoOrder *earlier = &L->orders[rnd_below (L->rand, i)];

      if (earlier->device >= 0 && positions[earlier->seq] < received_pos)
        {
          o->customer = earlier->customer;
          o->device = earlier->device;
          o->fault = earlier->fault;
          o->return_repair = TRUE;
          return;
        }
    }
}

static guint
pick_fault (DemoLoad *L, const DemoOrder *o)
{
  DemoCategory cat;

  if (o->device < 0)
    return 0;
  cat = demo_models[g_array_index (L->devices, DemoDevice, o->device).model_index].category;
  return L->category_faults[cat][rnd_below (L->rand, L->n_category_faults[cat])];
}

/* Order i: the first WX_N_ORDER_STATES orders are left in each state once
 * and received just long enough ago; the others are received at random in
 * the window and go along their path as far as time allows, so older
 * receipts are mostly closed. */
static void
plan_order (DemoLoad *L, guint i, gint64 *received_pos)
{
  DemoOrder *o = &L->orders[i];
  gboolean forced = i < WX_N_ORDER_STATES;
  gint64 pos[DEMO_MAX_STEPS];
  const DemoPath *path;
  WxOrderKind kind;

  memset (o, 0, sizeof *o);
  o->seq = i;
  o->coordinator = rnd_below (L->rand, L->n_coordinators);
  o->engineer = rnd_below (L->rand, L->n_engineers);
  /* The first engineer has a machine at every shelf and stage: the bench
   * window's demo (the others get theirs at random). */
  if (forced)
    o->engineer = 0;

  if (forced)
    {
      guint k = L->forced_step[i];
      gint64 room, slack;

      o->path = L->forced_path[i];
      path = &L->paths[o->path];
      kind = demo_paths[o->path].kind;
      pick_machine (L, kind, o);
      o->fault = pick_fault (L, o);
      pos[0] = 0;
      for (guint s = 1; s < path->n_steps; s++)
        pos[s] = pos[s - 1] + step_delay (L, path->events[s]);
      room = L->pos_now - pos[k];
      if (room < 0)
        {
          double squeeze = (double) L->pos_now / (double) (pos[k] + 1);

          for (guint s = 1; s < path->n_steps; s++)
            pos[s] = (gint64) ((double) pos[s] * squeeze);
          room = L->pos_now - pos[k];
        }
      /* Recently enough that the next step is still to come. */
      slack = MIN (room, 2 * 9 * 3600);
      if (k + 1 < path->n_steps)
        slack = MIN (slack, pos[k + 1] - pos[k] - 1);
      slack = rnd_between (L->rand, MIN (1, slack), slack);   /* strictly before now */
      for (guint s = 0; s < path->n_steps; s++)
        pos[s] += room - slack;
      o->n_done = k + 1;
      o->received = calendar_time (L, pos[0]);
      o->warranty = warranty_of (L, o);
    }
  else
    {
      pos[0] = rnd_between (L->rand, 0, L->pos_now - 1);
      o->received = calendar_time (L, pos[0]);
      kind = rnd_weighted (L->rand, demo_kind_weights, G_N_ELEMENTS (demo_kind_weights));
      pick_machine (L, kind, o);
      o->fault = pick_fault (L, o);
      if (kind == WX_ORDER_KIND_CARRY_IN && rnd_chance (L->rand, DEMO_RETURN_SHARE))
        pick_return (L, i, o, pos[0], received_pos);
      o->warranty = warranty_of (L, o);
      o->path = pick_path (L, kind, o->warranty == WARRANTY_IN || o->warranty == WARRANTY_CONTRACT);
      path = &L->paths[o->path];
      o->n_done = 1;
      for (guint s = 1; s < path->n_steps; s++)
        {
          pos[s] = pos[s - 1] + step_delay (L, path->events[s]);
          if (pos[s] < L->pos_now)
            o->n_done = s + 1;
        }
      if (o->n_done > 1 && rnd_chance (L->rand, DEMO_STALL_SHARE))
        o->n_done = 1 + rnd_below (L->rand, o->n_done);
    }

  received_pos[i] = pos[0];
  o->times = L->times->len;
  for (guint s = 0; s < path->n_steps; s++)
    {
      gint64 t = calendar_time (L, pos[s]);
      g_array_append_val (L->times, t);
    }
}

static int
compare_orders (gconstpointer a, gconstpointer b)
{
  const DemoOrder *x = a, *y = b;

  if (x->received != y->received)
    return x->received < y->received ? -1 : 1;
  return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Ids and numbers in the order of receipt: numbers continue each year's
 * counter, which stays locked until the load commits. */
static gboolean
number_orders (DemoLoad *L, GError **error)
{
  g_autoptr(GArray) runs = NULL;
  g_autoptr(GArray) years = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GArray) lasts = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GString) year_list = g_string_new ("{");
  g_autoptr(PGresult) res = NULL;
  const char *params[2];
  gsize run = 0;
  gint64 cursor = 0;

  runs = reserve_ids (L, "service_orders", L->n_orders, error);
  if (runs == NULL)
    return FALSE;

  for (guint i = 0; i < L->n_orders; i++)
    {
      int y = local_year (L, L->orders[i].received);

      if (years->len == 0 || g_array_index (years, int, years->len - 1) != y)
        {
          g_array_append_val (years, y);
          g_string_append_printf (year_list, "%s%d", years->len > 1 ? "," : "", y);
        }
    }
  g_string_append_c (year_list, '}');
  params[0] = year_list->str;
  if (!wx_db_execute (L->conn,
                      "INSERT INTO order_number_counters (year, last)"
                      " SELECT y, 0 FROM unnest($1::int[]) AS y ON CONFLICT (year) DO NOTHING",
                      1, params, error))
    return FALSE;
  res = wx_db_query (L->conn,
                     "SELECT year, last FROM order_number_counters WHERE year = ANY ($1::int[])"
                     " ORDER BY year FOR UPDATE", 1, params, error);
  if (res == NULL)
    return FALSE;
  g_array_set_size (lasts, years->len);
  for (guint y = 0; y < years->len; y++)
    for (int r = 0; r < PQntuples (res); r++)
      if (atoi (PQgetvalue (res, r, 0)) == g_array_index (years, int, y))
        g_array_index (lasts, gint64, y) = g_ascii_strtoll (PQgetvalue (res, r, 1), NULL, 10);

  for (guint i = 0, y = 0; i < L->n_orders; i++)
    {
      DemoOrder *o = &L->orders[i];
      int year = local_year (L, o->received);
      char *number;

      while (g_array_index (years, int, y) != year)
        y++;
      number = wx_order_number_format (L->prefix, year, ++g_array_index (lasts, gint64, y), L->digits, error);
      if (number == NULL)
        return FALSE;
      o->number = g_string_chunk_insert (L->strings, number);
      o->id = next_id (runs, &run, &cursor);
      g_free (number);
    }

  for (guint y = 0; y < years->len; y++)
    {
      g_autofree char *year = g_strdup_printf ("%d", g_array_index (years, int, y));
      g_autofree char *last = g_strdup_printf ("%" G_GINT64_FORMAT, g_array_index (lasts, gint64, y));

      params[0] = year;
      params[1] = last;
      if (!wx_db_execute (L->conn,
                          "INSERT INTO order_number_counters AS c (year, last) VALUES ($1::int, $2::bigint)"
                          " ON CONFLICT (year) DO UPDATE SET last = greatest (c.last, excluded.last)",
                          2, params, error))
        return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------ replay */

static gint64
round_price (gint64 fen)
{
  return MAX (1000, (fen + 500) / 1000 * 1000);   /* whole tens of yuan */
}

static void
add_line (DemoReplay *R, const char *kind, const char *part_number, const char *description,
          gint64 quantity, gint64 unit_price)
{
  DemoQuoteLineRow *l = &R->lines[R->n_lines++];

  l->order_id = R->row.id;
  l->position = R->n_lines;
  l->kind = kind;
  l->part_number = part_number ? part_number : "";
  l->description = description;
  l->quantity = quantity;
  l->unit_price = unit_price;
  R->total += quantity * unit_price;
}

/* The order's price lines: parts and labour of the fault (plus the visit for
 * on-site orders), or the items of a sale. */
static void
price_order (DemoLoad *L, DemoReplay *R)
{
  if (R->priced)
    return;
  R->priced = TRUE;
  if (R->fault == NULL)
    {
      guint n = 1 + rnd_below (L->rand, 3);
      guint first = rnd_below (L->rand, G_N_ELEMENTS (demo_sale_items));

      for (guint i = 0; i < n; i++)
        {
          const DemoSaleItem *item = &demo_sale_items[(first + i * 5) % G_N_ELEMENTS (demo_sale_items)];

          add_line (R, "item", item->part_number, item->name,
                    rnd_between (L->rand, 1, item->max_quantity), item->price);
        }
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (R->fault->parts) && R->fault->parts[i].name; i++)
    add_line (R, "part", R->fault->parts[i].part_number, R->fault->parts[i].name, 1,
              round_price (R->fault->parts[i].price * rnd_between (L->rand, 90, 120) / 100));
  add_line (R, "labour", NULL, "检测维修费", 1,
            round_price (R->fault->labour * rnd_between (L->rand, 80, 130) / 100));
  if (g_str_equal (R->row.kind, "on_site") && !R->customer->is_contract)
    add_line (R, "fee", NULL, "上门服务费", 1, round_price (rnd_between (L->rand, 5000, 15000)));
}

/* The parts (or the items sold) as the form's parts field lists them. */
static const char *
parts_text (DemoLoad *L, DemoReplay *R)
{
  g_string_truncate (L->text, 0);
  for (guint i = 0; i < R->n_lines; i++)
    if (g_str_equal (R->lines[i].kind, "part") || g_str_equal (R->lines[i].kind, "item"))
      g_string_append_printf (L->text, "%s%s（%s）×%" G_GINT64_FORMAT, L->text->len ? "；" : "",
                              R->lines[i].description, R->lines[i].part_number, R->lines[i].quantity);
  return L->text->len ? keep (L->scratch, L->text) : "无需更换备件";
}

static const char *
role_of (DemoLoad *L, const DemoReplay *R, DemoActor actor)
{
  switch (actor)
    {
    case ACTOR_ENGINEER:
      return L->engineers[R->plan->engineer];
    case ACTOR_SUPERVISOR:
      return L->supervisor;
    case ACTOR_COORDINATOR:
    default:
      /* Mostly whoever took the order (首问负责); sometimes the other desk. */
      return L->coordinators[rnd_chance (L->rand, 0.85) ? R->plan->coordinator
                                                        : rnd_below (L->rand, L->n_coordinators)];
    }
}

/* Paying at pickup, delivery or on-site acceptance. */
static void
settle (DemoLoad *L, DemoReplay *R, gint64 at, const char *actor)
{
  DemoOrderRow *r = &R->row;
  gboolean declined = r->decision && g_str_equal (r->decision, "decline");
  gint64 amount = 0;   /* a declined machine goes back free of charge */
  const char *note = "";

  if (!declined && r->quote_total >= 0)
    amount = r->quote_total;
  else if (!declined && g_str_equal (r->kind, "on_site") &&
           R->plan->warranty != WARRANTY_IN && R->plan->warranty != WARRANTY_CONTRACT)
    {
      amount = round_price (rnd_between (L->rand, 5000, 15000));
      note = "上门服务费";
    }

  if (amount == 0)
    r->payment_status = R->customer->is_contract ? "on_account" : "free";
  else if (R->customer->is_contract || rnd_chance (L->rand, 0.1))
    r->payment_status = "on_account";
  else
    {
      DemoPaymentRow p = { r->id, at, amount,
                           RND_WEIGHTED (L->rand, demo_pay_methods, demo_pay_method_weights), actor, note };

      r->payment_status = "paid";
      put_row (L, T_PAYMENTS, &p);
    }
  /* The amount is the payment's record, not the step's data. */
  json_string (L->json, "payment_status", r->payment_status);
}

static gint64
supplier_id (DemoLoad *L, GArray *list, const char **name)
{
  const DemoSupplier *s;

  if (list->len == 0)
    {
      *name = "";
      return -1;
    }
  s = &g_array_index (list, DemoSupplier, rnd_below (L->rand, list->len));
  *name = s->name;
  return s->id;
}

/* What one event does to the order, and its payload: the step's data as
 * the real step sends it to wx_transition, keyed as the step catalogue
 * says (the keys of its needs and its fills, transitions[] of
 * core/wx-workflow.c), all text (tests/db/test-demo-keys.c). */
static void
apply_event (DemoLoad *L, DemoReplay *R, DemoEvent event, gint64 at, const char *actor)
{
  DemoOrderRow *r = &R->row;
  const char *engineer = L->engineers[R->plan->engineer];
  const char *name;

  switch (event)
    {
    case EV_RECEIVED:
    case EV_CALL_LOGGED:
      /* Intake's event carries no data: the order holds it all. */
      r->received_by = r->owner_role = actor;
      r->received_at = r->created_at = at;
      r->notice_read = r->customer_signed = event == EV_RECEIVED;
      break;

    case EV_DISPATCH_INSPECTION:
    case EV_DISPATCH_REPAIR:
    case EV_DISPATCH_ONSITE:
    case EV_DISPATCH_DELIVERY:
      r->engineer = engineer;
      if (r->dispatched_at == 0)
        r->dispatched_at = at;
      json_string (L->json, "engineer", engineer);
      break;

    case EV_TAKE_BACK:
      r->customer_signed = TRUE;
      r->appearance_check = RND_ITEM (L->rand, demo_appearance);
      json_flag (L->json, "customer_signed", TRUE);
      break;

    case EV_INSPECT:
      price_order (L, R);
      r->inspected_by = actor;
      r->inspected_at = at;
      r->fault_analysis = R->fault->analysis;
      r->measures = R->fault->measures;
      r->parts_needed = parts_text (L, R);
      if (R->path->has_quote)
        {
          r->suggested_price = R->total;
          r->explanation = R->fault->analysis;
        }
      else
        r->explanation = "保修期内，免费维修";
      json_string (L->json, "fault_analysis", r->fault_analysis);
      json_string (L->json, "measures", r->measures);
      json_string (L->json, "parts_needed", r->parts_needed);
      if (r->suggested_price >= 0)
        json_digits (L->json, "suggested_price", r->suggested_price);
      json_string (L->json, "explanation", r->explanation);
      break;

    case EV_QUOTE:
      price_order (L, R);
      for (guint i = 0; i < R->n_lines; i++)
        put_row (L, T_QUOTE_LINES, &R->lines[i]);
      r->quote_total = R->total;
      r->quoted_at = at;
      r->quote_method = R->fault ? RND_WEIGHTED (L->rand, demo_quote_methods, demo_quote_method_weights)
                                 : "in_person";
      if (*r->end_user && rnd_chance (L->rand, 0.5))
        {
          g_string_printf (L->text, "%s（使用人 %s）", r->contact_person, r->end_user);
          r->quote_told = keep (L->scratch, L->text);
        }
      else
        r->quote_told = r->contact_person;
      r->repair_period = R->fault == NULL ? "现货"
                       : R->step + 2 < R->path->n_steps && R->path->events[R->step + 2] == EV_ORDER_PARTS
                       ? "备件到货后 2 个工作日"
                       : RND_ITEM (L->rand, demo_repair_periods);
      json_digits (L->json, "quote_total", r->quote_total);
      json_string (L->json, "quote_method", r->quote_method);
      json_string (L->json, "quote_told", r->quote_told);
      json_string (L->json, "repair_period", r->repair_period);
      break;

    case EV_AGREE:
    case EV_DECLINE:
      {
        /* After the decision clock's limit the step needs a reason and
         * flags the event, as wx_transition does. */
        gboolean late = calendar_pos (L, at) > calendar_pos (L, r->quoted_at) + L->decision_limit;

        r->decision = event == EV_AGREE ? "agree" : "decline";
        r->decided_at = at;
        r->decision_contact = r->contact_person;
        if (event == EV_DECLINE)
          r->decision_reason = RND_ITEM (L->rand, demo_decline_reasons);
        else if (late)
          r->decision_reason = RND_ITEM (L->rand, demo_slow_decisions);
        json_string (L->json, "decision_contact", r->decision_contact);
        if (*r->decision_reason)
          json_string (L->json, "decision_reason", r->decision_reason);
        if (late)
          json_flag (L->json, "late_decision", TRUE);
      }
      break;

    case EV_ORDER_PARTS:
      R->has_part_order = TRUE;
      R->part_order.order_id = r->id;
      R->part_order.cost = -1;
      if (R->n_lines > 0 && g_str_equal (R->lines[0].kind, "part"))
        {
          R->part_order.description = R->lines[0].description;
          R->part_order.cost = R->lines[0].unit_price * 6 / 10;
        }
      else
        {
          g_string_printf (L->text, "%s维修配件", r->product_name);
          R->part_order.description = keep (L->scratch, L->text);
        }
      R->part_order.supplier_id = supplier_id (L, L->vendors, &name);
      R->part_order.ordered_at = at;
      R->part_order.expected_on = local_day (L, at) + rnd_between (L->rand, 2, 6);
      R->part_order.prepaid = rnd_chance (L->rand, 0.3);
      json_string (L->json, "part", R->part_order.description);
      if (R->part_order.supplier_id >= 0)
        json_digits (L->json, "supplier_id", R->part_order.supplier_id);
      json_digits (L->json, "quantity", 1);
      json_date (L->json, "expected_on", R->part_order.expected_on);
      json_flag (L->json, "prepaid", R->part_order.prepaid);
      if (R->part_order.cost >= 0)
        json_digits (L->json, "cost", R->part_order.cost);
      break;

    case EV_PARTS_ARRIVED:
      R->part_order.arrived_at = at;
      break;

    case EV_OUTSOURCE:
      R->has_outsourcing = TRUE;
      R->outsourcing.order_id = r->id;
      R->outsourcing.peer_id = r->peer_id = supplier_id (L, L->peers, &name);
      R->outsourcing.sent_at = at;
      R->outsourcing.followed_by = engineer;
      R->outsourcing.peer_quote = round_price (R->total * rnd_between (L->rand, 40, 70) / 100);
      R->outsourcing.notes = "本店无备件及维修设备，送同行维修，工程师跟单";
      R->outsourcing.returned_at = R->outsourcing.replied_at = 0;
      if (r->peer_id >= 0)
        json_digits (L->json, "peer_id", r->peer_id);
      break;

    case EV_OUTSOURCE_RETURN:
      /* The machine is back: the step has no data of its own. */
      r->repaired_by = engineer;
      r->repaired_at = at;
      R->outsourcing.replied_at = MIN (at, calendar_time (L, calendar_pos (L, R->outsourcing.sent_at)
                                                          + rnd_between (L->rand, 30, 480) * 60));
      R->outsourcing.returned_at = at;
      r->repair_notes = "同行维修完毕，已验机测试正常";
      r->old_parts = R->fault->parts[0].name ? RND_ITEM (L->rand, demo_old_parts) : "none";
      break;

    case EV_REPAIR_DONE:
    case EV_FIX_ON_SITE:
      r->repaired_by = actor;
      r->repaired_at = at;
      r->repair_notes = R->fault->measures;
      if (event == EV_FIX_ON_SITE)
        {
          r->customer_signed = TRUE;
          if (*r->fault_analysis == '\0')
            {
              r->fault_analysis = R->fault->analysis;
              r->measures = R->fault->measures;
            }
        }
      r->old_parts = R->fault->parts[0].name ? RND_ITEM (L->rand, demo_old_parts) : "none";
      json_string (L->json, "repair_notes", r->repair_notes);
      json_string (L->json, "old_parts", r->old_parts);
      if (event == EV_FIX_ON_SITE)
        json_flag (L->json, "customer_signed", TRUE);
      else
        {
          /* The repair record: the machine cleaned, every functional test
           * of its category passed. */
          json_flag (L->json, "cleaned", TRUE);
          json_string (L->json, "functional_tests", L->model_tests[R->device->model_index]);
        }
      break;

    case EV_NOTIFY:
      r->notified_at = at;
      json_string (L->json, "answered_by", *r->end_user && rnd_chance (L->rand, 0.3)
                                           ? r->end_user : r->contact_person);
      break;

    case EV_PICKUP:
    case EV_DELIVER:
    case EV_ACCEPT:
      r->picked_up_at = at;
      r->picked_up_by = *r->end_user && rnd_chance (L->rand, 0.4) ? r->end_user : r->contact_person;
      r->pickup_signed = TRUE;
      /* The accessories are checked and handed back with a machine that
       * was left with the shop (a sale collected at the desk has none). */
      r->accessories_checked = event == EV_DELIVER || (event == EV_PICKUP && R->device != NULL);
      if (event == EV_DELIVER)
        r->delivered_by = actor;
      R->machine_back = TRUE;
      if (r->accessories_checked)
        json_flag (L->json, "accessories_checked", TRUE);
      json_string (L->json, "picked_up_by", r->picked_up_by);
      json_flag (L->json, "pickup_signed", TRUE);
      settle (L, R, at, actor);
      break;

    case EV_BOOK_VISIT:
      {
        /* The engineer books the slot of the planned arrival, on the half hour. */
        gint64 arrival = R->step + 1 < R->path->n_steps
                       ? g_array_index (L->times, gint64, R->plan->times + R->step + 1) : at + 7200;

        r->appointment_at = MAX (at + 60, arrival - arrival % 1800);
        json_time (L->json, "appointment_at", r->appointment_at);
      }
      break;

    case EV_ARRIVE:
      break;

    case EV_ENTER:
      r->entered_at = at;
      r->confirmed_by = actor;
      break;

    case EV_REVIEW:
      r->reviewed_by = actor;
      r->reviewed_at = at;
      break;

    case EV_RECONCILE:
      r->reconciled_at = at;
      break;

    case EV_INVOICE:
      r->invoiced_at = at;
      break;

    case EV_CANCEL:
      r->cancel_reason = g_str_equal (r->kind, "on_site") ? RND_ITEM (L->rand, demo_onsite_cancel_reasons)
                                                          : RND_ITEM (L->rand, demo_cancel_reasons);
      R->machine_back = TRUE;
      json_string (L->json, "cancel_reason", r->cancel_reason);
      break;

    case N_EVENTS:
    default:
      g_assert_not_reached ();
    }
}

/* The intake part of the form: who, which machine, what is wrong. */
static void
intake (DemoLoad *L, DemoReplay *R, guint index)
{
  const DemoOrder *o = &L->orders[index];
  DemoOrderRow *r = &R->row;
  const DemoWord *surname, *given;
  gboolean covered = o->warranty == WARRANTY_IN || o->warranty == WARRANTY_CONTRACT;
  gint previous = o->device >= 0 ? L->last_order_of_device[o->device] : -1;
  g_autoptr(GString) remarks = g_string_new (NULL);

  memset (R, 0, sizeof *R);
  R->row = demo_order_defaults;
  R->plan = o;
  R->path = &L->paths[o->path];
  R->customer = &g_array_index (L->customers, DemoCustomer, o->customer);
  R->device = o->device >= 0 ? &g_array_index (L->devices, DemoDevice, o->device) : NULL;
  R->fault = R->device ? &demo_faults[o->fault] : NULL;

  r->id = o->id;
  r->number = o->number;
  r->kind = wx_order_kind_to_code (demo_paths[o->path].kind);
  r->customer_id = R->customer->id;
  r->unit_name = R->customer->unit_name;
  r->unit_address = R->customer->address;
  r->contact_person = R->customer->contact_person;
  r->contact_mobile = R->customer->mobile;
  r->contact_phone = R->customer->phone;
  r->contact_fax = R->customer->fax;
  r->contact_email = R->customer->email;
  if (rnd_chance (L->rand, 0.5))
    {
      r->end_user = make_person (L, L->scratch, &surname, &given);
      r->end_user_phone = make_mobile (L, L->scratch);
    }
  if (rnd_chance (L->rand, 0.7))
    r->floor_department = RND_ITEM (L->rand, demo_departments);
  r->warranty_status = demo_warranty_codes[o->warranty];

  if (R->device)
    {
      const DemoModel *m = &demo_models[R->device->model_index];

      r->device_id = R->device->id;
      r->product_name = m->product;
      r->model = L->model_names[R->device->model_index];
      r->serial = R->device->serial;
      r->asset_number = R->device->asset_number;
      r->warranty_evidence = R->device->warranty_evidence;
      r->reported_fault = R->fault->reported;
      if (g_str_equal (r->kind, "carry_in"))
        {
          r->appearance_check = RND_ITEM (L->rand, demo_appearance);
          if (demo_categories[m->category].holds_data)
            r->backup = RND_ITEM (L->rand, demo_backups);
        }
      L->last_order_of_device[o->device] = (gint) index;
    }
  else
    {
      /* Sales: the fault fields say 购买 and the parts field lists the items. */
      price_order (L, R);
      r->product_name = R->lines[0].description;
      r->reported_fault = r->fault_analysis = r->measures = "购买";
      r->parts_needed = parts_text (L, R);
    }

  if (o->return_repair && previous >= 0)
    {
      r->is_return_repair = TRUE;
      r->return_of_order_id = L->orders[previous].id;
      g_string_append_printf (remarks, "返修，原维修单 %s", L->orders[previous].number);
    }
  else if (previous >= 0 && rnd_chance (L->rand, 0.3))
    g_string_append_printf (remarks, "曾修过，上次维修单 %s", L->orders[previous].number);
  if (covered && R->path->has_quote && R->fault)
    g_string_append_printf (remarks, "%s%s", remarks->len ? "；" : "",
                            o->warranty == WARRANTY_IN ? "人为损坏，不在保修范围" : "合同外项目，需另行报价");
  else if (o->warranty == WARRANTY_UNKNOWN)
    g_string_append_printf (remarks, "%s未带保修卡及发票，按保外处理", remarks->len ? "；" : "");
  if (remarks->len)
    r->remarks = keep (L->scratch, remarks);
}

/* Replays the order's steps that happened: each one writes its event and
 * fills the columns that step fills on the paper form. */
static void
write_order (DemoLoad *L, guint index)
{
  static const guint accessory_counts[] = { 30, 35, 25, 10 };   /* 0–3 */
  const DemoOrder *o = &L->orders[index];
  DemoReplay R;

  intake (L, &R, index);
  for (R.step = 0; R.step < o->n_done; R.step++)
    {
      DemoEvent event = R.path->events[R.step];
      gint64 at = g_array_index (L->times, gint64, o->times + R.step);
      const char *actor = role_of (L, &R, demo_events[event].actor);
      DemoEventRow row;

      g_string_assign (L->json, "{");
      apply_event (L, &R, event, at, actor);
      g_string_append_c (L->json, '}');

      row.order_id = o->id;
      row.at = at;
      row.actor = actor;
      row.event = demo_events[event].code;
      row.from_state = R.step > 0 ? wx_order_state_to_code (R.path->states[R.step - 1]) : NULL;
      row.to_state = wx_order_state_to_code (R.path->states[R.step]);
      row.payload = L->json->str;
      put_row (L, T_EVENTS, &row);

      R.row.state = row.to_state;
      R.row.updated_at = at;
      R.row.updated_by = actor;
      R.row.version++;
    }
  put_row (L, T_ORDERS, &R.row);

  if (g_str_equal (R.row.kind, "carry_in"))
    {
      const DemoCategorySpec *cat = &demo_categories[demo_models[R.device->model_index].category];
      guint n = rnd_weighted (L->rand, accessory_counts, G_N_ELEMENTS (accessory_counts));
      guint first = rnd_below (L->rand, G_N_ELEMENTS (cat->accessories));

      for (guint i = 0; i < n; i++)
        {
          DemoAccessoryRow a = { o->id, i + 1, cat->accessories[(first + i) % G_N_ELEMENTS (cat->accessories)],
                                 R.machine_back };
          put_row (L, T_ACCESSORIES, &a);
        }
    }
  if (R.has_part_order)
    put_row (L, T_PART_ORDERS, &R.part_order);
  if (R.has_outsourcing)
    put_row (L, T_OUTSOURCING, &R.outsourcing);
}

/* ------------------------------------------------------------------ the load */

static gboolean
plan_orders (DemoLoad *L, GError **error)
{
  g_autofree gint64 *received_pos = g_new (gint64, MAX (1, L->n_orders));

  L->orders = g_new0 (DemoOrder, MAX (1, L->n_orders));
  for (guint i = 0; i < L->n_orders; i++)
    plan_order (L, i, received_pos);
  qsort (L->orders, L->n_orders, sizeof *L->orders, compare_orders);
  return number_orders (L, error);
}

static gboolean
write_orders (DemoLoad *L, GError **error)
{
  L->last_order_of_device = g_new (gint, MAX (1, L->devices->len));
  for (guint i = 0; i < L->devices->len; i++)
    L->last_order_of_device[i] = -1;

  for (guint start = 0; start < L->n_orders; start += DEMO_BATCH)
    {
      guint end = MIN (L->n_orders, start + DEMO_BATCH);

      for (guint i = start; i < end; i++)
        write_order (L, i);
      if (!flush_all (L, error))
        return FALSE;
      g_string_chunk_clear (L->scratch);
    }
  return TRUE;
}

/* Settings, the random generator and the shop's time zone. */
static gboolean
read_settings (DemoLoad *L, GError **error)
{
  g_autoptr(PGresult) res = wx_db_query (L->conn,
      "SELECT (SELECT count(*) FROM service_orders), wx_setting('order_number.prefix', ''),"
      "       wx_setting('order_number.digits', '6'), wx_setting('timezone', 'Asia/Shanghai'),"
      "       coalesce((SELECT limit_minutes FROM sla_thresholds WHERE clock = 'decision'), 1080)",
      0, NULL, error);
  g_autoptr(PGresult) names = NULL;

  if (res == NULL)
    return FALSE;
  /* A fixed seed, moved on by the orders already there so that a second
   * load does not repeat the first one. */
  L->rand = g_rand_new_with_seed (DEMO_SEED + (guint32) g_ascii_strtoull (PQgetvalue (res, 0, 0), NULL, 10));
  L->prefix = g_strdup (PQgetvalue (res, 0, 1));
  L->digits = atoi (PQgetvalue (res, 0, 2));
  L->tz = g_time_zone_new_identifier (PQgetvalue (res, 0, 3));
  if (L->tz == NULL)
    L->tz = g_time_zone_new_offset (8 * 3600);   /* Asia/Shanghai */
  L->today = local_day (L, L->now);
  L->decision_limit = 60 * g_ascii_strtoll (PQgetvalue (res, 0, 4), NULL, 10);

  /* What a repair of each model must pass (functional_tests of the
   * machine's category, as the repair step checks them). */
  for (guint m = 0; m < G_N_ELEMENTS (demo_models); m++)
    {
      const char *params[] = { demo_models[m].product, L->model_names[m] };
      g_autofree char *tests = wx_db_query_value (L->conn,
        "SELECT coalesce(string_agg(item, ',' ORDER BY position), '') FROM functional_tests"
        " WHERE category = wx_machine_category($1, $2)", 2, params, error);

      if (tests == NULL)
        return FALSE;
      L->model_tests[m] = g_string_chunk_insert (L->strings, tests);
    }

  names = wx_db_query (L->conn, "SELECT DISTINCT unit_name FROM customers", 0, NULL, error);
  if (names == NULL)
    return FALSE;
  for (int i = 0; i < PQntuples (names); i++)
    g_hash_table_add (L->unit_names, g_string_chunk_insert (L->strings, PQgetvalue (names, i, 0)));
  return TRUE;
}

static void
demo_init (DemoLoad *L, PGconn *conn, guint n_orders, GDateTime *now)
{
  memset (L, 0, sizeof *L);
  L->conn = conn;
  L->n_orders = n_orders;
  L->now = g_date_time_to_unix (now);
  L->strings = g_string_chunk_new (64 * 1024);
  L->scratch = g_string_chunk_new (64 * 1024);
  L->text = g_string_new (NULL);
  L->json = g_string_new (NULL);
  L->days = g_array_new (FALSE, FALSE, sizeof (DemoDay));
  L->peers = g_array_new (FALSE, FALSE, sizeof (DemoSupplier));
  L->vendors = g_array_new (FALSE, FALSE, sizeof (DemoSupplier));
  L->unit_names = g_hash_table_new (g_str_hash, g_str_equal);
  L->customers = g_array_new (FALSE, FALSE, sizeof (DemoCustomer));
  L->contract_customers = g_array_new (FALSE, FALSE, sizeof (guint));
  L->devices = g_array_new (FALSE, FALSE, sizeof (DemoDevice));
  L->times = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_orders * 14);
  for (guint t = 0; t < N_TABLES; t++)
    L->buffers[t].rows = g_string_new (NULL);

  for (guint m = 0; m < G_N_ELEMENTS (demo_models); m++)
    {
      g_string_printf (L->text, "%s %s", demo_models[m].brand, demo_models[m].model);
      L->model_names[m] = keep (L->strings, L->text);
    }
  for (guint f = 0; f < G_N_ELEMENTS (demo_faults); f++)
    {
      DemoCategory cat = demo_faults[f].category;

      L->category_faults[cat][L->n_category_faults[cat]++] = f;
    }
}

static void
demo_clear (DemoLoad *L)
{
  g_clear_pointer (&L->rand, g_rand_free);
  g_clear_pointer (&L->tz, g_time_zone_unref);
  g_clear_pointer (&L->strings, g_string_chunk_free);
  g_clear_pointer (&L->scratch, g_string_chunk_free);
  g_string_free (L->text, TRUE);
  g_string_free (L->json, TRUE);
  g_free (L->prefix);
  g_array_unref (L->days);
  g_array_unref (L->peers);
  g_array_unref (L->vendors);
  g_hash_table_unref (L->unit_names);
  g_array_unref (L->customers);
  g_array_unref (L->contract_customers);
  g_array_unref (L->devices);
  g_array_unref (L->times);
  g_free (L->orders);
  g_free (L->last_order_of_device);
  for (guint t = 0; t < N_TABLES; t++)
    g_string_free (L->buffers[t].rows, TRUE);
}

/* Contract customers get their contract (one year, started within the last
 * ten months), their devices under it and an engineer assigned, set-based in
 * one statement each. */
static gboolean
add_contracts (DemoLoad *L, GError **error)
{
  g_autofree char *now = g_strdup_printf ("%" G_GINT64_FORMAT, L->now);
  const char *params[1] = { now };

  return wx_db_execute (L->conn,
      "WITH eng AS ("
      "  SELECT role_name, row_number() OVER (ORDER BY role_name) - 1 AS k, count(*) OVER () AS n"
      "    FROM staff_roles WHERE 'wx_engineer' = ANY (groups)),"
      " todo AS ("
      "  SELECT c.id, (to_timestamp($1::bigint) AT TIME ZONE 'Asia/Shanghai')::date"
      "               - (30 * (c.id * 7 % 10))::int AS starts_on"
      "    FROM customers c"
      "   WHERE c.is_contract AND NOT EXISTS (SELECT 1 FROM contracts k WHERE k.customer_id = c.id))"
      " INSERT INTO contracts (customer_id, number, starts_on, ends_on, engineer, interval_months, fee, terms)"
      " SELECT t.id, 'HT' || to_char(t.starts_on, 'YYYY') || '-' || lpad(t.id::text, 5, '0'),"
      "        t.starts_on, (t.starts_on + interval '1 year - 1 day')::date,"
      "        (SELECT role_name FROM eng WHERE eng.k = t.id % eng.n), 6, 600000 + (t.id / 5 % 5) * 120000,"
      "        '全保合同：上门维修、每半年巡检一次，备件另计'"
      "   FROM todo t", 1, params, error)
    && wx_db_execute (L->conn,
      "INSERT INTO contract_devices (contract_id, device_id)"
      " SELECT k.id, d.id FROM contracts k JOIN devices d ON d.customer_id = k.customer_id"
      " ON CONFLICT DO NOTHING", 0, NULL, error);
}

/* The supervisor's queue: the orders entered last are not reviewed yet
 * (their review event and stamp undone), so the review page has work. */
static gboolean
leave_for_review (DemoLoad *L, GError **error)
{
  return wx_db_execute (L->conn,
    "WITH pick AS (SELECT id FROM service_orders WHERE state = 'entered' AND reviewed_at IS NOT NULL"
    "               ORDER BY entered_at DESC, id DESC LIMIT 4),"
    "     gone AS (DELETE FROM order_events e USING pick WHERE e.order_id = pick.id AND e.event = 'review')"
    " UPDATE service_orders o SET reviewed_at = NULL, reviewed_by = NULL FROM pick WHERE o.id = pick.id",
    0, NULL, error);
}

gboolean
wx_db_demo_load (PGconn     *conn,
                 guint       n_orders,
                 GDateTime  *now,
                 GError    **error)
{
  DemoLoad L;
  gboolean ok;

  g_return_val_if_fail (conn != NULL, FALSE);
  g_return_val_if_fail (now != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!wx_db_begin (conn, error))
    return FALSE;
  demo_init (&L, conn, n_orders, now);
  ok = read_settings (&L, error)
       && compile_paths (&L, error)
       && build_calendar (&L, error)
       && ensure_staff (&L, error)
       && ensure_suppliers (&L, error)
       && ensure_parts (&L, error)
       && make_customers (&L, error)
       && plan_orders (&L, error)
       && write_orders (&L, error)
       && add_contracts (&L, error)
       && leave_for_review (&L, error)
       && wx_db_commit (conn, error);
  if (!ok)
    wx_db_rollback (conn);
  demo_clear (&L);
  return ok;
}

/* ------------------------------------------------------------------ today's visits
 *
 * Two on-site orders per demo engineer booked for the day of `now`, on the
 * half hours after it: the call logged this morning, dispatched, the
 * engineer's call to the customer and the booking, as the paper form and
 * the call log would show them — so the engineers' route lists are not
 * empty. Set-based, one statement. */
gboolean
wx_db_demo_visits_today (PGconn     *conn,
                         GDateTime  *now,
                         guint      *n_added,
                         GError    **error)
{
  g_autoptr(PGresult) res = NULL;
  g_autoptr(GStrvBuilder) b = g_strv_builder_new ();
  g_auto(GStrv) engineers = NULL;
  g_autofree char *list = NULL;
  g_autofree char *at = g_strdup_printf ("%" G_GINT64_FORMAT, g_date_time_to_unix (now));
  const char *params[2] = { at, NULL };

  for (guint i = 0; i < G_N_ELEMENTS (demo_staff); i++)
    if (demo_staff[i].roles & WX_ROLE_ENGINEER)
      g_strv_builder_add (b, demo_staff[i].role);
  engineers = g_strv_builder_end (b);
  list = g_strjoinv (",", engineers);
  params[1] = list;
  res = wx_db_query (conn,
    "WITH eng AS (SELECT e.login, e.k FROM unnest(string_to_array($2, ',')) WITH ORDINALITY AS e (login, k)"
    "              WHERE EXISTS (SELECT 1 FROM staff s WHERE s.role_name = e.login)),"
    " cust AS (SELECT c.*, row_number() OVER (ORDER BY c.id) AS k FROM customers c"
    "           WHERE c.address <> '' AND NOT c.is_contract AND coalesce(c.mobile, c.phone) IS NOT NULL"
    "           ORDER BY c.id LIMIT 8),"
    " desk AS (SELECT role_name FROM staff_roles WHERE 'wx_coordinator' = ANY (groups) ORDER BY role_name LIMIT 1),"
    " plan AS (SELECT e.login, c.id AS customer_id, c.unit_name, c.address, c.contact_person, c.mobile, c.phone,"
    "                 (ARRAY['激光打印机', '台式电脑', '喷墨打印机', '投影仪'])[((c.k - 1) / 4 + c.k - 1) % 4 + 1] AS product,"
    "                 (ARRAY['HP LaserJet Pro M404dn', 'Lenovo ThinkCentre M720t', 'Epson L3158', 'Epson CB-X06'])[((c.k - 1) / 4 + c.k - 1) % 4 + 1] AS model,"
    "                 (ARRAY['卡纸，打印有竖黑线', '开机无显示，主机灯亮', '不进纸，进纸时有异响', '画面偏暗，风扇噪音大'])[((c.k - 1) / 4 + c.k - 1) % 4 + 1] AS fault,"
    "                 to_timestamp($1::bigint) - interval '3 hours' + c.k * interval '10 minutes' AS received,"
    "                 date_trunc('hour', to_timestamp($1::bigint)) + (c.k + 1) * interval '30 minutes' AS appointment"
    "            FROM eng e JOIN cust c ON (c.k - 1) % (SELECT count(*) FROM eng) + 1 = e.k),"
    " o AS (INSERT INTO service_orders (number, kind, state, customer_id, unit_name, unit_address, contact_person,"
    "                                   contact_mobile, contact_phone, product_name, model, reported_fault,"
    "                                   received_by, received_at, owner_role, engineer, dispatched_at, appointment_at,"
    "                                   created_at, updated_at, updated_by)"
    "       SELECT wx_next_order_number(p.received), 'on_site', 'appointment_booked', p.customer_id, p.unit_name,"
    "              p.address, p.contact_person, p.mobile, p.phone, p.product, p.model, p.fault,"
    "              d.role_name, p.received, d.role_name, p.login, p.received + interval '10 minutes', p.appointment,"
    "              p.received, p.received + interval '16 minutes', p.login"
    "         FROM plan p CROSS JOIN desk d"
    "       RETURNING id, customer_id, engineer, received_at, appointment_at, unit_address, contact_person,"
    "                 coalesce(contact_mobile, contact_phone) AS phone, received_by),"
    " ev AS (INSERT INTO order_events (order_id, at, actor, event, from_state, to_state, payload)"
    "        SELECT o.id, o.received_at + s.after, CASE WHEN s.by_engineer THEN o.engineer ELSE o.received_by END,"
    "               s.event, s.from_state, s.to_state,"
    "               CASE s.event WHEN 'dispatch_onsite' THEN jsonb_build_object('engineer', o.engineer)"
    "                            WHEN 'book_visit' THEN jsonb_build_object('appointment_at',"
    "                              to_char(o.appointment_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'))"
    "                            ELSE '{}'::jsonb END"
    "          FROM o CROSS JOIN (VALUES"
    "            ('call_logged', NULL, 'call_logged', interval '0', false),"
    "            ('dispatch_onsite', 'call_logged', 'onsite_dispatched', interval '10 minutes', false),"
    "            ('contact_customer', 'onsite_dispatched', 'onsite_dispatched', interval '15 minutes', true),"
    "            ('book_visit', 'onsite_dispatched', 'appointment_booked', interval '16 minutes', true))"
    "            AS s (event, from_state, to_state, after, by_engineer)),"
    " ca AS (INSERT INTO calls (at, direction, purpose, customer_id, order_id, contact, phone, subject, result,"
    "                           reached, answered_by, actor)"
    "        SELECT o.received_at + interval '15 minutes', 'outbound', 'appointment', o.customer_id, o.id,"
    "               o.contact_person, o.phone, '预约上门', '已约好上门时间，请用户准备好机器', true, o.contact_person, o.engineer"
    "          FROM o)"
    " INSERT INTO visits (order_id, engineer, contacted_at, appointment_at, address, contact, phone)"
    " SELECT o.id, o.engineer, o.received_at + interval '15 minutes', o.appointment_at, o.unit_address,"
    "        o.contact_person, o.phone FROM o RETURNING id", 2, params, error);
  if (res == NULL)
    return FALSE;
  if (n_added)
    *n_added = (guint) PQntuples (res);
  return TRUE;
}

/* ------------------------------------------------------------------ the supervisor's feedback
 *
 * The callback lists of the last eight weeks as the sweep would have made
 * them week by week, those due before the last two days done by the
 * supervisor (周敏) with the customer's answers and a score; two hotline
 * cases of yesterday and this morning; a complaint in progress (two steps)
 * and one closed; the automatic escalations as of `now`, and one manual
 * escalation resolved. Owner only (it writes who and when). */
gboolean
wx_db_demo_feedback (PGconn     *conn,
                     GDateTime  *now,
                     GError    **error)
{
  g_autofree char *at = g_strdup_printf ("%" G_GINT64_FORMAT, g_date_time_to_unix (now));
  const char *params[] = { at };
  static const char * const steps[] = {
    /* Callbacks: eight weekly generations up to now. */
    "SELECT wx_callbacks_generate_at(to_timestamp($1::bigint) - w * interval '7 days')"
    "  FROM generate_series(8, 0, -1) AS w",
    /* A hotline case with a reply promised yesterday, and phone guidance this morning. */
    "WITH c AS (SELECT id, unit_name, contact_person, coalesce(mobile, phone) AS phone FROM customers"
    "            WHERE coalesce(mobile, phone) IS NOT NULL ORDER BY id LIMIT 2)"
    " INSERT INTO calls (at, direction, purpose, customer_id, contact, phone, machine, subject, result, promised_reply_at, actor)"
    " SELECT to_timestamp($1::bigint) - CASE WHEN k = 1 THEN interval '20 hours' ELSE interval '3 hours' END,"
    "        'inbound', 'request', c.id, c.contact_person, c.phone,"
    "        CASE WHEN k = 1 THEN 'HP LaserJet Pro M404dn' ELSE 'Epson L3158' END,"
    "        CASE WHEN k = 1 THEN '打印机偶尔报错 49' ELSE '打印有横纹' END,"
    "        CASE WHEN k = 1 THEN '需查资料，答应明天回复' ELSE '指导用户做喷头清洗两次' END,"
    "        CASE WHEN k = 1 THEN to_timestamp($1::bigint) - interval '2 hours' END, 'zhang_wei'"
    "   FROM (SELECT c.*, row_number() OVER (ORDER BY c.id) AS k FROM c) c",
    "SELECT wx_callbacks_generate_at(to_timestamp($1::bigint))",
    /* The callbacks made: all due more than two days ago. */
    "UPDATE callbacks SET done_at = due_at + (id % 5) * interval '20 minutes', actor = 'zhou_min', reached = true,"
    "       machine_working = id % 11 <> 0, weak_response = id % 4 = 0, weak_repair_time = id % 6 = 1,"
    "       weak_attitude = id % 13 = 2, weak_quote_speed = id % 7 = 3, engineer_explained = id % 5 <> 0,"
    "       satisfaction = CASE WHEN id % 11 = 0 THEN 2 WHEN id % 4 = 0 THEN 3 WHEN id % 3 = 0 THEN 4 ELSE 5 END,"
    "       comments = CASE WHEN id % 11 = 0 THEN '机器又出现同样的问题，已转主管处理'"
    "                       WHEN id % 4 = 0 THEN '希望上门再快一点' ELSE '' END"
    " WHERE done_at IS NULL AND due_at < to_timestamp($1::bigint) - interval '2 days'",
    /* One not reached yet: to call again this afternoon. */
    "UPDATE callbacks SET reached = false, attempts = 1, actor = 'zhou_min', comments = '客户在开会',"
    "       call_again_at = to_timestamp($1::bigint) + interval '2 hours'"
    " WHERE id = (SELECT min(id) FROM callbacks WHERE done_at IS NULL AND kind = 'weekly')",
    /* Complaints: one closed with its five steps, one in progress. */
    "WITH o AS (SELECT id, customer_id, picked_up_at, row_number() OVER (ORDER BY picked_up_at DESC, id) AS k"
    "             FROM service_orders WHERE picked_up_at < to_timestamp($1::bigint) - interval '1 day'"
    "            ORDER BY picked_up_at DESC, id LIMIT 2)"
    " INSERT INTO complaints (customer_id, order_id, received_at, received_by, description)"
    " SELECT o.customer_id, o.id, o.picked_up_at + interval '1 day', 'zhou_min',"
    "        CASE WHEN o.k = 1 THEN '取机时等了四十分钟，工程师不在，客户很不满'"
    "             ELSE '修好后第二天又卡纸，客户要求换机' END"
    "   FROM o ORDER BY o.k",
    "INSERT INTO complaint_steps (complaint_id, step, at, actor, note, escalated)"
    " SELECT k.id, s.step, k.received_at + s.step * interval '30 minutes', 'zhou_min', s.note,"
    "        s.step = 3 AND k.description LIKE '修好后%'"
    "   FROM complaints k CROSS JOIN (VALUES (1, '耐心听完客户陈述，代表公司致歉'), (2, '客户最担心以后再取机还要等'),"
    "                             (3, '取机前先电话确认工程师在店；本次免上门费'), (4, '电话告知处理办法，客户认同'),"
    "                             (5, '回访：客户表示满意')) AS s (step, note)"
    "  WHERE k.closed_at IS NULL AND NOT EXISTS (SELECT 1 FROM complaint_steps x WHERE x.complaint_id = k.id)"
    "    AND (k.description LIKE '修好后%' OR s.step <= 2) AND k.received_at < to_timestamp($1::bigint)"
    "  ORDER BY k.id, s.step",
    "UPDATE complaints SET closed_at = received_at + interval '3 days', outcome = '免费更换搓纸轮并上门调试，客户满意'"
    " WHERE closed_at IS NULL AND description LIKE '修好后%' AND received_at < to_timestamp($1::bigint)",
    /* Escalations: the automatic ones as of now, and a manual one resolved. */
    "SELECT wx_escalate_undiagnosed_at(to_timestamp($1::bigint)), wx_escalate_overdue_parts_at(to_timestamp($1::bigint)),"
    "       wx_escalate_late_decisions_at(to_timestamp($1::bigint))",
    "WITH o AS (SELECT id FROM service_orders WHERE state = 'archived' ORDER BY id DESC LIMIT 1)"
    " INSERT INTO escalations (order_id, at, trigger, reason, raised_by, resolved_at, resolved_by, resolution)"
    " SELECT o.id, to_timestamp($1::bigint) - interval '6 days', 'manual', '缺少该型号的维修手册', 'li_qiang',"
    "        to_timestamp($1::bigint) - interval '5 days', 'zhou_min', '向厂家索取了维修手册，已发给李强' FROM o",
  };

  if (!wx_db_begin (conn, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (!wx_db_execute (conn, steps[i], 1, params, error))
      {
        wx_db_rollback (conn);
        return FALSE;
      }
  return wx_db_commit (conn, error);
}
