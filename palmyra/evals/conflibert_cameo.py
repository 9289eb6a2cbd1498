"""ConfliBERT's CAMEO sets: five-class event classification and source/target actor spans.

Classes (the CAMEO "penta-class", see the folder's SOURCE.md): 0 neutral statements (CAMEO
roots 01-02), 1 verbal cooperation (03-05), 2 material cooperation (06-08), 3 verbal conflict
(09-13 and 16), 4 material conflict (14-15, 17-20). Root 16 (reduce relations: sanctions,
expulsions, aid suspended) is verbal conflict in these labels: SOURCE.md's cross-check puts PLOVER
SANCTION in class 3, and of the 85 train sentences with "expel(led)", "sanctions", "suspended
aid", "recalled", "severed", "broke off" or "embargo", 55 are labelled 3 and 1 is labelled 4.

Rule (printed with the table): a sentence's class is the CAMEO root of the event palmyra ranks
first for it (highest confidence, then earliest), mapped by :data:`ROOT_CLASS`. A sentence with
no event is predicted ``none``, which is wrong for every class (a second macro-F1 reads
``none`` as class 0, the neutral class, for comparison).

Actor spans: the NER file's tokens are joined back into a sentence; the top event's actor1
(and its allies) are source spans, actor2 (and allies) target spans, mapped onto tokens. A
gold ``R`` (reciprocal) span matches either role. Exact-span and overlap F1 are both printed.
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..types import Article, Event
from ._coding import (
    Reliability,
    add_common_arguments,
    format_table,
    gate_exit,
    make_pipeline_for,
    print_reliability,
    run_articles,
    top_event,
)

NAME = "conflibert_cameo"
HELP = "five-class CAMEO classification (macro-F1) and source/target actor-span F1 (ConfliBERT sets)"
CLASSES = ("0", "1", "2", "3", "4")
CLASS_NAMES = {
    "0": "neutral statement (01-02)",
    "1": "verbal cooperation (03-05)",
    "2": "material cooperation (06-08)",
    "3": "verbal conflict (09-13, 16)",
    "4": "material conflict (14-15, 17-20)",
}
RULE = (
    "rule: class = CAMEO root of palmyra's top event for the sentence (01-02:0, 03-05:1, 06-08:2, "
    "09-13 and 16:3, 14-15 and 17-20:4); no event = 'none', wrong for every class"
)


def root_class(root: str | None) -> str:
    """The penta-class of a CAMEO root ("none" for no root)."""
    if not root or not root.isdigit():
        return "none"
    r = int(root)
    if r == 16:  # reduce relations: verbal conflict in these labels (see the module docstring)
        return "3"
    return "0" if r <= 2 else "1" if r <= 5 else "2" if r <= 8 else "3" if r <= 13 else "4"


ROOT_CLASS = {f"{r:02d}": root_class(f"{r:02d}") for r in range(1, 21)}


def parse_classes(text: str) -> list[tuple[str, str]]:
    """(sentence, label) rows of a ``cameo_class_*.tsv`` file."""
    out = []
    for line in text.splitlines():
        line = line.rstrip("\r")
        if not line.strip():
            continue
        sentence, _, label = line.rpartition("\t")
        out.append((sentence.strip(), label.strip()))
    return out


@dataclass(frozen=True)
class NerSentence:
    tokens: tuple[str, ...]
    tags: tuple[str, ...]


def parse_ner(text: str) -> list[NerSentence]:
    out: list[NerSentence] = []
    toks: list[str] = []
    tags: list[str] = []
    for line in [*text.splitlines(), ""]:
        line = line.rstrip("\r")
        if not line.strip():
            if toks:
                out.append(NerSentence(tuple(toks), tuple(tags)))
            toks, tags = [], []
            continue
        tok, _, tag = line.rpartition(" ")
        toks.append(tok)
        tags.append(tag)
    return out


_NO_SPACE_BEFORE = {".", ",", ";", ":", "?", "!", ")", "'s", "n't", "'", "%", "''"}


def detokenize(tokens: Sequence[str]) -> tuple[str, list[tuple[int, int]]]:
    """A readable sentence from tokens, with each token's character offsets."""
    text = ""
    offsets = []
    for i, t in enumerate(tokens):
        if i and t not in _NO_SPACE_BEFORE and tokens[i - 1] not in ("(", "``", "$"):
            text += " "
        offsets.append((len(text), len(text) + len(t)))
        text += t
    return text, offsets


def gold_spans(tags: Sequence[str]) -> set[tuple[str, int, int]]:
    """(role, first token, end token) spans from BIO tags over S, T, R."""
    spans = set()
    start, role = None, None
    for i, tag in enumerate([*tags, "O"]):
        if tag.startswith("I-") and role == tag[2:]:
            continue
        if start is not None and role is not None:
            spans.add((role, start, i))
        start, role = (i, tag[2:]) if tag[:2] in ("B-", "I-") else (None, None)
    return spans


def event_spans(e: Event | None, offsets: Sequence[tuple[int, int]]) -> set[tuple[str, int, int]]:
    if e is None:
        return set()
    out = set()
    for role, actors in (("S", [e.actor1, *e.assoc_actors1]), ("T", [e.actor2, *e.assoc_actors2])):
        for a in actors:
            if a is None or a.start < 0:
                continue
            toks = [i for i, (s, t) in enumerate(offsets) if s < a.end and t > a.start]
            if toks:
                out.add((role, toks[0], toks[-1] + 1))
    return out


def _roles_ok(gold_role: str, role: str) -> bool:
    return gold_role == role or gold_role == "R"


def span_counts(
    gold: set[tuple[str, int, int]], pred: set[tuple[str, int, int]], *, overlap: bool
) -> tuple[int, int, int]:
    """(true positives, predicted, gold): each gold span matched at most once."""
    free = set(pred)
    tp = 0
    for g in sorted(gold):
        for p in sorted(free):
            same = (p[1], p[2]) == (g[1], g[2]) if not overlap else p[1] < g[2] and g[1] < p[2]
            if same and _roles_ok(g[0], p[0]):
                free.discard(p)
                tp += 1
                break
    return tp, len(pred), len(gold)


def prf(tp: int, pred: int, gold: int) -> tuple[float, float, float]:
    p = tp / pred if pred else 0.0
    r = tp / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class ClassScores:
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)  # (gold, predicted)
    reliability: Reliability = field(default_factory=Reliability.empty)
    wrong: list[tuple[str, str, str, list[Event]]] = field(default_factory=list)

    def per_class(self, *, none_as: str | None = None) -> dict[str, tuple[float, float, float, int]]:
        conf: Counter[tuple[str, str]] = Counter()
        for (g, p), n in self.confusion.items():
            conf[(g, none_as if p == "none" and none_as else p)] += n
        out = {}
        for c in CLASSES:
            tp = conf[(c, c)]
            pred = sum(n for (g, p), n in conf.items() if p == c)
            gold = sum(n for (g, p), n in conf.items() if g == c)
            out[c] = (*prf(tp, pred, gold), gold)
        return out

    def macro_f1(self, *, none_as: str | None = None) -> float:
        pc = self.per_class(none_as=none_as)
        return sum(v[2] for v in pc.values()) / len(pc)

    def accuracy(self) -> float:
        n = sum(self.confusion.values())
        return sum(k for (g, p), k in self.confusion.items() if g == p) / n if n else 0.0


def score_classes(rows: Sequence[tuple[str, str]], events: Mapping[str, Sequence[Event]]) -> ClassScores:
    s = ClassScores()
    for i, (sentence, label) in enumerate(rows):
        evs = list(events.get(f"c{i}", []))
        top = top_event(evs)
        pred = root_class(top.cameo_root if top else None)
        s.confusion[(label, pred)] += 1
        if top is not None:
            s.reliability.add(top.confidence, pred == label)
        if pred != label:
            s.wrong.append((sentence, label, pred, evs))
    return s


@dataclass
class SpanScores:
    exact: list[int] = field(default_factory=lambda: [0, 0, 0])
    overlap: list[int] = field(default_factory=lambda: [0, 0, 0])
    unlabeled: list[int] = field(default_factory=lambda: [0, 0, 0])


def score_spans(
    sents: Sequence[NerSentence], events: Mapping[str, Sequence[Event]], texts: Sequence[tuple[str, list]]
) -> SpanScores:
    s = SpanScores()
    for i, sent in enumerate(sents):
        _, offsets = texts[i]
        gold = gold_spans(sent.tags)
        pred = event_spans(top_event(list(events.get(f"n{i}", []))), offsets)
        for acc, counts in (
            (s.exact, span_counts(gold, pred, overlap=False)),
            (s.overlap, span_counts(gold, pred, overlap=True)),
            (
                s.unlabeled,
                span_counts({("R", a, b) for _, a, b in gold}, pred, overlap=False),
            ),
        ):
            for k in range(3):
                acc[k] += counts[k]
    return s


def report(c: ClassScores, sp: SpanScores | None) -> str:
    lines = [RULE, ""]
    rows = []
    for k, (p, r, f, n) in c.per_class().items():
        rows.append([k, CLASS_NAMES[k], n, f"{p:.3f}", f"{r:.3f}", f"{f:.3f}"])
    lines.append(format_table(["class", "name", "gold", "P", "R", "F1"], rows))
    none = sum(n for (g, p), n in c.confusion.items() if p == "none")
    total = sum(c.confusion.values())
    measures: list[list[object]] = [
        ["macro-F1 (5 classes)", f"{c.macro_f1():.3f}"],
        ["macro-F1 reading 'none' as class 0", f"{c.macro_f1(none_as='0'):.3f}"],
        ["accuracy", f"{c.accuracy():.3f}"],
        ["sentences with no event ('none')", f"{none}/{total}"],
    ]
    if sp is not None:
        for label, counts in (
            ("actor spans, exact, role-labelled", sp.exact),
            ("actor spans, overlap, role-labelled", sp.overlap),
            ("actor spans, exact, any role", sp.unlabeled),
        ):
            p, r, f = prf(*counts)
            measures.append([label, f"P {p:.3f} R {r:.3f} F1 {f:.3f} ({counts[0]} of {counts[2]} gold)"])
    lines += ["", format_table(["measure", "score"], measures)]
    conf_rows = [[g] + [c.confusion[(g, p)] for p in (*CLASSES, "none")] for g in CLASSES]
    lines += ["", "confusion (rows gold, columns predicted):"]
    lines.append(format_table(["gold", *CLASSES, "none"], conf_rows))
    return "\n".join(lines)


def add_arguments(p: argparse.ArgumentParser) -> None:
    add_common_arguments(p)
    p.add_argument("--split", choices=("test", "train"), default="test", help="which split (default: test)")
    p.add_argument("--no-spans", action="store_true", help="skip the actor-span (NER) file")


def evaluate(args: argparse.Namespace) -> tuple[ClassScores, SpanScores | None]:
    folder = Path(args.data_dir) / NAME
    rows = parse_classes((folder / f"cameo_class_{args.split}.tsv").read_text(encoding="utf-8"))
    sents = (
        []
        if args.no_spans
        else parse_ner((folder / f"cameo_ner_{args.split}.txt").read_text(encoding="utf-8"))
    )
    if args.limit:
        rows, sents = rows[: args.limit], sents[: args.limit]
    texts = [detokenize(s.tokens) for s in sents]
    arts = [Article(id=f"c{i}", text=t) for i, (t, _) in enumerate(rows)]
    arts += [Article(id=f"n{i}", text=t) for i, (t, _) in enumerate(texts)]
    events = run_articles(make_pipeline_for(args), arts, args)
    return score_classes(rows, events), (score_spans(sents, events, texts) if sents else None)


def run(args: argparse.Namespace) -> int:
    from .plover_gsr_cameo import describe

    c, sp = evaluate(args)
    print(report(c, sp))
    print_reliability(c.reliability, "top events; right = class matches")
    for sentence, label, pred, evs in c.wrong[: args.show_errors]:
        print(f"\ngold {label} predicted {pred}: {sentence}")
        for e in evs:
            print(f"  palmyra {e.cameo_root} {describe(e)}")
    scores: dict[str, float | None] = {"macro_f1": c.macro_f1(), "accuracy": c.accuracy()}
    span = ""
    if sp is not None:
        scores["span_f1"] = prf(*sp.exact)[2]
        scores["span_f1_overlap"] = prf(*sp.overlap)[2]
        span = f", actor-span F1 {scores['span_f1']:.3f} (overlap {scores['span_f1_overlap']:.3f})"
    n = sum(c.confusion.values())
    print(
        f"\nconflibert_cameo: macro-F1 {c.macro_f1():.3f}, accuracy {c.accuracy():.3f} on {n} sentences{span}"
    )
    return gate_exit(NAME, scores, args)


def measure(args: argparse.Namespace) -> dict[str, float | None]:
    """The scores the gate compares with their floors."""
    c, sp = evaluate(args)
    out: dict[str, float | None] = {"macro_f1": c.macro_f1(), "accuracy": c.accuracy()}
    if sp is not None:
        out["span_f1"] = prf(*sp.exact)[2]
        out["span_f1_overlap"] = prf(*sp.overlap)[2]
    return out
