"""Words the generated records are made of: committees, subjects, places, people and sources.

Subjects are grouped by the sub-committee that would be responsible for them, so a generated
standard's title, committee and meetings belong together. Each subject carries an English name
for the standards that get an English title.
"""

TC = ("全国汽车标准化技术委员会", "汽标委", "SAC/TC114")

# name, short name, code; the first eight are the demo's (same names, so the demo's are reused).
SUB_COMMITTEES = [
    ("电子与电磁兼容分技术委员会", "电子与电磁兼容", "SAC/TC114/SC29"),
    ("挂车分技术委员会", "挂车", ""),
    ("智能网联汽车分技术委员会", "智能网联汽车", "SAC/TC114/SC34"),
    ("整车分技术委员会", "整车", ""),
    ("专用汽车分技术委员会", "专用汽车", ""),
    ("车身分技术委员会", "车身", ""),
    ("发动机分技术委员会", "发动机", ""),
    ("变速器分技术委员会", "变速器", ""),
    ("电动车辆分技术委员会", "电动车辆", "SAC/TC114/SC27"),
    ("底盘分技术委员会", "底盘", ""),
    ("摩托车分技术委员会", "摩托车", ""),
]

MINISTRY = ("工业和信息化部装备工业一司", "装备工业一司")
EXTERNAL_BODIES = [
    MINISTRY,
    ("联合国 WP.29 汽车事件数据记录系统（EDR）国际法规起草组", "UN WP.29 EDR"),
    ("联合国 WP.29 电动汽车安全全球技术法规（EVS-GTR）工作组", "EVS-GTR"),
    ("联合国 WP.29 自动驾驶车辆工作组（GRVA）", "GRVA"),
]

PREFIXES = {
    "电子与电磁兼容": [("道路车辆", "Road vehicles"), ("汽车", "Motor vehicles")],
    "挂车": [("道路车辆", "Road vehicles"), ("挂车", "Trailers")],
    "智能网联汽车": [("智能网联汽车", "Intelligent and connected vehicles"), ("汽车", "Vehicles")],
    "整车": [
        ("汽车", "Motor vehicles"),
        ("乘用车", "Passenger cars"),
        ("商用车", "Commercial vehicles"),
    ],
    "专用汽车": [("专用汽车", "Special purpose vehicles"), ("道路车辆", "Road vehicles")],
    "车身": [("乘用车", "Passenger cars"), ("汽车", "Motor vehicles")],
    "发动机": [("汽车", "Motor vehicles"), ("重型商用车", "Heavy commercial vehicles")],
    "变速器": [("汽车", "Motor vehicles"), ("商用车", "Commercial vehicles")],
    "电动车辆": [
        ("电动汽车", "Electric vehicles"),
        ("燃料电池电动汽车", "Fuel cell electric vehicles"),
        ("混合动力电动汽车", "Hybrid electric vehicles"),
    ],
    "底盘": [
        ("汽车", "Motor vehicles"),
        ("乘用车", "Passenger cars"),
        ("商用车", "Commercial vehicles"),
    ],
    "摩托车": [
        ("摩托车和轻便摩托车", "Motorcycles and mopeds"),
        ("电动摩托车", "Electric motorcycles"),
    ],
}

SUBJECTS = {
    "电子与电磁兼容": [
        ("车载以太网", "In-vehicle Ethernet"),
        ("电气/电子部件电磁兼容性", "Electromagnetic compatibility of components"),
        ("基于因特网协议的诊断通信", "Diagnostic communication over Internet Protocol"),
        ("控制器局域网", "Controller area network"),
        ("电子控制单元", "Electronic control units"),
        ("低压电气系统", "Low-voltage electrical systems"),
        ("车载无线充电装置", "In-vehicle wireless chargers"),
        (
            "电气及电子设备的环境条件",
            "Environmental conditions for electrical and electronic equipment",
        ),
        ("毫米波雷达", "Millimetre-wave radars"),
        ("车载信息娱乐系统", "In-vehicle infotainment systems"),
    ],
    "挂车": [
        ("牵引杆挂环", "Drawbar eyes"),
        ("联结球", "Coupling balls"),
        ("半挂车牵引销", "Semi-trailer kingpins"),
        ("挂车支撑装置", "Trailer landing gear"),
        ("挂车稳定装置", "Trailer stabilizers"),
        ("挂车制动系统", "Trailer braking systems"),
    ],
    "智能网联汽车": [
        ("自动紧急制动系统", "Advanced emergency braking systems"),
        ("车道保持辅助系统", "Lane keeping assistance systems"),
        ("组合驾驶辅助系统", "Combined driver assistance systems"),
        ("自动驾驶数据记录系统", "Data storage systems for automated driving"),
        ("自动泊车系统", "Automated parking systems"),
        ("驾驶员注意力监测系统", "Driver attention monitoring systems"),
        ("汽车信息安全", "Vehicle cybersecurity"),
        ("软件升级", "Software update"),
        ("车路协同系统", "Vehicle-infrastructure cooperative systems"),
        ("全景影像监测系统", "Surround view monitoring systems"),
    ],
    "整车": [
        ("燃料消耗量", "Fuel consumption"),
        ("整车分类", "Vehicle classification"),
        ("外廓尺寸", "External dimensions"),
        ("质量参数", "Mass parameters"),
        ("侧翻稳定性", "Rollover stability"),
        ("车内空气质量", "In-vehicle air quality"),
        ("行驶记录仪", "Tachographs"),
    ],
    "专用汽车": [
        ("冷藏车", "Refrigerated vehicles"),
        ("罐式车辆", "Tank vehicles"),
        ("自卸汽车", "Dump trucks"),
        ("专用校车", "Special school buses"),
        ("城市环卫车辆", "Municipal sanitation vehicles"),
        ("危险货物运输车辆", "Dangerous goods vehicles"),
        ("房车", "Motor caravans"),
    ],
    "车身": [
        ("车门锁及车门保持件", "Door locks and door retention components"),
        ("座椅及其固定装置", "Seats and their anchorages"),
        ("安全带固定点", "Safety-belt anchorages"),
        ("间接视野装置", "Devices for indirect vision"),
        ("前后端保护装置", "Front and rear protective devices"),
        ("顶部抗压强度", "Roof crush resistance"),
        ("儿童乘员用约束系统", "Child restraint systems"),
        ("侧面安全气囊", "Side airbags"),
        ("行人保护", "Pedestrian protection"),
    ],
    "发动机": [
        ("发动机净功率", "Engine net power"),
        ("排气污染物", "Exhaust emissions"),
        ("冷却系统", "Cooling systems"),
        ("增压器", "Turbochargers"),
        ("燃油喷射系统", "Fuel injection systems"),
        ("曲轴箱通风系统", "Crankcase ventilation systems"),
    ],
    "变速器": [
        ("自动变速器", "Automatic transmissions"),
        ("机械式分动器总成", "Mechanical transfer case assemblies"),
        ("离合器", "Clutches"),
        ("双离合变速器", "Dual-clutch transmissions"),
        ("电驱动桥", "Electric drive axles"),
    ],
    "电动车辆": [
        ("动力蓄电池", "Traction batteries"),
        ("驱动电机系统", "Drive motor systems"),
        ("车载充电机", "On-board chargers"),
        ("换电系统", "Battery swap systems"),
        ("远程服务与管理系统", "Remote service and management systems"),
        ("能量消耗量", "Energy consumption"),
        ("燃料电池发动机", "Fuel cell engines"),
        ("车载氢系统", "On-board hydrogen systems"),
        ("电动汽车安全", "Electric vehicle safety"),
    ],
    "底盘": [
        ("制动系统", "Braking systems"),
        ("转向系统", "Steering systems"),
        ("悬架系统", "Suspension systems"),
        ("轮胎压力监测系统", "Tyre pressure monitoring systems"),
        ("防抱制动系统", "Anti-lock braking systems"),
        ("电子稳定性控制系统", "Electronic stability control systems"),
        ("线控制动系统", "Brake-by-wire systems"),
    ],
    "摩托车": [
        ("制动性能", "Braking performance"),
        ("照明和光信号装置", "Lighting and light-signalling devices"),
        ("燃油蒸发污染物", "Evaporative emissions"),
        ("噪声限值", "Noise limits"),
    ],
}

# The closing words of a title, and whether they suit a mandatory standard (安全要求, 限值).
SUFFIXES = [
    ("技术要求及试验方法", "Technical requirements and test methods", False),
    ("试验方法", "Test methods", False),
    ("技术要求", "Technical requirements", False),
    ("安全要求", "Safety requirements", True),
    ("性能要求和台架试验方法", "Performance requirements and bench test methods", False),
    ("通用技术条件", "General specifications", False),
    ("限值及测量方法", "Limits and measurement methods", True),
    ("术语和定义", "Terms and definitions", False),
    ("评价方法", "Evaluation methods", False),
    ("功能安全要求及试验方法", "Functional safety requirements and test methods", False),
]

PARTS = [
    ("通用要求", "General requirements"),
    ("试验条件", "Test conditions"),
    ("物理层", "Physical layer"),
    ("传输协议与网络层服务", "Transport protocol and network layer services"),
    ("数据链路层", "Data link layer"),
    ("耐久性试验", "Durability tests"),
    ("环境适应性", "Environmental adaptability"),
    ("电气性能", "Electrical performance"),
    ("机械强度", "Mechanical strength"),
    ("标识", "Marking"),
]

UN_REGULATIONS = [
    (13, "关于M、N和O类车辆制动的统一规定"),
    (79, "关于车辆转向装置的统一规定"),
    (100, "关于电动车辆特殊安全要求的统一规定"),
    (155, "关于网络安全与网络安全管理系统的统一规定"),
    (156, "关于软件升级与软件升级管理系统的统一规定"),
    (157, "关于自动车道保持系统的统一规定"),
    (160, "关于事件数据记录系统的统一规定"),
    (10, "关于车辆电磁兼容性的统一规定"),
]

CITIES = [
    "北京", "天津", "上海", "重庆", "长春", "苏州", "武汉", "广州", "深圳", "襄阳",
    "西安", "成都", "杭州", "合肥", "十堰", "柳州", "济南", "青岛", "厦门", "沈阳",
]  # fmt: skip
VENUES = ["中国汽车技术研究中心", "国家会议中心", "行业技术服务中心", "汽车试验场", "会展中心"]
PROVINCES = [
    "广东", "江苏", "浙江", "上海", "北京", "天津", "重庆", "湖北", "安徽", "山东",
    "四川", "吉林", "福建", "河南", "湖南", "陕西",
]  # fmt: skip

ATTENDEES = ["整车企业", "零部件企业", "检测机构", "科研院所", "高等院校", "行业协会", "认证机构"]

# Syllables of the people's names that make the reply-to addresses (liushaohui@catarc.ac.cn).
SURNAMES = ["liu", "wang", "zhang", "li", "chen", "yang", "zhao", "huang", "zhou", "wu", "sun"]
GIVEN = ["wei", "hui", "lei", "jing", "hang", "qiang", "ming", "li", "yan", "bo", "shao", "jun"]
MAIL_DOMAINS = ["catarc.ac.cn", "nast.com.cn", "dfmc.com.cn", "faw.com.cn", "saicmotor.com"]
MINISTRY_MAIL = "vehicle@miit.gov.cn"
# How the bulletin joins the addresses: the seed mixes all of these.
COPY_WORDINGS = ["，并抄送 ", "; 并抄送 ", ", 抄送 ", ", 请同步抄送 ", "; "]

NEWS_SOURCES = [
    ("工业和信息化部", "https://www.miit.gov.cn/"),
    ("国家市场监督管理总局", "https://www.samr.gov.cn/"),
    ("国家标准化管理委员会", "https://www.sac.gov.cn/"),
    ("中国汽车技术研究中心", "http://www.catarc.org.cn/"),
    ("中国汽车工业协会", "http://www.caam.org.cn/"),
]
NEWS_TOPICS = [
    "新能源汽车产业发展",
    "智能网联汽车道路测试",
    "汽车数据安全管理",
    "动力电池回收利用",
    "充电基础设施建设",
    "汽车产品准入管理",
    "车联网网络安全",
    "燃料电池汽车示范应用",
]

AGENDA_ITEMS = [
    "秘书处介绍年度工作进展",
    "标准起草单位汇报标准草案编制情况",
    "与会专家逐条讨论标准条款",
    "审议标准项目立项建议",
    "讨论下一步工作计划",
    "通报国际标准法规动态",
]
NEXT_STEPS = [
    "起草组根据会议意见修改完善标准草案，形成征求意见稿",
    "秘书处组织开展验证试验",
    "按计划提交标准送审稿",
    "持续跟踪国际法规协调进展",
]
