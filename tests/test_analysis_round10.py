"""Round-ten causes of errors on unseen replies (blind sets p and q), fixed at the concept level.

Precision first: offers and conditions that read like refusals. Rows are fresh paraphrases
written for these tests, not eval lines. The rules alone are pinned: the analyser is built
without the learned model.
"""

from __future__ import annotations

import functools

import pytest

from bot.domain.analysis import Analyser
from bot.resources import load_toml


@functools.cache
def rules_only() -> Analyser:
    """The shipped rules without any learned model: these tests pin the rules themselves."""
    return Analyser(
        {"redflags": load_toml("redflags.toml"), "facts": load_toml("analysis_facts.toml")}
    )


def codes(text: str, asked: tuple[str, ...] = ()) -> set[str]:
    return set(rules_only().analyse(text, asked).codes)


# The factory shutting people out owns the video refused after it.
INSPECTION_NOT_PHOTOS = [
    "车间不给视频 怕同行看到我们的机器",
    "厂里现在不让外人进来 视频也拍不了",
    "工厂最近在装修 暂时不方便接待 视频也不行",
    "这家厂家不对外开放 我们只是代理 拍不了工厂",
    "Cannot take video in workshop, sorry, it is company rule.",
]

# A factory shut for works, with no visit.
INSPECTION_RAISED = [
    "工厂是我们自己开的 不过正在装修 这个月都没法来看",
    "厂里在搬迁 下个月之前不能参观",
]

# A visit welcomed (by appointment), QC described, a photo rule in the workshop: no refusal.
INSPECTION_SAFE = [
    "来工厂看可以的 提前两天约一下 车间里不能拍照",
    "验厂可以 但是需要提前预约",
    "我们有自己的QC 每批抽检 不合格的不出厂",
]


@pytest.mark.parametrize("text", INSPECTION_NOT_PHOTOS)
def test_no_inspection_raised_not_photos(text: str) -> None:
    found = codes(text)
    assert "no_inspection" in found
    assert "no_real_photos" not in found


@pytest.mark.parametrize("text", INSPECTION_RAISED)
def test_no_inspection_raised(text: str) -> None:
    assert "no_inspection" in codes(text)


@pytest.mark.parametrize("text", INSPECTION_SAFE)
def test_no_inspection_safe(text: str) -> None:
    found = codes(text)
    assert "no_inspection" not in found
    assert "no_real_photos" not in found


# A visit offered only in part, or only for a deposit, is no offer.
INSPECTION_PARTIAL = [
    "视频看厂可以 但是只能看仓库 车间不让拍",
    "看厂可以 要先交定金 不然工厂不让进",
]


@pytest.mark.parametrize("text", INSPECTION_PARTIAL)
def test_no_inspection_raised_partial_offer(text: str) -> None:
    assert "no_inspection" in codes(text)


# Photos of the goods refused even when the factory is named: the older labels.
PHOTOS_RAISED = [
    "工厂那边不给图 我们只是拿货的",
    "厂家不让拍 您要看实物只能先拿货",
    "厂里在装修 暂时拍不了 等过几天吧",
]

# The speaker sends them elsewhere; the platform chat's limit is no refusal.
PHOTOS_SAFE = [
    "加我微信 我给您发实拍图 旺旺这边传不了大图",
    "我们马上发你实物视频 阿里旺旺发不了太大的文件",
]


@pytest.mark.parametrize("text", PHOTOS_RAISED)
def test_no_real_photos_raised(text: str) -> None:
    assert "no_real_photos" in codes(text)


@pytest.mark.parametrize("text", PHOTOS_SAFE)
def test_no_real_photos_safe(text: str) -> None:
    assert "no_real_photos" not in codes(text)
