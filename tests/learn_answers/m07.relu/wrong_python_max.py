# mistake: Python's max() instead of np.maximum: it compares whole arrays, not entries
# fails: relu() runs without error


def relu(x, grad_out):
    return max(x, 0), grad_out * (x > 0)
