"""Facts in every number form suppliers use; only what the text states."""

from __future__ import annotations

from typing import Any

import pytest

from bot.analysis import analyser


def facts(text: str, asked: tuple[str, ...] = ()) -> dict[str, Any]:
    return analyser().analyse(text, asked).facts


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # unit price: Arabic, Chinese numerals, 块/毛 forms, ranges, first tier
        ("单价12.5元", {"unit_price": 12.5}),
        ("批发价42 拿30件以上40", {"unit_price": 42}),
        ("太阳能灯 6块5一个", {"unit_price": 6.5}),
        ("泡泡机 一台十二块五", {"unit_price": 12.5}),
        ("一块一毛五一个", {"unit_price": 1.15}),
        ("杜邦线 八毛一排", {"unit_price": 0.8}),
        ("展示柜 一万二一台", {"unit_price": 12000}),
        ("一百二一件", {"unit_price": 120}),
        ("出厂价 1680/套", {"unit_price": 1680}),
        ("夜灯 8到12块", {"unit_price": [8, 12]}),
        ("1-99个 2.8元 100个以上2.3元", {"unit_price": 2.8}),
        ("65 RMB/pc", {"unit_price": 65}),
        ("吸管 2块3 刻字另加3毛", {"unit_price": 2.3}),
        ("乳液瓶 1块9 走线下的话给您1块7", {"unit_price": 1.9}),
        ("Price: USD 1.85/pc", {}),
        ("活动价只要39 包邮", {"unit_price": 39}),
        ("台灯 一口价八十八一盏", {"unit_price": 88}),
        ("我们这个价格一直不变的", {}),
        ("先拍一个五块的链接 剩下的再说", {}),
        ("快递费 江浙沪6块 新疆西藏另算", {}),
        ("运费的话 8块", {}),
        ("运费到付 单价8块", {"unit_price": 8}),
        ("装饰画 四十一幅 十幅起", {"moq": 10, "unit_price": 40}),
        ("单价一般在15左右", {"unit_price": 15}),
        ("起订两箱 一箱五十个 单价4块5", {"moq": 100, "unit_price": 4.5}),
        # MOQ
        ("两百个起", {"moq": 200}),
        ("两万支起做", {"moq": 20000}),
        ("起订量1千个", {"moq": 1000}),
        ("起订1.8万个", {"moq": 18000}),
        ("10万个起订", {"moq": 100000}),
        ("MOQ 300 pcs", {"moq": 300}),
        ("一件起批", {"moq": 1}),
        ("一个也能拍", {"moq": 1}),
        ("两百多件现货", {}),
        ("一套也可以买 不限量", {"moq": 1}),
        ("起订量没有限制的", {}),
        # an MOQ in packs counts the pieces when the pack's content is stated
        ("起订一箱 一箱三十六个", {"moq": 36}),
        ("MOQ 2 cartons, 60 pcs per carton", {"moq": 120}),
        ("十箱起批", {"moq": 10}),
        ("50 pcs minimum, price 3.2 yuan/pc", {"moq": 50, "unit_price": 3.2}),
        ("颜色有八个", {}),
        # lead time
        ("三天内发出", {"lead_time_days": 3}),
        ("15天交货", {"lead_time_days": 15}),
        ("做货四周", {"lead_time_days": 28}),
        ("两周交货", {"lead_time_days": 14}),
        ("半个月交货", {"lead_time_days": 15}),
        ("定制款大概一个半月发货", {"lead_time_days": 45}),
        ("48小时内发货", {"lead_time_days": 2}),
        ("现货当天发", {"lead_time_days": 0}),
        ("今天拍明天发", {"lead_time_days": 1}),
        ("一周左右发出", {"lead_time_days": 7}),
        ("生产周期25-30天", {"lead_time_days": [25, 30]}),
        ("三到五天发货", {"lead_time_days": [3, 5]}),
        ("交期两到三周", {"lead_time_days": [14, 21]}),
        ("5到7个工作日发出", {"lead_time_days": [5, 7]}),
        ("lead time 12-15 days", {"lead_time_days": [12, 15]}),
        ("打样三天", {}),
        ("样品的话可以寄 大概三天到", {}),
        ("样品免费 大货二十天", {"lead_time_days": 20, "sample_cost": 0}),
        ("七天无理由退换", {}),
        ("boss said this price valid only 48 hours", {}),
        ("做这行十五年了", {}),
        ("出货大概二十来天", {"lead_time_days": 20}),
        ("做好要二十多天", {"lead_time_days": 20}),
        ("一个多月能出货", {"lead_time_days": 30}),
        ("一星期左右能发", {"lead_time_days": 7}),
        ("平台压款一个多月才到账上", {}),
        ("款到账后15天交货", {"lead_time_days": 15}),
        ("we can ship tomorrow", {"lead_time_days": 1}),
        ("顺丰的话 珠三角次日达", {}),
        ("空运过去 到迪拜一周左右", {}),
        ("生产十天 海运到港大概三十天", {"lead_time_days": 10}),
        ("现在不下单就要排到下个月了", {}),
        # deposit
        ("定金30%", {"deposit_percent": 30}),
        ("三七开", {"deposit_percent": 30}),
        ("定金三成", {"deposit_percent": 30}),
        ("付款比例是4:6 先付四成开工", {"deposit_percent": 40}),
        ("定金和尾款各付一半", {"deposit_percent": 50}),
        ("定金百分之三十", {"deposit_percent": 30}),
        ("30%定金 70%尾款", {"deposit_percent": 30}),
        ("deposit 40%, balance 60%", {"deposit_percent": 40}),
        ("先付全款 再生产", {"deposit_percent": 100}),
        ("tomorrow price up 20%", {}),
        # sample cost
        ("样品免费", {"sample_cost": 0}),
        ("免费打样", {"sample_cost": 0}),
        ("Sample cost 35 RMB", {"sample_cost": 35}),
        ("样品不免费哦 一个8块", {"sample_cost": 8}),
        ("样品按大货价收 一个15块", {"sample_cost": 15}),
        ("Type-C线 2块6一条 样品收5块", {"unit_price": 2.6, "sample_cost": 5}),
        ("sample not free, 50 RMB", {"sample_cost": 50}),
        ("样品要收费 一个20 下单退", {"sample_cost": 20}),
        ("样品一个15 大货12一个 起订200", {"moq": 200, "unit_price": 12, "sample_cost": 15}),
    ],
)
def test_facts(text: str, expected: dict[str, Any]) -> None:
    assert facts(text) == expected


def test_duration_without_context_counts_only_when_lead_time_was_asked() -> None:
    assert facts("差不多一周吧", ("lead_time",)) == {"lead_time_days": 7}
    assert facts("差不多一周吧") == {}


def test_facts_are_never_null_and_ordered() -> None:
    result = facts("样品免费 定金30% 十天发货 单价8块 100个起")
    assert list(result) == ["moq", "unit_price", "lead_time_days", "deposit_percent", "sample_cost"]
    assert None not in result.values()


def test_full_width_digits() -> None:
    assert facts("单价１２元 起订量５００") == {"moq": 500, "unit_price": 12}
