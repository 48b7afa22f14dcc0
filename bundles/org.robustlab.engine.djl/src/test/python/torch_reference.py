"""Writes PyTorch reference values for the PyTorch engine's agreement test.

Run with Debian's PyTorch (apt-get install python3-torch), from this folder:
    /usr/bin/python3 torch_reference.py ../resources/torch-reference.npz

The network below must match TorchReference.spec() in the Java test: every layer type of the engine-neutral
specification, dual batch norm, one residual connection, and a convolution with bias that no batch norm follows
(a bias before batch norm has a zero gradient, whose rounding noise Adam would amplify to a full step). The script draws its own parameters (seeded), so the
Java side builds its model from the parameters stored here and compares everything else.
"""
import sys

import numpy as np
import torch
import torch.nn.functional as F

torch.manual_seed(20261204)
N, C, H, W, K = 4, 2, 8, 8, 3
BATCH_NORMS = {"bn1": (4, 1e-5, 0.1), "bn2": (4, 1e-3, 0.2)}


def parameters(dual):
    p = {
        "conv1.weight": torch.randn(4, C, 3, 3) * 0.4,
        "conv2.weight": torch.randn(4, 4, 3, 3) * 0.3,
        "conv3.weight": torch.randn(4, 4, 1, 1) * 0.5,
        "conv3.bias": torch.randn(4) * 0.1,
        "fc.weight": torch.randn(K, 4) * 0.5,
        "fc.bias": torch.randn(K) * 0.1,
    }
    for name, (channels, _, _) in BATCH_NORMS.items():
        for prefix in [name] + ([name + ".adversarial"] if dual else []):
            p[prefix + ".weight"] = 1 + 0.2 * torch.randn(channels)
            p[prefix + ".bias"] = 0.1 * torch.randn(channels)
            p[prefix + ".running_mean"] = 0.1 * torch.randn(channels)
            p[prefix + ".running_var"] = 0.5 + torch.rand(channels)
    return p


def batch_norm(p, name, x, branch, training, dual):
    prefix = name + ".adversarial" if branch == "adversarial" and dual else name
    _, eps, momentum = BATCH_NORMS[name]
    return F.batch_norm(x, p[prefix + ".running_mean"], p[prefix + ".running_var"], p[prefix + ".weight"],
                        p[prefix + ".bias"], training, momentum, eps)


def forward(p, x, branch, training, dual, tap=None):
    """Runs the network; returns logits and the output of relu2 (the CAM layer)."""
    h = F.conv2d(x, p["conv1.weight"], None, 1, 1)
    h = F.relu(batch_norm(p, "bn1", h, branch, training, dual))
    pooled = F.max_pool2d(h, 3, 2, 1)
    h = F.conv2d(pooled, p["conv2.weight"], None, 1, 1)
    h = batch_norm(p, "bn2", h, branch, training, dual)
    cam = F.relu(pooled + h)
    if tap is not None:
        cam = tap(cam)
    h = F.conv2d(cam, p["conv3.weight"], p["conv3.bias"])
    logits = F.linear(h.mean(dim=(2, 3)), p["fc.weight"], p["fc.bias"])
    return logits, cam


def trainable(p):
    return [name for name in p if not name.endswith("running_mean") and not name.endswith("running_var")]


def clone(p):
    return {name: value.clone() for name, value in p.items()}


def optimizer(p, kind):
    tensors = [p[name].requires_grad_() for name in trainable(p)]
    if kind == "adam":
        return torch.optim.Adam(tensors, lr=0.01, weight_decay=0.01)
    return torch.optim.SGD(tensors, lr=0.05, momentum=0.9, nesterov=True, weight_decay=5e-4)


def softmax_cases(out):
    p = parameters(dual=True)
    x = torch.rand(N, C, H, W)
    x_adv = (x + 0.05 * torch.randn(N, C, H, W)).clamp(0, 1)
    y = torch.tensor([0, 2, 1, 2])
    onehot = F.one_hot(y, K).float()
    class_weights = torch.tensor([1.0, 2.0, 0.5])
    out.update({"x": x, "x_adv": x_adv, "labels": onehot, "class_weights": class_weights})
    out.update({"param/" + name: value for name, value in p.items()})

    with torch.no_grad():
        out["eval/logits_clean"] = forward(p, x, "clean", False, True)[0]
        out["eval/logits_adversarial"] = forward(p, x, "adversarial", False, True)[0]

    xi = x.clone().requires_grad_()
    logits = forward(p, xi, "clean", False, True)[0]
    values = F.cross_entropy(logits, y, reduction="none")
    values.sum().backward()
    out["grad/loss_gradient"], out["grad/loss_values"] = xi.grad, values.detach()

    logit_weights = torch.randn(N, K)
    xi = x.clone().requires_grad_()
    logits = forward(p, xi, "adversarial", False, True)[0]
    (logits * logit_weights).sum().backward()
    out["grad/logit_weights"], out["grad/weights_gradient"] = logit_weights, xi.grad

    reference = torch.tensor([[0.2, 0.3, 0.5], [0.0, 0.5, 0.5], [1.0, 0.0, 0.0], [0.1, 0.1, 0.8]])
    xi = x_adv.clone().requires_grad_()
    logits = forward(p, xi, "clean", False, True)[0]
    values = F.kl_div(F.log_softmax(logits, 1), reference, reduction="none").sum(1)
    values.sum().backward()
    out["grad/reference"], out["grad/divergence_gradient"] = reference, xi.grad
    out["grad/divergence_values"] = values.detach()

    kept = {}
    def tap(cam):
        kept["cam"] = cam.detach().requires_grad_()
        return kept["cam"]
    logits = forward(p, x, "clean", False, True, tap)[0]
    (logits * onehot).sum().backward()
    out["cam/activation"], out["cam/gradient"] = kept["cam"].detach(), kept["cam"].grad

    adam = clone(p)
    opt = optimizer(adam, "adam")
    for step in (1, 2):
        opt.zero_grad()
        loss_clean = F.cross_entropy(forward(adam, x, "clean", True, True)[0], y, weight=class_weights)
        loss_adv = F.cross_entropy(forward(adam, x_adv, "adversarial", True, True)[0], y, weight=class_weights)
        loss = 0.5 * loss_clean + 0.5 * loss_adv
        loss.backward()
        opt.step()
        out[f"adam/loss{step}"] = loss.detach()
    out.update({"adam/after/" + name: value.detach() for name, value in adam.items()})

    sgd = clone(p)
    opt = optimizer(sgd, "sgd")
    for step in (1, 2):
        opt.zero_grad()
        natural = forward(sgd, x, "clean", True, True)[0]
        adversarial = forward(sgd, x_adv, "clean", True, True)[0]
        log_p = F.log_softmax(natural, 1)
        divergence = (log_p.exp() * (log_p - F.log_softmax(adversarial, 1))).sum() / N
        loss = F.cross_entropy(natural, y) + 6.0 * divergence
        loss.backward()
        opt.step()
        out[f"sgd/loss{step}"] = loss.detach()
    out.update({"sgd/after/" + name: value.detach() for name, value in sgd.items()})


def sigmoid_cases(out):
    p = parameters(dual=False)
    x = torch.rand(N, C, H, W)
    labels = torch.tensor([[1.0, 0, 1], [0, 0, 1], [1, 1, 0], [0, 1, 0]])
    mask = torch.ones(N, K)
    mask[1, 0] = 0
    mask[3, 2] = 0
    pos_weight = torch.tensor([2.0, 1.0, 0.5])
    out.update({"sigmoid/x": x, "sigmoid/labels": labels, "sigmoid/mask": mask, "sigmoid/pos_weight": pos_weight})
    out.update({"sigmoid/param/" + name: value for name, value in p.items()})

    xi = x.clone().requires_grad_()
    logits = forward(p, xi, "clean", False, False)[0]
    values = (F.binary_cross_entropy_with_logits(logits, labels, reduction="none") * mask).sum(1)
    values.sum().backward()
    out["sigmoid/grad/loss_gradient"], out["sigmoid/grad/loss_values"] = xi.grad, values.detach()

    adam = clone(p)
    opt = optimizer(adam, "adam")
    opt.zero_grad()
    logits = forward(adam, x, "adversarial", True, False)[0]
    elementwise = F.binary_cross_entropy_with_logits(logits, labels, pos_weight=pos_weight, reduction="none")
    loss = (elementwise * mask).sum() / mask.sum()
    loss.backward()
    opt.step()
    out["sigmoid/adam/loss1"] = loss.detach()
    out.update({"sigmoid/adam/after/" + name: value.detach() for name, value in adam.items()})


def main():
    out = {}
    softmax_cases(out)
    sigmoid_cases(out)
    arrays = {name: value.detach().numpy().astype(np.float32) for name, value in out.items()}
    np.savez(sys.argv[1], **{name.replace("/", "__"): value for name, value in arrays.items()})
    print(f"wrote {len(arrays)} arrays to {sys.argv[1]} with torch {torch.__version__}")


if __name__ == "__main__":
    main()
