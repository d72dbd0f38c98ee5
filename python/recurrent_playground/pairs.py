"""A seq2seq run's own pairs, read and split as the engine does (engine/seq2seq/tasks/pairs.cpp): one
"source<TAB>target" per line; the held-out share is whole groups of pairs with the same source, drawn with
the run's seed. Generated tasks (reverse, addition, dates, ...) are made by the engine's generators and are
not reproduced here."""

from recurrent_playground.rng import Rng


def read_pairs(path):
    with open(path, "rb") as f:
        raw = f.read()
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    pairs = []
    for number, line in enumerate(raw.decode("utf-8").split("\n"), start=1):
        if line.endswith("\r"):
            line = line[:-1]
        if line.strip(" ") == "":
            continue
        if line.count("\t") != 1:
            raise ValueError("%s line %d: expected exactly one tab between source and target" % (path, number))
        source, target = line.split("\t")
        if not source or not target:
            raise ValueError("%s line %d: empty source or target" % (path, number))
        pairs.append((source, target))
    if not pairs:
        raise ValueError("%s: no source<TAB>target pairs" % path)
    return pairs


def _fisher_yates(items, rng):
    for i in range(len(items), 1, -1):
        j = rng.below(i)
        items[i - 1], items[j] = items[j], items[i - 1]


def split_pairs(pairs, held_fraction, seed):
    """(training pairs, held-out pairs), in file order."""
    n = len(pairs)
    fraction = min(max(held_fraction, 0.0), 1.0) if held_fraction == held_fraction else 0.0
    want = 0 if n < 2 else min(max(int(fraction * n + 0.5), 1), n - 1)
    groups, group_of = [], {}
    for i, (source, _) in enumerate(pairs):
        if source not in group_of:
            group_of[source] = len(groups)
            groups.append([])
        groups[group_of[source]].append(i)
    rng = Rng(seed)
    held = [False] * n
    if want > 0 and len(groups) >= 2:
        order = list(range(len(groups)))
        _fisher_yates(order, rng)
        taken = 0
        for g in order:
            if taken + len(groups[g]) <= want:
                for i in groups[g]:
                    held[i] = True
                taken += len(groups[g])
        if taken == 0:
            best = order[0]
            for g in order:
                if len(groups[g]) < len(groups[best]):
                    best = g
            for i in groups[best]:
                held[i] = True
    elif want > 0:
        order = list(range(n))
        _fisher_yates(order, rng)
        for k in range(want):
            held[order[k]] = True
    return [p for i, p in enumerate(pairs) if not held[i]], [p for i, p in enumerate(pairs) if held[i]]
