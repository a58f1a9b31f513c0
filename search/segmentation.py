"""Text as the index and the queries see it: jieba's words in search mode, lower case, with the
forms of a standard's number a reader may type (GB/T 32960, GB/T32960, GBT 32960, 32960)."""

import functools
import logging
import re
import threading

from django.conf import settings

# Words of the domain jieba's dictionary lacks; the committees' names are added from the records.
DOMAIN_WORDS = (
    "换电",
    "智能网联",
    "新能源",
    "燃料电池",
    "动力电池",
    "自动驾驶",
    "电动汽车",
    "商用车",
    "乘用车",
    "挂车",
    "电磁兼容",
    "汽标委",
    "分标委",
    "起草组",
    "征求意见",
    "整车",
    "车身",
    "充电",
)

# A standard's number: letters, an optional slash and letter (GB/T, QC/T), the number with its
# parts (32960.3) and an optional year (-2016).
NUMBER = re.compile(
    r"(?<![A-Za-z0-9])([A-Za-z]{1,6})\s*(?:/\s*([A-Za-z]))?\s*(\d+(?:\.\d+)*)(?:\s*[-—]\s*(\d{4}))?"
)
# Tokens with at least one letter or digit: FTS5's unicode61 tokenizer and PostgreSQL's parser
# drop everything else, and a quoted phrase of nothing is an error in FTS5.
WORDY = re.compile(r"[^\W_]")

_lock = threading.Lock()


@functools.cache
def _jieba():
    import jieba

    with _lock:
        jieba.setLogLevel(logging.WARNING)
        jieba.initialize()
        for word in DOMAIN_WORDS:
            jieba.add_word(word)
        for word in _committee_words():
            jieba.add_word(word)
    return jieba


def _committee_words():
    from standards.models import Committee

    try:
        names = Committee.objects.values_list("name", "short_name")
        return {name for pair in names for name in pair if name}
    except Exception:  # no table yet (before migrate): the domain words alone
        return set()


def add_words(*words):
    """Words of a new or renamed committee, for this process's segmentation from now on."""
    jieba = _jieba()
    for word in words:
        if word:
            jieba.add_word(word)


def number_forms(number):
    """The tokens a standard's number is found by: GB/T 32960.3-2016 as gbt32960, gbt3296032016
    and gbt, 32960, 3296032016."""
    forms = []
    for match in NUMBER.finditer(number or ""):
        letters, letter, digits, year = match.groups()
        prefix = (letters + (letter or "")).lower()
        main = digits.replace(".", "")
        base = digits.split(".")[0]
        forms += [prefix, f"{prefix}{base}", base, f"{prefix}{main}", main]
        if year:
            forms.append(f"{main}{year}")
    return list(dict.fromkeys(forms))


def tokens(text):
    """The words of `text` as the index holds them, lower case, each once, in order: jieba's
    search mode (each word and the shorter words within it) and every other word of the
    dictionary the text contains (its full mode).

    Search mode alone adds only the two- and three-character words within a long one (a
    committee's name is a word of its own, hiding 智能网联 in it), and splits 换电站 as 换/电站,
    hiding 换电. Without jieba's HMM guesses at unknown words, the same text splits the same way
    in a record and in a query, whatever surrounds it.
    """
    jieba = _jieba()
    text = text or ""
    return _kept([*jieba.cut_for_search(text, HMM=False), *jieba.cut(text, cut_all=True)])


def _kept(words):
    words = (word.strip().lower() for word in words)
    return list(dict.fromkeys(word for word in words if word and WORDY.search(word)))


def query_tokens(query):
    """The words a query must match, lower case: a number as one token (its prefix and number
    together, whatever spacing it was typed with), the rest as jieba splits it; bounded in
    length and in number."""
    query = query[: settings.SEARCH_MAX_LENGTH]
    found = []

    def number(match):
        letters, letter, digits, _year = match.groups()
        found.append(f"{letters}{letter or ''}{digits.split('.')[0]}".lower())
        return " "

    rest = NUMBER.sub(number, query)
    # The query's words as jieba's precise mode splits them: each is among the index's words of
    # the same text (search mode adds the shorter ones within), and every one must match.
    words = list(dict.fromkeys(found + _kept(_jieba().cut(rest, HMM=False))))
    return words[: settings.SEARCH_MAX_TOKENS]
