"""How hard a health page is to read: advice for editors and reviewers, never a block.

The text scored is what visitors read as running prose: the summary, the paragraphs of the
body (sections, paragraphs, callouts, captions, questions to ask). Headings, labels, link
lists and the review notes are left out: readability formulas are made for sentences.

Scores come from textstat (https://pypi.org/project/textstat/): the Flesch-Kincaid grade
level (US school grade); the reading age is that grade plus 5, the usual conversion (grade 6
is a reading age of 11, NHS.UK's target). The formula only counts words, sentences and
syllables: it says nothing about whether the text is right or kind, and short texts score
unreliably, so it is shown as advice.
"""

import html
import re
from dataclasses import dataclass, field

import textstat
from wagtail.rich_text import RichText

READING_AGE_OFFSET = 5
LONGEST_SENTENCES = 3
HARDEST_WORDS = 5

BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|blockquote|div)>|<br\s*/?>", re.IGNORECASE)
HEADING = re.compile(r"<h[1-6][^>]*>.*?</h[1-6]>", re.IGNORECASE | re.DOTALL)
TAG = re.compile(r"<[^>]+>")
# A sentence ends at . ! or ? followed by a space and a capital, a digit or an opening quote.
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9“\"(])")
# Abbreviations a sentence does not end after ("the U.S. FDA", "Prof. Dr. Baum").
ABBREVIATION = re.compile(r"(?:\b[A-Z]\.|\b(?:Dr|Prof|Mr|Mrs|Ms|St|e\.g|i\.e|etc|vs)\.)$")
APOSTROPHES = "'\u2019-"
WORD = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿ][A-Za-zÀ-ÖØ-öø-ÿ'\u2019-]*")


@dataclass(frozen=True)
class ReadingLevel:
    grade: float
    words: int
    sentences: int
    longest_sentences: list = field(default_factory=list)  # [(number of words, sentence)], longest first
    hardest_words: list = field(default_factory=list)  # [(syllables, word)], most syllables first

    @property
    def reading_age(self):
        return round(self.grade + READING_AGE_OFFSET, 1)

    def above(self, target_age):
        return self.words > 0 and self.reading_age > target_age


def lines_of_html(markup):
    """The paragraphs and list items of rich text, as plain lines (headings left out)."""
    text = BLOCK_END.sub("\n", HEADING.sub("\n", str(markup)))
    lines = (" ".join(html.unescape(TAG.sub(" ", line)).split()) for line in text.split("\n"))
    return [line for line in lines if line]


def lines_of_text(text):
    return [" ".join(line.split()) for line in str(text or "").splitlines() if line.strip()]


def lines_of_block(block_type, value):
    """The prose of one body block."""
    if block_type == "paragraph":
        return lines_of_html(value.source if isinstance(value, RichText) else value)
    if block_type == "section":
        return lines_of_html(value["body"].source)
    if block_type == "callout":
        return lines_of_html(value["text"].source)
    if block_type == "image":
        return lines_of_text(value.get("caption"))
    if block_type == "image_series":
        return [
            *(line for item in value["images"] for line in lines_of_text(item["caption"])),
            *lines_of_text(value.get("caption")),
        ]
    if block_type == "external_resources":
        return [line for resource in value["resources"] for line in lines_of_text(resource.get("description"))]
    if block_type == "questions_to_ask":
        introduction = value.get("introduction")
        return [
            *(lines_of_html(introduction.source) if introduction else []),
            *(line for question in value["questions"] for line in lines_of_text(question)),
        ]
    return []


def as_sentence(line):
    """A line that does not end a sentence (a list item, a caption) still counts as one."""
    return line if line[-1] in ".!?:;" else f"{line}."


def page_text(page):
    """The running prose a visitor reads on `page`, one sentence-ending line per paragraph."""
    lines = lines_of_text(page.summary)
    for block in page.body:
        lines.extend(lines_of_block(block.block_type, block.value))
    return "\n".join(as_sentence(line) for line in lines)


def sentences_of(text):
    sentences = []
    for line in text.split("\n"):
        current = ""
        for piece in SENTENCE_END.split(line):
            current = f"{current} {piece}".strip()
            if not ABBREVIATION.search(current):
                sentences.append(current)
                current = ""
        if current:
            sentences.append(current)
    return [sentence for sentence in sentences if sentence]


def hardest_words(text, limit=HARDEST_WORDS):
    seen = {}
    for word in WORD.findall(text):
        key = word.strip(APOSTROPHES).lower()
        if key and key not in seen:
            seen[key] = (textstat.syllable_count(word), word.strip(APOSTROPHES))
    ranked = sorted(seen.values(), key=lambda item: (-item[0], item[1].lower()))
    return [item for item in ranked if item[0] >= 3][:limit]


def score_text(text):
    """The reading level of `text` by textstat's Flesch-Kincaid grade."""
    words = textstat.lexicon_count(text)
    if not words:
        return ReadingLevel(grade=0.0, words=0, sentences=0)
    sentences = sentences_of(text)
    longest = sorted(((textstat.lexicon_count(sentence), sentence) for sentence in sentences), key=lambda x: -x[0])
    return ReadingLevel(
        grade=round(textstat.flesch_kincaid_grade(text), 1),
        words=words,
        sentences=textstat.sentence_count(text),
        longest_sentences=longest[:LONGEST_SENTENCES],
        hardest_words=hardest_words(text),
    )


def score_page(page):
    return score_text(page_text(page))
