/* orgwords.c — Chinese, Japanese and Korean business words read in English (贸易 trading, 数控 CNC, 총회사
 * general corporation) for an extra form of organisation names, whose proper-name parts keep their reading.
 * Invariant: WORDS is static const, sorted by native spelling in code points, Han as cdn_han_traditional
 * folds it (simplified and traditional input meet one entry); a person's name never gets the form.
 */
#include <string.h>
#include "text/text_int.h"

enum {
    OW_LEGAL = 1,      /* a legal form (有限公司 → ltd): stays one, and alone does not make a company */
    OW_START = 2,      /* only where the name starts (조선련봉총회사: 조선 is Korea, the DPRK's name) */
    OW_INNER = 4,      /* never where the name starts (대우조선해양: 조선 is shipbuilding; 金华市: 市 dropped) */
};

/* A word as the languages write it, and its English ("" drops it; words separated by spaces). */
typedef struct org_word { const char *native; const char *english; uint8_t flags; } org_word;

static const org_word WORDS[] = {
    { "アジア", "asia", 0 },
    { "インターナショナル", "international", 0 },
    { "インダストリー", "industry", 0 },
    { "インダストリーズ", "industries", 0 },
    { "インベストメント", "investment", 0 },
    { "エナジー", "energy", 0 },
    { "エネルギー", "energy", 0 },
    { "エレクトロニクス", "electronics", 0 },
    { "エンジニアリング", "engineering", 0 },
    { "カンパニー", "company", 0 },
    { "キャピタル", "capital", 0 },
    { "グループ", "group", 0 },
    { "グローバル", "global", 0 },
    { "ケミカル", "chemical", 0 },
    { "コリア", "korea", 0 },
    { "コーポレーション", "corporation", 0 },
    { "サービス", "services", 0 },
    { "システム", "system", 0 },
    { "システムズ", "systems", 0 },
    { "シッピング", "shipping", 0 },
    { "ジャパン", "japan", 0 },
    { "ソリューションズ", "solutions", 0 },
    { "チャイナ", "china", 0 },
    { "テクノロジー", "technology", 0 },
    { "テクノロジーズ", "technologies", 0 },
    { "デベロップメント", "development", 0 },
    { "トレーディング", "trading", 0 },
    { "ネットワーク", "network", 0 },
    { "ネットワークス", "networks", 0 },
    { "バンク", "bank", 0 },
    { "パシフィック", "pacific", 0 },
    { "ファイナンス", "finance", 0 },
    { "ホンコン", "hong kong", 0 },
    { "ホールディングス", "holdings", 0 },
    { "マシナリー", "machinery", 0 },
    { "マネジメント", "management", 0 },
    { "マリン", "marine", 0 },
    { "リミテッド", "ltd", OW_LEGAL },
    { "ロジスティクス", "logistics", 0 },
    { "中國", "china", 0 },
    { "中心", "center", 0 },
    { "中華", "china", 0 },
    { "亞太", "asia pacific", 0 },
    { "亞洲", "asia", 0 },
    { "代理", "agency", 0 },
    { "代表處", "representative office", 0 },
    { "仪器", "instruments", 0 },
    { "企業", "enterprise", 0 },
    { "会社", "company", 0 },
    { "供应鏈", "supply chain", 0 },
    { "供應鏈", "supply chain", 0 },
    { "保険", "insurance", 0 },
    { "保險", "insurance", 0 },
    { "信息", "information", 0 },
    { "儀器", "instruments", 0 },
    { "光學", "optics", 0 },
    { "光电", "optoelectronics", 0 },
    { "光電", "optoelectronics", 0 },
    { "全球", "global", 0 },
    { "公司", "company", 0 },
    { "兵器", "ordnance", 0 },
    { "出口", "export", 0 },
    { "分公司", "branch", 0 },
    { "制藥", "pharmaceutical", 0 },
    { "制造", "manufacturing", 0 },
    { "办事處", "office", 0 },
    { "加工", "processing", 0 },
    { "动力", "power", 0 },
    { "動力", "power", 0 },
    { "化學", "chemical", 0 },
    { "化工", "chemical", 0 },
    { "医藥", "pharmaceutical", 0 },
    { "半導体", "semiconductor", 0 },
    { "半導體", "semiconductor", 0 },
    { "協会", "association", 0 },
    { "協會", "association", 0 },
    { "台湾", "taiwan", 0 },
    { "台灣", "taiwan", 0 },
    { "合伙", "partnership", 0 },
    { "合同会社", "llc", OW_LEGAL },
    { "合夥", "partnership", 0 },
    { "咨詢", "consulting", 0 },
    { "商事", "trading", 0 },
    { "商務", "business", 0 },
    { "商業", "commercial", 0 },
    { "商行", "trading", 0 },
    { "商貿", "trading", 0 },
    { "器材", "equipment", 0 },
    { "國防", "defense", 0 },
    { "國际", "international", 0 },
    { "國際", "international", 0 },
    { "地產", "property", 0 },
    { "基金", "fund", 0 },
    { "外貿", "foreign trade", 0 },
    { "大學", "university", 0 },
    { "委員会", "committee", 0 },
    { "委員會", "committee", 0 },
    { "學院", "institute", 0 },
    { "安全", "security", 0 },
    { "实業", "industrial", 0 },
    { "实驗室", "laboratory", 0 },
    { "實業", "industrial", 0 },
    { "實驗室", "laboratory", 0 },
    { "工厂", "plant", 0 },
    { "工場", "plant", 0 },
    { "工廠", "plant", 0 },
    { "工業", "industrial", 0 },
    { "工程", "engineering", 0 },
    { "工貿", "industry trade", 0 },
    { "市", "", OW_INNER },
    { "建筑", "construction", 0 },
    { "建築", "construction", 0 },
    { "建設", "construction", 0 },
    { "开發", "development", 0 },
    { "微电子", "microelectronics", 0 },
    { "微電子", "microelectronics", 0 },
    { "房地產", "real estate", 0 },
    { "技术", "technology", 0 },
    { "技術", "technology", 0 },
    { "投資", "investment", 0 },
    { "控股", "holdings", 0 },
    { "数据", "data", 0 },
    { "数控", "cnc", 0 },
    { "數控", "cnc", 0 },
    { "數據", "data", 0 },
    { "新能源", "new energy", 0 },
    { "无人机", "uav", 0 },
    { "日本", "japan", 0 },
    { "智能", "intelligent", 0 },
    { "有限会社", "ltd", OW_LEGAL },
    { "有限公司", "ltd", OW_LEGAL },
    { "有限合伙", "limited partnership", OW_LEGAL },
    { "有限合夥", "limited partnership", OW_LEGAL },
    { "有限責任公司", "llc", OW_LEGAL },
    { "服務", "services", 0 },
    { "朝鮮", "korea", 0 },
    { "机器", "machinery", 0 },
    { "机器人", "robotics", 0 },
    { "机床", "machine tool", 0 },
    { "机械", "machinery", 0 },
    { "机电", "mechanical electrical", 0 },
    { "材料", "materials", 0 },
    { "株式会社", "jsc", OW_LEGAL },
    { "株式會社", "jsc", OW_LEGAL },
    { "核工業", "nuclear industry", 0 },
    { "機器", "machinery", 0 },
    { "機器人", "robotics", 0 },
    { "機床", "machine tool", 0 },
    { "機械", "machinery", 0 },
    { "機電", "mechanical electrical", 0 },
    { "汽船", "shipping", 0 },
    { "汽車", "automobile", 0 },
    { "洋行", "trading", 0 },
    { "海外", "overseas", 0 },
    { "海洋", "marine", 0 },
    { "海運", "shipping", 0 },
    { "港口", "port", 0 },
    { "澳門", "macau", 0 },
    { "激光", "laser", 0 },
    { "火薬", "powder", 0 },
    { "火藥", "powder", 0 },
    { "炸藥", "explosives", 0 },
    { "無人機", "uav", 0 },
    { "煤炭", "coal", 0 },
    { "物流", "logistics", 0 },
    { "环球", "global", 0 },
    { "環球", "global", 0 },
    { "生物技术", "biotechnology", 0 },
    { "生物技術", "biotechnology", 0 },
    { "生物科技", "biotechnology", 0 },
    { "產業", "industry", 0 },
    { "産業", "industry", 0 },
    { "电信", "telecom", 0 },
    { "电力", "power", 0 },
    { "电器", "electrical appliances", 0 },
    { "电子", "electronics", 0 },
    { "电机", "electric", 0 },
    { "电气", "electric", 0 },
    { "电池", "battery", 0 },
    { "發展", "development", 0 },
    { "省", "", OW_INNER },
    { "石化", "petrochemical", 0 },
    { "石油", "petroleum", 0 },
    { "石油化工", "petrochemical", 0 },
    { "研究中心", "research center", 0 },
    { "研究所", "research institute", 0 },
    { "研究院", "research institute", 0 },
    { "礦業", "mining", 0 },
    { "礦產", "minerals", 0 },
    { "科學", "science", 0 },
    { "科學院", "academy of sciences", 0 },
    { "科技", "technology", 0 },
    { "管理", "management", 0 },
    { "精密", "precision", 0 },
    { "紡織", "textile", 0 },
    { "經濟", "economic", 0 },
    { "經貿", "economic trade", 0 },
    { "網絡", "network", 0 },
    { "網路", "network", 0 },
    { "總公司", "general corporation", 0 },
    { "置業", "property", 0 },
    { "联合", "united", 0 },
    { "聯合", "united", 0 },
    { "股份公司", "jsc", OW_LEGAL },
    { "股份有限公司", "jsc", OW_LEGAL },
    { "能源", "energy", 0 },
    { "自动化", "automation", 0 },
    { "自動化", "automation", 0 },
    { "臺灣", "taiwan", 0 },
    { "航天", "aerospace", 0 },
    { "航空", "aviation", 0 },
    { "航空公司", "airlines", 0 },
    { "航運", "shipping", 0 },
    { "船務", "shipping", 0 },
    { "船舶", "shipping", 0 },
    { "裝備", "equipment", 0 },
    { "製作所", "works", 0 },
    { "製薬", "pharmaceutical", 0 },
    { "製藥", "pharmaceutical", 0 },
    { "製造", "manufacturing", 0 },
    { "製鉄", "steel", 0 },
    { "製鋼", "steel", 0 },
    { "設備", "equipment", 0 },
    { "証券", "securities", 0 },
    { "諮詢", "consulting", 0 },
    { "證券", "securities", 0 },
    { "貨運", "freight", 0 },
    { "責任有限公司", "llc", OW_LEGAL },
    { "貿易", "trading", 0 },
    { "資本", "capital", 0 },
    { "資產", "assets", 0 },
    { "軍工", "military industry", 0 },
    { "軟件", "software", 0 },
    { "辦事處", "office", 0 },
    { "農業", "agriculture", 0 },
    { "远洋", "ocean shipping", 0 },
    { "通信", "communication", 0 },
    { "通商", "trading", 0 },
    { "通訊", "communication", 0 },
    { "造船", "shipbuilding", 0 },
    { "進出口", "import export", 0 },
    { "進口", "import", 0 },
    { "運輸", "transport", 0 },
    { "遠洋", "ocean shipping", 0 },
    { "配件", "parts", 0 },
    { "酒店", "hotel", 0 },
    { "醫藥", "pharmaceutical", 0 },
    { "重工", "heavy industries", 0 },
    { "重工業", "heavy industries", 0 },
    { "金属", "metals", 0 },
    { "金屬", "metals", 0 },
    { "金融", "financial", 0 },
    { "鉄鋼", "steel", 0 },
    { "銀行", "bank", 0 },
    { "鋼鐵", "steel", 0 },
    { "開發", "development", 0 },
    { "防務", "defense", 0 },
    { "集團", "group", 0 },
    { "零部件", "parts", 0 },
    { "雷射", "laser", 0 },
    { "電信", "telecom", 0 },
    { "電力", "power", 0 },
    { "電器", "electrical appliances", 0 },
    { "電子", "electronics", 0 },
    { "電機", "electric", 0 },
    { "電気", "electric", 0 },
    { "電氣", "electric", 0 },
    { "電池", "battery", 0 },
    { "韓國", "korea", 0 },
    { "顧問", "consultants", 0 },
    { "食品", "food", 0 },
    { "香港", "hong kong", 0 },
    { "高新技术", "high technology", 0 },
    { "高新技術", "high technology", 0 },
    { "高科技", "high technology", 0 },
    { "개발", "development", 0 },
    { "건설", "construction", 0 },
    { "경제", "economic", 0 },
    { "공업", "industrial", 0 },
    { "공장", "plant", 0 },
    { "과학", "science", 0 },
    { "광물", "minerals", 0 },
    { "광산", "mine", 0 },
    { "광업", "mining", 0 },
    { "국가", "state", 0 },
    { "국제", "international", 0 },
    { "그룹", "group", 0 },
    { "글로벌", "global", 0 },
    { "금속", "metals", 0 },
    { "금융", "financial", 0 },
    { "기계", "machinery", 0 },
    { "기술", "technology", 0 },
    { "기업", "enterprise", 0 },
    { "기업소", "enterprise", 0 },
    { "노동당", "workers party", 0 },
    { "대리점", "agency", 0 },
    { "대외", "external", 0 },
    { "대표부", "representative office", 0 },
    { "대학", "university", 0 },
    { "대한", "korea", OW_START },
    { "동력", "power", 0 },
    { "련합", "united", 0 },
    { "로동당", "workers party", 0 },
    { "무역", "trading", 0 },
    { "물류", "logistics", 0 },
    { "민족", "national", 0 },
    { "보안", "security", 0 },
    { "보험", "insurance", 0 },
    { "사무소", "office", 0 },
    { "산업", "industrial", 0 },
    { "상사", "trading", 0 },
    { "상업", "commercial", 0 },
    { "석유", "petroleum", 0 },
    { "선박", "shipping", 0 },
    { "설비", "equipment", 0 },
    { "센터", "center", 0 },
    { "솔루션", "solutions", 0 },
    { "수산", "fisheries", 0 },
    { "수출", "export", 0 },
    { "수출입", "import export", 0 },
    { "시스템", "system", 0 },
    { "신용", "credit", 0 },
    { "에너지", "energy", 0 },
    { "에네르기", "energy", 0 },
    { "엔지니어링", "engineering", 0 },
    { "연구소", "research institute", 0 },
    { "연구원", "research institute", 0 },
    { "연합", "united", 0 },
    { "운송", "transport", 0 },
    { "운수", "transport", 0 },
    { "위원회", "committee", 0 },
    { "유한책임회사", "llc", OW_LEGAL },
    { "유한회사", "ltd", OW_LEGAL },
    { "은행", "bank", 0 },
    { "인민", "people", 0 },
    { "인터내셔널", "international", 0 },
    { "일본", "japan", 0 },
    { "자동차", "automobile", 0 },
    { "장비", "equipment", 0 },
    { "전기", "electric", 0 },
    { "전력", "power", 0 },
    { "전자", "electronics", 0 },
    { "정보", "information", 0 },
    { "제강", "steel", 0 },
    { "제철", "steel", 0 },
    { "조선", "shipbuilding", OW_INNER },
    { "조선", "korea", OW_START },
    { "조선소", "shipyard", 0 },
    { "주식회사", "jsc", OW_LEGAL },
    { "중공업", "heavy industries", 0 },
    { "중국", "china", 0 },
    { "중앙", "central", 0 },
    { "지사", "branch", 0 },
    { "철강", "steel", 0 },
    { "총국", "general bureau", 0 },
    { "총회사", "general corporation", 0 },
    { "컴퍼니", "company", 0 },
    { "컴퓨터", "computer", 0 },
    { "코리아", "korea", 0 },
    { "코퍼레이션", "corporation", 0 },
    { "테크놀로지", "technology", 0 },
    { "통신", "communication", 0 },
    { "투자", "investment", 0 },
    { "트레이딩", "trading", 0 },
    { "한국", "korea", 0 },
    { "합영", "joint venture", 0 },
    { "합작", "joint venture", 0 },
    { "항공", "aviation", 0 },
    { "해상", "maritime", 0 },
    { "해양", "marine", 0 },
    { "해외", "overseas", 0 },
    { "해운", "shipping", 0 },
    { "협회", "association", 0 },
    { "홀딩스", "holdings", 0 },
    { "홍콩", "hong kong", 0 },
    { "화학", "chemical", 0 },
    { "회사", "corporation", 0 },
};
#define N_WORDS (sizeof WORDS / sizeof *WORDS)

#define RUN_MAX 40         /* letters of one run segmented (a longer run gets no form) */
#define ITEMS_MAX 96       /* words and leftover pieces of one name */
#define FORM_BYTES 2048    /* the form's words, spelled */

/* What a letter is to the segmentation. */
enum { C_NONE, C_HAN, C_HANGUL, C_KANA, C_LATIN, C_OTHER };

static int letter_class(uint32_t c)
{
    if (c >= 0xAC00 && c <= 0xD7A3) return C_HANGUL;
    if ((c >= 0x3040 && c <= 0x30FF) || (c >= 0x31F0 && c <= 0x31FF)) return C_KANA;
    if ((c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF)
        || (c >= 0x20000 && c <= 0x3FFFF) || c == 0x3007)
        return C_HAN;
    if (c < 0x80) return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || (c >= '0' && c <= '9') ? C_LATIN : C_NONE;
    return cdn_cp_script(c) == CDN_SCRIPT_LATIN ? C_LATIN : C_OTHER;
}

/* The next code point of a table spelling (valid UTF-8, written in this file). */
static uint32_t next_cp(const char **s)
{
    const unsigned char *u = (const unsigned char *)*s;
    uint32_t c = u[0];
    size_t k = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (k == 2) c = (c & 0x1F) << 6 | (u[1] & 0x3F);
    else if (k == 3) c = (c & 0x0F) << 12 | (u[1] & 0x3F) << 6 | (u[2] & 0x3F);
    else if (k == 4) c = (c & 0x07) << 18 | (u[1] & 0x3F) << 12 | (u[2] & 0x3F) << 6 | (u[3] & 0x3F);
    *s += k;
    return c;
}

static uint32_t first_cp(size_t e)
{
    const char *s = WORDS[e].native;
    return next_cp(&s);
}

/* The first entry whose spelling starts with c (N_WORDS if none). */
static size_t first_entry(uint32_t c)
{
    size_t lo = 0, hi = N_WORDS;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (first_cp(mid) < c) lo = mid + 1;
        else hi = mid;
    }
    return lo < N_WORDS && first_cp(lo) == c ? lo : N_WORDS;
}

/* How many letters entry e spells at f[0..n) (folded letters), or 0 if it does not. */
static size_t entry_len_at(size_t e, const uint32_t *f, size_t n)
{
    const char *s = WORDS[e].native;
    size_t k = 0;
    while (*s) {
        if (k >= n || next_cp(&s) != f[k]) return 0;
        k++;
    }
    return k;
}

/* A longer spelling sorts after its prefix (有限公司 before 有限責任公司, 조선 before 조선소). */
long cdn_orgwords_unsorted(void)
{
    for (size_t e = 1; e < N_WORDS; e++) {
        const char *a = WORDS[e - 1].native, *b = WORDS[e].native;
        uint32_t x = 0, y = 0;
        while (*a && *b && (x = next_cp(&a)) == (y = next_cp(&b))) {}
        if (*a && !*b && x == y) return (long)e;        /* a longer spelling before its prefix */
        if (x > y) return (long)e;
        const char *h = WORDS[e].native;
        while (*h) {
            uint32_t c = next_cp(&h);
            if (letter_class(c) == C_HAN && cdn_han_traditional(c) != c) return (long)e;
        }
    }
    return -1;
}

/* A piece of the name: a table word (entry >= 0) or letters read as written (entry -1). */
typedef struct item { uint32_t cp, n; int16_t entry; uint8_t cls; } item;

typedef struct segmentation {
    item v[ITEMS_MAX];
    size_t n, words, legal, hangul_left;
} segmentation;

/* Cuts a run of one class into table words and leftover letters: the most letters covered by table
 * words, then the fewest words (a longest match that cannot strand a word: 机电子 reads 机 电子 only
 * if 电子 then covers more). `at_start`: the run begins the name. */
static int segment_run(const uint32_t *cps, uint32_t from, size_t n, int cls, int at_start, segmentation *sg)
{
    uint32_t f[RUN_MAX];
    uint8_t cov[RUN_MAX + 1], cnt[RUN_MAX + 1], take[RUN_MAX];
    int16_t pick[RUN_MAX];
    if (n > RUN_MAX) return -1;
    for (size_t i = 0; i < n; i++) f[i] = cls == C_HAN ? cdn_han_traditional(cps[from + i]) : cps[from + i];
    cov[n] = cnt[n] = 0;
    for (size_t i = n; i-- > 0;) {
        cov[i] = cov[i + 1];
        cnt[i] = cnt[i + 1];
        pick[i] = -1;
        take[i] = 1;
        if (cls == C_LATIN) continue;
        for (size_t e = first_entry(f[i]); e < N_WORDS && first_cp(e) == f[i]; e++) {
            size_t len = entry_len_at(e, f + i, n - i);
            uint8_t where = WORDS[e].flags & (OW_START | OW_INNER);
            int starts = at_start && i == 0;
            if (!len || (where == OW_START && !starts) || (where == OW_INNER && starts)) continue;
            unsigned c = (unsigned)len + cov[i + len], k = 1u + cnt[i + len];
            if (c > cov[i] || (c == cov[i] && k < cnt[i])) {
                cov[i] = (uint8_t)c;
                cnt[i] = (uint8_t)k;
                pick[i] = (int16_t)e;
                take[i] = (uint8_t)len;
            }
        }
    }
    for (size_t i = 0; i < n;) {
        if (sg->n >= ITEMS_MAX) return -1;
        item *it = &sg->v[sg->n];
        if (pick[i] < 0 && sg->n > 0 && it[-1].entry < 0 && it[-1].cls == cls && it[-1].cp + it[-1].n == from + i) {
            it[-1].n++;                                 /* the leftover piece goes on */
            i++;
            continue;
        }
        *it = (item){ .cp = (uint32_t)(from + i), .n = take[i], .entry = pick[i], .cls = (uint8_t)cls };
        sg->n++;
        if (pick[i] >= 0 && WORDS[pick[i]].flags & OW_LEGAL) sg->legal++;
        else if (pick[i] >= 0 && WORDS[pick[i]].english[0]) sg->words++;
        i += take[i];
    }
    return 0;
}

/* Cuts every part of the name into runs of one class and segments them; -1 when the name has letters
 * of another script or a run too long. */
static int segment_name(const cdn_text *t, segmentation *sg)
{
    int first = 1;
    memset(sg, 0, sizeof *sg);
    for (size_t p = 0; p < t->n_parts; p++) {
        const cdn_part *part = &t->parts[p];
        uint32_t i = part->cp, end = part->cp + part->ncp;
        while (i < end) {
            int cls = letter_class(t->cps[i]);
            uint32_t j = i + 1;
            if (cls == C_OTHER) return -1;
            while (j < end && letter_class(t->cps[j]) == cls) j++;
            if (cls != C_NONE && segment_run(t->cps, i, j - i, cls, first, sg) < 0) return -1;
            if (cls != C_NONE) first = 0;
            i = j;
        }
    }
    for (size_t k = 0; k < sg->n; k++) sg->hangul_left |= sg->v[k].entry < 0 && sg->v[k].cls == C_HANGUL;
    return 0;
}

/* The words of one form being spelled: texts in buf, each with the script it was read from. */
typedef struct spelled {
    char buf[FORM_BYTES];
    size_t len, n;
    uint16_t off[CDN_MAX_TOKENS], wlen[CDN_MAX_TOKENS];
    uint8_t script[CDN_MAX_TOKENS];
} spelled;

/* Adds the space-separated words of s[0..n) read from `script`. */
static void add_words(spelled *sp, const char *s, size_t n, int script)
{
    for (size_t i = 0; i < n && sp->n < CDN_MAX_TOKENS;) {
        while (i < n && s[i] == ' ') i++;
        size_t st = i;
        while (i < n && s[i] != ' ') i++;
        if (i == st || sp->len + (i - st) + 1 > sizeof sp->buf) break;
        memcpy(sp->buf + sp->len, s + st, i - st);
        sp->off[sp->n] = (uint16_t)sp->len;
        sp->wlen[sp->n] = (uint16_t)(i - st);
        sp->script[sp->n++] = (uint8_t)script;
        sp->len += i - st;
    }
}

/* Reads a leftover piece as written; 0, or -1 when it has no reading (the form is not made). */
static int read_piece(cdn_text *t, const item *it, int revised, spelled *sp)
{
    char out[CDN_TOKEN_MAX * 8 + 16];
    const uint32_t *cps = t->cps + it->cp;
    size_t n = 0;
    switch (it->cls) {
    case C_HAN:
        n = cdn_han_words(cps, it->n, out, sizeof out);
        add_words(sp, out, n, CDN_SCRIPT_HAN);
        break;
    case C_HANGUL:
        n = cdn_hangul_word(cps, it->n, revised, out, sizeof out);
        add_words(sp, out, n, CDN_SCRIPT_HANGUL);
        break;
    case C_KANA:
        if (cdn_icu_script_latin(t, CDN_SCRIPT_KANA, cps, it->n, out, sizeof out, &n) < 0) return -1;
        add_words(sp, out, n < sizeof out ? n : sizeof out, CDN_SCRIPT_KANA);
        break;
    default:
        if (cdn_fold_latin(cps, it->n, out, sizeof out, &n) < 0) return -1;
        add_words(sp, out, n, CDN_SCRIPT_LATIN);
        break;
    }
    return n ? 0 : -1;
}

/* Spells the name with its table words in English; with `revised`, Hangul left over in Revised
 * Romanization rather than the DPRK's McCune–Reischauer. */
static int spell(cdn_text *t, const segmentation *sg, int revised, spelled *sp)
{
    sp->len = sp->n = 0;
    for (size_t k = 0; k < sg->n; k++) {
        const item *it = &sg->v[k];
        if (it->entry >= 0) {
            const char *en = WORDS[it->entry].english;
            add_words(sp, en, strlen(en), CDN_SCRIPT_LATIN);
        } else if (read_piece(t, it, revised, sp) < 0) {
            return -1;
        }
    }
    return sp->n ? 0 : -1;
}

static int emit(cdn_analysis *an, const spelled *sp, int scheme)
{
    if (cdn_form_begin(an, scheme) < 0) return -1;
    for (size_t k = 0; k < sp->n; k++)
        if (cdn_form_token(an, sp->buf + sp->off[k], sp->wlen[k], sp->script[k], 0) < 0) return -1;
    cdn_form_end(an);
    return 0;
}

/* Whether the segmentation says "company": a business word, and for a name of unknown kind a legal
 * form or a second word too (a person's name in Han or Hangul may hold one such pair of letters). */
static int reads_as_company(const segmentation *sg, cordon_kind kind)
{
    if (sg->words == 0) return 0;
    return kind == CORDON_KIND_ORGANIZATION || sg->legal > 0 || sg->words >= 2;
}

int cdn_orgwords_add_forms(cdn_text *t, cordon_kind kind, cdn_analysis *an)
{
    if (kind != CORDON_KIND_ORGANIZATION && kind != CORDON_KIND_ANY) return 0;
    segmentation sg;
    spelled sp;
    if (segment_name(t, &sg) < 0 || !reads_as_company(&sg, kind)) return 0;
    int kana = 0, han = 0;
    for (size_t k = 0; k < sg.n; k++) {
        kana |= sg.v[k].cls == C_KANA;
        han |= sg.v[k].cls == C_HAN;
    }
    int scheme = sg.hangul_left || !(kana || han) ? CDN_SCHEME_MR : kana ? CDN_SCHEME_ICU : CDN_SCHEME_PINYIN;
    if (spell(t, &sg, 0, &sp) == 0 && emit(an, &sp, scheme) < 0) return -1;
    if (sg.hangul_left && spell(t, &sg, 1, &sp) == 0 && emit(an, &sp, CDN_SCHEME_RR) < 0) return -1;
    return 0;
}
