"""Month 7: neural networks, from the backward pass in NumPy to models trained with PyTorch.

* :mod:`aieng.deep.numpy_net` — the lesson under it all: layers whose forward *and* backward
  passes are written by hand in NumPy, checked against ``torch.autograd``;
* :mod:`aieng.deep.gradcheck` — the gradient check by central differences that proves them
  without torch;
* :mod:`aieng.deep.diagnostics` — each layer's weights, activations and gradients as numbers
  and histograms, so vanishing gradients and dead ReLUs are seen, not just named.

Importing this package imports nothing: the NumPy modules need only NumPy (the month's
exercises are graded with them, without torch), and the modules that train with PyTorch import
it themselves (``pip install 'aieng[deep]'``).
"""
