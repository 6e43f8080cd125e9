# mistake: zeroes the negative inputs in place: the caller's x is changed
# fails: does not modify its inputs
# on: one sample, one negative and one positive input


def relu(x, grad_out):
    x[x < 0] = 0
    return x, grad_out * (x > 0)
