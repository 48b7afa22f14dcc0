#!/usr/bin/env python3
"""Reference saliency maps of a small CNN computed with PyTorch, for the Java saliency tests.

The network is the one that org.robustlab.testing.ReferenceNetworks.smallCnn(2, 3, SOFTMAX, DUAL) describes:
conv1 (3x3, 2 -> 4, padding 1) -> bn1 (dual) -> relu1 -> conv2 (3x3, 4 -> 6, stride 2, padding 1) -> relu2
-> global average pooling -> fc (6 -> 3). Batch norm runs in inference mode with the running statistics of the
chosen branch. The maps follow the definitions in the Javadoc of the saliency contributions and are computed
here independently with torch.autograd.

Run with Debian's python3-torch (PyTorch 1.13) from this folder:
    /usr/bin/python3 saliency_reference.py
It writes saliency_reference.npz: the parameters under their Robustlab names and the inputs and outputs under
the keys listed in the OUTPUTS comment below. Seeds are fixed, so the file is reproducible.
"""
import numpy as np
import torch
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)
rng = np.random.default_rng(20261204)

CHANNELS, OUTPUTS, HEIGHT, WIDTH = 2, 3, 12, 9


def uniform(low, high, *shape):
    return rng.uniform(low, high, size=shape).astype(np.float32)


def batch_norm_parameters(prefix, channels):
    return {
        prefix + ".weight": uniform(0.5, 1.5, channels),
        prefix + ".bias": uniform(-0.2, 0.2, channels),
        prefix + ".running_mean": uniform(-0.2, 0.2, channels),
        prefix + ".running_var": uniform(0.5, 2.0, channels),
    }


parameters = {
    "conv1.weight": (rng.normal(size=(4, CHANNELS, 3, 3)) * 0.5).astype(np.float32),
    "conv1.bias": uniform(-0.1, 0.1, 4),
    **batch_norm_parameters("bn1", 4),
    **batch_norm_parameters("bn1.adversarial", 4),
    "conv2.weight": (rng.normal(size=(6, 4, 3, 3)) * 0.5).astype(np.float32),
    "conv2.bias": uniform(-0.1, 0.1, 6),
    "fc.weight": uniform(-1, 1, OUTPUTS, 6),
    "fc.bias": uniform(-0.1, 0.1, OUTPUTS),
}
P = {name: torch.tensor(value, dtype=torch.float64) for name, value in parameters.items()}


def forward(x, branch):
    """Returns the logits and the activations of relu1 and relu2."""
    bn = "bn1" if branch == "clean" else "bn1.adversarial"
    h = F.conv2d(x, P["conv1.weight"], P["conv1.bias"], padding=1)
    h = F.batch_norm(h, P[bn + ".running_mean"], P[bn + ".running_var"], P[bn + ".weight"], P[bn + ".bias"],
                     training=False, eps=1e-5)
    relu1 = F.relu(h)
    relu2 = F.relu(F.conv2d(relu1, P["conv2.weight"], P["conv2.bias"], stride=2, padding=1))
    logits = F.linear(relu2.mean(dim=(2, 3)), P["fc.weight"], P["fc.bias"])
    return logits, relu1, relu2


def score(x, weights, branch):
    return (forward(x, branch)[0] * weights).sum(dim=1)


def input_gradient(x, weights, branch):
    x = x.clone().requires_grad_(True)
    score(x, weights, branch).sum().backward()
    return x.grad


def integrated_gradients(x, baseline, weights, branch, alphas, alpha_weights):
    total = torch.zeros_like(x)
    for alpha, weight in zip(alphas, alpha_weights):
        total += weight * input_gradient(baseline + alpha * (x - baseline), weights, branch)
    return (total * (x - baseline)).sum(dim=1)


def cam(x, weights, branch, layer, plus_plus):
    logits, relu1, relu2 = forward(x.clone().requires_grad_(True), branch)
    activation = relu1 if layer == "relu1" else relu2
    gradient, = torch.autograd.grad((logits * weights).sum(), activation)
    if plus_plus:
        g2, g3 = gradient ** 2, gradient ** 3
        denominator = 2 * g2 + activation.sum(dim=(2, 3), keepdim=True) * g3
        alphas = torch.where(denominator != 0, g2 / torch.where(denominator != 0, denominator, 1.0), 0.0)
        channel_weights = (alphas * F.relu(gradient)).sum(dim=(2, 3))
    else:
        channel_weights = gradient.mean(dim=(2, 3))
    maps = F.relu((activation * channel_weights[:, :, None, None]).sum(dim=1, keepdim=True))
    return F.interpolate(maps, size=(HEIGHT, WIDTH), mode="bilinear", align_corners=False)[:, 0]


def window_starts(size, window, stride):
    starts = list(range(0, size - window + 1, stride))
    if starts[-1] + window < size:
        starts.append(size - window)
    return starts


def occlusion(x, weights, branch, window, stride):
    clean = score(x, weights, branch)
    total = torch.zeros(x.shape[0], HEIGHT, WIDTH)
    coverage = torch.zeros(HEIGHT, WIDTH)
    for top in window_starts(HEIGHT, window, stride):
        for left in window_starts(WIDTH, window, stride):
            occluded = x.clone()
            occluded[:, :, top:top + window, left:left + window] = 0
            drop = clean - score(occluded, weights, branch)
            total[:, top:top + window, left:left + window] += drop[:, None, None]
            coverage[top:top + window, left:left + window] += 1
    return total / coverage


x = torch.tensor(uniform(0, 1, 2, CHANNELS, HEIGHT, WIDTH), dtype=torch.float64)
w = torch.tensor([[1, 0, 0], [0, 0.5, 0.5]], dtype=torch.float64)
legendre_nodes, legendre_weights = np.polynomial.legendre.leggauss(16)
mean_baseline = x.mean(dim=(2, 3), keepdim=True).expand_as(x)
right_alphas = [k / 20 for k in range(1, 21)]

# OUTPUTS: every map is [2, 12, 9] in float32 and explains the weights w through the adversarial branch unless
# its name ends in _clean.
outputs = {
    "input": x,
    "class_weights": w,
    "logits_clean": forward(x, "clean")[0],
    "logits_adversarial": forward(x, "adversarial")[0],
    "vanilla_gradient": input_gradient(x, w, "adversarial").sum(dim=1),
    "vanilla_gradient_clean": input_gradient(x, w, "clean").sum(dim=1),
    "gradient_input": (input_gradient(x, w, "adversarial") * x).sum(dim=1),
    "integrated_gradients_gauss_legendre_16": integrated_gradients(
        x, torch.zeros_like(x), w, "adversarial", (legendre_nodes + 1) / 2, legendre_weights / 2),
    "integrated_gradients_mean_right_20": integrated_gradients(
        x, mean_baseline, w, "adversarial", right_alphas, [1 / 20] * 20),
    "score_difference_zero_baseline": score(x, w, "adversarial") - score(torch.zeros_like(x), w, "adversarial"),
    "grad_cam": cam(x, w, "adversarial", "relu2", False),
    "grad_cam_relu1": cam(x, w, "adversarial", "relu1", False),
    "grad_cam_plus_plus": cam(x, w, "adversarial", "relu2", True),
    "occlusion_window4_stride3": occlusion(x, w, "adversarial", 4, 3),
}
arrays = dict(parameters)
arrays.update({name: value.detach().numpy().astype(np.float32) for name, value in outputs.items()})
np.savez("saliency_reference.npz", **arrays)
print("wrote", len(arrays), "arrays with torch", torch.__version__)
