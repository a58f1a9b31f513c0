"""Where the issue document's lines may not break (bulletin/rendering/typesetting.py)."""

import pytest
from django.template import Context, Template

from bulletin.rendering import checks
from bulletin.rendering.typesetting import keep_together, typeset_html


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("道路车辆 第2部分:传输协议", "第2部分"),
        ("车用烟火装置第 1-10 部分标准", "第 1-10 部分"),
        ("介绍了GB 21670《乘用车》", "GB 21670"),
        ("研讨了GB/T 3730.2《汽车》", "GB/T 3730.2"),
        ("对GB 21670-2008附录", "GB 21670-2008"),
        ("平均燃料消耗5.1升/百公里", "5.1升"),
        ("乘用车2064.82万辆", "2064.82万辆"),
        ("会议于 2022 年 6 月召开", "2022 年"),
        ("占比超 50%以上", "50%"),
    ],
)
def test_numbers_keep_their_unit_and_standards_numbers_stay_whole(text, kept):
    assert f'<span class="keep">{kept}</span>' in keep_together(text)


def test_adjacent_numbers_may_part():
    assert keep_together("6月28日") == (
        '<span class="keep">6月</span><span class="keep">28日</span>'
    )


def test_a_cells_last_characters_are_bound():
    assert keep_together("工业和信息化部装备工业一司", 2) == (
        '工业和信息化部装备工业<span class="keep">一司</span>'
    )


def test_text_is_escaped():
    assert keep_together("<b>&</b>") == "&lt;b&gt;&amp;&lt;/b&gt;"


def test_each_paragraph_and_list_item_binds_its_last_three_characters():
    html = (
        "<p>会议讨论了<strong>标准</strong>的研究路径。</p>"
        "<ul><li>第一点内容<ul><li>嵌套</li></ul></li></ul>"
    )
    assert typeset_html(html) == (
        '<p>会议讨论了<strong>标准</strong>的研究<span class="keep">路径。</span></p>'
        '<ul><li>第一<span class="keep">点内容</span><ul><li><span class="keep">嵌套</span>'
        "</li></ul></li></ul>"
    )


def test_a_block_ending_in_markup_is_left_as_it_is():
    html = '<p>详见<a href="https://example.org/?a=1&amp;b=2">通知</a>。</p>'
    assert typeset_html(html) == html


def test_the_filters_mark_their_output_safe():
    template = Template("{% load typesetting %}{{ name|keep_runs }}|{{ body|typeset }}")
    rendered = template.render(Context({"name": "变速器分技术委员会", "body": "<p>第2部分</p>"}))
    assert rendered == (
        '变速器分技术委<span class="keep">员会</span>|<p><span class="keep">第2部分</span></p>'
    )


def test_an_unknown_pdf_variant_is_an_error(settings):
    settings.BULLETIN_PDF_VARIANT = "pdf/x-4"
    assert [message.id for message in checks.check_pdf_variant()] == ["bulletin.E001"]
    settings.BULLETIN_PDF_VARIANT = "pdf/a-3b"
    assert checks.check_pdf_variant() == []
