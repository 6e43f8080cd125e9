# right: the intercept as the weight of a column of ones, one vector of parameters
import numpy as np


def gradient_descent(X, y, learning_rate, n_epochs):
    A = np.hstack([X, np.ones((X.shape[0], 1))])
    theta = np.zeros(A.shape[1])
    for _ in range(n_epochs):
        theta = theta - learning_rate * (A.T @ (A @ theta - y)) / len(y)
    return theta[:-1], float(theta[-1])
