"""A run's own pairs, read and split as the engine does (engine/core/held_out.cpp): one "source<TAB>target"
per line for seq2seq, "label<TAB>text" for the classifier; the held-out share is whole groups of rows with the
same key (the source; the text), drawn with the run's seed. Generated tasks (reverse, addition, dates, ...) are made by the engine's generators and are
not reproduced here."""

from recurrent_playground.rng import Rng


def read_pairs(path, columns=("source", "target")):
    """(first, second) of every "first<TAB>second" line; columns: how messages name the two (the classifier's
    files are label<TAB>text)."""
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
            raise ValueError("%s line %d: expected exactly one tab between %s and %s" % ((path, number) + columns))
        first, second = line.split("\t")
        if not first or not second:
            raise ValueError("%s line %d: empty %s or %s" % ((path, number) + columns))
        pairs.append((first, second))
    if not pairs:
        raise ValueError("%s: no %s<TAB>%s lines" % ((path,) + columns))
    return pairs


def _fisher_yates(items, rng):
    for i in range(len(items), 1, -1):
        j = rng.below(i)
        items[i - 1], items[j] = items[j], items[i - 1]


def split_pairs(pairs, held_fraction, seed):
    """(training pairs, held-out pairs), in file order; each pair's first element is its group's key."""
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
