"""Weighted random choices, shared by the modules that build the generated records."""


def weighted(rng, weights):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def weighted_keys(rng, weights, count):
    return rng.choices(list(weights), weights=list(weights.values()), k=count)
