"""Deterministic, realistic blog posts of a chosen length, for the benchmarks.

`post(words, seed)` gives the same Markdown every time: a title, sections with `##` headings, paragraphs
with emphasis, inline code and links, bulleted and numbered lists, one table, and a fenced code block
about every 500 words.
"""

from __future__ import annotations

import random
import re

_VOCABULARY = (
    "the a of and to in is that it for on with as was at by this from be have are or an which not but all "
    "were when we there can one been has more if no out so what up said about into than them only other "
    "time new some could these two may first then do any like my now over such our man me even most made "
    "after also did many before must through back years where much your way well down should because each "
    "just those people how too little state good very make world still own see men work long get here "
    "between both life being under never day same another know while last might us great old year off come "
    "since against go came right used take three draft post editor writing morning river garden letter "
    "window kitchen bicycle mountain coffee notebook harbour lantern meadow autumn winter summer spring "
    "village library station market bridge island forest pencil paper story chapter sentence paragraph "
    "reader author evening quietly slowly carefully suddenly perhaps certainly almost nearly gently "
    "travelled remembered wondered noticed returned discovered explained finished started believed"
).split()
_LANGUAGES = ("python", "javascript", "bash", "rust", "go")
_CODE = {
    "python": [
        "def {w}(items):",
        "    total = 0",
        "    for item in items:",
        "        total += len(item)",
        "    return total  # {w}",
        "",
        "print({w}(['a', 'bc']))",
    ],
    "javascript": [
        "function {w}(items) {{",
        "  let total = 0;",
        "  for (const item of items) total += item.length;",
        "  return total; // {w}",
        "}}",
        "console.log({w}(['a', 'bc']));",
    ],
    "bash": ["#!/bin/sh", "set -eu", "for f in *.md; do", '  echo "{w}: $f"', "done | sort | uniq -c"],
    "rust": ["fn {w}(items: &[&str]) -> usize {{", "    items.iter().map(|s| s.len()).sum()", "}}"],
    "go": [
        "func {w}(items []string) int {{",
        "\tn := 0",
        "\tfor _, s := range items {{",
        "\t\tn += len(s)",
        "\t}}",
        "\treturn n",
        "}}",
    ],
}
_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")


class _Writer:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.blocks: list[str] = []
        self.words = 0
        self.since_code = 0
        self.table_done = False
        self.link_n = 0

    def word(self) -> str:
        return self.rng.choice(_VOCABULARY)

    def phrase(self, n: int) -> str:
        return " ".join(self.word() for _ in range(n))

    def sentence(self) -> str:
        parts = []
        for _ in range(self.rng.randint(7, 18)):
            w = self.word()
            roll = self.rng.random()
            if roll < 0.03:
                w = f"*{w}*"
            elif roll < 0.05:
                w = f"**{w}**"
            elif roll < 0.06:
                w = f"`{w}()`"
            elif roll < 0.075:
                self.link_n += 1
                w = f"[{w} {self.word()}](https://example.org/{w}/{self.link_n})"
            parts.append(w)
        text = " ".join(parts)
        return text[0].upper() + text[1:] + self.rng.choice(".....?!")

    def add(self, block: str) -> None:
        self.blocks.append(block)
        counted = sum(1 for _ in _WORD.finditer(block))
        self.words += counted
        self.since_code += counted

    def paragraph(self) -> None:
        self.add(" ".join(self.sentence() for _ in range(self.rng.randint(2, 6))))

    def heading(self, level: int) -> None:
        self.add("#" * level + " " + self.phrase(self.rng.randint(2, 6)).capitalize())

    def bullet_list(self) -> None:
        numbered = self.rng.random() < 0.4
        items = []
        for i in range(self.rng.randint(3, 6)):
            marker = f"{i + 1}." if numbered else "-"
            items.append(f"{marker} {self.sentence()}")
        self.add("\n".join(items))

    def quote(self) -> None:
        self.add("> " + self.sentence() + " " + self.sentence())

    def table(self) -> None:
        head = [self.word().capitalize() for _ in range(4)]
        rows = ["| " + " | ".join(head) + " |", "|" + "---|" * 4]
        for _ in range(self.rng.randint(4, 8)):
            rows.append(
                "| " + " | ".join([self.word(), self.word(), str(self.rng.randint(1, 999)), f"*{self.word()}*"]) + " |"
            )
        self.add("\n".join(rows))
        self.table_done = True

    def code(self) -> None:
        lang = self.rng.choice(_LANGUAGES)
        name = self.word() + "_" + self.word()
        body = "\n".join(line.format(w=name) for line in _CODE[lang])
        self.add(f"```{lang}\n{body}\n```")
        self.since_code = 0


def post(words: int, seed: int = 1) -> str:
    """A Markdown post of about `words` words (as the editor counts them), the same for the same seed."""
    w = _Writer(seed * 1_000_003 + words)
    w.add("# " + w.phrase(5).capitalize())
    w.paragraph()
    while w.words < words:
        w.heading(2)
        for _ in range(w.rng.randint(2, 5)):
            if w.words >= words:
                break
            roll = w.rng.random()
            if roll < 0.12:
                w.heading(3)
            elif roll < 0.27:
                w.bullet_list()
            elif roll < 0.32:
                w.quote()
            elif not w.table_done and w.words > min(words // 3, 2000):
                w.table()
            w.paragraph()
            if w.since_code >= 500:
                w.code()
    return "\n\n".join(w.blocks) + "\n"


if __name__ == "__main__":  # python benchmarks/corpus.py 1000 > post.md
    import sys

    print(post(int(sys.argv[1]) if len(sys.argv) > 1 else 1000), end="")
