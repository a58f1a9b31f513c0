"""Cross-site scripting payloads for the rich-text and plain-text fields.

Whatever runs of a payload sets `window.__xss` (`parent.__xss` from a frame) or opens an alert,
so that a browser shows it; the DOM-clobbering ones set `window.__xss` without running anything.
"""

MARKER = "__xss"

PAYLOADS = [
    # Scripts
    "<script>window.__xss=1</script>",
    '<script src="data:text/javascript,window.__xss=1"></script>',
    "<SCRIPT>alert(1)</SCRIPT>",
    # Event handlers
    "<img src=x onerror=window.__xss=1>",
    '<img src="x" onerror="alert(1)">',
    '<p onclick="window.__xss=1" onmouseover="alert(1)">悬停</p>',
    "<input autofocus onfocus=window.__xss=1>",
    "<details open ontoggle=window.__xss=1><summary>展开</summary></details>",
    "<body onload=window.__xss=1>",
    '<video><source onerror="window.__xss=1"></video>',
    "<marquee onstart=window.__xss=1>跑马灯</marquee>",
    # javascript:, vbscript: and data: URLs, plain and disguised
    '<a href="javascript:window.__xss=1">链接</a>',
    '<a href="JaVaScRiPt:alert(1)">大小写</a>',
    '<a href="&#106;avascript:window.__xss=1">十进制实体</a>',
    '<a href="&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)">'
    "十六进制</a>",
    '<a href="&#0000106&#0000097vascript:alert(1)">补零实体</a>',
    '<a href="jav&#x09;ascript:window.__xss=1">制表符</a>',
    '<a href=" javascript:alert(1)">前导空格</a>',
    '<a href="javascript&colon;window.__xss=1">命名实体</a>',
    '<a href="vbscript:msgbox(1)">vbscript</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data</a>',
    '<a href="https://example.org/" onclick="window.__xss=1" target="_blank" style="color:red">'
    "正常链接</a>",
    # SVG and MathML
    "<svg onload=window.__xss=1>",
    "<svg><script>window.__xss=1</script></svg>",
    '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">SVG 链接</text></a></svg>',
    "<svg><animate onbegin=window.__xss=1 attributeName=x dur=1s></svg>",
    "<svg><style><img src=x onerror=window.__xss=1></style></svg>",
    '<math href="javascript:alert(1)"><mi>x</mi></math>',
    "<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>",
    # Frames and plugins
    '<iframe srcdoc="&lt;script&gt;parent.__xss=1&lt;/script&gt;"></iframe>',
    '<iframe src="javascript:parent.__xss=1"></iframe>',
    '<object data="data:text/html,&lt;script&gt;parent.__xss=1&lt;/script&gt;"></object>',
    "<embed src=\"data:image/svg+xml,&lt;svg onload='alert(1)' "
    "xmlns='http://www.w3.org/2000/svg'/&gt;\">",
    # Styles
    '<style>@import "javascript:alert(1)"; p { background: url("javascript:alert(1)") }</style>',
    '<p style="background:url(javascript:window.__xss=1)">CSS url</p>',
    '<p style="width:expression(window.__xss=1)">CSS expression</p>',
    # The document around the text
    '<meta http-equiv="refresh" content="0;url=javascript:window.__xss=1">',
    '<base href="javascript:alert(1)//"><a href="x">相对链接</a>',
    '<form action="javascript:window.__xss=1"><button>提交</button></form>',
    '<link rel="stylesheet" href="javascript:alert(1)">',
    '<table background="javascript:alert(1)"><tr><td>表格</td></tr></table>',
    # DOM clobbering: an id or name would define window.__xss without a script
    '<a id="__xss" name="__xss" href="https://example.org/">clobber</a>',
    '<img name="__xss" src="x">',
    # Broken and nested markup
    "<scr<script>ipt>window.__xss=1</scr</script>ipt>",
    '<img """><script>window.__xss=1</script>">',
    "<<script>script>alert(1)//<</script>/script>",
    "<img src=x onerror=window.__xss=1//",
    "<p>未闭合段落<b>粗体<i>斜体",
    '<a href="https://example.org/" title="&quot; onmouseover=alert(1) x=&quot;">属性逃逸</a>',
    # Comments, CDATA and raw-text elements
    '<!--<img src="--><img src=x onerror=window.__xss=1//">',
    "<![CDATA[<script>window.__xss=1</script>]]>",
    '<noscript><p title="</noscript><img src=x onerror=window.__xss=1>"></noscript>',
    "<textarea><script>window.__xss=1</script></textarea>",
    "<title><img src=x onerror=window.__xss=1></title>",
    "<xmp><img src=x onerror=window.__xss=1></xmp>",
    # Text that must stay text
    "<p>&lt;script&gt;window.__xss=1&lt;/script&gt; a &amp; b &lt; c</p>",
    "{{ request.user }} {% debug %} {{ 7|add:7 }} ${7*7} <%= 7*7 %>",
]

# Plain-text fields (titles, summaries) take these as they are; they must show as typed.
PLAIN_TEXT_PAYLOADS = [
    "<script>window.__xss=1</script>",
    '"><img src=x onerror=alert(1)>',
    "</title><svg onload=window.__xss=1>",
    "{{ request.user }} {% debug %}",
]

# Files an editor might attach: pages, drawings and scripts, some under a harmless name. Uploads
# refuse every one; any stored before uploads were checked is served inert.
SVG_PAYLOAD = (
    '<svg xmlns="http://www.w3.org/2000/svg" onload="window.__xss=1">'
    "<script>alert(1)</script></svg>"
)
FILE_PAYLOADS = {
    "page.html": "<script>window.__xss=1</script><img src=x onerror=alert(1)>",
    "drawing.svg": SVG_PAYLOAD,
    "helper.js": "window.__xss=1",
    "page.xhtml": '<html xmlns="http://www.w3.org/1999/xhtml"><script>window.__xss=1</script></html>',
    "page.xml": '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
    "page.pdf": "<script>window.__xss=1</script>",
    "drawing.png": SVG_PAYLOAD,
    "page.txt": "<script>window.__xss=1</script>",
    "page": "<script>window.__xss=1</script>",
}
