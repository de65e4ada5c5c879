"""A corpus of XSS and active-content vectors for comment HTML, each wired to a sentinel web server.

Every vector, if it ever runs or loads anything, makes a request that names it: a script it runs calls
`SENTINEL/s/N` (and marks the page: `<html data-xssN="1">`, for pages that block the request), anything
it loads from the network asks for `SENTINEL/r/N` (an image, style sheet, font, frame, navigation, …).
`vectors(url)` gives them with the sentinel's address in place of SENTINEL, numbered from 1.

The templates use `string.Template` placeholders, filled per vector:

- `$S`, `$R`: the vector's "script ran" and "remote load" addresses; `$RP` the latter without its
  scheme (protocol-relative, `//127.0.0.1:PORT/r/N`);
- `$JS`: JavaScript that marks the page and requests `$S` (no quotes, no spaces, no `<` or `>`, so it
  fits any attribute, quoted or not); `$JSE` the same as HTML decimal entities, `$JSU` percent-encoded,
  `$JSB` base64 (for `atob`), `$JSC` as `String.fromCharCode` arguments;
- `$HTMLB`, `$SVGB`: base64 of an HTML page and of an SVG image that run `$JS` (for data: URLs).
"""

from __future__ import annotations

import base64
from string import Template
from urllib.parse import quote

PLACEHOLDER = "SENTINEL"
MARKER = "xss"  # document.documentElement.dataset.xssN, i.e. the attribute data-xssN

TEMPLATES: tuple[str, ...] = (
    # -- script elements, plain and disguised
    "<script>$JS</script>",
    "<SCRIPT>$JS</SCRIPT>",
    '<script src="$S"></script>',
    '<script type="module">$JS</script>',
    "<scr<script>ipt>$JS</scr</script>ipt>",
    "<<script>script>$JS<</script>/script>",
    '<script/xss src="$S"></script>',
    "<p>hello <script>$JS</script> world</p>",
    "<script>\n<!--\n$JS\n//-->\n</script>",
    '<script src="data:text/javascript;base64,$JSB"></script>',
    "<svg><script>$JS</script></svg>",
    '<svg><script href="$S"></script></svg>',
    # -- event handlers
    '<img src=x onerror="$JS">',
    "<img src=x onerror=$JS>",
    '<IMG SRC=x ONERROR="$JS">',
    '<img/src=x/onerror="$JS">',
    '<img src onerror="$JS">',
    '<img src=x\nonerror="$JS">',
    '<img src=x\tonerror="$JS">',
    '<image src=x onerror="$JS">',
    '<img src="data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7" onload="$JS">',
    '<img src=x onerror="$JSE">',
    "<img src=x onerror=eval(atob(`$JSB`))>",
    "<img src=x onerror=eval(String.fromCharCode($JSC))>",
    '<svg onload="$JS">',
    '<svg><g onload="$JS"></g></svg>',
    '<svg><animate onbegin="$JS" attributeName="x" dur="1s"></animate></svg>',
    '<svg><set onbegin="$JS" attributeName="x" to="1"></set></svg>',
    '<body onload="$JS">',
    '<body onpageshow="$JS">',
    '<details open ontoggle="$JS"><summary>x</summary></details>',
    '<video><source onerror="$JS"></video>',
    '<video src=x onerror="$JS"></video>',
    '<audio src=x onerror="$JS"></audio>',
    '<input autofocus onfocus="$JS">',
    '<select autofocus onfocus="$JS"></select>',
    '<textarea autofocus onfocus="$JS"></textarea>',
    '<a href="https://example.com/" autofocus onfocus="$JS" tabindex="1">x</a>',
    '<div contenteditable autofocus onfocus="$JS">x</div>',
    '<marquee onstart="$JS">x</marquee>',
    '<object data=x onerror="$JS"></object>',
    '<iframe onload="$JS"></iframe>',
    '<style onload="$JS"></style>',
    '<input type=image src=x onerror="$JS">',
    '<p onclick="$JS" onmouseover="$JS">hover or click</p>',
    '<a href="https://example.com/" onclick="$JS">an allowed tag with a handler</a>',
    '<abbr title="x" onmouseover="$JS">abbr</abbr>',
    '<img src="https://example.com/a.png" alt="a" onload="$JS" onerror="$JS">',
    # -- javascript:, vbscript: and data: addresses
    '<a href="javascript:$JS">x</a>',
    '<a href="JaVaScRiPt:$JS">x</a>',
    '<a href=" javascript:$JS">x</a>',
    '<a href="java&#x09;script:$JS">x</a>',
    '<a href="java\nscript:$JS">x</a>',
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;$JS">x</a>',
    '<a href="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058$JS">x</a>',
    '<a href="javascript&colon;$JS">x</a>',
    '<a href="javascript:$JSU">x</a>',
    '<a href="vbscript:CreateObject(&quot;MSXML2.XMLHTTP&quot;).Open &quot;GET&quot;,&quot;$S&quot;">x</a>',
    '<a href="data:text/html;base64,$HTMLB">x</a>',
    '<iframe src="javascript:$JS"></iframe>',
    '<iframe src="data:text/html;base64,$HTMLB"></iframe>',
    '<iframe src="data:image/svg+xml;base64,$SVGB"></iframe>',
    '<iframe srcdoc="<script>$JS</script>"></iframe>',
    '<iframe srcdoc="&lt;img src=x onerror=$JS&gt;"></iframe>',
    '<object data="javascript:$JS"></object>',
    '<object data="data:text/html;base64,$HTMLB"></object>',
    '<object data="data:image/svg+xml;base64,$SVGB" type="image/svg+xml"></object>',
    '<embed src="javascript:$JS">',
    '<embed src="data:image/svg+xml;base64,$SVGB" type="image/svg+xml">',
    '<form action="javascript:$JS"><input type=submit value=go></form>',
    '<form><button formaction="javascript:$JS">go</button></form>',
    '<isindex action="javascript:$JS" type=image>',
    '<img src="javascript:$JS">',
    '<math><maction actiontype="statusline" xlink:href="javascript:$JS">m</maction></math>',
    '<math href="javascript:$JS">m</math>',
    '<svg><a xlink:href="javascript:$JS"><text x="20" y="20">s</text></a></svg>',
    '<svg><a><animate attributeName="href" to="javascript:$JS"></animate><text x="20" y="20">s</text></a></svg>',
    '<svg><use href="data:image/svg+xml;base64,$SVGB#x"></use></svg>',
    '<meta http-equiv="refresh" content="0;url=javascript:$JS">',
    '<meta http-equiv="refresh" content="0;url=data:text/html;base64,$HTMLB">',
    # -- CSS that runs or loads
    '<div style="width:expression($JS)">x</div>',
    '<xss style="xss:expression($JS)">x</xss>',
    '<div style="background:url(javascript:$JS)">x</div>',
    '<style>li{list-style-image:url("javascript:$JS")}</style><ul><li>x</li></ul>',
    '<p style="behavior:url($R)">x</p>',
    '<style>@import "$R";</style>',
    "<style>@import url($R);</style>",
    "<style>body{background:url($R)}</style>",
    '<p style="background:url($R)">x</p>',
    '<p style="background-image:url(&quot;$R&quot;)">x</p>',
    '<ul style="list-style-image:url($R)"><li>x</li></ul>',
    "<style>@font-face{font-family:h;src:url($R)}p{font-family:h}</style><p>x</p>",
    '<link rel=stylesheet href="$R">',
    '<link rel=stylesheet href="data:text/css,@import%20url($R);">',
    '<svg><style>@import "$R";</style></svg>',
    # -- remote loads through elements and attributes
    '<img src="$R">',
    '<img src="$R" srcset="$R 1x">',
    '<img srcset="$R 1x">',
    '<img src="$R" loading="lazy" width="1" height="1">',
    '<picture><source srcset="$R"><img src="x"></picture>',
    '<video poster="$R"></video>',
    '<video><source src="$R"></video>',
    '<audio src="$R" autoplay></audio>',
    '<input type=image src="$R">',
    '<table background="$R"><tr><td>x</td></tr></table>',
    '<table><tr><td background="$R">x</td></tr></table>',
    '<body background="$R">',
    '<bgsound src="$R">',
    '<svg><image href="$R" width="10" height="10"></image></svg>',
    '<svg><use href="$R#x"></use></svg>',
    '<svg><filter id="f"><feImage href="$R"></feImage></filter><rect filter="url(#f)" width="9" height="9"></rect></svg>',
    '<iframe src="$R"></iframe>',
    '<frameset><frame src="$R"></frameset>',
    '<object data="$R"></object>',
    '<embed src="$R">',
    '<applet code="x" codebase="$R"></applet>',
    '<portal src="$R"></portal>',
    '<meta http-equiv="refresh" content="0;url=$R">',
    '<link rel=prefetch href="$R">',
    '<link rel=preload href="$R" as=image>',
    '<link rel=icon href="$R">',
    '<link rel=import href="$R">',
    '<base href="$R/"><img src="b.png">',
    '<img src="$RP">',
    '<link rel=stylesheet href="$RP">',
    '<a href="https://example.com/" ping="$R">x</a>',
    # -- mutation XSS, broken and nested markup, encodings
    '<noscript><p title="</noscript><img src=x onerror=$JS>"></noscript>',
    '<noembed><p title="</noembed><img src=x onerror=$JS>"></noembed>',
    '<noframes><p title="</noframes><img src=x onerror=$JS>"></noframes>',
    '<iframe><p title="</iframe><img src=x onerror=$JS>"></iframe>',
    '<style><p title="</style><img src=x onerror=$JS>"></style>',
    '<textarea><p title="</textarea><img src=x onerror=$JS>"></textarea>',
    '<title><p title="</title><img src=x onerror=$JS>"></title>',
    '<xmp><p title="</xmp><img src=x onerror=$JS>"></xmp>',
    '<math><mtext><table><mglyph><style><img src=x onerror="$JS">',
    '<form><math><mtext></form><form><mglyph><style></math><img src=x onerror="$JS">',
    '<svg></p><style><a id="</style><img src=1 onerror=$JS>">',
    '<math><mi><mglyph><svg><mtext><textarea><a title="</textarea><img src=x onerror=$JS>">',
    '<select><template><style><img src=x onerror="$JS"></style></template></select>',
    '<template><img src=x onerror="$JS"></template>',
    '<svg><foreignObject><img src=x onerror="$JS"></foreignObject></svg>',
    '<!--<img src="--><img src=x onerror="$JS">">',
    '<![CDATA[<img src=x onerror="$JS">]]>',
    '<img """><script>$JS</script>">',
    '"><img src=x onerror="$JS">',
    '</p></div></body><img src=x onerror="$JS">',
    '<img src=x onerror="$JS"//',
    '<img alt=" src=&quot;$R&quot;" title=\' src="$R"\'><img src="x" alt="a" onerror="$JS">',
    '&lt;img src=x onerror="$JS"&gt; stays text, <b>unless decoded twice</b>',
    '<img src=x onerror="\\u0066etch(`$S`)">',
    "<img src=x onerror=$JS",
)


def _javascript(number: int, script_url: str) -> str:
    """Marks the page with data-xssN and requests the sentinel's /s/N; no quotes or spaces."""
    return f"document.documentElement.dataset.{MARKER}{number}=1;fetch(`{script_url}`)"


def _b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def fill(template: str, number: int, sentinel_url: str) -> str:
    """`template` (placeholders as above) made vector `number`, aimed at the sentinel at `sentinel_url`."""
    script_url, remote_url = f"{sentinel_url}/s/{number}", f"{sentinel_url}/r/{number}"
    js = _javascript(number, script_url)
    return Template(template).substitute(
        S=script_url,
        R=remote_url,
        RP=remote_url.partition(":")[2],
        JS=js,
        JSE="".join(f"&#{ord(c)};" for c in js),
        JSU=quote(js, safe=""),
        JSB=_b64(js),
        JSC=",".join(str(ord(c)) for c in js),
        HTMLB=_b64(f"<!DOCTYPE html><script>{js}</script>"),
        SVGB=_b64(f'<svg xmlns="http://www.w3.org/2000/svg" id="x" onload="{js}"><script>{js}</script></svg>'),
    )


def vectors(sentinel_url: str = PLACEHOLDER) -> dict[int, str]:
    """Every vector by number (1…), aimed at the sentinel at `sentinel_url` ("http://127.0.0.1:PORT")."""
    return {
        number: fill(template, number, sentinel_url.rstrip("/")) for number, template in enumerate(TEMPLATES, start=1)
    }
