"""Which HTML → Markdown library round-trips WordPress's post HTML best through Longhand's renderer.

`.venv/bin/python benchmarks/html_to_markdown.py` (html2text is measured when installed: `pip install html2text`)

The corpus is tests/data/wordpress_blocks.html: block-editor markup of WordPress 6.1 and later, classic-editor
text and shortcodes, each case stored unchanged by the real WordPress (tests/backends/test_pull_markdown.py
checks it). Each converter turns every case into Markdown; Longhand's own pipeline (editor/core/render.py, as
when publishing) renders it back, and the result is compared with the case:

* exact: the cases whose round trip says what the case says (`html_compare.same_html`: tags, attributes,
  comments and text, up to layout whitespace and smart punctuation; text between elements is read as
  WordPress's classic editor shows it where Markdown reads it the same, else as Markdown: `shown_html`);
  "content": the same, block comments left out of both;
* comments: WordPress block comments still in the result, of all in the corpus;
* lost elements / attributes / words: what the case has and the result lacks (counted over the corpus);
* HTML left: tags still written as HTML in the Markdown (block comments aside): what the author reads as HTML;
* ms/post: the conversion's time (no rendering), the median over the cases.
"""

from __future__ import annotations

import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from editor.core.html_compare import html_tokens, same_html  # noqa: E402
from editor.core.html_markdown import BLOCK_COMMENT, markdownify_markdown, shown_html, to_markdown  # noqa: E402
from editor.core.render import plain_html  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "wordpress_blocks.html"
_CASE = re.compile(r"^<!-- case: (.+?) -->\n", re.M)


def corpus() -> dict[str, str]:
    """The corpus's cases by name: the text from each `<!-- case: NAME -->` line to the next."""
    parts = _CASE.split(CORPUS.read_text(encoding="utf-8"))[1:]
    return dict(zip(parts[::2], parts[1::2], strict=True))


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "(not installed)"


def _html2text() -> Callable[[str], str] | None:
    try:
        import html2text
    except ImportError:
        return None

    def convert(text: str) -> str:
        parser = html2text.HTML2Text()
        parser.body_width = 0  # no wrapping: a wrapped line may start with a Markdown marker
        parser.ul_item_mark = "-"
        parser.emphasis_mark = "*"
        return parser.handle(text)

    return convert


def _markdownify() -> Callable[[str], str]:
    from markdownify import markdownify

    return lambda text: markdownify(text, heading_style="ATX", bullets="-")


@dataclass
class Score:
    exact: int = 0
    content: int = 0
    comments: int = 0
    lost_elements: int = 0
    lost_attributes: int = 0
    lost_words: int = 0
    html_left: int = 0


def _without_comments(text: str) -> str:
    return BLOCK_COMMENT.sub("", text)


def _counts(text: str) -> tuple[Counter[str], Counter[str], Counter[str]]:
    elements: Counter[str] = Counter()
    attributes: Counter[str] = Counter()
    words: Counter[str] = Counter()
    for token in html_tokens(text):
        if token[0] == "<":
            elements[token[1]] += 1
            attributes.update(f"{token[1]} {item}" for item in token[2:] if not item.startswith("id="))
        elif token[0] == "text":
            words.update(token[1].split())
    return elements, attributes, words


def score(convert: Callable[[str], str], cases: dict[str, str]) -> tuple[Score, float]:
    """The round trip of every case through `convert` and Longhand's renderer, and the median ms per case."""
    result, times = Score(), []
    for original in cases.values():
        start = time.perf_counter()
        markdown = convert(original)
        times.append((time.perf_counter() - start) * 1000)
        rendered, shown = plain_html(markdown), shown_html(original)
        result.exact += same_html(shown, rendered)
        result.content += same_html(_without_comments(shown), _without_comments(rendered))
        theirs = Counter(m.group(0) for m in BLOCK_COMMENT.finditer(original))
        ours = Counter(m.group(0) for m in BLOCK_COMMENT.finditer(rendered))
        result.comments += sum((theirs & ours).values())
        for before, after, field in zip(
            _counts(shown), _counts(rendered), ("elements", "attributes", "words"), strict=True
        ):
            setattr(result, f"lost_{field}", getattr(result, f"lost_{field}") + sum((before - after).values()))
        result.html_left += len(re.findall(r"<[A-Za-z]", _without_comments(markdown)))
    return result, statistics.median(times)


def main() -> None:
    cases = corpus()
    total_comments = sum(len(BLOCK_COMMENT.findall(text)) for text in cases.values())
    html2text_convert = _html2text()
    rows: list[tuple[str, Callable[[str], str] | None]] = [
        ("HTML as it is (pulls before Markdown)", lambda text: text),
        (f"markdownify {_version('markdownify')} alone", _markdownify()),
        (f"html2text {_version('html2text')} alone", html2text_convert),
        (
            "Longhand with html2text",
            (lambda text: to_markdown(text, convert=html2text_convert)) if html2text_convert else None,
        ),
        ("Longhand with markdownify (chosen)", to_markdown),
    ]
    print(f"HTML -> Markdown -> Longhand's HTML, {len(cases)} WordPress cases ({CORPUS.relative_to(ROOT)})")
    header = f"{'converter':<38}{'exact':>7}{'content':>9}{'comments':>10}{'lost el.':>10}"
    header += f"{'attrs':>7}{'words':>7}{'HTML left':>11}{'ms/post':>9}"
    print(header)
    print("-" * len(header))
    for name, convert in rows:
        if convert is None:
            print(f"{name:<38}  not installed (pip install html2text)")
            continue
        result, ms = score(convert, cases)
        print(
            f"{name:<38}{result.exact:>4}/{len(cases):<2}{result.content:>6}/{len(cases):<2}"
            f"{result.comments:>6}/{total_comments:<3}{result.lost_elements:>10}{result.lost_attributes:>7}"
            f"{result.lost_words:>7}{result.html_left:>11}{ms:>9.2f}"
        )
    tuned, _ = score(markdownify_markdown, cases)
    print(
        f"(Longhand's tuned markdownify on whole posts, unchecked: {tuned.exact}/{len(cases)} exact, "
        f"{tuned.content}/{len(cases)} without the comments)"
    )
    print("\nLonghand with markdownify, case by case (what the draft holds):")
    outcome: dict[str, list[str]] = {"Markdown": [], "Markdown and HTML": [], "HTML as it was": []}
    for name, original in cases.items():
        left = len(re.findall(r"<[A-Za-z]", _without_comments(to_markdown(original))))
        before = len(re.findall(r"<[A-Za-z]", _without_comments(original)))
        outcome["Markdown" if not left else "HTML as it was" if left >= before else "Markdown and HTML"].append(name)
    for label, names in outcome.items():
        print(f"  {label} ({len(names)}): {', '.join(names)}")


if __name__ == "__main__":
    main()
