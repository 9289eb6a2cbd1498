"""CAMEO verb dictionaries in PETRARCH/TABARI format, as plug-in coding resources.

Users of CAMEO coders keep their verb patterns in files like PETRARCH's ``*.verbs.txt``
or ``CAMEO.2.0.txt``::

    &CURRENCY                       # a synonym set, used in patterns as &CURRENCY
    +DOLLARS
    +SWISS FRANCS                   # members may be phrases ("_" or a space between words)
    +&OTHERSET                      # or other sets

    --- RESTORE  [064] ---          # a verb block: its name and default code
    RESTORE                         # the verbs of the block, one a line:
    REBUILD [065]                   #   with a code of their own,
    BREAK {BROKE BROKEN}            #   with irregular forms,
    WIRE_+TAP {WIRE_+TAPPED}        #   several words, "+" marking the verb (WIRE TAP)
    - * DIPLOMATIC  [064]           # patterns: words before and after the verb (*),
    - NOT * RELATIONS [112]         #   "_" joining words that must be adjacent,
    - + * MONEY $  [071]            #   "+" the target, "$" the source, "%" both (a compound),
    - * (TO {BANNED PARTIES}) [1722]#   "^" a skipped phrase, {} a noun phrase, () a prepositional one
    - * TALKS  [032:033]            # source->target code : target->source code ([:033] reverse only)
    - PEACE-KEEPING *  [---]        # [---]: this phrase is no event

Comments are ``#`` to the end of a line and ``<!-- ... -->``. Lines starting ``~``
(PETRARCH2's transformations) are read and set aside: palmyra does not apply them.

:func:`parse_verb_dictionary` reads the text and lists what it cannot read as problems
(file:line: message); :func:`load_verb_file` raises a :class:`~palmyra.errors.ResourceError`
naming the first of them. The matcher that applies a dictionary to a parsed sentence is
:mod:`palmyra.stages.cameo_verbs`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..errors import ResourceError

__all__ = [
    "NULL_CODES",
    "Element",
    "Pattern",
    "VerbCode",
    "VerbDictionary",
    "VerbForm",
    "is_cameo_code",
    "is_verb_dictionary",
    "load_verb_file",
    "parse_code",
    "parse_verb_dictionary",
]

# Codes that say "no event" (PETRARCH's null and discard codes).
NULL_CODES = frozenset({"---", "+++", "###", ""})


def is_cameo_code(code: str | None) -> bool:
    """Is ``code`` a CAMEO event code: 2-4 digits under one of CAMEO's 20 roots ("01"-"20")?

    Test dictionaries also carry codes such as ``025?``, ``210a`` or ``903``: not CAMEO.
    """
    return code is not None and re.fullmatch(r"\d{2,4}", code) is not None and 1 <= int(code[:2]) <= 20


@dataclass(frozen=True)
class VerbCode:
    """A bracketed code: ``forward`` for source->target, ``reverse`` for target->source.

    ``[064]`` -> (064, None); ``[032:033]`` -> (032, 033); ``[:173]`` -> (None, 173);
    ``[---]`` -> null (no event).
    """

    forward: str | None
    reverse: str | None
    raw: str

    @property
    def null(self) -> bool:
        return self.forward is None and self.reverse is None


def parse_code(body: str) -> VerbCode:
    raw = body.strip()
    first, _, second = raw.partition(":")
    fwd = first.strip().upper() or None
    rev = second.strip().upper() or None
    return VerbCode(
        forward=None if fwd in NULL_CODES else fwd,
        reverse=None if rev in NULL_CODES else rev,
        raw=raw,
    )


@dataclass(frozen=True)
class Element:
    """One slot of a pattern.

    ``kind`` is ``word`` (``alts``: the spellings it may take, "BY/WITH" is two), ``set``
    (``name`` of a synonym set), ``source`` ($), ``target`` (+), ``compound`` (%) or ``skip``
    (^). ``joined``: it must touch the element on its verb side ("IN_*", "* DOWN_FROM").
    """

    kind: str
    alts: tuple[str, ...] = ()
    name: str = ""
    joined: bool = False


@dataclass(frozen=True)
class Pattern:
    """``pre`` elements run from the verb leftwards (nearest first); ``post`` rightwards."""

    pre: tuple[Element, ...]
    post: tuple[Element, ...]
    code: VerbCode
    line: int
    text: str

    @property
    def weight(self) -> int:
        """How specific the pattern is: its words and slots (longer patterns win)."""
        return len(self.pre) + len(self.post)


@dataclass(frozen=True)
class VerbForm:
    """A verb of a block: its words (``verb`` indexes the verb among them), spellings, code."""

    words: tuple[str, ...]
    verb: int
    forms: frozenset[str]
    code: VerbCode | None
    block: str
    line: int


@dataclass
class VerbDictionary:
    forms: list[VerbForm] = field(default_factory=list)
    patterns: dict[str, list[Pattern]] = field(default_factory=dict)  # block -> patterns
    block_codes: dict[str, VerbCode] = field(default_factory=dict)
    synsets: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    transformations: int = 0
    problems: list[tuple[int, str]] = field(default_factory=list)
    origin: str = "<verbs>"

    def by_word(self) -> dict[str, list[VerbForm]]:
        """Each spelling of a verb word -> the verb forms it may stand for."""
        out: dict[str, list[VerbForm]] = {}
        for f in self.forms:
            for s in f.forms:
                out.setdefault(s, []).append(f)
        return out

    def expand(self, name: str, depth: int = 0) -> list[tuple[str, ...]]:
        """The phrases of synonym set ``name`` with nested sets expanded."""
        out: list[tuple[str, ...]] = []
        for member in self.synsets.get(name, []):
            if len(member) == 1 and member[0].startswith("&") and depth < 5:
                out += self.expand(member[0][1:].rstrip("_"), depth + 1)
            else:
                out.append(member)
        return out


_COMMENT_XML = re.compile(r"<!--.*?-->", re.S)
_BLOCK = re.compile(r"^---\s*(?P<name>[^\[]*?)\s*(?P<codes>(?:\[[^\]]*\]\s*)*)(?:---)?\s*$")
_CODE = re.compile(r"\[([^\]]*)\]")


def _strip_comment(line: str) -> str:
    """The line up to a ``#`` that is not inside brackets ([###] is a code)."""
    depth = 0
    for i, ch in enumerate(line):
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth = max(0, depth - 1)
        elif ch == "#" and depth == 0:
            return line[:i]
    return line


def _regular_forms(word: str) -> set[str]:
    """A verb's regular spellings: -S, -ED, -ING (PETRARCH generates the same)."""
    w = word.upper()
    out = {w}
    if w.endswith("E"):
        out |= {w + "S", w + "D", w[:-1] + "ING"}
    elif w.endswith("Y") and len(w) > 2 and w[-2] not in "AEIOU":
        out |= {w[:-1] + "IES", w[:-1] + "IED", w + "ING"}
    elif w.endswith(("S", "X", "CH", "SH", "Z")):
        out |= {w + "ES", w + "ED", w + "ING"}
    else:
        out |= {w + "S", w + "ED", w + "ING"}
    return out


def _phrase_words(raw: str) -> tuple[list[str], int]:
    """``WIRE_+TAP`` -> (["WIRE", "TAP"], 1): the words and which one is the verb."""
    words: list[str] = []
    verb = -1
    for part in re.split(r"[_\s]+", raw.strip()):
        if not part:
            continue
        if part.startswith("+"):
            verb = len(words)
            part = part[1:]
        if part:
            words.append(part.upper())
    return words, max(verb, 0)


def _verb_line(line: str, n: int, block: str, d: VerbDictionary) -> None:
    codes = _CODE.findall(line)
    body = _CODE.sub(" ", line)
    irregular: list[str] = []
    if m := re.search(r"\{([^}]*)\}", body):
        irregular = m[1].split()
        body = body[: m.start()] + body[m.end() :]
    if "{" in body or "}" in body:
        d.problems.append((n, "unbalanced { } in verb forms"))
        return
    words, verb = _phrase_words(body)
    if not words:
        d.problems.append((n, "verb line with no verb"))
        return
    forms = {" ".join(words[:verb] + [f] + words[verb + 1 :]) for f in _regular_forms(words[verb])}
    for irr in irregular:
        iw, iv = _phrase_words(irr)
        if len(iw) == len(words):
            forms.add(" ".join(iw[:verb] + [iw[verb if iv == verb else iv]] + iw[verb + 1 :]))
        elif iw:
            forms.add(" ".join(iw))
    # index by the verb word only; the other words are checked around it
    verb_forms = frozenset(f.split()[verb] for f in forms if len(f.split()) == len(words))
    code = parse_code(codes[0]) if codes else None
    d.forms.append(VerbForm(tuple(words), verb, verb_forms, code, block, n))


_SLOTS = {"$": "source", "+": "target", "%": "compound", "^": "skip"}


def _items(text: str) -> list[tuple[Element | None, bool]]:
    """Pattern text -> (element, joined to its left neighbour) in order; None stands for the verb (*)."""
    flat = re.sub(r"[{}()]", " ", text)
    out: list[tuple[Element | None, bool]] = []
    for chunk in flat.split():  # a space ends a chunk: its first item is not joined
        joined = False
        for part in re.split(r"(_|\*)", chunk):
            if part == "_":
                joined = True
                continue
            if not part:
                continue
            if part == "*":
                el: Element | None = None
            elif part in _SLOTS:
                el = Element(_SLOTS[part])
            elif part.startswith("&"):
                el = Element("set", name=part[1:].rstrip("_").upper())
            else:
                el = Element("word", alts=tuple(a.upper() for a in part.split("/") if a))
            out.append((el, joined))
            joined = False
    return out


def _pattern(text: str, code: VerbCode, d: VerbDictionary, n: int) -> Pattern | None:
    if text.count("{") != text.count("}") or text.count("(") != text.count(")"):
        d.problems.append((n, "unbalanced brackets in pattern"))
        return None
    items = _items(text)
    stars = [i for i, (el, _) in enumerate(items) if el is None]
    if len(stars) != 1:
        d.problems.append((n, f"pattern needs exactly one * (the verb), found {len(stars)}"))
        return None
    s = stars[0]
    pre: list[Element] = []
    for k in range(s - 1, -1, -1):  # nearest the verb first; joined = touches its right neighbour
        el = items[k][0]
        assert el is not None
        pre.append(replace(el, joined=items[k + 1][1]))
    post = [replace(el, joined=j) for el, j in items[s + 1 :] if el is not None]
    for el in pre + post:
        if el.kind == "set" and el.name not in d.synsets:
            d.problems.append((n, f"unknown synonym set &{el.name}"))
            return None
    return Pattern(tuple(pre), tuple(post), code, n, " ".join(text.split()))


def parse_verb_dictionary(text: str, *, origin: str = "<verbs>") -> VerbDictionary:
    """Read a verbs dictionary; unreadable lines are listed in ``problems`` and skipped."""
    text = _COMMENT_XML.sub(lambda m: "\n" * m.group(0).count("\n"), text)
    d = VerbDictionary(origin=origin)
    block: str | None = None
    synset: str | None = None
    pending: list[tuple[int, str, VerbCode]] = []  # patterns read before all synsets are known
    for n, raw in enumerate(text.splitlines(), 1):
        line = _strip_comment(raw).strip()
        if not line:
            synset = None
            continue
        if line.startswith("~"):
            d.transformations += 1
            continue
        if line.startswith("---"):
            m = _BLOCK.match(line)
            codes = _CODE.findall(line)
            if m is None or not m["name"].strip() or not codes:
                d.problems.append((n, "verb block header must read --- NAME [CODE] ---"))
                block = None
                continue
            block = " ".join(m["name"].split()).upper()
            d.block_codes[block] = parse_code(codes[0])
            d.patterns.setdefault(block, [])
            synset = None
            continue
        if line.startswith("&"):
            synset = line[1:].split()[0].rstrip("_").upper()
            d.synsets.setdefault(synset, [])
            continue
        if synset is not None and line.startswith("+"):
            member = line[1:].strip()
            words = tuple(member.upper().replace("_", " ").split())
            if words:
                d.synsets[synset].append(words)
            continue
        synset = None
        if line.startswith("-"):
            if block is None:
                d.problems.append((n, "pattern with no verb block above it"))
                continue
            codes = _CODE.findall(line)
            if not codes:
                d.problems.append((n, "pattern with no [CODE]"))
                continue
            if "[" in _CODE.sub("", line):
                d.problems.append((n, "unclosed ["))
                continue
            body = _CODE.sub(" ", line)[1:]
            pending.append((n, body, parse_code(codes[0])))
            continue
        if block is None:
            d.problems.append((n, f"line outside a verb block or synonym set: {line[:40]!r}"))
            continue
        if "[" in _CODE.sub("", line):
            d.problems.append((n, "unclosed ["))
            continue
        _verb_line(line, n, block, d)
    blocks = _pattern_blocks(text)
    for n, body, code in pending:
        p = _pattern(body, code, d, n)
        if p is not None:
            d.patterns.setdefault(blocks[n], []).append(p)
    d.problems.sort()
    return d


def _pattern_blocks(text: str) -> dict[int, str]:
    """Line number -> the verb block it is in (for patterns, read after the synsets)."""
    out: dict[int, str] = {}
    block = ""
    for n, raw in enumerate(text.splitlines(), 1):
        line = _strip_comment(raw).strip()
        if line.startswith("---") and (m := _BLOCK.match(line)) and m["name"].strip():
            block = " ".join(m["name"].split()).upper()
        out[n] = block
    return out


def is_verb_dictionary(text: str) -> bool:
    """Does *text* look like a verbs dictionary (a ``--- VERB [CODE] ---`` block header)?"""
    return any(_BLOCK.match(ln.strip()) and _CODE.search(ln) for ln in text.splitlines())


def load_verb_file(path: str | Path) -> VerbDictionary:
    """Parse a verbs dictionary; a :class:`ResourceError` naming file and line when it is malformed."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as e:
        raise ResourceError(f"cannot read verb dictionary {p}: {e}") from e
    d = parse_verb_dictionary(text, origin=str(p))
    if d.problems:
        n, msg = d.problems[0]
        more = f" (and {len(d.problems) - 1} more; see palmyra lexicon check)" if len(d.problems) > 1 else ""
        raise ResourceError(f"{p}:{n}: {msg}{more}")
    if not d.forms:
        raise ResourceError(f"{p}: no verb blocks (--- VERB [CODE] ---) found")
    return d
