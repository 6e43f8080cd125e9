# mistake: the narrowest interval holding `level` (highest density), not the equal-tailed one
# fails: low matches the reference
# The two differ whenever the posterior is lopsided.
from scipy import optimize, stats


def credible_interval(positives, rows, level):
    posterior = stats.beta(0.5 + positives, 0.5 + rows - positives)

    def width(low_tail):
        return posterior.ppf(low_tail + level) - posterior.ppf(low_tail)

    best = optimize.minimize_scalar(width, bounds=(0.0, 1 - level), method="bounded")
    return float(posterior.ppf(best.x)), float(posterior.ppf(best.x + level))
