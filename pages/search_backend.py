"""Search on the embedded SQLite database that finds Danish inflections.

PostgreSQL stems with its `danish` text-search configuration. SQLite's FTS5 has no
Danish stemmer, and Python's sqlite3 cannot register a tokenizer, so the stemming
happens on the query side: each word is reduced to its Danish Snowball stem and
matched as a prefix. "boligområde" and "boligområder" both become "boligområd*",
which finds "boligområde", "boligområder" and "boligområderne". Danish inflects by
suffixes, and the stem is a prefix of every form, so this finds what PostgreSQL's
stemming finds (and sometimes a little more). Very short stems are matched as the
word itself, so "is" does not match every word that begins with it.
"""

import re
from functools import lru_cache

import snowballstemmer
from modelsearch.backends.database.sqlite.query import Lexeme, SearchQueryExpression
from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend, SQLiteSearchQueryCompiler
from modelsearch.query import PlainText

MIN_STEM = 4


@lru_cache(maxsize=4096)
def danish_stem(word: str) -> str:
    return snowballstemmer.stemmer("danish").stemWord(word.lower())


def _lexeme(word: str) -> Lexeme:
    stem = danish_stem(word)
    return Lexeme(stem, prefix=True) if len(stem) >= MIN_STEM else Lexeme(word)


class DanishSQLiteQueryCompiler(SQLiteSearchQueryCompiler):
    def build_search_query_content(self, query, config=None):
        if not isinstance(query, PlainText):
            return super().build_search_query_content(query, config=config)
        # Words only: FTS5 gives quotes, parentheses and operators a meaning of their own,
        # and its tokenizer drops punctuation from the index anyway.
        words = re.findall(r"\w+", query.query_string)
        if not words:
            return None
        lexemes = _lexeme(words[0])
        for word in words[1:]:
            lexemes = lexemes & _lexeme(word) if query.operator.upper() == "AND" else lexemes | _lexeme(word)
        return SearchQueryExpression(lexemes, config=config)


class DanishSQLiteSearchBackend(SQLiteSearchBackend):
    query_compiler_class = DanishSQLiteQueryCompiler


SearchBackend = DanishSQLiteSearchBackend
