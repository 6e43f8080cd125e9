# mistake: QR with a triangular solve: stable, but on exactly collinear columns R is singular
import numpy as np


def least_squares(X, y):
    A = np.column_stack([X, np.ones(len(y))])
    Q, R = np.linalg.qr(A)
    theta = np.linalg.solve(R, Q.T @ y)
    return theta[:-1], float(theta[-1])
