"""Phrasings from article styles the gold sets do not have: 政府网 notices with numbered clauses,
答记者问 interviews, 一图读懂 bullet lists, WeChat recruitment posts, county policies and reports that
mix offers with totals. Each sentence is written the way such articles word it; each expectation is
what a careful reader would record.
"""

from __future__ import annotations

from app.extract.article import extract
from app.extract.conditions import Condition, conditions_text


def money_rows(text: str) -> list[tuple[str, int, list[str]]]:
    return [(i.category, i.amount_yuan, i.targets) for i in extract(text).incentives if i.amount_yuan]


# --- who an offer is for, when the sentence names nobody ------------------------------------------


def test_a_sentence_after_a_finished_enumeration_does_not_borrow_its_last_target() -> None:
    text = (
        "对来我区就业的应届高校毕业生，本科每月补贴1500元、硕士每月2500元、博士每月4000元，最长发放36个月。"
        "同时提供一次性生活补助5000元。"
    )
    rows = money_rows(text)
    assert rows[-1] == ("living_allowance", 5000, [])
    assert [r[2] for r in rows[:3]] == [["本科"], ["硕士"], ["博士"]]


def test_a_sentence_with_its_own_beneficiaries_borrows_nobody() -> None:
    text = (
        "对高层次人才的配偶，由区人社局协调安置工作。对入选“城东英才”的人才，每年给予2万元至5万元的人才津贴。"
    )
    assert money_rows(text) == [("living_allowance", 50000, [])]


def test_a_group_still_waiting_for_its_offer_is_borrowed() -> None:
    text = "今年计划全职引进两院院士1-2名。全职引进的每人给予100万元安家费。"
    assert money_rows(text) == [("settling_allowance", 1000000, ["两院院士"])]


# --- totals paid out are metrics ------------------------------------------------------------------


def test_a_total_paid_out_is_a_metric_even_when_named_as_a_reward() -> None:
    text = "高新区财政每年列支人才专项资金3亿元，目前已累计兑现奖励资金8600万元。"
    ex = extract(text)
    assert money_rows(text) == []
    assert [m.value for m in ex.metrics if m.unit == "元"] == [300_000_000, 86_000_000]


def test_the_next_sum_of_a_report_of_totals_is_a_total_too() -> None:
    text = "去年以来，全区已兑现人才政策资金3.6亿元，发放购房补贴1.2亿元。"
    ex = extract(text)
    assert money_rows(text) == []
    assert [(m.name, m.value) for m in ex.metrics] == [
        ("兑现人才政策资金", 360_000_000),
        ("发放购房补贴", 120_000_000),
    ]


def test_an_offer_after_a_budget_keeps_its_own_beneficiary() -> None:
    text = "区财政每年安排人才发展资金5000万元，对新引进的博士研究生给予20万元购房补贴。"
    assert money_rows(text) == [("housing_subsidy", 200_000, ["博士研究生"])]


def test_a_per_person_rate_in_a_report_is_still_an_offer() -> None:
    text = "全市已累计发放生活补贴860万元，对新引进博士每人每月补贴3000元。"
    assert money_rows(text) == [("living_allowance", 3000, ["博士"])]


# --- how long a recurring offer runs ----------------------------------------------------------------

DURATIONS = {
    "对引进的博士研究生、硕士研究生，按每人每年1万元标准发放生活补贴，连续发放3年。": 36,
    "对县内企业新引进的全日制硕士研究生，每人每月发放3000元人才津贴，期限为3年。": 36,
    "对入选“城东英才”的人才，每年给予5万元的人才津贴，享受期3年。": 36,
    "“双一流”高校本科毕业生每人每年1.2万元生活津贴，连续发放两年。": 24,
    "应届高校毕业生每月补贴1500元，最长发放36个月。": 36,
    "租房补贴：硕士以上每月1000元，最长3年。": 36,
    "给予博士30万元购房补贴，分三年发放。": 36,
}


def test_durations_as_policies_word_them() -> None:
    got = {s: [i.duration_months for i in extract(s).incentives if i.amount_yuan] for s in DURATIONS}
    assert got == {s: [months] for s, months in DURATIONS.items()}


def test_a_condition_of_years_worked_is_not_a_duration() -> None:
    [row] = [i for i in extract("在本市连续工作满5年的博士，给予10万元奖励。").incentives if i.amount_yuan]
    assert (row.duration_months, row.conditions) == (None, (Condition("service", "在本市连续工作满5年", 5),))


# --- targets written with a floor: 本科及以上, 硕士以上学历 -------------------------------------------


def test_a_degree_with_a_floor_is_one_target_of_that_degree() -> None:
    text = "对“双一流”高校本科及以上学历毕业生，每人每年发放1.2万元生活津贴，连续发放两年。"
    [row] = [i for i in extract(text).incentives if i.amount_yuan]
    assert (row.targets, row.target_levels) == (["本科及以上学历毕业生"], ["bachelor", "graduate"])


def test_an_enumeration_of_degrees_with_floors_is_zipped() -> None:
    text = "对硕士及以上学历人才、本科学历人才分别给予每月1000元、600元的租房补贴。"
    rows = [(i.amount_yuan, i.target_levels) for i in extract(text).incentives if i.amount_yuan]
    assert rows == [(1000, ["master"]), (600, ["bachelor"])]


def test_a_new_subject_after_a_semicolon_does_not_inherit_the_previous_target() -> None:
    text = "对评为县级优秀人才的，每人奖励2000元；对获得“柳州工匠”称号的，给予每人5000元奖励。"
    assert money_rows(text) == [("award", 2000, ["县级优秀人才"]), ("award", 5000, [])]


def test_targets_listed_across_semicolons_keep_each_their_own_sum() -> None:
    text = "对新引进的博士，发放一次性人才奖励8万元；硕士3万元；本科1万元。"
    assert money_rows(text) == [
        ("award", 80000, ["博士"]),
        ("award", 30000, ["硕士"]),
        ("award", 10000, ["本科"]),
    ]


# --- a headline that restates the body in fewer words ----------------------------------------------


def test_a_headline_naming_the_body_offer_loosely_adds_no_row() -> None:
    title = "潍坊高新区出台人才新政 博士最高可享150万元支持"
    text = f"{title}\n新引进的全日制博士研究生，3年内给予最高150万元人才待遇支持。\n"
    rows = [(i.category, i.amount_yuan) for i in extract(text, title).incentives if i.amount_yuan]
    assert rows == [("package", 1_500_000)]


# --- buying a home, worded as an activity ------------------------------------------------------------


def test_buying_a_home_worded_in_full_makes_the_subsidy_a_housing_one() -> None:
    text = "青年人才首次在高新区购买商品住房的，按每平方米500元给予补贴，最高不超过15万元。"
    [row] = [i for i in extract(text).incentives if i.amount_yuan]
    assert (row.category, row.amount_yuan, row.amount_kind, row.targets, row.conditions) == (
        "housing_subsidy",
        150_000,
        "up_to",
        ["青年人才"],
        (Condition("purchase", "在高新区购买商品住房"),),
    )


def test_a_first_home_purchase_names_a_housing_subsidy() -> None:
    assert money_rows("引进人才在本县购买首套住房的，给予一次性补贴5万元。") == [
        ("housing_subsidy", 50_000, [])
    ]


# --- 答记者问: each question opens a new topic ------------------------------------------------------


def test_an_answer_does_not_take_its_category_from_before_its_question() -> None:
    text = (
        "答：对新引进的全日制博士研究生，给予最高80万元购房补贴。\n"
        "问：对刚毕业的大学生有什么支持？\n"
        "答：对来我区就业的应届高校毕业生，本科每月补贴1500元、硕士每月2500元。\n"
    )
    assert [(c, a) for c, a, _ in money_rows(text)] == [
        ("housing_subsidy", 800_000),
        ("living_allowance", 1500),
        ("living_allowance", 2500),
    ]


def test_an_answer_takes_its_category_from_its_own_question() -> None:
    text = "问：租房补贴的标准是多少？\n答：本科每月1000元，硕士每月1500元。\n"
    assert [(c, a) for c, a, _ in money_rows(text)] == [("rent_subsidy", 1000), ("rent_subsidy", 1500)]


def test_a_sum_paid_out_over_all_kinds_of_subsidy_is_a_total() -> None:
    text = "2023年，全区新引进大学生2.1万人，发放各类人才补贴1.35亿元。"
    assert money_rows(text) == []
    assert [m.value for m in extract(text).metrics if m.unit == "元"] == [135_000_000]


def test_an_offer_to_all_kinds_of_talent_is_still_an_offer() -> None:
    text = "对全职引进的各类高层次人才，给予最高100万元安家补贴。"
    assert money_rows(text) == [("settling_allowance", 1_000_000, ["高层次人才"])]


def test_an_activity_word_in_an_earlier_sentence_does_not_name_a_figure() -> None:
    text = "人才购买首套住房的，可申请住房公积金贷款。\n对引进的博士每人每年给予2万元。"
    assert money_rows(text) == [("living_allowance", 20_000, ["博士"])]


# --- a table flattened to text lines (WeChat recruitment posts) --------------------------------------


def test_a_flattened_table_row_takes_each_figure_s_category_from_its_column() -> None:
    text = (
        "二、引进待遇\n"
        "引进人才类别 安家费 生活补贴 备注\n"
        "博士研究生 20万元 每月3000元 连续发放5年\n"
        "硕士研究生 8万元 每月1500元 连续发放3年\n"
    )
    rows = [
        (i.category, i.amount_yuan, i.period, i.targets) for i in extract(text).incentives if i.amount_yuan
    ]
    assert rows == [
        ("settling_allowance", 200_000, "one_off", ["博士研究生"]),
        ("living_allowance", 3000, "monthly", ["博士研究生"]),
        ("settling_allowance", 80_000, "one_off", ["硕士研究生"]),
        ("living_allowance", 1500, "monthly", ["硕士研究生"]),
    ]


def test_a_period_word_before_the_next_figure_is_not_this_figure_s_period() -> None:
    rows = extract("博士研究生：安家费20万元 每月3000元生活补贴").incentives
    assert [(i.amount_yuan, i.period) for i in rows if i.amount_yuan] == [
        (200_000, "one_off"),
        (3000, "monthly"),
    ]


def test_a_line_after_the_table_is_read_on_its_own() -> None:
    text = "引进人才类别 安家费 生活补贴 备注\n博士研究生 20万元 每月3000元 无\n（一）引进人才购买首套住房的，给予一次性购房补贴5万元。\n"
    rows = [(i.category, i.amount_yuan) for i in extract(text).incentives if i.amount_yuan]
    assert rows[-1] == ("housing_subsidy", 50_000)


# --- loans: credit is an incentive only as start-up support -------------------------------------------


def test_a_housing_loan_ceiling_is_not_a_subsidy() -> None:
    text = (
        "人才在我市购买首套住房的，住房公积金贷款额度最高可贷80万元，"
        "并给予购房款10%的补贴，最高不超过20万元。"
    )
    assert money_rows(text) == [("housing_subsidy", 200_000, [])]


def test_start_up_credit_and_loan_interest_subsidies_stay_incentives() -> None:
    text = "对大学生创办的企业，给予最高50万元的创业担保贷款。对人才创办企业给予贷款贴息，每年最高20万元。"
    assert money_rows(text) == [("startup_support", 500_000, ["大学生"]), ("startup_support", 200_000, [])]


# --- durations belong to recurring sums ---------------------------------------------------------------


def test_a_one_off_sum_takes_no_duration_from_a_recurring_sum_beside_it() -> None:
    text = "对新引进的全日制博士，给予15万元安家费，另按每月2500元发放生活补贴，连续发放3年。"
    rows = [(i.amount_yuan, i.period, i.duration_months) for i in extract(text).incentives if i.amount_yuan]
    assert rows == [(150_000, "one_off", None), (2500, "monthly", 36)]


def test_a_one_off_sum_paid_in_instalments_keeps_its_instalment_years() -> None:
    text = "对全职引进的硕士研究生给予安家补贴10万元，分5年发放；每月给予1000元生活补贴，最长发放3年。"
    rows = [(i.amount_yuan, i.period, i.duration_months) for i in extract(text).incentives if i.amount_yuan]
    assert rows == [(100_000, "one_off", 60), (1000, "monthly", 36)]


# --- headings name a topic, the lines under them hold the offer ----------------------------------------


def kind_rows(text: str) -> list[tuple[str, int | None]]:
    return [(i.category, i.amount_yuan) for i in extract(text).incentives]


def test_a_numbered_heading_adds_no_row_beside_the_offer_under_it() -> None:
    text = (
        "第五条 租房补贴。\n"
        "对新引进的全日制硕士研究生，每月给予1500元租房补贴，最长发放36个月。\n"
        "（二）人才公寓\n"
        "新引进人才可申请入住人才公寓，拎包入住。\n"
    )
    assert kind_rows(text) == [("rent_subsidy", 1500), ("talent_housing", None)]


def test_a_table_header_adds_no_rows_beside_the_figures_in_its_columns() -> None:
    text = "引进人才类别 安家费 生活补贴 备注\n博士研究生 20万元 每月3000元 连续发放5年\n"
    assert kind_rows(text) == [("settling_allowance", 200_000), ("living_allowance", 3000)]


def test_a_heading_is_kept_when_nothing_under_it_names_its_benefit() -> None:
    text = "（三）人才公寓\n新引进的博士三年内可无偿使用一套精装住房，期满后按市场价八折续租。\n"
    assert [c for c, _ in kind_rows(text)] == ["talent_housing"]


def test_bare_figures_in_a_table_row_are_cells_not_items_of_one_list() -> None:
    text = "人才类别 安家费 科研启动经费 年薪\n领军人才 200万元 500万元 100万元\n"
    rows = [(i.category, i.amount_yuan, i.period) for i in extract(text).incentives if i.amount_yuan]
    assert rows == [
        ("settling_allowance", 2_000_000, "one_off"),
        ("research_funding", 5_000_000, "one_off"),
        ("living_allowance", 1_000_000, "yearly"),
    ]


# --- a compound is named by its last noun ---------------------------------------------------------------


def test_a_subsidy_named_after_a_benefit_is_the_subsidy_not_the_benefit() -> None:
    text = "新引进人才在三年内可享受人才公寓租金补贴，入住满一年后可申请人才住房补贴。"
    assert sorted(c for c, _ in kind_rows(text)) == ["housing_subsidy", "rent_subsidy"]


def test_a_subsidy_word_before_a_generic_subsidy_keeps_its_own_name() -> None:
    text = "柔性引进的顶尖人才，在我市工作期间给予120平方米住房租金奖励补贴。"
    assert [c for c, _ in kind_rows(text)] == ["rent_subsidy"]


# --- amounts given "respectively" take the levels named just before -------------------------------------


def test_amounts_by_degree_take_the_levels_listed_in_the_sentence_before() -> None:
    text = (
        "开发区将加大对具有博士、硕士、学士学位人才的引进力度。"
        "在开发区缴纳社会保险的高校毕业生，给予生活补贴。"
        "根据学历不同，区外高校毕业生补贴标准分别为每月3000元、2000元、1000元。"
    )
    assert [r[2] for r in money_rows(text)] == [["博士"], ["硕士"], ["学士学位人才"]]


def test_amounts_given_in_order_take_the_nearest_list_of_as_many_levels() -> None:
    text = (
        "正高级职称、副高级职称人才和高级技师可申请人才津贴。"
        "来我县工作的高层次人才，依次给予每年5万元、3万元、2万元津贴。"
    )
    assert [r[2] for r in money_rows(text)] == [["正高级职称"], ["副高级职称人才"], ["高级技师"]]


def test_a_list_of_levels_of_another_length_is_not_zipped() -> None:
    text = "全日制博士、硕士研究生可申请购房补贴。在园区购房的高校毕业生，补贴标准分别为8万元、5万元、3万元。"
    assert [r[2] for r in money_rows(text)] == [["高校毕业生"]] * 3


def test_levels_in_the_paragraph_before_are_not_zipped() -> None:
    text = (
        "本次招聘面向博士、硕士、本科毕业生。\n"
        "来园区创业的高校毕业生，创业补贴标准分别为10万元、5万元、3万元。"
    )
    assert [r[2] for r in money_rows(text)] == [["高校毕业生"]] * 3


# --- how long a recurring offer runs --------------------------------------------------------------------


def test_wei_qi_gives_how_long_a_monthly_offer_runs() -> None:
    text = "对新引进的全日制硕士研究生，每月发放2000元生活补贴，为期两年。"
    rows = [(i.amount_yuan, i.period, i.duration_months) for i in extract(text).incentives if i.amount_yuan]
    assert rows == [(2000, "monthly", 24)]


# --- 获批 before a person is a condition, not money received -------------------------------------------


def test_people_who_were_approved_keep_their_benefit_in_kind() -> None:
    text = "经市人才工作领导小组认定，获批人才可申请入住人才公寓，前三年免收租金。"
    assert kind_rows(text) == [("talent_housing", None)]


def test_approved_for_a_programme_is_still_a_condition() -> None:
    text = "获批省级人才项目的人才可优先入住人才公寓。"
    assert kind_rows(text) == [("talent_housing", None)]


def test_an_approved_housing_project_is_no_benefit() -> None:
    text = "今年我县获批人才公寓建设项目3个，新增房源200套。"
    assert kind_rows(text) == []


# --- words that name what a reported total was spent on are no offer ------------------------------------


def test_a_reported_total_named_after_an_award_gives_no_award_row() -> None:
    text = "去年全市共兑现人才奖补资金1.2亿元，惠及各类人才3000余人。"
    assert kind_rows(text) == []


def test_a_benefit_in_another_clause_than_the_total_is_kept() -> None:
    text = "全年发放人才公寓租赁补贴资金800万元，新引进的博士可申请入住人才公寓。"
    assert kind_rows(text) == [("talent_housing", None)]


def test_benefits_a_total_was_paid_as_are_still_offered() -> None:
    text = "去年全市兑现高层次人才津贴、购房补贴、安家补贴3700余万元。"
    assert sorted(c for c, _ in kind_rows(text)) == [
        "housing_subsidy",
        "living_allowance",
        "settling_allowance",
    ]


# --- a target keeps every qualifier it is named with ----------------------------------------------------


def test_young_top_talent_keeps_young_in_its_name() -> None:
    text = "对新入选的青年拔尖人才，给予一次性20万元培养经费。"
    assert money_rows(text) == [("research_funding", 200_000, ["青年拔尖人才"])]
    assert extract(text).incentives[0].target_levels == ["outstanding_talent", "young_talent"]


def test_stacked_qualifiers_stay_in_the_target_name() -> None:
    text = "海外高层次人才、青年领军人才分别给予50万元、30万元安家费。"
    assert [r[2] for r in money_rows(text)] == [["海外高层次人才"], ["青年领军人才"]]


# --- 其中 that splits an offer by who gets it ----------------------------------------------------------


def test_qizhong_before_a_per_person_rate_splits_the_offer_by_level() -> None:
    text = "对新落户的高校毕业生发放生活补贴，其中本科每人1万元，硕士每人2万元。"
    assert money_rows(text) == [
        ("living_allowance", 10_000, ["本科"]),
        ("living_allowance", 20_000, ["硕士"]),
    ]


def test_qizhong_before_a_part_of_a_sum_or_an_average_is_still_no_offer() -> None:
    text = "对新引进的博士，给予最高50万元购房补贴，其中首付时发放30万元。"
    assert money_rows(text) == [("housing_subsidy", 500_000, ["博士"])]
    text = "全年共发放人才补贴1.2亿元，其中每人平均领取2万元。"
    assert money_rows(text) == []


# --- a bracketed aside after a figure -------------------------------------------------------------------


def test_a_bracketed_figure_restating_the_offer_is_not_a_second_offer() -> None:
    text = "对新引进的硕士研究生给予每年2.4万元（每月2000元）生活补贴。"
    assert money_rows(text) == [("living_allowance", 24_000, ["硕士研究生"])]


def test_a_bracketed_figure_for_someone_else_is_an_offer_of_its_own() -> None:
    text = "对新引进的博士给予安家费10万元（硕士5万元）。"
    assert money_rows(text) == [
        ("settling_allowance", 100_000, ["博士"]),
        ("settling_allowance", 50_000, ["硕士"]),
    ]


def test_the_word_after_a_bracketed_aside_names_the_figure() -> None:
    text = "对新引进的顶尖人才给予最高100万元（其中购房补贴50万元）的综合待遇。"
    assert money_rows(text) == [("package", 1_000_000, ["顶尖人才"])]


# --- professional titles name their rung: 副教授 and 高级工程师 are 副高, 教授 and 主任医师 正高 --------------


def test_professional_titles_are_senior_title_targets() -> None:
    text = "对全职引进的教授、主任医师、研究员，给予30万元安家费；副教授、副主任医师、高级工程师给予15万元安家费。"
    rows = extract(text).incentives
    assert [(r.amount_yuan, r.targets, r.target_levels) for r in rows] == [
        (300_000, ["教授", "主任医师", "研究员"], ["senior_title"]),
        (150_000, ["副教授", "副主任医师", "高级工程师"], ["senior_title"]),
    ]


def test_a_middle_title_is_named_but_is_no_senior_title() -> None:
    rows = extract("取得中级职称的人才，每月给予500元生活补贴。").incentives
    assert [(r.targets, r.target_levels) for r in rows] == [(["中级职称"], [])]


def test_master_craftsmen_are_skilled_workers() -> None:
    rows = extract("对首席技师、技能大师每人给予5万元奖励。").incentives
    assert [(r.targets, r.target_levels) for r in rows] == [(["首席技师", "技能大师"], ["skilled_worker"])]


# --- 全职引进 and 柔性引进 are alternatives, not both conditions of one offer ------------------------------


def test_each_offer_takes_the_hiring_mode_named_last_before_it() -> None:
    text = "全职引进的博士给予30万元安家费，柔性引进的给予10万元工作经费。"
    rows = extract(text).incentives
    assert [(r.amount_yuan, conditions_text(r.conditions)) for r in rows] == [
        (300_000, "全职引进"),
        (100_000, "柔性引进"),
    ]


# --- a benefit mentioned in a report of what was built or done is no offer ------------------------------


def test_a_report_of_apartments_built_offers_no_apartment() -> None:
    text = "会上，市人社局介绍了人才公寓建设情况。全市已建成人才公寓2000套，去年共为86名人才办理人才卡。"
    assert extract(text).incentives == []


def test_an_apartment_offered_is_still_an_offer() -> None:
    rows = extract("博士人才可免费入住人才公寓3年。").incentives
    assert [(r.category, r.targets) for r in rows] == [("talent_housing", ["博士人才"])]


# --- health care and hukou are family support even when worded as a service ------------------------------


def test_health_care_and_settling_hukou_are_family_support() -> None:
    for text in ("高层次人才每年可享受一次免费健康体检。", "高校毕业生可先落户后就业，实行零门槛落户。"):
        assert [r.category for r in extract(text).incentives] == ["family_support"], text
    rows = extract("为高层次人才提供医疗保健服务，开通就医绿色通道。").incentives
    assert sorted(r.category for r in rows) == ["family_support", "service_perk"]
