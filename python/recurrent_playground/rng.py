"""The engine's random generator (engine/core/rng.hpp: xoshiro256**, seeded through splitmix64), so a
seq2seq run's shuffles and scheduled-sampling draws continue in PyTorch as they would in the engine."""

MASK = (1 << 64) - 1


def _rotl(x, k):
    return ((x << k) | (x >> (64 - k))) & MASK


def _splitmix64(x):
    """(the next seed material, the output)."""
    x = (x + 0x9E3779B97F4A7C15) & MASK
    z = x
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return x, z ^ (z >> 31)


class Rng:
    def __init__(self, seed=0, state=None):
        if state is not None:
            self.s = [int(w) & MASK for w in state]
            return
        self.s, x = [], seed & MASK
        for _ in range(4):
            x, word = _splitmix64(x)
            self.s.append(word)

    def next_u64(self):
        s = self.s
        result = (_rotl((s[1] * 5) & MASK, 7) * 9) & MASK
        t = (s[1] << 17) & MASK
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = _rotl(s[3], 45)
        return result

    def uniform(self):
        """In [0, 1) with 53 random bits."""
        return (self.next_u64() >> 11) * 2.0 ** -53

    def below(self, n):
        """Uniform in [0, n) without favouring small values (the task generators' draw)."""
        threshold = (-n) % (1 << 64) % n
        while True:
            x = self.next_u64()
            if x >= threshold:
                return x % n
