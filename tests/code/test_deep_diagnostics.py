"""Vanishing gradients and dead ReLUs, seen in the numbers and histograms of aieng.deep.diagnostics.

Each picture is checked against its opposite, so neither test can pass on any network: a small
init shows a gradient that vanishes and Xavier's does not; a bias of −10 kills every ReLU and a
bias of 0 kills none.
"""

from __future__ import annotations

import itertools
import math

import numpy as np
import pytest

from aieng.deep.diagnostics import histograms, inspect_layers, statistics
from aieng.deep.numpy_net import Init, Layer, Linear, ReLU, Sequential, Tanh, two_layer_net
from aieng.errors import UsageError
from aieng.reports.style import encode_figure

SEEDS = range(3)
WIDTH, DEPTH = 32, 8  # 8 hidden blocks of Linear 32 → 32 + tanh, then Linear 32 → 4


def _tanh_stack(init: Init, seed: int) -> tuple[Sequential, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    layers: list[Layer] = []
    for _ in range(DEPTH):
        layers += [Linear(WIDTH, WIDTH, init=init, seed=rng), Tanh()]
    layers.append(Linear(WIDTH, 4, init="xavier", seed=rng))
    return Sequential(*layers), rng.normal(size=(64, WIDTH)), rng.integers(0, 4, size=64)


@pytest.mark.parametrize("seed", SEEDS)
def test_a_deep_tanh_stack_with_small_weights_loses_its_gradient_layer_by_layer(seed: int) -> None:
    views = inspect_layers(*_tanh_stack(0.05, seed))
    hidden = [v.grad_rms for v in views[:DEPTH]]  # the gradient reaching layers 1 … 8
    assert all(a < b / 2 for a, b in itertools.pairwise(hidden)), hidden
    assert hidden[-1] / hidden[0] > 3**7  # at least 3× per layer on the way back
    # The weights' own gradients stay flat (the activations shrink forward by as much), and
    # tiny: the number that shows the vanishing is the gradient reaching each layer.
    norms = [v.weight_grad_norm for v in views[:DEPTH]]
    assert max(norms) / min(norms) < 4 and max(norms) < 1e-3

    healthy = inspect_layers(*_tanh_stack("xavier", seed))
    kept = [v.grad_rms for v in healthy[:DEPTH]]
    assert kept[-1] / kept[0] < 6  # Xavier's std keeps it within a few times
    assert min(v.weight_grad_norm for v in healthy[:DEPTH]) > 100 * max(norms)


@pytest.mark.parametrize("seed", SEEDS)
def test_a_large_negative_bias_kills_every_relu_and_no_step_revives_it(seed: int) -> None:
    rng = np.random.default_rng(seed)
    x, y = rng.normal(size=(256, 10)), rng.integers(0, 3, size=256)
    dead = Sequential(Linear(10, 64, bias=-10.0, seed=rng), ReLU(), Linear(64, 3, seed=rng))
    (first, _) = inspect_layers(dead, x, y)
    assert first.dead_share == 1.0
    assert not first.weight_grad.any() and not dead.gradients()["0.bias"].any()
    before = first.weight.copy()
    for _ in range(5):
        dead.loss_and_backward(x, y)
        dead.step(0.5)
    assert np.array_equal(dead.layers[0].params["weight"], before)  # nothing brings it back

    alive = Sequential(Linear(10, 64, seed=rng), ReLU(), Linear(64, 3, seed=rng))
    assert inspect_layers(alive, x, y)[0].dead_share == 0.0


def test_large_weights_saturate_tanh_and_only_activations_have_these_shares() -> None:
    big = statistics(inspect_layers(*_tanh_stack(1.0, 0)))  # std 1 over 32 inputs: |z| ~ 6
    small = statistics(inspect_layers(*_tanh_stack("xavier", 0)))
    assert big["saturated"].iloc[:DEPTH].min() > 0.5
    assert small["saturated"].iloc[1:DEPTH].max() < 0.05
    assert math.isnan(big["saturated"].iloc[-1]) and big["dead units"].isna().all()


def test_the_statistics_table_has_one_row_per_linear_layer() -> None:
    rng = np.random.default_rng(0)
    net = two_layer_net(5, 7, 3, seed=0)
    x, y = rng.normal(size=(11, 5)), rng.integers(0, 3, size=11)
    views = inspect_layers(net, x, y)
    table = statistics(views)
    assert list(table["layer"]) == ["layer 1: Linear 5 → 7 + ReLU", "layer 2: Linear 7 → 3"]
    assert list(table.columns) == [
        "layer", "weight std", "activation mean", "activation std", "dead units", "saturated",
        "gradient RMS", "‖∂loss/∂W‖",
    ]  # fmt: skip
    assert views[0].output.shape == (11, 7) and (views[0].output >= 0).all()  # after the ReLU
    assert views[1].output.shape == (11, 3)  # the logits
    assert np.array_equal(views[1].grad, net.grad_outputs[2])


def test_the_histograms_draw_every_value_of_every_layer_on_shared_axes() -> None:
    net, x, y = _tanh_stack(0.05, 0)
    views = inspect_layers(net, x, y)
    fig = histograms(views, bins=25)
    axes = np.array(fig.axes).reshape(len(views), 4)
    for row, view in zip(axes, views, strict=True):
        sizes = (view.weight.size, view.output.size, view.grad.size, view.weight_grad.size)
        for ax, size in zip(row, sizes, strict=True):
            assert len(ax.patches) == 25
            assert sum(p.get_height() for p in ax.patches) == size  # nothing dropped
    for col in range(4):  # a vanished gradient is a spike on the others' scale
        assert all(ax.get_xlim() == axes[0, col].get_xlim() for ax in axes[:, col])
    uri, width = encode_figure(fig)
    assert uri.startswith("data:image/png;base64,") and width > 0


def test_a_network_that_is_not_linear_then_activation_is_refused() -> None:
    rng = np.random.default_rng(0)
    x, y = rng.normal(size=(4, 3)), np.array([0, 1, 0, 1])
    with pytest.raises(UsageError, match=r"layer 0 \(ReLU\) does not follow a Linear layer"):
        inspect_layers(Sequential(ReLU(), Linear(3, 2)), x, y)
    with pytest.raises(UsageError, match="no layers to draw"):
        histograms([])
