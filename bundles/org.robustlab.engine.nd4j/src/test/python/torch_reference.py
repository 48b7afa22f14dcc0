"""Write PyTorch reference values for the ND4J engine's agreement test.

Builds two small networks in float64, a dual-BN softmax network and a single-BN sigmoid network, with seeded
parameters. For each it writes one .npz file with the parameters, the inputs and the expected logits, input
gradients, layer gradients, and parameters after Adam, SGD and TRADES steps. The ND4J engine builds the same
networks from the same parameters (PyTorch layouts and names) and compares.

Run with Debian's interpreter, which has python3-torch (1.13.1 on Debian 12):
    /usr/bin/python3 torch_reference.py OUTPUT_FOLDER
"""
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_default_dtype(torch.float64)


class DualBatchNorm(nn.Module):
    """Clean and adversarial BatchNorm2d; `adversarial` selects the branch for the next forward pass."""

    def __init__(self, channels, momentum, dual):
        super().__init__()
        self.clean = nn.BatchNorm2d(channels, momentum=momentum)
        self.adv = nn.BatchNorm2d(channels, momentum=momentum) if dual else None
        self.adversarial = False

    def forward(self, x):
        return self.adv(x) if self.adversarial and self.adv is not None else self.clean(x)


class Mini(nn.Module):
    """Stem, max pooling, one residual block with a biased strided convolution and a projection, dense head."""

    def __init__(self, dual, outputs):
        super().__init__()
        self.conv1 = nn.Conv2d(2, 4, 3, 1, 1, bias=False)
        self.bn1 = DualBatchNorm(4, 0.1, dual)
        self.pool = nn.MaxPool2d(3, 2, 1)
        self.b_conv1 = nn.Conv2d(4, 6, 3, 2, 1, bias=True)
        self.b_bn1 = DualBatchNorm(6, 0.01, dual)
        self.b_conv2 = nn.Conv2d(6, 6, 3, 1, 1, bias=False)
        self.b_bn2 = DualBatchNorm(6, 0.1, dual)
        self.b_down = nn.Conv2d(4, 6, 1, 2, 0, bias=False)
        self.b_down_bn = DualBatchNorm(6, 0.1, dual)
        self.fc = nn.Linear(6, outputs)
        self.block_out = None

    def forward(self, x):
        x = self.pool(F.relu(self.bn1(self.conv1(x))))
        body = self.b_bn2(self.b_conv2(F.relu(self.b_bn1(self.b_conv1(x)))))
        out = F.relu(body + self.b_down_bn(self.b_down(x)))
        self.block_out = out
        return self.fc(out.mean((2, 3)))

    def set_branch(self, adversarial):
        for module in self.modules():
            if isinstance(module, DualBatchNorm):
                module.adversarial = adversarial


# Our layer names for the torch modules, and the suffixes of their parameters and buffers.
LAYERS = {"conv1": "conv1", "bn1": "bn1", "b_conv1": "block_conv1", "b_bn1": "block_bn1", "b_conv2": "block_conv2",
          "b_bn2": "block_bn2", "b_down": "block_down", "b_down_bn": "block_down_bn", "fc": "fc"}
BN_ENTRIES = ("weight", "bias", "running_mean", "running_var")


def named_tensors(model):
    """Return our name -> tensor for every parameter and buffer, sharing storage with the model."""
    tensors = {}
    for module_name, ours in LAYERS.items():
        module = getattr(model, module_name)
        if isinstance(module, DualBatchNorm):
            for branch, prefix in ((module.clean, ours), (module.adv, ours + ".adversarial")):
                if branch is not None:
                    for entry in BN_ENTRIES:
                        tensors[prefix + "." + entry] = getattr(branch, entry)
        else:
            tensors[ours + ".weight"] = module.weight
            if module.bias is not None:
                tensors[ours + ".bias"] = module.bias
    return tensors


def randomize(model, generator):
    """Seeded values everywhere, with BN statistics and scales away from their defaults."""
    with torch.no_grad():
        for name, tensor in named_tensors(model).items():
            if name.endswith("running_var"):
                tensor.copy_(0.5 + torch.rand(tensor.shape, generator=generator))
            elif name.endswith("running_mean") or name.endswith(".bias"):
                tensor.copy_(0.3 * torch.randn(tensor.shape, generator=generator))
            elif ".weight" in name and tensor.dim() == 1:
                tensor.copy_(1.0 + 0.3 * torch.randn(tensor.shape, generator=generator))
            else:
                fan_in = tensor[0].numel()
                tensor.copy_(torch.randn(tensor.shape, generator=generator) * (2.0 / fan_in) ** 0.5)


def snapshot(model, prefix):
    return {prefix + name: tensor.detach().clone().numpy() for name, tensor in named_tensors(model).items()}


def softmax_loss(logits, labels, class_weights):
    """Weighted mean cross-entropy, as CrossEntropyLoss(weight=...) with class-index targets."""
    return F.cross_entropy(logits, labels.argmax(1), weight=class_weights)


def sigmoid_loss(logits, labels, mask, pos_weight):
    """Binary cross-entropy with pos_weight, averaged over the counted labels."""
    elements = F.binary_cross_entropy_with_logits(logits, labels, pos_weight=pos_weight, reduction="none")
    return (elements * mask).sum() / mask.sum()


def train(model, optimizer, steps, terms):
    """Run `steps` optimizer steps on the sum of the weighted terms; each term is (branch, input, loss fn, weight)."""
    model.train()
    for _ in range(steps):
        optimizer.zero_grad(set_to_none=True)
        total = 0
        for adversarial, x, loss, weight in terms:
            model.set_branch(adversarial)
            total = total + weight * loss(model(x))
        total.backward()
        optimizer.step()
    model.set_branch(False)


def input_gradient(model, x, objective, adversarial):
    model.eval()
    model.set_branch(adversarial)
    x = x.clone().requires_grad_(True)
    value = objective(model(x))
    (gradient,) = torch.autograd.grad(value, x)
    model.set_branch(False)
    return gradient.numpy(), value.item()


def softmax_network(generator):
    out = {}
    model = Mini(dual=True, outputs=3)
    randomize(model, generator)
    initial = {name: tensor.detach().clone() for name, tensor in named_tensors(model).items()}
    out.update(snapshot(model, "initial/"))
    x = torch.rand(4, 2, 8, 8, generator=generator)
    x_adv = (x + 0.05 * torch.randn(x.shape, generator=generator)).clamp(0, 1)
    labels = F.one_hot(torch.tensor([0, 2, 1, 2]), 3).double()
    class_weights = torch.tensor([1.0, 2.0, 0.5])
    logit_weights = torch.randn(4, 3, generator=generator)
    out.update({"x": x.numpy(), "x_adv": x_adv.numpy(), "labels": labels.numpy(),
                "class_weights": class_weights.numpy(), "logit_weights": logit_weights.numpy()})

    model.eval()
    with torch.no_grad():
        for adversarial, name in ((False, "clean"), (True, "adversarial")):
            model.set_branch(adversarial)
            out["logits/" + name] = model(x).numpy()
    model.set_branch(False)

    def summed_ce(logits):
        return F.cross_entropy(logits, labels.argmax(1), reduction="sum")

    for adversarial, name in ((False, "clean"), (True, "adversarial")):
        out["input_gradient/" + name], out["objective/" + name] = input_gradient(model, x, summed_ce, adversarial)

    reference = torch.softmax(torch.randn(4, 3, generator=generator), 1)
    out["reference"] = reference.numpy()

    def divergence(logits):
        return F.kl_div(F.log_softmax(logits, 1), reference, reduction="sum")

    out["input_gradient/divergence"], out["objective/divergence"] = input_gradient(model, x_adv, divergence, True)

    model.eval()
    model.set_branch(True)
    xr = x.clone().requires_grad_(True)
    logits = model(xr)
    activation = model.block_out
    (layer_gradient,) = torch.autograd.grad((logits * logit_weights).sum(), activation)
    out["layer/activation"] = activation.detach().numpy()
    out["layer/gradient"] = layer_gradient.numpy()
    model.set_branch(False)

    terms = [(False, x, lambda l: softmax_loss(l, labels, class_weights), 1.0),
             (True, x_adv, lambda l: softmax_loss(l, labels, class_weights), 0.5)]
    restore(model, initial)
    train(model, torch.optim.Adam(model.parameters(), lr=0.01, weight_decay=1e-3), 2, terms)
    out.update(snapshot(model, "adam/"))
    restore(model, initial)
    train(model, torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9, nesterov=True, weight_decay=1e-3), 2,
          terms)
    out.update(snapshot(model, "sgd/"))

    restore(model, initial)
    model.train()
    model.set_branch(True)
    optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
    optimizer.zero_grad(set_to_none=True)
    beta = 6.0
    clean_logits = model(x)
    adversarial_logits = model(x_adv)
    trades = (F.cross_entropy(clean_logits, labels.argmax(1))
              + beta * F.kl_div(F.log_softmax(adversarial_logits, 1), F.softmax(clean_logits, 1),
                                reduction="sum") / x.shape[0])
    out["trades_loss"] = trades.item()
    trades.backward()
    optimizer.step()
    model.set_branch(False)
    out.update(snapshot(model, "trades/"))
    return out


def sigmoid_network(generator):
    out = {}
    model = Mini(dual=False, outputs=3)
    randomize(model, generator)
    initial = {name: tensor.detach().clone() for name, tensor in named_tensors(model).items()}
    out.update(snapshot(model, "initial/"))
    x = torch.rand(4, 2, 8, 8, generator=generator)
    labels = torch.tensor([[1.0, 0, 1], [0, 0, 1], [1, 1, 0], [0, 1, 0]])
    mask = torch.tensor([[1.0, 1, 0], [1, 1, 1], [0, 1, 1], [1, 1, 1]])
    pos_weight = torch.tensor([2.0, 1.0, 3.0])
    out.update({"x": x.numpy(), "labels": labels.numpy(), "mask": mask.numpy(), "pos_weight": pos_weight.numpy()})

    def summed_bce(logits):
        return (F.binary_cross_entropy_with_logits(logits, labels, reduction="none") * mask).sum()

    out["input_gradient/clean"], out["objective/clean"] = input_gradient(model, x, summed_bce, False)
    model.eval()
    with torch.no_grad():
        out["logits/clean"] = model(x).numpy()

    terms = [(False, x, lambda l: sigmoid_loss(l, labels, mask, pos_weight), 1.0)]
    restore(model, initial)
    train(model, torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9, weight_decay=1e-3), 2, terms)
    out.update(snapshot(model, "sgd/"))
    return out


def restore(model, initial):
    with torch.no_grad():
        for name, tensor in named_tensors(model).items():
            tensor.copy_(initial[name])


def main():
    folder = sys.argv[1]
    generator = torch.Generator().manual_seed(20210713)
    for name, build in (("softmax-dual", softmax_network), ("sigmoid-single", sigmoid_network)):
        values = build(generator)
        np.savez(f"{folder}/torch-{name}.npz", **{k: np.asarray(v, dtype=np.float64) for k, v in values.items()})
        print(f"wrote {folder}/torch-{name}.npz with {len(values)} arrays (torch {torch.__version__})")


if __name__ == "__main__":
    main()
